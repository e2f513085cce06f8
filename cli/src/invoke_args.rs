//! Arguments for `--invoke`, parsed by the function's signature, and results
//! printed in natural form.
//!
//! A `v128` argument is a shape keyword and its lanes, as separate words
//! (`i32x4 1 2 3 4`) or one (`"i32x4 1 2 3 4"`), or one 128-bit integer; a
//! `v128` result prints as `i32x4` and four fixed-width hex lanes, which
//! reads back as an argument.

use wisp::{ExternRef, HeapType, Store, V128, Val, ValType};

/// A parsed argument: a value, or the number an `externref` argument
/// names, which becomes a host reference (holding that `u32`) once the store
/// it belongs to exists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg {
    /// A value that needs no store.
    Val(Val),
    /// `ref.extern N` (or just `N`) for an `externref` parameter.
    Extern(u32),
}

impl Arg {
    /// The value, made in `store` for an `externref`.
    pub fn into_val<T>(self, store: &mut Store<T>) -> Val {
        match self {
            Arg::Val(v) => v,
            Arg::Extern(n) => Val::ExternRef(Some(ExternRef::new(store, n))),
        }
    }
}

/// Parses `text` as a value of type `ty`; the error says what was expected.
pub fn parse_val(ty: ValType, text: &str) -> Result<Arg, String> {
    let parsed = match ty {
        ValType::I32 => parse_int(text, 32).map(|v| Arg::Val(Val::I32(v as u32 as i32))),
        ValType::I64 => parse_int(text, 64).map(|v| Arg::Val(Val::I64(v as u64 as i64))),
        ValType::F32 => parse_f32(text).map(|v| Arg::Val(Val::F32(v))),
        ValType::F64 => parse_f64(text).map(|v| Arg::Val(Val::F64(v))),
        ValType::V128 => {
            let words: Vec<&str> = text.split_whitespace().collect();
            return parse_v128(&words).map(|v| Arg::Val(Val::V128(v)));
        }
        ValType::Ref(r) => parse_ref(r.heap, text),
    };
    parsed.ok_or_else(|| {
        let hint = if text.starts_with("--") {
            " (options go before the arguments)"
        } else {
            ""
        };
        format!("cannot parse `{text}` as {ty}{hint}")
    })
}

/// Why `--invoke` arguments do not fit a signature.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgsError {
    /// The words make `got` values, not one per parameter.
    Count {
        /// How many values the words make (a `v128` shape and its lanes
        /// are one).
        got: usize,
    },
    /// The argument for parameter `index` (from 0) is malformed.
    Arg {
        /// The parameter.
        index: usize,
        /// What is wrong, in a phrase.
        message: String,
    },
}

/// `words` parsed as the arguments of a function taking `params`: one word
/// per parameter, except that a `v128` parameter whose word is a shape
/// keyword takes the lane words after it too (up to the shape's count, and
/// not past another shape keyword). The count is checked before the
/// values, except that a malformed `v128` shape or lane count is reported
/// first, as it explains a wrong count.
pub fn parse_args(params: &[ValType], words: &[String]) -> Result<Vec<Arg>, ArgsError> {
    let mut groups: Vec<&[String]> = Vec::with_capacity(params.len());
    let mut rest = words;
    for ty in params {
        if rest.is_empty() {
            break;
        }
        let n = if *ty == ValType::V128 {
            v128_words(rest)
        } else {
            1
        };
        let (group, tail) = rest.split_at(n);
        groups.push(group);
        rest = tail;
    }
    let arg_error = |index: usize, message: String| ArgsError::Arg { index, message };
    let parse_group = |index: usize, ty: ValType, group: &[String]| match group {
        [word] => parse_val(ty, word).map_err(|m| arg_error(index, m)),
        _ => {
            let words: Vec<&str> = group.iter().map(String::as_str).collect();
            parse_v128(&words)
                .map(|v| Arg::Val(Val::V128(v)))
                .map_err(|m| arg_error(index, m))
        }
    };
    let got = groups.len() + rest.len();
    if got != params.len() {
        for (index, (ty, group)) in params.iter().zip(&groups).enumerate() {
            let words: Vec<&str> = group.iter().flat_map(|w| w.split_whitespace()).collect();
            let shaped = words.first().is_some_and(|w| looks_like_shape(w));
            if *ty == ValType::V128 && shaped {
                if let Err(e) = v128_shape_and_lanes(&words) {
                    return Err(arg_error(index, e));
                }
            }
        }
        return Err(ArgsError::Count { got });
    }
    params
        .iter()
        .zip(groups)
        .enumerate()
        .map(|(index, (ty, group))| parse_group(index, *ty, group))
        .collect()
}

/// A lane shape of `v128`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    I8x16,
    I16x8,
    I32x4,
    I64x2,
    F32x4,
    F64x2,
}

impl Shape {
    const ALL: [Shape; 6] = [
        Shape::I8x16,
        Shape::I16x8,
        Shape::I32x4,
        Shape::I64x2,
        Shape::F32x4,
        Shape::F64x2,
    ];

    /// Its keyword.
    fn name(self) -> &'static str {
        match self {
            Shape::I8x16 => "i8x16",
            Shape::I16x8 => "i16x8",
            Shape::I32x4 => "i32x4",
            Shape::I64x2 => "i64x2",
            Shape::F32x4 => "f32x4",
            Shape::F64x2 => "f64x2",
        }
    }

    /// The shape whose keyword `word` is.
    fn from_name(word: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == word)
    }

    /// How many lanes.
    fn lanes(self) -> usize {
        128 / self.lane_bits() as usize
    }

    /// The width of a lane.
    fn lane_bits(self) -> u32 {
        match self {
            Shape::I8x16 => 8,
            Shape::I16x8 => 16,
            Shape::I32x4 | Shape::F32x4 => 32,
            Shape::I64x2 | Shape::F64x2 => 64,
        }
    }

    /// The bits of one lane, parsed as the scalar of its type is.
    fn parse_lane(self, word: &str) -> Option<u64> {
        match self {
            Shape::F32x4 => parse_f32(word).map(u64::from),
            Shape::F64x2 => parse_f64(word),
            _ => parse_int(word, self.lane_bits()).map(|v| v as u64),
        }
    }

    /// The type of a lane.
    fn lane_type(self) -> &'static str {
        match self {
            Shape::I8x16 => "i8",
            Shape::I16x8 => "i16",
            Shape::I32x4 => "i32",
            Shape::I64x2 => "i64",
            Shape::F32x4 => "f32",
            Shape::F64x2 => "f64",
        }
    }
}

/// Whether `word` is spelled like a shape keyword (`u8x16`, `i32x8`): a
/// letter, digits, `x`, digits.
fn looks_like_shape(word: &str) -> bool {
    let Some(rest) = word.strip_prefix(|c: char| c.is_ascii_alphabetic()) else {
        return false;
    };
    let Some((width, count)) = rest.split_once('x') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(width) && digits(count)
}

/// How many of `words` (not empty) a `v128` argument takes: a shape keyword
/// and the lane words after it, up to the shape's count, stopping at
/// another shape keyword; otherwise one word.
fn v128_words(words: &[String]) -> usize {
    let Some(shape) = Shape::from_name(&words[0]) else {
        return 1;
    };
    let lanes = words[1..]
        .iter()
        .take(shape.lanes())
        .take_while(|w| !looks_like_shape(w))
        .count();
    1 + lanes
}

/// The shape and lane words of a `v128` argument's words, if they start
/// with a shape keyword (`None` for one integer word); an error for an
/// unknown shape or the wrong number of lanes.
fn v128_shape_and_lanes<'a>(words: &[&'a str]) -> Result<Option<(Shape, Vec<&'a str>)>, String> {
    let Some((first, lanes)) = words.split_first() else {
        return Err("cannot parse `` as v128".into());
    };
    match Shape::from_name(first) {
        Some(shape) if lanes.len() == shape.lanes() => Ok(Some((shape, lanes.to_vec()))),
        Some(shape) => Err(format!(
            "v128 shape {} takes {} lanes, got {}",
            shape.name(),
            shape.lanes(),
            lanes.len()
        )),
        None if looks_like_shape(first) => Err(format!(
            "unknown v128 shape `{first}` (shapes: {})",
            Shape::ALL.map(Shape::name).join(" ")
        )),
        None if lanes.is_empty() => Ok(None),
        None => Err(format!(
            "cannot parse `{}` as v128 (a shape keyword and its lanes, or one 128-bit integer)",
            words.join(" ")
        )),
    }
}

/// A `v128` from its words: a shape keyword and its lanes (`i32x4 1 2 3
/// 4`, lane 0 first), or one 128-bit integer.
fn parse_v128(words: &[&str]) -> Result<u128, String> {
    let Some((shape, lanes)) = v128_shape_and_lanes(words)? else {
        let word = words[0];
        return parse_int(word, 128).map(|v| v as u128).ok_or_else(|| {
            format!(
                "cannot parse `{word}` as v128 (a shape keyword and its lanes, as `i32x4 1 2 3 4`, or one 128-bit integer)"
            )
        });
    };
    let bits = shape.lane_bits();
    let mask = u64::MAX >> (64 - bits);
    let mut v = 0u128;
    for (i, word) in lanes.iter().enumerate() {
        let lane = shape.parse_lane(word).ok_or_else(|| {
            format!(
                "cannot parse `{word}` as {} (lane {i} of {})",
                shape.lane_type(),
                shape.name()
            )
        })?;
        v |= u128::from(lane & mask) << (i as u32 * bits);
    }
    Ok(v)
}

/// A `v128` as `i32x4` and four fixed-width hex lanes, lane 0 first: exact
/// whatever the lanes hold, and read back by [`parse_v128`].
pub fn format_v128(bits: u128) -> String {
    let [a, b, c, d] = V128::from_bits(bits).to_i32x4();
    format!("i32x4 0x{a:08x} 0x{b:08x} 0x{c:08x} 0x{d:08x}")
}

/// An integer of `bits` width: decimal or `0x` hex, optionally signed, with
/// `_` separators; anything from the signed minimum to the unsigned maximum.
/// Returns the value truncated to `bits` (two's complement) as `i128`.
fn parse_int(text: &str, bits: u32) -> Option<i128> {
    let (neg, rest) = split_sign(text);
    let digits: String = rest.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || rest.starts_with('_') || rest.ends_with('_') {
        return None;
    }
    let magnitude = match digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        Some(hex) if is_hex(hex) => u128::from_str_radix(hex, 16).ok()?,
        Some(_) => return None,
        None if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse::<u128>().ok()?,
        None => return None,
    };
    let (min_magnitude, max) = if bits == 128 {
        (1u128 << 127, u128::MAX)
    } else {
        (1u128 << (bits - 1), (1u128 << bits) - 1)
    };
    if neg {
        (magnitude <= min_magnitude).then(|| (magnitude as i128).wrapping_neg())
    } else {
        (magnitude <= max).then_some(magnitude as i128)
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// An `f32` bit pattern: a decimal (with exponent), `inf`, `nan`, or
/// `nan:0xPAYLOAD`, optionally signed.
fn parse_f32(text: &str) -> Option<u32> {
    let (neg, rest) = split_sign(text);
    let sign = if neg { 1u32 << 31 } else { 0 };
    if let Some(payload) = nan_payload(rest, 23)? {
        return Some(sign | 0x7f80_0000 | payload as u32);
    }
    finite_or_inf(rest)?;
    text.parse::<f32>().ok().map(f32::to_bits)
}

/// An `f64` bit pattern, in the forms [`parse_f32`] accepts.
fn parse_f64(text: &str) -> Option<u64> {
    let (neg, rest) = split_sign(text);
    let sign = if neg { 1u64 << 63 } else { 0 };
    if let Some(payload) = nan_payload(rest, 52)? {
        return Some(sign | 0x7ff0_0000_0000_0000 | payload);
    }
    finite_or_inf(rest)?;
    text.parse::<f64>().ok().map(f64::to_bits)
}

/// For unsigned `text`: `Some(Some(payload))` if it names a NaN (canonical
/// for plain `nan`), `Some(None)` if it is not a NaN, `None` if it is a
/// malformed NaN.
fn nan_payload(text: &str, mantissa_bits: u32) -> Option<Option<u64>> {
    let lower = text.to_ascii_lowercase();
    if lower == "nan" {
        return Some(Some(1 << (mantissa_bits - 1)));
    }
    let Some(hex) = lower.strip_prefix("nan:0x") else {
        return Some(None);
    };
    let hex = hex.replace('_', "");
    if !is_hex(&hex) {
        return None;
    }
    let payload = u64::from_str_radix(&hex, 16).ok()?;
    (payload != 0 && payload < (1 << mantissa_bits)).then_some(Some(payload))
}

/// Rejects spellings Rust accepts but a user would not mean (`infinity` is
/// fine; a second sign is not).
fn finite_or_inf(unsigned: &str) -> Option<()> {
    (!unsigned.starts_with(['+', '-']) && !unsigned.is_empty()).then_some(())
}

fn parse_ref(heap: HeapType, text: &str) -> Option<Arg> {
    let null = matches!(text, "null" | "ref.null");
    match heap {
        HeapType::Extern | HeapType::NoExtern => {
            if null {
                Some(Arg::Val(Val::ExternRef(None)))
            } else {
                let n = text.strip_prefix("ref.extern ").unwrap_or(text);
                n.trim().parse::<u32>().ok().map(Arg::Extern)
            }
        }
        _ => null.then_some(Arg::Val(Val::FuncRef(None))),
    }
}

/// A result in natural form: signed decimal integers, shortest round-trip
/// floats (`1.5`, `-0`, `inf`, `nan`, `nan:0x...`), a `v128` as
/// [`format_v128`] prints it, references by kind (a
/// host reference holding a `u32`, as `ref.extern N` arguments make, with
/// its number).
pub fn format_val<T>(v: &Val, store: &Store<T>) -> String {
    match *v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(bits) => format_f32(bits),
        Val::F64(bits) => format_f64(bits),
        Val::V128(x) => format_v128(x),
        Val::FuncRef(None) => "ref.null func".into(),
        Val::FuncRef(Some(_)) => "ref.func".into(),
        Val::ExternRef(None) => "ref.null extern".into(),
        Val::ExternRef(Some(r)) => match r.try_data(store).and_then(|d| d.downcast_ref::<u32>()) {
            Some(n) => format!("ref.extern {n}"),
            None => "ref.extern".into(),
        },
        Val::ExnRef(None) => "ref.null exn".into(),
        Val::ExnRef(Some(_)) => "ref.exn".into(),
        Val::AnyRef(None) => "ref.null any".into(),
        Val::AnyRef(Some(r)) => match r.kind(store) {
            wisp::AnyRefKind::I31 => format!("ref.i31 {}", r.i31_i32(store).unwrap_or_default()),
            wisp::AnyRefKind::Struct => "ref.struct".into(),
            wisp::AnyRefKind::Array => "ref.array".into(),
            wisp::AnyRefKind::Host => "ref.host".into(),
        },
    }
}

fn format_f32(bits: u32) -> String {
    let x = f32::from_bits(bits);
    if x.is_nan() {
        format_nan(bits >> 31 != 0, u64::from(bits & 0x7f_ffff), 1 << 22)
    } else {
        format_float(x, f64::from(x).abs())
    }
}

fn format_f64(bits: u64) -> String {
    let x = f64::from_bits(bits);
    if x.is_nan() {
        format_nan(bits >> 63 != 0, bits & 0xf_ffff_ffff_ffff, 1 << 51)
    } else {
        format_float(x, x.abs())
    }
}

fn format_nan(negative: bool, payload: u64, canonical: u64) -> String {
    let sign = if negative { "-" } else { "" };
    if payload == canonical {
        format!("{sign}nan")
    } else {
        format!("{sign}nan:0x{payload:x}")
    }
}

/// Shortest round-trip digits; exponent form for very large or small
/// magnitudes, where plain form would print dozens of zeros.
fn format_float<T: std::fmt::Display + std::fmt::LowerExp>(x: T, abs: f64) -> String {
    if abs != 0.0 && abs.is_finite() && !(1e-5..1e16).contains(&abs) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ty: ValType, s: &str) -> Option<Val> {
        match parse_val(ty, s).ok()? {
            Arg::Val(v) => Some(v),
            Arg::Extern(_) => None,
        }
    }

    /// `format_val` in a fresh store.
    fn format_val(v: &Val) -> String {
        super::format_val(v, &Store::new(&wisp::Engine::default(), ()))
    }

    #[test]
    fn integers() {
        assert_eq!(p(ValType::I32, "42"), Some(Val::I32(42)));
        assert_eq!(p(ValType::I32, "-7"), Some(Val::I32(-7)));
        assert_eq!(p(ValType::I32, "+7"), Some(Val::I32(7)));
        assert_eq!(p(ValType::I32, "0x10"), Some(Val::I32(16)));
        assert_eq!(p(ValType::I32, "-0x10"), Some(Val::I32(-16)));
        assert_eq!(p(ValType::I32, "0xffffffff"), Some(Val::I32(-1)));
        assert_eq!(p(ValType::I32, "4294967295"), Some(Val::I32(-1)));
        assert_eq!(p(ValType::I32, "-2147483648"), Some(Val::I32(i32::MIN)));
        assert_eq!(p(ValType::I32, "1_000"), Some(Val::I32(1000)));
        assert_eq!(
            p(ValType::I64, "-9223372036854775808"),
            Some(Val::I64(i64::MIN))
        );
        assert_eq!(p(ValType::I64, "0xffffffffffffffff"), Some(Val::I64(-1)));
        assert_eq!(p(ValType::I64, "5000000000"), Some(Val::I64(5_000_000_000)));
        for bad in [
            "",
            "-",
            "0x",
            "4294967296",
            "-2147483649",
            "1.5",
            "abc",
            "--1",
            "_1",
            "1_",
            "0x-1",
            "0x+1",
            " 1",
        ] {
            assert_eq!(p(ValType::I32, bad), None, "{bad:?}");
        }
        assert_eq!(p(ValType::I64, "18446744073709551616"), None);
        assert_eq!(
            p(ValType::I64, "99999999999999999999999999999999999999999"),
            None
        );
    }

    #[test]
    fn floats() {
        assert_eq!(p(ValType::F64, "1.5"), Some(Val::from(1.5f64)));
        assert_eq!(p(ValType::F64, "-2.5e3"), Some(Val::from(-2500.0f64)));
        assert_eq!(p(ValType::F64, "inf"), Some(Val::from(f64::INFINITY)));
        assert_eq!(p(ValType::F64, "-inf"), Some(Val::from(f64::NEG_INFINITY)));
        assert_eq!(p(ValType::F64, "-0"), Some(Val::F64(1 << 63)));
        assert_eq!(
            p(ValType::F64, "nan"),
            Some(Val::F64(0x7ff8_0000_0000_0000))
        );
        assert_eq!(
            p(ValType::F64, "-nan"),
            Some(Val::F64(0xfff8_0000_0000_0000))
        );
        assert_eq!(
            p(ValType::F64, "nan:0x1"),
            Some(Val::F64(0x7ff0_0000_0000_0001))
        );
        assert_eq!(p(ValType::F32, "0.1"), Some(Val::from(0.1f32)));
        assert_eq!(p(ValType::F32, "nan"), Some(Val::F32(0x7fc0_0000)));
        assert_eq!(
            p(ValType::F32, "-nan:0x200000"),
            Some(Val::F32(0xffa0_0000))
        );
        assert_eq!(p(ValType::F32, "7"), Some(Val::from(7.0f32)));
        for bad in [
            "",
            "x",
            "--1",
            "+-1",
            "nan:0x0",
            "nan:0x800000",
            "nan:",
            "1.5.5",
            "-",
        ] {
            assert_eq!(p(ValType::F32, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn references() {
        assert_eq!(p(ValType::EXTERNREF, "null"), Some(Val::ExternRef(None)));
        assert_eq!(parse_val(ValType::EXTERNREF, "3"), Ok(Arg::Extern(3)));
        assert_eq!(
            parse_val(ValType::EXTERNREF, "ref.extern 4"),
            Ok(Arg::Extern(4))
        );
        assert_eq!(p(ValType::FUNCREF, "null"), Some(Val::FuncRef(None)));
        assert_eq!(p(ValType::FUNCREF, "3"), None);
    }

    #[test]
    fn error_names_value_and_type() {
        assert_eq!(
            parse_val(ValType::I64, "x").unwrap_err(),
            "cannot parse `x` as i64"
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(format_val(&Val::I32(-3)), "-3");
        assert_eq!(format_val(&Val::I64(i64::MIN)), "-9223372036854775808");
        assert_eq!(format_val(&Val::from(1.5f64)), "1.5");
        assert_eq!(format_val(&Val::from(2.0f64)), "2");
        assert_eq!(format_val(&Val::from(-0.0f64)), "-0");
        assert_eq!(format_val(&Val::from(f64::INFINITY)), "inf");
        assert_eq!(format_val(&Val::from(f64::NEG_INFINITY)), "-inf");
        assert_eq!(format_val(&Val::F64(0x7ff8_0000_0000_0000)), "nan");
        assert_eq!(format_val(&Val::F64(0xfff8_0000_0000_0000)), "-nan");
        assert_eq!(format_val(&Val::F64(0x7ff0_0000_0000_0001)), "nan:0x1");
        assert_eq!(format_val(&Val::from(1e300f64)), "1e300");
        assert_eq!(format_val(&Val::from(1.25e-7f64)), "1.25e-7");
        assert_eq!(format_val(&Val::from(123456.0f64)), "123456");
        assert_eq!(format_val(&Val::from(0.1f32)), "0.1");
        assert_eq!(format_val(&Val::from(3e38f32)), "3e38");
        assert_eq!(format_val(&Val::F32(0x7fc0_0000)), "nan");
        assert_eq!(format_val(&Val::F32(0x7fa0_0000)), "nan:0x200000");
        assert_eq!(format_val(&Val::FuncRef(None)), "ref.null func");
        assert_eq!(format_val(&Val::ExternRef(None)), "ref.null extern");
        let mut store = Store::new(&wisp::Engine::default(), ());
        let five = Val::ExternRef(Some(ExternRef::new(&mut store, 5u32)));
        assert_eq!(super::format_val(&five, &store), "ref.extern 5");
        let other = Val::ExternRef(Some(ExternRef::new(&mut store, "text")));
        assert_eq!(super::format_val(&other, &store), "ref.extern");
    }

    #[test]
    fn floats_round_trip_through_text() {
        for bits in [
            0x3dcc_cccdu32,
            0x0000_0001,
            0x7f7f_ffff,
            0x8000_0000,
            0x7fc0_0001,
            0xff80_0000,
        ] {
            let text = format_val(&Val::F32(bits));
            assert_eq!(p(ValType::F32, &text), Some(Val::F32(bits)), "{text}");
        }
        for bits in [
            1u64,
            0x7fef_ffff_ffff_ffff,
            0x3fb9_9999_9999_999a,
            0xfff0_0000_0000_0002,
        ] {
            let text = format_val(&Val::F64(bits));
            assert_eq!(p(ValType::F64, &text), Some(Val::F64(bits)), "{text}");
        }
    }

    /// `text` split into words, as a shell or a `--batch` line splits it.
    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    /// The values `text` makes for `params`, or the error.
    fn args(params: &[ValType], text: &str) -> Result<Vec<Val>, ArgsError> {
        Ok(parse_args(params, &words(text))?
            .into_iter()
            .map(|a| match a {
                Arg::Val(v) => v,
                Arg::Extern(_) => panic!("no externref here"),
            })
            .collect())
    }

    /// The one `v128` that `text` makes, or the error's message.
    fn v128(text: &str) -> Result<u128, String> {
        match args(&[ValType::V128], text) {
            Ok(v) => Ok(v[0].unwrap_v128()),
            Err(ArgsError::Arg { index: 0, message }) => Err(message),
            Err(e) => Err(format!("{e:?}")),
        }
    }

    #[test]
    fn v128_lanes_of_every_shape() {
        let want = 0x0000_0004_0000_0003_0000_0002_0000_0001;
        assert_eq!(v128("i32x4 1 2 3 4"), Ok(want));
        assert_eq!(v128("i64x2 0x200000001 0x400000003"), Ok(want));
        assert_eq!(v128("i16x8 1 0 2 0 3 0 4 0"), Ok(want));
        assert_eq!(v128("i8x16 1 0 0 0 2 0 0 0 3 0 0 0 4 0 0 0"), Ok(want));
        assert_eq!(
            v128("i8x16 -1 255 0x80 -128 0 0 0 0 0 0 0 0 0 0 0 127"),
            Ok(0x7f00_0000_0000_0000_0000_0000_8080_ffff)
        );
        assert_eq!(
            v128("i16x8 -1 0xffff 0 0 0 0 0 -32768"),
            Ok(0x8000_0000_0000_0000_0000_0000_ffff_ffff)
        );
        assert_eq!(
            v128("i32x4 -1 0 0 4294967295"),
            Ok(0xffff_ffff << 96 | 0xffff_ffff)
        );
        assert_eq!(
            v128("i64x2 -1 0x8000000000000000"),
            Ok(1 << 127 | u64::MAX as u128)
        );
        assert_eq!(
            v128("f32x4 1 -0 inf nan:0x1"),
            Ok(0x7f80_0001_7f80_0000_8000_0000_3f80_0000)
        );
        assert_eq!(
            v128("f64x2 -nan 1.5"),
            Ok(0x3ff8_0000_0000_0000_fff8_0000_0000_0000)
        );
        // One 128-bit integer, as before; and the shape in one quoted word.
        assert_eq!(v128("5"), Ok(5));
        assert_eq!(v128("-1"), Ok(u128::MAX));
        assert_eq!(v128("0x00000004000000030000000200000001"), Ok(want));
        assert_eq!(
            parse_val(ValType::V128, "i32x4 1 2 3 4"),
            Ok(Arg::Val(Val::V128(want)))
        );
        assert_eq!(
            parse_args(&[ValType::V128], &["  i32x4 1\t2 3 4 ".into()]),
            Ok(vec![Arg::Val(Val::V128(want))])
        );
    }

    #[test]
    fn v128_lane_errors_name_the_shape_and_counts() {
        assert_eq!(
            v128("i32x4 1 2 3").unwrap_err(),
            "v128 shape i32x4 takes 4 lanes, got 3"
        );
        assert_eq!(
            v128("i8x16 1").unwrap_err(),
            "v128 shape i8x16 takes 16 lanes, got 1"
        );
        assert_eq!(
            v128("f64x2").unwrap_err(),
            "v128 shape f64x2 takes 2 lanes, got 0"
        );
        assert_eq!(
            parse_val(ValType::V128, "i32x4 1 2 3 4 5").unwrap_err(),
            "v128 shape i32x4 takes 4 lanes, got 5"
        );
        assert_eq!(
            v128("u8x16 1 2").unwrap_err(),
            "unknown v128 shape `u8x16` (shapes: i8x16 i16x8 i32x4 i64x2 f32x4 f64x2)"
        );
        assert_eq!(
            v128("i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 256").unwrap_err(),
            "cannot parse `256` as i8 (lane 15 of i8x16)"
        );
        assert_eq!(
            v128("f32x4 1 2 3 0x3f800000").unwrap_err(),
            "cannot parse `0x3f800000` as f32 (lane 3 of f32x4)"
        );
        assert_eq!(
            v128("i16x8 1 2 3 4 5 6 7 -32769").unwrap_err(),
            "cannot parse `-32769` as i16 (lane 7 of i16x8)"
        );
        assert!(
            v128("x")
                .unwrap_err()
                .starts_with("cannot parse `x` as v128")
        );
        assert!(
            parse_val(ValType::V128, "1 2")
                .unwrap_err()
                .starts_with("cannot parse `1 2` as v128")
        );
        assert!(parse_val(ValType::V128, "").is_err());
    }

    #[test]
    fn arguments_count_values_not_words() {
        let (v, i) = (ValType::V128, ValType::I32);
        let four = Val::V128(V128::from_i32x4([1, 2, 3, 4]).to_bits());
        assert_eq!(
            args(&[v, i], "i32x4 1 2 3 4 7"),
            Ok(vec![four, Val::I32(7)])
        );
        assert_eq!(
            args(&[i, v, v], "7 i32x4 1 2 3 4 0x10"),
            Ok(vec![Val::I32(7), four, Val::V128(16)])
        );
        assert_eq!(
            args(&[v, v], "i64x2 1 0 f64x2 0 -0"),
            Ok(vec![Val::V128(1), Val::V128(1 << 127)])
        );
        // A shape keyword ends the lanes of the one before it.
        assert_eq!(
            args(&[v, v], "i32x4 1 2 3 i32x4 1 2 3 4"),
            Err(ArgsError::Arg {
                index: 0,
                message: "v128 shape i32x4 takes 4 lanes, got 3".into()
            })
        );
        // Too few or too many values: counted as values.
        assert_eq!(
            args(&[v, i], "i32x4 1 2 3 4"),
            Err(ArgsError::Count { got: 1 })
        );
        assert_eq!(
            args(&[v, i], "i32x4 1 2 3 4 5 6"),
            Err(ArgsError::Count { got: 3 })
        );
        assert_eq!(args(&[v], ""), Err(ArgsError::Count { got: 0 }));
        // A bad shape is reported rather than the count it upsets.
        assert_eq!(
            args(&[v, i], "i32x8 1 2 3 4 5 6 7 8 9"),
            Err(ArgsError::Arg {
                index: 0,
                message: "unknown v128 shape `i32x8` (shapes: i8x16 i16x8 i32x4 i64x2 f32x4 f64x2)"
                    .into()
            })
        );
        // Scalars: one word each, as before; a shape keyword is no i32.
        assert_eq!(args(&[i, i], "1 2"), Ok(vec![Val::I32(1), Val::I32(2)]));
        assert_eq!(args(&[i], "1 2"), Err(ArgsError::Count { got: 2 }));
        assert!(matches!(
            args(&[i, v], "i32x4 1"),
            Err(ArgsError::Arg { index: 0, .. })
        ));
    }

    #[test]
    fn v128_results_print_as_i32x4_hex_and_read_back() {
        assert_eq!(
            format_val(&Val::V128(V128::from_i32x4([1, 2, 3, 4]).to_bits())),
            "i32x4 0x00000001 0x00000002 0x00000003 0x00000004"
        );
        assert_eq!(
            format_val(&Val::V128(u128::MAX)),
            "i32x4 0xffffffff 0xffffffff 0xffffffff 0xffffffff"
        );
        for bits in [
            0,
            u128::MAX,
            1 << 127,
            0xffee_ddcc_bbaa_9988_7766_5544_3322_1100,
            V128::from_f32x4([f32::from_bits(0x7fa0_0001), -0.0, 1.5, -f32::INFINITY]).to_bits(),
        ] {
            let text = format_v128(bits);
            assert_eq!(v128(&text), Ok(bits), "{text} as words");
            assert_eq!(
                parse_val(ValType::V128, &text),
                Ok(Arg::Val(Val::V128(bits))),
                "{text} as one word"
            );
        }
    }

    #[cfg(feature = "wat")]
    /// Calls `name` in a SIMD module with arguments parsed from `text` and
    /// returns the results printed as `--batch` prints them.
    fn invoke(name: &str, text: &str) -> Result<String, ArgsError> {
        let mut config = wisp::Config::new();
        config.wasm_simd(true);
        let engine = wisp::Engine::new(&config);
        let module = wisp::Module::new(
            &engine,
            r#"(module
              (func (export "id") (param v128) (result v128) local.get 0)
              (func (export "pair") (param v128 i32) (result i32 v128)
                local.get 1 local.get 0))"#,
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let instance = wisp::Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let func = instance.get_func(&store, name).unwrap();
        let ty = func.ty(&store);
        let params: Vec<Val> = parse_args(ty.params(), &words(text))?
            .into_iter()
            .map(|a| a.into_val(&mut store))
            .collect();
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        func.call(&mut store, &params, &mut results).unwrap();
        let text: Vec<String> = results
            .iter()
            .map(|v| super::format_val(v, &store))
            .collect();
        Ok(text.join(" "))
    }

    #[test]
    #[cfg(feature = "wat")]
    fn v128_functions_called_with_parsed_arguments() {
        assert_eq!(
            invoke("id", "i32x4 1 2 3 4").unwrap(),
            "i32x4 0x00000001 0x00000002 0x00000003 0x00000004"
        );
        assert_eq!(
            invoke("id", "f32x4 1 -0 nan:0x1 -inf").unwrap(),
            "i32x4 0x3f800000 0x80000000 0x7f800001 0xff800000"
        );
        assert_eq!(
            invoke("id", "0x1").unwrap(),
            "i32x4 0x00000001 0x00000000 0x00000000 0x00000000"
        );
        let out = invoke("pair", "i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 7").unwrap();
        assert_eq!(out, "7 i32x4 0x000000ff 0x00000000 0x00000000 0x01000000");
        // A printed result is an argument again.
        let again = invoke("id", out.strip_prefix("7 ").unwrap()).unwrap();
        assert_eq!(again, out.strip_prefix("7 ").unwrap());
        assert_eq!(
            invoke("pair", "i32x4 1 2 3 4"),
            Err(ArgsError::Count { got: 1 })
        );
    }
}
