//! aarch64 (ARM64): the assembler. Registers, widths and condition codes
//! are in [`reg`], immediate encodings in [`imm`], the word buffer and
//! labels in [`asm`], and the instructions in [`insn`] (moves, arithmetic,
//! logical operations), [`insn_bits`] (shifts, bitfields, bit counts),
//! [`insn_cond`] (conditional selects and compares), [`insn_mem`] (loads,
//! stores, atomics), [`insn_branch`] (branches) and [`insn_fp`] (floating
//! point, and the vector forms popcount needs).
//!
//! The assembler only produces bytes, so it builds and is tested on every
//! host; `tests.rs`, `tests_int.rs`, `tests_mem.rs` and `tests_fp.rs` check each form
//! against `llvm-mc` (re-checked by `check_llvm.sh`).

// The assembler encodes whole instruction families (checked against LLVM
// in the `tests*.rs` files), which no lowering uses yet.
#[allow(dead_code)]
pub(crate) mod asm;
#[allow(dead_code)]
pub(crate) mod imm;
#[allow(dead_code)]
pub(crate) mod insn;
#[allow(dead_code)]
pub(crate) mod insn_bits;
#[allow(dead_code)]
pub(crate) mod insn_branch;
#[allow(dead_code)]
pub(crate) mod insn_cond;
#[allow(dead_code)]
pub(crate) mod insn_fp;
#[allow(dead_code)]
pub(crate) mod insn_mem;
#[allow(dead_code)]
pub(crate) mod reg;
// The lowering and trampoline only produce bytes too: built everywhere,
// used where the JIT runs aarch64 code.
#[cfg_attr(not(target_arch = "aarch64"), allow(dead_code))]
pub(crate) mod lower;
#[cfg(target_arch = "aarch64")]
pub(crate) mod native;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fp;
#[cfg(test)]
mod tests_int;
#[cfg(test)]
mod tests_mem;
#[cfg_attr(not(target_arch = "aarch64"), allow(dead_code))]
pub(crate) mod trampoline;

// What a lowering will use, named from here.
#[allow(unused_imports)]
pub(crate) use {
    asm::{Assembler, Label},
    imm::{ArithImm, FpImm, LogicalImm},
    insn::{Arith, Extend, Logic, Shift},
    insn_bits::Bitfield,
    insn_cond::Select,
    insn_fp::{FpArith, FpUnary, Precision},
    insn_mem::{Address, FpSize, IndexExtend, Load, OffsetForm, PairAddress, Size},
    reg::{Cond, Reg, V, Width},
};
