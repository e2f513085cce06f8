//! IEEE 754 semantics WebAssembly requires beyond Rust's operators: `nearest`,
//! `min`/`max` of ±0 and NaN, and checked truncation to integers.

use crate::trap::TrapCode;

/// `fmin`/`fmax` as Wasm defines them: NaN if either operand is NaN, and
/// `-0 < +0`.
macro_rules! min_max {
    ($min:ident, $max:ident, $f:ty) => {
        #[inline]
        pub(crate) fn $min(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                a + b
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
                a + b
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

/// Round to nearest, ties to even.
#[inline]
pub(crate) fn f32_nearest(x: f32) -> f32 {
    libm::rintf(x)
}

/// Round to nearest, ties to even.
#[inline]
pub(crate) fn f64_nearest(x: f64) -> f64 {
    libm::rint(x)
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
