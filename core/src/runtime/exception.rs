//! Exception handling's runtime objects: tags, exceptions as the host sees
//! them ([`Exception`]), exception references ([`ExnRef`]) and the store's
//! table of exception objects that running code throws and catches.

use super::store::{AsContext, AsContextMut, StoreInner};
use crate::error::Error;
use crate::types::FuncType;
use crate::value::Val;
use alloc::{boxed::Box, vec::Vec};
use core::fmt;

/// A handle to an exception tag in a store: the identity `catch` clauses
/// compare, and the types of the values an exception of it carries. Using
/// it with another store is an error (or a panic, where the method returns
/// no `Result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag(pub(crate) super::Stored);

impl Tag {
    /// A new tag, distinct from every other, whose exceptions carry values
    /// of `ty`'s parameter types (`ty` has no results).
    ///
    /// # Panics
    /// If `ty` names a type by a module's index, as [`Func::new`](crate::Func::new).
    pub fn new(mut store: impl AsContextMut, ty: &FuncType) -> Result<Self, Error> {
        if !ty.results().is_empty() {
            return Err(Error::ty("a tag's type has no results"));
        }
        let inner = &mut store.as_context_mut().store.inner;
        let type_id = inner.engine.types().register_func(ty);
        inner.tags.push(TagEntity {
            ty: ty.clone(),
            type_id,
        });
        Ok(Tag(super::Stored::new(
            inner.id,
            inner.tags.len() as u32 - 1,
        )))
    }

    /// The tag's type: its payload as parameters, no results.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        let inner = store.as_context().inner;
        inner.tags[self.0.index(inner.id)].ty.clone()
    }
}

/// A tag as the store keeps it: its type (payload as parameters) and that
/// type's engine id, which import matching compares.
#[derive(Debug)]
pub(crate) struct TagEntity {
    pub ty: FuncType,
    pub type_id: crate::TypeId,
}

/// A reference to an exception object of a store (`exnref`), as Wasm
/// code's `catch_ref` clauses make them. Using it with another store is an
/// error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExnRef(pub(crate) super::Stored);

impl ExnRef {
    /// The exception the reference is to: its tag and payload.
    ///
    /// # Panics
    /// If `store` is not the store the reference was made in.
    pub fn exception(&self, store: impl AsContext) -> Exception {
        let inner = store.as_context().inner;
        inner.exception_of(self.0.index(inner.id) as u32)
    }
}

/// An exception as the host sees it: the error a call returns when Wasm
/// throws one that no handler catches ([`Error::as_exception`]), and what
/// a host function returns (as its error) to throw one into Wasm.
#[derive(Clone)]
pub struct Exception {
    tag: Tag,
    payload: Vec<Val>,
}

impl Exception {
    /// An exception of `tag` carrying `payload` (checked against the tag's
    /// type when it is thrown).
    pub fn new(tag: Tag, payload: impl Into<Vec<Val>>) -> Self {
        Self {
            tag,
            payload: payload.into(),
        }
    }

    /// The exception's tag.
    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// The values it carries.
    pub fn payload(&self) -> &[Val] {
        &self.payload
    }
}

/// Equal when of the same tag with equal payloads (floats compared by bits).
impl PartialEq for Exception {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag && self.payload == other.payload
    }
}

impl Eq for Exception {}

/// `uncaught exception (2 values)`: the payload's values are the host's to
/// read ([`Exception::payload`]).
impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.payload.len() {
            0 => f.write_str("uncaught exception"),
            1 => f.write_str("uncaught exception (1 value)"),
            n => write!(f, "uncaught exception ({n} values)"),
        }
    }
}

/// `Exception(uncaught exception (2 values))`: as `Display`, so that an
/// error holding one costs no formatting of values.
impl fmt::Debug for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Exception({self})")
    }
}

impl core::error::Error for Exception {}

/// An exception object in a store: its tag (store index) and payload in
/// slot encoding, and whether an exception reference to it was ever made
/// (until then it can be freed as soon as a `catch` takes its payload).
#[derive(Debug)]
#[cfg_attr(not(feature = "exceptions"), allow(dead_code))]
pub(crate) struct ExceptionObject {
    pub tag: u32,
    pub payload: Box<[u64]>,
    pub referenced: bool,
}

#[cfg(feature = "exceptions")]
impl StoreInner {
    /// Stores a new exception object and returns its index.
    pub(crate) fn push_exception(&mut self, tag: u32, payload: Box<[u64]>) -> u32 {
        let object = ExceptionObject {
            tag,
            payload,
            referenced: false,
        };
        match self.free_exceptions.pop() {
            Some(k) => {
                self.exceptions[k as usize] = object;
                k
            }
            None => {
                self.exceptions.push(object);
                self.exceptions.len() as u32 - 1
            }
        }
    }

    /// Gives exception object `k` back unless a reference to it may exist.
    /// (Referenced ones live as long as the store: collecting them needs
    /// the roots a garbage collector finds.)
    pub(crate) fn release_exception(&mut self, k: u32) {
        let object = &mut self.exceptions[k as usize];
        if !object.referenced {
            object.payload = Box::new([]);
            self.free_exceptions.push(k);
        }
    }
}

impl StoreInner {
    /// Exception object `k` as the host sees it.
    pub(crate) fn exception_of(&self, k: u32) -> Exception {
        let object = &self.exceptions[k as usize];
        let ty = &self.tags[object.tag as usize].ty;
        let mut payload = alloc::vec![Val::I32(0); ty.params().len()];
        self.decode_all(ty.params(), &object.payload, &mut payload);
        Exception {
            tag: Tag(super::Stored::new(self.id, object.tag)),
            payload,
        }
    }
}

#[cfg(feature = "exceptions")]
impl StoreInner {
    /// Stores `exception` (from the host) as an exception object: an error
    /// if its tag or a payload value is another store's, or the payload does
    /// not match the tag's type.
    pub(crate) fn adopt_exception(&mut self, exception: &Exception) -> Result<u32, Error> {
        let tag = exception.tag.0.try_index(self.id)? as u32;
        let ty = self.tags[tag as usize].ty.clone();
        if exception.payload.len() != ty.params().len() {
            return Err(Error::ty(alloc::format!(
                "an exception of a tag with {} values carries {}",
                ty.params().len(),
                exception.payload.len()
            )));
        }
        let mut payload = alloc::vec![0; ty.param_slots()];
        self.encode_all(
            &exception.payload,
            ty.params(),
            &mut payload,
            "payload value",
        )?;
        Ok(self.push_exception(tag, payload.into()))
    }
}
