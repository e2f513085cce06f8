//! Scopes of GC references the host holds.

use super::store::{AsContext, AsContextMut, StoreContext, StoreContextMut};

/// A scope for the GC references ([`AnyRef`](crate::AnyRef), and
/// [`ExternRef`](crate::ExternRef)s made from internal values) the host
/// receives while it lives: they are rooted until it drops, and released
/// then, so the collector may free what they referred to.
///
/// References outside any scope stay rooted as long as the store. A host
/// function's arguments are in a scope of their own, which ends when the
/// function returns. A reference must not be used after its scope ended;
/// one whose root is gone panics, and one whose root index another
/// reference reuses reads that one's value (the same store's, never
/// memory outside it).
///
/// ```
/// # fn main() -> Result<(), wisp_core::Error> {
/// use wisp_core::{Engine, Instance, Module, RootScope, Store, Val};
/// let engine = Engine::default();
/// let text = r#"(module (type $s (struct (field i32)))
///   (func (export "make") (result anyref) (struct.new $s (i32.const 1))))"#;
/// let module = Module::new(&engine, wat::parse_str(text).unwrap())?;
/// let mut store = Store::new(&engine, ());
/// let instance = Instance::new(&mut store, &module, &[])?;
/// let make = instance.get_func(&store, "make").expect("exported");
/// for _ in 0..1000 {
///     let mut scope = RootScope::new(&mut store);
///     let mut out = [Val::AnyRef(None)];
///     make.call(&mut scope, &[], &mut out)?;
/// } // each struct is unrooted here
/// store.gc();
/// assert_eq!(store.gc_heap_stats().live, 0);
/// # Ok(())
/// # }
/// ```
pub struct RootScope<C: AsContextMut> {
    store: C,
    /// How many roots the store had when the scope began.
    roots: usize,
}

impl<C: AsContextMut> RootScope<C> {
    /// A scope over `store`.
    pub fn new(mut store: C) -> Self {
        let roots = store.as_context_mut().store.inner.gc_roots.lock().len();
        Self { store, roots }
    }
}

impl<C: AsContextMut> Drop for RootScope<C> {
    fn drop(&mut self) {
        let inner = &self.store.as_context_mut().store.inner;
        inner.gc_roots.lock().truncate(self.roots);
    }
}

impl<C: AsContextMut> AsContext for RootScope<C> {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        self.store.as_context()
    }
}

impl<C: AsContextMut> AsContextMut for RootScope<C> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, C::Data> {
        self.store.as_context_mut()
    }
}
