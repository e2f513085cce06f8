//! Golden encodings of the integer instructions but branches (see
//! `tests.rs`).

use super::reg::Width::{W32, W64};
use super::tests::{
    Case, FP, LR, SP, X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X28, ZR, bitmask, check,
};
use super::{Arith, ArithImm, Bitfield, Cond, Extend, Logic, Select, Shift};

/// An arithmetic immediate known to fit.
fn imm(value: u64) -> ArithImm {
    ArithImm::new(value).unwrap()
}

const CASES: &[Case] = &[
    // ---- moves
    (|a| a.mov(W64, X0, X1), "e0 03 01 aa", "mov x0, x1"),
    (|a| a.mov(W32, X3, ZR), "e3 03 1f 2a", "mov w3, wzr"),
    (|a| a.mov(W64, SP, X0), "1f 00 00 91", "mov sp, x0"),
    (|a| a.mov(W64, FP, SP), "fd 03 00 91", "mov x29, sp"),
    (|a| a.mov(W32, SP, X5), "bf 00 00 11", "mov wsp, w5"),
    (
        |a| a.movz(W64, X0, 0x1234, 0),
        "80 46 82 d2",
        "movz x0, #0x1234",
    ),
    (
        |a| a.movz(W64, X1, 0xffff, 48),
        "e1 ff ff d2",
        "movz x1, #0xffff, lsl #48",
    ),
    (
        |a| a.movz(W32, X2, 1, 16),
        "22 00 a0 52",
        "movz w2, #1, lsl #16",
    ),
    (|a| a.movn(W64, X3, 0, 0), "03 00 80 92", "movn x3, #0"),
    (
        |a| a.movn(W32, X4, 0xabcd, 16),
        "a4 79 b5 12",
        "movn w4, #0xabcd, lsl #16",
    ),
    (
        |a| a.movn(W64, ZR, 1, 32),
        "3f 00 c0 92",
        "movn xzr, #1, lsl #32",
    ),
    (
        |a| a.movk(W64, X5, 0xbeef, 32),
        "e5 dd d7 f2",
        "movk x5, #0xbeef, lsl #32",
    ),
    (
        |a| a.movk(W32, LR, 0x8000, 0),
        "1e 00 90 72",
        "movk w30, #0x8000",
    ),
    (|a| a.mov_imm(W64, X0, 0), "00 00 80 d2", "mov x0, #0"),
    (
        |a| a.mov_imm(W64, X0, u64::MAX),
        "00 00 80 92",
        "mov x0, #-1",
    ),
    (
        |a| a.mov_imm(W32, X1, 0xffff_fffe),
        "21 00 80 12",
        "mov w1, #-2",
    ),
    (
        |a| a.mov_imm(W64, X2, 0x1234_0000_0000),
        "82 46 c2 d2",
        "mov x2, #0x123400000000",
    ),
    (
        |a| a.mov_imm(W64, X3, 0x00ff_00ff_00ff_00ff),
        "e3 9f 00 b2",
        "mov x3, #0xff00ff00ff00ff",
    ),
    (
        |a| a.mov_imm(W64, X4, 0x1234_5678_9abc_def0),
        "04 de 9b d2 84 57 b3 f2 04 cf ca f2 84 46 e2 f2",
        "movz x4, #0xdef0; movk x4, #0x9abc, lsl #16; movk x4, #0x5678, lsl #32; movk x4, #0x1234, lsl #48",
    ),
    (
        |a| a.mov_imm(W64, X5, 0xffff_ffff_1234_5678),
        "e5 30 95 92 85 46 a2 f2",
        "movn x5, #0xa987; movk x5, #0x1234, lsl #16",
    ),
    (
        |a| a.mov_imm(W64, X6, 0x00ff_00ff_1234_00ff),
        "e6 9f 00 b2 86 46 a2 f2",
        "orr x6, xzr, #0xff00ff00ff00ff; movk x6, #0x1234, lsl #16",
    ),
    (
        |a| a.mov_imm(W32, X7, 0x1234_5678),
        "07 cf 8a 52 87 46 a2 72",
        "movz w7, #0x5678; movk w7, #0x1234, lsl #16",
    ),
    (
        |a| a.mov_imm(W32, X8, 0x0f0f_0f0f),
        "e8 cf 00 32",
        "orr w8, wzr, #0xf0f0f0f",
    ),
    (
        |a| a.mov_imm(W64, X9, 0x0f0f_1234_5678_0f0f),
        "e9 cf 00 b2 09 cf aa f2 89 46 c2 f2",
        "orr x9, xzr, #0xf0f0f0f0f0f0f0f; movk x9, #0x5678, lsl #16; movk x9, #0x1234, lsl #32",
    ),
    (
        |a| a.mov_imm(W64, X10, 0xffff_fffe_ffff_ffff),
        "2a 00 c0 92",
        "movn x10, #1, lsl #32",
    ),
    // ---- addition and subtraction
    (
        |a| a.arith(Arith::Add, W64, X0, X1, X2),
        "20 00 02 8b",
        "add x0, x1, x2",
    ),
    (
        |a| a.arith(Arith::Sub, W32, X3, X4, X5),
        "83 00 05 4b",
        "sub w3, w4, w5",
    ),
    (
        |a| a.arith(Arith::Adds, W64, X6, X7, X8),
        "e6 00 08 ab",
        "adds x6, x7, x8",
    ),
    (
        |a| a.arith(Arith::Subs, W32, X9, X10, X11),
        "49 01 0b 6b",
        "subs w9, w10, w11",
    ),
    (
        |a| a.arith(Arith::Add, W64, SP, SP, X1),
        "ff 63 21 8b",
        "add sp, sp, x1",
    ),
    (
        |a| a.arith(Arith::Sub, W64, X0, SP, X2),
        "e0 63 22 cb",
        "sub x0, sp, x2",
    ),
    (
        |a| a.arith(Arith::Add, W32, SP, X1, X2),
        "3f 40 22 0b",
        "add wsp, w1, w2",
    ),
    (
        |a| a.arith(Arith::Add, W64, X0, ZR, ZR),
        "e0 03 1f 8b",
        "add x0, xzr, xzr",
    ),
    (
        |a| a.arith_shifted(Arith::Add, W64, X0, X1, X2, Shift::Lsl, 3),
        "20 0c 02 8b",
        "add x0, x1, x2, lsl #3",
    ),
    (
        |a| a.arith_shifted(Arith::Sub, W32, X0, X1, X2, Shift::Asr, 31),
        "20 7c 82 4b",
        "sub w0, w1, w2, asr #31",
    ),
    (
        |a| a.arith_shifted(Arith::Subs, W64, X0, ZR, X2, Shift::Lsr, 63),
        "e0 ff 42 eb",
        "negs x0, x2, lsr #63",
    ),
    (
        |a| a.arith_extended(Arith::Add, W64, X0, SP, X1, Extend::Uxtw, 2),
        "e0 4b 21 8b",
        "add x0, sp, w1, uxtw #2",
    ),
    (
        |a| a.arith_extended(Arith::Add, W64, SP, X1, X2, Extend::Sxtw, 0),
        "3f c0 22 8b",
        "add sp, x1, w2, sxtw",
    ),
    (
        |a| a.arith_extended(Arith::Sub, W64, X3, X4, X5, Extend::Uxtx, 4),
        "83 70 25 cb",
        "sub x3, x4, x5, uxtx #4",
    ),
    (
        |a| a.arith_extended(Arith::Subs, W32, X0, X1, X2, Extend::Uxtb, 1),
        "20 04 22 6b",
        "subs w0, w1, w2, uxtb #1",
    ),
    (
        |a| a.arith_extended(Arith::Adds, W64, X0, SP, X2, Extend::Sxth, 0),
        "e0 a3 22 ab",
        "adds x0, sp, w2, sxth",
    ),
    (
        |a| a.arith_extended(Arith::Add, W64, X0, X1, X2, Extend::Sxtx, 3),
        "20 ec 22 8b",
        "add x0, x1, x2, sxtx #3",
    ),
    (
        |a| a.arith_extended(Arith::Sub, W64, SP, SP, X3, Extend::Uxtx, 0),
        "ff 63 23 cb",
        "sub sp, sp, x3",
    ),
    (
        |a| a.arith_extended(Arith::Add, W32, X0, X1, X2, Extend::Uxth, 2),
        "20 28 22 0b",
        "add w0, w1, w2, uxth #2",
    ),
    (
        |a| a.arith_extended(Arith::Subs, W64, ZR, X1, X2, Extend::Sxtb, 0),
        "3f 80 22 eb",
        "cmp x1, w2, sxtb",
    ),
    (
        |a| a.arith_imm(Arith::Add, W64, X0, X1, imm(1)),
        "20 04 00 91",
        "add x0, x1, #1",
    ),
    (
        |a| a.arith_imm(Arith::Add, W64, SP, SP, imm(16)),
        "ff 43 00 91",
        "add sp, sp, #16",
    ),
    (
        |a| a.arith_imm(Arith::Sub, W64, SP, SP, imm(0x1000)),
        "ff 07 40 d1",
        "sub sp, sp, #1, lsl #12",
    ),
    (
        |a| a.arith_imm(Arith::Sub, W32, X2, X3, imm(4095)),
        "62 fc 3f 51",
        "sub w2, w3, #4095",
    ),
    (
        |a| a.arith_imm(Arith::Adds, W64, X0, SP, imm(0xfff000)),
        "e0 ff 7f b1",
        "adds x0, sp, #4095, lsl #12",
    ),
    (
        |a| a.arith_imm(Arith::Subs, W32, X0, X1, imm(0)),
        "20 00 00 71",
        "subs w0, w1, #0",
    ),
    (
        |a| a.arith_imm(Arith::Add, W32, SP, X7, imm(8)),
        "ff 20 00 11",
        "add wsp, w7, #8",
    ),
    (|a| a.cmp(W64, X0, X1), "1f 00 01 eb", "cmp x0, x1"),
    (|a| a.cmp(W64, SP, X1), "ff 63 21 eb", "cmp sp, x1"),
    (|a| a.cmp(W32, X1, ZR), "3f 00 1f 6b", "cmp w1, wzr"),
    (
        |a| a.cmp_imm(W32, X2, imm(255)),
        "5f fc 03 71",
        "cmp w2, #255",
    ),
    (
        |a| a.cmp_imm(W64, SP, imm(0x10000)),
        "ff 43 40 f1",
        "cmp sp, #16, lsl #12",
    ),
    (|a| a.cmn(W32, X3, X4), "7f 00 04 2b", "cmn w3, w4"),
    (|a| a.cmn_imm(W64, X5, imm(1)), "bf 04 00 b1", "cmn x5, #1"),
    (|a| a.neg(W64, X0, X1), "e0 03 01 cb", "neg x0, x1"),
    (|a| a.neg(W32, X2, X3), "e2 03 03 4b", "neg w2, w3"),
    // ---- logical operations
    (
        |a| a.logic(Logic::And, W64, X0, X1, X2),
        "20 00 02 8a",
        "and x0, x1, x2",
    ),
    (
        |a| a.logic(Logic::Bic, W32, X0, X1, X2),
        "20 00 22 0a",
        "bic w0, w1, w2",
    ),
    (
        |a| a.logic(Logic::Orr, W64, X3, X4, ZR),
        "83 00 1f aa",
        "orr x3, x4, xzr",
    ),
    (
        |a| a.logic(Logic::Orn, W64, X0, X1, X2),
        "20 00 22 aa",
        "orn x0, x1, x2",
    ),
    (
        |a| a.logic(Logic::Eor, W32, X5, X6, X7),
        "c5 00 07 4a",
        "eor w5, w6, w7",
    ),
    (
        |a| a.logic(Logic::Eon, W64, X0, X1, X2),
        "20 00 22 ca",
        "eon x0, x1, x2",
    ),
    (
        |a| a.logic(Logic::Ands, W64, X0, X1, X2),
        "20 00 02 ea",
        "ands x0, x1, x2",
    ),
    (
        |a| a.logic(Logic::Bics, W32, X0, X1, X2),
        "20 00 22 6a",
        "bics w0, w1, w2",
    ),
    (
        |a| a.logic_shifted(Logic::Orr, W64, X0, X1, X2, Shift::Ror, 7),
        "20 1c c2 aa",
        "orr x0, x1, x2, ror #7",
    ),
    (
        |a| a.logic_shifted(Logic::And, W32, X0, X1, X2, Shift::Lsl, 31),
        "20 7c 02 0a",
        "and w0, w1, w2, lsl #31",
    ),
    (
        |a| a.logic_shifted(Logic::Eor, W64, X0, X1, X2, Shift::Asr, 63),
        "20 fc 82 ca",
        "eor x0, x1, x2, asr #63",
    ),
    (
        |a| a.logic_shifted(Logic::Bic, W64, X0, X1, X2, Shift::Lsr, 1),
        "20 04 62 8a",
        "bic x0, x1, x2, lsr #1",
    ),
    (
        |a| a.logic_imm(Logic::And, W64, X0, X1, bitmask(0xff, W64)),
        "20 1c 40 92",
        "and x0, x1, #0xff",
    ),
    (
        |a| a.logic_imm(Logic::And, W32, X0, X1, bitmask(0xffff_fffe, W32)),
        "20 78 1f 12",
        "and w0, w1, #0xfffffffe",
    ),
    (
        |a| a.logic_imm(Logic::Orr, W64, SP, X1, bitmask(0xf0, W64)),
        "3f 0c 7c b2",
        "orr sp, x1, #0xf0",
    ),
    (
        |a| a.logic_imm(Logic::And, W32, SP, X2, bitmask(0xfffffff0, W32)),
        "5f 6c 1c 12",
        "and wsp, w2, #0xfffffff0",
    ),
    (
        |a| a.logic_imm(Logic::Eor, W64, X2, X3, bitmask(0x5555_5555_5555_5555, W64)),
        "62 f0 00 d2",
        "eor x2, x3, #0x5555555555555555",
    ),
    (
        |a| a.logic_imm(Logic::Eor, W32, X2, X3, bitmask(0x8000_0000, W32)),
        "62 00 01 52",
        "eor w2, w3, #0x80000000",
    ),
    (
        |a| {
            a.logic_imm(
                Logic::Ands,
                W64,
                X4,
                X5,
                bitmask(0x8000_0000_0000_0001, W64),
            )
        },
        "a4 04 41 f2",
        "ands x4, x5, #0x8000000000000001",
    ),
    (
        |a| a.logic_imm(Logic::Orr, W64, X0, X1, bitmask(0x7fff_ffff_ffff_ffff, W64)),
        "20 f8 40 b2",
        "orr x0, x1, #0x7fffffffffffffff",
    ),
    (
        |a| a.logic_imm(Logic::Ands, W32, X0, X1, bitmask(0xaaaa_aaaa, W32)),
        "20 f0 01 72",
        "ands w0, w1, #0xaaaaaaaa",
    ),
    (|a| a.tst(W64, X0, X1), "1f 00 01 ea", "tst x0, x1"),
    (
        |a| a.tst_imm(W32, X0, bitmask(1, W32)),
        "1f 00 00 72",
        "tst w0, #0x1",
    ),
    (
        |a| a.tst_imm(W64, X7, bitmask(0xffff_0000_0000_0000, W64)),
        "ff 3c 50 f2",
        "tst x7, #0xffff000000000000",
    ),
    (|a| a.mvn(W64, X0, X1), "e0 03 21 aa", "mvn x0, x1"),
    (|a| a.mvn(W32, X2, X3), "e2 03 23 2a", "mvn w2, w3"),
    // ---- multiplication and division
    (|a| a.mul(W64, X0, X1, X2), "20 7c 02 9b", "mul x0, x1, x2"),
    (|a| a.mul(W32, X0, X1, X2), "20 7c 02 1b", "mul w0, w1, w2"),
    (
        |a| a.madd(W64, X0, X1, X2, X3),
        "20 0c 02 9b",
        "madd x0, x1, x2, x3",
    ),
    (
        |a| a.msub(W32, X4, X5, X6, X7),
        "a4 9c 06 1b",
        "msub w4, w5, w6, w7",
    ),
    (
        |a| a.msub(W64, X0, X1, X2, X3),
        "20 8c 02 9b",
        "msub x0, x1, x2, x3",
    ),
    (
        |a| a.arith_carry(Arith::Add, W64, X1, X1, X3),
        "21 00 03 9a",
        "adc x1, x1, x3",
    ),
    (
        |a| a.arith_carry(Arith::Sub, W64, X1, X2, X3),
        "41 00 03 da",
        "sbc x1, x2, x3",
    ),
    (
        |a| a.arith_carry(Arith::Adds, W32, X4, X5, X6),
        "a4 00 06 3a",
        "adcs w4, w5, w6",
    ),
    (
        |a| a.arith_carry(Arith::Subs, W64, X7, X8, X9),
        "07 01 09 fa",
        "sbcs x7, x8, x9",
    ),
    (|a| a.smulh(X0, X1, X2), "20 7c 42 9b", "smulh x0, x1, x2"),
    (|a| a.umulh(X3, X4, X5), "83 7c c5 9b", "umulh x3, x4, x5"),
    (|a| a.smull(X0, X1, X2), "20 7c 22 9b", "smull x0, w1, w2"),
    (|a| a.umull(X6, X7, X8), "e6 7c a8 9b", "umull x6, w7, w8"),
    (
        |a| a.sdiv(W64, X0, X1, X2),
        "20 0c c2 9a",
        "sdiv x0, x1, x2",
    ),
    (
        |a| a.sdiv(W32, X0, X1, X2),
        "20 0c c2 1a",
        "sdiv w0, w1, w2",
    ),
    (
        |a| a.udiv(W32, X3, X4, X5),
        "83 08 c5 1a",
        "udiv w3, w4, w5",
    ),
    (
        |a| a.udiv(W64, LR, FP, X28),
        "be 0b dc 9a",
        "udiv x30, x29, x28",
    ),
    // ---- shifts and bitfields
    (
        |a| a.shift_reg(Shift::Lsl, W64, X0, X1, X2),
        "20 20 c2 9a",
        "lsl x0, x1, x2",
    ),
    (
        |a| a.shift_reg(Shift::Lsr, W32, X0, X1, X2),
        "20 24 c2 1a",
        "lsr w0, w1, w2",
    ),
    (
        |a| a.shift_reg(Shift::Asr, W64, X0, X1, X2),
        "20 28 c2 9a",
        "asr x0, x1, x2",
    ),
    (
        |a| a.shift_reg(Shift::Ror, W32, X0, X1, X2),
        "20 2c c2 1a",
        "ror w0, w1, w2",
    ),
    (
        |a| a.shift_imm(Shift::Lsl, W64, X0, X1, 3),
        "20 f0 7d d3",
        "lsl x0, x1, #3",
    ),
    (
        |a| a.shift_imm(Shift::Lsl, W32, X0, X1, 31),
        "20 00 01 53",
        "lsl w0, w1, #31",
    ),
    (
        |a| a.shift_imm(Shift::Lsl, W64, X0, X1, 0),
        "20 fc 40 d3",
        "lsl x0, x1, #0",
    ),
    (
        |a| a.shift_imm(Shift::Lsr, W64, X0, X1, 63),
        "20 fc 7f d3",
        "lsr x0, x1, #63",
    ),
    (
        |a| a.shift_imm(Shift::Lsr, W32, X0, X1, 1),
        "20 7c 01 53",
        "lsr w0, w1, #1",
    ),
    (
        |a| a.shift_imm(Shift::Asr, W64, X0, X1, 32),
        "20 fc 60 93",
        "asr x0, x1, #32",
    ),
    (
        |a| a.shift_imm(Shift::Asr, W32, X0, X1, 31),
        "20 7c 1f 13",
        "asr w0, w1, #31",
    ),
    (
        |a| a.shift_imm(Shift::Ror, W64, X0, X1, 13),
        "20 34 c1 93",
        "ror x0, x1, #13",
    ),
    (
        |a| a.shift_imm(Shift::Ror, W32, X0, X1, 31),
        "20 7c 81 13",
        "ror w0, w1, #31",
    ),
    (
        |a| a.bitfield(Bitfield::Ubfm, W64, X0, X1, 4, 2),
        "20 08 44 d3",
        "ubfm x0, x1, #4, #2",
    ),
    (
        |a| a.bitfield(Bitfield::Sbfm, W32, X0, X1, 1, 30),
        "20 78 01 13",
        "sbfm w0, w1, #1, #30",
    ),
    (
        |a| a.bitfield(Bitfield::Bfm, W64, X0, X1, 60, 3),
        "20 0c 7c b3",
        "bfm x0, x1, #60, #3",
    ),
    (
        |a| a.extr(W64, X0, X1, X2, 17),
        "20 44 c2 93",
        "extr x0, x1, x2, #17",
    ),
    (
        |a| a.extr(W32, X0, X1, X2, 0),
        "20 00 82 13",
        "extr w0, w1, w2, #0",
    ),
    (|a| a.sxtb(W64, X0, X1), "20 1c 40 93", "sxtb x0, w1"),
    (|a| a.sxtb(W32, X0, X1), "20 1c 00 13", "sxtb w0, w1"),
    (|a| a.sxth(W64, X0, X1), "20 3c 40 93", "sxth x0, w1"),
    (|a| a.sxth(W32, X0, X1), "20 3c 00 13", "sxth w0, w1"),
    (|a| a.sxtw(X0, X1), "20 7c 40 93", "sxtw x0, w1"),
    (|a| a.uxtb(X0, X1), "20 1c 00 53", "uxtb w0, w1"),
    (|a| a.uxth(X2, X3), "62 3c 00 53", "uxth w2, w3"),
    (
        |a| a.ubfx(W64, X0, X1, 8, 8),
        "20 3c 48 d3",
        "ubfx x0, x1, #8, #8",
    ),
    (
        |a| a.ubfx(W32, X0, X1, 31, 1),
        "20 7c 1f 53",
        "ubfx w0, w1, #31, #1",
    ),
    (
        |a| a.sbfx(W64, X0, X1, 4, 12),
        "20 3c 44 93",
        "sbfx x0, x1, #4, #12",
    ),
    (
        |a| a.sbfx(W32, X0, X1, 16, 16),
        "20 7c 10 13",
        "sbfx w0, w1, #16, #16",
    ),
    (
        |a| a.ubfiz(W64, X0, X1, 3, 32),
        "20 7c 7d d3",
        "ubfiz x0, x1, #3, #32",
    ),
    (
        |a| a.bfi(W64, X0, X1, 8, 16),
        "20 3c 78 b3",
        "bfi x0, x1, #8, #16",
    ),
    (
        |a| a.bfi(W32, X0, X1, 0, 8),
        "20 1c 00 33",
        "bfi w0, w1, #0, #8",
    ),
    (
        |a| a.bfxil(W64, X0, X1, 4, 8),
        "20 2c 44 b3",
        "bfxil x0, x1, #4, #8",
    ),
    (
        |a| a.bfxil(W32, X0, X1, 31, 1),
        "20 7c 1f 33",
        "bfxil w0, w1, #31, #1",
    ),
    // ---- bit operations
    (|a| a.clz(W64, X0, X1), "20 10 c0 da", "clz x0, x1"),
    (|a| a.clz(W32, X0, X1), "20 10 c0 5a", "clz w0, w1"),
    (|a| a.cls(W64, X0, X1), "20 14 c0 da", "cls x0, x1"),
    (|a| a.rbit(W64, X0, X1), "20 00 c0 da", "rbit x0, x1"),
    (|a| a.rbit(W32, X2, X3), "62 00 c0 5a", "rbit w2, w3"),
    (|a| a.rev(W64, X0, X1), "20 0c c0 da", "rev x0, x1"),
    (|a| a.rev(W32, X0, X1), "20 08 c0 5a", "rev w0, w1"),
    (|a| a.rev16(W32, X0, X1), "20 04 c0 5a", "rev16 w0, w1"),
    (|a| a.rev16(W64, X0, X1), "20 04 c0 da", "rev16 x0, x1"),
    (|a| a.rev32(X0, X1), "20 08 c0 da", "rev32 x0, x1"),
    // ---- conditional operations
    (
        |a| a.cond_select(Select::Csel, W64, X0, X1, X2, Cond::Eq),
        "20 00 82 9a",
        "csel x0, x1, x2, eq",
    ),
    (
        |a| a.cond_select(Select::Csel, W32, X0, X1, X2, Cond::Al),
        "20 e0 82 1a",
        "csel w0, w1, w2, al",
    ),
    (
        |a| a.cond_select(Select::Csinc, W64, X0, X1, X2, Cond::Hs),
        "20 24 82 9a",
        "csinc x0, x1, x2, hs",
    ),
    (
        |a| a.cond_select(Select::Csinv, W32, X0, X1, X2, Cond::Lt),
        "20 b0 82 5a",
        "csinv w0, w1, w2, lt",
    ),
    (
        |a| a.cond_select(Select::Csneg, W64, X0, X1, X2, Cond::Gt),
        "20 c4 82 da",
        "csneg x0, x1, x2, gt",
    ),
    (|a| a.cset(W32, X0, Cond::Eq), "e0 17 9f 1a", "cset w0, eq"),
    (|a| a.cset(W64, X1, Cond::Lo), "e1 27 9f 9a", "cset x1, lo"),
    (
        |a| a.csetm(W64, X2, Cond::Hi),
        "e2 93 9f da",
        "csetm x2, hi",
    ),
    (
        |a| a.cinc(W64, X0, X1, Cond::Ne),
        "20 04 81 9a",
        "cinc x0, x1, ne",
    ),
    (
        |a| a.cinv(W32, X0, X1, Cond::Ge),
        "20 b0 81 5a",
        "cinv w0, w1, ge",
    ),
    (
        |a| a.cneg(W64, X0, X1, Cond::Mi),
        "20 54 81 da",
        "cneg x0, x1, mi",
    ),
    (
        |a| a.ccmp(W64, X0, X1, 0, Cond::Ne),
        "00 10 41 fa",
        "ccmp x0, x1, #0, ne",
    ),
    (
        |a| a.ccmp(W32, X2, X3, 15, Cond::Vs),
        "4f 60 43 7a",
        "ccmp w2, w3, #15, vs",
    ),
    (
        |a| a.ccmp_imm(W64, X0, 31, 4, Cond::Le),
        "04 d8 5f fa",
        "ccmp x0, #31, #4, le",
    ),
    (
        |a| a.ccmn(W64, X0, X1, 8, Cond::Pl),
        "08 50 41 ba",
        "ccmn x0, x1, #8, pl",
    ),
    (
        |a| a.ccmn_imm(W32, X5, 1, 2, Cond::Vc),
        "a2 78 41 3a",
        "ccmn w5, #1, #2, vc",
    ),
];

#[test]
fn integer_instructions_encode_as_llvm_does() {
    check(CASES);
}
