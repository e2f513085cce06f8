//! Loads and stores: of general and floating-point registers in every
//! addressing form ([`Address`]), pairs ([`PairAddress`]), PC-relative
//! literals, and the acquire/release and exclusive accesses atomics need,
//! with the `dmb` barrier.
//!
//! The base register of an address may be [`Reg::SP`]; the transferred
//! register and an index are never (31 is `zr` there).

use super::asm::{Assembler, Fixup, Label};
use super::reg::{Reg, V, Width, sf};

/// A load into a general register: the value is the `size` field (the
/// log2 of the bytes read) and the `opc` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Load {
    /// `ldrb wt`: a byte, zero-extended.
    Ldrb = 0b00_01,
    /// `ldrh wt`: a halfword, zero-extended.
    Ldrh = 0b01_01,
    /// `ldr wt`: a word (zero-extended to 64 bits).
    LdrW = 0b10_01,
    /// `ldr xt`: a doubleword.
    LdrX = 0b11_01,
    /// `ldrsb wt`: a byte, sign-extended to 32 bits.
    LdrsbW = 0b00_11,
    /// `ldrsb xt`: a byte, sign-extended to 64 bits.
    LdrsbX = 0b00_10,
    /// `ldrsh wt`: a halfword, sign-extended to 32 bits.
    LdrshW = 0b01_11,
    /// `ldrsh xt`: a halfword, sign-extended to 64 bits.
    LdrshX = 0b01_10,
    /// `ldrsw xt`: a word, sign-extended to 64 bits.
    Ldrsw = 0b10_10,
}

impl Load {
    /// The log2 of the bytes read.
    const fn log2_bytes(self) -> u32 {
        self as u32 >> 2
    }

    /// The number of bytes read.
    pub(crate) const fn bytes(self) -> u32 {
        1 << self.log2_bytes()
    }

    /// The `size` and `opc` fields in place.
    const fn bits(self) -> u32 {
        self.log2_bytes() << 30 | (self as u32 & 3) << 22
    }
}

/// The size of a store or of an ordered or exclusive access: the value is
/// the `size` field, the log2 of the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Size {
    /// A byte (`strb`, `ldarb`, ...).
    B = 0,
    /// A halfword (`strh`, `ldarh`, ...).
    H = 1,
    /// A word, from or to a `w` register.
    W = 2,
    /// A doubleword, from or to an `x` register.
    X = 3,
}

impl Size {
    /// The number of bytes.
    pub(crate) const fn bytes(self) -> u32 {
        1 << self as u32
    }
}

/// The size of a floating-point or SIMD register access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FpSize {
    /// 32 bits, an `s` register.
    S,
    /// 64 bits, a `d` register.
    D,
    /// 128 bits, a `q` register.
    Q,
}

impl FpSize {
    /// The log2 of the bytes.
    const fn log2_bytes(self) -> u32 {
        match self {
            FpSize::S => 2,
            FpSize::D => 3,
            FpSize::Q => 4,
        }
    }

    /// The number of bytes.
    pub(crate) const fn bytes(self) -> u32 {
        1 << self.log2_bytes()
    }

    /// The `size`, `V` and `opc` fields of a single-register load (`load`)
    /// or store.
    const fn bits(self, load: bool) -> u32 {
        let (size, opc) = match self {
            FpSize::S => (0b10, 0b00),
            FpSize::D => (0b11, 0b00),
            FpSize::Q => (0b00, 0b10),
        };
        size << 30 | 1 << 26 | (opc | load as u32) << 22
    }
}

/// How the index register of an [`Address::Indexed`] is extended: the
/// value is the `option` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum IndexExtend {
    /// An `x` register as it is (`[xn, xm]`, `[xn, xm, lsl #s]`).
    Lsl = 0b011,
    /// A `w` register, zero-extended.
    Uxtw = 0b010,
    /// A `w` register, sign-extended.
    Sxtw = 0b110,
    /// An `x` register as it is, written `sxtx`.
    Sxtx = 0b111,
}

/// Which immediate-offset form of a load or store an offset fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OffsetForm {
    /// Unsigned, a multiple of the access size, below 4096 times it.
    Scaled,
    /// Signed, −256 to 255: `ldur`, `stur`.
    Unscaled,
}

impl OffsetForm {
    /// Which form reaches `offset` for an access of `bytes` bytes: the
    /// scaled one if it can, else the unscaled one, else neither (then
    /// the offset has to go in a register, for [`Address::Indexed`]).
    pub(crate) const fn of(offset: i64, bytes: u32) -> Option<OffsetForm> {
        let bytes = bytes as i64;
        if offset >= 0 && offset % bytes == 0 && offset / bytes < 4096 {
            Some(OffsetForm::Scaled)
        } else if -256 <= offset && offset < 256 {
            Some(OffsetForm::Unscaled)
        } else {
            None
        }
    }
}

/// The address of a single-register load or store. Offsets are in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Address {
    /// `[base, #offset]`: unsigned, a multiple of the access size, below
    /// 4096 times it (`ldr x0, [x1, #32760]`).
    Scaled(Reg, u32),
    /// `[base, #offset]`, −256 to 255: the `ldur`/`stur` form.
    Unscaled(Reg, i16),
    /// `[base, #offset]!`: `base += offset` (−256 to 255), then the access
    /// at the new `base`.
    PreIndex(Reg, i16),
    /// `[base], #offset`: the access at `base`, then `base += offset`
    /// (−256 to 255).
    PostIndex(Reg, i16),
    /// `[base, index]`, `[base, index, lsl #s]`, `[base, windex, uxtw
    /// #s]`, ...: `index`, extended, and shifted left by the log2 of the
    /// access size if `scaled`.
    Indexed {
        /// The base register.
        base: Reg,
        /// The index register (`x`, or `w` for `uxtw` and `sxtw`).
        index: Reg,
        /// How the index is extended.
        extend: IndexExtend,
        /// Whether the index is scaled by the access size.
        scaled: bool,
    },
}

impl Address {
    /// `[base, #offset]` in the form that reaches it for an access of
    /// `bytes` bytes (see [`OffsetForm::of`]), or `None`.
    pub(crate) const fn offset(base: Reg, offset: i64, bytes: u32) -> Option<Address> {
        match OffsetForm::of(offset, bytes) {
            Some(OffsetForm::Scaled) => Some(Address::Scaled(base, offset as u32)),
            Some(OffsetForm::Unscaled) => Some(Address::Unscaled(base, offset as i16)),
            None => None,
        }
    }

    /// `[base, index{, lsl #s}]`: an `x` register index.
    pub(crate) const fn indexed(base: Reg, index: Reg, scaled: bool) -> Address {
        Address::Indexed {
            base,
            index,
            extend: IndexExtend::Lsl,
            scaled,
        }
    }
}

/// The address of a load or store of a pair of registers: a signed
/// offset in bytes, a multiple of the register size, −64 to 63 times it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairAddress {
    /// `[base, #offset]`.
    Offset(Reg, i16),
    /// `[base, #offset]!`: `base += offset`, then the access.
    PreIndex(Reg, i16),
    /// `[base], #offset`: the access, then `base += offset`.
    PostIndex(Reg, i16),
}

impl PairAddress {
    /// Whether `offset` fits a pair access of registers of `bytes` bytes
    /// each (4, 8 or 16): a multiple of `bytes`, −64 to 63 times it.
    pub(crate) const fn fits(offset: i64, bytes: u32) -> bool {
        let bytes = bytes as i64;
        offset % bytes == 0 && -64 <= offset / bytes && offset / bytes < 64
    }
}

/// A signed 9-bit offset as a field (bits 20–12).
fn imm9(offset: i16) -> u32 {
    debug_assert!((-256..256).contains(&offset), "offset -256 to 255");
    (offset as u32 & 0x1ff) << 12
}

impl Assembler {
    /// A single-register load or store: `bits` the `size`, `V` and `opc`
    /// fields, an access of `1 << log2_bytes` bytes, `rt` the register's
    /// number.
    fn transfer(&mut self, bits: u32, log2_bytes: u32, rt: u32, address: Address) {
        let word = match address {
            Address::Scaled(base, offset) => {
                debug_assert!(
                    offset % (1 << log2_bytes) == 0 && offset >> log2_bytes < 4096,
                    "scaled offset: a multiple of the size, below 4096 times it"
                );
                0x3900_0000 | (offset >> log2_bytes) << 10 | base.sp_field() << 5
            }
            Address::Unscaled(base, offset) => 0x3800_0000 | imm9(offset) | base.sp_field() << 5,
            Address::PreIndex(base, offset) => 0x3800_0c00 | imm9(offset) | base.sp_field() << 5,
            Address::PostIndex(base, offset) => 0x3800_0400 | imm9(offset) | base.sp_field() << 5,
            Address::Indexed {
                base,
                index,
                extend,
                scaled,
            } => {
                0x3820_0800
                    | index.zr_field() << 16
                    | (extend as u32) << 13
                    | (scaled as u32) << 12
                    | base.sp_field() << 5
            }
        };
        self.word(bits | word | rt);
    }

    /// Checks a load with write-back does not write its base.
    fn check_write_back(rt: Reg, address: Address) {
        if let Address::PreIndex(base, _) | Address::PostIndex(base, _) = address {
            debug_assert!(base != rt, "a load writing back its own base");
        }
    }

    /// `ldr`, `ldrb`, `ldrsh`, ... `rt, address` (`ldur`, ... for
    /// [`Address::Unscaled`]).
    pub(crate) fn load(&mut self, op: Load, rt: Reg, address: Address) {
        Self::check_write_back(rt, address);
        self.transfer(op.bits(), op.log2_bytes(), rt.zr_field(), address);
    }

    /// `str`, `strb` or `strh rt, address` (`stur`, ... for
    /// [`Address::Unscaled`]).
    pub(crate) fn store(&mut self, size: Size, rt: Reg, address: Address) {
        self.transfer((size as u32) << 30, size as u32, rt.zr_field(), address);
    }

    /// `ldr st`, `dt` or `qt, address` (`ldur` for [`Address::Unscaled`]).
    pub(crate) fn load_fp(&mut self, size: FpSize, vt: V, address: Address) {
        self.transfer(size.bits(true), size.log2_bytes(), vt.num(), address);
    }

    /// `str st`, `dt` or `qt, address` (`stur` for [`Address::Unscaled`]).
    pub(crate) fn store_fp(&mut self, size: FpSize, vt: V, address: Address) {
        self.transfer(size.bits(false), size.log2_bytes(), vt.num(), address);
    }

    /// A pair load (`load`) or store: `opc` and `V` (bits 31–30, 26), the
    /// register size, the registers' numbers.
    fn transfer_pair(
        &mut self,
        bits: u32,
        log2_bytes: u32,
        load: bool,
        rt1: u32,
        rt2: u32,
        address: PairAddress,
    ) {
        let (mode, base, offset) = match address {
            PairAddress::PostIndex(base, offset) => (0b01, base, offset),
            PairAddress::Offset(base, offset) => (0b10, base, offset),
            PairAddress::PreIndex(base, offset) => (0b11, base, offset),
        };
        let scaled = offset >> log2_bytes;
        debug_assert!(
            scaled << log2_bytes == offset && (-64..64).contains(&scaled),
            "pair offset: a multiple of the size, -64 to 63 times it"
        );
        self.word(
            bits | 0x2800_0000
                | mode << 23
                | (load as u32) << 22
                | (scaled as u32 & 0x7f) << 15
                | rt2 << 10
                | base.sp_field() << 5
                | rt1,
        );
    }

    /// `ldp rt1, rt2, address` (`w` or `x` registers).
    pub(crate) fn load_pair(&mut self, width: Width, rt1: Reg, rt2: Reg, address: PairAddress) {
        debug_assert!(rt1 != rt2, "ldp of one register twice");
        let log2 = 2 + sf(width);
        let (rt1, rt2) = (rt1.zr_field(), rt2.zr_field());
        self.transfer_pair(sf(width) << 31, log2, true, rt1, rt2, address);
    }

    /// `stp rt1, rt2, address` (`w` or `x` registers).
    pub(crate) fn store_pair(&mut self, width: Width, rt1: Reg, rt2: Reg, address: PairAddress) {
        let log2 = 2 + sf(width);
        let (rt1, rt2) = (rt1.zr_field(), rt2.zr_field());
        self.transfer_pair(sf(width) << 31, log2, false, rt1, rt2, address);
    }

    /// The `opc` and `V` fields of a pair of floating-point registers.
    const fn fp_pair_bits(size: FpSize) -> u32 {
        (size.log2_bytes() - 2) << 30 | 1 << 26
    }

    /// `ldp st1, st2`, `dt1, dt2` or `qt1, qt2, address`.
    pub(crate) fn load_pair_fp(&mut self, size: FpSize, vt1: V, vt2: V, address: PairAddress) {
        debug_assert!(vt1 != vt2, "ldp of one register twice");
        let bits = Self::fp_pair_bits(size);
        self.transfer_pair(bits, size.log2_bytes(), true, vt1.num(), vt2.num(), address);
    }

    /// `stp st1, st2`, `dt1, dt2` or `qt1, qt2, address`.
    pub(crate) fn store_pair_fp(&mut self, size: FpSize, vt1: V, vt2: V, address: PairAddress) {
        let bits = Self::fp_pair_bits(size);
        self.transfer_pair(
            bits,
            size.log2_bytes(),
            false,
            vt1.num(),
            vt2.num(),
            address,
        );
    }

    /// `ldr wt` or `xt, label`: a load from `label` (±1 MiB), such as a
    /// constant placed after the code.
    pub(crate) fn load_literal(&mut self, width: Width, rt: Reg, label: Label) {
        self.word_to_label(
            sf(width) << 30 | 0x1800_0000 | rt.zr_field(),
            label,
            Fixup::Imm19,
        );
    }

    /// `ldr st`, `dt` or `qt, label` (±1 MiB).
    pub(crate) fn load_literal_fp(&mut self, size: FpSize, vt: V, label: Label) {
        let opc = size.log2_bytes() - 2;
        self.word_to_label(opc << 30 | 0x1c00_0000 | vt.num(), label, Fixup::Imm19);
    }

    /// A load/store-exclusive-register-family instruction: `o2`, `L`,
    /// `o1` and `o0` in place in `bits`, the status register `rs` (31 when
    /// there is none), the data register `rt`, the base `rn`.
    fn ordered(&mut self, bits: u32, size: Size, rs: u32, rt: Reg, rn: Reg) {
        self.word(
            (size as u32) << 30
                | 0x0800_0000
                | bits
                | rs << 16
                | 0x1f << 10
                | rn.sp_field() << 5
                | rt.zr_field(),
        );
    }

    /// `ldar`, `ldarb` or `ldarh rt, [rn]`: a load-acquire.
    pub(crate) fn ldar(&mut self, size: Size, rt: Reg, rn: Reg) {
        self.ordered(1 << 23 | 1 << 22 | 1 << 15, size, 31, rt, rn);
    }

    /// `stlr`, `stlrb` or `stlrh rt, [rn]`: a store-release.
    pub(crate) fn stlr(&mut self, size: Size, rt: Reg, rn: Reg) {
        self.ordered(1 << 23 | 1 << 15, size, 31, rt, rn);
    }

    /// `ldaxr`, `ldaxrb` or `ldaxrh rt, [rn]`: a load-acquire exclusive,
    /// marking the address for a following `stlxr`.
    pub(crate) fn ldaxr(&mut self, size: Size, rt: Reg, rn: Reg) {
        self.ordered(1 << 22 | 1 << 15, size, 31, rt, rn);
    }

    /// `stlxr`, `stlxrb` or `stlxrh ws, rt, [rn]`: a store-release
    /// exclusive; `ws` is 0 if it stored, 1 if the reservation was lost.
    /// `rs` differs from `rt` and `rn`.
    pub(crate) fn stlxr(&mut self, size: Size, rs: Reg, rt: Reg, rn: Reg) {
        debug_assert!(rs != rt && rs != rn, "stlxr status overlaps an operand");
        self.ordered(1 << 15, size, rs.zr_field(), rt, rn);
    }

    /// `dmb ish`: a full memory barrier for the inner shareable domain.
    pub(crate) fn dmb_ish(&mut self) {
        self.word(0xd503_3bbf);
    }
}
