//! aarch64 as the architecture the JIT compiles for: what `compile.rs` and
//! `dump.rs` need of it (`jit::native` names this module on aarch64).

use super::{Assembler, lower, trampoline};
use crate::ir::{CompiledFunc, Op};
use crate::jit::lower::{LoweredFunc, Traps, Unit};
use alloc::vec::Vec;

/// A direct call's record (see `call_records.rs`).
pub(crate) type CallRecord = crate::jit::call_records::A64Record;

/// The architecture's name, as `--dump-jit` prints it.
pub(crate) const NAME: &str = "aarch64";

/// Whether the lowering accesses memories reserved with guard regions
/// without bounds checks: yes, trapping by signals (the access is a trap
/// site).
pub(crate) const GUARD_REGIONS: bool = true;

/// What pads code between functions: `udf #0`.
pub(crate) const PADDING: &[u8] = &[0; 4];

/// The processor features the lowering may use: none beyond ARMv8.0 yet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Features;

/// The features of the processor this runs on.
pub(crate) fn features() -> Features {
    Features
}

/// The entry trampoline's code (see `trampoline.rs`).
pub(crate) fn trampoline() -> Vec<u8> {
    let mut asm = Assembler::new();
    trampoline::emit(&mut asm);
    asm.finish().expect("the trampoline has no branches")
}

/// Lowers `func` to trap as `traps` says and call the functions of `unit`
/// directly, or names the first opcode the lowering does not cover.
pub(crate) fn lower(
    func: &CompiledFunc,
    _features: Features,
    traps: Traps<'_>,
    unit: Unit<'_>,
) -> Result<LoweredFunc, Op> {
    lower::lower_with(func, traps, unit)
}

/// Points the direct call (`bl`) at byte `at` of `code` at `target`;
/// false if it is out of the instruction's reach (±128 MiB).
pub(crate) fn patch_call(code: &mut [u8], at: usize, target: usize) -> bool {
    let distance = (target as i64 - at as i64) / 4;
    if !(-(1 << 25)..1 << 25).contains(&distance) {
        return false;
    }
    let bl = super::insn_branch::BL | (distance as u32 & 0x03ff_ffff);
    code[at..at + 4].copy_from_slice(&bl.to_le_bytes());
    true
}
