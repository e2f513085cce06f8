//! Scalar floating-point instructions on `s` (`f32`) and `d` (`f64`)
//! registers, conversions to and from integers, and the few vector forms
//! integer population count and 128-bit copies need.

use super::asm::Assembler;
use super::imm::FpImm;
use super::reg::{Cond, Reg, V, Width, sf};

/// The precision of a scalar floating-point operation: the value is the
/// `ftype` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Precision {
    /// `f32`, `s` registers.
    S = 0b00,
    /// `f64`, `d` registers.
    D = 0b01,
}

impl Precision {
    /// The `ftype` field in place (bits 23–22).
    const fn bits(self) -> u32 {
        (self as u32) << 22
    }
}

/// The two-source arithmetic: the value is the `opcode` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum FpArith {
    /// `fmul`.
    Mul = 0b0000,
    /// `fdiv`.
    Div = 0b0001,
    /// `fadd`.
    Add = 0b0010,
    /// `fsub`.
    Sub = 0b0011,
    /// `fmax`: a NaN operand gives NaN; `+0` is above `-0`.
    Max = 0b0100,
    /// `fmin`: a NaN operand gives NaN; `-0` is below `+0`.
    Min = 0b0101,
    /// `fmaxnm`: a quiet NaN operand gives the other operand.
    MaxNm = 0b0110,
    /// `fminnm`: a quiet NaN operand gives the other operand.
    MinNm = 0b0111,
    /// `fnmul`: the negated product.
    Nmul = 0b1000,
}

/// The one-source operations: the value is the `opcode` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum FpUnary {
    /// `fmov`: a copy.
    Mov = 0b000000,
    /// `fabs`.
    Abs = 0b000001,
    /// `fneg`.
    Neg = 0b000010,
    /// `fsqrt`.
    Sqrt = 0b000011,
    /// `frintn`: round to nearest, ties to even (`nearest`).
    RintN = 0b001000,
    /// `frintp`: round toward +∞ (`ceil`).
    RintP = 0b001001,
    /// `frintm`: round toward −∞ (`floor`).
    RintM = 0b001010,
    /// `frintz`: round toward zero (`trunc`).
    RintZ = 0b001011,
}

/// `fcvt`: the `opcode` of a conversion to `f32`; to `f64` is one more.
const FCVT_TO_S: u32 = 0b000100;

impl Assembler {
    /// `op dd, dn, dm` (or `sd, sn, sm`).
    pub(crate) fn fp_arith(&mut self, op: FpArith, precision: Precision, rd: V, rn: V, rm: V) {
        self.word(
            0x1e20_0800
                | precision.bits()
                | rm.num() << 16
                | (op as u32) << 12
                | rn.num() << 5
                | rd.num(),
        );
    }

    /// `op dd, dn` (or `sd, sn`).
    pub(crate) fn fp_unary(&mut self, op: FpUnary, precision: Precision, rd: V, rn: V) {
        self.fp_one_source(op as u32, precision, rd, rn);
    }

    /// A one-source instruction with `opcode` (bits 20–15).
    fn fp_one_source(&mut self, opcode: u32, precision: Precision, rd: V, rn: V) {
        self.word(0x1e20_4000 | precision.bits() | opcode << 15 | rn.num() << 5 | rd.num());
    }

    /// `fmov dd, dn` (or `sd, sn`).
    pub(crate) fn fmov(&mut self, precision: Precision, rd: V, rn: V) {
        self.fp_unary(FpUnary::Mov, precision, rd, rn);
    }

    /// `fcvt dd, sn` (`to` [`Precision::D`]) or `fcvt sd, dn`.
    pub(crate) fn fcvt(&mut self, to: Precision, rd: V, rn: V) {
        let from = match to {
            Precision::S => Precision::D,
            Precision::D => Precision::S,
        };
        self.fp_one_source(FCVT_TO_S | to as u32, from, rd, rn);
    }

    /// `fmov dd, #imm` (or `sd`).
    pub(crate) fn fmov_imm(&mut self, precision: Precision, rd: V, imm: FpImm) {
        self.word(0x1e20_1000 | precision.bits() | imm.bits() << 13 | rd.num());
    }

    /// `fcmp dn, dm` (or `sn, sm`): sets the flags (unordered: C and V).
    pub(crate) fn fcmp(&mut self, precision: Precision, rn: V, rm: V) {
        self.word(0x1e20_2000 | precision.bits() | rm.num() << 16 | rn.num() << 5);
    }

    /// `fcmp dn, #0.0` (or `sn`).
    pub(crate) fn fcmp_zero(&mut self, precision: Precision, rn: V) {
        self.word(0x1e20_2008 | precision.bits() | rn.num() << 5);
    }

    /// `fcsel dd, dn, dm, cond` (or `s`): `rd = cond ? rn : rm`.
    pub(crate) fn fcsel(&mut self, precision: Precision, rd: V, rn: V, rm: V, cond: Cond) {
        self.word(
            0x1e20_0c00
                | precision.bits()
                | rm.num() << 16
                | cond.bits() << 12
                | rn.num() << 5
                | rd.num(),
        );
    }

    /// A conversion between a general register (of `width`) and a
    /// floating-point one: `rmode` (bits 20–19), `opcode` (18–16), the
    /// register numbers.
    fn fp_int(
        &mut self,
        width: Width,
        precision: Precision,
        rmode: u32,
        opcode: u32,
        rd: u32,
        rn: u32,
    ) {
        self.word(
            sf(width) << 31
                | 0x1e20_0000
                | precision.bits()
                | rmode << 19
                | opcode << 16
                | rn << 5
                | rd,
        );
    }

    /// `scvtf dd, xn` (or from `wn`, to `sd`): a signed integer to the
    /// nearest float.
    pub(crate) fn scvtf(&mut self, precision: Precision, width: Width, rd: V, rn: Reg) {
        self.fp_int(width, precision, 0b00, 0b010, rd.num(), rn.zr_field());
    }

    /// `ucvtf dd, xn` (or from `wn`, to `sd`): an unsigned integer to the
    /// nearest float.
    pub(crate) fn ucvtf(&mut self, precision: Precision, width: Width, rd: V, rn: Reg) {
        self.fp_int(width, precision, 0b00, 0b011, rd.num(), rn.zr_field());
    }

    /// `fcvtzs xd, dn` (or to `wd`, from `sn`): truncates to a signed
    /// integer, saturating (NaN gives 0).
    pub(crate) fn fcvtzs(&mut self, width: Width, precision: Precision, rd: Reg, rn: V) {
        self.fp_int(width, precision, 0b11, 0b000, rd.zr_field(), rn.num());
    }

    /// `fcvtzu xd, dn` (or to `wd`, from `sn`): truncates to an unsigned
    /// integer, saturating (NaN gives 0).
    pub(crate) fn fcvtzu(&mut self, width: Width, precision: Precision, rd: Reg, rn: V) {
        self.fp_int(width, precision, 0b11, 0b001, rd.zr_field(), rn.num());
    }

    /// The precision whose bits a general register of `width` holds.
    const fn same_size(width: Width) -> Precision {
        match width {
            Width::W32 => Precision::S,
            Width::W64 => Precision::D,
        }
    }

    /// `fmov sd, wn` or `fmov dd, xn`: the bits of a general register.
    pub(crate) fn fmov_from_gpr(&mut self, width: Width, rd: V, rn: Reg) {
        let precision = Self::same_size(width);
        self.fp_int(width, precision, 0b00, 0b111, rd.num(), rn.zr_field());
    }

    /// `fmov wd, sn` or `fmov xd, dn`: the bits of a floating-point
    /// register.
    pub(crate) fn fmov_to_gpr(&mut self, width: Width, rd: Reg, rn: V) {
        let precision = Self::same_size(width);
        self.fp_int(width, precision, 0b00, 0b110, rd.zr_field(), rn.num());
    }

    // ---- vectors ----------------------------------------------------------

    /// `cnt vd.8b, vn.8b`: the number of ones in each byte of the low 64
    /// bits.
    pub(crate) fn cnt_8b(&mut self, rd: V, rn: V) {
        self.word(0x0e20_5800 | rn.num() << 5 | rd.num());
    }

    /// `addv bd, vn.8b`: the sum of the low eight bytes.
    pub(crate) fn addv_8b(&mut self, rd: V, rn: V) {
        self.word(0x0e31_b800 | rn.num() << 5 | rd.num());
    }

    /// `umov wd, vn.b[lane]`: byte `lane` (0–15), zero-extended.
    pub(crate) fn umov_b(&mut self, rd: Reg, rn: V, lane: u8) {
        debug_assert!(lane < 16, "byte lane 0-15");
        let imm5 = (lane as u32) << 1 | 1;
        self.word(0x0e00_3c00 | imm5 << 16 | rn.num() << 5 | rd.zr_field());
    }

    /// `mov vd.16b, vn.16b` (`orr vd.16b, vn.16b, vn.16b`): a copy of all
    /// 128 bits.
    pub(crate) fn mov_16b(&mut self, rd: V, rn: V) {
        self.word(0x4ea0_1c00 | rn.num() << 16 | rn.num() << 5 | rd.num());
    }
}
