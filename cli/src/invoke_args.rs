//! Arguments for `--invoke`, parsed by the function's signature, and results
//! printed in natural form.

use wisp::{ExternRef, HeapType, Store, Val, ValType};

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
        ValType::V128 => parse_int(text, 128).map(|v| Arg::Val(Val::V128(v as u128))),
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
/// floats (`1.5`, `-0`, `inf`, `nan`, `nan:0x...`), references by kind (a
/// host reference holding a `u32`, as `ref.extern N` arguments make, with
/// its number).
pub fn format_val<T>(v: &Val, store: &Store<T>) -> String {
    match *v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(bits) => format_f32(bits),
        Val::F64(bits) => format_f64(bits),
        Val::V128(x) => format!("0x{x:032x}"),
        Val::FuncRef(None) => "ref.null func".into(),
        Val::FuncRef(Some(_)) => "ref.func".into(),
        Val::ExternRef(None) => "ref.null extern".into(),
        Val::ExternRef(Some(r)) => match r.data(store).downcast_ref::<u32>() {
            Some(n) => format!("ref.extern {n}"),
            None => "ref.extern".into(),
        },
        Val::ExnRef(None) => "ref.null exn".into(),
        Val::ExnRef(Some(_)) => "ref.exn".into(),
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
}
