//! A module's type section as the engine sees it: its recursion groups,
//! registered with the engine's type registry, and the module's types in
//! the canonical form a store and the host see (every defined type named
//! by its engine id).

use super::ModuleInfo;
use crate::index::TypeIndex;
use crate::runtime::Engine;
use crate::sub_type::SubType;
use crate::types::{ExternType, FuncType, HeapType, TypeId, ValType};
use alloc::vec::Vec;
use cranelift_entity::EntityRef;

impl ModuleInfo {
    /// Whether heap type `h`, as the module's code names it, is one of its
    /// function types (an abstract type or a struct or array type is not).
    pub(crate) fn is_func_type(&self, h: HeapType) -> bool {
        match h {
            HeapType::Concrete(k) => self
                .type_defs
                .get(TypeIndex::from_u32(k))
                .is_none_or(|d| d.func().is_some()),
            _ => false,
        }
    }

    /// Adds a recursion group of the type section: each type's definition,
    /// and its signature to `types` (an empty one for a struct or array
    /// type, so the index space stays aligned). An empty group adds
    /// nothing.
    pub(super) fn push_rec_group(&mut self, group: wasmparser::RecGroup) {
        if group.types().len() == 0 {
            return;
        }
        self.rec_groups.push(self.types.next_key());
        for sub in group.types() {
            let def = SubType::from_wasmparser(sub);
            self.types
                .push(def.func().cloned().unwrap_or_else(|| FuncType::new([], [])));
            self.type_defs.push(def);
        }
    }

    /// Whether the type section read from an artifact is whole: a
    /// definition for every signature, and recursion groups starting at the
    /// first type, in order, none empty.
    pub(super) fn type_section_adds_up(&self) -> bool {
        let starts = &self.rec_groups;
        self.type_defs.len() == self.types.len()
            && starts.first().map(|g| g.index()) == (!self.types.is_empty()).then_some(0)
            && starts.windows(2).all(|w| w[0] < w[1])
            && starts.last().is_none_or(|g| g.index() < self.types.len())
    }

    /// Registers the module's recursion groups with `engine`, giving every
    /// type its engine id (`type_ids`) and every signature its canonical
    /// form (`canonical_types`).
    pub(super) fn register_types(&mut self, engine: &Engine) {
        let defs = self.type_defs.as_values_slice();
        let mut ids: Vec<TypeId> = Vec::with_capacity(defs.len());
        for (k, &start) in self.rec_groups.iter().enumerate() {
            let end = self
                .rec_groups
                .get(k + 1)
                .map_or(defs.len(), |next| next.index());
            let group = &defs[start.index()..end];
            let registered = engine.types().register_group(group, start.as_u32(), &ids);
            ids.extend(registered);
        }
        self.type_ids = ids.into_iter().collect();
        self.canonical_types = self
            .types
            .values()
            .map(|ty| ty.map_heap(&mut |h| self.canonical_heap(h)))
            .collect();
    }

    /// The engine id of type `idx`.
    pub(crate) fn type_id(&self, idx: TypeIndex) -> TypeId {
        self.type_ids[idx]
    }

    /// `heap` with a type of the module named by its engine id.
    pub(crate) fn canonical_heap(&self, heap: HeapType) -> HeapType {
        match heap {
            HeapType::Concrete(i) => self
                .type_ids
                .get(TypeIndex::from_u32(i))
                .map_or(heap, |&id| HeapType::Canonical(id)),
            other => other,
        }
    }

    /// `ty` with the module's types named by engine id.
    pub(crate) fn canonical_val(&self, ty: ValType) -> ValType {
        ty.map_heap(&mut |h| self.canonical_heap(h))
    }

    /// `ty` with the module's types named by engine id.
    pub(crate) fn canonical_extern(&self, ty: &ExternType) -> ExternType {
        let mut heap = |h| self.canonical_heap(h);
        match ty {
            ExternType::Func(f) => ExternType::Func(f.map_heap(&mut heap)),
            ExternType::Global(g) => {
                let mut g = *g;
                g.content = g.content.map_heap(&mut heap);
                ExternType::Global(g)
            }
            ExternType::Table(t) => {
                let mut t = *t;
                t.element = t.element.map_heap(&mut heap);
                ExternType::Table(t)
            }
            ExternType::Memory(m) => ExternType::Memory(*m),
            ExternType::Tag(f) => ExternType::Tag(f.map_heap(&mut heap)),
        }
    }
}
