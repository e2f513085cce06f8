//! Lanes and shuffles: splats, lane extraction and replacement,
//! `i8x16.shuffle` and `i8x16.swizzle`; and the bitwise operators and the
//! shift of the first SIMD opcodes.

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

/// `i8x16.shuffle`: lane `k` is byte `lanes[k]` of the 32 bytes of `x`
/// then `y`, the index taken modulo 32 (the validator requires it below
/// 32). Out of line: a computed index needs the lanes in memory, which the
/// handler itself then does not.
#[inline(never)]
fn shuffle(x: u128, y: u128, lanes: u128) -> u128 {
    // `[x, y]` is the 32 bytes in order: index `i` is `[i / 16][i % 16]`.
    let both = [u8x16(x), u8x16(y)];
    from_u8x16(u8x16(lanes).map(|i| both[(i >> 4 & 1) as usize][(i & 15) as usize]))
}

/// `i8x16.swizzle`: lane `k` is byte `lanes[k]` of `x`, or 0 when that
/// index is 16 or more. Out of line, as [`shuffle`].
#[inline(never)]
fn swizzle(x: u128, lanes: u128) -> u128 {
    let x = u8x16(x);
    from_u8x16(u8x16(lanes).map(|i| x.get(i as usize).copied().unwrap_or(0)))
}

simd_bin! {
    I8x16Swizzle => |x: u128, lanes: u128| swizzle(x, lanes);
}

simd_ternary! {
    I8x16Shuffle => |x: u128, y: u128, lanes: u128| shuffle(x, y, lanes);
}

// The translator only emits lane immediates below the lane count; the
// kernels mask them all the same (no bounds check, and a damaged immediate
// in a loaded artifact cannot index past the lanes). A scalar slot holds
// an `i32` zero-extended, so a signed narrow lane is sign-extended to 32
// bits only.

simd_scalar! {
    V128AnyTrue => |v: u128, _| (v != 0) as u64;
    I8x16ExtractLaneS => |v: [i8; 16], lane: usize| v[lane & 15] as i32 as u32 as u64;
    I8x16ExtractLaneU => |v: [u8; 16], lane: usize| v[lane & 15] as u64;
    I16x8ExtractLaneS => |v: [i16; 8], lane: usize| v[lane & 7] as i32 as u32 as u64;
    I16x8ExtractLaneU => |v: [u16; 8], lane: usize| v[lane & 7] as u64;
    I32x4ExtractLane => |v: [u32; 4], lane: usize| v[lane & 3] as u64;
    I64x2ExtractLane => |v: [u64; 2], lane: usize| v[lane & 1];
}

simd_shift! {
    // The count modulo the lane width.
    I32x4Shl => |v: [u32; 4], n: u32| map(v, |x| x << (n & 31)),
        x86: |v, n| _mm_sll_epi32(v, count::<32>(n));
}

simd_splat! {
    I8x16Splat => |x: u64| [x as u8; 16];
    I16x8Splat => |x: u64| [x as u16; 8];
    I32x4Splat => |x: u64| [x as u32; 4];
    I64x2Splat => |x: u64| [x; 2];
}

simd_replace! {
    I8x16ReplaceLane => |mut v: [u8; 16], lane: usize, x: u64| {
        v[lane & 15] = x as u8;
        v
    };
    I16x8ReplaceLane => |mut v: [u16; 8], lane: usize, x: u64| {
        v[lane & 7] = x as u16;
        v
    };
    I32x4ReplaceLane => |mut v: [u32; 4], lane: usize, x: u64| {
        v[lane & 3] = x as u32;
        v
    };
    I64x2ReplaceLane => |mut v: [u64; 2], lane: usize, x: u64| {
        v[lane & 1] = x;
        v
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_and_swizzle_pick_bytes() {
        let x = from_u8x16(core::array::from_fn(|k| k as u8));
        let y = from_u8x16(core::array::from_fn(|k| 0xf0 | k as u8));
        let indices = [31, 0, 16, 15, 1, 30, 17, 14, 8, 24, 7, 23, 2, 2, 29, 29];
        assert_eq!(
            u8x16(shuffle(x, y, from_u8x16(indices))),
            [
                0xff, 0, 0xf0, 15, 1, 0xfe, 0xf1, 14, 8, 0xf8, 7, 0xf7, 2, 2, 0xfd, 0xfd
            ]
        );
        // Indices of 16 and more, as unsigned bytes, give 0.
        let indices = [
            16, 15, 0, 255, 128, 127, 32, 17, 1, 0x8f, 0x10, 3, 31, 14, 0xf0, 5,
        ];
        assert_eq!(
            u8x16(swizzle(y, from_u8x16(indices))),
            [
                0, 0xff, 0xf0, 0, 0, 0, 0, 0, 0xf1, 0, 0, 0xf3, 0, 0xfe, 0, 0xf5
            ]
        );
    }
}
