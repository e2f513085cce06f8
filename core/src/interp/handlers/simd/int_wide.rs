//! `i32x4` and `i64x2` arithmetic: wrapping adds, subtractions and
//! products, minima and maxima, `abs` and `neg` (the minimum is its own
//! absolute value and negation), shifts by a count modulo the lane width,
//! and `i32x4.dot_i16x8_s`.

use super::super::prelude::*;
use super::vector::*;
use super::{simd_bin, simd_shift, simd_un};

simd_un! {
    I32x4Abs => |v: [i32; 4]| v.map(i32::wrapping_abs);
    I32x4Neg => |v: [i32; 4]| v.map(i32::wrapping_neg);
    I64x2Abs => |v: [i64; 2]| v.map(i64::wrapping_abs);
    I64x2Neg => |v: [i64; 2]| v.map(i64::wrapping_neg);
}

/// Each 32-bit lane: the sum of the two signed 16x16 products of its
/// halves (only `-32768 * -32768` twice overflows, and wraps).
#[inline(always)]
fn dot_i16x8_s(x: [i16; 8], y: [i16; 8]) -> [i32; 4] {
    core::array::from_fn(|k| {
        let lo = x[2 * k] as i32 * y[2 * k] as i32;
        let hi = x[2 * k + 1] as i32 * y[2 * k + 1] as i32;
        lo.wrapping_add(hi)
    })
}

simd_bin! {
    I32x4Add => |x: [i32; 4], y| zip(x, y, i32::wrapping_add);
    I32x4Sub => |x: [i32; 4], y| zip(x, y, i32::wrapping_sub);
    I32x4Mul => |x: [i32; 4], y| zip(x, y, i32::wrapping_mul);
    I32x4MinS => |x: [i32; 4], y| zip(x, y, i32::min);
    I32x4MinU => |x: [u32; 4], y| zip(x, y, u32::min);
    I32x4MaxS => |x: [i32; 4], y| zip(x, y, i32::max);
    I32x4MaxU => |x: [u32; 4], y| zip(x, y, u32::max);
    I32x4DotI16x8S => dot_i16x8_s;
    I64x2Add => |x: [i64; 2], y| zip(x, y, i64::wrapping_add);
    I64x2Sub => |x: [i64; 2], y| zip(x, y, i64::wrapping_sub);
    I64x2Mul => |x: [i64; 2], y| zip(x, y, i64::wrapping_mul);
}

simd_shift! {
    // The count modulo the lane width.
    I32x4ShrS => |v: [i32; 4], n: u32| v.map(|x| x >> (n & 31));
    I32x4ShrU => |v: [u32; 4], n: u32| v.map(|x| x >> (n & 31));
    I64x2Shl => |v: [u64; 2], n: u32| v.map(|x| x << (n & 63));
    I64x2ShrS => |v: [i64; 2], n: u32| v.map(|x| x >> (n & 63));
    I64x2ShrU => |v: [u64; 2], n: u32| v.map(|x| x >> (n & 63));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_add_wrap() {
        let min = [i16::MIN; 8];
        let dot = dot_i16x8_s;
        assert_eq!(dot(min, min), [i32::MIN; 4]);
        let ones = [1, 2, -3, 4, 0, 0, i16::MAX, -1];
        let twos = [5, 6, 7, 8, 9, 9, i16::MAX, 1];
        assert_eq!(dot(ones, twos), [17, 11, 0, 32767 * 32767 - 1]);
        assert_eq!(
            zip([i32::MAX, 0, -1, 5], [1, 0, 1, -7], i32::wrapping_add),
            [i32::MIN, 0, 0, -2]
        );
    }
}
