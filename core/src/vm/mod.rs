//! The ABI the execution tiers share: the VM context through which running
//! code reaches the store, and the frames of suspended calls.
//!
//! Everything here is `#[repr(C)]` with fields at fixed offsets, because
//! compiled code will address them by offset exactly as the interpreter
//! reaches them by name. The context holds raw pointers only: while Wasm runs,
//! nothing else touches what they point to, so the tiers may read and write
//! through them without ever forming a `&mut` to the store, which keeps the
//! arrangement sound under Stacked Borrows (see `docs/architecture.md`, "The
//! VM context").

#![allow(unsafe_code)]

mod atomic;
mod context;
mod frame;
mod gc_access;
mod libcalls;
mod out_of_line;

pub(crate) use atomic::{atomic, atomic_offset};
pub(crate) use context::{InstanceView, MemoryView, StoreOpaque, TableView, VmContext, VmFunc};
pub(crate) use frame::{Frame, init_frame};
pub(crate) use gc_access::gc_access;
#[cfg(wisp_jit)]
pub(crate) use gc_access::is_gc_access;
pub(crate) use libcalls::Libcalls;
#[cfg(wisp_jit)]
pub(crate) use out_of_line::is_out_of_line;
pub(crate) use out_of_line::out_of_line;
