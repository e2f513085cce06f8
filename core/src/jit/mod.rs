//! The JIT: single-pass compilers from the register IR to machine code, one
//! per architecture (DESIGN.md, "JIT"). Each has an assembler that only
//! produces bytes (no operating system involved: executable memory comes
//! from the platform's memory hooks) and a lowering from the IR.
//!
//! Built: the x86_64 assembler and lowering ([`x64`]), in two trap modes
//! (explicit checks, or faults at trap sites that the signal handler,
//! [`signals`], turns into traps), executable memory ([`code_memory`], W^X
//! through the memory hooks), compilation of a module's functions, or of
//! one hot function ([`compile`]), and the run loop between the tiers
//! ([`run`]), where tier-up enters compiled code at any pc. Calls between
//! compiled functions of an instance are native calls; the rest leave for
//! the run loop. Functions the lowering does not cover stay interpreted.

// The aarch64 lowering covers part of the IR so far: what only the x86_64
// one uses yet (context fields, helpers, operation tables) is dead there.
#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

pub(crate) mod aarch64;
pub(crate) mod abi;
pub(crate) mod call_records;
pub(crate) mod code_buffer;
pub(crate) mod code_memory;
pub(crate) mod compile;
pub(crate) mod context;
pub(crate) mod dump;
pub(crate) mod helpers;
pub(crate) mod lower;
pub(crate) mod run;
#[cfg(unix)]
pub(crate) mod signals;
mod width;
pub(crate) mod x64;

/// The architecture this build compiles for.
#[cfg(target_arch = "aarch64")]
pub(crate) use aarch64::native;
pub(crate) use width::Width;
/// The architecture this build compiles for.
#[cfg(target_arch = "x86_64")]
pub(crate) use x64::native;

pub(crate) use compile::{CompiledModule, FuncCode, compile};
#[cfg(all(test, not(miri)))]
mod call_records_tests;
#[cfg(all(test, not(miri)))]
mod differential;
// The tests that expect whole modules compiled run where the lowering
// covers every instruction (x86_64); aarch64's have their own.
#[cfg(all(test, not(miri), feature = "simd", target_arch = "x86_64"))]
mod simd_tests;
#[cfg(all(test, not(miri), target_arch = "x86_64"))]
mod tests;
#[cfg(all(test, not(miri)))]
mod tier_up_tests;
#[cfg(all(test, not(miri), unix))]
mod trap_mode_tests;
