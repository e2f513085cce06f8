//! Conversions between shapes: narrowing, extending, extending multiplies and pairwise adds, float/integer conversions.

use super::super::FuncTranslator;
use crate::error::Error;
use wasmparser::Operator as W;

/// Translates `op` if it is one of this family's.
pub(super) fn translate(
    _t: &mut FuncTranslator<'_>,
    _op: &W<'_>,
    _offset: usize,
) -> Option<Result<(), Error>> {
    None
}
