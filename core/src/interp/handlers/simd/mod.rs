//! The SIMD handlers (`v128`), one per opcode, each shaped by its format:
//! a macro per format reads the operands (every one before the result is
//! written: a destination may overlap an operand), applies the opcode's
//! kernel — a plain function over lane arrays (`[i32; 4]`, `[f32; 4]`, ...,
//! or `u128` for the bitwise ones), whose parameter types choose how the
//! operands are read — and writes the result (docs/architecture.md, "SIMD").
//! The arrays are read from and written to the frame as they are
//! (`rd_lanes`). On x86_64 a line may name an `x86:` twin over SSE2
//! intrinsics, which runs instead (see [`kernel!`]).

#![allow(clippy::unnecessary_cast)]

mod convert;
mod float;
mod int_small;
mod int_wide;
mod lanes;
mod mask;
mod memory;
mod relaxed;
#[cfg(all(test, target_arch = "x86_64", target_feature = "sse2", not(miri)))]
mod twin;
mod vector;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
mod x86;

pub(crate) use convert::*;
pub(crate) use float::*;
pub(crate) use int_small::*;
pub(crate) use int_wide::*;
pub(crate) use lanes::*;
pub(crate) use mask::*;
pub(crate) use memory::*;
pub(crate) use relaxed::*;

/// The kernel a handler line names: its portable one, or its `x86:` twin
/// (SSE2 intrinsics over `__m128i`/`__m128`/`__m128d`) when it has one and
/// the target is x86_64 with SSE2, outside Miri. LLVM does not vectorize
/// the portable lane code in the release build (the CLI, which links
/// everything with LTO, is optimized for size, and at that level rustc
/// runs no vectorizer), so a twin is one instruction where the lane code is
/// up to sixteen.
macro_rules! kernel {
    ($portable:expr) => {
        $portable
    };
    ($portable:expr, $x86:expr) => {{
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2", not(miri)))]
        let kernel = $x86;
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2", not(miri))))]
        let kernel = $portable;
        kernel
    }};
}

/// A test that a handler line's `x86:` twin computes what its portable
/// kernel does, with `check` from `twin.rs` (edge lanes and pseudo-random
/// inputs): the same bits, or for a line written `x86(nan_f32): …` /
/// `x86(nan_f64): …` the same bits but in lanes where both are NaNs (float
/// arithmetic may return either operand's NaN, and LLVM may swap the
/// operands of a commutative scalar operation).
macro_rules! x86_twin {
    ($name:ident, $check:ident, $portable:expr, $x86:expr) => {
        super::x86_twin!($name, $check, $portable, $x86, same_bits);
    };
    ($name:ident, $check:ident, $portable:expr, $x86:expr, $same:ident) => {
        #[cfg(all(test, target_arch = "x86_64", target_feature = "sse2", not(miri)))]
        #[allow(non_snake_case)]
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use core::arch::x86_64::*;

            #[test]
            #[allow(unused_unsafe, clippy::undocumented_unsafe_blocks)]
            fn x86_twin_matches_portable() {
                use crate::interp::handlers::simd::twin;
                // Intrinsics of the target's baseline (SSE2).
                unsafe { twin::$check($portable, $x86, twin::$same) }
            }
        }
    };
}

/// `a = kernel(b)` over pairs, each seen as the kernel's lane type.
macro_rules! simd_un {
    ($($name:ident => $portable:expr $(, x86 $(($nan:ident))?: $x86:expr)?;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kernel = super::kernel!($portable $(, $x86)?);
            let v = rd_lanes(fp, i.b);
            wr_lanes(fp, i.a, kernel(v));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
        $(super::x86_twin!($name, check_un, $portable, $x86 $(, $nan)?);)?
    )*};
}

/// `a = kernel(b, c)` over pairs.
macro_rules! simd_bin {
    ($($name:ident => $portable:expr $(, x86 $(($nan:ident))?: $x86:expr)?;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kernel = super::kernel!($portable $(, $x86)?);
            let (x, y) = (rd_lanes(fp, i.b), rd_lanes(fp, i.c));
            wr_lanes(fp, i.a, kernel(x, y));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
        $(super::x86_twin!($name, check_bin, $portable, $x86 $(, $nan)?);)?
    )*};
}

/// `a = kernel(b, c, data.a)` over pairs.
macro_rules! simd_ternary {
    ($($name:ident => $portable:expr $(, x86 $(($nan:ident))?: $x86:expr)?;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kernel = super::kernel!($portable $(, $x86)?);
            let third = (*ip.add(1)).instr.a;
            let (x, y, z) = (rd_lanes(fp, i.b), rd_lanes(fp, i.c), rd_lanes(fp, third));
            wr_lanes(fp, i.a, kernel(x, y, z));
            next!(ip.add(2), fp, cx, mem, len, acc, iacc)
        });
        $(super::x86_twin!($name, check_ternary, $portable, $x86 $(, $nan)?);)?
    )*};
}

/// `a = kernel(b, count)`: a pair shifted by the `i32` in slot `c`.
macro_rules! simd_shift {
    ($($name:ident => $portable:expr $(, x86 $(($nan:ident))?: $x86:expr)?;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kernel = super::kernel!($portable $(, $x86)?);
            let (x, n) = (rd_lanes(fp, i.b), rd(fp, i.c) as u32);
            wr_lanes(fp, i.a, kernel(x, n));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
        $(super::x86_twin!($name, check_shift, $portable, $x86 $(, $nan)?);)?
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
    ($($name:ident => $portable:expr $(, x86 $(($nan:ident))?: $x86:expr)?;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kernel = super::kernel!($portable $(, $x86)?);
            let x = rd_lanes(fp, i.b);
            wr(fp, i.a, kernel(x, i.c as usize));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
        $(super::x86_twin!($name, check_scalar, $portable, $x86 $(, $nan)?);)?
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
    kernel, simd_bin, simd_replace, simd_scalar, simd_shift, simd_splat, simd_ternary, simd_un,
    x86_twin,
};
