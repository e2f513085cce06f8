//! `f32x4` and `f64x2` arithmetic and comparisons.

// Not built yet: bound to the trapping stub (the translator does not emit
// these).
pub(crate) use super::stub as F32x4Eq;
pub(crate) use super::stub as F32x4Ne;
pub(crate) use super::stub as F32x4Lt;
pub(crate) use super::stub as F32x4Le;
pub(crate) use super::stub as F64x2Eq;
pub(crate) use super::stub as F64x2Ne;
pub(crate) use super::stub as F64x2Lt;
pub(crate) use super::stub as F64x2Le;
pub(crate) use super::stub as F32x4Ceil;
pub(crate) use super::stub as F32x4Floor;
pub(crate) use super::stub as F32x4Trunc;
pub(crate) use super::stub as F32x4Nearest;
pub(crate) use super::stub as F32x4Abs;
pub(crate) use super::stub as F32x4Neg;
pub(crate) use super::stub as F32x4Sqrt;
pub(crate) use super::stub as F32x4Add;
pub(crate) use super::stub as F32x4Sub;
pub(crate) use super::stub as F32x4Mul;
pub(crate) use super::stub as F32x4Div;
pub(crate) use super::stub as F32x4Min;
pub(crate) use super::stub as F32x4Max;
pub(crate) use super::stub as F32x4PMin;
pub(crate) use super::stub as F32x4PMax;
pub(crate) use super::stub as F64x2Ceil;
pub(crate) use super::stub as F64x2Floor;
pub(crate) use super::stub as F64x2Trunc;
pub(crate) use super::stub as F64x2Nearest;
pub(crate) use super::stub as F64x2Abs;
pub(crate) use super::stub as F64x2Neg;
pub(crate) use super::stub as F64x2Sqrt;
pub(crate) use super::stub as F64x2Add;
pub(crate) use super::stub as F64x2Sub;
pub(crate) use super::stub as F64x2Mul;
pub(crate) use super::stub as F64x2Div;
pub(crate) use super::stub as F64x2Min;
pub(crate) use super::stub as F64x2Max;
pub(crate) use super::stub as F64x2PMin;
pub(crate) use super::stub as F64x2PMax;
