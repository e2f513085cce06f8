//! Resource limits from the command line: fuel, memory, and the wall-clock
//! `--timeout` watchdog.

use crate::args::RunArgs;
use crate::fail::Failure;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use wisp::{Config, Engine, Store};

/// Fuel under `--sandbox` without `--fuel`.
pub const SANDBOX_FUEL: u64 = 1_000_000_000;
/// Linear memory under `--sandbox` without `--max-memory`: 256 MiB.
pub const SANDBOX_MEMORY: u64 = 256 << 20;

/// The fuel to give, if metered.
pub fn fuel(args: &RunArgs) -> Option<u64> {
    args.fuel.or(args.sandbox.then_some(SANDBOX_FUEL))
}

/// The memory limit, if any.
pub fn max_memory(args: &RunArgs) -> Option<u64> {
    args.max_memory.or(args.sandbox.then_some(SANDBOX_MEMORY))
}

/// The engine: fuel metering and interruption only when asked for (each
/// costs a check per call and loop iteration).
pub fn engine(args: &RunArgs) -> Engine {
    let mut config = Config::new();
    config.consume_fuel(fuel(args).is_some());
    config.interruptible(args.timeout.is_some());
    config.strategy(match args.engine {
        crate::args::EngineKind::Interp => wisp::Strategy::Interpreter,
        crate::args::EngineKind::Jit => wisp::Strategy::Jit,
        crate::args::EngineKind::Auto => wisp::Strategy::Auto,
    });
    Engine::new(&config)
}

/// The limits every store of a run gets (the main one and, with
/// `--wasi-threads`, each thread's).
#[derive(Debug, Clone, Copy)]
pub struct StoreSettings {
    fuel: Option<u64>,
    max_memory: Option<u64>,
    max_gc_heap: Option<u64>,
}

/// The store limits the flags ask for.
pub fn settings(args: &RunArgs) -> StoreSettings {
    StoreSettings {
        fuel: fuel(args),
        max_memory: max_memory(args),
        max_gc_heap: args.max_gc_heap,
    }
}

/// Applies the fuel and memory limits to a new store.
pub fn apply<T>(args: &RunArgs, store: &mut Store<T>) -> Result<(), Failure> {
    settings(args).apply(store)
}

impl StoreSettings {
    /// Applies the limits to a new store.
    pub fn apply<T>(self, store: &mut Store<T>) -> Result<(), Failure> {
        if let Some(f) = self.fuel {
            store
                .set_fuel(f)
                .map_err(|e| Failure::error(format_args!("--fuel: {e}")))?;
        }
        store.set_memory_limit(self.max_memory);
        if let Some(bytes) = self.max_gc_heap {
            store.set_gc_heap_limit(usize::try_from(bytes).unwrap_or(usize::MAX));
        }
        Ok(())
    }
}

/// Stops the guest when `--timeout` expires: a thread interrupts the store
/// (Wasm traps at its next call or loop iteration); if the guest is still
/// running a second later (blocked in a host call such as a read or a
/// sleep), the process exits with status 1. Dropping the watchdog cancels it.
pub struct Watchdog {
    done: Arc<(Mutex<bool>, Condvar)>,
}

impl Watchdog {
    /// Starts the watchdog for `ms` milliseconds, if a timeout was given.
    pub fn start<T>(file: &Path, ms: Option<u64>, store: &Store<T>) -> Option<Self> {
        let ms = ms?;
        let handle = store.interrupt_handle();
        let done = Arc::new((Mutex::new(false), Condvar::new()));
        let shared = Arc::clone(&done);
        let file = file.display().to_string();
        std::thread::spawn(move || {
            let (lock, cvar) = &*shared;
            let wait = |d: Duration| {
                let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
                let (guard, _) = cvar
                    .wait_timeout_while(guard, d, |finished| !*finished)
                    .unwrap_or_else(|e| e.into_inner());
                *guard
            };
            if wait(Duration::from_millis(ms)) {
                return;
            }
            handle.interrupt();
            if wait(Duration::from_secs(1)) {
                return;
            }
            eprintln!(
                "error: {file}: timeout: --timeout {ms} ms expired while the guest was blocked in a host call"
            );
            std::process::exit(crate::fail::EXIT_ERROR);
        });
        Some(Self { done })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, cvar) = &*self.done;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cvar.notify_all();
    }
}
