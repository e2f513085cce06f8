//! Integer arithmetic, comparisons (as values and fused into branches) and
//! conversions between integer widths, on aarch64. Division never faults
//! here: division by zero and the one overflowing quotient are checked.

use super::{A64, IACC, Lowering, X0, X1, X2};
use crate::ir::{Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Arith, Cond, Logic, Reg, Shift, V};
use crate::jit::lower::acc_operands;
use crate::jit::lower::ops::{self, IntCond, IntOp, Relation, RelationUse};
use crate::trap::TrapCode;

/// The condition that holds after `cmp left, right` when `cond` does.
fn condition(cond: IntCond) -> Cond {
    match cond {
        IntCond::Eq => Cond::Eq,
        IntCond::Ne => Cond::Ne,
        IntCond::LtS => Cond::Lt,
        IntCond::LtU => Cond::Lo,
        IntCond::GtS => Cond::Gt,
        IntCond::GtU => Cond::Hi,
        IntCond::LeS => Cond::Le,
        IntCond::LeU => Cond::Ls,
        IntCond::GeS => Cond::Ge,
        IntCond::GeU => Cond::Hs,
    }
}

/// `value` (a sign-extended 16-bit immediate) as `width` bits.
fn immediate(value: i16, width: Width) -> u64 {
    match width {
        Width::W32 => value as i32 as u32 as u64,
        Width::W64 => value as i64 as u64,
    }
}

impl Lowering<'_, A64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn int(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        let acc = acc_operands(i.op);
        if let Some((width, op)) = ops::int_binary(base) {
            self.read_int(X0, i.b, acc & 2 != 0);
            self.read_int(X1, i.c, acc & 1 != 0);
            self.arithmetic(pc, width, op);
            self.write_int(i.op, i.a, X0);
        } else if let Some((width, op)) = ops::int_immediate(base) {
            self.read_int(X0, i.b, acc != 0);
            self.asm.mov_imm(width, X1, immediate(i.c_i16(), width));
            if op == IntOp::SubFromImm {
                self.asm.arith(Arith::Sub, width, X0, X1, X0);
            } else {
                self.arithmetic(pc, width, op);
            }
            self.write_int(i.op, i.a, X0);
        } else if let Some((r, how)) = ops::int_relation(base) {
            self.compare(pc, i, r, how);
        } else {
            return Ok(self.int_unary(i));
        }
        Ok(true)
    }

    /// `x0 = x0 op x1` at `width`, with Wasm's traps (at `pc`).
    fn arithmetic(&mut self, pc: u32, width: Width, op: IntOp) {
        let a = &mut self.asm;
        match op {
            IntOp::Add => a.arith(Arith::Add, width, X0, X0, X1),
            IntOp::Sub => a.arith(Arith::Sub, width, X0, X0, X1),
            IntOp::And => a.logic(Logic::And, width, X0, X0, X1),
            IntOp::Or => a.logic(Logic::Orr, width, X0, X0, X1),
            IntOp::Xor => a.logic(Logic::Eor, width, X0, X0, X1),
            IntOp::Mul => a.mul(width, X0, X0, X1),
            // Variable shifts take the count modulo the width, as Wasm does.
            IntOp::Shl => a.shift_reg(Shift::Lsl, width, X0, X0, X1),
            IntOp::ShrS => a.shift_reg(Shift::Asr, width, X0, X0, X1),
            IntOp::ShrU => a.shift_reg(Shift::Lsr, width, X0, X0, X1),
            IntOp::Rotr => a.shift_reg(Shift::Ror, width, X0, X0, X1),
            IntOp::Rotl => {
                // Left by n is right by -n (modulo the width).
                a.neg(width, X1, X1);
                a.shift_reg(Shift::Ror, width, X0, X0, X1);
            }
            IntOp::Div { signed, rem } => self.divide(pc, width, signed, rem),
            IntOp::SubFromImm => unreachable!("an immediate operator"),
        }
    }

    /// `x0 = x0 / x1` (or the remainder), with Wasm's traps: division by
    /// zero, and the quotient of the minimum by -1, which overflows (its
    /// remainder is 0, which `sdiv` and `msub` compute as they wrap).
    fn divide(&mut self, pc: u32, width: Width, signed: bool, rem: bool) {
        let by_zero = self.trap_label(pc, TrapCode::IntegerDivisionByZero);
        self.asm.cbz(width, X1, by_zero);
        if signed && !rem {
            let min = match width {
                Width::W32 => i32::MIN as u32 as u64,
                Width::W64 => i64::MIN as u64,
            };
            self.asm.mov_imm(width, X2, min);
            self.asm.cmp(width, X0, X2);
            // Equal to the minimum: compare the divisor with -1; else
            // "not equal".
            self.asm.ccmn_imm(width, X1, 1, 0b0000, Cond::Eq);
            self.trap_if(Cond::Eq, pc, TrapCode::IntegerOverflow);
        }
        if signed {
            self.asm.sdiv(width, X2, X0, X1);
        } else {
            self.asm.udiv(width, X2, X0, X1);
        }
        if rem {
            self.asm.msub(width, X0, X2, X1, X0);
        } else {
            self.asm.mov(width, X0, X2);
        }
    }

    /// A comparison, as a value (`a = b rel c`) or a branch (`if a rel b`).
    fn compare(&mut self, pc: u32, i: Instr, r: &Relation, how: RelationUse) {
        let width = r.width;
        let cond = condition(r.cond);
        match how {
            RelationUse::Value { imm } => {
                let left = self.slot_in(Width::W64, X0, i.b);
                let right = if imm {
                    self.asm.mov_imm(width, X1, immediate(i.c_i16(), width));
                    X1
                } else {
                    self.slot_in(Width::W64, X1, i.c)
                };
                self.asm.cmp(width, left, right);
                self.asm.cset(Width::W32, X0, cond);
                self.store_slot(i.a, X0);
            }
            RelationUse::Branch { imm } => {
                let left = if acc_operands(i.op) != 0 {
                    IACC
                } else {
                    self.slot_in(Width::W64, X0, i.a)
                };
                let right = if imm {
                    self.asm.mov_imm(width, X1, immediate(i.b_i16(), width));
                    X1
                } else {
                    self.slot_in(Width::W64, X1, i.b)
                };
                self.asm.cmp(width, left, right);
                let target = self.target(pc, i.c_i16() as i32);
                self.asm.b_cond(cond, target);
            }
        }
    }

    /// The one-operand integer operators; `false` if `i` is none of them.
    fn int_unary(&mut self, i: Instr) -> bool {
        use Width::*;
        let width = |op32: Op| if i.op == op32 { W32 } else { W64 };
        match i.op {
            Op::I32Eqz | Op::I64Eqz => {
                let w = width(Op::I32Eqz);
                let value = self.slot_in(W64, X1, i.b);
                self.asm.cmp(w, value, Reg::ZR);
                self.asm.cset(W32, X0, Cond::Eq);
            }
            Op::I32Clz | Op::I64Clz => {
                let value = self.slot_in(W64, X1, i.b);
                self.asm.clz(width(Op::I32Clz), X0, value);
            }
            Op::I32Ctz | Op::I64Ctz => {
                let w = width(Op::I32Ctz);
                let value = self.slot_in(W64, X1, i.b);
                self.asm.rbit(w, X0, value);
                self.asm.clz(w, X0, X0);
            }
            Op::I32Popcnt | Op::I64Popcnt => {
                // Count each byte's bits in a vector register, then add
                // the eight counts.
                self.load_slot(width(Op::I32Popcnt), X0, i.b);
                self.asm.fmov_from_gpr(W64, V(0), X0);
                self.asm.cnt_8b(V(0), V(0));
                self.asm.addv_8b(V(0), V(0));
                self.asm.fmov_to_gpr(W32, X0, V(0));
            }
            Op::I32WrapI64 => self.load_slot(W32, X0, i.b),
            Op::I64ExtendI32S | Op::I64Extend32S => {
                self.load_slot(W64, X0, i.b);
                self.asm.sxtw(X0, X0);
            }
            Op::I32Extend8S | Op::I64Extend8S => {
                self.load_slot(W64, X0, i.b);
                self.asm.sxtb(width(Op::I32Extend8S), X0, X0);
            }
            Op::I32Extend16S | Op::I64Extend16S => {
                self.load_slot(W64, X0, i.b);
                self.asm.sxth(width(Op::I32Extend16S), X0, X0);
            }
            _ => return false,
        }
        self.store_slot(i.a, X0);
        true
    }
}
