//! The engine: configuration and the registry of function signatures.

use crate::config::Config;
use crate::types::FuncType;
use alloc::{sync::Arc, vec::Vec};
use core::sync::atomic::{AtomicU64, Ordering};
use hashbrown::HashMap;
use spin::Mutex;

/// What [`Engine::detect_precompiled`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precompiled {
    /// A serialized module.
    Module,
}

/// Compilation and execution settings shared by modules and stores; cheap to
/// clone (a reference count).
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Arc<EngineInner>,
}

#[derive(Debug)]
struct EngineInner {
    config: Config,
    types: Mutex<TypeRegistry>,
    /// The epoch, for [`Config::epoch_interruption`].
    epoch: AtomicU64,
}

/// Interns function signatures so that two equal signatures, from any module,
/// have the same id: `call_indirect` compares ids, not structures.
#[derive(Debug, Default)]
struct TypeRegistry {
    ids: HashMap<FuncType, u32>,
    types: Vec<FuncType>,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new(&Config::default())
    }
}

impl Engine {
    /// An engine with the given configuration.
    pub fn new(config: &Config) -> Self {
        Self {
            inner: Arc::new(EngineInner {
                config: config.clone(),
                types: Mutex::new(TypeRegistry::default()),
                epoch: AtomicU64::new(0),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Advances the epoch by one tick (see
    /// [`Config::epoch_interruption`]): code running in any store of this
    /// engine whose deadline the epoch now reaches traps at its next check.
    /// Cheap and safe to call from any thread, e.g. a timer.
    pub fn increment_epoch(&self) {
        self.inner.epoch.fetch_add(1, Ordering::Relaxed);
    }

    /// The current epoch.
    pub fn current_epoch(&self) -> u64 {
        self.inner.epoch.load(Ordering::Relaxed)
    }

    /// The epoch counter, for the VM context. It lives as long as the
    /// engine, which every store keeps.
    pub(crate) fn epoch(&self) -> *const AtomicU64 {
        &self.inner.epoch
    }

    /// What `bytes` are if they look like the output of
    /// [`Module::serialize`](crate::Module::serialize) (their first bytes
    /// only; [`Module::deserialize`](crate::Module::deserialize) checks the
    /// rest), as wasmtime's `Engine::detect_precompiled`.
    pub fn detect_precompiled(&self, bytes: &[u8]) -> Option<Precompiled> {
        crate::Module::is_precompiled(bytes).then_some(Precompiled::Module)
    }

    /// The engine-wide id of a signature.
    pub(crate) fn type_id(&self, ty: &FuncType) -> u32 {
        let mut reg = self.inner.types.lock();
        if let Some(&id) = reg.ids.get(ty) {
            return id;
        }
        let id = reg.types.len() as u32;
        reg.types.push(ty.clone());
        reg.ids.insert(ty.clone(), id);
        id
    }

    /// Whether two handles name the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }
}
