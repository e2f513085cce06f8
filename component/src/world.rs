//! What a component imports and exports, with types: its world, printed
//! as WIT by [`World::to_wit`].

use crate::type_convert::Converter;
use crate::types::{FuncType, ResourceKey, Type};
use alloc::string::String;
use alloc::vec::Vec;
use wasmparser::component_types::{ComponentAnyTypeId, ComponentEntityType, ComponentValType};
use wasmparser::types::TypesRef;
use wisp_core::Error;

/// The type of an imported or exported item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemType {
    /// A function.
    Func(FuncType),
    /// An instance (an interface): its exports, in order.
    Instance(Vec<(String, ItemType)>),
    /// A resource type.
    Resource(ResourceKey),
    /// A named value type.
    Type(Type),
    /// A core module.
    Module,
    /// A component.
    Component,
    /// A value, or a type that is neither a resource nor a value type.
    Other,
}

/// A component's imports and exports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct World {
    /// The imports, in order.
    pub imports: Vec<(String, ItemType)>,
    /// The exports, in order.
    pub exports: Vec<(String, ItemType)>,
}

/// The item type of `ty`.
pub(crate) fn item_type(
    converter: &mut Converter,
    types: TypesRef<'_>,
    ty: ComponentEntityType,
) -> Result<ItemType, Error> {
    Ok(match ty {
        ComponentEntityType::Func(id) => ItemType::Func(converter.func_type(types, id)?),
        ComponentEntityType::Instance(id) => {
            let mut items = Vec::new();
            for (name, item) in types[id].exports.iter() {
                items.push((name.clone(), item_type(converter, types, item.ty)?));
            }
            ItemType::Instance(items)
        }
        ComponentEntityType::Type { created, .. } => match created {
            ComponentAnyTypeId::Resource(r) => ItemType::Resource(converter.key(r.resource())),
            ComponentAnyTypeId::Defined(id) => {
                ItemType::Type(converter.val_type(types, ComponentValType::Type(id))?)
            }
            _ => ItemType::Other,
        },
        ComponentEntityType::Module(_) => ItemType::Module,
        ComponentEntityType::Component(_) => ItemType::Component,
        ComponentEntityType::Value(_) => ItemType::Other,
    })
}

/// Names for the types of one interface (or the world's top level): its
/// resources by key and its named value types.
struct Names<'a> {
    resources: Vec<(ResourceKey, &'a str)>,
    types: Vec<(&'a Type, &'a str)>,
}

impl<'a> Names<'a> {
    fn of(items: &'a [(String, ItemType)], outer: Option<&Names<'a>>) -> Self {
        let mut names = Names {
            resources: Vec::new(),
            types: Vec::new(),
        };
        for (name, item) in items {
            match item {
                ItemType::Resource(key) => names.resources.push((*key, name)),
                ItemType::Type(ty) => names.types.push((ty, name)),
                _ => {}
            }
        }
        if let Some(outer) = outer {
            names.resources.extend(outer.resources.iter().copied());
            names.types.extend(outer.types.iter().copied());
        }
        names
    }

    fn resource(&self, key: ResourceKey) -> &str {
        self.resources
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("resource", |(_, n)| n)
    }

    /// `ty` in WIT: by its name where the interface names it.
    fn ty(&self, ty: &Type, out: &mut String) {
        if let Some((_, name)) = self.types.iter().find(|(t, _)| *t == ty) {
            out.push_str(name);
            return;
        }
        self.structure(ty, out);
    }

    /// `ty` spelled out (for a type's own definition).
    fn structure(&self, ty: &Type, out: &mut String) {
        if ty.is_primitive() {
            out.push_str(ty.kind_name());
            return;
        }
        match ty {
            Type::List(elem) => self.generic("list", [&**elem], out),
            Type::Option(some) => self.generic("option", [&**some], out),
            Type::Tuple(types) => self.generic("tuple", types.iter(), out),
            Type::Result(r) => match (&r.ok, &r.err) {
                (None, None) => out.push_str("result"),
                (Some(ok), None) => self.generic("result", [ok], out),
                (ok, Some(err)) => {
                    out.push_str("result<");
                    match ok {
                        Some(ok) => self.ty(ok, out),
                        None => out.push('_'),
                    }
                    out.push_str(", ");
                    self.ty(err, out);
                    out.push('>');
                }
            },
            Type::Own(key) => out.push_str(self.resource(*key)),
            Type::Borrow(key) => {
                out.push_str("borrow<");
                out.push_str(self.resource(*key));
                out.push('>');
            }
            Type::Record(fields) => {
                out.push_str("record { ");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&f.name);
                    out.push_str(": ");
                    self.ty(&f.ty, out);
                }
                out.push_str(" }");
            }
            Type::Variant(cases) => {
                out.push_str("variant { ");
                for (i, c) in cases.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&c.name);
                    if let Some(t) = &c.ty {
                        out.push('(');
                        self.ty(t, out);
                        out.push(')');
                    }
                }
                out.push_str(" }");
            }
            Type::Enum(names) => {
                out.push_str("enum { ");
                out.push_str(&names.join(", "));
                out.push_str(" }");
            }
            Type::Flags(names) => {
                out.push_str("flags { ");
                out.push_str(&names.join(", "));
                out.push_str(" }");
            }
            _ => {}
        }
    }

    fn generic<'t>(&self, name: &str, args: impl IntoIterator<Item = &'t Type>, out: &mut String) {
        out.push_str(name);
        out.push('<');
        for (i, t) in args.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.ty(t, out);
        }
        out.push('>');
    }

    /// `func(a: T, ..) -> R`.
    fn func(&self, ty: &FuncType, skip_self: bool, out: &mut String) {
        out.push_str("func(");
        let params = ty.params.iter().skip(skip_self as usize);
        for (i, (name, t)) in params.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(name);
            out.push_str(": ");
            self.ty(t, out);
        }
        out.push(')');
        if let Some(result) = &ty.result {
            out.push_str(" -> ");
            self.ty(result, out);
        }
    }
}

/// Appends one item of an interface (or the world) at `indent`.
fn print_item(names: &Names<'_>, name: &str, item: &ItemType, indent: &str, out: &mut String) {
    out.push_str(indent);
    match item {
        ItemType::Func(ty) => {
            out.push_str(name);
            out.push_str(": ");
            names.func(ty, false, out);
        }
        ItemType::Resource(_) => {
            out.push_str("resource ");
            out.push_str(name);
        }
        ItemType::Type(ty) => {
            let (keyword, body) = match ty {
                Type::Record(_) => ("record", true),
                Type::Variant(_) => ("variant", true),
                Type::Enum(_) => ("enum", true),
                Type::Flags(_) => ("flags", true),
                _ => ("type", false),
            };
            out.push_str(keyword);
            out.push(' ');
            out.push_str(name);
            let mut text = String::new();
            names.structure(ty, &mut text);
            if body {
                out.push_str(text.trim_start_matches(keyword));
            } else {
                out.push_str(" = ");
                out.push_str(&text);
            }
        }
        ItemType::Instance(_) | ItemType::Module | ItemType::Component | ItemType::Other => {
            out.push_str("// ");
            out.push_str(name);
        }
    }
    out.push_str(";\n");
}

/// Appends a resource's methods, constructor and static functions, from
/// the interface's `[method]R.f`, `[constructor]R` and `[static]R.f`.
fn print_resource_funcs(
    names: &Names<'_>,
    resource: &str,
    items: &[(String, ItemType)],
    indent: &str,
    out: &mut String,
) -> bool {
    let mut any = false;
    for (name, item) in items {
        let ItemType::Func(ty) = item else { continue };
        let (prefix, skip_self) = if let Some(rest) = name.strip_prefix("[method]") {
            (rest, true)
        } else if let Some(rest) = name.strip_prefix("[static]") {
            (rest, false)
        } else if name.strip_prefix("[constructor]") == Some(resource) {
            out.push_str(indent);
            out.push_str("    constructor(");
            let mut text = String::new();
            names.func(ty, false, &mut text);
            let inside = text.trim_start_matches("func(");
            let inside = inside.split(") ->").next().unwrap_or(inside);
            out.push_str(inside.trim_end_matches(')'));
            out.push_str(");\n");
            any = true;
            continue;
        } else {
            continue;
        };
        let Some(func) = prefix
            .strip_prefix(resource)
            .and_then(|r| r.strip_prefix('.'))
        else {
            continue;
        };
        out.push_str(indent);
        out.push_str("    ");
        out.push_str(func);
        out.push_str(": ");
        if !skip_self {
            out.push_str("static ");
        }
        names.func(ty, skip_self, out);
        out.push_str(";\n");
        any = true;
    }
    any
}

/// Appends the items of an interface or world, resources with their
/// functions in a block.
fn print_items(names: &Names<'_>, items: &[(String, ItemType)], indent: &str, out: &mut String) {
    for (name, item) in items {
        if let ItemType::Func(_) = item {
            if name.starts_with('[') {
                continue;
            }
        }
        if let ItemType::Resource(_) = item {
            let mut body = String::new();
            if print_resource_funcs(names, name, items, indent, &mut body) {
                out.push_str(indent);
                out.push_str("resource ");
                out.push_str(name);
                out.push_str(" {\n");
                out.push_str(&body);
                out.push_str(indent);
                out.push_str("}\n");
                continue;
            }
        }
        print_item(names, name, item, indent, out);
    }
}

/// The world's top-level resources and named types.
fn top_level(world: &World) -> Vec<(String, ItemType)> {
    world
        .imports
        .iter()
        .chain(&world.exports)
        .filter(|(_, i)| matches!(i, ItemType::Resource(_) | ItemType::Type(_)))
        .cloned()
        .collect()
}

#[cfg(feature = "wit")]
impl World {
    /// `ty` in WIT as it reads inside `members` (the items of one of this
    /// world's interfaces, or none for the top level).
    pub(crate) fn func_to_wit(&self, members: &[(String, ItemType)], ty: &FuncType) -> String {
        let top = top_level(self);
        let outer = Names::of(&top, None);
        let mut out = String::new();
        Names::of(members, Some(&outer)).func(ty, false, &mut out);
        out
    }

    /// `ty` in WIT as it reads inside `members`, its outermost level spelled
    /// out rather than named.
    pub(crate) fn type_to_wit(&self, members: &[(String, ItemType)], ty: &Type) -> String {
        let top = top_level(self);
        let outer = Names::of(&top, None);
        let mut out = String::new();
        Names::of(members, Some(&outer)).structure(ty, &mut out);
        out
    }
}

impl World {
    /// The world as WIT: `world NAME { import ..; export ..; }`, each
    /// interface spelled out with its types, resources and functions.
    pub fn to_wit(&self, name: &str) -> String {
        let mut out = alloc::format!("world {name} {{\n");
        let top = top_level(self);
        let names = Names::of(&top, None);
        for (direction, items) in [("import", &self.imports), ("export", &self.exports)] {
            for (item_name, item) in items.iter() {
                match item {
                    ItemType::Instance(members) => {
                        let inner = Names::of(members, Some(&names));
                        out.push_str(&alloc::format!("  {direction} {item_name}: interface {{\n"));
                        print_items(&inner, members, "    ", &mut out);
                        out.push_str("  }\n");
                    }
                    ItemType::Func(ty) => {
                        out.push_str(&alloc::format!("  {direction} {item_name}: "));
                        names.func(ty, false, &mut out);
                        out.push_str(";\n");
                    }
                    _ => {
                        let mut line = String::new();
                        print_item(&names, item_name, item, "", &mut line);
                        out.push_str(&alloc::format!("  {direction} {line}"));
                    }
                }
            }
        }
        out.push_str("}\n");
        out
    }
}
