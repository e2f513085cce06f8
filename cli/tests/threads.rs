//! wasi-threads end to end: `wisp run --wasi-threads` (and `-S threads`)
//! running the threads guests of `tests/threads` (a Rust `std::thread`
//! program and a C pthreads one, see its README.md for their expected
//! output), and small WAT programs for the edges: the thread limit, exit and
//! traps in a spawned thread, the flag's absence, `--link`.
//!
//! Every run has a time limit, so a hang fails its test instead of hanging
//! the suite.
#![cfg(feature = "wasi")]

#[path = "../../tests/threads/guest_build.rs"]
mod guest_build;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One finished run of the binary.
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `wisp ARGS`, killing it (and failing) after [`TIMEOUT`].
fn wisp(args: &[&str]) -> Out {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wisp");
    // Drain both pipes on threads of their own, so that a chatty child
    // cannot block on a full pipe while we wait for it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for wisp") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`wisp {}` still running after {TIMEOUT:?}: killed (a hang?)",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Out {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        elapsed: start.elapsed(),
    }
}

/// Asserts that `wisp ARGS` exits 0 and returns its stdout.
fn ok(args: &[&str]) -> String {
    let out = wisp(args);
    assert_eq!(
        out.code,
        0,
        "`wisp {}`\nstderr: {}\nstdout: {}",
        args.join(" "),
        out.stderr,
        out.stdout
    );
    out.stdout
}

/// The guests' paths as strings, or `None` to skip.
fn guests() -> Option<(String, String)> {
    let g = guest_build::guests()?;
    Some((
        g.threads_sum.display().to_string(),
        g.pthreads.display().to_string(),
    ))
}

/// `threads-sum WORK`'s line (README.md, "Expected output"); it does not
/// depend on the number of threads.
fn sum_line(work: u32) -> &'static str {
    match work {
        1 => "checksum 8512680869585097896 items 8\n",
        7 => "checksum 5061634199187407723 items 56\n",
        30 => "checksum 8185719801073436997 items 240\n",
        _ => unreachable!("no expected output for WORK {work}"),
    }
}

/// `pthreads` with 20000 items (the default), any number of consumers.
const PTHREADS_20000: &str = "sum 3065281129166063780 items 20000\n";
/// `pthreads 1000 K`.
const PTHREADS_1000: &str = "sum 8162007187144277557 items 1000\n";

/// Writes `text` to a fresh `.wat` file and returns its path.
fn wat_file(tag: &str, text: &str) -> PathBuf {
    let dir = guest_build::wasi_build::temp_dir(&format!("threads-{tag}"));
    let path = dir.join(format!("{tag}.wat"));
    std::fs::write(&path, text).expect("write the WAT file");
    path
}

fn path_str(path: &Path) -> String {
    path.display().to_string()
}

/// Imports and exports every WAT guest here has: the spawn call, `proc_exit`
/// and a shared memory, exported.
const PRELUDE: &str = r#"
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
"#;

/// Spawns threads until `thread-spawn` fails. Each thread parks forever in
/// `memory.atomic.wait32` on address 0, which nobody notifies. `_start`
/// keeps the ids at 1024.. and exits 0 after exactly 1024 positive,
/// distinct ids and then a negative result; otherwise 2 (a 1025th success),
/// 3 (fewer than 1024), 4 (an id repeated) or 5 (id 0).
fn spawn_until_refused() -> String {
    format!(
        r#"(module {PRELUDE}
  (func (export "wasi_thread_start") (param i32 i32)
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (func (export "_start")
    (local $n i32) (local $id i32) (local $i i32)
    (block $done
      (loop $again
        (local.set $id (call $spawn (local.get $n)))
        (br_if $done (i32.lt_s (local.get $id) (i32.const 0)))
        (if (i32.eqz (local.get $id)) (then (call $exit (i32.const 5))))
        (if (i32.ge_u (local.get $n) (i32.const 1024)) (then (call $exit (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $checked
          (loop $check
            (br_if $checked (i32.ge_u (local.get $i) (local.get $n)))
            (if (i32.eq (local.get $id)
                        (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
              (then (call $exit (i32.const 4))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $check)))
        (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 2)))
                   (local.get $id))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (if (i32.ne (local.get $n) (i32.const 1024)) (then (call $exit (i32.const 3))))
    (call $exit (i32.const 0))))
"#
    )
}

/// Spawns one thread whose `wasi_thread_start` is `body`; the main thread
/// then waits forever on address 0 (exit 2 if the spawn fails, 3 if the
/// wait ever returns).
fn one_thread_doing(body: &str) -> String {
    format!(
        r#"(module {PRELUDE}
  (func (export "wasi_thread_start") (param i32 i32) {body})
  (func (export "_start")
    (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then (call $exit (i32.const 2))))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
    (call $exit (i32.const 3))))
"#
    )
}

// --- the guest programs ----------------------------------------------------

#[test]
fn threads_sum_same_checksum_with_1_2_and_4_threads() {
    let Some((sum, _)) = guests() else { return };
    for threads in ["1", "2", "4"] {
        for work in [1, 7] {
            let out = ok(&["run", "--wasi-threads", &sum, threads, &work.to_string()]);
            assert_eq!(out, sum_line(work), "threads-sum {threads} {work}");
        }
    }
}

#[test]
fn threads_sum_2_threads_work_30() {
    let Some((sum, _)) = guests() else { return };
    assert_eq!(
        ok(&["run", "--wasi-threads", &sum, "2", "30"]),
        sum_line(30)
    );
}

#[test]
fn pthreads_defaults_and_one_consumer() {
    let Some((_, pthreads)) = guests() else {
        return;
    };
    assert_eq!(ok(&["run", "--wasi-threads", &pthreads]), PTHREADS_20000);
    assert_eq!(
        ok(&["run", "--wasi-threads", &pthreads, "1000", "1"]),
        PTHREADS_1000
    );
    assert_eq!(
        ok(&["run", "--wasi-threads", &pthreads, "20000", "8"]),
        PTHREADS_20000
    );
}

#[test]
fn wasmtime_spelling_s_threads() {
    let Some((sum, pthreads)) = guests() else {
        return;
    };
    assert_eq!(ok(&["run", "-S", "threads", &sum, "2", "7"]), sum_line(7));
    assert_eq!(ok(&["run", "-S", "threads", &pthreads]), PTHREADS_20000);
    assert_eq!(
        ok(&["run", "-Sthreads=y", &pthreads, "1000", "1"]),
        PTHREADS_1000
    );
    assert_eq!(ok(&["run", "-S", "threads=y", &sum, "4", "1"]), sum_line(1));
}

/// Each tier on its own (the default, `auto`, is tested above): the
/// interpreter only, and every function compiled where the JIT exists.
#[test]
fn both_programs_on_each_engine() {
    let Some((sum, pthreads)) = guests() else {
        return;
    };
    let mut engines = vec!["interp"];
    if cfg!(all(
        feature = "jit",
        any(target_arch = "x86_64", target_arch = "aarch64")
    )) {
        engines.push("jit");
    }
    for engine in engines {
        let out = ok(&["run", "--engine", engine, "--wasi-threads", &sum, "2", "7"]);
        assert_eq!(out, sum_line(7), "--engine {engine}: threads-sum 2 7");
        let out = ok(&["run", "--engine", engine, "--wasi-threads", &pthreads]);
        assert_eq!(out, PTHREADS_20000, "--engine {engine}: pthreads");
    }
}

/// The issue's "runs in a loop of the threaded programs: no hang, no wrong
/// checksum", `WISP_THREADS_LOOP` times (default 3); `tests/threads/loop.sh`
/// does the same with 100 runs.
#[test]
fn threaded_programs_in_a_loop() {
    let Some((sum, pthreads)) = guests() else {
        return;
    };
    let count: usize = match std::env::var("WISP_THREADS_LOOP") {
        Ok(v) => v.parse().expect("WISP_THREADS_LOOP: a number"),
        Err(_) => 3,
    };
    for i in 0..count {
        let out = ok(&["run", "--wasi-threads", &sum, "2", "7"]);
        assert_eq!(out, sum_line(7), "threads-sum 2 7, run {}", i + 1);
        // The default: 20000 items, 3 consumers.
        let out = ok(&["run", "--wasi-threads", &pthreads]);
        assert_eq!(out, PTHREADS_20000, "pthreads, run {}", i + 1);
    }
}

// --- WAT programs: the edges -----------------------------------------------

#[test]
fn spawning_past_the_limit_returns_an_error() {
    let wat = wat_file("limit", &spawn_until_refused());
    let out = wisp(&["run", "--wasi-threads", &path_str(&wat)]);
    assert_eq!(
        out.code, 0,
        "expected 1024 threads then a refusal (2: more than 1024, 3: fewer, 4: an id repeated, 5: id 0)\nstderr: {}",
        out.stderr
    );
    assert!(
        out.elapsed < Duration::from_secs(30),
        "1024 threads took {:?}",
        out.elapsed
    );
}

#[test]
fn proc_exit_in_a_spawned_thread_ends_the_process() {
    let wat = wat_file("exit", &one_thread_doing("(call $exit (i32.const 7))"));
    let out = wisp(&["run", "--wasi-threads", &path_str(&wat)]);
    assert_eq!(out.code, 7, "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn trap_in_a_spawned_thread_ends_the_process_with_status_1() {
    let wat = wat_file("trap", &one_thread_doing("unreachable"));
    let out = wisp(&["run", "--wasi-threads", &path_str(&wat)]);
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    let first = out.stderr.lines().next().unwrap_or("");
    assert!(first.starts_with("error: "), "{}", out.stderr);
    assert!(first.contains("thread 1"), "{}", out.stderr);
    assert!(first.contains("unreachable"), "{}", out.stderr);
}

#[test]
fn thread_spawn_needs_the_flag() {
    let wat = wat_file("noflag", &spawn_until_refused());
    let out = wisp(&["run", &path_str(&wat)]);
    assert_ne!(out.code, 0, "stdout: {}", out.stdout);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stderr.contains("thread-spawn"), "{}", out.stderr);
}

#[test]
fn a_spawner_without_a_thread_entry_is_refused_up_front() {
    let wat = wat_file(
        "nostart",
        r#"(module
          (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
          (import "env" "memory" (memory 1 1 shared))
          (export "memory" (memory 0))
          (func (export "_start") (drop (call $spawn (i32.const 0)))))"#,
    );
    let out = wisp(&["run", "--wasi-threads", &path_str(&wat)]);
    assert_eq!(out.code, 1, "stdout: {}", out.stdout);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("wasi_thread_start"), "{}", out.stderr);
}

#[test]
fn wasi_threads_with_link_is_rejected() {
    let main = wat_file("main", &spawn_until_refused());
    let linked = wat_file("linked", "(module)");
    // Refused before anything is linked: a missing file is not even read.
    let missing = "x=/nonexistent/linked.wat".to_string();
    let cases = [
        ("--wasi-threads", format!("x={}", path_str(&linked))),
        ("-S threads", format!("x={}", path_str(&linked))),
        ("--wasi-threads", missing),
    ];
    for (flag, link) in &cases {
        let mut args = vec!["run"];
        args.extend(flag.split(' '));
        args.extend(["--link", link, main.to_str().unwrap()]);
        let out = wisp(&args);
        assert_eq!(out.code, 1, "{flag}: stderr: {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("--wasi-threads") && out.stderr.contains("--link"),
            "{flag}: {}",
            out.stderr
        );
    }
}
