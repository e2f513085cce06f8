//! Typed calls: Rust values as component values ([`Lift`], [`Lower`]),
//! [`TypedFunc`] for calling exports and typed host functions
//! ([`LinkerInstance::func_wrap`](crate::LinkerInstance::func_wrap)).
//!
//! A Rust type corresponds to a component type as in wasmtime: `bool`,
//! the integers, `f32`/`f64`, `char`, `String` (and `&str` to lower),
//! `Vec<T>` for `list<T>`, `Option<T>`, `Result<T, E>` (with `()` for a
//! side without payload), tuples, [`Resource<T>`] and [`ResourceAny`] for
//! handles, and [`Val`] for any value. Parameter and result lists are
//! tuples: `TypedFunc<(String, u32), (Result<Vec<u8>, String>,)>`.

use crate::func::Func;
use crate::resources::{Resource, ResourceAny};
use crate::types::Type;
use crate::val::Val;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::marker::PhantomData;
use wisp_core::{AsContextMut, Error, ErrorKind, Trap};

/// A Rust type that stands for component values.
pub trait ComponentType {
    /// Whether values of this type are values of the component type `ty`.
    fn typecheck(ty: &Type) -> bool;
    /// `()`: the missing payload of an `option` or `result` case.
    #[doc(hidden)]
    const IS_UNIT: bool = false;
}

/// A Rust value that can be lowered into a component value.
pub trait Lower: ComponentType {
    /// The component value.
    fn lower(&self) -> Val;
}

/// A Rust value that can be lifted out of a component value.
pub trait Lift: ComponentType + Sized {
    /// The Rust value, if `val` is of this type.
    fn lift(val: &Val) -> Option<Self>;
}

macro_rules! scalars {
    ($($rust:ty => $case:ident $ty:ident),* $(,)?) => {$(
        impl ComponentType for $rust {
            fn typecheck(ty: &Type) -> bool {
                matches!(ty, Type::$ty)
            }
        }
        impl Lower for $rust {
            fn lower(&self) -> Val {
                Val::$case(*self)
            }
        }
        impl Lift for $rust {
            fn lift(val: &Val) -> Option<Self> {
                match val {
                    Val::$case(v) => Some(*v),
                    _ => None,
                }
            }
        }
    )*};
}

scalars! {
    bool => Bool Bool,
    i8 => S8 S8, u8 => U8 U8, i16 => S16 S16, u16 => U16 U16,
    i32 => S32 S32, u32 => U32 U32, i64 => S64 S64, u64 => U64 U64,
    f32 => Float32 Float32, f64 => Float64 Float64, char => Char Char,
}

impl ComponentType for String {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::String)
    }
}
impl Lower for String {
    fn lower(&self) -> Val {
        Val::String(self.clone())
    }
}
impl Lift for String {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::String(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl ComponentType for &str {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::String)
    }
}
impl Lower for &str {
    fn lower(&self) -> Val {
        Val::String((*self).into())
    }
}

impl<T: ComponentType> ComponentType for Vec<T> {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::List(elem) if T::typecheck(elem))
    }
}
impl<T: Lower + 'static> Lower for Vec<T> {
    fn lower(&self) -> Val {
        // A `Vec<u8>` as one copy ([`Val::Bytes`]), not a `Val` per byte.
        if let Some(bytes) = (self as &dyn core::any::Any).downcast_ref::<Vec<u8>>() {
            return Val::Bytes(bytes.clone());
        }
        Val::List(self.iter().map(Lower::lower).collect())
    }
}
impl<T: Lift + 'static> Lift for Vec<T> {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::List(items) => items.iter().map(T::lift).collect(),
            Val::Bytes(bytes) => {
                let mut out: Vec<T> = Vec::new();
                if let Some(v) = (&mut out as &mut dyn core::any::Any).downcast_mut::<Vec<u8>>() {
                    v.extend_from_slice(bytes);
                    return Some(out);
                }
                bytes.iter().map(|b| T::lift(&Val::U8(*b))).collect()
            }
            _ => None,
        }
    }
}

/// A case payload's Rust type against its component type.
fn payload_typecheck<T: ComponentType>(ty: Option<&Type>) -> bool {
    match ty {
        Some(ty) => !T::IS_UNIT && T::typecheck(ty),
        None => T::IS_UNIT,
    }
}

/// A payload lowered (`None` for `()`).
fn lower_payload<T: Lower>(value: &T) -> Option<Box<Val>> {
    (!T::IS_UNIT).then(|| Box::new(value.lower()))
}

/// A payload lifted (`()` from none).
fn lift_payload<T: Lift>(value: &Option<Box<Val>>) -> Option<T> {
    match value {
        Some(v) => T::lift(v),
        None if T::IS_UNIT => T::lift(&Val::Tuple(Vec::new())),
        None => None,
    }
}

impl<T: ComponentType> ComponentType for Option<T> {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::Option(some) if T::typecheck(some))
    }
}
impl<T: Lower> Lower for Option<T> {
    fn lower(&self) -> Val {
        Val::Option(self.as_ref().map(|v| Box::new(v.lower())))
    }
}
impl<T: Lift> Lift for Option<T> {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::Option(None) => Some(None),
            Val::Option(Some(v)) => T::lift(v).map(Some),
            _ => None,
        }
    }
}

impl<T: ComponentType, E: ComponentType> ComponentType for Result<T, E> {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::Result(r)
            if payload_typecheck::<T>(r.ok.as_ref()) && payload_typecheck::<E>(r.err.as_ref()))
    }
}
impl<T: Lower, E: Lower> Lower for Result<T, E> {
    fn lower(&self) -> Val {
        Val::Result(match self {
            Ok(v) => Ok(lower_payload(v)),
            Err(e) => Err(lower_payload(e)),
        })
    }
}
impl<T: Lift, E: Lift> Lift for Result<T, E> {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::Result(Ok(v)) => lift_payload(v).map(Ok),
            Val::Result(Err(e)) => lift_payload(e).map(Err),
            _ => None,
        }
    }
}

impl<T: 'static> ComponentType for Resource<T> {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::Own(_) | Type::Borrow(_))
    }
}
impl<T: 'static> Lower for Resource<T> {
    fn lower(&self) -> Val {
        let resource = if self.owned() {
            Resource::<T>::new_own(self.rep())
        } else {
            Resource::<T>::new_borrow(self.rep())
        };
        Val::Resource(ResourceAny::from_resource(resource))
    }
}
impl<T: 'static> Lift for Resource<T> {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::Resource(r) => r.clone().try_into_resource().ok(),
            _ => None,
        }
    }
}

impl ComponentType for ResourceAny {
    fn typecheck(ty: &Type) -> bool {
        matches!(ty, Type::Own(_) | Type::Borrow(_))
    }
}
impl Lower for ResourceAny {
    fn lower(&self) -> Val {
        Val::Resource(self.clone())
    }
}
impl Lift for ResourceAny {
    fn lift(val: &Val) -> Option<Self> {
        match val {
            Val::Resource(r) => Some(r.clone()),
            _ => None,
        }
    }
}

impl ComponentType for Val {
    fn typecheck(_: &Type) -> bool {
        true
    }
}
impl Lower for Val {
    fn lower(&self) -> Val {
        self.clone()
    }
}
impl Lift for Val {
    fn lift(val: &Val) -> Option<Self> {
        Some(val.clone())
    }
}

/// A list of parameters or results: a tuple of Rust values.
pub trait ComponentNamedList: Sized {
    /// Whether the list matches `types` in number and type.
    fn typecheck_list(types: &[Type]) -> bool;
}

/// A [`ComponentNamedList`] of [`Lower`] values.
pub trait LowerList: ComponentNamedList {
    /// The values, lowered.
    fn to_vals(&self) -> Vec<Val>;
}

/// A [`ComponentNamedList`] of [`Lift`] values.
pub trait LiftList: ComponentNamedList {
    /// The values, lifted, if they are of these types.
    fn from_vals(vals: &[Val]) -> Option<Self>;
}

macro_rules! tuples {
    ($($n:literal: ($($t:ident $i:tt),*);)*) => {$(
        impl<$($t: ComponentType),*> ComponentType for ($($t,)*) {
            fn typecheck(ty: &Type) -> bool {
                match ty {
                    Type::Tuple(types) => <Self as ComponentNamedList>::typecheck_list(types),
                    _ => false,
                }
            }
            const IS_UNIT: bool = $n == 0;
        }
        impl<$($t: Lower),*> Lower for ($($t,)*) {
            #[allow(clippy::unused_unit)]
            fn lower(&self) -> Val {
                Val::Tuple(alloc::vec![$(self.$i.lower()),*])
            }
        }
        impl<$($t: Lift),*> Lift for ($($t,)*) {
            #[allow(unused_variables, clippy::unused_unit)]
            fn lift(val: &Val) -> Option<Self> {
                match val {
                    Val::Tuple(items) => Self::from_vals(items),
                    _ => None,
                }
            }
        }
        impl<$($t: ComponentType),*> ComponentNamedList for ($($t,)*) {
            #[allow(unused_variables, unused_mut)]
            fn typecheck_list(types: &[Type]) -> bool {
                let mut i = 0;
                types.len() == $n $(&& { i += 1; $t::typecheck(&types[i - 1]) })*
            }
        }
        impl<$($t: Lower),*> LowerList for ($($t,)*) {
            fn to_vals(&self) -> Vec<Val> {
                alloc::vec![$(self.$i.lower()),*]
            }
        }
        impl<$($t: Lift),*> LiftList for ($($t,)*) {
            #[allow(unused_variables, clippy::unused_unit)]
            fn from_vals(vals: &[Val]) -> Option<Self> {
                if vals.len() != $n {
                    return None;
                }
                Some(($($t::lift(&vals[$i])?,)*))
            }
        }
    )*};
}

tuples! {
    0: ();
    1: (A 0);
    2: (A 0, B 1);
    3: (A 0, B 1, C 2);
    4: (A 0, B 1, C 2, D 3);
    5: (A 0, B 1, C 2, D 3, E 4);
    6: (A 0, B 1, C 2, D 3, E 4, F 5);
    7: (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    8: (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
    9: (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
    10: (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
}

/// A component function with a static signature: parameters `P` and
/// results `R`, both tuples. Made by [`Func::typed`].
pub struct TypedFunc<P, R> {
    func: Func,
    types: PhantomData<fn(P) -> R>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        TypedFunc {
            func: self.func.clone(),
            types: PhantomData,
        }
    }
}

#[cold]
fn type_error(message: String) -> Error {
    Error::new(ErrorKind::Type(message))
}

impl Func {
    /// This function with a static signature; fails if `P` and `R` do not
    /// match its type.
    pub fn typed<P: LowerList, R: LiftList>(&self) -> Result<TypedFunc<P, R>, Error> {
        let ty = self
            .ty()
            .ok_or_else(|| type_error("a host function has no type to check".into()))?;
        let params: Vec<Type> = ty.param_types().cloned().collect();
        if !P::typecheck_list(&params) {
            return Err(type_error(alloc::format!(
                "the parameters do not match the function's ({} of them)",
                params.len()
            )));
        }
        if !R::typecheck_list(ty.result_types()) {
            return Err(type_error("the results do not match the function's".into()));
        }
        Ok(TypedFunc {
            func: self.clone(),
            types: PhantomData,
        })
    }
}

impl<P: LowerList, R: LiftList> TypedFunc<P, R> {
    /// Calls the function with `params` and returns its results.
    pub fn call<T: 'static>(
        &self,
        mut store: impl AsContextMut<Data = T>,
        params: P,
    ) -> Result<R, Error> {
        let args = params.to_vals();
        let count = self.func.ty().map_or(0, |t| t.result_types().len());
        let mut results: Vec<Val> = (0..count).map(|_| Val::Bool(false)).collect();
        self.func.call(&mut store, &args, &mut results)?;
        R::from_vals(&results).ok_or_else(|| type_error("results of an unexpected type".into()))
    }

    /// Does nothing: `post-return` runs as part of [`TypedFunc::call`].
    /// (wasmtime's API asks for this call after each call; it is here so
    /// such code works unchanged.)
    pub fn post_return<T>(&self, _store: impl AsContextMut<Data = T>) -> Result<(), Error> {
        Ok(())
    }

    /// The untyped function.
    pub fn func(&self) -> &Func {
        &self.func
    }
}

/// The trap for host function arguments of an unexpected type.
#[cold]
pub(crate) fn bad_host_args(name: &str) -> Trap {
    Trap::host(alloc::format!(
        "host function `{name}` called with arguments of other types than it takes"
    ))
}
