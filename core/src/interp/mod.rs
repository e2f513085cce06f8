//! The interpreter: one handler function per IR opcode ([`handlers`]).
//!
//! Two dispatch backends share the handlers:
//! - *threaded* (`cfg(wisp_threaded)`, chosen by `build.rs` for optimized
//!   builds on x86_64 and aarch64): every handler ends by calling the next
//!   instruction's handler with the same five arguments. LLVM compiles these
//!   sibling calls to jumps, so dispatch is one indirect jump per instruction,
//!   from a different site for each handler, and the hot state (instruction,
//!   frame, context, memory base and length) stays in argument registers.
//! - *portable*: handlers store the state in [`Cx`] and return
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

use crate::ir::{CompiledFunc, Instr};
use crate::runtime::{Frame, FuncEntity, InstanceEntity, StoreInner};
use crate::trap::TrapCode;

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

/// Threads translated code: each word gets its opcode's handler.
pub(crate) fn thread(code: &[Instr]) -> alloc::boxed::Box<[Word]> {
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
    /// Portable backend only: the next instruction is in `Cx::ip`.
    #[cfg_attr(wisp_threaded, allow(dead_code))]
    Continue,
    /// The function entered from the host returned.
    Done,
    /// A host function is to be called (`Cx::host_func`, `Cx::host_args`).
    Host,
    /// A trap (`Cx::trap` at `Cx::exit_ip`).
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

/// The interpreter's context for one [`run`], reached by every handler.
pub(crate) struct Cx {
    /// The store (exclusively borrowed by `run` for its whole duration).
    pub store: *mut StoreInner,
    /// The current instance's record.
    pub instance: *const InstanceEntity,
    /// Frame-stack depth at which the entry function returns.
    pub entry_depth: usize,
    pub max_depth: usize,
    /// The value stack.
    pub stack: *mut u64,
    pub stack_len: usize,
    /// Store indices of the running function and its instance.
    pub func: u32,
    pub inst: u32,
    /// Memory 0 of the current instance.
    pub mem: *mut u8,
    pub len: usize,
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

impl Cx {
    /// The current instance's record.
    ///
    /// # Safety
    /// Only while `run` is active (the pointer is set by `switch_instance`).
    #[inline(always)]
    pub(crate) unsafe fn record(&self) -> &InstanceEntity {
        // SAFETY: see the contract.
        unsafe { &*self.instance }
    }

    /// The store.
    ///
    /// # Safety
    /// Only while `run` is active, and no other reference from `store_mut`
    /// may be alive.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn store_mut(&self) -> &mut StoreInner {
        // SAFETY: see the contract.
        unsafe { &mut *self.store }
    }

    /// Makes `inst` the current instance.
    pub(crate) fn switch_instance(&mut self, inst: u32) {
        self.inst = inst;
        // SAFETY: `store` is valid for the run; instances are not added or
        // removed while Wasm runs (host calls leave `run` first).
        self.instance = unsafe { &self.store_mut().instances[inst as usize] };
        self.refresh_memory();
    }

    /// Reloads memory 0's base and length (after growth or a switch).
    pub(crate) fn refresh_memory(&mut self) {
        // SAFETY: as in `switch_instance`.
        let store = unsafe { &mut *self.store };
        let (mem, len) = match store.instances[self.inst as usize].memories.first() {
            Some(&m) => {
                let data = store.memories[m as usize].data_mut();
                (data.as_mut_ptr(), data.len())
            }
            None => (core::ptr::NonNull::dangling().as_ptr(), 0),
        };
        self.mem = mem;
        self.len = len;
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
    let FuncEntity::Wasm {
        instance,
        module,
        def,
        ..
    } = &store.funcs[func as usize]
    else {
        unreachable!("enter on a host function");
    };
    let f = &module.code[*def as usize];
    if store.frames.len() >= store.engine.config().max_call_depth
        || fp + f.frame_size as usize > store.stack.len()
    {
        return Err(TrapCode::StackOverflow);
    }
    // SAFETY: `fp + frame_size <= stack.len()`, checked above.
    unsafe { init_frame(store.stack.as_mut_ptr().add(fp), f) };
    Ok(Frame {
        func,
        instance: *instance,
        ip: f.threaded.as_ptr() as usize,
        fp,
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
    cx: *mut Cx,
    mem: *mut u8,
    len: usize,
    acc: f64,
    iacc: u64,
) -> Exit {
    // SAFETY: `ip` points at a word of threaded code, whose handler is the
    // one of its opcode; the rest is the handler contract (caller's).
    unsafe { ((*ip).handler)(ip, fp, cx, mem, len, acc, iacc) }
}

/// Runs from `frame` until the call entered at frame depth `entry_depth`
/// returns, a host function is called, or a trap.
pub(crate) fn run(
    store: &mut StoreInner,
    frame: Frame,
    entry_depth: usize,
) -> Result<Outcome, TrapAt> {
    let max_depth = store.engine.config().max_call_depth;
    let stack = store.stack.as_mut_ptr();
    let stack_len = store.stack.len();
    let ip = frame.ip as Ip;
    // SAFETY: `frame.fp` is the offset of a frame set up inside the stack.
    let fp = unsafe { stack.add(frame.fp) };
    let mut cx = Cx {
        store,
        instance: core::ptr::null(),
        entry_depth,
        max_depth,
        stack,
        stack_len,
        func: frame.func,
        inst: frame.instance,
        mem: core::ptr::null_mut(),
        len: 0,
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
    cx.switch_instance(frame.instance);
    let exit = drive(&mut cx, ip, fp);
    let frame_at = |ip: Ip, fp: Fp| Frame {
        func: cx.func,
        instance: cx.inst,
        ip: ip as usize,
        // SAFETY: handlers only exit with frames inside the stack.
        fp: unsafe { fp.offset_from(stack) } as usize,
    };
    match exit {
        Exit::Done | Exit::Continue => Ok(Outcome::Done),
        Exit::Host => Ok(Outcome::Host {
            func: cx.host_func,
            args_at: cx.host_args,
            resume: frame_at(cx.exit_ip, cx.exit_fp),
        }),
        Exit::Trap => Err((cx.trap, frame_at(cx.exit_ip, cx.exit_fp))),
    }
}

/// Threaded backend: enter the chain of tail calls.
#[cfg(wisp_threaded)]
fn drive(cx: &mut Cx, ip: Ip, fp: Fp) -> Exit {
    let (mem, len) = (cx.mem, cx.len);
    // SAFETY: `ip` is the function's next instruction, `fp` its frame, `cx`
    // the live context: the handler contract.
    unsafe { dispatch(ip, fp, cx, mem, len, 0.0, 0) }
}

/// Portable backend: call one handler per iteration.
#[cfg(not(wisp_threaded))]
fn drive(cx: &mut Cx, ip: Ip, fp: Fp) -> Exit {
    cx.ip = ip;
    cx.fp = fp;
    loop {
        let (ip, fp, mem, len) = (cx.ip, cx.fp, cx.mem, cx.len);
        let (acc, iacc) = (cx.acc, cx.iacc);
        // SAFETY: as for the threaded backend; each handler leaves the next
        // state in `cx`.
        match unsafe { dispatch(ip, fp, cx, mem, len, acc, iacc) } {
            Exit::Continue => {}
            other => return other,
        }
    }
}
