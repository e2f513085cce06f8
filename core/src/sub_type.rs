//! The definitions of a type section: each type a sub type (final or not,
//! with its declared supertype) of a function, struct or array type, grouped
//! into recursion groups.
//!
//! One shape serves three ways of naming the types a definition refers to,
//! told apart by where the definition is kept:
//! - in a module ([`ModuleInfo`](crate::module::ModuleInfo)), a
//!   [`HeapType::Concrete`] is an index of the module's type section;
//! - in the key of a recursion group of the engine's registry, a
//!   [`HeapType::Concrete`] is an index *within the group*, and a type
//!   outside the group is a [`HeapType::Canonical`] id;
//! - in the registry's record of one type, every reference is a
//!   [`HeapType::Canonical`] id.
//!
//! [`SubType::map_heap`] rewrites one way into another.

use crate::types::{FuncType, HeapType, RefType, ValType};
use alloc::{sync::Arc, vec::Vec};

/// One type definition of a recursion group.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SubType {
    /// Whether no type may declare this one as its supertype.
    pub is_final: bool,
    /// The declared supertype, a `Concrete` or `Canonical` heap type.
    pub supertype: Option<HeapType>,
    /// Whether the type is shared between threads.
    pub shared: bool,
    /// What the type describes.
    pub composite: CompositeType,
}

/// What a defined type describes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum CompositeType {
    /// A function signature.
    Func(FuncType),
    /// A struct, by its fields.
    Struct(Arc<[FieldType]>),
    /// An array, by its element.
    Array(FieldType),
    /// A continuation of a function type (stack switching).
    Cont(HeapType),
}

/// A field of a struct or the element of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FieldType {
    /// What the field stores.
    pub storage: StorageType,
    /// Whether the field may be set.
    pub mutable: bool,
}

/// What a field stores: a value, or a packed integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum StorageType {
    /// An 8-bit integer.
    I8,
    /// A 16-bit integer.
    I16,
    /// A value.
    Val(ValType),
}

/// The broad kind of a defined type, which decides the abstract heap types
/// above it (`func`; `struct`, `eq`, `any`; `array`, `eq`, `any`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompositeKind {
    /// A function type.
    Func,
    /// A struct type.
    Struct,
    /// An array type.
    Array,
    /// A continuation type.
    Cont,
}

impl SubType {
    /// The definition of a type read by wasmparser from a type section
    /// (whose references are module indices, as [`HeapType::Concrete`]).
    pub(crate) fn from_wasmparser(ty: &wasmparser::SubType) -> Self {
        use wasmparser::CompositeInnerType as C;
        let index = |i: &wasmparser::PackedIndex| {
            HeapType::Concrete(i.as_module_index().unwrap_or(u32::MAX))
        };
        let composite = match &ty.composite_type.inner {
            C::Func(f) => CompositeType::Func(FuncType::from_wasmparser(f)),
            C::Struct(s) => {
                CompositeType::Struct(s.fields.iter().map(FieldType::from_wasmparser).collect())
            }
            C::Array(a) => CompositeType::Array(FieldType::from_wasmparser(&a.0)),
            C::Cont(c) => CompositeType::Cont(index(&c.0)),
        };
        Self {
            is_final: ty.is_final,
            supertype: ty.supertype_idxs.first().map(index),
            shared: ty.composite_type.shared,
            composite,
        }
    }

    /// The broad kind of the type.
    pub(crate) fn kind(&self) -> CompositeKind {
        match self.composite {
            CompositeType::Func(_) => CompositeKind::Func,
            CompositeType::Struct(_) => CompositeKind::Struct,
            CompositeType::Array(_) => CompositeKind::Array,
            CompositeType::Cont(_) => CompositeKind::Cont,
        }
    }

    /// The signature, for a function type.
    pub(crate) fn func(&self) -> Option<&FuncType> {
        match &self.composite {
            CompositeType::Func(f) => Some(f),
            _ => None,
        }
    }

    /// The same definition with every `Concrete` or `Canonical` heap type
    /// `h` it refers to replaced by `f(h)`.
    pub(crate) fn map_heap(&self, f: &mut impl FnMut(HeapType) -> HeapType) -> Self {
        let composite = match &self.composite {
            CompositeType::Func(ty) => CompositeType::Func(ty.map_heap(f)),
            CompositeType::Struct(fields) => {
                CompositeType::Struct(fields.iter().map(|x| x.map_heap(f)).collect())
            }
            CompositeType::Array(field) => CompositeType::Array(field.map_heap(f)),
            CompositeType::Cont(h) => CompositeType::Cont(f(*h)),
        };
        Self {
            is_final: self.is_final,
            supertype: self.supertype.map(&mut *f),
            shared: self.shared,
            composite,
        }
    }
}

impl FieldType {
    fn from_wasmparser(field: &wasmparser::FieldType) -> Self {
        let storage = match field.element_type {
            wasmparser::StorageType::I8 => StorageType::I8,
            wasmparser::StorageType::I16 => StorageType::I16,
            wasmparser::StorageType::Val(v) => StorageType::Val(ValType::from_wasmparser(v)),
        };
        Self {
            storage,
            mutable: field.mutable,
        }
    }

    fn map_heap(&self, f: &mut impl FnMut(HeapType) -> HeapType) -> Self {
        let storage = match self.storage {
            StorageType::Val(v) => StorageType::Val(v.map_heap(f)),
            packed => packed,
        };
        Self {
            storage,
            mutable: self.mutable,
        }
    }
}

impl ValType {
    /// The same type with a reference to a defined type `h` replaced by
    /// `f(h)` (abstract heap types are kept).
    pub(crate) fn map_heap(self, f: &mut impl FnMut(HeapType) -> HeapType) -> Self {
        match self {
            ValType::Ref(r) => ValType::Ref(r.map_heap(f)),
            other => other,
        }
    }
}

impl RefType {
    /// The same type with a reference to a defined type `h` replaced by
    /// `f(h)` (abstract heap types are kept).
    pub(crate) fn map_heap(self, f: &mut impl FnMut(HeapType) -> HeapType) -> Self {
        match self.heap {
            HeapType::Concrete(_) | HeapType::Canonical(_) => RefType {
                nullable: self.nullable,
                heap: f(self.heap),
            },
            _ => self,
        }
    }
}

impl FuncType {
    /// Whether a parameter or result refers to a defined type.
    pub(crate) fn has_defined_refs(&self) -> bool {
        self.params().iter().chain(self.results()).any(|t| {
            matches!(
                t,
                ValType::Ref(RefType {
                    heap: HeapType::Concrete(_) | HeapType::Canonical(_),
                    ..
                })
            )
        })
    }

    /// The same signature with every reference to a defined type `h`
    /// replaced by `f(h)`; shares the allocation when there is none.
    pub(crate) fn map_heap(&self, f: &mut impl FnMut(HeapType) -> HeapType) -> Self {
        if !self.has_defined_refs() {
            return self.clone();
        }
        let params: Vec<ValType> = self.params().iter().map(|t| t.map_heap(f)).collect();
        let results: Vec<ValType> = self.results().iter().map(|t| t.map_heap(f)).collect();
        FuncType::new(params, results)
    }
}
