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
use crate::ir::{Instr, Op};

/// Which accumulator a family of forms uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reg {
    /// The integer accumulator (i32 values zero-extended, as in slots).
    Int,
    /// The `f64` accumulator.
    Float,
}

/// Which fields of an instruction a family's forms can take from the
/// accumulator, and whether it has a result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `a = b op c`: twelve forms.
    Bin,
    /// `a = op b` (immediate operators, loads): six forms.
    Un,
    /// A store: address `a`, value `b`, no result: four forms.
    Store,
    /// A branch on `a` (compared with `b`, an immediate or zero): two forms.
    Branch,
}

impl Shape {
    /// How many operands can come from the accumulator.
    const fn operands(self) -> u16 {
        match self {
            Shape::Bin | Shape::Store => 2,
            Shape::Un | Shape::Branch => 1,
        }
    }

    /// Whether the family computes a result (that can go to the accumulator).
    const fn has_result(self) -> bool {
        matches!(self, Shape::Bin | Shape::Un)
    }

    /// How many forms the family has.
    const fn forms(self) -> u16 {
        let dests = if self.has_result() { 3 } else { 1 };
        dests << self.operands()
    }

    /// The slots of the accumulator-capable operands, left first.
    fn operand_slots(self, i: &Instr) -> [u16; 2] {
        match self {
            Shape::Bin => [i.b, i.c],
            Shape::Un => [i.b, 0],
            Shape::Store => [i.a, i.b],
            Shape::Branch => [i.a, 0],
        }
    }
}

/// An operator with accumulator forms: its plain form first.
#[derive(Clone, Copy)]
struct Family {
    base: Op,
    shape: Shape,
    reg: Reg,
}

const fn family(base: Op, shape: Shape, reg: Reg) -> Family {
    Family { base, shape, reg }
}

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

/// The family of `op` and `op`'s form number in it.
fn family_of(op: Op) -> Option<(Family, u16)> {
    let f = FAMILY_OF[op as usize];
    if f == 0 {
        return None;
    }
    let fam = FAMILIES[f as usize - 1];
    Some((fam, op as u16 - fam.base as u16))
}

/// The form numbered `form` of `fam`.
fn form_op(fam: Family, form: u16) -> Op {
    Op::ALL[(fam.base as u16 + form) as usize]
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

/// For every opcode, one more than the index of its family in
/// [`FAMILIES`], or 0.
static FAMILY_OF: [u8; Op::ALL.len()] = family_table();

const fn family_table() -> [u8; Op::ALL.len()] {
    let mut table = [0u8; Op::ALL.len()];
    let mut f = 0;
    while f < FAMILIES.len() {
        let fam = FAMILIES[f];
        let mut k = 0;
        while k < fam.shape.forms() {
            table[fam.base as usize + k as usize] = f as u8 + 1;
            k += 1;
        }
        f += 1;
    }
    table
}

/// Every operator with accumulator forms.
const FAMILIES: &[Family] = &[
    family(Op::F64Add, Shape::Bin, Reg::Float),
    family(Op::F64Sub, Shape::Bin, Reg::Float),
    family(Op::F64Mul, Shape::Bin, Reg::Float),
    family(Op::F64Div, Shape::Bin, Reg::Float),
    family(Op::I32Add, Shape::Bin, Reg::Int),
    family(Op::I32Sub, Shape::Bin, Reg::Int),
    family(Op::I32Mul, Shape::Bin, Reg::Int),
    family(Op::I32And, Shape::Bin, Reg::Int),
    family(Op::I32Or, Shape::Bin, Reg::Int),
    family(Op::I32Xor, Shape::Bin, Reg::Int),
    family(Op::I32Shl, Shape::Bin, Reg::Int),
    family(Op::I32ShrS, Shape::Bin, Reg::Int),
    family(Op::I32ShrU, Shape::Bin, Reg::Int),
    family(Op::I32Rotl, Shape::Bin, Reg::Int),
    family(Op::I32Rotr, Shape::Bin, Reg::Int),
    family(Op::I32DivS, Shape::Bin, Reg::Int),
    family(Op::I32DivU, Shape::Bin, Reg::Int),
    family(Op::I32RemS, Shape::Bin, Reg::Int),
    family(Op::I32RemU, Shape::Bin, Reg::Int),
    family(Op::I64Add, Shape::Bin, Reg::Int),
    family(Op::I64Sub, Shape::Bin, Reg::Int),
    family(Op::I64Mul, Shape::Bin, Reg::Int),
    family(Op::I64And, Shape::Bin, Reg::Int),
    family(Op::I64Or, Shape::Bin, Reg::Int),
    family(Op::I64Xor, Shape::Bin, Reg::Int),
    family(Op::I64Shl, Shape::Bin, Reg::Int),
    family(Op::I64ShrS, Shape::Bin, Reg::Int),
    family(Op::I64ShrU, Shape::Bin, Reg::Int),
    family(Op::I64Rotl, Shape::Bin, Reg::Int),
    family(Op::I64Rotr, Shape::Bin, Reg::Int),
    family(Op::I64DivS, Shape::Bin, Reg::Int),
    family(Op::I64DivU, Shape::Bin, Reg::Int),
    family(Op::I64RemS, Shape::Bin, Reg::Int),
    family(Op::I64RemU, Shape::Bin, Reg::Int),
    family(Op::I32AddImm, Shape::Un, Reg::Int),
    family(Op::I32MulImm, Shape::Un, Reg::Int),
    family(Op::I32AndImm, Shape::Un, Reg::Int),
    family(Op::I32OrImm, Shape::Un, Reg::Int),
    family(Op::I32XorImm, Shape::Un, Reg::Int),
    family(Op::I32ShlImm, Shape::Un, Reg::Int),
    family(Op::I32ShrSImm, Shape::Un, Reg::Int),
    family(Op::I32ShrUImm, Shape::Un, Reg::Int),
    family(Op::I32RotlImm, Shape::Un, Reg::Int),
    family(Op::I32RotrImm, Shape::Un, Reg::Int),
    family(Op::I32SubImmLhs, Shape::Un, Reg::Int),
    family(Op::I64AddImm, Shape::Un, Reg::Int),
    family(Op::I64MulImm, Shape::Un, Reg::Int),
    family(Op::I64AndImm, Shape::Un, Reg::Int),
    family(Op::I64OrImm, Shape::Un, Reg::Int),
    family(Op::I64XorImm, Shape::Un, Reg::Int),
    family(Op::I64ShlImm, Shape::Un, Reg::Int),
    family(Op::I64ShrSImm, Shape::Un, Reg::Int),
    family(Op::I64ShrUImm, Shape::Un, Reg::Int),
    family(Op::I64RotlImm, Shape::Un, Reg::Int),
    family(Op::I64RotrImm, Shape::Un, Reg::Int),
    family(Op::I64SubImmLhs, Shape::Un, Reg::Int),
    family(Op::Load32, Shape::Un, Reg::Int),
    family(Op::Load64, Shape::Un, Reg::Int),
    family(Op::I32Load8S, Shape::Un, Reg::Int),
    family(Op::I32Load16S, Shape::Un, Reg::Int),
    family(Op::I64Load8S, Shape::Un, Reg::Int),
    family(Op::I64Load16S, Shape::Un, Reg::Int),
    family(Op::I64Load32S, Shape::Un, Reg::Int),
    family(Op::Load8U, Shape::Un, Reg::Int),
    family(Op::Load16U, Shape::Un, Reg::Int),
    family(Op::Store8, Shape::Store, Reg::Int),
    family(Op::Store16, Shape::Store, Reg::Int),
    family(Op::Store32, Shape::Store, Reg::Int),
    family(Op::Store64, Shape::Store, Reg::Int),
    family(Op::BrI32Eq, Shape::Branch, Reg::Int),
    family(Op::BrI32Ne, Shape::Branch, Reg::Int),
    family(Op::BrI32LtS, Shape::Branch, Reg::Int),
    family(Op::BrI32LtU, Shape::Branch, Reg::Int),
    family(Op::BrI32GtS, Shape::Branch, Reg::Int),
    family(Op::BrI32GtU, Shape::Branch, Reg::Int),
    family(Op::BrI32LeS, Shape::Branch, Reg::Int),
    family(Op::BrI32LeU, Shape::Branch, Reg::Int),
    family(Op::BrI32GeS, Shape::Branch, Reg::Int),
    family(Op::BrI32GeU, Shape::Branch, Reg::Int),
    family(Op::BrI64Eq, Shape::Branch, Reg::Int),
    family(Op::BrI64Ne, Shape::Branch, Reg::Int),
    family(Op::BrI64LtS, Shape::Branch, Reg::Int),
    family(Op::BrI64LtU, Shape::Branch, Reg::Int),
    family(Op::BrI64GtS, Shape::Branch, Reg::Int),
    family(Op::BrI64GtU, Shape::Branch, Reg::Int),
    family(Op::BrI64LeS, Shape::Branch, Reg::Int),
    family(Op::BrI64LeU, Shape::Branch, Reg::Int),
    family(Op::BrI64GeS, Shape::Branch, Reg::Int),
    family(Op::BrI64GeU, Shape::Branch, Reg::Int),
    family(Op::BrI32EqImm, Shape::Branch, Reg::Int),
    family(Op::BrI32NeImm, Shape::Branch, Reg::Int),
    family(Op::BrI32LtSImm, Shape::Branch, Reg::Int),
    family(Op::BrI32LtUImm, Shape::Branch, Reg::Int),
    family(Op::BrI32GtSImm, Shape::Branch, Reg::Int),
    family(Op::BrI32GtUImm, Shape::Branch, Reg::Int),
    family(Op::BrI32LeSImm, Shape::Branch, Reg::Int),
    family(Op::BrI32LeUImm, Shape::Branch, Reg::Int),
    family(Op::BrI32GeSImm, Shape::Branch, Reg::Int),
    family(Op::BrI32GeUImm, Shape::Branch, Reg::Int),
    family(Op::BrI64EqImm, Shape::Branch, Reg::Int),
    family(Op::BrI64NeImm, Shape::Branch, Reg::Int),
    family(Op::BrI64LtSImm, Shape::Branch, Reg::Int),
    family(Op::BrI64LtUImm, Shape::Branch, Reg::Int),
    family(Op::BrI64GtSImm, Shape::Branch, Reg::Int),
    family(Op::BrI64GtUImm, Shape::Branch, Reg::Int),
    family(Op::BrI64LeSImm, Shape::Branch, Reg::Int),
    family(Op::BrI64LeUImm, Shape::Branch, Reg::Int),
    family(Op::BrI64GeSImm, Shape::Branch, Reg::Int),
    family(Op::BrI64GeUImm, Shape::Branch, Reg::Int),
    family(Op::BrIfNez, Shape::Branch, Reg::Int),
    family(Op::BrIfEqz, Shape::Branch, Reg::Int),
    family(Op::BrF64Eq, Shape::Branch, Reg::Float),
    family(Op::BrF64Ne, Shape::Branch, Reg::Float),
    family(Op::BrF64Lt, Shape::Branch, Reg::Float),
    family(Op::BrF64Gt, Shape::Branch, Reg::Float),
    family(Op::BrF64Le, Shape::Branch, Reg::Float),
    family(Op::BrF64Ge, Shape::Branch, Reg::Float),
    family(Op::BrF64NotLt, Shape::Branch, Reg::Float),
    family(Op::BrF64NotGt, Shape::Branch, Reg::Float),
    family(Op::BrF64NotLe, Shape::Branch, Reg::Float),
    family(Op::BrF64NotGe, Shape::Branch, Reg::Float),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each family's forms follow its plain form, named after it.
    #[test]
    fn forms_follow_their_family() {
        for fam in FAMILIES {
            let base = fam.base.name();
            for k in 1..fam.shape.forms() {
                let name = form_op(*fam, k).name();
                let suffix = name
                    .strip_prefix(base)
                    .and_then(|s| s.strip_prefix('.'))
                    .unwrap_or_else(|| panic!("{name} is not a form of {base}"));
                let letters = (fam.shape.operands() + u16::from(fam.shape.has_result())) as usize;
                if fam.shape != Shape::Branch {
                    assert_eq!(suffix.len(), letters, "{name}");
                }
            }
        }
        assert!(FAMILIES.len() < 255);
    }
}
