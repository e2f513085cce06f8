//! Bitwise operators, splats, lane access and shifts of the first SIMD
//! opcodes.

use super::super::prelude::*;
#[allow(unused_imports)] // By portable kernels, which x86_64 builds only in tests.
use super::vector::*;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
use super::x86::*;
use super::{simd_bin, simd_replace, simd_scalar, simd_shift, simd_splat, simd_ternary, simd_un};

simd_un! {
    V128Not => |v: u128| !v;
}

simd_bin! {
    V128And => |x: u128, y: u128| x & y;
    V128AndNot => |x: u128, y: u128| x & !y;
    V128Or => |x: u128, y: u128| x | y;
    V128Xor => |x: u128, y: u128| x ^ y;
}

simd_ternary! {
    // The mask's set bits take the first operand's bits.
    V128Bitselect => |x: u128, y: u128, mask: u128| (x & mask) | (y & !mask),
        x86: |x, y, mask| _mm_or_si128(_mm_and_si128(x, mask), _mm_andnot_si128(mask, y));
}

simd_scalar! {
    V128AnyTrue => |v: u128, _| (v != 0) as u64;
    I32x4ExtractLane => |v: [u32; 4], lane: usize| v[lane] as u64;
}

simd_shift! {
    // The count modulo the lane width.
    I32x4Shl => |v: [u32; 4], n: u32| map(v, |x| x << (n & 31)),
        x86: |v, n| _mm_sll_epi32(v, count::<32>(n));
}

simd_splat! {
    I32x4Splat => |x: u64| [x as u32; 4];
}

simd_replace! {
    I32x4ReplaceLane => |mut v: [u32; 4], lane: usize, x: u64| {
        v[lane] = x as u32;
        v
    };
}

// Not built yet: bound to the trapping stub (the translator does not emit
// these).
pub(crate) use super::stub as I8x16Shuffle;
pub(crate) use super::stub as I8x16Swizzle;
pub(crate) use super::stub as I8x16Splat;
pub(crate) use super::stub as I16x8Splat;
pub(crate) use super::stub as I64x2Splat;
pub(crate) use super::stub as I8x16ExtractLaneS;
pub(crate) use super::stub as I8x16ExtractLaneU;
pub(crate) use super::stub as I16x8ExtractLaneS;
pub(crate) use super::stub as I16x8ExtractLaneU;
pub(crate) use super::stub as I64x2ExtractLane;
pub(crate) use super::stub as I8x16ReplaceLane;
pub(crate) use super::stub as I16x8ReplaceLane;
pub(crate) use super::stub as I64x2ReplaceLane;
