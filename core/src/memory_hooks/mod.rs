//! Memory hooks: how a store obtains the memory that grows with the guest.
//!
//! Every allocation whose size the guest controls — the bytes of a linear
//! memory, the elements of a table, and later the GC heap and JIT code — is
//! obtained through a [`MemoryHooks`] implementation, which the embedder
//! installs with [`Store::set_memory_hooks`](crate::Store::set_memory_hooks).
//! Bookkeeping (modules, IR, the value stack) uses the global allocator, which
//! a Rust program controls with `#[global_allocator]`.
//!
//! A store without hooks uses the default hooks: with the `mmap` feature on
//! Unix (which the `wisp` crate and `wisp-platform` turn on, so every std
//! user has it), [`MmapHooks`], which reserves each entity's maximum as
//! address space and commits pages as it grows, so growth never copies and
//! untouched pages cost nothing; otherwise [`GlobalAllocHooks`], which
//! allocates from the global allocator just as a `Vec` would. A kernel
//! supplies its own page allocator.
//!
//! The hooks decide limits: returning [`Refused`] from [`MemoryHooks::grow`]
//! makes `memory.grow` (or `table.grow`) return -1 to the guest, and refusing
//! [`MemoryHooks::reserve`] makes instantiation fail with an error.

#![allow(unsafe_code)]

#[cfg(wisp_apple_jit)]
mod apple_jit;
mod buffer;
mod global;
#[cfg(all(feature = "mmap", unix))]
mod mmap;
#[cfg(all(test, feature = "mmap", unix))]
mod mmap_tests;
#[cfg(test)]
mod tests;

pub(crate) use buffer::GuestBuffer;
pub use global::GlobalAllocHooks;
#[cfg(all(feature = "mmap", unix))]
pub use mmap::MmapHooks;

/// The hooks of a store that was given none (see the module documentation).
pub(crate) fn default_hooks() -> &'static dyn MemoryHooks {
    #[cfg(all(feature = "mmap", unix))]
    {
        static DEFAULT: MmapHooks = MmapHooks::new();
        &DEFAULT
    }
    #[cfg(not(all(feature = "mmap", unix)))]
    {
        &GlobalAllocHooks
    }
}

use core::fmt;
use core::ptr::NonNull;

/// The alignment every [`Region`] handed to wisp must have, in bytes.
pub const REGION_ALIGN: usize = 16;

/// The bytes of never-accessible address space that precede a region from
/// [`MemoryHooks::reserve_guarded`] (64 KiB, a WebAssembly page): an access
/// just below a guarded memory's base faults instead of reaching whatever
/// mapping lies there.
pub const GUARD_BEFORE: usize = 64 * 1024;

/// The address range `[start, end)` a guarded reservation is known to hold,
/// from the request alone (whatever hooks made it): the leading guard, the
/// `maximum` bytes, and the trailing `guard`. Every byte in it past the
/// committed bytes faults when accessed, so the range is what the JIT
/// registers as a guard range for the region's memory.
#[cfg(all(wisp_jit, unix))]
pub(crate) fn guarded_span(region: &Region, maximum: usize, guard: usize) -> (usize, usize) {
    let base = region.ptr.as_ptr() as usize;
    (base - GUARD_BEFORE, base + maximum + guard)
}

/// What a block of memory obtained through [`MemoryHooks`] is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResourceKind {
    /// The bytes of a WebAssembly linear memory.
    LinearMemory,
    /// The elements of a table, 8 bytes each.
    Table,
    /// The garbage-collected heap (the GC proposal; not requested yet).
    GcHeap,
    /// Machine code written by the JIT, made executable by
    /// [`MemoryHooks::make_executable`] once written.
    Code,
}

/// A block of memory handed out by [`MemoryHooks`].
///
/// `ptr .. ptr + len` is committed: readable, writable and owned by wisp until
/// it is given back through [`MemoryHooks::grow`] or [`MemoryHooks::release`].
/// `reserved` is for the hooks' own bookkeeping (for example the size of the
/// address-space reservation behind `ptr`); wisp never reads it.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    /// The first byte; aligned to [`REGION_ALIGN`].
    pub ptr: NonNull<u8>,
    /// The number of committed bytes wisp may use.
    pub len: usize,
    /// The hooks' own word: typically the reserved size in bytes.
    pub reserved: usize,
}

impl Region {
    /// A region of `len` committed bytes at `ptr` with `reserved` bytes of
    /// bookkeeping.
    pub fn new(ptr: NonNull<u8>, len: usize, reserved: usize) -> Self {
        Self { ptr, len, reserved }
    }

    /// An empty region at a dangling, suitably aligned address, for
    /// reservations of zero bytes.
    pub fn empty() -> Self {
        Self {
            ptr: Self::dangling(),
            len: 0,
            reserved: 0,
        }
    }

    /// The dangling address [`Region::empty`] uses.
    pub fn dangling() -> NonNull<u8> {
        NonNull::<Align16>::dangling().cast()
    }
}

/// A type whose dangling pointer is [`REGION_ALIGN`]-aligned.
#[repr(align(16))]
struct Align16;
const _: () = assert!(core::mem::align_of::<Align16>() == REGION_ALIGN);

/// The hooks refused a reservation or growth (their limit, or no memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the memory hooks refused the allocation")
    }
}

/// The embedder's source of memory for linear memories and tables (and later
/// the GC heap and JIT code).
///
/// wisp calls [`reserve`](Self::reserve) when it creates an entity,
/// [`grow`](Self::grow) on `memory.grow`/`table.grow` (and the host API
/// equivalents), and [`release`](Self::release) when the store drops it. Any
/// method may refuse: that is how an embedder enforces its own limits.
///
/// # Safety
///
/// wisp reads and writes the memory a region describes without further checks,
/// so an implementation must guarantee, for every region it returns:
/// * `ptr` is aligned to [`REGION_ALIGN`] and `ptr .. ptr + len` is valid for
///   reads and writes, and not used by anything else, until the region is
///   passed back to `grow` or `release`;
/// * freshly committed bytes (all `len` bytes from `reserve`, the bytes past
///   the old length after `grow`) read as zero;
/// * `grow` keeps the old bytes (at the same address, or copied to the new
///   `ptr` if it moves the region) and sets `len` to exactly the requested
///   length; on refusal it leaves the region unchanged.
///
/// Compiled code omits bounds checks on the strength of a region from
/// [`reserve_guarded`](Self::reserve_guarded), so for such a region it must
/// also guarantee, until the region is released:
/// * the 64 KiB (`GUARD_BEFORE`) before `ptr`, and the `guard` bytes after
///   `ptr + maximum`, are address space of this region alone that is never
///   readable, writable or executable;
/// * every byte from `ptr + len` rounded up to a multiple of 64 KiB (relative
///   to `ptr`) up to `ptr + maximum` is inaccessible too, until `grow`
///   commits it (so a memory whose length is a whole number of 64 KiB pages
///   faults on every access past its length);
/// * `grow` never moves the region (the guard range is registered by
///   address).
pub unsafe trait MemoryHooks: Send + Sync {
    /// Obtains a region of `initial` zeroed bytes for a `kind` entity that may
    /// later grow up to `maximum` bytes (the entity type's maximum, capped by
    /// wisp's own limits; 4 GiB for a 32-bit memory without a maximum).
    /// Implementations may reserve `maximum` bytes of address space so growth
    /// never moves the region, or ignore it. `initial` may be zero (see
    /// [`Region::empty`]).
    fn reserve(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
    ) -> Result<Region, Refused>;

    /// Grows `region` to `new_len` bytes (`new_len > region.len`, at most the
    /// `maximum` given to `reserve`), zeroing the new bytes. May move the
    /// region, unless it came from `reserve_guarded`; wisp refreshes every
    /// cached address afterwards.
    ///
    /// # Safety
    ///
    /// `region` was returned by this object's `reserve` or `reserve_guarded`
    /// for the same `kind` (and possibly grown by `grow` since), and not
    /// released.
    unsafe fn grow(
        &self,
        kind: ResourceKind,
        region: &mut Region,
        new_len: usize,
    ) -> Result<(), Refused>;

    /// Gives `region` back. wisp never touches its memory again.
    ///
    /// # Safety
    ///
    /// As for [`grow`](Self::grow): a live region from this object's
    /// `reserve` or `reserve_guarded`.
    unsafe fn release(&self, kind: ResourceKind, region: Region);

    /// Reserves as [`reserve`](Self::reserve) a region whose `maximum` bytes
    /// are followed by `guard` bytes, and preceded by 64 KiB (`GUARD_BEFORE`)
    /// of address space that is never committed: any access there faults
    /// (`SIGSEGV`/`SIGBUS`), which lets compiled code load and store without
    /// a bounds check when the largest address it can form lies below
    /// `ptr + maximum + guard`. The region grows in place up to `maximum`
    /// and is given back with [`grow`](Self::grow) and
    /// [`release`](Self::release) like any other; the trait's safety section
    /// lists what the guards promise.
    ///
    /// The default refuses: hooks without virtual memory make compiled code
    /// check bounds. Hooks that implement it say so with
    /// [`guard_regions`](Self::guard_regions).
    fn reserve_guarded(
        &self,
        kind: ResourceKind,
        initial: usize,
        maximum: usize,
        guard: usize,
    ) -> Result<Region, Refused> {
        let _ = (kind, initial, maximum, guard);
        Err(Refused)
    }

    /// Whether [`reserve_guarded`](Self::reserve_guarded) can succeed. A
    /// store decides from it, before it compiles code or creates a memory,
    /// whether its compiled code relies on guard regions
    /// ([`Config::signals_based_traps`](crate::Config::signals_based_traps)):
    /// if it does, creating a memory fails when `reserve_guarded` refuses.
    /// The default says no.
    fn guard_regions(&self) -> bool {
        false
    }

    /// Makes a [`ResourceKind::Code`] region, which the JIT has written,
    /// executable and no longer writable: code is never writable and
    /// executable at once (W^X). The default refuses; hooks that cannot
    /// map memory executable leave wisp in its interpreter.
    ///
    /// # Safety
    ///
    /// `region` is a live `Code` region from this object's `reserve`, which
    /// wisp writes no more; wisp only executes and releases it afterwards.
    unsafe fn make_executable(&self, region: &Region) -> Result<(), Refused> {
        let _ = region;
        Err(Refused)
    }
}
