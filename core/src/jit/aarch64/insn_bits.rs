//! Shifts, bitfield moves and their aliases (`lsl`, `sxtb`, `ubfx`,
//! `bfi`, ...), and the bit operations (`clz`, `rbit`, `rev`).

use super::asm::Assembler;
use super::insn::Shift;
use super::reg::{Reg, Width, sf};

/// The bitfield moves: the value is the `opc` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Bitfield {
    /// Signed bitfield move (`asr`, `sxtb`, `sbfx`, ... are aliases).
    Sbfm = 0b00,
    /// Bitfield move, keeping the other bits (`bfi`, `bfxil`).
    Bfm = 0b01,
    /// Unsigned bitfield move (`lsl`, `lsr`, `uxtb`, `ubfx`, ...).
    Ubfm = 0b10,
}

/// `rbit`: the `opcode` field of a one-source data-processing instruction.
const RBIT: u32 = 0b000000;
/// `rev16`.
const REV16: u32 = 0b000001;
/// `rev` of 32 bits, `rev32` of 64.
const REV32: u32 = 0b000010;
/// `rev` of 64 bits.
const REV64: u32 = 0b000011;
/// `clz`.
const CLZ: u32 = 0b000100;
/// `cls`.
const CLS: u32 = 0b000101;

/// `lslv`, `lsrv`, `asrv`, `rorv`: this, or the shift type.
const SHIFT_BY_REGISTER: u32 = 0b001000;

impl Assembler {
    // ---- shifts and bitfields ---------------------------------------------

    /// `lslv`, `lsrv`, `asrv` or `rorv rd, rn, rm` (written `lsl rd, rn,
    /// rm`, ...): shifts by `rm` modulo the width.
    pub(crate) fn shift_reg(&mut self, op: Shift, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.data2(SHIFT_BY_REGISTER | op as u32, width, rd, rn, rm);
    }

    /// `lsl`, `lsr`, `asr` or `ror rd, rn, #amount` (`amount` below the
    /// width): aliases of `ubfm`, `sbfm` and `extr`.
    pub(crate) fn shift_imm(&mut self, op: Shift, width: Width, rd: Reg, rn: Reg, amount: u8) {
        let bits = width.bits() as u8;
        debug_assert!(amount < bits, "shift amount");
        match op {
            Shift::Lsl => self.bitfield(
                Bitfield::Ubfm,
                width,
                rd,
                rn,
                (bits - amount) % bits,
                bits - 1 - amount,
            ),
            Shift::Lsr => self.bitfield(Bitfield::Ubfm, width, rd, rn, amount, bits - 1),
            Shift::Asr => self.bitfield(Bitfield::Sbfm, width, rd, rn, amount, bits - 1),
            Shift::Ror => self.extr(width, rd, rn, rn, amount),
        }
    }

    /// `sbfm`, `bfm` or `ubfm rd, rn, #immr, #imms` (both below the width):
    /// if `imms >= immr`, bits `immr..=imms` of `rn` go to the bottom of
    /// `rd`; otherwise bits `0..=imms` go to bit `width - immr`.
    pub(crate) fn bitfield(
        &mut self,
        op: Bitfield,
        width: Width,
        rd: Reg,
        rn: Reg,
        immr: u8,
        imms: u8,
    ) {
        debug_assert!(
            (immr as u32) < width.bits() && (imms as u32) < width.bits(),
            "bitfield positions"
        );
        self.word(
            sf(width) << 31
                | (op as u32) << 29
                | 0x1300_0000
                | sf(width) << 22
                | (immr as u32) << 16
                | (imms as u32) << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `extr rd, rn, rm, #lsb`: `width` bits of the concatenation `rn:rm`
    /// from bit `lsb` of `rm` (`lsb` below the width).
    pub(crate) fn extr(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg, lsb: u8) {
        debug_assert!((lsb as u32) < width.bits(), "extract position");
        self.word(
            sf(width) << 31
                | 0x1380_0000
                | sf(width) << 22
                | rm.zr_field() << 16
                | (lsb as u32) << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `sxtb rd, wn`: sign-extends the low byte (`sbfm rd, rn, #0, #7`).
    pub(crate) fn sxtb(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.bitfield(Bitfield::Sbfm, width, rd, rn, 0, 7);
    }

    /// `sxth rd, wn`: sign-extends the low halfword.
    pub(crate) fn sxth(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.bitfield(Bitfield::Sbfm, width, rd, rn, 0, 15);
    }

    /// `sxtw xd, wn`: sign-extends the low word to 64 bits.
    pub(crate) fn sxtw(&mut self, rd: Reg, rn: Reg) {
        self.bitfield(Bitfield::Sbfm, Width::W64, rd, rn, 0, 31);
    }

    /// `uxtb wd, wn`: zero-extends the low byte (to 64 bits too, as every
    /// 32-bit write does).
    pub(crate) fn uxtb(&mut self, rd: Reg, rn: Reg) {
        self.bitfield(Bitfield::Ubfm, Width::W32, rd, rn, 0, 7);
    }

    /// `uxth wd, wn`: zero-extends the low halfword (to 64 bits too).
    pub(crate) fn uxth(&mut self, rd: Reg, rn: Reg) {
        self.bitfield(Bitfield::Ubfm, Width::W32, rd, rn, 0, 15);
    }

    /// Checks a field of `len` bits at `lsb` lies within `width`.
    fn check_field(width: Width, lsb: u8, len: u8) {
        debug_assert!(
            len >= 1 && lsb as u32 + len as u32 <= width.bits(),
            "bitfield within the register"
        );
    }

    /// `ubfx rd, rn, #lsb, #len`: `len` bits of `rn` from `lsb`,
    /// zero-extended.
    pub(crate) fn ubfx(&mut self, width: Width, rd: Reg, rn: Reg, lsb: u8, len: u8) {
        Self::check_field(width, lsb, len);
        self.bitfield(Bitfield::Ubfm, width, rd, rn, lsb, lsb + len - 1);
    }

    /// `sbfx rd, rn, #lsb, #len`: `len` bits of `rn` from `lsb`,
    /// sign-extended.
    pub(crate) fn sbfx(&mut self, width: Width, rd: Reg, rn: Reg, lsb: u8, len: u8) {
        Self::check_field(width, lsb, len);
        self.bitfield(Bitfield::Sbfm, width, rd, rn, lsb, lsb + len - 1);
    }

    /// `ubfiz rd, rn, #lsb, #len`: the low `len` bits of `rn` moved to
    /// `lsb`, zeros elsewhere.
    pub(crate) fn ubfiz(&mut self, width: Width, rd: Reg, rn: Reg, lsb: u8, len: u8) {
        Self::check_field(width, lsb, len);
        let bits = width.bits() as u8;
        self.bitfield(Bitfield::Ubfm, width, rd, rn, (bits - lsb) % bits, len - 1);
    }

    /// `bfi rd, rn, #lsb, #len`: the low `len` bits of `rn` inserted into
    /// `rd` at `lsb`.
    pub(crate) fn bfi(&mut self, width: Width, rd: Reg, rn: Reg, lsb: u8, len: u8) {
        Self::check_field(width, lsb, len);
        let bits = width.bits() as u8;
        self.bitfield(Bitfield::Bfm, width, rd, rn, (bits - lsb) % bits, len - 1);
    }

    /// `bfxil rd, rn, #lsb, #len`: `len` bits of `rn` from `lsb` inserted
    /// into the bottom of `rd`.
    pub(crate) fn bfxil(&mut self, width: Width, rd: Reg, rn: Reg, lsb: u8, len: u8) {
        Self::check_field(width, lsb, len);
        self.bitfield(Bitfield::Bfm, width, rd, rn, lsb, lsb + len - 1);
    }

    // ---- bit operations ---------------------------------------------------

    /// A one-source data-processing instruction with `opcode` (bits 15–10).
    fn data1(&mut self, opcode: u32, width: Width, rd: Reg, rn: Reg) {
        self.word(
            sf(width) << 31 | 0x5ac0_0000 | opcode << 10 | rn.zr_field() << 5 | rd.zr_field(),
        );
    }

    /// `clz rd, rn`: count leading zeros.
    pub(crate) fn clz(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.data1(CLZ, width, rd, rn);
    }

    /// `cls rd, rn`: count leading sign bits (not counting the sign).
    pub(crate) fn cls(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.data1(CLS, width, rd, rn);
    }

    /// `rbit rd, rn`: reverse the bits (with `clz`, counts trailing zeros).
    pub(crate) fn rbit(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.data1(RBIT, width, rd, rn);
    }

    /// `rev rd, rn`: reverse the bytes of the whole register.
    pub(crate) fn rev(&mut self, width: Width, rd: Reg, rn: Reg) {
        let opcode = match width {
            Width::W32 => REV32,
            Width::W64 => REV64,
        };
        self.data1(opcode, width, rd, rn);
    }

    /// `rev16 rd, rn`: reverse the bytes of each halfword.
    pub(crate) fn rev16(&mut self, width: Width, rd: Reg, rn: Reg) {
        self.data1(REV16, width, rd, rn);
    }

    /// `rev32 xd, xn`: reverse the bytes of each word.
    pub(crate) fn rev32(&mut self, rd: Reg, rn: Reg) {
        self.data1(REV32, Width::W64, rd, rn);
    }
}
