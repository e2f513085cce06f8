//! x86_64: the assembler (registers and condition codes in [`reg`], the
//! byte buffer, labels and operand encoding in [`asm`], the instructions in
//! [`insn`]).

pub(crate) mod asm;
pub(crate) mod insn;
pub(crate) mod reg;
#[cfg(test)]
mod tests;

pub(crate) use asm::{Assembler, Label, Mem};
pub(crate) use insn::{Alu, Shift, Sse, Width};
pub(crate) use reg::{Cond, Gpr, Xmm};
