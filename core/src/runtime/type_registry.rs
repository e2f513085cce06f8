//! The engine's registry of defined types: every recursion group of every
//! module loaded into the engine (and every host function's signature, as a
//! group of its own), kept once, so that a defined type has one
//! [`TypeId`] across modules.
//!
//! Two recursion groups are the same group when their definitions are
//! equal, reading a reference to a type of the group as its position in
//! the group and a reference to any other type as that type's id (which
//! was registered before). That is the equivalence of the specification's
//! "closed" types: two defined types are equivalent exactly when they are
//! at the same position of the same group, so they have the same id
//! exactly when they are equivalent.
//!
//! Groups stay registered for the engine's lifetime: an engine that loads
//! ever new modules with ever new types grows by their definitions.
//!
//! Declared supertypes (the GC proposal's `sub`) are kept and import
//! matching follows them ([`TypeRegistry::is_subtype`]), but `call_indirect`
//! and `call_ref` still compare ids for equality: calling a function of a
//! declared subtype through its supertype is left for GC support.

use crate::sub_type::{CompositeKind, SubType};
use crate::types::{FuncType, HeapType, TypeId};
use alloc::{sync::Arc, vec::Vec};
use hashbrown::HashMap;
use spin::RwLock;

/// The registry: recursion groups by their definitions, types by id.
#[derive(Debug, Default)]
pub(crate) struct TypeRegistry {
    inner: RwLock<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    /// Each group's definitions, references within the group as positions
    /// in it (`Concrete`), to the id of its first type; the group's types
    /// have the ids that follow.
    groups: HashMap<Arc<[SubType]>, TypeId>,
    /// Each type by id, every reference a `Canonical` id.
    types: Vec<SubType>,
}

impl TypeRegistry {
    /// Registers the recursion group of a module whose definitions are
    /// `defs`, the module's types `start..start + defs.len()`, referring to
    /// the module's types by index (`Concrete`); `earlier[i]` is the id of
    /// the module's type `i` for every `i < start`. Returns the id of each
    /// type of the group, in order.
    pub(crate) fn register_group(
        &self,
        defs: &[SubType],
        start: u32,
        earlier: &[TypeId],
    ) -> impl ExactSizeIterator<Item = TypeId> + use<> {
        let end = start.saturating_add(defs.len() as u32);
        let key: Vec<SubType> = defs
            .iter()
            .map(|d| {
                d.map_heap(&mut |h| match h {
                    HeapType::Concrete(i) if (start..end).contains(&i) => {
                        HeapType::Concrete(i - start)
                    }
                    HeapType::Concrete(i) => earlier
                        .get(i as usize)
                        .map_or(h, |&id| HeapType::Canonical(id)),
                    other => other,
                })
            })
            .collect();
        let first = self.intern(key);
        (0..defs.len() as u32).map(move |k| TypeId::from_u32(first.as_u32() + k))
    }

    /// The id of a host function's signature: a final function type without
    /// supertype, alone in its group, so equal to a module's type exactly
    /// when that one is too.
    ///
    /// # Panics
    /// If `ty` refers to a type by a module's index ([`HeapType::Concrete`]),
    /// which has no meaning outside the module.
    pub(crate) fn register_func(&self, ty: &FuncType) -> TypeId {
        let ty = ty.map_heap(&mut |h| match h {
            HeapType::Concrete(i) => panic!(
                "signature {ty} names type {i} of a module; a signature outside a \
                 module names types by engine id (HeapType::Canonical)"
            ),
            other => other,
        });
        self.intern(alloc::vec![SubType {
            is_final: true,
            supertype: None,
            shared: false,
            composite: crate::sub_type::CompositeType::Func(ty),
        }])
    }

    /// The id of the first type of the group `key` (its definitions in key
    /// form), registering it if it is new.
    fn intern(&self, key: Vec<SubType>) -> TypeId {
        if let Some(&first) = self.inner.read().groups.get(key.as_slice()) {
            return first;
        }
        let mut reg = self.inner.write();
        // Another thread may have registered it between the two locks.
        if let Some(&first) = reg.groups.get(key.as_slice()) {
            return first;
        }
        let first = u32::try_from(reg.types.len()).expect("more than 2^32 types");
        for def in &key {
            let canonical = def.map_heap(&mut |h| match h {
                HeapType::Concrete(k) => HeapType::Canonical(TypeId::from_u32(first + k)),
                other => other,
            });
            reg.types.push(canonical);
        }
        let first = TypeId::from_u32(first);
        reg.groups.insert(key.into(), first);
        first
    }

    /// The definition of type `id`, its references as ids.
    pub(crate) fn get(&self, id: TypeId) -> SubType {
        self.inner.read().types[id.as_u32() as usize].clone()
    }

    /// The broad kind of type `id`.
    pub(crate) fn kind(&self, id: TypeId) -> CompositeKind {
        self.inner.read().types[id.as_u32() as usize].kind()
    }

    /// Whether heap type `h`, naming defined types by id, is a function
    /// type (an abstract type or a struct or array type is not).
    pub(crate) fn is_func_type(&self, h: HeapType) -> bool {
        matches!(h, HeapType::Canonical(t) if self.kind(t) == CompositeKind::Func)
    }

    /// Whether type `sub` is type `sup` or declares it as a (transitive)
    /// supertype. Supertypes are declared with the GC proposal's `sub`;
    /// without one, a type matches only itself.
    pub(crate) fn is_subtype(&self, sub: TypeId, sup: TypeId) -> bool {
        if sub == sup {
            return true;
        }
        let reg = self.inner.read();
        let mut at = sub;
        // A supertype is defined before its subtypes, so the chain ends.
        while let Some(HeapType::Canonical(next)) = reg.types[at.as_u32() as usize].supertype {
            if next == sup {
                return true;
            }
            at = next;
        }
        false
    }

    /// How many types are registered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.inner.read().types.len()
    }
}
