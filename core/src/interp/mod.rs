//! The interpreter: one handler function per IR opcode ([`handlers`]).
//!
//! Two dispatch backends share the handlers:
//! - *threaded* (`cfg(wisp_threaded)`, chosen by `build.rs` for optimized
//!   builds on x86_64 and aarch64): every handler ends by calling the next
//!   instruction's handler with the same five arguments. LLVM compiles these
//!   sibling calls to jumps, so dispatch is one indirect jump per instruction,
//!   from a different site for each handler, and the hot state (instruction,
//!   frame, context, memory base and length) stays in argument registers.
//! - *portable*: handlers store the state in [`InterpContext`] and return
//!   [`Exit::Continue`] to a dispatch loop. For debug builds, other
//!   architectures and the `portable-interp` feature.
//!
//! Calls between Wasm functions push a [`Frame`] on the store's frame stack
//! instead of recursing, so deep Wasm recursion cannot overflow the host
//! stack. Host calls, traps and thrown exceptions leave the interpreter
//! ([`Exit::Host`], [`Exit::Trap`], [`Exit::Throw`]); `runtime/exec.rs`
//! performs host calls, unwinds to exception handlers and resumes.

#![allow(unsafe_code)]

pub(crate) mod float;
mod handlers;
#[cfg(test)]
mod tests;

use crate::ir::Instr;
use crate::trap::TrapCode;
use crate::vm::{Frame, MemoryView, VmContext};

/// One word of threaded code: an IR word with the address of its opcode's
/// handler in front (direct threading: dispatch is one load and one jump).
/// Data words carry the `data` handler, which is never dispatched to.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
pub(crate) struct Word {
    pub handler: handlers::Handler,
    pub instr: Instr,
}

const _: () = assert!(core::mem::size_of::<Word>() == 16);

/// A function's code as the interpreter runs it.
pub(crate) type ThreadedCode = alloc::boxed::Box<[Word]>;

/// Threads translated code: each word gets its opcode's handler.
pub(crate) fn thread(code: &[Instr]) -> ThreadedCode {
    code.iter()
        .map(|&instr| Word {
            handler: handlers::HANDLERS[instr.op as usize],
            instr,
        })
        .collect()
}

/// Threaded code for a function `len` words long that runs compiled: each
/// word leaves the interpreter ([`Exit::Tier`]), so a call of the function
/// or a return into it from interpreted code continues in its compiled code
/// at the same pc.
#[cfg(wisp_jit)]
pub(crate) fn compiled_stub(len: usize) -> ThreadedCode {
    let word = Word {
        handler: leave_for_compiled,
        instr: Instr::new(crate::ir::Op::Data, 0, 0, 0),
    };
    alloc::vec![word; len].into_boxed_slice()
}

/// The handler of [`compiled_stub`]'s words.
#[cfg(wisp_jit)]
unsafe fn leave_for_compiled(
    ip: Ip,
    fp: Fp,
    ctx: *mut InterpContext,
    _mem: *mut u8,
    _len: usize,
    _acc: f64,
    _iacc: u64,
) -> Exit {
    // SAFETY: the caller's contract.
    unsafe { leave_at(ctx, ip, fp) }
}

/// Leaves the interpreter so that the run loop continues the running
/// function at `ip` in its compiled code.
///
/// # Safety
/// `ctx` is the live context of the run that dispatched to `ip`.
#[cfg(wisp_jit)]
pub(crate) unsafe fn leave_at(ctx: *mut InterpContext, ip: Ip, fp: Fp) -> Exit {
    // SAFETY: the contract; the fields are written through the raw pointer.
    unsafe {
        (*ctx).exit_ip = ip;
        (*ctx).exit_fp = fp;
    }
    Exit::Tier
}

/// Pointer to the current instruction.
pub(crate) type Ip = *const Word;
/// Pointer to slot 0 of the current frame.
pub(crate) type Fp = *mut u64;

/// How a handler leaves the dispatch chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Exit {
    /// Portable backend only: the next instruction is in `InterpContext::ip`.
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    Continue,
    /// The function entered from the host returned.
    Done,
    /// A host function is to be called (`InterpContext::host_func`,
    /// `InterpContext::host_args`).
    Host,
    /// A trap (`InterpContext::trap` at `InterpContext::exit_ip`).
    Trap,
    /// An exception is thrown at `InterpContext::exit_ip`
    /// (`InterpContext::thrown`).
    Throw,
    /// The function at `InterpContext::exit_ip` runs compiled: continue
    /// there in its compiled code.
    #[cfg(wisp_jit)]
    Tier,
}

/// What a `throw` or `throw_ref` throws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Thrown {
    /// A new exception of the running instance's tag `tag`, its payload in
    /// the value stack from slot `payload_at` on.
    New { tag: u32, payload_at: usize },
    /// The exception of a (non-null) exception reference.
    Ref(u64),
}

/// What [`run`] reports when it stops without a trap.
pub(crate) enum Outcome {
    /// The entry function returned; its results are in its frame's first slots.
    Done,
    /// Wasm called host function `func` with arguments at slot `args_at`;
    /// after the call, resume at `resume`.
    Host {
        func: u32,
        args_at: usize,
        resume: Frame,
    },
    /// An exception was thrown in `frame` (stopped at the throwing
    /// instruction); the runtime unwinds.
    Throw { thrown: Thrown, frame: Frame },
    /// `frame` is of a function that runs compiled: continue it there.
    #[cfg(wisp_jit)]
    Tier(Frame),
}

/// A trap and the frame it happened in.
pub(crate) type TrapAt = (TrapCode, Frame);

/// The interpreter's context for one [`run`]: the VM context every tier
/// shares, plus what only the interpreter needs. Handlers receive a raw
/// pointer to it and only ever read and write its fields through that
/// pointer, never through a reference, so the pointers it holds stay valid
/// under Stacked Borrows whatever the handlers do in between.
#[repr(C)]
pub(crate) struct InterpContext {
    /// The VM context: the running instance, the store's functions, the
    /// stacks, fuel, the interrupt flag.
    pub vm: VmContext,
    /// The running function's first code word (a frame's `pc` counts from it).
    pub code: Ip,
    /// Portable backend: the state between handlers.
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    pub ip: Ip,
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    pub fp: Fp,
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    pub acc: f64,
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    pub iacc: u64,
    /// Portable backend: the memory the next handler is handed — memory 0,
    /// or the one a `memory.select` chose for the instruction after it (see
    /// [`hand_memory`]).
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    pub memory: MemoryView,
    /// Exit details.
    pub trap: TrapCode,
    pub exit_ip: Ip,
    pub exit_fp: Fp,
    pub host_func: u32,
    pub host_args: usize,
    pub thrown: Thrown,
}

/// The running function's pc for instruction `ip`.
///
/// # Safety
/// `ctx` is the live context and `ip` an instruction of the running
/// function's code.
#[inline(always)]
pub(crate) unsafe fn pc_of(ctx: *mut InterpContext, ip: Ip) -> u32 {
    // SAFETY: both pointers are into the running function's code.
    unsafe { ip.offset_from((*ctx).code) as u32 }
}

/// Makes store instance `inst` the running one: its index spaces and its
/// memory 0.
///
/// # Safety
/// `ctx` is the live context of a run; `inst` is a store instance.
pub(crate) unsafe fn switch_instance(ctx: *mut InterpContext, inst: u32) {
    // SAFETY: the contract: the context's instance views cover every store
    // instance.
    unsafe {
        (*ctx).vm.instance_id = inst;
        (*ctx).vm.instance = *(*ctx).vm.instances.add(inst as usize);
        refresh_memory(ctx);
    }
}

/// Reloads memory 0's base and length (after growth or a switch).
///
/// # Safety
/// `ctx` is the live context of a run.
pub(crate) unsafe fn refresh_memory(ctx: *mut InterpContext) {
    // SAFETY: the contract: the context's memory views cover every store
    // memory, and the runtime keeps them current.
    unsafe {
        let m = (*ctx).vm.instance.memory0;
        (*ctx).vm.memory0 = if m == u32::MAX {
            MemoryView::empty()
        } else {
            *(*ctx).vm.memories.add(m as usize)
        };
        hand_memory(ctx, (*ctx).vm.memory0);
    }
}

/// Makes `view` the memory the following handlers are handed. The threaded
/// backend passes it along in registers (the caller's `next!` does); the
/// portable loop reads it from the context, so it is recorded there — only
/// where it changes (memory 0 refreshed, `memory.select`/`restore`), not at
/// every step.
///
/// # Safety
/// `ctx` is the live context of a run.
#[inline(always)]
pub(crate) unsafe fn hand_memory(ctx: *mut InterpContext, view: MemoryView) {
    #[cfg(not(wisp_threaded))]
    // SAFETY: the caller's contract.
    unsafe {
        (*ctx).memory = view;
    }
    #[cfg(wisp_threaded)]
    let _ = (ctx, view);
}

/// Runs the handler of the instruction at `ip` (threaded backend: the whole
/// chain of sibling calls that follows).
///
/// # Safety
/// The handler contract (see `handlers::prelude::handler!`).
#[inline(always)]
pub(crate) unsafe fn dispatch(
    ip: Ip,
    fp: Fp,
    ctx: *mut InterpContext,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: `ip` points at a word of threaded code, whose handler is the
    // one of its opcode; the rest is the handler contract (caller's).
    unsafe { ((*ip).handler)(ip, fp, ctx, mem, len, acc, iacc) }
}

/// Runs `frame` (of the function and instance `vm` names as running) until
/// the call entered at frame depth `vm.entry_depth` returns, a host function
/// is called, or a trap; returns the context as the run left it.
///
/// # Safety
/// `vm` is a context the runtime built for this run, and nothing else uses
/// the store until `run` returns; `frame` is a frame of `vm.func` set up in
/// the value stack.
pub(crate) unsafe fn run(vm: VmContext, frame: Frame) -> (VmContext, Result<Outcome, TrapAt>) {
    let stack = vm.stack;
    // SAFETY: the contract: `vm.func` is a Wasm function of the store, with
    // threaded code, `frame.pc` one of its instructions and `frame.fp` the
    // offset of a frame inside the stack.
    let (code, ip, fp) = unsafe {
        let code = (*vm.funcs.add(vm.func as usize)).code.cast::<Word>();
        (
            code,
            code.add(frame.pc as usize),
            stack.add(frame.fp as usize),
        )
    };
    let mut context = InterpContext {
        vm,
        code,
        ip,
        fp,
        acc: 0.0,
        iacc: 0,
        memory: MemoryView::empty(),
        trap: TrapCode::Unreachable,
        exit_ip: ip,
        exit_fp: fp,
        host_func: 0,
        host_args: 0,
        thrown: Thrown::Ref(0),
    };
    let ctx: *mut InterpContext = &mut context;
    // SAFETY: `ctx` is the context just built; from here until `drive`
    // returns, the store is reached only through it.
    let exit = unsafe {
        refresh_memory(ctx);
        drive(ctx, ip, fp)
    };
    let frame_at = |ip: Ip, fp: Fp| Frame {
        func: context.vm.func,
        // SAFETY: handlers exit with `ip` in the running function's code
        // and `fp` inside the stack.
        pc: unsafe { ip.offset_from(context.code) } as u32,
        // SAFETY: as above.
        fp: unsafe { fp.offset_from(stack) } as u32,
    };
    let outcome = match exit {
        Exit::Done | Exit::Continue => Ok(Outcome::Done),
        Exit::Host => Ok(Outcome::Host {
            func: context.host_func,
            args_at: context.host_args,
            resume: frame_at(context.exit_ip, context.exit_fp),
        }),
        Exit::Trap => Err((context.trap, frame_at(context.exit_ip, context.exit_fp))),
        Exit::Throw => Ok(Outcome::Throw {
            thrown: context.thrown,
            frame: frame_at(context.exit_ip, context.exit_fp),
        }),
        #[cfg(wisp_jit)]
        Exit::Tier => Ok(Outcome::Tier(frame_at(context.exit_ip, context.exit_fp))),
    };
    (context.vm, outcome)
}

/// Threaded backend: enter the chain of tail calls.
///
/// # Safety
/// `ctx` is the live context; `ip` and `fp` the running function's next
/// instruction and frame.
#[cfg(wisp_threaded)]
unsafe fn drive(ctx: *mut InterpContext, ip: Ip, fp: Fp) -> Exit {
    // SAFETY: the handler contract (the caller's).
    unsafe {
        let MemoryView { base, len } = (*ctx).vm.memory0;
        dispatch(ip, fp, ctx, base, len, 0.0, 0)
    }
}

/// Portable backend: call one handler per iteration.
///
/// # Safety
/// As for the threaded backend.
#[cfg(not(wisp_threaded))]
unsafe fn drive(ctx: *mut InterpContext, ip: Ip, fp: Fp) -> Exit {
    // SAFETY: as for the threaded backend; each handler leaves the next
    // state in the context, written through the raw pointer.
    unsafe {
        (*ctx).ip = ip;
        (*ctx).fp = fp;
        (*ctx).acc = 0.0;
        (*ctx).iacc = 0;
        // `(*ctx).memory` is memory 0's view: `run` refreshed it.
        loop {
            let (ip, fp) = ((*ctx).ip, (*ctx).fp);
            let MemoryView { base, len } = (*ctx).memory;
            let (acc, iacc) = ((*ctx).acc, (*ctx).iacc);
            match dispatch(ip, fp, ctx, base, len, acc, iacc) {
                Exit::Continue => {}
                other => return other,
            }
        }
    }
}
