//! Constant expressions: global initializers, segment offsets and elements.

use crate::error::Error;
use crate::index::{FuncIndex, GlobalIndex};
use alloc::vec::Vec;
use wasmparser::Operator;

/// One operation of a constant expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ConstOp {
    /// Push a value (as its slot encoding; a `v128` in all 128 bits).
    Value(u128),
    /// Push a reference to function `idx`.
    RefFunc(FuncIndex),
    /// Push the value of global `idx`.
    GlobalGet(GlobalIndex),
    I32Add,
    I32Sub,
    I32Mul,
    I64Add,
    I64Sub,
    I64Mul,
}

/// A validated constant expression, evaluated at instantiation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConstExpr(Vec<ConstOp>);

impl ConstExpr {
    /// A constant expression that only pushes `func`'s reference.
    pub(crate) fn ref_func(func: u32) -> Self {
        Self(alloc::vec![ConstOp::RefFunc(FuncIndex::from_u32(func))])
    }

    /// Reads a (validated) constant expression.
    pub(crate) fn read(expr: &wasmparser::ConstExpr<'_>) -> Result<Self, Error> {
        let mut ops = Vec::new();
        let mut reader = expr.get_operators_reader();
        while !reader.eof() {
            let offset = reader.original_position() as usize;
            let op = match reader.read()? {
                Operator::I32Const { value } => ConstOp::Value(value as u32 as u128),
                Operator::I64Const { value } => ConstOp::Value(value as u64 as u128),
                Operator::F32Const { value } => ConstOp::Value(value.bits() as u128),
                Operator::F64Const { value } => ConstOp::Value(value.bits() as u128),
                Operator::V128Const { value } => ConstOp::Value(value.i128() as u128),
                Operator::RefNull { .. } => ConstOp::Value(0),
                Operator::RefFunc { function_index } => {
                    ConstOp::RefFunc(FuncIndex::from_u32(function_index))
                }
                Operator::GlobalGet { global_index } => {
                    ConstOp::GlobalGet(GlobalIndex::from_u32(global_index))
                }
                Operator::I32Add => ConstOp::I32Add,
                Operator::I32Sub => ConstOp::I32Sub,
                Operator::I32Mul => ConstOp::I32Mul,
                Operator::I64Add => ConstOp::I64Add,
                Operator::I64Sub => ConstOp::I64Sub,
                Operator::I64Mul => ConstOp::I64Mul,
                Operator::End => break,
                other => {
                    return Err(Error::compile(
                        alloc::format!(
                            "unsupported constant expression operator {}",
                            crate::translate::operator_name(&other)
                        ),
                        offset,
                    ));
                }
            };
            ops.push(op);
        }
        Ok(Self(ops))
    }

    /// Evaluates the expression to its slot encoding (the first word, or
    /// both for a `v128`); `global` reads a global of the instance being
    /// built and `func` makes a function reference.
    pub(crate) fn eval(
        &self,
        global: impl Fn(GlobalIndex) -> [u64; 2],
        func: impl Fn(FuncIndex) -> u64,
    ) -> [u64; 2] {
        let mut stack: Vec<[u64; 2]> = Vec::with_capacity(4);
        for op in &self.0 {
            let v = match *op {
                ConstOp::Value(v) => [v as u64, (v >> 64) as u64],
                ConstOp::RefFunc(f) => [func(f), 0],
                ConstOp::GlobalGet(g) => global(g),
                bin => {
                    let b = stack.pop().unwrap_or_default()[0];
                    let a = stack.pop().unwrap_or_default()[0];
                    let (a32, b32) = (a as u32, b as u32);
                    let low = match bin {
                        ConstOp::I32Add => a32.wrapping_add(b32) as u64,
                        ConstOp::I32Sub => a32.wrapping_sub(b32) as u64,
                        ConstOp::I32Mul => a32.wrapping_mul(b32) as u64,
                        ConstOp::I64Add => a.wrapping_add(b),
                        ConstOp::I64Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    };
                    [low, 0]
                }
            };
            stack.push(v);
        }
        stack.pop().unwrap_or_default()
    }
}
