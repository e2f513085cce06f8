//! [`Linker`]: host functions and resource types under WIT names
//! (`wasi:cli/environment@0.2.6` and its `get-arguments`), and
//! instantiation of components against them.

use crate::component::Component;
use crate::func::{Func, FuncKind, HostFunc};
use crate::instance::{Exports, Instance, Item, instantiate};
use crate::resources::{Dtor, ResourceType};
use crate::val::Val;
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::marker::PhantomData;
use wisp_core::{Engine, Error, ErrorKind, Store, StoreContextMut, Trap};

/// A host resource destructor of host state `T`.
pub(crate) struct HostDtor<T: 'static>(pub(crate) Box<DtorFn<T>>);

/// The closure type of a host resource destructor.
type DtorFn<T> = dyn Fn(StoreContextMut<'_, T>, u32) -> Result<(), Trap> + Send + Sync;

/// A definition in a linker.
#[derive(Clone)]
enum Definition {
    Func(Func),
    Resource(ResourceType),
    Instance(Vec<(String, Definition)>),
}

/// Host definitions by name, for instantiating components in stores of
/// host state `T`: the shape of wasmtime's `component::Linker`.
pub struct Linker<T> {
    engine: Engine,
    root: Vec<(String, Definition)>,
    /// Each host resource type once, with the destructor its first
    /// definition gave it.
    host_types: Vec<ResourceType>,
    host: PhantomData<fn(T)>,
}

/// The definitions of one instance (interface) of a [`Linker`], or its
/// root.
pub struct LinkerInstance<'a, T> {
    defs: &'a mut Vec<(String, Definition)>,
    host_types: &'a mut Vec<ResourceType>,
    host: PhantomData<fn(T)>,
}

#[cold]
fn defined_twice(name: &str) -> Error {
    Error::new(ErrorKind::Link(alloc::format!("`{name}` is defined twice")))
}

/// The semver-compatibility key of a versioned name: `pkg/iface@0.2.6`
/// → `pkg/iface@0.2`, `pkg/iface@1.4.0` → `pkg/iface@1`; unversioned or
/// pre-release names are their own key.
fn compat_key(name: &str) -> Option<(&str, &str)> {
    let (base, version) = name.split_once('@')?;
    if version.contains(['-', '+']) {
        return None;
    }
    let mut parts = version.split('.');
    let major = parts.next()?;
    let minor = parts.next()?;
    let compat_len = if major == "0" {
        major.len() + 1 + minor.len()
    } else {
        major.len()
    };
    Some((base, &version[..compat_len]))
}

/// The item of `exports` called `name`, or else one whose version is
/// semver-compatible with it (the newest such).
pub(crate) fn lookup<'a, I>(exports: &'a [(String, I)], name: &str) -> Option<&'a I> {
    if let Some((_, item)) = exports.iter().find(|(n, _)| n == name) {
        return Some(item);
    }
    let key = compat_key(name)?;
    exports
        .iter()
        .filter(|(n, _)| compat_key(n) == Some(key))
        .max_by(|(a, _), (b, _)| version_order(a, b))
        .map(|(_, item)| item)
}

/// Orders two versioned names of one compatibility key by version.
fn version_order(a: &str, b: &str) -> core::cmp::Ordering {
    let numbers = |s: &str| -> Vec<u64> {
        s.rsplit_once('@')
            .map(|(_, v)| v.split('.').map(|p| p.parse().unwrap_or(0)).collect())
            .unwrap_or_default()
    };
    numbers(a).cmp(&numbers(b))
}

fn definition_item(def: &Definition) -> Item {
    match def {
        Definition::Func(f) => Item::Func(f.clone()),
        Definition::Resource(ty) => Item::Type(Some(ty.clone())),
        Definition::Instance(defs) => Item::Instance(Arc::new(
            defs.iter()
                .map(|(n, d)| (n.clone(), definition_item(d)))
                .collect(),
        )),
    }
}

impl<T: 'static> Linker<T> {
    /// An empty linker.
    pub fn new(engine: &Engine) -> Self {
        Linker {
            engine: engine.clone(),
            root: Vec::new(),
            host_types: Vec::new(),
            host: PhantomData,
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The root of the linker's definitions (for functions a component
    /// imports by plain name).
    pub fn root(&mut self) -> LinkerInstance<'_, T> {
        LinkerInstance {
            defs: &mut self.root,
            host_types: &mut self.host_types,
            host: PhantomData,
        }
    }

    /// The instance (interface) `name`, such as
    /// `wasi:cli/environment@0.2.6`, made empty if it is new.
    pub fn instance(&mut self, name: &str) -> Result<LinkerInstance<'_, T>, Error> {
        self.root().into_instance(name)
    }

    /// Instantiates `component` in `store` with this linker's definitions
    /// as its imports; an import of a versioned interface is satisfied by a
    /// definition of any semver-compatible version.
    pub fn instantiate(
        &self,
        store: &mut Store<T>,
        component: &Component,
    ) -> Result<Instance, Error> {
        let imports: Exports = self
            .root
            .iter()
            .map(|(n, d)| (n.clone(), definition_item(d)))
            .collect();
        let args = |name: &str| lookup(&imports, name).cloned();
        let exports = instantiate(store, component, component.0.root, &args)?;
        Ok(Instance { exports })
    }
}

impl<'a, T: 'static> LinkerInstance<'a, T> {
    fn define(&mut self, name: &str, def: Definition) -> Result<(), Error> {
        if self.defs.iter().any(|(n, _)| n == name) {
            return Err(defined_twice(name));
        }
        self.defs.push((name.to_string(), def));
        Ok(())
    }

    /// Defines the function `name`, taking and returning [`Val`]s: `f`
    /// reads `params` and fills every element of `results`.
    pub fn func_new(
        &mut self,
        name: &str,
        f: impl Fn(StoreContextMut<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap>
        + Send
        + Sync
        + 'static,
    ) -> Result<(), Error> {
        let host: Arc<dyn core::any::Any + Send + Sync> = Arc::new(HostFunc::<T>(Box::new(f)));
        self.define(name, Definition::Func(Func(Arc::new(FuncKind::Host(host)))))
    }

    /// Defines the function `name` from a Rust closure whose parameters and
    /// results are tuples of Rust values ([`Lift`](crate::Lift),
    /// [`Lower`](crate::Lower)): `|store, (a, b): (String, u32)| Ok((a.len()
    /// as u32 + b,))`.
    pub fn func_wrap<P: crate::typed::LiftList, R: crate::typed::LowerList>(
        &mut self,
        name: &str,
        f: impl Fn(StoreContextMut<'_, T>, P) -> Result<R, Trap> + Send + Sync + 'static,
    ) -> Result<(), Error> {
        let owned = name.to_string();
        self.func_new(name, move |store, params, results| {
            let args = P::from_vals(params).ok_or_else(|| crate::typed::bad_host_args(&owned))?;
            for (slot, value) in results.iter_mut().zip(f(store, args)?.to_vals()) {
                *slot = value;
            }
            Ok(())
        })
    }

    /// Defines the resource type `name` as `ty`; `dtor` runs with the
    /// representation when a guest drops the last owned handle. A host
    /// type has one destructor in a linker: the first definition of it
    /// gives it, and a later one (the same type under another interface's
    /// name, as WASI's `input-stream` in `wasi:io/streams` and
    /// `wasi:cli/stdin`) shares it, whatever `dtor` it passes.
    pub fn resource(
        &mut self,
        name: &str,
        ty: ResourceType,
        dtor: impl Fn(StoreContextMut<'_, T>, u32) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Result<(), Error> {
        let ty = match self.host_types.iter().find(|t| **t == ty) {
            Some(known) => known.clone(),
            None => {
                let dtor = Dtor::Host(Arc::new(HostDtor::<T>(Box::new(dtor))));
                let ty = ResourceType::with_dtor(ty.0.identity, dtor);
                self.host_types.push(ty.clone());
                ty
            }
        };
        self.define(name, Definition::Resource(ty))
    }

    /// The nested instance `name`, made empty if it is new.
    pub fn instance(&mut self, name: &str) -> Result<LinkerInstance<'_, T>, Error> {
        LinkerInstance {
            defs: &mut *self.defs,
            host_types: &mut *self.host_types,
            host: PhantomData,
        }
        .into_instance(name)
    }

    fn into_instance(self, name: &str) -> Result<LinkerInstance<'a, T>, Error> {
        let position = match self.defs.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.defs
                    .push((name.to_string(), Definition::Instance(Vec::new())));
                self.defs.len() - 1
            }
        };
        match &mut self.defs[position].1 {
            Definition::Instance(defs) => Ok(LinkerInstance {
                defs,
                host_types: self.host_types,
                host: PhantomData,
            }),
            _ => Err(defined_twice(name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_match_within_semver_compatibility() {
        assert_eq!(
            compat_key("wasi:cli/run@0.2.6"),
            Some(("wasi:cli/run", "0.2"))
        );
        assert_eq!(compat_key("a:b/c@1.4.0"), Some(("a:b/c", "1")));
        assert_eq!(compat_key("a:b/c@0.3.0-rc"), None);
        assert_eq!(compat_key("plain"), None);
        let exports: Exports = ["x@0.2.0", "x@0.2.10", "x@0.2.3", "x@0.3.0"]
            .iter()
            .map(|n| (n.to_string(), Item::Type(None)))
            .collect();
        let found = |name| {
            let item = lookup(&exports, name)?;
            exports
                .iter()
                .find(|(_, i)| core::ptr::eq(i, item))
                .map(|(n, _)| n.as_str())
        };
        assert_eq!(found("x@0.2.6"), Some("x@0.2.10"));
        assert_eq!(found("x@0.2.3"), Some("x@0.2.3"));
        assert_eq!(found("x@0.3.1"), Some("x@0.3.0"));
        assert_eq!(found("x@1.0.0"), None);
    }
}
