//! Registers, operand widths and condition codes, with their hardware
//! numbers.
//!
//! Register number 31 means the stack pointer in some operand fields and
//! the zero register in others. [`Reg::SP`] and [`Reg::ZR`] are distinct
//! values, so code always says which it means; each instruction checks (in
//! debug builds) that a field accepts the one it is given.

/// A general-purpose register: `x0`–`x30` (`w0`–`w30` in 32-bit
/// instructions), the stack pointer [`Reg::SP`] or the zero register
/// [`Reg::ZR`] (`xzr`/`wzr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Reg(u8);

/// [`Reg::SP`]'s private tag: a value no hardware field holds, which
/// encodes as 31 like [`Reg::ZR`].
const SP_TAG: u8 = 63;

impl Reg {
    /// `x0`: the first argument and result register.
    pub(crate) const X0: Reg = Reg(0);
    /// `x1`.
    pub(crate) const X1: Reg = Reg(1);
    /// `x2`.
    pub(crate) const X2: Reg = Reg(2);
    /// `x3`.
    pub(crate) const X3: Reg = Reg(3);
    /// `x4`.
    pub(crate) const X4: Reg = Reg(4);
    /// `x5`.
    pub(crate) const X5: Reg = Reg(5);
    /// `x6`.
    pub(crate) const X6: Reg = Reg(6);
    /// `x7`: the last argument register.
    pub(crate) const X7: Reg = Reg(7);
    /// `x8`: the indirect-result register.
    pub(crate) const X8: Reg = Reg(8);
    /// `x9`.
    pub(crate) const X9: Reg = Reg(9);
    /// `x10`.
    pub(crate) const X10: Reg = Reg(10);
    /// `x11`.
    pub(crate) const X11: Reg = Reg(11);
    /// `x12`.
    pub(crate) const X12: Reg = Reg(12);
    /// `x13`.
    pub(crate) const X13: Reg = Reg(13);
    /// `x14`.
    pub(crate) const X14: Reg = Reg(14);
    /// `x15`.
    pub(crate) const X15: Reg = Reg(15);
    /// `x16` (`ip0`, which linker veneers may clobber).
    pub(crate) const X16: Reg = Reg(16);
    /// `x17` (`ip1`, which linker veneers may clobber).
    pub(crate) const X17: Reg = Reg(17);
    /// `x18`: the platform register (reserved on macOS and Windows).
    pub(crate) const X18: Reg = Reg(18);
    /// `x19`: the first callee-saved register.
    pub(crate) const X19: Reg = Reg(19);
    /// `x20`.
    pub(crate) const X20: Reg = Reg(20);
    /// `x21`.
    pub(crate) const X21: Reg = Reg(21);
    /// `x22`.
    pub(crate) const X22: Reg = Reg(22);
    /// `x23`.
    pub(crate) const X23: Reg = Reg(23);
    /// `x24`.
    pub(crate) const X24: Reg = Reg(24);
    /// `x25`.
    pub(crate) const X25: Reg = Reg(25);
    /// `x26`.
    pub(crate) const X26: Reg = Reg(26);
    /// `x27`.
    pub(crate) const X27: Reg = Reg(27);
    /// `x28`: the last callee-saved register.
    pub(crate) const X28: Reg = Reg(28);
    /// `x29`, the frame pointer (also [`Reg::FP`]).
    pub(crate) const X29: Reg = Reg(29);
    /// `x30`, the link register (also [`Reg::LR`]).
    pub(crate) const X30: Reg = Reg(30);
    /// The frame pointer, `x29`.
    pub(crate) const FP: Reg = Reg(29);
    /// The link register, `x30`: `bl` and `blr` put the return address
    /// there, `ret` returns to it.
    pub(crate) const LR: Reg = Reg(30);
    /// The zero register, `xzr` (`wzr`): reads as 0, writes are discarded.
    pub(crate) const ZR: Reg = Reg(31);
    /// The stack pointer, `sp` (`wsp`).
    pub(crate) const SP: Reg = Reg(SP_TAG);

    /// `x<n>`, for `n` in 0–30 (31 is [`Reg::SP`] or [`Reg::ZR`], named
    /// explicitly).
    pub(crate) const fn x(n: u8) -> Reg {
        assert!(n <= 30, "x0-x30; register 31 is Reg::SP or Reg::ZR");
        Reg(n)
    }

    /// The hardware number, 0–31 (both [`Reg::SP`] and [`Reg::ZR`] are 31).
    pub(crate) const fn num(self) -> u8 {
        self.0 & 31
    }

    /// The number for a field where 31 means the zero register: any
    /// register but [`Reg::SP`].
    pub(crate) fn zr_field(self) -> u32 {
        debug_assert!(self != Reg::SP, "sp where this operand means zr");
        self.num() as u32
    }

    /// The number for a field where 31 means the stack pointer: any
    /// register but [`Reg::ZR`].
    pub(crate) fn sp_field(self) -> u32 {
        debug_assert!(self != Reg::ZR, "zr where this operand means sp");
        self.num() as u32
    }
}

pub(crate) use crate::jit::Width;

/// The `sf` bit of `width` (bit 31 of most integer instructions: 1 for 64
/// bits).
pub(crate) const fn sf(width: Width) -> u32 {
    width.is_64() as u32
}

/// A floating-point and SIMD register, `v0`–`v31` (`s`, `d` or `q` by the
/// instruction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct V(pub u8);

impl V {
    /// The hardware number, 0–31.
    pub(crate) const fn num(self) -> u32 {
        debug_assert!(self.0 < 32, "v0-v31");
        (self.0 & 31) as u32
    }
}

/// A condition, as `b.cond`, `csel` and `ccmp` encode it; after a `cmp`
/// (`subs`) of `a` with `b`, or an `fcmp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Cond {
    /// Equal (Z set).
    Eq = 0,
    /// Not equal.
    Ne = 1,
    /// Unsigned higher or same, `a >= b` (carry set; alias `cs`).
    Hs = 2,
    /// Unsigned lower, `a < b` (carry clear; alias `cc`).
    Lo = 3,
    /// Minus: negative (N set); floats: less than.
    Mi = 4,
    /// Plus: positive or zero.
    Pl = 5,
    /// Overflow (V set); floats: unordered.
    Vs = 6,
    /// No overflow; floats: ordered.
    Vc = 7,
    /// Unsigned higher, `a > b`.
    Hi = 8,
    /// Unsigned lower or same, `a <= b`.
    Ls = 9,
    /// Signed `a >= b`.
    Ge = 10,
    /// Signed `a < b`; floats: less than or unordered.
    Lt = 11,
    /// Signed `a > b`.
    Gt = 12,
    /// Signed `a <= b`; floats: less than, equal or unordered.
    Le = 13,
    /// Always.
    Al = 14,
}

impl Cond {
    /// The condition that holds exactly when this one does not. Panics on
    /// [`Cond::Al`], which has none.
    pub(crate) const fn invert(self) -> Cond {
        // Conditions come in pairs differing in the low bit.
        const ALL: [Cond; 14] = [
            Cond::Eq,
            Cond::Ne,
            Cond::Hs,
            Cond::Lo,
            Cond::Mi,
            Cond::Pl,
            Cond::Vs,
            Cond::Vc,
            Cond::Hi,
            Cond::Ls,
            Cond::Ge,
            Cond::Lt,
            Cond::Gt,
            Cond::Le,
        ];
        assert!(!matches!(self, Cond::Al), "`al` has no inverse");
        ALL[(self as u8 ^ 1) as usize]
    }

    /// The 4-bit field.
    pub(crate) const fn bits(self) -> u32 {
        self as u32
    }
}
