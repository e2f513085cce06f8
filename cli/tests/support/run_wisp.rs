//! Running the `wisp` binary from the end-to-end tests of WASI guests
//! (`wasi.rs` for preview 1, `wasip2.rs` for components): its exit status
//! and output. Included with `#[path]`.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

/// One run of the binary.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `wisp ARGS` with `stdin` piped in and extra environment `env`.
pub fn wisp_with(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wisp");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    let out = child.wait_with_output().expect("wait for wisp");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn wisp(args: &[&str]) -> Out {
    wisp_with(args, "", &[])
}

/// Asserts success and returns stdout.
pub fn ok(out: Out) -> String {
    assert_eq!(
        out.code, 0,
        "stderr: {}\nstdout: {}",
        out.stderr, out.stdout
    );
    out.stdout
}
