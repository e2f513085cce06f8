//! Golden encodings of the floating-point instructions and the vector
//! forms (see `tests.rs`).

use super::reg::Width::{W32, W64};
use super::tests::{Case, X0, X1, X2, X3, ZR, check};
use super::{Cond, FpArith, FpImm, FpUnary, Precision, V};

/// An `fmov` immediate known to be one.
fn fp32(value: f32) -> FpImm {
    FpImm::from_f32(value).unwrap()
}

/// An `fmov` immediate known to be one.
fn fp64(value: f64) -> FpImm {
    FpImm::from_f64(value).unwrap()
}

const CASES: &[Case] = &[
    // ---- floating point
    (
        |a| a.fmov(Precision::S, V(0), V(1)),
        "20 40 20 1e",
        "fmov s0, s1",
    ),
    (
        |a| a.fmov(Precision::D, V(31), V(30)),
        "df 43 60 1e",
        "fmov d31, d30",
    ),
    (
        |a| a.fmov_from_gpr(W32, V(0), X1),
        "20 00 27 1e",
        "fmov s0, w1",
    ),
    (
        |a| a.fmov_from_gpr(W64, V(2), X3),
        "62 00 67 9e",
        "fmov d2, x3",
    ),
    (
        |a| a.fmov_from_gpr(W64, V(0), ZR),
        "e0 03 67 9e",
        "fmov d0, xzr",
    ),
    (
        |a| a.fmov_to_gpr(W32, X0, V(1)),
        "20 00 26 1e",
        "fmov w0, s1",
    ),
    (
        |a| a.fmov_to_gpr(W64, X2, V(3)),
        "62 00 66 9e",
        "fmov x2, d3",
    ),
    (
        |a| a.fmov_imm(Precision::D, V(0), fp64(1.0)),
        "00 10 6e 1e",
        "fmov d0, #1.0",
    ),
    (
        |a| a.fmov_imm(Precision::S, V(1), fp32(-2.0)),
        "01 10 30 1e",
        "fmov s1, #-2.0",
    ),
    (
        |a| a.fmov_imm(Precision::D, V(2), fp64(0.125)),
        "02 10 68 1e",
        "fmov d2, #0.125",
    ),
    (
        |a| a.fmov_imm(Precision::S, V(3), fp32(31.0)),
        "03 f0 27 1e",
        "fmov s3, #31.0",
    ),
    (
        |a| a.fmov_imm(Precision::D, V(4), fp64(-1.9375)),
        "04 f0 7f 1e",
        "fmov d4, #-1.9375",
    ),
    (
        |a| a.fmov_imm(Precision::S, V(5), fp32(0.5)),
        "05 10 2c 1e",
        "fmov s5, #0.5",
    ),
    (
        |a| a.fp_arith(FpArith::Mul, Precision::S, V(0), V(1), V(2)),
        "20 08 22 1e",
        "fmul s0, s1, s2",
    ),
    (
        |a| a.fp_arith(FpArith::Div, Precision::D, V(0), V(1), V(2)),
        "20 18 62 1e",
        "fdiv d0, d1, d2",
    ),
    (
        |a| a.fp_arith(FpArith::Add, Precision::S, V(3), V(4), V(5)),
        "83 28 25 1e",
        "fadd s3, s4, s5",
    ),
    (
        |a| a.fp_arith(FpArith::Add, Precision::D, V(31), V(30), V(29)),
        "df 2b 7d 1e",
        "fadd d31, d30, d29",
    ),
    (
        |a| a.fp_arith(FpArith::Sub, Precision::D, V(6), V(7), V(8)),
        "e6 38 68 1e",
        "fsub d6, d7, d8",
    ),
    (
        |a| a.fp_arith(FpArith::Max, Precision::S, V(0), V(1), V(2)),
        "20 48 22 1e",
        "fmax s0, s1, s2",
    ),
    (
        |a| a.fp_arith(FpArith::Min, Precision::D, V(0), V(1), V(2)),
        "20 58 62 1e",
        "fmin d0, d1, d2",
    ),
    (
        |a| a.fp_arith(FpArith::MaxNm, Precision::D, V(0), V(1), V(2)),
        "20 68 62 1e",
        "fmaxnm d0, d1, d2",
    ),
    (
        |a| a.fp_arith(FpArith::MinNm, Precision::S, V(0), V(1), V(2)),
        "20 78 22 1e",
        "fminnm s0, s1, s2",
    ),
    (
        |a| a.fp_arith(FpArith::Nmul, Precision::D, V(0), V(1), V(2)),
        "20 88 62 1e",
        "fnmul d0, d1, d2",
    ),
    (
        |a| a.fp_unary(FpUnary::Abs, Precision::S, V(0), V(1)),
        "20 c0 20 1e",
        "fabs s0, s1",
    ),
    (
        |a| a.fp_unary(FpUnary::Neg, Precision::D, V(0), V(1)),
        "20 40 61 1e",
        "fneg d0, d1",
    ),
    (
        |a| a.fp_unary(FpUnary::Sqrt, Precision::S, V(2), V(3)),
        "62 c0 21 1e",
        "fsqrt s2, s3",
    ),
    (
        |a| a.fp_unary(FpUnary::Sqrt, Precision::D, V(2), V(3)),
        "62 c0 61 1e",
        "fsqrt d2, d3",
    ),
    (
        |a| a.fp_unary(FpUnary::RintN, Precision::D, V(0), V(1)),
        "20 40 64 1e",
        "frintn d0, d1",
    ),
    (
        |a| a.fp_unary(FpUnary::RintP, Precision::S, V(0), V(1)),
        "20 c0 24 1e",
        "frintp s0, s1",
    ),
    (
        |a| a.fp_unary(FpUnary::RintM, Precision::D, V(0), V(1)),
        "20 40 65 1e",
        "frintm d0, d1",
    ),
    (
        |a| a.fp_unary(FpUnary::RintZ, Precision::S, V(0), V(1)),
        "20 c0 25 1e",
        "frintz s0, s1",
    ),
    (
        |a| a.fp_unary(FpUnary::RintZ, Precision::D, V(4), V(5)),
        "a4 c0 65 1e",
        "frintz d4, d5",
    ),
    (
        |a| a.fcvt(Precision::D, V(0), V(1)),
        "20 c0 22 1e",
        "fcvt d0, s1",
    ),
    (
        |a| a.fcvt(Precision::S, V(0), V(1)),
        "20 40 62 1e",
        "fcvt s0, d1",
    ),
    (
        |a| a.fcmp(Precision::S, V(0), V(1)),
        "00 20 21 1e",
        "fcmp s0, s1",
    ),
    (
        |a| a.fcmp(Precision::D, V(2), V(3)),
        "40 20 63 1e",
        "fcmp d2, d3",
    ),
    (
        |a| a.fcmp_zero(Precision::S, V(4)),
        "88 20 20 1e",
        "fcmp s4, #0.0",
    ),
    (
        |a| a.fcmp_zero(Precision::D, V(5)),
        "a8 20 60 1e",
        "fcmp d5, #0.0",
    ),
    (
        |a| a.fcsel(Precision::S, V(0), V(1), V(2), Cond::Eq),
        "20 0c 22 1e",
        "fcsel s0, s1, s2, eq",
    ),
    (
        |a| a.fcsel(Precision::D, V(0), V(1), V(2), Cond::Lt),
        "20 bc 62 1e",
        "fcsel d0, d1, d2, lt",
    ),
    (
        |a| a.scvtf(Precision::D, W64, V(0), X1),
        "20 00 62 9e",
        "scvtf d0, x1",
    ),
    (
        |a| a.scvtf(Precision::S, W32, V(0), X1),
        "20 00 22 1e",
        "scvtf s0, w1",
    ),
    (
        |a| a.scvtf(Precision::D, W32, V(0), X1),
        "20 00 62 1e",
        "scvtf d0, w1",
    ),
    (
        |a| a.scvtf(Precision::S, W64, V(0), X1),
        "20 00 22 9e",
        "scvtf s0, x1",
    ),
    (
        |a| a.ucvtf(Precision::D, W64, V(0), X1),
        "20 00 63 9e",
        "ucvtf d0, x1",
    ),
    (
        |a| a.ucvtf(Precision::S, W32, V(2), X3),
        "62 00 23 1e",
        "ucvtf s2, w3",
    ),
    (
        |a| a.fcvtzs(W32, Precision::S, X0, V(1)),
        "20 00 38 1e",
        "fcvtzs w0, s1",
    ),
    (
        |a| a.fcvtzs(W64, Precision::D, X0, V(1)),
        "20 00 78 9e",
        "fcvtzs x0, d1",
    ),
    (
        |a| a.fcvtzs(W64, Precision::S, X0, V(1)),
        "20 00 38 9e",
        "fcvtzs x0, s1",
    ),
    (
        |a| a.fcvtzs(W32, Precision::D, X0, V(1)),
        "20 00 78 1e",
        "fcvtzs w0, d1",
    ),
    (
        |a| a.fcvtzu(W32, Precision::D, X0, V(1)),
        "20 00 79 1e",
        "fcvtzu w0, d1",
    ),
    (
        |a| a.fcvtzu(W64, Precision::S, X2, V(3)),
        "62 00 39 9e",
        "fcvtzu x2, s3",
    ),
    (|a| a.cnt_8b(V(0), V(1)), "20 58 20 0e", "cnt v0.8b, v1.8b"),
    (
        |a| a.cnt_8b(V(31), V(31)),
        "ff 5b 20 0e",
        "cnt v31.8b, v31.8b",
    ),
    (|a| a.addv_8b(V(0), V(1)), "20 b8 31 0e", "addv b0, v1.8b"),
    (|a| a.umov_b(X0, V(1), 0), "20 3c 01 0e", "umov w0, v1.b[0]"),
    (
        |a| a.umov_b(X2, V(3), 15),
        "62 3c 1f 0e",
        "umov w2, v3.b[15]",
    ),
    (
        |a| a.mov_16b(V(0), V(1)),
        "20 1c a1 4e",
        "mov v0.16b, v1.16b",
    ),
    (
        |a| a.mov_16b(V(31), V(16)),
        "1f 1e b0 4e",
        "mov v31.16b, v16.16b",
    ),
];

#[test]
fn floating_point_instructions_encode_as_llvm_does() {
    check(CASES);
}
