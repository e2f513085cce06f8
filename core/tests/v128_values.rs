//! `v128` values take two slots and survive every way a value moves without
//! SIMD arithmetic: locals, globals (defined, imported, exported), block and
//! `if` results, loop parameters, `select`, calls (direct and indirect, with
//! other values around them), host functions both ways, and the embedding
//! API (`Func::call`, `TypedFunc<u128, …>`, `Global::get/set`).

use wisp_core::{
    Config, Engine, FuncType, Global, GlobalType, Linker, Module, Store, Val, ValType,
};

const A: u128 = 0x0011_2233_4455_6677_8899_aabb_ccdd_eeff;
const B: u128 = 0xfedc_ba98_7654_3210_0f1e_2d3c_4b5a_6978;

const WAT: &str = r#"
(module
  (import "host" "swap" (func $swap (param v128 i32 v128) (result v128 i32 v128)))
  (import "host" "g" (global $imported (mut v128)))
  (import "host" "mix" (func $mix (param i64 v128) (result v128 i64)))
  (global $g (export "g") (mut v128) (v128.const i64x2 7 8))
  (table 1 funcref)
  (elem (i32.const 0) $pass)
  (type $pass_t (func (param i64 v128 f64) (result v128)))

  ;; Returns its v128 argument; the scalars around it must not disturb it.
  (func $pass (param i64 v128 f64) (result v128) (local v128)
    local.get 1
    local.set 3
    local.get 3)

  ;; Through a local, a block result, an if result, a loop parameter and a
  ;; direct call, with an i32 beneath on the stack.
  (func (export "roundtrip") (param $v v128) (result v128) (local $t v128) (local $n i32)
    i32.const 99
    (block (result v128) (local.get $v))
    local.tee $t
    drop
    (if (result v128) (i32.eqz (local.get $n))
      (then (local.get $t))
      (else (v128.const i64x2 0 0)))
    (loop $l (param v128) (result v128)
      local.set $t
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      local.get $t
      (br_if $l (i32.lt_u (local.get $n) (i32.const 3))))
    local.set $t
    (call $pass (i64.const -1) (local.get $t) (f64.const 2.5))
    local.set $t
    ;; The i32 beneath everything is still there.
    (if (i32.ne (i32.const 99)) (then unreachable))
    local.get $t)

  ;; call_indirect with a v128 argument and result.
  (func (export "indirect") (param v128) (result v128)
    (call_indirect (type $pass_t) (i64.const 1) (local.get 0) (f64.const 0) (i32.const 0)))

  (func (export "select") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))

  (func (export "typed_select") (param v128 v128 i32) (result v128)
    (select (result v128) (local.get 0) (local.get 1) (local.get 2)))

  ;; Globals: read, write, and the imported one.
  (func (export "set_g") (param v128) (global.set $g (local.get 0)))
  (func (export "get_g") (result v128) (global.get $g))
  (func (export "bump_imported") (result v128)
    (global.set $imported (global.get $g))
    (global.get $imported))

  ;; A host function taking and returning v128 values around an i32.
  (func (export "via_host") (param v128 v128) (result v128 i32 v128)
    (call $swap (local.get 0) (i32.const 5) (local.get 1)))

  (func (export "via_closure") (param v128) (result v128 i64)
    (call $mix (i64.const 3) (local.get 0)))

  (func (export "const") (result v128)
    v128.const i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c))
"#;

fn setup() -> (Store<()>, wisp_core::Instance, Global) {
    let mut config = Config::new();
    config.wasm_simd(true);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(WAT).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let swap = FuncType::new(
        [ValType::V128, ValType::I32, ValType::V128],
        [ValType::V128, ValType::I32, ValType::V128],
    );
    linker
        .func_new("host", "swap", swap, |_caller, params, results| {
            results[0] = params[2];
            results[1] = Val::I32(params[1].i32().unwrap() + 1);
            results[2] = params[0];
            Ok(())
        })
        .unwrap();
    linker
        .func_wrap("host", "mix", |n: i64, v: u128| (v.rotate_left(8), n * 2))
        .unwrap();
    let imported = Global::new(
        &mut store,
        GlobalType::new(ValType::V128, true),
        Val::V128(B),
    )
    .unwrap();
    linker.define("host", "g", imported).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (store, instance, imported)
}

#[test]
fn v128_values_move_through_locals_blocks_and_calls() {
    let (mut store, instance, _) = setup();
    let roundtrip = instance
        .get_typed_func::<u128, u128>(&store, "roundtrip")
        .unwrap();
    for v in [A, B, 0, u128::MAX] {
        assert_eq!(roundtrip.call(&mut store, v).unwrap(), v);
    }
    let indirect = instance.get_func(&store, "indirect").unwrap();
    let mut out = [Val::I32(0)];
    indirect
        .call(&mut store, &[Val::V128(A)], &mut out)
        .unwrap();
    assert_eq!(out[0], Val::V128(A));

    for name in ["select", "typed_select"] {
        let select = instance
            .get_typed_func::<(u128, u128, i32), u128>(&store, name)
            .unwrap();
        assert_eq!(select.call(&mut store, (A, B, 1)).unwrap(), A, "{name}");
        assert_eq!(select.call(&mut store, (A, B, 0)).unwrap(), B, "{name}");
    }
    let constant = instance
        .get_typed_func::<(), u128>(&store, "const")
        .unwrap();
    assert_eq!(
        constant.call(&mut store, ()).unwrap(),
        0x0f0e0d0c_0b0a0908_07060504_03020100
    );
}

#[test]
fn v128_globals_and_host_functions() {
    let (mut store, instance, imported) = setup();
    let g = instance.get_global(&store, "g").unwrap();
    assert_eq!(g.get(&store), Val::V128(8 << 64 | 7));
    let set = instance
        .get_typed_func::<u128, ()>(&store, "set_g")
        .unwrap();
    let get = instance
        .get_typed_func::<(), u128>(&store, "get_g")
        .unwrap();
    set.call(&mut store, A).unwrap();
    assert_eq!(get.call(&mut store, ()).unwrap(), A);
    assert_eq!(g.get(&store), Val::V128(A));
    g.set(&mut store, Val::V128(B)).unwrap();
    assert_eq!(get.call(&mut store, ()).unwrap(), B);

    let bump = instance
        .get_typed_func::<(), u128>(&store, "bump_imported")
        .unwrap();
    g.set(&mut store, Val::V128(A)).unwrap();
    assert_eq!(bump.call(&mut store, ()).unwrap(), A);
    assert_eq!(imported.get(&store), Val::V128(A));

    let via_host = instance
        .get_typed_func::<(u128, u128), (u128, i32, u128)>(&store, "via_host")
        .unwrap();
    assert_eq!(via_host.call(&mut store, (A, B)).unwrap(), (B, 6, A));
    let untyped = instance.get_func(&store, "via_host").unwrap();
    let mut out = [Val::I32(0), Val::I32(0), Val::I32(0)];
    untyped
        .call(&mut store, &[Val::V128(B), Val::V128(A)], &mut out)
        .unwrap();
    assert_eq!(out, [Val::V128(A), Val::I32(6), Val::V128(B)]);
    let via_closure = instance
        .get_typed_func::<u128, (u128, i64)>(&store, "via_closure")
        .unwrap();
    assert_eq!(
        via_closure.call(&mut store, A).unwrap(),
        (A.rotate_left(8), 6)
    );
    // A wrongly typed argument is an error, not a truncation.
    let err = untyped
        .call(&mut store, &[Val::I64(1), Val::V128(A)], &mut out)
        .unwrap_err();
    assert!(err.to_string().contains("v128"), "{err}");
}
