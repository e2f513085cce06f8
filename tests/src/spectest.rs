//! The `spectest` host module that the specification's scripts import from.

use std::collections::HashMap;
use wisp::{
    Extern, Func, Global, GlobalType, Memory, MemoryType, RefType, Store, Table, TableType, Val,
    ValType,
};

/// Creates the entities of the `spectest` module in `store` and returns them
/// by export name: the `print*` functions (which do nothing), the globals
/// `global_i32` / `global_i64` (666) and `global_f32` / `global_f64` (666.6),
/// `table` (funcref, 10..20), `table64` (the same, 64-bit indexed), `memory`
/// (1..2 pages) and `shared_memory` (1..2 pages, shared). `spectest.unknown`
/// is deliberately missing, for the unlinkable tests.
pub(crate) fn exports(store: &mut Store<()>) -> Result<HashMap<String, Extern>, wisp::Error> {
    let mut ex: HashMap<String, Extern> = HashMap::new();
    let mut func = |name: &str, f: Func| {
        ex.insert(name.into(), f.into());
    };
    func("print", Func::wrap(store, || {}));
    func("print_i32", Func::wrap(store, |_: i32| {}));
    func("print_i64", Func::wrap(store, |_: i64| {}));
    func("print_f32", Func::wrap(store, |_: f32| {}));
    func("print_f64", Func::wrap(store, |_: f64| {}));
    func("print_i32_f32", Func::wrap(store, |_: i32, _: f32| {}));
    func("print_f64_f64", Func::wrap(store, |_: f64, _: f64| {}));

    let globals = [
        ("global_i32", ValType::I32, Val::I32(666)),
        ("global_i64", ValType::I64, Val::I64(666)),
        ("global_f32", ValType::F32, Val::from(666.6f32)),
        ("global_f64", ValType::F64, Val::from(666.6f64)),
    ];
    for (name, ty, value) in globals {
        let g = Global::new(&mut *store, GlobalType::new(ty, false), value)?;
        ex.insert(name.into(), g.into());
    }

    let table_ty = TableType::new(RefType::FUNCREF, 10, Some(20));
    let table = Table::new(&mut *store, table_ty, Val::FuncRef(None))?;
    ex.insert("table".into(), table.into());
    let table64 = Table::new(
        &mut *store,
        TableType {
            table64: true,
            ..table_ty
        },
        Val::FuncRef(None),
    )?;
    ex.insert("table64".into(), table64.into());

    let memory_ty = MemoryType::new(1, Some(2));
    ex.insert("memory".into(), Memory::new(&mut *store, memory_ty)?.into());
    let shared = wisp::SharedMemory::new(
        store.engine(),
        MemoryType {
            shared: true,
            ..memory_ty
        },
    )?;
    ex.insert("shared_memory".into(), shared.into());
    Ok(ex)
}
