//! IEEE 754 semantics WebAssembly requires beyond Rust's operators: `nearest`,
//! `min`/`max` of ±0 and NaN, and checked truncation to integers.

use crate::trap::TrapCode;

/// A NaN operand as the quiet NaN Wasm requires of an arithmetic result:
/// the same payload with the quiet bit set (a canonical NaN stays
/// canonical). Set explicitly rather than left to `x + x`, whose NaN payload
/// Rust leaves unspecified (Miri picks one at random).
macro_rules! quiet {
    ($x:expr, $f:ty) => {
        <$f>::from_bits($x.to_bits() | (1 << (<$f>::MANTISSA_DIGITS - 2)))
    };
}

/// `fmin`/`fmax` as Wasm defines them: NaN if either operand is NaN, and
/// `-0 < +0`.
macro_rules! min_max {
    ($min:ident, $max:ident, $f:ty) => {
        #[inline]
        pub(crate) fn $min(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                if a.is_nan() {
                    quiet!(a, $f)
                } else {
                    quiet!(b, $f)
                }
            } else if a == b {
                <$f>::from_bits(a.to_bits() | b.to_bits())
            } else if a < b {
                a
            } else {
                b
            }
        }

        #[inline]
        pub(crate) fn $max(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                if a.is_nan() {
                    quiet!(a, $f)
                } else {
                    quiet!(b, $f)
                }
            } else if a == b {
                <$f>::from_bits(a.to_bits() & b.to_bits())
            } else if a > b {
                a
            } else {
                b
            }
        }
    };
}
min_max!(f32_min, f32_max, f32);
min_max!(f64_min, f64_max, f64);

/// Rounding functions as Wasm defines them: like libm's, except that a NaN
/// operand (signalling included) yields a quiet NaN, as Wasm requires of
/// every arithmetic result.
macro_rules! rounding {
    ($($name:ident = $libm:path : $f:ty;)*) => {$(
        #[inline]
        pub(crate) fn $name(x: $f) -> $f {
            if x.is_nan() { quiet!(x, $f) } else { $libm(x) }
        }
    )*};
}
rounding! {
    f32_ceil = libm::ceilf: f32;
    f32_floor = libm::floorf: f32;
    f32_trunc = libm::truncf: f32;
    f32_nearest = libm::rintf: f32;
    f32_sqrt = libm::sqrtf: f32;
    f64_ceil = libm::ceil: f64;
    f64_floor = libm::floor: f64;
    f64_trunc = libm::trunc: f64;
    f64_nearest = libm::rint: f64;
    f64_sqrt = libm::sqrt: f64;
}

/// Truncates `x` toward zero and checks it lies in `[lo, hi)`; NaN and values
/// outside trap as WebAssembly's trapping conversions require.
#[inline]
fn checked_trunc(x: f64, lo: f64, hi: f64) -> Result<f64, TrapCode> {
    if x.is_nan() {
        return Err(TrapCode::BadConversionToInteger);
    }
    let t = libm::trunc(x);
    if t >= lo && t < hi {
        Ok(t)
    } else {
        Err(TrapCode::IntegerOverflow)
    }
}

const TWO_31: f64 = 2147483648.0;
const TWO_32: f64 = 4294967296.0;
const TWO_63: f64 = 9223372036854775808.0;
const TWO_64: f64 = 18446744073709551616.0;

/// `i32.trunc_f*_s`.
#[inline]
pub(crate) fn trunc_i32_s(x: f64) -> Result<i32, TrapCode> {
    checked_trunc(x, -TWO_31, TWO_31).map(|t| t as i32)
}

/// `i32.trunc_f*_u`.
#[inline]
pub(crate) fn trunc_i32_u(x: f64) -> Result<u32, TrapCode> {
    checked_trunc(x, 0.0, TWO_32).map(|t| t as u32)
}

/// `i64.trunc_f*_s`.
#[inline]
pub(crate) fn trunc_i64_s(x: f64) -> Result<i64, TrapCode> {
    checked_trunc(x, -TWO_63, TWO_63).map(|t| t as i64)
}

/// `i64.trunc_f*_u`.
#[inline]
pub(crate) fn trunc_i64_u(x: f64) -> Result<u64, TrapCode> {
    checked_trunc(x, 0.0, TWO_64).map(|t| t as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_of_signed_zeros() {
        assert!(f32_min(0.0, -0.0).is_sign_negative());
        assert!(f32_max(-0.0, 0.0).is_sign_positive());
        assert!(f64_min(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn rounding_quiets_signalling_nan() {
        let snan = f64::from_bits(0x7ff4_0000_0000_0000);
        assert_ne!(f64_ceil(snan).to_bits() & 0x0008_0000_0000_0000, 0);
        let snan32 = f32::from_bits(0x7fa0_0000);
        assert_ne!(f32_floor(snan32).to_bits() & 0x0040_0000, 0);
    }

    #[test]
    fn nearest_ties_to_even() {
        assert_eq!(f32_nearest(2.5), 2.0);
        assert_eq!(f64_nearest(-3.5), -4.0);
        assert!(f64_nearest(-0.4).is_sign_negative());
    }

    #[test]
    fn truncation_bounds() {
        assert_eq!(trunc_i32_s(-2147483648.9), Ok(i32::MIN));
        assert_eq!(trunc_i32_s(2147483648.0), Err(TrapCode::IntegerOverflow));
        assert_eq!(trunc_i32_u(-0.9), Ok(0));
        assert_eq!(trunc_i32_u(-1.0), Err(TrapCode::IntegerOverflow));
        assert_eq!(trunc_i64_s(f64::NAN), Err(TrapCode::BadConversionToInteger));
    }
}
