//! The initializers a component's sections translate to: what
//! instantiation does, in order, to fill the instance's index spaces.

use crate::abi::StringEncoding;
use crate::func::Signature;
use crate::types::ResourceKey;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

/// A (nested) component's definition.
pub(crate) struct Def {
    pub(crate) inits: Vec<Init>,
}

/// A component-level sort (index space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sort {
    Module,
    Func,
    Value,
    Type,
    Instance,
    Component,
}

/// A core sort (index space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CoreSort {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

/// The canonical options of a lift or lower: indices into the core
/// function and memory index spaces.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    pub(crate) memory: Option<u32>,
    pub(crate) realloc: Option<u32>,
    pub(crate) post_return: Option<u32>,
    pub(crate) encoding: StringEncoding,
}

/// One step of instantiation.
pub(crate) enum Init {
    /// An import: an item from the instantiation's arguments. `key` is the
    /// resource a type import names; `resources` the resource types an
    /// instance import exports, by name.
    Import {
        name: String,
        sort: Sort,
        key: Option<ResourceKey>,
        resources: Vec<(String, ResourceKey)>,
    },
    /// A core module (an index into the component's modules).
    Module(usize),
    /// A component (an index into the component's definitions).
    Component(usize),
    /// A core instance of a module, its imports from core instances by
    /// module name.
    CoreInstantiate {
        module: u32,
        args: Vec<(String, u32)>,
    },
    /// A core instance made of core items.
    CoreExports(Vec<(String, CoreSort, u32)>),
    /// An instance of a component, its imports by name.
    Instantiate {
        component: u32,
        args: Vec<(String, Sort, u32)>,
    },
    /// An instance made of items.
    Exports(Vec<(String, Sort, u32)>),
    /// An export of a core instance.
    AliasCoreExport {
        instance: u32,
        name: String,
        sort: CoreSort,
    },
    /// An export of an instance; `key` as for imports.
    AliasExport {
        instance: u32,
        name: String,
        sort: Sort,
        key: Option<ResourceKey>,
    },
    /// A type: a resource type (its key and destructor's core function),
    /// which each instantiation makes anew, or any other type (`None`).
    Type {
        resource: Option<(ResourceKey, Option<u32>)>,
    },
    /// `canon lift`: a component function from a core function.
    Lift {
        core_func: u32,
        sig: Arc<Signature>,
        options: Options,
    },
    /// `canon lower`: a core function from a component function.
    Lower {
        func: u32,
        sig: Arc<Signature>,
        options: Options,
    },
    /// `canon resource.new` of the resource type at this type index.
    ResourceNew { ty: u32 },
    /// `canon resource.drop`.
    ResourceDrop { ty: u32 },
    /// `canon resource.rep`.
    ResourceRep { ty: u32 },
    /// An export, which also adds the item to its index space.
    Export {
        name: String,
        sort: Sort,
        index: u32,
        key: Option<ResourceKey>,
    },
}
