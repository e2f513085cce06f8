//! The logic of wisp's fuzz targets, kept out of `fuzz_targets/` so that
//! `cargo test` in this directory (stable Rust, no libFuzzer) runs it on fixed
//! inputs: each oracle's self-test and every input kept in `regressions/`.
//!
//! | target | input | what must hold |
//! |---|---|---|
//! | `parse` | bytes, and a wasm-smith module built from them | wisp accepts exactly what wasmparser validates, short of its documented implementation limits; never a panic |
//! | `differential` | the input if it is a module, else a wasm-smith module | wisp and wasmi agree on instantiation, every export's results or trap, exported globals, memories and table sizes |
//! | `instantiate` | a module with imports | instantiation with host stand-ins for every import fails cleanly or succeeds; calls end |
//! | `jit` | as for `differential`, NaNs not canonicalized | wisp's JIT and its interpreter agree bit for bit on every export's results or trap, the fuel left, exported globals, memories and tables |
//! | `wasi` | a program of WASI calls | a fixed guest makes them against a fresh preopen; nothing outside it changes |
//! | `component` | a component, or one built around a wasm-smith module | loading, linking against host stand-ins and calling every export end in a result of the right type or an error; never a panic |

pub mod component;
pub mod differential;
pub mod instantiate;
pub mod jit;
pub mod modules;
pub mod oracle_panics;
pub mod parse;
pub mod wasi;

/// `count` inputs of `len` bytes from a xorshift generator started at
/// `seed`: the self-tests' stand-in for libFuzzer's inputs.
#[cfg(test)]
fn pseudo_random_inputs(mut seed: u64, count: usize, len: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|_| {
            (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect()
        })
        .collect()
}

/// Runs every input kept in `regressions/<target>/` (inputs that once failed)
/// through its target.
#[cfg(test)]
mod regressions {
    fn each_input(target: &str, run: fn(&[u8])) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("regressions")
            .join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let bytes = std::fs::read(&path).unwrap();
            let input = if path.extension().is_some_and(|e| e == "wat") {
                wat::parse_bytes(&bytes).unwrap().into_owned()
            } else {
                bytes
            };
            eprintln!("{}", path.display());
            run(&input);
        }
    }

    #[test]
    fn parse() {
        each_input("parse", crate::parse::run);
    }

    #[test]
    fn differential() {
        each_input("differential", crate::differential::run);
    }

    #[test]
    fn instantiate() {
        each_input("instantiate", crate::instantiate::run);
    }

    #[test]
    fn jit() {
        each_input("jit", |input| {
            if let Err(divergence) = crate::jit::run(input) {
                panic!("{divergence}");
            }
        });
    }

    #[test]
    fn component() {
        each_input("component", crate::component::run);
    }

    #[test]
    fn wasi() {
        each_input("wasi", crate::wasi::run);
    }
}
