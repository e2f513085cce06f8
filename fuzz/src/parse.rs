//! The `parse` target: decoding, validation and translation of any bytes.
//!
//! Every input is given to `Module::new` twice as it is (with the proposals
//! wisp executes, and with every proposal it validates), and two wasm-smith
//! modules are built from it and given the same way. wisp must accept a
//! module exactly when wasmparser validates it under the same proposals,
//! except for its documented implementation limits and, with proposals it
//! does not execute yet (none today), an "unsupported operator" error. A panic, an
//! abort, a hang or unbounded memory is a failure (the last two are
//! libFuzzer's `-timeout` and `-rss_limit_mb`).

use crate::modules;
use arbitrary::Unstructured;

/// Runs one input.
pub fn run(data: &[u8]) {
    let executed = modules::executed_config();
    let validating = modules::validating_config();
    check(&executed, data, true);
    check(&validating, data, false);

    let mut u = Unstructured::new(data);
    if let Some(module) = modules::smith(modules::executed_smith_config(), &mut u) {
        check(&executed, &module, true);
    }
    let mut u = Unstructured::new(data);
    if let Some(module) = modules::smith(modules::validating_smith_config(), &mut u) {
        check(&validating, &module, false);
    }
}

/// Compiles `bytes` under `config` and checks wisp's verdict against
/// wasmparser's. `executes` says whether wisp runs everything `config`
/// enables.
fn check(config: &wisp::Config, bytes: &[u8], executes: bool) {
    // `Module::new` takes WebAssembly text too: judge text by the binary
    // the text parser makes of it.
    let valid = match text_binary(bytes) {
        Some(binary) => binary.is_some_and(|b| modules::validates(config, &b)),
        None => modules::validates(config, bytes),
    };
    let engine = wisp::Engine::new(config);
    judge(valid, wisp::Module::new(&engine, bytes).map(drop), executes);
}

/// Fails unless wisp's verdict `result` on a module agrees with
/// wasmparser's (`valid`), as [`check`] describes.
fn judge(valid: bool, result: Result<(), wisp::Error>, executes: bool) {
    match result {
        Ok(()) => assert!(valid, "wisp accepted a module wasmparser rejects"),
        Err(error) => {
            let allowed = modules::is_implementation_limit(&error)
                || (!executes && modules::is_unsupported(&error));
            assert!(!valid || allowed, "wisp rejected a valid module: {error}");
        }
    }
}

/// For input `Module::new` treats as text (UTF-8 whose first non-blank
/// character opens an S-expression or a comment, as wisp-core's
/// `module/text.rs` decides), the binary the text parser makes of it, if
/// it parses; `None` for any other input.
fn text_binary(bytes: &[u8]) -> Option<Option<Vec<u8>>> {
    if bytes.starts_with(b"\0asm") {
        return None;
    }
    let text = core::str::from_utf8(bytes).ok()?;
    if !matches!(text.trim_start().as_bytes().first(), Some(b'(' | b';')) {
        return None;
    }
    Some(wat::parse_str(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arbitrary_bytes_and_modules_pass() {
        run(b"");
        run(b"\0asm\x01\0\0\0");
        run(&[0xff; 64]);
        let module =
            wat::parse_str("(module (func (export \"f\") (result i32) i32.const 1))").unwrap();
        run(&module);
        // Text: valid, invalid, and text whose binary does not validate.
        run(b"(module (func br 0 try_table end))\n");
        run(b"(module (func (export \"f\") (result i32) i32.const 1))");
        run(b"(module (func (result i32)))");
        run(b"(modul");
    }

    #[test]
    #[should_panic(expected = "wisp rejected a valid module")]
    fn a_valid_module_wisp_refuses_is_reported() {
        // wisp executes every proposal it validates, so the refusal is
        // made up: a verdict of "unsupported" on a valid module, under a
        // configuration that claims wisp executes it.
        let refusal = wisp::Error::new(wisp::ErrorKind::Compile {
            message: "unsupported operator: made up".into(),
            offset: 0,
        });
        judge(true, Err(refusal), true);
    }

    #[test]
    #[should_panic(expected = "wisp accepted a module wasmparser rejects")]
    fn an_invalid_module_wisp_accepts_is_reported() {
        judge(false, Ok(()), true);
    }

    #[test]
    fn threads_modules_are_executed() {
        let module = wat::parse_str(
            "(module (memory 1 1 shared) (func (drop (i32.atomic.load (i32.const 0)))))",
        )
        .unwrap();
        check(&modules::validating_config(), &module, true);
    }
}
