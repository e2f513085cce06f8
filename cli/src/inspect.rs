//! `wisp inspect`: a module's imports, exports and counts, as text or JSON.

use crate::fail::Failure;
use crate::json;
use crate::load::load;
use crate::output::emit;
use std::path::Path;
use wisp::wasmparser::{Parser, Payload};
use wisp::{Engine, ExternType, Module};

/// What `inspect` reports.
struct Summary {
    name: Option<String>,
    types: usize,
    imported_funcs: usize,
    defined_funcs: usize,
    /// (module, name, kind, type)
    imports: Vec<(String, String, &'static str, String)>,
    /// (name, kind, type)
    exports: Vec<(String, &'static str, String)>,
}

/// Runs `wisp inspect`.
pub fn inspect(file: &Path, as_json: bool) -> Result<(), Failure> {
    let engine = Engine::default();
    #[cfg(feature = "component")]
    {
        let bytes = crate::load::read_wasm(file)?;
        if wisp::component::is_component(&bytes) {
            return inspect_component(&engine, file, &bytes, as_json);
        }
    }
    let (module, wasm) = load(&engine, file)?;
    let summary = summarize(&module, &wasm);
    emit(&if as_json {
        to_json(file, &summary)
    } else {
        to_text(file, &summary)
    });
    Ok(())
}

/// `wisp inspect` of a component: its world as WIT (or, with `--json`,
/// its imports and exports by name and kind, and the WIT).
#[cfg(feature = "component")]
fn inspect_component(
    engine: &Engine,
    file: &Path,
    bytes: &[u8],
    as_json: bool,
) -> Result<(), Failure> {
    use wisp::component::{Component, ItemType};
    let component = Component::new(engine, bytes)
        .map_err(|e| crate::load::load_failure(file, wisp::LoadError::Module(e)))?;
    let world = component.world();
    let stem = file
        .file_stem()
        .map_or("root".into(), |s| s.to_string_lossy().into_owned());
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let wit = world.to_wit(name.trim_matches('-'));
    if !as_json {
        emit(&format!("{}: a component\n{wit}", file.display()));
        return Ok(());
    }
    let kind = |item: &ItemType| match item {
        ItemType::Func(_) => "func",
        ItemType::Instance(_) => "instance",
        ItemType::Resource(_) | ItemType::Type(_) => "type",
        ItemType::Module => "module",
        ItemType::Component => "component",
        ItemType::Other => "other",
    };
    let list = |items: &[(String, ItemType)]| {
        json::array(items.iter().map(|(n, i)| {
            json::object([("name", json::string(n)), ("kind", json::string(kind(i)))])
        }))
    };
    emit(&json::object([
        ("file", json::string(&file.display().to_string())),
        ("kind", json::string("component")),
        ("imports", list(&world.imports)),
        ("exports", list(&world.exports)),
        ("wit", json::string(&wit)),
    ]));
    Ok(())
}

fn kind(ty: &ExternType) -> &'static str {
    match ty {
        ExternType::Func(_) => "func",
        ExternType::Global(_) => "global",
        ExternType::Table(_) => "table",
        ExternType::Memory(_) => "memory",
        ExternType::Tag(_) => "tag",
    }
}

fn summarize(module: &Module, wasm: &[u8]) -> Summary {
    let imports: Vec<_> = module
        .imports()
        .map(|i| {
            (
                i.module().to_string(),
                i.name().to_string(),
                kind(i.ty()),
                i.ty().to_string(),
            )
        })
        .collect();
    let exports = module
        .exports()
        .map(|e| (e.name().to_string(), kind(e.ty()), e.ty().to_string()))
        .collect();
    // The module API has no type or function counts; the bytes (already
    // validated) have them.
    let (mut types, mut defined_funcs) = (0, 0);
    for payload in Parser::new(0).parse_all(wasm) {
        match payload {
            Ok(Payload::TypeSection(reader)) => {
                types += reader
                    .into_iter()
                    .flatten()
                    .map(|group| group.types().count())
                    .sum::<usize>();
            }
            Ok(Payload::FunctionSection(reader)) => defined_funcs += reader.count() as usize,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Summary {
        name: module.name().map(str::to_string),
        types,
        imported_funcs: imports.iter().filter(|i| i.2 == "func").count(),
        defined_funcs,
        imports,
        exports,
    }
}

fn to_text(file: &Path, s: &Summary) -> String {
    let mut out = format!("{}", file.display());
    if let Some(name) = &s.name {
        out += &format!(" (module ${name})");
    }
    out += &format!("\ntypes: {}\n", s.types);
    out += &format!(
        "functions: {} ({} imported, {} defined)\n",
        s.imported_funcs + s.defined_funcs,
        s.imported_funcs,
        s.defined_funcs
    );
    out += &format!("imports ({}):\n", s.imports.len());
    for (module, name, _, ty) in &s.imports {
        out += &format!("  {module}.{name}: {ty}\n");
    }
    out += &format!("exports ({}):\n", s.exports.len());
    for (name, _, ty) in &s.exports {
        out += &format!("  {name}: {ty}\n");
    }
    out
}

fn to_json(file: &Path, s: &Summary) -> String {
    let imports = s.imports.iter().map(|(module, name, kind, ty)| {
        json::object([
            ("module", json::string(module)),
            ("name", json::string(name)),
            ("kind", json::string(kind)),
            ("type", json::string(ty)),
        ])
    });
    let exports = s.exports.iter().map(|(name, kind, ty)| {
        json::object([
            ("name", json::string(name)),
            ("kind", json::string(kind)),
            ("type", json::string(ty)),
        ])
    });
    json::object([
        ("file", json::string(&file.display().to_string())),
        (
            "name",
            s.name.as_deref().map_or("null".into(), json::string),
        ),
        ("types", s.types.to_string()),
        (
            "functions",
            json::object([
                ("total", (s.imported_funcs + s.defined_funcs).to_string()),
                ("imported", s.imported_funcs.to_string()),
                ("defined", s.defined_funcs.to_string()),
            ]),
        ),
        ("imports", json::array(imports)),
        ("exports", json::array(exports)),
    ])
}
