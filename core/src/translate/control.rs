//! Structured control flow, branches, calls and returns.

use super::{Ctrl, CtrlKind, Fixup, FuncTranslator, Operand};
use crate::error::Error;
use crate::index::{FuncIndex, TypeIndex};
use crate::ir::{Instr, Op, SlotType};
use crate::types::{FuncType, ValType};
use alloc::vec::Vec;
use hashbrown::HashMap;

impl FuncTranslator<'_> {
    /// Parameter and result slot counts of a block type.
    pub(super) fn block_arity(&self, bt: wasmparser::BlockType) -> (usize, usize) {
        match bt {
            wasmparser::BlockType::Empty => (0, 0),
            wasmparser::BlockType::Type(t) => (0, ValType::from_wasmparser(t).slots()),
            wasmparser::BlockType::FuncType(idx) => {
                let ty = self.module.func_type(TypeIndex::from_u32(idx));
                (ty.param_slots(), ty.result_slots())
            }
        }
    }

    /// Pushes temporaries for the results of a block of type `bt`.
    fn push_block_results(&mut self, bt: wasmparser::BlockType) {
        match bt {
            wasmparser::BlockType::Empty => {}
            wasmparser::BlockType::Type(t) => {
                self.push_temps_of(ValType::from_wasmparser(t));
            }
            wasmparser::BlockType::FuncType(idx) => {
                let module = self.module;
                for &t in module.func_type(TypeIndex::from_u32(idx)).results() {
                    self.push_temps_of(t);
                }
            }
        }
    }

    pub(super) fn push_ctrl(&mut self, kind: CtrlKind, bt: wasmparser::BlockType) {
        let (params, results) = self.block_arity(bt);
        let height = self.stack.len() - params;
        self.ctrl.push(Ctrl {
            kind,
            height,
            params,
            results,
            block_type: bt,
            start: self.code.len(),
            fixups: self.spare_fixups.pop().unwrap_or_default(),
            else_fixup: None,
            if_params: Vec::new(),
            reachable_at_entry: self.reachable,
            branched_to: false,
            handler: crate::ir::NO_HANDLER,
            enclosing_handler: self.handlers.active,
            catch_fixups: Vec::new(),
            exnref_slot: None,
            legacy_catches: Vec::new(),
        });
    }

    /// `block`: locals on the stack are preserved so that writes inside the
    /// block cannot change values pushed outside it on one path only.
    pub(super) fn op_block(&mut self, bt: wasmparser::BlockType) {
        self.preserve_all_locals();
        self.push_ctrl(CtrlKind::Block, bt);
    }

    /// `loop`: parameters move to their home slots, where back-branches put them.
    pub(super) fn op_loop(&mut self, bt: wasmparser::BlockType) {
        let (params, _) = self.block_arity(bt);
        self.preserve_all_locals();
        self.materialize_top(params);
        self.place_label();
        self.push_ctrl(CtrlKind::Loop, bt);
        self.loop_headers.push(self.code.len() as u32);
        self.emit_checks();
    }

    /// `if`: branches to the else arm (or end) when the condition is zero.
    pub(super) fn op_if(&mut self, bt: wasmparser::BlockType) {
        let (params, _) = self.block_arity(bt);
        let fused = self.take_fused_condition();
        let cond = match fused {
            Some(_) => 0,
            None => self.pop_slot(),
        };
        self.preserve_all_locals();
        self.materialize_top(params);
        let fixup = match fused {
            Some((op, a, b)) => self.emit_fused_branch(negate(op), a, b),
            None => self.emit_branch_if(Op::BrIfEqz, cond),
        };
        self.push_ctrl(CtrlKind::If, bt);
        let len = self.stack.len();
        let entry = self.stack[len - params..]
            .iter()
            .copied()
            .zip(self.types[len - params..].iter().copied());
        let ctrl = self.ctrl.last_mut().expect("just pushed");
        ctrl.else_fixup = Some(fixup);
        ctrl.if_params = entry.collect();
    }

    pub(super) fn op_else(&mut self) {
        self.end_arm();
        let ctrl = self.ctrl.last_mut().expect("if frame");
        ctrl.kind = CtrlKind::Else;
        let else_fixup = ctrl.else_fixup.take();
        let params = core::mem::take(&mut ctrl.if_params);
        let height = ctrl.height;
        self.reachable = ctrl.reachable_at_entry;
        if let Some(f) = else_fixup {
            self.patch(f, self.code.len());
        }
        self.place_label();
        self.truncate(height);
        for (p, ty) in params {
            self.push(p, ty);
        }
    }

    /// Ends an arm of the innermost block that another arm follows (`if`
    /// before `else`, a legacy `try` or `catch` before `catch`): if the arm's
    /// end is reachable, its results move to their homes and it jumps to
    /// the block's end.
    pub(super) fn end_arm(&mut self) {
        if self.reachable {
            let n = self.ctrl.last().map_or(0, |c| c.results);
            self.materialize_top(n);
            let fixup = self.emit_jump();
            let ctrl = self.ctrl.last_mut().expect("a block with arms");
            ctrl.fixups.push(fixup);
            ctrl.branched_to = true;
        }
    }

    /// `end` of a block, loop, if, else or the function.
    pub(super) fn op_end(&mut self) {
        let mut ctrl = self.ctrl.pop().expect("validated nesting");
        if ctrl.kind == CtrlKind::Func {
            if self.reachable {
                self.emit_return();
            }
            // Branches to the function label were emitted as returns;
            // catch clauses that go there land on one more.
            self.place_return_for_catches();
            return;
        }
        self.close_handler(&mut ctrl);
        if self.reachable {
            self.materialize_top(ctrl.results);
        }
        let end = self.code.len();
        let mut reachable = self.reachable || ctrl.branched_to;
        if let Some(f) = ctrl.else_fixup {
            // `if` without `else`: the false path falls through to here.
            self.patch(f, end);
            reachable |= ctrl.reachable_at_entry;
        }
        for f in &ctrl.fixups {
            self.patch(*f, end);
        }
        self.handlers.land(&ctrl.catch_fixups, end);
        if !ctrl.fixups.is_empty() || ctrl.else_fixup.is_some() || !ctrl.catch_fixups.is_empty() {
            self.place_label();
        }
        let mut spare = ctrl.fixups;
        spare.clear();
        self.spare_fixups.push(spare);
        self.truncate(ctrl.height);
        self.push_block_results(ctrl.block_type);
        self.reachable = reachable;
    }

    /// The home slots and arity of the label `depth` levels out, and whether
    /// it is the function label.
    pub(super) fn label(&self, depth: u32) -> (usize, usize, bool) {
        let ctrl = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        match ctrl.kind {
            CtrlKind::Loop => (ctrl.height, ctrl.params, false),
            CtrlKind::Func => (0, ctrl.results, true),
            _ => (ctrl.height, ctrl.results, false),
        }
    }

    /// Whether branching to the label needs copies of the top values.
    fn branch_needs_copies(&self, depth: u32) -> bool {
        let (height, arity, is_func) = self.label(depth);
        if is_func {
            return true;
        }
        let top = self.stack.len();
        (0..arity).any(|i| {
            let pos = top - arity + i;
            !(pos == height + i && self.stack[pos] == Operand::Temp)
        })
    }

    /// Emits the copies of the top values into the label's home slots.
    fn emit_branch_copies(&mut self, depth: u32) {
        let (height, arity, _) = self.label(depth);
        let top = self.stack.len();
        for i in 0..arity {
            let pos = top - arity + i;
            let dst = self.temp_slot(height + i);
            match self.stack[pos] {
                Operand::Temp if pos == height + i => {}
                Operand::Temp => {
                    let src = self.temp_slot(pos);
                    self.emit(Instr::new(Op::Copy, dst, src, 0));
                }
                Operand::Local(l) => {
                    self.emit(Instr::new(Op::Copy, dst, l, 0));
                }
                Operand::Const(bits) => self.emit_const(dst, bits),
            }
        }
    }

    /// Emits an unconditional jump to the label, after its copies (or a
    /// return, for the function label).
    fn emit_branch_to(&mut self, depth: u32) {
        let (_, _, is_func) = self.label(depth);
        if is_func {
            self.emit_return();
            return;
        }
        self.emit_branch_copies(depth);
        let fixup = self.emit_jump();
        self.bind(depth, fixup);
    }

    /// Records `fixup` as a branch to the label `depth` levels out, patching
    /// it at once for loops.
    fn bind(&mut self, depth: u32, fixup: Fixup) {
        let idx = self.ctrl.len() - 1 - depth as usize;
        let ctrl = &mut self.ctrl[idx];
        if ctrl.kind == CtrlKind::Loop {
            let start = ctrl.start;
            self.patch(fixup, start);
        } else {
            ctrl.branched_to = true;
            ctrl.fixups.push(fixup);
        }
    }

    pub(super) fn op_br(&mut self, depth: u32) {
        self.emit_branch_to(depth);
        self.set_unreachable();
    }

    pub(super) fn op_br_if(&mut self, depth: u32) {
        let fused = self.take_fused_condition();
        let cond = match fused {
            Some(_) => 0,
            None => self.pop_slot(),
        };
        self.branch_if(depth, fused, Op::BrIfNez, cond);
    }

    /// Branches to `depth` when the condition holds: the fused comparison,
    /// if any, else `test` (`BrIfNez` or `BrIfEqz`) of slot `cond`. The
    /// operand stack is the branch's (the label's values on top).
    pub(super) fn branch_if(
        &mut self,
        depth: u32,
        fused: Option<(Op, u16, u16)>,
        test: Op,
        cond: u16,
    ) {
        let (_, _, is_func) = self.label(depth);
        if !is_func && !self.branch_needs_copies(depth) {
            let fixup = match fused {
                Some((op, a, b)) => self.emit_fused_branch(op, a, b),
                None => self.emit_branch_if(test, cond),
            };
            self.bind(depth, fixup);
            return;
        }
        // Skip over the copies and the jump when the condition is false.
        let skip = match fused {
            Some((op, a, b)) => self.emit_fused_branch(negate(op), a, b),
            None => self.emit_branch_if(negate(test), cond),
        };
        self.emit_branch_to(depth);
        let here = self.code.len();
        self.patch(skip, here);
        self.place_label();
    }

    pub(super) fn op_br_table(&mut self, targets: &wasmparser::BrTable<'_>) -> Result<(), Error> {
        let index = self.pop_slot();
        let mut depths = Vec::with_capacity(targets.len() as usize + 1);
        for t in targets.targets() {
            depths.push(t?);
        }
        depths.push(targets.default());
        let table = self.emit(Instr::with_u32(Op::BrTable, index, depths.len() as u32 - 1));
        for _ in 0..depths.len() {
            self.emit(Instr::new(Op::Data, 0, 0, 0));
        }
        // Targets needing copies get one stub each, shared by equal depths;
        // each distinct depth is looked at once (`None`: no copies needed),
        // so a table of a million targets translates in linear time.
        let mut stubs: HashMap<u32, Option<usize>> = HashMap::new();
        for (k, &depth) in depths.iter().enumerate() {
            let fixup = Fixup {
                word: table + 1 + k,
                origin: table,
                short: false,
            };
            let stub = match stubs.get(&depth) {
                Some(&stub) => stub,
                None => {
                    let stub = self.branch_needs_copies(depth).then(|| {
                        let pc = self.code.len();
                        self.emit_branch_to(depth);
                        pc
                    });
                    stubs.insert(depth, stub);
                    stub
                }
            };
            match stub {
                Some(pc) => self.patch(fixup, pc),
                None => self.bind(depth, fixup),
            }
        }
        self.set_unreachable();
        Ok(())
    }

    pub(super) fn op_return(&mut self) {
        self.emit_return();
        self.set_unreachable();
    }

    /// Moves the function's results to slots `0..n` and returns. Leaves the
    /// operand stack as it was: a return may sit on a conditional path.
    pub(super) fn emit_return(&mut self) {
        match self.num_results {
            0 => {
                self.emit(Instr::new(Op::Return0, 0, 0, 0));
            }
            1 => {
                let pos = self.stack.len() - 1;
                let src = match self.stack[pos] {
                    Operand::Local(l) => l,
                    Operand::Const(bits) => match self.const_slot(bits) {
                        Some(slot) => slot,
                        None => self.home(pos),
                    },
                    Operand::Temp => self.temp_slot(pos),
                };
                self.emit(Instr::new(Op::Return1, src, 0, 0));
            }
            n => {
                let top = self.stack.len();
                for pos in top - n..top {
                    self.home(pos);
                }
                let first = self.temp_slot(self.stack.len() - n);
                self.emit(Instr::new(Op::ReturnSpan, first, n as u16, 0));
            }
        }
    }

    pub(super) fn op_unreachable(&mut self) {
        self.emit(Instr::new(Op::Unreachable, 0, 0, 0));
        self.set_unreachable();
    }

    /// Drops the operands of the current block: code until its end is dead.
    pub(super) fn set_unreachable(&mut self) {
        let height = self.ctrl.last().map_or(0, |c| c.height);
        self.truncate(height.min(self.stack.len()));
        self.reachable = false;
        self.last_def = None;
    }

    /// `call`: the arguments move to their home slots, which become the
    /// callee's parameters; the results come back in the same place.
    pub(super) fn op_call(&mut self, func: u32) {
        self.call(Op::Call, func);
    }

    pub(super) fn op_call_indirect(&mut self, type_index: u32, table: u32) {
        self.call_indirect(Op::CallIndirect, type_index, table);
    }

    /// `return_call`: the callee takes over the frame (see the handler); a
    /// host callee is called as by `call`, and the `return` after the
    /// instruction returns its results.
    pub(super) fn op_return_call(&mut self, func: u32) {
        self.call(Op::ReturnCall, func);
        self.op_return();
    }

    /// `return_call_indirect`, as [`Self::op_return_call`].
    pub(super) fn op_return_call_indirect(&mut self, type_index: u32, table: u32) {
        self.call_indirect(Op::ReturnCallIndirect, type_index, table);
        self.op_return();
    }

    /// `call_ref` / `return_call_ref` (`op`) of a function of type
    /// `type_index`, referenced by the operand on top of the stack (the
    /// translator follows `return_call_ref` with the function's `return`,
    /// as for `return_call`).
    pub(super) fn op_call_ref(&mut self, op: Op, type_index: u32) {
        let module = self.module;
        let ty = module.func_type(TypeIndex::from_u32(type_index));
        let reference = self.pop_slot();
        let frame = self.start_call(ty);
        self.emit(Instr::new(op, frame, reference, 0));
        self.finish_call(ty);
    }

    /// `ref.as_non_null`: traps when the reference on top of the stack is
    /// null, which stays there (now known non-null).
    pub(super) fn op_ref_as_non_null(&mut self) {
        let top = self.stack.len() - 1;
        let slot = self.slot_of(self.stack[top], top);
        self.emit(Instr::new(Op::RefAsNonNull, slot, 0, 0));
    }

    /// `br_on_null`: branches when the reference on top of the stack is
    /// null (dropping it); otherwise it stays, known non-null.
    pub(super) fn op_br_on_null(&mut self, depth: u32) {
        let ty = self.top_type().unwrap_or(SlotType::FuncRef);
        let (reference, pos) = self.pop();
        let slot = self.slot_of(reference, pos);
        self.branch_if(depth, None, Op::BrIfEqz, slot);
        self.push(reference, ty);
    }

    /// `br_on_non_null`: branches with the reference on top of the stack
    /// when it is not null; otherwise drops it.
    pub(super) fn op_br_on_non_null(&mut self, depth: u32) {
        let top = self.stack.len() - 1;
        let slot = self.slot_of(self.stack[top], top);
        self.branch_if(depth, None, Op::BrIfNez, slot);
        self.pop();
    }

    /// A call of function `func` by `op` (`Call` or `ReturnCall`).
    fn call(&mut self, op: Op, func: u32) {
        let module = self.module;
        let ty = module.func_type(module.func_type_index(FuncIndex::from_u32(func)));
        let frame = self.start_call(ty);
        self.emit(Instr::with_u32(op, frame, func));
        self.finish_call(ty);
    }

    /// A call through `table` by `op` (`CallIndirect` or
    /// `ReturnCallIndirect`).
    fn call_indirect(&mut self, op: Op, type_index: u32, table: u32) {
        let module = self.module;
        let ty = module.func_type(TypeIndex::from_u32(type_index));
        let index = self.pop_slot();
        let frame = self.start_call(ty);
        self.emit(Instr::new(op, frame, index, table as u16));
        // `a` = 1: a callee of another type may match (a subtype).
        let open = !module.type_defs[TypeIndex::from_u32(type_index)].is_final;
        self.emit(Instr::with_u32(Op::Data, open as u16, type_index));
        self.finish_call(ty);
    }

    /// Moves the arguments of a call of type `ty` to their home slots,
    /// where the callee's frame starts, records the stack below them and
    /// returns the frame's first slot.
    fn start_call(&mut self, ty: &FuncType) -> u16 {
        let params = ty.param_slots();
        self.materialize_top(params);
        let frame = self.stack.len() - params;
        self.record_stack_map(frame);
        self.temp_slot(frame)
    }

    /// Replaces the arguments of a call of type `ty` by its results.
    fn finish_call(&mut self, ty: &FuncType) {
        let len = self.stack.len();
        self.truncate(len - ty.param_slots());
        for &t in ty.results() {
            self.push_temps_of(t);
        }
        self.last_def = None;
    }

    // ---- branch emission --------------------------------------------------

    /// Emits `br` with an offset to patch.
    pub(super) fn emit_jump(&mut self) -> Fixup {
        let pc = self.emit(Instr::new(Op::Br, 0, 0, 0));
        Fixup {
            word: pc,
            origin: pc,
            short: false,
        }
    }

    fn emit_branch_if(&mut self, op: Op, cond: u16) -> Fixup {
        let instr = self.with_acc(Instr::new(op, cond, 0, 0));
        let pc = self.emit(instr);
        Fixup {
            word: pc,
            origin: pc,
            short: false,
        }
    }

    fn emit_fused_branch(&mut self, op: Op, a: u16, b: u16) -> Fixup {
        let instr = self.fused_branch_instr(op, a, b);
        let pc = self.emit(instr);
        Fixup {
            word: pc,
            origin: pc,
            short: true,
        }
    }

    /// Fills in a branch offset now that its target is known.
    pub(super) fn patch(&mut self, f: Fixup, target: usize) {
        let off = target as i64 - f.origin as i64;
        let w = &mut self.code[f.word];
        if f.short {
            match i16::try_from(off) {
                Ok(o) => w.c = o as u16,
                Err(_) => self.short_overflow = true,
            }
        } else {
            let o = off as i32 as u32;
            w.b = o as u16;
            w.c = (o >> 16) as u16;
        }
    }

    /// If the condition on top of the stack was computed by the comparison
    /// just emitted, removes that comparison and returns the fused branch
    /// opcode (taken when the comparison is true) with its operands.
    fn take_fused_condition(&mut self) -> Option<(Op, u16, u16)> {
        if !self.fuse {
            return None;
        }
        let pc = self.top_is_last_def()?;
        let i = self.code[pc];
        let fused = fused_branch(i.op)?;
        let (a, b) = match i.op {
            Op::I32Eqz | Op::I64Eqz => (i.b, 0),
            _ => (i.b, i.c),
        };
        self.unemit();
        self.pop();
        self.last_def = None;
        self.cond_def = self.prev_def.filter(|&(at, _)| at + 1 == pc);
        self.cond_local_def = self.local_def.filter(|&(at, _)| at + 1 == pc);
        Some((fused, a, b))
    }
}

/// The fused branch taken when comparison `op` is true.
fn fused_branch(op: Op) -> Option<Op> {
    use Op::*;
    Some(match op {
        I32Eqz => BrI32EqImm,
        I64Eqz => BrI64EqImm,
        I32Eq => BrI32Eq,
        I32Ne => BrI32Ne,
        I32LtS => BrI32LtS,
        I32LtU => BrI32LtU,
        I32GtS => BrI32GtS,
        I32GtU => BrI32GtU,
        I32LeS => BrI32LeS,
        I32LeU => BrI32LeU,
        I32GeS => BrI32GeS,
        I32GeU => BrI32GeU,
        I32EqImm => BrI32EqImm,
        I32NeImm => BrI32NeImm,
        I32LtSImm => BrI32LtSImm,
        I32LtUImm => BrI32LtUImm,
        I32GtSImm => BrI32GtSImm,
        I32GtUImm => BrI32GtUImm,
        I32LeSImm => BrI32LeSImm,
        I32LeUImm => BrI32LeUImm,
        I32GeSImm => BrI32GeSImm,
        I32GeUImm => BrI32GeUImm,
        I64Eq => BrI64Eq,
        I64Ne => BrI64Ne,
        I64LtS => BrI64LtS,
        I64LtU => BrI64LtU,
        I64GtS => BrI64GtS,
        I64GtU => BrI64GtU,
        I64LeS => BrI64LeS,
        I64LeU => BrI64LeU,
        I64GeS => BrI64GeS,
        I64GeU => BrI64GeU,
        I64EqImm => BrI64EqImm,
        I64NeImm => BrI64NeImm,
        I64LtSImm => BrI64LtSImm,
        I64LtUImm => BrI64LtUImm,
        I64GtSImm => BrI64GtSImm,
        I64GtUImm => BrI64GtUImm,
        I64LeSImm => BrI64LeSImm,
        I64LeUImm => BrI64LeUImm,
        I64GeSImm => BrI64GeSImm,
        I64GeUImm => BrI64GeUImm,
        F32Eq => BrF32Eq,
        F32Ne => BrF32Ne,
        F32Lt => BrF32Lt,
        F32Gt => BrF32Gt,
        F32Le => BrF32Le,
        F32Ge => BrF32Ge,
        F64Eq => BrF64Eq,
        F64Ne => BrF64Ne,
        F64Lt => BrF64Lt,
        F64Gt => BrF64Gt,
        F64Le => BrF64Le,
        F64Ge => BrF64Ge,
        _ => return None,
    })
}

/// The branch taken exactly when `op` is not.
fn negate(op: Op) -> Op {
    use Op::*;
    match op {
        BrIfNez => BrIfEqz,
        BrIfEqz => BrIfNez,
        BrI32Eq => BrI32Ne,
        BrI32Ne => BrI32Eq,
        BrI32LtS => BrI32GeS,
        BrI32GeS => BrI32LtS,
        BrI32LtU => BrI32GeU,
        BrI32GeU => BrI32LtU,
        BrI32GtS => BrI32LeS,
        BrI32LeS => BrI32GtS,
        BrI32GtU => BrI32LeU,
        BrI32LeU => BrI32GtU,
        BrI32EqImm => BrI32NeImm,
        BrI32NeImm => BrI32EqImm,
        BrI32LtSImm => BrI32GeSImm,
        BrI32GeSImm => BrI32LtSImm,
        BrI32LtUImm => BrI32GeUImm,
        BrI32GeUImm => BrI32LtUImm,
        BrI32GtSImm => BrI32LeSImm,
        BrI32LeSImm => BrI32GtSImm,
        BrI32GtUImm => BrI32LeUImm,
        BrI32LeUImm => BrI32GtUImm,
        BrI64Eq => BrI64Ne,
        BrI64Ne => BrI64Eq,
        BrI64LtS => BrI64GeS,
        BrI64GeS => BrI64LtS,
        BrI64LtU => BrI64GeU,
        BrI64GeU => BrI64LtU,
        BrI64GtS => BrI64LeS,
        BrI64LeS => BrI64GtS,
        BrI64GtU => BrI64LeU,
        BrI64LeU => BrI64GtU,
        BrI64EqImm => BrI64NeImm,
        BrI64NeImm => BrI64EqImm,
        BrI64LtSImm => BrI64GeSImm,
        BrI64GeSImm => BrI64LtSImm,
        BrI64LtUImm => BrI64GeUImm,
        BrI64GeUImm => BrI64LtUImm,
        BrI64GtSImm => BrI64LeSImm,
        BrI64LeSImm => BrI64GtSImm,
        BrI64GtUImm => BrI64LeUImm,
        BrI64LeUImm => BrI64GtUImm,
        // Float comparisons are false for NaN, so `not lt` is not `ge`.
        BrF32Eq => BrF32Ne,
        BrF32Ne => BrF32Eq,
        BrF32Lt => BrF32NotLt,
        BrF32NotLt => BrF32Lt,
        BrF32Gt => BrF32NotGt,
        BrF32NotGt => BrF32Gt,
        BrF32Le => BrF32NotLe,
        BrF32NotLe => BrF32Le,
        BrF32Ge => BrF32NotGe,
        BrF32NotGe => BrF32Ge,
        BrF64Eq => BrF64Ne,
        BrF64Ne => BrF64Eq,
        BrF64Lt => BrF64NotLt,
        BrF64NotLt => BrF64Lt,
        BrF64Gt => BrF64NotGt,
        BrF64NotGt => BrF64Gt,
        BrF64Le => BrF64NotLe,
        BrF64NotLe => BrF64Le,
        BrF64Ge => BrF64NotGe,
        BrF64NotGe => BrF64Ge,
        other => other,
    }
}
