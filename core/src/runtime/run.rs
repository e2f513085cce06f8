//! Entering running code: the frame of the function called from the host,
//! and the VM context a run uses, built from the store and given back to it
//! when the run stops.

#![allow(unsafe_code)]

use super::{Ask, StoreInner};
use crate::interp::{self, Outcome, TrapAt};
use crate::trap::TrapCode;
use crate::vm::{Frame, MemoryView, VmContext, init_frame};

/// Prepares the frame of Wasm function `func` at slot `fp` (whose parameters
/// are already there) and returns it ready to run.
pub(crate) fn enter(store: &mut StoreInner, func: u32, fp: usize) -> Result<Frame, TrapCode> {
    let compiled = store.vm_funcs[func as usize].compiled;
    assert!(!compiled.is_null(), "enter on a host function");
    // SAFETY: a Wasm function's IR is kept alive by its module, which the
    // store holds (`VmFunc`).
    let f = unsafe { &*compiled };
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

/// Runs `frame` (set up by [`enter`], or where a run stopped for a host
/// call) until the call entered at frame depth `entry_depth` returns, a host
/// function is called, or a trap.
pub(crate) fn run(
    store: &mut StoreInner,
    frame: Frame,
    entry_depth: usize,
    limiter: &mut Ask<'_>,
) -> Result<Outcome, TrapAt> {
    // The run loop between the tiers only once compiled code is to run:
    // the interpreter alone enters faster (no second context to build), and
    // says when a function it reaches is compiled (`Outcome::Tier`).
    #[cfg(wisp_jit)]
    let compiled = !store.vm_funcs[frame.func as usize].jit.is_null();
    #[cfg(not(wisp_jit))]
    let compiled = false;
    let vm = context(store, frame, entry_depth, limiter);
    // SAFETY: the context was just built for this run from the store, which
    // is not used otherwise until the run returns; `frame` is a frame of a
    // Wasm function set up in the value stack, and so is the frame a
    // `Tier` outcome names (the interpreter stopped there).
    let (vm, outcome) = unsafe {
        match compiled {
            true => tiers(vm, frame),
            false => onto_compiled(interp::run(vm, frame)),
        }
    };
    finish(store, &vm);
    outcome
}

/// After an interpreted run: where it stopped because it reached compiled
/// code, the run loop between the tiers continues from there.
///
/// # Safety
/// `ran` is what [`interp::run`] returned for a context built by `context`.
#[cfg(wisp_jit)]
unsafe fn onto_compiled(
    ran: (VmContext, Result<Outcome, TrapAt>),
) -> (VmContext, Result<Outcome, TrapAt>) {
    match ran {
        // SAFETY: the interpreter stopped at `next`, a frame set up in the
        // value stack of the context's store.
        (vm, Ok(Outcome::Tier(next))) => unsafe { tiers(vm, next) },
        done => done,
    }
}

/// Without the JIT no run stops for compiled code.
///
/// # Safety
/// None needed; as the JIT build's.
#[cfg(not(wisp_jit))]
unsafe fn onto_compiled(
    ran: (VmContext, Result<Outcome, TrapAt>),
) -> (VmContext, Result<Outcome, TrapAt>) {
    ran
}

/// Runs `frame` in the run loop between the tiers (as [`interp::run`]).
///
/// # Safety
/// As for [`interp::run`].
#[cfg(wisp_jit)]
unsafe fn tiers(vm: VmContext, frame: Frame) -> (VmContext, Result<Outcome, TrapAt>) {
    // SAFETY: the caller's contract.
    unsafe { crate::jit::run::run(vm, frame) }
}

/// Without the JIT every function is interpreted.
///
/// # Safety
/// As for [`interp::run`].
#[cfg(not(wisp_jit))]
unsafe fn tiers(vm: VmContext, frame: Frame) -> (VmContext, Result<Outcome, TrapAt>) {
    // SAFETY: the caller's contract.
    unsafe { interp::run(vm, frame) }
}

/// The VM context for running `frame` until the call entered at frame depth
/// `entry_depth` returns. The frame stack is lent to it: give the context
/// back with [`finish`] before using the store again.
fn context(
    store: &mut StoreInner,
    frame: Frame,
    entry_depth: usize,
    limiter: &mut Ask<'_>,
) -> VmContext {
    let limiter: *mut Ask<'_> = limiter;
    // SAFETY: only the lifetime changes (same layout); the context, which
    // holds the pointer, is dropped at the end of `run`, while the closure
    // is still borrowed by it.
    let limiter = unsafe { core::mem::transmute::<*mut Ask<'_>, *mut Ask<'static>>(limiter) };
    let stack = store.stack.as_mut_ptr();
    let instance_id = store.vm_funcs[frame.func as usize].instance;
    VmContext {
        memory0: MemoryView::empty(),
        instance: store.instance_views[instance_id as usize],
        gc_heap: store.heap.view(),
        instance_id,
        func: frame.func,
        funcs: store.vm_funcs.as_mut_ptr(),
        globals: store.global_values.as_mut_ptr(),
        memories: store.memory_views.as_ptr(),
        tables: store.table_views.as_ptr(),
        instances: store.instance_views.as_ptr(),
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
        epoch: store.engine.epoch(),
        epoch_deadline: store.epoch_deadline,
        limiter,
        libcalls: &super::libcalls::LIBCALLS,
        store: (store as *mut StoreInner).cast(),
    }
}

/// Takes back what a run changed: the frame stack and the fuel left.
fn finish(store: &mut StoreInner, vm: &VmContext) {
    // SAFETY: the run kept `frames_len` frames initialized in the vector's
    // buffer (reallocated only by the `grow_frames` libcall, which updates
    // the context), within its capacity.
    unsafe { store.frames.set_len(vm.frames_len) };
    store.fuel = vm.fuel;
}
