//! Registers and condition codes, with their hardware numbers.

/// A general-purpose register; the value is its hardware number (bit 3
/// goes to a REX prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
#[allow(missing_docs)]
pub(crate) enum Gpr {
    Rax = 0,
    Rcx = 1,
    Rdx = 2,
    Rbx = 3,
    Rsp = 4,
    Rbp = 5,
    Rsi = 6,
    Rdi = 7,
    R8 = 8,
    R9 = 9,
    R10 = 10,
    R11 = 11,
    R12 = 12,
    R13 = 13,
    R14 = 14,
    R15 = 15,
}

impl Gpr {
    /// The hardware number (0–15).
    pub(crate) const fn num(self) -> u8 {
        self as u8
    }

    /// The low three bits, as a ModRM or SIB field holds them.
    pub(crate) const fn low(self) -> u8 {
        self as u8 & 7
    }

    /// Whether naming it needs a REX prefix's extension bit.
    pub(crate) const fn is_extended(self) -> bool {
        self as u8 >= 8
    }
}

/// An SSE register, `xmm0`–`xmm15`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Xmm(pub u8);

impl Xmm {
    /// The hardware number (0–15).
    pub(crate) const fn num(self) -> u8 {
        self.0 & 15
    }
}

/// A condition, as `jcc`, `setcc` and `cmovcc` encode it (the low nibble of
/// their opcodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Cond {
    /// Overflow.
    O = 0,
    /// No overflow.
    No = 1,
    /// Below (unsigned `<`; carry).
    B = 2,
    /// Above or equal (unsigned `>=`).
    Ae = 3,
    /// Equal (zero).
    E = 4,
    /// Not equal.
    Ne = 5,
    /// Below or equal (unsigned `<=`).
    Be = 6,
    /// Above (unsigned `>`).
    A = 7,
    /// Sign.
    S = 8,
    /// No sign.
    Ns = 9,
    /// Parity (an unordered float comparison).
    P = 10,
    /// No parity.
    Np = 11,
    /// Less (signed `<`).
    L = 12,
    /// Greater or equal (signed `>=`).
    Ge = 13,
    /// Less or equal (signed `<=`).
    Le = 14,
    /// Greater (signed `>`).
    G = 15,
}

impl Cond {
    /// The condition that holds exactly when this one does not.
    pub(crate) const fn invert(self) -> Cond {
        // Conditions come in pairs differing in the low bit.
        const ALL: [Cond; 16] = [
            Cond::O,
            Cond::No,
            Cond::B,
            Cond::Ae,
            Cond::E,
            Cond::Ne,
            Cond::Be,
            Cond::A,
            Cond::S,
            Cond::Ns,
            Cond::P,
            Cond::Np,
            Cond::L,
            Cond::Ge,
            Cond::Le,
            Cond::G,
        ];
        ALL[(self as u8 ^ 1) as usize]
    }
}
