//! Golden encodings of the packed SSE instructions (`insn_simd.rs`):
//! every instruction of the table, with low and extended registers and
//! each memory form, against the bytes LLVM's assembler (`llvm-mc`, Intel
//! syntax, beside each case) produces.

use super::insn_simd::ENCODINGS;
use super::insn_simd::Packed::{self, *};
use super::reg::Gpr::*;
use super::{Assembler, Mem, Xmm};
use crate::jit::code_buffer::Assemble;
use alloc::{format, string::String, vec::Vec};

/// One instruction: how to emit it, its bytes in hex, the assembly text.
type Case = (fn(&mut Assembler), &'static str, &'static str);

const CASES: &[Case] = &[
    (
        |a| a.packed(Movdqa, Xmm(1), Xmm(10)),
        "66 41 0f 6f ca",
        "movdqa xmm1, xmm10",
    ),
    (
        |a| a.packed_load(Movdqu, Xmm(9), Mem::base(R14, 8)),
        "f3 45 0f 6f 4e 08",
        "movdqu xmm9, xmmword ptr [r14 + 8]",
    ),
    (
        |a| a.packed_load(Movdqu, Xmm(2), Mem::base(R12, -256)),
        "f3 41 0f 6f 94 24 00 ff ff ff",
        "movdqu xmm2, xmmword ptr [r12 - 256]",
    ),
    (
        |a| a.packed_store(MovdquStore, Mem::base(R12, -256), Xmm(1)),
        "f3 41 0f 7f 8c 24 00 ff ff ff",
        "movdqu xmmword ptr [r12 - 256], xmm1",
    ),
    (
        |a| a.packed_store(MovdquStore, Mem::indexed(R13, Rax, 16), Xmm(10)),
        "f3 45 0f 7f 54 05 10",
        "movdqu xmmword ptr [r13 + rax + 16], xmm10",
    ),
    (
        |a| a.packed_load(MovqLoad, Xmm(9), Mem::indexed(R13, Rax, 16)),
        "f3 45 0f 7e 4c 05 10",
        "movq xmm9, qword ptr [r13 + rax + 16]",
    ),
    (
        |a| a.packed_load(MovqLoad, Xmm(2), Mem::base(R14, 8)),
        "f3 41 0f 7e 56 08",
        "movq xmm2, qword ptr [r14 + 8]",
    ),
    (
        |a| a.packed_store(MovqStore, Mem::base(R14, 8), Xmm(1)),
        "66 41 0f d6 4e 08",
        "movq qword ptr [r14 + 8], xmm1",
    ),
    (
        |a| a.packed_store(MovqStore, Mem::base(R12, -256), Xmm(10)),
        "66 45 0f d6 94 24 00 ff ff ff",
        "movq qword ptr [r12 - 256], xmm10",
    ),
    (
        |a| a.packed_load(MovdLoad, Xmm(9), Mem::base(R12, -256)),
        "66 45 0f 6e 8c 24 00 ff ff ff",
        "movd xmm9, dword ptr [r12 - 256]",
    ),
    (
        |a| a.packed_load(MovdLoad, Xmm(2), Mem::indexed(R13, Rax, 16)),
        "66 41 0f 6e 54 05 10",
        "movd xmm2, dword ptr [r13 + rax + 16]",
    ),
    (
        |a| a.packed_store(MovdStore, Mem::indexed(R13, Rax, 16), Xmm(1)),
        "66 41 0f 7e 4c 05 10",
        "movd dword ptr [r13 + rax + 16], xmm1",
    ),
    (
        |a| a.packed_store(MovdStore, Mem::base(R14, 8), Xmm(10)),
        "66 45 0f 7e 56 08",
        "movd dword ptr [r14 + 8], xmm10",
    ),
    (
        |a| a.packed(Paddb, Xmm(9), Xmm(2)),
        "66 44 0f fc ca",
        "paddb xmm9, xmm2",
    ),
    (
        |a| a.packed(Paddw, Xmm(1), Xmm(10)),
        "66 41 0f fd ca",
        "paddw xmm1, xmm10",
    ),
    (
        |a| a.packed(Paddd, Xmm(9), Xmm(2)),
        "66 44 0f fe ca",
        "paddd xmm9, xmm2",
    ),
    (
        |a| a.packed(Paddq, Xmm(1), Xmm(10)),
        "66 41 0f d4 ca",
        "paddq xmm1, xmm10",
    ),
    (
        |a| a.packed(Psubb, Xmm(9), Xmm(2)),
        "66 44 0f f8 ca",
        "psubb xmm9, xmm2",
    ),
    (
        |a| a.packed(Psubw, Xmm(1), Xmm(10)),
        "66 41 0f f9 ca",
        "psubw xmm1, xmm10",
    ),
    (
        |a| a.packed(Psubd, Xmm(9), Xmm(2)),
        "66 44 0f fa ca",
        "psubd xmm9, xmm2",
    ),
    (
        |a| a.packed(Psubq, Xmm(1), Xmm(10)),
        "66 41 0f fb ca",
        "psubq xmm1, xmm10",
    ),
    (
        |a| a.packed(Paddsb, Xmm(9), Xmm(2)),
        "66 44 0f ec ca",
        "paddsb xmm9, xmm2",
    ),
    (
        |a| a.packed(Paddsw, Xmm(1), Xmm(10)),
        "66 41 0f ed ca",
        "paddsw xmm1, xmm10",
    ),
    (
        |a| a.packed(Paddusb, Xmm(9), Xmm(2)),
        "66 44 0f dc ca",
        "paddusb xmm9, xmm2",
    ),
    (
        |a| a.packed(Paddusw, Xmm(1), Xmm(10)),
        "66 41 0f dd ca",
        "paddusw xmm1, xmm10",
    ),
    (
        |a| a.packed(Psubsb, Xmm(9), Xmm(2)),
        "66 44 0f e8 ca",
        "psubsb xmm9, xmm2",
    ),
    (
        |a| a.packed(Psubsw, Xmm(1), Xmm(10)),
        "66 41 0f e9 ca",
        "psubsw xmm1, xmm10",
    ),
    (
        |a| a.packed(Psubusb, Xmm(9), Xmm(2)),
        "66 44 0f d8 ca",
        "psubusb xmm9, xmm2",
    ),
    (
        |a| a.packed(Psubusw, Xmm(1), Xmm(10)),
        "66 41 0f d9 ca",
        "psubusw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pminub, Xmm(9), Xmm(2)),
        "66 44 0f da ca",
        "pminub xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmaxub, Xmm(1), Xmm(10)),
        "66 41 0f de ca",
        "pmaxub xmm1, xmm10",
    ),
    (
        |a| a.packed(Pminsw, Xmm(9), Xmm(2)),
        "66 44 0f ea ca",
        "pminsw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmaxsw, Xmm(1), Xmm(10)),
        "66 41 0f ee ca",
        "pmaxsw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pavgb, Xmm(9), Xmm(2)),
        "66 44 0f e0 ca",
        "pavgb xmm9, xmm2",
    ),
    (
        |a| a.packed(Pavgw, Xmm(1), Xmm(10)),
        "66 41 0f e3 ca",
        "pavgw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmullw, Xmm(9), Xmm(2)),
        "66 44 0f d5 ca",
        "pmullw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmulhw, Xmm(1), Xmm(10)),
        "66 41 0f e5 ca",
        "pmulhw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmulhuw, Xmm(9), Xmm(2)),
        "66 44 0f e4 ca",
        "pmulhuw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmuludq, Xmm(1), Xmm(10)),
        "66 41 0f f4 ca",
        "pmuludq xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmaddwd, Xmm(9), Xmm(2)),
        "66 44 0f f5 ca",
        "pmaddwd xmm9, xmm2",
    ),
    (
        |a| a.packed(Pand, Xmm(1), Xmm(10)),
        "66 41 0f db ca",
        "pand xmm1, xmm10",
    ),
    (
        |a| a.packed(Pandn, Xmm(9), Xmm(2)),
        "66 44 0f df ca",
        "pandn xmm9, xmm2",
    ),
    (
        |a| a.packed(Por, Xmm(1), Xmm(10)),
        "66 41 0f eb ca",
        "por xmm1, xmm10",
    ),
    (
        |a| a.packed(Pxor, Xmm(9), Xmm(2)),
        "66 44 0f ef ca",
        "pxor xmm9, xmm2",
    ),
    (
        |a| a.packed(Pcmpeqb, Xmm(1), Xmm(10)),
        "66 41 0f 74 ca",
        "pcmpeqb xmm1, xmm10",
    ),
    (
        |a| a.packed(Pcmpeqw, Xmm(9), Xmm(2)),
        "66 44 0f 75 ca",
        "pcmpeqw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pcmpeqd, Xmm(1), Xmm(10)),
        "66 41 0f 76 ca",
        "pcmpeqd xmm1, xmm10",
    ),
    (
        |a| a.packed(Pcmpgtb, Xmm(9), Xmm(2)),
        "66 44 0f 64 ca",
        "pcmpgtb xmm9, xmm2",
    ),
    (
        |a| a.packed(Pcmpgtw, Xmm(1), Xmm(10)),
        "66 41 0f 65 ca",
        "pcmpgtw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pcmpgtd, Xmm(9), Xmm(2)),
        "66 44 0f 66 ca",
        "pcmpgtd xmm9, xmm2",
    ),
    (
        |a| a.packed(Packsswb, Xmm(1), Xmm(10)),
        "66 41 0f 63 ca",
        "packsswb xmm1, xmm10",
    ),
    (
        |a| a.packed(Packssdw, Xmm(9), Xmm(2)),
        "66 44 0f 6b ca",
        "packssdw xmm9, xmm2",
    ),
    (
        |a| a.packed(Packuswb, Xmm(1), Xmm(10)),
        "66 41 0f 67 ca",
        "packuswb xmm1, xmm10",
    ),
    (
        |a| a.packed(Punpcklbw, Xmm(9), Xmm(2)),
        "66 44 0f 60 ca",
        "punpcklbw xmm9, xmm2",
    ),
    (
        |a| a.packed(Punpcklwd, Xmm(1), Xmm(10)),
        "66 41 0f 61 ca",
        "punpcklwd xmm1, xmm10",
    ),
    (
        |a| a.packed(Punpckldq, Xmm(9), Xmm(2)),
        "66 44 0f 62 ca",
        "punpckldq xmm9, xmm2",
    ),
    (
        |a| a.packed(Punpcklqdq, Xmm(1), Xmm(10)),
        "66 41 0f 6c ca",
        "punpcklqdq xmm1, xmm10",
    ),
    (
        |a| a.packed(Punpckhbw, Xmm(9), Xmm(2)),
        "66 44 0f 68 ca",
        "punpckhbw xmm9, xmm2",
    ),
    (
        |a| a.packed(Punpckhwd, Xmm(1), Xmm(10)),
        "66 41 0f 69 ca",
        "punpckhwd xmm1, xmm10",
    ),
    (
        |a| a.packed(Punpckhdq, Xmm(9), Xmm(2)),
        "66 44 0f 6a ca",
        "punpckhdq xmm9, xmm2",
    ),
    (
        |a| a.packed(Punpckhqdq, Xmm(1), Xmm(10)),
        "66 41 0f 6d ca",
        "punpckhqdq xmm1, xmm10",
    ),
    (
        |a| a.packed(Psllw, Xmm(9), Xmm(2)),
        "66 44 0f f1 ca",
        "psllw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pslld, Xmm(1), Xmm(10)),
        "66 41 0f f2 ca",
        "pslld xmm1, xmm10",
    ),
    (
        |a| a.packed(Psllq, Xmm(9), Xmm(2)),
        "66 44 0f f3 ca",
        "psllq xmm9, xmm2",
    ),
    (
        |a| a.packed(Psrlw, Xmm(1), Xmm(10)),
        "66 41 0f d1 ca",
        "psrlw xmm1, xmm10",
    ),
    (
        |a| a.packed(Psrld, Xmm(9), Xmm(2)),
        "66 44 0f d2 ca",
        "psrld xmm9, xmm2",
    ),
    (
        |a| a.packed(Psrlq, Xmm(1), Xmm(10)),
        "66 41 0f d3 ca",
        "psrlq xmm1, xmm10",
    ),
    (
        |a| a.packed(Psraw, Xmm(9), Xmm(2)),
        "66 44 0f e1 ca",
        "psraw xmm9, xmm2",
    ),
    (
        |a| a.packed(Psrad, Xmm(1), Xmm(10)),
        "66 41 0f e2 ca",
        "psrad xmm1, xmm10",
    ),
    (
        |a| a.packed_shift_imm(PsllwImm, Xmm(9), 63),
        "66 41 0f 71 f1 3f",
        "psllw xmm9, 63",
    ),
    (
        |a| a.packed_shift_imm(PslldImm, Xmm(1), 8),
        "66 0f 72 f1 08",
        "pslld xmm1, 8",
    ),
    (
        |a| a.packed_shift_imm(PsllqImm, Xmm(9), 7),
        "66 41 0f 73 f1 07",
        "psllq xmm9, 7",
    ),
    (
        |a| a.packed_shift_imm(PsrlwImm, Xmm(1), 15),
        "66 0f 71 d1 0f",
        "psrlw xmm1, 15",
    ),
    (
        |a| a.packed_shift_imm(PsrldImm, Xmm(9), 31),
        "66 41 0f 72 d1 1f",
        "psrld xmm9, 31",
    ),
    (
        |a| a.packed_shift_imm(PsrlqImm, Xmm(1), 63),
        "66 0f 73 d1 3f",
        "psrlq xmm1, 63",
    ),
    (
        |a| a.packed_shift_imm(PsrawImm, Xmm(9), 8),
        "66 41 0f 71 e1 08",
        "psraw xmm9, 8",
    ),
    (
        |a| a.packed_shift_imm(PsradImm, Xmm(1), 7),
        "66 0f 72 e1 07",
        "psrad xmm1, 7",
    ),
    (
        |a| a.packed_shift_imm(PslldqImm, Xmm(9), 4),
        "66 41 0f 73 f9 04",
        "pslldq xmm9, 4",
    ),
    (
        |a| a.packed_shift_imm(PsrldqImm, Xmm(1), 4),
        "66 0f 73 d9 04",
        "psrldq xmm1, 4",
    ),
    (
        |a| a.packed_imm(Pshufd, Xmm(9), Xmm(2), 0x3),
        "66 44 0f 70 ca 03",
        "pshufd xmm9, xmm2, 3",
    ),
    (
        |a| a.packed_imm(Pshuflw, Xmm(1), Xmm(10), 0x1b),
        "f2 41 0f 70 ca 1b",
        "pshuflw xmm1, xmm10, 27",
    ),
    (
        |a| a.packed_imm(Pshufhw, Xmm(9), Xmm(2), 0x9),
        "f3 44 0f 70 ca 09",
        "pshufhw xmm9, xmm2, 9",
    ),
    (
        |a| a.packed_imm(Shufps, Xmm(1), Xmm(10), 0xb1),
        "41 0f c6 ca b1",
        "shufps xmm1, xmm10, 177",
    ),
    (
        |a| a.packed_to_gpr(Pmovmskb, R9, Xmm(2)),
        "66 44 0f d7 ca",
        "pmovmskb r9d, xmm2",
    ),
    (
        |a| a.packed_to_gpr(Movmskps, Rax, Xmm(10)),
        "41 0f 50 c2",
        "movmskps eax, xmm10",
    ),
    (
        |a| a.packed_to_gpr(Movmskpd, R9, Xmm(2)),
        "66 44 0f 50 ca",
        "movmskpd r9d, xmm2",
    ),
    (
        |a| a.packed(Addps, Xmm(1), Xmm(10)),
        "41 0f 58 ca",
        "addps xmm1, xmm10",
    ),
    (
        |a| a.packed(Addpd, Xmm(9), Xmm(2)),
        "66 44 0f 58 ca",
        "addpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Subps, Xmm(1), Xmm(10)),
        "41 0f 5c ca",
        "subps xmm1, xmm10",
    ),
    (
        |a| a.packed(Subpd, Xmm(9), Xmm(2)),
        "66 44 0f 5c ca",
        "subpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Mulps, Xmm(1), Xmm(10)),
        "41 0f 59 ca",
        "mulps xmm1, xmm10",
    ),
    (
        |a| a.packed(Mulpd, Xmm(9), Xmm(2)),
        "66 44 0f 59 ca",
        "mulpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Divps, Xmm(1), Xmm(10)),
        "41 0f 5e ca",
        "divps xmm1, xmm10",
    ),
    (
        |a| a.packed(Divpd, Xmm(9), Xmm(2)),
        "66 44 0f 5e ca",
        "divpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Minps, Xmm(1), Xmm(10)),
        "41 0f 5d ca",
        "minps xmm1, xmm10",
    ),
    (
        |a| a.packed(Minpd, Xmm(9), Xmm(2)),
        "66 44 0f 5d ca",
        "minpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Maxps, Xmm(1), Xmm(10)),
        "41 0f 5f ca",
        "maxps xmm1, xmm10",
    ),
    (
        |a| a.packed(Maxpd, Xmm(9), Xmm(2)),
        "66 44 0f 5f ca",
        "maxpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Sqrtps, Xmm(1), Xmm(10)),
        "41 0f 51 ca",
        "sqrtps xmm1, xmm10",
    ),
    (
        |a| a.packed(Sqrtpd, Xmm(9), Xmm(2)),
        "66 44 0f 51 ca",
        "sqrtpd xmm9, xmm2",
    ),
    (
        |a| a.packed(Andps, Xmm(1), Xmm(10)),
        "41 0f 54 ca",
        "andps xmm1, xmm10",
    ),
    (
        |a| a.packed(Andnps, Xmm(9), Xmm(2)),
        "44 0f 55 ca",
        "andnps xmm9, xmm2",
    ),
    (
        |a| a.packed(Orps, Xmm(1), Xmm(10)),
        "41 0f 56 ca",
        "orps xmm1, xmm10",
    ),
    (
        |a| a.packed(Unpcklps, Xmm(9), Xmm(2)),
        "44 0f 14 ca",
        "unpcklps xmm9, xmm2",
    ),
    (
        |a| a.packed_imm(Cmpps, Xmm(1), Xmm(10), 0x1b),
        "41 0f c2 ca 1b",
        "cmpps xmm1, xmm10, 27",
    ),
    (
        |a| a.packed_imm(Cmppd, Xmm(9), Xmm(2), 0x9),
        "66 44 0f c2 ca 09",
        "cmppd xmm9, xmm2, 9",
    ),
    (
        |a| a.packed(Cvtdq2ps, Xmm(1), Xmm(10)),
        "41 0f 5b ca",
        "cvtdq2ps xmm1, xmm10",
    ),
    (
        |a| a.packed(Cvttps2dq, Xmm(9), Xmm(2)),
        "f3 44 0f 5b ca",
        "cvttps2dq xmm9, xmm2",
    ),
    (
        |a| a.packed(Cvtdq2pd, Xmm(1), Xmm(10)),
        "f3 41 0f e6 ca",
        "cvtdq2pd xmm1, xmm10",
    ),
    (
        |a| a.packed(Cvttpd2dq, Xmm(9), Xmm(2)),
        "66 44 0f e6 ca",
        "cvttpd2dq xmm9, xmm2",
    ),
    (
        |a| a.packed(Cvtps2pd, Xmm(1), Xmm(10)),
        "41 0f 5a ca",
        "cvtps2pd xmm1, xmm10",
    ),
    (
        |a| a.packed(Cvtpd2ps, Xmm(9), Xmm(2)),
        "66 44 0f 5a ca",
        "cvtpd2ps xmm9, xmm2",
    ),
    (
        |a| a.packed(Pshufb, Xmm(1), Xmm(10)),
        "66 41 0f 38 00 ca",
        "pshufb xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmulhrsw, Xmm(9), Xmm(2)),
        "66 44 0f 38 0b ca",
        "pmulhrsw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pabsb, Xmm(1), Xmm(10)),
        "66 41 0f 38 1c ca",
        "pabsb xmm1, xmm10",
    ),
    (
        |a| a.packed(Pabsw, Xmm(9), Xmm(2)),
        "66 44 0f 38 1d ca",
        "pabsw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pabsd, Xmm(1), Xmm(10)),
        "66 41 0f 38 1e ca",
        "pabsd xmm1, xmm10",
    ),
    (
        |a| a.packed(Ptest, Xmm(9), Xmm(2)),
        "66 44 0f 38 17 ca",
        "ptest xmm9, xmm2",
    ),
    (
        |a| a.packed(Pcmpeqq, Xmm(1), Xmm(10)),
        "66 41 0f 38 29 ca",
        "pcmpeqq xmm1, xmm10",
    ),
    (
        |a| a.packed(Packusdw, Xmm(9), Xmm(2)),
        "66 44 0f 38 2b ca",
        "packusdw xmm9, xmm2",
    ),
    (
        |a| a.packed(Pminsb, Xmm(1), Xmm(10)),
        "66 41 0f 38 38 ca",
        "pminsb xmm1, xmm10",
    ),
    (
        |a| a.packed(Pminsd, Xmm(9), Xmm(2)),
        "66 44 0f 38 39 ca",
        "pminsd xmm9, xmm2",
    ),
    (
        |a| a.packed(Pminuw, Xmm(1), Xmm(10)),
        "66 41 0f 38 3a ca",
        "pminuw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pminud, Xmm(9), Xmm(2)),
        "66 44 0f 38 3b ca",
        "pminud xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmaxsb, Xmm(1), Xmm(10)),
        "66 41 0f 38 3c ca",
        "pmaxsb xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmaxsd, Xmm(9), Xmm(2)),
        "66 44 0f 38 3d ca",
        "pmaxsd xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmaxuw, Xmm(1), Xmm(10)),
        "66 41 0f 38 3e ca",
        "pmaxuw xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmaxud, Xmm(9), Xmm(2)),
        "66 44 0f 38 3f ca",
        "pmaxud xmm9, xmm2",
    ),
    (
        |a| a.packed(Pmulld, Xmm(1), Xmm(10)),
        "66 41 0f 38 40 ca",
        "pmulld xmm1, xmm10",
    ),
    (
        |a| a.packed(Pmuldq, Xmm(9), Xmm(2)),
        "66 44 0f 38 28 ca",
        "pmuldq xmm9, xmm2",
    ),
    (
        |a| a.packed_imm(Roundps, Xmm(1), Xmm(10), 0xb1),
        "66 41 0f 3a 08 ca b1",
        "roundps xmm1, xmm10, 177",
    ),
    (
        |a| a.packed_imm(Roundpd, Xmm(9), Xmm(2), 0x3),
        "66 44 0f 3a 09 ca 03",
        "roundpd xmm9, xmm2, 3",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_packed_instruction_encodes_as_llvm_does() {
    let mut wrong = Vec::new();
    for (emit, expected, text) in CASES {
        let mut a = Assembler::new();
        emit(&mut a);
        let got = hex(&a.finish().expect("no labels"));
        if got != *expected {
            wrong.push(format!("{text}: got {got}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The case bytes `bytes` encode `e`: its prefix, a REX prefix or none,
/// its opcode, and (a shift by an immediate) its `/n`.
fn encodes(bytes: &[u8], e: &super::insn_simd::Encoding) -> bool {
    let rest = match e.prefix {
        0 => bytes,
        p if bytes.first() == Some(&p) => &bytes[1..],
        _ => return false,
    };
    let rest = match rest.first() {
        Some(&rex) if rex & 0xf0 == 0x40 => &rest[1..],
        _ => rest,
    };
    let Some(after) = rest.strip_prefix(e.opcode) else {
        return false;
    };
    match e.form {
        super::insn_simd::Form::Ext(n) => after.first().is_some_and(|m| (m >> 3) & 7 == n),
        _ => true,
    }
}

#[test]
fn every_table_entry_has_a_case() {
    assert_eq!(Packed::ALL.len(), ENCODINGS.len());
    for (k, op) in Packed::ALL.iter().enumerate() {
        assert_eq!(*op as usize, k);
        let e = &ENCODINGS[k];
        let covered = CASES.iter().any(|c| {
            let bytes: Vec<u8> =
                c.1.split(' ')
                    .map(|b| u8::from_str_radix(b, 16).unwrap())
                    .collect();
            c.2.split(' ').next() == Some(e.name) && encodes(&bytes, e)
        });
        assert!(covered, "no case for {op:?}");
    }
}

#[test]
fn a_label_operand_is_relative_to_the_instruction_end() {
    let mut a = Assembler::new();
    let data = a.label();
    a.packed_load_label(Movdqu, Xmm(3), data); // 8 bytes, to 32
    a.packed_load_label(Movdqu, Xmm(12), data); // 9 bytes, to 32
    a.align(16);
    a.bind(data);
    a.data128(0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100);
    // llvm-mc: movdqu xmm3, xmmword ptr [rip + 0x18]; movdqu xmm12,
    // xmmword ptr [rip + 0xf]; 15 bytes of int3; the data.
    let expected = format!(
        "f3 0f 6f 1d 18 00 00 00 f3 44 0f 6f 25 0f 00 00 00 {}00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f",
        "cc ".repeat(15)
    );
    assert_eq!(hex(&a.finish().unwrap()), expected);
}
