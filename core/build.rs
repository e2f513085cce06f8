//! Chooses the interpreter's dispatch backend, and whether the JIT is built
//! (`wisp_jit`: the `jit` feature on x86_64 and aarch64, the architectures
//! it has a backend for; elsewhere everything is interpreted), and whether
//! code memory is mapped for the JIT as macOS on aarch64 requires
//! (`wisp_apple_jit`: `MAP_JIT`, written with the thread's write
//! protection lifted).
//!
//! The threaded backend relies on LLVM turning each handler's final call into
//! a jump, which it does at opt-level 2 and above on x86_64 and aarch64.
//! Everywhere else, with the `portable-interp` feature, and under a
//! sanitizer, the portable loop is used: a sanitizer's stack instrumentation
//! (AddressSanitizer's fake stack for a handler's local result slot) keeps
//! such handlers from ending in a jump, so the chain would grow the native
//! stack by a frame per instruction until a long loop overflows it (found
//! by the fuzz targets, which build with AddressSanitizer).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(wisp_threaded)");
    println!("cargo::rustc-check-cfg=cfg(wisp_jit)");
    println!("cargo::rustc-check-cfg=cfg(wisp_apple_jit)");
    println!("cargo::rerun-if-env-changed=WISP_INTERP");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let opt = std::env::var("OPT_LEVEL").unwrap_or_default();
    let sanitized = std::env::var_os("CARGO_CFG_SANITIZE").is_some();
    let portable = std::env::var_os("CARGO_FEATURE_PORTABLE_INTERP").is_some()
        || std::env::var("WISP_INTERP").as_deref() == Ok("portable")
        || sanitized;
    if std::env::var_os("CARGO_FEATURE_JIT").is_some()
        && matches!(arch.as_str(), "x86_64" | "aarch64")
    {
        println!("cargo::rustc-cfg=wisp_jit");
        let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
        if arch == "aarch64" && os == "macos" {
            println!("cargo::rustc-cfg=wisp_apple_jit");
        }
    }
    let optimized = matches!(opt.as_str(), "2" | "3" | "s" | "z");
    let threaded_arch = matches!(arch.as_str(), "x86_64" | "aarch64");
    let forced = std::env::var("WISP_INTERP").as_deref() == Ok("threaded");
    if !portable && threaded_arch && (optimized || forced) {
        println!("cargo::rustc-cfg=wisp_threaded");
    }
}
