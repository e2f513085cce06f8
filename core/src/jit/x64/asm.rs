//! The assembler's byte buffer, labels, and the encoding of operands: REX
//! prefixes, ModRM and SIB bytes, displacements. Instructions are in
//! `insn.rs`.

use super::reg::Gpr;
pub(crate) use crate::jit::code_buffer::Label;
use crate::jit::code_buffer::{Assemble, CodeBuffer};
use alloc::vec::Vec;

/// A memory operand: `[base + index * 2^scale + disp]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mem {
    pub base: Gpr,
    /// The index register and the log2 of its scale (0–3); never `rsp`.
    pub index: Option<(Gpr, u8)>,
    pub disp: i32,
}

impl Mem {
    /// `[base + disp]`.
    pub(crate) const fn base(base: Gpr, disp: i32) -> Self {
        Self {
            base,
            index: None,
            disp,
        }
    }

    /// `[base + index + disp]` (scale 1).
    pub(crate) const fn indexed(base: Gpr, index: Gpr, disp: i32) -> Self {
        Self {
            base,
            index: Some((index, 0)),
            disp,
        }
    }
}

/// Machine code being written: bytes, and the labels jumps refer to.
#[derive(Debug, Default)]
pub(crate) struct Assembler {
    buffer: CodeBuffer,
    /// 32-bit displacements to patch: where they are, and their label.
    fixups: Vec<(u32, Label)>,
}

impl Assemble for Assembler {
    fn buffer(&self) -> &CodeBuffer {
        &self.buffer
    }

    fn buffer_mut(&mut self) -> &mut CodeBuffer {
        &mut self.buffer
    }
}

impl Assembler {
    /// An empty assembler.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The finished code, every jump patched; `None` if a jump targets a
    /// label that was never bound.
    pub(crate) fn finish(mut self) -> Option<Vec<u8>> {
        for &(at, label) in &self.fixups {
            let target = self.buffer.bound(label)?;
            // Relative to the end of the displacement.
            let rel = target as i64 - (at as i64 + 4);
            self.buffer.set_word_at(at, (rel as i32).to_le_bytes());
        }
        self.buffer.finish()
    }

    // ---- bytes ------------------------------------------------------------

    pub(super) fn byte(&mut self, b: u8) {
        self.buffer.extend(&[b]);
    }

    pub(super) fn bytes(&mut self, b: &[u8]) {
        self.buffer.extend(b);
    }

    pub(super) fn imm32(&mut self, v: i32) {
        self.bytes(&v.to_le_bytes());
    }

    /// A 32-bit displacement to `label`, patched by [`Assembler::finish`].
    pub(super) fn rel32(&mut self, label: Label) {
        let at = self.offset();
        self.fixups.push((at, label));
        self.imm32(0);
    }

    // ---- operands ---------------------------------------------------------

    /// A REX prefix for operand size `w`, ModRM.reg `reg`, SIB.index
    /// `index` and ModRM.rm or SIB.base `base` (hardware numbers), if one is
    /// needed (or `force`d: byte registers `spl`–`dil`).
    fn rex(&mut self, w: bool, reg: u8, index: u8, base: u8, force: bool) {
        let rex = 0x40 | (w as u8) << 3 | (reg >> 3) << 2 | (index >> 3) << 1 | base >> 3;
        if rex != 0x40 || force {
            self.byte(rex);
        }
    }

    /// An instruction with a register operand `reg` (ModRM.reg, or an
    /// opcode extension `/n`) and a register `rm`: optional legacy
    /// `prefix` (0 for none), REX, `opcode`, ModRM. `byte_regs`: the
    /// operands are byte registers (`sil` and the like need a REX).
    pub(super) fn op_rr(
        &mut self,
        prefix: u8,
        w: bool,
        opcode: &[u8],
        reg: u8,
        rm: u8,
        byte_regs: bool,
    ) {
        if prefix != 0 {
            self.byte(prefix);
        }
        let force = byte_regs && ((4..8).contains(&reg) || (4..8).contains(&rm));
        self.rex(w, reg, 0, rm, force);
        self.bytes(opcode);
        self.byte(0xc0 | (reg & 7) << 3 | (rm & 7));
    }

    /// An instruction with a register operand `reg` and a memory operand.
    pub(super) fn op_rm(
        &mut self,
        prefix: u8,
        w: bool,
        opcode: &[u8],
        reg: u8,
        mem: Mem,
        byte_reg: bool,
    ) {
        if prefix != 0 {
            self.byte(prefix);
        }
        let index = mem.index.map_or(0, |(i, _)| i.num());
        let force = byte_reg && (4..8).contains(&reg);
        self.rex(w, reg, index, mem.base.num(), force);
        self.bytes(opcode);
        self.modrm_mem(reg, mem);
    }

    /// ModRM (and SIB, displacement) for `reg` and memory operand `mem`.
    fn modrm_mem(&mut self, reg: u8, mem: Mem) {
        let reg = (reg & 7) << 3;
        // `rbp`/`r13` as a base have no displacement-free form.
        let mode = if mem.disp == 0 && mem.base.low() != Gpr::Rbp.low() {
            0x00
        } else if i8::try_from(mem.disp).is_ok() {
            0x40
        } else {
            0x80
        };
        match mem.index {
            // `rsp`/`r12` as a base need a SIB byte (with no index).
            None if mem.base.low() != Gpr::Rsp.low() => self.byte(mode | reg | mem.base.low()),
            None => {
                self.byte(mode | reg | 0b100);
                self.byte(0b00_100_000 | mem.base.low());
            }
            Some((index, scale)) => {
                debug_assert!(index != Gpr::Rsp, "rsp cannot be an index");
                self.byte(mode | reg | 0b100);
                self.byte((scale & 3) << 6 | index.low() << 3 | mem.base.low());
            }
        }
        match mode {
            0x40 => self.byte(mem.disp as i8 as u8),
            0x80 => self.imm32(mem.disp),
            _ => {}
        }
    }
}
