//! Golden encodings of the loads and stores, pairs, literals, ordered and
//! exclusive accesses (see `tests.rs`).

use super::insn_mem::IndexExtend;
use super::reg::Width::{W32, W64};
use super::tests::{Case, FP, LR, SP, X0, X1, X2, X3, X4, X5, X6, X7, X19, X20, ZR, check, index};
use super::{Address, FpSize, Load, PairAddress, Size, V};
use crate::jit::code_buffer::Assemble;

const CASES: &[Case] = &[
    // ---- loads and stores
    (
        |a| a.load(Load::LdrX, X0, Address::Scaled(X1, 0)),
        "20 00 40 f9",
        "ldr x0, [x1]",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::Scaled(SP, 32760)),
        "e0 ff 7f f9",
        "ldr x0, [sp, #32760]",
    ),
    (
        |a| a.load(Load::LdrW, X2, Address::Scaled(X3, 16380)),
        "62 fc 7f b9",
        "ldr w2, [x3, #16380]",
    ),
    (
        |a| a.load(Load::Ldrh, X4, Address::Scaled(X5, 8190)),
        "a4 fc 7f 79",
        "ldrh w4, [x5, #8190]",
    ),
    (
        |a| a.load(Load::Ldrb, X6, Address::Scaled(X7, 4095)),
        "e6 fc 7f 39",
        "ldrb w6, [x7, #4095]",
    ),
    (
        |a| a.load(Load::LdrsbW, X0, Address::Scaled(X1, 1)),
        "20 04 c0 39",
        "ldrsb w0, [x1, #1]",
    ),
    (
        |a| a.load(Load::LdrsbX, X0, Address::Scaled(X1, 0)),
        "20 00 80 39",
        "ldrsb x0, [x1]",
    ),
    (
        |a| a.load(Load::LdrshW, X0, Address::Scaled(X1, 2)),
        "20 04 c0 79",
        "ldrsh w0, [x1, #2]",
    ),
    (
        |a| a.load(Load::LdrshX, X0, Address::Scaled(X1, 4)),
        "20 08 80 79",
        "ldrsh x0, [x1, #4]",
    ),
    (
        |a| a.load(Load::Ldrsw, X0, Address::Scaled(X1, 8)),
        "20 08 80 b9",
        "ldrsw x0, [x1, #8]",
    ),
    (
        |a| a.load(Load::LdrX, ZR, Address::Scaled(X1, 8)),
        "3f 04 40 f9",
        "ldr xzr, [x1, #8]",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::Unscaled(X1, -8)),
        "20 80 5f f8",
        "ldur x0, [x1, #-8]",
    ),
    (
        |a| a.load(Load::LdrW, X0, Address::Unscaled(X1, 255)),
        "20 f0 4f b8",
        "ldur w0, [x1, #255]",
    ),
    (
        |a| a.load(Load::Ldrb, X0, Address::Unscaled(SP, -256)),
        "e0 03 50 38",
        "ldurb w0, [sp, #-256]",
    ),
    (
        |a| a.load(Load::Ldrh, X0, Address::Unscaled(X1, 1)),
        "20 10 40 78",
        "ldurh w0, [x1, #1]",
    ),
    (
        |a| a.load(Load::LdrsbX, X0, Address::Unscaled(X1, -1)),
        "20 f0 9f 38",
        "ldursb x0, [x1, #-1]",
    ),
    (
        |a| a.load(Load::LdrshW, X0, Address::Unscaled(X1, -2)),
        "20 e0 df 78",
        "ldursh w0, [x1, #-2]",
    ),
    (
        |a| a.load(Load::Ldrsw, X0, Address::Unscaled(X1, 3)),
        "20 30 80 b8",
        "ldursw x0, [x1, #3]",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::indexed(X1, X2, true)),
        "20 78 62 f8",
        "ldr x0, [x1, x2, lsl #3]",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::indexed(X1, X2, false)),
        "20 68 62 f8",
        "ldr x0, [x1, x2]",
    ),
    (
        |a| a.load(Load::LdrW, X0, index(X1, X2, IndexExtend::Uxtw, false)),
        "20 48 62 b8",
        "ldr w0, [x1, w2, uxtw]",
    ),
    (
        |a| a.load(Load::LdrW, X0, index(SP, X2, IndexExtend::Uxtw, true)),
        "e0 5b 62 b8",
        "ldr w0, [sp, w2, uxtw #2]",
    ),
    (
        |a| a.load(Load::Ldrh, X0, index(X1, X2, IndexExtend::Sxtw, true)),
        "20 d8 62 78",
        "ldrh w0, [x1, w2, sxtw #1]",
    ),
    (
        |a| a.load(Load::Ldrb, X0, index(X1, X2, IndexExtend::Uxtw, false)),
        "20 48 62 38",
        "ldrb w0, [x1, w2, uxtw]",
    ),
    (
        |a| a.load(Load::LdrsbW, X0, Address::indexed(X1, X2, true)),
        "20 78 e2 38",
        "ldrsb w0, [x1, x2, lsl #0]",
    ),
    (
        |a| a.load(Load::Ldrsw, X0, index(X1, X2, IndexExtend::Sxtx, true)),
        "20 f8 a2 b8",
        "ldrsw x0, [x1, x2, sxtx #2]",
    ),
    (
        |a| a.load(Load::LdrshX, X3, index(X4, X5, IndexExtend::Sxtw, false)),
        "83 c8 a5 78",
        "ldrsh x3, [x4, w5, sxtw]",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::PreIndex(SP, -16)),
        "e0 0f 5f f8",
        "ldr x0, [sp, #-16]!",
    ),
    (
        |a| a.load(Load::LdrX, X0, Address::PostIndex(X1, 8)),
        "20 84 40 f8",
        "ldr x0, [x1], #8",
    ),
    (
        |a| a.load(Load::LdrW, X0, Address::PostIndex(X1, -256)),
        "20 04 50 b8",
        "ldr w0, [x1], #-256",
    ),
    (
        |a| a.load(Load::Ldrb, X0, Address::PreIndex(X1, 255)),
        "20 fc 4f 38",
        "ldrb w0, [x1, #255]!",
    ),
    (
        |a| a.store(Size::X, X0, Address::Scaled(X1, 8)),
        "20 04 00 f9",
        "str x0, [x1, #8]",
    ),
    (
        |a| a.store(Size::W, ZR, Address::Scaled(SP, 4)),
        "ff 07 00 b9",
        "str wzr, [sp, #4]",
    ),
    (
        |a| a.store(Size::H, X0, Address::Scaled(X1, 2)),
        "20 04 00 79",
        "strh w0, [x1, #2]",
    ),
    (
        |a| a.store(Size::B, X0, Address::Scaled(X1, 0)),
        "20 00 00 39",
        "strb w0, [x1]",
    ),
    (
        |a| a.store(Size::X, X0, Address::Scaled(X1, 32760)),
        "20 fc 3f f9",
        "str x0, [x1, #32760]",
    ),
    (
        |a| a.store(Size::X, X0, Address::Unscaled(X1, -1)),
        "20 f0 1f f8",
        "stur x0, [x1, #-1]",
    ),
    (
        |a| a.store(Size::B, X0, Address::Unscaled(X1, -256)),
        "20 00 10 38",
        "sturb w0, [x1, #-256]",
    ),
    (
        |a| a.store(Size::H, X0, Address::Unscaled(X1, 255)),
        "20 f0 0f 78",
        "sturh w0, [x1, #255]",
    ),
    (
        |a| a.store(Size::W, X0, Address::Unscaled(SP, -4)),
        "e0 c3 1f b8",
        "stur w0, [sp, #-4]",
    ),
    (
        |a| a.store(Size::X, X0, Address::indexed(X1, X2, true)),
        "20 78 22 f8",
        "str x0, [x1, x2, lsl #3]",
    ),
    (
        |a| a.store(Size::B, X0, index(X1, X2, IndexExtend::Sxtw, false)),
        "20 c8 22 38",
        "strb w0, [x1, w2, sxtw]",
    ),
    (
        |a| a.store(Size::W, X0, index(X1, X2, IndexExtend::Uxtw, true)),
        "20 58 22 b8",
        "str w0, [x1, w2, uxtw #2]",
    ),
    (
        |a| a.store(Size::H, X0, Address::indexed(X1, X2, false)),
        "20 68 22 78",
        "strh w0, [x1, x2]",
    ),
    (
        |a| a.store(Size::X, FP, Address::PreIndex(SP, -16)),
        "fd 0f 1f f8",
        "str x29, [sp, #-16]!",
    ),
    (
        |a| a.store(Size::X, X0, Address::PostIndex(SP, 16)),
        "e0 07 01 f8",
        "str x0, [sp], #16",
    ),
    // ---- floating-point loads and stores
    (
        |a| a.load_fp(FpSize::S, V(0), Address::Scaled(X1, 4)),
        "20 04 40 bd",
        "ldr s0, [x1, #4]",
    ),
    (
        |a| a.load_fp(FpSize::D, V(31), Address::Scaled(SP, 32760)),
        "ff ff 7f fd",
        "ldr d31, [sp, #32760]",
    ),
    (
        |a| a.load_fp(FpSize::Q, V(2), Address::Scaled(X3, 65520)),
        "62 fc ff 3d",
        "ldr q2, [x3, #65520]",
    ),
    (
        |a| a.store_fp(FpSize::S, V(1), Address::Scaled(X2, 16380)),
        "41 fc 3f bd",
        "str s1, [x2, #16380]",
    ),
    (
        |a| a.store_fp(FpSize::D, V(8), Address::Scaled(X0, 0)),
        "08 00 00 fd",
        "str d8, [x0]",
    ),
    (
        |a| a.store_fp(FpSize::Q, V(9), Address::Scaled(X1, 16)),
        "29 04 80 3d",
        "str q9, [x1, #16]",
    ),
    (
        |a| a.load_fp(FpSize::D, V(0), Address::Unscaled(X1, -8)),
        "20 80 5f fc",
        "ldur d0, [x1, #-8]",
    ),
    (
        |a| a.store_fp(FpSize::Q, V(0), Address::Unscaled(X1, 1)),
        "20 10 80 3c",
        "stur q0, [x1, #1]",
    ),
    (
        |a| a.load_fp(FpSize::S, V(0), Address::Unscaled(X1, 255)),
        "20 f0 4f bc",
        "ldur s0, [x1, #255]",
    ),
    (
        |a| a.load_fp(FpSize::D, V(0), Address::indexed(X1, X2, true)),
        "20 78 62 fc",
        "ldr d0, [x1, x2, lsl #3]",
    ),
    (
        |a| a.load_fp(FpSize::Q, V(0), index(X1, X2, IndexExtend::Uxtw, true)),
        "20 58 e2 3c",
        "ldr q0, [x1, w2, uxtw #4]",
    ),
    (
        |a| a.store_fp(FpSize::S, V(3), index(X1, X2, IndexExtend::Sxtw, false)),
        "23 c8 22 bc",
        "str s3, [x1, w2, sxtw]",
    ),
    (
        |a| a.store_fp(FpSize::D, V(0), Address::PreIndex(SP, -16)),
        "e0 0f 1f fc",
        "str d0, [sp, #-16]!",
    ),
    (
        |a| a.load_fp(FpSize::Q, V(1), Address::PostIndex(X0, 32)),
        "01 04 c2 3c",
        "ldr q1, [x0], #32",
    ),
    // ---- pairs
    (
        |a| a.store_pair(W64, FP, LR, PairAddress::PreIndex(SP, -16)),
        "fd 7b bf a9",
        "stp x29, x30, [sp, #-16]!",
    ),
    (
        |a| a.load_pair(W64, FP, LR, PairAddress::PostIndex(SP, 16)),
        "fd 7b c1 a8",
        "ldp x29, x30, [sp], #16",
    ),
    (
        |a| a.store_pair(W64, X19, X20, PairAddress::Offset(SP, 16)),
        "f3 53 01 a9",
        "stp x19, x20, [sp, #16]",
    ),
    (
        |a| a.load_pair(W64, X0, X1, PairAddress::Offset(X2, -512)),
        "40 04 60 a9",
        "ldp x0, x1, [x2, #-512]",
    ),
    (
        |a| a.load_pair(W64, X0, X1, PairAddress::Offset(X2, 504)),
        "40 84 5f a9",
        "ldp x0, x1, [x2, #504]",
    ),
    (
        |a| a.store_pair(W64, ZR, ZR, PairAddress::Offset(X0, 0)),
        "1f 7c 00 a9",
        "stp xzr, xzr, [x0]",
    ),
    (
        |a| a.store_pair(W32, X0, X1, PairAddress::Offset(X2, -4)),
        "40 84 3f 29",
        "stp w0, w1, [x2, #-4]",
    ),
    (
        |a| a.load_pair(W32, X0, X1, PairAddress::PreIndex(X2, 252)),
        "40 84 df 29",
        "ldp w0, w1, [x2, #252]!",
    ),
    (
        |a| a.store_pair_fp(FpSize::D, V(8), V(9), PairAddress::PreIndex(SP, -64)),
        "e8 27 bc 6d",
        "stp d8, d9, [sp, #-64]!",
    ),
    (
        |a| a.load_pair_fp(FpSize::D, V(8), V(9), PairAddress::PostIndex(SP, 64)),
        "e8 27 c4 6c",
        "ldp d8, d9, [sp], #64",
    ),
    (
        |a| a.store_pair_fp(FpSize::D, V(10), V(11), PairAddress::Offset(SP, 16)),
        "ea 2f 01 6d",
        "stp d10, d11, [sp, #16]",
    ),
    (
        |a| a.load_pair_fp(FpSize::S, V(0), V(1), PairAddress::Offset(X0, 8)),
        "00 04 41 2d",
        "ldp s0, s1, [x0, #8]",
    ),
    (
        |a| a.store_pair_fp(FpSize::Q, V(0), V(1), PairAddress::Offset(X0, -1024)),
        "00 04 20 ad",
        "stp q0, q1, [x0, #-1024]",
    ),
    // ---- literals
    (
        |a| {
            let l = a.label();
            a.load_literal(W64, X0, l);
            a.nop();
            a.bind(l);
        },
        "40 00 00 58 1f 20 03 d5",
        "ldr x0, #8; nop",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.load_literal(W32, X1, l);
        },
        "01 00 00 18",
        "ldr w1, #0",
    ),
    (
        |a| {
            let l = a.label();
            a.load_literal_fp(FpSize::D, V(0), l);
            a.bind(l);
        },
        "20 00 00 5c",
        "ldr d0, #4",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.load_literal_fp(FpSize::Q, V(1), l);
        },
        "1f 20 03 d5 e1 ff ff 9c",
        "nop; ldr q1, #-4",
    ),
    (
        |a| {
            let l = a.label();
            a.load_literal_fp(FpSize::S, V(2), l);
            a.bind(l);
        },
        "22 00 00 1c",
        "ldr s2, #4",
    ),
    // ---- ordered and exclusive accesses, barriers
    (|a| a.ldar(Size::X, X0, X1), "20 fc df c8", "ldar x0, [x1]"),
    (|a| a.ldar(Size::W, X0, SP), "e0 ff df 88", "ldar w0, [sp]"),
    (|a| a.ldar(Size::B, X0, X1), "20 fc df 08", "ldarb w0, [x1]"),
    (|a| a.ldar(Size::H, X0, X1), "20 fc df 48", "ldarh w0, [x1]"),
    (|a| a.stlr(Size::X, X0, X1), "20 fc 9f c8", "stlr x0, [x1]"),
    (|a| a.stlr(Size::W, X2, X3), "62 fc 9f 88", "stlr w2, [x3]"),
    (|a| a.stlr(Size::B, X0, X1), "20 fc 9f 08", "stlrb w0, [x1]"),
    (
        |a| a.stlr(Size::H, ZR, SP),
        "ff ff 9f 48",
        "stlrh wzr, [sp]",
    ),
    (
        |a| a.ldaxr(Size::X, X0, X1),
        "20 fc 5f c8",
        "ldaxr x0, [x1]",
    ),
    (
        |a| a.ldaxr(Size::W, X0, X1),
        "20 fc 5f 88",
        "ldaxr w0, [x1]",
    ),
    (
        |a| a.ldaxr(Size::B, X0, X1),
        "20 fc 5f 08",
        "ldaxrb w0, [x1]",
    ),
    (
        |a| a.ldaxr(Size::H, X0, X1),
        "20 fc 5f 48",
        "ldaxrh w0, [x1]",
    ),
    (
        |a| a.stlxr(Size::X, X2, X0, X1),
        "20 fc 02 c8",
        "stlxr w2, x0, [x1]",
    ),
    (
        |a| a.stlxr(Size::W, X3, X4, SP),
        "e4 ff 03 88",
        "stlxr w3, w4, [sp]",
    ),
    (
        |a| a.stlxr(Size::B, X0, X1, X2),
        "41 fc 00 08",
        "stlxrb w0, w1, [x2]",
    ),
    (
        |a| a.stlxr(Size::H, X0, X1, X2),
        "41 fc 00 48",
        "stlxrh w0, w1, [x2]",
    ),
    (|a| a.dmb_ish(), "bf 3b 03 d5", "dmb ish"),
];

#[test]
fn memory_instructions_encode_as_llvm_does() {
    check(CASES);
}
