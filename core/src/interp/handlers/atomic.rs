//! The threads proposal's atomic instructions: loads, stores,
//! read-modify-writes and compare-exchanges at 8 to 64 bits (the `i32` and
//! `i64` forms of one width share a handler: slots hold values
//! zero-extended), `memory.atomic.wait`/`notify` (out of line, through the
//! runtime) and `atomic.fence`. Every access is sequentially consistent.

use super::memory::{ea, out_of_bounds};
use super::prelude::*;
use core::sync::atomic::{AtomicU8, AtomicU16, AtomicU32, AtomicU64, Ordering::SeqCst};

/// The effective address of a `$size`-byte atomic access at address slot
/// value `$addr` plus static offset `$offset`: bounds-checked (an access past
/// the end goes to `out_of_bounds`, which looks for growth by another
/// thread first) and aligned, or the handler traps.
macro_rules! atomic_at {
    ($addr:expr, $offset:expr, $size:literal, $ip:ident, $fp:ident, $cx:ident, $mem:ident, $len:ident, $acc:ident, $iacc:ident) => {{
        let Some(at) = ea($addr, $offset, $size, $len) else {
            return out_of_bounds($ip, $fp, $cx, $mem, $len, $acc, $iacc);
        };
        if at % $size != 0 {
            return trap($cx, $ip, $fp, TrapCode::UnalignedAtomic);
        }
        at
    }};
}

/// Atomic loads (`a` = destination, `b` = address, `c` = offset).
macro_rules! atomic_loads {
    ($($name:ident $atomic:ident $size:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let at = atomic_at!(rd(fp, i.b), i.c, $size, ip, fp, cx, mem, len, acc, iacc);
            // `at + $size <= len` and `at` is a multiple of `$size`; `mem`
            // is 16-byte aligned: an aligned atomic inside the memory.
            let v = $atomic::from_ptr(mem.add(at).cast()).load(SeqCst);
            wr(fp, i.a, v as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

atomic_loads! {
    AtomicLoad8 AtomicU8 1;
    AtomicLoad16 AtomicU16 2;
    AtomicLoad32 AtomicU32 4;
    AtomicLoad64 AtomicU64 8;
}

/// Atomic stores (`a` = address, `b` = value, `c` = offset).
macro_rules! atomic_stores {
    ($($name:ident $atomic:ident $int:ident $size:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let at = atomic_at!(rd(fp, i.a), i.c, $size, ip, fp, cx, mem, len, acc, iacc);
            // As for loads.
            $atomic::from_ptr(mem.add(at).cast()).store(rd(fp, i.b) as $int, SeqCst);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

atomic_stores! {
    AtomicStore8 AtomicU8 u8 1;
    AtomicStore16 AtomicU16 u16 2;
    AtomicStore32 AtomicU32 u32 4;
    AtomicStore64 AtomicU64 u64 8;
}

/// Read-modify-writes ([`Format::Atomic`](crate::ir::Format::Atomic)): the
/// old value goes to `a`; `$method` is the atomic type's `fetch_*`/`swap`.
macro_rules! atomic_rmw {
    ($($method:ident => $($name:ident $atomic:ident $int:ident $size:literal),*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let data = (*ip.add(1)).instr;
            let at = atomic_at!(rd(fp, i.b), i.c, $size, ip, fp, cx, mem, len, acc, iacc);
            let operand = rd(fp, data.a) as $int;
            // As for loads.
            let old = $atomic::from_ptr(mem.add(at).cast()).$method(operand, SeqCst);
            wr(fp, i.a, old as u64);
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

atomic_rmw! {
    fetch_add => AtomicAdd8 AtomicU8 u8 1, AtomicAdd16 AtomicU16 u16 2,
        AtomicAdd32 AtomicU32 u32 4, AtomicAdd64 AtomicU64 u64 8;
    fetch_sub => AtomicSub8 AtomicU8 u8 1, AtomicSub16 AtomicU16 u16 2,
        AtomicSub32 AtomicU32 u32 4, AtomicSub64 AtomicU64 u64 8;
    fetch_and => AtomicAnd8 AtomicU8 u8 1, AtomicAnd16 AtomicU16 u16 2,
        AtomicAnd32 AtomicU32 u32 4, AtomicAnd64 AtomicU64 u64 8;
    fetch_or => AtomicOr8 AtomicU8 u8 1, AtomicOr16 AtomicU16 u16 2,
        AtomicOr32 AtomicU32 u32 4, AtomicOr64 AtomicU64 u64 8;
    fetch_xor => AtomicXor8 AtomicU8 u8 1, AtomicXor16 AtomicU16 u16 2,
        AtomicXor32 AtomicU32 u32 4, AtomicXor64 AtomicU64 u64 8;
    swap => AtomicXchg8 AtomicU8 u8 1, AtomicXchg16 AtomicU16 u16 2,
        AtomicXchg32 AtomicU32 u32 4, AtomicXchg64 AtomicU64 u64 8;
}

/// Compare-exchanges: the expected value (data `a`) and the replacement
/// (data `b`) are wrapped to the width; the old value goes to `a`.
macro_rules! atomic_cmpxchg {
    ($($name:ident $atomic:ident $int:ident $size:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let data = (*ip.add(1)).instr;
            let at = atomic_at!(rd(fp, i.b), i.c, $size, ip, fp, cx, mem, len, acc, iacc);
            let expected = rd(fp, data.a) as $int;
            let replacement = rd(fp, data.b) as $int;
            // As for loads.
            let cell = $atomic::from_ptr(mem.add(at).cast());
            let old = match cell.compare_exchange(expected, replacement, SeqCst, SeqCst) {
                Ok(old) | Err(old) => old,
            };
            wr(fp, i.a, old as u64);
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

atomic_cmpxchg! {
    AtomicCmpxchg8 AtomicU8 u8 1;
    AtomicCmpxchg16 AtomicU16 u16 2;
    AtomicCmpxchg32 AtomicU32 u32 4;
    AtomicCmpxchg64 AtomicU64 u64 8;
}

/// `memory.atomic.wait32`/`64`: the address checked here, the rest (the
/// comparison, the sleep, a memory that is not shared) by the runtime.
macro_rules! atomic_wait {
    ($($name:ident $size:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let data = (*ip.add(1)).instr;
            let at = atomic_at!(rd(fp, i.b), i.c, $size, ip, fp, cx, mem, len, acc, iacc);
            let memory = *(*cx).vm.instance.memories.add(data.c as usize);
            let wait = (*cx).vm.libcalls.atomic_wait;
            let timeout = rd(fp, data.b) as i64;
            match wait(&raw mut (*cx).vm, memory, at as u64, rd(fp, data.a), $size == 8, timeout) {
                Ok(result) => wr(fp, i.a, result as u64),
                Err(code) => return trap(cx, ip, fp, code),
            }
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

atomic_wait! {
    AtomicWait32 4;
    AtomicWait64 8;
}

handler!(AtomicNotify, |i, ip, fp, cx, mem, len, acc, iacc| {
    let data = (*ip.add(1)).instr;
    let at = atomic_at!(rd(fp, i.b), i.c, 4, ip, fp, cx, mem, len, acc, iacc);
    let memory = *(*cx).vm.instance.memories.add(data.c as usize);
    let notify = (*cx).vm.libcalls.atomic_notify;
    match notify((*cx).vm.store, memory, at as u64, rd(fp, data.a) as u32) {
        Ok(woken) => wr(fp, i.a, woken as u64),
        Err(code) => return trap(cx, ip, fp, code),
    }
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

handler!(AtomicFence, |i, ip, fp, cx, mem, len, acc, iacc| {
    core::sync::atomic::fence(SeqCst);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
