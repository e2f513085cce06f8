//! Branches, to labels (patched by [`Assembler::finish`]) and to
//! registers, `adr`, and the instructions that trap or do nothing.

use super::asm::{Assembler, Fixup, Label};
use super::reg::{Cond, Reg, Width, sf};
use crate::jit::code_buffer::Assemble;

/// `bl` with a zero offset.
pub(crate) const BL: u32 = 0x9400_0000;

impl Assembler {
    /// `b label` (±128 MiB).
    pub(crate) fn b(&mut self, label: Label) {
        self.word_to_label(0x1400_0000, label, Fixup::Imm26);
    }

    /// `bl label`: a call, the return address in [`Reg::LR`] (±128 MiB).
    pub(crate) fn bl(&mut self, label: Label) {
        self.word_to_label(BL, label, Fixup::Imm26);
    }

    /// `bl` to code outside this buffer, which the caller patches: answers
    /// the instruction's offset (see `native::patch_call`).
    pub(crate) fn bl_outside(&mut self) -> u32 {
        let at = self.offset();
        self.word(BL);
        at
    }

    /// `b.cond label` (±1 MiB).
    pub(crate) fn b_cond(&mut self, cond: Cond, label: Label) {
        self.word_to_label(0x5400_0000 | cond.bits(), label, Fixup::Imm19);
    }

    /// `cbz rt, label`: branches if `rt` is zero (±1 MiB).
    pub(crate) fn cbz(&mut self, width: Width, rt: Reg, label: Label) {
        self.word_to_label(
            sf(width) << 31 | 0x3400_0000 | rt.zr_field(),
            label,
            Fixup::Imm19,
        );
    }

    /// `cbnz rt, label`: branches if `rt` is not zero (±1 MiB).
    pub(crate) fn cbnz(&mut self, width: Width, rt: Reg, label: Label) {
        self.word_to_label(
            sf(width) << 31 | 0x3500_0000 | rt.zr_field(),
            label,
            Fixup::Imm19,
        );
    }

    /// `tbz` (`nonzero` false) or `tbnz` of `bit` (0–63).
    fn test_bit_branch(&mut self, nonzero: bool, rt: Reg, bit: u8, label: Label) {
        debug_assert!(bit < 64, "bit 0-63");
        let bit = bit as u32;
        self.word_to_label(
            (bit >> 5) << 31
                | 0x3600_0000
                | (nonzero as u32) << 24
                | (bit & 31) << 19
                | rt.zr_field(),
            label,
            Fixup::Imm14,
        );
    }

    /// `tbz rt, #bit, label`: branches if bit `bit` (0–63; written with a
    /// `w` register below 32) of `rt` is zero (±32 KiB).
    pub(crate) fn tbz(&mut self, rt: Reg, bit: u8, label: Label) {
        self.test_bit_branch(false, rt, bit, label);
    }

    /// `tbnz rt, #bit, label`: branches if bit `bit` of `rt` is one (±32
    /// KiB).
    pub(crate) fn tbnz(&mut self, rt: Reg, bit: u8, label: Label) {
        self.test_bit_branch(true, rt, bit, label);
    }

    /// `br xn`: jumps to the address in `rn`.
    pub(crate) fn br(&mut self, rn: Reg) {
        self.word(0xd61f_0000 | rn.zr_field() << 5);
    }

    /// `blr xn`: calls the address in `rn`.
    pub(crate) fn blr(&mut self, rn: Reg) {
        self.word(0xd63f_0000 | rn.zr_field() << 5);
    }

    /// `ret`: returns to [`Reg::LR`].
    pub(crate) fn ret(&mut self) {
        self.ret_to(Reg::LR);
    }

    /// `ret xn`: returns to the address in `rn`.
    pub(crate) fn ret_to(&mut self, rn: Reg) {
        self.word(0xd65f_0000 | rn.zr_field() << 5);
    }

    /// `adr xd, label`: the address of `label` (±1 MiB).
    pub(crate) fn adr(&mut self, rd: Reg, label: Label) {
        self.word_to_label(0x1000_0000 | rd.zr_field(), label, Fixup::Adr21);
    }

    /// `brk #imm16`: a breakpoint (`SIGTRAP`).
    pub(crate) fn brk(&mut self, imm16: u16) {
        self.word(0xd420_0000 | (imm16 as u32) << 5);
    }

    /// `udf #imm16`: permanently undefined, the instruction a trap site
    /// raises `SIGILL` with; `imm16` is free for the trap's kind.
    pub(crate) fn udf(&mut self, imm16: u16) {
        self.word(imm16 as u32);
    }

    /// `nop`.
    pub(crate) fn nop(&mut self) {
        self.word(0xd503_201f);
    }
}
