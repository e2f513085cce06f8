//! The JIT: single-pass compilers from the register IR to machine code, one
//! per architecture (DESIGN.md, "JIT"). Each has an assembler that only
//! produces bytes (no operating system involved: executable memory comes
//! from the platform's memory hooks) and a lowering from the IR.
//!
//! Built so far: the x86_64 assembler and lowering ([`x64`]) in the
//! signal-free mode (explicit bounds checks; traps leave through the entry
//! trampoline with a code), executable memory ([`code_memory`], W^X through
//! the memory hooks), compilation of a module's functions ([`compile`]) and
//! the run loop between the tiers ([`run`]). Every call leaves compiled
//! code for the run loop; functions the lowering does not cover stay
//! interpreted.

pub(crate) mod code_memory;
pub(crate) mod compile;
pub(crate) mod context;
pub(crate) mod dump;
pub(crate) mod helpers;
pub(crate) mod run;
// Not used by the lowering yet, which is still signal-free.
#[cfg(unix)]
#[allow(dead_code)]
pub(crate) mod signals;
pub(crate) mod x64;

pub(crate) use compile::{CompiledModule, FuncCode, compile};
#[cfg(all(test, not(miri)))]
mod tests;
#[cfg(all(test, not(miri)))]
mod tier_up_tests;
#[cfg(all(test, not(miri), unix))]
mod trap_mode_tests;
