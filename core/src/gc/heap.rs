//! The GC heap: one arena of bytes from the store's memory hooks
//! ([`ResourceKind::GcHeap`]), objects addressed by their byte offset in it.
//!
//! A reference to an object is its offset, so the arena may move when it
//! grows (as a linear memory may) while objects never move within it. The
//! arena is always *walkable*: from offset 8 (offset 0 is never an object,
//! so a reference is never 0, which is null) to its end it is a sequence of
//! objects and free blocks, each starting with a header that gives its size
//! (a free block's header holds [`FREE`] and its size). Allocation bumps a
//! pointer through the current free extent and moves on to the next one
//! when an object does not fit; the collector ([`super::collect`]) rebuilds
//! the list of free extents when it sweeps, zeroing what it frees, so that
//! allocation hands out zeroed objects without clearing them one by one.

use super::layout::{HEADER, Layout, array_size};
use crate::memory_hooks::{GuestBuffer, MemoryHooks, ResourceKind};
use crate::types::TypeId;
use alloc::{boxed::Box, sync::Arc, vec::Vec};

/// The type field of a free block's header.
pub(crate) const FREE: u32 = 0x7fff_ffff;
/// The collector's mark, in the type field of a header.
pub(crate) const MARK: u32 = 0x8000_0000;
/// The arena's first size and the least it grows by.
const MIN_CAPACITY: usize = 64 * 1024;
/// The largest arena: offsets, sizes and the arena's end are 32-bit.
pub(crate) const MAX_CAPACITY: usize = (1 << 32) - MIN_CAPACITY;

/// What the heap knows about a defined type.
#[derive(Debug)]
pub(crate) struct TypeInfo {
    /// The type's supertypes from the root of its chain down to the type
    /// itself: `ancestors[d]` is its supertype at depth `d`, so a type is a
    /// subtype of `t` exactly when `ancestors[depth(t)] == t`.
    pub ancestors: Box<[TypeId]>,
    /// How its objects are laid out.
    pub layout: Layout,
}

impl TypeInfo {
    /// Whether this type is `sup` or declares it as a (transitive)
    /// supertype.
    pub(crate) fn is_subtype_of(&self, sup: &TypeInfo) -> bool {
        let depth = sup.ancestors.len() - 1;
        self.ancestors.get(depth) == sup.ancestors.last()
    }
}

/// The arena and its allocator.
pub(crate) struct Heap {
    /// The bytes; `None` until the first allocation.
    arena: Option<GuestBuffer<u8>>,
    /// Where the arena's storage comes from.
    hooks: Option<Arc<dyn MemoryHooks>>,
    /// The most bytes the arena may grow to.
    limit: usize,
    /// The next free byte of the current extent, and its end.
    top: u32,
    end: u32,
    /// Free extents not yet bumped through, `(start, end)`, the lowest
    /// last (taken first).
    pub(super) free: Vec<(u32, u32)>,
    /// Bytes live after the last collection.
    pub(super) live: usize,
    /// How many collections ran.
    pub(super) collections: u64,
    /// Every defined type objects or casts have used, by engine id.
    types: Vec<Option<Arc<TypeInfo>>>,
}

impl core::fmt::Debug for Heap {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Heap")
            .field("capacity", &self.capacity())
            .field("limit", &self.limit)
            .field("collections", &self.collections)
            .finish_non_exhaustive()
    }
}

impl Heap {
    /// An empty heap that takes its storage from `hooks` (the default
    /// hooks when `None`) and grows to at most `limit` bytes.
    pub(crate) fn new(hooks: Option<Arc<dyn MemoryHooks>>, limit: usize) -> Self {
        Self {
            arena: None,
            hooks,
            limit: limit.min(MAX_CAPACITY),
            top: 0,
            end: 0,
            free: Vec::new(),
            live: 0,
            collections: 0,
            types: Vec::new(),
        }
    }

    /// The arena's size in bytes.
    pub(crate) fn capacity(&self) -> usize {
        self.arena.as_ref().map_or(0, |a| a.len())
    }

    /// The most bytes the arena may grow to.
    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    /// Sets the most bytes the arena may grow to (it does not shrink).
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit.min(MAX_CAPACITY);
    }

    /// How many collections have run.
    pub(crate) fn collections(&self) -> u64 {
        self.collections
    }

    /// The arena for running code (valid until the next allocation).
    pub(crate) fn view(&self) -> crate::vm::MemoryView {
        match &self.arena {
            Some(arena) => crate::vm::MemoryView {
                base: arena.as_mut_ptr(),
                len: arena.len(),
            },
            None => crate::vm::MemoryView::empty(),
        }
    }

    /// The bytes of the arena.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.arena.as_deref().unwrap_or(&[])
    }

    /// The bytes of the arena, writable.
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        self.arena.as_deref_mut().unwrap_or(&mut [])
    }

    /// The type recorded for `id`, if any.
    pub(crate) fn type_info(&self, id: TypeId) -> Option<&Arc<TypeInfo>> {
        self.types.get(id.as_u32() as usize)?.as_ref()
    }

    /// Records what the heap needs to know about type `id`.
    pub(crate) fn set_type_info(&mut self, id: TypeId, info: Arc<TypeInfo>) {
        let k = id.as_u32() as usize;
        if self.types.len() <= k {
            self.types.resize(k + 1, None);
        }
        self.types[k] = Some(info);
    }

    /// The header word at `at`.
    pub(crate) fn header(&self, at: u32) -> u64 {
        self.read_u64(at)
    }

    /// The 8 bytes at `at`.
    pub(crate) fn read_u64(&self, at: u32) -> u64 {
        let at = at as usize;
        u64::from_le_bytes(self.bytes()[at..at + 8].try_into().unwrap_or_default())
    }

    /// Writes the 8 bytes at `at`.
    pub(crate) fn write_u64(&mut self, at: u32, value: u64) {
        let at = at as usize;
        self.bytes_mut()[at..at + 8].copy_from_slice(&value.to_le_bytes());
    }

    /// The size in bytes of the object or free block whose header is
    /// `header`.
    pub(crate) fn block_size(&self, header: u64) -> u32 {
        let ty = header as u32 & !MARK;
        let high = (header >> 32) as u32;
        if ty == FREE {
            return high;
        }
        match self.type_info(TypeId::from_u32(ty)).map(|t| &t.layout) {
            Some(Layout::Struct(s)) => s.size,
            Some(Layout::Array(kind)) => array_size(*kind, high).unwrap_or(u32::MAX),
            _ => unreachable!("an object of a type the heap does not know"),
        }
    }

    /// Makes `start..end` one free block.
    pub(super) fn format_free(&mut self, start: u32, end: u32) {
        if end > start {
            self.write_u64(start, FREE as u64 | ((end - start) as u64) << 32);
        }
    }

    /// Allocates `size` bytes (a multiple of 8) from the free extents and
    /// writes `header` at their start; `None` when no extent has room.
    /// The rest of the object is zero: free space is kept zeroed but for
    /// each free block's header (the arena grows zeroed, and the collector
    /// zeroes what it frees), and an object starts either at a block's
    /// header, which its own header replaces, or past it.
    #[inline]
    pub(crate) fn try_alloc(&mut self, size: u32, header: u64) -> Option<u32> {
        loop {
            if self.end - self.top >= size {
                let at = self.top;
                self.top += size;
                self.write_u64(at, header);
                return Some(at);
            }
            // The rest of this extent stays a free block until the next
            // sweep; go on with the next extent.
            self.format_free(self.top, self.end);
            let (start, end) = self.free.pop()?;
            (self.top, self.end) = (start, end);
        }
    }

    /// Grows the arena for an object of `size` bytes and allocates it
    /// there ([`try_alloc`](Self::try_alloc)); `None` when the arena cannot
    /// grow enough.
    pub(crate) fn grow_and_alloc(&mut self, size: u32, header: u64) -> Option<u32> {
        if self.grow(size) {
            self.try_alloc(size, header)
        } else {
            None
        }
    }

    /// Ends the current extent (its rest becomes a free block), so the
    /// whole arena is walkable; the collector calls it before sweeping.
    pub(super) fn close_extent(&mut self) {
        self.format_free(self.top, self.end);
        self.top = self.end;
    }

    /// Grows the arena so that at least `needed` more free bytes exist:
    /// doubled, or by `needed` if that is more, within the limit. False
    /// when the limit (or the memory hooks) leave no room.
    pub(crate) fn grow(&mut self, needed: u32) -> bool {
        let old = self.capacity();
        let wanted = old
            .saturating_mul(2)
            .max(old + needed as usize + HEADER as usize)
            .max(MIN_CAPACITY);
        let new = wanted.min(self.limit);
        if new < old + needed as usize + if old == 0 { HEADER as usize } else { 0 } {
            return false;
        }
        let new = new - new % 8;
        match &mut self.arena {
            Some(arena) => {
                if arena.grow(new, 0).is_err() {
                    return false;
                }
            }
            None => {
                let Ok(arena) =
                    GuestBuffer::new(self.hooks.clone(), ResourceKind::GcHeap, new, self.limit)
                else {
                    return false;
                };
                self.arena = Some(arena);
            }
        }
        // Offset 0 is never an object: references are never null.
        let start = if old == 0 { HEADER } else { old as u32 };
        let end = new as u32;
        self.format_free(start, end);
        // The new extent is the highest, so it is taken last.
        self.free.insert(0, (start, end));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_keep_offsets_32_bit() {
        let heap = Heap::new(None, usize::MAX);
        assert_eq!(heap.limit(), MAX_CAPACITY);
        assert!(u32::try_from(MAX_CAPACITY).is_ok());
    }

    #[test]
    fn allocation_bumps_through_extents_and_grows_within_the_limit() {
        let mut heap = Heap::new(None, 128 * 1024);
        assert_eq!(heap.try_alloc(16, 1), None);
        assert!(heap.grow(16));
        assert_eq!(heap.capacity(), MIN_CAPACITY);
        assert_eq!(heap.try_alloc(16, 1), Some(8));
        assert_eq!(heap.try_alloc(24, 1), Some(24));
        assert_eq!(heap.header(24), 1);
        assert!(heap.grow(16));
        assert_eq!(heap.capacity(), 128 * 1024);
        assert!(!heap.grow(16), "the limit is reached");
    }
}
