//! What the SIMD kernels share: the lane views of a `u128`
//! ([`crate::lanes`], for tests and the few kernels that change shape
//! inside) and lane-wise combinations of lane arrays.

#[allow(unused_imports)] // Used by tests and by kernels of some families.
pub(super) use crate::lanes::*;

/// The lanes `f(0)`, `f(1)`, ... — what every kernel builds its result
/// with. A plain loop, not `core::array::from_fn` or `<[T; N]>::map`:
/// those can stay calls in a build with many codegen units, and a handler
/// that calls and returns instead of ending in a jump grows the native
/// stack by a frame per instruction (CI's 256 KiB threaded run catches it).
#[inline(always)]
pub(super) fn build<T: Copy + Default, const N: usize>(f: impl Fn(usize) -> T) -> [T; N] {
    let mut out = [T::default(); N];
    let mut k = 0;
    while k < N {
        out[k] = f(k);
        k += 1;
    }
    out
}

/// The lanes `f(x[k])`.
#[inline(always)]
pub(super) fn map<T: Copy, U: Copy + Default, const N: usize>(
    x: [T; N],
    f: impl Fn(T) -> U,
) -> [U; N] {
    build(|k| f(x[k]))
}

/// The lanes `f(x[k], y[k])`.
#[inline(always)]
pub(super) fn zip<T: Copy, U: Copy + Default, const N: usize>(
    x: [T; N],
    y: [T; N],
    f: impl Fn(T, T) -> U,
) -> [U; N] {
    build(|k| f(x[k], y[k]))
}

/// The lane mask of a comparison: all ones where `holds`, zero elsewhere
/// (the lane type's `!0` and `0`).
pub(super) trait LaneMask: Copy + Default {
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
    build(|k| T::mask(relation(&x[k], &y[k])))
}
