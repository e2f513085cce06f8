//! The relaxed SIMD operators with opcodes of their own (docs/architecture.md, "Relaxed SIMD").

// Not built yet: bound to the trapping stub (the translator does not emit
// these).
pub(crate) use super::stub as F32x4RelaxedMadd;
pub(crate) use super::stub as F32x4RelaxedNmadd;
pub(crate) use super::stub as F64x2RelaxedMadd;
pub(crate) use super::stub as F64x2RelaxedNmadd;
pub(crate) use super::stub as I16x8RelaxedDotI8x16I7x16S;
pub(crate) use super::stub as I32x4RelaxedDotI8x16I7x16AddS;
