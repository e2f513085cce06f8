//! Packed SSE instructions (SSE, SSE2, SSSE3, SSE4.1) on `xmm` registers,
//! the vocabulary of the `v128` lowering: one table, `packed_ops!`, gives
//! each its mnemonic, legacy prefix, opcode bytes, operand form and the
//! processor feature it needs, and a method per form encodes any of them.

use super::asm::{Assembler, Label, Mem};
use super::reg::{Gpr, Xmm};
use crate::jit::code_buffer::Assemble;

/// A processor feature an instruction needs; baseline x86_64 has SSE2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Feature {
    /// SSE and SSE2: every x86_64 processor.
    Sse2,
    /// Supplemental SSE3 (`pshufb`, `pabs*`, `pmulhrsw`, ...).
    Ssse3,
    /// SSE4.1 (`pmulld`, `pmins*`/`pmaxu*`, `ptest`, `round*`, ...).
    Sse41,
}

/// How an instruction's operands are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `op xmm, xmm`: ModRM.reg the destination (and left operand),
    /// ModRM.rm the source.
    Rm,
    /// `op xmm, xmm, imm8`.
    RmImm,
    /// `op xmm, imm8`: a shift by an immediate, `/n` in ModRM.reg and the
    /// register in ModRM.rm.
    Ext(u8),
    /// `op r32, xmm`: a general register from an SSE one (ModRM.reg the
    /// general register).
    ToGpr,
    /// `op xmm, [mem]`.
    Load,
    /// `op [mem], xmm`.
    Store,
}

/// One instruction's encoding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Encoding {
    /// Its mnemonic, as `llvm-mc` prints it.
    pub name: &'static str,
    /// The legacy prefix (`66`, `F2`, `F3`), or 0 for none.
    pub prefix: u8,
    /// The opcode bytes from `0F` on.
    pub opcode: &'static [u8],
    /// The feature it needs.
    pub feature: Feature,
    /// Its operand form.
    pub form: Form,
}

/// Defines [`Packed`] and its encodings from one table.
macro_rules! packed_ops {
    ($($op:ident $name:literal $prefix:literal [$($byte:literal)*] $feature:ident $form:expr;)*) => {
        /// The packed instructions the lowering uses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub(crate) enum Packed {
            $($op,)*
        }

        /// Every instruction's encoding, by [`Packed`].
        pub(crate) const ENCODINGS: &[Encoding] = &[
            $(Encoding {
                name: $name,
                prefix: $prefix,
                opcode: &[$($byte),*],
                feature: Feature::$feature,
                form: $form,
            },)*
        ];

        impl Packed {
            /// Every instruction, in table order.
            #[cfg(test)]
            pub(crate) const ALL: &[Packed] = &[$(Packed::$op,)*];
        }
    };
}

use Form::*;

packed_ops! {
    // Moves: whole registers, and loads and stores of 16, 8 and 4 bytes
    // (the narrow loads zero the rest of the register).
    Movdqa "movdqa" 0x66 [0x0f 0x6f] Sse2 Rm;
    Movdqu "movdqu" 0xf3 [0x0f 0x6f] Sse2 Load;
    MovdquStore "movdqu" 0xf3 [0x0f 0x7f] Sse2 Store;
    MovqLoad "movq" 0xf3 [0x0f 0x7e] Sse2 Load;
    MovqStore "movq" 0x66 [0x0f 0xd6] Sse2 Store;
    MovdLoad "movd" 0x66 [0x0f 0x6e] Sse2 Load;
    MovdStore "movd" 0x66 [0x0f 0x7e] Sse2 Store;
    // Integer arithmetic.
    Paddb "paddb" 0x66 [0x0f 0xfc] Sse2 Rm;
    Paddw "paddw" 0x66 [0x0f 0xfd] Sse2 Rm;
    Paddd "paddd" 0x66 [0x0f 0xfe] Sse2 Rm;
    Paddq "paddq" 0x66 [0x0f 0xd4] Sse2 Rm;
    Psubb "psubb" 0x66 [0x0f 0xf8] Sse2 Rm;
    Psubw "psubw" 0x66 [0x0f 0xf9] Sse2 Rm;
    Psubd "psubd" 0x66 [0x0f 0xfa] Sse2 Rm;
    Psubq "psubq" 0x66 [0x0f 0xfb] Sse2 Rm;
    Paddsb "paddsb" 0x66 [0x0f 0xec] Sse2 Rm;
    Paddsw "paddsw" 0x66 [0x0f 0xed] Sse2 Rm;
    Paddusb "paddusb" 0x66 [0x0f 0xdc] Sse2 Rm;
    Paddusw "paddusw" 0x66 [0x0f 0xdd] Sse2 Rm;
    Psubsb "psubsb" 0x66 [0x0f 0xe8] Sse2 Rm;
    Psubsw "psubsw" 0x66 [0x0f 0xe9] Sse2 Rm;
    Psubusb "psubusb" 0x66 [0x0f 0xd8] Sse2 Rm;
    Psubusw "psubusw" 0x66 [0x0f 0xd9] Sse2 Rm;
    Pminub "pminub" 0x66 [0x0f 0xda] Sse2 Rm;
    Pmaxub "pmaxub" 0x66 [0x0f 0xde] Sse2 Rm;
    Pminsw "pminsw" 0x66 [0x0f 0xea] Sse2 Rm;
    Pmaxsw "pmaxsw" 0x66 [0x0f 0xee] Sse2 Rm;
    Pavgb "pavgb" 0x66 [0x0f 0xe0] Sse2 Rm;
    Pavgw "pavgw" 0x66 [0x0f 0xe3] Sse2 Rm;
    Pmullw "pmullw" 0x66 [0x0f 0xd5] Sse2 Rm;
    Pmulhw "pmulhw" 0x66 [0x0f 0xe5] Sse2 Rm;
    Pmulhuw "pmulhuw" 0x66 [0x0f 0xe4] Sse2 Rm;
    Pmuludq "pmuludq" 0x66 [0x0f 0xf4] Sse2 Rm;
    Pmaddwd "pmaddwd" 0x66 [0x0f 0xf5] Sse2 Rm;
    // Bitwise.
    Pand "pand" 0x66 [0x0f 0xdb] Sse2 Rm;
    Pandn "pandn" 0x66 [0x0f 0xdf] Sse2 Rm;
    Por "por" 0x66 [0x0f 0xeb] Sse2 Rm;
    Pxor "pxor" 0x66 [0x0f 0xef] Sse2 Rm;
    // Comparisons.
    Pcmpeqb "pcmpeqb" 0x66 [0x0f 0x74] Sse2 Rm;
    Pcmpeqw "pcmpeqw" 0x66 [0x0f 0x75] Sse2 Rm;
    Pcmpeqd "pcmpeqd" 0x66 [0x0f 0x76] Sse2 Rm;
    Pcmpgtb "pcmpgtb" 0x66 [0x0f 0x64] Sse2 Rm;
    Pcmpgtw "pcmpgtw" 0x66 [0x0f 0x65] Sse2 Rm;
    Pcmpgtd "pcmpgtd" 0x66 [0x0f 0x66] Sse2 Rm;
    // Packing (with saturation) and interleaving.
    Packsswb "packsswb" 0x66 [0x0f 0x63] Sse2 Rm;
    Packssdw "packssdw" 0x66 [0x0f 0x6b] Sse2 Rm;
    Packuswb "packuswb" 0x66 [0x0f 0x67] Sse2 Rm;
    Punpcklbw "punpcklbw" 0x66 [0x0f 0x60] Sse2 Rm;
    Punpcklwd "punpcklwd" 0x66 [0x0f 0x61] Sse2 Rm;
    Punpckldq "punpckldq" 0x66 [0x0f 0x62] Sse2 Rm;
    Punpcklqdq "punpcklqdq" 0x66 [0x0f 0x6c] Sse2 Rm;
    Punpckhbw "punpckhbw" 0x66 [0x0f 0x68] Sse2 Rm;
    Punpckhwd "punpckhwd" 0x66 [0x0f 0x69] Sse2 Rm;
    Punpckhdq "punpckhdq" 0x66 [0x0f 0x6a] Sse2 Rm;
    Punpckhqdq "punpckhqdq" 0x66 [0x0f 0x6d] Sse2 Rm;
    // Shifts by the count in the low quadword of the source.
    Psllw "psllw" 0x66 [0x0f 0xf1] Sse2 Rm;
    Pslld "pslld" 0x66 [0x0f 0xf2] Sse2 Rm;
    Psllq "psllq" 0x66 [0x0f 0xf3] Sse2 Rm;
    Psrlw "psrlw" 0x66 [0x0f 0xd1] Sse2 Rm;
    Psrld "psrld" 0x66 [0x0f 0xd2] Sse2 Rm;
    Psrlq "psrlq" 0x66 [0x0f 0xd3] Sse2 Rm;
    Psraw "psraw" 0x66 [0x0f 0xe1] Sse2 Rm;
    Psrad "psrad" 0x66 [0x0f 0xe2] Sse2 Rm;
    // Shifts by an immediate (bit counts; `pslldq`/`psrldq` bytes).
    PsllwImm "psllw" 0x66 [0x0f 0x71] Sse2 Ext(6);
    PslldImm "pslld" 0x66 [0x0f 0x72] Sse2 Ext(6);
    PsllqImm "psllq" 0x66 [0x0f 0x73] Sse2 Ext(6);
    PsrlwImm "psrlw" 0x66 [0x0f 0x71] Sse2 Ext(2);
    PsrldImm "psrld" 0x66 [0x0f 0x72] Sse2 Ext(2);
    PsrlqImm "psrlq" 0x66 [0x0f 0x73] Sse2 Ext(2);
    PsrawImm "psraw" 0x66 [0x0f 0x71] Sse2 Ext(4);
    PsradImm "psrad" 0x66 [0x0f 0x72] Sse2 Ext(4);
    PslldqImm "pslldq" 0x66 [0x0f 0x73] Sse2 Ext(7);
    PsrldqImm "psrldq" 0x66 [0x0f 0x73] Sse2 Ext(3);
    // Shuffles by an immediate.
    Pshufd "pshufd" 0x66 [0x0f 0x70] Sse2 RmImm;
    Pshuflw "pshuflw" 0xf2 [0x0f 0x70] Sse2 RmImm;
    Pshufhw "pshufhw" 0xf3 [0x0f 0x70] Sse2 RmImm;
    Shufps "shufps" 0 [0x0f 0xc6] Sse2 RmImm;
    // Lane signs into a general register.
    Pmovmskb "pmovmskb" 0x66 [0x0f 0xd7] Sse2 ToGpr;
    Movmskps "movmskps" 0 [0x0f 0x50] Sse2 ToGpr;
    Movmskpd "movmskpd" 0x66 [0x0f 0x50] Sse2 ToGpr;
    // Float arithmetic and comparisons (the predicate an immediate).
    Addps "addps" 0 [0x0f 0x58] Sse2 Rm;
    Addpd "addpd" 0x66 [0x0f 0x58] Sse2 Rm;
    Subps "subps" 0 [0x0f 0x5c] Sse2 Rm;
    Subpd "subpd" 0x66 [0x0f 0x5c] Sse2 Rm;
    Mulps "mulps" 0 [0x0f 0x59] Sse2 Rm;
    Mulpd "mulpd" 0x66 [0x0f 0x59] Sse2 Rm;
    Divps "divps" 0 [0x0f 0x5e] Sse2 Rm;
    Divpd "divpd" 0x66 [0x0f 0x5e] Sse2 Rm;
    Minps "minps" 0 [0x0f 0x5d] Sse2 Rm;
    Minpd "minpd" 0x66 [0x0f 0x5d] Sse2 Rm;
    Maxps "maxps" 0 [0x0f 0x5f] Sse2 Rm;
    Maxpd "maxpd" 0x66 [0x0f 0x5f] Sse2 Rm;
    Sqrtps "sqrtps" 0 [0x0f 0x51] Sse2 Rm;
    Sqrtpd "sqrtpd" 0x66 [0x0f 0x51] Sse2 Rm;
    Andps "andps" 0 [0x0f 0x54] Sse2 Rm;
    Andnps "andnps" 0 [0x0f 0x55] Sse2 Rm;
    Orps "orps" 0 [0x0f 0x56] Sse2 Rm;
    Unpcklps "unpcklps" 0 [0x0f 0x14] Sse2 Rm;
    Cmpps "cmpps" 0 [0x0f 0xc2] Sse2 RmImm;
    Cmppd "cmppd" 0x66 [0x0f 0xc2] Sse2 RmImm;
    // Conversions.
    Cvtdq2ps "cvtdq2ps" 0 [0x0f 0x5b] Sse2 Rm;
    Cvttps2dq "cvttps2dq" 0xf3 [0x0f 0x5b] Sse2 Rm;
    Cvtdq2pd "cvtdq2pd" 0xf3 [0x0f 0xe6] Sse2 Rm;
    Cvttpd2dq "cvttpd2dq" 0x66 [0x0f 0xe6] Sse2 Rm;
    Cvtps2pd "cvtps2pd" 0 [0x0f 0x5a] Sse2 Rm;
    Cvtpd2ps "cvtpd2ps" 0x66 [0x0f 0x5a] Sse2 Rm;
    // SSSE3.
    Pshufb "pshufb" 0x66 [0x0f 0x38 0x00] Ssse3 Rm;
    Pmulhrsw "pmulhrsw" 0x66 [0x0f 0x38 0x0b] Ssse3 Rm;
    Pabsb "pabsb" 0x66 [0x0f 0x38 0x1c] Ssse3 Rm;
    Pabsw "pabsw" 0x66 [0x0f 0x38 0x1d] Ssse3 Rm;
    Pabsd "pabsd" 0x66 [0x0f 0x38 0x1e] Ssse3 Rm;
    // SSE4.1.
    Ptest "ptest" 0x66 [0x0f 0x38 0x17] Sse41 Rm;
    Pcmpeqq "pcmpeqq" 0x66 [0x0f 0x38 0x29] Sse41 Rm;
    Packusdw "packusdw" 0x66 [0x0f 0x38 0x2b] Sse41 Rm;
    Pminsb "pminsb" 0x66 [0x0f 0x38 0x38] Sse41 Rm;
    Pminsd "pminsd" 0x66 [0x0f 0x38 0x39] Sse41 Rm;
    Pminuw "pminuw" 0x66 [0x0f 0x38 0x3a] Sse41 Rm;
    Pminud "pminud" 0x66 [0x0f 0x38 0x3b] Sse41 Rm;
    Pmaxsb "pmaxsb" 0x66 [0x0f 0x38 0x3c] Sse41 Rm;
    Pmaxsd "pmaxsd" 0x66 [0x0f 0x38 0x3d] Sse41 Rm;
    Pmaxuw "pmaxuw" 0x66 [0x0f 0x38 0x3e] Sse41 Rm;
    Pmaxud "pmaxud" 0x66 [0x0f 0x38 0x3f] Sse41 Rm;
    Pmulld "pmulld" 0x66 [0x0f 0x38 0x40] Sse41 Rm;
    Pmuldq "pmuldq" 0x66 [0x0f 0x38 0x28] Sse41 Rm;
    Roundps "roundps" 0x66 [0x0f 0x3a 0x08] Sse41 RmImm;
    Roundpd "roundpd" 0x66 [0x0f 0x3a 0x09] Sse41 RmImm;
}

impl Packed {
    /// Its encoding.
    pub(crate) fn encoding(self) -> &'static Encoding {
        &ENCODINGS[self as usize]
    }

    /// The processor feature it needs.
    pub(crate) fn feature(self) -> Feature {
        self.encoding().feature
    }
}

impl Assembler {
    /// `op dst, src` (form [`Form::Rm`]).
    pub(crate) fn packed(&mut self, op: Packed, dst: Xmm, src: Xmm) {
        let e = op.encoding();
        debug_assert_eq!(e.form, Rm, "{}", e.name);
        self.op_rr(e.prefix, false, e.opcode, dst.num(), src.num(), false);
    }

    /// `op dst, src, imm` (form [`Form::RmImm`]).
    pub(crate) fn packed_imm(&mut self, op: Packed, dst: Xmm, src: Xmm, imm: u8) {
        let e = op.encoding();
        debug_assert_eq!(e.form, RmImm, "{}", e.name);
        self.op_rr(e.prefix, false, e.opcode, dst.num(), src.num(), false);
        self.byte(imm);
    }

    /// `op dst, imm`: a shift by an immediate (form [`Form::Ext`]).
    pub(crate) fn packed_shift_imm(&mut self, op: Packed, dst: Xmm, imm: u8) {
        let e = op.encoding();
        let Ext(n) = e.form else {
            unreachable!("{} is no shift by an immediate", e.name)
        };
        self.op_rr(e.prefix, false, e.opcode, n, dst.num(), false);
        self.byte(imm);
    }

    /// `op dst, src` into a general register (form [`Form::ToGpr`]).
    pub(crate) fn packed_to_gpr(&mut self, op: Packed, dst: Gpr, src: Xmm) {
        let e = op.encoding();
        debug_assert_eq!(e.form, ToGpr, "{}", e.name);
        self.op_rr(e.prefix, false, e.opcode, dst.num(), src.num(), false);
    }

    /// `op dst, [mem]` (form [`Form::Load`]).
    pub(crate) fn packed_load(&mut self, op: Packed, dst: Xmm, mem: Mem) {
        let e = op.encoding();
        debug_assert_eq!(e.form, Load, "{}", e.name);
        self.op_rm(e.prefix, false, e.opcode, dst.num(), mem, false);
    }

    /// `op [mem], src` (form [`Form::Store`]).
    pub(crate) fn packed_store(&mut self, op: Packed, mem: Mem, src: Xmm) {
        let e = op.encoding();
        debug_assert_eq!(e.form, Store, "{}", e.name);
        self.op_rm(e.prefix, false, e.opcode, src.num(), mem, false);
    }

    /// `op dst, [rip + label]` (form [`Form::Load`]): data placed in the
    /// code, such as a constant after a function's body.
    pub(crate) fn packed_load_label(&mut self, op: Packed, dst: Xmm, label: Label) {
        let e = op.encoding();
        debug_assert_eq!(e.form, Load, "{}", e.name);
        if e.prefix != 0 {
            self.byte(e.prefix);
        }
        if dst.num() >= 8 {
            self.byte(0x44);
        }
        self.bytes(e.opcode);
        // ModRM: mod 00, rm 101 is `[rip + disp32]`; the displacement is
        // the instruction's last field, so it is relative to its end.
        self.byte((dst.num() & 7) << 3 | 0b101);
        self.rel32(label);
    }

    /// 16 bytes of data (a constant among the code).
    pub(crate) fn data128(&mut self, value: u128) {
        self.bytes(&value.to_le_bytes());
    }

    /// Pads with `int3` to a multiple of `align` bytes from the start.
    pub(crate) fn align(&mut self, align: u32) {
        while self.offset() % align != 0 {
            self.byte(0xcc);
        }
    }
}
