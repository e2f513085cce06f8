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
    data: GuestBuffer<u8>,
    /// The largest size in pages this memory may grow to.
    max_pages: u64,
}

/// The largest memory wisp allocates, in bytes, whatever the type allows:
/// 4 GiB for 32-bit memories.
const MAX_BYTES: u64 = 1 << 32;

impl MemoryEntity {
    /// Allocates a memory of `ty.min` pages through `hooks` (the default
    /// hooks when `None`).
    pub(crate) fn new(ty: MemoryType, hooks: Option<Arc<dyn MemoryHooks>>) -> Result<Self, Error> {
        let page = 1u64 << ty.page_size_log2;
        let max_pages = ty
            .max
            .unwrap_or(u64::MAX)
            .min(ty.absolute_max_pages())
            .min(MAX_BYTES / page);
        if ty.min > max_pages {
            return Err(Error::limit(
                "memory minimum size exceeds the allowed maximum",
            ));
        }
        let bytes = usize::try_from(ty.min * page)
            .map_err(|_| Error::limit("memory minimum size exceeds the address space"))?;
        let max_bytes = usize::try_from(max_pages * page).unwrap_or(usize::MAX);
        let data = GuestBuffer::new(hooks, ResourceKind::LinearMemory, bytes, max_bytes)
            .map_err(|_| Error::limit("cannot allocate the memory's initial size"))?;
        Ok(Self {
            ty,
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

/// A handle to a linear memory in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) u32);

impl Memory {
    /// Creates a memory of type `ty` in the store.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Self, Error> {
        store
            .as_context_mut()
            .store
            .inner
            .push_memory(ty)
            .map(Memory)
    }

    /// The memory's type (its minimum is the current size).
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        store.as_context().inner.memories[self.0 as usize].ty()
    }

    /// Current size in pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        store.as_context().inner.memories[self.0 as usize].pages()
    }

    /// Current size in bytes.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        store.as_context().inner.memories[self.0 as usize]
            .data()
            .len()
    }

    /// Grows by `delta` pages, returning the previous size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64, Error> {
        store
            .as_context_mut()
            .store
            .inner
            .grow_memory(self.0, delta)
            .ok_or_else(|| Error::limit("memory cannot grow by the requested number of pages"))
    }

    /// The memory's bytes.
    pub fn data<'a, T: 'a>(&self, store: impl Into<super::store::StoreContext<'a, T>>) -> &'a [u8] {
        store.into().inner.memories[self.0 as usize].data()
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, T: 'a>(
        &self,
        store: impl Into<super::store::StoreContextMut<'a, T>>,
    ) -> &'a mut [u8] {
        store.into().store.inner.memories[self.0 as usize].data_mut()
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<(), Error> {
        let ctx = store.as_context();
        let data = ctx.inner.memories[self.0 as usize].data();
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
        let data = ctx.store.inner.memories[self.0 as usize].data_mut();
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::limit("memory write out of bounds"))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
}
