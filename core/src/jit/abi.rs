//! The calling convention between compiled code and Rust: System V on
//! x86_64 (on every operating system: the lowering passes arguments in
//! `rdi`, `rsi`, ...), the C convention (AAPCS64) on aarch64. The helpers
//! compiled code calls, their pointer types and the entry trampoline's
//! type are declared through [`jit_abi!`], which spells the ABI for the
//! architecture being built.

/// Declares functions, or function pointer types, with the convention
/// compiled code uses (see the module documentation).
macro_rules! jit_abi {
    ($(#[$meta:meta])* $vis:vis unsafe fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(target_arch = "x86_64")]
        $(#[$meta])* $vis unsafe extern "sysv64" fn $name($($arg: $ty),*) -> $ret $body
        #[cfg(not(target_arch = "x86_64"))]
        $(#[$meta])* $vis unsafe extern "C" fn $name($($arg: $ty),*) -> $ret $body
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(target_arch = "x86_64")]
        $(#[$meta])* $vis extern "sysv64" fn $name($($arg: $ty),*) -> $ret $body
        #[cfg(not(target_arch = "x86_64"))]
        $(#[$meta])* $vis extern "C" fn $name($($arg: $ty),*) -> $ret $body
    };
    ($(#[$meta:meta])* $vis:vis type $name:ident = $(unsafe $($unsafe:lifetime)?)? fn($($ty:ty),* $(,)?) -> $ret:ty;) => {
        #[cfg(target_arch = "x86_64")]
        $(#[$meta])* $vis type $name = $(unsafe $($unsafe)?)? extern "sysv64" fn($($ty),*) -> $ret;
        #[cfg(not(target_arch = "x86_64"))]
        $(#[$meta])* $vis type $name = $(unsafe $($unsafe)?)? extern "C" fn($($ty),*) -> $ret;
    };
}

pub(crate) use jit_abi;
