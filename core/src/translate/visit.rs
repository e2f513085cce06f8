//! Validation and translation in one dispatch per operator.
//!
//! wasmparser decodes an operator straight into a call of the matching
//! `visit_*` method. [`ValidatingTranslator`] implements every such method by
//! validating the operator with the function's validator and then handing it
//! to the translator, so an operator is decoded once and dispatched once,
//! instead of being built as an [`Operator`] value, re-dispatched by the
//! validator and dropped.

use super::FuncTranslator;
use crate::error::Error;
use alloc::vec::Vec;
#[cfg(feature = "simd")]
use wasmparser::VisitSimdOperator;
use wasmparser::{FuncValidator, Operator, ValidatorResources, VisitOperator};
// The validator's visitor with every operator the build decodes.
#[cfg(not(feature = "simd"))]
use wasmparser::VisitOperator as OperatorVisitor;
#[cfg(feature = "simd")]
use wasmparser::VisitSimdOperator as OperatorVisitor;

/// Validates each visited operator, then translates it.
pub(super) struct ValidatingTranslator<'t, 'm> {
    /// The translator the validated operators go to.
    pub(super) translator: &'t mut FuncTranslator<'m>,
    /// The function's validator; `None` when translating a body again
    /// that has been validated already.
    pub(super) validator: Option<&'t mut FuncValidator<ValidatorResources>>,
    /// Byte offset of the operator being visited.
    pub(super) offset: usize,
}

/// Defines the `visit_*` methods. The operators that make up most of compiled
/// code take the direct path (the validator's own `visit_*`, then the
/// translator); the rest share one out-of-line path through the validator's
/// operator dispatch, so they cost no code per operator. Measured on
/// rhai_script.wasm: every operator direct translates ~5 % faster than this
/// list of the common integer, memory, local and control operators, for
/// 190 KB of code instead of 56 KB.
macro_rules! define_visit {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        $( define_visit!(one @$proposal $op $({ $($arg: $argty),* })? => $visit); )*
    };
    (one @mvp Block $($rest:tt)*) => { define_visit!(direct Block $($rest)*); };
    (one @mvp Loop $($rest:tt)*) => { define_visit!(direct Loop $($rest)*); };
    (one @mvp If $($rest:tt)*) => { define_visit!(direct If $($rest)*); };
    (one @mvp Else $($rest:tt)*) => { define_visit!(direct Else $($rest)*); };
    (one @mvp End $($rest:tt)*) => { define_visit!(direct End $($rest)*); };
    (one @mvp Br $($rest:tt)*) => { define_visit!(direct Br $($rest)*); };
    (one @mvp BrIf $($rest:tt)*) => { define_visit!(direct BrIf $($rest)*); };
    (one @mvp BrTable $($rest:tt)*) => { define_visit!(direct BrTable $($rest)*); };
    (one @mvp Return $($rest:tt)*) => { define_visit!(direct Return $($rest)*); };
    (one @mvp Call $($rest:tt)*) => { define_visit!(direct Call $($rest)*); };
    (one @mvp CallIndirect $($rest:tt)*) => { define_visit!(direct CallIndirect $($rest)*); };
    (one @mvp Drop $($rest:tt)*) => { define_visit!(direct Drop $($rest)*); };
    (one @mvp Select $($rest:tt)*) => { define_visit!(direct Select $($rest)*); };
    (one @mvp LocalGet $($rest:tt)*) => { define_visit!(direct LocalGet $($rest)*); };
    (one @mvp LocalSet $($rest:tt)*) => { define_visit!(direct LocalSet $($rest)*); };
    (one @mvp LocalTee $($rest:tt)*) => { define_visit!(direct LocalTee $($rest)*); };
    (one @mvp GlobalGet $($rest:tt)*) => { define_visit!(direct GlobalGet $($rest)*); };
    (one @mvp GlobalSet $($rest:tt)*) => { define_visit!(direct GlobalSet $($rest)*); };
    (one @mvp I32Const $($rest:tt)*) => { define_visit!(direct I32Const $($rest)*); };
    (one @mvp I64Const $($rest:tt)*) => { define_visit!(direct I64Const $($rest)*); };
    (one @mvp I32Load $($rest:tt)*) => { define_visit!(direct I32Load $($rest)*); };
    (one @mvp I64Load $($rest:tt)*) => { define_visit!(direct I64Load $($rest)*); };
    (one @mvp I32Load8U $($rest:tt)*) => { define_visit!(direct I32Load8U $($rest)*); };
    (one @mvp I32Load8S $($rest:tt)*) => { define_visit!(direct I32Load8S $($rest)*); };
    (one @mvp I32Load16U $($rest:tt)*) => { define_visit!(direct I32Load16U $($rest)*); };
    (one @mvp I64Load32U $($rest:tt)*) => { define_visit!(direct I64Load32U $($rest)*); };
    (one @mvp I32Store $($rest:tt)*) => { define_visit!(direct I32Store $($rest)*); };
    (one @mvp I64Store $($rest:tt)*) => { define_visit!(direct I64Store $($rest)*); };
    (one @mvp I32Store8 $($rest:tt)*) => { define_visit!(direct I32Store8 $($rest)*); };
    (one @mvp I32Store16 $($rest:tt)*) => { define_visit!(direct I32Store16 $($rest)*); };
    (one @mvp I32Eqz $($rest:tt)*) => { define_visit!(direct I32Eqz $($rest)*); };
    (one @mvp I32Eq $($rest:tt)*) => { define_visit!(direct I32Eq $($rest)*); };
    (one @mvp I32Ne $($rest:tt)*) => { define_visit!(direct I32Ne $($rest)*); };
    (one @mvp I32LtS $($rest:tt)*) => { define_visit!(direct I32LtS $($rest)*); };
    (one @mvp I32LtU $($rest:tt)*) => { define_visit!(direct I32LtU $($rest)*); };
    (one @mvp I32GtS $($rest:tt)*) => { define_visit!(direct I32GtS $($rest)*); };
    (one @mvp I32GtU $($rest:tt)*) => { define_visit!(direct I32GtU $($rest)*); };
    (one @mvp I32LeS $($rest:tt)*) => { define_visit!(direct I32LeS $($rest)*); };
    (one @mvp I32LeU $($rest:tt)*) => { define_visit!(direct I32LeU $($rest)*); };
    (one @mvp I32GeS $($rest:tt)*) => { define_visit!(direct I32GeS $($rest)*); };
    (one @mvp I32GeU $($rest:tt)*) => { define_visit!(direct I32GeU $($rest)*); };
    (one @mvp I32Add $($rest:tt)*) => { define_visit!(direct I32Add $($rest)*); };
    (one @mvp I32Sub $($rest:tt)*) => { define_visit!(direct I32Sub $($rest)*); };
    (one @mvp I32Mul $($rest:tt)*) => { define_visit!(direct I32Mul $($rest)*); };
    (one @mvp I32And $($rest:tt)*) => { define_visit!(direct I32And $($rest)*); };
    (one @mvp I32Or $($rest:tt)*) => { define_visit!(direct I32Or $($rest)*); };
    (one @mvp I32Xor $($rest:tt)*) => { define_visit!(direct I32Xor $($rest)*); };
    (one @mvp I32Shl $($rest:tt)*) => { define_visit!(direct I32Shl $($rest)*); };
    (one @mvp I32ShrS $($rest:tt)*) => { define_visit!(direct I32ShrS $($rest)*); };
    (one @mvp I32ShrU $($rest:tt)*) => { define_visit!(direct I32ShrU $($rest)*); };
    (one @mvp I64Eqz $($rest:tt)*) => { define_visit!(direct I64Eqz $($rest)*); };
    (one @mvp I64Eq $($rest:tt)*) => { define_visit!(direct I64Eq $($rest)*); };
    (one @mvp I64Ne $($rest:tt)*) => { define_visit!(direct I64Ne $($rest)*); };
    (one @mvp I64LtU $($rest:tt)*) => { define_visit!(direct I64LtU $($rest)*); };
    (one @mvp I64Add $($rest:tt)*) => { define_visit!(direct I64Add $($rest)*); };
    (one @mvp I64Sub $($rest:tt)*) => { define_visit!(direct I64Sub $($rest)*); };
    (one @mvp I64Mul $($rest:tt)*) => { define_visit!(direct I64Mul $($rest)*); };
    (one @mvp I64And $($rest:tt)*) => { define_visit!(direct I64And $($rest)*); };
    (one @mvp I64Or $($rest:tt)*) => { define_visit!(direct I64Or $($rest)*); };
    (one @mvp I64Xor $($rest:tt)*) => { define_visit!(direct I64Xor $($rest)*); };
    (one @mvp I64Shl $($rest:tt)*) => { define_visit!(direct I64Shl $($rest)*); };
    (one @mvp I64ShrU $($rest:tt)*) => { define_visit!(direct I64ShrU $($rest)*); };
    (one @mvp I64ExtendI32U $($rest:tt)*) => { define_visit!(direct I64ExtendI32U $($rest)*); };
    (one @mvp I32WrapI64 $($rest:tt)*) => { define_visit!(direct I32WrapI64 $($rest)*); };
    (one @$proposal:ident $($rest:tt)*) => { define_visit!(shared $($rest)*); };
    (direct $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident) => {
        fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
            if let Some(validator) = self.validator.as_deref_mut() {
                validator.visitor(self.offset as u64).$visit($($($arg.clone()),*)?)?;
            }
            // None of the direct operators owns heap data, so not running
            // the generic drop glue loses nothing.
            let op = core::mem::ManuallyDrop::new(Operator::$op $({ $($arg),* })?);
            self.translator.translate(&op, self.offset)
        }
    };
    (shared $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident) => {
        fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
            self.validate_and_translate(Operator::$op $({ $($arg),* })?)
        }
    };
}

impl ValidatingTranslator<'_, '_> {
    /// The shared path: validates `op` through the validator's operator
    /// dispatch, then translates it.
    #[inline(never)]
    fn validate_and_translate(&mut self, op: Operator<'_>) -> Result<(), Error> {
        if let Some(validator) = self.validator.as_deref_mut() {
            #[cfg(feature = "simd")]
            let mut visitor = validator.simd_visitor(self.offset as u64);
            #[cfg(not(feature = "simd"))]
            let mut visitor = validator.visitor(self.offset as u64);
            validate(&mut visitor, &op, self.offset)?;
        }
        self.translator.translate(&op, self.offset)
    }
}

/// Hands `op` to the validator's `visit_*` method for it.
///
/// What `FuncValidator::op` does, without its fallback for an operator no
/// visitor takes: that one formats the operator with `Debug` for a panic
/// message, and the formatter is 21 KiB of code. Here the case cannot arise
/// (both lists together cover every operator) and is an error.
fn validate<'a, V>(validator: &mut V, op: &Operator<'a>, offset: usize) -> Result<(), Error>
where
    V: OperatorVisitor<'a, Output = Result<(), wasmparser::BinaryReaderError>>,
{
    macro_rules! dispatch {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
            match op {
                $( Operator::$op $({ $($arg),* })? => return Ok(validator.$visit($($($arg.clone()),*)?)?), )*
                _ => {}
            }
        };
    }
    wasmparser::for_each_visit_operator!(dispatch);
    #[cfg(feature = "simd")]
    wasmparser::for_each_visit_simd_operator!(dispatch);
    Err(Error::compile(
        "operator not known to the validator",
        offset,
    ))
}

impl<'a> VisitOperator<'a> for ValidatingTranslator<'_, '_> {
    type Output = Result<(), Error>;

    #[cfg(feature = "simd")]
    fn simd_visitor(&mut self) -> Option<&mut dyn VisitSimdOperator<'a, Output = Self::Output>> {
        Some(self)
    }

    wasmparser::for_each_visit_operator!(define_visit);
}

#[cfg(feature = "simd")]
impl<'a> VisitSimdOperator<'a> for ValidatingTranslator<'_, '_> {
    wasmparser::for_each_visit_simd_operator!(define_visit);
}
