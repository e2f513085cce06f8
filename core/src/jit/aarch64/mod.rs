//! aarch64 (ARM64): the assembler. Registers, widths and condition codes
//! are in [`reg`], immediate encodings in [`imm`], the word buffer and
//! labels in [`asm`], and the instructions in [`insn`] (integer),
//! [`insn_mem`] (loads, stores, atomics), [`insn_branch`] (branches) and
//! [`insn_fp`] (floating point, and the vector forms popcount needs).
//!
//! The assembler only produces bytes, so it builds and is tested on every
//! host; `tests.rs` checks each form against `llvm-mc` (re-checked by
//! `check_llvm.sh`).

// The assembler encodes whole instruction families (checked against LLVM
// in `tests.rs`), which no lowering uses yet.
#[allow(dead_code)]
pub(crate) mod asm;
#[allow(dead_code)]
pub(crate) mod imm;
#[allow(dead_code)]
pub(crate) mod insn;
#[allow(dead_code)]
pub(crate) mod insn_branch;
#[allow(dead_code)]
pub(crate) mod insn_fp;
#[allow(dead_code)]
pub(crate) mod insn_mem;
#[allow(dead_code)]
pub(crate) mod reg;
#[cfg(test)]
mod tests;

#[allow(unused_imports)]
pub(crate) use asm::{Assembler, Label};
#[allow(unused_imports)]
pub(crate) use imm::{ArithImm, FpImm, LogicalImm};
#[allow(unused_imports)]
pub(crate) use insn::{Arith, Bitfield, Extend, Logic, Select, Shift};
#[allow(unused_imports)]
pub(crate) use insn_fp::{FpArith, FpUnary, Precision};
#[allow(unused_imports)]
pub(crate) use insn_mem::{Address, FpSize, IndexExtend, Load, OffsetForm, PairAddress, Size};
#[allow(unused_imports)]
pub(crate) use reg::{Cond, Reg, V, Width};
