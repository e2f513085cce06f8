//! Links release builds of `wisp` on Linux without unwind tables.
//!
//! With `panic = "abort"` (the release profile) nothing unwinds, yet Rust's
//! Linux targets emit `.eh_frame` for every function and std's prebuilt code
//! brings its own: 230 KB of the default CLI. `cli/link/no-unwind-tables.ld`
//! tells the linker to drop them (and `.eh_frame_hdr` is not built). A panic
//! still prints its message and aborts; `RUST_BACKTRACE` then shows one frame
//! (it showed only addresses before: the binary is stripped). Debug builds,
//! tests and other systems keep their tables.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=link/no-unwind-tables.ld");
    let var = |name: &str| env::var(name).unwrap_or_default();
    // Build scripts do not see the profile's panic strategy (`CARGO_CFG_PANIC`
    // is the target's default), so this relies on the workspace's release
    // profile aborting. Were it set to unwind, a panic would find no tables
    // and abort all the same.
    let release = var("PROFILE") == "release";
    let linux = var("CARGO_CFG_TARGET_OS") == "linux";
    if release && linux {
        let script = format!("{}/link/no-unwind-tables.ld", var("CARGO_MANIFEST_DIR"));
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{script}");
        println!("cargo:rustc-link-arg-bins=-Wl,--no-eh-frame-hdr");
    }
}
