//! The `f64` accumulator: a value computed by one instruction and used only
//! by the next one travels in a floating-point register instead of a frame
//! slot.
//!
//! A temporary is read exactly once, by the instruction that pops it. So when
//! an instruction's operand is the temporary that the instruction just before
//! it defined (no label in between, see `last_def`), the value is needed
//! nowhere else: the producer is switched to its form that writes the
//! accumulator and the consumer reads the accumulator. Chains such as
//! `a * b + c` then run through the register, without the store and the
//! store-to-load forwarding delay each link costs through the frame.

use super::FuncTranslator;
use crate::ir::{Instr, Op};

/// Where a producer's result goes once it feeds the next instruction.
#[derive(Clone, Copy)]
enum Dest {
    /// Only the accumulator (a temporary used by the next instruction alone).
    Acc,
    /// Its slot and the accumulator (a local, which others may read later).
    Both,
}

impl FuncTranslator<'_> {
    /// If the instruction `def` names is the last one emitted, defines
    /// `slot` and has an accumulator form, switches it to writing `dest`
    /// and returns `true`.
    fn produce_into_acc(&mut self, def: Option<(usize, u16)>, slot: u16, dest: Dest) -> bool {
        let Some((at, def_slot)) = def else {
            return false;
        };
        if def_slot != slot || at + 1 != self.code.len() {
            return false;
        }
        let Some((base, form)) = f64_form(self.code[at].op) else {
            return false;
        };
        if form >= ACC_DEST {
            return false;
        }
        let dest = match dest {
            Dest::Acc => ACC_DEST,
            Dest::Both => BOTH_DEST,
        };
        self.code[at].op = f64_op(base, form | dest);
        true
    }

    /// The instruction for `dst = lhs op rhs`, reading operands from the
    /// accumulator when the previous instruction computed them.
    pub(super) fn bin_instr(&mut self, op: Op, dst: u16, lhs: u16, rhs: u16) -> Instr {
        let Some((base, 0)) = f64_form(op) else {
            return Instr::new(op, dst, lhs, rhs);
        };
        let form = if self.produce_into_acc(self.last_def, lhs, Dest::Acc) {
            ACC_LHS
        } else if self.produce_into_acc(self.last_def, rhs, Dest::Acc) {
            ACC_RHS
        } else if let Some((_, local)) = self.local_def {
            let form = match (lhs == local, rhs == local) {
                (true, true) => ACC_LHS | ACC_RHS,
                (true, false) => ACC_LHS,
                (false, true) => ACC_RHS,
                (false, false) => 0,
            };
            if form != 0 && self.produce_into_acc(self.local_def, local, Dest::Both) {
                form
            } else {
                0
            }
        } else {
            0
        };
        Instr::new(f64_op(base, form), dst, lhs, rhs)
    }

    /// The fused branch `op a, b`, reading an operand from the accumulator
    /// when the instruction before the (removed) comparison computed it.
    pub(super) fn fused_branch_instr(&mut self, op: Op, a: u16, b: u16) -> Instr {
        let (temp_def, local_def) = (self.cond_def.take(), self.cond_local_def.take());
        let Some(acc_form) = acc_branch(op) else {
            return Instr::new(op, a, b, 0);
        };
        let local = local_def.map(|(_, l)| l);
        if self.produce_into_acc(temp_def, a, Dest::Acc)
            || (local == Some(a) && self.produce_into_acc(local_def, a, Dest::Both))
        {
            return Instr::new(acc_form, a, b, 0);
        }
        if self.produce_into_acc(temp_def, b, Dest::Acc)
            || (local == Some(b) && self.produce_into_acc(local_def, b, Dest::Both))
        {
            let swapped = swap_branch(op);
            return Instr::new(acc_branch(swapped).unwrap_or(swapped), b, a, 0);
        }
        Instr::new(op, a, b, 0)
    }
}

/// Form bits (see `for_each_op!`): right operand in the accumulator.
const ACC_RHS: u16 = 1;
/// Left operand in the accumulator.
const ACC_LHS: u16 = 2;
/// Result to the accumulator only.
const ACC_DEST: u16 = 4;
/// Result to the slot and the accumulator.
const BOTH_DEST: u16 = 8;

/// The `f64` operators with accumulator forms, by their plain form.
const F64_FAMILIES: [Op; 4] = [Op::F64Add, Op::F64Sub, Op::F64Mul, Op::F64Div];

/// The plain form of `op`'s family and `op`'s form bits, if it has
/// accumulator forms.
fn f64_form(op: Op) -> Option<(Op, u16)> {
    let n = op as u16;
    F64_FAMILIES
        .iter()
        .find(|&&base| (base as u16..base as u16 + 12).contains(&n))
        .map(|&base| (base, n - base as u16))
}

/// The member of `base`'s family with form bits `form`.
fn f64_op(base: Op, form: u16) -> Op {
    Op::ALL[(base as u16 + form) as usize]
}

/// The form of a fused `f64` branch whose left operand is the accumulator.
fn acc_branch(op: Op) -> Option<Op> {
    use Op::*;
    Some(match op {
        BrF64Eq => BrF64EqA,
        BrF64Ne => BrF64NeA,
        BrF64Lt => BrF64LtA,
        BrF64Gt => BrF64GtA,
        BrF64Le => BrF64LeA,
        BrF64Ge => BrF64GeA,
        BrF64NotLt => BrF64NotLtA,
        BrF64NotGt => BrF64NotGtA,
        BrF64NotLe => BrF64NotLeA,
        BrF64NotGe => BrF64NotGeA,
        _ => return None,
    })
}

/// The `f64` branch with its operands exchanged: `a < b` is `b > a`.
fn swap_branch(op: Op) -> Op {
    use Op::*;
    match op {
        BrF64Lt => BrF64Gt,
        BrF64Gt => BrF64Lt,
        BrF64Le => BrF64Ge,
        BrF64Ge => BrF64Le,
        BrF64NotLt => BrF64NotGt,
        BrF64NotGt => BrF64NotLt,
        BrF64NotLe => BrF64NotGe,
        BrF64NotGe => BrF64NotLe,
        other => other,
    }
}
