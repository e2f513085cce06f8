//! The entry trampoline on aarch64: how Rust enters compiled code.
//!
//! `extern "C" fn(ctx: *mut JitContext, frame: *mut u64, target: *const u8,
//! resume: *const u8) -> u32`: saves the callee-saved registers (`x19`–`x30`
//! and the low halves of `v8`–`v15`), sets up the compiled code's registers
//! (context, frame, memory 0), records its stack pointer in the context and
//! calls the function's `resume` stub with `target` in `x16` (the stub
//! loads the function's pinned locals and jumps there). Compiled code
//! returns the exit kind in `w0`, either by returning (a function's
//! `return`, to the address `blr` left in `x30`) or, from anywhere, through
//! the exit sequence, which restores the saved stack pointer and ends as
//! the trampoline does.

use super::lower::{CTX, FRAME, LEN, MEM, TARGET};
use super::{Address, Assembler, FpSize, Load, PairAddress, Reg, V};
use crate::jit::Width;
use crate::jit::context::offsets;

/// The bytes the trampoline's saved registers take on the stack.
const SAVE_AREA: i16 = 160;

/// The callee-saved general registers after `x29`/`x30`, in pairs, and
/// their offsets in the save area.
const SAVED_PAIRS: [(Reg, Reg, i16); 5] = [
    (Reg::x(19), Reg::x(20), 16),
    (Reg::x(21), Reg::x(22), 32),
    (Reg::x(23), Reg::x(24), 48),
    (Reg::x(25), Reg::x(26), 64),
    (Reg::x(27), Reg::x(28), 80),
];

/// The callee-saved float registers (their low 64 bits), in pairs, and
/// their offsets.
const SAVED_FLOAT_PAIRS: [(V, V, i16); 4] = [
    (V(8), V(9), 96),
    (V(10), V(11), 112),
    (V(12), V(13), 128),
    (V(14), V(15), 144),
];

/// Emits the trampoline at the assembler's current offset.
pub(crate) fn emit(asm: &mut Assembler) {
    asm.store_pair(
        Width::W64,
        Reg::FP,
        Reg::LR,
        PairAddress::PreIndex(Reg::SP, -SAVE_AREA),
    );
    for (first, second, at) in SAVED_PAIRS {
        asm.store_pair(Width::W64, first, second, PairAddress::Offset(Reg::SP, at));
    }
    for (first, second, at) in SAVED_FLOAT_PAIRS {
        asm.store_pair_fp(FpSize::D, first, second, PairAddress::Offset(Reg::SP, at));
    }
    asm.mov(Width::W64, Reg::FP, Reg::SP);
    asm.mov(Width::W64, CTX, Reg::X0);
    asm.mov(Width::W64, FRAME, Reg::X1);
    asm.mov(Width::W64, Reg::X9, Reg::SP);
    asm.store(
        super::Size::X,
        Reg::X9,
        Address::Scaled(CTX, offsets::ENTRY_SP as u32),
    );
    asm.load(
        Load::LdrX,
        MEM,
        Address::Scaled(CTX, offsets::MEMORY0_BASE as u32),
    );
    asm.load(
        Load::LdrX,
        LEN,
        Address::Scaled(CTX, offsets::MEMORY0_LEN as u32),
    );
    asm.mov(Width::W64, TARGET, Reg::X2);
    asm.blr(Reg::X3);
    tail(asm);
}

/// The end of the entry trampoline: restore the saved registers, return to
/// the trampoline's caller (the exit kind stays in `w0`).
pub(crate) fn tail(asm: &mut Assembler) {
    for (first, second, at) in SAVED_FLOAT_PAIRS.iter().rev() {
        asm.load_pair_fp(
            FpSize::D,
            *first,
            *second,
            PairAddress::Offset(Reg::SP, *at),
        );
    }
    for (first, second, at) in SAVED_PAIRS.iter().rev() {
        asm.load_pair(
            Width::W64,
            *first,
            *second,
            PairAddress::Offset(Reg::SP, *at),
        );
    }
    asm.load_pair(
        Width::W64,
        Reg::FP,
        Reg::LR,
        PairAddress::PostIndex(Reg::SP, SAVE_AREA),
    );
    asm.ret();
}
