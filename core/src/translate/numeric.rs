//! Numeric operators: unary and binary forms, with 16-bit immediates where an
//! operand is a small constant.

use super::{FuncTranslator, Operand};
use crate::ir::{Instr, Op, SlotType};

/// How a binary integer operator may take a constant operand as an immediate.
#[derive(Clone, Copy)]
pub(super) enum Imm {
    /// Never: both operands are slots.
    No,
    /// `x op k` uses the first opcode; `k op x` uses the second, if any.
    Rhs(Op, Option<Op>),
    /// Subtraction: `x - k` is `x + (-k)`; `k - x` has its own opcode.
    Sub(Op, Op),
}

/// The 16-bit immediate of a constant of width `wide`, if it fits.
fn imm16(bits: u64, wide: bool) -> Option<i16> {
    let v = if wide {
        bits as i64
    } else {
        bits as u32 as i32 as i64
    };
    i16::try_from(v).ok()
}

impl FuncTranslator<'_> {
    /// A wide-arithmetic operator over the top `operands` stack entries
    /// (`i64`s: two 128-bit values as low and high halves, or two factors):
    /// they move to their consecutive temporaries, the instruction reads
    /// them there and writes the 128-bit result's low and high halves over
    /// the first two, which become the two `i64` results.
    pub(super) fn wide(&mut self, op: Op, operands: usize) {
        self.materialize_top(operands);
        let first = self.stack.len() - operands;
        let slot = self.temp_slot(first);
        self.emit(Instr::new(op, slot, operands as u16, 0));
        self.truncate(first);
        self.push(Operand::Temp, SlotType::I64);
        self.push(Operand::Temp, SlotType::I64);
        self.last_def = None;
    }

    /// A unary operator (also conversions): `dst = op(src)`.
    pub(super) fn unop(&mut self, op: Op) {
        self.unop_to(op, result_type(op));
    }

    /// A unary operator whose result type its opcode does not say.
    pub(super) fn unop_to(&mut self, op: Op, ty: SlotType) {
        let (x, pos) = self.pop();
        let src = self.slot_of(x, pos);
        let dst = self.push_temp(ty);
        self.emit_def(Instr::new(op, dst, src, 0));
    }

    /// A binary operator `dst = lhs op rhs`, using an immediate form when
    /// `imm` allows it and an operand is a small constant.
    pub(super) fn binop(&mut self, op: Op, imm: Imm, wide: bool) {
        let (rhs, rpos) = self.pop();
        let (lhs, lpos) = self.pop();
        let dst = self.temp_slot(lpos);
        let instr = match (imm, lhs, rhs) {
            (Imm::Rhs(k_op, _), _, Operand::Const(k)) if imm16(k, wide).is_some() => {
                let a = self.slot_of(lhs, lpos);
                Instr::new(k_op, dst, a, imm16(k, wide).unwrap_or(0) as u16)
            }
            (Imm::Rhs(_, Some(swapped)), Operand::Const(k), _) if imm16(k, wide).is_some() => {
                let b = self.slot_of(rhs, rpos);
                Instr::new(swapped, dst, b, imm16(k, wide).unwrap_or(0) as u16)
            }
            (Imm::Sub(add_imm, _), _, Operand::Const(k)) => {
                match imm16(k, wide).and_then(|v| v.checked_neg()) {
                    Some(neg) => {
                        let a = self.slot_of(lhs, lpos);
                        Instr::new(add_imm, dst, a, neg as u16)
                    }
                    None => {
                        let a = self.slot_of(lhs, lpos);
                        let b = self.slot_of(rhs, rpos);
                        Instr::new(op, dst, a, b)
                    }
                }
            }
            (Imm::Sub(_, lhs_imm), Operand::Const(k), _) if imm16(k, wide).is_some() => {
                let b = self.slot_of(rhs, rpos);
                Instr::new(lhs_imm, dst, b, imm16(k, wide).unwrap_or(0) as u16)
            }
            _ => {
                let a = self.slot_of(lhs, lpos);
                let b = self.slot_of(rhs, rpos);
                Instr::new(op, dst, a, b)
            }
        };
        let instr = self.with_acc(instr);
        self.push(Operand::Temp, result_type(op));
        self.emit_def(instr);
    }

    /// `select`: `dst = cond ? v1 : v2`, one instruction per slot of the
    /// values (two for a `v128`).
    pub(super) fn op_select(&mut self) {
        let cond = self.pop_slot();
        let width = match self.top_type() {
            Some(SlotType::V128High) => 2,
            _ => 1,
        };
        let top = self.stack.len();
        let (first1, first2) = (top - 2 * width, top - width);
        let mut halves = [(0, 0, SlotType::I32); 2];
        for (k, half) in halves.iter_mut().enumerate().take(width) {
            let (p1, p2) = (first1 + k, first2 + k);
            let (v1, v2) = (self.stack[p1], self.stack[p2]);
            let b = self.slot_of(v2, p2);
            let a = self.slot_of(v1, p1);
            *half = (a, b, self.types[p1]);
        }
        self.truncate(first1);
        for &(a, b, ty) in &halves[..width] {
            let dst = self.push_temp(ty);
            self.emit(Instr::new(Op::Select, dst, cond, 0));
            self.emit(Instr::new(Op::Data, a, b, 0));
        }
        self.last_def = None;
    }
}

/// The type an operator's opcode defines (every opcode `unop` and `binop`
/// are given is typed; see [`Op::result_type`]).
fn result_type(op: Op) -> SlotType {
    debug_assert!(op.result_type().is_some(), "untyped opcode {}", op.name());
    op.result_type().unwrap_or(SlotType::I64)
}
