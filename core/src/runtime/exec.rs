//! Calls from the host into Wasm: the outer loop around the interpreter that
//! performs host calls and turns traps into errors with a backtrace.

use super::FuncEntity;
use super::caller::Caller;
use super::store::{Store, StoreInner};
use crate::interp::Outcome;
use crate::trap::{FrameInfo, Trap, TrapCode};
use crate::value::Val;
use crate::vm::Frame;
use alloc::{sync::Arc, vec::Vec};

/// Calls store function `func` with `args` (slot encoding), writing its
/// results to `results`. A call nested in a host function (host → Wasm →
/// host → Wasm …) first checks the native stack used since the outermost
/// call against `Config::max_native_stack`.
pub(crate) fn invoke<T>(
    store: &mut Store<T>,
    func: u32,
    args: &[u64],
    results: &mut [u64],
) -> Result<(), Trap> {
    // The address of a local approximates the native stack pointer; stacks
    // grow down on every target wisp runs on.
    let marker = 0u8;
    let here = core::ptr::addr_of!(marker) as usize;
    let base = store.inner.native_stack_base;
    if base == 0 {
        store.inner.native_stack_base = here;
        let r = invoke_nested(store, func, args, results);
        store.inner.native_stack_base = 0;
        return r;
    }
    if base.saturating_sub(here) > store.inner.engine.config().max_native_stack {
        return Err(Trap::new(TrapCode::StackOverflow));
    }
    invoke_nested(store, func, args, results)
}

/// [`invoke`] once the native stack is known to have room.
fn invoke_nested<T>(
    store: &mut Store<T>,
    func: u32,
    args: &[u64],
    results: &mut [u64],
) -> Result<(), Trap> {
    if let FuncEntity::Host { .. } = store.inner.funcs[func as usize] {
        let mut bits = Buffer::new(args.len().max(results.len()), 0);
        bits.as_mut()[..args.len()].copy_from_slice(args);
        call_host(store, func, None, bits.as_mut())?;
        results.copy_from_slice(&bits.as_mut()[..results.len()]);
        return Ok(());
    }
    store.inner.ensure_stack();
    let base = store.inner.stack_top;
    let width = args.len().max(results.len());
    if base + width > store.inner.stack.len() {
        return Err(Trap::new(TrapCode::StackOverflow));
    }
    store.inner.stack[base..base + args.len()].copy_from_slice(args);
    let entry_depth = store.inner.frames.len();
    let mut frame = match super::run::enter(&mut store.inner, func, base) {
        Ok(f) => f,
        Err(code) => return Err(Trap::new(code)),
    };
    loop {
        let (inner, mut limiter) = store.inner_and_limiter();
        let outcome = super::run::run(inner, frame, entry_depth, &mut |g| limiter.ask(g));
        match outcome {
            Ok(Outcome::Done) => break,
            Ok(Outcome::Host {
                func: host,
                args_at,
                resume,
            }) => {
                let caller_instance = store.inner.vm_funcs[resume.func as usize].instance;
                // The caller's frame is no frame stack's meanwhile: the
                // collector finds its references here.
                store.inner.host_resumes.push(resume);
                let r = call_host_from_wasm(store, host, args_at, caller_instance);
                store.inner.host_resumes.pop();
                if let Err(trap) = r {
                    // An exception the host throws (or lets through from a
                    // nested call) is thrown at the call.
                    #[cfg(feature = "exceptions")]
                    if let Some(exception) = trap.exception() {
                        frame = super::unwind::throw_from_host(
                            &mut store.inner,
                            exception,
                            resume,
                            entry_depth,
                        )?;
                        continue;
                    }
                    let bt = backtrace(&store.inner, resume, false, entry_depth);
                    store.inner.frames.truncate(entry_depth);
                    return Err(trap.with_backtrace(bt));
                }
                frame = resume;
            }
            #[cfg(wisp_jit)]
            Ok(Outcome::Tier(_)) => unreachable!("the run loop continues a frame in its tier"),
            Ok(Outcome::Throw { thrown, frame: at }) => {
                frame = super::unwind::throw(&mut store.inner, thrown, at, entry_depth)?;
            }
            Err((code, at)) => {
                let bt = backtrace(&store.inner, at, true, entry_depth);
                store.inner.frames.truncate(entry_depth);
                // A resource limiter's error travels beside its trap code.
                let trap = match store.inner.pending_error.take() {
                    Some(e) if code == TrapCode::HostError => Trap::host_error(e),
                    _ => Trap::new(code),
                };
                return Err(trap.with_backtrace(bt));
            }
        }
    }
    results.copy_from_slice(&store.inner.stack[base..base + results.len()]);
    Ok(())
}

/// Runs host function `func` for a Wasm caller whose arguments are at slot
/// `args_at`; the results replace them.
fn call_host_from_wasm<T>(
    store: &mut Store<T>,
    func: u32,
    args_at: usize,
    instance: u32,
) -> Result<(), Trap> {
    let ty = store.inner.funcs[func as usize].ty();
    let (np, nr) = (ty.param_slots(), ty.result_slots());
    let width = np.max(nr);
    if args_at + width > store.inner.stack.len() {
        return Err(Trap::new(TrapCode::StackOverflow));
    }
    // The arguments leave the stack (a nested call from the host into Wasm
    // uses the slots above `args_at`) and the results come back to it.
    let mut bits = Buffer::new(width, 0);
    bits.as_mut()[..np].copy_from_slice(&store.inner.stack[args_at..args_at + np]);
    let saved_top = store.inner.stack_top;
    store.inner.stack_top = args_at + width;
    let r = call_host(store, func, Some(instance), bits.as_mut());
    store.inner.stack_top = saved_top;
    r?;
    store.inner.stack[args_at..args_at + nr].copy_from_slice(&bits.as_mut()[..nr]);
    Ok(())
}

/// How many values a call keeps without allocating.
const INLINE_VALUES: usize = 16;

/// Room for a call's values: inline up to [`INLINE_VALUES`], on the heap
/// beyond (functions with more parameters or results than that are rare),
/// so that ordinary calls allocate nothing.
pub(crate) enum Buffer<V> {
    /// The first `len` of the array.
    Inline([V; INLINE_VALUES], usize),
    /// More than fit inline.
    Heap(Vec<V>),
}

impl<V: Copy> Buffer<V> {
    /// `len` copies of `fill`.
    pub(crate) fn new(len: usize, fill: V) -> Self {
        if len <= INLINE_VALUES {
            Buffer::Inline([fill; INLINE_VALUES], len)
        } else {
            Buffer::Heap(alloc::vec![fill; len])
        }
    }

    /// The values.
    pub(crate) fn as_mut(&mut self) -> &mut [V] {
        match self {
            Buffer::Inline(values, len) => &mut values[..*len],
            Buffer::Heap(values) => values,
        }
    }
}

/// Calls a host function. `bits` holds the slot-encoded arguments (a
/// `v128` in two slots) and receives the results from its start.
fn call_host<T>(
    store: &mut Store<T>,
    func: u32,
    instance: Option<u32>,
    bits: &mut [u64],
) -> Result<(), Trap> {
    let (host, ty) = match &store.inner.funcs[func as usize] {
        FuncEntity::Host { host, ty, .. } => (*host, ty.clone()),
        FuncEntity::Wasm { .. } => unreachable!("call_host on a Wasm function"),
    };
    let f = Arc::clone(&store.host_funcs[host as usize]);
    // The arguments' GC references are rooted for the call only.
    let roots = store.inner.gc_roots.lock().len();
    let r = call_host_rooted(store, f, &ty, instance, bits);
    store.inner.gc_roots.lock().truncate(roots);
    r
}

/// [`call_host`] within its root scope.
fn call_host_rooted<T>(
    store: &mut Store<T>,
    f: super::store::HostFn<T>,
    ty: &crate::FuncType,
    instance: Option<u32>,
    bits: &mut [u64],
) -> Result<(), Trap> {
    let num_params = ty.params().len();
    let mut vals = Buffer::new(num_params + ty.results().len(), Val::I32(0));
    let (params, out) = vals.as_mut().split_at_mut(num_params);
    store.inner.decode_all(ty.params(), bits, params);
    for (o, t) in out.iter_mut().zip(ty.results()) {
        *o = Val::default_for(*t);
    }
    f(Caller { store, instance }, params, out)?;
    let mut slot = 0;
    for (v, &t) in out.iter().zip(ty.results()) {
        let encoded = store.inner.encode(v, t).map_err(|e| {
            let why = match e.kind() {
                crate::ErrorKind::Type(why) => why.clone(),
                _ => alloc::string::ToString::to_string(&e),
            };
            Trap::host(alloc::format!(
                "host function returned a value of the wrong type: {why}"
            ))
        })?;
        bits[slot..slot + t.slots()].copy_from_slice(&encoded[..t.slots()]);
        slot += t.slots();
    }
    Ok(())
}

/// The Wasm call stack from frame `top` down to the entry of this call.
/// `top_trapped`: `top` stopped at the trapping instruction itself (rather
/// than after a call, as every frame below it did).
pub(super) fn backtrace(
    inner: &StoreInner,
    top: Frame,
    top_trapped: bool,
    entry_depth: usize,
) -> Vec<FrameInfo> {
    let mut out = Vec::new();
    let frames = inner.frames.get(entry_depth..).unwrap_or(&[]);
    let callers = frames.iter().rev().map(|f| (f, false));
    for (f, trapped) in core::iter::once((&top, top_trapped)).chain(callers) {
        if let FuncEntity::Wasm { module, def, .. } = &inner.funcs[f.func as usize] {
            let index = module.func_index(*def);
            let code = &module.code[*def];
            out.push(FrameInfo {
                module: module.name.clone(),
                func_index: index.as_u32(),
                func_name: module.func_name(index),
                wasm_offset: if trapped {
                    code.wasm_offset(f.pc)
                } else {
                    code.call_offset(f.pc)
                },
            });
        }
    }
    out
}
