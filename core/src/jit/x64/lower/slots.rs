//! Where a slot lives on x86_64: in the frame, or pinned in a register for
//! the whole function (which locals: `jit::lower::pinning`).
//!
//! The frame stays the truth at every boundary another tier or the runtime
//! can see: pinned registers are written back to their slots before the
//! function returns, calls, throws or calls a helper (helpers may read the
//! frame, and clobber the registers), and loaded again after a call or
//! helper and wherever code is entered (the direct-call entry after its
//! frame setup; the resume stub every entry through the trampoline
//! passes). A trap needs no write-back: nothing reads a trapped frame.
//!
//! The registers are [`PINNED`] and [`PINNED_XMM`]. An `f32` in an SSE
//! register keeps the slot's convention: the low 32 bits, the rest of the
//! low quadword zero (it is only ever written from a zero-extended general
//! register).

use super::{FP, Lowering, X64};
use crate::jit::lower::pinning::{self, PinRegisters};
use crate::jit::x64::{Alu, Gpr, Mem, Width, Xmm};

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

/// Where a pinned local lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pin {
    /// A general register.
    Gpr(Gpr),
    /// An SSE register: an `f64`, or an `f32` (`double` false).
    Xmm(Xmm, bool),
}

/// How many of each kind: [`PINNED`] and [`PINNED_XMM`].
pub(crate) const PIN_REGISTERS: PinRegisters = PinRegisters {
    int: PINNED.len() as u8,
    float: PINNED_XMM.len() as u8,
};

/// Chooses the locals of `func` to pin to [`PINNED`] and [`PINNED_XMM`].
#[cfg(test)]
pub(crate) fn choose(func: &crate::ir::CompiledFunc) -> pinning::Pinned {
    pinning::Pinned::choose(func, PIN_REGISTERS)
}

/// The register behind `pin`.
fn register(pin: pinning::Pin) -> Pin {
    match pin {
        pinning::Pin::Int(k) => Pin::Gpr(PINNED[k as usize]),
        pinning::Pin::Float(k, double) => Pin::Xmm(PINNED_XMM[k as usize], double),
    }
}

impl Lowering<'_, X64> {
    /// Where slot `slot` is pinned, if it is.
    pub(super) fn pin(&self, slot: u16) -> Option<Pin> {
        self.pinned.pin(slot).map(register)
    }

    /// The general register slot `slot` is pinned to, if any.
    pub(super) fn pinned_gpr(&self, slot: u16) -> Option<Gpr> {
        match self.pin(slot) {
            Some(Pin::Gpr(r)) => Some(r),
            _ => None,
        }
    }

    /// Writes every pinned register back to its slot.
    pub(super) fn spill_pinned(&mut self) {
        for k in 0..self.pinned.list().len() {
            let (slot, pin) = self.pinned.list()[k];
            match register(pin) {
                Pin::Gpr(reg) => self.asm.store(Width::W64, Self::slot(slot), reg),
                // The whole low quadword: an `f32`'s upper half is zero.
                Pin::Xmm(x, _) => self.asm.store_float(true, Self::slot(slot), x),
            }
        }
    }

    /// Loads every pinned register from its slot.
    pub(super) fn reload_pinned(&mut self) {
        for k in 0..self.pinned.list().len() {
            let (slot, pin) = self.pinned.list()[k];
            match register(pin) {
                Pin::Gpr(reg) => self.asm.load(Width::W64, reg, Self::slot(slot)),
                Pin::Xmm(x, _) => self.asm.load_float(true, x, Self::slot(slot)),
            }
        }
    }

    /// `dst = slot` (`W32`: the low half, zero-extended).
    pub(super) fn load_slot(&mut self, width: Width, dst: Gpr, slot: u16) {
        match self.pin(slot) {
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
        if self.pin(slot).is_none() {
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
        match self.pin(slot) {
            Some(Pin::Gpr(reg)) => self.asm.mov_rr(Width::W64, reg, src),
            Some(Pin::Xmm(x, _)) => self.asm.mov_xr(Width::W64, x, src),
            None => self.asm.store(Width::W64, Self::slot(slot), src),
        }
    }

    /// `slot = imm` sign-extended to 64 bits.
    pub(super) fn store_slot_imm(&mut self, slot: u16, imm: i32) {
        match self.pin(slot) {
            None => self.asm.store_imm(Width::W64, Self::slot(slot), imm),
            Some(_) => {
                self.asm.mov_ri(Width::W64, Gpr::Rax, imm as i64);
                self.store_slot(slot, Gpr::Rax);
            }
        }
    }

    /// `dst = dst op slot`.
    pub(super) fn alu_slot(&mut self, op: Alu, width: Width, dst: Gpr, slot: u16) {
        match self.pin(slot) {
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
        match self.pin(slot) {
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
        match self.pin(slot) {
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
