//! The lowering from IR to aarch64: the shared walk (`jit::lower::function`)
//! with aarch64's instructions for each piece.
//!
//! Registers (the compiled code's own convention, set up by the entry
//! trampoline, `trampoline.rs`; all callee-saved under AAPCS64, so helper
//! calls keep them):
//! - [`CTX`] the [`JitContext`](crate::jit::context::JitContext), [`FRAME`]
//!   the frame's slot 0, [`MEM`] and [`LEN`] the base and length of memory
//!   0;
//! - [`IACC`] and [`FACC`] the integer and `f64` accumulators;
//! - the pinned locals' registers (`slots.rs`);
//! - `x0`–`x3`, `x9`–`x13` (call sites and the call thunk) and `v0`–`v7`
//!   scratch, `x16` and `x17` for addresses and
//!   helper targets; `x30` holds the return address into the trampoline
//!   (or a direct caller) and is saved around helper calls.
//!
//! Unlike x86_64, aarch64 never faults on a division, so every check is
//! explicit; a trap jumps to its stub after the body, which records the
//! trap and its pc and leaves through the exit sequence. Functions the
//! lowering does not cover yet (SIMD) stay interpreted.

mod call;
mod control;
mod float;
#[cfg(all(test, not(miri)))]
mod golden_tests;
mod int;
mod memory;
#[cfg(all(test, not(miri)))]
mod size_tests;
mod slots;
#[cfg(all(test, not(miri), target_arch = "aarch64"))]
mod tests;

use super::{Assembler, Cond, Reg, Size, V};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::Width;
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets, trap_index};
use crate::jit::lower::function::{Isa, lower};
use crate::jit::lower::pinning::PinRegisters;
use crate::jit::lower::{LoweredFunc, Traps, Unit};
use crate::trap::TrapCode;
use alloc::vec::Vec;

pub(crate) use crate::jit::lower::function::Lowering;

/// The JIT context.
pub(crate) const CTX: Reg = Reg::x(28);
/// Slot 0 of the running frame.
pub(crate) const FRAME: Reg = Reg::x(27);
/// The base of memory 0.
pub(crate) const MEM: Reg = Reg::x(26);
/// The length of memory 0.
pub(crate) const LEN: Reg = Reg::x(25);
/// The integer accumulator.
pub(crate) const IACC: Reg = Reg::x(24);
/// The `f64` accumulator.
pub(crate) const FACC: V = V(15);
/// Scratch registers.
const X0: Reg = Reg::X0;
const X1: Reg = Reg::X1;
const X2: Reg = Reg::X2;
/// The register the trampoline passes the resume target in.
pub(crate) const TARGET: Reg = Reg::x(16);
/// A scratch register for addresses the lowering computes.
const ADDRESS: Reg = Reg::x(17);

/// How far the conditional branches (`b.cond`, `cbz`, `cbnz`) reach, to
/// an instruction of the body or a trap stub after it.
const BRANCH_REACH: u32 = 1 << 20;

/// The most a trap stub takes (eight instructions: `trap_stub`).
const STUB_BYTES: u32 = 32;

/// Room kept for what one more instruction and the code after the stubs
/// (call thunk, exit sequence, resume stub) can take.
const MARGIN: u32 = 64 << 10;

/// aarch64, as the target of the shared lowering ([`Isa`]).
pub(crate) struct A64;

impl Isa for A64 {
    type Assembler = Assembler;
    type Features = ();
    const PIN_REGISTERS: PinRegisters = slots::PIN_REGISTERS;

    fn frame_setup(l: &mut Lowering<'_, Self>, func: &CompiledFunc) {
        let locals = func.num_params as usize;
        let consts = locals + func.num_locals as usize;
        for k in locals..consts {
            l.store_frame(Reg::ZR, k as u16);
        }
        for (k, &value) in func.consts.iter().enumerate() {
            l.asm.mov_imm(Width::W64, X0, value);
            l.store_frame(X0, (consts + k) as u16);
        }
    }

    fn reload_pinned(l: &mut Lowering<'_, Self>) {
        l.reload_pinned();
    }

    fn instr(l: &mut Lowering<'_, Self>, pc: u32, i: Instr) -> Result<(), Op> {
        // A function whose body and trap stubs could outgrow the
        // conditional branches' reach stays interpreted (before, so no
        // branch is ever left unpatched).
        let stubs = l.traps.len() as u32 * STUB_BYTES;
        if l.asm.offset() + stubs + MARGIN > BRANCH_REACH {
            return Err(i.op);
        }
        if l.control(pc, i)?
            || l.call_or_helper(pc, i)?
            || l.int(pc, i)?
            || l.float(pc, i)?
            || l.memory(pc, i)?
        {
            Ok(())
        } else {
            Err(i.op)
        }
    }

    fn trap_stub(l: &mut Lowering<'_, Self>, pc: u32, code: TrapCode) {
        l.asm.mov_imm(Width::W32, X0, trap_index(code) as u64);
        l.store_ctx(Size::W, X0, offsets::TRAP);
        l.exit_at(pc, ExitKind::Trap);
    }

    fn call_code(l: &mut Lowering<'_, Self>) {
        l.call_code();
    }

    fn exit_sequence(l: &mut Lowering<'_, Self>) {
        exit_sequence(&mut l.asm);
    }

    fn resume_stub(l: &mut Lowering<'_, Self>) {
        l.reload_pinned();
        l.asm.br(TARGET);
    }

    fn align(asm: &mut Assembler, align: u32) {
        while asm.offset() % align != 0 {
            asm.udf(0);
        }
    }

    fn data128(asm: &mut Assembler, value: u128) {
        for k in 0..4 {
            asm.word((value >> (32 * k)) as u32);
        }
    }

    fn finish(asm: Assembler) -> Option<Vec<u8>> {
        asm.finish()
    }
}

/// Lowers `func` to trap as `traps` says, or names the first opcode the
/// lowering does not cover.
pub(crate) fn lower_with(
    func: &CompiledFunc,
    traps: Traps<'_>,
    unit: Unit<'_>,
) -> Result<LoweredFunc, Op> {
    lower::<A64>(func, (), traps, unit)
}

/// Leaves compiled code with the exit kind in `w0`: writes the direct
/// calls' records out to the frame stack (the chain from `x29`; none if it
/// is the entry stack pointer), then goes back to the entry trampoline's
/// saved stack pointer, restoring what it saved.
pub(crate) fn exit_sequence(asm: &mut Assembler) {
    let chain = super::Address::Scaled(CTX, offsets::CHAIN as u32);
    asm.store(Size::X, Reg::FP, chain);
    asm.mov(Width::W32, X1, X0);
    asm.mov(Width::W64, X0, CTX);
    let materialize = super::Address::Scaled(CTX, offsets::MATERIALIZE as u32);
    asm.load(super::Load::LdrX, TARGET, materialize);
    asm.blr(TARGET);
    let entry_sp = super::Address::Scaled(CTX, offsets::ENTRY_SP as u32);
    asm.load(super::Load::LdrX, X1, entry_sp);
    asm.mov(Width::W64, Reg::SP, X1);
    super::trampoline::tail(asm);
}

impl Lowering<'_, A64> {
    /// Loads the 32- or 64-bit context field at `offset` into `dst`.
    fn load_ctx(&mut self, width: Width, dst: Reg, offset: i32) {
        let op = match width {
            Width::W32 => super::Load::LdrW,
            Width::W64 => super::Load::LdrX,
        };
        let bytes = if width.is_64() { 8 } else { 4 };
        self.asm.load(op, dst, ctx_address(offset, bytes));
    }

    /// Stores `src` (of `size`) to the context field at `offset`.
    fn store_ctx(&mut self, size: Size, src: Reg, offset: i32) {
        self.asm.store(size, src, ctx_address(offset, size.bytes()));
    }

    /// Records `pc` (and the frame) as the exit's and leaves with `kind`.
    pub(crate) fn exit_at(&mut self, pc: u32, kind: ExitKind) {
        self.asm.mov_imm(Width::W32, X0, pc as u64);
        self.store_ctx(Size::W, X0, offsets::EXIT_PC);
        self.store_ctx(Size::X, FRAME, offsets::EXIT_FP);
        self.asm.mov_imm(Width::W32, X0, kind as u64);
        let exit = self.exit;
        self.asm.b(exit);
    }

    /// A branch to a stub raising `code` at `pc` when `cond` holds.
    fn trap_if(&mut self, cond: Cond, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.asm.b_cond(cond, label);
    }

    /// Raises `code` at `pc` unconditionally.
    fn trap(&mut self, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.asm.b(label);
    }

    /// Calls the helper at `address` (arguments already in `x0`, `x1`,
    /// ...; the stack stays 16-byte aligned), keeping the return address
    /// in `x30` across it, then loads the pinned locals again. The caller
    /// wrote them back ([`spill_pinned`](Self::spill_pinned)) before
    /// setting up the arguments, from the frame.
    fn call_helper(&mut self, address: usize) {
        let a = &mut self.asm;
        a.mov_imm(Width::W64, TARGET, address as u64);
        a.store(Size::X, Reg::LR, super::Address::PreIndex(Reg::SP, -16));
        a.blr(TARGET);
        a.load(
            super::Load::LdrX,
            Reg::LR,
            super::Address::PostIndex(Reg::SP, 16),
        );
        self.reload_pinned();
    }

    /// After a helper that answers `0` or one plus a trap's index in
    /// `answer`: raises that trap at `pc` unless it is `0`.
    fn trap_on_helper_error(&mut self, pc: u32, answer: Reg) {
        let ok = self.asm.label();
        self.asm.cbz(Width::W64, answer, ok);
        self.asm.mov_imm(Width::W32, X2, 1);
        self.asm
            .arith(super::Arith::Sub, Width::W32, answer, answer, X2);
        self.store_ctx(Size::W, answer, offsets::TRAP);
        self.exit_at(pc, ExitKind::Trap);
        self.asm.bind(ok);
    }

    /// After a helper returning a [`Checked`](crate::jit::helpers::Checked)
    /// (value in `x0`, trap in `x1`): trap if it says so, else store its
    /// value in slot `dst`.
    fn checked_result(&mut self, pc: u32, dst: u16) {
        self.trap_on_helper_error(pc, X1);
        self.store_slot(dst, X0);
    }
}

/// The address of the context field at `offset`, `bytes` wide (every field
/// compiled code reaches is within the scaled form's range).
fn ctx_address(offset: i32, bytes: u32) -> super::Address {
    super::Address::offset(CTX, offset as i64, bytes).expect("context fields are near its start")
}
