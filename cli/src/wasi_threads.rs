//! `--wasi-threads` (wasmtime's `-S threads`): the `wasi` module's
//! `thread-spawn`, which starts a new OS thread running a new instance of
//! the program in a store of its own, sharing the program's memory and WASI
//! context, at its `wasi_thread_start(id, arg)` export.
//!
//! As in wasmtime, the program ends when `_start` returns, whatever its
//! threads are doing; `proc_exit` or a trap in any thread ends the whole
//! program at once, with the exit status or the trap's message.

use crate::fail::Failure;
use crate::host::HostState;
use crate::limits::StoreSettings;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use wisp::{Caller, Linker, Module, Store};

/// The import module and name of the spawn function.
pub const MODULE: &str = "wasi";
/// See [`MODULE`].
pub const NAME: &str = "thread-spawn";
/// The export each new thread starts at.
pub const START: &str = "wasi_thread_start";

/// The most threads a program may have running besides its main one; a
/// `thread-spawn` past it returns an error (a negative number) to the
/// guest, as one the OS refuses does.
pub const MAX_THREADS: u32 = 1024;
/// Thread ids are positive and below 2^29 (the wasi-threads ABI).
const MAX_ID: u32 = (1 << 29) - 1;
/// The native stack of a spawned thread: what Wasm calls nested in host
/// calls may use (`Config::max_native_stack`, 512 KiB) and room for the
/// host's own frames.
const STACK: usize = 4 << 20;

/// What every spawned thread needs: the program and the linker that
/// instantiated it (set once the linker is complete, since it holds this
/// function too), and the counts.
struct Spawner {
    file: PathBuf,
    module: Module,
    linker: OnceLock<Linker<HostState>>,
    settings: StoreSettings,
    next_id: AtomicU32,
    running: AtomicU32,
}

/// Defines `wasi::thread-spawn` on `linker` for `module`; call the
/// returned function with the finished linker before instantiating.
pub fn define(
    linker: &mut Linker<HostState>,
    file: PathBuf,
    module: &Module,
    settings: StoreSettings,
) -> Result<impl FnOnce(&Linker<HostState>) + use<>, Failure> {
    let spawns = module
        .imports()
        .any(|i| i.module() == MODULE && i.name() == NAME);
    let starts = module.exports().any(|e| match e.ty() {
        wisp::ExternType::Func(ty) => {
            e.name() == START && ty.params() == [wisp::ValType::I32; 2] && ty.results().is_empty()
        }
        _ => false,
    });
    if spawns && !starts {
        return Err(Failure::in_file(
            &file,
            format_args!("the module imports {MODULE}::{NAME} but exports no `{START}(i32, i32)`"),
        ));
    }
    let spawner = Arc::new(Spawner {
        file,
        module: module.clone(),
        linker: OnceLock::new(),
        settings,
        next_id: AtomicU32::new(1),
        running: AtomicU32::new(0),
    });
    let shared = Arc::clone(&spawner);
    linker
        .func_wrap(
            MODULE,
            NAME,
            move |caller: Caller<'_, HostState>, arg: i32| -> i32 {
                spawn(&shared, caller.data().clone(), arg)
            },
        )
        .map_err(|e| Failure::error(format_args!("cannot define {MODULE}::{NAME}: {e}")))?;
    Ok(move |finished: &Linker<HostState>| {
        let _ = spawner.linker.set(finished.clone());
    })
}

/// `thread-spawn(arg)`: the new thread's id, or -1 when no thread can be
/// started (too many running, ids exhausted, the OS refused).
fn spawn(spawner: &Arc<Spawner>, host: HostState, arg: i32) -> i32 {
    let admitted = spawner
        .running
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < MAX_THREADS).then_some(n + 1)
        })
        .is_ok();
    if !admitted {
        return -1;
    }
    let id = spawner.next_id.fetch_add(1, Ordering::Relaxed);
    let spawned = (id <= MAX_ID).then(|| {
        let spawner = Arc::clone(spawner);
        std::thread::Builder::new()
            .name(format!("wasi-thread-{id}"))
            .stack_size(STACK)
            .spawn(move || {
                if let Err(failure) = run_thread(&spawner, host, id, arg) {
                    // The whole program ends with the thread's failure.
                    failure.report();
                    std::process::exit(failure.code);
                }
                spawner.running.fetch_sub(1, Ordering::AcqRel);
            })
    });
    match spawned {
        Some(Ok(_)) => id as i32,
        _ => {
            spawner.running.fetch_sub(1, Ordering::AcqRel);
            -1
        }
    }
}

/// Runs thread `id`: a new instance in a new store, at `wasi_thread_start`.
fn run_thread(spawner: &Spawner, host: HostState, id: u32, arg: i32) -> Result<(), Failure> {
    let file = &spawner.file;
    let linker = spawner
        .linker
        .get()
        .ok_or_else(|| Failure::in_file(file, "thread-spawn called before the program started"))?;
    let mut store = Store::new(linker.engine(), host);
    spawner.settings.apply(&mut store)?;
    let fail = |e: wisp::Error| thread_failure(file, id, e);
    let instance = linker
        .instantiate(&mut store, &spawner.module)
        .map_err(fail)?;
    let start = instance
        .get_typed_func::<(i32, i32), ()>(&store, START)
        .map_err(|e| Failure::in_file(file, format_args!("thread {id}: `{START}`: {e}")))?;
    start.call(&mut store, (id as i32, arg)).map_err(fail)
}

/// A thread's error: the guest's exit status, or the error with its
/// backtrace.
fn thread_failure(file: &std::path::Path, id: u32, e: wisp::Error) -> Failure {
    if let Some(status) = e.as_trap().and_then(|t| t.exit_status()) {
        return Failure::exit(status);
    }
    let failure = Failure::in_file(file, format_args!("thread {id}: {e}"));
    match e.as_trap() {
        Some(trap) => failure.with_backtrace(trap),
        None => failure,
    }
}
