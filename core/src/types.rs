//! The types of WebAssembly values and of the things a module imports and exports.

use alloc::{sync::Arc, vec::Vec};
use core::fmt;

/// The type of a WebAssembly value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit IEEE float.
    F32,
    /// 64-bit IEEE float.
    F64,
    /// 128-bit vector.
    V128,
    /// A reference.
    Ref(RefType),
}

impl ValType {
    /// `funcref`: a nullable reference to any function.
    pub const FUNCREF: ValType = ValType::Ref(RefType::FUNCREF);
    /// `externref`: a nullable reference to a host value.
    pub const EXTERNREF: ValType = ValType::Ref(RefType::EXTERNREF);
    /// `exnref`: a nullable reference to an exception.
    pub const EXNREF: ValType = ValType::Ref(RefType::EXNREF);
    /// `anyref`: a nullable reference of the internal hierarchy.
    pub const ANYREF: ValType = ValType::Ref(RefType::ANYREF);

    /// True for reference types.
    pub fn is_ref(&self) -> bool {
        matches!(self, ValType::Ref(_))
    }

    /// How many 64-bit frame slots a value of this type takes: two for a
    /// `v128` (low half first), one for every other type.
    pub const fn slots(&self) -> usize {
        match self {
            ValType::V128 => 2,
            _ => 1,
        }
    }

    pub(crate) fn from_wasmparser(ty: wasmparser::ValType) -> Self {
        match ty {
            wasmparser::ValType::I32 => ValType::I32,
            wasmparser::ValType::I64 => ValType::I64,
            wasmparser::ValType::F32 => ValType::F32,
            wasmparser::ValType::F64 => ValType::F64,
            wasmparser::ValType::V128 => ValType::V128,
            wasmparser::ValType::Ref(r) => ValType::Ref(RefType::from_wasmparser(r)),
        }
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValType::I32 => f.write_str("i32"),
            ValType::I64 => f.write_str("i64"),
            ValType::F32 => f.write_str("f32"),
            ValType::F64 => f.write_str("f64"),
            ValType::V128 => f.write_str("v128"),
            ValType::Ref(r) => fmt::Display::fmt(r, f),
        }
    }
}

/// The type of a reference: whether it may be null, and what it points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RefType {
    /// Whether `null` is a value of this type.
    pub nullable: bool,
    /// What the reference points to.
    pub heap: HeapType,
}

impl RefType {
    /// `funcref`.
    pub const FUNCREF: RefType = RefType {
        nullable: true,
        heap: HeapType::Func,
    };
    /// `externref`.
    pub const EXTERNREF: RefType = RefType {
        nullable: true,
        heap: HeapType::Extern,
    };
    /// `exnref`.
    pub const EXNREF: RefType = RefType {
        nullable: true,
        heap: HeapType::Exn,
    };
    /// `anyref`.
    pub const ANYREF: RefType = RefType {
        nullable: true,
        heap: HeapType::Any,
    };

    pub(crate) fn from_wasmparser(r: wasmparser::RefType) -> Self {
        use wasmparser::{AbstractHeapType as A, HeapType as H};
        let heap = match r.heap_type() {
            H::Abstract { ty, .. } => match ty {
                A::Func => HeapType::Func,
                A::Extern => HeapType::Extern,
                A::Any => HeapType::Any,
                A::None => HeapType::None,
                A::NoExtern => HeapType::NoExtern,
                A::NoFunc => HeapType::NoFunc,
                A::Eq => HeapType::Eq,
                A::Struct => HeapType::Struct,
                A::Array => HeapType::Array,
                A::I31 => HeapType::I31,
                A::Exn => HeapType::Exn,
                A::NoExn => HeapType::NoExn,
                A::Cont | A::NoCont => HeapType::Any,
            },
            H::Concrete(idx) | H::Exact(idx) => {
                HeapType::Concrete(idx.as_module_index().unwrap_or(u32::MAX))
            }
        };
        RefType {
            nullable: r.is_nullable(),
            heap,
        }
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.nullable, self.heap) {
            (true, HeapType::Func) => f.write_str("funcref"),
            (true, HeapType::Extern) => f.write_str("externref"),
            (true, HeapType::Exn) => f.write_str("exnref"),
            (true, HeapType::Any) => f.write_str("anyref"),
            (nullable, heap) => {
                f.write_str(if nullable { "(ref null " } else { "(ref " })?;
                fmt::Display::fmt(&heap, f)?;
                f.write_str(")")
            }
        }
    }
}

/// What a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeapType {
    /// Any function.
    Func,
    /// Any host value.
    Extern,
    /// Any internal (GC) value.
    Any,
    /// The bottom of the internal hierarchy.
    None,
    /// The bottom of the external hierarchy.
    NoExtern,
    /// The bottom of the function hierarchy.
    NoFunc,
    /// Values comparable with `ref.eq`.
    Eq,
    /// Any GC struct.
    Struct,
    /// Any GC array.
    Array,
    /// Unboxed 31-bit integers.
    I31,
    /// Exception references.
    Exn,
    /// The bottom of the exception hierarchy.
    NoExn,
    /// A type defined by a module, by its index in that module's type
    /// section: how a module's own declarations name its types. Every type
    /// a store or the host sees (of a function, global, table, import or
    /// export) names it by [`HeapType::Canonical`] instead.
    Concrete(u32),
    /// A type defined by a module, by its engine-wide [`TypeId`]: equal
    /// for two types exactly when they are equivalent (same structure in
    /// the same position of equivalent recursion groups), from any module.
    Canonical(TypeId),
}

/// The engine-wide identity of a defined type (a function, struct or array
/// type of some module's type section, or a host function's signature):
/// two types have the same id exactly when they are equivalent, so
/// `call_indirect` and import matching compare ids. Ids are given by an
/// [`Engine`](crate::Engine) and mean nothing to another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct TypeId(u32);

impl TypeId {
    /// The id with number `n`.
    pub(crate) const fn from_u32(n: u32) -> Self {
        Self(n)
    }

    /// The id's number (its position in the engine's registry).
    pub const fn as_u32(self) -> u32 {
        self.0
    }
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl HeapType {
    /// Whether this is an abstract heap type of the internal hierarchy
    /// (the GC proposal's `any` and below: `eq`, `i31`, `struct`, `array`,
    /// `none`).
    pub fn is_internal(self) -> bool {
        matches!(
            self,
            HeapType::Any
                | HeapType::Eq
                | HeapType::I31
                | HeapType::Struct
                | HeapType::Array
                | HeapType::None
        )
    }
}

impl fmt::Display for HeapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            HeapType::Func => "func",
            HeapType::Extern => "extern",
            HeapType::Any => "any",
            HeapType::None => "none",
            HeapType::NoExtern => "noextern",
            HeapType::NoFunc => "nofunc",
            HeapType::Eq => "eq",
            HeapType::Struct => "struct",
            HeapType::Array => "array",
            HeapType::I31 => "i31",
            HeapType::Exn => "exn",
            HeapType::NoExn => "noexn",
            HeapType::Concrete(i) => return write!(f, "{i}"),
            HeapType::Canonical(id) => return fmt::Display::fmt(id, f),
        };
        f.write_str(name)
    }
}

/// The signature of a function: parameter and result types.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FuncType {
    /// Parameters followed by results, in one allocation.
    types: Arc<[ValType]>,
    params: usize,
    /// Frame slots the parameters and the results take ([`ValType::slots`]).
    param_slots: u32,
    result_slots: u32,
}

impl FuncType {
    /// A signature with the given parameter and result types.
    pub fn new(
        params: impl IntoIterator<Item = ValType>,
        results: impl IntoIterator<Item = ValType>,
    ) -> Self {
        let (params, results) = (params.into_iter(), results.into_iter());
        // Sized for both lists up front: one allocation before the shared
        // copy (host functions build one signature each at definition).
        let mut types = Vec::with_capacity(params.size_hint().0 + results.size_hint().0);
        types.extend(params);
        let params = types.len();
        types.extend(results);
        let slots = |types: &[ValType]| types.iter().map(ValType::slots).sum::<usize>() as u32;
        Self {
            param_slots: slots(&types[..params]),
            result_slots: slots(&types[params..]),
            types: types.into(),
            params,
        }
    }

    /// How many frame slots the parameters take (a `v128` takes two).
    pub fn param_slots(&self) -> usize {
        self.param_slots as usize
    }

    /// How many frame slots the results take (a `v128` takes two).
    pub fn result_slots(&self) -> usize {
        self.result_slots as usize
    }

    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.types[..self.params]
    }

    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.types[self.params..]
    }

    pub(crate) fn from_wasmparser(ty: &wasmparser::FuncType) -> Self {
        Self::new(
            ty.params().iter().copied().map(ValType::from_wasmparser),
            ty.results().iter().copied().map(ValType::from_wasmparser),
        )
    }
}

impl fmt::Debug for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(func")?;
        if !self.params().is_empty() {
            f.write_str(" (param")?;
            for p in self.params() {
                write!(f, " {p}")?;
            }
            f.write_str(")")?;
        }
        if !self.results().is_empty() {
            f.write_str(" (result")?;
            for r in self.results() {
                write!(f, " {r}")?;
            }
            f.write_str(")")?;
        }
        f.write_str(")")
    }
}

/// The type of a global: its value type and whether it may be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalType {
    /// The type of the value held.
    pub content: ValType,
    /// Whether `global.set` is allowed.
    pub mutable: bool,
}

impl GlobalType {
    /// A global type.
    pub fn new(content: ValType, mutable: bool) -> Self {
        Self { content, mutable }
    }
}

/// The type of a table: element type and limits in elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableType {
    /// The type of the elements.
    pub element: RefType,
    /// The initial size.
    pub min: u64,
    /// The largest size the table may grow to, if bounded.
    pub max: Option<u64>,
    /// Whether the table is indexed by `i64` (memory64 proposal).
    pub table64: bool,
}

impl TableType {
    /// A 32-bit-indexed table type.
    pub fn new(element: RefType, min: u32, max: Option<u32>) -> Self {
        Self {
            element,
            min: min.into(),
            max: max.map(Into::into),
            table64: false,
        }
    }

    pub(crate) fn from_wasmparser(t: &wasmparser::TableType) -> Self {
        Self {
            element: RefType::from_wasmparser(t.element_type),
            min: t.initial,
            max: t.maximum,
            table64: t.table64,
        }
    }
}

/// The type of a linear memory: limits in pages and its indexing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemoryType {
    /// The initial size in pages.
    pub min: u64,
    /// The largest size in pages, if bounded.
    pub max: Option<u64>,
    /// Whether the memory is indexed by `i64`.
    pub memory64: bool,
    /// Whether the memory is shared between threads.
    pub shared: bool,
    /// The page size as a power of two (16 for the standard 64 KiB page).
    pub page_size_log2: u8,
}

impl MemoryType {
    /// A 32-bit memory with 64 KiB pages.
    pub fn new(min: u32, max: Option<u32>) -> Self {
        Self {
            min: min.into(),
            max: max.map(Into::into),
            memory64: false,
            shared: false,
            page_size_log2: 16,
        }
    }

    pub(crate) fn from_wasmparser(m: &wasmparser::MemoryType) -> Self {
        Self {
            min: m.initial,
            max: m.maximum,
            memory64: m.memory64,
            shared: m.shared,
            page_size_log2: m.page_size_log2.map_or(16, |p| p as u8),
        }
    }

    /// The largest number of pages the index type can address.
    pub(crate) fn absolute_max_pages(&self) -> u64 {
        let bits = if self.memory64 { 64 } else { 32 };
        let pages = (1u128 << bits) >> self.page_size_log2;
        pages.min(u64::MAX as u128) as u64
    }
}

/// The type of anything a module imports or exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A global.
    Global(GlobalType),
    /// A table.
    Table(TableType),
    /// A linear memory.
    Memory(MemoryType),
    /// An exception tag, with the signature of its payload.
    Tag(FuncType),
}

impl fmt::Display for ExternType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExternType::Func(t) => fmt::Display::fmt(t, f),
            ExternType::Global(g) if g.mutable => write!(f, "(global (mut {}))", g.content),
            ExternType::Global(g) => write!(f, "(global {})", g.content),
            ExternType::Table(t) => match t.max {
                Some(max) => write!(f, "(table {} {} {})", t.min, max, t.element),
                None => write!(f, "(table {} {})", t.min, t.element),
            },
            ExternType::Memory(m) => match m.max {
                Some(max) => write!(f, "(memory {} {})", m.min, max),
                None => write!(f, "(memory {})", m.min),
            },
            ExternType::Tag(t) => write!(f, "(tag {t})"),
        }
    }
}
