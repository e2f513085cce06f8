//! Exception handling: `throw`, `throw_ref`, `try_table`, and the legacy
//! `try`/`catch`/`catch_all`/`delegate`/`rethrow`, translated into throwing
//! instructions and the function's handler table (`ir/handler_table.rs`).
//!
//! A `try_table` is a block whose body is a handler range; each clause is a
//! branch to its label, so the engine writes the payload (and the exception
//! reference) where a `br` would leave the label's values and jumps to the
//! label's target — patched when the label's end is placed, like a branch.
//! A legacy `try` body is a range too; its `catch` clauses start blocks
//! whose operand stack begins with the payload, and keep the exception in a
//! slot of their own for `rethrow` (one of the frame-entry constant slots,
//! starting null and never shared with a constant).

use super::{CtrlKind, FuncTranslator};
use crate::error::Error;
use crate::index::TagIndex;
use crate::ir::{ANY_TAG, Catch, Instr, NO_HANDLER, Op};
use crate::types::ValType;

impl FuncTranslator<'_> {
    /// The payload types of tag `tag` and how many slots they take.
    fn tag_payload(&self, tag: u32) -> (&[ValType], usize) {
        let params = self.module.tag_params(TagIndex::from_u32(tag));
        (params, params.iter().map(ValType::slots).sum())
    }

    /// `throw`: the payload moves to consecutive temporaries.
    pub(super) fn op_throw(&mut self, tag: u32) {
        let (_, width) = self.tag_payload(tag);
        self.materialize_top(width);
        let at = self.temp_slot(self.stack.len() - width);
        self.emit(Instr::with_u32(Op::Throw, at, tag));
        self.set_unreachable();
    }

    /// `throw_ref`: throws the exception the reference on top names
    /// (trapping on null).
    pub(super) fn op_throw_ref(&mut self) {
        let slot = self.pop_slot();
        self.emit(Instr::new(Op::ThrowRef, slot, 0, 0));
        self.set_unreachable();
    }

    /// `try_table`: a block whose body is a handler range, each clause a
    /// branch to its label (counted from outside the `try_table`).
    pub(super) fn op_try_table(&mut self, table: &wasmparser::TryTable) {
        self.preserve_all_locals();
        let first = self.handlers.catches.len();
        for clause in &table.catches {
            use wasmparser::Catch as C;
            let (tag, depth, with_ref) = match *clause {
                C::One { tag, label } => (tag, label, false),
                C::OneRef { tag, label } => (tag, label, true),
                C::All { label } => (ANY_TAG, label, false),
                C::AllRef { label } => (ANY_TAG, label, true),
            };
            let width = if tag == ANY_TAG {
                0
            } else {
                self.tag_payload(tag).1
            };
            let (height, _, is_func) = self.label(depth);
            let payload_at = if is_func { 0 } else { self.temp_slot(height) };
            let k = self.handlers.catches.len() as u32;
            self.handlers.catches.push(Catch {
                tag,
                payload_at,
                exnref_at: with_ref.then_some(payload_at + width as u16),
                target: 0,
            });
            self.bind_catch(depth, k);
        }
        let n = self.handlers.catches.len() - first;
        self.push_ctrl(CtrlKind::TryTable, table.ty);
        let range = self.handlers.open(self.code.len(), first, n);
        self.ctrl.last_mut().expect("just pushed").handler = range;
    }

    /// Records clause `k` as landing at the label `depth` levels out.
    fn bind_catch(&mut self, depth: u32, k: u32) {
        let idx = self.ctrl.len() - 1 - depth as usize;
        let ctrl = &mut self.ctrl[idx];
        match ctrl.kind {
            CtrlKind::Loop => self.handlers.catches[k as usize].target = ctrl.start as u32,
            CtrlKind::Func => self.handlers.to_return.push(k),
            _ => {
                ctrl.branched_to = true;
                ctrl.catch_fixups.push(k);
            }
        }
    }

    /// Legacy `try`: a block whose body is a handler range; its clauses
    /// come with `catch` and `catch_all`.
    pub(super) fn op_try(&mut self, bt: wasmparser::BlockType) {
        self.preserve_all_locals();
        self.push_ctrl(CtrlKind::Try, bt);
        let first = self.handlers.catches.len();
        let range = self.handlers.open(self.code.len(), first, 0);
        self.ctrl.last_mut().expect("just pushed").handler = range;
    }

    /// Legacy `catch` (`tag` is `None` for `catch_all`): ends the body (or
    /// the previous clause) with a jump to the end, and starts a clause
    /// whose operand stack is the payload.
    pub(super) fn op_catch(&mut self, tag: Option<u32>, offset: usize) -> Result<(), Error> {
        self.end_arm();
        if self.ctrl.last().is_some_and(|c| c.kind == CtrlKind::Try) {
            let slot = self.exception_slot(offset)?;
            let mut ctrl = self.ctrl.pop().expect("try frame");
            self.close_handler(&mut ctrl);
            ctrl.exnref_slot = Some(slot);
            ctrl.kind = CtrlKind::Catch;
            self.ctrl.push(ctrl);
        }
        let ctrl = self.ctrl.last().expect("try frame");
        let (height, exnref_at) = (ctrl.height, ctrl.exnref_slot);
        self.truncate(height);
        self.reachable = true;
        self.place_label();
        let target = self.code.len() as u32;
        let payload_at = self.temp_slot(height);
        if let Some(tag) = tag {
            let module = self.module;
            for &ty in module.tag_params(TagIndex::from_u32(tag)) {
                self.push_temps_of(ty);
            }
        }
        self.ctrl
            .last_mut()
            .expect("try frame")
            .legacy_catches
            .push(Catch {
                tag: tag.unwrap_or(ANY_TAG),
                payload_at,
                exnref_at,
                target,
            });
        Ok(())
    }

    /// A slot for the exception a legacy `try`'s clauses catch: a
    /// frame-entry constant slot of its own, starting null.
    fn exception_slot(&mut self, offset: usize) -> Result<u16, Error> {
        let k = self.consts.len();
        if k >= super::MAX_CONSTS as usize {
            return Err(Error::compile(
                "function has too many legacy try blocks with catch clauses",
                offset,
            ));
        }
        self.consts.push(0);
        Ok(u16::MAX - k as u16)
    }

    /// Legacy `delegate`: ends the `try` body; an exception its clauses
    /// would see goes to the handler of the label `depth` levels out
    /// (counted from outside the `try`) instead: that label's `try` or
    /// `try_table` if its body is the label, else whatever encloses the
    /// label; the caller for the function's label.
    pub(super) fn op_delegate(&mut self, depth: u32) {
        let target = &self.ctrl[self.ctrl.len() - 2 - depth as usize];
        let outer = match target.kind {
            CtrlKind::Func => NO_HANDLER,
            CtrlKind::Try | CtrlKind::TryTable => target.handler,
            _ => target.enclosing_handler,
        };
        let handler = self.ctrl.last().expect("try frame").handler;
        // `end` closes the range and the block as for a `try` without
        // clauses; then the range goes on to the delegate's target.
        self.op_end();
        self.handlers.ranges[handler as usize].outer = outer;
    }

    /// Legacy `rethrow`: throws again the exception caught by the `catch`
    /// clause `depth` levels out.
    pub(super) fn op_rethrow(&mut self, depth: u32) {
        let slot = self.ctrl[self.ctrl.len() - 1 - depth as usize]
            .exnref_slot
            .expect("validated: rethrow names a catch clause");
        self.emit(Instr::new(Op::ThrowRef, slot, 0, 0));
        self.set_unreachable();
    }
}
