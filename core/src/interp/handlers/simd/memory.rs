//! SIMD loads and stores: whole `v128`s and single lanes, bounds-checked
//! over the bytes they touch, in the memory the handler is handed (memory
//! 0, or the one a `memory.select` chose).

use super::super::memory::ea;
use super::super::prelude::*;

/// `a = kernel(bytes)`: `$n` bytes at address `b` + offset `c` made a
/// `v128`.
macro_rules! simd_load {
    ($($name:ident $n:literal => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let Some(at) = ea(rd(fp, i.b), i.c, $n, len) else {
                return trap(cx, ip, fp, TrapCode::MemoryOutOfBounds);
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
                return trap(cx, ip, fp, TrapCode::MemoryOutOfBounds);
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
                return trap(cx, ip, fp, TrapCode::MemoryOutOfBounds);
            };
            // As for loads.
            let bytes: [u8; $n] = core::ptr::read_unaligned(mem.add(at) as *const [u8; $n]);
            let v = rd_lanes(fp, data.a);
            wr_lanes(fp, i.a, $kernel(v, data.b as usize, bytes));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

simd_load! {
    V128Load 16 => |bytes: [u8; 16]| bytes;
}

simd_store! {
    V128Store 16 1 => |v: [u8; 16], _| v;
    V128Store32Lane 4 2 => |v: [u32; 4], lane: usize| v[lane].to_le_bytes();
}

simd_load_lane! {
    V128Load32Lane 4 => |mut v: [u32; 4], lane: usize, bytes: [u8; 4]| {
        v[lane] = u32::from_le_bytes(bytes);
        v
    };
}

// Not built yet: bound to the trapping stub (the translator does not emit
// these).
pub(crate) use super::stub as V128Load8x8S;
pub(crate) use super::stub as V128Load8x8U;
pub(crate) use super::stub as V128Load16x4S;
pub(crate) use super::stub as V128Load16x4U;
pub(crate) use super::stub as V128Load32x2S;
pub(crate) use super::stub as V128Load32x2U;
pub(crate) use super::stub as V128Load8Splat;
pub(crate) use super::stub as V128Load16Splat;
pub(crate) use super::stub as V128Load32Splat;
pub(crate) use super::stub as V128Load64Splat;
pub(crate) use super::stub as V128Load32Zero;
pub(crate) use super::stub as V128Load64Zero;
pub(crate) use super::stub as V128Load8Lane;
pub(crate) use super::stub as V128Load16Lane;
pub(crate) use super::stub as V128Load64Lane;
pub(crate) use super::stub as V128Store8Lane;
pub(crate) use super::stub as V128Store16Lane;
pub(crate) use super::stub as V128Store64Lane;
