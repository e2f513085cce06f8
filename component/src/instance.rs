//! Instantiation: running a component's initializers in order, filling its
//! index spaces, and the resulting [`Instance`].

use crate::component::Component;
use crate::func::{Func, FuncKind, GuestOptions, Lifted, call_lowered};
use crate::handles::{InstanceState, Removed};
use crate::linker::HostDtor;
use crate::plan::{CoreSort, Init, Options, Sort};
use crate::resources::{Dtor, ResourceType};
use crate::types::ResourceKey;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use wisp_core::{
    AsContextMut, Caller, Error, ErrorKind, Extern, Global, Memory, Store, Table, Tag, Trap,
};

/// An item of a component index space: what imports, exports and
/// instantiation arguments carry.
#[derive(Clone)]
pub(crate) enum Item {
    Func(Func),
    /// A type: the run-time type of a resource type, `None` for others.
    Type(Option<ResourceType>),
    Instance(Arc<Exports>),
    Module(usize),
    Component(usize),
}

/// An instance's exports, in order.
pub(crate) type Exports = Vec<(String, Item)>;

/// A core instance: instantiated from a module, or made of items.
enum CoreInstance {
    Instance(wisp_core::Instance),
    Exports(Vec<(String, Extern)>),
}

/// The index spaces of one component instance being built.
#[derive(Default)]
struct Spaces {
    core_funcs: Vec<wisp_core::Func>,
    core_memories: Vec<Memory>,
    core_tables: Vec<Table>,
    core_globals: Vec<Global>,
    core_tags: Vec<Tag>,
    core_instances: Vec<CoreInstance>,
    modules: Vec<usize>,
    funcs: Vec<Func>,
    types: Vec<Option<ResourceType>>,
    instances: Vec<Arc<Exports>>,
    components: Vec<usize>,
}

#[cold]
fn link_error(message: String) -> Error {
    Error::new(ErrorKind::Link(message))
}

fn index<T: Clone>(space: &[T], i: u32, what: &str) -> Result<T, Error> {
    space
        .get(i as usize)
        .cloned()
        .ok_or_else(|| link_error(alloc::format!("{what} index {i} out of range")))
}

/// The export `name` of `exports`.
pub(crate) fn find<'a>(exports: &'a Exports, name: &str) -> Option<&'a Item> {
    exports
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, item)| item)
}

/// A component instance: its exports.
#[derive(Clone)]
pub struct Instance {
    pub(crate) exports: Arc<Exports>,
}

impl core::fmt::Debug for Instance {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(self.exports.iter().map(|(n, _)| n))
            .finish()
    }
}

impl Instance {
    /// The exported function `name`, or, for `"interface#name"`, the
    /// function `name` of the exported instance `interface` (whose version
    /// may be any semver-compatible one: `wasi:cli/run@0.2.0#run` finds
    /// `wasi:cli/run@0.2.3`'s `run`).
    pub fn get_func(&self, name: &str) -> Option<Func> {
        let item = match name.split_once('#') {
            Some((instance, func)) => {
                let exports = match crate::linker::lookup(&self.exports, instance)? {
                    Item::Instance(exports) => exports,
                    _ => return None,
                };
                find(exports, func)?.clone()
            }
            None => find(&self.exports, name)?.clone(),
        };
        match item {
            Item::Func(f) => Some(f),
            _ => None,
        }
    }

    /// The names of the exports, and for exported instances the names of
    /// their functions (as `interface#name`).
    pub fn export_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for (name, item) in self.exports.iter() {
            match item {
                Item::Instance(inner) => names.extend(
                    inner
                        .iter()
                        .filter(|(_, i)| matches!(i, Item::Func(_)))
                        .map(|(f, _)| alloc::format!("{name}#{f}")),
                ),
                Item::Func(_) => names.push(name.clone()),
                _ => {}
            }
        }
        names
    }
}

/// Instantiates definition `def` of `component` with `args` as its imports.
pub(crate) fn instantiate<T: 'static>(
    store: &mut Store<T>,
    component: &Component,
    def: usize,
    args: &dyn Fn(&str) -> Option<Item>,
) -> Result<Arc<Exports>, Error> {
    let inner = &component.0;
    let state = Arc::new(InstanceState::new());
    let mut spaces = Spaces::default();
    let mut exports = Exports::new();
    let set_key = |key: Option<ResourceKey>, item: &Item| {
        if let (Some(key), Item::Type(Some(ty))) = (key, item) {
            state.inner.lock().keys.insert(key, ty.clone());
        }
    };
    for init in &inner.defs[def].inits {
        match init {
            Init::Import {
                name,
                sort,
                key,
                resources,
            } => {
                let item = match args(name) {
                    Some(item) => item,
                    // A type that is not a resource (a world's top-level
                    // record, say) needs no definition: any type meets it.
                    None if *sort == Sort::Type && key.is_none() => Item::Type(None),
                    None => {
                        return Err(link_error(alloc::format!(
                            "component import `{name}` is not defined"
                        )));
                    }
                };
                set_key(*key, &item);
                if let Item::Instance(exports) = &item {
                    for (name, key) in resources {
                        if let Some(item) = find(exports, name) {
                            set_key(Some(*key), item);
                        }
                    }
                }
                push(&mut spaces, *sort, item, name)?;
            }
            Init::Module(m) => spaces.modules.push(*m),
            Init::Component(c) => spaces.components.push(*c),
            Init::CoreInstantiate { module, args } => {
                let module = &inner.modules[index(&spaces.modules, *module, "module")?];
                let mut imports = Vec::with_capacity(module.imports().len());
                for import in module.imports() {
                    let (_, instance) = args
                        .iter()
                        .find(|(n, _)| n == import.module())
                        .ok_or_else(|| {
                            link_error(alloc::format!(
                                "no instance given for the core import module `{}`",
                                import.module()
                            ))
                        })?;
                    let ext = core_export(store, &spaces, *instance, import.name())?;
                    imports.push(ext);
                }
                let instance = wisp_core::Instance::new(store, module, &imports)?;
                spaces.core_instances.push(CoreInstance::Instance(instance));
            }
            Init::CoreExports(items) => {
                let mut list = Vec::with_capacity(items.len());
                for (name, sort, i) in items {
                    list.push((name.clone(), core_item(&spaces, *sort, *i)?));
                }
                spaces.core_instances.push(CoreInstance::Exports(list));
            }
            Init::Instantiate { component: c, args } => {
                let def = index(&spaces.components, *c, "component")?;
                let mut given = Vec::with_capacity(args.len());
                for (name, sort, i) in args {
                    given.push((name.clone(), item(&spaces, *sort, *i)?));
                }
                let lookup = |name: &str| find(&given, name).cloned();
                let exports = instantiate(store, component, def, &lookup)?;
                spaces.instances.push(exports);
            }
            Init::Exports(items) => {
                let mut list = Exports::with_capacity(items.len());
                for (name, sort, i) in items {
                    list.push((name.clone(), item(&spaces, *sort, *i)?));
                }
                spaces.instances.push(Arc::new(list));
            }
            Init::AliasCoreExport {
                instance,
                name,
                sort,
            } => {
                let ext = core_export(store, &spaces, *instance, name)?;
                push_core(&mut spaces, *sort, ext, name)?;
            }
            Init::AliasExport {
                instance,
                name,
                sort,
                key,
            } => {
                let exports = index(&spaces.instances, *instance, "instance")?;
                let item = match find(&exports, name) {
                    Some(item) => item.clone(),
                    // A host instance need not define its interface's
                    // types that are not resources.
                    None if *sort == Sort::Type && key.is_none() => Item::Type(None),
                    None => {
                        return Err(link_error(alloc::format!(
                            "instance {instance} has no export `{name}`"
                        )));
                    }
                };
                set_key(*key, &item);
                push(&mut spaces, *sort, item, name)?;
            }
            Init::Type { resource } => {
                let ty = match resource {
                    Some((key, dtor)) => {
                        let dtor = dtor
                            .map(|i| index(&spaces.core_funcs, i, "core function"))
                            .transpose()?;
                        let ty = ResourceType::fresh_guest(dtor, state.id);
                        set_key(Some(*key), &Item::Type(Some(ty.clone())));
                        Some(ty)
                    }
                    None => None,
                };
                spaces.types.push(ty);
            }
            Init::Lift {
                core_func,
                sig,
                options,
            } => {
                let core = index(&spaces.core_funcs, *core_func, "core function")?;
                let lifted = Lifted {
                    core,
                    sig: sig.clone(),
                    options: guest_options(&spaces, options)?,
                    state: state.clone(),
                };
                spaces.funcs.push(Func(Arc::new(FuncKind::Lifted(lifted))));
            }
            Init::Lower { func, sig, options } => {
                let target = index(&spaces.funcs, *func, "function")?;
                let options = guest_options(&spaces, options)?;
                let (sig, state) = (sig.clone(), state.clone());
                let core = wisp_core::Func::new(
                    store,
                    sig.lowered(),
                    move |mut caller: Caller<'_, T>, args, rets| {
                        call_lowered(
                            &target,
                            &sig,
                            options,
                            &state,
                            caller.as_context_mut(),
                            args,
                            rets,
                        )
                    },
                );
                spaces.core_funcs.push(core);
            }
            Init::ResourceNew { ty } | Init::ResourceDrop { ty } | Init::ResourceRep { ty } => {
                let resource = index(&spaces.types, *ty, "type")?.ok_or_else(|| {
                    link_error("a resource built-in of a type that is not a resource".to_string())
                })?;
                let core = resource_builtin(store, init, resource, state.clone());
                spaces.core_funcs.push(core);
            }
            Init::Export {
                name,
                sort,
                index: i,
                key,
            } => {
                let item = item(&spaces, *sort, *i)?;
                set_key(*key, &item);
                exports.push((name.clone(), item.clone()));
                push(&mut spaces, *sort, item, name)?;
            }
        }
    }
    Ok(Arc::new(exports))
}

/// Adds `item` to the index space of `sort`.
fn push(spaces: &mut Spaces, sort: Sort, item: Item, name: &str) -> Result<(), Error> {
    match (sort, item) {
        (Sort::Func, Item::Func(f)) => spaces.funcs.push(f),
        (Sort::Type, Item::Type(t)) => spaces.types.push(t),
        (Sort::Instance, Item::Instance(i)) => spaces.instances.push(i),
        (Sort::Module, Item::Module(m)) => spaces.modules.push(m),
        (Sort::Component, Item::Component(c)) => spaces.components.push(c),
        // A host instance need not define its interface's non-resource
        // types; a type import or alias of one is any type.
        (Sort::Type, _) => spaces.types.push(None),
        _ => return Err(link_error(alloc::format!("`{name}` is of the wrong kind"))),
    }
    Ok(())
}

/// The item at `i` of the index space of `sort`.
fn item(spaces: &Spaces, sort: Sort, i: u32) -> Result<Item, Error> {
    Ok(match sort {
        Sort::Func => Item::Func(index(&spaces.funcs, i, "function")?),
        Sort::Type => Item::Type(index(&spaces.types, i, "type")?),
        Sort::Instance => Item::Instance(index(&spaces.instances, i, "instance")?),
        Sort::Module => Item::Module(index(&spaces.modules, i, "module")?),
        Sort::Component => Item::Component(index(&spaces.components, i, "component")?),
        Sort::Value => return Err(link_error("component values are not supported".to_string())),
    })
}

/// The core item at `i` of the core index space of `sort`.
fn core_item(spaces: &Spaces, sort: CoreSort, i: u32) -> Result<Extern, Error> {
    Ok(match sort {
        CoreSort::Func => Extern::Func(index(&spaces.core_funcs, i, "core function")?),
        CoreSort::Table => Extern::Table(index(&spaces.core_tables, i, "core table")?),
        CoreSort::Memory => Extern::Memory(index(&spaces.core_memories, i, "core memory")?),
        CoreSort::Global => Extern::Global(index(&spaces.core_globals, i, "core global")?),
        CoreSort::Tag => Extern::Tag(index(&spaces.core_tags, i, "core tag")?),
    })
}

/// Adds the core item `ext` to the core index space of `sort`.
fn push_core(spaces: &mut Spaces, sort: CoreSort, ext: Extern, name: &str) -> Result<(), Error> {
    match (sort, ext) {
        (CoreSort::Func, Extern::Func(f)) => spaces.core_funcs.push(f),
        (CoreSort::Table, Extern::Table(t)) => spaces.core_tables.push(t),
        (CoreSort::Memory, Extern::Memory(m)) => spaces.core_memories.push(m),
        (CoreSort::Global, Extern::Global(g)) => spaces.core_globals.push(g),
        (CoreSort::Tag, Extern::Tag(t)) => spaces.core_tags.push(t),
        _ => {
            return Err(link_error(alloc::format!(
                "core export `{name}` is of the wrong kind (or a shared memory, which components do not support)"
            )));
        }
    }
    Ok(())
}

/// The export `name` of core instance `i`.
fn core_export<T>(store: &Store<T>, spaces: &Spaces, i: u32, name: &str) -> Result<Extern, Error> {
    let found = match spaces.core_instances.get(i as usize) {
        Some(CoreInstance::Instance(instance)) => instance.get_export(store, name),
        Some(CoreInstance::Exports(list)) => {
            list.iter().find(|(n, _)| n == name).map(|(_, e)| e.clone())
        }
        None => {
            return Err(link_error(alloc::format!(
                "core instance index {i} out of range"
            )));
        }
    };
    found.ok_or_else(|| link_error(alloc::format!("core instance {i} has no export `{name}`")))
}

/// Canonical options with their indices resolved.
fn guest_options(spaces: &Spaces, options: &Options) -> Result<GuestOptions, Error> {
    let func = |i: Option<u32>| {
        i.map(|i| index(&spaces.core_funcs, i, "core function"))
            .transpose()
    };
    Ok(GuestOptions {
        memory: options
            .memory
            .map(|i| index(&spaces.core_memories, i, "core memory"))
            .transpose()?,
        realloc: func(options.realloc)?,
        post_return: func(options.post_return)?,
        encoding: options.encoding,
    })
}

/// The core function of `canon resource.new`, `resource.drop` or
/// `resource.rep` for `resource`.
fn resource_builtin<T: 'static>(
    store: &mut Store<T>,
    init: &Init,
    resource: ResourceType,
    state: Arc<InstanceState>,
) -> wisp_core::Func {
    use wisp_core::{FuncType, Val, ValType};
    let i32_to = |results: &[ValType]| FuncType::new([ValType::I32], results.iter().copied());
    match init {
        Init::ResourceNew { .. } => {
            wisp_core::Func::new(store, i32_to(&[ValType::I32]), move |_, args, rets| {
                let rep = args[0].i32().unwrap_or(0) as u32;
                let handle = state.inner.lock().new_own(resource.clone(), rep)?;
                rets[0] = Val::I32(handle as i32);
                Ok(())
            })
        }
        Init::ResourceRep { .. } => {
            wisp_core::Func::new(store, i32_to(&[ValType::I32]), move |_, args, rets| {
                let handle = args[0].i32().unwrap_or(0) as u32;
                let rep = state.inner.lock().rep(handle, &resource)?;
                rets[0] = Val::I32(rep as i32);
                Ok(())
            })
        }
        _ => wisp_core::Func::new(
            store,
            i32_to(&[]),
            move |mut caller: Caller<'_, T>, args, _| {
                let handle = args[0].i32().unwrap_or(0) as u32;
                let removed = state.inner.lock().remove(handle, &resource)?;
                match removed {
                    Removed::Own(ty, rep) => destroy(&mut caller, &ty, rep),
                    Removed::Borrow => Ok(()),
                }
            },
        ),
    }
}

impl crate::resources::ResourceAny {
    /// Drops the handle. For an owned handle the resource's destructor runs
    /// (the defining component's, or the host's given to
    /// [`LinkerInstance::resource`](crate::LinkerInstance::resource)); a
    /// borrow is only forgotten.
    pub fn resource_drop<T: 'static>(
        self,
        store: impl AsContextMut<Data = T>,
    ) -> Result<(), Error> {
        if !self.owned {
            return Ok(());
        }
        destroy(store, &self.ty, self.rep).map_err(Error::from)
    }
}

/// Runs the destructor of the resource `rep` of type `ty`.
pub(crate) fn destroy<T: 'static>(
    mut store: impl AsContextMut<Data = T>,
    ty: &ResourceType,
    rep: u32,
) -> Result<(), Trap> {
    match &ty.0.dtor {
        Dtor::None | Dtor::Guest { func: None, .. } => Ok(()),
        Dtor::Guest { func: Some(f), .. } => {
            f.call(&mut store, &[wisp_core::Val::I32(rep as i32)], &mut [])?;
            Ok(())
        }
        Dtor::Host(host) => match host.downcast_ref::<HostDtor<T>>() {
            Some(dtor) => (dtor.0)(store.as_context_mut(), rep),
            None => Ok(()),
        },
    }
}
