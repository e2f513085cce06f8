//! A store's compiled code. Under [`Strategy::Jit`](crate::Strategy::Jit)
//! each module whose functions the store runs is compiled whole when its
//! first function enters the store; under [`Strategy::Auto`](crate::Strategy::Auto)
//! each function is compiled on its own when it gets hot. Either is kept
//! as long as the store.

use crate::index::DefinedFuncIndex;
use crate::jit::compile::UnitFuncs;
use crate::jit::lower::Traps;
use crate::jit::{CompiledModule, FuncCode, compile};
use crate::memory_hooks::{MemoryHooks, default_hooks};
use crate::module::ModuleInfo;
use crate::{Config, Strategy};
use alloc::{sync::Arc, vec::Vec};
use core::ops::Range;
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
    /// Whether the store's compiled code relies on guard regions, once
    /// decided ([`StoreJit::guarded`]).
    guarded: Option<bool>,
}

impl StoreJit {
    /// Whether the store's guardable memories are reserved with guard
    /// regions and its compiled code relies on them
    /// ([`Config::signals_based_traps`]): decided at the first memory or
    /// compilation, from the configuration, whether the memory hooks can
    /// reserve guards, and whether the signal handler is installed; kept
    /// from then on.
    pub(crate) fn guarded(
        &mut self,
        config: &Config,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> bool {
        *self.guarded.get_or_insert_with(|| {
            relies_on_guards(config, hooks.map_or(default_hooks(), |h| &**h))
        })
    }

    /// New memory hooks were installed in a store with `memories` memories:
    /// with none and nothing compiled yet, whether to rely on guards is
    /// decided again, for the new hooks.
    pub(crate) fn hooks_changed(&mut self, memories: usize) {
        if memories == 0 && self.modules.is_empty() && self.hot.is_empty() {
            self.guarded = None;
        }
    }

    /// Whether `module`'s code traps by signals in this store, and which
    /// of its memories are guarded.
    pub(crate) fn guarded_memories(
        &mut self,
        module: &ModuleInfo,
        config: &Config,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> (bool, Vec<bool>) {
        let guarded = self.guarded(config, hooks);
        let memories = module.memories.values();
        let each = memories
            .map(|ty| guarded && crate::runtime::memory::guardable(ty))
            .collect();
        (signals(config), each)
    }

    /// Compiles the defined functions `range` of `module` to trap as the
    /// store does.
    fn compile(
        &mut self,
        module: &ModuleInfo,
        range: Range<usize>,
        config: &Config,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> Option<CompiledModule> {
        let (signals, guarded) = self.guarded_memories(module, config, hooks);
        let shared = module.shared_memories();
        let traps = Traps {
            signals,
            guarded: &guarded,
            shared: &shared,
        };
        let unit = UnitFuncs {
            code: module.code.as_values_slice(),
            range,
            imported_funcs: module.num_imported_funcs,
        };
        compile(&unit, hooks.cloned(), traps)
    }

    /// The compiled code of `module`'s function `def`, compiling the module
    /// the first time; `None` where the function is interpreted. The code
    /// stays where it is for as long as the store (each module's functions
    /// are in a vector that never changes once compiled).
    pub(crate) fn code(
        &mut self,
        module: &Arc<ModuleInfo>,
        def: DefinedFuncIndex,
        config: &Config,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> Option<&FuncCode> {
        let k = match self
            .modules
            .iter()
            .position(|(m, _)| Arc::ptr_eq(m, module))
        {
            Some(k) => k,
            None => {
                let compiled = self.compile(module, 0..module.code.len(), config, hooks);
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
        config: &Config,
        hooks: Option<&Arc<dyn MemoryHooks>>,
    ) -> Option<&FuncCode> {
        let key = (Arc::as_ptr(module) as usize, def);
        if !self.hot.contains_key(&key) {
            let at = def.as_u32() as usize;
            let compiled = self.compile(module, at..at + 1, config, hooks);
            self.hot.insert(key, (module.clone(), compiled));
        }
        let (_, compiled) = &self.hot[&key];
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

    /// How many trap sites the store's compiled code registered with the
    /// signal handler.
    #[cfg(all(test, unix))]
    pub(crate) fn trap_sites(&self) -> usize {
        let modules = self.modules.iter().map(|(_, c)| c);
        let hot = self.hot.values().map(|(_, c)| c);
        modules.chain(hot).flatten().map(|c| c.trap_sites()).sum()
    }

    /// How many functions were compiled on their own (tier-up).
    #[cfg(test)]
    pub(crate) fn hot_count(&self) -> usize {
        self.hot.values().filter(|(_, c)| c.is_some()).count()
    }
}

/// Whether compiled code traps by signals under `config`: it asks for it,
/// and the signal handler is installed (installing it the first time).
fn signals(config: &Config) -> bool {
    #[cfg(unix)]
    {
        config.signals_based_traps && crate::jit::signals::install()
    }
    #[cfg(not(unix))]
    {
        let _ = config;
        false
    }
}

/// Whether code compiled under `config` for memories from `hooks` relies on
/// guard regions instead of bounds checks.
pub(crate) fn relies_on_guards(config: &Config, hooks: &dyn MemoryHooks) -> bool {
    crate::jit::native::GUARD_REGIONS
        && config.memory_guard_regions
        && config.strategy != Strategy::Interpreter
        && hooks.guard_regions()
        && signals(config)
}
