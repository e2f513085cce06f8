//! Script values: turning `(invoke …)` arguments into [`Val`]s and checking
//! results against the patterns of `assert_return`.

use wast::core::{HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::token::{F32, F64};
use wast::{WastArg, WastRet};
use wisp::{AnyRef, AnyRefKind, ExternRef, Store, Val};

/// The value of an invocation argument; a `(ref.extern N)` becomes a host
/// reference to `N` in `store`.
pub(crate) fn arg(arg: &WastArg<'_>, store: &mut Store<()>) -> Result<Val, String> {
    let WastArg::Core(core) = arg else {
        return Err("component-model arguments are not supported".into());
    };
    Ok(match core {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(v.bits),
        WastArgCore::F64(v) => Val::F64(v.bits),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(heap) => match heap_kind(heap) {
            RefKind::Extern => Val::ExternRef(None),
            RefKind::Exn => Val::ExnRef(None),
            RefKind::Func => Val::FuncRef(None),
            // A null of a defined type: the store accepts a null of any
            // hierarchy for a nullable reference type.
            RefKind::Other => Val::AnyRef(None),
        },
        WastArgCore::RefExtern(n) => Val::ExternRef(Some(ExternRef::new(store, *n))),
        WastArgCore::RefHost(n) => {
            let host = ExternRef::new(&mut *store, *n);
            Val::AnyRef(Some(AnyRef::convert_extern(store, host)))
        }
    })
}

/// Checks `got` against the expected result `expected`; the error says what
/// differs.
pub(crate) fn check(expected: &WastRet<'_>, got: &Val, store: &Store<()>) -> Result<(), String> {
    let WastRet::Core(core) = expected else {
        return Err("component-model results are not supported".into());
    };
    check_core(core, got, store)
}

/// The number a `(ref.extern N)` reference made by the script holds.
fn extern_number(r: &ExternRef, store: &Store<()>) -> Option<u32> {
    r.try_data(store)?.downcast_ref::<u32>().copied()
}

/// The number a `(ref.host N)` (host data made internal) holds.
fn host_number(r: &AnyRef, store: &Store<()>) -> Option<u32> {
    r.host_data(store)?.downcast_ref::<u32>().copied()
}

fn check_core(expected: &WastRetCore<'_>, got: &Val, store: &Store<()>) -> Result<(), String> {
    let ok = match (expected, got) {
        (WastRetCore::Either(alternatives), _) => alternatives
            .iter()
            .any(|alt| check_core(alt, got, store).is_ok()),
        (WastRetCore::I32(e), Val::I32(g)) => e == g,
        (WastRetCore::I64(e), Val::I64(g)) => e == g,
        (WastRetCore::F32(e), Val::F32(g)) => f32_matches(e, *g),
        (WastRetCore::F64(e), Val::F64(g)) => f64_matches(e, *g),
        (WastRetCore::V128(e), Val::V128(g)) => v128_matches(e, *g),
        (WastRetCore::RefNull(heap), Val::FuncRef(None)) => heap
            .as_ref()
            .is_none_or(|h| !matches!(heap_kind(h), RefKind::Extern | RefKind::Exn)),
        (WastRetCore::RefNull(heap), Val::ExternRef(None)) => heap
            .as_ref()
            .is_none_or(|h| !matches!(heap_kind(h), RefKind::Func | RefKind::Exn)),
        (WastRetCore::RefNull(heap), Val::ExnRef(None)) => {
            heap.as_ref().is_none_or(|h| heap_kind(h) == RefKind::Exn)
        }
        (WastRetCore::RefExtern(None), Val::ExternRef(Some(_))) => true,
        (WastRetCore::RefExtern(Some(e)), Val::ExternRef(Some(g))) => {
            extern_number(g, store) == Some(*e)
        }
        (WastRetCore::RefFunc(_), Val::FuncRef(Some(_))) => true,
        (WastRetCore::RefNull(heap), Val::AnyRef(None)) => {
            heap.as_ref().is_none_or(|h| heap_kind(h) == RefKind::Other)
        }
        (WastRetCore::RefHost(n), Val::AnyRef(Some(a))) => host_number(a, store) == Some(*n),
        (WastRetCore::RefAny, Val::AnyRef(Some(_))) => true,
        (WastRetCore::RefEq, Val::AnyRef(Some(a))) => a.kind(store) != AnyRefKind::Host,
        (WastRetCore::RefArray, Val::AnyRef(Some(a))) => a.kind(store) == AnyRefKind::Array,
        (WastRetCore::RefStruct, Val::AnyRef(Some(a))) => a.kind(store) == AnyRefKind::Struct,
        (WastRetCore::RefI31, Val::AnyRef(Some(a))) => a.kind(store) == AnyRefKind::I31,
        (WastRetCore::RefI31Shared, _) => {
            return Err("cannot check a shared i31 result (shared-everything threads)".into());
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected {}, got {}",
            ret_text(expected),
            val_text(got, store)
        ))
    }
}

/// Which reference hierarchy a heap type belongs to, as far as wisp's
/// [`Val`] can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Func,
    Extern,
    Exn,
    Other,
}

fn heap_kind(heap: &HeapType<'_>) -> RefKind {
    use wast::core::AbstractHeapType as A;
    match heap {
        HeapType::Abstract {
            ty: A::Func | A::NoFunc,
            ..
        } => RefKind::Func,
        HeapType::Abstract {
            ty: A::Extern | A::NoExtern,
            ..
        } => RefKind::Extern,
        HeapType::Abstract {
            ty: A::Exn | A::NoExn,
            ..
        } => RefKind::Exn,
        _ => RefKind::Other,
    }
}

fn f32_matches(expected: &NanPattern<F32>, got: u32) -> bool {
    match expected {
        NanPattern::CanonicalNan => got & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => got & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => v.bits == got,
    }
}

fn f64_matches(expected: &NanPattern<F64>, got: u64) -> bool {
    const QUIET: u64 = 0x7ff8_0000_0000_0000;
    match expected {
        NanPattern::CanonicalNan => got & 0x7fff_ffff_ffff_ffff == QUIET,
        NanPattern::ArithmeticNan => got & QUIET == QUIET,
        NanPattern::Value(v) => v.bits == got,
    }
}

fn v128_matches(expected: &V128Pattern, got: u128) -> bool {
    let bytes = got.to_le_bytes();
    let lane = |i: usize, size: usize| -> u64 {
        let mut buf = [0u8; 8];
        buf[..size].copy_from_slice(&bytes[i * size..(i + 1) * size]);
        u64::from_le_bytes(buf)
    };
    match expected {
        V128Pattern::I8x16(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| *v as u8 as u64 == lane(i, 1)),
        V128Pattern::I16x8(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| *v as u16 as u64 == lane(i, 2)),
        V128Pattern::I32x4(e) => e
            .iter()
            .enumerate()
            .all(|(i, v)| *v as u32 as u64 == lane(i, 4)),
        V128Pattern::I64x2(e) => e.iter().enumerate().all(|(i, v)| *v as u64 == lane(i, 8)),
        V128Pattern::F32x4(e) => e
            .iter()
            .enumerate()
            .all(|(i, p)| f32_matches(p, lane(i, 4) as u32)),
        V128Pattern::F64x2(e) => e
            .iter()
            .enumerate()
            .all(|(i, p)| f64_matches(p, lane(i, 8))),
    }
}

/// A short text form of an expected result, for failure messages.
fn ret_text(ret: &WastRetCore<'_>) -> String {
    match ret {
        WastRetCore::I32(v) => format!("(i32.const {v})"),
        WastRetCore::I64(v) => format!("(i64.const {v})"),
        WastRetCore::F32(p) => format!("(f32.const {})", nan_text(p, |v| f32_text(v.bits))),
        WastRetCore::F64(p) => format!("(f64.const {})", nan_text(p, |v| f64_text(v.bits))),
        WastRetCore::V128(p) => format!("(v128.const {})", v128_pattern_text(p)),
        WastRetCore::RefNull(Some(h)) => format!("(ref.null {})", heap_text(h)),
        WastRetCore::RefNull(None) => "(ref.null)".into(),
        WastRetCore::RefExtern(Some(n)) => format!("(ref.extern {n})"),
        WastRetCore::RefExtern(None) => "(ref.extern)".into(),
        WastRetCore::RefHost(n) => format!("(ref.host {n})"),
        WastRetCore::RefFunc(_) => "(ref.func)".into(),
        WastRetCore::RefAny => "(ref.any)".into(),
        WastRetCore::RefEq => "(ref.eq)".into(),
        WastRetCore::RefArray => "(ref.array)".into(),
        WastRetCore::RefStruct => "(ref.struct)".into(),
        WastRetCore::RefI31 => "(ref.i31)".into(),
        WastRetCore::RefI31Shared => "(ref.i31_shared)".into(),
        WastRetCore::Either(alts) => {
            let alts: Vec<String> = alts.iter().map(ret_text).collect();
            format!("(either {})", alts.join(" "))
        }
    }
}

fn heap_text(heap: &HeapType<'_>) -> String {
    use wast::core::AbstractHeapType as A;
    match heap {
        HeapType::Abstract { ty, .. } => match ty {
            A::Func => "func",
            A::NoFunc => "nofunc",
            A::Extern => "extern",
            A::NoExtern => "noextern",
            A::Any => "any",
            A::None => "none",
            A::Eq => "eq",
            A::Struct => "struct",
            A::Array => "array",
            A::I31 => "i31",
            A::Exn => "exn",
            A::NoExn => "noexn",
            _ => "?",
        }
        .into(),
        _ => "$type".into(),
    }
}

fn nan_text<T>(p: &NanPattern<T>, value: impl Fn(&T) -> String) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
        NanPattern::Value(v) => value(v),
    }
}

fn v128_pattern_text(p: &V128Pattern) -> String {
    fn join<T>(xs: &[T], f: impl Fn(&T) -> String) -> String {
        xs.iter().map(f).collect::<Vec<_>>().join(" ")
    }
    match p {
        V128Pattern::I8x16(v) => format!("i8x16 {}", join(v, |x| x.to_string())),
        V128Pattern::I16x8(v) => format!("i16x8 {}", join(v, |x| x.to_string())),
        V128Pattern::I32x4(v) => format!("i32x4 {}", join(v, |x| x.to_string())),
        V128Pattern::I64x2(v) => format!("i64x2 {}", join(v, |x| x.to_string())),
        V128Pattern::F32x4(v) => {
            format!("f32x4 {}", join(v, |p| nan_text(p, |x| f32_text(x.bits))))
        }
        V128Pattern::F64x2(v) => {
            format!("f64x2 {}", join(v, |p| nan_text(p, |x| f64_text(x.bits))))
        }
    }
}

fn f32_text(bits: u32) -> String {
    format!("{:?} (0x{bits:08x})", f32::from_bits(bits))
}

fn f64_text(bits: u64) -> String {
    format!("{:?} (0x{bits:016x})", f64::from_bits(bits))
}

/// A short text form of a value, for failure messages.
pub(crate) fn val_text(val: &Val, store: &Store<()>) -> String {
    match val {
        Val::I32(v) => format!("(i32.const {v})"),
        Val::I64(v) => format!("(i64.const {v})"),
        Val::F32(bits) => format!("(f32.const {})", f32_text(*bits)),
        Val::F64(bits) => format!("(f64.const {})", f64_text(*bits)),
        Val::V128(v) => format!("(v128.const i32x4 {})", {
            let b = v.to_le_bytes();
            (0..4)
                .map(|i| {
                    let lane =
                        u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]);
                    format!("0x{lane:08x}")
                })
                .collect::<Vec<_>>()
                .join(" ")
        }),
        Val::FuncRef(None) => "(ref.null func)".into(),
        Val::FuncRef(Some(f)) => format!("(ref.func {f:?})"),
        Val::ExternRef(None) => "(ref.null extern)".into(),
        Val::AnyRef(None) => "(ref.null any)".into(),
        Val::AnyRef(Some(a)) => match a.kind(store) {
            AnyRefKind::I31 => format!("(ref.i31 {})", a.i31_i32(store).unwrap_or_default()),
            AnyRefKind::Struct => "(ref.struct)".into(),
            AnyRefKind::Array => "(ref.array)".into(),
            AnyRefKind::Host => match host_number(a, store) {
                Some(n) => format!("(ref.host {n})"),
                None => "(ref.host)".into(),
            },
        },
        Val::ExternRef(Some(r)) => match extern_number(r, store) {
            Some(n) => format!("(ref.extern {n})"),
            None => "(ref.extern)".into(),
        },
        Val::ExnRef(None) => "(ref.null exn)".into(),
        Val::ExnRef(Some(_)) => "(ref.exn)".into(),
    }
}

/// A short text form of a list of values.
pub(crate) fn vals_text(vals: &[Val], store: &Store<()>) -> String {
    if vals.is_empty() {
        return "no results".into();
    }
    vals.iter()
        .map(|v| val_text(v, store))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_patterns() {
        let canonical = NanPattern::<F32>::CanonicalNan;
        let arithmetic = NanPattern::<F32>::ArithmeticNan;
        assert!(f32_matches(&canonical, 0x7fc0_0000));
        assert!(f32_matches(&canonical, 0xffc0_0000));
        assert!(!f32_matches(&canonical, 0x7fc0_0001));
        assert!(f32_matches(&arithmetic, 0x7fc0_0001));
        assert!(
            !f32_matches(&arithmetic, 0x7fa0_0000),
            "signalling NaN is not arithmetic"
        );
        assert!(f64_matches(
            &NanPattern::CanonicalNan,
            0xfff8_0000_0000_0000
        ));
        assert!(!f64_matches(
            &NanPattern::ArithmeticNan,
            0x7ff4_0000_0000_0000
        ));
    }

    #[test]
    fn v128_lanes() {
        let v = u128::from_le_bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
        assert!(v128_matches(&V128Pattern::I32x4([1, 2, 3, -1]), v));
        assert!(!v128_matches(&V128Pattern::I32x4([1, 2, 3, 4]), v));
        assert!(v128_matches(
            &V128Pattern::I16x8([1, 0, 2, 0, 3, 0, -1, -1]),
            v
        ));
    }
}
