//! The component corpus (`tests/components`): every call of every
//! component run by `wisp run --invoke`, its output compared with what
//! wasmtime printed for it (the files' headers), every trap a clean trap,
//! and every component of `invalid/` refused as invalid.
#![cfg(feature = "component")]

use std::path::{Path, PathBuf};
use std::process::Command;

/// One expectation of a file's header.
enum Expect {
    Output(String),
    Trap,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/components")
}

/// The `.wat` files of `dir`, sorted.
fn wat_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    files.sort();
    files
}

/// The calls and expectations of a file's header.
fn calls(text: &str) -> Vec<(String, Expect)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(call) = line.strip_prefix(";; invoke: ") else {
            continue;
        };
        let next = lines.get(i + 1).copied().unwrap_or("");
        let expect = if next.starts_with(";; expect-trap") {
            Expect::Trap
        } else if let Some(output) = next.strip_prefix(";; expect: ") {
            Expect::Output(output.to_string())
        } else {
            panic!("`{call}` has no expectation");
        };
        out.push((call.to_string(), expect));
    }
    out
}

/// The binary of the component in `wat`, written to the test's directory.
fn binary(wat: &Path, out: &Path) -> PathBuf {
    let bytes = wat::parse_file(wat).unwrap_or_else(|e| panic!("{}: {e}", wat.display()));
    let path = out.join(wat.file_name().unwrap()).with_extension("wasm");
    std::fs::write(&path, bytes).expect("write the binary");
    path
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wisp-components-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make the output directory");
    dir
}

fn wisp(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .output()
        .expect("run wisp")
}

#[test]
fn every_call_of_the_corpus_gives_what_wasmtime_gave() {
    let dir = out_dir("calls");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in wat_files(&corpus()) {
        let wasm = binary(&file, &dir);
        let text = std::fs::read_to_string(&file).unwrap();
        for (call, expect) in calls(&text) {
            count += 1;
            let out = wisp(&["run", "--invoke", &call, wasm.to_str().unwrap()]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let ok = match &expect {
                Expect::Output(want) => out.status.code() == Some(0) && stdout.trim_end() == want,
                // A trap: exit status 1 and one `error: ... trap` line
                // naming the cause; never a crash or a panic.
                Expect::Trap => {
                    out.status.code() == Some(1)
                        && stderr.starts_with("error: ")
                        && stderr.contains("trap")
                        && !stderr.contains("panicked")
                }
            };
            if !ok {
                failures.push(format!(
                    "{} {call}: status {:?}, stdout {stdout:?}, stderr {stderr:?}",
                    file.file_name().unwrap().to_string_lossy(),
                    out.status.code()
                ));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(count > 500, "only {count} calls found");
    assert!(
        failures.is_empty(),
        "{} of {count} calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_components_are_refused_as_invalid() {
    let dir = out_dir("invalid");
    let files = wat_files(&corpus().join("invalid"));
    assert!(files.len() >= 20);
    for file in files {
        let wasm = binary(&file, &dir);
        let out = wisp(&["run", wasm.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", file.display());
        assert!(
            stderr.starts_with("error: ") && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_component_without_wasi_cli_run_says_how_to_call_it() {
    let dir = out_dir("norun");
    let wasm = binary(&corpus().join("records.wat"), &dir);
    let out = wisp(&["run", wasm.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("exports no `wasi:cli/run`"), "{stderr}");
    let out = wisp(&[
        "run",
        "--invoke",
        "no-such-export()",
        wasm.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no exported function `no-such-export`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inspect_prints_a_components_world_as_wit() {
    let dir = out_dir("inspect");
    let wasm = binary(&corpus().join("records.wat"), &dir);
    let out = wisp(&["inspect", wasm.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    for line in [
        "world records {",
        "  export record rgb { r: u8, g: u8, b: u8 };",
        "  export record rect { origin: point, size: point };",
        "  export echo-rgb: func(c: rgb) -> rgb;",
        "  export make-person: func(name: string, age: u8) -> person;",
    ] {
        assert!(
            stdout.lines().any(|l| l == line),
            "no `{line}` in\n{stdout}"
        );
    }
    let out = wisp(&["inspect", "--json", wasm.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(r#""kind":"component""#)
            && stdout.contains(r#"{"name":"echo-rgb","kind":"func"}"#),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invoke_arguments_that_do_not_parse_are_one_line_errors() {
    let dir = out_dir("badargs");
    let wasm = binary(&corpus().join("records.wat"), &dir);
    let path = wasm.to_str().unwrap();
    for (call, expected) in [
        ("echo-rgb({r: 1, g: 2})", "--invoke echo-rgb({r: 1, g: 2}):"),
        ("echo-rgb(5)", "--invoke echo-rgb(5):"),
        ("echo-rgb(", "--invoke echo-rgb(:"),
    ] {
        let out = wisp(&["run", "--invoke", call, path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{call}: {stderr}");
        assert!(
            stderr.contains(expected) && stderr.lines().count() == 1,
            "{call}: {stderr}"
        );
    }
    let out = wisp(&["run", "--invoke", "echo-rgb", path, "extra"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument `extra`"));
    std::fs::remove_dir_all(&dir).ok();
}
