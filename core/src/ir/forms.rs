//! Accumulator forms: the operators whose result or operands can travel in
//! an accumulator register instead of a frame slot, as families of
//! consecutive opcodes (see `for_each_op!`). One table, [`FAMILIES`], says
//! which they are; the translator picks forms from it, and any reader of the
//! IR folds a form back to its operator with [`Op::base`] and [`Op::form`].
//!
//! The forms of an operator are consecutive opcodes numbered
//! `dest << operands | operand bits`: destination 0 slot, 1 accumulator, 2
//! both; one bit per operand that can come from the accumulator, the left
//! one highest.

use super::{Instr, Op};

/// Which accumulator a family of forms uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reg {
    /// The integer accumulator (i32 values zero-extended, as in slots).
    Int,
    /// The `f64` accumulator.
    Float,
}

/// Which fields of an instruction a family's forms can take from the
/// accumulator, and whether it has a result.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
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
    pub(crate) const fn operands(self) -> u16 {
        match self {
            Shape::Bin | Shape::Store => 2,
            Shape::Un | Shape::Branch => 1,
        }
    }

    /// Whether the family computes a result (that can go to the accumulator).
    pub(crate) const fn has_result(self) -> bool {
        matches!(self, Shape::Bin | Shape::Un)
    }

    /// How many forms the family has.
    pub(crate) const fn forms(self) -> u16 {
        let dests = if self.has_result() { 3 } else { 1 };
        dests << self.operands()
    }

    /// The slots of the accumulator-capable operands, left first.
    pub(crate) fn operand_slots(self, i: &Instr) -> [u16; 2] {
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
pub(crate) struct Family {
    /// The plain form.
    pub base: Op,
    /// Which operands can come from the accumulator.
    pub shape: Shape,
    /// Which accumulator.
    pub reg: Reg,
}

const fn family(base: Op, shape: Shape, reg: Reg) -> Family {
    Family { base, shape, reg }
}

/// The family of `op` and `op`'s form number in it.
pub(crate) fn family_of(op: Op) -> Option<(Family, u16)> {
    let f = FAMILY_OF[op as usize];
    if f == 0 {
        return None;
    }
    let fam = FAMILIES[f as usize - 1];
    Some((fam, op as u16 - fam.base as u16))
}

/// The form numbered `form` of `fam`.
pub(crate) fn form_op(fam: Family, form: u16) -> Op {
    Op::ALL[(fam.base as u16 + form) as usize]
}

/// For every opcode, one more than the index of its family in
/// [`FAMILIES`], or 0.
static FAMILY_OF: [u8; Op::ALL.len()] = FAMILY_TABLE;

/// [`FAMILY_OF`] for constant evaluation.
const FAMILY_TABLE: [u8; Op::ALL.len()] = family_table();

/// [`Op::base`] for constant evaluation (the tables derived from opcodes).
pub(crate) const fn base_of(op: Op) -> Op {
    let f = FAMILY_TABLE[op as usize];
    if f == 0 {
        op
    } else {
        FAMILIES[f as usize - 1].base
    }
}

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
///
/// A family costs a handler per form (eleven for `Shape::Bin`, five for
/// `Shape::Un`) and a row in each opcode table, so an operator has forms
/// only where they pay: where its forms ran at least 0.5 % of the executed
/// instructions of some program of the benchmark corpus (counted with the
/// portable interpreter over the 45 timed programs; docs/performance.md,
/// "Accumulator forms that did not pay"). i64 shifts and rotates by a
/// register, signed divisions and remainders, `i64.sub`, `i64.mul_imm` and
/// the sign-extending loads other than `i32.load8_s` have none.
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
    family(Op::I32ShrU, Shape::Bin, Reg::Int),
    family(Op::I32Rotl, Shape::Bin, Reg::Int),
    family(Op::I32DivU, Shape::Bin, Reg::Int),
    family(Op::I32RemU, Shape::Bin, Reg::Int),
    family(Op::I64Add, Shape::Bin, Reg::Int),
    family(Op::I64Mul, Shape::Bin, Reg::Int),
    family(Op::I64And, Shape::Bin, Reg::Int),
    family(Op::I64Or, Shape::Bin, Reg::Int),
    family(Op::I64Xor, Shape::Bin, Reg::Int),
    family(Op::I64DivU, Shape::Bin, Reg::Int),
    family(Op::I64RemS, Shape::Bin, Reg::Int),
    family(Op::I32AddImm, Shape::Un, Reg::Int),
    family(Op::I32MulImm, Shape::Un, Reg::Int),
    family(Op::I32AndImm, Shape::Un, Reg::Int),
    family(Op::I32OrImm, Shape::Un, Reg::Int),
    family(Op::I32XorImm, Shape::Un, Reg::Int),
    family(Op::I32ShlImm, Shape::Un, Reg::Int),
    family(Op::I32ShrUImm, Shape::Un, Reg::Int),
    family(Op::I32RotlImm, Shape::Un, Reg::Int),
    family(Op::I32RotrImm, Shape::Un, Reg::Int),
    family(Op::I32SubImmLhs, Shape::Un, Reg::Int),
    family(Op::I64AddImm, Shape::Un, Reg::Int),
    family(Op::I64AndImm, Shape::Un, Reg::Int),
    family(Op::I64OrImm, Shape::Un, Reg::Int),
    family(Op::I64XorImm, Shape::Un, Reg::Int),
    family(Op::I64ShlImm, Shape::Un, Reg::Int),
    family(Op::I64ShrUImm, Shape::Un, Reg::Int),
    family(Op::I64RotlImm, Shape::Un, Reg::Int),
    family(Op::Load32, Shape::Un, Reg::Int),
    family(Op::Load64, Shape::Un, Reg::Int),
    family(Op::I32Load8S, Shape::Un, Reg::Int),
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

/// Where an instruction's destination and accumulator-capable operands
/// live, for an opcode that is a form of an operator with accumulator forms
/// (see [`Op::form`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// The result goes to the accumulator.
    pub result_in_acc: bool,
    /// The result also (or only) goes to its slot.
    pub result_in_slot: bool,
    /// Bit `k` (from the left operand, highest) set: operand `k` is read from
    /// the accumulator rather than from its slot.
    pub operands_from_acc: u8,
}

impl Op {
    /// The operator this opcode is a form of: the plain (all-slots) opcode
    /// for an accumulator form, the opcode itself otherwise.
    pub fn base(self) -> Op {
        match family_of(self) {
            Some((fam, _)) => fam.base,
            None => self,
        }
    }

    /// Where this opcode's destination and operands live, if it belongs to a
    /// family with accumulator forms; `None` for every other opcode (all of
    /// whose operands are slots).
    pub fn form(self) -> Option<Form> {
        let (fam, form) = family_of(self)?;
        let n = fam.shape.operands();
        let dest = form >> n;
        Some(Form {
            result_in_acc: fam.shape.has_result() && dest != 0,
            result_in_slot: fam.shape.has_result() && dest != 1,
            operands_from_acc: (form & ((1 << n) - 1)) as u8,
        })
    }
}

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
