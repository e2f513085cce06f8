//! `i32x4` and `i64x2` arithmetic: wrapping adds, subtractions and
//! products, minima and maxima, `abs` and `neg` (the minimum is its own
//! absolute value and negation), shifts by a count modulo the lane width,
//! and `i32x4.dot_i16x8_s`.

use super::super::prelude::*;
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_shift, simd_un};

simd_un! {
    I32x4Abs => |v: [i32; 4]| map(v, i32::wrapping_abs);
    I32x4Neg => |v: [i32; 4]| map(v, i32::wrapping_neg), x86: |v| _mm_sub_epi32(_mm_setzero_si128(), v);
    I64x2Abs => |v: [i64; 2]| map(v, i64::wrapping_abs);
    I64x2Neg => |v: [i64; 2]| map(v, i64::wrapping_neg), x86: |v| _mm_sub_epi64(_mm_setzero_si128(), v);
}

/// Each 32-bit lane: the sum of the two signed 16x16 products of its
/// halves (only `-32768 * -32768` twice overflows, and wraps).
#[inline(always)]
#[allow(dead_code)] // Kernels with an `x86:` twin run it only elsewhere and in tests.
fn dot_i16x8_s(x: [i16; 8], y: [i16; 8]) -> [i32; 4] {
    build(|k| {
        let lo = x[2 * k] as i32 * y[2 * k] as i32;
        let hi = x[2 * k + 1] as i32 * y[2 * k + 1] as i32;
        lo.wrapping_add(hi)
    })
}

simd_bin! {
    I32x4Add => |x: [i32; 4], y| zip(x, y, i32::wrapping_add), x86: |x, y| _mm_add_epi32(x, y);
    I32x4Sub => |x: [i32; 4], y| zip(x, y, i32::wrapping_sub), x86: |x, y| _mm_sub_epi32(x, y);
    I32x4Mul => |x: [i32; 4], y| zip(x, y, i32::wrapping_mul);
    I32x4MinS => |x: [i32; 4], y| zip(x, y, i32::min);
    I32x4MinU => |x: [u32; 4], y| zip(x, y, u32::min);
    I32x4MaxS => |x: [i32; 4], y| zip(x, y, i32::max);
    I32x4MaxU => |x: [u32; 4], y| zip(x, y, u32::max);
    // `pmaddwd` wraps the one overflowing sum, as Wasm does.
    I32x4DotI16x8S => dot_i16x8_s, x86: |x, y| _mm_madd_epi16(x, y);
    I64x2Add => |x: [i64; 2], y| zip(x, y, i64::wrapping_add), x86: |x, y| _mm_add_epi64(x, y);
    I64x2Sub => |x: [i64; 2], y| zip(x, y, i64::wrapping_sub), x86: |x, y| _mm_sub_epi64(x, y);
    I64x2Mul => |x: [i64; 2], y| zip(x, y, i64::wrapping_mul);
}

simd_shift! {
    // The count modulo the lane width.
    I32x4ShrS => |v: [i32; 4], n: u32| map(v, |x| x >> (n & 31)),
        x86: |v, n| _mm_sra_epi32(v, count::<32>(n));
    I32x4ShrU => |v: [u32; 4], n: u32| map(v, |x| x >> (n & 31)),
        x86: |v, n| _mm_srl_epi32(v, count::<32>(n));
    I64x2Shl => |v: [u64; 2], n: u32| map(v, |x| x << (n & 63)),
        x86: |v, n| _mm_sll_epi64(v, count::<64>(n));
    I64x2ShrS => |v: [i64; 2], n: u32| map(v, |x| x >> (n & 63));
    I64x2ShrU => |v: [u64; 2], n: u32| map(v, |x| x >> (n & 63)),
        x86: |v, n| _mm_srl_epi64(v, count::<64>(n));
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
