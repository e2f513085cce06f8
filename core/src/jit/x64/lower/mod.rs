//! The lowering from IR to x86_64: one pass over a function's instructions,
//! each becoming a short sequence that reads its operands from the frame (or
//! the accumulator registers) and writes its result back.
//!
//! Registers (the compiled code's own convention, set up by the entry
//! trampoline, `trampoline.rs`):
//! - [`CTX`] the [`JitContext`](crate::jit::context::JitContext), [`FP`]
//!   the frame's slot 0, [`MEM`] and [`LEN`] the base and length of the
//!   memory loads and stores use (memory 0, or the one `memory.select`
//!   chose);
//! - [`IACC`] and [`FACC`] the integer and `f64` accumulators, which carry
//!   a value from one instruction to the next exactly as in the interpreter;
//! - the pinned locals' registers (`slots.rs`);
//! - everything else is scratch: `rax`, `rcx`, `rdx`, and `xmm0`–`xmm7`
//!   (the SIMD sequences use all eight).
//!
//! Memory accesses are bounds-checked explicitly (the signal-free mode);
//! a failed check, a division by zero and the other traps jump to a stub
//! after the function body that records the trap and its pc and leaves
//! through the exit sequence. A call records its callee and leaves too:
//! the runtime performs it and enters the callee's tier.
//!
//! SIMD (`simd.rs`): a `v128` is its slot pair in the frame (never in a
//! register across instructions), computed with SSE code chosen by the
//! processor's features ([`Cpu`]); the 16-byte constants that code loads
//! follow the function's out-of-line code.

mod call;
mod control;
mod cpu;
mod float;
#[cfg(test)]
mod golden_tests;
mod int;
mod memory;
#[cfg(feature = "simd")]
mod simd;
pub(crate) mod slots;

pub(crate) use cpu::Cpu;
#[cfg(all(test, feature = "simd"))]
pub(crate) use cpu::test_cpu;

use super::{Assembler, Gpr, Mem, Width, Xmm};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets, trap_index};
pub(crate) use crate::jit::lower::function::Lowering;
use crate::jit::lower::function::{Isa, lower};
use crate::jit::lower::pinning::PinRegisters;
use crate::jit::lower::{LoweredFunc, Traps, Unit, acc_operands, destination};
use crate::trap::TrapCode;
use alloc::vec::Vec;

/// The JIT context.
pub(crate) const CTX: Gpr = Gpr::R15;
/// Slot 0 of the running frame.
pub(crate) const FP: Gpr = Gpr::R14;
/// The base of the memory loads and stores use.
pub(crate) const MEM: Gpr = Gpr::R13;
/// The length of that memory.
pub(crate) const LEN: Gpr = Gpr::R12;
/// The integer accumulator.
pub(crate) const IACC: Gpr = Gpr::Rbx;
/// The `f64` accumulator.
pub(crate) const FACC: Xmm = Xmm(15);

const _: () = {
    use core::mem::size_of;
    assert!(size_of::<[u64; 2]>() == 16);
    assert!(size_of::<crate::vm::MemoryView>() == 16);
    assert!(size_of::<crate::vm::TableView>() == 16);
};

/// The callee-saved registers the entry trampoline saves, in push order;
/// the exit sequence pops them in reverse.
pub(crate) const SAVED: [Gpr; 6] = [Gpr::Rbx, Gpr::Rbp, Gpr::R12, Gpr::R13, Gpr::R14, Gpr::R15];

/// x86_64, as the target of the shared lowering ([`Isa`]).
pub(crate) struct X64;

impl Isa for X64 {
    type Assembler = Assembler;
    type Features = Cpu;
    const PIN_REGISTERS: PinRegisters = slots::PIN_REGISTERS;

    fn frame_setup(l: &mut Lowering<'_, Self>, func: &CompiledFunc) {
        l.frame_setup(func);
    }

    fn reload_pinned(l: &mut Lowering<'_, Self>) {
        l.reload_pinned();
    }

    fn instr(l: &mut Lowering<'_, Self>, pc: u32, i: Instr) -> Result<(), Op> {
        l.instr(pc, i)
    }

    fn trap_stub(l: &mut Lowering<'_, Self>, pc: u32, code: TrapCode) {
        l.asm.store_imm(
            Width::W32,
            Lowering::ctx(offsets::TRAP),
            trap_index(code) as i32,
        );
        l.exit_at(pc, ExitKind::Trap);
    }

    fn call_code(l: &mut Lowering<'_, Self>) {
        l.call_code();
    }

    fn exit_sequence(l: &mut Lowering<'_, Self>) {
        exit_sequence(&mut l.asm);
    }

    fn resume_stub(l: &mut Lowering<'_, Self>) {
        // The trampoline calls it with the target in `rax`.
        l.reload_pinned();
        l.asm.jmp_r(Gpr::Rax);
    }

    fn align(asm: &mut Assembler, align: u32) {
        asm.align(align);
    }

    fn data128(asm: &mut Assembler, value: u128) {
        asm.data128(value);
    }

    fn finish(asm: Assembler) -> Option<Vec<u8>> {
        asm.finish()
    }
}

/// Lowers `func` to trap as `traps` says, or names the first opcode the
/// lowering does not cover.
pub(crate) fn lower_with(
    func: &CompiledFunc,
    cpu: Cpu,
    traps: Traps<'_>,
    unit: Unit<'_>,
) -> Result<LoweredFunc, Op> {
    lower::<X64>(func, cpu, traps, unit)
}

impl Lowering<'_, X64> {
    /// Lowers the instruction `i` at `pc`.
    fn instr(&mut self, pc: u32, i: Instr) -> Result<(), Op> {
        let op = i.op;
        if self.control(pc, i)?
            || self.int(pc, i)?
            || self.float(pc, i)?
            || self.memory(pc, i)?
            || self.simd(pc, i)?
        {
            Ok(())
        } else {
            Err(op)
        }
    }

    /// Lowers `i` if it is a SIMD instruction: never, in a build without
    /// SIMD.
    #[cfg(not(feature = "simd"))]
    fn simd(&mut self, _pc: u32, _i: Instr) -> Result<bool, Op> {
        Ok(false)
    }

    /// The frame slot `slot`.
    pub(crate) fn slot(slot: u16) -> Mem {
        Mem::base(FP, slot as i32 * 8)
    }

    /// A context field.
    pub(crate) fn ctx(offset: i32) -> Mem {
        Mem::base(CTX, offset)
    }

    /// Loads an integer operand: slot `slot`, or the accumulator.
    fn read_int(&mut self, dst: Gpr, slot: u16, from_acc: bool) {
        if from_acc {
            self.asm.mov_rr(Width::W64, dst, IACC);
        } else {
            self.load_slot(Width::W64, dst, slot);
        }
    }

    /// Stores an integer result held in `src` where `op`'s form puts it:
    /// slot `slot`, the accumulator, or both.
    fn write_int(&mut self, op: Op, slot: u16, src: Gpr) {
        let (to_slot, to_acc) = destination(op);
        if to_slot {
            self.store_slot(slot, src);
        }
        if to_acc {
            self.asm.mov_rr(Width::W64, IACC, src);
        }
    }

    /// A jump to a stub raising `code` at `pc` when `cond` holds.
    fn trap_if(&mut self, cond: super::Cond, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.asm.jcc(cond, label);
    }

    /// Raises `code` at `pc` unconditionally.
    fn trap(&mut self, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.asm.jmp(label);
    }

    /// Records `pc` (and the frame) as the exit's and leaves with `kind`.
    pub(crate) fn exit_at(&mut self, pc: u32, kind: ExitKind) {
        self.asm
            .store_imm(Width::W32, Self::ctx(offsets::EXIT_PC), pc as i32);
        self.asm.store(Width::W64, Self::ctx(offsets::EXIT_FP), FP);
        self.asm.mov_ri(Width::W32, Gpr::Rax, kind as i64);
        self.asm.jmp(self.exit);
    }

    /// Calls the helper at `address` (System V: arguments already in
    /// `rdi`, `rsi`, ...; the stack stays 16-byte aligned), then loads the
    /// pinned locals again. The caller wrote them back
    /// ([`spill_pinned`](Self::spill_pinned)) before setting up the
    /// arguments, from the frame.
    fn call_helper(&mut self, address: usize) {
        self.asm.alu_ri(super::Alu::Sub, Width::W64, Gpr::Rsp, 8);
        self.asm.mov_ri(Width::W64, Gpr::Rax, address as i64);
        self.asm.call_r(Gpr::Rax);
        self.asm.alu_ri(super::Alu::Add, Width::W64, Gpr::Rsp, 8);
        self.reload_pinned();
    }

    /// After a helper that answers `0` or one plus a trap's index in
    /// `answer`: raises that trap at `pc` unless it is `0`.
    fn trap_on_helper_error(&mut self, pc: u32, answer: Gpr) {
        let ok = self.asm.label();
        self.asm.test_rr(Width::W64, answer, answer);
        self.asm.jcc(super::Cond::E, ok);
        self.asm.alu_ri(super::Alu::Sub, Width::W32, answer, 1);
        self.asm.store(Width::W32, Self::ctx(offsets::TRAP), answer);
        self.exit_at(pc, ExitKind::Trap);
        self.asm.bind(ok);
    }

    /// `rax` = the address of the store's record of the running
    /// instance's entity `index` (a global cell, a memory's or a table's
    /// view: 16 bytes each): `records[space[index]]`, `space` and
    /// `records` the context fields at those offsets.
    fn instance_entity(&mut self, space: i32, index: u32, records: i32) {
        self.asm.load(Width::W64, Gpr::Rax, Self::ctx(space));
        self.asm
            .load(Width::W32, Gpr::Rax, Mem::base(Gpr::Rax, index as i32 * 4));
        self.asm
            .shift_ri(super::Shift::Shl, Width::W64, Gpr::Rax, 4);
        self.asm
            .alu_rm(super::Alu::Add, Width::W64, Gpr::Rax, Self::ctx(records));
    }

    /// Reloads the memory registers with memory 0's view.
    fn reload_memory0(&mut self) {
        self.asm
            .load(Width::W64, MEM, Self::ctx(offsets::MEMORY0_BASE));
        self.asm
            .load(Width::W64, LEN, Self::ctx(offsets::MEMORY0_LEN));
    }
}

/// Leaves compiled code with the exit kind in `eax`: back to the entry
/// trampoline's saved stack pointer, restoring what it saved.
pub(crate) fn exit_sequence(asm: &mut Assembler) {
    // The direct calls' records, if any, written out to the frame stack,
    // from a 16-byte aligned stack below them (exits come from any depth).
    asm.alu_ri(super::Alu::And, Width::W64, Gpr::Rsp, -16);
    asm.mov_rr(Width::W32, Gpr::Rsi, Gpr::Rax);
    asm.mov_rr(Width::W64, Gpr::Rdi, CTX);
    asm.call_m(Mem::base(CTX, offsets::MATERIALIZE));
    asm.load(Width::W64, Gpr::Rsp, Mem::base(CTX, offsets::ENTRY_SP));
    trampoline_tail(asm);
}

/// The end of the entry trampoline: drop the alignment word, restore the
/// saved registers, return to the trampoline's caller.
pub(crate) fn trampoline_tail(asm: &mut Assembler) {
    asm.alu_ri(super::Alu::Add, Width::W64, Gpr::Rsp, 8);
    for r in SAVED.iter().rev() {
        asm.pop(*r);
    }
    asm.ret();
}
