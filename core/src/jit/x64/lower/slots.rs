//! Where a slot lives: in the frame, or — for the integer locals that loops
//! use most — pinned in a machine register for the whole function.
//!
//! The frame stays the truth at every boundary another tier or the runtime
//! can see: pinned registers are written back to their slots before the
//! function returns, calls, throws or calls a helper (helpers may read the
//! frame, and clobber the registers), and loaded again after a call or
//! helper and wherever code is entered (the direct-call entry after its
//! frame setup; the resume stub every entry through the trampoline
//! passes). A trap needs no write-back: nothing reads a trapped frame.
//!
//! Which locals: parameters and declared locals of an integer or reference
//! type, scored by their uses, each use inside a loop counting
//! [`LOOP_WEIGHT`] per enclosing loop, less what spilling around the calls
//! and helpers in those loops costs; the best [`PINNED`] with a positive
//! score.

use super::{FP, Lowering};
use crate::ir::{CompiledFunc, Format, Op, SlotType};
use crate::jit::x64::{Alu, Gpr, Mem, Width, Xmm};
use alloc::vec::Vec;

/// The registers locals are pinned to: none of them is used as scratch by
/// the lowering outside a spill (`rax`, `rcx`, `rdx` are, and the helper
/// argument registers only once everything is written back).
pub(crate) const PINNED: [Gpr; 7] = [
    Gpr::Rbp,
    Gpr::R8,
    Gpr::R9,
    Gpr::R10,
    Gpr::R11,
    Gpr::Rsi,
    Gpr::Rdi,
];

/// How much a use inside a loop counts, per enclosing loop.
const LOOP_WEIGHT: i64 = 16;

/// The pinned locals of a function: each slot's register, if it has one.
#[derive(Default)]
pub(crate) struct Pinned {
    /// By slot (parameters and declared locals only).
    regs: Vec<Option<Gpr>>,
    /// The pinned (slot, register) pairs.
    list: Vec<(u16, Gpr)>,
}

impl Pinned {
    /// Chooses the locals of `func` to pin.
    pub(crate) fn choose(func: &CompiledFunc) -> Self {
        let locals = func.num_params as usize + func.num_locals as usize;
        let code = func.code();
        let depth = loop_depths(code);
        let mut score = alloc::vec![0i64; locals];
        let mut boundaries = 0i64;
        let mut pc = 0;
        while pc < code.len() {
            let i = code[pc];
            let weight = LOOP_WEIGHT.pow(depth[pc].min(3));
            if spills(i.op) {
                boundaries += weight;
            }
            let fields = i.op.format().slot_fields();
            let data = code.get(pc + 1).copied();
            let mut used = |slot: u16| {
                if let Some(s) = score.get_mut(slot as usize) {
                    *s += weight;
                }
            };
            if fields.a {
                used(i.a);
            }
            if fields.b {
                used(i.b);
            }
            if fields.c {
                used(i.c);
            }
            if let Some(d) = data {
                if fields.data_a {
                    used(d.a);
                }
                if fields.data_b {
                    used(d.b);
                }
            }
            pc += 1 + i.data_words();
        }
        let mut candidates: Vec<(i64, u16)> = (0..locals)
            .filter(|&s| pinnable(func.slot_types[s]))
            .map(|s| (score[s] - 2 * boundaries, s as u16))
            .filter(|&(score, _)| score > 0)
            .collect();
        candidates.sort_by(|a, b| b.cmp(a));
        let mut pinned = Pinned {
            regs: alloc::vec![None; locals],
            list: Vec::new(),
        };
        for (&(_, slot), &reg) in candidates.iter().zip(PINNED.iter()) {
            pinned.regs[slot as usize] = Some(reg);
            pinned.list.push((slot, reg));
        }
        pinned
    }

    /// How many locals are pinned.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// The register slot `slot` is pinned to, if any.
    pub(crate) fn reg(&self, slot: u16) -> Option<Gpr> {
        self.regs.get(slot as usize).copied().flatten()
    }
}

/// Whether values of `ty` may live in a general register.
fn pinnable(ty: SlotType) -> bool {
    matches!(
        ty,
        SlotType::I32 | SlotType::I64 | SlotType::FuncRef | SlotType::ExternRef
    )
}

/// Whether lowering `op` writes the pinned registers back (a call, a
/// helper, a throw): what pinning costs at each such instruction.
fn spills(op: Op) -> bool {
    op.is_call()
        || crate::jit::helpers::is_helper(op)
        || crate::vm::is_out_of_line(op)
        || matches!(
            op,
            Op::Throw | Op::ThrowRef | Op::MemoryGrow | Op::MemoryGrow64
        )
}

/// For each pc, how many loops enclose it: a branch back to an earlier pc
/// closes a loop over the pcs between.
fn loop_depths(code: &[crate::ir::Instr]) -> Vec<u32> {
    let mut depth = alloc::vec![0u32; code.len()];
    let mut pc = 0;
    while pc < code.len() {
        let i = code[pc];
        let mut back = |offset: i32| {
            if offset <= 0 {
                let start = (pc as i64 + offset as i64).max(0) as usize;
                for d in &mut depth[start..=pc] {
                    *d += 1;
                }
            }
        };
        match i.op.format() {
            Format::Br | Format::BrIf => back(i.bc() as i32),
            Format::BrCmp | Format::BrCmpImm => back(i.c_i16() as i32),
            Format::BrTable => {
                for k in 1..=i.bc() as usize + 1 {
                    back(code[pc + k].bc() as i32);
                }
            }
            _ => {}
        }
        pc += 1 + i.data_words();
    }
    depth
}

impl Lowering<'_> {
    /// Writes every pinned register back to its slot.
    pub(super) fn spill_pinned(&mut self) {
        for k in 0..self.pinned.list.len() {
            let (slot, reg) = self.pinned.list[k];
            self.asm.store(Width::W64, Self::slot(slot), reg);
        }
    }

    /// Loads every pinned register from its slot.
    pub(super) fn reload_pinned(&mut self) {
        for k in 0..self.pinned.list.len() {
            let (slot, reg) = self.pinned.list[k];
            self.asm.load(Width::W64, reg, Self::slot(slot));
        }
    }

    /// `dst = slot` (`W32`: the low half, zero-extended).
    pub(super) fn load_slot(&mut self, width: Width, dst: Gpr, slot: u16) {
        match self.pinned.reg(slot) {
            Some(reg) => self.asm.mov_rr(width, dst, reg),
            None => self.asm.load(width, dst, Self::slot(slot)),
        }
    }

    /// `dst` = the low `bits` of `slot`, sign- or zero-extended to `width`.
    pub(super) fn load_slot_extend(
        &mut self,
        width: Width,
        dst: Gpr,
        slot: u16,
        bits: u8,
        signed: bool,
    ) {
        match self.pinned.reg(slot) {
            Some(reg) if signed => self.asm.sign_extend(width, dst, reg, bits),
            Some(reg) => {
                self.asm.mov_rr(Width::W64, dst, reg);
                let mask = if bits == 8 { 0xff } else { 0xffff };
                self.asm.alu_ri(Alu::And, Width::W32, dst, mask);
            }
            None => self
                .asm
                .load_extend(width, dst, Self::slot(slot), bits, signed),
        }
    }

    /// `slot = src` (the whole 64 bits).
    pub(super) fn store_slot(&mut self, slot: u16, src: Gpr) {
        match self.pinned.reg(slot) {
            Some(reg) => self.asm.mov_rr(Width::W64, reg, src),
            None => self.asm.store(Width::W64, Self::slot(slot), src),
        }
    }

    /// `slot = imm` sign-extended to 64 bits.
    pub(super) fn store_slot_imm(&mut self, slot: u16, imm: i32) {
        match self.pinned.reg(slot) {
            Some(reg) => self.asm.mov_ri(Width::W64, reg, imm as i64),
            None => self.asm.store_imm(Width::W64, Self::slot(slot), imm),
        }
    }

    /// `dst = dst op slot`.
    pub(super) fn alu_slot(&mut self, op: Alu, width: Width, dst: Gpr, slot: u16) {
        match self.pinned.reg(slot) {
            Some(reg) => self.asm.alu_rr(op, width, dst, reg),
            None => self.asm.alu_rm(op, width, dst, Self::slot(slot)),
        }
    }

    /// A float in `slot` into `dst`.
    pub(super) fn load_float_slot(&mut self, double: bool, dst: Xmm, slot: u16) {
        match self.pinned.reg(slot) {
            Some(reg) => {
                let width = if double { Width::W64 } else { Width::W32 };
                self.asm.mov_xr(width, dst, reg);
            }
            None => self.asm.load_float(double, dst, Self::slot(slot)),
        }
    }

    /// An `f64` in `src` into `slot`.
    pub(super) fn store_f64_slot(&mut self, slot: u16, src: Xmm) {
        match self.pinned.reg(slot) {
            Some(reg) => self.asm.mov_rx(Width::W64, reg, src),
            None => self.asm.store_float(true, Self::slot(slot), src),
        }
    }

    /// The frame slot `slot` in memory, for code that runs after a spill
    /// (helper arguments), where memory holds every value.
    pub(super) fn spilled(slot: u16) -> Mem {
        Mem::base(FP, slot as i32 * 8)
    }
}
