//! WIT packages read with wit-parser, and a component's imports checked
//! against a world.
//!
//! [`parse_world`] reads a WIT package from text (with any packages nested
//! in it) and converts one of its worlds into a [`World`], the shape in
//! which [`Component::world`](crate::Component::world) describes a
//! component; [`World::check_imports`] tells whether a world's imports
//! provide everything a component imports.
//!
//! ```
//! let host = wisp_component::wit::parse_world(
//!     "package my:host;
//!      interface log { write: func(message: string); }
//!      world host { import log; }",
//!     None,
//! )?;
//! assert_eq!(host.imports[0].0, "my:host/log");
//! # Ok::<(), wisp_core::Error>(())
//! ```

use crate::linker::lookup;
use crate::types::{Case, Field, FuncType, ResourceKey, ResultType, Type};
use crate::world::{ItemType, World};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use hashbrown::HashMap;
use wisp_core::{Error, ErrorKind};
use wit_parser::{
    Function, Handle, InterfaceId, Resolve, SourceMap, Span, TypeDef, TypeDefKind, TypeId,
    TypeOwner, WorldItem, WorldKey,
};

/// Reads the WIT package `wit` and converts its world `world` (the only
/// one when `None`) into a [`World`].
///
/// The text is one WIT file: a package, optionally with the packages it
/// uses nested in it (`package wasi:cli@0.2.6 { interface environment {
/// .. } }`). Each import and export of the world becomes an item named as
/// in a component's binary: an interface is an [`ItemType::Instance`] named
/// by its full name (`wasi:cli/environment@0.2.6`, or its plain name when
/// the world defines it, `import name: interface { .. }`) holding its types — [`ItemType::Resource`] for a
/// resource, one [`ResourceKey`] per distinct resource, and
/// [`ItemType::Type`] for a named value type — and its functions
/// ([`ItemType::Func`], resource functions under `[constructor]r`,
/// `[method]r.f` taking `self: borrow<r>` first, and `[static]r.f`); the
/// world's own functions and types are items of their own.
///
/// # Errors
///
/// An [`ErrorKind::Text`] error with a one-line message (`WIT line L,
/// column C: ..` where wit-parser reports a position) if the text does not
/// parse or resolve, if the world is not found (or `world` is `None` and
/// there are several), or if the world uses WIT that the component model
/// here does not support, named in the message (``WIT: import `a:b/i`:
/// function `f`: futures are not supported``): futures, streams,
/// `error-context`, maps, fixed-size lists, async functions, getters and
/// setters.
pub fn parse_world(wit: &str, world: Option<&str>) -> Result<World, Error> {
    // wit-parser numbers source positions in `u32` and adds a newline.
    if u32::try_from(wit.len()).map_or(true, |n| n >= u32::MAX - 1) {
        return Err(text_error(format!(
            "WIT: the text of {} bytes is too large",
            wit.len()
        )));
    }
    let mut map = SourceMap::new();
    map.push_str("world.wit", wit);
    let group = map
        .parse()
        .map_err(|(map, e)| located(wit, &map, e.kind().span(), &e.to_string()))?;
    let mut resolve = Resolve::default();
    let package = resolve
        .push_group(group)
        .map_err(|e| located(wit, &resolve.source_map, e.kind().span(), &e.to_string()))?;
    let id = resolve
        .select_world(&[package], world)
        .map_err(|e| text_error(format!("WIT: {}", one_line(&format!("{e:#}")))))?;
    let world = resolve
        .worlds
        .get(id)
        .ok_or_else(|| text_error("WIT: the world is not in the package".into()))?;
    let mut converter = Converter {
        resolve: &resolve,
        keys: HashMap::new(),
        exported: world
            .exports
            .values()
            .filter_map(|item| match item {
                WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            })
            .collect(),
        exporting: false,
    };
    let mut out = World::default();
    for (exporting, items) in [(false, &world.imports), (true, &world.exports)] {
        converter.exporting = exporting;
        let direction = if exporting { "export" } else { "import" };
        for (key, item) in items {
            let converted = converter.key_name(key).and_then(|name| {
                let ty = converter
                    .item(item)
                    .map_err(|e| format!("{direction} `{name}`: {e}"))?;
                Ok((name, ty))
            });
            let converted = converted.map_err(|e| text_error(format!("WIT: {e}")))?;
            if exporting {
                out.exports.push(converted);
            } else {
                out.imports.push(converted);
            }
        }
    }
    Ok(out)
}

fn text_error(message: String) -> Error {
    Error::new(ErrorKind::Text(message))
}

/// `text` on one line: its non-empty lines, trimmed, joined by `; ` (by a
/// space after a line ending in `:`).
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { "; " });
        }
        out.push_str(line);
    }
    out
}

/// An error with `message` at `span` of `map`, whose one source is `text`:
/// `WIT line L, column C: message`.
fn located(text: &str, map: &SourceMap, span: Span, message: &str) -> Error {
    let Some(location) = map.resolve_span(span) else {
        return text_error(format!("WIT: {}", one_line(message)));
    };
    let before = text.get(..location.range.start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    text_error(format!(
        "WIT line {line}, column {column}: {}",
        one_line(message)
    ))
}

/// Converts a resolved world's items, numbering the distinct resources.
struct Converter<'a> {
    resolve: &'a Resolve,
    /// The key of each resource met, by its definition and whether it is
    /// the exported copy of an interface's resource.
    keys: HashMap<(TypeId, bool), ResourceKey>,
    /// The interfaces the world exports: while exports are converted, their
    /// resources are distinct from those of the imports.
    exported: Vec<InterfaceId>,
    exporting: bool,
}

impl<'a> Converter<'a> {
    fn def(&self, id: TypeId) -> Result<&'a TypeDef, String> {
        let resolve = self.resolve;
        resolve
            .types
            .get(id)
            .ok_or_else(|| "a type not in the package".to_string())
    }

    /// The name of an import or export: the world's name for it, or the
    /// interface's full name.
    fn key_name(&self, key: &WorldKey) -> Result<String, String> {
        let id = match key {
            WorldKey::Name(name) => return Ok(name.clone()),
            WorldKey::Interface(id) => *id,
        };
        let interface = self
            .resolve
            .interfaces
            .get(id)
            .ok_or_else(|| "an interface not in the package".to_string())?;
        let name = interface
            .name
            .as_deref()
            .ok_or_else(|| "an unnamed interface".to_string())?;
        let package = interface
            .package
            .and_then(|p| self.resolve.packages.get(p))
            .ok_or_else(|| format!("interface `{name}` outside any package"))?;
        Ok(package.name.interface_id(name))
    }

    fn item(&mut self, item: &WorldItem) -> Result<ItemType, String> {
        match item {
            WorldItem::Interface { id, .. } => self.interface(*id).map(ItemType::Instance),
            WorldItem::Function(f) => self.func(f).map(ItemType::Func),
            WorldItem::Type { id, .. } => self.named(*id),
        }
    }

    /// An interface's types, then its functions.
    fn interface(&mut self, id: InterfaceId) -> Result<Vec<(String, ItemType)>, String> {
        let resolve = self.resolve;
        let interface = resolve
            .interfaces
            .get(id)
            .ok_or_else(|| "an interface not in the package".to_string())?;
        let mut items = Vec::new();
        for (name, ty) in &interface.types {
            let item = self.named(*ty).map_err(|e| format!("type `{name}`: {e}"))?;
            items.push((name.clone(), item));
        }
        for f in interface.functions.values() {
            let ty = self
                .func(f)
                .map_err(|e| format!("function `{}`: {e}", f.name))?;
            items.push((f.name.clone(), ItemType::Func(ty)));
        }
        Ok(items)
    }

    /// A named type: a resource (itself, or another interface's under a
    /// `use`), or a value type.
    fn named(&mut self, id: TypeId) -> Result<ItemType, String> {
        let target = self.follow(id)?;
        if let TypeDefKind::Resource = self.def(target)?.kind {
            return Ok(ItemType::Resource(self.key(target)?));
        }
        Ok(ItemType::Type(self.ty(wit_parser::Type::Id(id))?))
    }

    /// The type `id` stands for through aliases (`type a = b`, `use`).
    fn follow(&self, mut id: TypeId) -> Result<TypeId, String> {
        for _ in 0..=self.resolve.types.len() {
            match self.def(id)?.kind {
                TypeDefKind::Type(wit_parser::Type::Id(next)) => id = next,
                _ => return Ok(id),
            }
        }
        Err("a cycle of type aliases".into())
    }

    /// The key of the resource defined by `id`.
    fn key(&mut self, id: TypeId) -> Result<ResourceKey, String> {
        let exported = self.exporting
            && matches!(self.def(id)?.owner, TypeOwner::Interface(i) if self.exported.contains(&i));
        let next = ResourceKey(self.keys.len() as u32);
        Ok(*self.keys.entry((id, exported)).or_insert(next))
    }

    fn func(&mut self, f: &Function) -> Result<FuncType, String> {
        if f.kind.is_async() {
            return Err("async functions are not supported".into());
        }
        if f.kind.accessor().is_some() {
            return Err("getters and setters are not supported".into());
        }
        Ok(FuncType {
            params: f
                .params
                .iter()
                .map(|p| Ok((p.name.clone(), self.ty(p.ty)?)))
                .collect::<Result<_, String>>()?,
            result: f.result.map(|t| self.ty(t)).transpose()?,
        })
    }

    fn ty(&mut self, ty: wit_parser::Type) -> Result<Type, String> {
        use wit_parser::Type as W;
        Ok(match ty {
            W::Bool => Type::Bool,
            W::U8 => Type::U8,
            W::U16 => Type::U16,
            W::U32 => Type::U32,
            W::U64 => Type::U64,
            W::S8 => Type::S8,
            W::S16 => Type::S16,
            W::S32 => Type::S32,
            W::S64 => Type::S64,
            W::F32 => Type::Float32,
            W::F64 => Type::Float64,
            W::Char => Type::Char,
            W::String => Type::String,
            W::ErrorContext => return Err("error-context is not supported".into()),
            W::Id(id) => self.defined(id)?,
        })
    }

    fn opt(&mut self, ty: Option<wit_parser::Type>) -> Result<Option<Type>, String> {
        ty.map(|t| self.ty(t)).transpose()
    }

    fn defined(&mut self, id: TypeId) -> Result<Type, String> {
        Ok(match &self.def(id)?.kind {
            TypeDefKind::Record(r) => Type::Record(
                r.fields
                    .iter()
                    .map(|f| {
                        Ok(Field {
                            name: f.name.clone(),
                            ty: self.ty(f.ty)?,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?
                    .into(),
            ),
            TypeDefKind::Resource => Type::Own(self.key(id)?),
            TypeDefKind::Handle(Handle::Own(r)) => Type::Own(self.key(self.follow(*r)?)?),
            TypeDefKind::Handle(Handle::Borrow(r)) => Type::Borrow(self.key(self.follow(*r)?)?),
            TypeDefKind::Flags(f) => Type::Flags(f.flags.iter().map(|f| f.name.clone()).collect()),
            TypeDefKind::Tuple(t) => Type::Tuple(
                t.types
                    .iter()
                    .map(|t| self.ty(*t))
                    .collect::<Result<Vec<_>, String>>()?
                    .into(),
            ),
            TypeDefKind::Variant(v) => Type::Variant(
                v.cases
                    .iter()
                    .map(|c| {
                        Ok(Case {
                            name: c.name.clone(),
                            ty: self.opt(c.ty)?,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?
                    .into(),
            ),
            TypeDefKind::Enum(e) => Type::Enum(e.cases.iter().map(|c| c.name.clone()).collect()),
            TypeDefKind::Option(t) => Type::Option(Arc::new(self.ty(*t)?)),
            TypeDefKind::Result(r) => Type::Result(Arc::new(ResultType {
                ok: self.opt(r.ok)?,
                err: self.opt(r.err)?,
            })),
            TypeDefKind::List(t) => Type::List(Arc::new(self.ty(*t)?)),
            TypeDefKind::Type(t) => self.ty(*t)?,
            TypeDefKind::Map(..) => return Err("maps are not supported".into()),
            TypeDefKind::FixedLengthList(..) => {
                return Err("fixed-size lists are not supported".into());
            }
            TypeDefKind::Future(_) => return Err("futures are not supported".into()),
            TypeDefKind::Stream(_) => return Err("streams are not supported".into()),
            TypeDefKind::Unknown => return Err("a type of unknown kind".into()),
        })
    }
}

fn link_error(message: String) -> Error {
    Error::new(ErrorKind::Link(message))
}

/// Where a type is read: an interface of a world (its items), or the
/// world's top level (no items).
#[derive(Clone, Copy)]
struct Scope<'a> {
    world: &'a World,
    members: &'a [(String, ItemType)],
}

impl<'a> Scope<'a> {
    /// The name of the resource `key`: in the interface, else at the
    /// world's top level, else in any of the world's interfaces.
    fn resource(&self, key: ResourceKey) -> Option<&'a str> {
        let named = |items: &'a [(String, ItemType)]| {
            items
                .iter()
                .find(|(_, item)| matches!(item, ItemType::Resource(k) if *k == key))
                .map(|(name, _)| name.as_str())
        };
        let all = || self.world.imports.iter().chain(&self.world.exports);
        named(self.members)
            .or_else(|| named(&self.world.imports))
            .or_else(|| named(&self.world.exports))
            .or_else(|| {
                all().find_map(|(_, item)| match item {
                    ItemType::Instance(members) => named(members),
                    _ => None,
                })
            })
    }

    fn with_members(self, members: &'a [(String, ItemType)]) -> Self {
        Scope { members, ..self }
    }
}

/// Whether `a` (read in `sa`) and `b` (read in `sb`) are the same type:
/// structurally, with handles compared by their resources' names.
fn same_type(a: &Type, sa: Scope<'_>, b: &Type, sb: Scope<'_>) -> bool {
    let same_opt = |a: &Option<Type>, b: &Option<Type>| match (a, b) {
        (Some(a), Some(b)) => same_type(a, sa, b, sb),
        (None, None) => true,
        _ => false,
    };
    match (a, b) {
        (Type::Own(x), Type::Own(y)) | (Type::Borrow(x), Type::Borrow(y)) => {
            matches!((sa.resource(*x), sb.resource(*y)), (Some(p), Some(q)) if p == q)
        }
        (Type::List(x), Type::List(y)) | (Type::Option(x), Type::Option(y)) => {
            same_type(x, sa, y, sb)
        }
        (Type::Tuple(x), Type::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(x, y)| same_type(x, sa, y, sb))
        }
        (Type::Record(x), Type::Record(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(x, y)| x.name == y.name && same_type(&x.ty, sa, &y.ty, sb))
        }
        (Type::Variant(x), Type::Variant(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(x, y)| x.name == y.name && same_opt(&x.ty, &y.ty))
        }
        (Type::Result(x), Type::Result(y)) => same_opt(&x.ok, &y.ok) && same_opt(&x.err, &y.err),
        // The rest hold no handles: primitives, enums, flags, or types of
        // different kinds.
        _ => a == b,
    }
}

/// Whether two function types are the same, whatever their parameters'
/// names.
fn same_func(a: &FuncType, sa: Scope<'_>, b: &FuncType, sb: Scope<'_>) -> bool {
    let same_result = match (&a.result, &b.result) {
        (Some(x), Some(y)) => same_type(x, sa, y, sb),
        (None, None) => true,
        _ => false,
    };
    same_result
        && a.params.len() == b.params.len()
        && a.params
            .iter()
            .zip(b.params.iter())
            .all(|((_, x), (_, y))| same_type(x, sa, y, sb))
}

/// What an item is, for messages.
fn noun(item: &ItemType) -> &'static str {
    match item {
        ItemType::Func(_) => "function",
        ItemType::Instance(_) => "interface",
        ItemType::Resource(_) => "resource",
        ItemType::Type(_) => "type",
        ItemType::Module => "module",
        ItemType::Component => "component",
        ItemType::Other => "item",
    }
}

/// Checks that `expected` (in `se`) provides `found` (in `sf`).
fn check_item(
    expected: &ItemType,
    se: Scope<'_>,
    found: &ItemType,
    sf: Scope<'_>,
) -> Result<(), String> {
    match (expected, found) {
        (ItemType::Func(e), ItemType::Func(f)) => {
            if same_func(e, se, f, sf) {
                return Ok(());
            }
            Err(format!(
                "expected {}, found {}",
                se.world.func_to_wit(se.members, e),
                sf.world.func_to_wit(sf.members, f)
            ))
        }
        (ItemType::Type(e), ItemType::Type(f)) => {
            if same_type(e, se, f, sf) {
                return Ok(());
            }
            Err(format!(
                "expected {}, found {}",
                se.world.type_to_wit(se.members, e),
                sf.world.type_to_wit(sf.members, f)
            ))
        }
        (ItemType::Instance(e), ItemType::Instance(f)) => {
            let (se, sf) = (se.with_members(e), sf.with_members(f));
            for (name, item) in f {
                let what = noun(item);
                let Some((_, provided)) = e.iter().find(|(n, _)| n == name) else {
                    return Err(format!("{what} `{name}`: not in the interface"));
                };
                check_item(provided, se, item, sf).map_err(|e| format!("{what} `{name}`: {e}"))?;
            }
            Ok(())
        }
        (ItemType::Resource(_), ItemType::Resource(_))
        | (ItemType::Module, ItemType::Module)
        | (ItemType::Component, ItemType::Component)
        | (ItemType::Other, ItemType::Other) => Ok(()),
        _ => {
            let article = |item: &ItemType| match item {
                ItemType::Instance(_) | ItemType::Other => "an",
                _ => "a",
            };
            Err(format!(
                "expected {} {}, found {} {}",
                article(expected),
                noun(expected),
                article(found),
                noun(found)
            ))
        }
    }
}

impl World {
    /// Checks that this world's imports provide every import of
    /// `component` (a component's world, [`Component::world`]): for each,
    /// an import of the same name, or of a semver-compatible version of it
    /// (`wasi:cli/environment@0.2.6` is provided by `@0.2.3` or `@0.2.9`, as
    /// [`Linker`](crate::Linker) finds definitions); for an interface, every
    /// function, resource and type the component imports from it, each
    /// function of the same type (parameter names aside; handles compared
    /// by their resources' names in the interface, named types by
    /// structure).
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Link`] error naming the first import missing or of
    /// another type: ``import `wasi:cli/environment@0.2.6`: function
    /// `get-arguments`: expected func() -> list<string>, found func() ->
    /// string``.
    ///
    /// [`Component::world`]: crate::Component::world
    pub fn check_imports(&self, component: &World) -> Result<(), Error> {
        let se = Scope {
            world: self,
            members: &[],
        };
        let sf = Scope {
            world: component,
            members: &[],
        };
        for (name, found) in &component.imports {
            let Some(expected) = lookup(&self.imports, name) else {
                return Err(link_error(format!("import `{name}`: not in the world")));
            };
            check_item(expected, se, found, sf)
                .map_err(|e| link_error(format!("import `{name}`: {e}")))?;
        }
        Ok(())
    }
}
