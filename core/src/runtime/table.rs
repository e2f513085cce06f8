//! Tables of references.

use super::store::{AsContext, AsContextMut, StoreInner};
use crate::error::Error;
use crate::memory_hooks::{GuestBuffer, MemoryHooks, ResourceKind};
use crate::types::TableType;
use crate::value::Val;
use alloc::sync::Arc;

/// The largest table wisp creates, in elements.
const MAX_ELEMENTS: u64 = 10_000_000;

/// A table owned by a store; elements in slot encoding. The elements come
/// from the store's [`MemoryHooks`] and dereference to a `[u64]`.
#[derive(Debug)]
pub(crate) struct TableEntity {
    ty: TableType,
    pub elements: GuestBuffer<u64>,
    max: u64,
}

impl TableEntity {
    /// A table of `ty.min` elements, each `init`, from `hooks` (the default
    /// hooks when `None`).
    pub(crate) fn with_hooks(
        ty: TableType,
        init: u64,
        hooks: Option<Arc<dyn MemoryHooks>>,
    ) -> Result<Self, Error> {
        let max = ty.max.unwrap_or(u64::MAX).min(MAX_ELEMENTS);
        if ty.min > max {
            return Err(Error::limit(
                "table minimum size exceeds the allowed maximum",
            ));
        }
        let mut elements =
            GuestBuffer::new(hooks, ResourceKind::Table, ty.min as usize, max as usize)
                .map_err(|_| Error::limit("cannot allocate the table"))?;
        elements.fill(init);
        Ok(Self { ty, elements, max })
    }

    /// The type, with the current size as minimum.
    pub(crate) fn ty(&self) -> TableType {
        TableType {
            min: self.elements.len() as u64,
            ..self.ty
        }
    }

    /// The elements for running code (valid until the table grows).
    pub(crate) fn view(&self) -> crate::vm::TableView {
        crate::vm::TableView {
            base: self.elements.as_mut_ptr(),
            len: self.elements.len(),
        }
    }

    /// Grows by `delta` elements set to `init`; returns the old size or
    /// `None`. Only through `StoreInner::grow_table`, which updates the view.
    pub(super) fn grow(&mut self, delta: u64, init: u64) -> Option<u64> {
        let old = self.elements.len() as u64;
        let new = old.checked_add(delta)?;
        if new > self.max {
            return None;
        }
        self.elements.grow(new as usize, init).ok()?;
        Some(old)
    }
}

impl StoreInner {
    /// Adds a table of type `ty` filled with `init`, its elements from the
    /// store's memory hooks; returns its store index.
    pub(crate) fn push_table(
        &mut self,
        ty: TableType,
        init: u64,
        ask: &mut super::Ask<'_>,
    ) -> Result<u32, Error> {
        if !ask(super::limits::Growth::table(0, ty.min, ty.max))? {
            return Err(Error::limit(alloc::format!(
                "a table of {} elements was refused by the store's resource limiter",
                ty.min
            )));
        }
        let table = TableEntity::with_hooks(ty, init, self.memory_hooks.clone())?;
        self.table_views.push(table.view());
        self.tables.push(table);
        Ok(self.tables.len() as u32 - 1)
    }
}

/// A handle to a table in a store. Using it with another store is an error
/// (or a panic, where the method returns no `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table(pub(crate) super::Stored);

impl Table {
    /// Creates a table of type `ty` filled with `init`.
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Val) -> Result<Self, Error> {
        let (inner, mut limiter) = store.as_context_mut().store.inner_and_limiter();
        let init = inner
            .encode(&init, crate::ValType::Ref(ty.element))
            .map_err(|e| e.context("table initial value"))?[0];
        limiter.admit(inner, 0, 1, 0)?;
        let index = inner.push_table(ty, init, &mut |g| limiter.ask(g))?;
        Ok(Table(super::Stored::new(inner.id, index)))
    }

    /// The table's type (its minimum is the current size).
    pub fn ty(&self, store: impl AsContext) -> TableType {
        let inner = store.as_context().inner;
        inner.tables[self.0.index(inner.id)].ty()
    }

    /// Current size in elements.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let inner = store.as_context().inner;
        inner.tables[self.0.index(inner.id)].elements.len() as u64
    }

    /// The element at `index`, or `None` out of bounds.
    pub fn get(&self, store: impl AsContext, index: u64) -> Option<Val> {
        let inner = store.as_context().inner;
        let t = &inner.tables[self.0.index(inner.id)];
        let bits = *t.elements.get(usize::try_from(index).ok()?)?;
        Some(inner.decode(crate::ValType::Ref(t.ty.element), &[bits]))
    }

    /// Sets the element at `index`.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, value: Val) -> Result<(), Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let table = self.0.try_index(inner.id)?;
        let bits = inner
            .encode(&value, crate::ValType::Ref(inner.tables[table].ty.element))
            .map_err(|e| e.context("table element"))?[0];
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| inner.tables[table].elements.get_mut(i))
            .ok_or_else(|| Error::limit("table index out of bounds"))?;
        *slot = bits;
        Ok(())
    }

    /// Grows by `delta` elements set to `init`, returning the previous size.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Val) -> Result<u64, Error> {
        let (inner, mut limiter) = store.as_context_mut().store.inner_and_limiter();
        let table = self.0.try_index(inner.id)?;
        let init = inner
            .encode(&init, crate::ValType::Ref(inner.tables[table].ty.element))
            .map_err(|e| e.context("table element"))?[0];
        inner
            .grow_table(table as u32, delta, init, &mut |g| limiter.ask(g))?
            .ok_or_else(|| Error::limit("table cannot grow by the requested number of elements"))
    }
}
