//! References and handles cannot be forged: a handle of one store used with
//! another is an error (or a panic where the method returns no `Result`),
//! a reference of one type cannot stand for another, and host data behind an
//! `externref` comes back as it went in.

use crate::{
    Engine, ExternRef, Func, Global, GlobalType, Linker, Module, RefType, Store, Table, TableType,
    Val, ValType,
};
use alloc::string::ToString;

fn module(engine: &Engine, wat: &str) -> Module {
    Module::new(engine, wat::parse_str(wat).unwrap()).unwrap()
}

const MODULE: &str = r#"(module
  (memory (export "memory") 1)
  (global (export "g") (mut i32) (i32.const 1))
  (table (export "funcs") 2 funcref)
  (table (export "externs") 2 externref)
  (func (export "id") (param externref) (result externref) local.get 0)
  (func (export "f") (result i32) i32.const 7))"#;

/// Two stores of one engine, each with an instance of [`MODULE`].
fn two_stores() -> (Store<()>, crate::Instance, Store<()>, crate::Instance) {
    let engine = Engine::default();
    let m = module(&engine, MODULE);
    let mut a = Store::new(&engine, ());
    let ia = Linker::new(&engine).instantiate(&mut a, &m).unwrap();
    let mut b = Store::new(&engine, ());
    let ib = Linker::new(&engine).instantiate(&mut b, &m).unwrap();
    (a, ia, b, ib)
}

#[test]
fn handles_of_another_store_are_errors() {
    let (a, ia, mut b, ib) = two_stores();
    let f = ia.get_func(&a, "f").unwrap();
    let memory = ia.get_memory(&a, "memory").unwrap();
    let global = ia.get_global(&a, "g").unwrap();
    let table = ia.get_table(&a, "funcs").unwrap();
    let mut out = [Val::I32(0)];
    assert!(f.call(&mut b, &[], &mut out).is_err());
    assert!(f.typed::<(), i32>(&a).unwrap().call(&mut b, ()).is_err());
    assert!(memory.grow(&mut b, 1).is_err());
    assert!(memory.write(&mut b, 0, b"x").is_err());
    assert!(global.set(&mut b, Val::I32(5)).is_err());
    assert!(table.set(&mut b, 0, Val::FuncRef(None)).is_err());
    assert!(table.grow(&mut b, 1, Val::FuncRef(None)).is_err());
    // Store b's own entities are untouched.
    let own = ib.get_global(&b, "g").unwrap();
    assert_eq!(own.get(&b).i32(), Some(1));
    // Importing another store's entity is a link error.
    let engine = b.engine().clone();
    let importer = module(&engine, r#"(module (import "a" "f" (func (result i32))))"#);
    let mut linker = Linker::new(&engine);
    linker.define("a", "f", crate::Extern::Func(f)).unwrap();
    let e = linker.instantiate(&mut b, &importer).unwrap_err();
    assert!(e.to_string().contains("another store"), "{e}");
}

#[test]
#[should_panic(expected = "of another store")]
fn accessors_panic_on_another_store() {
    let (a, ia, b, _) = two_stores();
    let memory = ia.get_memory(&a, "memory").unwrap();
    let _ = memory.data(&b);
}

#[test]
fn references_of_another_store_are_refused() {
    let (mut a, ia, mut b, ib) = two_stores();
    let fa = ia.get_func(&a, "f").unwrap();
    let funcs_b = ib.get_table(&b, "funcs").unwrap();
    let e = funcs_b.set(&mut b, 0, Val::FuncRef(Some(fa))).unwrap_err();
    assert!(e.to_string().contains("another store"), "{e}");
    let ra = ExternRef::new(&mut a, 1u32);
    let id_b = ib.get_func(&b, "id").unwrap();
    let mut out = [Val::ExternRef(None)];
    let e = id_b
        .call(&mut b, &[Val::ExternRef(Some(ra))], &mut out)
        .unwrap_err();
    assert!(e.to_string().contains("another store"), "{e}");
    let g = Global::new(
        &mut b,
        GlobalType {
            content: ValType::FUNCREF,
            mutable: true,
        },
        Val::FuncRef(None),
    )
    .unwrap();
    assert!(g.set(&mut b, Val::FuncRef(Some(fa))).is_err());
}

#[test]
fn one_reference_type_cannot_stand_for_another() {
    let (mut a, ia, _, _) = two_stores();
    let f = ia.get_func(&a, "f").unwrap();
    let r = ExternRef::new(&mut a, "host data");
    let funcs = ia.get_table(&a, "funcs").unwrap();
    let externs = ia.get_table(&a, "externs").unwrap();
    assert!(funcs.set(&mut a, 0, Val::ExternRef(Some(r))).is_err());
    assert!(externs.set(&mut a, 0, Val::FuncRef(Some(f))).is_err());
    assert!(
        Table::new(
            &mut a,
            TableType {
                element: RefType::FUNCREF,
                min: 1,
                max: None,
                table64: false,
            },
            Val::ExternRef(None),
        )
        .is_err()
    );
    let id = ia.get_func(&a, "id").unwrap();
    let mut out = [Val::ExternRef(None)];
    assert!(id.call(&mut a, &[Val::FuncRef(Some(f))], &mut out).is_err());
    // A host function may not return a funcref where an externref belongs.
    let engine = a.engine().clone();
    let caller = module(
        &engine,
        r#"(module (import "h" "r" (func $r (result externref)))
             (func (export "run") (result externref) call $r))"#,
    );
    let mut linker = Linker::new(&engine);
    let bad = Func::new(
        &mut a,
        crate::FuncType::new([], [ValType::EXTERNREF]),
        move |_, _, results| {
            results[0] = Val::FuncRef(Some(f));
            Ok(())
        },
    );
    linker.define("h", "r", crate::Extern::Func(bad)).unwrap();
    let inst = linker.instantiate(&mut a, &caller).unwrap();
    let run = inst.get_func(&a, "run").unwrap();
    let e = run.call(&mut a, &[], &mut out).unwrap_err();
    assert!(
        e.to_string()
            .contains("wrong type: a value of type funcref where externref is expected"),
        "{e}"
    );
}

#[test]
fn host_data_round_trips_through_wasm() {
    let (mut a, ia, _, _) = two_stores();
    let r = ExternRef::new(&mut a, alloc::string::String::from("payload"));
    let id = ia.get_func(&a, "id").unwrap();
    let mut out = [Val::ExternRef(None)];
    id.call(&mut a, &[Val::ExternRef(Some(r))], &mut out)
        .unwrap();
    let Val::ExternRef(Some(back)) = out[0] else {
        panic!("expected a host reference, got {:?}", out[0]);
    };
    assert_eq!(back, r);
    let text = back.data(&a).downcast_ref::<alloc::string::String>();
    assert_eq!(text.map(|s| s.as_str()), Some("payload"));
    let externs = ia.get_table(&a, "externs").unwrap();
    externs.set(&mut a, 1, Val::ExternRef(Some(r))).unwrap();
    assert_eq!(externs.get(&a, 1), Some(Val::ExternRef(Some(r))));
    assert_eq!(externs.get(&a, 0), Some(Val::ExternRef(None)));
}
