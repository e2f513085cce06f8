//! Writes the seed corpora: every module of the spec testsuite's `.wast`
//! scripts, valid or not, for `parse`; the valid ones of at most 64 KiB for
//! `differential` and `instantiate`; every component of
//! `tests/components/` (`.wat`, the invalid ones included) for
//! `component`.
//!
//! Usage: `seed-corpus TESTSUITE_DIR OUT_DIR` (writes `OUT_DIR/<target>/`
//! for all four), or `seed-corpus --components [COMPONENTS_DIR] OUT_DIR`
//! (only `OUT_DIR/component/`; this repository's `tests/components/` by
//! default).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn scripts(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            scripts(&path, found);
        } else if path.extension().is_some_and(|e| e == "wast") {
            found.push(path);
        }
    }
}

/// The binary modules of one script (text modules encoded).
fn modules(text: &str) -> Vec<Vec<u8>> {
    use wast::{Wast, WastDirective, parser};
    let Ok(buffer) = parser::ParseBuffer::new(text) else {
        return Vec::new();
    };
    let Ok(wast) = parser::parse::<Wast>(&buffer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for directive in wast.directives {
        let encoded = match directive {
            WastDirective::Module(mut module)
            | WastDirective::ModuleDefinition(mut module)
            | WastDirective::AssertMalformed { mut module, .. }
            | WastDirective::AssertInvalid { mut module, .. } => module.encode(),
            WastDirective::AssertUnlinkable { mut module, .. } => module.encode(),
            _ => continue,
        };
        if let Ok(bytes) = encoded {
            out.push(bytes);
        }
    }
    out
}

/// The `.wat` files under `dir`, in its subdirectories too.
fn wat_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            wat_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "wat") {
            found.push(path);
        }
    }
}

fn name_of(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Writes the binaries of the components under `dir` into
/// `out/component/`; returns how many are new.
fn write_components(dir: &Path, out: &Path) -> usize {
    let mut found = Vec::new();
    wat_files(dir, &mut found);
    if found.is_empty() {
        eprintln!("seed-corpus: no .wat components under {}", dir.display());
        std::process::exit(1);
    }
    let target = out.join("component");
    std::fs::create_dir_all(&target).expect("corpus directory");
    let mut count = 0;
    for path in found {
        let text = std::fs::read_to_string(&path).expect("a component's text");
        let bytes = match wat::parse_str(&text) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("seed-corpus: {}: {error}", path.display());
                std::process::exit(1);
            }
        };
        let path = target.join(name_of(&bytes));
        if !path.exists() {
            std::fs::write(&path, &bytes).expect("corpus file");
            count += 1;
        }
    }
    count
}

/// This repository's components.
fn components_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/components")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!(
            "usage: seed-corpus TESTSUITE_DIR OUT_DIR\n       seed-corpus --components [COMPONENTS_DIR] OUT_DIR"
        );
        std::process::exit(2);
    };
    if args.first().is_some_and(|a| a == "--components") {
        let (dir, out) = match &args[1..] {
            [out] => (components_dir(), out),
            [dir, out] => (PathBuf::from(dir), out),
            _ => usage(),
        };
        let count = write_components(&dir, Path::new(out));
        println!("seed-corpus: {count} components for component");
        return;
    }
    let [testsuite, out] = &args[..] else {
        usage();
    };
    let mut found = Vec::new();
    scripts(Path::new(&testsuite), &mut found);
    if found.is_empty() {
        eprintln!("seed-corpus: no .wast scripts under {testsuite}");
        std::process::exit(1);
    }
    let config = wisp_fuzz::modules::executed_config();
    let targets = ["parse", "differential", "instantiate"];
    for target in targets {
        std::fs::create_dir_all(Path::new(&out).join(target)).expect("corpus directory");
    }
    let mut counts = [0usize; 3];
    for script in &found {
        let Ok(text) = std::fs::read_to_string(script) else {
            continue;
        };
        for bytes in modules(&text) {
            let name = name_of(&bytes);
            let valid = bytes.len() <= 65536 && wisp_fuzz::modules::validates(&config, &bytes);
            for (i, target) in targets.iter().enumerate() {
                if i > 0 && !valid {
                    continue;
                }
                let path = Path::new(&out).join(target).join(&name);
                if !path.exists() {
                    std::fs::write(&path, &bytes).expect("corpus file");
                    counts[i] += 1;
                }
            }
        }
    }
    let components = write_components(&components_dir(), Path::new(&out));
    println!(
        "seed-corpus: {} scripts; {} modules for parse, {} for differential, {} for instantiate; {} components for component",
        found.len(),
        counts[0],
        counts[1],
        counts[2],
        components
    );
}
