//! Globals.

use super::store::{AsContext, AsContextMut};
use crate::error::Error;
use crate::types::GlobalType;
use crate::value::Val;

/// A handle to a global in a store. Using it with another store is an error
/// (or a panic, where the method returns no `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global(pub(crate) super::Stored);

impl Global {
    /// Creates a global of type `ty` holding `value`.
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Self, Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let value = inner
            .encode(&value, ty.content)
            .map_err(|e| e.context("global initial value"))?;
        let index = inner.push_global(ty, value);
        Ok(Global(super::Stored::new(inner.id, index)))
    }

    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        let inner = store.as_context().inner;
        inner.global_types[self.0.index(inner.id)]
    }

    /// The current value.
    pub fn get(&self, store: impl AsContext) -> Val {
        let inner = store.as_context().inner;
        let index = self.0.index(inner.id);
        inner.decode(
            inner.global_types[index].content,
            &inner.global_values[index],
        )
    }

    /// Sets the value; fails for immutable globals and mismatched types.
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<(), Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let index = self.0.try_index(inner.id)?;
        let ty = inner.global_types[index];
        if !ty.mutable {
            return Err(Error::ty("cannot set an immutable global"));
        }
        let bits = inner
            .encode(&value, ty.content)
            .map_err(|e| e.context("global value"))?;
        inner.global_values[index] = bits;
        Ok(())
    }
}
