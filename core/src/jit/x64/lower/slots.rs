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
//! type (in general registers) or a float type (in SSE registers), scored
//! by their uses, each use inside a loop counting
//! [`LOOP_WEIGHT`] per enclosing loop, less what spilling around the calls
//! and helpers in those loops costs; the best of each kind, as many as
//! [`PINNED`] and [`PINNED_XMM`] hold, with a positive score. An `f32` in
//! an SSE register keeps the slot's convention: the low 32 bits, the rest
//! of the low quadword zero (it is only ever written from a zero-extended
//! general register).

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

/// The SSE registers float locals are pinned to (`xmm0`–`xmm7` are
/// scratch, `xmm15` the `f64` accumulator).
pub(crate) const PINNED_XMM: [Xmm; 7] =
    [Xmm(8), Xmm(9), Xmm(10), Xmm(11), Xmm(12), Xmm(13), Xmm(14)];

/// How much a use inside a loop counts, per enclosing loop.
const LOOP_WEIGHT: i64 = 16;

/// Where a pinned local lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pin {
    /// A general register.
    Gpr(Gpr),
    /// An SSE register: an `f64`, or an `f32` (`double` false).
    Xmm(Xmm, bool),
}

/// The pinned locals of a function: each slot's register, if it has one.
#[derive(Default)]
pub(crate) struct Pinned {
    /// By slot (parameters and declared locals only).
    regs: Vec<Option<Pin>>,
    /// The pinned slots and their registers.
    list: Vec<(u16, Pin)>,
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
            .map(|s| (score[s] - 2 * boundaries, s as u16))
            .filter(|&(score, _)| score > 0)
            .collect();
        candidates.sort_by(|a, b| b.cmp(a));
        let mut pinned = Pinned {
            regs: alloc::vec![None; locals],
            list: Vec::new(),
        };
        let (mut gprs, mut xmms) = (PINNED.iter(), PINNED_XMM.iter());
        for (_, slot) in candidates {
            let pin = match func.slot_types[slot as usize] {
                SlotType::I32
                | SlotType::I64
                | SlotType::FuncRef
                | SlotType::ExternRef
                | SlotType::AnyRef => gprs.next().map(|&r| Pin::Gpr(r)),
                SlotType::F64 => xmms.next().map(|&x| Pin::Xmm(x, true)),
                SlotType::F32 => xmms.next().map(|&x| Pin::Xmm(x, false)),
                // A `v128` half is never pinned: SIMD code reads and
                // writes whole pairs in the frame.
                SlotType::V128Low | SlotType::V128High => None,
                SlotType::ExnRef => None,
            };
            if let Some(pin) = pin {
                pinned.regs[slot as usize] = Some(pin);
                pinned.list.push((slot, pin));
            }
        }
        pinned
    }

    /// How many locals are pinned.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Where slot `slot` is pinned, if it is.
    pub(crate) fn pin(&self, slot: u16) -> Option<Pin> {
        self.regs.get(slot as usize).copied().flatten()
    }

    /// The general register slot `slot` is pinned to, if any.
    pub(crate) fn reg(&self, slot: u16) -> Option<Gpr> {
        match self.pin(slot) {
            Some(Pin::Gpr(r)) => Some(r),
            _ => None,
        }
    }
}

/// Whether lowering `op` writes the pinned registers back (a call, a
/// helper, a throw): what pinning costs at each such instruction.
fn spills(op: Op) -> bool {
    op.is_call()
        || crate::jit::helpers::is_helper(op)
        || crate::vm::is_out_of_line(op)
        || op.is_gc()
        || op.is_atomic()
        || crate::vm::is_gc_access(op)
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
            let (slot, pin) = self.pinned.list[k];
            match pin {
                Pin::Gpr(reg) => self.asm.store(Width::W64, Self::slot(slot), reg),
                // The whole low quadword: an `f32`'s upper half is zero.
                Pin::Xmm(x, _) => self.asm.store_float(true, Self::slot(slot), x),
            }
        }
    }

    /// Loads every pinned register from its slot.
    pub(super) fn reload_pinned(&mut self) {
        for k in 0..self.pinned.list.len() {
            let (slot, pin) = self.pinned.list[k];
            match pin {
                Pin::Gpr(reg) => self.asm.load(Width::W64, reg, Self::slot(slot)),
                Pin::Xmm(x, _) => self.asm.load_float(true, x, Self::slot(slot)),
            }
        }
    }

    /// `dst = slot` (`W32`: the low half, zero-extended).
    pub(super) fn load_slot(&mut self, width: Width, dst: Gpr, slot: u16) {
        match self.pinned.pin(slot) {
            Some(Pin::Gpr(reg)) => self.asm.mov_rr(width, dst, reg),
            Some(Pin::Xmm(x, double)) => {
                let width = if double { width } else { Width::W32 };
                self.asm.mov_rx(width, dst, x);
            }
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
        if self.pinned.pin(slot).is_none() {
            let at = Self::slot(slot);
            self.asm.load_extend(width, dst, at, bits, signed);
            return;
        }
        self.load_slot(Width::W64, dst, slot);
        if signed {
            self.asm.sign_extend(width, dst, dst, bits);
        } else {
            let mask = if bits == 8 { 0xff } else { 0xffff };
            self.asm.alu_ri(Alu::And, Width::W32, dst, mask);
        }
    }

    /// `slot = src` (the whole 64 bits).
    pub(super) fn store_slot(&mut self, slot: u16, src: Gpr) {
        match self.pinned.pin(slot) {
            Some(Pin::Gpr(reg)) => self.asm.mov_rr(Width::W64, reg, src),
            Some(Pin::Xmm(x, _)) => self.asm.mov_xr(Width::W64, x, src),
            None => self.asm.store(Width::W64, Self::slot(slot), src),
        }
    }

    /// `slot = imm` sign-extended to 64 bits.
    pub(super) fn store_slot_imm(&mut self, slot: u16, imm: i32) {
        match self.pinned.pin(slot) {
            None => self.asm.store_imm(Width::W64, Self::slot(slot), imm),
            Some(_) => {
                self.asm.mov_ri(Width::W64, Gpr::Rax, imm as i64);
                self.store_slot(slot, Gpr::Rax);
            }
        }
    }

    /// `dst = dst op slot`.
    pub(super) fn alu_slot(&mut self, op: Alu, width: Width, dst: Gpr, slot: u16) {
        match self.pinned.pin(slot) {
            Some(Pin::Gpr(reg)) => self.asm.alu_rr(op, width, dst, reg),
            Some(Pin::Xmm(..)) => {
                self.load_slot(width, Gpr::Rdx, slot);
                self.asm.alu_rr(op, width, dst, Gpr::Rdx);
            }
            None => self.asm.alu_rm(op, width, dst, Self::slot(slot)),
        }
    }

    /// A float in `slot` into `dst`.
    pub(super) fn load_float_slot(&mut self, double: bool, dst: Xmm, slot: u16) {
        match self.pinned.pin(slot) {
            Some(Pin::Xmm(x, _)) => self.asm.mov_xx(dst, x),
            Some(Pin::Gpr(reg)) => {
                let width = if double { Width::W64 } else { Width::W32 };
                self.asm.mov_xr(width, dst, reg);
            }
            None => self.asm.load_float(double, dst, Self::slot(slot)),
        }
    }

    /// An `f64` in `src` into `slot`.
    pub(super) fn store_f64_slot(&mut self, slot: u16, src: Xmm) {
        match self.pinned.pin(slot) {
            Some(Pin::Xmm(x, _)) => self.asm.mov_xx(x, src),
            Some(Pin::Gpr(reg)) => self.asm.mov_rx(Width::W64, reg, src),
            None => self.asm.store_float(true, Self::slot(slot), src),
        }
    }

    /// The frame slot `slot` in memory, for code that runs after a spill
    /// (helper arguments), where memory holds every value.
    pub(super) fn spilled(slot: u16) -> Mem {
        Mem::base(FP, slot as i32 * 8)
    }
}
