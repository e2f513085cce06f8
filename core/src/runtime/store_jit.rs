//! A store's compiled code ([`Strategy::Jit`](crate::Strategy::Jit)): each
//! module whose functions the store runs, compiled once when its first
//! function enters the store, and kept as long as the store.

use crate::index::DefinedFuncIndex;
use crate::jit::{CompiledModule, FuncCode, compile};
use crate::memory_hooks::MemoryHooks;
use crate::module::ModuleInfo;
use alloc::{sync::Arc, vec::Vec};

/// The compiled modules of a store.
#[derive(Default)]
pub(crate) struct StoreJit {
    /// Each module (by identity), and its code; `None` when the memory
    /// hooks refused executable memory (it is interpreted).
    modules: Vec<(Arc<ModuleInfo>, Option<CompiledModule>)>,
}

impl StoreJit {
    /// The compiled code of `module`'s function `def`, compiling the module
    /// the first time; `None` where the function is interpreted. The code
    /// stays where it is for as long as the store (each module's functions
    /// are in a vector that never changes once compiled).
    pub(crate) fn code(
        &mut self,
        module: &Arc<ModuleInfo>,
        def: DefinedFuncIndex,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> Option<&FuncCode> {
        let k = match self
            .modules
            .iter()
            .position(|(m, _)| Arc::ptr_eq(m, module))
        {
            Some(k) => k,
            None => {
                let compiled = compile(module.code.values(), hooks.cloned());
                self.modules.push((module.clone(), compiled));
                self.modules.len() - 1
            }
        };
        let compiled = self.modules[k].1.as_ref()?;
        compiled.funcs[def.as_u32() as usize].as_ref().ok()
    }
}
