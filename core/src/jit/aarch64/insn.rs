//! Integer instructions: moves, addition and subtraction, the logical
//! operations, multiplication and division; one method each, or one per
//! family sharing an encoding, with the family's opcode bits in an enum.
//! Shifts and bitfields are in `insn_bits.rs`, conditional operations in
//! `insn_cond.rs`. The aliases the ARM ARM defines (`mov`, `cmp`, `neg`,
//! `lsl`, `sxtb`, `cset`, ...) are methods of their own, producing what
//! `llvm-mc` produces for them.
//!
//! Register operands are `rd` (bits 4–0), `rn` (9–5) and `rm` (20–16);
//! which of them accept [`Reg::SP`] and which [`Reg::ZR`] is said per
//! method (and checked in debug builds); in all these files, a method
//! that says nothing of `sp` takes none.

use super::asm::Assembler;
use super::imm::{ArithImm, LogicalImm, MovStep, mov_sequence};
use super::reg::{Reg, Width, sf};

/// Addition and subtraction: the value is the `op` and `S` bits (30–29).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Arith {
    /// `add`.
    Add = 0b00,
    /// `adds`: `add` setting the flags.
    Adds = 0b01,
    /// `sub`.
    Sub = 0b10,
    /// `subs`: `sub` setting the flags.
    Subs = 0b11,
}

impl Arith {
    /// Whether it sets the flags (then a destination of 31 is `zr`).
    const fn sets_flags(self) -> bool {
        self as u8 & 1 != 0
    }

    /// The instruction bits of the operation and width.
    const fn bits(self, width: Width) -> u32 {
        sf(width) << 31 | (self as u32) << 29
    }
}

/// A shift: of a shifted-register operand (`Ror` for the logical
/// operations only), by a register (`lslv`, ...), or by an immediate. The
/// value is the shift-type field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Shift {
    /// Logical shift left.
    Lsl = 0b00,
    /// Logical shift right.
    Lsr = 0b01,
    /// Arithmetic shift right.
    Asr = 0b10,
    /// Rotate right.
    Ror = 0b11,
}

/// How an extended-register operand is extended before an optional left
/// shift of 0–4: the value is the `option` field. For a 64-bit operation
/// the `x` forms read an `x` register, the others a `w` register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Extend {
    /// Zero-extend the low byte.
    Uxtb = 0b000,
    /// Zero-extend the low halfword.
    Uxth = 0b001,
    /// Zero-extend the low word.
    Uxtw = 0b010,
    /// The whole register (written `lsl` when a 64-bit operand is `sp`).
    Uxtx = 0b011,
    /// Sign-extend the low byte.
    Sxtb = 0b100,
    /// Sign-extend the low halfword.
    Sxth = 0b101,
    /// Sign-extend the low word.
    Sxtw = 0b110,
    /// The whole register, signed.
    Sxtx = 0b111,
}

/// The logical operations: the value is the `opc` field (bits 30–29) and
/// the `N` bit (21) of their register forms, which inverts the second
/// operand. Only `And`, `Orr`, `Eor` and `Ands` have immediate forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Logic {
    /// `and`.
    And = 0b000,
    /// `bic`: and not.
    Bic = 0b001,
    /// `orr`.
    Orr = 0b010,
    /// `orn`: or not.
    Orn = 0b011,
    /// `eor`: exclusive or.
    Eor = 0b100,
    /// `eon`: exclusive or not.
    Eon = 0b101,
    /// `ands`: `and` setting the flags.
    Ands = 0b110,
    /// `bics`: `bic` setting the flags.
    Bics = 0b111,
}

impl Logic {
    /// The `opc` field.
    const fn opc(self) -> u32 {
        self as u32 >> 1
    }

    /// The `N` bit.
    const fn inverts(self) -> bool {
        self as u8 & 1 != 0
    }
}

/// `udiv`: the `opcode` field of a two-source data-processing instruction.
const UDIV: u32 = 0b000010;
/// `sdiv`.
const SDIV: u32 = 0b000011;

impl Assembler {
    // ---- moves ------------------------------------------------------------

    /// `mov rd, rm`: `orr rd, zr, rm`; or, when either is [`Reg::SP`],
    /// `add rd, rn, #0` (`mov sp, x0`, `mov x0, sp`).
    pub(crate) fn mov(&mut self, width: Width, rd: Reg, rm: Reg) {
        if rd == Reg::SP || rm == Reg::SP {
            self.arith_imm(Arith::Add, width, rd, rm, ArithImm::new(0).unwrap());
        } else {
            self.logic(Logic::Orr, width, rd, Reg::ZR, rm);
        }
    }

    /// `movn`, `movz` or `movk` (`opc` 0, 2, 3) of `imm16` at bit `shift`.
    fn move_wide(&mut self, opc: u32, width: Width, rd: Reg, imm16: u16, shift: u8) {
        debug_assert!(
            shift % 16 == 0 && (shift as u32) < width.bits(),
            "shift 0, 16 (or 32, 48 for 64 bits)"
        );
        self.word(
            sf(width) << 31
                | opc << 29
                | 0x1280_0000
                | (shift as u32 / 16) << 21
                | (imm16 as u32) << 5
                | rd.zr_field(),
        );
    }

    /// `movz rd, #imm16, lsl #shift`: the halfword at bit `shift` (0, 16;
    /// 32, 48 for 64 bits), zeros elsewhere.
    pub(crate) fn movz(&mut self, width: Width, rd: Reg, imm16: u16, shift: u8) {
        self.move_wide(0b10, width, rd, imm16, shift);
    }

    /// `movn rd, #imm16, lsl #shift`: the complement of `movz`'s value.
    pub(crate) fn movn(&mut self, width: Width, rd: Reg, imm16: u16, shift: u8) {
        self.move_wide(0b00, width, rd, imm16, shift);
    }

    /// `movk rd, #imm16, lsl #shift`: replaces the halfword at bit `shift`,
    /// keeping the others.
    pub(crate) fn movk(&mut self, width: Width, rd: Reg, imm16: u16, shift: u8) {
        self.move_wide(0b11, width, rd, imm16, shift);
    }

    /// `mov rd, #value` in the fewest instructions [`mov_sequence`] finds
    /// (one to four of `movz`/`movn`/`orr` and `movk`); for 32 bits, the low
    /// 32 bits of `value`. `rd` is not [`Reg::SP`].
    pub(crate) fn mov_imm(&mut self, width: Width, rd: Reg, value: u64) {
        for step in mov_sequence(value, width).steps() {
            match *step {
                MovStep::Movz { imm16, shift } => self.movz(width, rd, imm16, shift),
                MovStep::Movn { imm16, shift } => self.movn(width, rd, imm16, shift),
                MovStep::Movk { imm16, shift } => self.movk(width, rd, imm16, shift),
                MovStep::Orr(imm) => {
                    debug_assert!(rd != Reg::SP, "mov_imm into sp");
                    self.logic_imm(Logic::Orr, width, rd, Reg::ZR, imm);
                }
            }
        }
    }

    // ---- addition and subtraction -----------------------------------------

    /// `op rd, rn, rm`. With [`Reg::SP`] as `rd` or `rn` this is the
    /// extended-register form (`add sp, sp, x1`: `uxtx`, or `uxtw` for 32
    /// bits); otherwise the shifted-register form, where 31 is `zr`.
    pub(crate) fn arith(&mut self, op: Arith, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        if rd == Reg::SP || rn == Reg::SP {
            let extend = match width {
                Width::W32 => Extend::Uxtw,
                Width::W64 => Extend::Uxtx,
            };
            self.arith_extended(op, width, rd, rn, rm, extend, 0);
        } else {
            self.arith_shifted(op, width, rd, rn, rm, Shift::Lsl, 0);
        }
    }

    /// `op rd, rn, rm, shift #amount` (shifted register; `amount` below
    /// the width; not `ror`). No operand is [`Reg::SP`]: 31 is `zr`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn arith_shifted(
        &mut self,
        op: Arith,
        width: Width,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        shift: Shift,
        amount: u8,
    ) {
        debug_assert!(shift != Shift::Ror, "add/sub cannot rotate");
        debug_assert!((amount as u32) < width.bits(), "shift amount");
        self.word(
            op.bits(width)
                | 0x0b00_0000
                | (shift as u32) << 22
                | rm.zr_field() << 16
                | (amount as u32) << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `op rd, rn, rm, extend #amount` (extended register; `amount` 0–4).
    /// `rd` may be [`Reg::SP`] for `add`/`sub` (31 is `zr` for `adds`/`subs`),
    /// `rn` may be [`Reg::SP`], `rm` is never (`zr`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn arith_extended(
        &mut self,
        op: Arith,
        width: Width,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        extend: Extend,
        amount: u8,
    ) {
        debug_assert!(amount <= 4, "extended-register shift 0-4");
        let rd = if op.sets_flags() {
            rd.zr_field()
        } else {
            rd.sp_field()
        };
        self.word(
            op.bits(width)
                | 0x0b20_0000
                | rm.zr_field() << 16
                | (extend as u32) << 13
                | (amount as u32) << 10
                | rn.sp_field() << 5
                | rd,
        );
    }

    /// `op rd, rn, #imm` (`imm` 12 bits, optionally `lsl #12`). `rn` may
    /// be [`Reg::SP`], as may `rd` for `add`/`sub` (31 is `zr` for
    /// `adds`/`subs`).
    pub(crate) fn arith_imm(&mut self, op: Arith, width: Width, rd: Reg, rn: Reg, imm: ArithImm) {
        let rd = if op.sets_flags() {
            rd.zr_field()
        } else {
            rd.sp_field()
        };
        self.word(op.bits(width) | 0x1100_0000 | imm.bits() << 10 | rn.sp_field() << 5 | rd);
    }

    /// `cmp rn, rm`: `subs zr, rn, rm` (the extended form if `rn` is
    /// [`Reg::SP`]).
    pub(crate) fn cmp(&mut self, width: Width, rn: Reg, rm: Reg) {
        self.arith(Arith::Subs, width, Reg::ZR, rn, rm);
    }

    /// `cmp rn, #imm`: `subs zr, rn, #imm` (`rn` may be [`Reg::SP`]).
    pub(crate) fn cmp_imm(&mut self, width: Width, rn: Reg, imm: ArithImm) {
        self.arith_imm(Arith::Subs, width, Reg::ZR, rn, imm);
    }

    /// `cmn rn, rm`: `adds zr, rn, rm`, comparing `rn` with `-rm`.
    pub(crate) fn cmn(&mut self, width: Width, rn: Reg, rm: Reg) {
        self.arith(Arith::Adds, width, Reg::ZR, rn, rm);
    }

    /// `cmn rn, #imm`: `adds zr, rn, #imm`, comparing `rn` with `-imm`.
    pub(crate) fn cmn_imm(&mut self, width: Width, rn: Reg, imm: ArithImm) {
        self.arith_imm(Arith::Adds, width, Reg::ZR, rn, imm);
    }

    /// `neg rd, rm`: `sub rd, zr, rm`.
    pub(crate) fn neg(&mut self, width: Width, rd: Reg, rm: Reg) {
        self.arith_shifted(Arith::Sub, width, rd, Reg::ZR, rm, Shift::Lsl, 0);
    }

    // ---- logical operations -----------------------------------------------

    /// `op rd, rn, rm` (no operand [`Reg::SP`]: 31 is `zr`).
    pub(crate) fn logic(&mut self, op: Logic, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.logic_shifted(op, width, rd, rn, rm, Shift::Lsl, 0);
    }

    /// `op rd, rn, rm, shift #amount` (`amount` below the width).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn logic_shifted(
        &mut self,
        op: Logic,
        width: Width,
        rd: Reg,
        rn: Reg,
        rm: Reg,
        shift: Shift,
        amount: u8,
    ) {
        debug_assert!((amount as u32) < width.bits(), "shift amount");
        self.word(
            sf(width) << 31
                | op.opc() << 29
                | 0x0a00_0000
                | (shift as u32) << 22
                | (op.inverts() as u32) << 21
                | rm.zr_field() << 16
                | (amount as u32) << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `op rd, rn, #imm` for `and`, `orr`, `eor` (`rd` may be
    /// [`Reg::SP`]) or `ands` (`rd` 31 is `zr`); `rn` is never `sp`. `imm`
    /// must have been validated for `width`.
    pub(crate) fn logic_imm(&mut self, op: Logic, width: Width, rd: Reg, rn: Reg, imm: LogicalImm) {
        debug_assert!(!op.inverts(), "bic/orn/eon/bics have no immediate form");
        debug_assert!(imm.width() == width, "logical immediate of another width");
        let rd = if op == Logic::Ands {
            rd.zr_field()
        } else {
            rd.sp_field()
        };
        self.word(
            sf(width) << 31
                | op.opc() << 29
                | 0x1200_0000
                | imm.bits() << 10
                | rn.zr_field() << 5
                | rd,
        );
    }

    /// `tst rn, rm`: `ands zr, rn, rm`.
    pub(crate) fn tst(&mut self, width: Width, rn: Reg, rm: Reg) {
        self.logic(Logic::Ands, width, Reg::ZR, rn, rm);
    }

    /// `tst rn, #imm`: `ands zr, rn, #imm`.
    pub(crate) fn tst_imm(&mut self, width: Width, rn: Reg, imm: LogicalImm) {
        self.logic_imm(Logic::Ands, width, Reg::ZR, rn, imm);
    }

    /// `mvn rd, rm`: `orn rd, zr, rm`, the bitwise complement.
    pub(crate) fn mvn(&mut self, width: Width, rd: Reg, rm: Reg) {
        self.logic(Logic::Orn, width, rd, Reg::ZR, rm);
    }

    // ---- multiplication and division --------------------------------------

    /// A three-source multiply: `op31` (bits 23–21), `o0` (bit 15).
    #[allow(clippy::too_many_arguments)]
    fn multiply(&mut self, sf: u32, op31: u32, o0: u32, rd: Reg, rn: Reg, rm: Reg, ra: Reg) {
        self.word(
            sf << 31
                | 0x1b00_0000
                | op31 << 21
                | rm.zr_field() << 16
                | o0 << 15
                | ra.zr_field() << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// With the carry: `adc` (for [`Arith::Add`]), `adcs`, `sbc` (for
    /// [`Arith::Sub`]) or `sbcs` `rd, rn, rm` (`rd = rn + rm + C`, or
    /// `rn - rm - !C`). No operand is [`Reg::SP`]: 31 is `zr`.
    pub(crate) fn arith_carry(&mut self, op: Arith, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.word(
            op.bits(width) | 0x1a00_0000 | rm.zr_field() << 16 | rn.zr_field() << 5 | rd.zr_field(),
        );
    }

    /// `madd rd, rn, rm, ra`: `rd = ra + rn * rm`.
    pub(crate) fn madd(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg, ra: Reg) {
        self.multiply(sf(width), 0b000, 0, rd, rn, rm, ra);
    }

    /// `msub rd, rn, rm, ra`: `rd = ra - rn * rm` (a remainder after a
    /// division).
    pub(crate) fn msub(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg, ra: Reg) {
        self.multiply(sf(width), 0b000, 1, rd, rn, rm, ra);
    }

    /// `mul rd, rn, rm`: `madd rd, rn, rm, zr`.
    pub(crate) fn mul(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.madd(width, rd, rn, rm, Reg::ZR);
    }

    /// `smulh xd, xn, xm`: the high 64 bits of the signed 128-bit product.
    pub(crate) fn smulh(&mut self, rd: Reg, rn: Reg, rm: Reg) {
        self.multiply(1, 0b010, 0, rd, rn, rm, Reg::ZR);
    }

    /// `umulh xd, xn, xm`: the high 64 bits of the unsigned 128-bit product.
    pub(crate) fn umulh(&mut self, rd: Reg, rn: Reg, rm: Reg) {
        self.multiply(1, 0b110, 0, rd, rn, rm, Reg::ZR);
    }

    /// `smull xd, wn, wm`: the signed 64-bit product of two 32-bit values
    /// (`smaddl xd, wn, wm, xzr`).
    pub(crate) fn smull(&mut self, rd: Reg, rn: Reg, rm: Reg) {
        self.multiply(1, 0b001, 0, rd, rn, rm, Reg::ZR);
    }

    /// `umull xd, wn, wm`: the unsigned 64-bit product of two 32-bit values
    /// (`umaddl xd, wn, wm, xzr`).
    pub(crate) fn umull(&mut self, rd: Reg, rn: Reg, rm: Reg) {
        self.multiply(1, 0b101, 0, rd, rn, rm, Reg::ZR);
    }

    /// A two-source data-processing instruction with `opcode` (bits 15–10).
    pub(super) fn data2(&mut self, opcode: u32, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.word(
            sf(width) << 31
                | 0x1ac0_0000
                | rm.zr_field() << 16
                | opcode << 10
                | rn.zr_field() << 5
                | rd.zr_field(),
        );
    }

    /// `sdiv rd, rn, rm`: signed division rounding toward zero; dividing by
    /// zero gives 0 and `MIN / -1` gives `MIN` (it never traps).
    pub(crate) fn sdiv(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.data2(SDIV, width, rd, rn, rm);
    }

    /// `udiv rd, rn, rm`: unsigned division; dividing by zero gives 0.
    pub(crate) fn udiv(&mut self, width: Width, rd: Reg, rn: Reg, rm: Reg) {
        self.data2(UDIV, width, rd, rn, rm);
    }
}
