//! Builds the threads guest programs for the tests, once per test process,
//! with `tests/threads/build.sh` into `target/threads-guests` (its Cargo
//! build in `target/threads-guests/cargo`, whatever `CARGO_TARGET_DIR` the
//! tests run under): `threads-sum.wasm` (Rust, `wasm32-wasip1-threads`) and
//! `pthreads.wasm` (C pthreads, clang and the threaded wasi-libc).
//!
//! Included with `#[path]` by `cli/tests/threads.rs`.
#![allow(dead_code)]

#[path = "../wasi/guest_build.rs"]
pub mod wasi_build;

use std::path::PathBuf;
use std::sync::OnceLock;
use wasi_build::{guest_command, in_ci, skipped, workspace_root};

/// The built guests.
#[derive(Clone, Debug)]
pub struct Guests {
    /// `threads-sum.wasm`: `THREADS WORK`, prints `checksum N items M`.
    pub threads_sum: PathBuf,
    /// `pthreads.wasm`: `[N [K]]`, prints `sum S items N`.
    pub pthreads: PathBuf,
}

/// Where the guests go.
fn out_dir() -> PathBuf {
    workspace_root().join("target").join("threads-guests")
}

/// A missing tool: fail under CI; otherwise say which test did not run and
/// what is missing (`build.sh`'s message names it and how to install it).
fn missing(detail: &str) -> Option<Guests> {
    if in_ci() {
        panic!("the threads guests' toolchain is required under CI: {detail}");
    }
    skipped(detail);
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
        let out = guest_command("bash")
            .arg(root.join("tests/threads/build.sh"))
            .arg(out_dir())
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
