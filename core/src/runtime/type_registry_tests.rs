//! The engine's type registry: equivalent types of different modules share
//! an id, others do not; recursive groups; subtyping; import matching by it.

use super::subtyping::{heap_subtype, val_subtype};
use crate::{
    Config, Engine, ErrorKind, FuncType, HeapType, Instance, Module, RefType, Store, TypeId,
    ValType,
};
use alloc::{string::ToString, vec::Vec};

/// An engine whose modules may use recursion groups, struct types and
/// declared supertypes (GC types validate; no GC instruction is used).
fn engine() -> Engine {
    let mut config = Config::new();
    config.wasm_gc(true);
    Engine::new(&config)
}

fn module(engine: &Engine, wat: &str) -> Module {
    Module::new(engine, wat::parse_str(wat).unwrap()).unwrap()
}

/// The engine id of every type of the module `wat`.
fn ids(engine: &Engine, wat: &str) -> Vec<TypeId> {
    module(engine, wat)
        .info
        .type_ids
        .values()
        .copied()
        .collect()
}

fn concrete(id: TypeId, nullable: bool) -> ValType {
    ValType::Ref(RefType {
        nullable,
        heap: HeapType::Canonical(id),
    })
}

#[test]
fn equal_groups_of_two_modules_share_ids() {
    let engine = engine();
    let wat = r#"(module
      (type $a (func (param i32) (result i64)))
      (rec (type $b (func (param (ref $c)))) (type $c (struct (field (ref null $b))))))"#;
    let first = ids(&engine, wat);
    let registered = engine.types().len();
    let second = ids(&engine, wat);
    assert_eq!(first, second);
    assert_eq!(engine.types().len(), registered, "registered once");
    // Names and parameter names do not matter; a different position does.
    let third = ids(
        &engine,
        r#"(module
          (type (func (param $x i32) (result i64)))
          (type (func))
          (rec (type $p (func (param (ref $q)))) (type $q (struct (field (ref null $p))))))"#,
    );
    assert_eq!(third[0], first[0]);
    assert_eq!(&third[2..], &first[1..]);
    assert_ne!(third[1], first[0]);
}

#[test]
fn different_groups_differ() {
    let engine = engine();
    let alone = ids(&engine, "(module (type (func)))");
    let with_struct = ids(&engine, "(module (rec (type (func)) (type (struct))))");
    let struct_first = ids(&engine, "(module (rec (type (struct)) (type (func))))");
    assert_ne!(alone[0], with_struct[0]);
    assert_ne!(with_struct[0], struct_first[1]);
    assert_ne!(with_struct[1], with_struct[0]);
    // A final type and an open one of the same structure are different.
    let open = ids(&engine, "(module (type (sub (func))))");
    assert_ne!(open[0], alone[0]);
}

#[test]
fn recursive_groups_are_closed_over_their_position() {
    let engine = engine();
    let direct = ids(&engine, "(module (rec (type $t (func (param (ref $t))))))");
    let again = ids(&engine, "(module (type $u (func (param (ref $u)))))");
    assert_eq!(direct, again);
    // Two mutually recursive types: each is its own type, equal to the one
    // at the same position of an isomorphic group, not to the other one.
    let pair = r#"(module (rec
      (type $a (func (param i32 (ref $b))))
      (type $b (func (param i32 (ref $a))))))"#;
    let (x, y) = (ids(&engine, pair), ids(&engine, pair));
    assert_eq!(x, y);
    assert_ne!(x[0], x[1]);
    assert_ne!(x[0], direct[0]);
    // The registered definition refers to the group's own ids.
    let def = engine.types().get(x[0]);
    let params = def.func().unwrap().params().to_vec();
    assert_eq!(params, [ValType::I32, concrete(x[1], false)]);
}

#[test]
fn host_signatures_share_ids_with_singleton_groups() {
    let engine = engine();
    let wasm = ids(&engine, "(module (type (func (param i32) (result i32))))");
    let host = engine
        .types()
        .register_func(&FuncType::new([ValType::I32], [ValType::I32]));
    assert_eq!(host, wasm[0]);
    let in_group = ids(
        &engine,
        "(module (rec (type (func (param i32) (result i32))) (type (struct))))",
    );
    assert_ne!(host, in_group[0]);
}

#[test]
fn subtyping_of_heap_and_value_types() {
    let engine = engine();
    let types = engine.types();
    let t = ids(
        &engine,
        r#"(module
          (type $f (func))
          (type $base (sub (func (param i32))))
          (type $derived (sub $base (func (param i32))))
          (type $s (struct)))"#,
    );
    let (f, base, derived, s) = (t[0], t[1], t[2], t[3]);
    let c = HeapType::Canonical;
    assert!(heap_subtype(types, c(f), HeapType::Func));
    assert!(heap_subtype(types, HeapType::NoFunc, c(f)));
    assert!(!heap_subtype(types, HeapType::Func, c(f)));
    assert!(!heap_subtype(types, c(f), HeapType::Any));
    assert!(heap_subtype(types, c(s), HeapType::Eq));
    assert!(heap_subtype(types, HeapType::None, c(s)));
    assert!(!heap_subtype(types, HeapType::NoFunc, c(s)));
    assert!(heap_subtype(types, c(derived), c(base)));
    assert!(!heap_subtype(types, c(base), c(derived)));
    assert!(!heap_subtype(types, c(f), c(base)));
    // Non-null below nullable, not the other way; numbers only themselves.
    assert!(val_subtype(types, concrete(f, false), concrete(f, true)));
    assert!(!val_subtype(types, concrete(f, true), concrete(f, false)));
    assert!(val_subtype(types, concrete(f, false), ValType::FUNCREF));
    assert!(!val_subtype(types, ValType::FUNCREF, concrete(f, true)));
    assert!(!val_subtype(types, ValType::EXTERNREF, ValType::FUNCREF));
    assert!(!val_subtype(types, ValType::I32, ValType::I64));
}

/// Instantiates `importer` with the exports `names` of an instance of
/// `exporter`.
fn link(
    engine: &Engine,
    exporter: &str,
    importer: &str,
    names: &[&str],
) -> Result<(), crate::Error> {
    let mut store = Store::new(engine, ());
    let exporter = Instance::new(&mut store, &module(engine, exporter), &[])?;
    let imports: Vec<_> = names
        .iter()
        .map(|n| exporter.get_export(&store, n).unwrap())
        .collect();
    Instance::new(&mut store, &module(engine, importer), &imports).map(drop)
}

#[test]
fn imports_match_by_subtyping() {
    let engine = engine();
    let exporter = r#"(module
      (type $t (func))
      (type $base (sub (func)))
      (type $derived (sub $base (func)))
      (func $f (type $t))
      (func (export "derived") (type $derived))
      (global (export "g") (ref $t) (ref.func $f))
      (global (export "mut") (mut (ref null $t)) (ref.null $t))
      (table (export "tab") 1 (ref null $t)))"#;
    // An immutable global may be of a subtype; a function of a declared
    // subtype matches its supertype.
    link(
        &engine,
        exporter,
        r#"(module (type $u (func))
          (global (import "m" "g") (ref null $u)))"#,
        &["g"],
    )
    .unwrap();
    link(
        &engine,
        exporter,
        r#"(module (type $b (sub (func)))
          (func (import "m" "f") (type $b)))"#,
        &["derived"],
    )
    .unwrap();
    // A mutable global and a table must be of the same type.
    for importer in [
        r#"(module (global (import "m" "g") (mut (ref null func))))"#,
        r#"(module (type $u (func)) (global (import "m" "g") (mut (ref $u))))"#,
        r#"(module (global (import "m" "g") (ref null extern)))"#,
        r#"(module (table (import "m" "t") 1 funcref))"#,
    ] {
        let name = if importer.contains("table") {
            "tab"
        } else {
            "mut"
        };
        let e = link(&engine, exporter, importer, &[name]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Link(_)), "{importer}");
        assert!(e.to_string().contains("incompatible import type"), "{e}");
    }
}

#[test]
#[allow(unsafe_code)]
fn a_deserialized_module_has_the_ids_of_its_original() {
    let engine = engine();
    let original = module(
        &engine,
        r#"(module (rec (type $t (func (param (ref $s)))) (type $s (struct (field (mut i8)))))
          (func (export "f") (type $t)))"#,
    );
    let bytes = original.serialize().unwrap();
    // SAFETY: the bytes are the serialization of a module of this engine.
    let loaded = unsafe { Module::deserialize(&engine, &bytes) }.unwrap();
    assert_eq!(loaded.info.type_ids, original.info.type_ids);
    let ty = |m: &Module| m.exports().next().unwrap().ty().to_string();
    assert_eq!(ty(&loaded), ty(&original));
}
