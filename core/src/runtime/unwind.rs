//! Unwinding: finding the catch clause for a thrown exception in the
//! handler tables of the frames on the stack (see `ir/handler_table.rs`),
//! and delivering the exception there. No Rust unwinding is involved: the
//! frames are popped from the store's frame stack.

use super::{FuncEntity, StoreInner};
use crate::index::TagIndex;
use crate::ir::{ANY_TAG, NO_HANDLER, innermost};
use crate::vm::Frame;
use alloc::sync::Arc;
use cranelift_entity::EntityRef;

/// Looks for a catch clause for exception object `exception`, starting in
/// frame `top` — at the throwing instruction itself when `at_throw`, else
/// suspended after a call — and going down the frame stack no deeper than
/// `entry_depth` frames. On a match, the frames above the catching one are
/// popped, the clause's slots written, and the frame to resume returned;
/// `None` when the exception leaves this entry into Wasm (the frame stack
/// is then as it was, for the backtrace).
pub(crate) fn catch(
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
        if let Some(resume) = catch_in(store, exception, frame, pc) {
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
/// at `pc`; delivers the exception on a match.
fn catch_in(store: &mut StoreInner, exception: u32, frame: Frame, pc: u32) -> Option<Frame> {
    let FuncEntity::Wasm {
        module,
        def,
        instance,
        ..
    } = &store.funcs[frame.func as usize]
    else {
        return None;
    };
    let (module, def, instance) = (Arc::clone(module), *def, *instance);
    let code = &module.code[def];
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
