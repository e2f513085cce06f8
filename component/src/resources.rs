//! Resources: their types at run time, handles the host holds
//! ([`ResourceAny`], [`Resource`]) and the host's table of resource values
//! ([`ResourceTable`]).

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::any::{Any, TypeId};
use core::fmt;
use core::marker::PhantomData;
use core::sync::atomic::{AtomicU64, Ordering};

/// A resource type at run time. Host resource types are named by a Rust
/// type ([`ResourceType::host`]); each instantiation of a component makes
/// new types for the resources it defines. Two values are equal exactly when
/// they name the same type.
#[derive(Clone)]
pub struct ResourceType(pub(crate) Arc<ResourceTypeInner>);

pub(crate) struct ResourceTypeInner {
    pub(crate) identity: Identity,
    pub(crate) dtor: Dtor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Identity {
    /// A host type.
    Host(TypeId),
    /// A resource a component instance defines: a number unique in the
    /// process.
    Guest(u64),
}

/// What runs when the last owned handle of a resource is dropped.
#[derive(Clone)]
pub(crate) enum Dtor {
    /// Nothing.
    None,
    /// A core function of the defining instance, called with the
    /// representation; `instance` is that instance's id.
    Guest {
        func: Option<wisp_core::Func>,
        instance: u64,
    },
    /// A host closure (a [`crate::linker::HostDtor`] of the store's host
    /// state type).
    Host(Arc<dyn Any + Send + Sync>),
}

impl ResourceType {
    /// The type of host resources represented by the Rust type `T`.
    pub fn host<T: 'static>() -> Self {
        Self::with_dtor(Identity::Host(TypeId::of::<T>()), Dtor::None)
    }

    pub(crate) fn with_dtor(identity: Identity, dtor: Dtor) -> Self {
        ResourceType(Arc::new(ResourceTypeInner { identity, dtor }))
    }

    /// A new resource type defined by the instance numbered `instance`.
    pub(crate) fn fresh_guest(func: Option<wisp_core::Func>, instance: u64) -> Self {
        Self::with_dtor(Identity::Guest(next_id()), Dtor::Guest { func, instance })
    }

    /// The instance that defines this type, if a component instance does.
    pub(crate) fn owner(&self) -> Option<u64> {
        match self.0.dtor {
            Dtor::Guest { instance, .. } => Some(instance),
            _ => None,
        }
    }
}

/// A number unique in the process (for resource types and instances).
pub(crate) fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl PartialEq for ResourceType {
    fn eq(&self, other: &Self) -> bool {
        self.0.identity == other.0.identity
    }
}

impl Eq for ResourceType {}

impl fmt::Debug for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.identity {
            Identity::Host(_) => f.write_str("ResourceType(host)"),
            Identity::Guest(n) => write!(f, "ResourceType(guest #{n})"),
        }
    }
}

/// A handle to a resource of any type, as the host holds it: an owned
/// handle (the host must drop it with [`ResourceAny::resource_drop`] or pass
/// it on) or a borrow valid during the call that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceAny {
    pub(crate) ty: ResourceType,
    pub(crate) rep: u32,
    pub(crate) owned: bool,
}

impl ResourceAny {
    /// The resource's type.
    pub fn ty(&self) -> ResourceType {
        self.ty.clone()
    }

    /// Whether this is an owned handle (else a borrow).
    pub fn owned(&self) -> bool {
        self.owned
    }

    /// The handle to a host resource `resource`.
    pub fn from_resource<T: 'static>(resource: Resource<T>) -> Self {
        ResourceAny {
            ty: ResourceType::host::<T>(),
            rep: resource.rep,
            owned: resource.owned,
        }
    }

    /// The typed handle, if this names a host resource of type `T`.
    pub fn try_into_resource<T: 'static>(self) -> Result<Resource<T>, ResourceError> {
        if self.ty.0.identity != Identity::Host(TypeId::of::<T>()) {
            return Err(ResourceError::WrongType);
        }
        Ok(Resource {
            rep: self.rep,
            owned: self.owned,
            ty: PhantomData,
        })
    }
}

/// A handle to a host resource represented by `T`: its representation (a
/// `u32` the host chooses, usually an index into a [`ResourceTable`]) and
/// whether it is owned or borrowed.
pub struct Resource<T> {
    rep: u32,
    owned: bool,
    ty: PhantomData<fn() -> T>,
}

impl<T: 'static> Resource<T> {
    /// An owned handle to the resource represented by `rep`.
    pub fn new_own(rep: u32) -> Self {
        Resource {
            rep,
            owned: true,
            ty: PhantomData,
        }
    }

    /// A borrowed handle to the resource represented by `rep`.
    pub fn new_borrow(rep: u32) -> Self {
        Resource {
            rep,
            owned: false,
            ty: PhantomData,
        }
    }

    /// The representation.
    pub fn rep(&self) -> u32 {
        self.rep
    }

    /// Whether this is an owned handle (else a borrow).
    pub fn owned(&self) -> bool {
        self.owned
    }
}

impl<T> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("rep", &self.rep)
            .field("owned", &self.owned)
            .finish()
    }
}

/// What went wrong with a resource handle or table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceError {
    /// The handle names a resource of another type.
    WrongType,
    /// No entry has this representation (never made, or deleted).
    NotPresent,
    /// The table has no room for another entry.
    Full,
}

impl fmt::Display for ResourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ResourceError::WrongType => "resource of the wrong type",
            ResourceError::NotPresent => "unknown resource handle",
            ResourceError::Full => "resource table full",
        })
    }
}

impl core::error::Error for ResourceError {}

/// The host's resource values, keyed by the representation the guest's
/// handles carry: the shape of wasmtime's `ResourceTable`. Keep one in the
/// store's host state.
#[derive(Default)]
pub struct ResourceTable {
    entries: Vec<Option<Box<dyn Any + Send>>>,
    free: Vec<u32>,
    /// The most resources it holds at once (`None`: as many as a `u32`
    /// numbers).
    limit: Option<u32>,
}

impl fmt::Debug for ResourceTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ResourceTable({} entries)",
            self.entries.len() - self.free.len()
        )
    }
}

impl ResourceTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table that holds at most `limit` resources at once: a
    /// `push` past it fails with [`ResourceError::Full`] (a guest cannot
    /// make the host hold an unbounded number).
    pub fn with_limit(limit: u32) -> Self {
        ResourceTable {
            limit: Some(limit),
            ..Self::default()
        }
    }

    /// Adds `value` and returns an owned handle to it.
    pub fn push<T: Send + 'static>(&mut self, value: T) -> Result<Resource<T>, ResourceError> {
        let held = self.entries.len() - self.free.len();
        if self.limit.is_some_and(|limit| held >= limit as usize) {
            return Err(ResourceError::Full);
        }
        let boxed: Box<dyn Any + Send> = Box::new(value);
        let rep = match self.free.pop() {
            Some(rep) => {
                self.entries[rep as usize] = Some(boxed);
                rep
            }
            None => {
                let rep = u32::try_from(self.entries.len()).map_err(|_| ResourceError::Full)?;
                self.entries.push(Some(boxed));
                rep
            }
        };
        Ok(Resource::new_own(rep))
    }

    fn entry(&self, rep: u32) -> Result<&(dyn Any + Send), ResourceError> {
        match self.entries.get(rep as usize) {
            Some(Some(value)) => Ok(&**value),
            _ => Err(ResourceError::NotPresent),
        }
    }

    /// The value `resource` names.
    pub fn get<T: 'static>(&self, resource: &Resource<T>) -> Result<&T, ResourceError> {
        self.entry(resource.rep)?
            .downcast_ref()
            .ok_or(ResourceError::WrongType)
    }

    /// The value `resource` names, to change.
    pub fn get_mut<T: 'static>(&mut self, resource: &Resource<T>) -> Result<&mut T, ResourceError> {
        match self.entries.get_mut(resource.rep as usize) {
            Some(Some(value)) => value.downcast_mut().ok_or(ResourceError::WrongType),
            _ => Err(ResourceError::NotPresent),
        }
    }

    /// Removes the value `resource` names and returns it.
    pub fn delete<T: 'static>(&mut self, resource: Resource<T>) -> Result<T, ResourceError> {
        self.get::<T>(&resource)?;
        let value = self.entries[resource.rep as usize].take();
        self.free.push(resource.rep);
        match value.map(|v| v.downcast::<T>()) {
            Some(Ok(value)) => Ok(*value),
            _ => Err(ResourceError::NotPresent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_entries_are_typed_and_reused() {
        let mut table = ResourceTable::new();
        let a = table.push(5u32).unwrap();
        let b = table.push("x").unwrap();
        assert_eq!(*table.get(&a).unwrap(), 5);
        *table.get_mut(&a).unwrap() = 6;
        assert_eq!(table.delete(a).unwrap(), 6);
        let wrong: Resource<u64> = Resource::new_borrow(b.rep());
        assert_eq!(table.get(&wrong).unwrap_err(), ResourceError::WrongType);
        let gone: Resource<u32> = Resource::new_borrow(0);
        assert_eq!(table.get(&gone).unwrap_err(), ResourceError::NotPresent);
        let c = table.push(7u32).unwrap();
        assert_eq!(c.rep(), 0);
    }

    #[test]
    fn a_table_with_a_limit_holds_no_more_at_once() {
        let mut table = ResourceTable::with_limit(2);
        let a = table.push(1u8).unwrap();
        table.push(2u8).unwrap();
        assert_eq!(table.push(3u8).unwrap_err(), ResourceError::Full);
        table.delete(a).unwrap();
        assert!(table.push(4u8).is_ok());
        assert_eq!(table.push(5u8).unwrap_err(), ResourceError::Full);
    }

    #[test]
    fn host_types_compare_by_rust_type() {
        assert_eq!(ResourceType::host::<u32>(), ResourceType::host::<u32>());
        assert_ne!(ResourceType::host::<u32>(), ResourceType::host::<u64>());
        let g = ResourceType::fresh_guest(None, 1);
        assert_eq!(g, g.clone());
        assert_ne!(g, ResourceType::fresh_guest(None, 1));
    }
}
