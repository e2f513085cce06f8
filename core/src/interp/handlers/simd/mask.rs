//! `all_true`, `bitmask` and the integer comparisons (all-ones lanes where
//! the comparison holds, zero lanes elsewhere). `gt` and `ge` are `lt` and
//! `le` with the operands exchanged by the translator.

use super::super::prelude::*;
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_scalar};

/// 1 when no lane is zero.
#[inline(always)]
fn all_true<T: Copy + Default + PartialEq, const N: usize>(lanes: [T; N]) -> u64 {
    lanes.iter().all(|&x| x != T::default()) as u64
}

/// Each lane's top bit, lane `k` into bit `k` (the lanes seen as signed:
/// the top bit is the sign).
#[inline(always)]
#[allow(dead_code)] // Kernels with an `x86:` twin run it only elsewhere and in tests.
fn bitmask<T: Copy + Default + PartialOrd, const N: usize>(lanes: [T; N]) -> u64 {
    lanes
        .iter()
        .enumerate()
        .fold(0, |mask, (k, &x)| mask | ((x < T::default()) as u64) << k)
}

simd_scalar! {
    I8x16AllTrue => |v: [u8; 16], _| all_true(v),
        x86: |v, _| (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) == 0) as u64;
    I16x8AllTrue => |v: [u16; 8], _| all_true(v),
        x86: |v, _| (_mm_movemask_epi8(_mm_cmpeq_epi16(v, _mm_setzero_si128())) == 0) as u64;
    I32x4AllTrue => |v: [u32; 4], _| all_true(v),
        x86: |v, _| (_mm_movemask_epi8(_mm_cmpeq_epi32(v, _mm_setzero_si128())) == 0) as u64;
    I64x2AllTrue => |v: [u64; 2], _| all_true(v);
    I8x16Bitmask => |v: [i8; 16], _| bitmask(v), x86: |v, _| _mm_movemask_epi8(v) as u64;
    I16x8Bitmask => |v: [i16; 8], _| bitmask(v),
        x86: |v, _| _mm_movemask_epi8(_mm_packs_epi16(v, _mm_setzero_si128())) as u64;
    I32x4Bitmask => |v: [i32; 4], _| bitmask(v),
        x86: |v, _| _mm_movemask_ps(_mm_castsi128_ps(v)) as u64;
    I64x2Bitmask => |v: [i64; 2], _| bitmask(v),
        x86: |v, _| _mm_movemask_pd(_mm_castsi128_pd(v)) as u64;
}

simd_bin! {
    I8x16Eq => |x: [u8; 16], y| compare(x, y, u8::eq), x86: |x, y| _mm_cmpeq_epi8(x, y);
    I8x16Ne => |x: [u8; 16], y| compare(x, y, u8::ne), x86: |x, y| not(_mm_cmpeq_epi8(x, y));
    I8x16LtS => |x: [i8; 16], y| compare(x, y, i8::lt), x86: |x, y| _mm_cmplt_epi8(x, y);
    I8x16LtU => |x: [u8; 16], y| compare(x, y, u8::lt),
        x86: |x, y| _mm_cmplt_epi8(flip_signs::<8>(x), flip_signs::<8>(y));
    I8x16LeS => |x: [i8; 16], y| compare(x, y, i8::le), x86: |x, y| not(_mm_cmpgt_epi8(x, y));
    I8x16LeU => |x: [u8; 16], y| compare(x, y, u8::le),
        x86: |x, y| _mm_cmpeq_epi8(_mm_min_epu8(x, y), x);
    I16x8Eq => |x: [u16; 8], y| compare(x, y, u16::eq), x86: |x, y| _mm_cmpeq_epi16(x, y);
    I16x8Ne => |x: [u16; 8], y| compare(x, y, u16::ne), x86: |x, y| not(_mm_cmpeq_epi16(x, y));
    I16x8LtS => |x: [i16; 8], y| compare(x, y, i16::lt), x86: |x, y| _mm_cmplt_epi16(x, y);
    I16x8LtU => |x: [u16; 8], y| compare(x, y, u16::lt),
        x86: |x, y| _mm_cmplt_epi16(flip_signs::<16>(x), flip_signs::<16>(y));
    I16x8LeS => |x: [i16; 8], y| compare(x, y, i16::le), x86: |x, y| not(_mm_cmpgt_epi16(x, y));
    I16x8LeU => |x: [u16; 8], y| compare(x, y, u16::le),
        x86: |x, y| not(_mm_cmpgt_epi16(flip_signs::<16>(x), flip_signs::<16>(y)));
    I32x4Eq => |x: [u32; 4], y| compare(x, y, u32::eq), x86: |x, y| _mm_cmpeq_epi32(x, y);
    I32x4Ne => |x: [u32; 4], y| compare(x, y, u32::ne), x86: |x, y| not(_mm_cmpeq_epi32(x, y));
    I32x4LtS => |x: [i32; 4], y| compare(x, y, i32::lt), x86: |x, y| _mm_cmplt_epi32(x, y);
    I32x4LtU => |x: [u32; 4], y| compare(x, y, u32::lt),
        x86: |x, y| _mm_cmplt_epi32(flip_signs::<32>(x), flip_signs::<32>(y));
    I32x4LeS => |x: [i32; 4], y| compare(x, y, i32::le), x86: |x, y| not(_mm_cmpgt_epi32(x, y));
    I32x4LeU => |x: [u32; 4], y| compare(x, y, u32::le),
        x86: |x, y| not(_mm_cmpgt_epi32(flip_signs::<32>(x), flip_signs::<32>(y)));
    I64x2Eq => |x: [u64; 2], y| compare(x, y, u64::eq);
    I64x2Ne => |x: [u64; 2], y| compare(x, y, u64::ne);
    I64x2LtS => |x: [i64; 2], y| compare(x, y, i64::lt);
    I64x2LeS => |x: [i64; 2], y| compare(x, y, i64::le);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simd_all_true_needs_every_lane() {
        assert_eq!(all_true(u8x16(!0)), 1);
        assert_eq!(
            all_true(u8x16(0x0101_0101_0101_0101_0101_0101_0101_0101)),
            1
        );
        for k in 0..16 {
            assert_eq!(all_true(u8x16(!(0xffu128 << (8 * k)))), 0);
        }
        assert_eq!(all_true(u64x2(1)), 0);
        assert_eq!(all_true(u64x2(1 | 1 << 64)), 1);
    }

    #[test]
    fn simd_bitmask_puts_lane_zero_in_bit_zero() {
        assert_eq!(bitmask(i8x16(0x80)), 1);
        assert_eq!(bitmask(i8x16(0x80u128 << 120)), 0x8000);
        assert_eq!(bitmask(i8x16(!0)), 0xffff);
        assert_eq!(bitmask(i8x16(0x7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f)), 0);
        assert_eq!(bitmask(i16x8(0xffff_0000_ffff_0000)), 0b1010);
        assert_eq!(bitmask(i32x4(0x8000_0000u128 << 64)), 0b0100);
        assert_eq!(bitmask(i64x2(1u128 << 127)), 0b10);
    }

    #[test]
    fn simd_comparisons_give_all_ones_or_zero_lanes() {
        // Lane 0: 0x80 against 0x7f; lane 1: equal lanes.
        let (x, y) = (0x0580u128, 0x057fu128);
        assert_eq!(from_i8x16(compare(i8x16(x), i8x16(y), i8::lt)), 0xff);
        assert_eq!(from_u8x16(compare(u8x16(x), u8x16(y), u8::lt)), 0);
        assert_eq!(from_u8x16(compare(u8x16(y), u8x16(x), u8::lt)), 0xff);
        assert_eq!(compare([0u32; 4], [!0; 4], u32::le), [!0; 4]);
        assert_eq!(compare([1u64, 0], [0, 0], u64::ne), [u64::MAX, 0]);
    }
}
