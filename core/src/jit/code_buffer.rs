//! What every architecture's assembler shares: the bytes written so far,
//! labels (positions jumps refer to before they are known), and jump-table
//! entries, 32-bit offsets between two labels patched once both are bound.
//! Each assembler adds its own instruction encodings and its own kinds of
//! label references (x86_64's 32-bit displacements, aarch64's branch
//! immediates), and reaches the buffer through [`Assemble`].

use alloc::vec::Vec;

/// A position in the code that jumps can target before it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Label(u32);

/// Machine code being written: bytes, labels and jump-table entries.
#[derive(Debug, Default)]
pub(crate) struct CodeBuffer {
    code: Vec<u8>,
    /// Each label's offset, once bound.
    labels: Vec<Option<u32>>,
    /// Jump-table entries to patch: where they are, their target label,
    /// and the label of the table they are relative to.
    entries: Vec<(u32, Label, Label)>,
}

impl CodeBuffer {
    /// Appends `bytes`.
    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        self.code.extend_from_slice(bytes);
    }

    /// The four bytes at `at`.
    pub(crate) fn word_at(&self, at: u32) -> [u8; 4] {
        let at = at as usize;
        [
            self.code[at],
            self.code[at + 1],
            self.code[at + 2],
            self.code[at + 3],
        ]
    }

    /// Overwrites the four bytes at `at`.
    pub(crate) fn set_word_at(&mut self, at: u32, word: [u8; 4]) {
        let at = at as usize;
        self.code[at..at + 4].copy_from_slice(&word);
    }

    /// The finished code, every jump-table entry patched; `None` if an
    /// entry refers to a label that was never bound. The assembler patches
    /// its own label references before.
    pub(crate) fn finish(mut self) -> Option<Vec<u8>> {
        for k in 0..self.entries.len() {
            let (at, target, table) = self.entries[k];
            let offset = self.bound(target)? as i64 - self.bound(table)? as i64;
            self.set_word_at(at, (offset as i32).to_le_bytes());
        }
        Some(self.code)
    }

    /// The offset `label` is bound to, if it is.
    pub(crate) fn bound(&self, label: Label) -> Option<u32> {
        self.labels[label.0 as usize]
    }
}

/// An assembler: its [`CodeBuffer`], and through it the offset, labels and
/// jump-table entries every architecture's code uses alike.
pub(crate) trait Assemble {
    /// The buffer.
    fn buffer(&self) -> &CodeBuffer;
    /// The buffer, to write.
    fn buffer_mut(&mut self) -> &mut CodeBuffer;

    /// The current offset.
    fn offset(&self) -> u32 {
        self.buffer().code.len() as u32
    }

    /// A new, unbound label.
    fn label(&mut self) -> Label {
        let labels = &mut self.buffer_mut().labels;
        labels.push(None);
        Label(labels.len() as u32 - 1)
    }

    /// Binds `label` to the current offset.
    fn bind(&mut self, label: Label) {
        let offset = self.offset();
        let slot = &mut self.buffer_mut().labels[label.0 as usize];
        debug_assert!(slot.is_none(), "label bound twice");
        *slot = Some(offset);
    }

    /// The offset `label` is bound to, if it is.
    fn bound(&self, label: Label) -> Option<u32> {
        self.buffer().bound(label)
    }

    /// A jump-table entry: `target`'s offset from `table`'s, a signed
    /// 32-bit word patched when the code is finished.
    fn table_entry(&mut self, target: Label, table: Label) {
        let at = self.offset();
        let buffer = self.buffer_mut();
        buffer.entries.push((at, target, table));
        buffer.extend(&[0; 4]);
    }
}
