//! Float arithmetic, comparisons, sign operations and conversions. The
//! operations whose Wasm semantics need more than an instruction or two
//! (`min`/`max`, rounding, the trapping and saturating truncations,
//! `u64` to float) call the helpers in `jit/helpers.rs`, which are the
//! interpreter's own functions.

use super::{FACC, Lowering, X64, acc_operands, destination};
use crate::ir::{Instr, Op};
use crate::jit::code_buffer::Assemble;
use crate::jit::helpers;
use crate::jit::lower::ops::{self, FloatOp, FloatRel};
use crate::jit::x64::{Alu, Cond, Gpr, Sse, Width, Xmm};

const X0: Xmm = Xmm(0);
const X1: Xmm = Xmm(1);

/// For the relations other than `Eq` and `Ne`: whether to compare
/// `right` with `left` (rather than `left` with `right`), and the
/// condition that then holds. `ucomis` sets the carry, zero and parity
/// flags for an unordered pair, so `a`/`ae` are false and `b`/`be`
/// true for NaN, as the Wasm relations and their negations need.
fn flags(rel: FloatRel) -> (bool, Cond) {
    match rel {
        FloatRel::Lt => (true, Cond::A),
        FloatRel::Gt => (false, Cond::A),
        FloatRel::Le => (true, Cond::Ae),
        FloatRel::Ge => (false, Cond::Ae),
        FloatRel::NotLt => (true, Cond::Be),
        FloatRel::NotGt => (false, Cond::Be),
        FloatRel::NotLe => (true, Cond::B),
        FloatRel::NotGe => (false, Cond::B),
        FloatRel::Eq | FloatRel::Ne => unreachable!("tested with the parity flag"),
    }
}

/// The SSE instruction computing `op`.
fn sse(op: FloatOp) -> Sse {
    match op {
        FloatOp::Add => Sse::Add,
        FloatOp::Sub => Sse::Sub,
        FloatOp::Mul => Sse::Mul,
        FloatOp::Div => Sse::Div,
        FloatOp::Sqrt => Sse::Sqrt,
    }
}

/// Sign masks: `f32` (in the low half) and `f64`.
const SIGN32: i64 = 0x8000_0000;
const SIGN64: i64 = i64::MIN;

impl Lowering<'_, X64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn float(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if let Some((double, op)) = ops::float_arithmetic(base) {
            self.float_arithmetic(i, double, sse(op));
        } else if let Some((double, rel)) = ops::float_relation(base) {
            if matches!(base.format(), crate::ir::Format::BrCmp) {
                self.float_branch(pc, i, double, rel);
            } else {
                self.float_compare(i, double, rel);
            }
        } else if let Some(f) = helpers::binary(base) {
            self.spill_pinned();
            self.asm.load(Width::W64, Gpr::Rdi, Self::spilled(i.b));
            self.asm.load(Width::W64, Gpr::Rsi, Self::spilled(i.c));
            self.call_helper(f as *const () as usize);
            self.store_slot(i.a, Gpr::Rax);
        } else if let Some(f) = helpers::unary(base) {
            self.spill_pinned();
            self.asm.load(Width::W64, Gpr::Rdi, Self::spilled(i.b));
            self.call_helper(f as *const () as usize);
            self.store_slot(i.a, Gpr::Rax);
        } else if let Some(f) = helpers::trapping(base) {
            self.spill_pinned();
            self.asm.load(Width::W64, Gpr::Rdi, Self::spilled(i.b));
            self.call_helper(f as *const () as usize);
            self.checked_result(pc, i.a);
        } else {
            return Ok(self.float_bits(i) || self.conversion(i));
        }
        Ok(true)
    }

    /// After a helper returning a [`helpers::Checked`]: trap if it says
    /// so, else store its value in slot `dst`.
    pub(super) fn checked_result(&mut self, pc: u32, dst: u16) {
        self.trap_on_helper_error(pc, Gpr::Rdx);
        self.store_slot(dst, Gpr::Rax);
    }

    /// Loads a float operand into `dst`: slot `slot`, or the `f64`
    /// accumulator.
    fn read_float(&mut self, double: bool, dst: Xmm, slot: u16, from_acc: bool) {
        if from_acc {
            self.asm.mov_xx(dst, FACC);
        } else {
            self.load_float_slot(double, dst, slot);
        }
    }

    /// Stores a float result held in `src` where `op`'s form puts it. An
    /// `f32` is stored zero-extended to the whole slot.
    fn write_float(&mut self, op: Op, double: bool, slot: u16, src: Xmm) {
        let (to_slot, to_acc) = destination(op);
        if to_slot {
            if double {
                self.store_f64_slot(slot, src);
            } else {
                self.asm.mov_rx(Width::W32, Gpr::Rax, src);
                self.store_slot(slot, Gpr::Rax);
            }
        }
        if to_acc {
            self.asm.mov_xx(FACC, src);
        }
    }

    /// `a = b op c` (or `a = sqrt b`).
    fn float_arithmetic(&mut self, i: Instr, double: bool, op: Sse) {
        let acc = acc_operands(i.op);
        if op == Sse::Sqrt {
            self.read_float(double, X1, i.b, false);
            self.asm.sse(op, double, X0, X1);
        } else {
            self.read_float(double, X0, i.b, acc & 2 != 0);
            self.read_float(double, X1, i.c, acc & 1 != 0);
            self.asm.sse(op, double, X0, X1);
        }
        self.write_float(i.op, double, i.a, X0);
    }

    /// Sets the flags for `rel` of `xmm0` (left) and `xmm1` (right) and
    /// returns the condition that then holds (not for `Eq`/`Ne`).
    fn float_flags(&mut self, double: bool, rel: FloatRel) -> Option<Cond> {
        if matches!(rel, FloatRel::Eq | FloatRel::Ne) {
            self.asm.ucomis(double, X0, X1);
            return None;
        }
        let (swap, cond) = flags(rel);
        if swap {
            self.asm.ucomis(double, X1, X0);
        } else {
            self.asm.ucomis(double, X0, X1);
        }
        Some(cond)
    }

    /// `a = b rel c` as an `i32`.
    fn float_compare(&mut self, i: Instr, double: bool, rel: FloatRel) {
        self.read_float(double, X0, i.b, false);
        self.read_float(double, X1, i.c, false);
        // Cleared before the comparison: `xor` sets the flags.
        self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
        self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rcx, Gpr::Rcx);
        match self.float_flags(double, rel) {
            Some(cond) => self.asm.setcc(cond, Gpr::Rax),
            None => {
                // Equal and ordered, or unequal or unordered.
                let (zero, parity, combine) = if rel == FloatRel::Eq {
                    (Cond::E, Cond::Np, Alu::And)
                } else {
                    (Cond::Ne, Cond::P, Alu::Or)
                };
                self.asm.setcc(zero, Gpr::Rax);
                self.asm.setcc(parity, Gpr::Rcx);
                self.asm.alu_rr(combine, Width::W32, Gpr::Rax, Gpr::Rcx);
            }
        }
        self.store_slot(i.a, Gpr::Rax);
    }

    /// `if a rel b` (the left operand possibly the accumulator).
    fn float_branch(&mut self, pc: u32, i: Instr, double: bool, rel: FloatRel) {
        self.read_float(double, X0, i.a, acc_operands(i.op) != 0);
        self.read_float(double, X1, i.b, false);
        let target = self.target(pc, i.c_i16() as i32);
        match self.float_flags(double, rel) {
            Some(cond) => self.asm.jcc(cond, target),
            None if rel == FloatRel::Eq => {
                let skip = self.asm.label();
                self.asm.jcc(Cond::P, skip);
                self.asm.jcc(Cond::E, target);
                self.asm.bind(skip);
            }
            None => {
                self.asm.jcc(Cond::P, target);
                self.asm.jcc(Cond::Ne, target);
            }
        }
    }

    /// `abs`, `neg` and `copysign`: operations on the sign bit, done on
    /// the bits in general registers.
    fn float_bits(&mut self, i: Instr) -> bool {
        let w = match i.op {
            Op::F32Abs | Op::F32Neg | Op::F32Copysign => Width::W32,
            Op::F64Abs | Op::F64Neg | Op::F64Copysign => Width::W64,
            _ => return false,
        };
        self.load_slot(w, Gpr::Rax, i.b);
        match i.op {
            Op::F32Abs => self.asm.alu_ri(Alu::And, Width::W32, Gpr::Rax, i32::MAX),
            Op::F32Neg => self
                .asm
                .alu_ri(Alu::Xor, Width::W32, Gpr::Rax, SIGN32 as u32 as i32),
            Op::F64Abs | Op::F64Neg => {
                let (mask, op) = if i.op == Op::F64Abs {
                    (i64::MAX, Alu::And)
                } else {
                    (SIGN64, Alu::Xor)
                };
                self.asm.mov_ri(Width::W64, Gpr::Rcx, mask);
                self.asm.alu_rr(op, Width::W64, Gpr::Rax, Gpr::Rcx);
            }
            _ => {
                let sign = if w == Width::W32 { SIGN32 } else { SIGN64 };
                self.load_slot(w, Gpr::Rcx, i.c);
                let a = &mut self.asm;
                a.mov_ri(w, Gpr::Rdx, sign);
                a.alu_rr(Alu::And, w, Gpr::Rcx, Gpr::Rdx);
                a.not(w, Gpr::Rdx);
                a.alu_rr(Alu::And, w, Gpr::Rax, Gpr::Rdx);
                a.alu_rr(Alu::Or, w, Gpr::Rax, Gpr::Rcx);
            }
        }
        self.store_slot(i.a, Gpr::Rax);
        true
    }

    /// Integer-to-float conversions and between float widths.
    fn conversion(&mut self, i: Instr) -> bool {
        // (to f64, integer width) for the integer sources.
        let int_source = match i.op {
            Op::F32ConvertI32S => Some((false, Width::W32)),
            // An `i32` slot is zero-extended: converting it as an `i64`
            // is the unsigned conversion.
            Op::F32ConvertI32U | Op::F32ConvertI64S => Some((false, Width::W64)),
            Op::F64ConvertI32S => Some((true, Width::W32)),
            Op::F64ConvertI32U | Op::F64ConvertI64S => Some((true, Width::W64)),
            _ => None,
        };
        let double = if let Some((double, width)) = int_source {
            self.load_slot(width, Gpr::Rax, i.b);
            // `cvtsi2s*` writes only the low lane: clear the register
            // first so no false dependency lingers.
            self.asm.sse_bitwise(0x57, false, X0, X0);
            self.asm.int_to_float(double, width, X0, Gpr::Rax);
            double
        } else {
            let to_double = match i.op {
                Op::F32DemoteF64 => false,
                Op::F64PromoteF32 => true,
                _ => return false,
            };
            self.load_float_slot(!to_double, X1, i.b);
            self.asm.float_convert(to_double, X0, X1);
            to_double
        };
        self.write_float(i.op, double, i.a, X0);
        true
    }
}
