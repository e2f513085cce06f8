//! The runtime's side of `memory.atomic.wait` and `memory.atomic.notify`:
//! the libcalls running code reaches them through.

#![allow(unsafe_code)]

use super::MemoryEntity;
use super::StoreInner;
use crate::trap::TrapCode;
use crate::vm::{StoreOpaque, VmContext};
use core::sync::atomic::Ordering;
use core::time::Duration;

/// See [`Libcalls::atomic_wait`](crate::vm::Libcalls::atomic_wait).
///
/// # Safety
/// `vm` is the live context of a run, and no reference into its store is
/// alive meanwhile.
pub(super) unsafe fn atomic_wait(
    vm: *mut VmContext,
    memory: u32,
    address: u64,
    expected: u64,
    wide: bool,
    timeout: i64,
) -> Result<u32, TrapCode> {
    // SAFETY: the contract: the context's store pointer was made from the
    // store of the run, which nothing else uses meanwhile; the interrupt
    // flag and epoch counter it points at outlive the run.
    let (store, interrupt, epoch, deadline) = unsafe {
        let vm = &*vm;
        (
            &*vm.store.cast::<StoreInner>(),
            &*vm.interrupt,
            &*vm.epoch,
            vm.epoch_deadline,
        )
    };
    let MemoryEntity::Shared(shared) = &store.memories[memory as usize] else {
        return Err(TrapCode::ExpectedSharedMemory);
    };
    let config = store.engine.config();
    let epochs = config.epoch_interruption;
    let stop = || {
        // As `CheckInterrupt` does: the trap answers the request.
        interrupt.swap(false, Ordering::Relaxed)
            || (epochs && epoch.load(Ordering::Relaxed) >= deadline)
    };
    let watched = config.interruptible || epochs;
    let timeout = u64::try_from(timeout).ok().map(Duration::from_nanos);
    let outcome = shared.wait(address, expected, wide, timeout, watched.then_some(&stop))?;
    Ok(outcome as u32)
}

/// See [`Libcalls::atomic_notify`](crate::vm::Libcalls::atomic_notify).
///
/// # Safety
/// The libcall contract: `store` is the store of a live context, and no
/// reference into it is alive meanwhile.
pub(super) unsafe fn atomic_notify(
    store: *mut StoreOpaque,
    memory: u32,
    address: u64,
    count: u32,
) -> Result<u32, TrapCode> {
    // SAFETY: the contract.
    let store = unsafe { &*store.cast::<StoreInner>() };
    match &store.memories[memory as usize] {
        MemoryEntity::Shared(shared) => shared.notify(address, count),
        MemoryEntity::Owned(_) => Ok(0),
    }
}
