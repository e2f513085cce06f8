//! WAVE, the text form of component values that wasmtime's `--invoke`
//! uses (<https://github.com/bytecodealliance/wasm-tools/tree/main/crates/wasm-wave>):
//! [`parse_call`] reads `name(arg, ...)` with each argument typed by the
//! function's parameter types, [`to_string`] writes a value the way
//! wasm-wave's writer does. A small typed recursive-descent reader rather
//! than the wasm-wave crate, which costs the CLI about 60 KB more.
//! (Feature `wave`.)

use crate::types::Type;
use crate::val::Val;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

/// The labels that must be written with `%` to be a case name.
const KEYWORDS: [&str; 8] = ["true", "false", "some", "none", "ok", "err", "inf", "nan"];

/// `val` in WAVE, as wasm-wave writes it (a resource handle, which WAVE
/// cannot write, as `<resource>`).
pub fn to_string(val: &Val) -> String {
    let mut out = String::new();
    write_value(val, &mut out);
    out
}

fn write_char(c: char, out: &mut String) {
    if "\\\"'\t\r\n".contains(c) {
        let _ = write!(out, "{}", c.escape_default());
    } else if c.is_control() {
        let _ = write!(out, "{}", c.escape_unicode());
    } else {
        let _ = write!(out, "{}", c.escape_debug());
    }
}

fn write_label(label: &str, out: &mut String) {
    if KEYWORDS.contains(&label) {
        out.push('%');
    }
    out.push_str(label);
}

fn write_list<'a>(open: char, items: impl Iterator<Item = &'a Val>, close: char, out: &mut String) {
    out.push(open);
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_value(item, out);
    }
    out.push(close);
}

fn write_case(label: &str, payload: Option<&Val>, out: &mut String) {
    out.push_str(label);
    if let Some(v) = payload {
        out.push('(');
        write_value(v, out);
        out.push(')');
    }
}

fn write_float(f: f64, display: &dyn core::fmt::Display, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
    } else {
        let _ = write!(out, "{display}");
    }
}

fn write_value(val: &Val, out: &mut String) {
    let _ = match val {
        Val::Bool(b) => write!(out, "{b}"),
        Val::S8(v) => write!(out, "{v}"),
        Val::U8(v) => write!(out, "{v}"),
        Val::S16(v) => write!(out, "{v}"),
        Val::U16(v) => write!(out, "{v}"),
        Val::S32(v) => write!(out, "{v}"),
        Val::U32(v) => write!(out, "{v}"),
        Val::S64(v) => write!(out, "{v}"),
        Val::U64(v) => write!(out, "{v}"),
        Val::Float32(f) => {
            write_float(*f as f64, f, out);
            Ok(())
        }
        Val::Float64(f) => {
            write_float(*f, f, out);
            Ok(())
        }
        Val::Char(c) => {
            out.push('\'');
            write_char(*c, out);
            out.push('\'');
            Ok(())
        }
        Val::String(s) => {
            out.push('"');
            s.chars().for_each(|c| write_char(c, out));
            out.push('"');
            Ok(())
        }
        Val::List(items) => {
            write_list('[', items.iter(), ']', out);
            Ok(())
        }
        Val::Bytes(bytes) => {
            out.push('[');
            for (i, b) in bytes.iter().enumerate() {
                let _ = write!(out, "{}{b}", if i > 0 { ", " } else { "" });
            }
            out.push(']');
            Ok(())
        }
        Val::Tuple(items) => {
            write_list('(', items.iter(), ')', out);
            Ok(())
        }
        Val::Record(fields) => {
            out.push('{');
            let mut first = true;
            // Fields whose value is `none` are left out, as wasm-wave does.
            for (name, v) in fields
                .iter()
                .filter(|(_, v)| !matches!(v, Val::Option(None)))
            {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                out.push_str(name);
                out.push_str(": ");
                write_value(v, out);
            }
            if first {
                out.push(':');
            }
            out.push('}');
            Ok(())
        }
        Val::Variant(case, payload) => {
            write_label(case, out);
            write_case("", payload.as_deref(), out);
            Ok(())
        }
        Val::Enum(case) => {
            write_label(case, out);
            Ok(())
        }
        Val::Option(v) => {
            match v {
                Some(v) => write_case("some", Some(v), out),
                None => out.push_str("none"),
            }
            Ok(())
        }
        Val::Result(r) => {
            match r {
                Ok(v) => write_case("ok", v.as_deref(), out),
                Err(v) => write_case("err", v.as_deref(), out),
            }
            Ok(())
        }
        Val::Flags(names) => {
            out.push('{');
            out.push_str(&names.join(", "));
            out.push('}');
            Ok(())
        }
        Val::Resource(_) => {
            out.push_str("<resource>");
            Ok(())
        }
    };
}

/// Parses the WAVE call `call` (`name(arg, ...)`; a bare `name` is a call
/// without arguments) into the function name and its arguments, typed by
/// `param_types` (trailing `option` arguments may be left out, as `none`).
/// The name may be any export name, `interface#name` included.
pub fn parse_call(
    call: &str,
    param_types: impl Fn(&str) -> Option<Vec<Type>>,
) -> Result<(String, Vec<Val>), String> {
    let call = call.trim();
    let (name, args) = match call.find('(') {
        Some(open) => (call[..open].trim_end(), &call[open..]),
        None => (call, "()"),
    };
    let types = param_types(name).ok_or_else(|| alloc::format!("no exported function `{name}`"))?;
    let mut reader = Reader { text: args, at: 0 };
    let mut values = Vec::with_capacity(types.len());
    reader.expect('(')?;
    for (i, ty) in types.iter().enumerate() {
        if reader.peek() == Some(')') {
            if let Type::Option(_) = ty {
                values.push(Val::Option(None));
                continue;
            }
            return Err(alloc::format!(
                "missing argument {} of {}",
                i + 1,
                types.len()
            ));
        }
        values.push(reader.value(ty)?);
        if reader.peek() != Some(')') {
            reader.expect(',')?;
        }
    }
    if reader.peek() != Some(')') {
        return Err(reader.error("more arguments than the function takes"));
    }
    reader.expect(')')?;
    if reader.peek().is_some() {
        return Err(reader.error("text after the call"));
    }
    Ok((name.into(), values))
}

/// Parses the WAVE text of one value of type `ty`.
pub fn parse_value(ty: &Type, text: &str) -> Result<Val, String> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(ty)?;
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(reader.error("text after the value")),
    }
}

/// A position in WAVE text.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    #[cold]
    fn error(&self, what: &str) -> String {
        alloc::format!("{what} at offset {}", self.at)
    }

    /// Skips white space and `//` comments.
    fn skip_space(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
            self.at += rest.len() - trimmed.len();
            if self.rest().starts_with("//") {
                self.at += self.rest().find('\n').unwrap_or(self.rest().len());
            } else {
                return;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.rest().chars().next()
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&alloc::format!("expected `{c}`")))
        }
    }

    /// Takes `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        let next = self.peek() == Some(c);
        if next {
            self.at += 1;
        }
        next
    }

    /// A label (`%` marks a keyword used as a name), or `None`.
    fn label(&mut self) -> Option<String> {
        self.skip_space();
        let rest = self.rest();
        let escaped = rest.starts_with('%');
        let body = &rest[escaped as usize..];
        let len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(body.len());
        if len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
            return None;
        }
        self.at += escaped as usize + len;
        let label = &body[..len];
        if !escaped && KEYWORDS.contains(&label) {
            return Some(alloc::format!("#{label}"));
        }
        Some(label.into())
    }

    /// A number token (or `inf`, `-inf`, `nan`).
    fn number(&mut self) -> Result<&'a str, String> {
        self.skip_space();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-+.".contains(c)))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error("expected a number"));
        }
        self.at += len;
        Ok(&rest[..len])
    }

    fn integer<T: core::str::FromStr>(&mut self, kind: &str) -> Result<T, String> {
        let start = self.at;
        let token = self.number()?;
        token
            .parse()
            .map_err(|_| alloc::format!("`{token}` is not a {kind} at offset {start}"))
    }

    fn float(&mut self) -> Result<f64, String> {
        let start = self.at;
        let token = self.number()?;
        match token {
            "nan" => Ok(f64::NAN),
            "inf" => Ok(f64::INFINITY),
            "-inf" => Ok(f64::NEG_INFINITY),
            t if !t.contains(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E') => t
                .parse()
                .map_err(|_| alloc::format!("`{token}` is not a number at offset {start}")),
            _ => Err(alloc::format!(
                "`{token}` is not a number at offset {start}"
            )),
        }
    }

    /// The characters of a quoted char or string, escapes decoded.
    fn quoted(&mut self, quote: char) -> Result<String, String> {
        self.expect(quote)?;
        let mut out = String::new();
        loop {
            let mut chars = self.rest().chars();
            let c = chars
                .next()
                .ok_or_else(|| self.error("unterminated literal"))?;
            self.at += c.len_utf8();
            match c {
                '\\' => {
                    let e = self
                        .rest()
                        .chars()
                        .next()
                        .ok_or_else(|| self.error("bad escape"))?;
                    self.at += 1;
                    out.push(match e {
                        '\\' | '\'' | '"' => e,
                        't' => '\t',
                        'n' => '\n',
                        'r' => '\r',
                        'u' => {
                            let body = self.rest();
                            let end = body.find('}').filter(|_| body.starts_with('{'));
                            let end = end.ok_or_else(|| self.error("bad \\u escape"))?;
                            let code = u32::from_str_radix(&body[1..end], 16).ok();
                            self.at += end + 1;
                            code.and_then(char::from_u32)
                                .ok_or_else(|| self.error("bad \\u escape"))?
                        }
                        _ => return Err(self.error("bad escape")),
                    });
                }
                '\n' => return Err(self.error("a line break in a literal")),
                c if c == quote => return Ok(out),
                c => out.push(c),
            }
        }
    }

    /// A case label and its optional parenthesized payload of `payload`.
    fn case(&mut self, payload: Option<&Type>) -> Result<Option<Box<Val>>, String> {
        match (payload, self.peek() == Some('(')) {
            (Some(ty), true) => {
                self.expect('(')?;
                let v = self.value(ty)?;
                self.expect(')')?;
                Ok(Some(Box::new(v)))
            }
            (None, false) => Ok(None),
            (Some(_), false) => Err(self.error("the case needs a payload")),
            (None, true) => Err(self.error("the case has no payload")),
        }
    }

    /// Items between `open` and `close`, separated by commas (a trailing
    /// comma allowed), each read by `item`.
    fn items(
        &mut self,
        open: char,
        close: char,
        mut item: impl FnMut(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        self.expect(open)?;
        while !self.eat(close) {
            item(self)?;
            if !self.eat(',') && self.peek() != Some(close) {
                return Err(self.error(&alloc::format!("expected `,` or `{close}`")));
            }
        }
        Ok(())
    }

    fn value(&mut self, ty: &Type) -> Result<Val, String> {
        Ok(match ty {
            Type::Bool => match self.label().as_deref() {
                Some("#true") => Val::Bool(true),
                Some("#false") => Val::Bool(false),
                _ => return Err(self.error("expected `true` or `false`")),
            },
            Type::S8 => Val::S8(self.integer("s8")?),
            Type::U8 => Val::U8(self.integer("u8")?),
            Type::S16 => Val::S16(self.integer("s16")?),
            Type::U16 => Val::U16(self.integer("u16")?),
            Type::S32 => Val::S32(self.integer("s32")?),
            Type::U32 => Val::U32(self.integer("u32")?),
            Type::S64 => Val::S64(self.integer("s64")?),
            Type::U64 => Val::U64(self.integer("u64")?),
            Type::Float32 => Val::Float32(self.float()? as f32),
            Type::Float64 => Val::Float64(self.float()?),
            Type::Char => {
                let s = self.quoted('\'')?;
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Val::Char(c),
                    _ => return Err(self.error("a char literal holds one character")),
                }
            }
            Type::String => Val::String(self.quoted('"')?),
            Type::List(elem) => {
                let mut items = Vec::new();
                self.items('[', ']', |r| {
                    items.push(r.value(elem)?);
                    Ok(())
                })?;
                Val::List(items)
            }
            Type::Tuple(types) => {
                let mut items = Vec::with_capacity(types.len());
                self.items('(', ')', |r| {
                    let ty = types
                        .get(items.len())
                        .ok_or_else(|| r.error("too many tuple items"))?;
                    items.push(r.value(ty)?);
                    Ok(())
                })?;
                if items.len() != types.len() {
                    return Err(self.error("too few tuple items"));
                }
                Val::Tuple(items)
            }
            Type::Record(fields) => {
                let mut given: Vec<(String, Val)> = Vec::new();
                if self.rest().trim_start().starts_with("{:") {
                    self.expect('{')?;
                    self.expect(':')?;
                    self.expect('}')?;
                } else {
                    self.items('{', '}', |r| {
                        let name = r.label().ok_or_else(|| r.error("expected a field name"))?;
                        let name = name.trim_start_matches('#').to_string();
                        r.expect(':')?;
                        let field = fields.iter().find(|f| f.name == name);
                        let field =
                            field.ok_or_else(|| r.error(&alloc::format!("no field `{name}`")))?;
                        given.push((name, r.value(&field.ty)?));
                        Ok(())
                    })?;
                }
                let mut out = Vec::with_capacity(fields.len());
                for f in fields.iter() {
                    let value = match given.iter().position(|(n, _)| *n == f.name) {
                        Some(i) => given.swap_remove(i).1,
                        None if matches!(f.ty, Type::Option(_)) => Val::Option(None),
                        None => {
                            return Err(self.error(&alloc::format!("missing field `{}`", f.name)));
                        }
                    };
                    out.push((f.name.clone(), value));
                }
                if !given.is_empty() {
                    return Err(self.error("a field given twice"));
                }
                Val::Record(out)
            }
            Type::Flags(names) => {
                // Which flags are set, by their position in the type.
                let mut set = alloc::vec![false; names.len()];
                self.items('{', '}', |r| {
                    let name = r.label().ok_or_else(|| r.error("expected a flag name"))?;
                    let name = name.trim_start_matches('#');
                    let at = names.iter().position(|n| n == name);
                    let at = at.ok_or_else(|| r.error(&alloc::format!("no flag `{name}`")))?;
                    set[at] = true;
                    Ok(())
                })?;
                let given = names.iter().zip(set).filter(|(_, on)| *on);
                Val::Flags(given.map(|(name, _)| name.clone()).collect())
            }
            Type::Variant(cases) => {
                let label = self
                    .label()
                    .ok_or_else(|| self.error("expected a case name"))?;
                let case = cases.iter().find(|c| c.name == label);
                let case = case.ok_or_else(|| self.error(&alloc::format!("no case `{label}`")))?;
                Val::Variant(label, self.case(case.ty.as_ref())?)
            }
            Type::Enum(names) => {
                let label = self
                    .label()
                    .ok_or_else(|| self.error("expected a case name"))?;
                if !names.contains(&label) {
                    return Err(self.error(&alloc::format!("no case `{label}`")));
                }
                Val::Enum(label)
            }
            Type::Option(some) => {
                let start = self.at;
                match self.label().as_deref() {
                    Some("#some") => Val::Option(self.case(Some(some))?),
                    Some("#none") => Val::Option(self.case(None)?),
                    _ => {
                        self.at = start;
                        if matches!(**some, Type::Option(_) | Type::Result(_)) {
                            return Err(self.error("expected `some(..)` or `none`"));
                        }
                        Val::Option(Some(Box::new(self.value(some)?)))
                    }
                }
            }
            Type::Result(r) => {
                let start = self.at;
                match self.label().as_deref() {
                    Some("#ok") => Val::Result(Ok(self.case(r.ok.as_ref())?)),
                    Some("#err") => Val::Result(Err(self.case(r.err.as_ref())?)),
                    _ => {
                        self.at = start;
                        match &r.ok {
                            Some(ok) if !matches!(ok, Type::Option(_) | Type::Result(_)) => {
                                Val::Result(Ok(Some(Box::new(self.value(ok)?))))
                            }
                            _ => return Err(self.error("expected `ok` or `err`")),
                        }
                    }
                }
            }
            Type::Own(_) | Type::Borrow(_) => {
                return Err(self.error("a resource handle cannot be written in WAVE"));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Case, Field, ResultType};
    use alloc::sync::Arc;
    use alloc::vec;

    fn record() -> Type {
        Type::Record(Arc::new([
            Field {
                name: "x".into(),
                ty: Type::S32,
            },
            Field {
                name: "name".into(),
                ty: Type::String,
            },
            Field {
                name: "maybe".into(),
                ty: Type::Option(Arc::new(Type::U8)),
            },
        ]))
    }

    #[test]
    fn values_of_every_kind_print_and_parse_back() {
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
                record(),
                Val::Record(vec![
                    ("x".into(), Val::S32(-3)),
                    ("name".into(), Val::String("a\"b\n\u{7}é".into())),
                    ("maybe".into(), Val::Option(None)),
                ]),
                "{x: -3, name: \"a\\\"b\\n\\u{7}é\"}",
            ),
            (
                variant.clone(),
                Val::Variant("some-char".into(), Some(Box::new(Val::Char('\'')))),
                "some-char('\\'')",
            ),
            (variant, Val::Variant("none".into(), None), "%none"),
            (
                Type::Result(Arc::new(ResultType {
                    ok: None,
                    err: Some(Type::String),
                })),
                Val::Result(Err(Some(Box::new(Val::String("no".into()))))),
                "err(\"no\")",
            ),
            (
                Type::Result(Arc::new(ResultType {
                    ok: None,
                    err: None,
                })),
                Val::Result(Ok(None)),
                "ok",
            ),
            (
                Type::Flags(vec!["a".into(), "b".into()].into()),
                Val::Flags(vec!["b".into()]),
                "{b}",
            ),
            (
                Type::Flags(vec!["a".into()].into()),
                Val::Flags(vec![]),
                "{}",
            ),
            (
                Type::Option(Arc::new(Type::Float64)),
                Val::Option(Some(Box::new(Val::Float64(1.5)))),
                "some(1.5)",
            ),
            (Type::Float32, Val::Float32(f32::NEG_INFINITY), "-inf"),
            (Type::Float64, Val::Float64(1e-7), "0.0000001"),
            (
                Type::Tuple(Arc::new([Type::Bool, Type::Char])),
                Val::Tuple(vec![Val::Bool(false), Val::Char('\u{10ffff}')]),
                "(false, '\\u{10ffff}')",
            ),
            (Type::Record(Arc::new([])), Val::Record(vec![]), "{:}"),
        ];
        for (ty, val, text) in cases {
            assert_eq!(to_string(&val), text);
            assert_eq!(parse_value(&ty, text), Ok(val), "{text}");
        }
        assert!(matches!(parse_value(&Type::Float32, "nan"), Ok(Val::Float32(f)) if f.is_nan()));
        assert_eq!(to_string(&Val::Float64(f64::NAN)), "nan");
    }

    #[test]
    fn shorthands_comments_and_whitespace() {
        let opt = Type::Option(Arc::new(Type::U32));
        assert_eq!(
            parse_value(&opt, " 7 "),
            Ok(Val::Option(Some(Box::new(Val::U32(7)))))
        );
        let res = Type::Result(Arc::new(ResultType {
            ok: Some(Type::U32),
            err: None,
        }));
        assert_eq!(
            parse_value(&res, "7"),
            Ok(Val::Result(Ok(Some(Box::new(Val::U32(7))))))
        );
        let list = Type::List(Arc::new(Type::S8));
        assert_eq!(
            parse_value(&list, "[ -1, // one\n 2, ]"),
            Ok(Val::List(vec![Val::S8(-1), Val::S8(2)]))
        );
        let flags = Type::Flags(vec!["a".into(), "b".into()].into());
        assert_eq!(
            parse_value(&flags, "{b, a}"),
            Ok(Val::Flags(vec!["a".into(), "b".into()]))
        );
        // A flag given twice is set once.
        assert_eq!(
            parse_value(&flags, "{b, b}"),
            Ok(Val::Flags(vec!["b".into()]))
        );
        let r = parse_value(&record(), "{name: \"n\", x: 1}").unwrap();
        assert_eq!(to_string(&r), "{x: 1, name: \"n\"}");
    }

    #[test]
    fn malformed_values_are_errors() {
        for (ty, text) in [
            (Type::U8, "256"),
            (Type::U8, "-1"),
            (Type::S32, "1.5"),
            (Type::Bool, "yes"),
            (Type::Char, "'ab'"),
            (Type::String, "\"open"),
            (Type::String, "\"\\q\""),
            (record(), "{x: 1}"),
            (record(), "{x: 1, name: \"a\", y: 2}"),
            (Type::Tuple(Arc::new([Type::U8, Type::U8])), "(1)"),
            (Type::Enum(vec!["a".into()].into()), "b"),
            (Type::List(Arc::new(Type::U8)), "[1 2]"),
            (Type::U32, "1 2"),
        ] {
            assert!(
                parse_value(&ty, text).is_err(),
                "{text} should not parse as {ty:?}"
            );
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
        let opt = || Some(vec![Type::U8, Type::Option(Arc::new(Type::U8))]);
        assert_eq!(
            parse_call("f(1)", |_| opt()).unwrap().1,
            vec![Val::U8(1), Val::Option(None)]
        );
        assert!(
            parse_call("f()", |_| opt())
                .unwrap_err()
                .contains("missing argument 1")
        );
        assert!(parse_call("add(1, \"x\")", |_| Some(vec![Type::U32, Type::U32])).is_err());
        assert!(parse_call("add(1, 2, 3)", |_| Some(vec![Type::U32, Type::U32])).is_err());
        assert!(
            parse_call("nope()", |_| None)
                .unwrap_err()
                .contains("no exported function `nope`")
        );
    }
}
