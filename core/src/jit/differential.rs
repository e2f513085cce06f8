//! Compiled code against the interpreter, for every architecture's tests:
//! the same module and calls under both strategies must give the same
//! results, traps, memory and globals, and the functions run must have been
//! compiled, so no case can pass by being interpreted.

use crate::{Config, Engine, Linker, Module, Store, Strategy, Val};
use alloc::{format, string::String, vec::Vec};

/// What a call did: its results (as bits, so NaN payloads compare) or its
/// trap's message.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Results(Vec<u128>),
    Trap(String),
}

pub(crate) fn bits(v: &Val) -> u128 {
    match *v {
        Val::I32(x) => x as u32 as u128,
        Val::I64(x) => x as u64 as u128,
        Val::F32(x) => x as u128,
        Val::F64(x) => x as u128,
        Val::V128(x) => x,
        ref other => panic!("no bits for {other:?}"),
    }
}

/// Everything observable after running `calls` (export name, arguments)
/// in order on a fresh instance of `text` under `strategy`: each call's
/// outcome, then the exported memory `mem` and global `g` if present.
pub(crate) fn observe(text: &str, strategy: Strategy, calls: &[(&str, Vec<Val>)]) -> Vec<String> {
    let mut config = Config::new();
    config.strategy(strategy);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .unwrap();
    if strategy == Strategy::Jit {
        let interpreted = store
            .inner
            .vm_funcs
            .iter()
            .filter(|f| !f.compiled.is_null() && f.jit.is_null())
            .count();
        assert_eq!(interpreted, 0, "every function compiled");
    }
    let mut seen = Vec::new();
    for (name, args) in calls {
        let func = instance.get_func(&store, name).expect(name);
        let mut results = alloc::vec![Val::I32(0); func.ty(&store).results().len()];
        let outcome = match func.call(&mut store, args, &mut results) {
            Ok(()) => Outcome::Results(results.iter().map(bits).collect()),
            Err(e) => Outcome::Trap(format!("{e}")),
        };
        seen.push(format!("{name}{args:?} -> {outcome:?}"));
    }
    if let Some(memory) = instance.get_memory(&store, "mem") {
        let data = memory.data(&store);
        let sum = data.iter().enumerate().fold(0u64, |h, (k, &b)| {
            h.wrapping_mul(31).wrapping_add(b as u64 ^ k as u64)
        });
        seen.push(format!("memory {} bytes, hash {sum:x}", data.len()));
    }
    if let Some(global) = instance.get_global(&store, "g") {
        seen.push(format!("global {:?}", bits(&global.get(&store))));
    }
    seen
}

/// Runs `calls` under both strategies and compares everything observed.
pub(crate) fn same(text: &str, calls: &[(&str, Vec<Val>)]) {
    let interpreted = observe(text, Strategy::Interpreter, calls);
    let compiled = observe(text, Strategy::Jit, calls);
    assert_eq!(interpreted, compiled);
}

/// Every pair of `values` as arguments of each of `funcs`.
pub(crate) fn pairs(funcs: &[&'static str], values: &[Val]) -> Vec<(&'static str, Vec<Val>)> {
    let mut calls = Vec::new();
    for f in funcs {
        for x in values {
            for y in values {
                calls.push((*f, alloc::vec![*x, *y]));
            }
        }
    }
    calls
}

/// Each binary operator of `ty` in `ops` five ways, the register aliasing
/// cases (x86_64's shift counts in `rcx` and division in `rdx:rax`; any
/// architecture's result register that is also an operand's): into a
/// fresh temporary (export `op`), into its left operand's local
/// (`op_into_left`), into its right operand's (`op_into_right`: a
/// divisor or shift count overwritten before it is used would show),
/// with one local as both operands and the destination
/// (`op_self`), and nested in another with a sum as its right operand
/// (`op_chain`: temporaries and the accumulator forms). The names are
/// [`variants`].
pub(crate) fn binary_ops(ty: &str, ops: &[&str]) -> String {
    let mut text = String::from("(module\n");
    for op in ops {
        text += &format!(
            "(func (export \"{op}\") (param {ty} {ty}) (result {ty}) ({ty}.{op} (local.get 0) (local.get 1)))
             (func (export \"{op}_into_left\") (param {ty} {ty}) (result {ty})
               (local.set 0 ({ty}.{op} (local.get 0) (local.get 1))) (local.get 0))
             (func (export \"{op}_into_right\") (param {ty} {ty}) (result {ty})
               (local.set 1 ({ty}.{op} (local.get 0) (local.get 1))) (local.get 1))
             (func (export \"{op}_self\") (param {ty} {ty}) (result {ty})
               (local.set 1 ({ty}.{op} (local.get 1) (local.get 1))) (local.get 1))
             (func (export \"{op}_chain\") (param {ty} {ty}) (result {ty})
               ({ty}.{op} ({ty}.{op} (local.get 0) (local.get 1)) ({ty}.add (local.get 1) (local.get 0))))\n"
        );
    }
    text + ")"
}

/// The binary integer operators whose result has their operands' type.
pub(crate) const INT_OPS: [&str; 15] = [
    "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s",
    "shr_u", "rotl", "rotr",
];

/// The export names [`binary_ops`] gives each of `ops`.
pub(crate) fn variants(ops: &[&'static str]) -> Vec<&'static str> {
    let mut names = Vec::new();
    for op in ops {
        for suffix in ["", "_into_left", "_into_right", "_self", "_chain"] {
            names.push(&*alloc::boxed::Box::leak(
                format!("{op}{suffix}").into_boxed_str(),
            ));
        }
    }
    names
}
