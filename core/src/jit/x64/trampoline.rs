//! The entry trampoline: how Rust enters compiled code.
//!
//! `extern "sysv64" fn(ctx: *mut JitContext, fp: *mut u64, target: *const u8, resume: *const u8) -> u32`:
//! saves the callee-saved registers, sets up the compiled code's registers
//! (context, frame, memory 0), records its stack pointer in the context and
//! calls the function's `resume` stub with `target` in `rax` (the stub loads
//! the function's pinned locals and jumps there). Compiled code returns the exit kind in `eax`, either by
//! returning (a function's `return`) or, from anywhere, through the exit
//! sequence, which restores the saved stack pointer and ends as the
//! trampoline does.

use super::lower::{CTX, FP, LEN, MEM, SAVED, trampoline_tail};
use super::{Alu, Assembler, Gpr, Mem, Width};
use crate::jit::context::offsets;

/// Emits the trampoline at the assembler's current offset.
pub(crate) fn emit(asm: &mut Assembler) {
    for r in SAVED {
        asm.push(r);
    }
    // Six pushes and the return address: 8 bytes short of 16-byte
    // alignment, which calls from compiled code keep.
    asm.alu_ri(Alu::Sub, Width::W64, Gpr::Rsp, 8);
    asm.mov_rr(Width::W64, CTX, Gpr::Rdi);
    asm.mov_rr(Width::W64, FP, Gpr::Rsi);
    asm.store(Width::W64, Mem::base(CTX, offsets::ENTRY_SP), Gpr::Rsp);
    asm.load(Width::W64, MEM, Mem::base(CTX, offsets::MEMORY0_BASE));
    asm.load(Width::W64, LEN, Mem::base(CTX, offsets::MEMORY0_LEN));
    asm.mov_rr(Width::W64, Gpr::Rax, Gpr::Rdx);
    asm.call_r(Gpr::Rcx);
    trampoline_tail(asm);
}
