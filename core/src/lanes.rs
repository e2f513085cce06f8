//! Lane views of a `v128` held as a `u128`: the one place that splits 128
//! bits into the lanes of a shape and joins them back, used by the SIMD
//! handlers and by [`V128`](crate::V128).
//!
//! Lanes are little-endian, as Wasm numbers them: lane 0 is the lowest
//! bits. A float lane keeps its bits as they are (NaN payloads included).
//! On a little-endian target a view is the `u128`'s bytes reinterpreted,
//! which compiles to nothing or one vector move. [`Lanes`] names the types
//! a `v128` can be seen as, for code that reads them straight from memory.

#![allow(unsafe_code)]
// The views are transmutes between plain data.
// Without SIMD execution only `V128` uses the views, and not all of them.
#![cfg_attr(not(feature = "simd"), allow(dead_code))]

/// Lane views of a `u128` and back, for each shape.
macro_rules! lanes {
    ($($view:ident $join:ident: $t:ty, $n:literal;)*) => {$(
        /// The lanes of `v`, lane 0 first.
        #[inline(always)]
        #[allow(unknown_lints, unnecessary_transmutes)] // `u8` lanes too.
        pub(crate) const fn $view(v: u128) -> [$t; $n] {
            // SAFETY: `u128` and `[$t; $n]` have the same size, and every
            // bit pattern is a valid value of `$t` (an integer or a float).
            let lanes: [$t; $n] = unsafe { core::mem::transmute(v) };
            native_to_lane_order(lanes)
        }

        /// The `u128` whose lanes are `lanes`, lane 0 first.
        #[inline(always)]
        #[allow(unknown_lints, unnecessary_transmutes)] // As above.
        pub(crate) const fn $join(lanes: [$t; $n]) -> u128 {
            let lanes = native_to_lane_order(lanes);
            // SAFETY: as above; every bit pattern is a valid `u128`.
            unsafe { core::mem::transmute(lanes) }
        }

        // SAFETY: `[$t; $n]` is 16 bytes of plain data (see the views).
        unsafe impl Lanes for [$t; $n] {
            #[inline(always)]
            fn from_bits(v: u128) -> Self {
                $view(v)
            }
            #[inline(always)]
            fn to_bits(self) -> u128 {
                $join(self)
            }
        }
    )*};
}

/// A type a `v128` can be seen as: its 128 bits as one integer or as the
/// lanes of a shape.
///
/// # Safety
/// Implemented only by 16-byte types of plain data (every bit pattern
/// valid, no padding) whose bytes in memory on a little-endian target are
/// the vector's little-endian bytes, so code may read and write a value of
/// it as 16 bytes of a `v128`.
pub(crate) unsafe trait Lanes: Copy {
    /// The lanes of the vector with bits `v`.
    fn from_bits(v: u128) -> Self;
    /// The bits of the vector with these lanes.
    fn to_bits(self) -> u128;
}

// SAFETY: 16 bytes of plain data; little-endian in memory on such targets.
unsafe impl Lanes for u128 {
    #[inline(always)]
    fn from_bits(v: u128) -> Self {
        v
    }
    #[inline(always)]
    fn to_bits(self) -> u128 {
        self
    }
}

/// The SSE2 vector types are views too, so a kernel can take and return
/// them (the handlers' `x86:` twins).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
mod sse2 {
    use super::Lanes;
    use core::arch::x86_64::{__m128, __m128d, __m128i};

    macro_rules! sse2_lanes {
        ($($t:ty),*) => {$(
            // SAFETY: 16 bytes of plain data, in memory the vector's
            // bytes in lane order (x86_64 is little-endian).
            unsafe impl Lanes for $t {
                #[inline(always)]
                fn from_bits(v: u128) -> Self {
                    // SAFETY: same size; every bit pattern is valid.
                    unsafe { core::mem::transmute(v) }
                }
                #[inline(always)]
                fn to_bits(self) -> u128 {
                    // SAFETY: as above.
                    unsafe { core::mem::transmute(self) }
                }
            }
        )*};
    }

    sse2_lanes!(__m128i, __m128, __m128d);
}

lanes! {
    u8x16 from_u8x16: u8, 16;
    i8x16 from_i8x16: i8, 16;
    u16x8 from_u16x8: u16, 8;
    i16x8 from_i16x8: i16, 8;
    u32x4 from_u32x4: u32, 4;
    i32x4 from_i32x4: i32, 4;
    u64x2 from_u64x2: u64, 2;
    i64x2 from_i64x2: i64, 2;
    f32x4 from_f32x4: f32, 4;
    f64x2 from_f64x2: f64, 2;
}

/// The array of a `u128`'s native-order parts in lane order and back (the
/// same permutation both ways): nothing on a little-endian target; on a
/// big-endian one the most significant part comes first, so the order is
/// reversed.
#[inline(always)]
const fn native_to_lane_order<T: Copy, const N: usize>(mut lanes: [T; N]) -> [T; N] {
    if cfg!(target_endian = "big") {
        let mut k = 0;
        while k < N / 2 {
            let low = lanes[k];
            lanes[k] = lanes[N - 1 - k];
            lanes[N - 1 - k] = low;
            k += 1;
        }
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_little_endian_and_round_trip() {
        let v = 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100u128;
        assert_eq!(u8x16(v)[0], 0);
        assert_eq!(u8x16(v)[15], 15);
        assert_eq!(
            u32x4(v),
            [0x0302_0100, 0x0706_0504, 0x0b0a_0908, 0x0f0e_0d0c]
        );
        assert_eq!(u64x2(v), [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908]);
        assert_eq!(from_u32x4(u32x4(v)), v);
        assert_eq!(from_i16x8(i16x8(v)), v);
        assert_eq!(from_i64x2(i64x2(v)), v);
        assert_eq!(from_i8x16(i8x16(!v)), !v);
    }

    #[test]
    fn float_lanes_keep_their_bits() {
        let nan = 0x7fa0_0001u32;
        let v = from_u32x4([nan, 0x8000_0000, 0x3f80_0000, 0]);
        let lanes = f32x4(v);
        assert_eq!(lanes[0].to_bits(), nan);
        assert_eq!(lanes[1].to_bits(), 0x8000_0000);
        assert_eq!(lanes[2], 1.0);
        assert_eq!(from_f32x4(lanes), v);
        let wide = from_f64x2([f64::from_bits(0xfff0_0000_0000_0001), -2.0]);
        assert_eq!(u64x2(wide), [0xfff0_0000_0000_0001, 0xc000_0000_0000_0000]);
    }
}
