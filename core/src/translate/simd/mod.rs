//! SIMD operators (`v128`) into IR: the shared operand helpers and the
//! dispatch to each family's translator (docs/architecture.md, "SIMD").
//!
//! A `v128` takes two stack positions (low half, then high). An
//! instruction names a pair by its low slot; its high half is the next
//! slot, which holds for a local's pair and for two adjacent temporaries.
//! Any other operand (a constant, or halves that live apart) is first
//! copied into its positions' temporaries. Results go to the temporaries
//! of the first operand's positions, so a destination may overlap an
//! operand: handlers read every operand before writing.

mod convert;
mod float;
mod int_small;
mod int_wide;
mod lanes;
mod mask;
mod memory;
mod relaxed;

use super::{FuncTranslator, MAX_CONSTS, Operand};
use crate::error::Error;
use crate::ir::{Instr, Op, SlotType};
use wasmparser::Operator;

/// A family's translator: `None` when the operator is not one of its own.
type Family = fn(&mut FuncTranslator<'_>, &Operator<'_>, usize) -> Option<Result<(), Error>>;

/// The families, tried in turn.
const FAMILIES: &[Family] = &[
    memory::translate,
    lanes::translate,
    int_small::translate,
    int_wide::translate,
    mask::translate,
    float::translate,
    convert::translate,
    relaxed::translate,
];

impl FuncTranslator<'_> {
    /// Translates the SIMD operator `op`; `None` when it is not one the
    /// translator covers yet (then it is unsupported).
    pub(super) fn translate_simd(
        &mut self,
        op: &Operator<'_>,
        offset: usize,
    ) -> Option<Result<(), Error>> {
        FAMILIES.iter().find_map(|family| family(self, op, offset))
    }

    /// Pops a `v128` and returns the low slot of a pair holding it.
    pub(super) fn pop_v128(&mut self) -> u16 {
        let low = self.stack.len() - 2;
        let slot = match (self.stack[low], self.stack[low + 1]) {
            (Operand::Local(a), Operand::Local(b)) if b == a + 1 => a,
            (Operand::Temp, Operand::Temp) => self.temp_slot(low),
            (Operand::Const(lo), Operand::Const(hi))
                if let Some(pair) = self.const_pair(lo as u128 | (hi as u128) << 64) =>
            {
                pair
            }
            _ => {
                let slot = self.home(low);
                self.home(low + 1);
                slot
            }
        };
        self.truncate(low);
        slot
    }

    /// A pair of constant slots holding `bits` (low half first), shared by
    /// equal `v128` constants of the function; `None` when the function's
    /// constant slots are used up. Constant `k`'s slot while translating is
    /// `u16::MAX - k`, which relocation moves to the `k`th slot after the
    /// locals, so constants `k` and `k + 1` are adjacent there: the pair is
    /// named by its low slot, and nothing before relocation may compute the
    /// high one. Pairs are not shared with scalar constants (the constant
    /// area also holds slots written at run time, such as a legacy `try`'s
    /// exception).
    pub(super) fn const_pair(&mut self, bits: u128) -> Option<u16> {
        if let Some(&(_, k)) = self.const_pairs.iter().find(|(b, _)| *b == bits) {
            return Some(u16::MAX - k);
        }
        let k = self.consts.len();
        if k + 2 > MAX_CONSTS as usize {
            return None;
        }
        self.consts.extend([bits as u64, (bits >> 64) as u64]);
        self.const_pairs.push((bits, k as u16));
        Some(u16::MAX - k as u16)
    }

    /// Pushes the two temporaries of a `v128` result; returns the low one.
    pub(super) fn push_v128(&mut self) -> u16 {
        let slot = self.push_temp(SlotType::V128Low);
        self.push_temp(SlotType::V128High);
        slot
    }

    /// Emits an instruction defining a `v128` pair in its field `a`, or the
    /// data word ending such an instruction, and remembers the instruction:
    /// a `local.set` that follows may retarget it to the local's pair
    /// ([`retarget_v128`](Self::retarget_v128)) instead of copying both
    /// halves.
    pub(super) fn emit_v128(&mut self, i: Instr) {
        let pc = self.emit(i);
        let def = if i.op == Op::Data { pc - 1 } else { pc };
        self.last_def = None;
        self.v128_def = Some((def, self.code[def].a));
    }

    /// `local.set` of the `v128` local at `local` (its low slot) when the
    /// value on top of the stack is the pair the last instruction emitted
    /// defined, and no other stack entry reads the local: points that
    /// instruction's destination at the local (every handler and the JIT
    /// read all operands before writing, so the local may be an operand).
    /// Returns whether it did; the two stack entries are popped if so.
    pub(super) fn retarget_v128(&mut self, local: u16) -> bool {
        let Some((pc, low)) = self.v128_def else {
            return false;
        };
        let top = self.stack.len();
        let last = pc + 1 + self.code[pc].data_words() == self.code.len();
        let is_pair = top >= 2
            && self.stack[top - 2] == Operand::Temp
            && self.stack[top - 1] == Operand::Temp
            && self.temp_slot(top - 2) == low;
        let read = self.local_uses[local as usize] > 0 || self.local_uses[local as usize + 1] > 0;
        if !(last && is_pair) || read {
            return false;
        }
        self.code[pc].a = local;
        self.truncate(top - 2);
        self.v128_def = None;
        true
    }

    /// `a = op(b)` over `v128`s.
    pub(super) fn v128_un(&mut self, op: Op) {
        let src = self.pop_v128();
        let dst = self.push_v128();
        self.emit_v128(Instr::new(op, dst, src, 0));
    }

    /// `a = op(b, c)` over `v128`s; `swap` exchanges the operands (`gt`
    /// as `lt`).
    pub(super) fn v128_bin(&mut self, op: Op, swap: bool) {
        let rhs = self.pop_v128();
        let lhs = self.pop_v128();
        let dst = self.push_v128();
        let (b, c) = if swap { (rhs, lhs) } else { (lhs, rhs) };
        self.emit_v128(Instr::new(op, dst, b, c));
    }

    /// `a = op(b, c, d)` over `v128`s, the third operand in the data word.
    pub(super) fn v128_ternary(&mut self, op: Op) {
        let third = self.pop_v128();
        let second = self.pop_v128();
        let first = self.pop_v128();
        let dst = self.push_v128();
        self.emit(Instr::new(op, dst, first, second));
        self.emit_v128(Instr::new(Op::Data, third, 0, 0));
    }

    /// A `v128` shifted by an `i32` count.
    pub(super) fn v128_shift(&mut self, op: Op) {
        let count = self.pop_slot();
        let src = self.pop_v128();
        let dst = self.push_v128();
        self.emit_v128(Instr::new(op, dst, src, count));
    }

    /// A scalar of type `ty` computed from a `v128` (`c` = `lane`).
    pub(super) fn v128_to_scalar(&mut self, op: Op, ty: SlotType, lane: u8) {
        let src = self.pop_v128();
        let dst = self.push_temp(ty);
        self.emit_def(Instr::new(op, dst, src, lane as u16));
    }
}
