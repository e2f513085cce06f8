//! The default hooks: the global allocator, as a `Vec` would use it.

use super::{MemoryHooks, REGION_ALIGN, Refused, Region, ResourceKind};
use alloc::alloc::{Layout, alloc_zeroed, dealloc, realloc};
use core::ptr::NonNull;

/// [`MemoryHooks`] over the global allocator: what a store uses when no hooks
/// are installed. Zeroed allocation for new regions (so untouched pages of a
/// large memory cost nothing with an `mmap`-backed allocator), `realloc` to
/// grow. It ignores the maximum and refuses only when the allocator fails.
///
/// Embedders that only want to watch or limit allocation can wrap it.
#[derive(Debug, Clone, Copy, Default)]
pub struct GlobalAllocHooks;

fn layout(len: usize) -> Result<Layout, Refused> {
    Layout::from_size_align(len, REGION_ALIGN).map_err(|_| Refused)
}

// SAFETY: regions come from the global allocator with `REGION_ALIGN`
// alignment and exactly `len` bytes; new bytes are zeroed by `alloc_zeroed`
// or explicitly after `realloc`, which preserves the old bytes; a failed
// allocation leaves the region untouched.
unsafe impl MemoryHooks for GlobalAllocHooks {
    fn reserve(
        &self,
        _kind: ResourceKind,
        initial: usize,
        _maximum: usize,
    ) -> Result<Region, Refused> {
        if initial == 0 {
            return Ok(Region::empty());
        }
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { alloc_zeroed(layout(initial)?) };
        let ptr = NonNull::new(ptr).ok_or(Refused)?;
        Ok(Region::new(ptr, initial, initial))
    }

    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        if region.len == 0 {
            *region = self.reserve(kind, new_len, new_len)?;
            return Ok(());
        }
        let new_layout = layout(new_len)?;
        // SAFETY: a non-empty region of this allocator was allocated with
        // `layout(region.len)`; `new_len` is non-zero and fits `isize`
        // (checked by `layout`).
        let ptr = unsafe { realloc(region.ptr.as_ptr(), layout(region.len)?, new_layout.size()) };
        let ptr = NonNull::new(ptr).ok_or(Refused)?;
        // SAFETY: `ptr .. ptr + new_len` is the reallocated block; the tail
        // past the old length is inside it.
        unsafe {
            ptr.as_ptr()
                .add(region.len)
                .write_bytes(0, new_len - region.len)
        };
        *region = Region::new(ptr, new_len, new_len);
        Ok(())
    }

    unsafe fn release(&self, _kind: ResourceKind, region: Region) {
        if region.len != 0 {
            // SAFETY: a non-empty region of this allocator was allocated with
            // exactly this layout (it was valid when allocated).
            unsafe {
                dealloc(
                    region.ptr.as_ptr(),
                    Layout::from_size_align_unchecked(region.len, REGION_ALIGN),
                )
            };
        }
    }
}
