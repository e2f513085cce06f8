//! The branch-hinting proposal's `metadata.code.branch_hint` custom section.
//!
//! Hints do not change what a module does, and wisp does not use them, but a
//! module whose hint section breaks the proposal's rules is refused like any
//! other malformed module: one section, before the code section; function
//! indices strictly increasing and naming defined functions; in each
//! function, hint offsets (from the start of the function's body, its local
//! declarations included) strictly increasing, each the start of an `if` or
//! a `br_if`; hint size 1 and value 0 or 1 (those two wasmparser's section
//! reader checks).
//!
//! [`BranchHints::read`] reads the section; the offsets are checked while
//! the bodies are translated ([`crate::translate`] decodes every operator
//! anyway), so the check needs no second operator decoder and a module
//! without hints costs nothing.

use crate::error::Error;
use alloc::{format, vec::Vec};
use wasmparser::{BinaryReader, BranchHintSectionReader, CustomSectionReader};

/// The name of the custom section.
pub(super) const SECTION: &str = "metadata.code.branch_hint";

/// Every function's hint offsets, by ascending function index.
#[derive(Debug, Default)]
pub(super) struct BranchHints {
    /// `(function index, offsets from the body's start)`, both ascending.
    funcs: Vec<(u32, Vec<u32>)>,
    /// The byte offset of the section in the module, for errors found later.
    at: usize,
}

impl BranchHints {
    /// Reads `section`, checking its order and encoding.
    pub(super) fn read(section: &CustomSectionReader<'_>) -> Result<Self, Error> {
        let reader = BinaryReader::new(section.data(), section.data_offset());
        let entries = BranchHintSectionReader::new(reader).map_err(reader_error)?;
        let mut funcs: Vec<(u32, Vec<u32>)> = Vec::new();
        for entry in entries.into_iter_with_offsets() {
            let (offset, func) = entry.map_err(reader_error)?;
            if funcs.last().is_some_and(|&(f, _)| func.func <= f) {
                return Err(error(
                    &format!("function {} out of order", func.func),
                    offset,
                ));
            }
            let mut offsets = Vec::new();
            for hint in func.hints.into_iter_with_offsets() {
                let (offset, hint) = hint.map_err(reader_error)?;
                if offsets.last().is_some_and(|&o| hint.func_offset <= o) {
                    return Err(error(
                        &format!(
                            "function {}: hint offset {} out of order",
                            func.func, hint.func_offset
                        ),
                        offset,
                    ));
                }
                offsets.push(hint.func_offset);
            }
            funcs.push((func.func, offsets));
        }
        Ok(Self {
            funcs,
            at: section.data_offset() as usize,
        })
    }

    /// The hint offsets of function `func` (none for most).
    pub(super) fn of(&self, func: u32) -> &[u32] {
        match self.funcs.binary_search_by_key(&func, |&(f, _)| f) {
            Ok(k) => &self.funcs[k].1,
            Err(_) => &[],
        }
    }

    /// Checks, once every body is translated, that each hinted function is
    /// one: defined functions are `first_defined..end`.
    pub(super) fn check_functions(&self, first_defined: u32, end: u32) -> Result<(), Error> {
        match self
            .funcs
            .iter()
            .find(|&&(f, _)| f < first_defined || f >= end)
        {
            Some((f, _)) => Err(error(
                &format!("function {f} is not a defined function"),
                self.at as u64,
            )),
            None => Ok(()),
        }
    }
}

/// The error for a hint of function `func` at body offset `hint` that does
/// not name an `if` or `br_if` (`at`: the body's byte offset).
pub(crate) fn not_a_branch(func: u32, hint: u32, at: usize) -> Error {
    error(
        &format!("function {func}: hint offset {hint} is not the start of an `if` or `br_if`"),
        at as u64,
    )
}

/// An error about the section at byte `offset` of the module.
pub(super) fn error(message: &str, offset: u64) -> Error {
    Error::compile(format!("{SECTION} section: {message}"), offset as usize)
}

/// An error wasmparser's section reader reported.
fn reader_error(e: wasmparser::BinaryReaderError) -> Error {
    error(e.message(), e.offset())
}
