//! Names of wasmparser's operators for error messages, from wasmparser's own
//! list of operators: a table of names costs a fraction of the bytes of
//! `Operator`'s `Debug` implementation, which formats every field of every
//! variant.

macro_rules! define_operator_name {
    ($(@$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        /// The name of `op`'s variant, as wasmparser spells it (`V128Load`).
        pub(crate) fn operator_name(op: &wasmparser::Operator<'_>) -> &'static str {
            match op {
                $( wasmparser::Operator::$op { .. } => stringify!($op), )*
                _ => "(an operator newer than this build knows)",
            }
        }
    };
}

wasmparser::for_each_operator!(define_operator_name);

#[cfg(test)]
mod tests {
    use super::operator_name;
    use wasmparser::Operator;

    #[test]
    fn names_are_the_variant_names() {
        assert_eq!(operator_name(&Operator::I32Add), "I32Add");
        #[cfg(feature = "simd")]
        assert_eq!(operator_name(&Operator::I8x16Splat), "I8x16Splat");
        assert_eq!(
            operator_name(&Operator::ReturnCall { function_index: 0 }),
            "ReturnCall"
        );
    }
}
