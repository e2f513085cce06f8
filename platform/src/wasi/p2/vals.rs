//! Reading arguments out of and building results as component values, for
//! the WASI 0.2 host functions.

use crate::wasi::errno::Errno;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wisp_component::{Resource, ResourceAny, Val};
use wisp_core::Trap;

/// The trap for an argument of the wrong kind (the canonical ABI lifted
/// the function's declared types, so this means a mismatched import).
#[cold]
fn bad_argument(i: usize) -> Trap {
    Trap::host(alloc::format!("WASI: argument {i} is of the wrong type"))
}

/// Argument `i` as a `u64`.
pub(crate) fn u64_arg(params: &[Val], i: usize) -> Result<u64, Trap> {
    match params.get(i) {
        Some(Val::U64(v)) => Ok(*v),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a `u32`.
pub(crate) fn u32_arg(params: &[Val], i: usize) -> Result<u32, Trap> {
    match params.get(i) {
        Some(Val::U32(v)) => Ok(*v),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a `u8`.
pub(crate) fn u8_arg(params: &[Val], i: usize) -> Result<u8, Trap> {
    match params.get(i) {
        Some(Val::U8(v)) => Ok(*v),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a `bool`.
pub(crate) fn bool_arg(params: &[Val], i: usize) -> Result<bool, Trap> {
    match params.get(i) {
        Some(Val::Bool(v)) => Ok(*v),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a `string`.
pub(crate) fn string_arg(params: &[Val], i: usize) -> Result<&str, Trap> {
    match params.get(i) {
        Some(Val::String(s)) => Ok(s),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as the case name of an `enum`.
pub(crate) fn enum_arg(params: &[Val], i: usize) -> Result<&str, Trap> {
    match params.get(i) {
        Some(Val::Enum(s)) => Ok(s),
        _ => Err(bad_argument(i)),
    }
}

/// Whether the `flags` argument `i` has the flag `name` set.
pub(crate) fn flag_arg(params: &[Val], i: usize, name: &str) -> Result<bool, Trap> {
    match params.get(i) {
        Some(Val::Flags(set)) => Ok(set.iter().any(|f| f == name)),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a `variant`: its case name and payload.
pub(crate) fn variant_arg(params: &[Val], i: usize) -> Result<(&str, Option<&Val>), Trap> {
    match params.get(i) {
        Some(Val::Variant(name, payload)) => Ok((name, payload.as_deref())),
        _ => Err(bad_argument(i)),
    }
}

/// Field `i` of the record argument `arg` (fields are in the type's order).
pub(crate) fn field(record: &Val, i: usize, arg: usize) -> Result<&Val, Trap> {
    match record {
        Val::Record(fields) => fields
            .get(i)
            .map(|(_, v)| v)
            .ok_or_else(|| bad_argument(arg)),
        _ => Err(bad_argument(arg)),
    }
}

/// Argument `i` as a `list<u8>`.
pub(crate) fn bytes_arg(params: &[Val], i: usize) -> Result<Vec<u8>, Trap> {
    match params.get(i) {
        Some(Val::Bytes(bytes)) => Ok(bytes.clone()),
        Some(Val::List(items)) => items
            .iter()
            .map(|v| match v {
                Val::U8(b) => Ok(*b),
                _ => Err(bad_argument(i)),
            })
            .collect(),
        _ => Err(bad_argument(i)),
    }
}

/// Argument `i` as a handle to a host resource `R`.
pub(crate) fn resource_arg<R: 'static>(params: &[Val], i: usize) -> Result<Resource<R>, Trap> {
    match params.get(i) {
        Some(Val::Resource(r)) => r.clone().try_into_resource().map_err(|_| bad_argument(i)),
        _ => Err(bad_argument(i)),
    }
}

/// A `list<u8>`.
pub(crate) fn bytes(data: &[u8]) -> Val {
    Val::Bytes(data.to_vec())
}

/// A `list<string>`.
pub(crate) fn strings<'a>(list: impl IntoIterator<Item = &'a str>) -> Val {
    Val::List(list.into_iter().map(|s| Val::String(s.into())).collect())
}

/// An owned handle to the host resource `resource`.
pub(crate) fn own<R: 'static>(resource: Resource<R>) -> Val {
    Val::Resource(ResourceAny::from_resource(resource))
}

/// `ok(value)` of a `result`.
pub(crate) fn ok(value: Option<Val>) -> Val {
    Val::Result(Ok(value.map(Box::new)))
}

/// `err(value)` of a `result`.
pub(crate) fn err(value: Val) -> Val {
    Val::Result(Err(Some(Box::new(value))))
}

/// A `flags` value with the names in `set`.
pub(crate) fn flags<'a>(set: impl IntoIterator<Item = &'a str>) -> Val {
    Val::Flags(set.into_iter().map(String::from).collect())
}

/// An `enum` case.
pub(crate) fn enum_case(name: &str) -> Val {
    Val::Enum(name.into())
}

/// A variant case.
pub(crate) fn case(name: &str, payload: Option<Val>) -> Val {
    Val::Variant(name.into(), payload.map(Box::new))
}

/// A record of named fields.
pub(crate) fn record(fields: impl IntoIterator<Item = (&'static str, Val)>) -> Val {
    Val::Record(
        fields
            .into_iter()
            .map(|(n, v)| (String::from(n), v))
            .collect(),
    )
}

/// The trap for a resource table problem (a handle the guest should not
/// have been able to give).
pub(crate) fn table_trap(e: wisp_component::ResourceError) -> Trap {
    Trap::host(alloc::format!("WASI: {e}"))
}

/// The trap for a capability the embedder did not grant to a function
/// that cannot return an error.
#[cold]
pub(crate) fn denied(what: &str) -> Trap {
    Trap::host(alloc::format!(
        "WASI: {what} is not allowed ({})",
        Errno::NotCapable
    ))
}
