//! A store's compiled code. Under [`Strategy::Jit`](crate::Strategy::Jit)
//! each module whose functions the store runs is compiled whole when its
//! first function enters the store; under [`Strategy::Auto`](crate::Strategy::Auto)
//! each function is compiled on its own when it gets hot. Either is kept
//! as long as the store.

use crate::index::DefinedFuncIndex;
use crate::jit::{CompiledModule, FuncCode, compile};
use crate::memory_hooks::MemoryHooks;
use crate::module::ModuleInfo;
use alloc::{sync::Arc, vec::Vec};
use hashbrown::HashMap;

/// The compiled modules and functions of a store.
#[derive(Default)]
pub(crate) struct StoreJit {
    /// Each module compiled whole (by identity), and its code; `None` when
    /// the memory hooks refused executable memory (it is interpreted).
    modules: Vec<(Arc<ModuleInfo>, Option<CompiledModule>)>,
    /// The functions compiled one by one, by module identity and defined
    /// index (the module is kept alive beside its code); `None` where the
    /// function stays interpreted.
    hot: HashMap<(usize, DefinedFuncIndex), (Arc<ModuleInfo>, Option<CompiledModule>)>,
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

    /// The compiled code of `module`'s function `def`, which got hot:
    /// compiled on its own the first time; `None` where it stays
    /// interpreted. The code stays where it is for as long as the store.
    pub(crate) fn hot(
        &mut self,
        module: &Arc<ModuleInfo>,
        def: DefinedFuncIndex,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> Option<&FuncCode> {
        let key = (Arc::as_ptr(module) as usize, def);
        let (_, compiled) = self.hot.entry(key).or_insert_with(|| {
            let func = core::iter::once(&module.code[def]);
            (module.clone(), compile(func, hooks.cloned()))
        });
        compiled.as_ref()?.funcs[0].as_ref().ok()
    }

    /// The code of `module`'s function `def` if it was compiled on its own
    /// already (another instance of the module got it hot).
    pub(crate) fn compiled_hot(
        &self,
        module: &Arc<ModuleInfo>,
        def: DefinedFuncIndex,
    ) -> Option<&FuncCode> {
        let key = (Arc::as_ptr(module) as usize, def);
        let (_, compiled) = self.hot.get(&key)?;
        compiled.as_ref()?.funcs[0].as_ref().ok()
    }

    /// How many functions were compiled on their own (tier-up).
    #[cfg(test)]
    pub(crate) fn hot_count(&self) -> usize {
        self.hot.values().filter(|(_, c)| c.is_some()).count()
    }
}
