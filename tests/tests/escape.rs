//! The escape suite: a guest trying to read or write outside what it was
//! given — its linear memory (every access width, at the boundaries, with
//! offsets that would wrap), bulk memory operations, tables, an imported
//! memory, and WASI paths and descriptors. Each attempt must fail with the
//! right trap code or errno and leave everything outside unchanged.
//!
//! The cases are tables; docs/security.md lists them. The fixed modules
//! are in `tests/escape/`; the load/store modules are generated here from
//! the table of access widths.

use wisp::{Config, Engine, Instance, Linker, Memory, Module, Store, TrapCode, Val};

/// One 64 KiB page: every memory in this suite has exactly one.
const PAGE: u64 = 65_536;
/// The byte every store in the suite writes (the low byte of its value).
const STORED: u8 = 0x08;
/// The byte a neighbouring memory is filled with, to see stray writes.
const CANARY: u8 = 0xaa;

/// A load: its mnemonic, width in bytes, and the instructions that turn
/// its result into an `i64`.
const LOADS: &[(&str, u64, &str)] = &[
    ("i32.load", 4, "i64.extend_i32_u"),
    ("i64.load", 8, ""),
    ("f32.load", 4, "i32.reinterpret_f32 i64.extend_i32_u"),
    ("f64.load", 8, "i64.reinterpret_f64"),
    ("i32.load8_s", 1, "i64.extend_i32_u"),
    ("i32.load8_u", 1, "i64.extend_i32_u"),
    ("i32.load16_s", 2, "i64.extend_i32_u"),
    ("i32.load16_u", 2, "i64.extend_i32_u"),
    ("i64.load8_s", 1, ""),
    ("i64.load8_u", 1, ""),
    ("i64.load16_s", 2, ""),
    ("i64.load16_u", 2, ""),
    ("i64.load32_s", 4, ""),
    ("i64.load32_u", 4, ""),
];

/// A store: its mnemonic, width in bytes, and the value it stores (whose
/// low byte is [`STORED`]).
const STORES: &[(&str, u64, &str)] = &[
    ("i32.store", 4, "i32.const 0x01020308"),
    ("i64.store", 8, "i64.const 0x0102030405060708"),
    ("f32.store", 4, "i32.const 0x01020308 f32.reinterpret_i32"),
    (
        "f64.store",
        8,
        "i64.const 0x0102030405060708 f64.reinterpret_i64",
    ),
    ("i32.store8", 1, "i32.const 0x01020308"),
    ("i32.store16", 2, "i32.const 0x01020308"),
    ("i64.store8", 1, "i64.const 0x0102030405060708"),
    ("i64.store16", 2, "i64.const 0x0102030405060708"),
    ("i64.store32", 4, "i64.const 0x0102030405060708"),
];

/// An access attempt: static offset, dynamic address, and whether it is in
/// bounds. Built per width by [`cases32`] and [`cases64`].
#[derive(Debug, Clone, Copy)]
struct Access {
    offset: u64,
    addr: u64,
    ok: bool,
}

/// The boundary cases for a 32-bit memory of one page and a `w`-byte
/// access: the last valid address, one past, the end, and sums of address
/// and offset that a 32-bit addition would wrap to a small address.
fn cases32(w: u64) -> Vec<Access> {
    let max = u32::MAX as u64;
    let a = |offset, addr, ok| Access { offset, addr, ok };
    vec![
        a(0, 0, true),
        a(0, PAGE - w, true),
        a(0, PAGE - w + 1, false),
        a(0, PAGE, false),
        a(0, max, false),
        a(0, max - w + 1, false),
        a(1, PAGE - w - 1, true),
        a(1, PAGE - w, false),
        a(65_535, 0, w == 1),
        a(65_535, 1, false),
        a(PAGE - w, 0, true),
        a(PAGE - w, 1, false),
        a(PAGE, 0, false),
        a(max, 0, false),
        a(max, 1, false),
        a(max, max, false),
        a(1 << 31, 1 << 31, false),
        a(max - w + 1, w, false),
    ]
}

/// The boundary cases for a 64-bit memory of one page: as for 32 bits, and
/// addresses near 2^64 and above 2^32 (which must not be truncated).
fn cases64(w: u64) -> Vec<Access> {
    let max32 = u32::MAX as u64;
    let a = |offset, addr, ok| Access { offset, addr, ok };
    vec![
        a(0, PAGE - w, true),
        a(0, PAGE - w + 1, false),
        a(PAGE - w, 0, true),
        a(1, PAGE - w, false),
        a(0, 1 << 32, false),
        a(0, (1 << 32) + PAGE - w, false),
        a(0, 1 << 63, false),
        a(0, u64::MAX, false),
        a(0, u64::MAX - w + 1, false),
        a(1, u64::MAX, false),
        a(w, u64::MAX - w + 1, false),
        a(max32, u64::MAX - max32 + 1, false),
        a(max32, u64::MAX, false),
        a(max32, 1, false),
    ]
}

/// The static offsets `cases` use, each once.
fn offsets(cases: &[Access]) -> Vec<u64> {
    let mut offs: Vec<u64> = cases.iter().map(|c| c.offset).collect();
    offs.sort_unstable();
    offs.dedup();
    offs
}

/// A module with one page of memory (`i64` addresses when `memory64`) that
/// exports, for every load and store and every offset its cases use, a
/// function `"{op}@{offset}"` taking the address: loads return the value
/// as an `i64`, stores write their value.
fn access_module(memory64: bool) -> String {
    let (idx, cases): (&str, fn(u64) -> Vec<Access>) = if memory64 {
        ("i64", cases64)
    } else {
        ("i32", cases32)
    };
    let mut wat = format!("(module (memory (export \"memory\") {idx} 1)\n");
    for &(op, w, widen) in LOADS {
        for off in offsets(&cases(w)) {
            wat += &format!(
                "(func (export \"{op}@{off}\") (param {idx}) (result i64)
                   local.get 0 {op} offset={off} {widen})\n"
            );
        }
    }
    for &(op, w, value) in STORES {
        for off in offsets(&cases(w)) {
            wat += &format!(
                "(func (export \"{op}@{off}\") (param {idx})
                   local.get 0 {value} {op} offset={off})\n"
            );
        }
    }
    wat + ")"
}

/// An engine with the memory64 proposal on.
fn engine64() -> Engine {
    let mut config = Config::new();
    config.wasm_memory64(true);
    Engine::new(&config)
}

/// A store holding the module under attack and, instantiated before it, a
/// neighbour whose one page is filled with [`CANARY`].
struct Arena {
    store: Store<()>,
    guest: Instance,
    memory: Memory,
    neighbour: Memory,
}

impl Arena {
    /// Instantiates `wat` next to a canary memory.
    fn new(engine: &Engine, wat: &str) -> Self {
        let mut store = Store::new(engine, ());
        let linker = Linker::new(engine);
        let canary = compile(engine, r#"(module (memory (export "memory") 1))"#);
        let neighbour = linker.instantiate(&mut store, &canary).unwrap();
        let neighbour = neighbour.get_memory(&store, "memory").unwrap();
        neighbour.data_mut(&mut store).fill(CANARY);
        let module = compile(engine, wat);
        let guest = linker.instantiate(&mut store, &module).unwrap();
        let memory = guest.get_memory(&store, "memory").unwrap();
        Self {
            store,
            guest,
            memory,
            neighbour,
        }
    }

    /// Calls export `name` with `args`; `Ok` with its results, or the trap.
    fn call(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, TrapCode> {
        let f = self
            .guest
            .get_func(&self.store, name)
            .unwrap_or_else(|| panic!("no export {name}"));
        let mut out = vec![Val::I32(0); f.ty(&self.store).results().len()];
        match f.call(&mut self.store, args, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(e
                .as_trap()
                .map(|t| t.code())
                .unwrap_or_else(|| panic!("{e}"))),
        }
    }

    /// The indices of the guest memory's bytes that are not zero.
    fn dirty(&self) -> Vec<usize> {
        let data = self.memory.data(&self.store);
        (0..data.len()).filter(|&i| data[i] != 0).collect()
    }

    /// Asserts the neighbour's page still holds only the canary.
    fn assert_neighbour_intact(&self, what: &str) {
        let data = self.neighbour.data(&self.store);
        assert_eq!(data.len() as u64, PAGE, "{what}: neighbour resized");
        assert!(
            data.iter().all(|&b| b == CANARY),
            "{what}: neighbour changed"
        );
    }

    /// Zeroes the guest memory.
    fn clear(&mut self) {
        self.memory.data_mut(&mut self.store).fill(0);
    }
}

/// Compiles WebAssembly text.
fn compile(engine: &Engine, wat: &str) -> Module {
    wisp::module_from_bytes(engine, wat.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs every load and store case of `cases` against `arena`: in-bounds
/// accesses succeed (a store writes exactly its bytes at address +
/// offset), the others trap with `MemoryOutOfBounds` and change nothing.
/// Returns how many cases ran.
fn run_access_cases(arena: &mut Arena, memory64: bool, cases: fn(u64) -> Vec<Access>) -> usize {
    let mut ran = 0;
    let arg = |addr: u64| match memory64 {
        true => Val::I64(addr as i64),
        false => Val::I32(addr as u32 as i32),
    };
    let ops = LOADS.iter().map(|l| (l.0, l.1, true));
    for (op, w, is_load) in ops.chain(STORES.iter().map(|s| (s.0, s.1, false))) {
        for case in cases(w) {
            let what = format!("{op} offset={} at {:#x}", case.offset, case.addr);
            arena.clear();
            let r = arena.call(&format!("{op}@{}", case.offset), &[arg(case.addr)]);
            if !case.ok {
                assert_eq!(r.err(), Some(TrapCode::MemoryOutOfBounds), "{what}");
                assert!(arena.dirty().is_empty(), "{what}: a trapping access wrote");
            } else if is_load {
                assert!(r.is_ok(), "{what}: {r:?}");
            } else {
                assert!(r.is_ok(), "{what}: {r:?}");
                let ea = (case.addr + case.offset) as usize;
                let dirty = arena.dirty();
                assert_eq!(dirty.first(), Some(&ea), "{what}: wrote elsewhere");
                assert!(dirty.iter().all(|&i| i < ea + w as usize), "{what}");
                assert_eq!(arena.memory.data(&arena.store)[ea], STORED, "{what}");
            }
            arena.assert_neighbour_intact(&what);
            ran += 1;
        }
    }
    ran
}

#[test]
fn loads_and_stores_at_the_bounds_of_a_32_bit_memory() {
    let engine = Engine::default();
    let mut arena = Arena::new(&engine, &access_module(false));
    let ran = run_access_cases(&mut arena, false, cases32);
    assert_eq!(ran, (LOADS.len() + STORES.len()) * cases32(1).len());
}

#[test]
fn loads_and_stores_at_the_bounds_of_a_64_bit_memory() {
    let engine = engine64();
    let mut arena = Arena::new(&engine, &access_module(true));
    let ran = run_access_cases(&mut arena, true, cases64);
    assert_eq!(ran, (LOADS.len() + STORES.len()) * cases64(1).len());
}

#[test]
fn memory64_static_offsets_above_4_gib_are_not_truncated() {
    // Each offset, added to address 0 of a one-page memory, lies past its
    // end: truncated to 32 (or 48) bits it would land inside.
    let wat = r#"(module (memory (export "memory") i64 1)
        (func (export "at_4g") (param i64) (result i32)
          local.get 0 i32.load offset=4294967296)
        (func (export "at_2_48") (param i64) (result i32)
          local.get 0 i32.load offset=281474976710656)
        (func (export "at_max") (param i64) (result i32)
          local.get 0 i32.load offset=18446744073709551612)
        (func (export "store_4g") (param i64)
          local.get 0 i32.const 1 i32.store offset=4294967296))"#;
    let wasm = wisp::wasm_bytes(wat.as_bytes()).unwrap();
    let engine = engine64();
    let module = Module::new(&engine, &wasm).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    for name in ["at_4g", "at_2_48", "at_max"] {
        let f = instance.get_typed_func::<i64, i32>(&store, name).unwrap();
        for address in [0, 8, u64::MAX as i64] {
            let e = f.call(&mut store, address).unwrap_err();
            let code = e.as_trap().map(|t| t.code());
            assert_eq!(code, Some(TrapCode::MemoryOutOfBounds), "{name}({address})");
        }
    }
    let f = instance
        .get_typed_func::<i64, ()>(&store, "store_4g")
        .unwrap();
    let e = f.call(&mut store, 0).unwrap_err();
    assert_eq!(
        e.as_trap().map(|t| t.code()),
        Some(TrapCode::MemoryOutOfBounds)
    );
}

#[test]
fn table64_indices_above_4_gib_are_not_truncated() {
    // Index 2^32 (+ 0) truncated to 32 bits would be element 0, which
    // holds a function: every access must fail instead.
    let wat = r#"(module
        (type $f (func (result i32)))
        (table $t i64 1 funcref)
        (elem (table $t) (i64.const 0) func $one)
        (func $one (result i32) (i32.const 1))
        (func (export "call") (param i64) (result i32)
          (call_indirect $t (type $f) (local.get 0)))
        (func (export "get_is_null") (param i64) (result i32)
          (ref.is_null (table.get $t (local.get 0))))
        (func (export "set_null") (param i64)
          (table.set $t (local.get 0) (ref.null func)))
        (func (export "grow") (param i64) (result i64)
          (table.grow $t (ref.null func) (local.get 0))))"#;
    let wasm = wisp::wasm_bytes(wat.as_bytes()).unwrap();
    let engine = engine64();
    let module = Module::new(&engine, &wasm).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let call = instance.get_typed_func::<i64, i32>(&store, "call").unwrap();
    let get = instance
        .get_typed_func::<i64, i32>(&store, "get_is_null")
        .unwrap();
    let set = instance
        .get_typed_func::<i64, ()>(&store, "set_null")
        .unwrap();
    let grow = instance.get_typed_func::<i64, i64>(&store, "grow").unwrap();
    let code = |e: wisp::Error| e.as_trap().map(|t| t.code());
    assert_eq!(call.call(&mut store, 0).unwrap(), 1);
    for index in [1i64 << 32, (1 << 32) + 1, -1] {
        let e = call.call(&mut store, index).unwrap_err();
        assert_eq!(code(e), Some(TrapCode::UndefinedElement), "call {index}");
        let e = get.call(&mut store, index).unwrap_err();
        assert_eq!(code(e), Some(TrapCode::TableOutOfBounds), "get {index}");
        let e = set.call(&mut store, index).unwrap_err();
        assert_eq!(code(e), Some(TrapCode::TableOutOfBounds), "set {index}");
    }
    // Element 0 is untouched, and a refused growth is -1 at 64 bits.
    assert_eq!(call.call(&mut store, 0).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1 << 40).unwrap(), -1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
}

/// `u32::MAX` as the `i32` a guest passes.
const MAX: i32 = -1;
/// One page as an `i32` operand.
const P: i32 = PAGE as i32;
/// What `bulk.wat`'s passive segment holds.
const DATA: &[u8] = b"0123456789abcdef";

/// A bulk-memory attempt: export, operands, and `None` if it must succeed
/// or the trap it must end with.
type Case = (&'static str, &'static [i32], Option<TrapCode>);

const OOB: Option<TrapCode> = Some(TrapCode::MemoryOutOfBounds);

/// memory.fill (dst, len), memory.copy (dst, src, len), memory.init (dst,
/// offset, len) at and past the end of the memory and the segment, and with
/// sums that wrap in 32 bits.
const BULK: &[Case] = &[
    ("fill", &[0, P], None),
    ("fill", &[P, 0], None),
    ("fill", &[P + 1, 0], OOB),
    ("fill", &[P - 1, 2], OOB),
    ("fill", &[0, P + 1], OOB),
    ("fill", &[1, MAX], OOB),
    ("fill", &[MAX, 1], OOB),
    ("fill", &[MAX, 0], OOB),
    ("fill", &[i32::MIN, i32::MIN], OOB),
    ("copy", &[0, P - 4, 4], None),
    ("copy", &[P - 4, 0, 4], None),
    ("copy", &[1, 0, P - 1], None),
    ("copy", &[P, 0, 0], None),
    ("copy", &[0, P, 0], None),
    ("copy", &[P + 1, 0, 0], OOB),
    ("copy", &[0, P + 1, 0], OOB),
    ("copy", &[P - 3, 0, 4], OOB),
    ("copy", &[0, P - 3, 4], OOB),
    ("copy", &[1, 0, MAX], OOB),
    ("copy", &[0, 1, MAX], OOB),
    ("copy", &[MAX, 0, 1], OOB),
    ("copy", &[0, MAX, 1], OOB),
    ("copy", &[i32::MIN, 0, i32::MIN], OOB),
    ("init", &[0, 0, 16], None),
    ("init", &[P - 16, 0, 16], None),
    ("init", &[P, 16, 0], None),
    ("init", &[0, 1, 16], OOB),
    ("init", &[0, 17, 0], OOB),
    ("init", &[P - 15, 0, 16], OOB),
    ("init", &[P + 1, 0, 0], OOB),
    ("init", &[1, 0, MAX], OOB),
    ("init", &[0, MAX, 1], OOB),
    ("init", &[MAX, 0, 1], OOB),
];

/// What memory `before` becomes after a successful bulk case.
fn bulk_model(before: &[u8], name: &str, args: &[i32]) -> Vec<u8> {
    let mut m = before.to_vec();
    let a: Vec<usize> = args.iter().map(|&x| x as u32 as usize).collect();
    match name {
        "fill" => m[a[0]..a[0] + a[1]].fill(0x5a),
        "copy" => m.copy_within(a[1]..a[1] + a[2], a[0]),
        "init" => m[a[0]..a[0] + a[2]].copy_from_slice(&DATA[a[1]..a[1] + a[2]]),
        _ => unreachable!("no bulk case {name}"),
    }
    m
}

/// Runs `case` on `arena` (whose memory gets a fresh pattern) and checks
/// the outcome and the memory against the model.
fn run_bulk_case(arena: &mut Arena, &(name, args, expect): &Case) {
    let what = format!("{name}{args:?}");
    let pattern: Vec<u8> = (0..PAGE).map(|i| (i % 251) as u8 + 1).collect();
    arena
        .memory
        .data_mut(&mut arena.store)
        .copy_from_slice(&pattern);
    let vals: Vec<Val> = args.iter().map(|&x| Val::I32(x)).collect();
    let r = arena.call(name, &vals);
    assert_eq!(r.err(), expect, "{what}");
    let after = arena.memory.data(&arena.store);
    match expect {
        Some(_) => assert!(after == &pattern[..], "{what}: a trapping operation wrote"),
        None => assert!(
            after == bulk_model(&pattern, name, args),
            "{what}: wrong bytes"
        ),
    }
    arena.assert_neighbour_intact(&what);
}

#[test]
fn bulk_memory_operations_at_and_past_the_end() {
    let engine = Engine::default();
    let mut arena = Arena::new(&engine, include_str!("../escape/bulk.wat"));
    for case in BULK {
        run_bulk_case(&mut arena, case);
    }
}

#[test]
fn memory_init_after_data_drop() {
    let engine = Engine::default();
    let mut arena = Arena::new(&engine, include_str!("../escape/bulk.wat"));
    arena.call("drop", &[]).unwrap();
    // A dropped segment has length zero: only empty ranges at offset 0.
    for case in [
        ("init", &[0, 0, 0][..], None),
        ("init", &[0, 0, 1], OOB),
        ("init", &[0, 1, 0], OOB),
    ] {
        run_bulk_case(&mut arena, &case);
    }
}

/// memory.fill (dst, len) and memory.copy (dst, src, len) on a memory64
/// memory, with 64-bit operands near 2^64 and above 2^32.
const BULK64: &[(&str, &[i64], Option<TrapCode>)] = &[
    ("fill", &[PAGE as i64, 0], None),
    ("fill", &[0, PAGE as i64], None),
    ("fill", &[1 << 32, 0], OOB),
    ("fill", &[-1, 2], OOB),
    ("fill", &[2, -1], OOB),
    ("fill", &[i64::MIN, i64::MIN], OOB),
    ("copy", &[0, PAGE as i64 - 4, 4], None),
    ("copy", &[0, 1 << 32, 1], OOB),
    ("copy", &[0, -1, 1], OOB),
    ("copy", &[-1, 0, 1], OOB),
    ("copy", &[1, 0, -1], OOB),
    ("copy", &[i64::MIN, 0, i64::MIN], OOB),
];

#[test]
fn bulk_memory_operations_on_a_64_bit_memory() {
    let wat = r#"(module (memory (export "memory") i64 1)
        (func (export "fill") (param i64 i64)
          (memory.fill (local.get 0) (i32.const 0x5a) (local.get 1)))
        (func (export "copy") (param i64 i64 i64)
          (memory.copy (local.get 0) (local.get 1) (local.get 2))))"#;
    let mut arena = Arena::new(&engine64(), wat);
    for &(name, args, expect) in BULK64 {
        let what = format!("{name}{args:?}");
        arena.memory.data_mut(&mut arena.store).fill(1);
        let vals: Vec<Val> = args.iter().map(|&x| Val::I64(x)).collect();
        assert_eq!(arena.call(name, &vals).err(), expect, "{what}");
        if expect.is_some() {
            let data = arena.memory.data(&arena.store);
            assert!(
                data.iter().all(|&b| b == 1),
                "{what}: a trapping operation wrote"
            );
        }
        arena.assert_neighbour_intact(&what);
    }
}

/// `table.wat` holds `[answer, null, other_sig, answer]` and a passive
/// segment of two; each case runs on a fresh instance.
const TABLE: &[Case] = &[
    ("call", &[0], None),
    ("call", &[3], None),
    ("call", &[1], Some(TrapCode::IndirectCallToNull)),
    ("call", &[2], Some(TrapCode::BadSignature)),
    ("call", &[4], Some(TrapCode::UndefinedElement)),
    ("call", &[MAX], Some(TrapCode::UndefinedElement)),
    ("call", &[i32::MIN], Some(TrapCode::UndefinedElement)),
    ("get", &[3], None),
    ("get", &[4], TOOB),
    ("get", &[MAX], TOOB),
    ("set", &[1], None),
    ("set", &[4], TOOB),
    ("set", &[MAX], TOOB),
    ("fill", &[0, 4], None),
    ("fill", &[4, 0], None),
    ("fill", &[5, 0], TOOB),
    ("fill", &[3, 2], TOOB),
    ("fill", &[1, MAX], TOOB),
    ("fill", &[MAX, 1], TOOB),
    ("copy", &[0, 0, 4], None),
    ("copy", &[1, 0, 3], None),
    ("copy", &[4, 0, 0], None),
    ("copy", &[5, 0, 0], TOOB),
    ("copy", &[0, 5, 0], TOOB),
    ("copy", &[0, 3, 2], TOOB),
    ("copy", &[3, 0, 2], TOOB),
    ("copy", &[1, 0, MAX], TOOB),
    ("copy", &[0, MAX, 1], TOOB),
    ("init", &[0, 0, 2], None),
    ("init", &[4, 2, 0], None),
    ("init", &[0, 1, 2], TOOB),
    ("init", &[3, 0, 2], TOOB),
    ("init", &[0, 3, 0], TOOB),
    ("init", &[5, 0, 0], TOOB),
    ("init", &[MAX, 0, 1], TOOB),
    ("init", &[0, MAX, 1], TOOB),
];

const TOOB: Option<TrapCode> = Some(TrapCode::TableOutOfBounds);

/// The table's entries as text (null or which function), for comparison.
fn table_snapshot(store: &Store<()>, instance: Instance) -> Vec<String> {
    let table = instance.get_table(store, "table").unwrap();
    (0..table.size(store))
        .map(|i| format!("{:?}", table.get(store, i)))
        .collect()
}

#[test]
fn table_operations_and_indirect_calls_out_of_bounds() {
    let engine = Engine::default();
    let module = compile(&engine, include_str!("../escape/table.wat"));
    for &(name, args, expect) in TABLE {
        let what = format!("{name}{args:?}");
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let before = table_snapshot(&store, instance);
        assert_eq!(before.len(), 4);
        let f = instance.get_func(&store, name).unwrap();
        let vals: Vec<Val> = args.iter().map(|&x| Val::I32(x)).collect();
        let mut out = vec![Val::I32(0); f.ty(&store).results().len()];
        let r = f.call(&mut store, &vals, &mut out);
        let code = r.err().map(|e| e.as_trap().expect("a trap").code());
        assert_eq!(code, expect, "{what}");
        if expect.is_some() {
            assert_eq!(
                table_snapshot(&store, instance),
                before,
                "{what}: table changed"
            );
        } else if name == "call" {
            assert!(matches!(out[..], [Val::I32(42)]), "{what}: {out:?}");
        }
    }
}

#[test]
fn table_init_after_elem_drop() {
    let engine = Engine::default();
    let module = compile(&engine, include_str!("../escape/table.wat"));
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    let init = instance
        .get_typed_func::<(i32, i32, i32), ()>(&store, "init")
        .unwrap();
    instance
        .get_typed_func::<(), ()>(&store, "drop")
        .unwrap()
        .call(&mut store, ())
        .unwrap();
    init.call(&mut store, (0, 0, 0)).unwrap();
    let err = init.call(&mut store, (0, 0, 1)).unwrap_err();
    assert_eq!(err.as_trap().map(|t| t.code()), TOOB);
}

/// The exporter of `importer.wat`'s memory: one page, at most two, with a
/// secret at 0 and a canary in its last byte.
const EXPORTER: &str = r#"(module (memory (export "memory") 1 2)
    (data (i32.const 0) "secret") (data (i32.const 65535) "\aa"))"#;

#[test]
fn imported_memory_has_the_exporters_bounds() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let exporter = linker
        .instantiate(&mut store, &compile(&engine, EXPORTER))
        .unwrap();
    linker.instance(&store, "exporter", exporter).unwrap();
    let importer = compile(&engine, include_str!("../escape/importer.wat"));
    let importer = linker.instantiate(&mut store, &importer).unwrap();
    let memory = exporter.get_memory(&store, "memory").unwrap();
    let typed = |name| importer.get_func(&store, name).unwrap();
    let (load, store_fn, fill, grow) =
        (typed("load"), typed("store"), typed("fill"), typed("grow"));
    let call = |store: &mut Store<()>, f: wisp::Func, args: &[i32]| {
        let vals: Vec<Val> = args.iter().map(|&x| Val::I32(x)).collect();
        let mut out = vec![Val::I32(0); f.ty(&*store).results().len()];
        f.call(store, &vals, &mut out)
            .map(|()| out)
            .map_err(|e| e.as_trap().expect("a trap").code())
    };
    let snapshot = memory.data(&store).to_vec();
    for (f, args) in [
        (load, &[P][..]),
        (load, &[MAX]),
        (store_fn, &[P]),
        (fill, &[P - 1, 2]),
    ] {
        assert_eq!(call(&mut store, f, args).err(), OOB, "{args:?}");
        assert!(
            memory.data(&store) == &snapshot[..],
            "{args:?}: memory changed"
        );
    }
    // In bounds, the importer sees and writes the exporter's bytes.
    let last = call(&mut store, load, &[P - 1]).unwrap();
    assert!(matches!(last[..], [Val::I32(0xaa)]), "{last:?}");
    call(&mut store, store_fn, &[0]).unwrap();
    assert_eq!(&memory.data(&store)[..6], b"\x77ecret");
    // Growth by the exporter moves the bound for the importer; the
    // exporter's maximum bounds the importer's own memory.grow.
    assert_eq!(memory.grow(&mut store, 1).unwrap(), 1);
    assert!(call(&mut store, load, &[P]).is_ok());
    assert_eq!(call(&mut store, load, &[2 * P]).err(), OOB);
    let grown = call(&mut store, grow, &[1]).unwrap();
    assert!(matches!(grown[..], [Val::I32(-1)]), "{grown:?}");
}

#[test]
fn importing_a_memory_smaller_than_declared_fails_to_link() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let exporter = linker
        .instantiate(&mut store, &compile(&engine, EXPORTER))
        .unwrap();
    linker.instance(&store, "exporter", exporter).unwrap();
    let wants_two = compile(
        &engine,
        r#"(module (import "exporter" "memory" (memory 2))
             (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))"#,
    );
    let err = linker.instantiate(&mut store, &wants_two).unwrap_err();
    assert!(matches!(err.kind(), wisp::ErrorKind::Link(_)), "{err}");
}

/// WASI: a guest given one preopened directory (`jail`, fd 3) and every
/// capability tries to reach the files beside it.
mod wasi_escape {
    use super::*;
    use std::collections::BTreeMap;
    use std::os::unix::fs::symlink;
    use std::path::{Path, PathBuf};
    use wisp_platform::wasi::{self, Capabilities, WasiCtx, WasiCtxBuilder};

    /// WASI errnos the cases expect.
    const OK: u32 = 0;
    const BADF: u32 = 8;
    const FAULT: u32 = 21;
    const ILSEQ: u32 = 25;
    const LOOP: u32 = 32;
    const NOENT: u32 = 44;
    const NOTDIR: u32 = 54;
    const NOTCAPABLE: u32 = 76;

    /// The preopened directory's descriptor; `follow` lookup flag; oflags;
    /// rights to read, and to read and write.
    const JAIL: i32 = 3;
    const FOLLOW: i32 = 1;
    const CREAT: i32 = 1;
    const DIRECTORY: i32 = 2;
    const TRUNC: i32 = 8;
    const READ: i64 = 1 << 1;
    const RW: i64 = 1 << 1 | 1 << 6;

    /// An argument of a wrapper in `wasi.wat`: a number, or a path (passed
    /// as pointer and length), or the absolute host path of the file
    /// outside the jail.
    #[derive(Debug, Clone, Copy)]
    pub(super) enum A {
        I(i32),
        R(i64),
        S(&'static str),
        OutsideAbs,
    }
    use A::{I, OutsideAbs, R, S};

    /// One attempt: the wrapper, its arguments, the errno it must return.
    type WasiCase = (&'static str, &'static [A], u32);

    /// In order: controls that must work, then every way out. Later cases
    /// see what earlier ones did (`evil2` is created, then followed).
    const CASES: &[WasiCase] = &[
        // Controls: inside the jail everything works.
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("inside.txt"), I(0), R(READ)],
            OK,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("sub/../inside.txt"), I(0), R(READ)],
            OK,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_in"), I(0), R(READ)],
            OK,
        ),
        ("stat", &[I(JAIL), I(0), S("link_abs")], OK),
        // `..`, absolute paths.
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("../outside.txt"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("sub/../../outside.txt"),
                I(0),
                R(READ),
            ],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S(".."), I(DIRECTORY), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("/etc/passwd"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), OutsideAbs, I(0), R(READ)],
            NOTCAPABLE,
        ),
        // Symbolic links out: relative, absolute, to /, in the middle, chained.
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_out"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_abs"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_root/etc/passwd"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_up/outside.txt"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_up"), I(DIRECTORY), R(READ)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("sub/link_up2/outside.txt"),
                I(0),
                R(READ),
            ],
            NOTCAPABLE,
        ),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("link_chain/outside.txt"),
                I(0),
                R(READ),
            ],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_loop"), I(0), R(READ)],
            LOOP,
        ),
        // Odd paths and pointers.
        ("open", &[I(JAIL), I(FOLLOW), S(""), I(0), R(READ)], NOENT),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("inside.txt\0/../../outside.txt"),
                I(0),
                R(READ),
            ],
            ILSEQ,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), I(65_530), I(100), I(0), R(READ)],
            FAULT,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), I(-1), I(2), I(0), R(READ)],
            FAULT,
        ),
        // Creating and truncating outside.
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("../created.txt"), I(CREAT), R(RW)],
            NOTCAPABLE,
        ),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("link_up/created.txt"),
                I(CREAT),
                R(RW),
            ],
            NOTCAPABLE,
        ),
        (
            "open",
            &[
                I(JAIL),
                I(FOLLOW),
                S("sub/link_up2/created.txt"),
                I(CREAT),
                R(RW),
            ],
            NOTCAPABLE,
        ),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("link_out"), I(CREAT | TRUNC), R(RW)],
            NOTCAPABLE,
        ),
        // Metadata and the tree outside.
        (
            "stat",
            &[I(JAIL), I(FOLLOW), S("../outside.txt")],
            NOTCAPABLE,
        ),
        ("stat", &[I(JAIL), I(FOLLOW), S("link_abs")], NOTCAPABLE),
        (
            "stat",
            &[I(JAIL), I(0), S("link_up/outside.txt")],
            NOTCAPABLE,
        ),
        (
            "readlink",
            &[I(JAIL), S("link_up/jail/link_in")],
            NOTCAPABLE,
        ),
        ("mkdir", &[I(JAIL), S("../newdir")], NOTCAPABLE),
        ("mkdir", &[I(JAIL), S("link_up/newdir")], NOTCAPABLE),
        (
            "mkdir",
            &[I(JAIL), S("/tmp/wisp-escape-newdir")],
            NOTCAPABLE,
        ),
        ("rmdir", &[I(JAIL), S("../outdir")], NOTCAPABLE),
        ("rmdir", &[I(JAIL), S("link_up/outdir")], NOTCAPABLE),
        ("unlink", &[I(JAIL), S("../outside.txt")], NOTCAPABLE),
        ("unlink", &[I(JAIL), S("link_up/outside.txt")], NOTCAPABLE),
        (
            "rename",
            &[I(JAIL), S("inside.txt"), I(JAIL), S("../moved.txt")],
            NOTCAPABLE,
        ),
        (
            "rename",
            &[I(JAIL), S("inside.txt"), I(JAIL), S("link_up/moved.txt")],
            NOTCAPABLE,
        ),
        (
            "rename",
            &[I(JAIL), S("../outside.txt"), I(JAIL), S("stolen.txt")],
            NOTCAPABLE,
        ),
        (
            "symlink",
            &[S("/etc/passwd"), I(JAIL), S("evil")],
            NOTCAPABLE,
        ),
        ("symlink", &[S("../outside.txt"), I(JAIL), S("evil2")], OK),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("evil2"), I(0), R(READ)],
            NOTCAPABLE,
        ),
        (
            "link",
            &[I(JAIL), I(0), S("../outside.txt"), I(JAIL), S("hard")],
            NOTCAPABLE,
        ),
        (
            "link",
            &[I(JAIL), I(FOLLOW), S("link_out"), I(JAIL), S("hard2")],
            NOTCAPABLE,
        ),
        (
            "link",
            &[I(JAIL), I(0), S("inside.txt"), I(JAIL), S("../hard3")],
            NOTCAPABLE,
        ),
        // Descriptors the guest was never given.
        (
            "open",
            &[I(9), I(FOLLOW), S("inside.txt"), I(0), R(READ)],
            BADF,
        ),
        (
            "open",
            &[I(-1), I(FOLLOW), S("inside.txt"), I(0), R(READ)],
            BADF,
        ),
        (
            "open",
            &[I(0), I(FOLLOW), S("inside.txt"), I(0), R(READ)],
            NOTDIR,
        ),
        ("read", &[I(9)], BADF),
        ("read", &[I(-1)], BADF),
        ("write", &[I(9)], BADF),
        ("prestat", &[I(4)], BADF),
        ("close", &[I(9)], BADF),
        // A closed preopen is gone.
        ("close", &[I(JAIL)], OK),
        (
            "open",
            &[I(JAIL), I(FOLLOW), S("inside.txt"), I(0), R(READ)],
            BADF,
        ),
    ];

    /// A fresh directory tree: `outside.txt` and `outdir/` beside `jail/`,
    /// which holds `inside.txt`, `sub/` and links leading in and out.
    struct Tree {
        root: PathBuf,
    }

    impl Tree {
        fn new() -> Self {
            let root = std::env::temp_dir().join(format!("wisp-escape-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let jail = root.join("jail");
            std::fs::create_dir_all(jail.join("sub")).unwrap();
            std::fs::create_dir(root.join("outdir")).unwrap();
            std::fs::write(root.join("outside.txt"), "secret").unwrap();
            std::fs::write(jail.join("inside.txt"), "inside").unwrap();
            let links: [(&str, PathBuf); 8] = [
                ("link_up", "..".into()),
                ("link_out", "../outside.txt".into()),
                ("link_abs", root.join("outside.txt")),
                ("link_root", "/".into()),
                ("sub/link_up2", "../..".into()),
                ("link_chain", "sub/link_up2".into()),
                ("link_loop", "link_loop".into()),
                ("link_in", "inside.txt".into()),
            ];
            for (name, target) in links {
                symlink(target, jail.join(name)).unwrap();
            }
            Self { root }
        }

        /// Every entry beneath the root (links not followed) with the
        /// contents of regular files and the targets of links.
        fn listing(&self) -> BTreeMap<PathBuf, String> {
            let mut out = BTreeMap::new();
            walk(&self.root, &self.root, &mut out);
            out
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    /// Adds `dir`'s entries, recursively, to `out`.
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(rel, format!("-> {}", target.display()));
            } else if meta.is_dir() {
                out.insert(rel, "dir".into());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// The guest of `wasi.wat` with `jail` preopened as fd 3.
    struct Guest {
        store: Store<WasiCtx>,
        instance: Instance,
        outside_abs: String,
    }

    impl Guest {
        fn new(tree: &Tree) -> Self {
            let engine = Engine::default();
            let module = wisp::module_from_bytes(&engine, include_bytes!("../escape/wasi.wat"))
                .unwrap_or_else(|e| panic!("{e}"));
            let mut linker = Linker::new(&engine);
            wasi::add_to_linker(&mut linker, |cx: &mut WasiCtx| cx).unwrap();
            let jail = tree.root.join("jail");
            let ctx = WasiCtxBuilder::new()
                .preopened_dir(jail.to_str().unwrap(), ".")
                .unwrap()
                .capabilities(Capabilities::ALL)
                .build();
            let mut store = Store::new(&engine, ctx);
            let instance = linker.instantiate(&mut store, &module).unwrap();
            let outside_abs = tree.root.join("outside.txt").display().to_string();
            Self {
                store,
                instance,
                outside_abs,
            }
        }

        /// Calls wrapper `name`, writing path arguments into guest memory
        /// from 4096 on; returns the errno.
        fn call(&mut self, name: &str, args: &[A]) -> u32 {
            let memory = self.instance.get_memory(&self.store, "memory").unwrap();
            let mut at = 4096;
            let mut vals = Vec::new();
            for &arg in args {
                let text = match arg {
                    I(x) => {
                        vals.push(Val::I32(x));
                        continue;
                    }
                    R(x) => {
                        vals.push(Val::I64(x));
                        continue;
                    }
                    S(s) => s.to_string(),
                    OutsideAbs => self.outside_abs.clone(),
                };
                memory.write(&mut self.store, at, text.as_bytes()).unwrap();
                vals.extend([Val::I32(at as i32), Val::I32(text.len() as i32)]);
                at += text.len() + 16;
            }
            let f = self.instance.get_func(&self.store, name).unwrap();
            let mut out = [Val::I32(-1)];
            f.call(&mut self.store, &vals, &mut out)
                .unwrap_or_else(|e| panic!("{name}{args:?}: {e}"));
            match out[0] {
                Val::I32(errno) => errno as u32,
                ref other => panic!("{name}: result {other:?}"),
            }
        }
    }

    #[test]
    fn wasi_paths_and_descriptors_cannot_leave_the_preopen() {
        let tree = Tree::new();
        let before = tree.listing();
        let mut guest = Guest::new(&tree);
        let mut wrong = Vec::new();
        for &(name, args, expect) in CASES {
            let errno = guest.call(name, args);
            if errno != expect {
                wrong.push(format!("{name}{args:?}: errno {errno}, expected {expect}"));
            }
        }
        assert!(wrong.is_empty(), "wrong errnos:\n{}", wrong.join("\n"));
        // Outside the jail nothing changed; inside, only the link `evil2`
        // the guest was allowed to create.
        let mut expected = before;
        expected.insert("jail/evil2".into(), "-> ../outside.txt".into());
        assert_eq!(tree.listing(), expected);
    }
}
