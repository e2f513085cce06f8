//! Table access and function references.

use super::prelude::*;

handler!(TableGet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let store = &mut *store(cx);
    let t = *(*cx).vm.instance.tables.add(i.c as usize);
    match store.tables[t as usize]
        .elements
        .get(rd(fp, i.b) as u32 as usize)
    {
        Some(&v) => wr(fp, i.a, v),
        None => return trap(cx, ip, fp, TrapCode::TableOutOfBounds),
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let store = &mut *store(cx);
    let t = *(*cx).vm.instance.tables.add(i.c as usize);
    let v = rd(fp, i.b);
    match store.tables[t as usize]
        .elements
        .get_mut(rd(fp, i.a) as u32 as usize)
    {
        Some(slot) => *slot = v,
        None => return trap(cx, ip, fp, TrapCode::TableOutOfBounds),
    }
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableSize, |i, ip, fp, cx, mem, len, acc, iacc| {
    let store = &mut *store(cx);
    let t = *(*cx).vm.instance.tables.add(i.c as usize);
    wr(fp, i.a, store.tables[t as usize].elements.len() as u64);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(TableGrow, |i, ip, fp, cx, mem, len, acc, iacc| {
    let store = &mut *store(cx);
    let t = *(*cx).vm.instance.tables.add((*ip.add(1)).instr.a as usize);
    let old = store.tables[t as usize].grow(rd(fp, i.c) as u32 as u64, rd(fp, i.b));
    wr(fp, i.a, old.map_or(u32::MAX as u64, |o| o as u32 as u64));
    next!(ip.add(2), fp, cx, mem, len, acc, iacc)
});

handler!(ElemDrop, |i, ip, fp, cx, mem, len, acc, iacc| {
    let inst = (*cx).vm.instance_id as usize;
    (&mut (*store(cx)).instances)[inst].elems[crate::index::ElemIndex::from_u32(i.bc())] =
        alloc::sync::Arc::from([]);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(RefFunc, |i, ip, fp, cx, mem, len, acc, iacc| {
    let f = *(*cx).vm.instance.funcs.add(i.bc() as usize);
    wr(fp, i.a, f as u64 + 1);
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});
