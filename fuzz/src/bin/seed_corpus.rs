//! Writes the seed corpora: every module of the spec testsuite's `.wast`
//! scripts, valid or not, for `parse`; the valid ones of at most 64 KiB for
//! `differential` and `instantiate`.
//!
//! Usage: `seed-corpus TESTSUITE_DIR OUT_DIR` (writes `OUT_DIR/<target>/`).

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

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(testsuite), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: seed-corpus TESTSUITE_DIR OUT_DIR");
        std::process::exit(2);
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
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            let name = format!("{:016x}", hasher.finish());
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
    println!(
        "seed-corpus: {} scripts; {} modules for parse, {} for differential, {} for instantiate",
        found.len(),
        counts[0],
        counts[1],
        counts[2]
    );
}
