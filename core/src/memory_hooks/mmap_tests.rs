//! `MmapHooks` on its own and behind a store.

use super::GUARD_BEFORE;
use super::mmap::{GRANULE, MmapHooks};
use crate::{Engine, Memory, MemoryHooks, MemoryType, Store};
use crate::{REGION_ALIGN, ResourceKind};
use alloc::sync::Arc;

const PAGE: usize = 65536;

#[test]
fn reserve_commit_grow_release() {
    let hooks = MmapHooks::new();
    let mut region = hooks
        .reserve(ResourceKind::LinearMemory, 10, 4 * PAGE)
        .unwrap();
    assert_eq!(region.len, 10);
    assert_eq!(region.ptr.as_ptr() as usize % REGION_ALIGN, 0);
    assert_eq!(region.reserved, 4 * PAGE);
    // SAFETY: the region is live with `len` committed bytes.
    let bytes = unsafe { core::slice::from_raw_parts_mut(region.ptr.as_ptr(), region.len) };
    assert!(bytes.iter().all(|&b| b == 0));
    bytes.fill(0xab);
    let base = region.ptr;
    // SAFETY: the region came from these hooks.
    unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 3 * PAGE) }.unwrap();
    assert_eq!(region.ptr, base, "growth is in place");
    assert_eq!(hooks.committed(), 3 * PAGE);
    // SAFETY: as above, now 3 pages.
    let bytes = unsafe { core::slice::from_raw_parts_mut(region.ptr.as_ptr(), region.len) };
    assert!(bytes[..10].iter().all(|&b| b == 0xab));
    assert!(bytes[10..].iter().all(|&b| b == 0));
    bytes[3 * PAGE - 1] = 1;
    // SAFETY: as above.
    let past = unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 4 * PAGE + 1) };
    assert!(past.is_err(), "growth past the reservation is refused");
    assert_eq!(region.len, 3 * PAGE);
    // SAFETY: as above; released once.
    unsafe { hooks.release(ResourceKind::LinearMemory, region) };
    assert_eq!(hooks.committed(), 0);
}

#[test]
fn empty_reservations() {
    let hooks = MmapHooks::new();
    let mut region = hooks.reserve(ResourceKind::Table, 0, 0).unwrap();
    assert_eq!(region.len, 0);
    // SAFETY: the region came from these hooks.
    assert!(unsafe { hooks.grow(ResourceKind::Table, &mut region, 8) }.is_err());
    // SAFETY: as above.
    unsafe { hooks.release(ResourceKind::Table, region) };

    let mut region = hooks.reserve(ResourceKind::Table, 0, GRANULE).unwrap();
    // SAFETY: as above.
    unsafe { hooks.grow(ResourceKind::Table, &mut region, 16) }.unwrap();
    // SAFETY: 16 committed bytes.
    unsafe { region.ptr.as_ptr().add(15).write(7) };
    // SAFETY: as above.
    unsafe { hooks.release(ResourceKind::Table, region) };
}

#[test]
fn store_memories_over_mmap_with_a_limit() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let hooks = Arc::new(MmapHooks::with_limit(3 * PAGE));
    store.set_memory_hooks(hooks.clone());
    let ty = MemoryType {
        min: 1,
        max: None,
        memory64: false,
        shared: false,
        page_size_log2: 16,
    };
    let memory = Memory::new(&mut store, ty).unwrap();
    memory.data_mut(&mut store)[PAGE - 1] = 42;
    assert_eq!(memory.grow(&mut store, 2).unwrap(), 1);
    assert_eq!(memory.data(&store)[PAGE - 1], 42);
    assert_eq!(memory.data(&store)[3 * PAGE - 1], 0);
    assert!(
        memory.grow(&mut store, 1).is_err(),
        "the hooks' limit refuses"
    );
    assert_eq!(hooks.committed(), 3 * PAGE);
    assert!(Memory::new(&mut store, ty).is_err());
    drop(store);
    assert_eq!(hooks.committed(), 0);
}

/// Whether all of `[start, end)` is mapped (`msync` fails with `ENOMEM` on
/// any unmapped page).
fn mapped(start: usize, end: usize) -> bool {
    // SAFETY: `msync` only reads the page tables of the range; `MS_ASYNC`
    // on private anonymous memory writes nothing back.
    unsafe { rustix::mm::msync(start as *mut _, end - start, rustix::mm::MsyncFlags::ASYNC) }
        .is_ok()
}

#[test]
fn guarded_region_grows_keeps_bytes_and_releases() {
    let hooks = MmapHooks::new();
    let mut region = hooks
        .reserve_guarded(ResourceKind::LinearMemory, PAGE, 4 * PAGE, 2 * PAGE)
        .unwrap();
    assert_eq!(region.len, PAGE);
    assert_eq!(region.ptr.as_ptr() as usize % REGION_ALIGN, 0);
    assert_eq!(hooks.committed(), PAGE);
    let base = region.ptr.as_ptr() as usize;
    assert!(
        mapped(base - GUARD_BEFORE, base + 6 * PAGE),
        "one mapping holds both guards"
    );
    #[cfg(wisp_jit)]
    assert_eq!(
        crate::memory_hooks::guarded_span(&region, 4 * PAGE, 2 * PAGE),
        (base - GUARD_BEFORE, base + 6 * PAGE)
    );
    // SAFETY: the region is live with `len` committed bytes.
    unsafe { region.ptr.as_ptr().add(PAGE - 1).write(9) };
    // SAFETY: the region came from these hooks.
    unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 3 * PAGE) }.unwrap();
    assert_eq!(region.ptr.as_ptr() as usize, base, "growth is in place");
    assert_eq!(hooks.committed(), 3 * PAGE);
    // SAFETY: as above, now 3 pages.
    let bytes = unsafe { core::slice::from_raw_parts_mut(region.ptr.as_ptr(), region.len) };
    assert_eq!(bytes[PAGE - 1], 9);
    assert!(bytes[PAGE..].iter().all(|&b| b == 0));
    bytes[3 * PAGE - 1] = 1;
    // SAFETY: as above.
    unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 4 * PAGE) }.unwrap();
    // SAFETY: as above.
    let past = unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 4 * PAGE + 1) };
    assert!(past.is_err(), "the trailing guard is never committed");
    assert_eq!(region.len, 4 * PAGE);
    // SAFETY: as above; released once.
    unsafe { hooks.release(ResourceKind::LinearMemory, region) };
    assert_eq!(hooks.committed(), 0);
}

#[test]
fn guarded_empty_and_huge_reservations() {
    let hooks = MmapHooks::new();
    // A memory of at most zero bytes still has its guards.
    let region = hooks
        .reserve_guarded(ResourceKind::LinearMemory, 0, 0, GRANULE)
        .unwrap();
    let base = region.ptr.as_ptr() as usize;
    assert!(mapped(base - GUARD_BEFORE, base + GRANULE));
    // SAFETY: the region came from these hooks; released once.
    unsafe { hooks.release(ResourceKind::LinearMemory, region) };

    // A 32-bit memory's 4 GiB and a 2 GiB guard: address space only.
    const GIB: usize = 1 << 30;
    let mut region = hooks
        .reserve_guarded(ResourceKind::LinearMemory, PAGE, 4 * GIB, 2 * GIB)
        .unwrap();
    assert_eq!(hooks.committed(), PAGE);
    // SAFETY: the region came from these hooks.
    unsafe { hooks.grow(ResourceKind::LinearMemory, &mut region, 2 * PAGE) }.unwrap();
    // SAFETY: two committed pages.
    unsafe { region.ptr.as_ptr().add(2 * PAGE - 1).write(3) };
    // SAFETY: as above; released once.
    unsafe { hooks.release(ResourceKind::LinearMemory, region) };
    assert_eq!(hooks.committed(), 0);
}

#[test]
fn hooks_without_virtual_memory_refuse_guards() {
    let refused =
        crate::GlobalAllocHooks.reserve_guarded(ResourceKind::LinearMemory, 0, PAGE, PAGE);
    assert_eq!(refused, Err(crate::Refused));
}
