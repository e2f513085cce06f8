//! What the SIMD kernels share: the lane views of a `u128`
//! ([`crate::lanes`], for tests and the few kernels that change shape
//! inside) and lane-wise combinations of lane arrays.

#[allow(unused_imports)] // Used by tests and by kernels of some families.
pub(super) use crate::lanes::*;

/// The lanes `f(x[k], y[k])`.
#[inline(always)]
pub(super) fn zip<T: Copy, const N: usize>(x: [T; N], y: [T; N], f: impl Fn(T, T) -> T) -> [T; N] {
    core::array::from_fn(|k| f(x[k], y[k]))
}

/// The lane mask of a comparison: all ones where `holds`, zero elsewhere
/// (the lane type's `!0` and `0`).
pub(super) trait LaneMask: Copy {
    /// All ones when `holds`, else zero.
    fn mask(holds: bool) -> Self;
}

macro_rules! lane_mask {
    ($($t:ty),*) => {$(
        impl LaneMask for $t {
            #[inline(always)]
            fn mask(holds: bool) -> Self {
                if holds { !0 } else { 0 }
            }
        }
    )*};
}

lane_mask!(u8, i8, u16, i16, u32, i32, u64, i64);

/// The lane masks `x[k] relation y[k]`.
#[inline(always)]
pub(super) fn compare<T: LaneMask, const N: usize>(
    x: [T; N],
    y: [T; N],
    relation: impl Fn(&T, &T) -> bool,
) -> [T; N] {
    core::array::from_fn(|k| T::mask(relation(&x[k], &y[k])))
}
