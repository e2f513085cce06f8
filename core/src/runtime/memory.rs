//! Linear memories.

#![allow(unsafe_code)]

use super::store::{AsContext, AsContextMut};
use crate::error::Error;
use crate::memory_hooks::{GuestBuffer, MemoryHooks, ResourceKind};
use crate::trap::TrapCode;
use crate::types::MemoryType;
use alloc::sync::Arc;
use core::ptr;

pub use super::shared_memory::SharedMemory;

/// A linear memory as a store holds it: its own, or a shared one that
/// other stores (on other threads) may hold too.
#[derive(Debug)]
pub(crate) enum MemoryEntity {
    /// A memory only this store uses.
    Owned(OwnedMemory),
    /// A shared memory ([`SharedMemory`]).
    Shared(SharedMemory),
}

/// A linear memory owned by a store. Its bytes come from the store's
/// [`MemoryHooks`] (the global allocator when none are installed).
#[derive(Debug)]
pub(crate) struct OwnedMemory {
    ty: MemoryType,
    storage: Storage,
    /// The largest size in pages this memory may grow to.
    max_pages: u64,
}

/// A memory's bytes and, for a guarded one, the registration of its guard
/// regions with the signal handler (dropped first, before the reservation
/// is released).
#[derive(Debug)]
pub(crate) struct Storage {
    #[cfg(all(wisp_jit, unix))]
    _guards: Option<crate::jit::signals::GuardRegistration>,
    pub(crate) data: GuestBuffer<u8>,
}

/// The largest memory wisp allocates, in bytes, whatever the type allows:
/// 4 GiB for a 32-bit memory (all it can address) ...
const MAX_BYTES: u64 = 1 << 32;
/// ... and 16 GiB for a 64-bit one: the memory hooks reserve a memory's
/// maximum up front (address space only; pages are committed as it grows),
/// so the bound keeps an unbounded memory's reservation reasonable.
const MAX_BYTES_64: u64 = 1 << 34;

/// Whether a memory of type `ty` can be guarded
/// ([`Config::signals_based_traps`](crate::Config::signals_based_traps)):
/// 32-bit addresses (64-bit ones keep their bounds checks) and 64 KiB pages
/// (the hooks commit whole 64 KiB granules, so with smaller pages the bytes
/// past a memory's end up to the granule's end would not fault).
pub(crate) fn guardable(ty: &MemoryType) -> bool {
    !ty.memory64 && ty.page_size_log2 == 16
}

/// The most pages a memory of type `ty` may have (its maximum, capped by
/// wisp's limits), and its initial size in bytes.
pub(crate) fn sizes(ty: &MemoryType) -> Result<(u64, usize), Error> {
    let page = 1u64 << ty.page_size_log2;
    let max_pages = ty
        .max
        .unwrap_or(u64::MAX)
        .min(ty.absolute_max_pages())
        .min(if ty.memory64 { MAX_BYTES_64 } else { MAX_BYTES } / page);
    if ty.min > max_pages {
        return Err(Error::limit(
            "memory minimum size exceeds the allowed maximum",
        ));
    }
    let bytes = usize::try_from(ty.min * page)
        .map_err(|_| Error::limit("memory minimum size exceeds the address space"))?;
    Ok((max_pages, bytes))
}

/// How a memory's storage is reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reservation {
    /// However the hooks like; growth may move the bytes.
    Any,
    /// In place: growth never moves the bytes (a shared memory's, which
    /// other threads address while it grows). Hooks with guard regions
    /// reserve the maximum; others commit it all at once.
    InPlace,
    /// With guard regions registered with the signal handler, which
    /// compiled code relies on (in place too).
    Guarded,
}

impl Storage {
    /// `bytes` zeroed bytes of linear memory, which may grow to
    /// `max_bytes`, from `hooks`, reserved as `how` says. The returned
    /// buffer may be longer than `bytes` (an in-place reservation from
    /// hooks without guard regions holds the maximum).
    pub(crate) fn new(
        hooks: Option<Arc<dyn MemoryHooks>>,
        bytes: usize,
        max_bytes: usize,
        how: Reservation,
    ) -> Result<Self, Error> {
        let kind = ResourceKind::LinearMemory;
        #[cfg(all(wisp_jit, unix))]
        if how == Reservation::Guarded {
            return Self::guarded(hooks, bytes);
        }
        let in_place = how != Reservation::Any;
        let guard_regions = hooks
            .as_deref()
            .unwrap_or(crate::memory_hooks::default_hooks())
            .guard_regions();
        let data = match (in_place, guard_regions) {
            (false, _) => GuestBuffer::new(hooks, kind, bytes, max_bytes),
            (true, true) => GuestBuffer::new_in_place(hooks, kind, bytes, max_bytes, 0),
            (true, false) => GuestBuffer::new(hooks, kind, max_bytes, max_bytes),
        }
        .map_err(|_| Error::limit("cannot allocate the memory's initial size"))?;
        Ok(Self {
            #[cfg(all(wisp_jit, unix))]
            _guards: None,
            data,
        })
    }

    /// A guarded memory: all 4 GiB a 32-bit address reaches reserved, and
    /// [`GUARD`](crate::jit::lower::GUARD) bytes past them, registered
    /// with the signal handler.
    #[cfg(all(wisp_jit, unix))]
    fn guarded(hooks: Option<Arc<dyn MemoryHooks>>, bytes: usize) -> Result<Self, Error> {
        use crate::jit::lower::GUARD;
        let kind = ResourceKind::LinearMemory;
        let data = GuestBuffer::new_in_place(hooks, kind, bytes, 1 << 32, GUARD).map_err(|_| {
            Error::limit(
                "cannot reserve the memory with guard regions, which this store's \
                 compiled code relies on (Config::signals_based_traps(false) checks \
                 bounds instead)",
            )
        })?;
        let (start, end) = data.guarded_span(1 << 32, GUARD);
        let guards = crate::jit::signals::register_guard(start, end).ok_or_else(|| {
            Error::limit(alloc::format!(
                "too many guarded memories in this process ({}; \
                 Config::signals_based_traps(false) has no such limit)",
                crate::jit::signals::CAPACITY
            ))
        })?;
        Ok(Self {
            _guards: Some(guards),
            data,
        })
    }
}

impl OwnedMemory {
    /// Allocates a memory of `ty.min` pages through `hooks` (the default
    /// hooks when `None`); `guarded` (the store's choice) reserves a
    /// guardable one with guard regions, which compiled code relies on.
    pub(crate) fn new(
        ty: MemoryType,
        hooks: Option<Arc<dyn MemoryHooks>>,
        guarded: bool,
    ) -> Result<Self, Error> {
        let (max_pages, bytes) = sizes(&ty)?;
        let max_bytes = usize::try_from(max_pages << ty.page_size_log2).unwrap_or(usize::MAX);
        let how = if guarded && guardable(&ty) {
            Reservation::Guarded
        } else {
            Reservation::Any
        };
        Ok(Self {
            ty,
            storage: Storage::new(hooks, bytes, max_bytes, how)?,
            max_pages,
        })
    }

    /// The bytes.
    pub(crate) fn data(&self) -> &[u8] {
        &self.storage.data
    }

    /// The bytes, mutably.
    pub(crate) fn data_mut(&mut self) -> &mut [u8] {
        &mut self.storage.data
    }

    /// Grows by `delta` pages; returns the old size, or `None` when the
    /// maximum or the memory hooks refuse. The bytes may move.
    fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.storage.data.len() as u64 >> self.ty.page_size_log2;
        let new = old.checked_add(delta)?;
        if new > self.max_pages {
            return None;
        }
        let bytes = usize::try_from(new << self.ty.page_size_log2).ok()?;
        self.storage.data.grow(bytes, 0).ok()?;
        Some(old)
    }
}

impl MemoryEntity {
    /// The memory's type, with its current size as the minimum.
    pub(crate) fn ty(&self) -> MemoryType {
        let ty = match self {
            MemoryEntity::Owned(m) => m.ty,
            MemoryEntity::Shared(m) => m.declared_ty(),
        };
        MemoryType {
            min: self.pages(),
            ..ty
        }
    }

    /// The page size as a power of two.
    pub(crate) fn page_size_log2(&self) -> u32 {
        match self {
            MemoryEntity::Owned(m) => m.ty.page_size_log2 as u32,
            MemoryEntity::Shared(m) => m.declared_ty().page_size_log2 as u32,
        }
    }

    /// Current size in pages.
    pub(crate) fn pages(&self) -> u64 {
        self.view().len as u64 >> self.page_size_log2()
    }

    /// The memory's own bytes. A shared memory has no slice view: other
    /// threads write it meanwhile.
    ///
    /// # Panics
    /// On a shared memory, which no [`Memory`] handle names.
    pub(crate) fn owned(&self) -> &OwnedMemory {
        match self {
            MemoryEntity::Owned(m) => m,
            MemoryEntity::Shared(_) => panic!("a shared memory has no Memory handle"),
        }
    }

    /// As [`owned`](Self::owned), mutably.
    pub(crate) fn owned_mut(&mut self) -> &mut OwnedMemory {
        match self {
            MemoryEntity::Owned(m) => m,
            MemoryEntity::Shared(_) => panic!("a shared memory has no Memory handle"),
        }
    }

    /// Base and length for running code (valid until the memory grows; a
    /// shared memory's base never changes, and its length only grows).
    pub(crate) fn view(&self) -> crate::vm::MemoryView {
        match self {
            MemoryEntity::Owned(m) => crate::vm::MemoryView {
                base: m.storage.data.as_mut_ptr(),
                len: m.storage.data.len(),
            },
            MemoryEntity::Shared(m) => m.view(),
        }
    }

    /// The view of `[start, start + n)` of the memory, if in bounds.
    fn span(&self, start: u64, n: u64) -> Result<*mut u8, TrapCode> {
        let view = self.view();
        match start.checked_add(n) {
            // SAFETY: `start + n <= len`: the offset stays in the memory.
            Some(end) if end <= view.len as u64 => Ok(unsafe { view.base.add(start as usize) }),
            _ => Err(TrapCode::MemoryOutOfBounds),
        }
    }

    /// Copies `bytes` into the memory at `dst` (`memory.init`, data
    /// segments).
    pub(crate) fn write_at(&self, dst: u64, bytes: &[u8]) -> Result<(), TrapCode> {
        let to = self.span(dst, bytes.len() as u64)?;
        // SAFETY: `span` checked the destination lies in the memory, whose
        // bytes are reached only through raw pointers while it is written
        // (running code's view; for a shared memory, other threads').
        unsafe { ptr::copy(bytes.as_ptr(), to, bytes.len()) };
        Ok(())
    }

    /// `memory.fill`: `n` bytes at `dst` set to `value`.
    pub(crate) fn fill(&self, dst: u64, value: u8, n: u64) -> Result<(), TrapCode> {
        let to = self.span(dst, n)?;
        // SAFETY: as in `write_at`.
        unsafe { ptr::write_bytes(to, value, n as usize) };
        Ok(())
    }

    /// `memory.copy`: `n` bytes from `src` in `from` (possibly this very
    /// memory, overlapping) to `dst` in this one.
    pub(crate) fn copy_from(
        &self,
        dst: u64,
        from: &MemoryEntity,
        src: u64,
        n: u64,
    ) -> Result<(), TrapCode> {
        let source = from.span(src, n)?;
        let to = self.span(dst, n)?;
        // SAFETY: both ranges lie in their memories (`span`); `ptr::copy`
        // allows them to overlap.
        unsafe { ptr::copy(source, to, n as usize) };
        Ok(())
    }

    /// Grows by `delta` pages; returns the old size, or `None` when the
    /// maximum or the memory hooks refuse. An owned memory's bytes may
    /// move: callers that cached [`view`](Self::view)'s address must
    /// fetch it again.
    pub(crate) fn grow(&mut self, delta: u64) -> Option<u64> {
        match self {
            MemoryEntity::Owned(m) => m.grow(delta),
            MemoryEntity::Shared(m) => m.grow_pages(delta),
        }
    }
}

/// A handle to a linear memory in a store. Using it with another store is
/// an error (or a panic, where the method returns no `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) super::Stored);

impl Memory {
    /// Creates a memory of type `ty` in the store. A shared type is an
    /// error: a shared memory is a [`SharedMemory`], made with
    /// [`SharedMemory::new`].
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Self, Error> {
        if ty.shared {
            return Err(Error::link(
                "a shared memory is created with SharedMemory::new, not Memory::new",
            ));
        }
        let (inner, mut limiter) = store.as_context_mut().store.inner_and_limiter();
        limiter.admit(inner, 0, 0, 1)?;
        let index = inner.push_memory(ty, &mut |g| limiter.ask(g))?;
        Ok(Memory(super::Stored::new(inner.id, index)))
    }

    /// The memory's type (its minimum is the current size).
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        let inner = store.as_context().inner;
        inner.memories[self.0.index(inner.id)].ty()
    }

    /// Current size in pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let inner = store.as_context().inner;
        inner.memories[self.0.index(inner.id)].pages()
    }

    /// Current size in bytes.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        let inner = store.as_context().inner;
        inner.memories[self.0.index(inner.id)].view().len
    }

    /// Grows by `delta` pages, returning the previous size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64, Error> {
        let (inner, mut limiter) = store.as_context_mut().store.inner_and_limiter();
        let index = self.0.try_index(inner.id)?;
        inner
            .grow_memory(index as u32, delta, &mut |g| limiter.ask(g))?
            .ok_or_else(|| Error::limit("memory cannot grow by the requested number of pages"))
    }

    /// The memory's bytes.
    pub fn data<'a, T: 'a>(&self, store: impl Into<super::store::StoreContext<'a, T>>) -> &'a [u8] {
        let inner = store.into().inner;
        inner.memories[self.0.index(inner.id)].owned().data()
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, T: 'a>(
        &self,
        store: impl Into<super::store::StoreContextMut<'a, T>>,
    ) -> &'a mut [u8] {
        let inner = &mut store.into().store.inner;
        let index = self.0.index(inner.id);
        inner.memories[index].owned_mut().data_mut()
    }

    /// The memory's bytes and the host state, both mutably at once (a host
    /// function that decodes guest memory into its own state needs both).
    pub fn data_and_store_mut<'a, T: 'a>(
        &self,
        store: impl Into<super::store::StoreContextMut<'a, T>>,
    ) -> (&'a mut [u8], &'a mut T) {
        let store = store.into().store;
        let index = self.0.index(store.inner.id);
        (
            store.inner.memories[index].owned_mut().data_mut(),
            &mut store.data,
        )
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<(), Error> {
        let ctx = store.as_context();
        let data = ctx.inner.memories[self.0.try_index(ctx.inner.id)?]
            .owned()
            .data();
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| Error::limit("memory read out of bounds"))?;
        buf.copy_from_slice(src);
        Ok(())
    }

    /// Copies `buf` into the memory at `offset`.
    pub fn write(
        &self,
        mut store: impl AsContextMut,
        offset: usize,
        buf: &[u8],
    ) -> Result<(), Error> {
        let ctx = store.as_context_mut();
        let inner = &mut ctx.store.inner;
        let index = self.0.try_index(inner.id)?;
        let data = inner.memories[index].owned_mut().data_mut();
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::limit("memory write out of bounds"))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
}
