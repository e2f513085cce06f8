//! The collector: precise, non-moving mark and sweep.
//!
//! The runtime hands every root to a [`Marker`] (the references in the
//! frames of running code, found from the IR's slot types and stack maps;
//! in globals, tables, exception payloads and the host's rooted handles);
//! marking follows the traced fields of each reached object with an
//! explicit stack (no recursion, whatever the graph's depth); sweeping
//! walks the arena once, clears the marks of live objects and turns each
//! run of dead objects and free blocks into one free extent.

use super::heap::{FREE, Heap, MARK};
use super::layout::{FieldKind, HEADER, Layout};
use super::object_of;
use crate::types::TypeId;
use alloc::vec::Vec;

/// Marks the objects reachable from the roots it is given.
pub(crate) struct Marker<'a> {
    heap: &'a mut Heap,
    /// Marked objects whose fields are not traced yet.
    pending: Vec<u32>,
}

impl Marker<'_> {
    /// Marks the object `bits` refers to, if it refers to one (null, an
    /// `i31` and host data do not).
    pub(crate) fn root(&mut self, bits: u64) {
        let Some(at) = object_of(bits) else { return };
        let header = self.heap.header(at);
        if header as u32 & MARK == 0 {
            self.heap.write_u64(at, header | MARK as u64);
            self.pending.push(at);
        }
    }

    /// Traces until every reachable object is marked.
    fn trace(&mut self) {
        while let Some(at) = self.pending.pop() {
            let header = self.heap.header(at);
            let ty = TypeId::from_u32(header as u32 & !MARK);
            let Some(info) = self.heap.type_info(ty).cloned() else {
                continue;
            };
            match &info.layout {
                Layout::Struct(s) => {
                    for &(offset, kind) in s.fields.iter() {
                        if kind == FieldKind::GcRef {
                            let bits = self.heap.read_u64(at + offset);
                            self.root(bits);
                        }
                    }
                }
                Layout::Array(FieldKind::GcRef) => {
                    let len = (header >> 32) as u32;
                    for k in 0..len {
                        let bits = self.heap.read_u64(at + HEADER + 8 * k);
                        self.root(bits);
                    }
                }
                Layout::Array(_) | Layout::Func => {}
            }
        }
    }
}

impl Heap {
    /// Collects: `roots` hands every root to the marker; then everything
    /// unreachable is freed.
    pub(crate) fn collect(&mut self, roots: impl FnOnce(&mut Marker<'_>)) {
        if self.capacity() == 0 {
            return;
        }
        self.close_extent();
        let mut marker = Marker {
            heap: self,
            pending: Vec::new(),
        };
        roots(&mut marker);
        marker.trace();
        self.sweep();
        self.collections += 1;
    }

    /// Clears the marks of live objects and rebuilds the free extents from
    /// the runs of dead objects and free blocks between them.
    fn sweep(&mut self) {
        let end = self.capacity() as u32;
        let mut free = Vec::new();
        let mut live = 0usize;
        let mut run_start = None;
        let mut at = HEADER;
        while at < end {
            let header = self.header(at);
            let size = self.block_size(header);
            let ty = header as u32;
            if ty & MARK != 0 {
                self.write_u64(at, header & !(MARK as u64));
                live += size as usize;
                if let Some(start) = run_start.take() {
                    free.push((start, at));
                }
            } else if run_start.is_none() {
                run_start = Some(at);
            }
            debug_assert!(ty & !MARK == FREE || size >= HEADER);
            at += size;
        }
        if let Some(start) = run_start {
            free.push((start, end));
        }
        for &(start, end) in &free {
            // Free space is zero but for block headers (see `try_alloc`).
            self.bytes_mut()[start as usize..end as usize].fill(0);
            self.format_free(start, end);
        }
        free.reverse();
        self.free = free;
        self.live = live;
    }

    /// Bytes live after the last collection.
    pub(crate) fn live_bytes(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::super::heap::TypeInfo;
    use super::super::layout::StructLayout;
    use super::*;
    use alloc::sync::Arc;

    /// A heap of at most `limit` bytes that knows type 0: a struct of one
    /// traced reference and one `i64`, 24 bytes.
    fn heap_of(limit: usize) -> Heap {
        let mut heap = Heap::new(None, limit);
        heap.set_type_info(
            TypeId::from_u32(0),
            Arc::new(TypeInfo {
                ancestors: [TypeId::from_u32(0)].into(),
                layout: Layout::Struct(StructLayout {
                    size: 24,
                    fields: [(8, FieldKind::GcRef), (16, FieldKind::Bits64)].into(),
                }),
            }),
        );
        heap
    }

    /// [`heap_of`] 1 MiB, grown to its first size.
    fn heap() -> Heap {
        let mut heap = heap_of(1 << 20);
        assert!(heap.grow(24));
        heap
    }

    fn node(heap: &mut Heap, next: u64, value: u64) -> u32 {
        let at = heap.try_alloc(24, 0).expect("room");
        heap.write_u64(at + 8, next);
        heap.write_u64(at + 16, value);
        at
    }

    #[test]
    fn unreachable_objects_are_freed_and_reachable_ones_kept() {
        let mut heap = heap();
        let mut list = 0u64;
        for k in 0..1000 {
            list = node(&mut heap, list, k) as u64;
            node(&mut heap, 0, k); // garbage
        }
        heap.collect(|m| m.root(list));
        assert_eq!(heap.live_bytes(), 1000 * 24);
        // The list is intact and its marks are cleared.
        let (mut at, mut sum) = (list as u32, 0);
        while at != 0 {
            assert_eq!(heap.header(at) as u32 & MARK, 0);
            sum += heap.read_u64(at + 16);
            at = heap.read_u64(at + 8) as u32;
        }
        assert_eq!(sum, (0..1000).sum::<u64>());
        // The garbage's space is reused before the arena grows.
        let capacity = heap.capacity();
        for k in 0..1000 {
            node(&mut heap, 0, k);
        }
        assert_eq!(heap.capacity(), capacity);
    }

    #[test]
    fn deep_lists_are_marked_without_recursion() {
        let mut heap = heap_of(64 << 20);
        // 200,000 nodes; 2,000 under Miri, which runs a thousand times
        // slower (the depth that matters is the marking's, which is not
        // recursive either way).
        let nodes = if cfg!(miri) { 2_000 } else { 200_000 };
        let mut list = 0u64;
        for k in 0..nodes {
            let at = heap
                .try_alloc(24, 0)
                .or_else(|| heap.grow_and_alloc(24, 0))
                .expect("room within the limit");
            heap.write_u64(at + 8, list);
            heap.write_u64(at + 16, k);
            list = at as u64;
        }
        heap.collect(|m| m.root(list));
        assert_eq!(heap.live_bytes(), nodes as usize * 24);
        heap.collect(|_| {});
        assert_eq!(heap.live_bytes(), 0);
    }
}
