//! Where a slot lives on aarch64: in the frame (`[FRAME, #8 * slot]`, or
//! through [`ADDRESS`](super::ADDRESS) past the scaled offsets' reach), or
//! pinned in a register for the whole function (which locals:
//! `jit::lower::pinning`). As on x86_64, the frame is the truth at every
//! boundary another tier or the runtime can see: pinned registers are
//! written back before the code leaves or calls a helper and loaded again
//! after, and wherever code is entered.

use super::{A64, ADDRESS, FRAME, IACC, Lowering};
use crate::ir::Op;
use crate::jit::Width;
use crate::jit::aarch64::{Address, FpSize, Load, Precision, Reg, Size, V};
use crate::jit::lower::destination;
use crate::jit::lower::pinning::{Pin, PinRegisters};

/// The registers integer locals are pinned to: callee-saved, so the
/// trampoline keeps them for its caller.
pub(crate) const PINNED: [Reg; 5] = [Reg::x(19), Reg::x(20), Reg::x(21), Reg::x(22), Reg::x(23)];

/// The registers float locals are pinned to: `v8`–`v14`, whose low halves
/// are callee-saved (`v15` is the `f64` accumulator).
pub(crate) const PINNED_FLOAT: [V; 7] = [V(8), V(9), V(10), V(11), V(12), V(13), V(14)];

/// How many of each kind.
pub(crate) const PIN_REGISTERS: PinRegisters = PinRegisters {
    int: PINNED.len() as u8,
    float: PINNED_FLOAT.len() as u8,
};

/// Where a pinned local lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Home {
    /// A general register.
    Int(Reg),
    /// A float register: an `f64`, or an `f32` (`double` false) in its low
    /// 32 bits, the rest of the low 64 zero.
    Float(V, bool),
}

/// The register behind `pin`.
fn home(pin: Pin) -> Home {
    match pin {
        Pin::Int(k) => Home::Int(PINNED[k as usize]),
        Pin::Float(k, double) => Home::Float(PINNED_FLOAT[k as usize], double),
    }
}

impl Lowering<'_, A64> {
    /// Where slot `slot` is pinned, if it is.
    pub(super) fn home(&self, slot: u16) -> Option<Home> {
        self.pinned.pin(slot).map(home)
    }

    /// The general register slot `slot` is pinned to, if any.
    pub(super) fn pinned_int(&self, slot: u16) -> Option<Reg> {
        match self.home(slot) {
            Some(Home::Int(r)) => Some(r),
            _ => None,
        }
    }

    /// The frame address of slot `slot` (an 8-byte access), putting the
    /// offset in [`ADDRESS`] when the scaled form cannot hold it.
    pub(super) fn frame_address(&mut self, slot: u16) -> Address {
        self.frame_address_of(slot, 8)
    }

    /// The frame address of slot `slot` for an access of `bytes` bytes (4:
    /// its low half, an `f32`).
    pub(super) fn frame_address_of(&mut self, slot: u16, bytes: u32) -> Address {
        let offset = slot as u32 * 8;
        match Address::offset(FRAME, offset as i64, bytes) {
            Some(address) => address,
            None => {
                self.asm.mov_imm(Width::W64, ADDRESS, offset as u64);
                Address::indexed(FRAME, ADDRESS, false)
            }
        }
    }

    /// `dst` = slot `slot` in the frame (`W32`: its low half,
    /// zero-extended).
    pub(super) fn load_frame(&mut self, width: Width, dst: Reg, slot: u16) {
        let address = self.frame_address(slot);
        let op = match width {
            Width::W32 => Load::LdrW,
            Width::W64 => Load::LdrX,
        };
        self.asm.load(op, dst, address);
    }

    /// Slot `slot` in the frame = `src` (all 64 bits).
    pub(super) fn store_frame(&mut self, src: Reg, slot: u16) {
        let address = self.frame_address(slot);
        self.asm.store(Size::X, src, address);
    }

    /// Writes every pinned register back to its slot.
    pub(super) fn spill_pinned(&mut self) {
        for k in 0..self.pinned.list().len() {
            let (slot, pin) = self.pinned.list()[k];
            let address = self.frame_address(slot);
            match home(pin) {
                Home::Int(reg) => self.asm.store(Size::X, reg, address),
                // The whole low 64 bits: an `f32`'s upper half is zero.
                Home::Float(v, _) => self.asm.store_fp(FpSize::D, v, address),
            }
        }
    }

    /// Loads every pinned register from its slot.
    pub(super) fn reload_pinned(&mut self) {
        for k in 0..self.pinned.list().len() {
            let (slot, pin) = self.pinned.list()[k];
            let address = self.frame_address(slot);
            match home(pin) {
                Home::Int(reg) => self.asm.load(Load::LdrX, reg, address),
                Home::Float(v, _) => self.asm.load_fp(FpSize::D, v, address),
            }
        }
    }

    /// `dst = slot` (`W32`: the low half, zero-extended).
    pub(super) fn load_slot(&mut self, width: Width, dst: Reg, slot: u16) {
        match self.home(slot) {
            Some(Home::Int(reg)) => self.asm.mov(width, dst, reg),
            Some(Home::Float(v, double)) => {
                let width = if double { width } else { Width::W32 };
                self.asm.fmov_to_gpr(width, dst, v);
            }
            None => self.load_frame(width, dst, slot),
        }
    }

    /// `slot = src` (the whole 64 bits).
    pub(super) fn store_slot(&mut self, slot: u16, src: Reg) {
        match self.home(slot) {
            Some(Home::Int(reg)) => self.asm.mov(Width::W64, reg, src),
            Some(Home::Float(v, _)) => self.asm.fmov_from_gpr(Width::W64, v, src),
            None => self.store_frame(src, slot),
        }
    }

    /// A float in `slot` into `dst` (`double` false: an `f32`, in the low
    /// 32 bits).
    pub(super) fn load_float_slot(&mut self, double: bool, dst: V, slot: u16) {
        match self.home(slot) {
            Some(Home::Float(v, _)) => self.asm.fmov(Precision::D, dst, v),
            Some(Home::Int(reg)) => {
                let width = if double { Width::W64 } else { Width::W32 };
                self.asm.fmov_from_gpr(width, dst, reg);
            }
            None => {
                let (size, bytes) = if double {
                    (FpSize::D, 8)
                } else {
                    (FpSize::S, 4)
                };
                let address = self.frame_address_of(slot, bytes);
                self.asm.load_fp(size, dst, address);
            }
        }
    }

    /// An `f64` in `src` into `slot`.
    pub(super) fn store_f64_slot(&mut self, slot: u16, src: V) {
        match self.home(slot) {
            Some(Home::Float(v, _)) => self.asm.fmov(Precision::D, v, src),
            Some(Home::Int(reg)) => self.asm.fmov_to_gpr(Width::W64, reg, src),
            None => {
                let address = self.frame_address(slot);
                self.asm.store_fp(FpSize::D, src, address);
            }
        }
    }

    /// The register holding slot `slot` for reading: its pinned register,
    /// or `scratch` loaded from the frame.
    pub(super) fn slot_in(&mut self, width: Width, scratch: Reg, slot: u16) -> Reg {
        match self.pinned_int(slot) {
            Some(reg) => reg,
            None => {
                self.load_slot(width, scratch, slot);
                scratch
            }
        }
    }

    /// Loads an integer operand into `dst`: slot `slot`, or the
    /// accumulator.
    pub(super) fn read_int(&mut self, dst: Reg, slot: u16, from_acc: bool) {
        if from_acc {
            self.asm.mov(Width::W64, dst, IACC);
        } else {
            self.load_slot(Width::W64, dst, slot);
        }
    }

    /// The register holding an integer operand for reading: the
    /// accumulator, slot `slot`'s pinned register, or `scratch` loaded
    /// from the frame.
    pub(super) fn int_operand(&mut self, scratch: Reg, slot: u16, from_acc: bool) -> Reg {
        if from_acc {
            IACC
        } else {
            self.slot_in(Width::W64, scratch, slot)
        }
    }

    /// The register an integer result of `op` for slot `slot` is best
    /// computed in: the pinned register of the slot it goes to, the
    /// accumulator if it goes there (alone, or with an unpinned slot),
    /// else `x0`. [`write_int`](Self::write_int) puts it where else it
    /// goes.
    pub(super) fn int_result(&self, op: Op, slot: u16) -> Reg {
        let (to_slot, to_acc) = destination(op);
        match self.pinned_int(slot) {
            Some(reg) if to_slot => reg,
            _ if to_acc => IACC,
            _ => super::X0,
        }
    }

    /// Stores an integer result held in `src` where `op`'s form puts it:
    /// slot `slot`, the accumulator, or both (nothing where `src` already
    /// is that place).
    pub(super) fn write_int(&mut self, op: Op, slot: u16, src: Reg) {
        let (to_slot, to_acc) = destination(op);
        if to_slot && self.pinned_int(slot) != Some(src) {
            self.store_slot(slot, src);
        }
        if to_acc && src != IACC {
            self.asm.mov(Width::W64, IACC, src);
        }
    }
}
