//! Chooses the interpreter's dispatch backend.
//!
//! The threaded backend relies on LLVM turning each handler's final call into
//! a jump, which it does at opt-level 2 and above on x86_64 and aarch64.
//! Everywhere else, and with the `portable-interp` feature, the portable
//! loop is used.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(wisp_threaded)");
    println!("cargo::rerun-if-env-changed=WISP_INTERP");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let opt = std::env::var("OPT_LEVEL").unwrap_or_default();
    let portable = std::env::var_os("CARGO_FEATURE_PORTABLE_INTERP").is_some()
        || std::env::var("WISP_INTERP").as_deref() == Ok("portable");
    let optimized = matches!(opt.as_str(), "2" | "3" | "s" | "z");
    let threaded_arch = matches!(arch.as_str(), "x86_64" | "aarch64");
    let forced = std::env::var("WISP_INTERP").as_deref() == Ok("threaded");
    if !portable && threaded_arch && (optimized || forced) {
        println!("cargo::rustc-cfg=wisp_threaded");
    }
}
