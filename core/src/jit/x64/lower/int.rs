//! Integer arithmetic, comparisons (as values and fused into branches) and
//! conversions between integer widths.

use super::{IACC, Lowering, X64, acc_operands};
use crate::ir::{Instr, Op};
use crate::jit::code_buffer::Assemble;
use crate::jit::lower::ops::{self, IntCond, IntOp, Relation, RelationUse};
use crate::jit::x64::{Alu, Cond, Gpr, Shift, Width};
use crate::trap::TrapCode;

/// How x86_64 computes an integer operator.
#[derive(Clone, Copy)]
enum Arith {
    /// One ALU instruction.
    Simple(Alu),
    Mul,
    /// A shift or rotate.
    Shifted(Shift),
    Div {
        signed: bool,
        rem: bool,
    },
    /// `imm - x` (`sub_imm_lhs`).
    SubFromImm,
}

impl Arith {
    /// The instructions that compute `op`.
    fn of(op: IntOp) -> Self {
        match op {
            IntOp::Add => Arith::Simple(Alu::Add),
            IntOp::Sub => Arith::Simple(Alu::Sub),
            IntOp::And => Arith::Simple(Alu::And),
            IntOp::Or => Arith::Simple(Alu::Or),
            IntOp::Xor => Arith::Simple(Alu::Xor),
            IntOp::Mul => Arith::Mul,
            IntOp::Shl => Arith::Shifted(Shift::Shl),
            IntOp::ShrS => Arith::Shifted(Shift::Sar),
            IntOp::ShrU => Arith::Shifted(Shift::Shr),
            IntOp::Rotl => Arith::Shifted(Shift::Rol),
            IntOp::Rotr => Arith::Shifted(Shift::Ror),
            IntOp::Div { signed, rem } => Arith::Div { signed, rem },
            IntOp::SubFromImm => Arith::SubFromImm,
        }
    }
}

/// The condition that holds after `cmp left, right` when `cond` does.
fn condition(cond: IntCond) -> Cond {
    match cond {
        IntCond::Eq => Cond::E,
        IntCond::Ne => Cond::Ne,
        IntCond::LtS => Cond::L,
        IntCond::LtU => Cond::B,
        IntCond::GtS => Cond::G,
        IntCond::GtU => Cond::A,
        IntCond::LeS => Cond::Le,
        IntCond::LeU => Cond::Be,
        IntCond::GeS => Cond::Ge,
        IntCond::GeU => Cond::Ae,
    }
}

impl Lowering<'_, X64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn int(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if let Some((width, op)) = ops::int_binary(base) {
            self.int_binary(pc, i, width, Arith::of(op));
        } else if let Some((width, op)) = ops::int_immediate(base) {
            self.int_immediate(i, width, Arith::of(op));
        } else if let Some((r, how)) = ops::int_relation(base) {
            self.compare(pc, i, r, how);
        } else {
            return self.int_unary(i);
        }
        Ok(true)
    }

    /// `a = b op c`.
    fn int_binary(&mut self, pc: u32, i: Instr, width: Width, arith: Arith) {
        let acc = acc_operands(i.op);
        let (left_acc, right_acc) = (acc & 2 != 0, acc & 1 != 0);
        self.read_int(Gpr::Rax, i.b, left_acc);
        match arith {
            Arith::Simple(op) if right_acc => self.asm.alu_rr(op, width, Gpr::Rax, IACC),
            Arith::Simple(op) => self.alu_slot(op, width, Gpr::Rax, i.c),
            Arith::Mul => {
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.asm.imul_rr(width, Gpr::Rax, Gpr::Rcx);
            }
            Arith::Shifted(op) => {
                // The count in `cl`; the processor masks it as Wasm does.
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.asm.shift_cl(op, width, Gpr::Rax);
            }
            Arith::Div { signed, rem } => {
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.divide(pc, width, signed, rem);
            }
            Arith::SubFromImm => unreachable!("an immediate operator"),
        }
        self.write_int(i.op, i.a, Gpr::Rax);
    }

    /// `rax = rax / rcx` (or the remainder), with Wasm's traps.
    /// With signals, division by zero faults (`#DE`) at the `div`, a trap
    /// site; the one other divisor `div` faults on, -1 with the minimum
    /// dividend, is checked first.
    fn divide(&mut self, pc: u32, width: Width, signed: bool, rem: bool) {
        if !self.signals {
            self.asm.test_rr(width, Gpr::Rcx, Gpr::Rcx);
            self.trap_if(Cond::E, pc, TrapCode::IntegerDivisionByZero);
        }
        let done = self.asm.label();
        if signed {
            // -1 is the divisor `idiv` faults on (for the minimum
            // dividend): the quotient overflows, the remainder is 0.
            let ordinary = self.asm.label();
            self.asm.alu_ri(Alu::Cmp, width, Gpr::Rcx, -1);
            self.asm.jcc(Cond::Ne, ordinary);
            if rem {
                self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
                self.asm.jmp(done);
            } else {
                match width {
                    Width::W32 => self.asm.alu_ri(Alu::Cmp, width, Gpr::Rax, i32::MIN),
                    Width::W64 => {
                        self.asm.mov_ri(Width::W64, Gpr::Rdx, i64::MIN);
                        self.asm.alu_rr(Alu::Cmp, width, Gpr::Rax, Gpr::Rdx);
                    }
                }
                self.trap_if(Cond::E, pc, TrapCode::IntegerOverflow);
            }
            self.asm.bind(ordinary);
            self.asm.sign_extend_rax(width);
        } else {
            self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rdx, Gpr::Rdx);
        }
        if self.signals {
            self.trap_site(pc, TrapCode::IntegerDivisionByZero);
        }
        self.asm.div(width, signed, Gpr::Rcx);
        if rem {
            self.asm.mov_rr(Width::W64, Gpr::Rax, Gpr::Rdx);
        }
        self.asm.bind(done);
    }

    /// `a = b op imm`.
    fn int_immediate(&mut self, i: Instr, width: Width, arith: Arith) {
        let imm = i.c_i16() as i32;
        self.read_int(Gpr::Rax, i.b, acc_operands(i.op) != 0);
        let bits = width.bits() as u8 - 1;
        match arith {
            Arith::Simple(op) => self.asm.alu_ri(op, width, Gpr::Rax, imm),
            Arith::Mul => self.asm.imul_rri(width, Gpr::Rax, Gpr::Rax, imm),
            Arith::Shifted(op) => self.asm.shift_ri(op, width, Gpr::Rax, imm as u8 & bits),
            Arith::SubFromImm => {
                self.asm.mov_rr(Width::W64, Gpr::Rcx, Gpr::Rax);
                self.asm.mov_ri(width, Gpr::Rax, imm as i64);
                self.asm.alu_rr(Alu::Sub, width, Gpr::Rax, Gpr::Rcx);
            }
            Arith::Div { .. } => unreachable!("no division by an immediate"),
        }
        self.write_int(i.op, i.a, Gpr::Rax);
    }

    /// A comparison, as a value (`a = b rel c`) or a branch (`if a rel b`).
    fn compare(&mut self, pc: u32, i: Instr, r: &Relation, how: RelationUse) {
        let w = r.width;
        match how {
            RelationUse::Value { imm } => {
                self.load_slot(Width::W64, Gpr::Rcx, i.b);
                self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
                if imm {
                    self.asm.alu_ri(Alu::Cmp, w, Gpr::Rcx, i.c_i16() as i32);
                } else {
                    self.alu_slot(Alu::Cmp, w, Gpr::Rcx, i.c);
                }
                self.asm.setcc(condition(r.cond), Gpr::Rax);
                self.store_slot(i.a, Gpr::Rax);
            }
            RelationUse::Branch { imm } => {
                let left = if acc_operands(i.op) != 0 {
                    IACC
                } else if let Some(reg) = self.pinned_gpr(i.a) {
                    reg
                } else {
                    self.load_slot(Width::W64, Gpr::Rax, i.a);
                    Gpr::Rax
                };
                if imm {
                    self.asm.alu_ri(Alu::Cmp, w, left, i.b_i16() as i32);
                } else {
                    self.alu_slot(Alu::Cmp, w, left, i.b);
                }
                let target = self.target(pc, i.c_i16() as i32);
                self.asm.jcc(condition(r.cond), target);
            }
        }
    }

    /// The one-operand integer operators.
    fn int_unary(&mut self, i: Instr) -> Result<bool, Op> {
        use Width::*;
        let cpu = self.cpu;
        let width = |op32: Op| if i.op == op32 { W32 } else { W64 };
        match i.op {
            Op::I32Eqz | Op::I64Eqz => {
                let w = width(Op::I32Eqz);
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.alu_rr(Alu::Xor, W32, Gpr::Rax, Gpr::Rax);
                self.asm.test_rr(w, Gpr::Rcx, Gpr::Rcx);
                self.asm.setcc(Cond::E, Gpr::Rax);
            }
            Op::I32Clz | Op::I64Clz if cpu.lzcnt => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.lzcnt(width(Op::I32Clz), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32Ctz | Op::I64Ctz if cpu.bmi1 => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.tzcnt(width(Op::I32Ctz), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32Popcnt | Op::I64Popcnt if cpu.popcnt => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.popcnt(width(Op::I32Popcnt), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32WrapI64 => self.load_slot(W32, Gpr::Rax, i.b),
            Op::I64ExtendI32S | Op::I64Extend32S => {
                self.load_slot_extend(W64, Gpr::Rax, i.b, 32, true)
            }
            Op::I32Extend8S => self.load_slot_extend(W32, Gpr::Rax, i.b, 8, true),
            Op::I32Extend16S => self.load_slot_extend(W32, Gpr::Rax, i.b, 16, true),
            Op::I64Extend8S => self.load_slot_extend(W64, Gpr::Rax, i.b, 8, true),
            Op::I64Extend16S => self.load_slot_extend(W64, Gpr::Rax, i.b, 16, true),
            Op::I64Add128 | Op::I64Sub128 | Op::I64MulWideS | Op::I64MulWideU => {
                self.wide(i);
                return Ok(true);
            }
            _ => return Ok(false),
        }
        self.store_slot(i.a, Gpr::Rax);
        Ok(true)
    }

    /// Wide arithmetic on (low, high) slot pairs from `a`: the 128-bit sum
    /// or difference of the pairs at `a` and `a + 2`, or the full product of
    /// the `i64`s at `a` and `a + 1`; the result replaces the first pair.
    fn wide(&mut self, i: Instr) {
        self.load_slot(Width::W64, Gpr::Rax, i.a);
        match i.op {
            Op::I64Add128 | Op::I64Sub128 => {
                let (low, high) = if i.op == Op::I64Add128 {
                    (Alu::Add, Alu::Adc)
                } else {
                    (Alu::Sub, Alu::Sbb)
                };
                self.load_slot(Width::W64, Gpr::Rdx, i.a + 1);
                self.alu_slot(low, Width::W64, Gpr::Rax, i.a + 2);
                self.alu_slot(high, Width::W64, Gpr::Rdx, i.a + 3);
            }
            _ => {
                self.load_slot(Width::W64, Gpr::Rcx, i.a + 1);
                self.asm.mul_wide(i.op == Op::I64MulWideS, Gpr::Rcx);
            }
        }
        self.store_slot(i.a, Gpr::Rax);
        self.store_slot(i.a + 1, Gpr::Rdx);
    }
}
