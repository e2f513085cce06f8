//! The JIT: single-pass compilers from the register IR to machine code, one
//! per architecture (DESIGN.md, "JIT"). Each has an assembler that only
//! produces bytes (no operating system involved: executable memory comes
//! from the platform) and, later, a lowering from the IR.
//!
//! Built so far: the x86_64 assembler ([`x64`]) and executable memory
//! ([`code_memory`], W^X through the memory hooks). Nothing in the engine
//! calls them yet: the lowering from the IR, trap handling and tier-up are
//! the JIT issue's next steps.

pub(crate) mod code_memory;
pub(crate) mod x64;
