//! SIMD (`v128`) instructions in SSE code: each reads its `v128`
//! operands from their slot pairs (`movdqu xmm, [fp + 8 * slot]`, the high
//! half the next slot), computes in the scratch registers `xmm0`–`xmm7`,
//! and writes its result pair back, after reading every operand (a
//! destination may overlap an operand). `v128` locals are never pinned
//! (`slots.rs`), so their pairs are always in the frame; scalar operands
//! and results (a splat's value, a shift's count, a lane's value, an
//! address, a test's `i32`) go through the slot helpers like any scalar,
//! so pinned locals work.
//!
//! One table, [`lowering`], gives each opcode its pattern: the operand
//! shape comes from the opcode's format, the computation from a list of
//! alternative instruction sequences ([`Seq`]), the first whose
//! instructions the processor has being used (each instruction's feature
//! is in the assembler's table, `insn_simd.rs`). An opcode none of whose
//! sequences the processor can run leaves its function interpreted:
//! `i8x16.swizzle` and `i8x16.shuffle` without SSSE3 (`pshufb`), the
//! rounding operators (`ceil`, `floor`, `trunc`, `nearest`) without
//! SSE4.1 (`roundps`/`roundpd`). Every other opcode has an SSE2 sequence,
//! and a shorter one where SSSE3 or SSE4.1 gives it.
//!
//! Lane accesses (`extract_lane`, `replace_lane`, lane loads and stores)
//! read and write the lane in the frame directly, with general registers.
//! Memory accesses check bounds, or rely on guard regions, exactly as the
//! scalar ones (`memory.rs`). Constants the sequences need (sign masks,
//! lookup tables, float bounds) are 16-byte literals after the function's
//! code, loaded `rip`-relative.

mod patterns;

use super::{Lowering, X64, acc_operands};
use crate::ir::{Format, Instr, Op};
use crate::jit::x64::{Alu, Cond, Gpr, Mem, Packed::*, Width, Xmm};
use patterns::Step::*;
use patterns::*;

const X0: Xmm = Xmm(0);
const X1: Xmm = Xmm(1);
const X2: Xmm = Xmm(2);

impl Lowering<'_, X64> {
    /// Lowers `i` if it is a SIMD instruction; `Ok(false)` if not, and
    /// `Err` with its opcode if the processor lacks what it needs.
    pub(super) fn simd(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let Some(lower) = lowering(i.op) else {
            return Ok(false);
        };
        let cpu = self.cpu;
        let pick = |seqs: &'static [Seq]| {
            seqs.iter()
                .find(|s| runs_on(cpu, s.steps))
                .copied()
                .ok_or(i.op)
        };
        match lower {
            Lower::Vector(seqs) => {
                let seq = pick(seqs)?;
                match i.op.format() {
                    Format::V128Splat => self.scalar_to_xmm(X0, i.b),
                    Format::V128Un => self.load_v128(X0, i.b),
                    Format::V128Bin => {
                        self.load_v128(X0, i.b);
                        self.load_v128(X1, i.c);
                    }
                    format => {
                        debug_assert_eq!(format, Format::V128Ternary);
                        self.load_v128(X0, i.b);
                        self.load_v128(X1, i.c);
                        self.load_v128(X2, self.data(pc, 1).a);
                    }
                }
                self.run(seq.steps);
                self.store_v128(i.a, seq.out);
            }
            Lower::Shift(bits, seqs) => {
                let seq = pick(seqs)?;
                self.load_v128(X0, i.b);
                self.load_slot(Width::W32, Gpr::Rcx, i.c);
                let a = &mut self.asm;
                a.alu_ri(Alu::And, Width::W32, Gpr::Rcx, bits as i32 - 1);
                a.mov_xr(Width::W32, X1, Gpr::Rcx);
                self.run(seq.steps);
                self.store_v128(i.a, seq.out);
            }
            Lower::Test(alternatives) => {
                let (seq, finish) = alternatives
                    .iter()
                    .find(|(s, _)| runs_on(cpu, s.steps))
                    .copied()
                    .ok_or(i.op)?;
                self.load_v128(X0, i.b);
                self.run(seq.steps);
                let a = &mut self.asm;
                let cond = match finish {
                    Finish::Value => None,
                    Finish::LowByte => {
                        a.movzx_r8(Gpr::Rax, Gpr::Rax);
                        None
                    }
                    Finish::Eq(imm) | Finish::Ne(imm) => {
                        a.alu_ri(Alu::Cmp, Width::W32, Gpr::Rax, imm);
                        Some(if matches!(finish, Finish::Eq(_)) {
                            Cond::E
                        } else {
                            Cond::Ne
                        })
                    }
                    Finish::NonZero => Some(Cond::Ne),
                };
                if let Some(cond) = cond {
                    a.setcc(cond, Gpr::Rax);
                    a.movzx_r8(Gpr::Rax, Gpr::Rax);
                }
                self.store_slot(i.a, Gpr::Rax);
            }
            Lower::Lane { bytes, signed } => {
                if i.op.format() == Format::V128Extract {
                    let lane = Self::lane(i.b, i.c, bytes);
                    self.load_lane(Gpr::Rax, lane, bytes, signed);
                    self.store_slot(i.a, Gpr::Rax);
                } else {
                    // The scalar first: the copy may overwrite its slot.
                    self.load_slot(Width::W64, Gpr::Rax, self.data(pc, 1).a);
                    if i.a != i.b {
                        self.load_v128(X0, i.b);
                        self.store_v128(i.a, 0);
                    }
                    self.store_lane(Self::lane(i.a, i.c, bytes), bytes, Gpr::Rax);
                }
            }
            Lower::Load(access, seqs) => {
                let seq = pick(seqs)?;
                self.read_int(Gpr::Rax, i.b, acc_operands(i.op) != 0);
                let at = self.bounds_check(pc, i.c, access.bytes());
                match access {
                    Access::Whole => self.asm.packed_load(Movdqu, X0, at),
                    Access::Quad => self.asm.packed_load(MovqLoad, X0, at),
                    Access::Double => self.asm.packed_load(MovdLoad, X0, at),
                    Access::Word | Access::Byte => {
                        let bits = access.bytes() * 8;
                        self.asm.load_extend(Width::W32, Gpr::Rax, at, bits, false);
                        self.asm.mov_xr(Width::W32, X0, Gpr::Rax);
                    }
                }
                self.run(seq.steps);
                self.store_v128(i.a, seq.out);
            }
            Lower::Store => {
                self.load_v128(X0, i.b);
                self.read_int(Gpr::Rax, i.a, acc_operands(i.op) != 0);
                let at = self.bounds_check(pc, i.c, 16);
                self.asm.packed_store(MovdquStore, at, X0);
            }
            Lower::LoadLane(bytes) => {
                let data = self.data(pc, 1);
                self.read_int(Gpr::Rax, i.b, acc_operands(i.op) != 0);
                let at = self.bounds_check(pc, i.c, bytes);
                self.load_lane(Gpr::Rdx, at, bytes, false);
                self.load_v128(X0, data.a);
                self.store_v128(i.a, 0);
                self.store_lane(Self::lane(i.a, data.b, bytes), bytes, Gpr::Rdx);
            }
            Lower::StoreLane(bytes) => {
                let lane = Self::lane(i.b, self.data(pc, 1).b, bytes);
                self.load_lane(Gpr::Rdx, lane, bytes, false);
                self.read_int(Gpr::Rax, i.a, acc_operands(i.op) != 0);
                let at = self.bounds_check(pc, i.c, bytes);
                self.store_lane(at, bytes, Gpr::Rdx);
            }
            Lower::Shuffle => self.shuffle(pc, i)?,
        }
        Ok(true)
    }

    /// `i8x16.shuffle`: with constant lane indices (as the translator
    /// emits them), two `pshufb` by masks made here, `or`ed; otherwise
    /// [`SHUFFLE`] on the indices.
    fn shuffle(&mut self, pc: u32, i: Instr) -> Result<(), Op> {
        if !runs_on(self.cpu, SHUFFLE) {
            return Err(i.op);
        }
        let indices = self.data(pc, 1).a;
        self.load_v128(X0, i.b);
        self.load_v128(X1, i.c);
        match self.constant_pair(indices) {
            Some(value) => {
                // A lane takes the first operand's byte or the second's;
                // 0x80 zeroes it in the other's `pshufb`.
                let (mut first, mut second) = ([0x80u8; 16], [0x80u8; 16]);
                for (k, &index) in value.to_le_bytes().iter().enumerate() {
                    if index < 16 {
                        first[k] = index;
                    } else {
                        second[k] = index & 15;
                    }
                }
                self.run(&[
                    K(2, u128::from_le_bytes(first)),
                    Rr(Pshufb, 0, 2),
                    K(3, u128::from_le_bytes(second)),
                    Rr(Pshufb, 1, 3),
                    Rr(Por, 0, 1),
                ]);
            }
            None => {
                self.load_v128(X2, indices);
                self.run(SHUFFLE);
            }
        }
        self.store_v128(i.a, 0);
        Ok(())
    }

    /// Emits `steps`.
    fn run(&mut self, steps: &[Step]) {
        for &step in steps {
            match step {
                Rr(op, dst, src) => self.asm.packed(op, Xmm(dst), Xmm(src)),
                Ri(op, dst, src, imm) => self.asm.packed_imm(op, Xmm(dst), Xmm(src), imm),
                Sh(op, dst, imm) => self.asm.packed_shift_imm(op, Xmm(dst), imm),
                K(dst, value) => {
                    let label = self.constant(value);
                    self.asm.packed_load_label(Movdqu, Xmm(dst), label);
                }
                Then(steps) => self.run(steps),
                Mask(op, src) => self.asm.packed_to_gpr(op, Gpr::Rax, Xmm(src)),
            }
        }
    }

    /// `dst` = the pair at `slot`.
    fn load_v128(&mut self, dst: Xmm, slot: u16) {
        self.asm.packed_load(Movdqu, dst, Self::slot(slot));
    }

    /// The pair at `slot` = `xmm{src}`.
    fn store_v128(&mut self, slot: u16, src: u8) {
        self.asm
            .packed_store(MovdquStore, Self::slot(slot), Xmm(src));
    }

    /// The low quadword of `dst` = the scalar in `slot` (the rest of the
    /// register is not read).
    fn scalar_to_xmm(&mut self, dst: Xmm, slot: u16) {
        match self.pin(slot) {
            Some(super::slots::Pin::Gpr(reg)) => self.asm.mov_xr(Width::W64, dst, reg),
            Some(super::slots::Pin::Xmm(x, _)) => self.asm.mov_xx(dst, x),
            None => self.asm.packed_load(MovqLoad, dst, Self::slot(slot)),
        }
    }

    /// Lane `lane` of `bytes` of the pair at `slot`, in the frame.
    fn lane(slot: u16, lane: u16, bytes: u8) -> Mem {
        Mem::base(super::FP, slot as i32 * 8 + lane as i32 * bytes as i32)
    }

    /// `dst` = the `bytes` at `at` (one or two bytes sign- or
    /// zero-extended to 32 bits, four zero-extended, or eight).
    fn load_lane(&mut self, dst: Gpr, at: Mem, bytes: u8, signed: bool) {
        match bytes {
            1 | 2 => self.asm.load_extend(Width::W32, dst, at, bytes * 8, signed),
            4 => self.asm.load(Width::W32, dst, at),
            _ => self.asm.load(Width::W64, dst, at),
        }
    }

    /// The `bytes` at `at` = the low `bytes` of `src`.
    fn store_lane(&mut self, at: Mem, bytes: u8, src: Gpr) {
        match bytes {
            1 => self.asm.store8(at, src),
            2 => self.asm.store16(at, src),
            4 => self.asm.store(Width::W32, at, src),
            _ => self.asm.store(Width::W64, at, src),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every SIMD opcode has a lowering; every one compiles on a processor
    /// with SSSE3 and SSE4.1; on baseline SSE2 all but the `pshufb`
    /// shuffles and the roundings do.
    #[test]
    fn every_simd_opcode_has_a_lowering() {
        let simd = Op::ALL
            .iter()
            .filter(|op| **op as u16 >= Op::V128Load as u16);
        assert_eq!(simd.clone().count(), 217);
        let sse2 = super::super::Cpu::default();
        let mut beyond_sse2 = alloc::vec::Vec::new();
        for &op in simd {
            let lower = lowering(op).unwrap_or_else(|| panic!("{op:?} has no lowering"));
            let seqs: &[Seq] = match lower {
                Lower::Vector(seqs) | Lower::Shift(_, seqs) | Lower::Load(_, seqs) => seqs,
                Lower::Test(alternatives) => {
                    assert!(alternatives.iter().any(|(s, _)| runs_on(sse2, s.steps)));
                    continue;
                }
                Lower::Shuffle => {
                    assert!(!runs_on(sse2, SHUFFLE));
                    beyond_sse2.push(op);
                    continue;
                }
                _ => continue,
            };
            if !seqs.iter().any(|s| runs_on(sse2, s.steps)) {
                beyond_sse2.push(op);
            }
        }
        use Op::*;
        assert_eq!(
            beyond_sse2,
            [
                I8x16Shuffle,
                I8x16Swizzle,
                F32x4Ceil,
                F32x4Floor,
                F32x4Trunc,
                F32x4Nearest,
                F64x2Ceil,
                F64x2Floor,
                F64x2Trunc,
                F64x2Nearest
            ]
        );
    }
}
