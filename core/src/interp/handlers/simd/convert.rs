//! Conversions between shapes: narrowing (signed input saturated to the
//! narrower signed or unsigned range), extending the low or high half,
//! extending multiplies, pairwise extending adds, and the float/integer
//! conversions (`trunc_sat` toward zero with NaN → 0 and out-of-range
//! values → the bound, `convert` and `demote` rounding to nearest even,
//! `promote` exact: Rust's `as` is each of these exactly).

use super::super::prelude::*;
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_un};
use core::ops::{Add, Mul};

/// The lanes of `x` then those of `y`, each narrowed by `f` (`M` is
/// `2 * N`).
#[inline(always)]
fn narrow<T: Copy, U: Copy + Default, const N: usize, const M: usize>(
    x: [T; N],
    y: [T; N],
    f: impl Fn(T) -> U,
) -> [U; M] {
    build(|k| f(if k < N { x[k] } else { y[k - N] }))
}

/// The first `H` lanes of `v` (its low half when `H` is `N / 2`).
#[inline(always)]
fn low<T: Copy + Default, const N: usize, const H: usize>(v: [T; N]) -> [T; H] {
    build(|k| v[k])
}

/// The last `H` lanes of `v` (its high half when `H` is `N / 2`).
#[inline(always)]
fn high<T: Copy + Default, const N: usize, const H: usize>(v: [T; N]) -> [T; H] {
    build(|k| v[N - H + k])
}

/// The products of the lanes of `x` and `y` widened to `W` (wide enough
/// that no product overflows).
#[inline(always)]
fn mul_wide<T: Copy, W: Copy + Default + From<T> + Mul<Output = W>, const H: usize>(
    x: [T; H],
    y: [T; H],
) -> [W; H] {
    build(|k| W::from(x[k]) * W::from(y[k]))
}

/// The sums of the adjacent lanes `2k`, `2k + 1` of `v` widened to `W`
/// (`N` is `2 * H`; no sum overflows).
#[inline(always)]
fn add_pairs<
    T: Copy,
    W: Copy + Default + From<T> + Add<Output = W>,
    const N: usize,
    const H: usize,
>(
    v: [T; N],
) -> [W; H] {
    build(|k| W::from(v[2 * k]) + W::from(v[2 * k + 1]))
}

simd_bin! {
    I8x16NarrowI16x8S => |x: [i16; 8], y| -> [i8; 16] {
        narrow(x, y, |v| v.clamp(-0x80, 0x7f) as i8)
    },
        x86: |x, y| _mm_packs_epi16(x, y);
    I8x16NarrowI16x8U => |x: [i16; 8], y| -> [u8; 16] {
        narrow(x, y, |v| v.clamp(0, 0xff) as u8)
    },
        x86: |x, y| _mm_packus_epi16(x, y);
    I16x8NarrowI32x4S => |x: [i32; 4], y| -> [i16; 8] {
        narrow(x, y, |v| v.clamp(-0x8000, 0x7fff) as i16)
    },
        x86: |x, y| _mm_packs_epi32(x, y);
    I16x8NarrowI32x4U => |x: [i32; 4], y| -> [u16; 8] {
        narrow(x, y, |v| v.clamp(0, 0xffff) as u16)
    };
    I16x8ExtMulLowI8x16S => |x: [i8; 16], y: [i8; 16]| -> [i16; 8] { mul_wide(low(x), low(y)) };
    I16x8ExtMulLowI8x16U => |x: [u8; 16], y: [u8; 16]| -> [u16; 8] { mul_wide(low(x), low(y)) },
        x86: |x, y| { let zero = _mm_setzero_si128(); _mm_mullo_epi16(_mm_unpacklo_epi8(x, zero), _mm_unpacklo_epi8(y, zero)) };
    I16x8ExtMulHighI8x16S => |x: [i8; 16], y: [i8; 16]| -> [i16; 8] { mul_wide(high(x), high(y)) };
    I16x8ExtMulHighI8x16U => |x: [u8; 16], y: [u8; 16]| -> [u16; 8] { mul_wide(high(x), high(y)) },
        x86: |x, y| { let zero = _mm_setzero_si128(); _mm_mullo_epi16(_mm_unpackhi_epi8(x, zero), _mm_unpackhi_epi8(y, zero)) };
    I32x4ExtMulLowI16x8S => |x: [i16; 8], y: [i16; 8]| -> [i32; 4] { mul_wide(low(x), low(y)) },
        x86: |x, y| _mm_unpacklo_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epi16(x, y));
    I32x4ExtMulLowI16x8U => |x: [u16; 8], y: [u16; 8]| -> [u32; 4] { mul_wide(low(x), low(y)) },
        x86: |x, y| _mm_unpacklo_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epu16(x, y));
    I32x4ExtMulHighI16x8S => |x: [i16; 8], y: [i16; 8]| -> [i32; 4] { mul_wide(high(x), high(y)) },
        x86: |x, y| _mm_unpackhi_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epi16(x, y));
    I32x4ExtMulHighI16x8U => |x: [u16; 8], y: [u16; 8]| -> [u32; 4] { mul_wide(high(x), high(y)) },
        x86: |x, y| _mm_unpackhi_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epu16(x, y));
    I64x2ExtMulLowI32x4S => |x: [i32; 4], y: [i32; 4]| -> [i64; 2] { mul_wide(low(x), low(y)) };
    I64x2ExtMulLowI32x4U => |x: [u32; 4], y: [u32; 4]| -> [u64; 2] { mul_wide(low(x), low(y)) },
        x86: |x, y| _mm_mul_epu32(_mm_unpacklo_epi32(x, x), _mm_unpacklo_epi32(y, y));
    I64x2ExtMulHighI32x4S => |x: [i32; 4], y: [i32; 4]| -> [i64; 2] { mul_wide(high(x), high(y)) };
    I64x2ExtMulHighI32x4U => |x: [u32; 4], y: [u32; 4]| -> [u64; 2] { mul_wide(high(x), high(y)) },
        x86: |x, y| _mm_mul_epu32(_mm_unpackhi_epi32(x, x), _mm_unpackhi_epi32(y, y));
}

simd_un! {
    I16x8ExtendLowI8x16S => |v: [i8; 16]| -> [i16; 8] { map(low(v), i16::from) },
        x86: |v| _mm_srai_epi16::<8>(_mm_unpacklo_epi8(v, v));
    I16x8ExtendLowI8x16U => |v: [u8; 16]| -> [u16; 8] { map(low(v), u16::from) },
        x86: |v| _mm_unpacklo_epi8(v, _mm_setzero_si128());
    I16x8ExtendHighI8x16S => |v: [i8; 16]| -> [i16; 8] { map(high(v), i16::from) },
        x86: |v| _mm_srai_epi16::<8>(_mm_unpackhi_epi8(v, v));
    I16x8ExtendHighI8x16U => |v: [u8; 16]| -> [u16; 8] { map(high(v), u16::from) },
        x86: |v| _mm_unpackhi_epi8(v, _mm_setzero_si128());
    I32x4ExtendLowI16x8S => |v: [i16; 8]| -> [i32; 4] { map(low(v), i32::from) },
        x86: |v| _mm_srai_epi32::<16>(_mm_unpacklo_epi16(v, v));
    I32x4ExtendLowI16x8U => |v: [u16; 8]| -> [u32; 4] { map(low(v), u32::from) },
        x86: |v| _mm_unpacklo_epi16(v, _mm_setzero_si128());
    I32x4ExtendHighI16x8S => |v: [i16; 8]| -> [i32; 4] { map(high(v), i32::from) },
        x86: |v| _mm_srai_epi32::<16>(_mm_unpackhi_epi16(v, v));
    I32x4ExtendHighI16x8U => |v: [u16; 8]| -> [u32; 4] { map(high(v), u32::from) },
        x86: |v| _mm_unpackhi_epi16(v, _mm_setzero_si128());
    I64x2ExtendLowI32x4S => |v: [i32; 4]| -> [i64; 2] { map(low(v), i64::from) };
    I64x2ExtendLowI32x4U => |v: [u32; 4]| -> [u64; 2] { map(low(v), u64::from) },
        x86: |v| _mm_unpacklo_epi32(v, _mm_setzero_si128());
    I64x2ExtendHighI32x4S => |v: [i32; 4]| -> [i64; 2] { map(high(v), i64::from) };
    I64x2ExtendHighI32x4U => |v: [u32; 4]| -> [u64; 2] { map(high(v), u64::from) },
        x86: |v| _mm_unpackhi_epi32(v, _mm_setzero_si128());
    I16x8ExtAddPairwiseI8x16S => |v: [i8; 16]| -> [i16; 8] { add_pairs(v) };
    I16x8ExtAddPairwiseI8x16U => |v: [u8; 16]| -> [u16; 8] { add_pairs(v) },
        x86: |v| _mm_add_epi16(_mm_and_si128(v, _mm_set1_epi16(0xff)), _mm_srli_epi16::<8>(v));
    I32x4ExtAddPairwiseI16x8S => |v: [i16; 8]| -> [i32; 4] { add_pairs(v) },
        x86: |v| _mm_madd_epi16(v, _mm_set1_epi16(1));
    I32x4ExtAddPairwiseI16x8U => |v: [u16; 8]| -> [u32; 4] { add_pairs(v) },
        x86: |v| _mm_add_epi32(_mm_and_si128(v, _mm_set1_epi32(0xffff)), _mm_srli_epi32::<16>(v));
    // `as` from a float: toward zero, NaN → 0, saturating at the bounds.
    I32x4TruncSatF32x4S => |v: [f32; 4]| map(v, |x| x as i32);
    I32x4TruncSatF32x4U => |v: [f32; 4]| map(v, |x| x as u32);
    I32x4TruncSatF64x2SZero => |v: [f64; 2]| -> [i32; 4] { [v[0] as i32, v[1] as i32, 0, 0] };
    I32x4TruncSatF64x2UZero => |v: [f64; 2]| -> [u32; 4] { [v[0] as u32, v[1] as u32, 0, 0] };
    // `as` to a float: nearest, ties to even (exact into `f64`).
    F32x4ConvertI32x4S => |v: [i32; 4]| map(v, |x| x as f32),
        x86: |v| _mm_cvtepi32_ps(v);
    F32x4ConvertI32x4U => |v: [u32; 4]| map(v, |x| x as f32);
    F64x2ConvertLowI32x4S => |v: [i32; 4]| -> [f64; 2] { map(low(v), f64::from) },
        x86: |v| _mm_cvtepi32_pd(v);
    F64x2ConvertLowI32x4U => |v: [u32; 4]| -> [f64; 2] { map(low(v), f64::from) };
    // Between float widths a NaN comes out quiet, as the scalar
    // `f32.demote_f64`/`f64.promote_f32`.
    F32x4DemoteF64x2Zero => |v: [f64; 2]| -> [f32; 4] { [v[0] as f32, v[1] as f32, 0.0, 0.0] };
    F64x2PromoteLowF32x4 => |v: [f32; 4]| -> [f64; 2] { map(low(v), f64::from) },
        x86: |v| _mm_cvtps_pd(v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_saturates_signed_input() {
        let x = [i16::MIN, -129, -128, -1, 0, 127, 128, i16::MAX];
        let y = [255, 256, 1, 2, 3, 4, 5, -300];
        let s: [i8; 16] = narrow(x, y, |v| v.clamp(-0x80, 0x7f) as i8);
        assert_eq!(
            s,
            [
                -128, -128, -128, -1, 0, 127, 127, 127, 127, 127, 1, 2, 3, 4, 5, -128
            ]
        );
        let u: [u8; 16] = narrow(x, y, |v| v.clamp(0, 0xff) as u8);
        assert_eq!(
            u,
            [0, 0, 0, 0, 0, 127, 128, 255, 255, 255, 1, 2, 3, 4, 5, 0]
        );
    }

    #[test]
    fn halves_products_and_pairs() {
        let v: [i8; 16] = build(|k| k as i8 - 8);
        assert_eq!(high::<_, 16, 8>(v), [0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(low::<_, 16, 8>(v), [-8, -7, -6, -5, -4, -3, -2, -1]);
        let min: [i16; 4] = mul_wide([i8::MIN; 4], [i8::MIN, i8::MAX, -1, 0]);
        assert_eq!(min, [16384, -16256, 128, 0]);
        let max: [u32; 2] = mul_wide([u16::MAX; 2], [u16::MAX, 1]);
        assert_eq!(max, [0xfffe_0001, 0xffff]);
        let pairs: [i32; 4] = add_pairs([i16::MIN, i16::MIN, i16::MAX, i16::MAX, -1, 1, 0, -1]);
        assert_eq!(pairs, [-65536, 65534, 0, -1]);
        let pairs: [u16; 8] = add_pairs([u8::MAX; 16]);
        assert_eq!(pairs, [510; 8]);
    }

    #[test]
    fn float_conversions_saturate_and_round() {
        let trunc = |v: [f32; 4]| v.map(|x| x as i32);
        assert_eq!(
            trunc([f32::NAN, -2147483904.0, 2147483648.0, -0.99]),
            [0, i32::MIN, i32::MAX, 0]
        );
        // 2^32 - 1 rounds up to 2^32; 2^24 + 1 ties to even (down).
        assert_eq!(u32::MAX as f32, 4294967296.0);
        assert_eq!(16777217u32 as f32, 16777216.0);
        let demoted = [f64::from_bits(0x7ff0_0000_0000_0001) as f32, 0.0, 0.0, 0.0];
        assert!(demoted[0].is_nan() && demoted[0].to_bits() & 0x0040_0000 != 0);
    }
}
