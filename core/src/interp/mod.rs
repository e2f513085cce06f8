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
//! stack. Host calls and traps leave the interpreter ([`Exit::Host`],
//! [`Exit::Trap`]); `runtime/exec.rs` performs host calls and resumes.

#![allow(unsafe_code)]

mod bulk;
mod float;
mod handlers;
#[cfg(test)]
mod tests;

use crate::ir::{CompiledFunc, Instr};
use crate::runtime::{FuncEntity, StoreInner};
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
    /// Exit details.
    pub trap: TrapCode,
    pub exit_ip: Ip,
    pub exit_fp: Fp,
    pub host_func: u32,
    pub host_args: usize,
}

/// The store behind the context, for out-of-line operations.
///
/// # Safety
/// `ctx` is the live context of a run. The caller may form references into
/// the store only for the duration of one operation, with no reference
/// derived from the context alive across it.
#[inline(always)]
pub(crate) unsafe fn store(ctx: *mut InterpContext) -> *mut StoreInner {
    // SAFETY: reading a field of the live context.
    unsafe { (*ctx).vm.store.cast::<StoreInner>() }
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
    // SAFETY: the contract; the reference to the instance lives only for
    // this statement, and instances do not change while Wasm runs.
    unsafe {
        let view = (&(*store(ctx)).instances)[inst as usize].view();
        (*ctx).vm.instance_id = inst;
        (*ctx).vm.instance = view;
        refresh_memory(ctx);
    }
}

/// Reloads memory 0's base and length (after growth or a switch).
///
/// # Safety
/// `ctx` is the live context of a run.
pub(crate) unsafe fn refresh_memory(ctx: *mut InterpContext) {
    // SAFETY: the contract; the references into the store live only for
    // this statement.
    unsafe {
        let store = &*store(ctx);
        let inst = &store.instances[(*ctx).vm.instance_id as usize];
        (*ctx).vm.memory0 = match inst.memories.values().next() {
            Some(&m) => store.memories[m as usize].view(),
            None => MemoryView::empty(),
        };
    }
}

/// Zeroes the declared locals of a new frame of `f` at `fp` and copies its
/// constants after them.
///
/// # Safety
/// `fp + f.frame_size` must lie inside the value stack.
#[inline(always)]
pub(crate) unsafe fn init_frame(fp: Fp, f: &CompiledFunc) {
    let locals = f.num_params as usize;
    let consts = locals + f.num_locals as usize;
    // SAFETY: locals and constants lie below `frame_size`, inside the stack
    // (contract); the constants come from a separate allocation.
    // Many functions have neither (parameters and temporaries only): skip
    // the library calls rather than make them with a length of zero.
    unsafe {
        if f.num_locals != 0 {
            core::ptr::write_bytes(fp.add(locals), 0, f.num_locals as usize);
        }
        if !f.consts.is_empty() {
            core::ptr::copy_nonoverlapping(f.consts.as_ptr(), fp.add(consts), f.consts.len());
        }
    }
}

/// Prepares the frame of Wasm function `func` at slot `fp` (whose parameters
/// are already there) and returns it ready to run.
pub(crate) fn enter(store: &mut StoreInner, func: u32, fp: usize) -> Result<Frame, TrapCode> {
    let FuncEntity::Wasm { module, def, .. } = &store.funcs[func as usize] else {
        unreachable!("enter on a host function");
    };
    let f = &module.code[*def];
    if store.frames.len() >= store.engine.config().max_call_depth
        || fp + f.frame_size as usize > store.stack.len()
    {
        return Err(TrapCode::StackOverflow);
    }
    // SAFETY: `fp + frame_size <= stack.len()`, checked above.
    unsafe { init_frame(store.stack.as_mut_ptr().add(fp), f) };
    Ok(Frame {
        func,
        pc: 0,
        fp: fp as u32,
    })
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

/// Runs from `frame` until the call entered at frame depth `entry_depth`
/// returns, a host function is called, or a trap.
pub(crate) fn run(
    store: &mut StoreInner,
    frame: Frame,
    entry_depth: usize,
) -> Result<Outcome, TrapAt> {
    let stack = store.stack.as_mut_ptr();
    let vm_func = store.vm_funcs[frame.func as usize];
    let code = vm_func.code.cast::<Word>();
    // SAFETY: `frame.pc` is an instruction of the function's code and
    // `frame.fp` the offset of a frame set up inside the stack.
    let (ip, fp) = unsafe { (code.add(frame.pc as usize), stack.add(frame.fp as usize)) };
    let vm = VmContext {
        memory0: MemoryView::empty(),
        instance: store.instances[vm_func.instance as usize].view(),
        instance_id: vm_func.instance,
        func: frame.func,
        funcs: store.vm_funcs.as_ptr(),
        globals: store.global_values.as_mut_ptr(),
        stack,
        // SAFETY: one past the end of the stack's allocation.
        stack_end: unsafe { stack.add(store.stack.len()) },
        frames: store.frames.as_mut_ptr(),
        frames_len: store.frames.len(),
        frames_capacity: store.frames.capacity(),
        max_depth: store.engine.config().max_call_depth,
        entry_depth,
        fuel: store.fuel,
        interrupt: alloc::sync::Arc::as_ptr(&store.interrupt),
        store: (store as *mut StoreInner).cast(),
    };
    let mut context = InterpContext {
        vm,
        code,
        ip,
        fp,
        acc: 0.0,
        iacc: 0,
        trap: TrapCode::Unreachable,
        exit_ip: ip,
        exit_fp: fp,
        host_func: 0,
        host_args: 0,
    };
    let ctx: *mut InterpContext = &mut context;
    // SAFETY: `ctx` is the context just built; from here until `drive`
    // returns, the store is reached only through it.
    let exit = unsafe {
        refresh_memory(ctx);
        drive(ctx, ip, fp)
    };
    // The run is over: put the frame stack back together and return the
    // fuel (the store is used directly again from here on).
    // SAFETY: the handlers kept `frames_len` frames initialized in the
    // vector's buffer (reallocated only by `grow_frames`, which updates the
    // context), within its capacity.
    unsafe { store.frames.set_len(context.vm.frames_len) };
    store.fuel = context.vm.fuel;
    let frame_at = |ip: Ip, fp: Fp| Frame {
        func: context.vm.func,
        // SAFETY: handlers exit with `ip` in the running function's code
        // and `fp` inside the stack.
        pc: unsafe { ip.offset_from(context.code) } as u32,
        // SAFETY: as above.
        fp: unsafe { fp.offset_from(stack) } as u32,
    };
    match exit {
        Exit::Done | Exit::Continue => Ok(Outcome::Done),
        Exit::Host => Ok(Outcome::Host {
            func: context.host_func,
            args_at: context.host_args,
            resume: frame_at(context.exit_ip, context.exit_fp),
        }),
        Exit::Trap => Err((context.trap, frame_at(context.exit_ip, context.exit_fp))),
    }
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
        loop {
            let (ip, fp) = ((*ctx).ip, (*ctx).fp);
            let MemoryView { base, len } = (*ctx).vm.memory0;
            let (acc, iacc) = ((*ctx).acc, (*ctx).iacc);
            match dispatch(ip, fp, ctx, base, len, acc, iacc) {
                Exit::Continue => {}
                other => return other,
            }
        }
    }
}
