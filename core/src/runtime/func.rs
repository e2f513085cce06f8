//! Functions: Wasm functions of an instance and host functions.

use super::Stored;
use super::caller::Caller;
use super::store::{AsContext, AsContextMut, HostFn};
use super::typed::{TypedFunc, WasmParams, WasmResults, WasmRet, WasmTy};
use crate::error::Error;
use crate::module::ModuleInfo;
use crate::trap::Trap;
use crate::types::{FuncType, TypeId};
use crate::value::Val;
use alloc::sync::Arc;

/// The store's record of a function.
#[derive(Debug)]
pub(crate) enum FuncEntity {
    /// A function defined by a module, in an instance.
    Wasm {
        /// Instance it belongs to.
        instance: u32,
        /// The instance's module.
        module: Arc<ModuleInfo>,
        /// Which of the module's defined functions.
        def: crate::index::DefinedFuncIndex,
        /// The signature, its defined types named by engine id.
        ty: FuncType,
        /// The engine-wide id of the function's type.
        type_id: TypeId,
    },
    /// A host function.
    Host {
        host: u32,
        ty: FuncType,
        type_id: TypeId,
    },
}

impl FuncEntity {
    /// The signature.
    pub(crate) fn ty(&self) -> &FuncType {
        match self {
            FuncEntity::Wasm { ty, .. } | FuncEntity::Host { ty, .. } => ty,
        }
    }

    /// The engine-wide id of the function's type.
    pub(crate) fn type_id(&self) -> TypeId {
        match self {
            FuncEntity::Wasm { type_id, .. } | FuncEntity::Host { type_id, .. } => *type_id,
        }
    }
}

/// A handle to a function in a store. Only the store makes one; using it
/// with another store is an error (or a panic, where the method returns no
/// `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Func(pub(crate) Stored);

impl Func {
    /// A host function with a dynamic signature: `f` reads `params` and
    /// writes every element of `results`.
    ///
    /// # Panics
    /// If `ty` names a defined type by a module's index
    /// ([`HeapType::Concrete`](crate::HeapType::Concrete)) rather than by
    /// engine id ([`HeapType::Canonical`](crate::HeapType::Canonical), as in
    /// the types of a module's imports and exports).
    pub fn new<T>(
        store: &mut super::Store<T>,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Self {
        let index = store.push_host_func(ty, Arc::new(f));
        Func(Stored::new(store.inner.id, index))
    }

    /// A host function from a Rust closure whose argument and result types
    /// give the signature; it may take a [`Caller`] first.
    pub fn wrap<T, Params, Results>(
        store: &mut super::Store<T>,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Self {
        let (ty, f) = f.into_func();
        let index = store.push_host_func(ty, f);
        Func(Stored::new(store.inner.id, index))
    }

    /// The signature.
    ///
    /// # Panics
    /// If `store` is not the function's store.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        let inner = store.as_context().inner;
        inner.funcs[self.0.index(inner.id)].ty().clone()
    }

    /// Calls the function. `params` must match its parameter types and
    /// `results` must have one element per result.
    pub fn call<T>(
        &self,
        mut store: impl AsContextMut<Data = T>,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<(), Error> {
        let ctx = store.as_context_mut();
        let store = &mut *ctx.store;
        let index = self.0.try_index(store.inner.id)?;
        let ty = store.inner.funcs[index].ty().clone();
        if params.len() != ty.params().len() {
            return Err(Error::ty(alloc::format!(
                "expected {} arguments, got {}",
                ty.params().len(),
                params.len()
            )));
        }
        if results.len() != ty.results().len() {
            return Err(Error::ty(alloc::format!(
                "expected room for {} results, got {}",
                ty.results().len(),
                results.len()
            )));
        }
        let mut args = super::exec::Buffer::new(ty.param_slots(), 0);
        store
            .inner
            .encode_all(params, ty.params(), args.as_mut(), "argument")?;
        let mut out = super::exec::Buffer::new(ty.result_slots(), 0);
        super::exec::invoke(store, index as u32, args.as_mut(), out.as_mut())?;
        store.inner.decode_all(ty.results(), out.as_mut(), results);
        Ok(())
    }

    /// A statically typed view of the function; fails if `P`/`R` do not
    /// match its signature.
    pub fn typed<P: WasmParams, R: WasmResults>(
        &self,
        store: impl AsContext,
    ) -> Result<TypedFunc<P, R>, Error> {
        let ty = self.ty(store);
        let ok = ty.params().iter().copied().eq(P::types())
            && ty.results().iter().copied().eq(R::types());
        if !ok {
            return Err(Error::ty(alloc::format!(
                "function has signature {ty}, not the one requested"
            )));
        }
        Ok(TypedFunc::new(*self))
    }
}

/// Closures that can become host functions: `Fn(A1, ..., An) -> R` or
/// `Fn(Caller<T>, A1, ..., An) -> R`, where each `Ai` is a [`WasmTy`] and `R`
/// is `()`, a [`WasmTy`], a tuple of them, or a `Result` of those whose
/// error converts into a [`BoxError`](crate::BoxError) ([`Trap`],
/// [`crate::Error`], any `std::error::Error + Send + Sync + 'static`,
/// `anyhow::Error`, `String`); see [`WasmRet`](super::WasmRet).
#[diagnostic::on_unimplemented(
    message = "this closure cannot be a host function",
    note = "a host function is `Fn(A1, ..., An) -> R` or `Fn(Caller<'_, T>, A1, ..., An) -> R`, \
            `Send + Sync + 'static`, with at most 10 parameters of Wasm types (i32, u32, i64, u64, \
            f32, f64, `Option<ExternRef>`, `Option<Func>`) and `R` their results or a `Result` of \
            them whose error converts into `Box<dyn std::error::Error + Send + Sync>`"
)]
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    /// The signature and the type-erased function.
    #[doc(hidden)]
    fn into_func(self) -> (FuncType, HostFn<T>);
}

macro_rules! impl_into_func {
    ($($p:ident)*) => {
        #[allow(non_snake_case, unused_mut, unused_variables, unused_assignments)]
        impl<T, F, $($p: WasmTy,)* R: WasmRet> IntoFunc<T, ($($p,)*), R> for F
        where
            F: Fn($($p),*) -> R + Send + Sync + 'static,
        {
            fn into_func(self) -> (FuncType, HostFn<T>) {
                let ty = FuncType::new([$($p::ty(),)*], R::types());
                let f: HostFn<T> = Arc::new(move |_caller, args, results| {
                    let mut i = 0;
                    $(let $p = $p::from_val(args[i]); i += 1;)*
                    (self)($($p),*).write(results)
                });
                (ty, f)
            }
        }

        #[allow(non_snake_case, unused_mut, unused_variables, unused_assignments)]
        impl<T, F, $($p: WasmTy,)* R: WasmRet> IntoFunc<T, (Caller<'_, T>, $($p,)*), R> for F
        where
            F: Fn(Caller<'_, T>, $($p),*) -> R + Send + Sync + 'static,
        {
            fn into_func(self) -> (FuncType, HostFn<T>) {
                let ty = FuncType::new([$($p::ty(),)*], R::types());
                let f: HostFn<T> = Arc::new(move |caller, args, results| {
                    let mut i = 0;
                    $(let $p = $p::from_val(args[i]); i += 1;)*
                    (self)(caller, $($p),*).write(results)
                });
                (ty, f)
            }
        }
    };
}

impl_into_func!();
impl_into_func!(A1);
impl_into_func!(A1 A2);
impl_into_func!(A1 A2 A3);
impl_into_func!(A1 A2 A3 A4);
impl_into_func!(A1 A2 A3 A4 A5);
impl_into_func!(A1 A2 A3 A4 A5 A6);
impl_into_func!(A1 A2 A3 A4 A5 A6 A7);
impl_into_func!(A1 A2 A3 A4 A5 A6 A7 A8);
impl_into_func!(A1 A2 A3 A4 A5 A6 A7 A8 A9);
impl_into_func!(A1 A2 A3 A4 A5 A6 A7 A8 A9 A10);
