//! End-to-end test of the example programs in `examples/`.
//!
//! Every `examples/*.wat` starts with a comment header that documents how to
//! run it and what it prints:
//!
//! ```text
//! ;; Run:    wisp run examples/loop_sum.wat --invoke sum 100
//! ;; Expect: 5050
//! ;; Run:    wisp run examples/traps.wat --invoke div 7 0
//! ;; Expect-exit: 1
//! ;; Expect-stderr: integer divide by zero
//! ```
//!
//! Each `;; Run:` line starts a case; the `;; Expect:` lines after it are the
//! expected stdout lines, in order (none means stdout must be empty);
//! `;; Expect-exit:` is the expected exit status (default 0) and
//! `;; Expect-stderr:` a substring that stderr must contain. This test runs
//! every case through the real `wisp` binary from the workspace root (the
//! paths in Run lines are relative to it), so the documentation in the
//! examples cannot drift from what the CLI does.
//!
//! Set `WISP_EXAMPLE=name` (e.g. `fib`) to run only the examples whose file
//! name contains `name`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The examples must number at least this many, each with a Run line.
const MIN_EXAMPLES: usize = 12;

/// A single run of the CLI that does not finish in this time is a failure.
const TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Debug)]
struct Case {
    /// 1-based line of the `;; Run:` line, for error messages.
    line: usize,
    /// The command line after the leading `wisp`.
    args: Vec<String>,
    stdout: Vec<String>,
    exit: i32,
    stderr: Option<String>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent directory")
        .to_path_buf()
}

/// Reads the `;; Run:` / `;; Expect...:` pairs of one example.
fn parse_cases(file: &Path, text: &str) -> Result<Vec<Case>, String> {
    let name = file.display();
    let mut cases: Vec<Case> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let Some(comment) = raw.trim().strip_prefix(";;") else {
            continue;
        };
        let comment = comment.trim();
        let Some((key, value)) = comment.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if key == "Run" {
            let mut words = value.split_whitespace().map(str::to_owned);
            if words.next().as_deref() != Some("wisp") {
                return Err(format!(
                    "{name}:{line}: a Run line must start with `wisp`: {value}"
                ));
            }
            cases.push(Case {
                line,
                args: words.collect(),
                stdout: Vec::new(),
                exit: 0,
                stderr: None,
            });
            continue;
        }
        if !matches!(key, "Expect" | "Expect-exit" | "Expect-stderr") {
            continue;
        }
        let Some(case) = cases.last_mut() else {
            return Err(format!("{name}:{line}: `{key}:` before any `Run:` line"));
        };
        match key {
            "Expect" => case.stdout.push(value.to_owned()),
            "Expect-exit" => {
                case.exit = value
                    .parse()
                    .map_err(|_| format!("{name}:{line}: bad exit status `{value}`"))?;
            }
            _ => {
                if value.is_empty() {
                    return Err(format!("{name}:{line}: empty Expect-stderr"));
                }
                case.stderr = Some(value.to_owned());
            }
        }
    }
    Ok(cases)
}

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the CLI with a time limit, capturing both output streams.
fn run_wisp(root: &Path, args: &[String]) -> Result<Output, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start wisp: {e}"))?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {} s", TIMEOUT.as_secs()));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for wisp: {e}")),
        }
    };
    Ok(Output {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Checks one case; returns a description of every mismatch.
fn check(root: &Path, case: &Case) -> Result<(), String> {
    let out = run_wisp(root, &case.args)?;
    let mut problems = Vec::new();
    let got: Vec<&str> = out.stdout.lines().map(str::trim_end).collect();
    if got != case.stdout {
        problems.push(format!("stdout: expected {:?}, got {:?}", case.stdout, got));
    }
    if out.code != Some(case.exit) {
        problems.push(format!(
            "exit status: expected {}, got {:?}",
            case.exit, out.code
        ));
    }
    if let Some(want) = &case.stderr {
        if !out.stderr.contains(want.as_str()) {
            problems.push(format!("stderr should contain {want:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        if !out.stderr.is_empty() {
            problems.push(format!("stderr was: {}", out.stderr.trim_end()));
        }
        Err(problems.join("\n    "))
    }
}

#[test]
fn examples_print_what_their_headers_say() {
    let root = workspace_root();
    let dir = root.join("examples");
    let filter = std::env::var("WISP_EXAMPLE").ok();

    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wat"))
        .collect();
    files.sort();

    let mut failures = Vec::new();
    let mut examples_with_runs = 0;
    let mut cases_run = 0;
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
        let cases = match parse_cases(Path::new(&rel), &text) {
            Ok(cases) => cases,
            Err(message) => {
                failures.push(message);
                continue;
            }
        };
        if cases.is_empty() {
            failures.push(format!("{rel}: no `;; Run:` line in the header"));
            continue;
        }
        examples_with_runs += 1;
        if filter.as_deref().is_some_and(|f| !rel.contains(f)) {
            continue;
        }
        for case in &cases {
            cases_run += 1;
            if let Err(problem) = check(&root, case) {
                failures.push(format!(
                    "{rel}:{}: wisp {}\n    {problem}",
                    case.line,
                    case.args.join(" ")
                ));
            }
        }
    }

    eprintln!(
        "ran {cases_run} cases from {examples_with_runs} examples in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} example case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        examples_with_runs >= MIN_EXAMPLES,
        "expected at least {MIN_EXAMPLES} examples with a `;; Run:` line in {}, found {examples_with_runs}",
        dir.display()
    );
    assert!(cases_run > 0, "no example matched WISP_EXAMPLE={filter:?}");
}

#[test]
fn header_parser_reads_pairs() {
    let text = "\
;; Title.
;; Run:    wisp run examples/x.wat --invoke f 1 -2
;; Expect: 3
;; Expect: 4.5
;; Run: wisp run examples/x.wat --invoke g
;; Expect-exit: 1
;; Expect-stderr: unreachable
(module)
";
    let cases = parse_cases(Path::new("x.wat"), text).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].line, 2);
    assert_eq!(
        cases[0].args,
        ["run", "examples/x.wat", "--invoke", "f", "1", "-2"]
    );
    assert_eq!(cases[0].stdout, ["3", "4.5"]);
    assert_eq!((cases[0].exit, cases[0].stderr.as_deref()), (0, None));
    assert_eq!(cases[1].stdout, Vec::<String>::new());
    assert_eq!(cases[1].exit, 1);
    assert_eq!(cases[1].stderr.as_deref(), Some("unreachable"));

    assert!(parse_cases(Path::new("x.wat"), ";; Expect: 1\n").is_err());
    assert!(parse_cases(Path::new("x.wat"), ";; Run: cargo run\n").is_err());
}
