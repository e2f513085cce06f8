//! Conditional operations: the selects (`csel` and its aliases `cset`,
//! `cinc`, ...) and the conditional compares (`ccmp`, `ccmn`).

use super::asm::Assembler;
use super::reg::{Cond, Reg, Width, sf};

/// The conditional selects, `rd = cond ? rn : f(rm)`: the value is the
/// `op` bit (30) and the low bit of `op2` (10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Select {
    /// `csel`: `rm`.
    Csel = 0b00,
    /// `csinc`: `rm + 1`.
    Csinc = 0b01,
    /// `csinv`: `!rm`.
    Csinv = 0b10,
    /// `csneg`: `-rm`.
    Csneg = 0b11,
}

impl Assembler {
    // ---- conditional operations -------------------------------------------

    /// `op rd, rn, rm, cond`: `rd = cond ? rn : rm` for `csel`, `rm + 1`
    /// for `csinc`, `!rm` for `csinv`, `-rm` for `csneg`.
    pub(crate) fn cond_select(
        &mut self,
        op: Select,
        width: Width,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        cond: Cond,
    ) {
        self.word(
            sf(width) << 31
                | (op as u32 >> 1) << 30
                | 0x1a80_0000
                | rm.zr_field() << 16
                | cond.bits() << 12
                | (op as u32 & 1) << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `cset rd, cond`: 1 if `cond` holds, else 0 (`csinc rd, zr, zr,
    /// !cond`; not [`Cond::Al`]).
    pub(crate) fn cset(&mut self, width: Width, rd: Reg, cond: Cond) {
        self.cond_select(Select::Csinc, width, rd, Reg::ZR, Reg::ZR, cond.invert());
    }

    /// `csetm rd, cond`: all ones if `cond` holds, else 0 (`csinv rd, zr,
    /// zr, !cond`).
    pub(crate) fn csetm(&mut self, width: Width, rd: Reg, cond: Cond) {
        self.cond_select(Select::Csinv, width, rd, Reg::ZR, Reg::ZR, cond.invert());
    }

    /// `cinc rd, rn, cond`: `rn + 1` if `cond` holds, else `rn` (`csinc
    /// rd, rn, rn, !cond`).
    pub(crate) fn cinc(&mut self, width: Width, rd: Reg, rn: Reg, cond: Cond) {
        self.cond_select(Select::Csinc, width, rd, rn, rn, cond.invert());
    }

    /// `cinv rd, rn, cond`: `!rn` if `cond` holds, else `rn`.
    pub(crate) fn cinv(&mut self, width: Width, rd: Reg, rn: Reg, cond: Cond) {
        self.cond_select(Select::Csinv, width, rd, rn, rn, cond.invert());
    }

    /// `cneg rd, rn, cond`: `-rn` if `cond` holds, else `rn`.
    pub(crate) fn cneg(&mut self, width: Width, rd: Reg, rn: Reg, cond: Cond) {
        self.cond_select(Select::Csneg, width, rd, rn, rn, cond.invert());
    }

    /// A conditional compare: `negate` for `ccmn`; `rm_or_imm5` a
    /// register number or, with `immediate`, a 5-bit value.
    #[allow(clippy::too_many_arguments)]
    fn cond_compare(
        &mut self,
        negate: bool,
        width: Width,
        rn: Reg,
        rm_or_imm5: u32,
        immediate: bool,
        nzcv: u8,
        cond: Cond,
    ) {
        debug_assert!(nzcv < 16, "nzcv is 4 bits");
        self.word(
            sf(width) << 31
                | (!negate as u32) << 30
                | 0x3a40_0000
                | rm_or_imm5 << 16
                | cond.bits() << 12
                | (immediate as u32) << 11
                | rn.zr_field() << 5
                | nzcv as u32,
        );
    }

    /// `ccmp rn, rm, #nzcv, cond`: if `cond` holds, the flags of `cmp rn,
    /// rm`; otherwise the flags `nzcv` (N 8, Z 4, C 2, V 1).
    pub(crate) fn ccmp(&mut self, width: Width, rn: Reg, rm: Reg, nzcv: u8, cond: Cond) {
        self.cond_compare(false, width, rn, rm.zr_field(), false, nzcv, cond);
    }

    /// `ccmp rn, #imm5, #nzcv, cond` (`imm5` 0–31).
    pub(crate) fn ccmp_imm(&mut self, width: Width, rn: Reg, imm5: u8, nzcv: u8, cond: Cond) {
        debug_assert!(imm5 < 32, "5-bit immediate");
        self.cond_compare(false, width, rn, imm5 as u32, true, nzcv, cond);
    }

    /// `ccmn rn, rm, #nzcv, cond`: as `ccmp`, comparing with `-rm`.
    pub(crate) fn ccmn(&mut self, width: Width, rn: Reg, rm: Reg, nzcv: u8, cond: Cond) {
        self.cond_compare(true, width, rn, rm.zr_field(), false, nzcv, cond);
    }

    /// `ccmn rn, #imm5, #nzcv, cond` (`imm5` 0–31).
    pub(crate) fn ccmn_imm(&mut self, width: Width, rn: Reg, imm5: u8, nzcv: u8, cond: Cond) {
        debug_assert!(imm5 < 32, "5-bit immediate");
        self.cond_compare(true, width, rn, imm5 as u32, true, nzcv, cond);
    }
}
