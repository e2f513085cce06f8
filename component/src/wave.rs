//! WAVE, the text form of component values wasmtime's `--invoke` uses:
//! [`Val`] and [`Type`] implement wasm-wave's value and type traits, so
//! `wasm_wave::from_str(&ty, "[1, 2]")` parses a value and
//! `wasm_wave::to_string(&val)` prints one. (Feature `wave`.)

use crate::types::Type;
use crate::val::Val;
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::ToString;
use alloc::vec::Vec;
use wasm_wave::wasm::{WasmType, WasmTypeKind, WasmValue, WasmValueError};

impl WasmType for Type {
    fn kind(&self) -> WasmTypeKind {
        match self {
            Type::Bool => WasmTypeKind::Bool,
            Type::S8 => WasmTypeKind::S8,
            Type::U8 => WasmTypeKind::U8,
            Type::S16 => WasmTypeKind::S16,
            Type::U16 => WasmTypeKind::U16,
            Type::S32 => WasmTypeKind::S32,
            Type::U32 => WasmTypeKind::U32,
            Type::S64 => WasmTypeKind::S64,
            Type::U64 => WasmTypeKind::U64,
            Type::Float32 => WasmTypeKind::F32,
            Type::Float64 => WasmTypeKind::F64,
            Type::Char => WasmTypeKind::Char,
            Type::String => WasmTypeKind::String,
            Type::List(_) => WasmTypeKind::List,
            Type::Record(_) => WasmTypeKind::Record,
            Type::Tuple(_) => WasmTypeKind::Tuple,
            Type::Variant(_) => WasmTypeKind::Variant,
            Type::Enum(_) => WasmTypeKind::Enum,
            Type::Option(_) => WasmTypeKind::Option,
            Type::Result(_) => WasmTypeKind::Result,
            Type::Flags(_) => WasmTypeKind::Flags,
            Type::Own(_) | Type::Borrow(_) => WasmTypeKind::Unsupported,
        }
    }

    fn list_element_type(&self) -> Option<Self> {
        match self {
            Type::List(elem) => Some((**elem).clone()),
            _ => None,
        }
    }

    fn record_fields(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Self)> + '_> {
        match self {
            Type::Record(fields) => Box::new(
                fields
                    .iter()
                    .map(|f| (Cow::Borrowed(f.name.as_str()), f.ty.clone())),
            ),
            _ => Box::new(core::iter::empty()),
        }
    }

    fn tuple_element_types(&self) -> Box<dyn Iterator<Item = Self> + '_> {
        match self {
            Type::Tuple(types) => Box::new(types.iter().cloned()),
            _ => Box::new(core::iter::empty()),
        }
    }

    fn variant_cases(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Option<Self>)> + '_> {
        match self {
            Type::Variant(cases) => Box::new(
                cases
                    .iter()
                    .map(|c| (Cow::Borrowed(c.name.as_str()), c.ty.clone())),
            ),
            _ => Box::new(core::iter::empty()),
        }
    }

    fn enum_cases(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self {
            Type::Enum(names) => Box::new(names.iter().map(|n| Cow::Borrowed(n.as_str()))),
            _ => Box::new(core::iter::empty()),
        }
    }

    fn option_some_type(&self) -> Option<Self> {
        match self {
            Type::Option(some) => Some((**some).clone()),
            _ => None,
        }
    }

    fn result_types(&self) -> Option<(Option<Self>, Option<Self>)> {
        match self {
            Type::Result(r) => Some((r.ok.clone(), r.err.clone())),
            _ => None,
        }
    }

    fn flags_names(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self {
            Type::Flags(names) => Box::new(names.iter().map(|n| Cow::Borrowed(n.as_str()))),
            _ => Box::new(core::iter::empty()),
        }
    }
}

/// The value `Val` stands for, boxed, for payloads.
fn boxed(v: Option<Val>) -> Option<Box<Val>> {
    v.map(Box::new)
}

impl WasmValue for Val {
    type Type = Type;

    fn kind(&self) -> WasmTypeKind {
        match self {
            Val::Bool(_) => WasmTypeKind::Bool,
            Val::S8(_) => WasmTypeKind::S8,
            Val::U8(_) => WasmTypeKind::U8,
            Val::S16(_) => WasmTypeKind::S16,
            Val::U16(_) => WasmTypeKind::U16,
            Val::S32(_) => WasmTypeKind::S32,
            Val::U32(_) => WasmTypeKind::U32,
            Val::S64(_) => WasmTypeKind::S64,
            Val::U64(_) => WasmTypeKind::U64,
            Val::Float32(_) => WasmTypeKind::F32,
            Val::Float64(_) => WasmTypeKind::F64,
            Val::Char(_) => WasmTypeKind::Char,
            Val::String(_) => WasmTypeKind::String,
            Val::List(_) => WasmTypeKind::List,
            Val::Record(_) => WasmTypeKind::Record,
            Val::Tuple(_) => WasmTypeKind::Tuple,
            Val::Variant(..) => WasmTypeKind::Variant,
            Val::Enum(_) => WasmTypeKind::Enum,
            Val::Option(_) => WasmTypeKind::Option,
            Val::Result(_) => WasmTypeKind::Result,
            Val::Flags(_) => WasmTypeKind::Flags,
            Val::Resource(_) => WasmTypeKind::Unsupported,
        }
    }

    fn make_bool(val: bool) -> Self {
        Val::Bool(val)
    }
    fn make_s8(val: i8) -> Self {
        Val::S8(val)
    }
    fn make_s16(val: i16) -> Self {
        Val::S16(val)
    }
    fn make_s32(val: i32) -> Self {
        Val::S32(val)
    }
    fn make_s64(val: i64) -> Self {
        Val::S64(val)
    }
    fn make_u8(val: u8) -> Self {
        Val::U8(val)
    }
    fn make_u16(val: u16) -> Self {
        Val::U16(val)
    }
    fn make_u32(val: u32) -> Self {
        Val::U32(val)
    }
    fn make_u64(val: u64) -> Self {
        Val::U64(val)
    }
    fn make_f32(val: f32) -> Self {
        Val::Float32(val)
    }
    fn make_f64(val: f64) -> Self {
        Val::Float64(val)
    }
    fn make_char(val: char) -> Self {
        Val::Char(val)
    }
    fn make_string(val: Cow<'_, str>) -> Self {
        Val::String(val.into_owned())
    }
    fn make_list(_: &Type, vals: impl IntoIterator<Item = Self>) -> Result<Self, WasmValueError> {
        Ok(Val::List(vals.into_iter().collect()))
    }
    fn make_record<'a>(
        _: &Type,
        fields: impl IntoIterator<Item = (&'a str, Self)>,
    ) -> Result<Self, WasmValueError> {
        Ok(Val::Record(
            fields
                .into_iter()
                .map(|(n, v)| (n.to_string(), v))
                .collect(),
        ))
    }
    fn make_tuple(_: &Type, vals: impl IntoIterator<Item = Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Tuple(vals.into_iter().collect()))
    }
    fn make_variant(_: &Type, case: &str, val: Option<Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Variant(case.to_string(), boxed(val)))
    }
    fn make_enum(_: &Type, case: &str) -> Result<Self, WasmValueError> {
        Ok(Val::Enum(case.to_string()))
    }
    fn make_option(_: &Type, val: Option<Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Option(boxed(val)))
    }
    fn make_result(
        _: &Type,
        val: Result<Option<Self>, Option<Self>>,
    ) -> Result<Self, WasmValueError> {
        Ok(Val::Result(val.map(boxed).map_err(boxed)))
    }
    fn make_flags<'a>(
        _: &Type,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, WasmValueError> {
        Ok(Val::Flags(
            names.into_iter().map(|n| n.to_string()).collect(),
        ))
    }

    fn unwrap_bool(&self) -> bool {
        matches!(self, Val::Bool(true))
    }
    fn unwrap_s8(&self) -> i8 {
        if let Val::S8(v) = self { *v } else { 0 }
    }
    fn unwrap_s16(&self) -> i16 {
        if let Val::S16(v) = self { *v } else { 0 }
    }
    fn unwrap_s32(&self) -> i32 {
        if let Val::S32(v) = self { *v } else { 0 }
    }
    fn unwrap_s64(&self) -> i64 {
        if let Val::S64(v) = self { *v } else { 0 }
    }
    fn unwrap_u8(&self) -> u8 {
        if let Val::U8(v) = self { *v } else { 0 }
    }
    fn unwrap_u16(&self) -> u16 {
        if let Val::U16(v) = self { *v } else { 0 }
    }
    fn unwrap_u32(&self) -> u32 {
        if let Val::U32(v) = self { *v } else { 0 }
    }
    fn unwrap_u64(&self) -> u64 {
        if let Val::U64(v) = self { *v } else { 0 }
    }
    fn unwrap_f32(&self) -> f32 {
        if let Val::Float32(v) = self { *v } else { 0.0 }
    }
    fn unwrap_f64(&self) -> f64 {
        if let Val::Float64(v) = self { *v } else { 0.0 }
    }
    fn unwrap_char(&self) -> char {
        if let Val::Char(v) = self { *v } else { '\0' }
    }
    fn unwrap_string(&self) -> Cow<'_, str> {
        match self {
            Val::String(s) => Cow::Borrowed(s),
            _ => Cow::Borrowed(""),
        }
    }
    fn unwrap_list(&self) -> Box<dyn Iterator<Item = Cow<'_, Self>> + '_> {
        match self {
            Val::List(items) => Box::new(items.iter().map(Cow::Borrowed)),
            _ => Box::new(core::iter::empty()),
        }
    }
    fn unwrap_record(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Cow<'_, Self>)> + '_> {
        match self {
            Val::Record(fields) => Box::new(
                fields
                    .iter()
                    .map(|(n, v)| (Cow::Borrowed(n.as_str()), Cow::Borrowed(v))),
            ),
            _ => Box::new(core::iter::empty()),
        }
    }
    fn unwrap_tuple(&self) -> Box<dyn Iterator<Item = Cow<'_, Self>> + '_> {
        match self {
            Val::Tuple(items) => Box::new(items.iter().map(Cow::Borrowed)),
            _ => Box::new(core::iter::empty()),
        }
    }
    fn unwrap_variant(&self) -> (Cow<'_, str>, Option<Cow<'_, Self>>) {
        match self {
            Val::Variant(case, payload) => (
                Cow::Borrowed(case.as_str()),
                payload.as_deref().map(Cow::Borrowed),
            ),
            _ => (Cow::Borrowed(""), None),
        }
    }
    fn unwrap_enum(&self) -> Cow<'_, str> {
        match self {
            Val::Enum(case) => Cow::Borrowed(case.as_str()),
            _ => Cow::Borrowed(""),
        }
    }
    fn unwrap_option(&self) -> Option<Cow<'_, Self>> {
        match self {
            Val::Option(v) => v.as_deref().map(Cow::Borrowed),
            _ => None,
        }
    }
    fn unwrap_result(&self) -> Result<Option<Cow<'_, Self>>, Option<Cow<'_, Self>>> {
        match self {
            Val::Result(Ok(v)) => Ok(v.as_deref().map(Cow::Borrowed)),
            Val::Result(Err(v)) => Err(v.as_deref().map(Cow::Borrowed)),
            _ => Ok(None),
        }
    }
    fn unwrap_flags(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self {
            Val::Flags(names) => Box::new(names.iter().map(|n| Cow::Borrowed(n.as_str()))),
            _ => Box::new(core::iter::empty()),
        }
    }
}

/// `val` in WAVE (a resource handle, which WAVE cannot write, as
/// `<resource>`).
pub fn to_string(val: &Val) -> alloc::string::String {
    wasm_wave::to_string(val).unwrap_or_else(|_| "<resource>".into())
}

/// Parses the WAVE call `call` (`name(arg, ...)`; a bare `name` is a call
/// without arguments) into the function name and its arguments, typed by
/// `param_types` (trailing `option` arguments may be left out). The name
/// may be any export name, `interface#name` included.
pub fn parse_call(
    call: &str,
    param_types: impl Fn(&str) -> Option<Vec<Type>>,
) -> Result<(alloc::string::String, Vec<Val>), alloc::string::String> {
    let call = call.trim();
    let (name, args) = match call.find('(') {
        Some(open) => (call[..open].trim_end(), &call[open..]),
        None => (call, "()"),
    };
    let types = param_types(name).ok_or_else(|| alloc::format!("no exported function `{name}`"))?;
    let source = alloc::format!("f{args}");
    let parsed = wasm_wave::untyped::UntypedFuncCall::parse(&source).map_err(|e| e.to_string())?;
    let args = parsed
        .to_wasm_params::<Val>(types.iter())
        .map_err(|e| e.to_string())?;
    Ok((name.into(), args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Case, Field, ResultType};
    use alloc::sync::Arc;
    use alloc::vec;

    #[test]
    fn values_of_every_kind_print_and_parse_back() {
        let record = Type::Record(Arc::new([
            Field {
                name: "x".into(),
                ty: Type::S32,
            },
            Field {
                name: "name".into(),
                ty: Type::String,
            },
        ]));
        let variant = Type::Variant(Arc::new([
            Case {
                name: "none".into(),
                ty: None,
            },
            Case {
                name: "some-char".into(),
                ty: Some(Type::Char),
            },
        ]));
        let cases = [
            (
                Type::List(Arc::new(Type::U8)),
                Val::List(vec![Val::U8(1), Val::U8(255)]),
                "[1, 255]",
            ),
            (
                record,
                Val::Record(vec![
                    ("x".into(), Val::S32(-3)),
                    ("name".into(), Val::String("a\"b".into())),
                ]),
                "{x: -3, name: \"a\\\"b\"}",
            ),
            (
                variant,
                Val::Variant("some-char".into(), Some(Box::new(Val::Char('é')))),
                "some-char('é')",
            ),
            (
                Type::Result(Arc::new(ResultType {
                    ok: None,
                    err: Some(Type::String),
                })),
                Val::Result(Err(Some(Box::new(Val::String("no".into()))))),
                "err(\"no\")",
            ),
            (
                Type::Flags(vec!["a".into(), "b".into()].into()),
                Val::Flags(vec!["b".into()]),
                "{b}",
            ),
            (
                Type::Option(Arc::new(Type::Float64)),
                Val::Option(Some(Box::new(Val::Float64(1.5)))),
                "some(1.5)",
            ),
        ];
        for (ty, val, text) in cases {
            assert_eq!(wasm_wave::to_string(&val).unwrap(), text);
            assert_eq!(wasm_wave::from_str::<Val>(&ty, text).unwrap(), val);
        }
    }

    #[test]
    fn calls_parse_by_the_function_type() {
        let (name, args) = parse_call("add(1, 2)", |n| {
            (n == "add").then(|| vec![Type::U32, Type::U32])
        })
        .unwrap();
        assert_eq!(
            (name.as_str(), args),
            ("add", vec![Val::U32(1), Val::U32(2)])
        );
        let (name, args) = parse_call("a:b/c@0.1.0#get", |n| {
            (n == "a:b/c@0.1.0#get").then(Vec::new)
        })
        .unwrap();
        assert_eq!((name.as_str(), args.len()), ("a:b/c@0.1.0#get", 0));
        assert!(parse_call("add(1, \"x\")", |_| Some(vec![Type::U32, Type::U32])).is_err());
        assert!(
            parse_call("nope()", |_| None)
                .unwrap_err()
                .contains("no exported function `nope`")
        );
    }
}
