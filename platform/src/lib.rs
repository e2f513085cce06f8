//! # wisp-platform
//!
//! Operating-system services for the wisp WebAssembly runtime. `wisp-core`
//! declares what it needs from a platform; this crate provides it for Linux
//! and macOS. It is `#![no_std]` (plus `alloc`) so that it links into the same
//! places the core does; the WASI preview 1 host ([`wasi`]) and
//! virtual-memory backed linear memories live here.
//!
//! System calls go through `rustix` (its raw-syscall backend on Linux, libc on
//! macOS); `unsafe` is confined to the few places that hand raw descriptors or
//! buffers to the OS, each with a `SAFETY:` comment.
#![no_std]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(any(target_os = "linux", target_vendor = "apple"))]
pub mod futex;
#[cfg(unix)]
pub mod memory;
pub mod wasi;

/// The name of the platform this build targets, for `wisp version`.
pub const TARGET: &str = if cfg!(target_os = "linux") {
    "linux"
} else if cfg!(target_os = "macos") {
    "macos"
} else {
    "unknown"
};
