//! Table access and function references.

use super::prelude::*;
use crate::vm::TableView;

/// The store index of the running instance's table `t`.
#[inline(always)]
unsafe fn table_index(cx: *mut InterpContext, t: u16) -> usize {
    // SAFETY: the handler contract: `t` is a table of the running instance
    // (validated), whose index space the context holds.
    unsafe { *(*cx).vm.instance.tables.add(t as usize) as usize }
}

/// The running instance's table `t`, as its view.
#[inline(always)]
unsafe fn table(cx: *mut InterpContext, t: u16) -> TableView {
    // SAFETY: the context's table views cover every store table and are kept
    // current by the runtime.
    unsafe { *(*cx).vm.tables.add(table_index(cx, t)) }
}

handler!(TableGet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let table = table(cx, i.c);
    let index = rd(fp, i.b) as u32 as usize;
    if index >= table.len {
        return trap(cx, ip, fp, TrapCode::TableOutOfBounds);
    }
    wr(fp, i.a, *table.base.add(index));
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let table = table(cx, i.c);
    let index = rd(fp, i.a) as u32 as usize;
    if index >= table.len {
        return trap(cx, ip, fp, TrapCode::TableOutOfBounds);
    }
    *table.base.add(index) = rd(fp, i.b);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSize, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, table(cx, i.c).len as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableGrow, |i, ip, fp, cx, mem, len, acc, iacc| {
    let t = table_index(cx, (*ip.add(1)).instr.a) as u32;
    let delta = rd(fp, i.c) as u32 as u64;
    let grow = (*cx).vm.libcalls.table_grow;
    let old = match grow((*cx).vm.store, (*cx).vm.limiter, t, delta, rd(fp, i.b)) {
        Ok(old) => old,
        Err(code) => return trap(cx, ip, fp, code),
    };
    wr(fp, i.a, old.map_or(u32::MAX as u64, |o| o as u32 as u64));
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

handler!(ElemDrop, |i, ip, fp, cx, mem, len, acc, iacc| {
    ((*cx).vm.libcalls.elem_drop)((*cx).vm.store, (*cx).vm.instance_id, i.bc());
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(RefFunc, |i, ip, fp, cx, mem, len, acc, iacc| {
    let f = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    wr(fp, i.a, f as u64 + 1);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
