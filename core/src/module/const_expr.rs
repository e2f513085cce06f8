//! Constant expressions: global initializers, segment offsets and elements.

use crate::error::Error;
use crate::index::{FuncIndex, GlobalIndex, TypeIndex};
use alloc::vec::Vec;

/// `v128.const`'s opcode after the `0xfd` prefix.
const V128_CONST: u32 = 12;

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
    /// A GC allocation (the GC proposal's constant operators).
    Alloc(GcConst),
    /// `ref.i31` of the `i32` on top.
    RefI31,
}

/// A GC allocation in a constant expression, by the type it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GcConst {
    /// `struct.new`: the fields are on the stack.
    StructNew(TypeIndex),
    /// `struct.new_default`.
    StructNewDefault(TypeIndex),
    /// `array.new`: the initial value and the length are on the stack.
    ArrayNew(TypeIndex),
    /// `array.new_default`: the length is on the stack.
    ArrayNewDefault(TypeIndex),
    /// `array.new_fixed` of this many elements, which are on the stack.
    ArrayNewFixed(TypeIndex, u32),
}

/// What evaluating a constant expression needs from the instance being
/// built.
pub(crate) trait ConstEnv {
    /// The value of global `g` (slot encoding).
    fn global(&self, g: GlobalIndex) -> [u64; 2];
    /// The reference to function `f`.
    fn func(&self, f: FuncIndex) -> u64;
    /// Performs allocation `op`, popping its operands from `stack`; the
    /// new reference.
    fn allocate(&mut self, op: GcConst, stack: &mut Vec<[u64; 2]>) -> Result<u64, Error>;
}

/// A validated constant expression, evaluated at instantiation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConstExpr(pub(super) Vec<ConstOp>);

impl ConstExpr {
    /// A constant expression that only pushes `func`'s reference.
    pub(crate) fn ref_func(func: u32) -> Self {
        Self(alloc::vec![ConstOp::RefFunc(FuncIndex::from_u32(func))])
    }

    /// Reads a (validated) constant expression.
    ///
    /// The few operators a constant expression may hold are decoded here
    /// with wasmparser's reader primitives rather than through its operator
    /// decoder (`OperatorsReader::read`), whose every use instantiates the
    /// whole decoder for all operators again (about 25 KB of code); the
    /// validator has checked the expression already.
    pub(crate) fn read(expr: &wasmparser::ConstExpr<'_>) -> Result<Self, Error> {
        let mut ops = Vec::new();
        let mut reader = expr.get_binary_reader();
        loop {
            let offset = reader.original_position() as usize;
            let op = match reader.read_u8()? {
                0x0b => break,
                0x41 => ConstOp::Value(reader.read_var_i32()? as u32 as u128),
                0x42 => ConstOp::Value(reader.read_var_i64()? as u64 as u128),
                0x43 => ConstOp::Value(reader.read_f32()?.bits() as u128),
                0x44 => ConstOp::Value(reader.read_f64()?.bits() as u128),
                0xfd if reader.read_var_u32()? == V128_CONST => {
                    let bytes: [u8; 16] = reader.read_bytes(16)?.try_into().unwrap_or_default();
                    ConstOp::Value(u128::from_le_bytes(bytes))
                }
                0xd0 => {
                    reader.read::<wasmparser::HeapType>()?;
                    ConstOp::Value(0)
                }
                0xd2 => ConstOp::RefFunc(FuncIndex::from_u32(reader.read_var_u32()?)),
                0x23 => ConstOp::GlobalGet(GlobalIndex::from_u32(reader.read_var_u32()?)),
                0x6a => ConstOp::I32Add,
                0x6b => ConstOp::I32Sub,
                0x6c => ConstOp::I32Mul,
                0x7c => ConstOp::I64Add,
                0x7d => ConstOp::I64Sub,
                0x7e => ConstOp::I64Mul,
                0xfb => {
                    let sub = reader.read_var_u32()?;
                    let mut ty = || reader.read_var_u32().map(TypeIndex::from_u32);
                    match sub {
                        0x00 => ConstOp::Alloc(GcConst::StructNew(ty()?)),
                        0x01 => ConstOp::Alloc(GcConst::StructNewDefault(ty()?)),
                        0x06 => ConstOp::Alloc(GcConst::ArrayNew(ty()?)),
                        0x07 => ConstOp::Alloc(GcConst::ArrayNewDefault(ty()?)),
                        0x08 => {
                            let t = ty()?;
                            ConstOp::Alloc(GcConst::ArrayNewFixed(t, reader.read_var_u32()?))
                        }
                        0x1c => ConstOp::RefI31,
                        // `any.convert_extern`, `extern.convert_any`: the two
                        // hierarchies share one encoding.
                        0x1a | 0x1b => continue,
                        _ => {
                            return Err(Error::compile(
                                alloc::format!(
                                    "unsupported constant expression operator (opcode 0xfb {sub:#04x})"
                                ),
                                offset,
                            ));
                        }
                    }
                }
                opcode => {
                    return Err(Error::compile(
                        alloc::format!(
                            "unsupported constant expression operator (opcode {opcode:#04x})"
                        ),
                        offset,
                    ));
                }
            };
            ops.push(op);
        }
        Ok(Self(ops))
    }

    /// Evaluates an expression that allocates nothing (an offset, or any
    /// expression of a module without GC types); `global` reads a global of
    /// the instance being built and `func` makes a function reference.
    pub(crate) fn eval_simple(
        &self,
        global: impl Fn(GlobalIndex) -> [u64; 2],
        func: impl Fn(FuncIndex) -> u64,
    ) -> [u64; 2] {
        struct Simple<G, F>(G, F);
        impl<G: Fn(GlobalIndex) -> [u64; 2], F: Fn(FuncIndex) -> u64> ConstEnv for Simple<G, F> {
            fn global(&self, g: GlobalIndex) -> [u64; 2] {
                (self.0)(g)
            }
            fn func(&self, f: FuncIndex) -> u64 {
                (self.1)(f)
            }
            fn allocate(&mut self, _: GcConst, _: &mut Vec<[u64; 2]>) -> Result<u64, Error> {
                Err(Error::compile("an allocation where none is expected", 0))
            }
        }
        self.eval(&mut Simple(global, func)).unwrap_or_default()
    }

    /// Evaluates the expression to its slot encoding (the first word, or
    /// both for a `v128`), with `env` the instance being built; an error
    /// when an allocation finds no room.
    pub(crate) fn eval(&self, env: &mut dyn ConstEnv) -> Result<[u64; 2], Error> {
        let mut stack: Vec<[u64; 2]> = Vec::with_capacity(4);
        for op in &self.0 {
            let v = match *op {
                ConstOp::Value(v) => [v as u64, (v >> 64) as u64],
                ConstOp::RefFunc(f) => [env.func(f), 0],
                ConstOp::GlobalGet(g) => env.global(g),
                ConstOp::Alloc(alloc) => [env.allocate(alloc, &mut stack)?, 0],
                ConstOp::RefI31 => {
                    let x = stack.pop().unwrap_or_default()[0];
                    [crate::gc::i31_ref(x as u32), 0]
                }
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
        Ok(stack.pop().unwrap_or_default())
    }
}
