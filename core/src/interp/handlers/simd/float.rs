//! `f32x4` and `f64x2` arithmetic and comparisons, lane by lane with the
//! scalar rules: `min`/`max` give a NaN operand quieted (payload kept, the
//! left one if both are NaN) and order `-0 < +0`; `pmin`/`pmax` are plain
//! selects; the roundings quiet NaNs and keep the sign of a zero; `abs` and
//! `neg` touch the sign bit only. Comparisons give all-ones or zero lanes
//! (`ne` holds for NaN); `gt` and `ge` are `lt` and `le` with the operands
//! exchanged by the translator.

// Where the `x86:` twins run, the portable kernels and their helpers are
// built for tests only.
#![cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(miri)),
    allow(dead_code)
)]

use super::super::prelude::*;
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_un};

/// The sign bit of an `f32` lane.
const SIGN32: u32 = 1 << 31;
/// The sign bit of an `f64` lane.
const SIGN64: u64 = 1 << 63;

/// A float lane type and the integer lane of its width that a comparison
/// writes.
trait FloatLane: Copy {
    /// The integer lane of the same width.
    type Mask: LaneMask + Default;
}

impl FloatLane for f32 {
    type Mask = u32;
}

impl FloatLane for f64 {
    type Mask = u64;
}

/// The lane masks `x[k] relation y[k]` of float lanes: all ones where it
/// holds, zero elsewhere.
#[inline(always)]
fn compare_float<F: FloatLane, const N: usize>(
    x: [F; N],
    y: [F; N],
    relation: impl Fn(&F, &F) -> bool,
) -> [F::Mask; N] {
    zip(x, y, |a, b| F::Mask::mask(relation(&a, &b)))
}

/// Each `f32` lane of `v` through `f`, a scalar function that calls into
/// libm (a rounding, `sqrt`). Out of line: the calls stay out of the
/// handler, which then keeps no frame of its own and ends in a jump.
#[inline(never)]
fn libm_f32x4(v: u128, f: impl Fn(f32) -> f32) -> u128 {
    from_f32x4(map(f32x4(v), f))
}

/// Each `f64` lane of `v` through `f`, out of line as [`libm_f32x4`].
#[inline(never)]
fn libm_f64x2(v: u128, f: impl Fn(f64) -> f64) -> u128 {
    from_f64x2(map(f64x2(v), f))
}

/// `pmin`: `b < a ? b : a`, so a NaN in either operand gives `a`.
#[inline(always)]
fn pmin<F: PartialOrd>(a: F, b: F) -> F {
    if b < a { b } else { a }
}

/// `pmax`: `a < b ? b : a`, so a NaN in either operand gives `a`.
#[inline(always)]
fn pmax<F: PartialOrd>(a: F, b: F) -> F {
    if a < b { b } else { a }
}

simd_bin! {
    F32x4Eq => |x: [f32; 4], y| compare_float(x, y, f32::eq),
        x86: |x, y| _mm_cmpeq_ps(x, y);
    F32x4Ne => |x: [f32; 4], y| compare_float(x, y, f32::ne),
        x86: |x, y| _mm_cmpneq_ps(x, y);
    F32x4Lt => |x: [f32; 4], y| compare_float(x, y, f32::lt),
        x86: |x, y| _mm_cmplt_ps(x, y);
    F32x4Le => |x: [f32; 4], y| compare_float(x, y, f32::le),
        x86: |x, y| _mm_cmple_ps(x, y);
    F64x2Eq => |x: [f64; 2], y| compare_float(x, y, f64::eq),
        x86: |x, y| _mm_cmpeq_pd(x, y);
    F64x2Ne => |x: [f64; 2], y| compare_float(x, y, f64::ne),
        x86: |x, y| _mm_cmpneq_pd(x, y);
    F64x2Lt => |x: [f64; 2], y| compare_float(x, y, f64::lt),
        x86: |x, y| _mm_cmplt_pd(x, y);
    F64x2Le => |x: [f64; 2], y| compare_float(x, y, f64::le),
        x86: |x, y| _mm_cmple_pd(x, y);
}

simd_un! {
    F32x4Ceil => |v: u128| libm_f32x4(v, f32_ceil);
    F32x4Floor => |v: u128| libm_f32x4(v, f32_floor);
    F32x4Trunc => |v: u128| libm_f32x4(v, f32_trunc);
    F32x4Nearest => |v: u128| libm_f32x4(v, f32_nearest);
    F32x4Abs => |v: [u32; 4]| map(v, |x| x & !SIGN32),
        x86: |v| _mm_and_si128(v, _mm_set1_epi32(i32::MAX));
    F32x4Neg => |v: [u32; 4]| map(v, |x| x ^ SIGN32),
        x86: |v| _mm_xor_si128(v, _mm_set1_epi32(i32::MIN));
    F32x4Sqrt => |v: u128| libm_f32x4(v, f32_sqrt),
        x86(nan_f32): |v| _mm_sqrt_ps(v);
    F64x2Ceil => |v: u128| libm_f64x2(v, f64_ceil);
    F64x2Floor => |v: u128| libm_f64x2(v, f64_floor);
    F64x2Trunc => |v: u128| libm_f64x2(v, f64_trunc);
    F64x2Nearest => |v: u128| libm_f64x2(v, f64_nearest);
    F64x2Abs => |v: [u64; 2]| map(v, |x| x & !SIGN64),
        x86: |v| _mm_and_si128(v, _mm_set1_epi64x(i64::MAX));
    F64x2Neg => |v: [u64; 2]| map(v, |x| x ^ SIGN64),
        x86: |v| _mm_xor_si128(v, _mm_set1_epi64x(i64::MIN));
    F64x2Sqrt => |v: u128| libm_f64x2(v, f64_sqrt),
        x86(nan_f64): |v| _mm_sqrt_pd(v);
}

simd_bin! {
    F32x4Add => |x: [f32; 4], y| zip(x, y, |a, b| a + b),
        x86(nan_f32): |x, y| _mm_add_ps(x, y);
    F32x4Sub => |x: [f32; 4], y| zip(x, y, |a, b| a - b),
        x86(nan_f32): |x, y| _mm_sub_ps(x, y);
    F32x4Mul => |x: [f32; 4], y| zip(x, y, |a, b| a * b),
        x86(nan_f32): |x, y| _mm_mul_ps(x, y);
    F32x4Div => |x: [f32; 4], y| zip(x, y, |a, b| a / b),
        x86(nan_f32): |x, y| _mm_div_ps(x, y);
    F32x4Min => |x: [f32; 4], y| zip(x, y, f32_min);
    F32x4Max => |x: [f32; 4], y| zip(x, y, f32_max);
    F32x4PMin => |x: [f32; 4], y| zip(x, y, pmin),
        x86: |x, y| _mm_min_ps(y, x);
    F32x4PMax => |x: [f32; 4], y| zip(x, y, pmax),
        x86: |x, y| _mm_max_ps(y, x);
    F64x2Add => |x: [f64; 2], y| zip(x, y, |a, b| a + b),
        x86(nan_f64): |x, y| _mm_add_pd(x, y);
    F64x2Sub => |x: [f64; 2], y| zip(x, y, |a, b| a - b),
        x86(nan_f64): |x, y| _mm_sub_pd(x, y);
    F64x2Mul => |x: [f64; 2], y| zip(x, y, |a, b| a * b),
        x86(nan_f64): |x, y| _mm_mul_pd(x, y);
    F64x2Div => |x: [f64; 2], y| zip(x, y, |a, b| a / b),
        x86(nan_f64): |x, y| _mm_div_pd(x, y);
    F64x2Min => |x: [f64; 2], y| zip(x, y, f64_min);
    F64x2Max => |x: [f64; 2], y| zip(x, y, f64_max);
    F64x2PMin => |x: [f64; 2], y| zip(x, y, pmin),
        x86: |x, y| _mm_min_pd(y, x);
    F64x2PMax => |x: [f64; 2], y| zip(x, y, pmax),
        x86: |x, y| _mm_max_pd(y, x);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits of each lane, for comparisons that see NaN payloads and
    /// the sign of zero.
    fn bits32(v: [f32; 4]) -> [u32; 4] {
        v.map(f32::to_bits)
    }

    #[test]
    fn simd_min_max_quiet_the_left_nan_and_order_zeros() {
        let nan = f32::from_bits(0x7fa0_0001); // signalling, payload 0x200001
        let other = f32::from_bits(0xffc0_0005);
        let x = [nan, -0.0, 0.0, 1.0];
        let y = [other, 0.0, -0.0, nan];
        assert_eq!(
            bits32(zip(x, y, f32_min)),
            [0x7fe0_0001, 0x8000_0000, 0x8000_0000, 0x7fe0_0001]
        );
        assert_eq!(bits32(zip(x, y, f32_max)), [0x7fe0_0001, 0, 0, 0x7fe0_0001]);
        let d = f64::from_bits(0xfff0_0000_0000_0123);
        assert_eq!(
            zip([1.0, -0.0], [d, 0.0], f64_min).map(f64::to_bits),
            [0xfff8_0000_0000_0123, 0x8000_0000_0000_0000]
        );
    }

    #[test]
    fn simd_pmin_pmax_give_the_first_operand_unless_ordered() {
        let nan = f32::from_bits(0x7f80_0042);
        let x = [nan, 1.0, -0.0, 2.0];
        let y = [1.0, nan, 0.0, -3.0];
        assert_eq!(
            bits32(zip(x, y, pmin)),
            [0x7f80_0042, 1f32.to_bits(), 0x8000_0000, (-3f32).to_bits()]
        );
        assert_eq!(
            bits32(zip(x, y, pmax)),
            [0x7f80_0042, 1f32.to_bits(), 0x8000_0000, 2f32.to_bits()]
        );
    }

    #[test]
    fn simd_nearest_ties_to_even_and_keeps_signs() {
        let v = from_f32x4([-0.4, 2.5, -3.5, f32::from_bits(0xff80_0007)]);
        assert_eq!(
            u32x4(libm_f32x4(v, f32_nearest)),
            [0x8000_0000, 2f32.to_bits(), (-4f32).to_bits(), 0xffc0_0007]
        );
        let w = from_f64x2([-0.5, 4.5]);
        assert_eq!(f64x2(libm_f64x2(w, f64_nearest)), [-0.0, 4.0]);
        assert_eq!(u64x2(libm_f64x2(w, f64_ceil))[0], SIGN64);
    }

    #[test]
    #[cfg_attr(miri, ignore = "libm's sqrt is inline assembly on x86_64")]
    fn simd_abs_neg_touch_only_the_sign_and_sqrt_quiets() {
        let v = [0xff80_0001, 0x7fc0_1234, 0, 0x8000_0000];
        assert_eq!(map(v, |x| x & !SIGN32), [0x7f80_0001, 0x7fc0_1234, 0, 0]);
        assert_eq!(
            map(v, |x| x ^ SIGN32),
            [0x7f80_0001, 0xffc0_1234, 0x8000_0000, 0]
        );
        let roots = libm_f32x4(
            from_u32x4([0x7f80_0001, 0x8000_0000, 0, 0x4080_0000]),
            f32_sqrt,
        );
        assert_eq!(u32x4(roots), [0x7fc0_0001, 0x8000_0000, 0, 0x4000_0000]);
    }

    #[test]
    fn simd_float_comparisons_of_nan() {
        let nan = f32::NAN;
        let x = [nan, 1.0, -0.0, 2.0];
        let y = [nan, nan, 0.0, 1.0];
        assert_eq!(compare_float(x, y, f32::eq), [0, 0, !0, 0]);
        assert_eq!(compare_float(x, y, f32::ne), [!0, !0, 0, !0]);
        assert_eq!(compare_float(x, y, f32::lt), [0, 0, 0, 0]);
        assert_eq!(compare_float(x, y, f32::le), [0, 0, !0, 0]);
        assert_eq!(compare_float([1.0, f64::NAN], [2.0, 1.0], f64::lt), [!0, 0]);
    }
}
