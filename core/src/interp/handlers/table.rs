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

// Indices are read whole: an `i32` index is zero-extended in its slot, a
// 64-bit table's may be any `u64` and must not be truncated.
handler!(TableGet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let table = table(cx, i.c);
    let index = rd(fp, i.b);
    if index >= table.len as u64 {
        return trap(cx, ip, fp, TrapCode::TableOutOfBounds);
    }
    wr(fp, i.a, *table.base.add(index as usize));
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let table = table(cx, i.c);
    let index = rd(fp, i.a);
    if index >= table.len as u64 {
        return trap(cx, ip, fp, TrapCode::TableOutOfBounds);
    }
    *table.base.add(index as usize) = rd(fp, i.b);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSize, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, table(cx, i.c).len as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

/// `table.grow` with 32- and 64-bit indices: the old size or -1 is written
/// at the index width (the delta is read whole: an `i32` is zero-extended
/// in its slot).
macro_rules! table_grow {
    ($($name:ident: $index:ty;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let t = table_index(cx, (*ip.add(1)).instr.a) as u32;
            let delta = rd(fp, i.c);
            let grow = (*cx).vm.libcalls.table_grow;
            let old = match grow((*cx).vm.store, (*cx).vm.limiter, t, delta, rd(fp, i.b)) {
                Ok(old) => old,
                Err(code) => return trap(cx, ip, fp, code),
            };
            wr(fp, i.a, old.map_or(<$index>::MAX as u64, |o| o as $index as u64));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
table_grow! {
    TableGrow: u32;
    TableGrow64: u64;
}

handler!(ElemDrop, |i, ip, fp, cx, mem, len, acc, iacc| {
    ((*cx).vm.libcalls.elem_drop)((*cx).vm.store, (*cx).vm.instance_id, i.bc());
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(RefFunc, |i, ip, fp, cx, mem, len, acc, iacc| {
    let f = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    wr(fp, i.a, f as u64 + 1);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
