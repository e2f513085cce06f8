//! The instructions the lowering uses, one method each (or one per family:
//! the eight ALU operations, the five shifts and the SSE arithmetic share an
//! encoding and a table).

use super::asm::{Assembler, Label, Mem};
use super::reg::{Cond, Gpr, Xmm};
pub(crate) use crate::jit::Width;
use crate::jit::code_buffer::Assemble;

/// The eight classic ALU operations: the value is the `/n` of their
/// immediate forms and the eighth of their register forms' opcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Alu {
    Add = 0,
    Or = 1,
    Adc = 2,
    Sbb = 3,
    And = 4,
    Sub = 5,
    Xor = 6,
    Cmp = 7,
}

/// Shifts and rotates: the value is their `/n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Shift {
    Rol = 0,
    Ror = 1,
    Shl = 4,
    Shr = 5,
    Sar = 7,
}

/// Scalar SSE arithmetic: the value is the opcode after `0F` (with `F3`
/// for `f32`, `F2` for `f64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Sse {
    Sqrt = 0x51,
    Add = 0x58,
    Mul = 0x59,
    Sub = 0x5c,
    Min = 0x5d,
    Div = 0x5e,
    Max = 0x5f,
}

/// The legacy prefix of a scalar SSE instruction on `f64` (`F2`) or `f32`
/// (`F3`).
const fn scalar(double: bool) -> u8 {
    if double { 0xf2 } else { 0xf3 }
}

/// The prefix of a packed or comparison instruction on `f64` (`66`) or
/// `f32` (none).
const fn packed(double: bool) -> u8 {
    if double { 0x66 } else { 0 }
}

impl Assembler {
    // ---- moves ------------------------------------------------------------

    /// `mov dst, src`.
    pub(crate) fn mov_rr(&mut self, width: Width, dst: Gpr, src: Gpr) {
        self.op_rr(0, width.is_64(), &[0x89], src.num(), dst.num(), false);
    }

    /// `mov dst, imm` in the shortest form: a 32-bit move for a value that
    /// zero-extends, a sign-extended 32-bit immediate, or all 64 bits.
    pub(crate) fn mov_ri(&mut self, width: Width, dst: Gpr, imm: i64) {
        let value = match width {
            Width::W32 => imm as u32 as u64,
            Width::W64 => imm as u64,
        };
        if let Ok(v) = u32::try_from(value) {
            if dst.is_extended() {
                self.byte(0x41);
            }
            self.byte(0xb8 + dst.low());
            self.imm32(v as i32);
        } else if let Ok(v) = i32::try_from(value as i64) {
            self.op_rr(0, true, &[0xc7], 0, dst.num(), false);
            self.imm32(v);
        } else {
            self.byte(0x48 | dst.num() >> 3);
            self.byte(0xb8 + dst.low());
            self.bytes(&value.to_le_bytes());
        }
    }

    /// `mov dst, [mem]`.
    pub(crate) fn load(&mut self, width: Width, dst: Gpr, mem: Mem) {
        self.op_rm(0, width.is_64(), &[0x8b], dst.num(), mem, false);
    }

    /// `mov [mem], src`.
    pub(crate) fn store(&mut self, width: Width, mem: Mem, src: Gpr) {
        self.op_rm(0, width.is_64(), &[0x89], src.num(), mem, false);
    }

    /// `mov byte [mem], src`.
    pub(crate) fn store8(&mut self, mem: Mem, src: Gpr) {
        self.op_rm(0, false, &[0x88], src.num(), mem, true);
    }

    /// `mov word [mem], src`.
    pub(crate) fn store16(&mut self, mem: Mem, src: Gpr) {
        self.op_rm(0x66, false, &[0x89], src.num(), mem, false);
    }

    /// `mov [mem], imm` (a 64-bit store sign-extends the immediate).
    pub(crate) fn store_imm(&mut self, width: Width, mem: Mem, imm: i32) {
        self.op_rm(0, width.is_64(), &[0xc7], 0, mem, false);
        self.imm32(imm);
    }

    /// A narrow load, zero- or sign-extended: `movzx`/`movsx` of a byte or
    /// a word (`bits` 8 or 16), `movsxd` of a doubleword (`bits` 32,
    /// signed); the result is `width` wide.
    pub(crate) fn load_extend(&mut self, width: Width, dst: Gpr, mem: Mem, bits: u8, signed: bool) {
        let opcode: &[u8] = match (bits, signed) {
            (8, false) => &[0x0f, 0xb6],
            (16, false) => &[0x0f, 0xb7],
            (8, true) => &[0x0f, 0xbe],
            (16, true) => &[0x0f, 0xbf],
            _ => &[0x63],
        };
        self.op_rm(0, width.is_64(), opcode, dst.num(), mem, false);
    }

    /// `movzx dst32, src8`.
    pub(crate) fn movzx_r8(&mut self, dst: Gpr, src: Gpr) {
        self.op_rr(0, false, &[0x0f, 0xb6], dst.num(), src.num(), true);
    }

    /// `movsxd dst64, src32`, or `movsx` of the low byte or word of `src`
    /// (`bits` 8, 16 or 32) into `width`.
    pub(crate) fn sign_extend(&mut self, width: Width, dst: Gpr, src: Gpr, bits: u8) {
        let (opcode, byte): (&[u8], bool) = match bits {
            8 => (&[0x0f, 0xbe], true),
            16 => (&[0x0f, 0xbf], false),
            _ => (&[0x63], false),
        };
        self.op_rr(0, width.is_64(), opcode, dst.num(), src.num(), byte);
    }

    /// `lea dst, [mem]`.
    pub(crate) fn lea(&mut self, dst: Gpr, mem: Mem) {
        self.op_rm(0, true, &[0x8d], dst.num(), mem, false);
    }

    /// `lea dst, [rip + label]`: the address of `label`.
    pub(crate) fn lea_label(&mut self, dst: Gpr, label: Label) {
        self.byte(0x48 | (dst.num() >> 3) << 2);
        self.byte(0x8d);
        self.byte((dst.low() << 3) | 0b101);
        self.rel32(label);
    }

    /// `cmov<cond> dst, src`.
    pub(crate) fn cmov(&mut self, cond: Cond, width: Width, dst: Gpr, src: Gpr) {
        self.op_rr(
            0,
            width.is_64(),
            &[0x0f, 0x40 | cond as u8],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `set<cond> dst8` (the low byte only).
    pub(crate) fn setcc(&mut self, cond: Cond, dst: Gpr) {
        self.op_rr(0, false, &[0x0f, 0x90 | cond as u8], 0, dst.num(), true);
    }

    // ---- arithmetic -------------------------------------------------------

    /// `op dst, src`.
    pub(crate) fn alu_rr(&mut self, op: Alu, width: Width, dst: Gpr, src: Gpr) {
        self.op_rr(
            0,
            width.is_64(),
            &[(op as u8) << 3 | 1],
            src.num(),
            dst.num(),
            false,
        );
    }

    /// `op dst, imm` (an 8-bit immediate when it fits).
    pub(crate) fn alu_ri(&mut self, op: Alu, width: Width, dst: Gpr, imm: i32) {
        match i8::try_from(imm) {
            Ok(imm8) => {
                self.op_rr(0, width.is_64(), &[0x83], op as u8, dst.num(), false);
                self.byte(imm8 as u8);
            }
            Err(_) => {
                self.op_rr(0, width.is_64(), &[0x81], op as u8, dst.num(), false);
                self.imm32(imm);
            }
        }
    }

    /// `op dst, [mem]`.
    pub(crate) fn alu_rm(&mut self, op: Alu, width: Width, dst: Gpr, mem: Mem) {
        self.op_rm(
            0,
            width.is_64(),
            &[(op as u8) << 3 | 3],
            dst.num(),
            mem,
            false,
        );
    }

    /// `test a, b`.
    pub(crate) fn test_rr(&mut self, width: Width, a: Gpr, b: Gpr) {
        self.op_rr(0, width.is_64(), &[0x85], b.num(), a.num(), false);
    }

    /// `imul dst, src`.
    pub(crate) fn imul_rr(&mut self, width: Width, dst: Gpr, src: Gpr) {
        self.op_rr(0, width.is_64(), &[0x0f, 0xaf], dst.num(), src.num(), false);
    }

    /// `imul dst, src, imm`.
    pub(crate) fn imul_rri(&mut self, width: Width, dst: Gpr, src: Gpr, imm: i32) {
        match i8::try_from(imm) {
            Ok(imm8) => {
                self.op_rr(0, width.is_64(), &[0x6b], dst.num(), src.num(), false);
                self.byte(imm8 as u8);
            }
            Err(_) => {
                self.op_rr(0, width.is_64(), &[0x69], dst.num(), src.num(), false);
                self.imm32(imm);
            }
        }
    }

    /// `cdq` (32 bits) or `cqo` (64): sign-extends `rax` into `rdx`.
    pub(crate) fn sign_extend_rax(&mut self, width: Width) {
        if width.is_64() {
            self.byte(0x48);
        }
        self.byte(0x99);
    }

    /// `div src` or `idiv src`: `rdx:rax` by `src`, quotient in `rax`,
    /// remainder in `rdx`.
    pub(crate) fn div(&mut self, width: Width, signed: bool, src: Gpr) {
        self.op_rr(
            0,
            width.is_64(),
            &[0xf7],
            6 + signed as u8,
            src.num(),
            false,
        );
    }

    /// `mul src` or `imul src` (64-bit): `rdx:rax = rax * src`, the full
    /// 128-bit product.
    pub(crate) fn mul_wide(&mut self, signed: bool, src: Gpr) {
        self.op_rr(0, true, &[0xf7], 4 + signed as u8, src.num(), false);
    }

    /// `neg r`.
    pub(crate) fn neg(&mut self, width: Width, r: Gpr) {
        self.op_rr(0, width.is_64(), &[0xf7], 3, r.num(), false);
    }

    /// `not r`.
    pub(crate) fn not(&mut self, width: Width, r: Gpr) {
        self.op_rr(0, width.is_64(), &[0xf7], 2, r.num(), false);
    }

    /// `op r, cl`.
    pub(crate) fn shift_cl(&mut self, op: Shift, width: Width, r: Gpr) {
        self.op_rr(0, width.is_64(), &[0xd3], op as u8, r.num(), false);
    }

    /// `op r, imm`.
    pub(crate) fn shift_ri(&mut self, op: Shift, width: Width, r: Gpr, imm: u8) {
        self.op_rr(0, width.is_64(), &[0xc1], op as u8, r.num(), false);
        self.byte(imm);
    }

    /// `lzcnt`, `tzcnt` or `popcnt` (`opcode` `BD`, `BC`, `B8` after
    /// `F3 0F`); see [`Assembler::lzcnt`] and the others.
    fn bit_count(&mut self, opcode: u8, width: Width, dst: Gpr, src: Gpr) {
        self.op_rr(
            0xf3,
            width.is_64(),
            &[0x0f, opcode],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `lzcnt dst, src` (leading zeros; needs LZCNT).
    pub(crate) fn lzcnt(&mut self, width: Width, dst: Gpr, src: Gpr) {
        self.bit_count(0xbd, width, dst, src);
    }

    /// `tzcnt dst, src` (trailing zeros; needs BMI1).
    pub(crate) fn tzcnt(&mut self, width: Width, dst: Gpr, src: Gpr) {
        self.bit_count(0xbc, width, dst, src);
    }

    /// `popcnt dst, src` (needs POPCNT).
    pub(crate) fn popcnt(&mut self, width: Width, dst: Gpr, src: Gpr) {
        self.bit_count(0xb8, width, dst, src);
    }

    // ---- control ----------------------------------------------------------

    /// `jmp label`.
    pub(crate) fn jmp(&mut self, label: Label) {
        self.byte(0xe9);
        self.rel32(label);
    }

    /// `j<cond> label`.
    pub(crate) fn jcc(&mut self, cond: Cond, label: Label) {
        self.bytes(&[0x0f, 0x80 | cond as u8]);
        self.rel32(label);
    }

    /// `call label`.
    pub(crate) fn call_label(&mut self, label: Label) {
        self.byte(0xe8);
        self.rel32(label);
    }

    /// `call rel32` to code outside this buffer, which the caller patches:
    /// answers the instruction's offset (see `native::patch_call`).
    pub(crate) fn call_outside(&mut self) -> u32 {
        let at = self.offset();
        self.bytes(&[0xe8, 0, 0, 0, 0]);
        at
    }

    /// `jmp [mem]`.
    pub(crate) fn jmp_m(&mut self, mem: Mem) {
        self.op_rm(0, false, &[0xff], 4, mem, false);
    }

    /// `call r`.
    pub(crate) fn call_r(&mut self, r: Gpr) {
        self.op_rr(0, false, &[0xff], 2, r.num(), false);
    }

    /// `call [mem]`.
    pub(crate) fn call_m(&mut self, mem: Mem) {
        self.op_rm(0, false, &[0xff], 2, mem, false);
    }

    /// `jmp r`.
    pub(crate) fn jmp_r(&mut self, r: Gpr) {
        self.op_rr(0, false, &[0xff], 4, r.num(), false);
    }

    /// `ret`.
    pub(crate) fn ret(&mut self) {
        self.byte(0xc3);
    }

    /// `push r`.
    pub(crate) fn push(&mut self, r: Gpr) {
        if r.is_extended() {
            self.byte(0x41);
        }
        self.byte(0x50 + r.low());
    }

    /// `pop r`.
    pub(crate) fn pop(&mut self, r: Gpr) {
        if r.is_extended() {
            self.byte(0x41);
        }
        self.byte(0x58 + r.low());
    }

    /// `push qword [mem]`.
    pub(crate) fn push_m(&mut self, mem: Mem) {
        self.op_rm(0, false, &[0xff], 6, mem, false);
    }

    /// `pop qword [mem]`.
    pub(crate) fn pop_m(&mut self, mem: Mem) {
        self.op_rm(0, false, &[0x8f], 0, mem, false);
    }

    /// `push imm` (sign-extended to 64 bits; the short form for a byte).
    pub(crate) fn push_imm(&mut self, imm: i32) {
        match i8::try_from(imm) {
            Ok(byte) => self.bytes(&[0x6a, byte as u8]),
            Err(_) => {
                self.byte(0x68);
                self.imm32(imm);
            }
        }
    }

    /// `ud2`: the instruction a trap site raises `SIGILL` with.
    pub(crate) fn ud2(&mut self) {
        self.bytes(&[0x0f, 0x0b]);
    }

    // ---- SSE --------------------------------------------------------------

    /// Scalar `op` (`addsd`, `sqrtss`, ...): `dst = dst op src` (`sqrt`:
    /// `dst = sqrt src`).
    pub(crate) fn sse(&mut self, op: Sse, double: bool, dst: Xmm, src: Xmm) {
        self.op_rr(
            scalar(double),
            false,
            &[0x0f, op as u8],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `movsd`/`movss dst, [mem]`.
    pub(crate) fn load_float(&mut self, double: bool, dst: Xmm, mem: Mem) {
        self.op_rm(scalar(double), false, &[0x0f, 0x10], dst.num(), mem, false);
    }

    /// `movsd`/`movss [mem], src`.
    pub(crate) fn store_float(&mut self, double: bool, mem: Mem, src: Xmm) {
        self.op_rm(scalar(double), false, &[0x0f, 0x11], src.num(), mem, false);
    }

    /// `movaps dst, src` (a whole-register copy).
    pub(crate) fn mov_xx(&mut self, dst: Xmm, src: Xmm) {
        self.op_rr(0, false, &[0x0f, 0x28], dst.num(), src.num(), false);
    }

    /// `movd`/`movq dst, src`: general register to SSE register.
    pub(crate) fn mov_xr(&mut self, width: Width, dst: Xmm, src: Gpr) {
        self.op_rr(
            0x66,
            width.is_64(),
            &[0x0f, 0x6e],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `movd`/`movq dst, src`: SSE register to general register.
    pub(crate) fn mov_rx(&mut self, width: Width, dst: Gpr, src: Xmm) {
        self.op_rr(
            0x66,
            width.is_64(),
            &[0x0f, 0x7e],
            src.num(),
            dst.num(),
            false,
        );
    }

    /// `ucomisd`/`ucomiss a, b` (unordered: sets the parity flag).
    pub(crate) fn ucomis(&mut self, double: bool, a: Xmm, b: Xmm) {
        self.op_rr(
            packed(double),
            false,
            &[0x0f, 0x2e],
            a.num(),
            b.num(),
            false,
        );
    }

    /// `andpd`/`andps`, `orpd`/`orps` or `xorpd`/`xorps` (`opcode` `54`,
    /// `56`, `57`): the bitwise operations that sign manipulation uses.
    pub(crate) fn sse_bitwise(&mut self, opcode: u8, double: bool, dst: Xmm, src: Xmm) {
        self.op_rr(
            packed(double),
            false,
            &[0x0f, opcode],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `cvtsi2sd`/`cvtsi2ss dst, src` (a `width`-bit signed integer).
    pub(crate) fn int_to_float(&mut self, double: bool, width: Width, dst: Xmm, src: Gpr) {
        self.op_rr(
            scalar(double),
            width.is_64(),
            &[0x0f, 0x2a],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `cvttsd2si`/`cvttss2si dst, src` (truncating, `width`-bit signed).
    pub(crate) fn float_to_int(&mut self, double: bool, width: Width, dst: Gpr, src: Xmm) {
        self.op_rr(
            scalar(double),
            width.is_64(),
            &[0x0f, 0x2c],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `cvtss2sd` (`to_double`) or `cvtsd2ss dst, src`.
    pub(crate) fn float_convert(&mut self, to_double: bool, dst: Xmm, src: Xmm) {
        self.op_rr(
            scalar(!to_double),
            false,
            &[0x0f, 0x5a],
            dst.num(),
            src.num(),
            false,
        );
    }

    /// `roundsd`/`roundss dst, src, mode` (SSE4.1; `mode` 0 nearest even,
    /// 1 down, 2 up, 3 toward zero; `| 8` suppresses the inexact
    /// exception).
    pub(crate) fn round(&mut self, double: bool, dst: Xmm, src: Xmm, mode: u8) {
        let opcode = if double { 0x0b } else { 0x0a };
        self.op_rr(
            0x66,
            false,
            &[0x0f, 0x3a, opcode],
            dst.num(),
            src.num(),
            false,
        );
        self.byte(mode);
    }
}
