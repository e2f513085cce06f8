//! The aarch64 lowering's limit on a function's size, on any host (the
//! lowering only produces bytes): a function whose body and trap stubs
//! would outgrow the conditional branches' reach stays interpreted instead
//! of leaving a branch unpatched.

use super::lower_with;
use crate::jit::lower::{Traps, Unit};
use crate::{Engine, Module};
use alloc::string::String;

/// A function of `n` divisions (each with two trap stubs).
fn divisions(n: usize) -> String {
    let mut text = String::from("(module (func (export \"f\") (param i32 i32) (result i32)\n");
    for _ in 0..n {
        text.push_str("(local.set 0 (i32.div_s (local.get 0) (local.get 1)))\n");
    }
    text.push_str("(local.get 0)))");
    text
}

/// Lowers export `f` of `text` for aarch64.
fn lowered(text: &str) -> Result<usize, crate::ir::Op> {
    let module = Module::new(&Engine::default(), wat::parse_str(text).unwrap()).unwrap();
    let f = module.find_func_index("f").unwrap();
    let def = module.info.defined_func(f).unwrap();
    lower_with(&module.info.code[def], Traps::default(), Unit::default()).map(|l| l.code.len())
}

#[test]
fn a_function_too_large_for_the_branches_stays_interpreted() {
    let size = lowered(&divisions(1_000)).expect("a thousand divisions compile");
    assert!(size > 50_000, "{size} bytes");
    assert!(lowered(&divisions(20_000)).is_err());
}
