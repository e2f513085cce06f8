//! What every handle carries: the identity of the store that made it and
//! the entity's index there. A handle used with another store is an error
//! (a `Result`-returning method) or a panic (the others, as in wasmtime),
//! never an access to whatever that store keeps at the same index.

use crate::error::Error;
use core::sync::atomic::{AtomicUsize, Ordering};

/// Identifies one store for its whole life; no two stores of a process
/// share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct StoreId(usize);

impl StoreId {
    /// A new identity, never handed out before.
    pub(crate) fn fresh() -> Self {
        // Counts from zero so the counter is zero-initialised (`.bss`: a
        // freestanding binary's only `.data` would cost it a page-aligned
        // gap in the file); identities start at 1.
        static ISSUED: AtomicUsize = AtomicUsize::new(0);
        StoreId(ISSUED.fetch_add(1, Ordering::Relaxed).wrapping_add(1))
    }
}

/// A store's entity: the store's identity and the index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Stored {
    store: StoreId,
    index: u32,
}

/// The message of a handle used with the wrong store.
pub(crate) const WRONG_STORE: &str =
    "a handle or reference of another store (each works only with the store that created it)";

impl Stored {
    /// Entity `index` of store `store`.
    pub(crate) fn new(store: StoreId, index: u32) -> Self {
        Self { store, index }
    }

    /// The index, in `store`, which must be the handle's own.
    ///
    /// # Panics
    /// If the handle belongs to another store.
    #[track_caller]
    pub(crate) fn index(self, store: StoreId) -> usize {
        assert!(self.store == store, "{WRONG_STORE}");
        self.index as usize
    }

    /// The index, in `store`, or an error if the handle belongs to another.
    pub(crate) fn try_index(self, store: StoreId) -> Result<usize, Error> {
        if self.store == store {
            Ok(self.index as usize)
        } else {
            Err(Error::ty(WRONG_STORE))
        }
    }
}
