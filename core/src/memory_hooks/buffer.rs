//! The storage of a linear memory or table: a region obtained from the
//! store's memory hooks, seen as a slice of elements.

use super::{MemoryHooks, Refused, Region, ResourceKind, default_hooks};
use alloc::sync::Arc;
use core::fmt;
use core::marker::PhantomData;
use core::mem::size_of;
use core::ops::{Deref, DerefMut};

/// Element types a [`GuestBuffer`] may hold.
///
/// # Safety
///
/// All-zero bytes are a valid value, and the alignment divides
/// [`REGION_ALIGN`](super::REGION_ALIGN).
pub(crate) unsafe trait Element: Copy + PartialEq + Default + 'static {}
// SAFETY: plain integers; zero is valid; alignments 1 and 8.
unsafe impl Element for u8 {}
// SAFETY: as above.
unsafe impl Element for u64 {}

/// A growable array of `T` whose memory comes from [`MemoryHooks`]; the
/// default (`default_hooks`) when `hooks` is `None`. Dereferences to the
/// current elements, like a `Vec<T>` that cannot shrink.
pub(crate) struct GuestBuffer<T: Element> {
    region: Region,
    hooks: Option<Arc<dyn MemoryHooks>>,
    kind: ResourceKind,
    _elements: PhantomData<T>,
}

// SAFETY: the buffer owns its region exclusively, like a `Vec<T>`; the hooks
// are `Send + Sync`.
unsafe impl<T: Element + Send> Send for GuestBuffer<T> {}
// SAFETY: shared access only reads through `&[T]`.
unsafe impl<T: Element + Sync> Sync for GuestBuffer<T> {}

impl<T: Element> GuestBuffer<T> {
    /// `len` zeroed elements that may grow to `max` elements.
    pub(crate) fn new(
        hooks: Option<Arc<dyn MemoryHooks>>,
        kind: ResourceKind,
        len: usize,
        max: usize,
    ) -> Result<Self, Refused> {
        let bytes = len.checked_mul(size_of::<T>()).ok_or(Refused)?;
        let max_bytes = max.saturating_mul(size_of::<T>()).max(bytes);
        let h: &dyn MemoryHooks = hooks.as_deref().unwrap_or(default_hooks());
        let region = h.reserve(kind, bytes, max_bytes)?;
        let buffer = Self {
            region,
            hooks,
            kind,
            _elements: PhantomData,
        };
        buffer.check(bytes);
        Ok(buffer)
    }

    fn hooks(&self) -> &dyn MemoryHooks {
        self.hooks.as_deref().unwrap_or(default_hooks())
    }

    /// Stops on a region that breaks the [`MemoryHooks`] contract, before it
    /// could be used.
    fn check(&self, bytes: usize) {
        assert!(
            self.region.len == bytes
                && (self.region.ptr.as_ptr() as usize) % super::REGION_ALIGN == 0,
            "memory hooks returned a region of the wrong size or alignment"
        );
    }

    /// Grows to `new_len` elements, the new ones set to `fill`; on refusal
    /// nothing changes.
    pub(crate) fn grow(&mut self, new_len: usize, fill: T) -> Result<(), Refused> {
        let old_len = self.len();
        if new_len <= old_len {
            return Ok(());
        }
        let bytes = new_len.checked_mul(size_of::<T>()).ok_or(Refused)?;
        let h: &dyn MemoryHooks = self.hooks.as_deref().unwrap_or(default_hooks());
        // SAFETY: the region came from these hooks' `reserve` for this kind
        // and is live (it is released only on drop).
        unsafe { h.grow(self.kind, &mut self.region, bytes)? };
        self.check(bytes);
        // The hooks hand out new bytes zeroed: filling with zero would only
        // touch (and so commit) every new page.
        if fill != T::default() {
            self[old_len..].fill(fill);
        }
        Ok(())
    }
}

impl<T: Element> GuestBuffer<T> {
    /// The first element, as a raw pointer that forms no reference to the
    /// contents, so it stays usable while other code borrows them in turn
    /// (running code keeps it in its VM context).
    #[inline]
    pub(crate) fn as_mut_ptr(&self) -> *mut T {
        self.region.ptr.as_ptr().cast::<T>()
    }
}

impl GuestBuffer<u8> {
    /// `len` zeroed bytes that grow in place up to `max`, followed by
    /// `guard` bytes and preceded by [`GUARD_BEFORE`](super::GUARD_BEFORE)
    /// bytes of address space that always faults
    /// ([`MemoryHooks::reserve_guarded`]).
    pub(crate) fn new_in_place(
        hooks: Option<Arc<dyn MemoryHooks>>,
        kind: ResourceKind,
        len: usize,
        max: usize,
        guard: usize,
    ) -> Result<Self, Refused> {
        let h: &dyn MemoryHooks = hooks.as_deref().unwrap_or(default_hooks());
        let region = h.reserve_guarded(kind, len, max, guard)?;
        let buffer = Self {
            region,
            hooks,
            kind,
            _elements: PhantomData,
        };
        buffer.check(len);
        Ok(buffer)
    }

    /// The address range `[start, end)` a buffer from
    /// [`new_in_place`](Self::new_in_place) with these `max` and `guard`
    /// spans, guards included.
    #[cfg(all(wisp_jit, unix))]
    pub(crate) fn guarded_span(&self, max: usize, guard: usize) -> (usize, usize) {
        super::guarded_span(&self.region, max, guard)
    }
}

impl<T: Element> Deref for GuestBuffer<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: the hooks' contract (checked for size and alignment in
        // `check`): `ptr .. ptr + len` is valid, owned by this buffer, and
        // initialized (zeroed when committed, then written only as `T`);
        // `len` is a multiple of `size_of::<T>()` by construction.
        unsafe {
            core::slice::from_raw_parts(
                self.region.ptr.as_ptr().cast::<T>(),
                self.region.len / size_of::<T>(),
            )
        }
    }
}

impl<T: Element> DerefMut for GuestBuffer<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`; `&mut self` makes the access exclusive.
        unsafe {
            core::slice::from_raw_parts_mut(
                self.region.ptr.as_ptr().cast::<T>(),
                self.region.len / size_of::<T>(),
            )
        }
    }
}

impl<T: Element> Drop for GuestBuffer<T> {
    fn drop(&mut self) {
        let region = core::mem::replace(&mut self.region, Region::empty());
        // SAFETY: the region came from these hooks' `reserve` (and `grow`) for
        // this kind and is released once, here.
        unsafe { self.hooks().release(self.kind, region) };
    }
}

impl<T: Element> fmt::Debug for GuestBuffer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuestBuffer")
            .field("kind", &self.kind)
            .field("len", &self.len())
            .field("custom_hooks", &self.hooks.is_some())
            .finish()
    }
}
