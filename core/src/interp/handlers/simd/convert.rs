//! Conversions between shapes: narrowing, extending, extending multiplies and pairwise adds, float/integer conversions.

// Not built yet: bound to the trapping stub (the translator does not emit
// these).
pub(crate) use super::stub as I8x16NarrowI16x8S;
pub(crate) use super::stub as I8x16NarrowI16x8U;
pub(crate) use super::stub as I16x8NarrowI32x4S;
pub(crate) use super::stub as I16x8NarrowI32x4U;
pub(crate) use super::stub as I16x8ExtendLowI8x16S;
pub(crate) use super::stub as I16x8ExtendLowI8x16U;
pub(crate) use super::stub as I16x8ExtendHighI8x16S;
pub(crate) use super::stub as I16x8ExtendHighI8x16U;
pub(crate) use super::stub as I32x4ExtendLowI16x8S;
pub(crate) use super::stub as I32x4ExtendLowI16x8U;
pub(crate) use super::stub as I32x4ExtendHighI16x8S;
pub(crate) use super::stub as I32x4ExtendHighI16x8U;
pub(crate) use super::stub as I64x2ExtendLowI32x4S;
pub(crate) use super::stub as I64x2ExtendLowI32x4U;
pub(crate) use super::stub as I64x2ExtendHighI32x4S;
pub(crate) use super::stub as I64x2ExtendHighI32x4U;
pub(crate) use super::stub as I16x8ExtMulLowI8x16S;
pub(crate) use super::stub as I16x8ExtMulLowI8x16U;
pub(crate) use super::stub as I16x8ExtMulHighI8x16S;
pub(crate) use super::stub as I16x8ExtMulHighI8x16U;
pub(crate) use super::stub as I32x4ExtMulLowI16x8S;
pub(crate) use super::stub as I32x4ExtMulLowI16x8U;
pub(crate) use super::stub as I32x4ExtMulHighI16x8S;
pub(crate) use super::stub as I32x4ExtMulHighI16x8U;
pub(crate) use super::stub as I64x2ExtMulLowI32x4S;
pub(crate) use super::stub as I64x2ExtMulLowI32x4U;
pub(crate) use super::stub as I64x2ExtMulHighI32x4S;
pub(crate) use super::stub as I64x2ExtMulHighI32x4U;
pub(crate) use super::stub as I16x8ExtAddPairwiseI8x16S;
pub(crate) use super::stub as I16x8ExtAddPairwiseI8x16U;
pub(crate) use super::stub as I32x4ExtAddPairwiseI16x8S;
pub(crate) use super::stub as I32x4ExtAddPairwiseI16x8U;
pub(crate) use super::stub as I32x4TruncSatF32x4S;
pub(crate) use super::stub as I32x4TruncSatF32x4U;
pub(crate) use super::stub as F32x4ConvertI32x4S;
pub(crate) use super::stub as F32x4ConvertI32x4U;
pub(crate) use super::stub as I32x4TruncSatF64x2SZero;
pub(crate) use super::stub as I32x4TruncSatF64x2UZero;
pub(crate) use super::stub as F64x2ConvertLowI32x4S;
pub(crate) use super::stub as F64x2ConvertLowI32x4U;
pub(crate) use super::stub as F32x4DemoteF64x2Zero;
pub(crate) use super::stub as F64x2PromoteLowF32x4;
