//! Every WASI program of the shared benchmark corpus (`../shared/bench`, or
//! `$WISP_BENCH`) runs under `wisp run` and prints what `bench.json`
//! expects: the shootout and TinyGo modules, the Rust programs and the
//! startup probes. Ignored by default (an interpreter takes minutes on the
//! big ones); run it on a release build:
//!
//! ```text
//! cargo test --release -p wisp-cli --test bench_programs -- --ignored --nocapture
//! ```
//!
//! `WISP_BENCH_FILTER=shootout/` runs only matching names.
#![cfg(feature = "wasi")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn bench_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WISP_BENCH")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench"));
    dir.join("bench.json").exists().then_some(dir)
}

/// Lines with trailing whitespace removed, trailing blank lines dropped.
fn normalize(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_string()
}

/// Extracts a string field `"key": "value"` from a JSON object's text
/// (the manifest uses plain strings; no escapes beyond `\n` and `\"`).
fn field(obj: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\":");
    let at = obj.find(&pat)? + pat.len();
    let rest = obj[at..].trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The strings of an array field `"key": [...]`.
fn list(obj: &str, key: &str) -> Vec<String> {
    let pat = format!("\"{key}\":");
    let Some(at) = obj.find(&pat) else {
        return Vec::new();
    };
    let rest = obj[at + pat.len()..].trim_start();
    let Some(end) = rest.find(']') else {
        return Vec::new();
    };
    rest[1..end]
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The benchmark objects of the manifest, as text, one per entry.
fn entries(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = None;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in manifest.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => {
                depth += 1;
                if depth == 2 {
                    start = Some(i);
                }
            }
            '}' => {
                if depth == 2 {
                    if let Some(s) = start.take() {
                        out.push(manifest[s..=i].to_string());
                    }
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    out
}

#[test]
#[ignore = "minutes in an interpreter; run with --release -- --ignored"]
fn bench_programs_print_their_checksums() {
    let Some(dir) = bench_dir() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the benchmark corpus is missing"
        );
        // Past the output capture, so a newcomer sees that nothing ran.
        use std::io::Write;
        let _ = std::io::stderr().write_all(
            b"SKIPPED bench_programs_print_their_checksums: the benchmark corpus \
              ../shared/bench is missing (set WISP_BENCH to its path)\n",
        );
        return;
    };
    let filter = std::env::var("WISP_BENCH_FILTER").unwrap_or_default();
    let manifest = std::fs::read_to_string(dir.join("bench.json")).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for e in entries(&manifest) {
        let name = field(&e, "name").unwrap_or_default();
        let group = field(&e, "group").unwrap_or_default();
        if !["startup", "shootout", "tinygo", "programs"].contains(&group.as_str())
            || !name.contains(&filter)
        {
            continue;
        }
        let file = dir.join(field(&e, "file").unwrap());
        let args = list(&e, "args");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wisp"));
        cmd.arg("run");
        if field(&e, "kind").as_deref() == Some("invoke") {
            cmd.arg("--invoke").arg(field(&e, "func").unwrap());
        }
        cmd.arg(&file).args(&args);
        let t = Instant::now();
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let expect = &e[e.find("\"expect\"").unwrap()..];
        let mut ok = out.status.code() == Some(0);
        let mut want = String::new();
        if let Some(s) = field(expect, "stdout") {
            ok &= normalize(&stdout) == normalize(&s);
            want = s;
        }
        if let Some(r) = field(expect, "result") {
            ok &= stdout.lines().any(|l| l.trim() == r);
            want = r;
        }
        if let Some(h) = field(expect, "stdout_head") {
            ok &= normalize(&stdout).starts_with(h.trim_end());
            want = format!("{}...", &h[..h.len().min(40)]);
        }
        eprintln!(
            "{name}: {} in {:.1?}: expected {:?}, printed {:?}",
            if ok { "ok" } else { "FAIL" },
            t.elapsed(),
            want,
            normalize(&stdout).chars().take(120).collect::<String>()
        );
        ran += 1;
        if !ok {
            failures.push(format!("{name}: {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(ran > 0, "no benchmark matched");
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}
