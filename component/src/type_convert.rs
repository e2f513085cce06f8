//! Conversion of the validator's component types into [`Type`]s.

use crate::types::{Case, Field, FuncType, ResourceKey, ResultType, Type};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use hashbrown::HashMap;
use wasmparser::PrimitiveValType;
use wasmparser::component_types::{
    ComponentDefinedType, ComponentEntityType, ComponentFuncTypeId, ComponentInstanceTypeId,
    ComponentValType, ResourceId,
};
use wasmparser::types::TypesRef;
use wisp_core::{Error, ErrorKind};

/// Converts types, numbering the distinct resource types it meets.
#[derive(Default)]
pub(crate) struct Converter {
    keys: HashMap<ResourceId, ResourceKey>,
}

fn unsupported(what: &str) -> Error {
    Error::new(ErrorKind::Compile {
        message: alloc::format!("{what} is not supported"),
        offset: 0,
    })
}

impl Converter {
    /// The key of the resource type `id`.
    pub(crate) fn key(&mut self, id: ResourceId) -> ResourceKey {
        let next = ResourceKey(self.keys.len() as u32);
        *self.keys.entry(id).or_insert(next)
    }

    /// The type of a component function.
    pub(crate) fn func_type(
        &mut self,
        types: TypesRef<'_>,
        id: ComponentFuncTypeId,
    ) -> Result<FuncType, Error> {
        let ty = &types[id];
        if ty.async_ {
            return Err(unsupported("an async function"));
        }
        Ok(FuncType {
            params: ty
                .params
                .iter()
                .map(|(name, t)| Ok((name.to_string(), self.val_type(types, *t)?)))
                .collect::<Result<_, Error>>()?,
            result: ty.result.map(|t| self.val_type(types, t)).transpose()?,
        })
    }

    /// The resource types an instance type exports, by name.
    pub(crate) fn instance_resources(
        &mut self,
        types: TypesRef<'_>,
        id: ComponentInstanceTypeId,
    ) -> Vec<(String, ResourceKey)> {
        let mut out = Vec::new();
        for (name, item) in types[id].exports.iter() {
            if let ComponentEntityType::Type {
                created: wasmparser::component_types::ComponentAnyTypeId::Resource(r),
                ..
            } = item.ty
            {
                out.push((name.clone(), self.key(r.resource())));
            }
        }
        out
    }

    /// A value type.
    pub(crate) fn val_type(
        &mut self,
        types: TypesRef<'_>,
        ty: ComponentValType,
    ) -> Result<Type, Error> {
        let id = match ty {
            ComponentValType::Primitive(p) => return Ok(primitive(p)),
            ComponentValType::Type(id) => id,
        };
        let opt =
            |c: &mut Self, t: Option<ComponentValType>| t.map(|t| c.val_type(types, t)).transpose();
        Ok(match &types[id] {
            ComponentDefinedType::Primitive(p) => primitive(*p),
            ComponentDefinedType::Record(r) => Type::Record(
                r.fields
                    .iter()
                    .map(|(name, t)| {
                        Ok(Field {
                            name: name.to_string(),
                            ty: self.val_type(types, *t)?,
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()?
                    .into(),
            ),
            ComponentDefinedType::Variant(v) => Type::Variant(
                v.cases
                    .iter()
                    .map(|(name, case)| {
                        Ok(Case {
                            name: name.to_string(),
                            ty: opt(self, case.ty)?,
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()?
                    .into(),
            ),
            ComponentDefinedType::List { element, .. } => {
                Type::List(Arc::new(self.val_type(types, *element)?))
            }
            ComponentDefinedType::Tuple(t) => Type::Tuple(
                t.types
                    .iter()
                    .map(|t| self.val_type(types, *t))
                    .collect::<Result<Vec<_>, Error>>()?
                    .into(),
            ),
            ComponentDefinedType::Flags(names) => {
                Type::Flags(names.iter().map(|n| n.to_string()).collect())
            }
            ComponentDefinedType::Enum(names) => {
                Type::Enum(names.iter().map(|n| n.to_string()).collect())
            }
            ComponentDefinedType::Option { ty, .. } => {
                Type::Option(Arc::new(self.val_type(types, *ty)?))
            }
            ComponentDefinedType::Result { ok, err, .. } => Type::Result(Arc::new(ResultType {
                ok: opt(self, *ok)?,
                err: opt(self, *err)?,
            })),
            ComponentDefinedType::Own(r) => Type::Own(self.key(r.resource())),
            ComponentDefinedType::Borrow(r) => Type::Borrow(self.key(r.resource())),
            _ => {
                return Err(unsupported(
                    "this component value type (maps, fixed-length lists, futures, streams, error contexts)",
                ));
            }
        })
    }
}

fn primitive(p: PrimitiveValType) -> Type {
    match p {
        PrimitiveValType::Bool => Type::Bool,
        PrimitiveValType::S8 => Type::S8,
        PrimitiveValType::U8 => Type::U8,
        PrimitiveValType::S16 => Type::S16,
        PrimitiveValType::U16 => Type::U16,
        PrimitiveValType::S32 => Type::S32,
        PrimitiveValType::U32 => Type::U32,
        PrimitiveValType::S64 => Type::S64,
        PrimitiveValType::U64 => Type::U64,
        PrimitiveValType::F32 => Type::Float32,
        PrimitiveValType::F64 => Type::Float64,
        PrimitiveValType::Char => Type::Char,
        PrimitiveValType::String => Type::String,
        PrimitiveValType::ErrorContext => Type::String,
    }
}
