//! How a struct or array of a defined type lies in the GC heap.
//!
//! Every object starts with an 8-byte header ([`HEADER`]): the engine-wide
//! [`TypeId`](crate::types::TypeId) of its type in the low 32 bits (the
//! collector's mark in the top bit of those) and, for an array, its length
//! in the high 32 bits. A struct's fields follow in declaration order, each
//! at its storage type's natural alignment (`i8` 1 byte, `i16` 2, `i32` and
//! `f32` 4, `i64`, `f64` and references 8, `v128` 8-aligned 16), so packed
//! fields take one or two bytes; an array's elements follow the header
//! back to back. Objects are rounded up to 8 bytes.

use crate::sub_type::{CompositeType, FieldType, StorageType};
use crate::types::{HeapType, ValType};
use alloc::boxed::Box;

/// Bytes of an object's header.
pub(crate) const HEADER: u32 = 8;

/// What a field or element holds, as the heap stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// An 8-bit packed integer.
    I8,
    /// A 16-bit packed integer.
    I16,
    /// An `i32` or the bits of an `f32`.
    Bits32,
    /// An `i64` or the bits of an `f64`.
    Bits64,
    /// A `v128`.
    V128,
    /// A reference the collector traces (the internal and external
    /// hierarchies: `anyref`, `externref` and their subtypes).
    GcRef,
    /// A reference it does not (function and exception references, whose
    /// referents live as long as the store).
    OtherRef,
}

/// Every kind, by its code ([`FieldKind::code`]).
const KINDS: [FieldKind; 7] = [
    FieldKind::I8,
    FieldKind::I16,
    FieldKind::Bits32,
    FieldKind::Bits64,
    FieldKind::V128,
    FieldKind::GcRef,
    FieldKind::OtherRef,
];

impl FieldKind {
    /// The kind's code in an instruction's data word.
    pub(crate) fn code(self) -> u16 {
        KINDS.iter().position(|&k| k == self).unwrap_or(0) as u16
    }

    /// The kind a code names (an unknown code reads as `I8`, whose
    /// accesses are the narrowest).
    #[inline(always)]
    pub(crate) fn from_code(code: u16) -> Self {
        KINDS.get(code as usize).copied().unwrap_or(FieldKind::I8)
    }

    /// How a field of storage type `storage` is stored; `is_func` says
    /// whether a defined heap type is a function type.
    pub(crate) fn of(storage: StorageType, is_func: impl Fn(HeapType) -> bool) -> Self {
        match storage {
            StorageType::I8 => FieldKind::I8,
            StorageType::I16 => FieldKind::I16,
            StorageType::Val(ValType::I32 | ValType::F32) => FieldKind::Bits32,
            StorageType::Val(ValType::I64 | ValType::F64) => FieldKind::Bits64,
            StorageType::Val(ValType::V128) => FieldKind::V128,
            StorageType::Val(ValType::Ref(r)) => {
                if is_gc_heap_type(r.heap, is_func) {
                    FieldKind::GcRef
                } else {
                    FieldKind::OtherRef
                }
            }
        }
    }

    /// Bytes the field takes.
    pub(crate) const fn size(self) -> u32 {
        match self {
            FieldKind::I8 => 1,
            FieldKind::I16 => 2,
            FieldKind::Bits32 => 4,
            FieldKind::Bits64 | FieldKind::GcRef | FieldKind::OtherRef => 8,
            FieldKind::V128 => 16,
        }
    }

    /// The field's alignment in the object.
    const fn align(self) -> u32 {
        match self {
            FieldKind::V128 => 8,
            other => other.size(),
        }
    }
}

/// Whether references to heap type `heap` point into the GC heap or at
/// host data (the internal and external hierarchies), which a collector
/// must trace; `is_func` says whether a defined type is a function type.
pub(crate) fn is_gc_heap_type(heap: HeapType, is_func: impl Fn(HeapType) -> bool) -> bool {
    match heap {
        HeapType::Concrete(_) | HeapType::Canonical(_) => !is_func(heap),
        HeapType::Extern | HeapType::NoExtern => true,
        other => other.is_internal(),
    }
}

/// Where each field of a struct type lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StructLayout {
    /// The object's size in bytes, header included (a multiple of 8).
    pub size: u32,
    /// Each field's byte offset in the object and kind, in declaration
    /// order.
    pub fields: Box<[(u32, FieldKind)]>,
}

/// How the objects of a defined type are laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A struct type.
    Struct(StructLayout),
    /// An array type, by its element.
    Array(FieldKind),
    /// A function (or continuation) type: no objects.
    Func,
}

impl Layout {
    /// The layout of composite type `ty`; `is_func` says whether a
    /// defined heap type its fields refer to is a function type.
    pub(crate) fn of(ty: &CompositeType, is_func: impl Fn(HeapType) -> bool) -> Self {
        let kind = |f: &FieldType| FieldKind::of(f.storage, &is_func);
        match ty {
            CompositeType::Struct(fields) => {
                let mut at = HEADER;
                let fields = fields
                    .iter()
                    .map(|f| {
                        let k = kind(f);
                        at = at.next_multiple_of(k.align());
                        let offset = at;
                        at += k.size();
                        (offset, k)
                    })
                    .collect();
                Layout::Struct(StructLayout {
                    size: at.next_multiple_of(8),
                    fields,
                })
            }
            CompositeType::Array(element) => Layout::Array(kind(element)),
            CompositeType::Func(_) | CompositeType::Cont(_) => Layout::Func,
        }
    }
}

/// The size in bytes of an array of `len` elements of `kind`, header
/// included and rounded up to 8; `None` beyond 4 GiB.
pub(crate) fn array_size(kind: FieldKind, len: u32) -> Option<u32> {
    let bytes = (len as u64) * kind.size() as u64 + HEADER as u64;
    u32::try_from(bytes.next_multiple_of(8)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::RefType;
    use alloc::vec;

    fn field(storage: StorageType) -> FieldType {
        FieldType {
            storage,
            mutable: true,
        }
    }

    #[test]
    fn struct_fields_are_packed_at_their_alignment() {
        let anyref = ValType::Ref(RefType {
            nullable: true,
            heap: HeapType::Any,
        });
        let ty = CompositeType::Struct(
            vec![
                field(StorageType::I8),
                field(StorageType::Val(ValType::I64)),
                field(StorageType::I16),
                field(StorageType::I8),
                field(StorageType::Val(ValType::F32)),
                field(StorageType::Val(anyref)),
                field(StorageType::Val(ValType::FUNCREF)),
                field(StorageType::I8),
            ]
            .into(),
        );
        let Layout::Struct(layout) = Layout::of(&ty, |_| false) else {
            panic!("a struct layout")
        };
        use FieldKind as K;
        assert_eq!(
            &*layout.fields,
            &[
                (8, K::I8),
                (16, K::Bits64),
                (24, K::I16),
                (26, K::I8),
                (28, K::Bits32),
                (32, K::GcRef),
                (40, K::OtherRef),
                (48, K::I8),
            ]
        );
        assert_eq!(layout.size, 56);
    }

    #[test]
    fn defined_function_types_are_not_traced() {
        let is_func = |h: HeapType| h == HeapType::Concrete(1);
        let r = |i| {
            StorageType::Val(ValType::Ref(RefType {
                nullable: false,
                heap: HeapType::Concrete(i),
            }))
        };
        assert_eq!(FieldKind::of(r(1), is_func), FieldKind::OtherRef);
        assert_eq!(FieldKind::of(r(2), is_func), FieldKind::GcRef);
        assert_eq!(
            FieldKind::of(StorageType::Val(ValType::EXTERNREF), is_func),
            FieldKind::GcRef
        );
    }

    #[test]
    fn array_sizes_round_up_and_stop_at_4_gib() {
        assert_eq!(array_size(FieldKind::I8, 0), Some(8));
        assert_eq!(array_size(FieldKind::I8, 3), Some(16));
        assert_eq!(array_size(FieldKind::V128, 2), Some(40));
        assert_eq!(array_size(FieldKind::Bits64, u32::MAX), None);
    }
}
