//! The linker: a namespace of host functions and exports to satisfy imports.

use super::caller::Caller;
use super::store::{AsContext, HostFn, Store};
use super::{Engine, Extern, Func, Instance, IntoFunc};
use crate::error::Error;
use crate::module::Module;
use crate::trap::Trap;
use crate::types::FuncType;
use crate::value::Val;
use alloc::{format, string::String, sync::Arc, vec::Vec};
use hashbrown::HashMap;

/// A definition the linker holds.
enum Definition<T> {
    /// An entity already in a store.
    Extern(Extern),
    /// A host function, added to the store on first use.
    HostFunc(FuncType, HostFn<T>),
}

impl<T> Clone for Definition<T> {
    fn clone(&self) -> Self {
        match self {
            Definition::Extern(e) => Definition::Extern(*e),
            Definition::HostFunc(t, f) => Definition::HostFunc(t.clone(), Arc::clone(f)),
        }
    }
}

/// Resolves a module's imports by `(module, name)` and instantiates it.
pub struct Linker<T> {
    engine: Engine,
    defs: HashMap<(String, String), Definition<T>>,
}

impl<T> Clone for Linker<T> {
    fn clone(&self) -> Self {
        Self {
            engine: self.engine.clone(),
            defs: self.defs.clone(),
        }
    }
}

impl<T> Linker<T> {
    /// An empty linker.
    pub fn new(engine: &Engine) -> Self {
        Self {
            engine: engine.clone(),
            defs: HashMap::new(),
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition<T>) -> Result<&mut Self, Error> {
        let key = (String::from(module), String::from(name));
        if self.defs.contains_key(&key) {
            return Err(Error::link(format!(
                "`{module}::{name}` is already defined"
            )));
        }
        self.defs.insert(key, def);
        Ok(self)
    }

    /// Defines `module::name` as an entity of a store.
    pub fn define(
        &mut self,
        module: &str,
        name: &str,
        item: impl Into<Extern>,
    ) -> Result<&mut Self, Error> {
        self.insert(module, name, Definition::Extern(item.into()))
    }

    /// Defines a host function with a dynamic signature.
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        f: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Result<&mut Self, Error> {
        self.insert(module, name, Definition::HostFunc(ty, Arc::new(f)))
    }

    /// Defines a host function from a typed closure (see [`IntoFunc`]).
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        f: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self, Error> {
        let (ty, f) = f.into_func();
        self.insert(module, name, Definition::HostFunc(ty, f))
    }

    /// Defines every export of `instance` under the module name `module`.
    pub fn instance(
        &mut self,
        store: impl AsContext,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self, Error> {
        for (name, ext) in instance.exports(&store) {
            self.define(module, &name, ext)?;
        }
        Ok(self)
    }

    /// Whether `module::name` is defined.
    pub fn contains(&self, module: &str, name: &str) -> bool {
        self.defs
            .contains_key(&(String::from(module), String::from(name)))
    }

    /// The definition of `module::name`, adding a host function to `store`
    /// if that is what it is.
    pub fn get(&self, store: &mut Store<T>, module: &str, name: &str) -> Option<Extern> {
        let def = self.defs.get(&(String::from(module), String::from(name)))?;
        Some(match def {
            Definition::Extern(e) => *e,
            Definition::HostFunc(ty, f) => {
                let index = store.push_host_func(ty.clone(), Arc::clone(f));
                Extern::Func(Func(super::Stored::new(store.inner.id, index)))
            }
        })
    }

    /// Resolves `module`'s imports against this linker and instantiates it,
    /// running its start function.
    pub fn instantiate(&self, store: &mut Store<T>, module: &Module) -> Result<Instance, Error> {
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            let ext = self
                .get(store, import.module(), import.name())
                .ok_or_else(|| {
                    Error::link(format!(
                        "unknown import: `{}::{}` has not been defined",
                        import.module(),
                        import.name()
                    ))
                })?;
            imports.push(ext);
        }
        Instance::new(store, module, &imports)
    }
}
