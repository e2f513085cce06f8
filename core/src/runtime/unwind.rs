//! Unwinding: finding the catch clause for a thrown exception in the
//! handler tables of the frames on the stack (see `ir/handler_table.rs`),
//! and delivering the exception there. No Rust unwinding is involved: the
//! frames are popped from the store's frame stack.

use super::StoreInner;
use crate::interp::Thrown;
use crate::trap::Trap;
use crate::vm::Frame;

/// Throws what a `throw` or `throw_ref` in frame `at` threw: the frame to
/// resume at the handler that catches it, or the exception as the error of
/// this entry into Wasm, with the backtrace from where it was thrown.
#[cfg(feature = "exceptions")]
pub(crate) fn throw(
    store: &mut StoreInner,
    thrown: Thrown,
    at: Frame,
    entry_depth: usize,
) -> Result<Frame, Trap> {
    let k = match thrown {
        Thrown::New { tag, payload_at } => {
            let instance = &store.instances[store.vm_funcs[at.func as usize].instance as usize];
            let tag = instance.tags[crate::index::TagIndex::from_u32(tag)];
            let width = store.tags[tag as usize].ty.param_slots();
            let payload = store.stack[payload_at..payload_at + width].into();
            store.push_exception(tag, payload)
        }
        Thrown::Ref(reference) => (reference - 1) as u32,
    };
    deliver(store, k, at, true, entry_depth)
}

/// Without exception handling built in, no code throws; should a frame
/// claim to, the call fails as an uncaught exception.
#[cfg(not(feature = "exceptions"))]
pub(crate) fn throw(
    store: &mut StoreInner,
    _thrown: Thrown,
    _at: Frame,
    entry_depth: usize,
) -> Result<Frame, Trap> {
    store.frames.truncate(entry_depth);
    Err(Trap::new(crate::TrapCode::UncaughtException))
}

/// Throws `exception`, which a host function called from frame `at`
/// threw (or let through from a nested call), at that call.
#[cfg(feature = "exceptions")]
pub(crate) fn throw_from_host(
    store: &mut StoreInner,
    exception: &crate::Exception,
    at: Frame,
    entry_depth: usize,
) -> Result<Frame, Trap> {
    match store.adopt_exception(exception) {
        Ok(k) => deliver(store, k, at, false, entry_depth),
        Err(e) => {
            let bt = super::exec::backtrace(store, at, false, entry_depth);
            store.frames.truncate(entry_depth);
            Err(Trap::host_error(e).with_backtrace(bt))
        }
    }
}

/// Delivers exception object `k`, thrown in frame `at` (see [`catch`]).
#[cfg(feature = "exceptions")]
fn deliver(
    store: &mut StoreInner,
    k: u32,
    at: Frame,
    at_throw: bool,
    entry_depth: usize,
) -> Result<Frame, Trap> {
    match catch(store, k, at, at_throw, entry_depth) {
        Some(resume) => Ok(resume),
        None => {
            let bt = super::exec::backtrace(store, at, at_throw, entry_depth);
            store.frames.truncate(entry_depth);
            let exception = store.exception_of(k);
            store.release_exception(k);
            Err(Trap::from(exception).with_backtrace(bt))
        }
    }
}

/// Looks for a catch clause for exception object `exception`, starting in
/// frame `top` — at the throwing instruction itself when `at_throw`, else
/// suspended after a call — and going down the frame stack no deeper than
/// `entry_depth` frames. On a match, the frames above the catching one are
/// popped, the clause's slots written, and the frame to resume returned;
/// `None` when the exception leaves this entry into Wasm (the frame stack
/// is then as it was, for the backtrace).
#[cfg(feature = "exceptions")]
fn catch(
    store: &mut StoreInner,
    exception: u32,
    top: Frame,
    at_throw: bool,
    entry_depth: usize,
) -> Option<Frame> {
    let mut frame = top;
    // The pc inside the instruction the frame is stopped at.
    let mut pc = if at_throw { top.pc } else { top.pc - 1 };
    // `frames[..depth]` are the frames suspended below `frame`.
    let mut depth = store.frames.len();
    loop {
        if let Some(resume) = catch_in(
            store,
            exception,
            frame,
            pc,
            at_throw && depth == store.frames.len(),
        ) {
            store.frames.truncate(depth);
            return Some(resume);
        }
        if depth <= entry_depth {
            return None;
        }
        depth -= 1;
        frame = store.frames[depth];
        pc = frame.pc - 1;
    }
}

/// Looks for a catch clause in frame `frame`, stopped inside the instruction
/// at `pc` (`at_throw`: the throwing one, else a call); delivers the
/// exception on a match. A frame waiting on a tail call (of a host
/// function: a Wasm callee replaces the frame) has left its handlers.
#[cfg(feature = "exceptions")]
fn catch_in(
    store: &mut StoreInner,
    exception: u32,
    frame: Frame,
    pc: u32,
    at_throw: bool,
) -> Option<Frame> {
    use crate::index::TagIndex;
    use crate::ir::{ANY_TAG, NO_HANDLER, Op, innermost};
    use cranelift_entity::EntityRef;
    let super::FuncEntity::Wasm {
        module,
        def,
        instance,
        ..
    } = &store.funcs[frame.func as usize]
    else {
        return None;
    };
    let (module, def, instance) = (alloc::sync::Arc::clone(module), *def, *instance);
    let code = &module.code[def];
    let waits_on_tail_call = || {
        code.call_site(frame.pc).is_some_and(|s| {
            matches!(
                code.code[s.pc as usize].op,
                Op::ReturnCall | Op::ReturnCallIndirect | Op::ReturnCallRef
            )
        })
    };
    if !at_throw && waits_on_tail_call() {
        return None;
    }
    let thrown_tag = store.exceptions[exception as usize].tag;
    let mut range = innermost(&code.handlers, pc);
    while let Some(k) = range {
        let r = code.handlers[k as usize];
        let clauses = &code.catches[r.first_catch as usize..][..r.num_catches as usize];
        for clause in clauses {
            let catches = clause.tag == ANY_TAG
                || store.instances[instance as usize].tags[TagIndex::new(clause.tag as usize)]
                    == thrown_tag;
            if !catches {
                continue;
            }
            let fp = frame.fp as usize;
            let object = &mut store.exceptions[exception as usize];
            if clause.tag != ANY_TAG {
                let at = fp + clause.payload_at as usize;
                store.stack[at..at + object.payload.len()].copy_from_slice(&object.payload);
            }
            if let Some(slot) = clause.exnref_at {
                object.referenced = true;
                store.stack[fp + slot as usize] = exception as u64 + 1;
            }
            store.release_exception(exception);
            return Some(Frame {
                pc: clause.target,
                ..frame
            });
        }
        range = (r.outer != NO_HANDLER).then_some(r.outer);
    }
    None
}
