//! Shared linear memories: one memory that several stores use at once, each
//! on its own thread running its own instance (the threads proposal).
//!
//! The bytes are reserved so that they never move: other threads keep the
//! base address while one of them grows the memory. The length is an
//! atomic that only grows; a thread that still sees an older length finds
//! out at its next out-of-bounds access, which looks again before trapping
//! (`interp::handlers::memory::out_of_bounds`). Growth takes a lock.
//! `memory.atomic.wait`/`notify` go through the memory's [`WaitQueue`].

#![allow(unsafe_code)]

use super::Engine;
use super::memory::{Reservation, Storage, guardable, sizes};
use crate::error::Error;
use crate::memory_hooks::MemoryHooks;
use crate::trap::{Trap, TrapCode};
use crate::types::MemoryType;
use crate::vm::MemoryView;
use crate::wait::{Futex, WaitOutcome, WaitQueue};
use alloc::sync::Arc;
use core::cell::UnsafeCell;
use core::fmt;
use core::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use core::time::Duration;

/// A shared linear memory: created on its own with [`SharedMemory::new`]
/// (or by instantiating a module that defines one), imported into instances
/// of any store of the same engine on any thread, and grown from any of them.
///
/// A clone is another handle to the same memory. No `&mut [u8]` view is
/// handed out — other threads may write the bytes at any time; read and
/// write them with [`read`](Self::read) and [`write`](Self::write), or
/// through [`data`](Self::data)'s cells.
#[derive(Clone)]
pub struct SharedMemory(pub(crate) Arc<SharedInner>);

/// What a [`SharedMemory`] handle points at.
pub(crate) struct SharedInner {
    /// The type it was created with.
    ty: MemoryType,
    /// The most pages it may grow to.
    max_pages: u64,
    /// The first byte; never moves.
    base: *mut u8,
    /// The current length in bytes (only grows).
    len: AtomicUsize,
    /// Whether compiled code may rely on its guard regions.
    guarded: bool,
    /// The bytes' reservation; growth holds the lock.
    storage: spin::Mutex<Storage>,
    /// The threads in `memory.atomic.wait`.
    waiters: WaitQueue,
    /// What they sleep on.
    futex: &'static dyn Futex,
}

// SAFETY: the bytes are only reached through `base` with raw-pointer
// accesses (atomic ones for the atomic instructions), never through
// references, so threads sharing them is what Wasm's shared memory means;
// the rest is atomics, a lock, and the `Send + Sync` queue and futex.
unsafe impl Send for SharedInner {}
// SAFETY: as above.
unsafe impl Sync for SharedInner {}

/// How [`SharedMemory::atomic_wait32`] and `64` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitResult {
    /// A notify woke the thread.
    Ok,
    /// The memory did not hold the expected value.
    Mismatch,
    /// The timeout passed.
    TimedOut,
}

impl SharedMemory {
    /// Creates a shared memory of type `ty`, which must be shared and have
    /// a maximum, for use in `engine`'s stores.
    pub fn new(engine: &Engine, ty: MemoryType) -> Result<Self, Error> {
        let config = engine.config();
        #[cfg(wisp_jit)]
        let guarded =
            super::store_jit::relies_on_guards(config, crate::memory_hooks::default_hooks());
        #[cfg(not(wisp_jit))]
        let guarded = false;
        Self::create(ty, None, guarded, config.futex_or_default())
    }

    /// A shared memory of type `ty` from `hooks`, guarded if `guarded` and
    /// the type allows.
    pub(crate) fn create(
        ty: MemoryType,
        hooks: Option<Arc<dyn MemoryHooks>>,
        guarded: bool,
        futex: &'static dyn Futex,
    ) -> Result<Self, Error> {
        if !ty.shared || ty.max.is_none() {
            return Err(Error::link(
                "a shared memory needs a shared type with a maximum",
            ));
        }
        let (max_pages, bytes) = sizes(&ty)?;
        let max_bytes = usize::try_from(max_pages << ty.page_size_log2).unwrap_or(usize::MAX);
        let guarded = guarded && guardable(&ty);
        let how = if guarded {
            Reservation::Guarded
        } else {
            Reservation::InPlace
        };
        let storage = Storage::new(hooks, bytes, max_bytes, how)?;
        Ok(Self(Arc::new(SharedInner {
            ty,
            max_pages,
            base: storage.data.as_mut_ptr(),
            len: AtomicUsize::new(bytes),
            guarded,
            storage: spin::Mutex::new(storage),
            waiters: WaitQueue::default(),
            futex,
        })))
    }

    /// The memory's type, with its current size as the minimum.
    pub fn ty(&self) -> MemoryType {
        MemoryType {
            min: self.size(),
            ..self.0.ty
        }
    }

    /// The type it was created with.
    pub(crate) fn declared_ty(&self) -> MemoryType {
        self.0.ty
    }

    /// Whether compiled code may rely on its guard regions.
    pub(crate) fn guarded(&self) -> bool {
        self.0.guarded
    }

    /// Current size in pages.
    pub fn size(&self) -> u64 {
        self.data_size() as u64 >> self.0.ty.page_size_log2
    }

    /// Current size in bytes.
    pub fn data_size(&self) -> usize {
        self.0.len.load(Ordering::Acquire)
    }

    /// Base and current length, for running code.
    pub(crate) fn view(&self) -> MemoryView {
        MemoryView {
            base: self.0.base,
            len: self.data_size(),
        }
    }

    /// Grows by `delta` pages, returning the previous size in pages; the
    /// new bytes are visible to every thread.
    pub fn grow(&self, delta: u64) -> Result<u64, Error> {
        self.grow_pages(delta)
            .ok_or_else(|| Error::limit("memory cannot grow by the requested number of pages"))
    }

    /// [`grow`](Self::grow) for the runtime: `None` when refused.
    pub(crate) fn grow_pages(&self, delta: u64) -> Option<u64> {
        let mut storage = self.0.storage.lock();
        let page_log2 = self.0.ty.page_size_log2;
        let old = self.0.len.load(Ordering::Relaxed) as u64 >> page_log2;
        let new = old.checked_add(delta)?;
        if new > self.0.max_pages {
            return None;
        }
        let bytes = usize::try_from(new << page_log2).ok()?;
        if storage.data.len() < bytes {
            storage.data.grow(bytes, 0).ok()?;
        }
        debug_assert_eq!(
            storage.data.as_mut_ptr(),
            self.0.base,
            "shared memory moved"
        );
        self.0.len.store(bytes, Ordering::Release);
        Some(old)
    }

    /// The bytes as cells (their current length), which other threads
    /// may change at any time.
    pub fn data(&self) -> &[UnsafeCell<u8>] {
        // SAFETY: `base` points to at least `data_size()` committed bytes
        // that stay valid as long as the memory (and so `self`) lives;
        // `UnsafeCell<u8>` has `u8`'s layout and admits writes through
        // shared references.
        unsafe { core::slice::from_raw_parts(self.0.base.cast(), self.data_size()) }
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(&self, offset: usize, buf: &mut [u8]) -> Result<(), Error> {
        let at = self.range(offset, buf.len(), "read")?;
        // SAFETY: `range` checked the bytes lie within the memory; they
        // are copied through raw pointers (racing writers leave them
        // unspecified, as Wasm's own plain accesses would).
        unsafe { core::ptr::copy(self.0.base.add(at), buf.as_mut_ptr(), buf.len()) };
        Ok(())
    }

    /// Copies `buf` into the memory at `offset`.
    pub fn write(&self, offset: usize, buf: &[u8]) -> Result<(), Error> {
        let at = self.range(offset, buf.len(), "write")?;
        // SAFETY: as in `read`.
        unsafe { core::ptr::copy(buf.as_ptr(), self.0.base.add(at), buf.len()) };
        Ok(())
    }

    /// `offset` if `[offset, offset + len)` lies in the memory.
    fn range(&self, offset: usize, len: usize, what: &str) -> Result<usize, Error> {
        match offset.checked_add(len) {
            Some(end) if end <= self.data_size() => Ok(offset),
            _ => Err(Error::limit(alloc::format!("memory {what} out of bounds"))),
        }
    }

    /// The aligned, in-bounds address of a `size`-byte atomic access at
    /// `address`, or its trap.
    fn atomic_at(&self, address: u64, size: u64) -> Result<*mut u8, TrapCode> {
        let at = crate::vm::atomic_offset(address, 0, size, self.data_size())?;
        // SAFETY: `atomic_offset` checked `at + size` lies in the memory.
        Ok(unsafe { self.0.base.add(at) })
    }

    /// `memory.atomic.notify`: wakes up to `count` threads waiting on
    /// `address`; returns how many.
    pub fn atomic_notify(&self, address: u64, count: u32) -> Result<u32, Trap> {
        Ok(self.notify(address, count)?)
    }

    /// The runtime's `memory.atomic.notify`.
    pub(crate) fn notify(&self, address: u64, count: u32) -> Result<u32, TrapCode> {
        self.atomic_at(address, 4)?;
        Ok(self.0.waiters.notify(self.0.futex, address, count))
    }

    /// `memory.atomic.wait32`: blocks while the `i32` at `address` is
    /// `expected`, until notified or `timeout` (`None`: no limit) passes.
    pub fn atomic_wait32(
        &self,
        address: u64,
        expected: u32,
        timeout: Option<Duration>,
    ) -> Result<WaitResult, Trap> {
        let outcome = self.wait(address, expected as u64, false, timeout, None)?;
        Ok(outcome.into())
    }

    /// `memory.atomic.wait64`: as [`atomic_wait32`](Self::atomic_wait32)
    /// for the `i64` at `address`.
    pub fn atomic_wait64(
        &self,
        address: u64,
        expected: u64,
        timeout: Option<Duration>,
    ) -> Result<WaitResult, Trap> {
        let outcome = self.wait(address, expected, true, timeout, None)?;
        Ok(outcome.into())
    }

    /// The runtime's `memory.atomic.wait32` (`wide`: `wait64`), which also
    /// ends when `stop` says the store was stopped.
    pub(crate) fn wait(
        &self,
        address: u64,
        expected: u64,
        wide: bool,
        timeout: Option<Duration>,
        stop: crate::wait::Stop<'_>,
    ) -> Result<WaitOutcome, TrapCode> {
        let at = self.atomic_at(address, if wide { 8 } else { 4 })?;
        let matches = || {
            if wide {
                // SAFETY: `at` is an aligned, in-bounds address of the
                // memory (`atomic_at`), which outlives the call.
                unsafe { AtomicU64::from_ptr(at.cast()) }.load(Ordering::SeqCst) == expected
            } else {
                // SAFETY: as above.
                unsafe { AtomicU32::from_ptr(at.cast()) }.load(Ordering::SeqCst) == expected as u32
            }
        };
        let outcome = self
            .0
            .waiters
            .wait(self.0.futex, address, matches, timeout, stop);
        match outcome {
            WaitOutcome::Stopped => Err(TrapCode::Interrupted),
            other => Ok(other),
        }
    }

    /// Whether `self` and `other` are the same memory.
    pub fn same(&self, other: &SharedMemory) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl From<WaitOutcome> for WaitResult {
    fn from(outcome: WaitOutcome) -> Self {
        match outcome {
            WaitOutcome::Woken | WaitOutcome::Stopped => WaitResult::Ok,
            WaitOutcome::NotEqual => WaitResult::Mismatch,
            WaitOutcome::TimedOut => WaitResult::TimedOut,
        }
    }
}

impl fmt::Debug for SharedMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedMemory")
            .field("ty", &self.ty())
            .field("guarded", &self.0.guarded)
            .field("waiters", &self.0.waiters)
            .finish()
    }
}

impl PartialEq for SharedMemory {
    fn eq(&self, other: &Self) -> bool {
        self.same(other)
    }
}
