//! Virtual-memory-backed storage for linear memories and tables:
//! [`MmapHooks`], which lives in `wisp-core` (its `mmap` feature, which this
//! crate turns on) so that it is every store's default on Unix.

pub use wisp_core::MmapHooks;
