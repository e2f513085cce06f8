//! The operand width of an integer instruction, on every architecture.

/// Operand size of an integer instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    /// 32 bits (writing a register zero-extends it to 64, on x86_64 and
    /// aarch64 alike).
    W32,
    /// 64 bits.
    W64,
}

impl Width {
    /// Whether it is 64 bits (x86_64's REX.W, aarch64's `sf`).
    pub(crate) const fn is_64(self) -> bool {
        matches!(self, Width::W64)
    }

    /// The width in bits.
    pub(crate) const fn bits(self) -> u32 {
        match self {
            Width::W32 => 32,
            Width::W64 => 64,
        }
    }
}
