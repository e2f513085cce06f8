//! The run loop between the tiers: runs a frame in compiled code when its
//! function has some, in the interpreter otherwise, and performs the calls
//! compiled code leaves to make (pushing the caller's frame, setting up the
//! callee's, switching instance) and its returns. The frame stack and the
//! value stack are the interpreter's, so either tier continues a frame the
//! other suspended.

#![allow(unsafe_code)]

use super::call_records;
use super::context::{ExitKind, JitContext, TRAPS};
use crate::interp::{self, Outcome, Thrown, TrapAt};
use crate::trap::TrapCode;
use crate::vm::{Frame, MemoryView, VmContext, init_frame};

/// How much native stack nested direct calls of compiled code may use
/// below the run loop (32 bytes a call: 2,048 nested calls; deeper ones go
/// through the run loop, which enters each from its own shallow frame).
/// Small enough for a thread of 256 KiB.
const NATIVE_CALL_STACK: usize = 64 << 10;

/// How many calls and loop iterations ([`Op::CountHot`]) a function runs
/// in the interpreter before it is compiled ([`Strategy::Auto`]).
///
/// [`Op::CountHot`]: crate::ir::Op::CountHot
/// [`Strategy::Auto`]: crate::Strategy::Auto
pub(crate) const HOT: i32 = 1000;

/// Runs `frame` until the call entered at `vm.entry_depth` returns, a host
/// function is called, an exception is thrown or a trap; as
/// [`interp::run`], whose contract this shares.
///
/// # Safety
/// As for [`interp::run`].
pub(crate) unsafe fn run(vm: VmContext, frame: Frame) -> (VmContext, Result<Outcome, TrapAt>) {
    let here = stack_pointer();
    let mut ctx = JitContext {
        vm,
        entry_sp: 0,
        native_limit: here.saturating_sub(NATIVE_CALL_STACK),
        call_limit: 0,
        materialize: call_records::materialize,
        chain: core::ptr::null(),
        exit_pc: 0,
        trap: 0,
        callee: 0,
        callee_frame: 0,
        exit_fp: core::ptr::null_mut(),
    };
    let mut frame = frame;
    loop {
        // SAFETY: the contract: `frame` names a Wasm function of the store
        // and a frame set up in the value stack.
        let step = unsafe { step(&mut ctx, frame) };
        match step {
            Ok(Some(next)) => frame = next,
            Ok(None) => return (ctx.vm, Ok(Outcome::Done)),
            Err(stop) => return (ctx.vm, stop),
        }
    }
}

/// Runs `frame` in its function's tier until it stops; answers the frame to
/// continue with, `None` when the entry call returned, or how the run ends.
///
/// # Safety
/// As for [`run`].
unsafe fn step(
    ctx: &mut JitContext,
    frame: Frame,
) -> Result<Option<Frame>, Result<Outcome, TrapAt>> {
    // SAFETY: the contract; the function records, instance views and frame
    // stack the context points at are the store's, valid for the run.
    unsafe {
        let func = *ctx.vm.funcs.add(frame.func as usize);
        enter_function(&mut ctx.vm, frame.func, func.instance);
        let Some(code) = func.jit.as_ref() else {
            let vm = core::ptr::read(&ctx.vm);
            let (vm, outcome) = interp::run(vm, frame);
            core::ptr::write(&mut ctx.vm, vm);
            return match outcome {
                Ok(Outcome::Tier(next)) => Ok(Some(next)),
                other => Err(other),
            };
        };
        let fp = ctx.vm.stack.add(frame.fp as usize);
        let offset = code.pc_offsets[frame.pc as usize];
        let target = code.start.add(offset as usize);
        // This frame lies above the trampoline's.
        ctx.call_limit = call_records::call_limit(&ctx.vm, stack_pointer(), ctx.native_limit);
        ctx.chain = core::ptr::null();
        let exit = (code.trampoline)(ctx, fp, target, code.resume);
        if exit == ExitKind::Return as u32 {
            return Ok(pop_caller(&mut ctx.vm));
        }
        // Any other exit may come from a function the entered one called
        // directly: the context names it, its frame and pc.
        let here = Frame {
            func: ctx.vm.func,
            pc: ctx.exit_pc,
            fp: ctx.exit_fp.offset_from(ctx.vm.stack) as u32,
        };
        match ExitKind::from_u32(exit) {
            Some(ExitKind::Return) => unreachable!("handled above"),
            Some(ExitKind::Trap) => Err(Err((TRAPS[ctx.trap as usize], here))),
            Some(ExitKind::Call) => call(ctx, here),
            Some(ExitKind::TailCall) => tail_call(ctx, here),
            Some(ExitKind::Throw) => {
                let thrown = Thrown::New {
                    tag: ctx.callee,
                    payload_at: (here.fp + ctx.callee_frame) as usize,
                };
                Err(Ok(Outcome::Throw {
                    thrown,
                    frame: here,
                }))
            }
            Some(ExitKind::ThrowRef) => {
                let exception = *ctx.exit_fp.add(ctx.callee_frame as usize);
                Err(Ok(Outcome::Throw {
                    thrown: Thrown::Ref(exception),
                    frame: here,
                }))
            }
            None => unreachable!("compiled code returned exit {exit}"),
        }
    }
}

/// The native stack pointer (stacks grow down on every target the JIT
/// runs on). Read from the register: the address of a local is not where
/// the stack is under AddressSanitizer, whose "fake stacks" keep locals
/// elsewhere.
#[inline(always)]
fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads the stack pointer into a register; touches no memory,
    // flags or other register.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        core::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
        #[cfg(target_arch = "aarch64")]
        core::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags));
    }
    sp
}

/// Makes store function `func` of instance `instance` the running one,
/// with that instance's memory 0 as it is now.
///
/// # Safety
/// `vm` is the live context of a run; `instance` a store instance.
unsafe fn enter_function(vm: &mut VmContext, func: u32, instance: u32) {
    vm.func = func;
    vm.instance_id = instance;
    // SAFETY: the contract: the context's views cover every store instance
    // and memory, and the runtime keeps them current.
    unsafe {
        vm.instance = *vm.instances.add(instance as usize);
        let m = vm.instance.memory0;
        vm.memory0 = if m == u32::MAX {
            MemoryView::empty()
        } else {
            *vm.memories.add(m as usize)
        };
    }
}

/// After a return: the caller's frame, popped from the frame stack, or
/// `None` when the function entered from the host returned.
///
/// # Safety
/// `vm` is the live context of a run.
unsafe fn pop_caller(vm: &mut VmContext) -> Option<Frame> {
    let depth = vm.frames_len;
    if depth == vm.entry_depth {
        return None;
    }
    vm.frames_len = depth - 1;
    // SAFETY: the frame stack holds `frames_len` initialized frames.
    Some(unsafe { *vm.frames.add(depth - 1) })
}

/// Performs the call compiled code left `frame` (stopped at the call) to
/// make (its callee and the callee's frame offset in the context): a host
/// function is the runtime's to call; a Wasm function gets its frame, and
/// the caller's is pushed to resume after the call.
///
/// # Safety
/// `ctx` is the live context of a run, just after a call exit of `frame`.
unsafe fn call(
    ctx: &mut JitContext,
    frame: Frame,
) -> Result<Option<Frame>, Result<Outcome, TrapAt>> {
    // SAFETY: the contract; the callee is a store function (compiled code
    // read it from the instance's index space or a checked table element),
    // and its frame offset is a slot of the caller's frame (translator).
    unsafe {
        let vm = &mut ctx.vm;
        let call_pc = frame.pc;
        let caller = *vm.funcs.add(frame.func as usize);
        let width = 1 + (*caller.compiled).code()[call_pc as usize].data_words();
        let resume = Frame {
            pc: call_pc + width as u32,
            ..frame
        };
        let new_fp = frame.fp + ctx.callee_frame;
        let target = *vm.funcs.add(ctx.callee as usize);
        if target.compiled.is_null() {
            return Err(Ok(Outcome::Host {
                func: ctx.callee,
                args_at: new_fp as usize,
                resume,
            }));
        }
        let f = &*target.compiled;
        let depth = vm.frames_len;
        let frame_end = vm.stack.add(new_fp as usize + f.frame_size as usize);
        if depth >= vm.max_depth || frame_end > vm.stack_end {
            return Err(Err((TrapCode::StackOverflow, frame)));
        }
        if depth == vm.frames_capacity {
            (vm.libcalls.grow_frames)(vm, 1);
        }
        init_frame(vm.stack.add(new_fp as usize), f);
        vm.frames.add(depth).write(resume);
        vm.frames_len = depth + 1;
        Ok(Some(Frame {
            func: ctx.callee,
            pc: 0,
            fp: new_fp,
        }))
    }
}

/// Performs the tail call compiled code left `frame` to make: a Wasm callee
/// takes over the frame (its arguments move down to the frame's first
/// slots) and the caller's place on the frame stack; a host callee is
/// called as by `call`, and the caller resumes at the `return` the
/// translator put after the instruction.
///
/// # Safety
/// As for [`call`], after a tail-call exit.
unsafe fn tail_call(
    ctx: &mut JitContext,
    frame: Frame,
) -> Result<Option<Frame>, Result<Outcome, TrapAt>> {
    // SAFETY: as for `call`; the arguments lie inside the current frame
    // (translator), and the callee's frame at the same `fp` is checked to
    // end inside the value stack before it is set up.
    unsafe {
        let target = *ctx.vm.funcs.add(ctx.callee as usize);
        if target.compiled.is_null() {
            return call(ctx, frame);
        }
        let vm = &mut ctx.vm;
        let f = &*target.compiled;
        let fp = vm.stack.add(frame.fp as usize);
        if fp.add(f.frame_size as usize) > vm.stack_end {
            return Err(Err((TrapCode::StackOverflow, frame)));
        }
        core::ptr::copy(fp.add(ctx.callee_frame as usize), fp, f.num_params as usize);
        init_frame(fp, f);
        Ok(Some(Frame {
            func: ctx.callee,
            pc: 0,
            fp: frame.fp,
        }))
    }
}
