//! Static signatures: Rust types that map to Wasm values, and [`TypedFunc`].

use super::Func;
use super::store::AsContextMut;
use crate::error::Error;
use crate::trap::{BoxError, Trap};
use crate::types::ValType;
use crate::value::{ExternRef, Val};
use alloc::vec::Vec;
use core::marker::PhantomData;

/// A Rust type that is one Wasm value.
pub trait WasmTy: Copy + Send + Sync + 'static {
    /// Frame slots a value takes (two for `v128`).
    const SLOTS: usize = 1;
    /// The Wasm type.
    fn ty() -> ValType;
    /// Converts from a value (of the right type; others read as zero).
    fn from_val(v: Val) -> Self;
    /// Converts to a value.
    fn into_val(self) -> Val;
}

macro_rules! wasm_ty {
    ($t:ty, $vt:expr, |$v:ident| $from:expr, |$s:ident| $into:expr) => {
        impl WasmTy for $t {
            fn ty() -> ValType {
                $vt
            }
            fn from_val($v: Val) -> Self {
                $from
            }
            fn into_val(self) -> Val {
                let $s = self;
                $into
            }
        }
    };
}

wasm_ty!(i32, ValType::I32, |v| v.i32().unwrap_or(0), |s| Val::I32(s));
wasm_ty!(u32, ValType::I32, |v| v.i32().unwrap_or(0) as u32, |s| {
    Val::I32(s as i32)
});
wasm_ty!(i64, ValType::I64, |v| v.i64().unwrap_or(0), |s| Val::I64(s));
wasm_ty!(u64, ValType::I64, |v| v.i64().unwrap_or(0) as u64, |s| {
    Val::I64(s as i64)
});
wasm_ty!(
    f32,
    ValType::F32,
    |v| match v {
        Val::F32(b) => f32::from_bits(b),
        _ => 0.0,
    },
    |s| Val::from(s)
);
wasm_ty!(
    f64,
    ValType::F64,
    |v| match v {
        Val::F64(b) => f64::from_bits(b),
        _ => 0.0,
    },
    |s| Val::from(s)
);
impl WasmTy for u128 {
    const SLOTS: usize = 2;
    fn ty() -> ValType {
        ValType::V128
    }
    fn from_val(v: Val) -> Self {
        match v {
            Val::V128(b) => b,
            _ => 0,
        }
    }
    fn into_val(self) -> Val {
        Val::V128(self)
    }
}
wasm_ty!(
    Option<Func>,
    ValType::FUNCREF,
    |v| match v {
        Val::FuncRef(f) => f,
        _ => None,
    },
    |s| Val::FuncRef(s)
);
wasm_ty!(
    Option<ExternRef>,
    ValType::EXTERNREF,
    |v| match v {
        Val::ExternRef(r) => r,
        _ => None,
    },
    |s| Val::ExternRef(s)
);

/// The most values a [`WasmParams`] tuple holds.
pub(crate) const MAX_TYPED_VALUES: usize = 10;

/// A tuple of [`WasmTy`] (or one, or `()`): the parameters of a typed call.
pub trait WasmParams: Sized {
    /// How many values (at most ten).
    const COUNT: usize;
    /// How many frame slots they take.
    const SLOTS: usize;
    /// The Wasm types, in order.
    fn types() -> Vec<ValType>;
    /// Writes the values to `out`, which holds [`COUNT`](Self::COUNT).
    fn write_vals(self, out: &mut [Val]);
    /// Converts from values.
    fn from_vals(vals: &[Val]) -> Self;
    /// Encodes the values into `out` ([`SLOTS`](Self::SLOTS) slots) with
    /// `encode` (value, its type).
    #[doc(hidden)]
    fn to_slots(
        self,
        out: &mut [u64],
        encode: &mut dyn FnMut(Val, ValType) -> Result<[u64; 2], Error>,
    ) -> Result<(), Error>;
    /// Decodes from slot encodings with `decode` (type, its slots).
    #[doc(hidden)]
    fn from_slots(bits: &[u64], decode: &dyn Fn(ValType, &[u64]) -> Val) -> Self;
}

/// The results of a typed call; the same shapes as [`WasmParams`].
pub trait WasmResults: WasmParams {}
impl<T: WasmParams> WasmResults for T {}

impl<A: WasmTy> WasmParams for A {
    const COUNT: usize = 1;
    const SLOTS: usize = A::SLOTS;
    fn types() -> Vec<ValType> {
        alloc::vec![A::ty()]
    }
    fn write_vals(self, out: &mut [Val]) {
        out[0] = self.into_val();
    }
    fn from_vals(vals: &[Val]) -> Self {
        A::from_val(vals[0])
    }
    fn to_slots(
        self,
        out: &mut [u64],
        encode: &mut dyn FnMut(Val, ValType) -> Result<[u64; 2], Error>,
    ) -> Result<(), Error> {
        let bits = encode(self.into_val(), A::ty())?;
        out[..A::SLOTS].copy_from_slice(&bits[..A::SLOTS]);
        Ok(())
    }
    fn from_slots(bits: &[u64], decode: &dyn Fn(ValType, &[u64]) -> Val) -> Self {
        A::from_val(decode(A::ty(), bits))
    }
}

macro_rules! tuple_params {
    ($($p:ident)*) => {
        #[allow(non_snake_case, unused_mut, unused_variables, unused_assignments, clippy::unused_unit)]
        impl<$($p: WasmTy),*> WasmParams for ($($p,)*) {
            const COUNT: usize = 0 $(+ { let _ = stringify!($p); 1 })*;
            const SLOTS: usize = 0 $(+ $p::SLOTS)*;
            fn types() -> Vec<ValType> {
                alloc::vec![$($p::ty()),*]
            }
            fn write_vals(self, out: &mut [Val]) {
                let ($($p,)*) = self;
                let mut i = 0;
                $(out[i] = $p.into_val(); i += 1;)*
            }
            fn from_vals(vals: &[Val]) -> Self {
                let mut i = 0;
                $(let $p = $p::from_val(vals[i]); i += 1;)*
                ($($p,)*)
            }
            fn to_slots(
                self,
                out: &mut [u64],
                encode: &mut dyn FnMut(Val, ValType) -> Result<[u64; 2], Error>,
            ) -> Result<(), Error> {
                let ($($p,)*) = self;
                let mut i = 0;
                $(
                    let bits = encode($p.into_val(), $p::ty())?;
                    out[i..i + $p::SLOTS].copy_from_slice(&bits[..$p::SLOTS]);
                    i += $p::SLOTS;
                )*
                Ok(())
            }
            fn from_slots(bits: &[u64], decode: &dyn Fn(ValType, &[u64]) -> Val) -> Self {
                let mut i = 0;
                $(let $p = $p::from_val(decode($p::ty(), &bits[i..])); i += $p::SLOTS;)*
                ($($p,)*)
            }
        }
    };
}
tuple_params!();
tuple_params!(A1);
tuple_params!(A1 A2);
tuple_params!(A1 A2 A3);
tuple_params!(A1 A2 A3 A4);
tuple_params!(A1 A2 A3 A4 A5);
tuple_params!(A1 A2 A3 A4 A5 A6);
tuple_params!(A1 A2 A3 A4 A5 A6 A7);
tuple_params!(A1 A2 A3 A4 A5 A6 A7 A8);
tuple_params!(A1 A2 A3 A4 A5 A6 A7 A8 A9);
tuple_params!(A1 A2 A3 A4 A5 A6 A7 A8 A9 A10);

/// What a host closure may return: results, or a `Result` of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a host function",
    label = "the closure returns this",
    note = "a host function returns its results (a type Wasm has: i32, u32, i64, u64, f32, f64, \
            `Option<ExternRef>`, `Option<Func>`, or a tuple of them) or a `Result` of them whose \
            error converts into `Box<dyn std::error::Error + Send + Sync>` (a `Trap`, \
            `wisp::Error`, any `std::error::Error`, `anyhow::Error`, `String`)"
)]
pub trait WasmRet {
    /// The result types.
    fn types() -> Vec<ValType>;
    /// Writes the results, or returns the trap.
    fn write(self, out: &mut [Val]) -> Result<(), Trap>;
}

impl<R: WasmResults> WasmRet for R {
    fn types() -> Vec<ValType> {
        R::types()
    }
    fn write(self, out: &mut [Val]) -> Result<(), Trap> {
        self.write_vals(out);
        Ok(())
    }
}

/// A host function may fail with any error a Rust program has: a [`Trap`],
/// a [`crate::Error`], any `std::error::Error + Send + Sync + 'static`, an
/// `anyhow::Error`, a `String` (see [`Trap::host_error`]).
impl<R: WasmResults, E: Into<BoxError>> WasmRet for Result<R, E> {
    fn types() -> Vec<ValType> {
        R::types()
    }
    fn write(self, out: &mut [Val]) -> Result<(), Trap> {
        match self {
            Ok(results) => results.write(out),
            Err(e) => Err(Trap::host_error(e)),
        }
    }
}

/// A function with a static signature `P -> R`, checked once when created.
#[derive(Debug)]
pub struct TypedFunc<P, R> {
    func: Func,
    _marker: PhantomData<fn(P) -> R>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, R> Copy for TypedFunc<P, R> {}

impl<P: WasmParams, R: WasmResults> TypedFunc<P, R> {
    pub(crate) fn new(func: Func) -> Self {
        Self {
            func,
            _marker: PhantomData,
        }
    }

    /// The untyped function.
    pub fn func(&self) -> Func {
        self.func
    }

    /// Calls the function. Allocates nothing (the value stack is allocated
    /// by the store's first call).
    pub fn call(&self, mut store: impl AsContextMut, params: P) -> Result<R, Error> {
        const { assert!(P::COUNT <= MAX_TYPED_VALUES && R::COUNT <= MAX_TYPED_VALUES) };
        let mut args = [0u64; 2 * MAX_TYPED_VALUES];
        let mut out = [0u64; 2 * MAX_TYPED_VALUES];
        let store = store.as_context_mut().store;
        let func = self.func.0.try_index(store.inner.id)? as u32;
        let inner = &store.inner;
        params.to_slots(&mut args[..P::SLOTS], &mut |v, ty| inner.encode(&v, ty))?;
        super::exec::invoke(store, func, &args[..P::SLOTS], &mut out[..R::SLOTS])?;
        let inner = &store.inner;
        Ok(R::from_slots(&out[..R::SLOTS], &|ty, bits| {
            inner.decode(ty, bits)
        }))
    }
}
