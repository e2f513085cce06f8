//! Traps of compiled code as signals (DESIGN.md, "JIT"): a load or store
//! past a linear memory's end hits a guard page (`SIGSEGV`, or `SIGBUS` on
//! macOS), `ud2` (x86_64) or `udf` (aarch64) raises `SIGILL`, an integer
//! division by zero `SIGFPE` (x86_64; aarch64 divisions never fault, so
//! their checks are explicit). The
//! process-wide handler turns such a fault into a jump to the landing code
//! the compiler wrote for that instruction, so compiled code needs no
//! bounds check on guarded memories and no branch before a division.
//!
//! # What the handler does
//!
//! On a signal it reads the interrupted program counter from the saved
//! context. If the pc is a registered [`TrapSite`] of registered code
//! ([`register_code`]) and, for `SIGSEGV`/`SIGBUS`, the faulting address
//! lies in a registered guard range ([`register_guard`]), it rewrites the
//! saved pc to the site's landing and returns: execution continues there,
//! on the same stack, with every register as it was at the fault (the
//! stack, frame and link registers need no rewriting: the landing is code
//! of the function that faulted, in the frame it faulted in). Nothing
//! is unwound and there is no `setjmp`/`longjmp`; the landing is ordinary
//! code of the same function (typically: store a trap code, leave through
//! the trampoline's exit). A signal sent by another process (`kill`) is
//! never a trap, whatever the pc.
//!
//! Anything else is not ours and goes to the handler installed before
//! ours: called with `(sig, info, context)` if it was installed with
//! `SA_SIGINFO`, with `(sig)` otherwise. If there was none (`SIG_DFL`,
//! or `SIG_IGN`, which the kernel does not honour for a synchronous fault
//! anyway), the default disposition is restored and the handler returns,
//! so the faulting instruction runs again and the process dies of the
//! signal as it would have without wisp: a real crash stays a crash (a
//! signal sent by a process is re-raised instead, or dropped if it was
//! ignored). Rust's standard library installs a `SIGSEGV`/`SIGBUS`
//! handler of its own at startup (it reports stack overflows); faults
//! outside Wasm code reach it that way. The previous handler's `sa_mask`
//! and `SA_RESETHAND` are not emulated.
//!
//! # Why it is async-signal-safe
//!
//! The handler reads only the saved context, the `siginfo`, two static
//! tables of atomic words (see `registry.rs` for their seqlock protocol)
//! and, through a consistent code slot, the registration's sorted
//! [`TrapSite`] slice, which its owner keeps alive while the code can run.
//! It allocates nothing, takes no lock, never waits and touches no
//! thread-local storage; the only calls it makes are the previous handler
//! and, to restore a default disposition, `sigaction` and `raise`, both
//! async-signal-safe.
//!
//! # Flags and stacks
//!
//! The handlers are installed with `SA_SIGINFO` (for the fault address and
//! the context), `SA_ONSTACK` and `SA_NODEFER`. `SA_ONSTACK` runs the
//! handler on the thread's alternate signal stack when it has one (Rust
//! gives one to the main thread and to every thread it spawns): a fault
//! that is not ours may be a native stack overflow, and chaining to the
//! standard library's report needs a stack that is not exhausted. Faults
//! in compiled code never are: each compiled function checks the stack
//! limit in its prologue, so compiled code never runs into the native
//! guard page and leaves headroom for a signal frame on threads without an
//! alternate stack. `SA_NODEFER` leaves the signal unblocked while a
//! handler runs, so a previous handler that leaves by a non-local jump
//! (never sigreturning) does not leave the signal blocked, which would
//! make the next fault of that kind kill the process outright.
//!
//! # What the integrator provides
//!
//! * The lowering records a [`TrapSite`] for every instruction that may
//!   fault as a trap (a memory access to a guarded memory, `ud2`/`udf`,
//!   an x86_64 `div`/`idiv` whose divisor may be zero), with the landing that
//!   reports the trap; a site's landing must tell apart the traps its
//!   instruction can raise (`idiv` faults both on a zero divisor and on
//!   `MIN / -1`, both as `SIGFPE`).
//! * The code is registered with [`register_code`] once published, the
//!   registration kept next to the code and its sites, and dropped before
//!   either is freed.
//! * Linear memories that compiled code accesses without bounds checks are
//!   reserved with [`MemoryHooks::reserve_guarded`] (with a guard as large
//!   as the largest offset the code adds to a 32-bit index; only for
//!   memories whose pages are 64 KiB, since the hooks commit whole 64 KiB
//!   granules) and their whole span registered with [`register_guard`]
//!   (`memory_hooks::guarded_span`) for as long as the memory lives.
//! * [`install`] is called before the first such code runs; if it returns
//!   `false` (unsupported system, or `sigaction` failed), the lowering uses
//!   the signal-free mode.
//!
//! [`MemoryHooks::reserve_guarded`]: crate::MemoryHooks::reserve_guarded

#![allow(unsafe_code)]

#[cfg(any(target_os = "linux", target_os = "macos"))]
mod handler;
mod registry;
#[cfg(all(
    test,
    not(miri),
    target_arch = "x86_64",
    any(target_os = "linux", target_os = "macos")
))]
mod tests;

use registry::Table;

/// A place in registered code where a fault is a Wasm trap, and where
/// execution continues instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TrapSite {
    /// The offset of the faulting instruction from the code's start.
    pub fault: u32,
    /// The offset, from the code's start, to continue at after the fault.
    pub landing: u32,
}

/// How many code ranges, and how many guard ranges, can be registered at
/// once in the process: a compiled module or tiered-up function each, and
/// a guarded memory each. (The handler scans the slots up to the highest
/// one in use; 40 bytes a slot.)
pub(crate) const CAPACITY: usize = 4096;

/// The registered code: `[start, end, sites pointer, sites length]`.
static CODE: Table<CAPACITY> = Table::new();
/// The registered guard ranges: `[start, end, 0, 0]`.
static GUARDS: Table<CAPACITY> = Table::new();

/// Installs the handlers for `SIGSEGV`, `SIGBUS`, `SIGILL` and `SIGFPE`,
/// once per process (later calls, from any thread, wait for the first to
/// finish and return its answer). `false` when they could not be installed
/// (a `sigaction` failed, or the system is not one the handler reads the
/// context of: Linux and macOS are): then compiled code must not rely on
/// signals and uses the signal-free mode.
pub(crate) fn install() -> bool {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        handler::install()
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        false
    }
}

/// Code registered with [`register_code`]; unregistered when dropped.
#[derive(Debug)]
pub(crate) struct CodeRegistration {
    slot: usize,
}

impl Drop for CodeRegistration {
    fn drop(&mut self) {
        CODE.remove(self.slot);
    }
}

/// A guard range registered with [`register_guard`]; unregistered when
/// dropped.
#[derive(Debug)]
pub(crate) struct GuardRegistration {
    slot: usize,
}

impl Drop for GuardRegistration {
    fn drop(&mut self) {
        GUARDS.remove(self.slot);
    }
}

/// Registers the code `[start, start + len)` with its trap sites: a fault
/// at `start + site.fault` (a memory fault only inside a registered guard
/// range) continues at `start + site.landing`. `None` when [`CAPACITY`]
/// code ranges are registered already, or the range is empty.
///
/// # Safety
///
/// Until the registration is dropped: `[start, start + len)` is executable
/// code that no other registration covers; `sites` stays alive and
/// unchanged at the same address (the caller keeps it, boxed, next to the
/// code), sorted by `fault` without duplicates; and each landing is code
/// that is correct to run with the registers and stack as they are when
/// its site's instruction faults.
pub(crate) unsafe fn register_code(
    start: *const u8,
    len: usize,
    sites: &[TrapSite],
) -> Option<CodeRegistration> {
    debug_assert!(sites.windows(2).all(|w| w[0].fault < w[1].fault));
    debug_assert!(
        sites
            .iter()
            .all(|s| (s.fault.max(s.landing) as usize) < len)
    );
    let start = start as usize;
    let end = start.checked_add(len).filter(|&end| end > start)?;
    let words = [start, end, sites.as_ptr() as usize, sites.len()];
    CODE.insert(words).map(|slot| CodeRegistration { slot })
}

/// Registers `[start, end)` as a guard range: a memory fault there, at a
/// registered trap site, is a Wasm trap. `None` when [`CAPACITY`] guard
/// ranges are registered already, or the range is empty.
pub(crate) fn register_guard(start: usize, end: usize) -> Option<GuardRegistration> {
    if start >= end {
        return None;
    }
    GUARDS
        .insert([start, end, 0, 0])
        .map(|slot| GuardRegistration { slot })
}

/// Where execution continues after a fault at `pc`: `start + landing` of
/// the site at `pc` of the code registered in `table`, if there is one.
/// Async-signal-safe.
///
/// # Safety
///
/// The sites of every code slot of `table` that covers `pc` are alive. For
/// the handler and [`CODE`] this is [`register_code`]'s contract: the
/// faulting thread runs the code at `pc`, so its owner keeps the
/// registration, and the sites with it, alive.
unsafe fn landing<const N: usize>(table: &Table<N>, pc: usize) -> Option<usize> {
    table.find(pc, |[start, _, sites, len]| {
        // SAFETY: a consistent read of a live slot covering `pc`, whose
        // sites are alive (this function's contract): `sites` points to
        // `len` sites.
        let sites = unsafe { core::slice::from_raw_parts(sites as *const TrapSite, len) };
        let offset = u32::try_from(pc - start).ok()?;
        let at = sites.binary_search_by_key(&offset, |s| s.fault).ok()?;
        Some(start + sites.get(at)?.landing as usize)
    })
}

/// Whether `addr` lies in a guard range registered in `table`.
/// Async-signal-safe.
fn in_guard<const N: usize>(table: &Table<N>, addr: usize) -> bool {
    table.find(addr, |_| Some(())).is_some()
}
