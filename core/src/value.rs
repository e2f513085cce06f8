//! Runtime values and their encoding in 64-bit frame slots.

use crate::runtime::{AsContextMut, Func, StoreContext, Stored};
use crate::types::{HeapType, ValType};
use alloc::boxed::Box;
use core::any::Any;

/// A host reference (`externref`): host data of any type, owned by the store
/// it was made in and kept as long as that store. Only
/// [`ExternRef::new`] makes one, so Wasm code and embedders cannot forge a
/// reference to data they were not given; using it with another store is an
/// error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternRef(pub(crate) Stored);

impl ExternRef {
    /// Puts `data` in `store` and returns a reference to it.
    pub fn new<T: Any + Send + Sync>(mut store: impl AsContextMut, data: T) -> Self {
        let inner = &mut store.as_context_mut().store.inner;
        inner.externs.push(Box::new(data));
        ExternRef(Stored::new(inner.id, inner.externs.len() as u32 - 1))
    }

    /// The host data behind the reference (downcast it with
    /// `downcast_ref`); `None` for an internal value made external by
    /// `extern.convert_any` (or [`ExternRef::convert_any`]).
    ///
    /// # Panics
    /// If `store` is not the store the reference was made in.
    pub fn try_data<'a, S: 'a>(
        &self,
        store: impl Into<StoreContext<'a, S>>,
    ) -> Option<&'a (dyn Any + Send + Sync)> {
        let inner = store.into().inner;
        let bits = inner.extern_bits(*self);
        let k = crate::gc::host_of(bits)?;
        Some(&*inner.externs[k as usize])
    }

    /// The host data behind the reference (downcast it with
    /// `downcast_ref`).
    ///
    /// # Panics
    /// If `store` is not the store the reference was made in, or the
    /// reference is an internal value made external (see
    /// [`try_data`](Self::try_data)).
    pub fn data<'a, S: 'a>(
        &self,
        store: impl Into<StoreContext<'a, S>>,
    ) -> &'a (dyn Any + Send + Sync) {
        self.try_data(store)
            .expect("an externref made from an internal value has no host data")
    }

    /// The internal value `value` as an external reference (as
    /// `extern.convert_any` makes it).
    pub fn convert_any(mut store: impl AsContextMut, value: AnyRef) -> Self {
        let inner = &mut store.as_context_mut().store.inner;
        let bits = inner.any_bits(value);
        inner.extern_of(bits)
    }
}

/// A non-null reference of the internal hierarchy (`anyref`): an `i31`, a
/// struct, an array, or host data made internal (`any.convert_extern`).
///
/// The handle *roots* its value: the store keeps what it refers to alive
/// for as long as the store lives (see docs/embedding.md, "GC
/// references"). It works only with the store that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnyRef(pub(crate) Stored);

impl AnyRef {
    /// The `i31` holding the low 31 bits of `value`.
    pub fn from_i31(mut store: impl AsContextMut, value: u32) -> Self {
        let inner = &mut store.as_context_mut().store.inner;
        inner.root(crate::gc::i31_ref(value))
    }

    /// The external reference `value` as an internal one (as
    /// `any.convert_extern` makes it).
    pub fn convert_extern(mut store: impl AsContextMut, value: ExternRef) -> Self {
        let inner = &mut store.as_context_mut().store.inner;
        let bits = inner.extern_bits(value);
        inner.root(bits)
    }

    /// The value, if this is an `i31`: its 31 bits zero-extended.
    pub fn i31_u32<'a, S: 'a>(&self, store: impl Into<StoreContext<'a, S>>) -> Option<u32> {
        let bits = store.into().inner.any_bits(*self);
        crate::gc::is_i31(bits).then(|| crate::gc::i31_value(bits, false))
    }

    /// The value, if this is an `i31`: its 31 bits sign-extended.
    pub fn i31_i32<'a, S: 'a>(&self, store: impl Into<StoreContext<'a, S>>) -> Option<i32> {
        let bits = store.into().inner.any_bits(*self);
        crate::gc::is_i31(bits).then(|| crate::gc::i31_value(bits, true) as i32)
    }

    /// What the reference refers to.
    pub fn kind<'a, S: 'a>(&self, store: impl Into<StoreContext<'a, S>>) -> AnyRefKind {
        let inner = store.into().inner;
        let bits = inner.any_bits(*self);
        if crate::gc::is_i31(bits) {
            return AnyRefKind::I31;
        }
        match crate::gc::object_of(bits) {
            Some(at) => {
                let ty = crate::types::TypeId::from_u32(
                    inner.heap.header(at) as u32 & !crate::gc::heap::MARK,
                );
                match inner.heap.type_info(ty).map(|t| &t.layout) {
                    Some(crate::gc::layout::Layout::Array(_)) => AnyRefKind::Array,
                    _ => AnyRefKind::Struct,
                }
            }
            None => AnyRefKind::Host,
        }
    }

    /// The host data behind the reference, if it is host data made
    /// internal (downcast it with `downcast_ref`).
    pub fn host_data<'a, S: 'a>(
        &self,
        store: impl Into<StoreContext<'a, S>>,
    ) -> Option<&'a (dyn Any + Send + Sync)> {
        let inner = store.into().inner;
        let k = crate::gc::host_of(inner.any_bits(*self))?;
        Some(&*inner.externs[k as usize])
    }

    /// Whether `self` and `other` refer to the same value (`ref.eq`).
    pub fn ref_eq<'a, S: 'a>(&self, store: impl Into<StoreContext<'a, S>>, other: &AnyRef) -> bool {
        let inner = store.into().inner;
        inner.any_bits(*self) == inner.any_bits(*other)
    }
}

/// What an [`AnyRef`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyRefKind {
    /// An `i31`.
    I31,
    /// A struct.
    Struct,
    /// An array.
    Array,
    /// Host data made internal (`any.convert_extern`).
    Host,
}

/// A WebAssembly value.
///
/// Floats are carried as their bit patterns so NaN payloads survive unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`, as its bits.
    F32(u32),
    /// An `f64`, as its bits.
    F64(u64),
    /// A `v128`.
    V128(u128),
    /// A `funcref`; `None` is `ref.null func`.
    FuncRef(Option<Func>),
    /// An `externref`; `None` is `ref.null extern`.
    ExternRef(Option<ExternRef>),
    /// An `exnref`; `None` is `ref.null exn`.
    ExnRef(Option<crate::ExnRef>),
    /// An `anyref` (or a reference to a struct or array type, `i31ref`,
    /// `eqref`...); `None` is `ref.null any` (or `none`).
    AnyRef(Option<AnyRef>),
}

impl Val {
    /// The type of this value.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
            Val::ExnRef(_) => ValType::EXNREF,
            Val::AnyRef(_) => ValType::ANYREF,
        }
    }

    /// The zero value of a type (`0`, `0.0` or `null`), used for fresh locals,
    /// table slots and globals.
    pub fn default_for(ty: ValType) -> Self {
        match ty {
            ValType::Ref(r) if matches!(r.heap, HeapType::Extern | HeapType::NoExtern) => {
                Val::ExternRef(None)
            }
            ValType::Ref(r) if matches!(r.heap, HeapType::Exn | HeapType::NoExn) => {
                Val::ExnRef(None)
            }
            ValType::Ref(r) if r.heap.is_internal() => Val::AnyRef(None),
            ValType::Ref(_) => Val::FuncRef(None),
            other => Self::from_bits(other, [0, 0]),
        }
    }

    /// Whether the value is of type `ty`: the same number type, or a
    /// reference of `ty`'s hierarchy (a function reference for `funcref`, a
    /// host reference for `externref`) that is not null where `ty` has none.
    pub(crate) fn matches(&self, ty: ValType) -> bool {
        match (self, ty) {
            (Val::FuncRef(f), ValType::Ref(r)) => {
                matches!(
                    r.heap,
                    HeapType::Func
                        | HeapType::NoFunc
                        | HeapType::Concrete(_)
                        | HeapType::Canonical(_)
                ) && (r.nullable || f.is_some())
            }
            (Val::ExternRef(e), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Extern | HeapType::NoExtern)
                    && (r.nullable || e.is_some())
            }
            (Val::ExnRef(e), ValType::Ref(r)) => {
                matches!(r.heap, HeapType::Exn | HeapType::NoExn) && (r.nullable || e.is_some())
            }
            // The store checks a non-null value's type against a defined
            // or narrower abstract type when it encodes it.
            (Val::AnyRef(a), ValType::Ref(r)) => {
                (r.heap.is_internal()
                    || matches!(r.heap, HeapType::Concrete(_) | HeapType::Canonical(_)))
                    && (r.nullable || a.is_some())
            }
            (v, t) => v.ty() == t,
        }
    }

    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Val::I32(v) => Some(*v),
            _ => None,
        }
    }

    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Val::I64(v) => Some(*v),
            _ => None,
        }
    }

    /// The `f32`, if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Val::F32(bits) => Some(f32::from_bits(*bits)),
            _ => None,
        }
    }

    /// The `f64`, if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Val::F64(bits) => Some(f64::from_bits(*bits)),
            _ => None,
        }
    }

    /// The `v128`, if this is one.
    pub fn v128(&self) -> Option<u128> {
        match self {
            Val::V128(v) => Some(*v),
            _ => None,
        }
    }

    /// The function reference (`Some(None)` for null), if this is a `funcref`.
    pub fn funcref(&self) -> Option<Option<&Func>> {
        match self {
            Val::FuncRef(f) => Some(f.as_ref()),
            _ => None,
        }
    }

    /// The host reference (`Some(None)` for null), if this is an `externref`.
    pub fn externref(&self) -> Option<Option<&ExternRef>> {
        match self {
            Val::ExternRef(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// The internal reference (`Some(None)` for null), if this is an
    /// `anyref`.
    pub fn anyref(&self) -> Option<Option<&AnyRef>> {
        match self {
            Val::AnyRef(a) => Some(a.as_ref()),
            _ => None,
        }
    }

    /// The exception reference (`Some(None)` for null), if this is an `exnref`.
    pub fn exnref(&self) -> Option<Option<&crate::ExnRef>> {
        match self {
            Val::ExnRef(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// Whether this is a null reference.
    pub fn is_null(&self) -> bool {
        matches!(
            self,
            Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None)
        )
    }

    /// The slot encoding of a number or a null reference, in one slot (the
    /// first word) or two (a `v128`, low half first): `i32` and `f32`
    /// zero-extended, null as zero. A non-null reference is encoded by its
    /// store (`StoreInner::encode`), which checks that it is the store's own.
    pub(crate) fn to_bits(self) -> [u64; 2] {
        let low = match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => v as u64,
            Val::F64(v) => v,
            Val::V128(v) => return [v as u64, (v >> 64) as u64],
            Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None) | Val::AnyRef(None) => 0,
            Val::FuncRef(Some(_))
            | Val::ExternRef(Some(_))
            | Val::ExnRef(Some(_))
            | Val::AnyRef(Some(_)) => {
                unreachable!("references are encoded by their store")
            }
        };
        [low, 0]
    }

    /// Decodes the slot encoding of a number of type `ty` (the inverse of
    /// [`Val::to_bits`]); references are decoded by their store
    /// (`StoreInner::decode`).
    pub(crate) fn from_bits(ty: ValType, bits: [u64; 2]) -> Self {
        let low = bits[0];
        match ty {
            ValType::I32 => Val::I32(low as u32 as i32),
            ValType::I64 => Val::I64(low as i64),
            ValType::F32 => Val::F32(low as u32),
            ValType::F64 => Val::F64(low),
            ValType::V128 => Val::V128(low as u128 | (bits[1] as u128) << 64),
            ValType::Ref(_) => Val::default_for(ty),
        }
    }
}

/// `unwrap_*`: the value as the named type, panicking on any other (as
/// wasmtime's `Val` does; the `Option` accessors above do not panic).
macro_rules! unwraps {
    ($($name:ident => $get:ident: $ty:ty;)*) => {
        impl Val {
            $(
                #[doc = concat!("The `", stringify!($get), "`; panics if this is another type.")]
                #[track_caller]
                pub fn $name(&self) -> $ty {
                    match self.$get() {
                        Some(v) => v,
                        None => panic!(concat!("expected ", stringify!($get), ", found {:?}"), self.ty()),
                    }
                }
            )*
        }
    };
}

unwraps! {
    unwrap_i32 => i32: i32;
    unwrap_i64 => i64: i64;
    unwrap_f32 => f32: f32;
    unwrap_f64 => f64: f64;
    unwrap_v128 => v128: u128;
    unwrap_funcref => funcref: Option<&Func>;
    unwrap_externref => externref: Option<&ExternRef>;
    unwrap_anyref => anyref: Option<&AnyRef>;
}

impl From<i32> for Val {
    fn from(v: i32) -> Self {
        Val::I32(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I64(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Self {
        Val::F32(v.to_bits())
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::F64(v.to_bits())
    }
}
impl From<u128> for Val {
    fn from(v: u128) -> Self {
        Val::V128(v)
    }
}
impl From<Func> for Val {
    fn from(f: Func) -> Self {
        Val::FuncRef(Some(f))
    }
}
impl From<Option<Func>> for Val {
    fn from(f: Option<Func>) -> Self {
        Val::FuncRef(f)
    }
}
impl From<ExternRef> for Val {
    fn from(e: ExternRef) -> Self {
        Val::ExternRef(Some(e))
    }
}
impl From<AnyRef> for Val {
    fn from(a: AnyRef) -> Self {
        Val::AnyRef(Some(a))
    }
}
impl From<Option<AnyRef>> for Val {
    fn from(a: Option<AnyRef>) -> Self {
        Val::AnyRef(a)
    }
}
impl From<Option<ExternRef>> for Val {
    fn from(e: Option<ExternRef>) -> Self {
        Val::ExternRef(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_read_only_their_own_type() {
        let f = Val::from(1.5f64);
        assert_eq!(f.f64(), Some(1.5));
        assert_eq!(f.unwrap_f64(), 1.5);
        assert_eq!(f.i32(), None);
        assert_eq!(f.f32(), None);
        assert_eq!(Val::from(-2.5f32).unwrap_f32(), -2.5);
        assert_eq!(Val::from(7).unwrap_i32(), 7);
        assert_eq!(Val::from(7i64).i64(), Some(7));
        assert_eq!(Val::from(5u128).v128(), Some(5));
        assert_eq!(Val::FuncRef(None).funcref(), Some(None));
        assert_eq!(
            Val::ExternRef(None).externref().map(|e| e.is_none()),
            Some(true)
        );
        assert!(Val::FuncRef(None).is_null() && !Val::I32(0).is_null());
        // NaN payloads survive the round trip through the bits.
        let nan = f32::from_bits(0x7fc0_0001);
        assert_eq!(Val::from(nan).f32().map(f32::to_bits), Some(0x7fc0_0001));
    }

    #[test]
    #[should_panic(expected = "expected i32, found I64")]
    fn unwrap_of_another_type_panics_naming_both() {
        Val::I64(1).unwrap_i32();
    }

    #[test]
    fn slot_encoding_round_trips() {
        for v in [
            Val::I32(-1),
            Val::I64(i64::MIN),
            Val::F32(0x7fc0_0001),
            Val::F64(0xfff0_0000_0000_0001),
            Val::V128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210),
        ] {
            assert_eq!(Val::from_bits(v.ty(), v.to_bits()), v);
        }
        assert_eq!(
            Val::I32(-1).to_bits(),
            [0xffff_ffff, 0],
            "i32 is zero-extended"
        );
        assert_eq!(
            Val::V128(1 << 64 | 2).to_bits(),
            [2, 1],
            "v128 low half first"
        );
    }
}
