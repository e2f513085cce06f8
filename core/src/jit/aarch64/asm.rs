//! The assembler's buffer of 32-bit instruction words (little-endian),
//! labels, and the fixups that patch branch offsets once labels are bound.
//! Instructions are in `insn.rs`, `insn_mem.rs` and `insn_fp.rs`.

pub(crate) use crate::jit::code_buffer::Label;
use crate::jit::code_buffer::{Assemble, CodeBuffer};
use alloc::vec::Vec;

/// The offset field of an instruction that refers to a label; offsets are
/// from the instruction itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixup {
    /// `b`, `bl`: a word offset in bits 25–0 (±128 MiB).
    Imm26,
    /// `b.cond`, `cbz`, `cbnz`, `ldr` literal: a word offset in bits 23–5
    /// (±1 MiB).
    Imm19,
    /// `tbz`, `tbnz`: a word offset in bits 18–5 (±32 KiB).
    Imm14,
    /// `adr`: a byte offset, its low two bits in bits 30–29 and the rest in
    /// bits 23–5 (±1 MiB).
    Adr21,
}

impl Fixup {
    /// The instruction word with `offset` (bytes, a multiple of 4 but for
    /// [`Fixup::Adr21`]) in its field, or `None` if it does not fit.
    fn patch(self, word: u32, offset: i64) -> Option<u32> {
        /// `value` as a `bits`-bit two's-complement field, if it fits.
        fn field(value: i64, bits: u32) -> Option<u32> {
            let limit = 1i64 << (bits - 1);
            (-limit..limit)
                .contains(&value)
                .then_some((value as u32) & ((1 << bits) - 1))
        }
        match self {
            Fixup::Imm26 => Some(word | field(offset >> 2, 26)?),
            Fixup::Imm19 => Some(word | field(offset >> 2, 19)? << 5),
            Fixup::Imm14 => Some(word | field(offset >> 2, 14)? << 5),
            Fixup::Adr21 => {
                let imm = field(offset, 21)?;
                Some(word | (imm & 3) << 29 | (imm >> 2) << 5)
            }
        }
    }
}

/// Machine code being written: instruction words, and the labels branches
/// refer to.
#[derive(Debug, Default)]
pub(crate) struct Assembler {
    buffer: CodeBuffer,
    /// Label references to patch: the instruction's offset, its label and
    /// the kind of field.
    fixups: Vec<(u32, Label, Fixup)>,
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

    /// The finished code, every label reference patched; `None` if one
    /// refers to a label that was never bound, or to one its field cannot
    /// reach (a lowering then needs a longer form, such as a `b` over a
    /// `b.cond`).
    pub(crate) fn finish(mut self) -> Option<Vec<u8>> {
        for &(at, label, fixup) in &self.fixups {
            let target = self.buffer.bound(label)?;
            let offset = target as i64 - at as i64;
            let word = u32::from_le_bytes(self.buffer.word_at(at));
            let word = fixup.patch(word, offset)?;
            self.buffer.set_word_at(at, word.to_le_bytes());
        }
        self.buffer.finish()
    }

    /// A raw 32-bit word: an instruction this assembler has no method for,
    /// or data.
    pub(crate) fn word(&mut self, word: u32) {
        self.buffer.extend(&word.to_le_bytes());
    }

    /// An instruction `word` whose `fixup` field refers to `label`, patched
    /// by [`Assembler::finish`].
    pub(super) fn word_to_label(&mut self, word: u32, label: Label, fixup: Fixup) {
        let at = self.offset();
        self.fixups.push((at, label, fixup));
        self.word(word);
    }
}

#[cfg(test)]
mod tests {
    use super::Fixup;

    #[test]
    fn fields_take_offsets_up_to_their_range() {
        // Words as `llvm-mc` encodes `b`, `bl` and `adr` with these offsets.
        let b = 0x1400_0000;
        assert_eq!(
            Fixup::Imm26.patch(b, 134_217_724),
            Some(0x15ff_ffff),
            "b #134217724"
        );
        assert_eq!(Fixup::Imm26.patch(b, 134_217_728), None);
        assert_eq!(
            Fixup::Imm26.patch(0x9400_0000, -134_217_728),
            Some(0x9600_0000),
            "bl #-134217728"
        );
        assert_eq!(Fixup::Imm26.patch(b, -134_217_732), None);
        let adr = 0x1000_0000; // adr x0
        assert_eq!(
            Fixup::Adr21.patch(adr, -1_048_576),
            Some(0x1080_0000),
            "adr x0, #-1048576"
        );
        assert_eq!(
            Fixup::Adr21.patch(adr, 1_048_575),
            Some(0x707f_ffe0),
            "adr x0, #1048575"
        );
        assert_eq!(
            Fixup::Adr21.patch(adr, -1),
            Some(0x70ff_ffe0),
            "adr x0, #-1"
        );
        assert_eq!(Fixup::Adr21.patch(adr, 3), Some(0x7000_0000), "adr x0, #3");
        assert_eq!(Fixup::Adr21.patch(adr, 1_048_576), None);
        assert_eq!(Fixup::Adr21.patch(adr, -1_048_577), None);
        assert_eq!(Fixup::Imm19.patch(0x5400_0000, 1_048_576), None);
        assert_eq!(Fixup::Imm14.patch(0x3600_0000, -32_772), None);
    }
}
