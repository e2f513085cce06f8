//! Instances: a module's entities, linked and initialized.

use super::store::AsContext;
use super::{Extern, Func, Global, Memory, Table, Tag, TypedFunc, WasmParams, WasmResults};
use crate::error::Error;
use crate::index::{
    DataIndex, ElemIndex, FuncIndex, GlobalIndex, MemoryIndex, TableIndex, TagIndex, TypeIndex,
};
use crate::module::{EntityIndex, Module};
use alloc::{string::String, sync::Arc, vec::Vec};
use cranelift_entity::PrimaryMap;

/// The store's record of an instance.
#[derive(Debug)]
pub(crate) struct InstanceEntity {
    pub module: Module,
    /// Store indices of the instance's functions, tables, memories, globals,
    /// by the module's indices.
    pub funcs: PrimaryMap<FuncIndex, u32>,
    pub tables: PrimaryMap<TableIndex, u32>,
    pub memories: PrimaryMap<MemoryIndex, u32>,
    pub globals: PrimaryMap<GlobalIndex, u32>,
    pub tags: PrimaryMap<TagIndex, u32>,
    /// Engine type id of each module type.
    pub type_ids: PrimaryMap<TypeIndex, u32>,
    /// Element segments, resolved to slot values; emptied when dropped.
    pub elems: PrimaryMap<ElemIndex, Arc<[u64]>>,
    /// Whether each data segment has been dropped.
    pub data_dropped: PrimaryMap<DataIndex, bool>,
}

impl InstanceEntity {
    /// The index spaces for running code.
    pub(crate) fn view(&self) -> crate::vm::InstanceView {
        crate::vm::InstanceView {
            funcs: self.funcs.as_values_slice().as_ptr(),
            globals: self.globals.as_values_slice().as_ptr(),
            tables: self.tables.as_values_slice().as_ptr(),
            memories: self.memories.as_values_slice().as_ptr(),
            type_ids: self.type_ids.as_values_slice().as_ptr(),
            memory0: self.memories.values().next().copied().unwrap_or(u32::MAX),
        }
    }

    /// The export at `index`, as a handle of store `inner` (a shared
    /// memory as the memory itself).
    fn export(&self, inner: &super::StoreInner, index: EntityIndex) -> Option<Extern> {
        let stored = |i: &u32| super::Stored::new(inner.id, *i);
        Some(match index {
            EntityIndex::Func(i) => Extern::Func(Func(stored(self.funcs.get(i)?))),
            EntityIndex::Table(i) => Extern::Table(Table(stored(self.tables.get(i)?))),
            EntityIndex::Memory(i) => {
                let m = self.memories.get(i)?;
                match &inner.memories[*m as usize] {
                    super::MemoryEntity::Shared(shared) => Extern::SharedMemory(shared.clone()),
                    super::MemoryEntity::Owned(_) => Extern::Memory(Memory(stored(m))),
                }
            }
            EntityIndex::Global(i) => Extern::Global(Global(stored(self.globals.get(i)?))),
            EntityIndex::Tag(i) => Extern::Tag(Tag(stored(self.tags.get(i)?))),
        })
    }
}

/// The export `name` of instance `instance`.
pub(crate) fn export_of(inner: &super::StoreInner, instance: u32, name: &str) -> Option<Extern> {
    let inst = &inner.instances[instance as usize];
    let (_, index) = inst.module.info.exports.iter().find(|(n, _)| n == name)?;
    inst.export(inner, *index)
}

/// A handle to an instance in a store. Using it with another store panics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance(pub(crate) super::Stored);

impl Instance {
    /// Instantiates `module` with `imports` given in the module's import
    /// order, runs its start function and returns the instance.
    pub fn new<T>(
        store: &mut super::Store<T>,
        module: &Module,
        imports: &[Extern],
    ) -> Result<Instance, Error> {
        super::instantiate::instantiate(store, module, imports)
    }

    /// The export called `name`.
    pub fn get_export(&self, store: impl AsContext, name: &str) -> Option<Extern> {
        let inner = store.as_context().inner;
        export_of(inner, self.0.index(inner.id) as u32, name)
    }

    /// The exported function `name`.
    pub fn get_func(&self, store: impl AsContext, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }

    /// The exported function `name` with a static signature.
    pub fn get_typed_func<P: WasmParams, R: WasmResults>(
        &self,
        store: impl AsContext,
        name: &str,
    ) -> Result<TypedFunc<P, R>, Error> {
        let ctx = store.as_context();
        let func = self
            .get_func(&ctx, name)
            .ok_or_else(|| Error::link(alloc::format!("no exported function named `{name}`")))?;
        func.typed::<P, R>(&ctx)
    }

    /// The exported memory `name`.
    pub fn get_memory(&self, store: impl AsContext, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }

    /// The exported shared memory `name`.
    pub fn get_shared_memory(
        &self,
        store: impl AsContext,
        name: &str,
    ) -> Option<super::SharedMemory> {
        self.get_export(store, name)?.into_shared_memory()
    }

    /// The exported global `name`.
    pub fn get_global(&self, store: impl AsContext, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }

    /// The exported table `name`.
    pub fn get_table(&self, store: impl AsContext, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }

    /// The exported tag `name`.
    pub fn get_tag(&self, store: impl AsContext, name: &str) -> Option<Tag> {
        self.get_export(store, name)?.into_tag()
    }

    /// Every export, in the module's declaration order.
    pub fn exports(&self, store: impl AsContext) -> Vec<(String, Extern)> {
        let ctx = store.as_context();
        let inst = &ctx.inner.instances[self.0.index(ctx.inner.id)];
        inst.module
            .info
            .exports
            .iter()
            .filter_map(|(name, index)| Some((name.clone(), inst.export(ctx.inner, *index)?)))
            .collect()
    }

    /// The module this instance was created from.
    pub fn module<'a, T: 'a>(&self, store: impl Into<super::StoreContext<'a, T>>) -> &'a Module {
        let inner = store.into().inner;
        &inner.instances[self.0.index(inner.id)].module
    }
}
