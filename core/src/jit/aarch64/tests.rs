//! Golden encodings: each instruction method against the bytes an
//! independent assembler (LLVM's `llvm-mc -triple=aarch64 -show-encoding`,
//! its text beside each case; `check_llvm.sh` re-checks every pair)
//! produces; and labels, their ranges and jump tables.

use super::insn_mem::IndexExtend;
use super::reg::Width::{self, W32, W64};
use super::{
    Address, Arith, ArithImm, Assembler, Bitfield, Cond, Extend, FpArith, FpImm, FpSize, FpUnary,
    Load, Logic, LogicalImm, PairAddress, Precision, Reg, Select, Shift, Size, V,
};
use alloc::{format, string::String, vec::Vec};

const X0: Reg = Reg::X0;
const X1: Reg = Reg::X1;
const X2: Reg = Reg::X2;
const X3: Reg = Reg::X3;
const X4: Reg = Reg::X4;
const X5: Reg = Reg::X5;
const X6: Reg = Reg::X6;
const X7: Reg = Reg::X7;
const X8: Reg = Reg::X8;
const X9: Reg = Reg::X9;
const X10: Reg = Reg::X10;
const X11: Reg = Reg::X11;
const X16: Reg = Reg::X16;
const X19: Reg = Reg::X19;
const X20: Reg = Reg::X20;
const X28: Reg = Reg::X28;
const FP: Reg = Reg::FP;
const LR: Reg = Reg::LR;
const SP: Reg = Reg::SP;
const ZR: Reg = Reg::ZR;

/// An arithmetic immediate known to fit.
fn imm(value: u64) -> ArithImm {
    ArithImm::new(value).unwrap()
}

/// A logical immediate known to be one.
fn bitmask(value: u64, width: Width) -> LogicalImm {
    LogicalImm::new(value, width).unwrap()
}

/// A register-offset address.
fn index(base: Reg, index: Reg, extend: IndexExtend, scaled: bool) -> Address {
    Address::Indexed {
        base,
        index,
        extend,
        scaled,
    }
}

/// An `fmov` immediate known to be one.
fn fp32(value: f32) -> FpImm {
    FpImm::from_f32(value).unwrap()
}

/// An `fmov` immediate known to be one.
fn fp64(value: f64) -> FpImm {
    FpImm::from_f64(value).unwrap()
}

/// One instruction (or a few, separated by `;` in the text): how to emit
/// it, its bytes in hex, the assembly text.
type Case = (fn(&mut Assembler), &'static str, &'static str);

const CASES: &[Case] = &[
    // ---- moves
    (|a| a.mov(W64, X0, X1), "e0 03 01 aa", "mov x0, x1"),
    (|a| a.mov(W32, X3, ZR), "e3 03 1f 2a", "mov w3, wzr"),
    (|a| a.mov(W64, SP, X0), "1f 00 00 91", "mov sp, x0"),
    (|a| a.mov(W64, FP, SP), "fd 03 00 91", "mov x29, sp"),
    (|a| a.mov(W32, SP, X5), "bf 00 00 11", "mov wsp, w5"),
    (|a| a.movz(W64, X0, 0x1234, 0), "80 46 82 d2", "movz x0, #0x1234"),
    (|a| a.movz(W64, X1, 0xffff, 48), "e1 ff ff d2", "movz x1, #0xffff, lsl #48"),
    (|a| a.movz(W32, X2, 1, 16), "22 00 a0 52", "movz w2, #1, lsl #16"),
    (|a| a.movn(W64, X3, 0, 0), "03 00 80 92", "movn x3, #0"),
    (|a| a.movn(W32, X4, 0xabcd, 16), "a4 79 b5 12", "movn w4, #0xabcd, lsl #16"),
    (|a| a.movn(W64, ZR, 1, 32), "3f 00 c0 92", "movn xzr, #1, lsl #32"),
    (|a| a.movk(W64, X5, 0xbeef, 32), "e5 dd d7 f2", "movk x5, #0xbeef, lsl #32"),
    (|a| a.movk(W32, LR, 0x8000, 0), "1e 00 90 72", "movk w30, #0x8000"),
    (|a| a.mov_imm(W64, X0, 0), "00 00 80 d2", "mov x0, #0"),
    (|a| a.mov_imm(W64, X0, u64::MAX), "00 00 80 92", "mov x0, #-1"),
    (|a| a.mov_imm(W32, X1, 0xffff_fffe), "21 00 80 12", "mov w1, #-2"),
    (|a| a.mov_imm(W64, X2, 0x1234_0000_0000), "82 46 c2 d2", "mov x2, #0x123400000000"),
    (|a| a.mov_imm(W64, X3, 0x00ff_00ff_00ff_00ff), "e3 9f 00 b2", "mov x3, #0xff00ff00ff00ff"),
    (|a| a.mov_imm(W64, X4, 0x1234_5678_9abc_def0), "04 de 9b d2 84 57 b3 f2 04 cf ca f2 84 46 e2 f2", "movz x4, #0xdef0; movk x4, #0x9abc, lsl #16; movk x4, #0x5678, lsl #32; movk x4, #0x1234, lsl #48"),
    (|a| a.mov_imm(W64, X5, 0xffff_ffff_1234_5678), "e5 30 95 92 85 46 a2 f2", "movn x5, #0xa987; movk x5, #0x1234, lsl #16"),
    (|a| a.mov_imm(W64, X6, 0x00ff_00ff_1234_00ff), "e6 9f 00 b2 86 46 a2 f2", "orr x6, xzr, #0xff00ff00ff00ff; movk x6, #0x1234, lsl #16"),
    (|a| a.mov_imm(W32, X7, 0x1234_5678), "07 cf 8a 52 87 46 a2 72", "movz w7, #0x5678; movk w7, #0x1234, lsl #16"),
    (|a| a.mov_imm(W32, X8, 0x0f0f_0f0f), "e8 cf 00 32", "orr w8, wzr, #0xf0f0f0f"),
    (|a| a.mov_imm(W64, X9, 0x0f0f_1234_5678_0f0f), "e9 cf 00 b2 09 cf aa f2 89 46 c2 f2", "orr x9, xzr, #0xf0f0f0f0f0f0f0f; movk x9, #0x5678, lsl #16; movk x9, #0x1234, lsl #32"),
    (|a| a.mov_imm(W64, X10, 0xffff_fffe_ffff_ffff), "2a 00 c0 92", "movn x10, #1, lsl #32"),
    // ---- addition and subtraction
    (|a| a.arith(Arith::Add, W64, X0, X1, X2), "20 00 02 8b", "add x0, x1, x2"),
    (|a| a.arith(Arith::Sub, W32, X3, X4, X5), "83 00 05 4b", "sub w3, w4, w5"),
    (|a| a.arith(Arith::Adds, W64, X6, X7, X8), "e6 00 08 ab", "adds x6, x7, x8"),
    (|a| a.arith(Arith::Subs, W32, X9, X10, X11), "49 01 0b 6b", "subs w9, w10, w11"),
    (|a| a.arith(Arith::Add, W64, SP, SP, X1), "ff 63 21 8b", "add sp, sp, x1"),
    (|a| a.arith(Arith::Sub, W64, X0, SP, X2), "e0 63 22 cb", "sub x0, sp, x2"),
    (|a| a.arith(Arith::Add, W32, SP, X1, X2), "3f 40 22 0b", "add wsp, w1, w2"),
    (|a| a.arith(Arith::Add, W64, X0, ZR, ZR), "e0 03 1f 8b", "add x0, xzr, xzr"),
    (|a| a.arith_shifted(Arith::Add, W64, X0, X1, X2, Shift::Lsl, 3), "20 0c 02 8b", "add x0, x1, x2, lsl #3"),
    (|a| a.arith_shifted(Arith::Sub, W32, X0, X1, X2, Shift::Asr, 31), "20 7c 82 4b", "sub w0, w1, w2, asr #31"),
    (|a| a.arith_shifted(Arith::Subs, W64, X0, ZR, X2, Shift::Lsr, 63), "e0 ff 42 eb", "negs x0, x2, lsr #63"),
    (|a| a.arith_extended(Arith::Add, W64, X0, SP, X1, Extend::Uxtw, 2), "e0 4b 21 8b", "add x0, sp, w1, uxtw #2"),
    (|a| a.arith_extended(Arith::Add, W64, SP, X1, X2, Extend::Sxtw, 0), "3f c0 22 8b", "add sp, x1, w2, sxtw"),
    (|a| a.arith_extended(Arith::Sub, W64, X3, X4, X5, Extend::Uxtx, 4), "83 70 25 cb", "sub x3, x4, x5, uxtx #4"),
    (|a| a.arith_extended(Arith::Subs, W32, X0, X1, X2, Extend::Uxtb, 1), "20 04 22 6b", "subs w0, w1, w2, uxtb #1"),
    (|a| a.arith_extended(Arith::Adds, W64, X0, SP, X2, Extend::Sxth, 0), "e0 a3 22 ab", "adds x0, sp, w2, sxth"),
    (|a| a.arith_extended(Arith::Add, W64, X0, X1, X2, Extend::Sxtx, 3), "20 ec 22 8b", "add x0, x1, x2, sxtx #3"),
    (|a| a.arith_extended(Arith::Sub, W64, SP, SP, X3, Extend::Uxtx, 0), "ff 63 23 cb", "sub sp, sp, x3"),
    (|a| a.arith_extended(Arith::Add, W32, X0, X1, X2, Extend::Uxth, 2), "20 28 22 0b", "add w0, w1, w2, uxth #2"),
    (|a| a.arith_extended(Arith::Subs, W64, ZR, X1, X2, Extend::Sxtb, 0), "3f 80 22 eb", "cmp x1, w2, sxtb"),
    (|a| a.arith_imm(Arith::Add, W64, X0, X1, imm(1)), "20 04 00 91", "add x0, x1, #1"),
    (|a| a.arith_imm(Arith::Add, W64, SP, SP, imm(16)), "ff 43 00 91", "add sp, sp, #16"),
    (|a| a.arith_imm(Arith::Sub, W64, SP, SP, imm(0x1000)), "ff 07 40 d1", "sub sp, sp, #1, lsl #12"),
    (|a| a.arith_imm(Arith::Sub, W32, X2, X3, imm(4095)), "62 fc 3f 51", "sub w2, w3, #4095"),
    (|a| a.arith_imm(Arith::Adds, W64, X0, SP, imm(0xfff000)), "e0 ff 7f b1", "adds x0, sp, #4095, lsl #12"),
    (|a| a.arith_imm(Arith::Subs, W32, X0, X1, imm(0)), "20 00 00 71", "subs w0, w1, #0"),
    (|a| a.arith_imm(Arith::Add, W32, SP, X7, imm(8)), "ff 20 00 11", "add wsp, w7, #8"),
    (|a| a.cmp(W64, X0, X1), "1f 00 01 eb", "cmp x0, x1"),
    (|a| a.cmp(W64, SP, X1), "ff 63 21 eb", "cmp sp, x1"),
    (|a| a.cmp(W32, X1, ZR), "3f 00 1f 6b", "cmp w1, wzr"),
    (|a| a.cmp_imm(W32, X2, imm(255)), "5f fc 03 71", "cmp w2, #255"),
    (|a| a.cmp_imm(W64, SP, imm(0x10000)), "ff 43 40 f1", "cmp sp, #16, lsl #12"),
    (|a| a.cmn(W32, X3, X4), "7f 00 04 2b", "cmn w3, w4"),
    (|a| a.cmn_imm(W64, X5, imm(1)), "bf 04 00 b1", "cmn x5, #1"),
    (|a| a.neg(W64, X0, X1), "e0 03 01 cb", "neg x0, x1"),
    (|a| a.neg(W32, X2, X3), "e2 03 03 4b", "neg w2, w3"),
    // ---- logical operations
    (|a| a.logic(Logic::And, W64, X0, X1, X2), "20 00 02 8a", "and x0, x1, x2"),
    (|a| a.logic(Logic::Bic, W32, X0, X1, X2), "20 00 22 0a", "bic w0, w1, w2"),
    (|a| a.logic(Logic::Orr, W64, X3, X4, ZR), "83 00 1f aa", "orr x3, x4, xzr"),
    (|a| a.logic(Logic::Orn, W64, X0, X1, X2), "20 00 22 aa", "orn x0, x1, x2"),
    (|a| a.logic(Logic::Eor, W32, X5, X6, X7), "c5 00 07 4a", "eor w5, w6, w7"),
    (|a| a.logic(Logic::Eon, W64, X0, X1, X2), "20 00 22 ca", "eon x0, x1, x2"),
    (|a| a.logic(Logic::Ands, W64, X0, X1, X2), "20 00 02 ea", "ands x0, x1, x2"),
    (|a| a.logic(Logic::Bics, W32, X0, X1, X2), "20 00 22 6a", "bics w0, w1, w2"),
    (|a| a.logic_shifted(Logic::Orr, W64, X0, X1, X2, Shift::Ror, 7), "20 1c c2 aa", "orr x0, x1, x2, ror #7"),
    (|a| a.logic_shifted(Logic::And, W32, X0, X1, X2, Shift::Lsl, 31), "20 7c 02 0a", "and w0, w1, w2, lsl #31"),
    (|a| a.logic_shifted(Logic::Eor, W64, X0, X1, X2, Shift::Asr, 63), "20 fc 82 ca", "eor x0, x1, x2, asr #63"),
    (|a| a.logic_shifted(Logic::Bic, W64, X0, X1, X2, Shift::Lsr, 1), "20 04 62 8a", "bic x0, x1, x2, lsr #1"),
    (|a| a.logic_imm(Logic::And, W64, X0, X1, bitmask(0xff, W64)), "20 1c 40 92", "and x0, x1, #0xff"),
    (|a| a.logic_imm(Logic::And, W32, X0, X1, bitmask(0xffff_fffe, W32)), "20 78 1f 12", "and w0, w1, #0xfffffffe"),
    (|a| a.logic_imm(Logic::Orr, W64, SP, X1, bitmask(0xf0, W64)), "3f 0c 7c b2", "orr sp, x1, #0xf0"),
    (|a| a.logic_imm(Logic::And, W32, SP, X2, bitmask(0xfffffff0, W32)), "5f 6c 1c 12", "and wsp, w2, #0xfffffff0"),
    (|a| a.logic_imm(Logic::Eor, W64, X2, X3, bitmask(0x5555_5555_5555_5555, W64)), "62 f0 00 d2", "eor x2, x3, #0x5555555555555555"),
    (|a| a.logic_imm(Logic::Eor, W32, X2, X3, bitmask(0x8000_0000, W32)), "62 00 01 52", "eor w2, w3, #0x80000000"),
    (|a| a.logic_imm(Logic::Ands, W64, X4, X5, bitmask(0x8000_0000_0000_0001, W64)), "a4 04 41 f2", "ands x4, x5, #0x8000000000000001"),
    (|a| a.logic_imm(Logic::Orr, W64, X0, X1, bitmask(0x7fff_ffff_ffff_ffff, W64)), "20 f8 40 b2", "orr x0, x1, #0x7fffffffffffffff"),
    (|a| a.logic_imm(Logic::Ands, W32, X0, X1, bitmask(0xaaaa_aaaa, W32)), "20 f0 01 72", "ands w0, w1, #0xaaaaaaaa"),
    (|a| a.tst(W64, X0, X1), "1f 00 01 ea", "tst x0, x1"),
    (|a| a.tst_imm(W32, X0, bitmask(1, W32)), "1f 00 00 72", "tst w0, #0x1"),
    (|a| a.tst_imm(W64, X7, bitmask(0xffff_0000_0000_0000, W64)), "ff 3c 50 f2", "tst x7, #0xffff000000000000"),
    (|a| a.mvn(W64, X0, X1), "e0 03 21 aa", "mvn x0, x1"),
    (|a| a.mvn(W32, X2, X3), "e2 03 23 2a", "mvn w2, w3"),
    // ---- multiplication and division
    (|a| a.mul(W64, X0, X1, X2), "20 7c 02 9b", "mul x0, x1, x2"),
    (|a| a.mul(W32, X0, X1, X2), "20 7c 02 1b", "mul w0, w1, w2"),
    (|a| a.madd(W64, X0, X1, X2, X3), "20 0c 02 9b", "madd x0, x1, x2, x3"),
    (|a| a.msub(W32, X4, X5, X6, X7), "a4 9c 06 1b", "msub w4, w5, w6, w7"),
    (|a| a.msub(W64, X0, X1, X2, X3), "20 8c 02 9b", "msub x0, x1, x2, x3"),
    (|a| a.smulh(X0, X1, X2), "20 7c 42 9b", "smulh x0, x1, x2"),
    (|a| a.umulh(X3, X4, X5), "83 7c c5 9b", "umulh x3, x4, x5"),
    (|a| a.smull(X0, X1, X2), "20 7c 22 9b", "smull x0, w1, w2"),
    (|a| a.umull(X6, X7, X8), "e6 7c a8 9b", "umull x6, w7, w8"),
    (|a| a.sdiv(W64, X0, X1, X2), "20 0c c2 9a", "sdiv x0, x1, x2"),
    (|a| a.sdiv(W32, X0, X1, X2), "20 0c c2 1a", "sdiv w0, w1, w2"),
    (|a| a.udiv(W32, X3, X4, X5), "83 08 c5 1a", "udiv w3, w4, w5"),
    (|a| a.udiv(W64, LR, FP, X28), "be 0b dc 9a", "udiv x30, x29, x28"),
    // ---- shifts and bitfields
    (|a| a.shift_reg(Shift::Lsl, W64, X0, X1, X2), "20 20 c2 9a", "lsl x0, x1, x2"),
    (|a| a.shift_reg(Shift::Lsr, W32, X0, X1, X2), "20 24 c2 1a", "lsr w0, w1, w2"),
    (|a| a.shift_reg(Shift::Asr, W64, X0, X1, X2), "20 28 c2 9a", "asr x0, x1, x2"),
    (|a| a.shift_reg(Shift::Ror, W32, X0, X1, X2), "20 2c c2 1a", "ror w0, w1, w2"),
    (|a| a.shift_imm(Shift::Lsl, W64, X0, X1, 3), "20 f0 7d d3", "lsl x0, x1, #3"),
    (|a| a.shift_imm(Shift::Lsl, W32, X0, X1, 31), "20 00 01 53", "lsl w0, w1, #31"),
    (|a| a.shift_imm(Shift::Lsl, W64, X0, X1, 0), "20 fc 40 d3", "lsl x0, x1, #0"),
    (|a| a.shift_imm(Shift::Lsr, W64, X0, X1, 63), "20 fc 7f d3", "lsr x0, x1, #63"),
    (|a| a.shift_imm(Shift::Lsr, W32, X0, X1, 1), "20 7c 01 53", "lsr w0, w1, #1"),
    (|a| a.shift_imm(Shift::Asr, W64, X0, X1, 32), "20 fc 60 93", "asr x0, x1, #32"),
    (|a| a.shift_imm(Shift::Asr, W32, X0, X1, 31), "20 7c 1f 13", "asr w0, w1, #31"),
    (|a| a.shift_imm(Shift::Ror, W64, X0, X1, 13), "20 34 c1 93", "ror x0, x1, #13"),
    (|a| a.shift_imm(Shift::Ror, W32, X0, X1, 31), "20 7c 81 13", "ror w0, w1, #31"),
    (|a| a.bitfield(Bitfield::Ubfm, W64, X0, X1, 4, 2), "20 08 44 d3", "ubfm x0, x1, #4, #2"),
    (|a| a.bitfield(Bitfield::Sbfm, W32, X0, X1, 1, 30), "20 78 01 13", "sbfm w0, w1, #1, #30"),
    (|a| a.bitfield(Bitfield::Bfm, W64, X0, X1, 60, 3), "20 0c 7c b3", "bfm x0, x1, #60, #3"),
    (|a| a.extr(W64, X0, X1, X2, 17), "20 44 c2 93", "extr x0, x1, x2, #17"),
    (|a| a.extr(W32, X0, X1, X2, 0), "20 00 82 13", "extr w0, w1, w2, #0"),
    (|a| a.sxtb(W64, X0, X1), "20 1c 40 93", "sxtb x0, w1"),
    (|a| a.sxtb(W32, X0, X1), "20 1c 00 13", "sxtb w0, w1"),
    (|a| a.sxth(W64, X0, X1), "20 3c 40 93", "sxth x0, w1"),
    (|a| a.sxth(W32, X0, X1), "20 3c 00 13", "sxth w0, w1"),
    (|a| a.sxtw(X0, X1), "20 7c 40 93", "sxtw x0, w1"),
    (|a| a.uxtb(X0, X1), "20 1c 00 53", "uxtb w0, w1"),
    (|a| a.uxth(X2, X3), "62 3c 00 53", "uxth w2, w3"),
    (|a| a.ubfx(W64, X0, X1, 8, 8), "20 3c 48 d3", "ubfx x0, x1, #8, #8"),
    (|a| a.ubfx(W32, X0, X1, 31, 1), "20 7c 1f 53", "ubfx w0, w1, #31, #1"),
    (|a| a.sbfx(W64, X0, X1, 4, 12), "20 3c 44 93", "sbfx x0, x1, #4, #12"),
    (|a| a.sbfx(W32, X0, X1, 16, 16), "20 7c 10 13", "sbfx w0, w1, #16, #16"),
    (|a| a.ubfiz(W64, X0, X1, 3, 32), "20 7c 7d d3", "ubfiz x0, x1, #3, #32"),
    (|a| a.bfi(W64, X0, X1, 8, 16), "20 3c 78 b3", "bfi x0, x1, #8, #16"),
    (|a| a.bfi(W32, X0, X1, 0, 8), "20 1c 00 33", "bfi w0, w1, #0, #8"),
    (|a| a.bfxil(W64, X0, X1, 4, 8), "20 2c 44 b3", "bfxil x0, x1, #4, #8"),
    (|a| a.bfxil(W32, X0, X1, 31, 1), "20 7c 1f 33", "bfxil w0, w1, #31, #1"),
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
    (|a| a.cond_select(Select::Csel, W64, X0, X1, X2, Cond::Eq), "20 00 82 9a", "csel x0, x1, x2, eq"),
    (|a| a.cond_select(Select::Csel, W32, X0, X1, X2, Cond::Al), "20 e0 82 1a", "csel w0, w1, w2, al"),
    (|a| a.cond_select(Select::Csinc, W64, X0, X1, X2, Cond::Hs), "20 24 82 9a", "csinc x0, x1, x2, hs"),
    (|a| a.cond_select(Select::Csinv, W32, X0, X1, X2, Cond::Lt), "20 b0 82 5a", "csinv w0, w1, w2, lt"),
    (|a| a.cond_select(Select::Csneg, W64, X0, X1, X2, Cond::Gt), "20 c4 82 da", "csneg x0, x1, x2, gt"),
    (|a| a.cset(W32, X0, Cond::Eq), "e0 17 9f 1a", "cset w0, eq"),
    (|a| a.cset(W64, X1, Cond::Lo), "e1 27 9f 9a", "cset x1, lo"),
    (|a| a.csetm(W64, X2, Cond::Hi), "e2 93 9f da", "csetm x2, hi"),
    (|a| a.cinc(W64, X0, X1, Cond::Ne), "20 04 81 9a", "cinc x0, x1, ne"),
    (|a| a.cinv(W32, X0, X1, Cond::Ge), "20 b0 81 5a", "cinv w0, w1, ge"),
    (|a| a.cneg(W64, X0, X1, Cond::Mi), "20 54 81 da", "cneg x0, x1, mi"),
    (|a| a.ccmp(W64, X0, X1, 0, Cond::Ne), "00 10 41 fa", "ccmp x0, x1, #0, ne"),
    (|a| a.ccmp(W32, X2, X3, 15, Cond::Vs), "4f 60 43 7a", "ccmp w2, w3, #15, vs"),
    (|a| a.ccmp_imm(W64, X0, 31, 4, Cond::Le), "04 d8 5f fa", "ccmp x0, #31, #4, le"),
    (|a| a.ccmn(W64, X0, X1, 8, Cond::Pl), "08 50 41 ba", "ccmn x0, x1, #8, pl"),
    (|a| a.ccmn_imm(W32, X5, 1, 2, Cond::Vc), "a2 78 41 3a", "ccmn w5, #1, #2, vc"),
    // ---- loads and stores
    (|a| a.load(Load::LdrX, X0, Address::Scaled(X1, 0)), "20 00 40 f9", "ldr x0, [x1]"),
    (|a| a.load(Load::LdrX, X0, Address::Scaled(SP, 32760)), "e0 ff 7f f9", "ldr x0, [sp, #32760]"),
    (|a| a.load(Load::LdrW, X2, Address::Scaled(X3, 16380)), "62 fc 7f b9", "ldr w2, [x3, #16380]"),
    (|a| a.load(Load::Ldrh, X4, Address::Scaled(X5, 8190)), "a4 fc 7f 79", "ldrh w4, [x5, #8190]"),
    (|a| a.load(Load::Ldrb, X6, Address::Scaled(X7, 4095)), "e6 fc 7f 39", "ldrb w6, [x7, #4095]"),
    (|a| a.load(Load::LdrsbW, X0, Address::Scaled(X1, 1)), "20 04 c0 39", "ldrsb w0, [x1, #1]"),
    (|a| a.load(Load::LdrsbX, X0, Address::Scaled(X1, 0)), "20 00 80 39", "ldrsb x0, [x1]"),
    (|a| a.load(Load::LdrshW, X0, Address::Scaled(X1, 2)), "20 04 c0 79", "ldrsh w0, [x1, #2]"),
    (|a| a.load(Load::LdrshX, X0, Address::Scaled(X1, 4)), "20 08 80 79", "ldrsh x0, [x1, #4]"),
    (|a| a.load(Load::Ldrsw, X0, Address::Scaled(X1, 8)), "20 08 80 b9", "ldrsw x0, [x1, #8]"),
    (|a| a.load(Load::LdrX, ZR, Address::Scaled(X1, 8)), "3f 04 40 f9", "ldr xzr, [x1, #8]"),
    (|a| a.load(Load::LdrX, X0, Address::Unscaled(X1, -8)), "20 80 5f f8", "ldur x0, [x1, #-8]"),
    (|a| a.load(Load::LdrW, X0, Address::Unscaled(X1, 255)), "20 f0 4f b8", "ldur w0, [x1, #255]"),
    (|a| a.load(Load::Ldrb, X0, Address::Unscaled(SP, -256)), "e0 03 50 38", "ldurb w0, [sp, #-256]"),
    (|a| a.load(Load::Ldrh, X0, Address::Unscaled(X1, 1)), "20 10 40 78", "ldurh w0, [x1, #1]"),
    (|a| a.load(Load::LdrsbX, X0, Address::Unscaled(X1, -1)), "20 f0 9f 38", "ldursb x0, [x1, #-1]"),
    (|a| a.load(Load::LdrshW, X0, Address::Unscaled(X1, -2)), "20 e0 df 78", "ldursh w0, [x1, #-2]"),
    (|a| a.load(Load::Ldrsw, X0, Address::Unscaled(X1, 3)), "20 30 80 b8", "ldursw x0, [x1, #3]"),
    (|a| a.load(Load::LdrX, X0, Address::indexed(X1, X2, true)), "20 78 62 f8", "ldr x0, [x1, x2, lsl #3]"),
    (|a| a.load(Load::LdrX, X0, Address::indexed(X1, X2, false)), "20 68 62 f8", "ldr x0, [x1, x2]"),
    (|a| a.load(Load::LdrW, X0, index(X1, X2, IndexExtend::Uxtw, false)), "20 48 62 b8", "ldr w0, [x1, w2, uxtw]"),
    (|a| a.load(Load::LdrW, X0, index(SP, X2, IndexExtend::Uxtw, true)), "e0 5b 62 b8", "ldr w0, [sp, w2, uxtw #2]"),
    (|a| a.load(Load::Ldrh, X0, index(X1, X2, IndexExtend::Sxtw, true)), "20 d8 62 78", "ldrh w0, [x1, w2, sxtw #1]"),
    (|a| a.load(Load::Ldrb, X0, index(X1, X2, IndexExtend::Uxtw, false)), "20 48 62 38", "ldrb w0, [x1, w2, uxtw]"),
    (|a| a.load(Load::LdrsbW, X0, Address::indexed(X1, X2, true)), "20 78 e2 38", "ldrsb w0, [x1, x2, lsl #0]"),
    (|a| a.load(Load::Ldrsw, X0, index(X1, X2, IndexExtend::Sxtx, true)), "20 f8 a2 b8", "ldrsw x0, [x1, x2, sxtx #2]"),
    (|a| a.load(Load::LdrshX, X3, index(X4, X5, IndexExtend::Sxtw, false)), "83 c8 a5 78", "ldrsh x3, [x4, w5, sxtw]"),
    (|a| a.load(Load::LdrX, X0, Address::PreIndex(SP, -16)), "e0 0f 5f f8", "ldr x0, [sp, #-16]!"),
    (|a| a.load(Load::LdrX, X0, Address::PostIndex(X1, 8)), "20 84 40 f8", "ldr x0, [x1], #8"),
    (|a| a.load(Load::LdrW, X0, Address::PostIndex(X1, -256)), "20 04 50 b8", "ldr w0, [x1], #-256"),
    (|a| a.load(Load::Ldrb, X0, Address::PreIndex(X1, 255)), "20 fc 4f 38", "ldrb w0, [x1, #255]!"),
    (|a| a.store(Size::X, X0, Address::Scaled(X1, 8)), "20 04 00 f9", "str x0, [x1, #8]"),
    (|a| a.store(Size::W, ZR, Address::Scaled(SP, 4)), "ff 07 00 b9", "str wzr, [sp, #4]"),
    (|a| a.store(Size::H, X0, Address::Scaled(X1, 2)), "20 04 00 79", "strh w0, [x1, #2]"),
    (|a| a.store(Size::B, X0, Address::Scaled(X1, 0)), "20 00 00 39", "strb w0, [x1]"),
    (|a| a.store(Size::X, X0, Address::Scaled(X1, 32760)), "20 fc 3f f9", "str x0, [x1, #32760]"),
    (|a| a.store(Size::X, X0, Address::Unscaled(X1, -1)), "20 f0 1f f8", "stur x0, [x1, #-1]"),
    (|a| a.store(Size::B, X0, Address::Unscaled(X1, -256)), "20 00 10 38", "sturb w0, [x1, #-256]"),
    (|a| a.store(Size::H, X0, Address::Unscaled(X1, 255)), "20 f0 0f 78", "sturh w0, [x1, #255]"),
    (|a| a.store(Size::W, X0, Address::Unscaled(SP, -4)), "e0 c3 1f b8", "stur w0, [sp, #-4]"),
    (|a| a.store(Size::X, X0, Address::indexed(X1, X2, true)), "20 78 22 f8", "str x0, [x1, x2, lsl #3]"),
    (|a| a.store(Size::B, X0, index(X1, X2, IndexExtend::Sxtw, false)), "20 c8 22 38", "strb w0, [x1, w2, sxtw]"),
    (|a| a.store(Size::W, X0, index(X1, X2, IndexExtend::Uxtw, true)), "20 58 22 b8", "str w0, [x1, w2, uxtw #2]"),
    (|a| a.store(Size::H, X0, Address::indexed(X1, X2, false)), "20 68 22 78", "strh w0, [x1, x2]"),
    (|a| a.store(Size::X, FP, Address::PreIndex(SP, -16)), "fd 0f 1f f8", "str x29, [sp, #-16]!"),
    (|a| a.store(Size::X, X0, Address::PostIndex(SP, 16)), "e0 07 01 f8", "str x0, [sp], #16"),
    (|a| a.load_fp(FpSize::S, V(0), Address::Scaled(X1, 4)), "20 04 40 bd", "ldr s0, [x1, #4]"),
    (|a| a.load_fp(FpSize::D, V(31), Address::Scaled(SP, 32760)), "ff ff 7f fd", "ldr d31, [sp, #32760]"),
    (|a| a.load_fp(FpSize::Q, V(2), Address::Scaled(X3, 65520)), "62 fc ff 3d", "ldr q2, [x3, #65520]"),
    (|a| a.store_fp(FpSize::S, V(1), Address::Scaled(X2, 16380)), "41 fc 3f bd", "str s1, [x2, #16380]"),
    (|a| a.store_fp(FpSize::D, V(8), Address::Scaled(X0, 0)), "08 00 00 fd", "str d8, [x0]"),
    (|a| a.store_fp(FpSize::Q, V(9), Address::Scaled(X1, 16)), "29 04 80 3d", "str q9, [x1, #16]"),
    (|a| a.load_fp(FpSize::D, V(0), Address::Unscaled(X1, -8)), "20 80 5f fc", "ldur d0, [x1, #-8]"),
    (|a| a.store_fp(FpSize::Q, V(0), Address::Unscaled(X1, 1)), "20 10 80 3c", "stur q0, [x1, #1]"),
    (|a| a.load_fp(FpSize::S, V(0), Address::Unscaled(X1, 255)), "20 f0 4f bc", "ldur s0, [x1, #255]"),
    (|a| a.load_fp(FpSize::D, V(0), Address::indexed(X1, X2, true)), "20 78 62 fc", "ldr d0, [x1, x2, lsl #3]"),
    (|a| a.load_fp(FpSize::Q, V(0), index(X1, X2, IndexExtend::Uxtw, true)), "20 58 e2 3c", "ldr q0, [x1, w2, uxtw #4]"),
    (|a| a.store_fp(FpSize::S, V(3), index(X1, X2, IndexExtend::Sxtw, false)), "23 c8 22 bc", "str s3, [x1, w2, sxtw]"),
    (|a| a.store_fp(FpSize::D, V(0), Address::PreIndex(SP, -16)), "e0 0f 1f fc", "str d0, [sp, #-16]!"),
    (|a| a.load_fp(FpSize::Q, V(1), Address::PostIndex(X0, 32)), "01 04 c2 3c", "ldr q1, [x0], #32"),
    (|a| a.store_pair(W64, FP, LR, PairAddress::PreIndex(SP, -16)), "fd 7b bf a9", "stp x29, x30, [sp, #-16]!"),
    (|a| a.load_pair(W64, FP, LR, PairAddress::PostIndex(SP, 16)), "fd 7b c1 a8", "ldp x29, x30, [sp], #16"),
    (|a| a.store_pair(W64, X19, X20, PairAddress::Offset(SP, 16)), "f3 53 01 a9", "stp x19, x20, [sp, #16]"),
    (|a| a.load_pair(W64, X0, X1, PairAddress::Offset(X2, -512)), "40 04 60 a9", "ldp x0, x1, [x2, #-512]"),
    (|a| a.load_pair(W64, X0, X1, PairAddress::Offset(X2, 504)), "40 84 5f a9", "ldp x0, x1, [x2, #504]"),
    (|a| a.store_pair(W64, ZR, ZR, PairAddress::Offset(X0, 0)), "1f 7c 00 a9", "stp xzr, xzr, [x0]"),
    (|a| a.store_pair(W32, X0, X1, PairAddress::Offset(X2, -4)), "40 84 3f 29", "stp w0, w1, [x2, #-4]"),
    (|a| a.load_pair(W32, X0, X1, PairAddress::PreIndex(X2, 252)), "40 84 df 29", "ldp w0, w1, [x2, #252]!"),
    (|a| a.store_pair_fp(FpSize::D, V(8), V(9), PairAddress::PreIndex(SP, -64)), "e8 27 bc 6d", "stp d8, d9, [sp, #-64]!"),
    (|a| a.load_pair_fp(FpSize::D, V(8), V(9), PairAddress::PostIndex(SP, 64)), "e8 27 c4 6c", "ldp d8, d9, [sp], #64"),
    (|a| a.store_pair_fp(FpSize::D, V(10), V(11), PairAddress::Offset(SP, 16)), "ea 2f 01 6d", "stp d10, d11, [sp, #16]"),
    (|a| a.load_pair_fp(FpSize::S, V(0), V(1), PairAddress::Offset(X0, 8)), "00 04 41 2d", "ldp s0, s1, [x0, #8]"),
    (|a| a.store_pair_fp(FpSize::Q, V(0), V(1), PairAddress::Offset(X0, -1024)), "00 04 20 ad", "stp q0, q1, [x0, #-1024]"),
    (|a| { let l = a.label(); a.load_literal(W64, X0, l); a.nop(); a.bind(l); }, "40 00 00 58 1f 20 03 d5", "ldr x0, #8; nop"),
    (|a| { let l = a.label(); a.bind(l); a.load_literal(W32, X1, l); }, "01 00 00 18", "ldr w1, #0"),
    (|a| { let l = a.label(); a.load_literal_fp(FpSize::D, V(0), l); a.bind(l); }, "20 00 00 5c", "ldr d0, #4"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.load_literal_fp(FpSize::Q, V(1), l); }, "1f 20 03 d5 e1 ff ff 9c", "nop; ldr q1, #-4"),
    (|a| { let l = a.label(); a.load_literal_fp(FpSize::S, V(2), l); a.bind(l); }, "22 00 00 1c", "ldr s2, #4"),
    (|a| a.ldar(Size::X, X0, X1), "20 fc df c8", "ldar x0, [x1]"),
    (|a| a.ldar(Size::W, X0, SP), "e0 ff df 88", "ldar w0, [sp]"),
    (|a| a.ldar(Size::B, X0, X1), "20 fc df 08", "ldarb w0, [x1]"),
    (|a| a.ldar(Size::H, X0, X1), "20 fc df 48", "ldarh w0, [x1]"),
    (|a| a.stlr(Size::X, X0, X1), "20 fc 9f c8", "stlr x0, [x1]"),
    (|a| a.stlr(Size::W, X2, X3), "62 fc 9f 88", "stlr w2, [x3]"),
    (|a| a.stlr(Size::B, X0, X1), "20 fc 9f 08", "stlrb w0, [x1]"),
    (|a| a.stlr(Size::H, ZR, SP), "ff ff 9f 48", "stlrh wzr, [sp]"),
    (|a| a.ldaxr(Size::X, X0, X1), "20 fc 5f c8", "ldaxr x0, [x1]"),
    (|a| a.ldaxr(Size::W, X0, X1), "20 fc 5f 88", "ldaxr w0, [x1]"),
    (|a| a.ldaxr(Size::B, X0, X1), "20 fc 5f 08", "ldaxrb w0, [x1]"),
    (|a| a.ldaxr(Size::H, X0, X1), "20 fc 5f 48", "ldaxrh w0, [x1]"),
    (|a| a.stlxr(Size::X, X2, X0, X1), "20 fc 02 c8", "stlxr w2, x0, [x1]"),
    (|a| a.stlxr(Size::W, X3, X4, SP), "e4 ff 03 88", "stlxr w3, w4, [sp]"),
    (|a| a.stlxr(Size::B, X0, X1, X2), "41 fc 00 08", "stlxrb w0, w1, [x2]"),
    (|a| a.stlxr(Size::H, X0, X1, X2), "41 fc 00 48", "stlxrh w0, w1, [x2]"),
    (|a| a.dmb_ish(), "bf 3b 03 d5", "dmb ish"),
    // ---- branches
    (|a| { let l = a.label(); a.b(l); a.bind(l); }, "01 00 00 14", "b #4"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.b(l); }, "1f 20 03 d5 ff ff ff 17", "nop; b #-4"),
    (|a| { let l = a.label(); a.bl(l); a.nop(); a.bind(l); }, "02 00 00 94 1f 20 03 d5", "bl #8; nop"),
    (|a| { let l = a.label(); a.bind(l); a.bl(l); }, "00 00 00 94", "bl #0"),
    (|a| { let l = a.label(); a.b_cond(Cond::Eq, l); a.bind(l); }, "20 00 00 54", "b.eq #4"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.b_cond(Cond::Le, l); }, "1f 20 03 d5 ed ff ff 54", "nop; b.le #-4"),
    (|a| { let l = a.label(); a.b_cond(Cond::Hs, l); a.nop(); a.bind(l); }, "42 00 00 54 1f 20 03 d5", "b.hs #8; nop"),
    (|a| { let l = a.label(); a.cbz(W64, X0, l); a.bind(l); }, "20 00 00 b4", "cbz x0, #4"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.cbnz(W32, X1, l); }, "1f 20 03 d5 e1 ff ff 35", "nop; cbnz w1, #-4"),
    (|a| { let l = a.label(); a.cbz(W32, ZR, l); a.bind(l); }, "3f 00 00 34", "cbz wzr, #4"),
    (|a| { let l = a.label(); a.tbz(X0, 0, l); a.bind(l); }, "20 00 00 36", "tbz w0, #0, #4"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.tbnz(X1, 63, l); }, "1f 20 03 d5 e1 ff ff b7", "nop; tbnz x1, #63, #-4"),
    (|a| { let l = a.label(); a.tbz(X2, 31, l); a.bind(l); }, "22 00 f8 36", "tbz w2, #31, #4"),
    (|a| { let l = a.label(); a.tbnz(X3, 32, l); a.nop(); a.bind(l); }, "43 00 00 b7 1f 20 03 d5", "tbnz x3, #32, #8; nop"),
    (|a| a.br(X16), "00 02 1f d6", "br x16"),
    (|a| a.blr(X8), "00 01 3f d6", "blr x8"),
    (|a| a.ret(), "c0 03 5f d6", "ret"),
    (|a| a.ret_to(X1), "20 00 5f d6", "ret x1"),
    (|a| { let l = a.label(); a.adr(X0, l); a.nop(); a.bind(l); }, "40 00 00 10 1f 20 03 d5", "adr x0, #8; nop"),
    (|a| { let l = a.label(); a.bind(l); a.nop(); a.adr(X1, l); }, "1f 20 03 d5 e1 ff ff 10", "nop; adr x1, #-4"),
    (|a| a.brk(0), "00 00 20 d4", "brk #0"),
    (|a| a.brk(0xffff), "e0 ff 3f d4", "brk #0xffff"),
    (|a| a.udf(0), "00 00 00 00", "udf #0"),
    (|a| a.udf(0xffff), "ff ff 00 00", "udf #65535"),
    (|a| a.nop(), "1f 20 03 d5", "nop"),
    // ---- floating point
    (|a| a.fmov(Precision::S, V(0), V(1)), "20 40 20 1e", "fmov s0, s1"),
    (|a| a.fmov(Precision::D, V(31), V(30)), "df 43 60 1e", "fmov d31, d30"),
    (|a| a.fmov_from_gpr(W32, V(0), X1), "20 00 27 1e", "fmov s0, w1"),
    (|a| a.fmov_from_gpr(W64, V(2), X3), "62 00 67 9e", "fmov d2, x3"),
    (|a| a.fmov_from_gpr(W64, V(0), ZR), "e0 03 67 9e", "fmov d0, xzr"),
    (|a| a.fmov_to_gpr(W32, X0, V(1)), "20 00 26 1e", "fmov w0, s1"),
    (|a| a.fmov_to_gpr(W64, X2, V(3)), "62 00 66 9e", "fmov x2, d3"),
    (|a| a.fmov_imm(Precision::D, V(0), fp64(1.0)), "00 10 6e 1e", "fmov d0, #1.0"),
    (|a| a.fmov_imm(Precision::S, V(1), fp32(-2.0)), "01 10 30 1e", "fmov s1, #-2.0"),
    (|a| a.fmov_imm(Precision::D, V(2), fp64(0.125)), "02 10 68 1e", "fmov d2, #0.125"),
    (|a| a.fmov_imm(Precision::S, V(3), fp32(31.0)), "03 f0 27 1e", "fmov s3, #31.0"),
    (|a| a.fmov_imm(Precision::D, V(4), fp64(-1.9375)), "04 f0 7f 1e", "fmov d4, #-1.9375"),
    (|a| a.fmov_imm(Precision::S, V(5), fp32(0.5)), "05 10 2c 1e", "fmov s5, #0.5"),
    (|a| a.fp_arith(FpArith::Mul, Precision::S, V(0), V(1), V(2)), "20 08 22 1e", "fmul s0, s1, s2"),
    (|a| a.fp_arith(FpArith::Div, Precision::D, V(0), V(1), V(2)), "20 18 62 1e", "fdiv d0, d1, d2"),
    (|a| a.fp_arith(FpArith::Add, Precision::S, V(3), V(4), V(5)), "83 28 25 1e", "fadd s3, s4, s5"),
    (|a| a.fp_arith(FpArith::Add, Precision::D, V(31), V(30), V(29)), "df 2b 7d 1e", "fadd d31, d30, d29"),
    (|a| a.fp_arith(FpArith::Sub, Precision::D, V(6), V(7), V(8)), "e6 38 68 1e", "fsub d6, d7, d8"),
    (|a| a.fp_arith(FpArith::Max, Precision::S, V(0), V(1), V(2)), "20 48 22 1e", "fmax s0, s1, s2"),
    (|a| a.fp_arith(FpArith::Min, Precision::D, V(0), V(1), V(2)), "20 58 62 1e", "fmin d0, d1, d2"),
    (|a| a.fp_arith(FpArith::MaxNm, Precision::D, V(0), V(1), V(2)), "20 68 62 1e", "fmaxnm d0, d1, d2"),
    (|a| a.fp_arith(FpArith::MinNm, Precision::S, V(0), V(1), V(2)), "20 78 22 1e", "fminnm s0, s1, s2"),
    (|a| a.fp_arith(FpArith::Nmul, Precision::D, V(0), V(1), V(2)), "20 88 62 1e", "fnmul d0, d1, d2"),
    (|a| a.fp_unary(FpUnary::Abs, Precision::S, V(0), V(1)), "20 c0 20 1e", "fabs s0, s1"),
    (|a| a.fp_unary(FpUnary::Neg, Precision::D, V(0), V(1)), "20 40 61 1e", "fneg d0, d1"),
    (|a| a.fp_unary(FpUnary::Sqrt, Precision::S, V(2), V(3)), "62 c0 21 1e", "fsqrt s2, s3"),
    (|a| a.fp_unary(FpUnary::Sqrt, Precision::D, V(2), V(3)), "62 c0 61 1e", "fsqrt d2, d3"),
    (|a| a.fp_unary(FpUnary::RintN, Precision::D, V(0), V(1)), "20 40 64 1e", "frintn d0, d1"),
    (|a| a.fp_unary(FpUnary::RintP, Precision::S, V(0), V(1)), "20 c0 24 1e", "frintp s0, s1"),
    (|a| a.fp_unary(FpUnary::RintM, Precision::D, V(0), V(1)), "20 40 65 1e", "frintm d0, d1"),
    (|a| a.fp_unary(FpUnary::RintZ, Precision::S, V(0), V(1)), "20 c0 25 1e", "frintz s0, s1"),
    (|a| a.fp_unary(FpUnary::RintZ, Precision::D, V(4), V(5)), "a4 c0 65 1e", "frintz d4, d5"),
    (|a| a.fcvt(Precision::D, V(0), V(1)), "20 c0 22 1e", "fcvt d0, s1"),
    (|a| a.fcvt(Precision::S, V(0), V(1)), "20 40 62 1e", "fcvt s0, d1"),
    (|a| a.fcmp(Precision::S, V(0), V(1)), "00 20 21 1e", "fcmp s0, s1"),
    (|a| a.fcmp(Precision::D, V(2), V(3)), "40 20 63 1e", "fcmp d2, d3"),
    (|a| a.fcmp_zero(Precision::S, V(4)), "88 20 20 1e", "fcmp s4, #0.0"),
    (|a| a.fcmp_zero(Precision::D, V(5)), "a8 20 60 1e", "fcmp d5, #0.0"),
    (|a| a.fcsel(Precision::S, V(0), V(1), V(2), Cond::Eq), "20 0c 22 1e", "fcsel s0, s1, s2, eq"),
    (|a| a.fcsel(Precision::D, V(0), V(1), V(2), Cond::Lt), "20 bc 62 1e", "fcsel d0, d1, d2, lt"),
    (|a| a.scvtf(Precision::D, W64, V(0), X1), "20 00 62 9e", "scvtf d0, x1"),
    (|a| a.scvtf(Precision::S, W32, V(0), X1), "20 00 22 1e", "scvtf s0, w1"),
    (|a| a.scvtf(Precision::D, W32, V(0), X1), "20 00 62 1e", "scvtf d0, w1"),
    (|a| a.scvtf(Precision::S, W64, V(0), X1), "20 00 22 9e", "scvtf s0, x1"),
    (|a| a.ucvtf(Precision::D, W64, V(0), X1), "20 00 63 9e", "ucvtf d0, x1"),
    (|a| a.ucvtf(Precision::S, W32, V(2), X3), "62 00 23 1e", "ucvtf s2, w3"),
    (|a| a.fcvtzs(W32, Precision::S, X0, V(1)), "20 00 38 1e", "fcvtzs w0, s1"),
    (|a| a.fcvtzs(W64, Precision::D, X0, V(1)), "20 00 78 9e", "fcvtzs x0, d1"),
    (|a| a.fcvtzs(W64, Precision::S, X0, V(1)), "20 00 38 9e", "fcvtzs x0, s1"),
    (|a| a.fcvtzs(W32, Precision::D, X0, V(1)), "20 00 78 1e", "fcvtzs w0, d1"),
    (|a| a.fcvtzu(W32, Precision::D, X0, V(1)), "20 00 79 1e", "fcvtzu w0, d1"),
    (|a| a.fcvtzu(W64, Precision::S, X2, V(3)), "62 00 39 9e", "fcvtzu x2, s3"),
    (|a| a.cnt_8b(V(0), V(1)), "20 58 20 0e", "cnt v0.8b, v1.8b"),
    (|a| a.cnt_8b(V(31), V(31)), "ff 5b 20 0e", "cnt v31.8b, v31.8b"),
    (|a| a.addv_8b(V(0), V(1)), "20 b8 31 0e", "addv b0, v1.8b"),
    (|a| a.umov_b(X0, V(1), 0), "20 3c 01 0e", "umov w0, v1.b[0]"),
    (|a| a.umov_b(X2, V(3), 15), "62 3c 1f 0e", "umov w2, v3.b[15]"),
    (|a| a.mov_16b(V(0), V(1)), "20 1c a1 4e", "mov v0.16b, v1.16b"),
    (|a| a.mov_16b(V(31), V(16)), "1f 1e b0 4e", "mov v31.16b, v16.16b"),
];

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_instruction_encodes_as_llvm_does() {
    let mut wrong = Vec::new();
    for (emit, expected, text) in CASES {
        let mut a = Assembler::new();
        emit(&mut a);
        let got = a.finish().map(|code| hex(&code));
        if got.as_deref() != Some(*expected) {
            wrong.push(format!("{text}: got {got:?}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
