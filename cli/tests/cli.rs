//! End-to-end tests of the `wisp` binary: each writes a small module to a
//! temporary directory, runs the binary and checks output and exit status.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The outcome of one run of the binary.
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn wisp(args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .output()
        .expect("run wisp");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `contents` to a fresh file in the temp dir; returns its path.
fn write_file(ext: &str, contents: &[u8]) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!("wisp-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path = dir.join(format!(
        "m{}.{ext}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, contents).expect("write temp file");
    path.to_str().expect("utf-8 temp path").to_string()
}

fn wat(text: &str) -> String {
    write_file("wat", text.as_bytes())
}

const ARITH: &str = r#"(module $arith
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "sub") (param i32 i32) (result i32) local.get 0 local.get 1 i32.sub)
  (func (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
  (func (export "mul") (param f64 f64) (result f64) local.get 0 local.get 1 f64.mul)
  (func (export "id32") (param f32) (result f32) local.get 0)
  (func (export "swap") (param i32 i64 f64) (result f64 i64 i32)
    local.get 2 local.get 1 local.get 0)
  (func (export "nothing"))
  (memory (export "mem") 1))"#;

/// Asserts a failure: status `code`, nothing on stdout, exactly one stderr
/// line starting with `error: ` and containing every one of `needles`.
fn assert_one_line_error(out: &Out, code: i32, needles: &[&str]) {
    assert_eq!(out.code, code, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "", "stdout should be empty");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {:?}", out.stderr);
    assert!(lines[0].starts_with("error: "), "{:?}", lines[0]);
    for n in needles {
        assert!(
            lines[0].contains(n),
            "{:?} does not contain {n:?}",
            lines[0]
        );
    }
}

fn assert_ok(out: &Out, stdout: &str) {
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn invoke_add() {
    let f = wat(ARITH);
    assert_ok(&wisp(&[&f, "--invoke", "add", "2", "3"]), "5\n");
    assert_ok(&wisp(&["run", &f, "--invoke", "add", "0x10", "1"]), "17\n");
}

#[test]
fn invoke_negative_arguments() {
    let f = wat(ARITH);
    assert_ok(&wisp(&[&f, "--invoke", "sub", "-5", "-7"]), "2\n");
    assert_ok(
        &wisp(&[&f, "--invoke", "sub", "-2147483648", "1"]),
        "2147483647\n",
    );
    assert_ok(&wisp(&["--invoke", "add", &f, "--", "-1", "-2"]), "-3\n");
    assert_ok(&wisp(&[&f, "--invoke", "add", "4294967295", "0"]), "-1\n");
}

#[test]
fn invoke_i64_arguments() {
    let f = wat(ARITH);
    assert_ok(
        &wisp(&[&f, "--invoke", "add64", "9223372036854775807", "1"]),
        "-9223372036854775808\n",
    );
    assert_ok(
        &wisp(&[&f, "--invoke", "add64", "5000000000", "-0x1"]),
        "4999999999\n",
    );
}

#[test]
fn invoke_float_arguments() {
    let f = wat(ARITH);
    assert_ok(&wisp(&[&f, "--invoke", "mul", "1.5", "-2"]), "-3\n");
    assert_ok(&wisp(&[&f, "--invoke", "mul", "0.5", "3"]), "1.5\n");
    assert_ok(&wisp(&[&f, "--invoke", "mul", "-inf", "2"]), "-inf\n");
    assert_ok(&wisp(&[&f, "--invoke", "mul", "-0", "1"]), "-0\n");
    assert_ok(&wisp(&[&f, "--invoke", "mul", "1e300", "10"]), "1e301\n");
    assert_ok(&wisp(&[&f, "--invoke", "id32", "0.1"]), "0.1\n");
    assert_ok(&wisp(&[&f, "--invoke", "id32", "nan"]), "nan\n");
    assert_ok(&wisp(&[&f, "--invoke", "id32", "nan:0x1"]), "nan:0x1\n");
}

#[test]
fn multi_value_results_one_per_line() {
    let f = wat(ARITH);
    assert_ok(
        &wisp(&[&f, "--invoke", "swap", "7", "-8", "2.5"]),
        "2.5\n-8\n7\n",
    );
}

#[test]
fn without_start_or_invoke_a_note_names_the_exports() {
    let f = wat(ARITH);
    let out = wisp(&[&f]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "note: {f}: no `_start` export, so nothing was called (call an export with \
             --invoke NAME: add, sub, add64, mul, id32, swap, nothing)\n"
        )
    );
    let f = wat("(module (memory (export \"m\") 1))");
    let out = wisp(&["run", &f]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr,
        format!("note: {f}: no `_start` export, so nothing was called (it exports no functions)\n")
    );
}

#[test]
fn no_results_print_nothing() {
    let f = wat(ARITH);
    assert_ok(&wisp(&[&f, "--invoke", "nothing"]), "");
}

#[test]
fn trap_exits_1_with_message_and_backtrace() {
    let f = wat(r#"(module
      (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
      (func (export "outer") (param i32) (result i32) local.get 0 call $inner))"#);
    let out = wisp(&[&f, "--invoke", "outer", "1"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!("error: {f}: trap: integer divide by zero")),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("  at ") && lines[1].contains("inner"),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with("  at ") && lines[2].contains("outer"),
        "{lines:?}"
    );
}

#[test]
fn gc_results_print_and_the_gc_heap_limit_traps() {
    let f = wat(r#"(module
      (type $cell (struct (field i64) (field (ref null $cell))))
      (func (export "i31") (result i31ref) (ref.i31 (i32.const -2)))
      (func (export "cell") (result anyref) (struct.new $cell (i64.const 1) (ref.null $cell)))
      (func (export "grow")
        (local $list (ref null $cell))
        (loop $l
          (local.set $list (struct.new $cell (i64.const 1) (local.get $list)))
          (br $l))))"#);
    assert_ok(&wisp(&[&f, "--invoke", "i31"]), "ref.i31 -2\n");
    assert_ok(&wisp(&[&f, "--invoke", "cell"]), "ref.struct\n");
    let out = wisp(&["run", "--max-gc-heap", "1Mi", "--invoke", "grow", &f]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(&format!("error: {f}: trap: out of GC heap memory")),
        "{}",
        out.stderr
    );
}

#[test]
fn uncaught_exception_exits_1_with_one_line() {
    let f = wat(r#"(module
      (tag $e (param i32))
      (func (export "throws") (param i32) (result i32)
        (block $h (result i32)
          (try_table (result i32) (catch $e $h)
            (throw $e (local.get 0))))
        (i32.add (i32.const 1))
        (throw $e)))"#);
    let out = wisp(&[&f, "--invoke", "throws", "41"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.lines().next(),
        Some(format!("error: {f}: `throws`: uncaught exception (1 value)").as_str()),
        "{}",
        out.stderr
    );
}

#[test]
fn start_function_and_underscore_start_run() {
    let f = wat(r#"(module (func $s unreachable) (start $s))"#);
    let out = wisp(&[&f]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with(&format!("error: {f}: trap: unreachable")),
        "{}",
        out.stderr
    );

    let f = wat(r#"(module (func (export "_start") unreachable))"#);
    let out = wisp(&[&f]);
    assert_eq!(out.code, 1, "`_start` must be called");
    assert!(out.stderr.contains("trap: unreachable"), "{}", out.stderr);

    let f = wat(r#"(module (func (export "main") unreachable))"#);
    let out = wisp(&[&f]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    assert!(
        out.stderr.contains("nothing was called") && out.stderr.contains("main"),
        "{}",
        out.stderr
    );
}

#[test]
fn deep_recursion_backtrace_is_collapsed() {
    let f = wat(r#"(module
      (func $down (export "down") (param i32) (result i32)
        local.get 0 i32.const 1 i32.add call $down))"#);
    let out = wisp(&[&f, "--invoke", "down", "0"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with(&format!("error: {f}: trap: call stack exhausted")),
        "{lines:?}"
    );
    // The innermost and outermost ten frames and one line for the rest.
    assert_eq!(lines.len(), 1 + 10 + 1 + 10, "{lines:?}");
    assert!(
        lines[11].starts_with("  ... ") && lines[11].ends_with(" more frames of down"),
        "{lines:?}"
    );
    // Each line names the offset of the call it waits on (the innermost
    // one, of the call that did not fit).
    assert!(
        lines[1..11]
            .iter()
            .all(|l| l.starts_with("  at 0x") && l.ends_with(": down (func[0])")),
        "{lines:?}"
    );
}

#[test]
fn invalid_module_exits_2() {
    let f = wat(r#"(module (func (result i32)))"#);
    assert_one_line_error(&wisp(&[&f]), 2, &[&f, "invalid module", "type mismatch"]);
    let f = write_file("wasm", b"\0asm\x01\0\0\0\x01");
    assert_one_line_error(&wisp(&[&f]), 2, &[&f, "invalid module"]);
}

#[test]
fn malformed_text_exits_2() {
    let f = wat("(module (func (result i32)\n");
    assert_one_line_error(&wisp(&[&f]), 2, &[&f, "malformed text", "line 2"]);
}

#[test]
fn missing_file_exits_126() {
    let f = std::env::temp_dir().join("wisp-cli-tests-no-such-file.wasm");
    let f = f.to_str().expect("utf-8 path");
    assert_one_line_error(&wisp(&[f]), 126, &[f]);
    assert_one_line_error(&wisp(&["validate", f]), 126, &[f]);
    assert_one_line_error(&wisp(&["inspect", f]), 126, &[f]);
}

#[test]
fn missing_import_exits_1() {
    let f = wat(r#"(module (import "env" "log" (func (param i32))) (func (export "f")))"#);
    assert_one_line_error(
        &wisp(&[&f]),
        1,
        &[&f, "link error: unknown import", "env", "log"],
    );
}

#[test]
fn bad_invocations_exit_1() {
    let f = wat(ARITH);
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "add", "1"]),
        1,
        &[&f, "add", "2 arguments", "got 1"],
    );
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "add", "1", "2", "3"]),
        1,
        &["got 3"],
    );
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "add", "1", "x"]),
        1,
        &["`x`", "i32"],
    );
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "add", "1", "4294967296"]),
        1,
        &["4294967296"],
    );
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "mul", "1", "1.2.3"]),
        1,
        &["1.2.3", "f64"],
    );
    assert_one_line_error(&wisp(&[&f, "--invoke", "nope"]), 1, &[&f, "nope"]);
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "mem"]),
        1,
        &["mem", "not a function"],
    );
}

#[test]
fn usage_errors_exit_1() {
    let f = wat(ARITH);
    assert_one_line_error(&wisp(&[&f, "--bogus"]), 1, &["--bogus"]);
    assert_one_line_error(&wisp(&["--bogus", &f]), 1, &["--bogus"]);
    assert_one_line_error(&wisp(&[&f, "1", "2"]), 1, &["--invoke"]);
    assert_one_line_error(
        &wisp(&[&f, "--invoke", "add", "1", "--bogus"]),
        1,
        &["--bogus"],
    );
    assert_one_line_error(&wisp(&[&f, "--engine", "fast"]), 1, &["fast"]);
    assert_one_line_error(&wisp(&["inspect"]), 1, &["FILE"]);
    assert_ok(
        &wisp(&[&f, "--engine", "interp", "--invoke", "add", "1", "1"]),
        "2\n",
    );
}

#[test]
fn dump_ir_prints_the_function() {
    let f = wat(ARITH);
    let out = wisp(&[&f, "--dump-ir", "add"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("i32.add"), "{}", out.stdout);
    assert!(out.stdout.contains("return"), "{}", out.stdout);
    let out = wisp(&[&f, "--dump-ir", "mul"]);
    assert!(out.stdout.contains("f64.mul"), "{}", out.stdout);
    assert_one_line_error(&wisp(&[&f, "--dump-ir", "nope"]), 1, &[&f, "nope"]);
}

#[test]
fn engine_jit_runs_compiled_code() {
    let f = wat(ARITH);
    let jit = cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));
    let out = wisp(&[&f, "--engine", "jit", "--invoke", "swap", "1", "2", "3.5"]);
    if jit {
        assert_ok(&out, "3.5\n2\n1\n");
        let trap = wat(r#"(module (func (export "div") (param i32) (result i32)
          (i32.div_u (i32.const 7) (local.get 0))))"#);
        let out = wisp(&[&trap, "--engine", "jit", "--invoke", "div", "0"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("integer divide by zero"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("at 0x"), "backtrace: {}", out.stderr);
    } else {
        assert_one_line_error(&out, 1, &["not available in this build"]);
    }
}

#[test]
fn dump_jit_prints_machine_code() {
    let f = wat(ARITH);
    let out = wisp(&[&f, "--dump-jit", "add"]);
    if !cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        assert_one_line_error(&out, 1, &["not available in this build"]);
        return;
    }
    assert_eq!(out.code, 0, "{}", out.stderr);
    let arch = if cfg!(target_arch = "x86_64") {
        "x86_64"
    } else {
        "aarch64"
    };
    assert!(
        out.stdout.contains(&format!("; {arch}, ")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("i32.add"), "{}", out.stdout);
    // `ret` ends the return's code.
    let ret = if cfg!(target_arch = "x86_64") {
        " c3\n"
    } else {
        " c0 03 5f d6"
    };
    assert!(out.stdout.contains(ret), "{}", out.stdout);
    assert_one_line_error(&wisp(&[&f, "--dump-jit", "nope"]), 1, &[&f, "nope"]);
}

#[test]
fn validate_reports_valid_and_invalid() {
    let f = wat(ARITH);
    assert_ok(&wisp(&["validate", &f]), &format!("{f}: valid\n"));
    let bad = wat(r#"(module (func (result i32) i64.const 0))"#);
    assert_one_line_error(&wisp(&["validate", &bad]), 2, &[&bad, "invalid module"]);
}

#[test]
fn inspect_lists_imports_and_exports() {
    let f = wat(r#"(module
      (import "env" "log" (func (param i32)))
      (func (export "run") (param i32) (result i64) i64.const 0)
      (memory (export "mem") 1))"#);
    let out = wisp(&["inspect", "--json", &f]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.stdout.trim();
    assert!(json.starts_with('{') && json.ends_with('}'), "{json}");
    assert!(
        json.contains(r#"{"module":"env","name":"log","kind":"func","type":"(func (param i32))"}"#),
        "{json}"
    );
    assert!(
        json.contains(r#"{"name":"run","kind":"func","type":"(func (param i32) (result i64))"}"#),
        "{json}"
    );
    assert!(
        json.contains(r#"{"name":"mem","kind":"memory","type":"(memory 1)"}"#),
        "{json}"
    );
    assert!(
        json.contains(r#""functions":{"total":2,"imported":1,"defined":1}"#),
        "{json}"
    );
    assert!(json.contains(r#""types":2"#), "{json}");

    let out = wisp(&["inspect", &f]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("env.log: (func (param i32))"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("functions: 2 (1 imported, 1 defined)"),
        "{}",
        out.stdout
    );
}

#[test]
fn version_and_features() {
    let out = wisp(&["version"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with(&format!("wisp {}\n", env!("CARGO_PKG_VERSION"))),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(std::env::consts::ARCH),
        "{}",
        out.stdout
    );

    let out = wisp(&["features", "--json"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with(r#"{"features":["#), "{}", out.stdout);
    assert!(out.stdout.contains(r#""multi-value""#), "{}", out.stdout);
    let out = wisp(&["features"]);
    assert!(
        out.stdout.lines().any(|l| l == "bulk-memory"),
        "{}",
        out.stdout
    );
}

#[test]
fn help_succeeds() {
    let out = wisp(&["help"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("validate") && out.stdout.contains("inspect"),
        "{}",
        out.stdout
    );
}

#[cfg(feature = "wast")]
#[test]
fn wast_runs_scripts() {
    let module = r#"(module (func (export "add") (param i32 i32) (result i32)
        local.get 0 local.get 1 i32.add))"#;
    let good = write_file(
        "wast",
        format!(
            "{module}\n(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n"
        )
        .as_bytes(),
    );
    let out = wisp(&["wast", &good]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!("{good}: ")) && out.stdout.contains(" passed, 0 failed"),
        "{}",
        out.stdout
    );

    let bad = write_file(
        "wast",
        format!(
            "{module}\n(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 4))\n"
        )
        .as_bytes(),
    );
    let out = wisp(&["wast", &bad]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains(" 0 failed"), "{}", out.stdout);
}

#[test]
fn compile_then_run_the_precompiled_module() {
    let file = wat(ARITH);
    let artifact = file.replace(".wat", ".cwisp");
    let out = wisp(&["compile", &file]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    assert_ok(
        &wisp(&[
            "run",
            "--allow-precompiled",
            "--invoke",
            "add",
            &artifact,
            "2",
            "3",
        ]),
        "5\n",
    );
    // `-o` picks the path; the default run settings are what it was compiled for.
    let named = file.replace(".wat", ".other");
    assert_eq!(wisp(&["compile", &file, "-o", &named]).code, 0);
    assert_ok(
        &wisp(&[
            "run",
            "--allow-precompiled",
            "--invoke",
            "sub",
            &named,
            "2",
            "3",
        ]),
        "-1\n",
    );
    // A .wasm or .wat still runs with the flag.
    assert_ok(
        &wisp(&[
            "run",
            "--allow-precompiled",
            "--invoke",
            "add",
            &file,
            "1",
            "1",
        ]),
        "2\n",
    );
}

#[test]
fn precompiled_modules_are_refused_without_the_flag_or_with_other_settings() {
    let file = wat(ARITH);
    let artifact = file.replace(".wat", ".cwisp");
    assert_eq!(wisp(&["compile", &file, "--output", &artifact]).code, 0);
    let out = wisp(&["run", "--invoke", "add", &artifact, "2", "3"]);
    assert_one_line_error(&out, 2, &["precompiled module", "--allow-precompiled"]);
    let out = wisp(&["inspect", &artifact]);
    assert_one_line_error(&out, 2, &["precompiled module"]);
    let out = wisp(&[
        "run",
        "--allow-precompiled",
        "--fuel",
        "100",
        "--invoke",
        "add",
        &artifact,
        "2",
        "3",
    ]);
    assert_one_line_error(&out, 2, &["a precompiled module runs", "without --fuel"]);
    // A damaged artifact is an error, not a crash.
    let mut bytes = std::fs::read(&artifact).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 0xff;
    let damaged = write_file("cwisp", &bytes);
    let out = wisp(&[
        "run",
        "--allow-precompiled",
        "--invoke",
        "add",
        &damaged,
        "2",
        "3",
    ]);
    assert_one_line_error(&out, 2, &["invalid precompiled module", "checksum"]);
    // An output that cannot be written names the path.
    let out = wisp(&["compile", &file, "-o", "/nonexistent-dir/x.cwisp"]);
    assert_one_line_error(&out, 1, &["/nonexistent-dir/x.cwisp", "cannot write"]);
    let out = wisp(&["compile", &file, "-o"]);
    assert_one_line_error(&out, 1, &["a value is required"]);
}
