//! What each integer, float and memory opcode computes, in terms every
//! architecture's lowering maps to its own instructions: the operation
//! and its width, the relation a comparison tests, the bytes an access
//! moves. One table per fact; the lowerings hold only the mapping to
//! machine operations and conditions.

use crate::ir::Op;
use crate::jit::Width;

/// What an integer operator computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntOp {
    Add,
    Sub,
    And,
    Or,
    Xor,
    Mul,
    Shl,
    ShrS,
    ShrU,
    Rotl,
    Rotr,
    /// Division or remainder, signed or not.
    Div {
        signed: bool,
        rem: bool,
    },
    /// `imm - x` (`sub_imm_lhs`).
    SubFromImm,
}

/// The integer operators with two slot operands (`Format::Bin`), by plain
/// form.
pub(crate) fn int_binary(op: Op) -> Option<(Width, IntOp)> {
    use IntOp::*;
    let div = |signed, rem| Div { signed, rem };
    Some(match op {
        Op::I32Add | Op::I64Add => (width(op, Op::I32Add), Add),
        Op::I32Sub | Op::I64Sub => (width(op, Op::I32Sub), Sub),
        Op::I32And | Op::I64And => (width(op, Op::I32And), And),
        Op::I32Or | Op::I64Or => (width(op, Op::I32Or), Or),
        Op::I32Xor | Op::I64Xor => (width(op, Op::I32Xor), Xor),
        Op::I32Mul | Op::I64Mul => (width(op, Op::I32Mul), Mul),
        Op::I32Shl | Op::I64Shl => (width(op, Op::I32Shl), Shl),
        Op::I32ShrS | Op::I64ShrS => (width(op, Op::I32ShrS), ShrS),
        Op::I32ShrU | Op::I64ShrU => (width(op, Op::I32ShrU), ShrU),
        Op::I32Rotl | Op::I64Rotl => (width(op, Op::I32Rotl), Rotl),
        Op::I32Rotr | Op::I64Rotr => (width(op, Op::I32Rotr), Rotr),
        Op::I32DivS | Op::I64DivS => (width(op, Op::I32DivS), div(true, false)),
        Op::I32DivU | Op::I64DivU => (width(op, Op::I32DivU), div(false, false)),
        Op::I32RemS | Op::I64RemS => (width(op, Op::I32RemS), div(true, true)),
        Op::I32RemU | Op::I64RemU => (width(op, Op::I32RemU), div(false, true)),
        _ => return None,
    })
}

/// The integer operators with a slot and a 16-bit immediate
/// (`Format::BinImm`), by plain form.
pub(crate) fn int_immediate(op: Op) -> Option<(Width, IntOp)> {
    use IntOp::*;
    Some(match op {
        Op::I32AddImm | Op::I64AddImm => (width(op, Op::I32AddImm), Add),
        Op::I32AndImm | Op::I64AndImm => (width(op, Op::I32AndImm), And),
        Op::I32OrImm | Op::I64OrImm => (width(op, Op::I32OrImm), Or),
        Op::I32XorImm | Op::I64XorImm => (width(op, Op::I32XorImm), Xor),
        Op::I32MulImm | Op::I64MulImm => (width(op, Op::I32MulImm), Mul),
        Op::I32ShlImm | Op::I64ShlImm => (width(op, Op::I32ShlImm), Shl),
        Op::I32ShrSImm | Op::I64ShrSImm => (width(op, Op::I32ShrSImm), ShrS),
        Op::I32ShrUImm | Op::I64ShrUImm => (width(op, Op::I32ShrUImm), ShrU),
        Op::I32RotlImm | Op::I64RotlImm => (width(op, Op::I32RotlImm), Rotl),
        Op::I32RotrImm | Op::I64RotrImm => (width(op, Op::I32RotrImm), Rotr),
        Op::I32SubImmLhs | Op::I64SubImmLhs => (width(op, Op::I32SubImmLhs), SubFromImm),
        _ => return None,
    })
}

/// `W32` if `op` is the 32-bit opcode of its pair, else `W64`.
fn width(op: Op, op32: Op) -> Width {
    if op == op32 { Width::W32 } else { Width::W64 }
}

/// An integer relation between a left and a right operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntCond {
    Eq,
    Ne,
    LtS,
    LtU,
    GtS,
    GtU,
    LeS,
    LeU,
    GeS,
    GeU,
}

/// An integer relation in its four opcodes — as a value of two slots, of a
/// slot and an immediate, and fused into a branch likewise — with its width.
pub(crate) struct Relation {
    value: Op,
    value_imm: Op,
    branch: Op,
    branch_imm: Op,
    /// The operands' width.
    pub width: Width,
    /// What holds between the left and the right operand.
    pub cond: IntCond,
}

/// One row of [`RELATIONS`].
const fn rel(ops: [Op; 4], width: Width, cond: IntCond) -> Relation {
    let [value, value_imm, branch, branch_imm] = ops;
    Relation {
        value,
        value_imm,
        branch,
        branch_imm,
        width,
        cond,
    }
}

/// Every integer relation.
#[rustfmt::skip]
const RELATIONS: [Relation; 20] = {
    use IntCond::*;
    use Width::*;
    [
        rel([Op::I32Eq, Op::I32EqImm, Op::BrI32Eq, Op::BrI32EqImm], W32, Eq),
        rel([Op::I32Ne, Op::I32NeImm, Op::BrI32Ne, Op::BrI32NeImm], W32, Ne),
        rel([Op::I32LtS, Op::I32LtSImm, Op::BrI32LtS, Op::BrI32LtSImm], W32, LtS),
        rel([Op::I32LtU, Op::I32LtUImm, Op::BrI32LtU, Op::BrI32LtUImm], W32, LtU),
        rel([Op::I32GtS, Op::I32GtSImm, Op::BrI32GtS, Op::BrI32GtSImm], W32, GtS),
        rel([Op::I32GtU, Op::I32GtUImm, Op::BrI32GtU, Op::BrI32GtUImm], W32, GtU),
        rel([Op::I32LeS, Op::I32LeSImm, Op::BrI32LeS, Op::BrI32LeSImm], W32, LeS),
        rel([Op::I32LeU, Op::I32LeUImm, Op::BrI32LeU, Op::BrI32LeUImm], W32, LeU),
        rel([Op::I32GeS, Op::I32GeSImm, Op::BrI32GeS, Op::BrI32GeSImm], W32, GeS),
        rel([Op::I32GeU, Op::I32GeUImm, Op::BrI32GeU, Op::BrI32GeUImm], W32, GeU),
        rel([Op::I64Eq, Op::I64EqImm, Op::BrI64Eq, Op::BrI64EqImm], W64, Eq),
        rel([Op::I64Ne, Op::I64NeImm, Op::BrI64Ne, Op::BrI64NeImm], W64, Ne),
        rel([Op::I64LtS, Op::I64LtSImm, Op::BrI64LtS, Op::BrI64LtSImm], W64, LtS),
        rel([Op::I64LtU, Op::I64LtUImm, Op::BrI64LtU, Op::BrI64LtUImm], W64, LtU),
        rel([Op::I64GtS, Op::I64GtSImm, Op::BrI64GtS, Op::BrI64GtSImm], W64, GtS),
        rel([Op::I64GtU, Op::I64GtUImm, Op::BrI64GtU, Op::BrI64GtUImm], W64, GtU),
        rel([Op::I64LeS, Op::I64LeSImm, Op::BrI64LeS, Op::BrI64LeSImm], W64, LeS),
        rel([Op::I64LeU, Op::I64LeUImm, Op::BrI64LeU, Op::BrI64LeUImm], W64, LeU),
        rel([Op::I64GeS, Op::I64GeSImm, Op::BrI64GeS, Op::BrI64GeSImm], W64, GeS),
        rel([Op::I64GeU, Op::I64GeUImm, Op::BrI64GeU, Op::BrI64GeUImm], W64, GeU),
    ]
};

/// How an opcode uses a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelationUse {
    /// It computes 0 or 1 (`imm`: the right operand is an immediate).
    Value { imm: bool },
    /// It branches when the relation holds.
    Branch { imm: bool },
}

/// The integer relation `op` (a plain form) computes or branches on.
pub(crate) fn int_relation(op: Op) -> Option<(&'static Relation, RelationUse)> {
    RELATIONS.iter().find_map(|r| {
        let how = if op == r.value {
            RelationUse::Value { imm: false }
        } else if op == r.value_imm {
            RelationUse::Value { imm: true }
        } else if op == r.branch {
            RelationUse::Branch { imm: false }
        } else if op == r.branch_imm {
            RelationUse::Branch { imm: true }
        } else {
            return None;
        };
        Some((r, how))
    })
}

/// A float relation: the Wasm ones, and the negations branches use (true
/// for a NaN operand, where the relation is false).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FloatRel {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    NotLt,
    NotGt,
    NotLe,
    NotGe,
}

/// The float relation `op` computes (`Format::Bin`) or branches on
/// (`Format::BrCmp`), and whether it is on `f64`.
pub(crate) fn float_relation(op: Op) -> Option<(bool, FloatRel)> {
    use FloatRel::*;
    Some(match op {
        Op::F32Eq | Op::BrF32Eq => (false, Eq),
        Op::F32Ne | Op::BrF32Ne => (false, Ne),
        Op::F32Lt | Op::BrF32Lt => (false, Lt),
        Op::F32Gt | Op::BrF32Gt => (false, Gt),
        Op::F32Le | Op::BrF32Le => (false, Le),
        Op::F32Ge | Op::BrF32Ge => (false, Ge),
        Op::BrF32NotLt => (false, NotLt),
        Op::BrF32NotGt => (false, NotGt),
        Op::BrF32NotLe => (false, NotLe),
        Op::BrF32NotGe => (false, NotGe),
        Op::F64Eq | Op::BrF64Eq => (true, Eq),
        Op::F64Ne | Op::BrF64Ne => (true, Ne),
        Op::F64Lt | Op::BrF64Lt => (true, Lt),
        Op::F64Gt | Op::BrF64Gt => (true, Gt),
        Op::F64Le | Op::BrF64Le => (true, Le),
        Op::F64Ge | Op::BrF64Ge => (true, Ge),
        Op::BrF64NotLt => (true, NotLt),
        Op::BrF64NotGt => (true, NotGt),
        Op::BrF64NotLe => (true, NotLe),
        Op::BrF64NotGe => (true, NotGe),
        _ => return None,
    })
}

/// Float arithmetic one instruction computes on every architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
    Sqrt,
}

/// The float arithmetic `op` computes, and whether on `f64`.
pub(crate) fn float_arithmetic(op: Op) -> Option<(bool, FloatOp)> {
    use FloatOp::*;
    Some(match op {
        Op::F32Add => (false, Add),
        Op::F32Sub => (false, Sub),
        Op::F32Mul => (false, Mul),
        Op::F32Div => (false, Div),
        Op::F32Sqrt => (false, Sqrt),
        Op::F64Add => (true, Add),
        Op::F64Sub => (true, Sub),
        Op::F64Mul => (true, Mul),
        Op::F64Div => (true, Div),
        Op::F64Sqrt => (true, Sqrt),
        _ => return None,
    })
}

/// A load's access: bytes read, and how they extend to the result's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Load {
    /// Bytes read: 1, 2, 4 or 8.
    pub bytes: u8,
    /// Whether they are sign-extended (else zero-extended).
    pub signed: bool,
    /// The result's width.
    pub width: Width,
}

/// The loads (their plain forms).
pub(crate) fn load(op: Op) -> Option<Load> {
    let l = |bytes, signed, width| {
        Some(Load {
            bytes,
            signed,
            width,
        })
    };
    match op {
        Op::Load32 => l(4, false, Width::W32),
        Op::Load64 => l(8, false, Width::W64),
        Op::I32Load8S => l(1, true, Width::W32),
        Op::I32Load16S => l(2, true, Width::W32),
        Op::I64Load8S => l(1, true, Width::W64),
        Op::I64Load16S => l(2, true, Width::W64),
        Op::I64Load32S => l(4, true, Width::W64),
        Op::Load8U => l(1, false, Width::W32),
        Op::Load16U => l(2, false, Width::W32),
        _ => None,
    }
}

/// The stores (their plain forms): bytes written.
pub(crate) fn store(op: Op) -> Option<u8> {
    match op {
        Op::Store8 => Some(1),
        Op::Store16 => Some(2),
        Op::Store32 => Some(4),
        Op::Store64 => Some(8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_has_four_distinct_opcodes_found_by_each() {
        for r in &RELATIONS {
            let ops = [r.value, r.value_imm, r.branch, r.branch_imm];
            for (k, &op) in ops.iter().enumerate() {
                let (found, how) = int_relation(op).expect("in the table");
                assert_eq!((found.width, found.cond), (r.width, r.cond), "{op:?}");
                let expected = match k {
                    0 => RelationUse::Value { imm: false },
                    1 => RelationUse::Value { imm: true },
                    2 => RelationUse::Branch { imm: false },
                    _ => RelationUse::Branch { imm: true },
                };
                assert_eq!(how, expected, "{op:?}");
            }
        }
    }

    #[test]
    fn widths_follow_the_opcode_names() {
        for op in Op::ALL {
            let name = op.name();
            let found = int_binary(*op)
                .or_else(|| int_immediate(*op))
                .map(|(w, _)| w)
                .or_else(|| int_relation(*op).map(|(r, _)| r.width));
            if let Some(width) = found {
                let is_64 = name.contains("i64");
                assert_eq!(width.is_64(), is_64, "{name}");
            }
        }
    }
}
