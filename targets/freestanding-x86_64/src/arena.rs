//! The embedder's memory hooks: linear memories and tables are carved out of
//! a fixed static arena, separate from the heap. When the arena is full, the
//! hooks refuse, and the guest sees `memory.grow` return -1.

use core::cell::UnsafeCell;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wisp_core::{MemoryHooks, REGION_ALIGN, Refused, Region, ResourceKind};

/// Arena size: room for the guest's memory and tables.
pub const ARENA_SIZE: usize = 1 << 20;

/// The arena's bytes, page-aligned (regions need only `REGION_ALIGN`; a
/// larger alignment would leave a gap of zeros in the executable file).
#[repr(C, align(4096))]
struct Bytes(UnsafeCell<[u8; ARENA_SIZE]>);

// SAFETY: the bytes are reached only through regions, which `ArenaHooks`
// hands out disjointly.
unsafe impl Sync for Bytes {}

static ARENA: Bytes = Bytes(UnsafeCell::new([0; ARENA_SIZE]));

/// Memory hooks over [`ARENA`]: regions are bump-allocated; the most recent
/// one grows in place, others move to the top (copying their bytes).
pub struct ArenaHooks {
    /// Offset of the first free byte of the arena.
    top: AtomicUsize,
}

impl ArenaHooks {
    /// Hooks owning the whole arena. Create them once: two instances would
    /// hand out the same bytes.
    pub const fn new() -> Self {
        Self {
            top: AtomicUsize::new(0),
        }
    }

    /// Bytes of the arena in use.
    pub fn used(&self) -> usize {
        self.top.load(Relaxed)
    }

    fn base() -> usize {
        ARENA.0.get() as usize
    }

    /// Carves `len` zeroed bytes off the top.
    fn carve(&self, len: usize) -> Result<NonNull<u8>, Refused> {
        loop {
            let top = self.top.load(Relaxed);
            let start = top.next_multiple_of(REGION_ALIGN);
            let end = start
                .checked_add(len)
                .filter(|&e| e <= ARENA_SIZE)
                .ok_or(Refused)?;
            if self
                .top
                .compare_exchange(top, end, Relaxed, Relaxed)
                .is_ok()
            {
                let p = (Self::base() + start) as *mut u8;
                // SAFETY: `start .. end` is inside the arena and now ours.
                unsafe { p.write_bytes(0, len) };
                return NonNull::new(p).ok_or(Refused);
            }
        }
    }
}

// SAFETY: regions are disjoint, 16-byte aligned ranges of the arena; carved
// bytes are zeroed; growth either extends the topmost region in place
// (zeroing the new bytes) or copies the old bytes into a new zeroed region.
unsafe impl MemoryHooks for ArenaHooks {
    fn reserve(&self, _: ResourceKind, initial: usize, _max: usize) -> Result<Region, Refused> {
        if initial == 0 {
            return Ok(Region::empty());
        }
        Ok(Region::new(self.carve(initial)?, initial, initial))
    }

    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        let start = region.ptr.as_ptr() as usize - Self::base();
        if region.len > 0 {
            let (end, new_end) = (start + region.len, start + new_len);
            if new_end <= ARENA_SIZE
                && self
                    .top
                    .compare_exchange(end, new_end, Relaxed, Relaxed)
                    .is_ok()
            {
                // SAFETY: `end .. new_end` is inside the arena and now ours.
                unsafe {
                    region
                        .ptr
                        .as_ptr()
                        .add(region.len)
                        .write_bytes(0, new_len - region.len)
                };
                region.len = new_len;
                return Ok(());
            }
        }
        let new = self.carve(new_len)?;
        // SAFETY: both regions are live and disjoint.
        unsafe { ptr::copy_nonoverlapping(region.ptr.as_ptr(), new.as_ptr(), region.len) };
        let old = core::mem::replace(region, Region::new(new, new_len, new_len));
        // SAFETY: `old` is ours and no longer used.
        unsafe { self.release(kind, old) };
        Ok(())
    }

    unsafe fn release(&self, _: ResourceKind, region: Region) {
        if region.len > 0 {
            let start = region.ptr.as_ptr() as usize - Self::base();
            // Only the topmost region can be given back.
            let _ = self
                .top
                .compare_exchange(start + region.len, start, Relaxed, Relaxed);
        }
    }
}
