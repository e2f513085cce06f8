//! Structs and arrays as the host reads, writes and makes them.

use super::StoreInner;
use super::store::{AsContext, AsContextMut};
use crate::error::Error;
use crate::gc::access;
use crate::gc::layout::{FieldKind, Layout, array_size};
use crate::sub_type::{CompositeKind, CompositeType, FieldType, StorageType};
use crate::types::{HeapType, TypeId, ValType};
use crate::value::{AnyRef, AnyRefKind, Val};
use alloc::vec::Vec;

/// A reference to a struct in a store's GC heap, rooted like the
/// [`AnyRef`] it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructRef(AnyRef);

/// A reference to an array in a store's GC heap, rooted like the
/// [`AnyRef`] it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArrayRef(AnyRef);

impl AnyRef {
    /// The struct this refers to, if it is one.
    pub fn as_struct(&self, store: impl AsContext) -> Option<StructRef> {
        (self.kind(store.as_context()) == AnyRefKind::Struct).then_some(StructRef(*self))
    }

    /// The array this refers to, if it is one.
    pub fn as_array(&self, store: impl AsContext) -> Option<ArrayRef> {
        (self.kind(store.as_context()) == AnyRefKind::Array).then_some(ArrayRef(*self))
    }
}

impl From<StructRef> for AnyRef {
    fn from(r: StructRef) -> Self {
        r.0
    }
}

impl From<ArrayRef> for AnyRef {
    fn from(r: ArrayRef) -> Self {
        r.0
    }
}

impl From<StructRef> for Val {
    fn from(r: StructRef) -> Self {
        Val::AnyRef(Some(r.0))
    }
}

impl From<ArrayRef> for Val {
    fn from(r: ArrayRef) -> Self {
        Val::AnyRef(Some(r.0))
    }
}

/// The value type a field of `field` reads as (packed fields as `i32`).
fn unpacked(field: &FieldType) -> ValType {
    match field.storage {
        StorageType::Val(v) => v,
        StorageType::I8 | StorageType::I16 => ValType::I32,
    }
}

impl StoreInner {
    /// The engine id of defined type `ty` (a [`HeapType::Canonical`], as
    /// function and global types name them), if it is a struct or array
    /// type.
    fn gc_type_id(&self, ty: HeapType, want: CompositeKind) -> Result<TypeId, Error> {
        let name = if want == CompositeKind::Struct {
            "struct"
        } else {
            "array"
        };
        let HeapType::Canonical(id) = ty else {
            return Err(Error::ty(alloc::format!(
                "{ty} is not a defined {name} type (take the type from a function's or a \
                 global's type)"
            )));
        };
        if self.engine.types().kind(id) == want {
            Ok(id)
        } else {
            Err(Error::ty(alloc::format!("type {id} is not a {name} type")))
        }
    }

    /// The object `r` refers to and its type.
    fn object(&self, r: AnyRef) -> (u32, TypeId) {
        let bits = self.any_bits(r);
        let at = crate::gc::object_of(bits).unwrap_or(0);
        let id = TypeId::from_u32(self.heap.header(at) as u32 & !crate::gc::heap::MARK);
        (at, id)
    }

    /// The slot encoding of `v` for a field of type `field`.
    fn encode_field(&self, v: &Val, field: &FieldType) -> Result<[u64; 2], Error> {
        self.encode(v, unpacked(field))
    }

    /// Writes each of `values` to the fields at `fields` of the new object
    /// at `at`.
    fn write_fields(&mut self, at: u32, fields: &[(u32, FieldKind)], values: &[[u64; 2]]) {
        for (&(offset, kind), &v) in fields.iter().zip(values) {
            let _ = access::write(self.heap.bytes_mut(), (at + offset) as usize, kind, v);
        }
    }

    /// Reads the field of `kind` and type `field` at byte `at` for the host.
    fn read_field(&self, at: usize, kind: FieldKind, field: &FieldType) -> Val {
        let bits = access::read(self.heap.bytes(), at, kind, false).unwrap_or_default();
        self.decode(unpacked(field), &bits)
    }
}

impl StructRef {
    /// A new struct of struct type `ty` (a [`HeapType::Canonical`] id, as
    /// a function's or global's type names it) with `fields`. Collects
    /// garbage if the heap needs room.
    pub fn new(mut store: impl AsContextMut, ty: HeapType, fields: &[Val]) -> Result<Self, Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let id = inner.gc_type_id(ty, CompositeKind::Struct)?;
        let CompositeType::Struct(types) = inner.engine.types().get(id).composite else {
            unreachable!("a struct type");
        };
        if types.len() != fields.len() {
            return Err(Error::ty(alloc::format!(
                "{} fields for a struct of {}",
                fields.len(),
                types.len()
            )));
        }
        let mut values = Vec::with_capacity(fields.len());
        for (k, (v, field)) in fields.iter().zip(types.iter()).enumerate() {
            let bits = inner
                .encode_field(v, field)
                .map_err(|e| e.context(&alloc::format!("field {k}")))?;
            values.push(bits);
        }
        let info = inner.gc_type(id);
        let Layout::Struct(layout) = &info.layout else {
            unreachable!("a struct type");
        };
        let at = inner
            .gc_alloc(layout.size, id.as_u32() as u64, None)
            .map_err(|code| Error::from(crate::Trap::new(code)))?;
        inner.write_fields(at, &layout.fields, &values);
        Ok(StructRef(inner.root(at as u64)))
    }

    /// Field `k`'s value (a packed field's zero-extended).
    pub fn field(&self, store: impl AsContext, k: usize) -> Result<Val, Error> {
        let inner = store.as_context().inner;
        let (at, field, kind) = self.field_at(inner, k)?;
        Ok(inner.read_field(at, kind, &field))
    }

    /// Sets field `k`, which must be mutable, to `value`.
    pub fn set_field(
        &self,
        mut store: impl AsContextMut,
        k: usize,
        value: Val,
    ) -> Result<(), Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let (at, field, kind) = self.field_at(inner, k)?;
        if !field.mutable {
            return Err(Error::ty(alloc::format!("field {k} is immutable")));
        }
        let bits = inner.encode_field(&value, &field)?;
        let _ = access::write(inner.heap.bytes_mut(), at, kind, bits);
        Ok(())
    }

    /// Field `k`'s byte in the heap, type and kind, or an error if the
    /// struct has no such field.
    fn field_at(
        &self,
        inner: &StoreInner,
        k: usize,
    ) -> Result<(usize, FieldType, FieldKind), Error> {
        let (at, id) = inner.object(self.0);
        let CompositeType::Struct(types) = inner.engine.types().get(id).composite else {
            unreachable!("a struct");
        };
        let field = *types.get(k).ok_or_else(|| {
            Error::ty(alloc::format!(
                "no field {k} in a struct of {}",
                types.len()
            ))
        })?;
        let Layout::Struct(layout) = &inner.gc_type_shared(id).layout else {
            unreachable!("a struct");
        };
        let (offset, kind) = layout.fields[k];
        Ok(((at + offset) as usize, field, kind))
    }

    /// The struct's type, by engine id.
    pub fn ty(&self, store: impl AsContext) -> HeapType {
        HeapType::Canonical(store.as_context().inner.object(self.0).1)
    }
}

impl ArrayRef {
    /// A new array of array type `ty` (a [`HeapType::Canonical`] id) of
    /// `len` elements, each `init`.
    pub fn new(
        store: impl AsContextMut,
        ty: HeapType,
        init: &Val,
        len: u32,
    ) -> Result<Self, Error> {
        Self::make(store, ty, len, |_| init)
    }

    /// A new array of array type `ty` holding `elements`.
    pub fn new_fixed(
        store: impl AsContextMut,
        ty: HeapType,
        elements: &[Val],
    ) -> Result<Self, Error> {
        let len = u32::try_from(elements.len()).map_err(|_| Error::limit("array too long"))?;
        Self::make(store, ty, len, |k| &elements[k as usize])
    }

    /// A new array of `len` elements, element `k` being `element(k)`.
    fn make<'v>(
        mut store: impl AsContextMut,
        ty: HeapType,
        len: u32,
        element: impl Fn(u32) -> &'v Val,
    ) -> Result<Self, Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let id = inner.gc_type_id(ty, CompositeKind::Array)?;
        let CompositeType::Array(field) = inner.engine.types().get(id).composite else {
            unreachable!("an array type");
        };
        let Layout::Array(kind) = inner.gc_type(id).layout else {
            unreachable!("an array type");
        };
        let size = array_size(kind, len).ok_or_else(|| Error::limit("array too large"))?;
        let mut values = Vec::with_capacity(len as usize);
        for k in 0..len {
            values.push(inner.encode_field(element(k), &field)?);
        }
        let at = inner
            .gc_alloc(size, id.as_u32() as u64 | (len as u64) << 32, None)
            .map_err(|code| Error::from(crate::Trap::new(code)))?;
        for (k, &v) in values.iter().enumerate() {
            let byte = access::element(at, kind, k as u32);
            let _ = access::write(inner.heap.bytes_mut(), byte, kind, v);
        }
        Ok(ArrayRef(inner.root(at as u64)))
    }

    /// The number of elements.
    pub fn len(&self, store: impl AsContext) -> u32 {
        let inner = store.as_context().inner;
        let (at, _) = inner.object(self.0);
        access::array_len(inner.heap.bytes(), at as usize).unwrap_or(0)
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self, store: impl AsContext) -> bool {
        self.len(store) == 0
    }

    /// Element `k` (a packed element zero-extended), or an error out of
    /// bounds.
    pub fn get(&self, store: impl AsContext, k: u32) -> Result<Val, Error> {
        let inner = store.as_context().inner;
        let (at, field, kind) = self.element_type(inner, k)?;
        Ok(inner.read_field(access::element(at, kind, k), kind, &field))
    }

    /// Sets element `k` of a mutable array to `value`.
    pub fn set(&self, mut store: impl AsContextMut, k: u32, value: Val) -> Result<(), Error> {
        let inner = &mut store.as_context_mut().store.inner;
        let (at, field, kind) = self.element_type(inner, k)?;
        if !field.mutable {
            return Err(Error::ty("the array is immutable"));
        }
        let bits = inner.encode_field(&value, &field)?;
        let _ = access::write(
            inner.heap.bytes_mut(),
            access::element(at, kind, k),
            kind,
            bits,
        );
        Ok(())
    }

    /// The array's type, by engine id.
    pub fn ty(&self, store: impl AsContext) -> HeapType {
        HeapType::Canonical(store.as_context().inner.object(self.0).1)
    }

    /// The array's address, type, element type and kind, after checking
    /// that `k` is inside it.
    fn element_type(
        &self,
        inner: &StoreInner,
        k: u32,
    ) -> Result<(u32, FieldType, FieldKind), Error> {
        let (at, id) = inner.object(self.0);
        let len = access::array_len(inner.heap.bytes(), at as usize).unwrap_or(0);
        if k >= len {
            return Err(Error::ty(alloc::format!(
                "element {k} of an array of {len}"
            )));
        }
        let CompositeType::Array(field) = inner.engine.types().get(id).composite else {
            unreachable!("an array");
        };
        let Layout::Array(kind) = inner.gc_type_shared(id).layout else {
            unreachable!("an array");
        };
        Ok((at, field, kind))
    }
}
