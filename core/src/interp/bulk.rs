//! Bulk memory and table operations (rare enough to live out of the loop).

use crate::index::{DataIndex, ElemIndex, MemoryIndex, TableIndex};
use crate::runtime::StoreInner;
use crate::trap::TrapCode;
use alloc::sync::Arc;

/// `[start, start + len)` as a range within `size`, or `None`.
fn range(start: u64, len: u64, size: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    (end <= size as u64).then_some(start as usize..end as usize)
}

fn memory0(store: &mut StoreInner, inst: u32) -> &mut [u8] {
    let m = store.instances[inst as usize].memories[MemoryIndex::from_u32(0)];
    store.memories[m as usize].data_mut()
}

/// `memory.fill`.
pub(super) fn memory_fill(
    store: &mut StoreInner,
    inst: u32,
    d: u64,
    v: u8,
    n: u64,
) -> Result<(), TrapCode> {
    let mem = memory0(store, inst);
    let r = range(d, n, mem.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    mem[r].fill(v);
    Ok(())
}

/// `memory.copy` (overlapping ranges copy as if through a buffer).
pub(super) fn memory_copy(
    store: &mut StoreInner,
    inst: u32,
    d: u64,
    s: u64,
    n: u64,
) -> Result<(), TrapCode> {
    let mem = memory0(store, inst);
    let src = range(s, n, mem.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    let dst = range(d, n, mem.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    mem.copy_within(src, dst.start);
    Ok(())
}

/// `memory.init` from data segment `seg`.
pub(super) fn memory_init(
    store: &mut StoreInner,
    inst: u32,
    seg: u32,
    d: u64,
    s: u64,
    n: u64,
) -> Result<(), TrapCode> {
    let instance = &store.instances[inst as usize];
    let seg = DataIndex::from_u32(seg);
    let data = if instance.data_dropped[seg] {
        Arc::from([])
    } else {
        Arc::clone(&instance.module.info.datas[seg].bytes)
    };
    let mem = memory0(store, inst);
    let src = range(s, n, data.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    let dst = range(d, n, mem.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    mem[dst].copy_from_slice(&data[src]);
    Ok(())
}

/// `table.fill`.
pub(super) fn table_fill(
    store: &mut StoreInner,
    inst: u32,
    table: u16,
    d: u64,
    v: u64,
    n: u64,
) -> Result<(), TrapCode> {
    let t = store.instances[inst as usize].tables[TableIndex::from_u32(table.into())];
    let elems = &mut store.tables[t as usize].elements;
    let r = range(d, n, elems.len()).ok_or(TrapCode::TableOutOfBounds)?;
    elems[r].fill(v);
    Ok(())
}

/// `table.copy` between two tables of the instance (possibly the same).
pub(super) fn table_copy(
    store: &mut StoreInner,
    inst: u32,
    dst_table: u16,
    src_table: u32,
    d: u64,
    s: u64,
    n: u64,
) -> Result<(), TrapCode> {
    let instance = &store.instances[inst as usize];
    let dt = instance.tables[TableIndex::from_u32(dst_table.into())] as usize;
    let st = instance.tables[TableIndex::from_u32(src_table)] as usize;
    let src_len = store.tables[st].elements.len();
    let dst_len = store.tables[dt].elements.len();
    let src = range(s, n, src_len).ok_or(TrapCode::TableOutOfBounds)?;
    let dst = range(d, n, dst_len).ok_or(TrapCode::TableOutOfBounds)?;
    if dt == st {
        store.tables[dt].elements.copy_within(src, dst.start);
    } else {
        let items: alloc::vec::Vec<u64> = store.tables[st].elements[src].to_vec();
        store.tables[dt].elements[dst].copy_from_slice(&items);
    }
    Ok(())
}

/// `table.init` from element segment `seg`.
pub(super) fn table_init(
    store: &mut StoreInner,
    inst: u32,
    table: u16,
    seg: u32,
    d: u64,
    s: u64,
    n: u64,
) -> Result<(), TrapCode> {
    let instance = &store.instances[inst as usize];
    let items = Arc::clone(&instance.elems[ElemIndex::from_u32(seg)]);
    let t = instance.tables[TableIndex::from_u32(table.into())] as usize;
    let elems = &mut store.tables[t].elements;
    let src = range(s, n, items.len()).ok_or(TrapCode::TableOutOfBounds)?;
    let dst = range(d, n, elems.len()).ok_or(TrapCode::TableOutOfBounds)?;
    elems[dst].copy_from_slice(&items[src]);
    Ok(())
}
