//! The `instantiate` target: modules with imports, linked against host
//! stand-ins, instantiated and run.
//!
//! Every import is satisfied by an item of its own type made by the host (a
//! function returning zeros or trapping, a global of zero, a fresh memory or
//! table of the declared minimum); the input can also leave one import out or
//! give one of the wrong kind. Instantiation must then succeed or fail with a
//! link error, a trap (a segment out of bounds, a trapping start function) or
//! a resource limit — and a link error only when the input spoiled an import.
//! Each export is then called once with zero arguments and bounded fuel. A
//! panic, a leak (LeakSanitizer, under cargo-fuzz) or a hang is a failure.

use crate::modules;
use arbitrary::Unstructured;
use wisp::{
    Engine, Error, ErrorKind, Extern, ExternType, Func, Global, Linker, Memory, Store, Table, Tag,
    Trap, Val, ValType,
};

/// Fuel for instantiation and for each call.
const FUEL: u64 = 10_000;

/// How the input spoils the imports, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spoil {
    None,
    Missing(usize),
    WrongKind(usize),
}

fn zero(ty: &ValType) -> Option<Val> {
    match ty {
        // A non-nullable reference has no zero.
        ValType::Ref(r) if !r.nullable => None,
        ty => Some(Val::default_for(*ty)),
    }
}

/// A host item of type `ty`; `None` when the store refuses to make it (a
/// memory or table larger than its limits), which the linker then reports.
fn stand_in(store: &mut Store<()>, ty: &ExternType, traps: bool) -> Option<Extern> {
    Some(match ty {
        ExternType::Func(ty) => {
            // Results without a zero (non-nullable references): the
            // stand-in traps instead.
            let results: Option<Vec<Val>> = ty.results().iter().map(zero).collect();
            Func::new(store, ty.clone(), move |_, _, out| match &results {
                Some(results) if !traps => {
                    out.clone_from_slice(results);
                    Ok(())
                }
                _ => Err(Trap::host("host stand-in traps")),
            })
            .into()
        }
        ExternType::Global(ty) => Global::new(&mut *store, *ty, zero(&ty.content)?)
            .ok()?
            .into(),
        ExternType::Memory(ty) => Memory::new(&mut *store, *ty).ok()?.into(),
        ExternType::Table(ty) => Table::new(&mut *store, *ty, zero(&ValType::Ref(ty.element))?)
            .ok()?
            .into(),
        ExternType::Tag(ty) => Tag::new(&mut *store, ty).ok()?.into(),
    })
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let config = modules::executed_config();
    // GC on: the allocator and collector run on whatever the generator
    // allocates (this target compares with no oracle, so nothing limits
    // it to what wasmi runs).
    let smith_config = wasm_smith::Config {
        max_imports: 20,
        gc_enabled: true,
        ..modules::executed_smith_config()
    };
    if let Some((bytes, u)) = modules::module_from_input(data, &config, smith_config) {
        run_module(&bytes, u);
    }
}

/// Links, instantiates and runs `bytes`, spoiling imports as `u` says.
fn run_module(bytes: &[u8], mut u: Unstructured<'_>) {
    let mut config = modules::executed_config();
    config.consume_fuel(true);
    let engine = Engine::new(&config);
    let Ok(module) = wisp::Module::new(&engine, bytes) else {
        return; // The parse target checks compilation.
    };
    let imports: Vec<(String, String, ExternType)> = module
        .imports()
        .map(|i| (i.module().to_string(), i.name().to_string(), i.ty().clone()))
        .collect();
    let spoil = choose_spoil(&mut u, imports.len());
    let host_traps: bool = u.arbitrary().unwrap_or(false);

    let mut store = Store::new(&engine, ());
    store.set_memory_limit(Some(modules::MEMORY_LIMIT_BYTES * 4));
    let mut linker = Linker::new(&engine);
    // A function or tag import of a type no host item has is a link error.
    let mut refused = !host_can_meet_func_imports(bytes);
    let mut defined: Vec<(&str, &str, &ExternType)> = Vec::new();
    for (index, (module_name, name, ty)) in imports.iter().enumerate() {
        if spoil == Spoil::Missing(index) {
            continue;
        }
        // A module may import one name twice; the linker holds one item
        // per name, so two different types under one name cannot both be
        // met.
        if let Some(&(_, _, first)) = defined
            .iter()
            .find(|(m, n, _)| m == module_name && n == name)
        {
            refused |= first != ty;
            continue;
        }
        defined.push((module_name, name, ty));
        let item = if spoil == Spoil::WrongKind(index) {
            wrong_kind(&mut store, ty)
        } else {
            stand_in(&mut store, ty, host_traps)
        };
        match item {
            Some(item) => {
                linker.define(module_name, name, item).expect("a new name");
            }
            None => refused = true,
        }
    }
    store.set_fuel(FUEL).expect("fuel is on");
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        Err(error) => {
            check_failure(&error, spoil != Spoil::None || refused);
            return;
        }
    };
    for (_, item) in instance.exports(&store) {
        let Extern::Func(func) = item else {
            continue;
        };
        let ty = func.ty(&store);
        // A function taking a non-nullable reference cannot be given a zero.
        let Some(args) = ty.params().iter().map(zero).collect::<Option<Vec<Val>>>() else {
            continue;
        };
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        store.set_fuel(FUEL).expect("fuel is on");
        if let Err(error) = func.call(&mut store, &args, &mut results) {
            assert!(
                error.as_trap().is_some() || error.as_exception().is_some(),
                "a call failed without a trap or an exception: {error}"
            );
        }
    }
}

/// Whether a host function (or tag) can have the type of every function
/// (or tag) import: a host function's or tag's type is final, without
/// supertype, alone in its recursion group and not recursive (`Func::new`,
/// `Tag::new`), and a defined type is only ever equal to one declared the
/// same way (GC's type canonicalization).
fn host_can_meet_func_imports(bytes: &[u8]) -> bool {
    use wasmparser::{Parser, Payload, TypeRef};
    let mut expressible = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload {
            Ok(Payload::TypeSection(reader)) => {
                for group in reader.into_iter().flatten() {
                    let alone = group.types().len() == 1;
                    for ty in group.types() {
                        let index = expressible.len() as u32;
                        let plain = ty.is_final && ty.supertype_idxs.is_empty();
                        expressible.push(alone && plain && !refers_to(ty, index));
                    }
                }
            }
            Ok(Payload::ImportSection(reader)) => {
                for import in reader.into_imports().flatten() {
                    let t = match import.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => t,
                        TypeRef::Tag(tag) => tag.func_type_idx,
                        _ => continue,
                    };
                    if !expressible.get(t as usize).copied().unwrap_or(false) {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    true
}

/// Whether function type `ty` (the module's type `index`) names itself in
/// a parameter or result: a host function's type names types by engine id
/// and so cannot be recursive.
fn refers_to(ty: &wasmparser::SubType, index: u32) -> bool {
    let wasmparser::CompositeInnerType::Func(f) = &ty.composite_type.inner else {
        return false;
    };
    f.params().iter().chain(f.results()).any(|v| match v {
        wasmparser::ValType::Ref(r) => matches!(
            r.heap_type(),
            wasmparser::HeapType::Concrete(i) | wasmparser::HeapType::Exact(i)
                if i.as_module_index() == Some(index)
        ),
        _ => false,
    })
}

fn choose_spoil(u: &mut Unstructured<'_>, imports: usize) -> Spoil {
    if imports == 0 {
        return Spoil::None;
    }
    match u.int_in_range(0u8..=7).unwrap_or(0) {
        6 => Spoil::Missing(u.choose_index(imports).unwrap_or(0)),
        7 => Spoil::WrongKind(u.choose_index(imports).unwrap_or(0)),
        _ => Spoil::None,
    }
}

/// An item of another kind than `ty`.
fn wrong_kind(store: &mut Store<()>, ty: &ExternType) -> Option<Extern> {
    let global = ExternType::Global(wisp::GlobalType::new(ValType::I32, false));
    let func = ExternType::Func(wisp::FuncType::new([ValType::I32], []));
    match ty {
        ExternType::Func(_) => stand_in(store, &global, false),
        _ => stand_in(store, &func, false),
    }
}

/// A failed instantiation must say why in one of the expected ways.
fn check_failure(error: &Error, imports_spoiled: bool) {
    match error.kind() {
        ErrorKind::Link(message) => assert!(
            imports_spoiled,
            "link error with every import given its own type: {message}"
        ),
        ErrorKind::Trap(_) | ErrorKind::Exception(_) | ErrorKind::Limit(_) => {}
        other => panic!("instantiation failed unexpectedly: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_with_imports_instantiate_and_run() {
        let module = wat::parse_str(
            r#"(module
                (import "env" "f" (func $f (param i32) (result i64)))
                (import "env" "g" (global i32))
                (import "env" "m" (memory 1))
                (import "env" "t" (table 1 funcref))
                (func (export "call") (result i64) i32.const 0 call $f)
                (data (i32.const 0) "hi"))"#,
        )
        .unwrap();
        // No spoiling, a missing import, imports of the wrong kind, host
        // functions that trap.
        for input in [[0u8, 0], [6, 0], [7, 1], [7, 0], [7, 3], [0, 1]] {
            run_module(&module, Unstructured::new(&input));
        }
        run(&module);
    }

    #[test]
    #[should_panic(expected = "link error with every import given its own type")]
    fn an_unexpected_link_error_is_reported() {
        let engine = Engine::default();
        let module = wisp::Module::new(
            &engine,
            &wat::parse_str(r#"(module (import "a" "b" (func)))"#).unwrap(),
        )
        .unwrap();
        let mut store = Store::new(&engine, ());
        let error = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap_err();
        check_failure(&error, false);
    }
}
