//! WASI preview 1 (`wasi_snapshot_preview1`): all 46 functions, each
//! checked against a [`Capabilities`] set, with every path resolved beneath
//! a preopened directory.
//!
//! Shaped like wasmtime's preview 1 host: build a [`WasiCtx`] with
//! [`WasiCtxBuilder`], keep it in the store's host state, and call
//! [`add_to_linker`] with a closure that finds it. A denied call returns
//! `NOTCAPABLE` (76) to the guest; a bad guest pointer returns `FAULT` (21);
//! `proc_exit(n)` ends the call with [`Trap::exit`](wisp_core::Trap::exit).
//! `docs/wasi.md` lists what each function does on each host, and
//! `docs/security.md` the capability model.

mod caps;
mod ctx;
mod errno;
mod fd_table;
mod funcs;
mod host;
mod linker;
mod memory;
#[cfg(feature = "component")]
pub mod p2;
mod path;
mod pipe;
pub mod types;

pub use caps::Capabilities;
pub use ctx::{SharedWasiCtx, Stdio, WasiCtx, WasiCtxBuilder};
pub use errno::{Errno, WasiResult};
pub use linker::{FUNCTIONS, MODULE, MODULE_UNSTABLE, add_to_linker, add_to_linker_shared};
pub use memory::GuestMemory;
pub use pipe::{MemoryInputPipe, MemoryOutputPipe};

#[cfg(test)]
mod tests {
    use super::*;
    use wisp_core::{Engine, Linker};

    #[test]
    fn every_function_is_defined() {
        let engine = Engine::default();
        let mut linker = Linker::<WasiCtx>::new(&engine);
        add_to_linker(&mut linker, |cx| cx).unwrap();
        for name in FUNCTIONS {
            assert!(linker.contains(MODULE, name), "{name} missing");
        }
    }
}
