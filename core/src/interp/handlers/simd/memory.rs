//! SIMD loads and stores: whole `v128`s, extending, splatting and
//! zero-extending loads, and single lanes, bounds-checked over the bytes
//! they touch, in the memory the handler is handed (memory 0, or the one a
//! `memory.select` chose).

use super::super::memory::{ea, out_of_bounds};
use super::super::prelude::*;
use super::vector::*;

/// `a = kernel(bytes)`: `$n` bytes at address `b` + offset `c` made a
/// `v128`.
macro_rules! simd_load {
    ($($name:ident $n:literal => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let Some(at) = ea(rd(fp, i.b), i.c, $n, len) else {
                return out_of_bounds(ip, fp, cx, mem, len, acc, iacc);
            };
            // `ea` checked `at + $n <= len`; `mem` points to `len` bytes.
            let bytes: [u8; $n] = core::ptr::read_unaligned(mem.add(at) as *const [u8; $n]);
            wr_lanes(fp, i.a, $kernel(bytes));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `kernel(v, lane)` = the `$n` bytes stored at address `a` + offset `c`
/// from the pair in `b` (lane `data.b`, for lane stores).
macro_rules! simd_store {
    ($($name:ident $n:literal $width:literal => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let Some(at) = ea(rd(fp, i.a), i.c, $n, len) else {
                return out_of_bounds(ip, fp, cx, mem, len, acc, iacc);
            };
            let lane = if $width > 1 { (*ip.add(1)).instr.b as usize } else { 0 };
            let bytes: [u8; $n] = $kernel(rd_lanes(fp, i.b), lane);
            // As for loads.
            core::ptr::write_unaligned(mem.add(at) as *mut [u8; $n], bytes);
            next!(ip.add($width), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(data.a, lane data.b, bytes)`: lane `data.b` of the pair in
/// `data.a` replaced by `$n` bytes at address `b` + offset `c`.
macro_rules! simd_load_lane {
    ($($name:ident $n:literal => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let data = (*ip.add(1)).instr;
            let Some(at) = ea(rd(fp, i.b), i.c, $n, len) else {
                return out_of_bounds(ip, fp, cx, mem, len, acc, iacc);
            };
            // As for loads.
            let bytes: [u8; $n] = core::ptr::read_unaligned(mem.add(at) as *const [u8; $n]);
            let v = rd_lanes(fp, data.a);
            wr_lanes(fp, i.a, $kernel(v, data.b as usize, bytes));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Lane `k` of the `bits`-bit lanes of 8 little-endian bytes, in the low
/// bits of the result (to be cast to the lane type and extended).
#[inline(always)]
fn narrow_lane(bytes: [u8; 8], bits: usize, k: usize) -> u64 {
    u64::from_le_bytes(bytes) >> (bits * k)
}

simd_load! {
    V128Load 16 => |bytes: [u8; 16]| bytes;
    // Eight, four or two narrow lanes, each sign- or zero-extended.
    V128Load8x8S 8 => |b: [u8; 8]| map(b, |x| x as i8 as i16);
    V128Load8x8U 8 => |b: [u8; 8]| map(b, u16::from);
    V128Load16x4S 8 => |b| -> [i32; 4] { build(|k| narrow_lane(b, 16, k) as i16 as i32) };
    V128Load16x4U 8 => |b| -> [u32; 4] { build(|k| narrow_lane(b, 16, k) as u16 as u32) };
    V128Load32x2S 8 => |b| -> [i64; 2] { build(|k| narrow_lane(b, 32, k) as i32 as i64) };
    V128Load32x2U 8 => |b| -> [u64; 2] { build(|k| narrow_lane(b, 32, k) as u32 as u64) };
    // One lane's bytes in every lane.
    V128Load8Splat 1 => |b: [u8; 1]| [b[0]; 16];
    V128Load16Splat 2 => |b: [u8; 2]| [u16::from_le_bytes(b); 8];
    V128Load32Splat 4 => |b: [u8; 4]| [u32::from_le_bytes(b); 4];
    V128Load64Splat 8 => |b: [u8; 8]| [u64::from_le_bytes(b); 2];
    // Lane 0, the others zero.
    V128Load32Zero 4 => |b: [u8; 4]| [u32::from_le_bytes(b), 0, 0, 0];
    V128Load64Zero 8 => |b: [u8; 8]| [u64::from_le_bytes(b), 0];
}

// The translator only emits lane immediates below the lane count; the
// kernels mask them all the same (no bounds check, and a damaged immediate
// in a loaded artifact cannot index past the lanes).

simd_store! {
    V128Store 16 1 => |v: [u8; 16], _| v;
    V128Store8Lane 1 2 => |v: [u8; 16], lane: usize| [v[lane & 15]];
    V128Store16Lane 2 2 => |v: [u16; 8], lane: usize| v[lane & 7].to_le_bytes();
    V128Store32Lane 4 2 => |v: [u32; 4], lane: usize| v[lane & 3].to_le_bytes();
    V128Store64Lane 8 2 => |v: [u64; 2], lane: usize| v[lane & 1].to_le_bytes();
}

simd_load_lane! {
    V128Load8Lane 1 => |mut v: [u8; 16], lane: usize, bytes: [u8; 1]| {
        v[lane & 15] = bytes[0];
        v
    };
    V128Load16Lane 2 => |mut v: [u16; 8], lane: usize, bytes: [u8; 2]| {
        v[lane & 7] = u16::from_le_bytes(bytes);
        v
    };
    V128Load32Lane 4 => |mut v: [u32; 4], lane: usize, bytes: [u8; 4]| {
        v[lane & 3] = u32::from_le_bytes(bytes);
        v
    };
    V128Load64Lane 8 => |mut v: [u64; 2], lane: usize, bytes: [u8; 8]| {
        v[lane & 1] = u64::from_le_bytes(bytes);
        v
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_lanes_are_little_endian() {
        let bytes = [0x80, 0xff, 0x01, 0x7f, 0xfe, 0x00, 0x34, 0x12];
        let lane = |bits, k| narrow_lane(bytes, bits, k);
        assert_eq!(
            [0, 1, 2, 3].map(|k| lane(16, k) as i16),
            [-128, 0x7f01, 0xfe, 0x1234]
        );
        assert_eq!(
            [0, 1].map(|k| lane(32, k) as u32),
            [0x7f01_ff80, 0x1234_00fe]
        );
        assert_eq!(lane(8, 7) as u8, 0x12);
    }
}
