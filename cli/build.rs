//! Links release builds of `wisp` on Linux without unwind tables.
//!
//! With `panic = "abort"` (the release profile) nothing unwinds, yet Rust's
//! Linux targets emit `.eh_frame` for every function and std's prebuilt code
//! brings its own: 230 KB of the default CLI. `cli/link/no-unwind-tables.ld`
//! tells the linker to drop them (and `.eh_frame_hdr` is not built). A panic
//! still prints its message and aborts; `RUST_BACKTRACE` then shows one frame
//! (it showed only addresses before: the binary is stripped). Debug builds,
//! tests and other systems keep their tables.
//!
//! Where the binary is built for the glibc it is built on and that glibc is
//! 2.36 or newer, release builds also pack their relative relocations
//! (`-z pack-relative-relocs`, DT_RELR): the 24-byte entry per pointer in
//! static tables (the interpreter's handler table, vtables, string tables)
//! becomes about a bit each (40-52 KB of the binary, depending on its
//! features). Such a binary needs glibc 2.36 to load (an older one
//! refuses it by symbol version, `GLIBC_ABI_DT_RELR`), so a build for
//! another machine (cross builds, `WISP_PACK_RELOCS=0`) leaves them as they
//! are.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=link/no-unwind-tables.ld");
    println!("cargo:rerun-if-env-changed=WISP_PACK_RELOCS");
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
        let native = var("HOST") == var("TARGET");
        let gnu = var("CARGO_CFG_TARGET_ENV") == "gnu";
        if native && gnu && var("WISP_PACK_RELOCS") != "0" && glibc_at_least(2, 36) {
            println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        }
    }
}

/// Whether the build machine's glibc (from `ldd --version`, whose first line
/// ends in the version) is `major.minor` or newer; false when it cannot tell.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(output) = Command::new("ldd").arg("--version").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().last());
    let mut parts = version.unwrap_or("").split('.').map(str::parse::<u32>);
    match (parts.next(), parts.next()) {
        (Some(Ok(found_major)), Some(Ok(found_minor))) => {
            (found_major, found_minor) >= (major, minor)
        }
        _ => false,
    }
}
