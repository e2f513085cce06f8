//! `i32x4` and `i64x2` arithmetic: wrapping adds, subtractions and
//! products, minima and maxima, `abs` and `neg` (the minimum is its own
//! absolute value and negation), shifts by a count modulo the lane width,
//! and `i32x4.dot_i16x8_s`.

use super::super::prelude::*;
use super::vector::*;
use super::{simd_bin, simd_shift, simd_un};

simd_un! {
    I32x4Abs => |v: u128| from_i32x4(i32x4(v).map(i32::wrapping_abs));
    I32x4Neg => |v: u128| from_i32x4(i32x4(v).map(i32::wrapping_neg));
    I64x2Abs => |v: u128| from_i64x2(i64x2(v).map(i64::wrapping_abs));
    I64x2Neg => |v: u128| from_i64x2(i64x2(v).map(i64::wrapping_neg));
}

/// Lane-wise `f` over the `i32` lanes of two pairs.
#[inline(always)]
fn zip_i32x4(x: u128, y: u128, f: impl Fn(i32, i32) -> i32) -> u128 {
    let (x, y) = (i32x4(x), i32x4(y));
    from_i32x4(core::array::from_fn(|k| f(x[k], y[k])))
}

/// Lane-wise `f` over the `u32` lanes of two pairs.
#[inline(always)]
fn zip_u32x4(x: u128, y: u128, f: impl Fn(u32, u32) -> u32) -> u128 {
    let (x, y) = (u32x4(x), u32x4(y));
    from_u32x4(core::array::from_fn(|k| f(x[k], y[k])))
}

/// Lane-wise `f` over the `i64` lanes of two pairs.
#[inline(always)]
fn zip_i64x2(x: u128, y: u128, f: impl Fn(i64, i64) -> i64) -> u128 {
    let (x, y) = (i64x2(x), i64x2(y));
    from_i64x2(core::array::from_fn(|k| f(x[k], y[k])))
}

/// Each 32-bit lane: the sum of the two signed 16x16 products of its
/// halves (only `-32768 * -32768` twice overflows, and wraps).
#[inline(always)]
fn dot_i16x8_s(x: u128, y: u128) -> u128 {
    let (x, y) = (i16x8(x), i16x8(y));
    from_i32x4(core::array::from_fn(|k| {
        let lo = x[2 * k] as i32 * y[2 * k] as i32;
        let hi = x[2 * k + 1] as i32 * y[2 * k + 1] as i32;
        lo.wrapping_add(hi)
    }))
}

simd_bin! {
    I32x4Add => |x: u128, y: u128| zip_i32x4(x, y, i32::wrapping_add);
    I32x4Sub => |x: u128, y: u128| zip_i32x4(x, y, i32::wrapping_sub);
    I32x4Mul => |x: u128, y: u128| zip_i32x4(x, y, i32::wrapping_mul);
    I32x4MinS => |x: u128, y: u128| zip_i32x4(x, y, i32::min);
    I32x4MinU => |x: u128, y: u128| zip_u32x4(x, y, u32::min);
    I32x4MaxS => |x: u128, y: u128| zip_i32x4(x, y, i32::max);
    I32x4MaxU => |x: u128, y: u128| zip_u32x4(x, y, u32::max);
    I32x4DotI16x8S => dot_i16x8_s;
    I64x2Add => |x: u128, y: u128| zip_i64x2(x, y, i64::wrapping_add);
    I64x2Sub => |x: u128, y: u128| zip_i64x2(x, y, i64::wrapping_sub);
    I64x2Mul => |x: u128, y: u128| zip_i64x2(x, y, i64::wrapping_mul);
}

simd_shift! {
    // The count modulo the lane width.
    I32x4ShrS => |v: u128, n: u32| from_i32x4(i32x4(v).map(|x| x >> (n & 31)));
    I32x4ShrU => |v: u128, n: u32| from_u32x4(u32x4(v).map(|x| x >> (n & 31)));
    I64x2Shl => |v: u128, n: u32| from_u64x2(u64x2(v).map(|x| x << (n & 63)));
    I64x2ShrS => |v: u128, n: u32| from_i64x2(i64x2(v).map(|x| x >> (n & 63)));
    I64x2ShrU => |v: u128, n: u32| from_u64x2(u64x2(v).map(|x| x >> (n & 63)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_add_wrap() {
        let min = from_i16x8([i16::MIN; 8]);
        let dot = dot_i16x8_s;
        assert_eq!(i32x4(dot(min, min)), [i32::MIN; 4]);
        let ones = from_i16x8([1, 2, -3, 4, 0, 0, i16::MAX, -1]);
        let twos = from_i16x8([5, 6, 7, 8, 9, 9, i16::MAX, 1]);
        assert_eq!(i32x4(dot(ones, twos)), [17, 11, 0, 32767 * 32767 - 1]);
        assert_eq!(
            i32x4(zip_i32x4(
                from_i32x4([i32::MAX, 0, -1, 5]),
                from_i32x4([1, 0, 1, -7]),
                i32::wrapping_add
            )),
            [i32::MIN, 0, 0, -2]
        );
    }
}
