//! wisp-core with no std and no libc: a Linux x86_64 executable that starts
//! at its own `_start`, allocates from a static buffer, gets guest memory from
//! its own memory hooks, runs an embedded Wasm module in wisp's interpreter,
//! prints the results with raw `write` system calls and exits with
//! `fib(20) mod 256`.
//!
//! Everything an embedder must supply is in this crate: the entry point (here),
//! a panic handler (here), a global allocator (`heap.rs`), the memory hooks
//! (`arena.rs`) and a way to print (`sys.rs`). See `targets/README.md`.
#![no_std]
#![no_main]

extern crate alloc;

mod arena;
mod heap;
mod relocate;
mod sys;

use alloc::sync::Arc;
use core::fmt::Write;
use sys::Fd;
use wisp_core::{Config, Engine, Instance, Linker, Module, Store};

/// The guest: `fib`, `sum` and `grow` (source in `wasm/guest.wat`).
static GUEST: &[u8] = include_bytes!("../wasm/guest.wasm");

#[global_allocator]
static HEAP: heap::BumpHeap = heap::BumpHeap::new();

// The process entry point. The kernel jumps here with the stack pointer at
// `argc` (16-byte aligned) and no return address. Relocate the image (it is
// position-independent and nothing else will, see `relocate.rs`), make the
// stack look like a normal call site (aligned, a zero frame pointer ending
// backtraces) and call into Rust, which never returns. The addresses are
// RIP-relative, so they are right before relocation; r12 is callee-saved,
// so the initial stack pointer survives the first call.
core::arch::global_asm!(
    ".globl _start",
    ".type _start, @function",
    "_start:",
    "xor ebp, ebp",
    "mov r12, rsp",
    "and rsp, -16",
    "lea rdi, [rip + __ehdr_start]",
    "lea rsi, [rip + _DYNAMIC]",
    "call {relocate}",
    "mov rdi, r12",
    "call {main}",
    "ud2",
    relocate = sym relocate::apply,
    main = sym main,
);

/// Called by `_start` with the initial stack pointer (unused: no arguments).
extern "C" fn main(_initial_sp: *const usize) -> ! {
    match run() {
        Ok(status) => sys::exit(status),
        Err(message) => {
            let _ = writeln!(Fd(2), "freestanding: {message}");
            sys::exit(1)
        }
    }
}

/// Loads the guest, runs it and prints what it computed; returns the exit
/// status.
fn run() -> Result<i32, alloc::string::String> {
    use alloc::string::ToString;
    let mut out = Fd(1);

    // A small value stack (128 KiB): the default 8 MiB would not fit the heap.
    let mut config = Config::new();
    config.max_stack_slots(16 * 1024);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, GUEST).map_err(|e| e.to_string())?;
    let mut store = Store::new(&engine, ());
    let hooks = Arc::new(arena::ArenaHooks::new());
    store.set_memory_hooks(hooks.clone());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .map_err(|e| e.to_string())?;

    let fib = call(&mut store, &instance, "fib", 20)?;
    let _ = writeln!(out, "fib(20) = {fib}");
    let sum = call(&mut store, &instance, "sum", 100)?;
    let _ = writeln!(out, "sum(1..=100) through linear memory = {sum}");
    // 32 more pages (2 MiB) do not fit the 1 MiB arena: the hooks refuse.
    let grown = call(&mut store, &instance, "grow", 32)?;
    let _ = writeln!(
        out,
        "memory.grow(32) = {grown} (refused by the arena hooks)"
    );
    let grown = call(&mut store, &instance, "grow", 1)?;
    let _ = writeln!(out, "memory.grow(1) = {grown}");
    let _ = writeln!(
        out,
        "arena: {} KiB of {} KiB, heap peak: {} KiB of {} KiB",
        hooks.used() / 1024,
        arena::ARENA_SIZE / 1024,
        HEAP.peak() / 1024,
        heap::HEAP_SIZE / 1024,
    );
    Ok(fib & 0xff)
}

/// Calls the guest's `name(arg) -> i32`.
fn call(
    store: &mut Store<()>,
    instance: &Instance,
    name: &str,
    arg: i32,
) -> Result<i32, alloc::string::String> {
    use alloc::string::ToString;
    let func = instance
        .get_typed_func::<i32, i32>(&*store, name)
        .map_err(|e| e.to_string())?;
    func.call(store, arg).map_err(|e| e.to_string())
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    let _ = writeln!(Fd(2), "freestanding: panic: {info}");
    sys::exit(101)
}
