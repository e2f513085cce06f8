//! The `#[global_allocator]`: a bump allocator over a fixed static buffer.
//! Freeing the most recent block (and growing it in place) gives memory back,
//! which covers the engine's push-and-pop patterns; anything else is kept
//! until exit. A kernel would plug in its own allocator here.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Heap size: the engine's bookkeeping (module, IR, value stack) lives here.
pub const HEAP_SIZE: usize = 4 << 20;

/// A bump allocator over `HEAP_SIZE` bytes of `.bss`.
pub struct BumpHeap {
    bytes: UnsafeCell<[u8; HEAP_SIZE]>,
    /// Offset of the first free byte.
    next: AtomicUsize,
    /// The largest `next` seen.
    peak: AtomicUsize,
}

// SAFETY: `next` is only changed with compare-and-swap, so every block is
// handed out to one owner; the bytes are reached only through those blocks.
unsafe impl Sync for BumpHeap {}

impl BumpHeap {
    /// An empty heap (its bytes live in `.bss`, so they cost no file size).
    pub const fn new() -> Self {
        Self {
            bytes: UnsafeCell::new([0; HEAP_SIZE]),
            next: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// The most bytes that were in use at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Relaxed)
    }

    fn base(&self) -> usize {
        self.bytes.get() as usize
    }

    /// Moves `next` from `from` to `to`; false if someone else moved it.
    fn bump(&self, from: usize, to: usize) -> bool {
        let moved = self
            .next
            .compare_exchange(from, to, Relaxed, Relaxed)
            .is_ok();
        if moved {
            self.peak.fetch_max(to, Relaxed);
        }
        moved
    }
}

// SAFETY: blocks are disjoint ranges of the static buffer, aligned as asked
// (the start is rounded up to `layout.align()`), and stay valid until freed.
unsafe impl GlobalAlloc for BumpHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        loop {
            let next = self.next.load(Relaxed);
            let start = (self.base() + next).next_multiple_of(layout.align()) - self.base();
            let Some(end) = start.checked_add(layout.size()).filter(|&e| e <= HEAP_SIZE) else {
                return ptr::null_mut();
            };
            if self.bump(next, end) {
                return (self.base() + start) as *mut u8;
            }
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let start = block as usize - self.base();
        // Only the most recent block can be given back.
        let _ = self
            .next
            .compare_exchange(start + layout.size(), start, Relaxed, Relaxed);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let start = block as usize - self.base();
        let end = start + layout.size();
        if start + new_size <= HEAP_SIZE && self.bump(end, start + new_size) {
            return block; // the most recent block grows or shrinks in place
        }
        // SAFETY: `new_size` with the old alignment is a valid layout (the
        // `GlobalAlloc::realloc` contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as for `alloc`.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are live and disjoint; the copy stays in both.
            unsafe { ptr::copy_nonoverlapping(block, new, layout.size().min(new_size)) };
            // SAFETY: `block` was allocated with `layout`.
            unsafe { self.dealloc(block, layout) };
        }
        new
    }
}
