//! Resource limits an embedder sets per store, as in wasmtime: a
//! [`ResourceLimiter`] that the store asks before any memory or table is
//! created or grown, and [`StoreLimits`], the ready-made one.

use super::StoreInner;
use crate::error::Error;
use alloc::boxed::Box;
use alloc::format;

/// How many instances, tables or memories a store may hold when the
/// limiter does not say (as wasmtime's defaults).
pub const DEFAULT_INSTANCE_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_TABLE_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_MEMORY_LIMIT: usize = 10_000;

/// Decides whether a store's memories and tables may be created or grow,
/// and how many instances, tables and memories it may hold. Install one
/// with [`Store::limiter`](crate::Store::limiter).
///
/// Creating a memory or table asks for growth from 0 to its initial size;
/// `memory.grow`, `table.grow`, [`Memory::grow`](crate::Memory::grow) and
/// [`Table::grow`](crate::Table::grow) ask for the new size. `Ok(false)`
/// refuses: the Wasm instruction returns -1 (the program can go on), the
/// host call or instantiation fails with an error. `Err` traps the running
/// Wasm with that error (or fails the host call or instantiation).
pub trait ResourceLimiter {
    /// A memory of `current` bytes is to become `desired` bytes; `maximum`
    /// is its type's maximum in bytes, if it has one.
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, Error>;

    /// A table of `current` elements is to hold `desired`; `maximum` is its
    /// type's maximum, if it has one.
    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, Error>;

    /// The most instances the store may hold.
    fn instances(&self) -> usize {
        DEFAULT_INSTANCE_LIMIT
    }

    /// The most tables the store may hold (defined, not imported).
    fn tables(&self) -> usize {
        DEFAULT_TABLE_LIMIT
    }

    /// The most linear memories the store may hold (defined, not imported).
    fn memories(&self) -> usize {
        DEFAULT_MEMORY_LIMIT
    }
}

/// Fixed limits: bytes per memory, elements per table, counts of
/// instances, tables and memories. Build with [`StoreLimitsBuilder`].
#[derive(Debug, Clone)]
pub struct StoreLimits {
    memory_size: Option<usize>,
    table_elements: Option<usize>,
    instances: usize,
    tables: usize,
    memories: usize,
    trap_on_grow_failure: bool,
}

impl Default for StoreLimits {
    fn default() -> Self {
        Self {
            memory_size: None,
            table_elements: None,
            instances: DEFAULT_INSTANCE_LIMIT,
            tables: DEFAULT_TABLE_LIMIT,
            memories: DEFAULT_MEMORY_LIMIT,
            trap_on_grow_failure: false,
        }
    }
}

impl StoreLimits {
    /// The answer to a growth past a limit: refuse, or trap.
    fn past_limit(&self, what: &str, desired: usize, limit: usize) -> Result<bool, Error> {
        if self.trap_on_grow_failure {
            Err(Error::limit(format!(
                "{what} of {desired} exceeds the store's limit of {limit}"
            )))
        } else {
            Ok(false)
        }
    }
}

impl ResourceLimiter for StoreLimits {
    fn memory_growing(
        &mut self,
        _: usize,
        desired: usize,
        _: Option<usize>,
    ) -> Result<bool, Error> {
        match self.memory_size {
            Some(limit) if desired > limit => self.past_limit("a memory", desired, limit),
            _ => Ok(true),
        }
    }

    fn table_growing(&mut self, _: usize, desired: usize, _: Option<usize>) -> Result<bool, Error> {
        match self.table_elements {
            Some(limit) if desired > limit => self.past_limit("a table", desired, limit),
            _ => Ok(true),
        }
    }

    fn instances(&self) -> usize {
        self.instances
    }

    fn tables(&self) -> usize {
        self.tables
    }

    fn memories(&self) -> usize {
        self.memories
    }
}

/// Builds [`StoreLimits`]; every limit not set is wasmtime's default (no
/// byte or element limit, 10,000 of each entity).
#[derive(Debug, Clone, Default)]
pub struct StoreLimitsBuilder(StoreLimits);

impl StoreLimitsBuilder {
    /// No limits but the default counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// The most bytes each linear memory may hold.
    pub fn memory_size(mut self, bytes: usize) -> Self {
        self.0.memory_size = Some(bytes);
        self
    }

    /// The most elements each table may hold.
    pub fn table_elements(mut self, elements: usize) -> Self {
        self.0.table_elements = Some(elements);
        self
    }

    /// The most instances.
    pub fn instances(mut self, n: usize) -> Self {
        self.0.instances = n;
        self
    }

    /// The most tables.
    pub fn tables(mut self, n: usize) -> Self {
        self.0.tables = n;
        self
    }

    /// The most memories.
    pub fn memories(mut self, n: usize) -> Self {
        self.0.memories = n;
        self
    }

    /// Whether a `memory.grow` or `table.grow` past a limit traps instead
    /// of returning -1 (off by default).
    pub fn trap_on_grow_failure(mut self, trap: bool) -> Self {
        self.0.trap_on_grow_failure = trap;
        self
    }

    /// The limits.
    pub fn build(self) -> StoreLimits {
        self.0
    }
}

/// A request to the limiter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Growth {
    /// A memory: bytes now, bytes wanted, the type's maximum in bytes.
    Memory(usize, usize, Option<usize>),
    /// A table: elements now, elements wanted, the type's maximum.
    Table(usize, usize, Option<usize>),
}

impl Growth {
    /// A memory of `current` bytes growing to `desired`, with its type's
    /// maximum in bytes (sizes past `usize` saturate).
    pub(crate) fn memory(current: usize, desired: u64, maximum: Option<u64>) -> Self {
        Growth::Memory(current, saturate(desired), maximum.map(saturate))
    }

    /// A table of `current` elements growing to `desired`, with its type's
    /// maximum.
    pub(crate) fn table(current: usize, desired: u64, maximum: Option<u64>) -> Self {
        Growth::Table(current, saturate(desired), maximum.map(saturate))
    }
}

/// `n` as a `usize`, or `usize::MAX` if it does not fit.
fn saturate(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// How the store's inner part asks the (typed) limiter: `Ok(true)` allows.
pub(crate) type Ask<'a> = dyn FnMut(Growth) -> Result<bool, Error> + 'a;

/// The closure [`Store::limiter`](crate::Store::limiter) installs.
pub(crate) type LimiterFn<T> =
    Box<dyn FnMut(&mut T) -> &mut (dyn ResourceLimiter) + Send + Sync + 'static>;

/// The limiter of a store for one operation: its closure and the host
/// state it finds the limiter in, borrowed next to the store's inner part.
pub(crate) struct Limiter<'a, T> {
    pub(crate) data: &'a mut T,
    pub(crate) limiter: Option<&'a mut LimiterFn<T>>,
}

impl<T> Limiter<'_, T> {
    /// The limiter's answer; without a limiter every growth is allowed.
    pub(crate) fn ask(&mut self, growth: Growth) -> Result<bool, Error> {
        let Some(limiter) = self.limiter.as_mut() else {
            return Ok(true);
        };
        let limiter = limiter(self.data);
        match growth {
            Growth::Memory(current, desired, max) => limiter.memory_growing(current, desired, max),
            Growth::Table(current, desired, max) => limiter.table_growing(current, desired, max),
        }
    }

    /// Checks that `instances`, `tables` and `memories` more entities fit
    /// next to those `store` holds, within the limiter's counts.
    pub(crate) fn admit(
        &mut self,
        store: &StoreInner,
        instances: usize,
        tables: usize,
        memories: usize,
    ) -> Result<(), Error> {
        let (max_instances, max_tables, max_memories) = match self.limiter.as_mut() {
            None => (
                DEFAULT_INSTANCE_LIMIT,
                DEFAULT_TABLE_LIMIT,
                DEFAULT_MEMORY_LIMIT,
            ),
            Some(limiter) => {
                let limiter = limiter(self.data);
                (limiter.instances(), limiter.tables(), limiter.memories())
            }
        };
        let wanted = [
            (
                "instances",
                store.instances.len() + instances,
                max_instances,
            ),
            ("tables", store.tables.len() + tables, max_tables),
            ("memories", store.memories.len() + memories, max_memories),
        ];
        match wanted.iter().find(|(_, total, max)| total > max) {
            Some((what, _, max)) => Err(Error::limit(format!(
                "the store's limit of {what} ({max}) would be passed"
            ))),
            None => Ok(()),
        }
    }
}
