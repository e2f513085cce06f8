//! # wisp-platform
//!
//! Operating-system services for the wisp WebAssembly runtime. `wisp-core`
//! declares what it needs from a platform; this crate provides it for Linux
//! and macOS. It is `#![no_std]` so that it links into the same places the
//! core does; the WASI preview 1 host and virtual-memory backed linear
//! memories live here.
#![no_std]
#![deny(missing_docs)]

/// The name of the platform this build targets, for `wisp version`.
pub const TARGET: &str = if cfg!(target_os = "linux") {
    "linux"
} else if cfg!(target_os = "macos") {
    "macos"
} else {
    "unknown"
};
