//! The SIMD handlers (`v128`), one per opcode, each shaped by its format:
//! a macro per format reads the operands (every one before the result is
//! written: a destination may overlap an operand), applies the opcode's
//! kernel — a plain function over lane arrays (`[i32; 4]`, `[f32; 4]`, ...,
//! or `u128` for the bitwise ones), whose parameter types choose how the
//! operands are read — and writes the result (docs/architecture.md, "SIMD").
//! The arrays are read from and written to the frame as they are
//! ([`rd_lanes`]), which is what lets LLVM turn a lane-wise kernel into one
//! vector instruction.
//!
//! Opcodes not built yet are bound to [`stub`] in their family's file;
//! the translator never emits them.

#![allow(clippy::unnecessary_cast)]

mod convert;
mod float;
mod int_small;
mod int_wide;
mod lanes;
mod mask;
mod memory;
mod relaxed;
mod vector;

pub(crate) use convert::*;
pub(crate) use float::*;
pub(crate) use int_small::*;
pub(crate) use int_wide::*;
pub(crate) use lanes::*;
pub(crate) use mask::*;
pub(crate) use memory::*;
pub(crate) use relaxed::*;

use super::prelude::*;

handler!(stub, |i, ip, fp, cx, mem, len, acc, iacc| {
    trap(cx, ip, fp, TrapCode::Unreachable)
});

/// `a = kernel(b)` over pairs, each seen as the kernel's lane type.
macro_rules! simd_un {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let v = rd_lanes(fp, i.b);
            wr_lanes(fp, i.a, $kernel(v));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b, c)` over pairs.
macro_rules! simd_bin {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let (x, y) = (rd_lanes(fp, i.b), rd_lanes(fp, i.c));
            wr_lanes(fp, i.a, $kernel(x, y));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b, c, data.a)` over pairs.
macro_rules! simd_ternary {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let third = (*ip.add(1)).instr.a;
            let (x, y, z) = (rd_lanes(fp, i.b), rd_lanes(fp, i.c), rd_lanes(fp, third));
            wr_lanes(fp, i.a, $kernel(x, y, z));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b, count)`: a pair shifted by the `i32` in slot `c`.
macro_rules! simd_shift {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let (x, n) = (rd_lanes(fp, i.b), rd(fp, i.c) as u32);
            wr_lanes(fp, i.a, $kernel(x, n));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b)`: a pair made from the scalar in slot `b`.
macro_rules! simd_splat {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let x = rd(fp, i.b);
            wr_lanes(fp, i.a, $kernel(x));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b, c)`: a scalar (slot `a`) from a pair and an immediate
/// (a lane, or nothing).
macro_rules! simd_scalar {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let x = rd_lanes(fp, i.b);
            wr(fp, i.a, $kernel(x, i.c as usize));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `a = kernel(b, c, data.a)`: lane `c` of a pair replaced by a scalar.
macro_rules! simd_replace {
    ($($name:ident => $kernel:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let scalar = (*ip.add(1)).instr.a;
            let (x, s) = (rd_lanes(fp, i.b), rd(fp, scalar));
            wr_lanes(fp, i.a, $kernel(x, i.c as usize, s));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

pub(super) use {
    simd_bin, simd_replace, simd_scalar, simd_shift, simd_splat, simd_ternary, simd_un,
};
