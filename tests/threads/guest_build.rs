//! Builds the threads guest programs for the tests, once per test process,
//! with `tests/threads/build.sh` into `target/threads-guests` (its Cargo
//! build in `target/threads-guests/cargo`, whatever `CARGO_TARGET_DIR` the
//! tests run under): `threads-sum.wasm` (Rust, `wasm32-wasip1-threads`) and
//! `pthreads.wasm` (C pthreads, clang and the threaded wasi-libc).
//!
//! Included with `#[path]` by `cli/tests/threads.rs`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The built guests.
#[derive(Clone, Debug)]
pub struct Guests {
    /// `threads-sum.wasm`: `THREADS WORK`, prints `checksum N items M`.
    pub threads_sum: PathBuf,
    /// `pthreads.wasm`: `[N [K]]`, prints `sum S items N`.
    pub pthreads: PathBuf,
}

/// The workspace root (the test crates sit one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crate has a parent directory")
        .to_path_buf()
}

/// Where the guests go.
fn out_dir() -> PathBuf {
    workspace_root().join("target").join("threads-guests")
}

/// Whether a missing toolchain is a failure (under CI) or a skip.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A missing tool: fail under CI; otherwise say, on the terminal (past the
/// test harness's output capture, which would hide it for a test that
/// returns), which test did not run and what is missing (`build.sh`'s
/// message names it and how to install it).
fn missing(detail: &str) -> Option<Guests> {
    if in_ci() {
        panic!("the threads guests' toolchain is required under CI: {detail}");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a threads test")
        .to_string();
    let line = format!("\nSKIPPED {test}: {detail}\n");
    use std::io::Write;
    let _ = std::io::stderr().write_all(line.as_bytes());
    None
}

/// The guests, built on first use; `None` (after a notice) when part of the
/// toolchain is missing (the `wasm32-wasip1-threads` Rust target, clang,
/// wasi-libc, clang's wasm32 builtins) and `CI` is unset.
pub fn guests() -> Option<Guests> {
    /// `Err((toolchain missing, message))`.
    static GUESTS: OnceLock<Result<Guests, (bool, String)>> = OnceLock::new();
    let built = GUESTS.get_or_init(|| {
        let root = workspace_root();
        let out = Command::new("bash")
            .arg(root.join("tests/threads/build.sh"))
            .arg(out_dir())
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .map_err(|e| (true, format!("cannot run bash: {e}")))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            // build.sh's own checks: `build.sh: X is missing (install: ...)`.
            let toolchain = err
                .lines()
                .any(|l| l.starts_with("build.sh:") && l.contains("missing"));
            return Err((toolchain, err));
        }
        Ok(Guests {
            threads_sum: out_dir().join("threads-sum.wasm"),
            pthreads: out_dir().join("pthreads.wasm"),
        })
    });
    match built {
        Ok(g) => Some(g.clone()),
        Err((true, e)) => {
            let line = e.lines().find(|l| l.contains("missing")).unwrap_or(e);
            missing(line.trim())
        }
        Err((false, e)) => panic!("building the threads guest programs failed:\n{e}"),
    }
}
