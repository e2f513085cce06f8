//! The functions the golden tests of every architecture pin, as WAT: each
//! module exports the function `f` whose code a test checks, so that the
//! architectures' tests of one design point lower the same IR.

/// `i32.add` of two locals into a third; the call after it makes pinning
/// the locals cost more than it saves (each would be written back and
/// reloaded around it), so they stay in their frame slots.
pub(crate) const I32_ADD_SLOT_TO_SLOT: &str = r#"(module
  (func $g)
  (func (export "f") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.add (local.get 0) (local.get 1)))
    (call $g)
    (local.get 2)))"#;

/// A product used once and at once by a sum: `i32.mul.ass` into the
/// integer accumulator, `i32.add.sas` reading it.
pub(crate) const ACCUMULATOR_CHAIN: &str = r#"(module
  (func (export "f") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2))))"#;

/// A local plus a constant: `i32.add_imm`.
pub(crate) const IMMEDIATE_OPERAND: &str = r#"(module
  (func (export "f") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1000))))"#;

/// `br_if` on `i32.lt_s`, fused into `br_i32.lt_s`.
pub(crate) const FUSED_COMPARE_AND_BRANCH: &str = r#"(module
  (func (export "f") (param i32 i32) (result i32)
    (block $out
      (br_if $out (i32.lt_s (local.get 0) (local.get 1)))
      (return (i32.const 1)))
    (i32.const 2)))"#;

/// A loop summing a counter that counts down: both locals pinned, the
/// decremented counter also in the accumulator (`i32.add_imm.bs`), which
/// the back edge tests (`br_if_nez.a`).
pub(crate) const LOOP_WITH_PINNED_COUNTER: &str = r#"(module
  (func (export "f") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))"#;

/// `i32.div_s` of two locals: both of its traps, and nothing else that
/// traps, so its stubs are the only ones.
pub(crate) const I32_DIV_S: &str = r#"(module
  (func (export "f") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1))))"#;

/// `i32.shl` by a count in a local.
pub(crate) const I32_SHL_VARIABLE_COUNT: &str = r#"(module
  (func (export "f") (param i32 i32) (result i32)
    (i32.shl (local.get 0) (local.get 1))))"#;

/// An `i32.load` with an offset (16) from memory 0.
pub(crate) const I32_LOAD: &str = r#"(module
  (memory 1)
  (func (export "f") (param i32) (result i32)
    (i32.load offset=16 (local.get 0))))"#;

/// An `i64.store` with an offset (8) to memory 0.
pub(crate) const I64_STORE: &str = r#"(module
  (memory 1)
  (func (export "f") (param i32 i64)
    (i64.store offset=8 (local.get 0) (local.get 1))))"#;

/// A `br_table` of three targets, the last the default.
pub(crate) const BR_TABLE: &str = r#"(module
  (func (export "f") (param i32) (result i32)
    (block $c
      (block $b
        (block $a (br_table $a $b $c (local.get 0)))
        (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30)))"#;

/// A direct call of another function of the module, its frame at slot 1.
pub(crate) const DIRECT_CALL: &str = r#"(module
  (func $g (param i32) (result i32) (local.get 0))
  (func (export "f") (param i32) (result i32)
    (call $g (local.get 0))))"#;

/// [`ACCUMULATOR_CHAIN`] in `f64`: `f64.mul.ass`, `f64.add.sas`.
pub(crate) const F64_ACCUMULATOR_CHAIN: &str = r#"(module
  (func (export "f") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))))"#;

/// `select` of two locals by a third.
pub(crate) const SELECT: &str = r#"(module
  (func (export "f") (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (local.get 2))))"#;

/// `br_if` on `i32.eqz`, which the translator turns into a comparison with
/// the immediate 0 fused into the branch (`br_i32.eq_imm`).
pub(crate) const EQZ_BR_IF: &str = r#"(module
  (func (export "f") (param i32) (result i32)
    (block $out
      (br_if $out (i32.eqz (local.get 0)))
      (return (i32.const 1)))
    (i32.const 2)))"#;

/// `global.get`, an add, `global.set` of a mutable `i32` global.
pub(crate) const GLOBAL_GET_SET: &str = r#"(module
  (global $g (mut i32) (i32.const 0))
  (func (export "f") (param i32)
    (global.set $g (i32.add (global.get $g) (local.get 0)))))"#;

/// `unreachable` alone.
pub(crate) const UNREACHABLE: &str = r#"(module (func (export "f") (unreachable)))"#;
