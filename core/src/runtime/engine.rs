//! The engine: configuration and the registry of defined types.

use super::type_registry::TypeRegistry;
use crate::config::Config;
use alloc::sync::Arc;
use core::sync::atomic::{AtomicU64, Ordering};

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
    /// Every defined type of the engine's modules and host functions, so
    /// that equivalent types have one id ([`TypeRegistry`]).
    types: TypeRegistry,
    /// The epoch, for [`Config::epoch_interruption`].
    epoch: AtomicU64,
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
                types: TypeRegistry::default(),
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

    /// The registry of the engine's defined types.
    pub(crate) fn types(&self) -> &TypeRegistry {
        &self.inner.types
    }

    /// Whether two handles name the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.inner, &b.inner)
    }
}
