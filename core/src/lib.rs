//! # wisp-core
//!
//! The operating-system-free heart of the wisp WebAssembly runtime: decoding and
//! validation (through `wasmparser`), translation of every function to wisp's
//! register IR, the interpreter that executes it, and the runtime objects an
//! embedder works with ([`Engine`], [`Store`], [`Module`], [`Linker`],
//! [`Instance`], [`Func`], [`TypedFunc`], [`Memory`], [`Table`], [`Global`]).
//!
//! The crate is `#![no_std]` and needs only `alloc`, so the same engine runs in
//! a command-line tool, inside an application, or inside a kernel. Two
//! optional features use `std`: `std` (`Module::from_file`) and `wat`
//! (`Module::new` accepts WebAssembly text).
//!
//! ```
//! use wisp_core::{Engine, Linker, Module, Store};
//! // (module (func (export "add") (param i32 i32) (result i32)
//! //   local.get 0 local.get 1 i32.add))
//! let wasm = [
//!     0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f,
//!     0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64,
//!     0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
//! ];
//! let engine = Engine::default();
//! let module = Module::new(&engine, &wasm).unwrap();
//! let mut store = Store::new(&engine, ());
//! let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
//! let add = instance.get_typed_func::<(i32, i32), i32>(&store, "add").unwrap();
//! assert_eq!(add.call(&mut store, (2, 3)).unwrap(), 5);
//! ```
#![no_std]
#![deny(missing_docs)]
#![deny(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod config;
mod error;
mod gc;
mod index;
mod interp;
pub mod ir;
#[cfg(wisp_jit)]
mod jit;
mod lanes;
mod memory_hooks;
mod module;
mod runtime;
mod sub_type;
mod translate;
mod trap;
mod types;
mod v128;
mod value;
mod vm;
mod wait;

pub use config::{Config, Strategy};
pub use error::{Error, ErrorKind};
#[cfg(all(feature = "mmap", unix))]
pub use memory_hooks::MmapHooks;
pub use memory_hooks::{
    GUARD_BEFORE, GlobalAllocHooks, MemoryHooks, REGION_ALIGN, Refused, Region, ResourceKind,
};
pub use module::{ExportType, ImportType, Module};
pub use runtime::{
    ArrayRef, AsContext, AsContextMut, Caller, DEFAULT_INSTANCE_LIMIT, DEFAULT_MEMORY_LIMIT,
    DEFAULT_TABLE_LIMIT, Engine, Exception, ExnRef, Extern, Func, GcHeapStats, Global, Instance,
    InstancePre, InterruptHandle, IntoFunc, Linker, Memory, Precompiled, ResourceLimiter,
    RootScope, SharedMemory, Store, StoreContext, StoreContextMut, StoreLimits, StoreLimitsBuilder,
    StructRef, Table, Tag, TypedFunc, WaitResult, WasmParams, WasmResults, WasmRet, WasmTy,
};
pub use trap::{BacktraceDisplay, BoxError, FrameInfo, Trap, TrapCode};
pub use types::{
    ExternType, FuncType, GlobalType, HeapType, MemoryType, RefType, TableType, TypeId, ValType,
};
pub use v128::V128;
pub use value::{AnyRef, AnyRefKind, ExternRef, Val};
#[cfg(all(feature = "mmap", any(target_os = "linux", target_vendor = "apple")))]
pub use wait::OsFutex;
pub use wait::{Futex, SpinFutex};

/// The `wasmparser` version wisp decodes with, re-exported for embedders that
/// inspect modules with it. Proposals are configured with [`Config`]'s
/// `wasm_*` switches.
pub use wasmparser;
