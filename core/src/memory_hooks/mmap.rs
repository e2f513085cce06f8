//! Virtual-memory-backed storage for linear memories and tables: the
//! [`MmapHooks`] implementation of [`MemoryHooks`] (the `mmap` feature, on
//! Unix).
//!
//! Each entity reserves its maximum size as inaccessible address space
//! (`mmap(PROT_NONE, MAP_NORESERVE)`) and commits it with `mprotect` as it
//! grows, so growth never moves or copies the bytes and untouched pages cost
//! no memory. A guarded reservation
//! ([`MemoryHooks::reserve_guarded`]) is one mapping of the leading guard,
//! the maximum and the trailing guard, of which only the committed bytes
//! are ever accessible. With the feature on, these are the hooks a store uses unless
//! it is given others ([`Store::set_memory_hooks`](crate::Store::set_memory_hooks)).

#![allow(unsafe_code)]

use super::{GUARD_BEFORE, MemoryHooks, Refused, Region, ResourceKind};
use core::ffi::c_void;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicUsize, Ordering};
use rustix::mm::{MapFlags, MprotectFlags, ProtFlags, mmap_anonymous, mprotect, munmap};

/// The commit granule: a WebAssembly page, which is a multiple of every page
/// size Linux and macOS use (4, 16 or 64 KiB), so granule boundaries are
/// always page-aligned.
pub(super) const GRANULE: usize = 64 * 1024;

/// Rounds `n` up to a whole number of granules.
fn granules(n: usize) -> Option<usize> {
    n.checked_add(GRANULE - 1).map(|n| n & !(GRANULE - 1))
}

/// [`MemoryHooks`] over `mmap`: reserve the maximum, commit on growth,
/// unmap on release, and refuse to commit more than an optional limit across
/// all regions these hooks hand out.
#[derive(Debug, Default)]
pub struct MmapHooks {
    limit: Option<usize>,
    committed: AtomicUsize,
}

impl MmapHooks {
    /// Hooks without a limit of their own (the store's memory limit and the
    /// entities' maxima still apply).
    pub const fn new() -> Self {
        Self {
            limit: None,
            committed: AtomicUsize::new(0),
        }
    }

    /// Hooks that refuse to have more than `bytes` committed at once.
    pub fn with_limit(bytes: usize) -> Self {
        Self {
            limit: Some(bytes),
            committed: AtomicUsize::new(0),
        }
    }

    /// Bytes currently handed out to memories and tables.
    pub fn committed(&self) -> usize {
        self.committed.load(Ordering::Relaxed)
    }

    /// Counts `extra` more committed bytes, unless that passes the limit.
    fn admit(&self, extra: usize) -> Result<(), Refused> {
        let limit = self.limit.unwrap_or(usize::MAX);
        self.committed
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| {
                c.checked_add(extra).filter(|&n| n <= limit)
            })
            .map(drop)
            .map_err(|_| Refused)
    }

    fn forget(&self, bytes: usize) {
        self.committed.fetch_sub(bytes, Ordering::Relaxed);
    }
}

// SAFETY: a region lies in a private anonymous mapping owned by the region
// alone (its extent is recorded in `reserved`, see `Layout`); its first
// `len` bytes lie within committed (read/write) granules and everything else
// in the mapping stays `PROT_NONE` until `grow` commits it, which never goes
// past the maximum, so a guarded region's guards are never accessible.
// Anonymous pages start zeroed and bytes past `len` are never handed out
// before `grow` exposes them, so new bytes read as zero. Growth happens in
// place, within the reservation, keeping the old bytes.
unsafe impl MemoryHooks for MmapHooks {
    fn reserve(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<Region, Refused> {
        let reserved = granules(maximum.max(initial)).ok_or(Refused)?;
        if reserved == 0 {
            return Ok(Region::empty());
        }
        #[cfg(wisp_apple_jit)]
        if kind == ResourceKind::Code {
            return self.map_code(initial, reserved);
        }
        let _ = kind;
        self.map(initial, reserved)
    }

    fn reserve_guarded(
        &self,
        _kind: ResourceKind,
        initial: usize,
        maximum: usize,
        guard: usize,
    ) -> Result<Region, Refused> {
        let maximum = granules(maximum.max(initial)).ok_or(Refused)?;
        let guard = granules(guard).ok_or(Refused)?;
        self.map(initial, Layout::guarded(maximum, guard).ok_or(Refused)?)
    }

    fn guard_regions(&self) -> bool {
        true
    }

    unsafe fn grow(
        &self,
        _kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused> {
        if new_len > Layout::of(region.reserved).maximum {
            return Err(Refused);
        }
        let extra = new_len - region.len;
        self.admit(extra)?;
        // SAFETY: the caller passes a live region of ours.
        unsafe { commit(region, new_len) }.inspect_err(|_| self.forget(extra))
    }

    unsafe fn make_executable(&self, region: &Region) -> Result<(), Refused> {
        let maximum = Layout::of(region.reserved).maximum;
        let len = granules(region.len).ok_or(Refused)?.min(maximum);
        if len == 0 {
            return Err(Refused);
        }
        // Mapped executable with `MAP_JIT` (`map_code`): the thread's write
        // protection makes it so for this thread, as it is for the others.
        #[cfg(wisp_apple_jit)]
        {
            super::apple_jit::protect();
            Ok(())
        }
        // SAFETY: the committed granules of a live mapping of ours, which
        // the caller no longer writes.
        #[cfg(not(wisp_apple_jit))]
        unsafe {
            mprotect(
                region.ptr.as_ptr().cast(),
                len,
                MprotectFlags::READ | MprotectFlags::EXEC,
            )
        }
        .map_err(|_| Refused)
    }

    unsafe fn release(&self, kind: ResourceKind, region: Region) {
        #[cfg(wisp_apple_jit)]
        if kind == ResourceKind::Code {
            // Given back before it was published, perhaps.
            super::apple_jit::protect();
        }
        let _ = kind;
        if region.reserved != 0 {
            self.forget(region.len);
            let layout = Layout::of(region.reserved);
            // SAFETY: the caller gives back a live region of ours, which
            // lies `layout.before` bytes into its mapping, `layout.size()`
            // bytes long; nothing refers to it any more.
            let _ = unsafe {
                munmap(
                    region.ptr.as_ptr().sub(layout.before).cast::<c_void>(),
                    layout.size(),
                )
            };
        }
    }
}

impl MmapHooks {
    /// Maps a code region of `reserved` bytes (whole granules, not zero)
    /// with `MAP_JIT` ([`apple_jit`](super::apple_jit)), its first
    /// `initial` bytes handed out.
    #[cfg(wisp_apple_jit)]
    fn map_code(&self, initial: usize, reserved: usize) -> Result<Region, Refused> {
        self.admit(initial)?;
        let Some(ptr) = super::apple_jit::map(reserved) else {
            self.forget(initial);
            return Err(Refused);
        };
        Ok(Region::new(ptr, initial, reserved))
    }

    /// Maps a reservation described by `reserved` (a [`Layout`] word, not
    /// zero) and commits its first `initial` bytes.
    fn map(&self, initial: usize, reserved: usize) -> Result<Region, Refused> {
        let layout = Layout::of(reserved);
        let size = layout.checked_size().ok_or(Refused)?;
        self.admit(initial)?;
        // SAFETY: a fresh mapping at an address the kernel chooses; it
        // overlaps nothing.
        let mapped = unsafe {
            mmap_anonymous(
                ptr::null_mut(),
                size,
                ProtFlags::empty(),
                MapFlags::PRIVATE | MapFlags::NORESERVE,
            )
        };
        let Some(base) = mapped.ok().and_then(|p| NonNull::new(p.cast::<u8>())) else {
            self.forget(initial);
            return Err(Refused);
        };
        // SAFETY: `layout.before <= size`: the region starts inside the
        // mapping (or at its end, for an empty region without a trailing
        // guard).
        let ptr = unsafe { base.add(layout.before) };
        let mut region = Region::new(ptr, 0, reserved);
        if initial > 0 {
            // SAFETY: the region is the mapping just created.
            if unsafe { commit(&mut region, initial) }.is_err() {
                // SAFETY: the mapping is ours and unused.
                let _ = unsafe { munmap(base.as_ptr().cast(), size) };
                self.forget(initial);
                return Err(Refused);
            }
        }
        Ok(region)
    }
}

/// The extent of a mapping, as [`Region::reserved`] records it: the guard
/// before the region, the region's maximum (the growth limit), and the guard
/// after it, each a whole number of granules.
///
/// A plain reservation's word is its maximum in bytes, a multiple of
/// [`GRANULE`], so bit 0 is clear. A guarded one's word sets bit 0 and packs
/// granule counts: bits 1–31 hold the maximum, bits 32–63 the trailing
/// guard (so guarded reservations need a 64-bit target; the leading guard is
/// always [`GUARD_BEFORE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    before: usize,
    maximum: usize,
    after: usize,
}

impl Layout {
    /// The word of a guarded reservation of `maximum` bytes followed by
    /// `guard`, both whole granules; `None` when they do not fit in it.
    fn guarded(maximum: usize, guard: usize) -> Option<usize> {
        let max = u64::try_from(maximum / GRANULE)
            .ok()
            .filter(|&g| g < 1 << 31)?;
        let after = u64::try_from(guard / GRANULE)
            .ok()
            .filter(|&g| g < 1 << 32)?;
        usize::try_from((after << 32) | (max << 1) | 1).ok()
    }

    /// Reads a `reserved` word.
    fn of(word: usize) -> Self {
        if word & 1 == 0 {
            return Self {
                before: 0,
                maximum: word,
                after: 0,
            };
        }
        let word = word as u64;
        // Both counts were `usize`s when packed, and a byte count that fits
        // in the mapping fits in a `usize`.
        let granules = |count: u64| count as usize * GRANULE;
        Self {
            before: GUARD_BEFORE,
            maximum: granules((word >> 1) & 0x7fff_ffff),
            after: granules(word >> 32),
        }
    }

    /// The mapping's size in bytes, if it fits in a `usize`.
    fn checked_size(self) -> Option<usize> {
        self.before
            .checked_add(self.maximum)?
            .checked_add(self.after)
    }

    /// The mapping's size in bytes, of a mapping that exists.
    fn size(self) -> usize {
        self.before + self.maximum + self.after
    }
}

/// Makes the first `new_len` bytes of `region` (within its reservation)
/// readable and writable, and sets its length.
///
/// # Safety
///
/// `region` is a live mapping made by [`MmapHooks::map`] with `new_len` at
/// most its maximum.
unsafe fn commit(region: &mut Region, new_len: usize) -> Result<(), Refused> {
    let from = granules(region.len).ok_or(Refused)?;
    let to = granules(new_len)
        .ok_or(Refused)?
        .min(Layout::of(region.reserved).maximum);
    if to > from {
        // SAFETY: `from .. to` lies within the reservation and starts on a
        // granule, hence page, boundary.
        unsafe {
            mprotect(
                region.ptr.as_ptr().add(from).cast(),
                to - from,
                MprotectFlags::READ | MprotectFlags::WRITE,
            )
        }
        .map_err(|_| Refused)?;
    }
    region.len = new_len;
    Ok(())
}
