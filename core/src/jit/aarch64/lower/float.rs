//! Float arithmetic, comparisons, sign operations and conversions on
//! aarch64. The operations whose Wasm semantics need more than an
//! instruction or two (`min`/`max`, rounding, the trapping and saturating
//! truncations, `u64` to float) call the helpers x86_64 calls, which are
//! the interpreter's own functions.

use super::slots::Home;
use super::{A64, FACC, Lowering, X0, X1};
use crate::ir::{Format, Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Cond, FpArith, FpUnary, Logic, LogicalImm, Precision, V};
use crate::jit::helpers;
use crate::jit::lower::ops::{self, FloatOp, FloatRel};
use crate::jit::lower::{acc_operands, destination};

const V0: V = V(0);
const V1: V = V(1);

/// The condition that holds after `fcmp left, right` when `rel` does. An
/// unordered pair sets C and V: the conditions below are false for it
/// where the Wasm relation is, and true for the negations branches use.
fn condition(rel: FloatRel) -> Cond {
    match rel {
        FloatRel::Eq => Cond::Eq,
        FloatRel::Ne => Cond::Ne,
        FloatRel::Lt => Cond::Mi,
        FloatRel::Gt => Cond::Gt,
        FloatRel::Le => Cond::Ls,
        FloatRel::Ge => Cond::Ge,
        FloatRel::NotLt => Cond::Pl,
        FloatRel::NotGt => Cond::Le,
        FloatRel::NotLe => Cond::Hi,
        FloatRel::NotGe => Cond::Lt,
    }
}

/// The precision of an `f64` (`double`) or `f32` operation.
fn precision(double: bool) -> Precision {
    if double { Precision::D } else { Precision::S }
}

/// A logical immediate known to be encodable (the sign masks).
fn mask(value: u64, width: Width) -> LogicalImm {
    LogicalImm::new(value, width).expect("sign masks are logical immediates")
}

impl Lowering<'_, A64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn float(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if let Some((double, op)) = ops::float_arithmetic(base) {
            self.float_arithmetic(i, double, op);
        } else if let Some((double, rel)) = ops::float_relation(base) {
            // A branch compares `a` (or the accumulator) with `b`; a value
            // is `b rel c`.
            let branch = base.format() == Format::BrCmp;
            let (left, right, left_acc) = if branch {
                (i.a, i.b, acc_operands(i.op) != 0)
            } else {
                (i.b, i.c, false)
            };
            let left = self.float_operand(double, V0, left, left_acc);
            let right = self.float_operand(double, V1, right, false);
            self.asm.fcmp(precision(double), left, right);
            if branch {
                let target = self.target(pc, i.c_i16() as i32);
                self.asm.b_cond(condition(rel), target);
            } else {
                let dst = self.pinned_int(i.a).unwrap_or(X0);
                self.asm.cset(Width::W32, dst, condition(rel));
                if dst == X0 {
                    self.store_slot(i.a, X0);
                }
            }
        } else if let Some(f) = helpers::binary(base) {
            self.spill_pinned();
            self.load_frame(Width::W64, X0, i.b);
            self.load_frame(Width::W64, X1, i.c);
            self.call_helper(f as *const () as usize);
            self.store_slot(i.a, X0);
        } else if let Some(f) = helpers::unary(base) {
            self.spill_pinned();
            self.load_frame(Width::W64, X0, i.b);
            self.call_helper(f as *const () as usize);
            self.store_slot(i.a, X0);
        } else if let Some(f) = helpers::trapping(base) {
            self.spill_pinned();
            self.load_frame(Width::W64, X0, i.b);
            self.call_helper(f as *const () as usize);
            self.checked_result(pc, i.a);
        } else {
            return Ok(self.float_bits(i) || self.conversion(i));
        }
        Ok(true)
    }

    /// The register holding a float operand for reading: the `f64`
    /// accumulator, slot `slot`'s pinned register (when it holds that
    /// precision), or `scratch` loaded from the slot.
    fn float_operand(&mut self, double: bool, scratch: V, slot: u16, from_acc: bool) -> V {
        if from_acc {
            return FACC;
        }
        match self.home(slot) {
            Some(Home::Float(v, d)) if d == double => v,
            _ => {
                self.load_float_slot(double, scratch, slot);
                scratch
            }
        }
    }

    /// The register a float result of `op` for slot `slot` is best
    /// computed in: the pinned register of the slot it goes to (when it
    /// holds that precision), the accumulator if it goes there, else
    /// `v0`. [`write_float`](Self::write_float) puts it where else it goes.
    fn float_result(&self, op: Op, double: bool, slot: u16) -> V {
        let (to_slot, to_acc) = destination(op);
        match self.home(slot) {
            Some(Home::Float(v, d)) if to_slot && d == double => v,
            _ if to_acc && !to_slot => FACC,
            _ => V0,
        }
    }

    /// Stores a float result held in `src` where `op`'s form puts it
    /// (nothing where `src` already is that place). An `f32` is stored
    /// zero-extended to the whole slot.
    fn write_float(&mut self, op: Op, double: bool, slot: u16, src: V) {
        let (to_slot, to_acc) = destination(op);
        let in_place = matches!(self.home(slot), Some(Home::Float(v, _)) if v == src);
        if to_slot && !in_place {
            if double {
                self.store_f64_slot(slot, src);
            } else {
                self.asm.fmov_to_gpr(Width::W32, X0, src);
                self.store_slot(slot, X0);
            }
        }
        if to_acc && src != FACC {
            self.asm.fmov(Precision::D, FACC, src);
        }
    }

    /// `a = b op c` (or `a = sqrt b`).
    fn float_arithmetic(&mut self, i: Instr, double: bool, op: FloatOp) {
        let acc = acc_operands(i.op);
        let p = precision(double);
        let dst = self.float_result(i.op, double, i.a);
        if op == FloatOp::Sqrt {
            let value = self.float_operand(double, V1, i.b, false);
            self.asm.fp_unary(FpUnary::Sqrt, p, dst, value);
        } else {
            let left = self.float_operand(double, V0, i.b, acc & 2 != 0);
            let right = self.float_operand(double, V1, i.c, acc & 1 != 0);
            let op = match op {
                FloatOp::Add => FpArith::Add,
                FloatOp::Sub => FpArith::Sub,
                FloatOp::Mul => FpArith::Mul,
                FloatOp::Div => FpArith::Div,
                FloatOp::Sqrt => unreachable!("one operand"),
            };
            self.asm.fp_arith(op, p, dst, left, right);
        }
        self.write_float(i.op, double, i.a, dst);
    }

    /// `abs`, `neg` and `copysign`: operations on the sign bit, done on
    /// the bits in general registers (so NaN payloads pass unchanged).
    fn float_bits(&mut self, i: Instr) -> bool {
        let w = match i.op {
            Op::F32Abs | Op::F32Neg | Op::F32Copysign => Width::W32,
            Op::F64Abs | Op::F64Neg | Op::F64Copysign => Width::W64,
            _ => return false,
        };
        let sign = match w {
            Width::W32 => 1u64 << 31,
            Width::W64 => 1u64 << 63,
        };
        let magnitude = mask(sign - 1, w);
        let sign = mask(sign, w);
        self.load_slot(w, X0, i.b);
        match i.op {
            Op::F32Abs | Op::F64Abs => self.asm.logic_imm(Logic::And, w, X0, X0, magnitude),
            Op::F32Neg | Op::F64Neg => self.asm.logic_imm(Logic::Eor, w, X0, X0, sign),
            _ => {
                self.load_slot(w, X1, i.c);
                self.asm.logic_imm(Logic::And, w, X1, X1, sign);
                self.asm.logic_imm(Logic::And, w, X0, X0, magnitude);
                self.asm.logic(Logic::Orr, w, X0, X0, X1);
            }
        }
        self.store_slot(i.a, X0);
        true
    }

    /// Integer-to-float conversions and between float widths.
    fn conversion(&mut self, i: Instr) -> bool {
        // (to f64, integer width, signed) for the integer sources.
        let int_source = match i.op {
            Op::F32ConvertI32S => Some((false, Width::W32, true)),
            Op::F32ConvertI32U => Some((false, Width::W32, false)),
            Op::F32ConvertI64S => Some((false, Width::W64, true)),
            Op::F64ConvertI32S => Some((true, Width::W32, true)),
            Op::F64ConvertI32U => Some((true, Width::W32, false)),
            Op::F64ConvertI64S => Some((true, Width::W64, true)),
            _ => None,
        };
        if let Some((double, width, signed)) = int_source {
            let value = self.slot_in(width, X0, i.b);
            let dst = self.float_result(i.op, double, i.a);
            if signed {
                self.asm.scvtf(precision(double), width, dst, value);
            } else {
                self.asm.ucvtf(precision(double), width, dst, value);
            }
            self.write_float(i.op, double, i.a, dst);
        } else {
            let to_double = match i.op {
                Op::F32DemoteF64 => false,
                Op::F64PromoteF32 => true,
                _ => return false,
            };
            let value = self.float_operand(!to_double, V1, i.b, false);
            let dst = self.float_result(i.op, to_double, i.a);
            self.asm.fcvt(precision(to_double), dst, value);
            self.write_float(i.op, to_double, i.a, dst);
        }
        true
    }
}
