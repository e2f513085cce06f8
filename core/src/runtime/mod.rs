//! The runtime objects an embedder works with, shaped like wasmtime's and
//! wasmi's: [`Engine`], [`Store`], [`Linker`], [`Instance`], [`Func`],
//! [`TypedFunc`], [`Memory`], [`Table`], [`Global`] and [`Caller`].

mod atomics;
mod caller;
mod engine;
mod exception;
#[cfg(test)]
mod exception_tests;
mod exec;
mod func;
mod gc;
mod gc_ops;
mod gc_refs;
#[cfg(test)]
mod gc_tests;
mod global;
mod handle;
#[cfg(test)]
mod host_error_tests;
mod instance;
mod instantiate;
mod libcalls;
mod limits;
#[cfg(test)]
mod limits_tests;
mod linker;
#[cfg(test)]
mod linker_tests;
pub(crate) mod memory;
#[cfg(test)]
mod memory64_tests;
mod root_scope;
mod run;
mod shared_memory;
#[cfg(test)]
mod shared_memory_tests;
mod store;
#[cfg(wisp_jit)]
mod store_jit;
#[cfg(wisp_jit)]
pub(crate) use store_jit::StoreJit;
mod subtyping;
mod table;
#[cfg(test)]
mod tail_call_tests;
#[cfg(test)]
mod tests;
mod type_registry;
#[cfg(test)]
mod type_registry_tests;
mod typed;
mod unwind;

pub use caller::Caller;
pub use engine::{Engine, Precompiled};
pub use exception::{Exception, ExnRef, Tag};
pub use func::{Func, IntoFunc};
pub use gc_refs::{ArrayRef, StructRef};
pub use global::Global;
pub use instance::Instance;
pub(crate) use limits::Ask;
pub use limits::{
    DEFAULT_INSTANCE_LIMIT, DEFAULT_MEMORY_LIMIT, DEFAULT_TABLE_LIMIT, ResourceLimiter,
    StoreLimits, StoreLimitsBuilder,
};
pub use linker::{InstancePre, Linker};
pub use memory::Memory;
pub use root_scope::RootScope;
pub use shared_memory::{SharedMemory, WaitResult};
pub use store::{
    AsContext, AsContextMut, GcHeapStats, InterruptHandle, Store, StoreContext, StoreContextMut,
};
pub use table::Table;
pub use typed::{TypedFunc, WasmParams, WasmResults, WasmRet, WasmTy};

pub(crate) use func::FuncEntity;
pub(crate) use handle::{StoreId, Stored};
pub(crate) use instance::InstanceEntity;
pub(crate) use memory::MemoryEntity;
pub(crate) use store::StoreInner;
pub(crate) use table::TableEntity;

/// Anything that can be imported or exported.
#[derive(Debug, Clone, PartialEq)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A global.
    Global(Global),
    /// A table.
    Table(Table),
    /// A linear memory.
    Memory(Memory),
    /// A shared linear memory (not tied to one store).
    SharedMemory(SharedMemory),
    /// An exception tag.
    Tag(Tag),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        if let Extern::Func(f) = self {
            Some(f)
        } else {
            None
        }
    }
    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        if let Extern::Global(g) = self {
            Some(g)
        } else {
            None
        }
    }
    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        if let Extern::Table(t) = self {
            Some(t)
        } else {
            None
        }
    }
    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        if let Extern::Memory(m) = self {
            Some(m)
        } else {
            None
        }
    }

    /// The shared memory, if this is one.
    pub fn into_shared_memory(self) -> Option<SharedMemory> {
        if let Extern::SharedMemory(m) = self {
            Some(m)
        } else {
            None
        }
    }

    /// The tag, if this is one.
    pub fn into_tag(self) -> Option<Tag> {
        if let Extern::Tag(t) = self {
            Some(t)
        } else {
            None
        }
    }

    /// The type of the entity.
    pub fn ty(&self, store: impl AsContext) -> crate::ExternType {
        let inner = store.as_context().inner;
        match self {
            Extern::Func(f) => {
                crate::ExternType::Func(inner.funcs[f.0.index(inner.id)].ty().clone())
            }
            Extern::Global(g) => crate::ExternType::Global(inner.global_types[g.0.index(inner.id)]),
            Extern::Table(t) => crate::ExternType::Table(inner.tables[t.0.index(inner.id)].ty()),
            Extern::Memory(m) => {
                crate::ExternType::Memory(inner.memories[m.0.index(inner.id)].ty())
            }
            Extern::SharedMemory(m) => crate::ExternType::Memory(m.ty()),
            Extern::Tag(t) => crate::ExternType::Tag(inner.tags[t.0.index(inner.id)].ty.clone()),
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Self {
        Extern::Func(f)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Self {
        Extern::Global(g)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Self {
        Extern::Table(t)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Self {
        Extern::Memory(m)
    }
}
impl From<SharedMemory> for Extern {
    fn from(m: SharedMemory) -> Self {
        Extern::SharedMemory(m)
    }
}
impl From<Tag> for Extern {
    fn from(t: Tag) -> Self {
        Extern::Tag(t)
    }
}
