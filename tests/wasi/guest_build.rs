//! Builds the WASI guest programs for the tests, once per test process:
//! the Rust `probe` (`tests/wasi`, for `wasm32-wasip1`, with its own target
//! directory `target/wasi-guests`) and the C program (`tests/wasi/c`, with
//! `clang --target=wasm32-wasi`). Cargo's lock on the target directory
//! serialises concurrent builds from several test binaries.
//!
//! Included with `#[path]` by the test files that run guests
//! (`cli/tests/wasi.rs`, `tests/tests/wasi_lib.rs`, `cli/tests/wasip2.rs`).
//! The WASI 0.2 guests (`tests/wasip2`: its `probe` and `hello`, built for
//! `wasm32-wasip2` as components) come from [`wasip2_guests`].
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root (the test crates sit one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crate has a parent directory")
        .to_path_buf()
}

/// Where guest builds go.
fn out_dir() -> PathBuf {
    workspace_root().join("target").join("wasi-guests")
}

/// Whether a missing toolchain is a failure (under CI) or a skip.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A missing tool: fail under CI; otherwise say, on the terminal (past the
/// test harness's output capture, which would hide it for a test that
/// returns), which test did not run, what is missing and how to install it.
fn missing(what: &str, install: &str, detail: &str) -> Option<PathBuf> {
    if in_ci() {
        panic!("{what} is required under CI (install: {install}): {detail}");
    }
    skipped(&format!(
        "{what} is missing ({detail}); install it with `{install}`"
    ));
    None
}

/// A command that builds guests: without the settings of the cargo that
/// runs the tests (its target directory, target and flags), which would
/// leak into a build for another target.
pub fn guest_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    for var in [
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
    ] {
        command.env_remove(var);
    }
    command
}

/// A fresh empty directory for a test's files, named after `tag`.
pub fn temp_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wisp-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Says on the terminal (past the test harness's output capture, which
/// would hide it for a test that returns) that the running test did not
/// run, and why.
pub fn skipped(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a guest test")
        .to_string();
    let line = format!("\nSKIPPED {test}: {why}\n");
    use std::io::Write;
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The `probe` guest, built on first use; `None` (after a notice) when the
/// `wasm32-wasip1` target is not installed and `CI` is unset.
pub fn probe() -> Option<PathBuf> {
    static PROBE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let built = PROBE.get_or_init(|| {
        let root = workspace_root();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = guest_command(cargo)
            .args(["build", "--release", "--quiet", "--target", "wasm32-wasip1"])
            .arg("--manifest-path")
            .arg(root.join("tests/wasi/Cargo.toml"))
            .arg("--target-dir")
            .arg(out_dir())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(out_dir().join("wasm32-wasip1/release/probe.wasm"))
    });
    match built {
        Ok(p) => Some(p.clone()),
        Err(e)
            if e.contains("wasm32-wasip1")
                && (e.contains("not installed") || e.contains("can't find crate")) =>
        {
            missing(
                "the wasm32-wasip1 Rust target",
                "rustup target add wasm32-wasip1",
                e.lines().next().unwrap_or(""),
            )
        }
        Err(e) => panic!("building the WASI guest programs failed:\n{e}"),
    }
}

/// The C guest (`tests/wasi/c/cprog.c`), built with clang for
/// `wasm32-wasi`; `None` (after a notice) when clang or wasi-libc is
/// missing and `CI` is unset.
pub fn c_program() -> Option<PathBuf> {
    static C: OnceLock<Result<PathBuf, (bool, String)>> = OnceLock::new();
    let built = C.get_or_init(|| {
        let root = workspace_root();
        std::fs::create_dir_all(out_dir()).map_err(|e| (false, e.to_string()))?;
        let wasm = out_dir().join(format!("cprog-{}.wasm", std::process::id()));
        let clang = std::env::var_os("WISP_CLANG").unwrap_or_else(|| "clang".into());
        let out = Command::new(clang)
            .args(["--target=wasm32-wasi", "-O2", "-Wall", "-o"])
            .arg(&wasm)
            .arg(root.join("tests/wasi/c/cprog.c"))
            .output()
            .map_err(|e| (true, format!("cannot run clang: {e}")))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            let toolchain = err.contains("stdio.h")
                || err.contains("libclang_rt")
                || err.contains("wasm-ld")
                || err.contains("crt1");
            return Err((toolchain, err));
        }
        Ok(wasm)
    });
    match built {
        Ok(p) => Some(p.clone()),
        Err((true, e)) => missing(
            "clang with wasi-libc",
            "apt-get install clang lld wasi-libc libclang-rt-dev-wasm32",
            e.lines().next().unwrap_or(""),
        ),
        Err((false, e)) => panic!("building the C guest failed:\n{e}"),
    }
}

/// The WASI 0.2 guests (`tests/wasip2`), built on first use for
/// `wasm32-wasip2` (each a component) into `target/wasi-guests`:
/// `(probe, hello)`; `None` (after a notice) when the target is not
/// installed and `CI` is unset.
pub fn wasip2_guests() -> Option<(PathBuf, PathBuf)> {
    static GUESTS: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let built = GUESTS.get_or_init(|| {
        let root = workspace_root();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = guest_command(cargo)
            .args(["build", "--release", "--quiet", "--target", "wasm32-wasip2"])
            .arg("--manifest-path")
            .arg(root.join("tests/wasip2/Cargo.toml"))
            .arg("--target-dir")
            .arg(out_dir())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(out_dir().join("wasm32-wasip2/release"))
    });
    match built {
        Ok(dir) => Some((dir.join("probe.wasm"), dir.join("hello.wasm"))),
        Err(e)
            if e.contains("wasm32-wasip2")
                && (e.contains("not installed") || e.contains("can't find crate")) =>
        {
            missing(
                "the wasm32-wasip2 Rust target",
                "rustup target add wasm32-wasip2",
                e.lines().next().unwrap_or(""),
            );
            None
        }
        Err(e) => panic!("building the WASI 0.2 guest programs failed:\n{e}"),
    }
}
