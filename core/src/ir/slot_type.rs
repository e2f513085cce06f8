//! What a frame slot holds: the side table that lets a pass over the IR find
//! references (a collector's roots) and the halves of `v128` values without
//! knowing the Wasm they came from.

use super::Op;
use crate::types::{HeapType, ValType};

/// The type of the value in one 64-bit frame slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum SlotType {
    /// An `i32`, zero-extended.
    I32,
    /// An `i64`.
    I64,
    /// An `f32`'s bits, zero-extended.
    F32,
    /// An `f64`'s bits.
    F64,
    /// The low 64 bits of a `v128`; the next slot holds [`SlotType::V128High`].
    V128Low,
    /// The high 64 bits of a `v128`; the slot before holds [`SlotType::V128Low`].
    V128High,
    /// A function reference (`0` for null, else a store function index plus one).
    FuncRef,
    /// A reference of the external hierarchy (`0` for null, else tagged
    /// host data, an `i31` or a GC object: see `gc/mod.rs`).
    ExternRef,
    /// A reference of the internal hierarchy (`anyref` and below: `0` for
    /// null, else an `i31`, a GC object or, converted from `externref`,
    /// tagged host data).
    AnyRef,
    /// An exception reference (`0` for null, else a store exception index
    /// plus one).
    ExnRef,
}

impl SlotType {
    /// The slot types of a value of type `ty`, low slot first: one entry,
    /// or two for a `v128`.
    pub fn of(ty: ValType) -> &'static [SlotType] {
        match ty {
            ValType::I32 => &[SlotType::I32],
            ValType::I64 => &[SlotType::I64],
            ValType::F32 => &[SlotType::F32],
            ValType::F64 => &[SlotType::F64],
            ValType::V128 => &[SlotType::V128Low, SlotType::V128High],
            ValType::Ref(r) if matches!(r.heap, HeapType::Extern | HeapType::NoExtern) => {
                &[SlotType::ExternRef]
            }
            ValType::Ref(r) if matches!(r.heap, HeapType::Exn | HeapType::NoExn) => {
                &[SlotType::ExnRef]
            }
            ValType::Ref(r) if r.heap.is_internal() => &[SlotType::AnyRef],
            ValType::Ref(_) => &[SlotType::FuncRef],
        }
    }

    /// [`SlotType::of`] for a type that may refer to a defined type:
    /// `is_func` says whether a defined heap type is a function type
    /// (references to struct and array types are [`SlotType::AnyRef`]).
    pub fn of_defined(ty: ValType, is_func: impl Fn(HeapType) -> bool) -> &'static [SlotType] {
        match ty {
            ValType::Ref(r)
                if matches!(r.heap, HeapType::Concrete(_) | HeapType::Canonical(_))
                    && !is_func(r.heap) =>
            {
                &[SlotType::AnyRef]
            }
            other => SlotType::of(other),
        }
    }

    /// Whether the slot holds a reference the collector traces (the
    /// internal and external hierarchies).
    pub fn is_gc_ref(self) -> bool {
        matches!(self, SlotType::ExternRef | SlotType::AnyRef)
    }

    /// Whether the slot holds a reference.
    pub fn is_ref(self) -> bool {
        matches!(
            self,
            SlotType::FuncRef | SlotType::ExternRef | SlotType::AnyRef | SlotType::ExnRef
        )
    }

    /// The name `--dump-ir` prints.
    pub fn name(self) -> &'static str {
        match self {
            SlotType::I32 => "i32",
            SlotType::I64 => "i64",
            SlotType::F32 => "f32",
            SlotType::F64 => "f64",
            SlotType::V128Low => "v128.lo",
            SlotType::V128High => "v128.hi",
            SlotType::FuncRef => "funcref",
            SlotType::ExternRef => "externref",
            SlotType::AnyRef => "anyref",
            SlotType::ExnRef => "exnref",
        }
    }
}

impl Op {
    /// The type of the value an instruction of this opcode defines, where
    /// the opcode alone says it: an operator named `t.name` defines a `t`,
    /// except that comparisons (`eq`, `eqz`, `ne`, `lt`, `gt`, `le`, `ge`)
    /// define an `i32`. `None` for opcodes that define nothing and for the
    /// untyped ones (`copy`, `select`, `load32`, `global.get`, ...), whose
    /// result type the translator knows from the Wasm operator.
    pub fn result_type(self) -> Option<SlotType> {
        RESULT_TYPES[self as usize]
    }
}

/// [`Op::result_type`] of every opcode, read off the names in the opcode list.
static RESULT_TYPES: [Option<SlotType>; Op::ALL.len()] = {
    let mut table = [None; Op::ALL.len()];
    let mut k = 0;
    while k < Op::ALL.len() {
        table[k] = result_type_of_name(Op::ALL[k].name().as_bytes());
        k += 1;
    }
    table
};

/// The definition behind [`Op::result_type`], from an opcode's name.
const fn result_type_of_name(name: &[u8]) -> Option<SlotType> {
    if name.len() < 5 || name[3] != b'.' {
        return None;
    }
    let ty = match [name[0], name[1], name[2]] {
        [b'i', b'3', b'2'] => SlotType::I32,
        [b'i', b'6', b'4'] => SlotType::I64,
        [b'f', b'3', b'2'] => SlotType::F32,
        [b'f', b'6', b'4'] => SlotType::F64,
        _ => return None,
    };
    // The operator's first word: up to `_`, `.` or the end.
    let mut end = 4;
    while end < name.len() && name[end] != b'_' && name[end] != b'.' {
        end += 1;
    }
    let is_comparison = match end - 4 {
        2 => matches!(
            [name[4], name[5]],
            [b'e', b'q'] | [b'n', b'e'] | [b'l', b't'] | [b'g', b't'] | [b'l', b'e'] | [b'g', b'e']
        ),
        3 => matches!([name[4], name[5], name[6]], [b'e', b'q', b'z']),
        _ => false,
    };
    Some(if is_comparison { SlotType::I32 } else { ty })
}

/// The operand stack at a call: for each temporary below the callee's
/// frame, the type of the value it holds, or `None` where the position's
/// value lives elsewhere (in a local or constant slot) and the temporary
/// holds a stale value that must not be read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackMap {
    /// The call's pc.
    pub pc: u32,
    /// Where its entries start in [`CompiledFunc::stack_types`](super::CompiledFunc::stack_types).
    pub start: u32,
    /// How many temporaries (from the first) it covers.
    pub len: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::RefType;

    #[test]
    fn v128_takes_two_slots_and_references_are_found() {
        assert_eq!(
            SlotType::of(ValType::V128),
            [SlotType::V128Low, SlotType::V128High]
        );
        assert_eq!(SlotType::of(ValType::V128).len(), ValType::V128.slots());
        assert!(SlotType::of(ValType::EXTERNREF)[0].is_ref());
        assert_eq!(
            SlotType::of(ValType::Ref(RefType {
                nullable: false,
                heap: HeapType::Concrete(0),
            })),
            [SlotType::FuncRef]
        );
        assert!(!SlotType::I64.is_ref());
    }

    #[test]
    fn result_types_follow_the_opcode_names() {
        use SlotType as T;
        for (op, ty) in [
            (Op::I32Add, Some(T::I32)),
            (Op::I64LtSImm, Some(T::I32)),
            (Op::I64Eqz, Some(T::I32)),
            (Op::F64Ne, Some(T::I32)),
            (Op::F32Neg, Some(T::F32)),
            (Op::F64Nearest, Some(T::F64)),
            (Op::I64ExtendI32S, Some(T::I64)),
            (Op::F32ConvertI64U, Some(T::F32)),
            (Op::I32WrapI64, Some(T::I32)),
            (Op::I64Load32S, Some(T::I64)),
            (Op::Load32, None),
            (Op::Copy, None),
            (Op::BrI32Eq, None),
            (Op::MemoryGrow, None),
        ] {
            assert_eq!(op.result_type(), ty, "{}", op.name());
        }
        // Every accumulator form defines what its plain form does.
        for &op in Op::ALL {
            assert_eq!(op.result_type(), op.base().result_type(), "{}", op.name());
        }
    }
}
