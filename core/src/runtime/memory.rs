//! Linear memories.

use super::store::{AsContext, AsContextMut};
use crate::error::Error;
use crate::memory_hooks::{GuestBuffer, MemoryHooks, ResourceKind};
use crate::types::MemoryType;
use alloc::sync::Arc;

/// A linear memory owned by a store. Its bytes come from the store's
/// [`MemoryHooks`] (the global allocator when none are installed).
#[derive(Debug)]
pub(crate) struct MemoryEntity {
    ty: MemoryType,
    /// For a guarded memory, the registration of its guard regions with
    /// the signal handler; dropped before the reservation is released.
    #[cfg(all(wisp_jit, unix))]
    _guards: Option<crate::jit::signals::GuardRegistration>,
    data: GuestBuffer<u8>,
    /// The largest size in pages this memory may grow to.
    max_pages: u64,
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
#[cfg(wisp_jit)]
pub(crate) fn guardable(ty: &MemoryType) -> bool {
    !ty.memory64 && ty.page_size_log2 == 16
}

impl MemoryEntity {
    /// Allocates a memory of `ty.min` pages through `hooks` (the default
    /// hooks when `None`); `guarded` (the store's choice) reserves a
    /// guardable one with guard regions, which compiled code relies on.
    pub(crate) fn new(
        ty: MemoryType,
        hooks: Option<Arc<dyn MemoryHooks>>,
        guarded: bool,
    ) -> Result<Self, Error> {
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
        let max_bytes = usize::try_from(max_pages * page).unwrap_or(usize::MAX);
        #[cfg(all(wisp_jit, unix))]
        if guarded && guardable(&ty) {
            return Self::new_guarded(ty, hooks, bytes, max_pages);
        }
        let _ = guarded;
        let data = GuestBuffer::new(hooks, ResourceKind::LinearMemory, bytes, max_bytes)
            .map_err(|_| Error::limit("cannot allocate the memory's initial size"))?;
        Ok(Self {
            ty,
            #[cfg(all(wisp_jit, unix))]
            _guards: None,
            data,
            max_pages,
        })
    }

    /// A guarded memory: all 4 GiB a 32-bit address reaches reserved, and
    /// [`GUARD`](crate::jit::x64::lower::GUARD) bytes past them, registered
    /// with the signal handler.
    #[cfg(all(wisp_jit, unix))]
    fn new_guarded(
        ty: MemoryType,
        hooks: Option<Arc<dyn MemoryHooks>>,
        bytes: usize,
        max_pages: u64,
    ) -> Result<Self, Error> {
        use crate::jit::x64::lower::GUARD;
        let (data, (start, end)) =
            GuestBuffer::new_guarded(hooks, ResourceKind::LinearMemory, bytes, 1 << 32, GUARD)
                .map_err(|_| {
                    Error::limit(
                        "cannot reserve the memory with guard regions, which this store's \
                         compiled code relies on (Config::signals_based_traps(false) checks \
                         bounds instead)",
                    )
                })?;
        let guards = crate::jit::signals::register_guard(start, end).ok_or_else(|| {
            Error::limit(alloc::format!(
                "too many guarded memories in this process ({}; \
                 Config::signals_based_traps(false) has no such limit)",
                crate::jit::signals::CAPACITY
            ))
        })?;
        Ok(Self {
            ty,
            _guards: Some(guards),
            data,
            max_pages,
        })
    }

    /// The memory's type, with its current size as the minimum.
    pub(crate) fn ty(&self) -> MemoryType {
        MemoryType {
            min: self.pages(),
            ..self.ty
        }
    }

    /// The page size as a power of two.
    pub(crate) fn page_size_log2(&self) -> u32 {
        self.ty.page_size_log2 as u32
    }

    /// Current size in pages.
    pub(crate) fn pages(&self) -> u64 {
        self.data.len() as u64 >> self.ty.page_size_log2
    }

    /// The bytes.
    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    /// The bytes, mutably.
    pub(crate) fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// Base and length for running code (valid until the memory grows).
    pub(crate) fn view(&self) -> crate::vm::MemoryView {
        crate::vm::MemoryView {
            base: self.data.as_mut_ptr(),
            len: self.data.len(),
        }
    }

    /// Grows by `delta` pages; returns the old size, or `None` when the
    /// maximum or the memory hooks refuse. The bytes may move: callers that
    /// cached [`data`](Self::data)'s address must fetch it again.
    pub(crate) fn grow(&mut self, delta: u64) -> Option<u64> {
        let old = self.pages();
        let new = old.checked_add(delta)?;
        if new > self.max_pages {
            return None;
        }
        let bytes = usize::try_from(new << self.ty.page_size_log2).ok()?;
        self.data.grow(bytes, 0).ok()?;
        Some(old)
    }
}

/// A handle to a linear memory in a store. Using it with another store is
/// an error (or a panic, where the method returns no `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) super::Stored);

impl Memory {
    /// Creates a memory of type `ty` in the store.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Self, Error> {
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
        inner.memories[self.0.index(inner.id)].data().len()
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
        inner.memories[self.0.index(inner.id)].data()
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, T: 'a>(
        &self,
        store: impl Into<super::store::StoreContextMut<'a, T>>,
    ) -> &'a mut [u8] {
        let inner = &mut store.into().store.inner;
        let index = self.0.index(inner.id);
        inner.memories[index].data_mut()
    }

    /// The memory's bytes and the host state, both mutably at once (a host
    /// function that decodes guest memory into its own state needs both).
    pub fn data_and_store_mut<'a, T: 'a>(
        &self,
        store: impl Into<super::store::StoreContextMut<'a, T>>,
    ) -> (&'a mut [u8], &'a mut T) {
        let store = store.into().store;
        let index = self.0.index(store.inner.id);
        (store.inner.memories[index].data_mut(), &mut store.data)
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<(), Error> {
        let ctx = store.as_context();
        let data = ctx.inner.memories[self.0.try_index(ctx.inner.id)?].data();
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
        let data = inner.memories[index].data_mut();
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::limit("memory write out of bounds"))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
}
