//! Subtyping of value types, as import matching needs it: a reference type
//! matches a wider one (`(ref $t)` is a `(ref null $t)` and a `(ref func)`;
//! `nofunc` is below every function type), and a defined type matches
//! itself and the supertypes it declares. Types are canonical here: every
//! defined type is named by its engine id ([`HeapType::Canonical`]).

use super::type_registry::TypeRegistry;
use crate::sub_type::CompositeKind;
use crate::types::{HeapType, RefType, ValType};

/// Whether a value of type `a` is a value of type `b`.
pub(crate) fn val_subtype(types: &TypeRegistry, a: ValType, b: ValType) -> bool {
    match (a, b) {
        (ValType::Ref(a), ValType::Ref(b)) => ref_subtype(types, a, b),
        (a, b) => a == b,
    }
}

/// Whether a reference of type `a` is a reference of type `b`.
pub(crate) fn ref_subtype(types: &TypeRegistry, a: RefType, b: RefType) -> bool {
    (b.nullable || !a.nullable) && heap_subtype(types, a.heap, b.heap)
}

/// Whether heap type `a` is below (or is) heap type `b`.
pub(crate) fn heap_subtype(types: &TypeRegistry, a: HeapType, b: HeapType) -> bool {
    match (a, b) {
        _ if a == b => true,
        (HeapType::Canonical(a), HeapType::Canonical(b)) => types.is_subtype(a, b),
        (HeapType::Canonical(a), b) => {
            top_of(types.kind(a)).is_some_and(|top| abstract_subtype(top, b))
        }
        (a, HeapType::Canonical(b)) => match types.kind(b) {
            CompositeKind::Func => a == HeapType::NoFunc,
            CompositeKind::Struct | CompositeKind::Array => a == HeapType::None,
            CompositeKind::Cont => false,
        },
        (a, b) => abstract_subtype(a, b),
    }
}

/// The abstract heap type right above the defined types of `kind`.
fn top_of(kind: CompositeKind) -> Option<HeapType> {
    match kind {
        CompositeKind::Func => Some(HeapType::Func),
        CompositeKind::Struct => Some(HeapType::Struct),
        CompositeKind::Array => Some(HeapType::Array),
        // Continuations are not executed; their heap types are not kept.
        CompositeKind::Cont => None,
    }
}

/// Subtyping between abstract heap types: the function, external and
/// exception hierarchies, each with its bottom, and the internal one
/// (`none` below `i31`, `struct` and `array`, below `eq`, below `any`).
fn abstract_subtype(a: HeapType, b: HeapType) -> bool {
    use HeapType as H;
    a == b
        || matches!(
            (a, b),
            (H::NoFunc, H::Func)
                | (H::NoExtern, H::Extern)
                | (H::NoExn, H::Exn)
                | (H::None, H::I31 | H::Struct | H::Array | H::Eq | H::Any)
                | (H::I31 | H::Struct | H::Array, H::Eq | H::Any)
                | (H::Eq, H::Any)
        )
}
