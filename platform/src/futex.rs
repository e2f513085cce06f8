//! The kernel's blocking primitive for `memory.atomic.wait`: [`OsFutex`]
//! (`futex(2)` on Linux, `__ulock_wait`/`__ulock_wake` on macOS), which
//! lives in `wisp-core` (its `mmap` feature, which this crate turns on) so
//! that it is every engine's default there, as [`MmapHooks`] is every
//! store's.
//!
//! [`MmapHooks`]: crate::memory::MmapHooks

pub use wisp_core::OsFutex;
