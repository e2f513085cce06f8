//! The WebAssembly specification testsuite, run through wisp.
//!
//! Runs every `.wast` script under the testsuite root (`$WISP_TESTSUITE`, or
//! `../shared/testsuite` next to the workspace) on two threads, prints a
//! pass/fail table per folder, and compares the failing scripts with
//! `tests/known-failures.txt`: a failing script that is not listed fails the
//! test, and so does a listed script that now passes (the list only
//! shrinks). `$WISP_SPEC_FILTER` restricts the run to scripts whose path
//! contains the given text; `$WISP_SPEC_VERBOSE` prints every failure of
//! every failing script, listed or not.
//!
//! Run it with `cargo test -p wisp-tests --release --test spec -- --nocapture`.
//! The same binary runs wisp's own scripts under `tests/wast/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use wisp_tests::{ScriptReport, folder_table, run_script};

/// Worker threads running scripts.
const THREADS: usize = 2;
/// How many failures of an unexpectedly failing script are printed.
const SHOWN_FAILURES: usize = 10;

#[test]
fn spec_testsuite() {
    let root = match std::env::var_os("WISP_TESTSUITE") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/testsuite"
        )),
    };
    if !root.is_dir() {
        let notice = format!("spec testsuite not found at {}", root.display());
        if std::env::var_os("CI").is_some() {
            panic!("{notice} (required under CI)");
        }
        to_stderr(&format!(
            "SKIPPED spec: {notice} (set WISP_TESTSUITE to the testsuite's path)\n"
        ));
        return;
    }
    let root = root.canonicalize().expect("testsuite root");
    let filter = std::env::var("WISP_SPEC_FILTER").ok();

    let mut scripts = Vec::new();
    collect_scripts(&root, &mut scripts);
    scripts.retain(|p| {
        filter
            .as_deref()
            .is_none_or(|f| p.to_string_lossy().contains(f))
    });
    scripts.sort();
    assert!(
        !scripts.is_empty(),
        "no .wast scripts under {}",
        root.display()
    );

    let reports = run_all(&scripts);
    let table = folder_table(&root, &reports);
    println!("\nspec testsuite ({}):\n\n{table}", root.display());
    to_stderr(&format!(
        "\nspec testsuite ({}):\n\n{table}",
        root.display()
    ));

    if std::env::var_os("WISP_SPEC_VERBOSE").is_some() {
        for r in reports.iter().filter(|r| !r.ok()) {
            println!(
                "{}: {} passed, {} failed",
                relative(&root, &r.path),
                r.passed,
                r.failed
            );
            for f in &r.failures {
                println!("    {f}");
            }
        }
    }

    let known = known_failures();
    let mut problems = Vec::new();
    let mut run = BTreeSet::new();
    for r in &reports {
        let rel = relative(&root, &r.path);
        run.insert(rel.clone());
        match (r.ok(), known.contains(&rel)) {
            (false, false) => {
                let mut text = format!(
                    "{rel}: {} passed, {} failed; first failures:",
                    r.passed, r.failed
                );
                for f in r.failures.iter().take(SHOWN_FAILURES) {
                    text.push_str("\n    ");
                    text.push_str(f);
                }
                problems.push(text);
            }
            (true, true) => problems.push(format!("{rel}: now passes, remove from known-failures")),
            _ => {}
        }
    }
    if filter.is_none() {
        for listed in known.difference(&run) {
            problems.push(format!(
                "{listed}: listed in known-failures.txt but not in the suite"
            ));
        }
    }
    if !problems.is_empty() {
        let text = problems.join("\n");
        panic!(
            "{} problem(s) with the spec testsuite:\n{text}",
            problems.len()
        );
    }
}

/// wisp's own scripts (`tests/wast/`): cases the specification testsuite
/// does not reach, such as the accumulator forms. Every one must pass.
#[test]
fn wisp_scripts() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/wast"));
    let mut scripts = Vec::new();
    collect_scripts(&dir, &mut scripts);
    scripts.sort();
    assert!(
        !scripts.is_empty(),
        "no .wast scripts under {}",
        dir.display()
    );
    let failures: Vec<String> = run_all(&scripts)
        .iter()
        .filter(|r| !r.ok())
        .map(|r| {
            let mut text = format!("{}: {} failed", relative(&dir, &r.path), r.failed);
            for f in r.failures.iter().take(SHOWN_FAILURES) {
                text.push_str("\n    ");
                text.push_str(f);
            }
            text
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Writes `text` to the process's stderr directly, bypassing the test
/// harness's output capture, so that it shows whether the test passes or not.
fn to_stderr(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Every `.wast` file under `dir`.
fn collect_scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_scripts(&path, out);
        } else if path.extension().is_some_and(|e| e == "wast") {
            out.push(path);
        }
    }
}

/// The workers' stack: `WISP_SPEC_STACK` (or `RUST_MIN_STACK`) when set — CI
/// runs the threaded interpreter with 256 KiB to prove its handlers do not
/// grow the native stack — else 32 MiB as headroom for the script parser.
/// (`RUST_MIN_STACK` also shrinks rustc's own threads, so CI sets the
/// first.)
fn worker_stack_size() -> usize {
    ["WISP_SPEC_STACK", "RUST_MIN_STACK"]
        .iter()
        .find_map(|v| std::env::var(v).ok()?.parse().ok())
        .unwrap_or(32 << 20)
}

/// Runs `scripts` on [`THREADS`] threads; the reports keep the scripts' order.
fn run_all(scripts: &[PathBuf]) -> Vec<ScriptReport> {
    let next = AtomicUsize::new(0);
    let reports: Mutex<Vec<Option<ScriptReport>>> = Mutex::new(vec![None; scripts.len()]);
    std::thread::scope(|s| {
        for i in 0..THREADS {
            std::thread::Builder::new()
                .name(format!("spec-{i}"))
                .stack_size(worker_stack_size())
                .spawn_scoped(s, || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = scripts.get(i) else { break };
                        let report = run_script(path);
                        reports.lock().unwrap()[i] = Some(report);
                    }
                })
                .expect("spawn a worker thread");
        }
    });
    reports
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every script ran"))
        .collect()
}

/// The scripts listed in `known-failures.txt`, relative to the testsuite root.
fn known_failures() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/known-failures.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
