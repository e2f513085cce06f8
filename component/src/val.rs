//! Component values as the host sees them.

use crate::resources::ResourceAny;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// A component value: what a component function takes and returns when
/// called dynamically ([`Func::call`](crate::Func::call)) or implemented by
/// the host ([`LinkerInstance::func_new`](crate::LinkerInstance::func_new)).
/// The same shape as wasmtime's `component::Val`.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// `bool`
    Bool(bool),
    /// `s8`
    S8(i8),
    /// `u8`
    U8(u8),
    /// `s16`
    S16(i16),
    /// `u16`
    U16(u16),
    /// `s32`
    S32(i32),
    /// `u32`
    U32(u32),
    /// `s64`
    S64(i64),
    /// `u64`
    U64(u64),
    /// `f32`
    Float32(f32),
    /// `f64`
    Float64(f64),
    /// `char`
    Char(char),
    /// `string`
    String(String),
    /// `list<T>`.
    List(Vec<Val>),
    /// `list<u8>`, stored compactly: what lifting a `list<u8>` gives (file
    /// and stream data move as one copy). A `List` of `U8`s lowers the
    /// same.
    Bytes(Vec<u8>),
    /// `record { .. }`: the fields in the type's order, with their names.
    Record(Vec<(String, Val)>),
    /// `tuple<..>`
    Tuple(Vec<Val>),
    /// `variant { .. }`: the case's name and its payload.
    Variant(String, Option<Box<Val>>),
    /// `enum { .. }`: the case's name.
    Enum(String),
    /// `option<T>`
    Option(Option<Box<Val>>),
    /// `result<T, E>`
    Result(Result<Option<Box<Val>>, Option<Box<Val>>>),
    /// `flags { .. }`: the names of the flags that are set.
    Flags(Vec<String>),
    /// `own<R>` or `borrow<R>`.
    Resource(ResourceAny),
}

impl Val {
    /// The kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Val::Bool(_) => "bool",
            Val::S8(_) => "s8",
            Val::U8(_) => "u8",
            Val::S16(_) => "s16",
            Val::U16(_) => "u16",
            Val::S32(_) => "s32",
            Val::U32(_) => "u32",
            Val::S64(_) => "s64",
            Val::U64(_) => "u64",
            Val::Float32(_) => "f32",
            Val::Float64(_) => "f64",
            Val::Char(_) => "char",
            Val::String(_) => "string",
            Val::List(_) | Val::Bytes(_) => "list",
            Val::Record(_) => "record",
            Val::Tuple(_) => "tuple",
            Val::Variant(..) => "variant",
            Val::Enum(_) => "enum",
            Val::Option(_) => "option",
            Val::Result(_) => "result",
            Val::Flags(_) => "flags",
            Val::Resource(_) => "resource",
        }
    }
}
