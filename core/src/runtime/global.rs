//! Globals.

use super::store::{AsContext, AsContextMut};
use crate::error::Error;
use crate::types::GlobalType;
use crate::value::Val;

/// A global variable owned by a store; its value in slot encoding.
#[derive(Debug, Clone)]
pub(crate) struct GlobalEntity {
    pub ty: GlobalType,
    pub value: u64,
}

/// A handle to a global in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global(pub(crate) u32);

impl Global {
    /// Creates a global of type `ty` holding `value`.
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Self, Error> {
        if value.ty() != ty.content && !(value.ty().is_ref() && ty.content.is_ref()) {
            return Err(Error::ty("global initial value does not match its type"));
        }
        let inner = &mut store.as_context_mut().store.inner;
        inner.globals.push(GlobalEntity {
            ty,
            value: value.to_bits(),
        });
        Ok(Global(inner.globals.len() as u32 - 1))
    }

    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        store.as_context().inner.globals[self.0 as usize].ty
    }

    /// The current value.
    pub fn get(&self, store: impl AsContext) -> Val {
        let g = &store.as_context().inner.globals[self.0 as usize];
        Val::from_bits(g.ty.content, g.value)
    }

    /// Sets the value; fails for immutable globals and mismatched types.
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<(), Error> {
        let g = &mut store.as_context_mut().store.inner.globals[self.0 as usize];
        if !g.ty.mutable {
            return Err(Error::ty("cannot set an immutable global"));
        }
        if value.ty() != g.ty.content && !(value.ty().is_ref() && g.ty.content.is_ref()) {
            return Err(Error::ty("value does not match the global's type"));
        }
        g.value = value.to_bits();
        Ok(())
    }
}
