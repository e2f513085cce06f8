//! x86_64: the assembler (registers and condition codes in [`reg`], the
//! byte buffer, labels and operand encoding in [`asm`], the instructions in
//! [`insn`] and the packed SSE ones in [`insn_simd`]), built and tested on
//! every host; on x86_64 also the lowering from IR (`lower`), the entry
//! trampoline (`trampoline`) and what the rest of the JIT needs of the
//! architecture (`native`).

// The assembler encodes whole instruction families (checked against LLVM
// in `tests.rs` and `simd_tests.rs`), some forms of which the lowering does not use yet.
#[allow(dead_code)]
pub(crate) mod asm;
#[allow(dead_code)]
pub(crate) mod insn;
#[allow(dead_code)]
pub(crate) mod insn_simd;
#[cfg(target_arch = "x86_64")]
pub(crate) mod lower;
#[cfg(target_arch = "x86_64")]
pub(crate) mod native;
#[allow(dead_code)]
pub(crate) mod reg;
#[cfg(test)]
mod simd_tests;
#[cfg(test)]
mod tests;
#[cfg(target_arch = "x86_64")]
pub(crate) mod trampoline;

// The lowering (x86_64 builds only) names these from here.
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_imports))]
pub(crate) use asm::{Assembler, Label, Mem};
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_imports))]
pub(crate) use insn::{Alu, Shift, Sse, Width};
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_imports))]
pub(crate) use insn_simd::Feature;
#[cfg(feature = "simd")]
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_imports))]
pub(crate) use insn_simd::Packed;
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_imports))]
pub(crate) use reg::{Cond, Gpr, Xmm};
