//! The runtime's side of [`Libcalls`]: the out-of-line operations running
//! code calls through the VM context, each forming a reference to the store
//! for its own duration only (see `vm/libcalls.rs`).

#![allow(unsafe_code)]

use super::{Ask, StoreInner};
use crate::index::{DataIndex, ElemIndex};
use crate::trap::TrapCode;
use crate::vm::{Libcalls, StoreOpaque, VmContext};
use alloc::sync::Arc;

/// The table every VM context points at.
pub(crate) static LIBCALLS: Libcalls = Libcalls {
    memory_grow,
    memory_fill,
    memory_copy,
    memory_init,
    shared_memory_len,
    atomic_wait: super::atomics::atomic_wait,
    atomic_notify: super::atomics::atomic_notify,
    data_drop,
    table_grow,
    table_fill,
    table_copy,
    table_init,
    elem_drop,
    gc: super::gc_ops::gc,
    type_matches,
    grow_frames,
    #[cfg(wisp_jit)]
    tier_up,
};

/// The store behind a context's opaque pointer.
///
/// # Safety
/// `store` is the `store` field of a live VM context, and no reference
/// into the store is alive while the one returned is used.
unsafe fn inner<'a>(store: *mut StoreOpaque) -> &'a mut StoreInner {
    // SAFETY: the contract: the pointer was made from a `&mut StoreInner`
    // for the run, and nothing else uses the store meanwhile.
    unsafe { &mut *store.cast::<StoreInner>() }
}

/// `[start, start + len)` as a range within `size`, or `None`.
fn range(start: u64, len: u64, size: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    (end <= size as u64).then_some(start as usize..end as usize)
}

unsafe fn memory_grow(
    store: *mut StoreOpaque,
    limiter: *mut Ask<'static>,
    memory: u32,
    delta: u64,
) -> Result<Option<u64>, TrapCode> {
    // SAFETY: the libcall contract; `limiter` is the context's, whose
    // closure lives for the run and is used by nothing else meanwhile.
    let (store, limiter) = unsafe { (inner(store), &mut *limiter) };
    store
        .grow_memory(memory, delta, limiter)
        .map_err(|e| store.hold_error(e))
}

unsafe fn memory_fill(
    store: *mut StoreOpaque,
    memory: u32,
    dst: u64,
    value: u8,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    unsafe { inner(store) }.memories[memory as usize].fill(dst, value, n)
}

unsafe fn memory_copy(
    store: *mut StoreOpaque,
    dst_memory: u32,
    src_memory: u32,
    dst: u64,
    src: u64,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    let memories = &unsafe { inner(store) }.memories;
    memories[dst_memory as usize].copy_from(dst, &memories[src_memory as usize], src, n)
}

unsafe fn memory_init(
    store: *mut StoreOpaque,
    instance: u32,
    memory: u32,
    data: u32,
    dst: u64,
    src: u64,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    let store = unsafe { inner(store) };
    let instance = &store.instances[instance as usize];
    let seg = DataIndex::from_u32(data);
    let bytes: &[u8] = if instance.data_dropped[seg] {
        &[]
    } else {
        &instance.module.info.datas[seg].bytes
    };
    let src = range(src, n, bytes.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
    store.memories[memory as usize].write_at(dst, &bytes[src])
}

unsafe fn shared_memory_len(store: *mut StoreOpaque, base: *mut u8) -> usize {
    // SAFETY: the libcall contract.
    unsafe { inner(store) }.refresh_shared_views(base)
}

unsafe fn type_matches(store: *mut StoreOpaque, actual: u32, expected: u32) -> bool {
    // SAFETY: the libcall contract.
    let store = unsafe { inner(store) };
    use crate::types::TypeId;
    store.type_matches(TypeId::from_u32(actual), TypeId::from_u32(expected))
}

unsafe fn data_drop(store: *mut StoreOpaque, instance: u32, data: u32) {
    // SAFETY: the libcall contract.
    let store = unsafe { inner(store) };
    store.instances[instance as usize].data_dropped[DataIndex::from_u32(data)] = true;
}

unsafe fn table_grow(
    store: *mut StoreOpaque,
    limiter: *mut Ask<'static>,
    table: u32,
    delta: u64,
    init: u64,
) -> Result<Option<u64>, TrapCode> {
    // SAFETY: as for `memory_grow`.
    let (store, limiter) = unsafe { (inner(store), &mut *limiter) };
    store
        .grow_table(table, delta, init, limiter)
        .map_err(|e| store.hold_error(e))
}

unsafe fn table_fill(
    store: *mut StoreOpaque,
    table: u32,
    dst: u64,
    value: u64,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    let elems = &mut unsafe { inner(store) }.tables[table as usize].elements;
    let r = range(dst, n, elems.len()).ok_or(TrapCode::TableOutOfBounds)?;
    elems[r].fill(value);
    Ok(())
}

unsafe fn table_copy(
    store: *mut StoreOpaque,
    dst_table: u32,
    src_table: u32,
    dst: u64,
    src: u64,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    let tables = &mut unsafe { inner(store) }.tables;
    let (dt, st) = (dst_table as usize, src_table as usize);
    let src = range(src, n, tables[st].elements.len()).ok_or(TrapCode::TableOutOfBounds)?;
    let dst = range(dst, n, tables[dt].elements.len()).ok_or(TrapCode::TableOutOfBounds)?;
    if dt == st {
        tables[dt].elements.copy_within(src, dst.start);
    } else {
        let (from, to) = if st < dt {
            let (low, high) = tables.split_at_mut(dt);
            (&low[st], &mut high[0])
        } else {
            let (low, high) = tables.split_at_mut(st);
            (&high[0], &mut low[dt])
        };
        to.elements[dst].copy_from_slice(&from.elements[src]);
    }
    Ok(())
}

unsafe fn table_init(
    store: *mut StoreOpaque,
    instance: u32,
    table: u32,
    elem: u32,
    dst: u64,
    src: u64,
    n: u64,
) -> Result<(), TrapCode> {
    // SAFETY: the libcall contract.
    let store = unsafe { inner(store) };
    let items = Arc::clone(&store.instances[instance as usize].elems[ElemIndex::from_u32(elem)]);
    let elems = &mut store.tables[table as usize].elements;
    let src = range(src, n, items.len()).ok_or(TrapCode::TableOutOfBounds)?;
    let dst = range(dst, n, elems.len()).ok_or(TrapCode::TableOutOfBounds)?;
    elems[dst].copy_from_slice(&items[src]);
    Ok(())
}

unsafe fn elem_drop(store: *mut StoreOpaque, instance: u32, elem: u32) {
    // SAFETY: the libcall contract.
    let store = unsafe { inner(store) };
    store.instances[instance as usize].elems[ElemIndex::from_u32(elem)] = Arc::from([]);
}

/// The frame vector is put together with the frames in use, grown, and
/// taken apart again.
unsafe fn grow_frames(vm: *mut VmContext, more: usize) {
    // SAFETY: `vm` is the live context (the libcall contract); the frame
    // stack is the store's vector, taken apart for the run with
    // `frames_len` frames initialized; the reference to it lives only for
    // this block.
    unsafe {
        let frames = &mut inner((*vm).store).frames;
        frames.set_len((*vm).frames_len);
        frames.reserve(more.max(frames.len()).max(16));
        (*vm).frames = frames.as_mut_ptr();
        (*vm).frames_capacity = frames.capacity();
    }
}

/// Compiles the hot function `func` (a Wasm function of the store) and
/// switches its record to the compiled code; or leaves it interpreted for
/// good when it cannot be compiled.
#[cfg(wisp_jit)]
unsafe fn tier_up(vm: *mut VmContext, func: u32) -> bool {
    // SAFETY: `vm` is the live context (the libcall contract); the store's
    // function records are the vector its `funcs` points into, written
    // only through that pointer while the run lasts; the store reference
    // lives for this block and touches neither.
    unsafe {
        let store = inner((*vm).store);
        let record = (*vm).funcs.add(func as usize);
        let super::func::FuncEntity::Wasm { module, def, .. } = &store.funcs[func as usize] else {
            (*record).hotness = i32::MAX;
            return false;
        };
        let config = store.engine.config();
        match store
            .jit
            .hot(module, *def, config, store.memory_hooks.as_ref())
        {
            Some(code) => {
                (*record).code = code.stub;
                (*record).jit = code;
                true
            }
            None => {
                (*record).hotness = i32::MAX;
                false
            }
        }
    }
}
