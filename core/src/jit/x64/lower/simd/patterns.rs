//! The patterns of the SIMD lowering: for each opcode ([`lowering`]) its
//! operand shape and the alternative instruction sequences that compute it,
//! the first the processor can run being used (see the parent module).

use crate::ir::Op;
use crate::jit::x64::{Packed, Packed::*};

/// One step of a sequence, on the scratch registers `xmm0`–`xmm7` named by
/// number.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step {
    /// `op dst, src`.
    Rr(Packed, u8, u8),
    /// `op dst, src, imm`.
    Ri(Packed, u8, u8, u8),
    /// `op dst, imm`: a shift by an immediate.
    Sh(Packed, u8, u8),
    /// `dst` = a 16-byte constant.
    K(u8, u128),
    /// The steps of a shared sequence.
    Then(&'static [Step]),
    /// `eax = op src`: lane signs into `eax`.
    Mask(Packed, u8),
}

use Step::*;

/// A sequence: its steps, and the register its result ends in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seq {
    /// The steps, in order.
    pub(super) steps: &'static [Step],
    /// The scratch register holding the result at the end.
    pub(super) out: u8,
}

/// `seq![steps]` (the result in `xmm0`) or `seq![out; steps]`.
macro_rules! seq {
    ($out:literal; $($step:expr),* $(,)?) => {
        const { Seq { steps: &[$($step),*], out: $out } }
    };
    ($($step:expr),* $(,)?) => {
        const { Seq { steps: &[$($step),*], out: 0 } }
    };
}

/// How a `v128` test's sequence leaves its `i32` result.
#[derive(Debug, Clone, Copy)]
pub(super) enum Finish {
    /// `eax` is the result.
    Value,
    /// The low byte of `eax` is.
    LowByte,
    /// Whether `eax` equals the immediate.
    Eq(i32),
    /// Whether `eax` differs from the immediate.
    Ne(i32),
    /// Whether the zero flag is clear (after `ptest`).
    NonZero,
}

/// Where a load's bytes go first.
#[derive(Debug, Clone, Copy)]
pub(super) enum Access {
    /// 16 bytes into `xmm0`.
    Whole,
    /// 8 bytes into the low half of `xmm0` (the rest zero).
    Quad,
    /// 4 bytes into the low lane of `xmm0` (the rest zero).
    Double,
    /// 2 bytes, zero-extended, into the low lane of `xmm0`.
    Word,
    /// 1 byte likewise.
    Byte,
}

impl Access {
    /// The bytes it reads.
    pub(super) fn bytes(self) -> u8 {
        match self {
            Access::Whole => 16,
            Access::Quad => 8,
            Access::Double => 4,
            Access::Word => 2,
            Access::Byte => 1,
        }
    }
}

/// How an opcode is lowered (its format says where its operands are).
#[derive(Debug, Clone, Copy)]
pub(super) enum Lower {
    /// The operands in `xmm0`, `xmm1`, `xmm2` in the format's order (a
    /// splat's scalar in the low quadword of `xmm0`); the first sequence
    /// the processor can run; its result stored.
    Vector(&'static [Seq]),
    /// A shift: the vector in `xmm0`, the count modulo the lane width
    /// (the `u8`, in bits) in `ecx` and `xmm1`.
    Shift(u8, &'static [Seq]),
    /// A test: the vector in `xmm0`; the first sequence the processor can
    /// run and how its `i32` result is made.
    Test(&'static [(Seq, Finish)]),
    /// `extract_lane` or `replace_lane` of a lane of `bytes` (an extracted
    /// narrow lane sign- or zero-extended to 32 bits).
    Lane { bytes: u8, signed: bool },
    /// A load into `xmm0`, then a sequence on it.
    Load(Access, &'static [Seq]),
    /// `v128.store`.
    Store,
    /// A lane load of `bytes`.
    LoadLane(u8),
    /// A lane store of `bytes`.
    StoreLane(u8),
    /// `i8x16.shuffle` (its lane indices usually a constant pair).
    Shuffle,
}

/// 16 bytes of `b`.
pub(super) const fn bytes(b: u8) -> u128 {
    u128::from_le_bytes([b; 16])
}

/// 8 words of `w`.
pub(super) const fn words(w: u16) -> u128 {
    w as u128 * 0x0001_0001_0001_0001_0001_0001_0001_0001
}

/// 4 doublewords of `d`.
pub(super) const fn dwords(d: u32) -> u128 {
    d as u128 * 0x0000_0001_0000_0001_0000_0001_0000_0001
}

/// 2 quadwords of `q`.
pub(super) const fn qwords(q: u64) -> u128 {
    q as u128 * (1 | 1 << 64)
}

/// The result is the operand.
pub(super) const SAME: &[Seq] = &[seq![]];
/// `xmm1` = all ones, `xmm0 ^= xmm1`: the lanes of a comparison negated.
pub(super) const NOT: &[Step] = &[Rr(Pcmpeqd, 1, 1), Rr(Pxor, 0, 1)];
/// `xmm0` and `xmm1` with each byte's sign flipped (`xmm2` the mask):
/// unsigned order as signed order.
pub(super) const FLIP8: &[Step] = &[K(2, bytes(0x80)), Rr(Pxor, 0, 2), Rr(Pxor, 1, 2)];
/// The same for words.
pub(super) const FLIP16: &[Step] = &[K(2, words(0x8000)), Rr(Pxor, 0, 2), Rr(Pxor, 1, 2)];
/// The same for doublewords.
pub(super) const FLIP32: &[Step] = &[K(2, dwords(0x8000_0000)), Rr(Pxor, 0, 2), Rr(Pxor, 1, 2)];

/// The scalar in the low byte, word, doubleword or quadword of `xmm0` in
/// every lane.
pub(super) const SPLAT8: &[Seq] = &[
    seq![Rr(Pxor, 1, 1), Rr(Pshufb, 0, 1)],
    seq![
        Rr(Punpcklbw, 0, 0),
        Ri(Pshuflw, 0, 0, 0),
        Ri(Pshufd, 0, 0, 0)
    ],
];
pub(super) const SPLAT16: &[Seq] = &[seq![Ri(Pshuflw, 0, 0, 0), Ri(Pshufd, 0, 0, 0)]];
pub(super) const SPLAT32: &[Seq] = &[seq![Ri(Pshufd, 0, 0, 0)]];
pub(super) const SPLAT64: &[Seq] = &[seq![Rr(Punpcklqdq, 0, 0)]];

/// The low or high half of `xmm0`'s lanes, sign- or zero-extended to
/// twice their width (the high half of a register is not read by the low
/// forms, so the 8-byte extending loads use them too).
pub(super) const EXTEND_LOW_8S: &[Seq] = &[seq![Rr(Punpcklbw, 0, 0), Sh(PsrawImm, 0, 8)]];
pub(super) const EXTEND_HIGH_8S: &[Seq] = &[seq![Rr(Punpckhbw, 0, 0), Sh(PsrawImm, 0, 8)]];
pub(super) const EXTEND_LOW_8U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpcklbw, 0, 1)]];
pub(super) const EXTEND_HIGH_8U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpckhbw, 0, 1)]];
pub(super) const EXTEND_LOW_16S: &[Seq] = &[seq![Rr(Punpcklwd, 0, 0), Sh(PsradImm, 0, 16)]];
pub(super) const EXTEND_HIGH_16S: &[Seq] = &[seq![Rr(Punpckhwd, 0, 0), Sh(PsradImm, 0, 16)]];
pub(super) const EXTEND_LOW_16U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpcklwd, 0, 1)]];
pub(super) const EXTEND_HIGH_16U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpckhwd, 0, 1)]];
pub(super) const EXTEND_LOW_32S: &[Seq] = &[seq![
    Rr(Movdqa, 1, 0),
    Sh(PsradImm, 1, 31),
    Rr(Punpckldq, 0, 1)
]];
pub(super) const EXTEND_HIGH_32S: &[Seq] = &[seq![
    Rr(Movdqa, 1, 0),
    Sh(PsradImm, 1, 31),
    Rr(Punpckhdq, 0, 1)
]];
pub(super) const EXTEND_LOW_32U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpckldq, 0, 1)]];
pub(super) const EXTEND_HIGH_32U: &[Seq] = &[seq![Rr(Pxor, 1, 1), Rr(Punpckhdq, 0, 1)]];

/// `xmm2` = signed `xmm1 > xmm0` per 64-bit lane (SSE2 has no `pcmpgtq`):
/// the high doublewords compared signed, or, where they are equal, the
/// borrow of `xmm0 - xmm1` (the low doublewords compared unsigned) in the
/// high doubleword; that doubleword copied to both halves.
pub(super) const GT64_1_0: &[Step] = &[
    Rr(Movdqa, 2, 1),
    Rr(Pcmpgtd, 2, 0),
    Rr(Movdqa, 3, 1),
    Rr(Pcmpeqd, 3, 0),
    Rr(Movdqa, 4, 0),
    Rr(Psubq, 4, 1),
    Rr(Pand, 3, 4),
    Rr(Por, 2, 3),
    Ri(Pshufd, 2, 2, 0xf5),
];
/// `xmm2` = signed `xmm0 > xmm1` per 64-bit lane, likewise.
pub(super) const GT64_0_1: &[Step] = &[
    Rr(Movdqa, 2, 0),
    Rr(Pcmpgtd, 2, 1),
    Rr(Movdqa, 3, 0),
    Rr(Pcmpeqd, 3, 1),
    Rr(Movdqa, 4, 1),
    Rr(Psubq, 4, 0),
    Rr(Pand, 3, 4),
    Rr(Por, 2, 3),
    Ri(Pshufd, 2, 2, 0xf5),
];

/// `xmm0` = 64-bit lanes equal: with SSE4.1 or as both doublewords equal.
pub(super) const EQ64: &[Seq] = &[
    seq![Rr(Pcmpeqq, 0, 1)],
    seq![Rr(Pcmpeqd, 0, 1), Ri(Pshufd, 1, 0, 0xb1), Rr(Pand, 0, 1)],
];

/// `xmm0` = the lane-wise minimum (`$op` `minps`/`minpd`) or maximum of
/// `xmm0` and `xmm1` as Wasm defines them: the instruction in both orders
/// (each returns its second operand for a NaN or two zeros), combined
/// with `or` (min: `-0` wins) or `and` (max: `+0` wins); where either lane
/// is NaN, the sum of the operands instead, which is the first NaN
/// operand quieted (as the interpreter's `f32_min` and friends answer).
macro_rules! min_max {
    ($op:ident, $combine:ident, $unordered:ident, $add:ident) => {
        &[seq![
            Rr(Movdqa, 2, 0),
            Rr($op, 2, 1),
            Rr(Movdqa, 3, 1),
            Rr($op, 3, 0),
            Rr($combine, 2, 3),
            Rr(Movdqa, 3, 0),
            Ri($unordered, 3, 1, 3),
            Rr($add, 0, 1),
            Rr(Andps, 0, 3),
            Rr(Andnps, 3, 2),
            Rr(Orps, 0, 3),
        ]]
    };
}

/// `xmm0` = the lanes of `xmm0` rounded in `mode` (`roundps`/`roundpd`
/// imm8; `| 8`: no precision exception).
macro_rules! round {
    ($op:ident, $mode:literal) => {
        &[seq![Ri($op, 0, 0, $mode | 8)]]
    };
}

/// The signed 8-bit dot products of `xmm0` and `xmm1` into `xmm0` (16-bit
/// lanes): even and odd bytes sign-extended to words (`xmm3`, `xmm4` and
/// the operands themselves), multiplied, the pairs added with signed
/// saturation.
pub(super) const DOT8: &[Step] = &[
    Rr(Movdqa, 3, 0),
    Sh(PsllwImm, 3, 8),
    Sh(PsrawImm, 3, 8),
    Rr(Movdqa, 4, 1),
    Sh(PsllwImm, 4, 8),
    Sh(PsrawImm, 4, 8),
    Rr(Pmullw, 3, 4),
    Sh(PsrawImm, 0, 8),
    Sh(PsrawImm, 1, 8),
    Rr(Pmullw, 0, 1),
    Rr(Paddsw, 0, 3),
];

/// The general `i8x16.shuffle` of `xmm0` and `xmm1` by the indices in
/// `xmm2` (each below 32): `pshufb` of the first operand by the indices
/// plus 0x70 with saturation (16 and above get the high bit: zero), of
/// the second by the indices less 16 likewise, `or`ed.
pub(super) const SHUFFLE: &[Step] = &[
    K(3, bytes(0x70)),
    Rr(Movdqa, 4, 2),
    Rr(Paddusb, 4, 3),
    Rr(Pshufb, 0, 4),
    K(5, bytes(0x10)),
    Rr(Psubb, 2, 5),
    Rr(Paddusb, 2, 3),
    Rr(Pshufb, 1, 2),
    Rr(Por, 0, 1),
];

/// `i16x8.narrow_i32x4_u` without SSE4.1: each operand clamped to
/// `0..=65535` (negatives cleared, values above made all ones), its low
/// word sign-extended so that `packssdw` keeps it.
pub(super) const NARROW_32U_SSE2: &[Step] = &[
    K(6, dwords(0xffff)),
    Rr(Movdqa, 2, 0),
    Sh(PsradImm, 2, 31),
    Rr(Pandn, 2, 0),
    Rr(Movdqa, 3, 2),
    Rr(Pcmpgtd, 3, 6),
    Rr(Por, 2, 3),
    Sh(PslldImm, 2, 16),
    Sh(PsradImm, 2, 16),
    Rr(Movdqa, 4, 1),
    Sh(PsradImm, 4, 31),
    Rr(Pandn, 4, 1),
    Rr(Movdqa, 5, 4),
    Rr(Pcmpgtd, 5, 6),
    Rr(Por, 4, 5),
    Sh(PslldImm, 4, 16),
    Sh(PsradImm, 4, 16),
    Rr(Packssdw, 2, 4),
];

/// The lanes of `xmm0` and `xmm1` spread for `pmuludq`/`pmuldq`: the low
/// two doublewords (`0x50`) or the high two (`0xfa`) to the even positions.
macro_rules! spread {
    ($imm:literal) => {
        &[Ri(Pshufd, 0, 0, $imm), Ri(Pshufd, 1, 1, $imm)]
    };
}

/// Signed 32 × 32 → 64-bit products of the even doublewords of `xmm0` and
/// `xmm1` without SSE4.1: the unsigned products less, in the high half,
/// each operand where the other is negative.
pub(super) const MUL_EVEN_32S_SSE2: &[Step] = &[
    Rr(Movdqa, 2, 0),
    Sh(PsradImm, 2, 31),
    Rr(Pand, 2, 1),
    Rr(Movdqa, 3, 1),
    Sh(PsradImm, 3, 31),
    Rr(Pand, 3, 0),
    Rr(Paddd, 2, 3),
    Sh(PsllqImm, 2, 32),
    Rr(Pmuludq, 0, 1),
    Rr(Psubq, 0, 2),
];

/// `i32x4.trunc_sat_f32x4_u`: `xmm0` clamped below (`maxps` with 0, which
/// also makes NaN 0); then the signed conversion of the value (0x80000000
/// from 2^31 on) plus that of the value less 2^31 where it is not
/// negative, the latter made 0x7fffffff where the value is 2^32 or more.
pub(super) const TRUNC_U_F32: &[Step] = &[
    Rr(Pxor, 1, 1),
    Rr(Maxps, 0, 1),
    K(2, dwords(0x4f00_0000)),
    Rr(Movdqa, 3, 0),
    Rr(Subps, 3, 2),
    Ri(Cmpps, 2, 3, 2),
    Rr(Cvttps2dq, 3, 3),
    Rr(Pxor, 3, 2),
    Rr(Movdqa, 4, 3),
    Sh(PsradImm, 4, 31),
    Rr(Pandn, 4, 3),
    Rr(Cvttps2dq, 0, 0),
    Rr(Paddd, 0, 4),
];
/// `i32x4.trunc_sat_f64x2_u_zero` likewise, `xmm0` clamped to
/// `0..=2^32 - 1` first (the two upper lanes come out 0).
pub(super) const TRUNC_U_F64: &[Step] = &[
    Rr(Pxor, 1, 1),
    Rr(Maxpd, 0, 1),
    K(2, qwords(0x41ef_ffff_ffe0_0000)), // 4294967295.0
    Rr(Minpd, 0, 2),
    K(3, qwords(0x41e0_0000_0000_0000)), // 2147483648.0
    Rr(Movdqa, 4, 0),
    Rr(Subpd, 4, 3),
    Rr(Cvttpd2dq, 4, 4),
    Rr(Movdqa, 5, 4),
    Sh(PsradImm, 5, 31),
    Rr(Pandn, 5, 4),
    Rr(Cvttpd2dq, 0, 0),
    Rr(Paddd, 0, 5),
];

/// The lowering of each SIMD opcode.
pub(super) fn lowering(op: Op) -> Option<Lower> {
    use Access::*;
    use Finish::*;
    use Lower::*;
    Some(match op {
        // Memory.
        Op::V128Load => Load(Whole, SAME),
        Op::V128Load8x8S => Load(Quad, EXTEND_LOW_8S),
        Op::V128Load8x8U => Load(Quad, EXTEND_LOW_8U),
        Op::V128Load16x4S => Load(Quad, EXTEND_LOW_16S),
        Op::V128Load16x4U => Load(Quad, EXTEND_LOW_16U),
        Op::V128Load32x2S => Load(Quad, EXTEND_LOW_32S),
        Op::V128Load32x2U => Load(Quad, EXTEND_LOW_32U),
        Op::V128Load8Splat => Load(Byte, SPLAT8),
        Op::V128Load16Splat => Load(Word, SPLAT16),
        Op::V128Load32Splat => Load(Double, SPLAT32),
        Op::V128Load64Splat => Load(Quad, SPLAT64),
        Op::V128Load32Zero => Load(Double, SAME),
        Op::V128Load64Zero => Load(Quad, SAME),
        Op::V128Store => Store,
        Op::V128Load8Lane => LoadLane(1),
        Op::V128Load16Lane => LoadLane(2),
        Op::V128Load32Lane => LoadLane(4),
        Op::V128Load64Lane => LoadLane(8),
        Op::V128Store8Lane => StoreLane(1),
        Op::V128Store16Lane => StoreLane(2),
        Op::V128Store32Lane => StoreLane(4),
        Op::V128Store64Lane => StoreLane(8),
        // Lanes and shuffles.
        Op::I8x16Shuffle => Shuffle,
        Op::I8x16Swizzle => Vector(&[seq![K(2, bytes(0x70)), Rr(Paddusb, 1, 2), Rr(Pshufb, 0, 1)]]),
        Op::I8x16Splat => Vector(SPLAT8),
        Op::I16x8Splat => Vector(SPLAT16),
        Op::I32x4Splat => Vector(SPLAT32),
        Op::I64x2Splat => Vector(SPLAT64),
        Op::I8x16ExtractLaneS => Lane {
            bytes: 1,
            signed: true,
        },
        Op::I8x16ExtractLaneU | Op::I8x16ReplaceLane => Lane {
            bytes: 1,
            signed: false,
        },
        Op::I16x8ExtractLaneS => Lane {
            bytes: 2,
            signed: true,
        },
        Op::I16x8ExtractLaneU | Op::I16x8ReplaceLane => Lane {
            bytes: 2,
            signed: false,
        },
        Op::I32x4ExtractLane | Op::I32x4ReplaceLane => Lane {
            bytes: 4,
            signed: false,
        },
        Op::I64x2ExtractLane | Op::I64x2ReplaceLane => Lane {
            bytes: 8,
            signed: false,
        },
        // Bitwise and boolean.
        Op::V128Not => Vector(&[seq![Then(NOT)]]),
        Op::V128And => Vector(&[seq![Rr(Pand, 0, 1)]]),
        Op::V128AndNot => Vector(&[seq![1; Rr(Pandn, 1, 0)]]),
        Op::V128Or => Vector(&[seq![Rr(Por, 0, 1)]]),
        Op::V128Xor => Vector(&[seq![Rr(Pxor, 0, 1)]]),
        Op::V128Bitselect => Vector(&[seq![Rr(Pand, 0, 2), Rr(Pandn, 2, 1), Rr(Por, 0, 2)]]),
        Op::V128AnyTrue => Test(&[
            (seq![Rr(Ptest, 0, 0)], NonZero),
            (
                seq![Rr(Pxor, 1, 1), Rr(Pcmpeqb, 1, 0), Mask(Pmovmskb, 1)],
                Ne(0xffff),
            ),
        ]),
        Op::I8x16AllTrue => Test(&[(
            seq![Rr(Pxor, 1, 1), Rr(Pcmpeqb, 1, 0), Mask(Pmovmskb, 1)],
            Eq(0),
        )]),
        Op::I16x8AllTrue => Test(&[(
            seq![Rr(Pxor, 1, 1), Rr(Pcmpeqw, 1, 0), Mask(Pmovmskb, 1)],
            Eq(0),
        )]),
        Op::I32x4AllTrue => Test(&[(
            seq![Rr(Pxor, 1, 1), Rr(Pcmpeqd, 1, 0), Mask(Pmovmskb, 1)],
            Eq(0),
        )]),
        Op::I64x2AllTrue => Test(&[
            (
                seq![Rr(Pxor, 1, 1), Rr(Pcmpeqq, 1, 0), Mask(Pmovmskb, 1)],
                Eq(0),
            ),
            (
                seq![
                    Rr(Pxor, 1, 1),
                    Rr(Pcmpeqd, 1, 0),
                    Ri(Pshufd, 2, 1, 0xb1),
                    Rr(Pand, 1, 2),
                    Mask(Pmovmskb, 1)
                ],
                Eq(0),
            ),
        ]),
        Op::I8x16Bitmask => Test(&[(seq![Mask(Pmovmskb, 0)], Value)]),
        Op::I16x8Bitmask => Test(&[(seq![Rr(Packsswb, 0, 0), Mask(Pmovmskb, 0)], LowByte)]),
        Op::I32x4Bitmask => Test(&[(seq![Mask(Movmskps, 0)], Value)]),
        Op::I64x2Bitmask => Test(&[(seq![Mask(Movmskpd, 0)], Value)]),
        // Integer comparisons: `gt` is `lt` with the operands exchanged,
        // `le` is not `gt`; unsigned order is signed order with the signs
        // flipped, or (`le_u`) a saturating difference of zero.
        Op::I8x16Eq => Vector(&[seq![Rr(Pcmpeqb, 0, 1)]]),
        Op::I16x8Eq => Vector(&[seq![Rr(Pcmpeqw, 0, 1)]]),
        Op::I32x4Eq => Vector(&[seq![Rr(Pcmpeqd, 0, 1)]]),
        Op::I64x2Eq => Vector(EQ64),
        Op::I8x16Ne => Vector(&[seq![Rr(Pcmpeqb, 0, 1), Then(NOT)]]),
        Op::I16x8Ne => Vector(&[seq![Rr(Pcmpeqw, 0, 1), Then(NOT)]]),
        Op::I32x4Ne => Vector(&[seq![Rr(Pcmpeqd, 0, 1), Then(NOT)]]),
        Op::I64x2Ne => Vector(&[
            seq![Rr(Pcmpeqq, 0, 1), Then(NOT)],
            seq![
                Rr(Pcmpeqd, 0, 1),
                Ri(Pshufd, 1, 0, 0xb1),
                Rr(Pand, 0, 1),
                Then(NOT)
            ],
        ]),
        Op::I8x16LtS => Vector(&[seq![1; Rr(Pcmpgtb, 1, 0)]]),
        Op::I16x8LtS => Vector(&[seq![1; Rr(Pcmpgtw, 1, 0)]]),
        Op::I32x4LtS => Vector(&[seq![1; Rr(Pcmpgtd, 1, 0)]]),
        Op::I64x2LtS => Vector(&[seq![2; Then(GT64_1_0)]]),
        Op::I8x16LtU => Vector(&[seq![1; Then(FLIP8), Rr(Pcmpgtb, 1, 0)]]),
        Op::I16x8LtU => Vector(&[seq![1; Then(FLIP16), Rr(Pcmpgtw, 1, 0)]]),
        Op::I32x4LtU => Vector(&[seq![1; Then(FLIP32), Rr(Pcmpgtd, 1, 0)]]),
        Op::I8x16LeS => Vector(&[seq![Rr(Pcmpgtb, 0, 1), Then(NOT)]]),
        Op::I16x8LeS => Vector(&[seq![Rr(Pcmpgtw, 0, 1), Then(NOT)]]),
        Op::I32x4LeS => Vector(&[seq![Rr(Pcmpgtd, 0, 1), Then(NOT)]]),
        Op::I64x2LeS => Vector(&[seq![2; Then(GT64_0_1), Rr(Pcmpeqd, 3, 3), Rr(Pxor, 2, 3)]]),
        Op::I8x16LeU => Vector(&[seq![Rr(Psubusb, 0, 1), Rr(Pxor, 1, 1), Rr(Pcmpeqb, 0, 1)]]),
        Op::I16x8LeU => Vector(&[seq![Rr(Psubusw, 0, 1), Rr(Pxor, 1, 1), Rr(Pcmpeqw, 0, 1)]]),
        Op::I32x4LeU => Vector(&[
            seq![Rr(Movdqa, 2, 0), Rr(Pminud, 2, 1), Rr(Pcmpeqd, 0, 2)],
            seq![Then(FLIP32), Rr(Pcmpgtd, 0, 1), Then(NOT)],
        ]),
        // Float comparisons: `cmpps`/`cmppd` predicates 0 (eq), 4 (neq,
        // true for NaN), 1 (lt), 2 (le).
        Op::F32x4Eq => Vector(&[seq![Ri(Cmpps, 0, 1, 0)]]),
        Op::F32x4Ne => Vector(&[seq![Ri(Cmpps, 0, 1, 4)]]),
        Op::F32x4Lt => Vector(&[seq![Ri(Cmpps, 0, 1, 1)]]),
        Op::F32x4Le => Vector(&[seq![Ri(Cmpps, 0, 1, 2)]]),
        Op::F64x2Eq => Vector(&[seq![Ri(Cmppd, 0, 1, 0)]]),
        Op::F64x2Ne => Vector(&[seq![Ri(Cmppd, 0, 1, 4)]]),
        Op::F64x2Lt => Vector(&[seq![Ri(Cmppd, 0, 1, 1)]]),
        Op::F64x2Le => Vector(&[seq![Ri(Cmppd, 0, 1, 2)]]),
        // `i8x16` and `i16x8` arithmetic.
        Op::I8x16Abs => Vector(&[
            seq![Rr(Pabsb, 0, 0)],
            // min_u(x, -x): the absolute value, as unsigned bytes.
            seq![Rr(Pxor, 1, 1), Rr(Psubb, 1, 0), Rr(Pminub, 0, 1)],
        ]),
        Op::I8x16Neg => Vector(&[seq![1; Rr(Pxor, 1, 1), Rr(Psubb, 1, 0)]]),
        Op::I8x16Popcnt => Vector(&[
            // Each nibble's count looked up, the two added.
            seq![3;
                K(1, bytes(0x0f)),
                Rr(Movdqa, 2, 0),
                Sh(PsrlwImm, 2, 4),
                Rr(Pand, 0, 1),
                Rr(Pand, 2, 1),
                K(3, 0x0403_0302_0302_0201_0302_0201_0201_0100),
                Rr(Movdqa, 4, 3),
                Rr(Pshufb, 3, 0),
                Rr(Pshufb, 4, 2),
                Rr(Paddb, 3, 4),
            ],
            // Bit-slicing: pairs, nibbles, bytes.
            seq![
                Rr(Movdqa, 1, 0),
                Sh(PsrlwImm, 1, 1),
                K(2, bytes(0x55)),
                Rr(Pand, 1, 2),
                Rr(Psubb, 0, 1),
                Rr(Movdqa, 1, 0),
                Sh(PsrlwImm, 1, 2),
                K(2, bytes(0x33)),
                Rr(Pand, 0, 2),
                Rr(Pand, 1, 2),
                Rr(Paddb, 0, 1),
                Rr(Movdqa, 1, 0),
                Sh(PsrlwImm, 1, 4),
                Rr(Paddb, 0, 1),
                K(2, bytes(0x0f)),
                Rr(Pand, 0, 2),
            ],
        ]),
        // Bytes shifted as words: each byte's half computed apart (the
        // mask 0x00ff in `xmm4`), so no bit crosses into the other byte.
        Op::I8x16Shl => Shift(
            8,
            &[seq![
                Rr(Pcmpeqd, 4, 4),
                Sh(PsrlwImm, 4, 8),
                Rr(Movdqa, 3, 4),
                Rr(Pandn, 3, 0),
                Rr(Psllw, 3, 1),
                Rr(Psllw, 0, 1),
                Rr(Pand, 0, 4),
                Rr(Por, 0, 3),
            ]],
        ),
        Op::I8x16ShrU => Shift(
            8,
            &[seq![4;
                Rr(Pcmpeqd, 4, 4),
                Sh(PsrlwImm, 4, 8),
                Rr(Movdqa, 3, 4),
                Rr(Pand, 3, 0),
                Rr(Psrlw, 3, 1),
                Rr(Psrlw, 0, 1),
                Rr(Pandn, 4, 0),
                Rr(Por, 4, 3),
            ]],
        ),
        Op::I8x16ShrS => Shift(
            8,
            &[seq![
                Rr(Movdqa, 2, 0),
                Sh(PsllwImm, 2, 8),
                Rr(Psraw, 2, 1),
                Sh(PsrlwImm, 2, 8),
                Rr(Psraw, 0, 1),
                Rr(Pcmpeqd, 4, 4),
                Sh(PsllwImm, 4, 8),
                Rr(Pand, 0, 4),
                Rr(Por, 0, 2),
            ]],
        ),
        Op::I8x16Add => Vector(&[seq![Rr(Paddb, 0, 1)]]),
        Op::I8x16AddSatS => Vector(&[seq![Rr(Paddsb, 0, 1)]]),
        Op::I8x16AddSatU => Vector(&[seq![Rr(Paddusb, 0, 1)]]),
        Op::I8x16Sub => Vector(&[seq![Rr(Psubb, 0, 1)]]),
        Op::I8x16SubSatS => Vector(&[seq![Rr(Psubsb, 0, 1)]]),
        Op::I8x16SubSatU => Vector(&[seq![Rr(Psubusb, 0, 1)]]),
        Op::I8x16MinS => Vector(&[
            seq![Rr(Pminsb, 0, 1)],
            seq![Then(FLIP8), Rr(Pminub, 0, 1), Rr(Pxor, 0, 2)],
        ]),
        Op::I8x16MinU => Vector(&[seq![Rr(Pminub, 0, 1)]]),
        Op::I8x16MaxS => Vector(&[
            seq![Rr(Pmaxsb, 0, 1)],
            seq![Then(FLIP8), Rr(Pmaxub, 0, 1), Rr(Pxor, 0, 2)],
        ]),
        Op::I8x16MaxU => Vector(&[seq![Rr(Pmaxub, 0, 1)]]),
        Op::I8x16AvgrU => Vector(&[seq![Rr(Pavgb, 0, 1)]]),
        Op::I16x8Abs => Vector(&[
            seq![Rr(Pabsw, 0, 0)],
            seq![Rr(Pxor, 1, 1), Rr(Psubw, 1, 0), Rr(Pmaxsw, 0, 1)],
        ]),
        Op::I16x8Neg => Vector(&[seq![1; Rr(Pxor, 1, 1), Rr(Psubw, 1, 0)]]),
        Op::I16x8Q15MulrSatS => Vector(&[
            // Only -32768 * -32768 gives 0x8000 (for +32768): made 0x7fff.
            seq![
                Rr(Pmulhrsw, 0, 1),
                K(1, words(0x8000)),
                Rr(Pcmpeqw, 1, 0),
                Rr(Pxor, 0, 1)
            ],
            // The 32-bit products, rounded, shifted and packed with
            // saturation.
            seq![3;
                Rr(Movdqa, 2, 0),
                Rr(Pmullw, 2, 1),
                Rr(Pmulhw, 0, 1),
                Rr(Movdqa, 3, 2),
                Rr(Punpcklwd, 3, 0),
                Rr(Punpckhwd, 2, 0),
                K(4, dwords(0x4000)),
                Rr(Paddd, 3, 4),
                Rr(Paddd, 2, 4),
                Sh(PsradImm, 3, 15),
                Sh(PsradImm, 2, 15),
                Rr(Packssdw, 3, 2),
            ],
        ]),
        Op::I16x8Shl => Shift(16, &[seq![Rr(Psllw, 0, 1)]]),
        Op::I16x8ShrS => Shift(16, &[seq![Rr(Psraw, 0, 1)]]),
        Op::I16x8ShrU => Shift(16, &[seq![Rr(Psrlw, 0, 1)]]),
        Op::I16x8Add => Vector(&[seq![Rr(Paddw, 0, 1)]]),
        Op::I16x8AddSatS => Vector(&[seq![Rr(Paddsw, 0, 1)]]),
        Op::I16x8AddSatU => Vector(&[seq![Rr(Paddusw, 0, 1)]]),
        Op::I16x8Sub => Vector(&[seq![Rr(Psubw, 0, 1)]]),
        Op::I16x8SubSatS => Vector(&[seq![Rr(Psubsw, 0, 1)]]),
        Op::I16x8SubSatU => Vector(&[seq![Rr(Psubusw, 0, 1)]]),
        Op::I16x8Mul => Vector(&[seq![Rr(Pmullw, 0, 1)]]),
        Op::I16x8MinS => Vector(&[seq![Rr(Pminsw, 0, 1)]]),
        Op::I16x8MinU => Vector(&[
            seq![Rr(Pminuw, 0, 1)],
            seq![Then(FLIP16), Rr(Pminsw, 0, 1), Rr(Pxor, 0, 2)],
        ]),
        Op::I16x8MaxS => Vector(&[seq![Rr(Pmaxsw, 0, 1)]]),
        Op::I16x8MaxU => Vector(&[
            seq![Rr(Pmaxuw, 0, 1)],
            seq![Then(FLIP16), Rr(Pmaxsw, 0, 1), Rr(Pxor, 0, 2)],
        ]),
        Op::I16x8AvgrU => Vector(&[seq![Rr(Pavgw, 0, 1)]]),
        // `i32x4` and `i64x2` arithmetic.
        Op::I32x4Abs => Vector(&[
            seq![Rr(Pabsd, 0, 0)],
            seq![
                Rr(Movdqa, 1, 0),
                Sh(PsradImm, 1, 31),
                Rr(Pxor, 0, 1),
                Rr(Psubd, 0, 1)
            ],
        ]),
        Op::I32x4Neg => Vector(&[seq![1; Rr(Pxor, 1, 1), Rr(Psubd, 1, 0)]]),
        Op::I32x4Shl => Shift(32, &[seq![Rr(Pslld, 0, 1)]]),
        Op::I32x4ShrS => Shift(32, &[seq![Rr(Psrad, 0, 1)]]),
        Op::I32x4ShrU => Shift(32, &[seq![Rr(Psrld, 0, 1)]]),
        Op::I32x4Add => Vector(&[seq![Rr(Paddd, 0, 1)]]),
        Op::I32x4Sub => Vector(&[seq![Rr(Psubd, 0, 1)]]),
        Op::I32x4Mul => Vector(&[
            seq![Rr(Pmulld, 0, 1)],
            // Even and odd lanes' 64-bit products, their low halves
            // gathered.
            seq![
                Ri(Pshufd, 2, 0, 0xf5),
                Ri(Pshufd, 3, 1, 0xf5),
                Rr(Pmuludq, 0, 1),
                Rr(Pmuludq, 2, 3),
                Ri(Pshufd, 0, 0, 0xe8),
                Ri(Pshufd, 2, 2, 0xe8),
                Rr(Punpckldq, 0, 2),
            ],
        ]),
        // Without SSE4.1: `b > c` as a mask (on sign-flipped copies for
        // unsigned order), the lanes chosen through it.
        Op::I32x4MinS => Vector(&[
            seq![Rr(Pminsd, 0, 1)],
            seq![1;
                Rr(Movdqa, 2, 0),
                Rr(Pcmpgtd, 2, 1),
                Rr(Pand, 1, 2),
                Rr(Pandn, 2, 0),
                Rr(Por, 1, 2),
            ],
        ]),
        Op::I32x4MinU => Vector(&[
            seq![Rr(Pminud, 0, 1)],
            seq![1;
                K(3, dwords(0x8000_0000)),
                Rr(Movdqa, 2, 0),
                Rr(Pxor, 2, 3),
                Rr(Pxor, 3, 1),
                Rr(Pcmpgtd, 2, 3),
                Rr(Pand, 1, 2),
                Rr(Pandn, 2, 0),
                Rr(Por, 1, 2),
            ],
        ]),
        Op::I32x4MaxS => Vector(&[
            seq![Rr(Pmaxsd, 0, 1)],
            seq![
                Rr(Movdqa, 2, 0),
                Rr(Pcmpgtd, 2, 1),
                Rr(Pand, 0, 2),
                Rr(Pandn, 2, 1),
                Rr(Por, 0, 2),
            ],
        ]),
        Op::I32x4MaxU => Vector(&[
            seq![Rr(Pmaxud, 0, 1)],
            seq![
                K(3, dwords(0x8000_0000)),
                Rr(Movdqa, 2, 0),
                Rr(Pxor, 2, 3),
                Rr(Pxor, 3, 1),
                Rr(Pcmpgtd, 2, 3),
                Rr(Pand, 0, 2),
                Rr(Pandn, 2, 1),
                Rr(Por, 0, 2),
            ],
        ]),
        Op::I32x4DotI16x8S => Vector(&[seq![Rr(Pmaddwd, 0, 1)]]),
        Op::I64x2Abs => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PsradImm, 1, 31),
            Ri(Pshufd, 1, 1, 0xf5),
            Rr(Pxor, 0, 1),
            Rr(Psubq, 0, 1),
        ]]),
        Op::I64x2Neg => Vector(&[seq![1; Rr(Pxor, 1, 1), Rr(Psubq, 1, 0)]]),
        Op::I64x2Shl => Shift(64, &[seq![Rr(Psllq, 0, 1)]]),
        // Logical shift, then the sign extended: `(x ^ m) - m` for the
        // sign bit `m` shifted likewise.
        Op::I64x2ShrS => Shift(
            64,
            &[seq![
                Rr(Pcmpeqd, 2, 2),
                Sh(PsllqImm, 2, 63),
                Rr(Psrlq, 2, 1),
                Rr(Psrlq, 0, 1),
                Rr(Pxor, 0, 2),
                Rr(Psubq, 0, 2),
            ]],
        ),
        Op::I64x2ShrU => Shift(64, &[seq![Rr(Psrlq, 0, 1)]]),
        Op::I64x2Add => Vector(&[seq![Rr(Paddq, 0, 1)]]),
        Op::I64x2Sub => Vector(&[seq![Rr(Psubq, 0, 1)]]),
        // lo * lo + (hi * lo + lo * hi) << 32.
        Op::I64x2Mul => Vector(&[seq![
            Rr(Movdqa, 2, 0),
            Sh(PsrlqImm, 2, 32),
            Rr(Pmuludq, 2, 1),
            Rr(Movdqa, 3, 1),
            Sh(PsrlqImm, 3, 32),
            Rr(Pmuludq, 3, 0),
            Rr(Paddq, 2, 3),
            Sh(PsllqImm, 2, 32),
            Rr(Pmuludq, 0, 1),
            Rr(Paddq, 0, 2),
        ]]),
        // Float arithmetic.
        Op::F32x4Ceil => Vector(round!(Roundps, 2)),
        Op::F32x4Floor => Vector(round!(Roundps, 1)),
        Op::F32x4Trunc => Vector(round!(Roundps, 3)),
        Op::F32x4Nearest => Vector(round!(Roundps, 0)),
        Op::F64x2Ceil => Vector(round!(Roundpd, 2)),
        Op::F64x2Floor => Vector(round!(Roundpd, 1)),
        Op::F64x2Trunc => Vector(round!(Roundpd, 3)),
        Op::F64x2Nearest => Vector(round!(Roundpd, 0)),
        Op::F32x4Abs => Vector(&[seq![Rr(Pcmpeqd, 1, 1), Sh(PsrldImm, 1, 1), Rr(Pand, 0, 1)]]),
        Op::F64x2Abs => Vector(&[seq![Rr(Pcmpeqd, 1, 1), Sh(PsrlqImm, 1, 1), Rr(Pand, 0, 1)]]),
        Op::F32x4Neg => Vector(&[seq![Rr(Pcmpeqd, 1, 1), Sh(PslldImm, 1, 31), Rr(Pxor, 0, 1)]]),
        Op::F64x2Neg => Vector(&[seq![Rr(Pcmpeqd, 1, 1), Sh(PsllqImm, 1, 63), Rr(Pxor, 0, 1)]]),
        Op::F32x4Sqrt => Vector(&[seq![Rr(Sqrtps, 0, 0)]]),
        Op::F64x2Sqrt => Vector(&[seq![Rr(Sqrtpd, 0, 0)]]),
        Op::F32x4Add => Vector(&[seq![Rr(Addps, 0, 1)]]),
        Op::F32x4Sub => Vector(&[seq![Rr(Subps, 0, 1)]]),
        Op::F32x4Mul => Vector(&[seq![Rr(Mulps, 0, 1)]]),
        Op::F32x4Div => Vector(&[seq![Rr(Divps, 0, 1)]]),
        Op::F64x2Add => Vector(&[seq![Rr(Addpd, 0, 1)]]),
        Op::F64x2Sub => Vector(&[seq![Rr(Subpd, 0, 1)]]),
        Op::F64x2Mul => Vector(&[seq![Rr(Mulpd, 0, 1)]]),
        Op::F64x2Div => Vector(&[seq![Rr(Divpd, 0, 1)]]),
        Op::F32x4Min => Vector(min_max!(Minps, Orps, Cmpps, Addps)),
        Op::F32x4Max => Vector(min_max!(Maxps, Andps, Cmpps, Addps)),
        Op::F64x2Min => Vector(min_max!(Minpd, Orps, Cmppd, Addpd)),
        Op::F64x2Max => Vector(min_max!(Maxpd, Andps, Cmppd, Addpd)),
        // `pmin(a, b)` is `b < a ? b : a`, which is `minps b, a`; `pmax`
        // likewise.
        Op::F32x4PMin => Vector(&[seq![1; Rr(Minps, 1, 0)]]),
        Op::F32x4PMax => Vector(&[seq![1; Rr(Maxps, 1, 0)]]),
        Op::F64x2PMin => Vector(&[seq![1; Rr(Minpd, 1, 0)]]),
        Op::F64x2PMax => Vector(&[seq![1; Rr(Maxpd, 1, 0)]]),
        // Conversions.
        Op::I8x16NarrowI16x8S => Vector(&[seq![Rr(Packsswb, 0, 1)]]),
        Op::I8x16NarrowI16x8U => Vector(&[seq![Rr(Packuswb, 0, 1)]]),
        Op::I16x8NarrowI32x4S => Vector(&[seq![Rr(Packssdw, 0, 1)]]),
        Op::I16x8NarrowI32x4U => {
            Vector(&[seq![Rr(Packusdw, 0, 1)], seq![2; Then(NARROW_32U_SSE2)]])
        }
        Op::I16x8ExtendLowI8x16S => Vector(EXTEND_LOW_8S),
        Op::I16x8ExtendLowI8x16U => Vector(EXTEND_LOW_8U),
        Op::I16x8ExtendHighI8x16S => Vector(EXTEND_HIGH_8S),
        Op::I16x8ExtendHighI8x16U => Vector(EXTEND_HIGH_8U),
        Op::I32x4ExtendLowI16x8S => Vector(EXTEND_LOW_16S),
        Op::I32x4ExtendLowI16x8U => Vector(EXTEND_LOW_16U),
        Op::I32x4ExtendHighI16x8S => Vector(EXTEND_HIGH_16S),
        Op::I32x4ExtendHighI16x8U => Vector(EXTEND_HIGH_16U),
        Op::I64x2ExtendLowI32x4S => Vector(EXTEND_LOW_32S),
        Op::I64x2ExtendLowI32x4U => Vector(EXTEND_LOW_32U),
        Op::I64x2ExtendHighI32x4S => Vector(EXTEND_HIGH_32S),
        Op::I64x2ExtendHighI32x4U => Vector(EXTEND_HIGH_32U),
        // Extending multiplies: 8-bit lanes extended, then `pmullw`;
        // 16-bit lanes' low and high product halves interleaved; 32-bit
        // lanes spread to even positions for `pmuludq`/`pmuldq`.
        Op::I16x8ExtMulLowI8x16S => Vector(&[seq![
            Rr(Punpcklbw, 0, 0),
            Sh(PsrawImm, 0, 8),
            Rr(Punpcklbw, 1, 1),
            Sh(PsrawImm, 1, 8),
            Rr(Pmullw, 0, 1),
        ]]),
        Op::I16x8ExtMulHighI8x16S => Vector(&[seq![
            Rr(Punpckhbw, 0, 0),
            Sh(PsrawImm, 0, 8),
            Rr(Punpckhbw, 1, 1),
            Sh(PsrawImm, 1, 8),
            Rr(Pmullw, 0, 1),
        ]]),
        Op::I16x8ExtMulLowI8x16U => Vector(&[seq![
            Rr(Pxor, 2, 2),
            Rr(Punpcklbw, 0, 2),
            Rr(Punpcklbw, 1, 2),
            Rr(Pmullw, 0, 1),
        ]]),
        Op::I16x8ExtMulHighI8x16U => Vector(&[seq![
            Rr(Pxor, 2, 2),
            Rr(Punpckhbw, 0, 2),
            Rr(Punpckhbw, 1, 2),
            Rr(Pmullw, 0, 1),
        ]]),
        Op::I32x4ExtMulLowI16x8S => Vector(&[seq![
            Rr(Movdqa, 2, 0),
            Rr(Pmullw, 0, 1),
            Rr(Pmulhw, 2, 1),
            Rr(Punpcklwd, 0, 2),
        ]]),
        Op::I32x4ExtMulHighI16x8S => Vector(&[seq![
            Rr(Movdqa, 2, 0),
            Rr(Pmullw, 0, 1),
            Rr(Pmulhw, 2, 1),
            Rr(Punpckhwd, 0, 2),
        ]]),
        Op::I32x4ExtMulLowI16x8U => Vector(&[seq![
            Rr(Movdqa, 2, 0),
            Rr(Pmullw, 0, 1),
            Rr(Pmulhuw, 2, 1),
            Rr(Punpcklwd, 0, 2),
        ]]),
        Op::I32x4ExtMulHighI16x8U => Vector(&[seq![
            Rr(Movdqa, 2, 0),
            Rr(Pmullw, 0, 1),
            Rr(Pmulhuw, 2, 1),
            Rr(Punpckhwd, 0, 2),
        ]]),
        Op::I64x2ExtMulLowI32x4S => Vector(&[
            seq![Then(spread!(0x50)), Rr(Pmuldq, 0, 1)],
            seq![Then(spread!(0x50)), Then(MUL_EVEN_32S_SSE2)],
        ]),
        Op::I64x2ExtMulHighI32x4S => Vector(&[
            seq![Then(spread!(0xfa)), Rr(Pmuldq, 0, 1)],
            seq![Then(spread!(0xfa)), Then(MUL_EVEN_32S_SSE2)],
        ]),
        Op::I64x2ExtMulLowI32x4U => Vector(&[seq![Then(spread!(0x50)), Rr(Pmuludq, 0, 1)]]),
        Op::I64x2ExtMulHighI32x4U => Vector(&[seq![Then(spread!(0xfa)), Rr(Pmuludq, 0, 1)]]),
        // Pairwise sums: the even lanes sign- or zero-extended by shifting
        // left and back, the odd ones by shifting right, added.
        Op::I16x8ExtAddPairwiseI8x16S => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PsllwImm, 1, 8),
            Sh(PsrawImm, 1, 8),
            Sh(PsrawImm, 0, 8),
            Rr(Paddw, 0, 1),
        ]]),
        Op::I16x8ExtAddPairwiseI8x16U => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PsllwImm, 1, 8),
            Sh(PsrlwImm, 1, 8),
            Sh(PsrlwImm, 0, 8),
            Rr(Paddw, 0, 1),
        ]]),
        Op::I32x4ExtAddPairwiseI16x8S => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PslldImm, 1, 16),
            Sh(PsradImm, 1, 16),
            Sh(PsradImm, 0, 16),
            Rr(Paddd, 0, 1),
        ]]),
        Op::I32x4ExtAddPairwiseI16x8U => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PslldImm, 1, 16),
            Sh(PsrldImm, 1, 16),
            Sh(PsrldImm, 0, 16),
            Rr(Paddd, 0, 1),
        ]]),
        // NaN lanes cleared; `cvttps2dq` gives 0x80000000 out of range,
        // flipped to 0x7fffffff where the input was positive.
        Op::I32x4TruncSatF32x4S => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Ri(Cmpps, 1, 1, 0),
            Rr(Andps, 0, 1),
            Rr(Pxor, 1, 0),
            Rr(Cvttps2dq, 0, 0),
            Rr(Pand, 1, 0),
            Sh(PsradImm, 1, 31),
            Rr(Pxor, 0, 1),
        ]]),
        Op::I32x4TruncSatF32x4U => Vector(&[seq![Then(TRUNC_U_F32)]]),
        Op::F32x4ConvertI32x4S => Vector(&[seq![Rr(Cvtdq2ps, 0, 0)]]),
        // The high and low 16 bits converted apart (both exact), the high
        // scaled by 65536 (exact), the sum rounded once.
        Op::F32x4ConvertI32x4U => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Sh(PslldImm, 1, 16),
            Sh(PsrldImm, 1, 16),
            Sh(PsrldImm, 0, 16),
            Rr(Cvtdq2ps, 0, 0),
            K(2, dwords(0x4780_0000)), // 65536.0
            Rr(Mulps, 0, 2),
            Rr(Cvtdq2ps, 1, 1),
            Rr(Addps, 0, 1),
        ]]),
        // NaN lanes made 0 and the rest clamped to 2147483647.0 by one
        // `minpd` (which answers its second operand for NaN); below the
        // range `cvttpd2dq` gives 0x80000000, the minimum.
        Op::I32x4TruncSatF64x2SZero => Vector(&[seq![
            Rr(Movdqa, 1, 0),
            Ri(Cmppd, 1, 1, 0),
            K(2, qwords(0x41df_ffff_ffc0_0000)), // 2147483647.0
            Rr(Andps, 1, 2),
            Rr(Minpd, 0, 1),
            Rr(Cvttpd2dq, 0, 0),
        ]]),
        Op::I32x4TruncSatF64x2UZero => Vector(&[seq![Then(TRUNC_U_F64)]]),
        Op::F64x2ConvertLowI32x4S => Vector(&[seq![Rr(Cvtdq2pd, 0, 0)]]),
        // Each lane as the low half of the double 2^52 + x, less 2^52.
        Op::F64x2ConvertLowI32x4U => Vector(&[seq![
            K(1, dwords(0x4330_0000)),
            Rr(Unpcklps, 0, 1),
            K(2, qwords(0x4330_0000_0000_0000)),
            Rr(Subpd, 0, 2),
        ]]),
        Op::F32x4DemoteF64x2Zero => Vector(&[seq![Rr(Cvtpd2ps, 0, 0)]]),
        Op::F64x2PromoteLowF32x4 => Vector(&[seq![Rr(Cvtps2pd, 0, 0)]]),
        // Relaxed SIMD (deterministic profile): unfused, `nmadd` negating
        // the first factor as the interpreter does.
        Op::F32x4RelaxedMadd => Vector(&[seq![Rr(Mulps, 0, 1), Rr(Addps, 0, 2)]]),
        Op::F64x2RelaxedMadd => Vector(&[seq![Rr(Mulpd, 0, 1), Rr(Addpd, 0, 2)]]),
        Op::F32x4RelaxedNmadd => Vector(&[seq![
            Rr(Pcmpeqd, 3, 3),
            Sh(PslldImm, 3, 31),
            Rr(Pxor, 0, 3),
            Rr(Mulps, 0, 1),
            Rr(Addps, 0, 2),
        ]]),
        Op::F64x2RelaxedNmadd => Vector(&[seq![
            Rr(Pcmpeqd, 3, 3),
            Sh(PsllqImm, 3, 63),
            Rr(Pxor, 0, 3),
            Rr(Mulpd, 0, 1),
            Rr(Addpd, 0, 2),
        ]]),
        Op::I16x8RelaxedDotI8x16I7x16S => Vector(&[seq![Then(DOT8)]]),
        // The 16-bit dot products added pairwise (`pmaddwd` by ones),
        // plus the accumulator.
        Op::I32x4RelaxedDotI8x16I7x16AddS => Vector(&[seq![
            Then(DOT8),
            K(4, words(1)),
            Rr(Pmaddwd, 0, 4),
            Rr(Paddd, 0, 2),
        ]]),
        _ => return None,
    })
}

/// Whether `cpu` has every instruction of `steps`.
pub(super) fn runs_on(cpu: super::super::Cpu, steps: &[Step]) -> bool {
    steps.iter().all(|step| match *step {
        Rr(op, ..) | Ri(op, ..) | Sh(op, ..) | Mask(op, _) => cpu.has(op.feature()),
        K(..) => true,
        Then(steps) => runs_on(cpu, steps),
    })
}
