//! `i8x16` and `i16x8` arithmetic: wrapping and saturating adds and
//! subtractions, `i16x8.mul`, minima and maxima, rounding averages, `abs`
//! and `neg` (the minimum is its own absolute value and negation),
//! `i8x16.popcnt`, `i16x8.q15mulr_sat_s`, and shifts by a count modulo the
//! lane width.

use super::super::prelude::*;
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_shift, simd_un};

/// The number of set bits of each byte, counted in all sixteen bytes at
/// once: pairs of bits, then nibbles, then bytes, each sum kept inside its
/// own field so no carry crosses into the next byte.
#[inline(always)]
fn popcnt_bytes(v: u128) -> u128 {
    const ODD_BITS: u128 = u128::MAX / 3; // 0x5555…
    const BIT_PAIRS: u128 = u128::MAX / 5; // 0x3333…
    const LOW_NIBBLES: u128 = u128::MAX / 17; // 0x0f0f…
    let pairs = v - ((v >> 1) & ODD_BITS);
    let nibbles = (pairs & BIT_PAIRS) + ((pairs >> 2) & BIT_PAIRS);
    (nibbles + (nibbles >> 4)) & LOW_NIBBLES
}

/// `(a + b + 1) >> 1` of each unsigned byte, computed in 16 bits so the
/// sum cannot overflow.
#[inline(always)]
#[allow(dead_code)] // The `x86:` twin runs instead on x86_64 (and this in tests).
fn avgr_u8(a: u8, b: u8) -> u8 {
    ((a as u16 + b as u16 + 1) >> 1) as u8
}

/// `(a + b + 1) >> 1` of each unsigned 16-bit lane, computed in 32 bits.
#[inline(always)]
#[allow(dead_code)] // The `x86:` twin runs instead on x86_64 (and this in tests).
fn avgr_u16(a: u16, b: u16) -> u16 {
    ((a as u32 + b as u32 + 1) >> 1) as u16
}

/// The Q15 product of `a` and `b` rounded to nearest (ties up) and
/// saturated: `sat16((a * b + 0x4000) >> 15)`. Only `-32768 * -32768`
/// exceeds the range (giving 32767).
#[inline(always)]
fn q15mulr_sat(a: i16, b: i16) -> i16 {
    ((a as i32 * b as i32 + 0x4000) >> 15).min(i16::MAX as i32) as i16
}

simd_un! {
    I8x16Abs => |v: [i8; 16]| map(v, i8::wrapping_abs);
    I8x16Neg => |v: [i8; 16]| map(v, i8::wrapping_neg),
        x86: |v| _mm_sub_epi8(_mm_setzero_si128(), v);
    I8x16Popcnt => popcnt_bytes;
    I16x8Abs => |v: [i16; 8]| map(v, i16::wrapping_abs);
    I16x8Neg => |v: [i16; 8]| map(v, i16::wrapping_neg),
        x86: |v| _mm_sub_epi16(_mm_setzero_si128(), v);
}

simd_bin! {
    I8x16Add => |x: [u8; 16], y| zip(x, y, u8::wrapping_add),
        x86: |x, y| _mm_add_epi8(x, y);
    I8x16AddSatS => |x: [i8; 16], y| zip(x, y, i8::saturating_add),
        x86: |x, y| _mm_adds_epi8(x, y);
    I8x16AddSatU => |x: [u8; 16], y| zip(x, y, u8::saturating_add),
        x86: |x, y| _mm_adds_epu8(x, y);
    I8x16Sub => |x: [u8; 16], y| zip(x, y, u8::wrapping_sub),
        x86: |x, y| _mm_sub_epi8(x, y);
    I8x16SubSatS => |x: [i8; 16], y| zip(x, y, i8::saturating_sub),
        x86: |x, y| _mm_subs_epi8(x, y);
    I8x16SubSatU => |x: [u8; 16], y| zip(x, y, u8::saturating_sub),
        x86: |x, y| _mm_subs_epu8(x, y);
    I8x16MinS => |x: [i8; 16], y| zip(x, y, i8::min),
        x86: |x, y| flip_signs::<8>(_mm_min_epu8(flip_signs::<8>(x), flip_signs::<8>(y)));
    I8x16MinU => |x: [u8; 16], y| zip(x, y, u8::min),
        x86: |x, y| _mm_min_epu8(x, y);
    I8x16MaxS => |x: [i8; 16], y| zip(x, y, i8::max),
        x86: |x, y| flip_signs::<8>(_mm_max_epu8(flip_signs::<8>(x), flip_signs::<8>(y)));
    I8x16MaxU => |x: [u8; 16], y| zip(x, y, u8::max),
        x86: |x, y| _mm_max_epu8(x, y);
    I8x16AvgrU => |x: [u8; 16], y| zip(x, y, avgr_u8),
        x86: |x, y| _mm_avg_epu8(x, y);
    I16x8Q15MulrSatS => |x: [i16; 8], y| zip(x, y, q15mulr_sat);
    I16x8Add => |x: [u16; 8], y| zip(x, y, u16::wrapping_add),
        x86: |x, y| _mm_add_epi16(x, y);
    I16x8AddSatS => |x: [i16; 8], y| zip(x, y, i16::saturating_add),
        x86: |x, y| _mm_adds_epi16(x, y);
    I16x8AddSatU => |x: [u16; 8], y| zip(x, y, u16::saturating_add),
        x86: |x, y| _mm_adds_epu16(x, y);
    I16x8Sub => |x: [u16; 8], y| zip(x, y, u16::wrapping_sub),
        x86: |x, y| _mm_sub_epi16(x, y);
    I16x8SubSatS => |x: [i16; 8], y| zip(x, y, i16::saturating_sub),
        x86: |x, y| _mm_subs_epi16(x, y);
    I16x8SubSatU => |x: [u16; 8], y| zip(x, y, u16::saturating_sub),
        x86: |x, y| _mm_subs_epu16(x, y);
    I16x8Mul => |x: [u16; 8], y| zip(x, y, u16::wrapping_mul),
        x86: |x, y| _mm_mullo_epi16(x, y);
    I16x8MinS => |x: [i16; 8], y| zip(x, y, i16::min),
        x86: |x, y| _mm_min_epi16(x, y);
    I16x8MinU => |x: [u16; 8], y| zip(x, y, u16::min),
        x86: |x, y| flip_signs::<16>(_mm_min_epi16(flip_signs::<16>(x), flip_signs::<16>(y)));
    I16x8MaxS => |x: [i16; 8], y| zip(x, y, i16::max),
        x86: |x, y| _mm_max_epi16(x, y);
    I16x8MaxU => |x: [u16; 8], y| zip(x, y, u16::max),
        x86: |x, y| flip_signs::<16>(_mm_max_epi16(flip_signs::<16>(x), flip_signs::<16>(y)));
    I16x8AvgrU => |x: [u16; 8], y| zip(x, y, avgr_u16),
        x86: |x, y| _mm_avg_epu16(x, y);
}

simd_shift! {
    // The count modulo the lane width.
    I8x16Shl => |v: [u8; 16], n: u32| map(v, |x| x << (n & 7));
    I8x16ShrS => |v: [i8; 16], n: u32| map(v, |x| x >> (n & 7));
    I8x16ShrU => |v: [u8; 16], n: u32| map(v, |x| x >> (n & 7));
    I16x8Shl => |v: [u16; 8], n: u32| map(v, |x| x << (n & 15)),
        x86: |v, n| _mm_sll_epi16(v, count::<16>(n));
    I16x8ShrS => |v: [i16; 8], n: u32| map(v, |x| x >> (n & 15)),
        x86: |v, n| _mm_sra_epi16(v, count::<16>(n));
    I16x8ShrU => |v: [u16; 8], n: u32| map(v, |x| x >> (n & 15)),
        x86: |v, n| _mm_srl_epi16(v, count::<16>(n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popcnt_counts_each_byte_alone() {
        for byte in 0..=255u8 {
            let v = u128::from_le_bytes([byte; 16]);
            assert_eq!(u8x16(popcnt_bytes(v)), [byte.count_ones() as u8; 16]);
        }
        let ramp: [u8; 16] = core::array::from_fn(|k| (k * 17) as u8);
        let counts = u8x16(popcnt_bytes(from_u8x16(ramp)));
        assert_eq!(counts, ramp.map(|x| x.count_ones() as u8));
    }

    #[test]
    fn q15mulr_rounds_and_saturates() {
        assert_eq!(q15mulr_sat(i16::MIN, i16::MIN), i16::MAX);
        assert_eq!(q15mulr_sat(i16::MIN, i16::MAX), -32767);
        assert_eq!(q15mulr_sat(i16::MAX, i16::MAX), 32766);
        assert_eq!(q15mulr_sat(i16::MIN, 1), -1);
        // 0x4000 * 1 = 0x4000: exactly half rounds up; just under does not.
        assert_eq!(q15mulr_sat(0x4000, 1), 1);
        assert_eq!(q15mulr_sat(0x3fff, 1), 0);
        // -0x4000 * 1 + 0x4000 = 0: ties round toward +inf.
        assert_eq!(q15mulr_sat(-0x4000, 1), 0);
        assert_eq!(q15mulr_sat(-0x4001, 1), -1);
    }

    #[test]
    fn avgr_rounds_up_without_overflow() {
        assert_eq!(avgr_u8(255, 255), 255);
        assert_eq!(avgr_u8(255, 0), 128);
        assert_eq!(avgr_u8(0, 0), 0);
        assert_eq!(avgr_u8(1, 2), 2);
        assert_eq!(avgr_u16(u16::MAX, u16::MAX), u16::MAX);
        assert_eq!(avgr_u16(u16::MAX, 0), 0x8000);
        assert_eq!(avgr_u16(3, 4), 4);
    }
}
