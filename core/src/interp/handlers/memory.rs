//! Linear-memory access: address offsets, size, growth; and the bulk
//! memory and table operations, which run out of line.
//! Loads and stores, in all their accumulator forms, are in `accumulator.rs`.

use super::prelude::*;

/// Bounds-checked effective address of an access of `size` bytes.
///
/// One comparison: an address slot holds at most 2^33 for a 32-bit memory
/// (a zero-extended `i32`, or an `addr_offset` sum) and at most 2^62 for a
/// 64-bit one (the translator routes every 64-bit access through
/// `addr_offset`, which clamps), so the sums cannot wrap.
#[inline(always)]
pub(super) fn ea(addr: u64, offset: u16, size: usize, len: usize) -> Option<usize> {
    let ea = addr.wrapping_add(offset as u64);
    (ea.wrapping_add(size as u64) <= len as u64).then_some(ea as usize)
}

/// An access past the end of the memory the handler was handed (`mem`,
/// `len`): a trap, unless that memory is shared and has grown since this
/// thread last looked (another thread grew it) — then the views are
/// brought up to date and the instruction runs again with the new length.
#[cold]
#[inline(never)]
pub(super) unsafe fn out_of_bounds(
    ip: Ip,
    fp: Fp,
    cx: *mut InterpContext,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: the handler contract, forwarded by the handler that calls
    // this in its place; the libcall gets the context's own store.
    unsafe {
        let grown = ((*cx).vm.libcalls.shared_memory_len)((*cx).vm.store, mem);
        if grown <= len {
            return trap(cx, ip, fp, TrapCode::MemoryOutOfBounds);
        }
        super::super::refresh_memory(cx);
        super::super::hand_memory(
            cx,
            crate::vm::MemoryView {
                base: mem,
                len: grown,
            },
        );
        next!(ip, fp, cx, mem, grown, acc, iacc)
    }
}

/// No memory is this large, so a clamped address always fails its bounds check.
const ADDR_CLAMP: u64 = 1 << 62;

handler!(AddrOffset, |i, ip, fp, cx, mem, len, acc, iacc| {
    let data = (*ip.add(1)).instr;
    let off = data.bc() as u64 | (data.a as u64) << 32;
    // Clamped so that later bounds checks cannot wrap (see `ea`).
    wr(fp, i.a, rd(fp, i.b).saturating_add(off).min(ADDR_CLAMP));
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

// Makes memory `b|c` of the running instance the one the next instruction
// (a load, a store or `memory.size`) accesses, by handing it that memory's
// base and length in place of memory 0's; `memory.restore` after it hands
// memory 0's back. Memory 0 itself needs neither.
handler!(MemorySelect, |i, ip, fp, cx, mem, len, acc, iacc| {
    let m = *(*cx).vm.instance.memories.add(i.bc() as usize);
    let view = *(*cx).vm.memories.add(m as usize);
    super::super::hand_memory(cx, view);
    next!(ip.add(1), fp, cx, view.base, view.len, acc, iacc)
});

handler!(MemoryRestore, |i, ip, fp, cx, mem, len, acc, iacc| {
    let view = (*cx).vm.memory0;
    super::super::hand_memory(cx, view);
    next!(ip.add(1), fp, cx, view.base, view.len, acc, iacc)
});

// The size comes from the handed memory's length; `c` is its page size as
// a power of two.
handler!(MemorySize, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, (len >> i.c) as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

/// `memory.grow` of memory `c` with 32- and 64-bit addresses: the delta is
/// read, and the old size or -1 written, at the address width.
macro_rules! memory_grow {
    ($($name:ident: $address:ty;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let m = *(*cx).vm.instance.memories.add(i.c as usize);
            let grow = (*cx).vm.libcalls.memory_grow;
            let delta = rd(fp, i.b) as $address as u64;
            let old = match grow((*cx).vm.store, (*cx).vm.limiter, m, delta) {
                Ok(old) => old,
                Err(code) => return trap(cx, ip, fp, code),
            };
            wr(fp, i.a, old.map_or(<$address>::MAX as u64, |o| o as $address as u64));
            super::super::refresh_memory(cx);
            let view = (*cx).vm.memory0;
            next!(ip.add(1), fp, cx, view.base, view.len, acc, iacc)
        });
    )*};
}
memory_grow! {
    MemoryGrow: u32;
    MemoryGrow64: u64;
}

// The bulk memory and table operations, segment drops and table access
// run out of line (`vm::out_of_line`, which compiled code calls too), with
// the store and the running instance at hand; `$width` is 1 plus the number
// of data words.
macro_rules! out_of_line {
    ($($name:ident $width:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let data = if $width > 1 { (*ip.add(1)).instr } else { i };
            if let Err(code) = crate::vm::out_of_line(&raw mut (*cx).vm, fp, i, data) {
                return trap(cx, ip, fp, code);
            }
            next!(ip.add($width), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

out_of_line! {
    MemoryFill 2;
    MemoryCopy 2;
    MemoryInit 2;
    DataDrop 1;
    TableGet 1;
    TableSet 1;
    TableSize 1;
    TableGrow 2;
    TableGrow64 2;
    TableFill 2;
    TableCopy 2;
    TableInit 2;
    ElemDrop 1;
}
