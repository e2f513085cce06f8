//! The accumulators: a value computed by one instruction and used only by
//! the next one travels in a machine register (an integer one, or a
//! floating-point one for `f64`) instead of a frame slot.
//!
//! A temporary is read exactly once, by the instruction that pops it. So when
//! an instruction's operand is the temporary that the instruction just before
//! it defined (no label in between, see `last_def`), the value is needed
//! nowhere else: the producer is switched to its form that writes the
//! accumulator and the consumer to its form that reads it. When the operand
//! is a local that the instruction just before wrote (`local.set`/`local.tee`
//! retargeted it, see `local_def`), the producer writes both the slot and
//! the accumulator. Chains such as `a * b + c` or `base + i * 4` feeding a
//! load then skip the store and the store-to-load forwarding delay that each
//! link costs through the frame.
//!
//! The forms of an operator are consecutive opcodes (see `for_each_op!`),
//! numbered `dest << operands | operand bits`: destination 0 slot, 1
//! accumulator, 2 both; one bit per operand that can come from the
//! accumulator, the left one highest.

use super::FuncTranslator;
use crate::ir::forms::{Reg, family_of, form_op};
use crate::ir::{Instr, Op};

/// Where a producer's result goes once it feeds the next instruction.
#[derive(Clone, Copy)]
enum Dest {
    /// Only the accumulator (a temporary used by the next instruction alone).
    Acc = 1,
    /// Its slot and the accumulator (a local, which others may read later).
    Both = 2,
}

impl FuncTranslator<'_> {
    /// If the last instruction emitted, `at`, computes its result into a
    /// slot and has accumulator forms for `reg`, switches it to writing
    /// `dest` and returns `true`.
    #[inline]
    fn produce_into_acc(&mut self, at: usize, dest: Dest, reg: Reg) -> bool {
        let Some((fam, form)) = family_of(self.code[at].op) else {
            return false;
        };
        let n = fam.shape.operands();
        if !fam.shape.has_result() || fam.reg != reg || form >> n != 0 {
            return false;
        }
        self.code[at].op = form_op(fam, (dest as u16) << n | form);
        true
    }

    /// `instr`, switched to the form that reads an operand from the
    /// accumulator when the instruction before it computed that operand:
    /// the temporary `temp_def` defines or the local `local_def` wrote.
    fn consume(
        &mut self,
        instr: Instr,
        temp_def: Option<(usize, u16)>,
        local_def: Option<(usize, u16)>,
    ) -> Instr {
        // Only the instruction emitted last can feed an accumulator.
        let last = |def: Option<(usize, u16)>| def.filter(|&(at, _)| at + 1 == self.code.len());
        let (temp_def, local_def) = (last(temp_def), last(local_def));
        if temp_def.is_none() && local_def.is_none() {
            return instr;
        }
        let Some((fam, 0)) = family_of(instr.op) else {
            return instr;
        };
        let n = fam.shape.operands();
        let slots = fam.shape.operand_slots(&instr);
        // The operands (one bit each, the left one highest) in `slot`.
        let reading = |slot: u16| {
            (0..n)
                .filter(|&k| slots[k as usize] == slot)
                .fold(0, |bits, k| bits | 1 << (n - 1 - k))
        };
        // A temporary is one stack position (at most one operand reads it); a
        // local may be both operands.
        for (def, dest) in [(temp_def, Dest::Acc), (local_def, Dest::Both)] {
            let Some((at, slot)) = def else { continue };
            let bits = reading(slot);
            if bits != 0 && self.produce_into_acc(at, dest, fam.reg) {
                return Instr {
                    op: form_op(fam, bits),
                    ..instr
                };
            }
        }
        instr
    }

    /// `instr` reading from the accumulator where the previous instruction
    /// allows it (see [`consume`](Self::consume)).
    #[inline]
    pub(super) fn with_acc(&mut self, instr: Instr) -> Instr {
        let adjacent =
            |def: Option<(usize, u16)>| def.is_some_and(|(at, _)| at + 1 == self.code.len());
        if !adjacent(self.last_def) && !adjacent(self.local_def) {
            return instr;
        }
        self.consume(instr, self.last_def, self.local_def)
    }

    /// The fused branch `op a, b`, reading an operand from the accumulator
    /// when the instruction before the (removed) comparison computed it;
    /// a right operand is moved left by exchanging the comparison's sides.
    pub(super) fn fused_branch_instr(&mut self, op: Op, a: u16, b: u16) -> Instr {
        let (temp_def, local_def) = (self.cond_def.take(), self.cond_local_def.take());
        let instr = Instr::new(op, a, b, 0);
        let left = self.consume(instr, temp_def, local_def);
        if left.op != op || op.format() != crate::ir::Format::BrCmp {
            return left;
        }
        let Some(swapped) = swap_comparison(op) else {
            return instr;
        };
        let right = self.consume(Instr::new(swapped, b, a, 0), temp_def, local_def);
        if right.op != swapped { right } else { instr }
    }
}

/// The comparison with its operands exchanged (`a < b` is `b > a`), for
/// the fused branches.
fn swap_comparison(op: Op) -> Option<Op> {
    use Op::*;
    Some(match op {
        BrI32Eq | BrI32Ne | BrI64Eq | BrI64Ne | BrF64Eq | BrF64Ne => op,
        BrI32LtS => BrI32GtS,
        BrI32GtS => BrI32LtS,
        BrI32LtU => BrI32GtU,
        BrI32GtU => BrI32LtU,
        BrI32LeS => BrI32GeS,
        BrI32GeS => BrI32LeS,
        BrI32LeU => BrI32GeU,
        BrI32GeU => BrI32LeU,
        BrI64LtS => BrI64GtS,
        BrI64GtS => BrI64LtS,
        BrI64LtU => BrI64GtU,
        BrI64GtU => BrI64LtU,
        BrI64LeS => BrI64GeS,
        BrI64GeS => BrI64LeS,
        BrI64LeU => BrI64GeU,
        BrI64GeU => BrI64LeU,
        BrF64Lt => BrF64Gt,
        BrF64Gt => BrF64Lt,
        BrF64Le => BrF64Ge,
        BrF64Ge => BrF64Le,
        BrF64NotLt => BrF64NotGt,
        BrF64NotGt => BrF64NotLt,
        BrF64NotLe => BrF64NotGe,
        BrF64NotGe => BrF64NotLe,
        _ => return None,
    })
}
