//! The view of the store a host function gets.

use super::Extern;
use super::store::{AsContext, AsContextMut, Store, StoreContext, StoreContextMut};

/// What a host function receives: the store (and its host state) and the
/// instance that called it, whose exports it may look up.
pub struct Caller<'a, T> {
    pub(crate) store: &'a mut Store<T>,
    pub(crate) instance: Option<u32>,
}

impl<T> Caller<'_, T> {
    /// The host state.
    pub fn data(&self) -> &T {
        self.store.data()
    }

    /// The host state, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        self.store.data_mut()
    }

    /// An export of the calling instance (typically its `memory`).
    pub fn get_export(&self, name: &str) -> Option<Extern> {
        let instance = self.instance?;
        super::instance::export_of(&self.store.inner, instance, name)
    }

    /// The engine.
    pub fn engine(&self) -> &super::Engine {
        self.store.engine()
    }

    /// Collects garbage in the store's GC heap now (see [`Store::gc`]).
    pub fn gc(&mut self) {
        self.store.gc();
    }
}

impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        self.store.as_context()
    }
}

impl<T> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        self.store.as_context_mut()
    }
}

impl<'a, T> From<&'a Caller<'_, T>> for StoreContext<'a, T> {
    fn from(caller: &'a Caller<'_, T>) -> Self {
        caller.store.as_context()
    }
}

impl<'a, T> From<&'a mut Caller<'_, T>> for StoreContext<'a, T> {
    fn from(caller: &'a mut Caller<'_, T>) -> Self {
        caller.store.as_context()
    }
}

impl<'a, T> From<&'a mut Caller<'_, T>> for StoreContextMut<'a, T> {
    fn from(caller: &'a mut Caller<'_, T>) -> Self {
        caller.store.as_context_mut()
    }
}
