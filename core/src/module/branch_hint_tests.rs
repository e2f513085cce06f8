//! The `metadata.code.branch_hint` section check: modules from annotated
//! text, and hand-built sections placed before a module's code section.

use crate::{Engine, Module};
use alloc::{string::ToString, vec::Vec};

/// Two functions with no locals; in each, `local.get 0` is at body offset 1,
/// `if` (function 0) or `br_if` (function 1) at 3, `i32.const 4` at 6.
const TWO_FUNCS: &str = r#"(module
  (func (param i32) local.get 0 if end i32.const 4 drop)
  (func (param i32) block local.get 0 br_if 0 i32.const 4 drop end))"#;

/// A custom section named `name` holding `payload`.
fn custom_section(name: &str, payload: &[u8]) -> Vec<u8> {
    let size = 1 + name.len() + payload.len();
    assert!(size < 128 && name.len() < 128, "one-byte LEB128 sizes");
    let mut section = alloc::vec![0, size as u8, name.len() as u8];
    section.extend(name.as_bytes());
    section.extend(payload);
    section
}

/// The byte offset of the code section (id 10) in `bytes`.
fn code_section_at(bytes: &[u8]) -> usize {
    let mut at = 8;
    while bytes[at] != 10 {
        let (mut size, mut shift, mut k) = (0usize, 0, at + 1);
        loop {
            let b = bytes[k];
            size |= ((b & 0x7f) as usize) << shift;
            shift += 7;
            k += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
        at = k + size;
    }
    at
}

/// `wat` with a custom section holding `payload` right before its code
/// section, where the hint section belongs.
fn with_section(wat: &str, name: &str, payload: &[u8]) -> Vec<u8> {
    let mut bytes = wat::parse_str(wat).unwrap();
    let at = code_section_at(&bytes);
    bytes.splice(at..at, custom_section(name, payload));
    bytes
}

/// The error compiling `bytes` gives, or `None` when it compiles.
fn error(bytes: &[u8]) -> Option<alloc::string::String> {
    Module::new(&Engine::default(), bytes)
        .err()
        .map(|e| e.to_string())
}

/// The error for `TWO_FUNCS` with a hint section holding `payload`.
fn hints_error(payload: &[u8]) -> Option<alloc::string::String> {
    error(&with_section(
        TWO_FUNCS,
        "metadata.code.branch_hint",
        payload,
    ))
}

#[test]
fn annotated_if_and_br_if_are_accepted() {
    let wat = r#"(module
      (func (param i32) (result i32)
        (@metadata.code.branch_hint "\01")
        (if (result i32) (local.get 0)
          (then (block (@metadata.code.branch_hint "\00") (br_if 0 (local.get 0)))
                (i32.const 1))
          (else (i32.const 0)))))"#;
    let bytes = wat::parse_str(wat).unwrap();
    let name = b"metadata.code.branch_hint";
    assert!(
        bytes.windows(name.len()).any(|w| w == name),
        "the section is emitted"
    );
    assert_eq!(error(&bytes), None);
}

#[test]
fn hand_built_hints_are_accepted() {
    // Function 0: `if` at 3, unlikely; function 1: `br_if` at 5, likely.
    assert_eq!(hints_error(&[2, 0, 1, 3, 1, 0, 1, 1, 5, 1, 1]), None);
}

#[test]
fn a_hint_on_another_instruction_is_refused() {
    let wat = r#"(module
      (func (param i32) (result i32)
        local.get 0 local.get 0 (@metadata.code.branch_hint "\01") i32.eq))"#;
    let e = error(&wat::parse_str(wat).unwrap()).unwrap();
    assert!(
        e.contains("function 0: hint offset 5 is not the start of an `if` or `br_if`"),
        "{e}"
    );
    // Offsets inside the locals or an immediate (`i32.const 4`'s operand is
    // the byte 0x04, `if`'s opcode), and past the body's end.
    for offset in [0, 2, 7, 60] {
        let e = hints_error(&[1, 0, 1, offset, 1, 0]).unwrap();
        assert!(
            e.contains("is not the start of an `if` or `br_if`"),
            "{offset}: {e}"
        );
    }
}

#[test]
fn out_of_order_entries_are_refused() {
    let e = hints_error(&[2, 1, 1, 5, 1, 0, 0, 1, 3, 1, 0]).unwrap();
    assert!(
        e.contains("branch_hint section: function 0 out of order"),
        "{e}"
    );
    let e = hints_error(&[2, 0, 1, 3, 1, 0, 0, 1, 3, 1, 0]).unwrap();
    assert!(e.contains("function 0 out of order"), "duplicate: {e}");
    let e = hints_error(&[1, 1, 2, 5, 1, 0, 5, 1, 0]).unwrap();
    assert!(e.contains("function 1: hint offset 5 out of order"), "{e}");
}

#[test]
fn functions_without_a_body_are_refused() {
    let e = hints_error(&[1, 2, 1, 3, 1, 0]).unwrap();
    assert!(e.contains("function 2 is not a defined function"), "{e}");
    let wat = r#"(module (import "m" "f" (func)) (func (param i32) local.get 0 if end))"#;
    let payload = [1, 0, 1, 3, 1, 0];
    let bytes = with_section(wat, "metadata.code.branch_hint", &payload);
    let e = error(&bytes).unwrap();
    assert!(e.contains("function 0 is not a defined function"), "{e}");
    // The defined function is function 1.
    let bytes = with_section(wat, "metadata.code.branch_hint", &[1, 1, 1, 3, 1, 0]);
    assert_eq!(error(&bytes), None);
}

#[test]
fn malformed_hints_are_refused() {
    // Hint value 2, hint size 2, trailing bytes, a truncated section.
    for payload in [
        &[1, 0, 1, 3, 1, 2][..],
        &[1, 0, 1, 3, 2, 0, 0],
        &[1, 0, 1, 3, 1, 0, 9],
        &[1, 0, 1, 3],
        &[],
    ] {
        let e = hints_error(payload).unwrap();
        assert!(
            e.contains("metadata.code.branch_hint section: "),
            "{payload:?}: {e}"
        );
    }
}

#[test]
fn a_second_section_or_one_after_the_code_is_refused() {
    let mut bytes = with_section(TWO_FUNCS, "metadata.code.branch_hint", &[0]);
    let at = code_section_at(&bytes);
    bytes.splice(at..at, custom_section("metadata.code.branch_hint", &[0]));
    let e = error(&bytes).unwrap();
    assert!(
        e.contains("metadata.code.branch_hint section: a second section"),
        "{e}"
    );
    let mut bytes = wat::parse_str(TWO_FUNCS).unwrap();
    bytes.extend(custom_section("metadata.code.branch_hint", &[0]));
    let e = error(&bytes).unwrap();
    assert!(e.contains("section: after the code section"), "{e}");
}
