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
#[cfg(test)]
pub(crate) use cpu::test_cpu;

use super::{Assembler, Gpr, Label, Mem, Width, Xmm};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets, trap_index};
use crate::jit::lower::{LoweredFunc, Traps, acc_operands, destination};
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

/// Lowers `func` to trap as `traps` says, or names the first opcode the
/// lowering does not cover.
pub(crate) fn lower_with(
    func: &CompiledFunc,
    cpu: Cpu,
    traps: Traps<'_>,
) -> Result<LoweredFunc, Op> {
    let code = func.code();
    let mut l = Lowering {
        asm: Assembler::new(),
        pinned: slots::choose(func),
        code,
        labels: Vec::with_capacity(code.len()),
        traps: Vec::new(),
        exit: Label::default(),
        thunk: None,
        cpu,
        signals: traps.signals,
        guarded: traps.guarded,
        shared: traps.shared,
        memory: 0,
        sites: Vec::new(),
        constants: &func.consts,
        first_constant: func.num_params as usize + func.num_locals as usize,
        pool: Vec::new(),
    };
    l.exit = l.asm.label();
    for _ in 0..code.len() {
        let label = l.asm.label();
        l.labels.push(label);
    }
    l.frame_setup(func);
    l.reload_pinned();
    let mut pc_offsets = alloc::vec![u32::MAX; code.len()];
    let mut pc = 0;
    while pc < code.len() {
        let instr = code[pc];
        l.asm.bind(l.labels[pc]);
        pc_offsets[pc] = l.asm.offset();
        l.instr(pc as u32, instr)?;
        pc += 1 + instr.data_words();
    }
    let body_end = l.asm.offset();
    l.trap_stubs();
    if let Some(thunk) = l.thunk {
        l.call_thunk(thunk);
    }
    l.asm.bind(l.exit);
    exit_sequence(&mut l.asm);
    // The resume stub: the trampoline calls it with the target in `rax`.
    let resume = l.asm.offset();
    l.reload_pinned();
    l.asm.jmp_r(Gpr::Rax);
    // The constants the code loads, aligned for whole-cache-line loads.
    if !l.pool.is_empty() {
        l.asm.align(16);
        for k in 0..l.pool.len() {
            let (value, label) = l.pool[k];
            l.asm.bind(label);
            l.asm.data128(value);
        }
    }
    let trap_sites = l
        .sites
        .iter()
        .map(|&(fault, stub)| (fault, l.asm.bound(stub).expect("trap stubs are bound")))
        .collect();
    let code = l.asm.finish().expect("every jump targets an instruction");
    Ok(LoweredFunc {
        code,
        pc_offsets,
        body_end,
        resume,
        trap_sites,
    })
}

/// The lowering of one function.
pub(crate) struct Lowering<'a> {
    pub asm: Assembler,
    /// The locals living in registers.
    pinned: crate::jit::lower::pinning::Pinned,
    code: &'a [Instr],
    /// The label of each pc (bound at instructions only).
    labels: Vec<Label>,
    /// Traps raised in the body: the stub's label, the pc, the trap.
    traps: Vec<(Label, u32, TrapCode)>,
    /// The exit sequence, shared by every exit of the function.
    exit: Label,
    /// The call thunk, once a call site needs it (`call.rs`).
    thunk: Option<Label>,
    pub cpu: Cpu,
    /// [`Traps::signals`].
    signals: bool,
    /// [`Traps::guarded`].
    guarded: &'a [bool],
    /// [`Traps::shared`].
    shared: &'a [bool],
    /// The module memory loads and stores use: 0, or the one a
    /// `memory.select` chose for the access after it.
    memory: u32,
    /// The trap sites so far: each faulting instruction's offset and its
    /// trap stub.
    sites: Vec<(u32, Label)>,
    /// The function's constants ([`CompiledFunc::consts`]), which frame
    /// setup writes to the slots from `first_constant` on.
    constants: &'a [u64],
    /// The slot of the first constant.
    first_constant: usize,
    /// The 16-byte constants the code loads (each once), placed after the
    /// out-of-line code.
    pool: Vec<(u128, Label)>,
}

impl Lowering<'_> {
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

    /// The label of a 16-byte constant the code can load.
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    fn constant(&mut self, value: u128) -> Label {
        if let Some(&(_, label)) = self.pool.iter().find(|c| c.0 == value) {
            return label;
        }
        let label = self.asm.label();
        self.pool.push((value, label));
        label
    }

    /// The value of the constant pair whose low half is `slot`, if the
    /// pair is two of the function's constants.
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    fn constant_pair(&self, slot: u16) -> Option<u128> {
        let k = (slot as usize).checked_sub(self.first_constant)?;
        let (low, high) = (self.constants.get(k)?, self.constants.get(k + 1)?);
        Some(*low as u128 | (*high as u128) << 64)
    }

    /// The data word `k` words after the instruction at `pc`.
    fn data(&self, pc: u32, k: u32) -> Instr {
        self.code[(pc + k) as usize]
    }

    /// The label of the instruction at `pc + offset`.
    fn target(&self, pc: u32, offset: i32) -> Label {
        self.labels[(pc as i64 + offset as i64) as usize]
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

    /// The label of a stub raising `code` at `pc`.
    fn trap_label(&mut self, pc: u32, code: TrapCode) -> Label {
        // Stubs are made in pc order: the current instruction's are last,
        // so the search stops at the first of an earlier pc (a search of
        // them all would make compiling a function quadratic in its traps).
        let mut current = self.traps.iter().rev().take_while(|t| t.1 == pc);
        if let Some(&(label, _, _)) = current.find(|t| t.2 == code) {
            return label;
        }
        let label = self.asm.label();
        self.traps.push((label, pc, code));
        label
    }

    /// Makes the next instruction, which faults in the case of `code`, a
    /// trap site raising `code` at `pc` (the signal handler continues at
    /// the trap's stub).
    fn trap_site(&mut self, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.sites.push((self.asm.offset(), label));
    }

    /// Raises `code` at `pc` unconditionally.
    fn trap(&mut self, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        self.asm.jmp(label);
    }

    /// The trap stubs: each records its pc and trap and leaves.
    fn trap_stubs(&mut self) {
        let traps = core::mem::take(&mut self.traps);
        for (label, pc, code) in traps {
            self.asm.bind(label);
            self.asm.store_imm(
                Width::W32,
                Self::ctx(offsets::TRAP),
                trap_index(code) as i32,
            );
            self.exit_at(pc, ExitKind::Trap);
        }
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
