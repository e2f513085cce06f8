//! The linker: a namespace of host functions and exports to satisfy imports.

use super::caller::Caller;
use super::store::{AsContext, AsContextMut, HostFn, Store};
use super::{Engine, Extern, Func, Instance, IntoFunc};
use crate::error::Error;
use crate::index::FuncIndex;
use crate::module::Module;
use crate::trap::Trap;
use crate::types::{ExternType, FuncType};
use crate::value::Val;
use alloc::{format, string::String, sync::Arc, vec::Vec};
use hashbrown::{HashMap, hash_map::Entry};

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
            Definition::Extern(e) => Definition::Extern(e.clone()),
            Definition::HostFunc(t, f) => Definition::HostFunc(t.clone(), Arc::clone(f)),
        }
    }
}

/// Resolves a module's imports by `(module, name)` and instantiates it.
pub struct Linker<T> {
    engine: Engine,
    defs: HashMap<(String, String), Definition<T>>,
    /// Whether a second definition of a name replaces the first.
    allow_shadowing: bool,
}

impl<T> Clone for Linker<T> {
    fn clone(&self) -> Self {
        Self {
            engine: self.engine.clone(),
            defs: self.defs.clone(),
            allow_shadowing: self.allow_shadowing,
        }
    }
}

impl<T> Linker<T> {
    /// An empty linker.
    pub fn new(engine: &Engine) -> Self {
        Self {
            engine: engine.clone(),
            defs: HashMap::new(),
            allow_shadowing: false,
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether defining a name that is already defined replaces the old
    /// definition (`true`) or is an error (`false`, the default).
    pub fn allow_shadowing(&mut self, allow: bool) -> &mut Self {
        self.allow_shadowing = allow;
        self
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition<T>) -> Result<&mut Self, Error> {
        // One hash and one probe per definition: WASI defines dozens at
        // every start-up.
        match self.defs.entry((String::from(module), String::from(name))) {
            Entry::Occupied(mut taken) if self.allow_shadowing => {
                taken.insert(def);
            }
            Entry::Occupied(_) => {
                return Err(Error::link(format!(
                    "`{module}::{name}` is already defined"
                )));
            }
            Entry::Vacant(free) => {
                free.insert(def);
            }
        }
        Ok(self)
    }

    /// Defines every function import of `module` that this linker does not
    /// define as a host function that traps when called, naming the import.
    /// Other kinds of imports stay undefined.
    pub fn define_unknown_imports_as_traps(&mut self, module: &Module) -> Result<(), Error> {
        for import in module.imports() {
            let ExternType::Func(ty) = import.ty() else {
                continue;
            };
            if self.contains(import.module(), import.name()) {
                continue;
            }
            let message = unknown_import(import.module(), import.name());
            let trap: HostFn<T> = Arc::new(move |_, _, _| Err(Trap::host(message.clone())));
            self.insert(
                import.module(),
                import.name(),
                Definition::HostFunc(ty.clone(), trap),
            )?;
        }
        Ok(())
    }

    /// Instantiates `module` with this linker's definitions and defines its
    /// exports under the module name `name`, so later modules can import
    /// them. The module is treated as a reactor: its start function runs,
    /// then its `_initialize` export if it has one. (wasmtime instantiates a
    /// command module — one exporting `_start` — afresh for every call of
    /// an export; wisp instantiates every module once.)
    pub fn module(
        &mut self,
        mut store: impl AsContextMut<Data = T>,
        name: &str,
        module: &Module,
    ) -> Result<&mut Self, Error> {
        let instance = self.instantiate(&mut store, module)?;
        if let Some(init) = instance.get_func(&store, "_initialize") {
            init.typed::<(), ()>(&store)?.call(&mut store, ())?;
        }
        self.instance(&store, name, instance)
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
    ///
    /// # Panics
    /// When a module is linked with it, if `ty` names a defined type by a
    /// module's index, as [`Func::new`].
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
    pub fn get(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
    ) -> Option<Extern> {
        let def = self.defs.get(&(String::from(module), String::from(name)))?;
        Some(def.materialize(store.as_context_mut().store))
    }

    /// Resolves `module`'s imports against this linker and instantiates it,
    /// running its start function.
    pub fn instantiate(
        &self,
        store: impl AsContextMut<Data = T>,
        module: &Module,
    ) -> Result<Instance, Error> {
        let defs = self.resolve(module)?;
        instantiate_with(store, module, defs)
    }

    /// Resolves `module`'s imports once, for instantiating it many times
    /// (in one store or several) without looking them up again. A missing
    /// import is an error here; a host function of the wrong type too.
    /// Entities of a store are checked when instantiated.
    pub fn instantiate_pre(&self, module: &Module) -> Result<InstancePre<T>, Error> {
        let defs = self.resolve(module)?;
        Ok(InstancePre {
            module: module.clone(),
            imports: defs.into_iter().cloned().collect(),
        })
    }

    /// The definition of each import of `module`, in order; a missing one,
    /// or a host function of the wrong type, is an error.
    fn resolve(&self, module: &Module) -> Result<Vec<&Definition<T>>, Error> {
        let mut imports = Vec::with_capacity(module.imports().len());
        let mut funcs = 0;
        for import in module.imports() {
            let key = (String::from(import.module()), String::from(import.name()));
            let def = self
                .defs
                .get(&key)
                .ok_or_else(|| Error::link(unknown_import(import.module(), import.name())))?;
            if let ExternType::Func(expected) = import.ty() {
                let func = FuncIndex::from_u32(funcs);
                funcs += 1;
                let mismatch = match def {
                    Definition::HostFunc(ty, _) => {
                        (!host_func_matches(module, ty, func)).then_some(ty)
                    }
                    Definition::Extern(_) => None,
                };
                if let Some(ty) = mismatch {
                    return Err(Error::link(format!(
                        "incompatible import type for `{}::{}`: expected {expected}, found {ty}",
                        import.module(),
                        import.name()
                    )));
                }
            }
            imports.push(def);
        }
        Ok(imports)
    }
}

/// Whether a host function of signature `ty` may satisfy `module`'s
/// imported function `func`: by type id, as any function (a signature
/// equal to one of a recursion group with other types is another type).
fn host_func_matches(module: &Module, ty: &FuncType, func: FuncIndex) -> bool {
    let info = &module.info;
    let expected = info.type_id(info.funcs[func]);
    let types = module.engine().types();
    types.is_subtype(types.register_func(ty), expected)
}

/// The message for an import no definition satisfies.
fn unknown_import(module: &str, name: &str) -> String {
    format!("unknown import: `{module}::{name}` has not been defined")
}

/// Instantiates `module` in `store` with `defs`, its imports' definitions
/// in order (host functions are added to the store).
fn instantiate_with<'d, T: 'd>(
    mut store: impl AsContextMut<Data = T>,
    module: &Module,
    defs: impl IntoIterator<Item = &'d Definition<T>>,
) -> Result<Instance, Error> {
    let store = store.as_context_mut().store;
    let imports: Vec<Extern> = defs.into_iter().map(|d| d.materialize(store)).collect();
    Instance::new(store, module, &imports)
}

impl<T> Definition<T> {
    /// The definition as an entity of `store` (a host function is added to
    /// the store each time).
    fn materialize(&self, store: &mut Store<T>) -> Extern {
        match self {
            Definition::Extern(e) => e.clone(),
            Definition::HostFunc(ty, f) => {
                let index = store.push_host_func(ty.clone(), Arc::clone(f));
                Extern::Func(Func(super::Stored::new(store.inner.id, index)))
            }
        }
    }
}

/// A module with its imports resolved by a [`Linker`], ready to instantiate
/// any number of times ([`Linker::instantiate_pre`]).
pub struct InstancePre<T> {
    module: Module,
    imports: Arc<[Definition<T>]>,
}

impl<T> Clone for InstancePre<T> {
    fn clone(&self) -> Self {
        Self {
            module: self.module.clone(),
            imports: Arc::clone(&self.imports),
        }
    }
}

impl<T> InstancePre<T> {
    /// The module.
    pub fn module(&self) -> &Module {
        &self.module
    }

    /// Instantiates the module in `store`, running its start function.
    pub fn instantiate(&self, store: impl AsContextMut<Data = T>) -> Result<Instance, Error> {
        instantiate_with(store, &self.module, self.imports.iter())
    }
}
