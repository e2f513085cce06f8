//! Component value types and function types, converted once from the
//! validator's types when a component is loaded.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

/// The type of a component value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `bool`
    Bool,
    /// `s8`
    S8,
    /// `u8`
    U8,
    /// `s16`
    S16,
    /// `u16`
    U16,
    /// `s32`
    S32,
    /// `u32`
    U32,
    /// `s64`
    S64,
    /// `u64`
    U64,
    /// `f32`
    Float32,
    /// `f64`
    Float64,
    /// `char`: a Unicode scalar value.
    Char,
    /// `string`
    String,
    /// `list<T>`
    List(Arc<Type>),
    /// `record { .. }`
    Record(Arc<[Field]>),
    /// `tuple<..>`
    Tuple(Arc<[Type]>),
    /// `variant { .. }`
    Variant(Arc<[Case]>),
    /// `enum { .. }`: the case names.
    Enum(Arc<[String]>),
    /// `option<T>`
    Option(Arc<Type>),
    /// `result<T, E>`; either side may have no payload.
    Result(Arc<ResultType>),
    /// `flags { .. }`: the flag names.
    Flags(Arc<[String]>),
    /// `own<R>`: an owned handle to a resource.
    Own(ResourceKey),
    /// `borrow<R>`: a borrowed handle to a resource.
    Borrow(ResourceKey),
}

impl Type {
    /// The type's kind as WIT writes it: the whole name of a primitive
    /// type (`u32`, `string`), the keyword of another (`list`, `record`,
    /// `own`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Type::Bool => "bool",
            Type::S8 => "s8",
            Type::U8 => "u8",
            Type::S16 => "s16",
            Type::U16 => "u16",
            Type::S32 => "s32",
            Type::U32 => "u32",
            Type::S64 => "s64",
            Type::U64 => "u64",
            Type::Float32 => "f32",
            Type::Float64 => "f64",
            Type::Char => "char",
            Type::String => "string",
            Type::List(_) => "list",
            Type::Record(_) => "record",
            Type::Tuple(_) => "tuple",
            Type::Variant(_) => "variant",
            Type::Enum(_) => "enum",
            Type::Option(_) => "option",
            Type::Result(_) => "result",
            Type::Flags(_) => "flags",
            Type::Own(_) => "own",
            Type::Borrow(_) => "borrow",
        }
    }

    /// Whether the type is primitive (its [`kind_name`](Type::kind_name)
    /// is its whole name).
    pub fn is_primitive(&self) -> bool {
        matches!(
            self,
            Type::Bool
                | Type::S8
                | Type::U8
                | Type::S16
                | Type::U16
                | Type::S32
                | Type::U32
                | Type::S64
                | Type::U64
                | Type::Float32
                | Type::Float64
                | Type::Char
                | Type::String
        )
    }
}

/// A record field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// The field's type.
    pub ty: Type,
}

/// A variant case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The case's name.
    pub name: String,
    /// The payload's type, if the case has one.
    pub ty: Option<Type>,
}

/// The two sides of a `result`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultType {
    /// The payload of `ok`, if any.
    pub ok: Option<Type>,
    /// The payload of `err`, if any.
    pub err: Option<Type>,
}

/// Which resource type a handle type names, as the component that declares
/// it sees it: an index into the component's table of distinct resource
/// types. An instance maps it to the [`ResourceType`](crate::ResourceType)
/// it stands for at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResourceKey(pub(crate) u32);

/// The type of a component function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuncType {
    /// The parameters' names and types.
    pub params: Box<[(String, Type)]>,
    /// The result's type, if the function returns one.
    pub result: Option<Type>,
}

impl FuncType {
    /// The parameter types.
    pub fn param_types(&self) -> impl ExactSizeIterator<Item = &Type> {
        self.params.iter().map(|(_, ty)| ty)
    }

    /// The result types: none or one.
    pub fn result_types(&self) -> &[Type] {
        self.result.as_slice()
    }
}

/// The parameter types of `ty` as a list (for the canonical ABI, which
/// treats them as a tuple).
pub(crate) fn param_list(ty: &FuncType) -> Vec<Type> {
    ty.param_types().cloned().collect()
}
