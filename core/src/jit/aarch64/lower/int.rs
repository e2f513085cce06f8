//! Integer arithmetic, comparisons (as values and fused into branches) and
//! conversions between integer widths, on aarch64. Division never faults
//! here: division by zero and the one overflowing quotient are checked.

use super::{A64, Lowering, X0, X1, X2};
use crate::ir::{Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Arith, ArithImm, Cond, Logic, LogicalImm, Reg, Shift, V};
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
            let left = self.int_operand(X0, i.b, acc & 2 != 0);
            let right = self.int_operand(X1, i.c, acc & 1 != 0);
            let dst = self.int_result(i.op, i.a);
            self.arithmetic(pc, width, op, dst, left, right);
            self.write_int(i.op, i.a, dst);
        } else if let Some((width, op)) = ops::int_immediate(base) {
            let left = self.int_operand(X0, i.b, acc != 0);
            let dst = self.int_result(i.op, i.a);
            let value = immediate(i.c_i16(), width);
            if !self.arithmetic_imm(width, op, dst, left, value) {
                self.asm.mov_imm(width, X1, value);
                if op == IntOp::SubFromImm {
                    self.asm.arith(Arith::Sub, width, dst, X1, left);
                } else {
                    self.arithmetic(pc, width, op, dst, left, X1);
                }
            }
            self.write_int(i.op, i.a, dst);
        } else if let Some((r, how)) = ops::int_relation(base) {
            self.compare(pc, i, r, how);
        } else {
            return Ok(self.int_unary(i));
        }
        Ok(true)
    }

    /// `dst = left op right` at `width`, with Wasm's traps (at `pc`).
    /// `dst` may be either operand's register: each sequence reads its
    /// operands before it writes `dst` (`x2` is its scratch).
    fn arithmetic(&mut self, pc: u32, width: Width, op: IntOp, dst: Reg, left: Reg, right: Reg) {
        let a = &mut self.asm;
        match op {
            IntOp::Add => a.arith(Arith::Add, width, dst, left, right),
            IntOp::Sub => a.arith(Arith::Sub, width, dst, left, right),
            IntOp::And => a.logic(Logic::And, width, dst, left, right),
            IntOp::Or => a.logic(Logic::Orr, width, dst, left, right),
            IntOp::Xor => a.logic(Logic::Eor, width, dst, left, right),
            IntOp::Mul => a.mul(width, dst, left, right),
            // Variable shifts take the count modulo the width, as Wasm does.
            IntOp::Shl => a.shift_reg(Shift::Lsl, width, dst, left, right),
            IntOp::ShrS => a.shift_reg(Shift::Asr, width, dst, left, right),
            IntOp::ShrU => a.shift_reg(Shift::Lsr, width, dst, left, right),
            IntOp::Rotr => a.shift_reg(Shift::Ror, width, dst, left, right),
            IntOp::Rotl => {
                // Left by n is right by -n (modulo the width).
                a.neg(width, X2, right);
                a.shift_reg(Shift::Ror, width, dst, left, X2);
            }
            IntOp::Div { signed, rem } => self.divide(pc, width, signed, rem, dst, left, right),
            IntOp::SubFromImm => unreachable!("an immediate operator"),
        }
    }

    /// `dst = left op value` in one instruction where `value` fits one
    /// (an arithmetic or logical immediate, a shift or rotation count);
    /// `false` if it does not.
    fn arithmetic_imm(&mut self, width: Width, op: IntOp, dst: Reg, left: Reg, value: u64) -> bool {
        let bits = width.bits() as u64;
        let negated = match width {
            Width::W32 => (value as u32).wrapping_neg() as u64,
            Width::W64 => value.wrapping_neg(),
        };
        let a = &mut self.asm;
        let shift = |a: &mut crate::jit::aarch64::Assembler, how: Shift, amount: u64| {
            if amount == 0 {
                a.mov(width, dst, left);
            } else {
                a.shift_imm(how, width, dst, left, amount as u8);
            }
        };
        match op {
            IntOp::Add | IntOp::Sub => {
                let (add, sub) = if op == IntOp::Add {
                    (value, negated)
                } else {
                    (negated, value)
                };
                if let Some(imm) = ArithImm::new(add) {
                    a.arith_imm(Arith::Add, width, dst, left, imm);
                } else if let Some(imm) = ArithImm::new(sub) {
                    a.arith_imm(Arith::Sub, width, dst, left, imm);
                } else {
                    return false;
                }
            }
            IntOp::And | IntOp::Or | IntOp::Xor => {
                let Some(imm) = LogicalImm::new(value, width) else {
                    return false;
                };
                let logic = match op {
                    IntOp::And => Logic::And,
                    IntOp::Or => Logic::Orr,
                    _ => Logic::Eor,
                };
                a.logic_imm(logic, width, dst, left, imm);
            }
            IntOp::Shl => shift(a, Shift::Lsl, value % bits),
            IntOp::ShrS => shift(a, Shift::Asr, value % bits),
            IntOp::ShrU => shift(a, Shift::Lsr, value % bits),
            IntOp::Rotr => shift(a, Shift::Ror, value % bits),
            IntOp::Rotl => shift(a, Shift::Ror, (bits - value % bits) % bits),
            IntOp::Mul | IntOp::Div { .. } | IntOp::SubFromImm => return false,
        }
        true
    }

    /// `dst = left / right` (or the remainder), with Wasm's traps:
    /// division by zero, and the quotient of the minimum by -1, which
    /// overflows (its remainder is 0, which `sdiv` and `msub` compute as
    /// they wrap). Uses `x2`.
    #[allow(clippy::too_many_arguments)]
    fn divide(
        &mut self,
        pc: u32,
        width: Width,
        signed: bool,
        rem: bool,
        dst: Reg,
        left: Reg,
        right: Reg,
    ) {
        let by_zero = self.trap_label(pc, TrapCode::IntegerDivisionByZero);
        self.asm.cbz(width, right, by_zero);
        if signed && !rem {
            let min = match width {
                Width::W32 => i32::MIN as u32 as u64,
                Width::W64 => i64::MIN as u64,
            };
            self.asm.mov_imm(width, X2, min);
            self.asm.cmp(width, left, X2);
            // Equal to the minimum: compare the divisor with -1; else
            // "not equal".
            self.asm.ccmn_imm(width, right, 1, 0b0000, Cond::Eq);
            self.trap_if(Cond::Eq, pc, TrapCode::IntegerOverflow);
        }
        let quotient = if rem { X2 } else { dst };
        if signed {
            self.asm.sdiv(width, quotient, left, right);
        } else {
            self.asm.udiv(width, quotient, left, right);
        }
        if rem {
            self.asm.msub(width, dst, X2, right, left);
        }
    }

    /// A comparison, as a value (`a = b rel c`) or a branch (`if a rel b`).
    fn compare(&mut self, pc: u32, i: Instr, r: &Relation, how: RelationUse) {
        let width = r.width;
        let cond = condition(r.cond);
        match how {
            RelationUse::Value { imm } => {
                let left = self.slot_in(Width::W64, X0, i.b);
                if imm {
                    self.compare_imm(width, left, i.c_i16());
                } else {
                    let right = self.slot_in(Width::W64, X1, i.c);
                    self.asm.cmp(width, left, right);
                }
                let dst = self.pinned_int(i.a).unwrap_or(X0);
                self.asm.cset(Width::W32, dst, cond);
                if dst == X0 {
                    self.store_slot(i.a, X0);
                }
            }
            RelationUse::Branch { imm } => {
                let left = self.int_operand(X0, i.a, acc_operands(i.op) != 0);
                let target = self.target(pc, i.c_i16() as i32);
                if imm && i.b_i16() == 0 && matches!(r.cond, IntCond::Eq | IntCond::Ne) {
                    if r.cond == IntCond::Eq {
                        self.asm.cbz(width, left, target);
                    } else {
                        self.asm.cbnz(width, left, target);
                    }
                    return;
                }
                if imm {
                    self.compare_imm(width, left, i.b_i16());
                } else {
                    let right = self.slot_in(Width::W64, X1, i.b);
                    self.asm.cmp(width, left, right);
                }
                self.asm.b_cond(cond, target);
            }
        }
    }

    /// Sets the flags as `cmp left, #value` (`value` sign-extended to
    /// `width`): `cmp` or `cmn` with the immediate in the instruction
    /// where it fits (`cmn` adds the negation, which sets the same flags),
    /// else through `x1`.
    fn compare_imm(&mut self, width: Width, left: Reg, value: i16) {
        if let Some(imm) = ArithImm::new(value as u64) {
            self.asm.cmp_imm(width, left, imm);
        } else if let Some(imm) = ArithImm::new((value as i64).unsigned_abs()).filter(|_| value < 0)
        {
            self.asm.cmn_imm(width, left, imm);
        } else {
            self.asm.mov_imm(width, X1, immediate(value, width));
            self.asm.cmp(width, left, X1);
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
            Op::I64Add128 | Op::I64Sub128 | Op::I64MulWideS | Op::I64MulWideU => {
                self.wide(i);
                return true;
            }
            _ => return false,
        }
        self.store_slot(i.a, X0);
        true
    }

    /// Wide arithmetic on (low, high) slot pairs from `a`: the 128-bit sum
    /// or difference of the pairs at `a` and `a + 2` (`adds`/`adc`,
    /// `subs`/`sbc`), or the full product of the `i64`s at `a` and `a + 1`
    /// (`mul` and `smulh`/`umulh`); the result replaces the first pair.
    /// Every operand is read before a result is written.
    fn wide(&mut self, i: Instr) {
        self.load_slot(Width::W64, X0, i.a);
        self.load_slot(Width::W64, X1, i.a + 1);
        match i.op {
            Op::I64Add128 | Op::I64Sub128 => {
                let (low, high) = if i.op == Op::I64Add128 {
                    (Arith::Adds, Arith::Add)
                } else {
                    (Arith::Subs, Arith::Sub)
                };
                self.load_slot(Width::W64, X2, i.a + 2);
                self.load_slot(Width::W64, Reg::X3, i.a + 3);
                self.asm.arith(low, Width::W64, X0, X0, X2);
                self.asm.arith_carry(high, Width::W64, X1, X1, Reg::X3);
            }
            _ => {
                self.asm.mul(Width::W64, X2, X0, X1);
                if i.op == Op::I64MulWideS {
                    self.asm.smulh(X1, X0, X1);
                } else {
                    self.asm.umulh(X1, X0, X1);
                }
                self.asm.mov(Width::W64, X0, X2);
            }
        }
        self.store_slot(i.a, X0);
        self.store_slot(i.a + 1, X1);
    }
}
