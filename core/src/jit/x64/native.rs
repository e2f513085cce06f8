//! x86_64 as the architecture the JIT compiles for: what `compile.rs` and
//! `dump.rs` need of it (`jit::native` names this module on x86_64).

use super::lower::{Cpu, lower_with};
use super::{Assembler, trampoline};
use crate::ir::{CompiledFunc, Op};
use crate::jit::lower::{LoweredFunc, Traps, Unit};
use alloc::vec::Vec;

/// A direct call's record (see `call_records.rs`).
pub(crate) type CallRecord = crate::jit::call_records::X64Record;

/// The architecture's name, as `--dump-jit` prints it.
pub(crate) const NAME: &str = "x86_64";

/// Whether the lowering accesses memories reserved with guard regions
/// without bounds checks (with signal-based traps).
pub(crate) const GUARD_REGIONS: bool = true;

/// What pads code between functions: `int3`.
pub(crate) const PADDING: &[u8] = &[0xcc];

/// The processor features the lowering may use.
pub(crate) type Features = Cpu;

/// The features of the processor this runs on.
pub(crate) fn features() -> Features {
    Cpu::detect()
}

/// The entry trampoline's code (see `trampoline.rs`).
pub(crate) fn trampoline() -> Vec<u8> {
    let mut asm = Assembler::new();
    trampoline::emit(&mut asm);
    asm.finish().expect("the trampoline has no jumps")
}

/// Lowers `func` to trap as `traps` says and call the functions of `unit`
/// directly, or names the first opcode the lowering does not cover.
pub(crate) fn lower(
    func: &CompiledFunc,
    features: Features,
    traps: Traps<'_>,
    unit: Unit<'_>,
) -> Result<LoweredFunc, Op> {
    lower_with(func, features, traps, unit)
}

/// Points the direct call (`call rel32`) at byte `at` of `code` at
/// `target`; false if it is out of the instruction's reach (±2 GiB).
pub(crate) fn patch_call(code: &mut [u8], at: usize, target: usize) -> bool {
    let Ok(distance) = i32::try_from(target as i64 - (at as i64 + 5)) else {
        return false;
    };
    code[at + 1..at + 5].copy_from_slice(&distance.to_le_bytes());
    true
}
