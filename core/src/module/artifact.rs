//! Serialized modules: a translated module's declarations, segments and IR
//! in bytes, so a program can skip decoding, validation and translation at
//! start-up ([`Module::serialize`](super::Module::serialize),
//! [`Module::deserialize`](super::Module::deserialize)).
//!
//! Layout: the magic bytes, the format version, wisp's version, a
//! fingerprint of the engine settings the IR depends on (enabled proposals,
//! fuel metering, interruption and epoch checks) and of the opcode list it
//! is written in, the module, and an
//! FNV-1a checksum of everything before it. Loading checks each in turn,
//! so an artifact from another wisp, another configuration, a truncated
//! or damaged file, or something that is no artifact at all is an error
//! that says which; it then checks every function's IR with the verifier
//! before any of it can run.

use super::ModuleInfo;
use super::codec::{Codec, Reader, malformed};
use crate::error::Error;
use crate::ir::Op;
use crate::runtime::Engine;
use alloc::{string::String, vec::Vec};
use cranelift_entity::PrimaryMap;

/// The first bytes of every artifact.
const MAGIC: &[u8; 8] = b"\0wisp-ir";

/// Bumped whenever the encoding or the IR changes meaning.
const FORMAT_VERSION: u32 = 3;

/// A checksum of the opcode list (every opcode's name and format, in
/// order): an artifact names opcodes by number, so one written by a build
/// whose list differs — an opcode added, removed or moved — must not load,
/// even under the same version numbers.
const OPCODES_FINGERPRINT: u64 = {
    let mut hash = FNV_OFFSET;
    let mut k = 0;
    while k < Op::ALL.len() {
        let op = Op::ALL[k];
        hash = fnv1a_continue(hash, op.name().as_bytes());
        hash = fnv1a_continue(hash, &[op.format() as u8]);
        k += 1;
    }
    hash
};

/// The settings of `engine` that the translated code depends on, and the
/// opcode list it is written in.
fn fingerprint(engine: &Engine) -> u64 {
    fingerprint_with(OPCODES_FINGERPRINT, engine)
}

/// [`fingerprint`] for the opcode list whose checksum is `opcodes`.
fn fingerprint_with(opcodes: u64, engine: &Engine) -> u64 {
    let config = engine.config();
    let mut bytes = Vec::new();
    opcodes.encode(&mut bytes);
    config.features.bits().encode(&mut bytes);
    config.consume_fuel.encode(&mut bytes);
    config.interruptible.encode(&mut bytes);
    config.epoch_interruption.encode(&mut bytes);
    config.tiers_up().encode(&mut bytes);
    fnv1a(&bytes)
}

/// The parameters of 64-bit FNV-1a.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// 64-bit FNV-1a: detects damage, not tampering.
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(FNV_OFFSET, bytes)
}

/// FNV-1a of `bytes` continuing from `hash` (`const`, for the opcode
/// fingerprint).
const fn fnv1a_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut k = 0;
    while k < bytes.len() {
        hash = (hash ^ bytes[k] as u64).wrapping_mul(FNV_PRIME);
        k += 1;
    }
    hash
}

/// Whether `bytes` start like an artifact (nothing else is checked).
pub(crate) fn looks_serialized(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The artifact of `info`, translated under `engine`.
pub(super) fn serialize(engine: &Engine, info: &ModuleInfo) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    FORMAT_VERSION.encode(&mut out);
    String::from(env!("CARGO_PKG_VERSION")).encode(&mut out);
    fingerprint(engine).encode(&mut out);
    info.name.encode(&mut out);
    info.types.encode(&mut out);
    info.type_defs.encode(&mut out);
    info.rec_groups.encode(&mut out);
    info.imports.encode(&mut out);
    info.funcs.encode(&mut out);
    (info.num_imported_funcs, info.num_imported_tables).encode(&mut out);
    (info.num_imported_memories, info.num_imported_globals).encode(&mut out);
    info.tags.encode(&mut out);
    info.num_imported_tags.encode(&mut out);
    info.tables.encode(&mut out);
    info.table_inits.encode(&mut out);
    info.memories.encode(&mut out);
    info.globals.encode(&mut out);
    info.global_inits.encode(&mut out);
    info.exports.encode(&mut out);
    info.start.encode(&mut out);
    info.elems.encode(&mut out);
    info.datas.encode(&mut out);
    info.code.encode(&mut out);
    // In function order, so the bytes do not depend on the map's order.
    // Written as the list `Vec<(FuncIndex, String)>` decodes, without
    // building one.
    let named = || {
        let names = &info.func_names;
        info.funcs.keys().filter_map(|f| Some((f, names.get(&f)?)))
    };
    (named().count() as u32).encode(&mut out);
    for (func, name) in named() {
        func.encode(&mut out);
        name.encode(&mut out);
    }
    (info.consume_fuel, info.interruptible).encode(&mut out);
    (info.epoch_interruption, info.tier_up).encode(&mut out);
    let checksum = fnv1a(&out);
    checksum.encode(&mut out);
    out
}

/// The module in `bytes`, if they are an intact artifact of this wisp made
/// under `engine`'s settings.
pub(super) fn deserialize(engine: &Engine, bytes: &[u8]) -> Result<ModuleInfo, Error> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(malformed(
            "it does not start with the artifact magic (is it a .wasm file?)",
        ));
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    let format = u32::decode(&mut r);
    let version = String::decode(&mut r);
    let settings = u64::decode(&mut r);
    r.check()?;
    if format != FORMAT_VERSION || version != env!("CARGO_PKG_VERSION") {
        return Err(malformed(&alloc::format!(
            "it was made by wisp {version} (artifact format {format}); this is wisp {} (format {FORMAT_VERSION}); compile the module again",
            env!("CARGO_PKG_VERSION")
        )));
    }
    if settings != fingerprint(engine) {
        return Err(malformed(
            "it was compiled under other engine settings (proposals, fuel, interruption or epochs) or by a wisp build with other IR opcodes; compile it again with this engine",
        ));
    }
    let body_end = bytes
        .len()
        .checked_sub(8)
        .ok_or_else(|| malformed("it ends early"))?;
    let stored = u64::from_le_bytes(bytes[body_end..].try_into().unwrap_or_default());
    if stored != fnv1a(&bytes[..body_end]) {
        return Err(malformed(
            "its checksum does not match (damaged or truncated)",
        ));
    }
    let body_start = bytes.len() - r.remaining();
    let body = bytes
        .get(body_start..body_end)
        .ok_or_else(|| malformed("it ends early"))?;
    let mut r = Reader::new(body);
    // Fields in the order `serialize` wrote them (a struct expression
    // evaluates its fields in the order written).
    let mut info = ModuleInfo {
        name: Codec::decode(&mut r),
        types: Codec::decode(&mut r),
        type_defs: Codec::decode(&mut r),
        rec_groups: Codec::decode(&mut r),
        imports: Codec::decode(&mut r),
        funcs: Codec::decode(&mut r),
        num_imported_funcs: Codec::decode(&mut r),
        num_imported_tables: Codec::decode(&mut r),
        num_imported_memories: Codec::decode(&mut r),
        num_imported_globals: Codec::decode(&mut r),
        tags: Codec::decode(&mut r),
        num_imported_tags: Codec::decode(&mut r),
        tables: Codec::decode(&mut r),
        table_inits: Codec::decode(&mut r),
        memories: Codec::decode(&mut r),
        globals: Codec::decode(&mut r),
        global_inits: Codec::decode(&mut r),
        exports: Codec::decode(&mut r),
        start: Codec::decode(&mut r),
        elems: Codec::decode(&mut r),
        datas: Codec::decode(&mut r),
        code: Codec::decode(&mut r),
        func_names: Vec::<(crate::index::FuncIndex, String)>::decode(&mut r)
            .into_iter()
            .collect(),
        consume_fuel: Codec::decode(&mut r),
        interruptible: Codec::decode(&mut r),
        epoch_interruption: Codec::decode(&mut r),
        tier_up: Codec::decode(&mut r),
        type_ids: PrimaryMap::new(),
        canonical_types: PrimaryMap::new(),
        interp_code: PrimaryMap::new(),
    };
    r.finish()?;
    if !info.type_section_adds_up() {
        return Err(malformed("its type section does not add up"));
    }
    for (def, func) in info.code.iter() {
        crate::ir::verify(func).map_err(|problem| {
            malformed(&alloc::format!(
                "function {} does not verify: {problem}",
                def.as_u32()
            ))
        })?;
    }
    for func in info.code.values() {
        info.interp_code.push(crate::interp::thread(&func.code));
    }
    info.register_types(engine);
    Ok(info)
}

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;
    use crate::{Config, Linker, Module, Store};
    use alloc::string::ToString;

    /// Globals, tables, element and data segments, a start function, names,
    /// and functions using them.
    const MODULE: &str = r#"(module $m
      (type $un (func (param i32) (result i32)))
      (global $base (mut i32) (i32.const 10))
      (global $k i64 (i64.add (i64.const 40) (i64.const 2)))
      (memory (export "memory") 1 2)
      (data (i32.const 16) "wisp")
      (table 2 funcref)
      (elem (i32.const 0) $double $inc)
      (func $double (type $un) (i32.mul (local.get 0) (i32.const 2)))
      (func $inc (type $un) (i32.add (local.get 0) (global.get $base)))
      (func $init (global.set $base (i32.const 1)))
      (start $init)
      (func (export "apply") (param i32 i32) (result i32)
        (call_indirect (type $un) (local.get 1) (local.get 0)))
      (func (export "k") (result i64) (global.get $k))
      (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func $fib (export "fib") (param i64) (result i64)
        (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
          (then (local.get 0))
          (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                         (call $fib (i64.sub (local.get 0) (i64.const 2))))))))"#;

    fn results(module: &Module) -> (i32, i32, i64, i32, i64) {
        let mut store = Store::new(module.engine(), ());
        let instance = Linker::new(module.engine())
            .instantiate(&mut store, module)
            .unwrap();
        let apply = instance
            .get_typed_func::<(i32, i32), i32>(&store, "apply")
            .unwrap();
        let k = instance.get_typed_func::<(), i64>(&store, "k").unwrap();
        let byte = instance.get_typed_func::<i32, i32>(&store, "byte").unwrap();
        let fib = instance.get_typed_func::<i64, i64>(&store, "fib").unwrap();
        (
            apply.call(&mut store, (0, 21)).unwrap(),
            apply.call(&mut store, (1, 5)).unwrap(),
            k.call(&mut store, ()).unwrap(),
            byte.call(&mut store, 17).unwrap(),
            fib.call(&mut store, 10).unwrap(),
        )
    }

    /// An engine with extended constant expressions (the module uses one).
    fn engine() -> Engine {
        let mut config = Config::new();
        config.wasm_extended_const(true);
        Engine::new(&config)
    }

    fn compiled(engine: &Engine) -> Module {
        Module::new(engine, wat::parse_str(MODULE).unwrap()).unwrap()
    }

    #[test]
    fn a_module_round_trips_and_runs_the_same() {
        let engine = engine();
        let module = compiled(&engine);
        let bytes = module.serialize().unwrap();
        // SAFETY: the bytes were just made by `serialize`.
        let loaded = unsafe { Module::deserialize(&engine, &bytes) }.unwrap();
        assert_eq!(results(&loaded), (42, 6, 42, b'i' as i32, 55));
        assert_eq!(results(&loaded), results(&module));
        assert_eq!(loaded.name(), Some("m"));
        assert_eq!(loaded.dump_ir("fib"), module.dump_ir("fib"));
        // Serializing the loaded module gives the same bytes.
        assert_eq!(loaded.serialize().unwrap(), bytes);
    }

    #[test]
    fn foreign_stale_and_damaged_bytes_are_errors() {
        let engine = engine();
        let bytes = compiled(&engine).serialize().unwrap();
        let load = |b: &[u8]| {
            // SAFETY: the checks under test run before any IR could be used.
            unsafe { Module::deserialize(&engine, b) }
                .unwrap_err()
                .to_string()
        };

        let wasm = wat::parse_str(MODULE).unwrap();
        assert!(load(&wasm).contains("does not start with the artifact magic"));
        assert!(load(&bytes[..bytes.len() / 2]).contains("checksum"));
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x40;
        assert!(load(&flipped).contains("checksum"));

        // Another wisp version: the version string differs.
        let mut stale = bytes.clone();
        let at = MAGIC.len() + 4 + 4; // after the format and the string's length
        stale[at] = b'9';
        let message = load(&stale);
        assert!(message.contains("made by wisp 9"), "{message}");
        assert!(message.contains("compile the module again"), "{message}");

        // Other engine settings.
        let mut config = Config::new();
        config.wasm_extended_const(true).consume_fuel(true);
        let fuel = Engine::new(&config);
        // SAFETY: as above.
        let e = unsafe { Module::deserialize(&fuel, &bytes) }.unwrap_err();
        assert!(e.to_string().contains("other engine settings"), "{e}");
    }

    #[test]
    fn an_artifact_of_another_opcode_list_is_refused() {
        // What a build whose opcode list differs would have written: the
        // same bytes under another opcode fingerprint, checksum made good.
        let engine = engine();
        let mut bytes = compiled(&engine).serialize().unwrap();
        let at = MAGIC.len() + 4 + 4 + env!("CARGO_PKG_VERSION").len();
        let foreign = fingerprint_with(OPCODES_FINGERPRINT ^ 1, &engine);
        assert_eq!(bytes[at..at + 8], fingerprint(&engine).to_le_bytes());
        bytes[at..at + 8].copy_from_slice(&foreign.to_le_bytes());
        let end = bytes.len() - 8;
        let checksum = fnv1a(&bytes[..end]);
        bytes[end..].copy_from_slice(&checksum.to_le_bytes());
        // SAFETY: the check under test runs before any IR could be used.
        let e = unsafe { Module::deserialize(&engine, &bytes) }.unwrap_err();
        assert!(e.to_string().contains("other IR opcodes"), "{e}");
    }

    /// `bytes` with its checksum made good again.
    fn rechecked(mut bytes: Vec<u8>) -> Vec<u8> {
        let end = bytes.len() - 8;
        let checksum = fnv1a(&bytes[..end]);
        bytes[end..].copy_from_slice(&checksum.to_le_bytes());
        bytes
    }

    #[test]
    fn damage_behind_a_good_checksum_is_an_error_never_a_panic() {
        // Every byte of the module's encoding changed, and every length
        // cut short, each with the checksum made good: decoding must end in
        // an error (or, where the change is harmless, a module), never a
        // panic or an allocation the bytes do not account for.
        let engine = engine();
        let bytes = compiled(&engine).serialize().unwrap();
        let body_start = MAGIC.len() + 4 + 4 + env!("CARGO_PKG_VERSION").len() + 8;
        let body_end = bytes.len() - 8;
        let load = |b: Vec<u8>| {
            // SAFETY: what is under test is that loading checks the bytes;
            // nothing loaded is run.
            unsafe { Module::deserialize(&engine, rechecked(b)) }
        };
        // Every byte natively; under Miri (thousands of loads, each
        // interpreted) every 127th, a sample across the whole artifact.
        let stride = if cfg!(miri) { 127 } else { 1 };
        let mut refused = 0;
        let mut tried = 0;
        for at in (body_start..body_end).step_by(stride) {
            tried += 1;
            for value in [0x00, 0xff, bytes[at] ^ 0x01] {
                let mut damaged = bytes.clone();
                damaged[at] = value;
                refused += usize::from(load(damaged).is_err());
            }
        }
        // Most changes are caught (a tag, a length, an opcode or the
        // verifier); some, such as a constant's value, are not damage.
        assert!(refused > tried, "{refused} of {} refused", 3 * tried);
        for end in (body_start..body_end).step_by(stride) {
            let mut short = bytes[..end].to_vec();
            short.extend_from_slice(&[0; 8]);
            let e = load(short).unwrap_err().to_string();
            assert!(
                e.contains("ends early") || e.contains("larger than the artifact"),
                "cut at {end}: {e}"
            );
        }
    }

    #[test]
    fn ir_that_does_not_verify_is_refused_even_with_a_good_checksum() {
        let engine = Engine::default();
        let module = Module::new(
            &engine,
            wat::parse_str(
                r#"(module (func (export "f") (param i32) (result i32)
                (i32.add (local.get 0) (local.get 0))))"#,
            )
            .unwrap(),
        )
        .unwrap();
        let mut bytes = module.serialize().unwrap();
        // Find the i32.add instruction word (opcode, a, b, c) and point its
        // operand at a slot beyond the frame.
        let add = crate::ir::Op::I32Add as u16;
        let at = (0..bytes.len() - 8)
            .rev()
            .find(|&i| u16::from_le_bytes([bytes[i], bytes[i + 1]]) == add)
            .expect("the add is in the artifact");
        bytes[at + 4..at + 6].copy_from_slice(&500u16.to_le_bytes());
        let end = bytes.len() - 8;
        let checksum = fnv1a(&bytes[..end]);
        bytes[end..].copy_from_slice(&checksum.to_le_bytes());
        // SAFETY: the verifier runs before the IR could.
        let e = unsafe { Module::deserialize(&engine, &bytes) }.unwrap_err();
        assert!(e.to_string().contains("does not verify"), "{e}");
    }
}
