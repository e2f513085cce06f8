//! Code memory as macOS on aarch64 requires it: under the hardened runtime
//! (with the `com.apple.security.cs.allow-jit` entitlement) memory that
//! becomes executable must be mapped with `MAP_JIT`, readable, writable and
//! executable at once, and each thread sees it either writable or
//! executable, switched with `pthread_jit_write_protect_np`. [`MmapHooks`]
//! maps [`ResourceKind::Code`](super::ResourceKind::Code) regions this way:
//! [`map`] lifts the calling thread's write protection for the JIT to copy
//! the code in, [`protect`] restores it once the code is published (or the
//! region given back), and from then on the thread can run it.
//!
//! [`MmapHooks`]: super::MmapHooks

use core::ptr::{self, NonNull};

/// Maps `len` bytes (a whole number of pages) for code with `MAP_JIT`, and
/// makes `MAP_JIT` memory writable, not executable, for this thread.
pub(super) fn map(len: usize) -> Option<NonNull<u8>> {
    // SAFETY: a fresh anonymous mapping at an address the kernel chooses;
    // it overlaps nothing.
    let mapped = unsafe {
        libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            libc::MAP_PRIVATE | libc::MAP_ANON | libc::MAP_JIT,
            -1,
            0,
        )
    };
    if mapped == libc::MAP_FAILED {
        return None;
    }
    // SAFETY: changes only this thread's view of `MAP_JIT` memory; no
    // code of a `MAP_JIT` region runs until `protect` (the JIT publishes
    // code on the thread that copies it, before running anything).
    unsafe { libc::pthread_jit_write_protect_np(0) };
    NonNull::new(mapped.cast::<u8>())
}

/// Makes `MAP_JIT` memory executable, not writable, for this thread again.
pub(super) fn protect() {
    // SAFETY: changes only this thread's view of `MAP_JIT` memory, back
    // to the default.
    unsafe { libc::pthread_jit_write_protect_np(1) };
}
