//! The handler table as the translator builds it (see `exceptions.rs` for
//! the instructions that fill it, and `ir/handler_table.rs` for what it
//! means), and what every block's `end` does with it.

use super::{CtrlKind, FuncTranslator};
use crate::ir::{Catch, HandlerRange, Instr, NO_HANDLER, Op};
use alloc::vec::Vec;

/// The handler table being built for one function.
#[derive(Debug)]
pub(crate) struct Handlers {
    pub(super) ranges: Vec<HandlerRange>,
    pub(super) catches: Vec<Catch>,
    /// The innermost range whose body is being translated.
    pub(super) active: u32,
    /// Clauses whose label is the function's: they land on a `return`
    /// placed at the end, and their slots are the result slots, which
    /// relocation leaves alone.
    pub(super) to_return: Vec<u32>,
}

impl Default for Handlers {
    fn default() -> Self {
        Self {
            ranges: Vec::new(),
            catches: Vec::new(),
            active: NO_HANDLER,
            to_return: Vec::new(),
        }
    }
}

impl Handlers {
    #[cfg_attr(not(feature = "exceptions"), allow(dead_code))]
    /// Opens a range at `pc` whose clauses are `catches[first..first + n]`
    /// and makes it the active one; returns its index.
    pub(super) fn open(&mut self, pc: usize, first: usize, n: usize) -> u32 {
        let k = self.ranges.len() as u32;
        self.ranges.push(HandlerRange {
            start: pc as u32,
            end: pc as u32,
            outer: self.active,
            first_catch: first as u32,
            num_catches: n as u32,
        });
        self.active = k;
        k
    }

    /// Sets the target of clauses `clauses` (landing at a label's end).
    pub(super) fn land(&mut self, clauses: &[u32], pc: usize) {
        if !cfg!(feature = "exceptions") {
            return;
        }
        for &k in clauses {
            self.catches[k as usize].target = pc as u32;
        }
    }

    /// Applies `map` to every clause slot that relocation moves.
    pub(super) fn relocate(&mut self, map: impl Fn(&mut u16)) {
        if !cfg!(feature = "exceptions") {
            return;
        }
        for (k, c) in self.catches.iter_mut().enumerate() {
            if self.to_return.contains(&(k as u32)) {
                continue;
            }
            map(&mut c.payload_at);
            if let Some(slot) = &mut c.exnref_at {
                map(slot);
            }
        }
    }

    /// The finished table, leaving this one empty.
    pub(super) fn take(
        &mut self,
    ) -> (
        alloc::boxed::Box<[HandlerRange]>,
        alloc::boxed::Box<[Catch]>,
    ) {
        if !cfg!(feature = "exceptions") {
            return Default::default();
        }
        self.to_return.clear();
        self.active = NO_HANDLER;
        (
            core::mem::take(&mut self.ranges).into(),
            core::mem::take(&mut self.catches).into(),
        )
    }
}

/// What `end` needs whether or not exception handling is built in.
impl FuncTranslator<'_> {
    /// At the end of the function: the `return` that clauses targeting the
    /// function's label land on (their payload is already in the result
    /// slots).
    pub(super) fn place_return_for_catches(&mut self) {
        if !cfg!(feature = "exceptions") || self.handlers.to_return.is_empty() {
            return;
        }
        let pc = self.emit(Instr::new(Op::Return0, 0, 0, 0));
        let clauses = core::mem::take(&mut self.handlers.to_return);
        self.handlers.land(&clauses, pc);
        self.handlers.to_return = clauses;
    }

    /// Closes what a block opened for exception handling when its body
    /// ends (`end`, or a legacy `try`'s first clause): the range's end, the
    /// active range, and a legacy `try`'s clauses, now known.
    pub(super) fn close_handler(&mut self, ctrl: &mut super::Ctrl) {
        if !cfg!(feature = "exceptions") {
            return;
        }
        match ctrl.kind {
            CtrlKind::TryTable | CtrlKind::Try => {
                let range = &mut self.handlers.ranges[ctrl.handler as usize];
                range.end = self.code.len() as u32;
                self.handlers.active = ctrl.enclosing_handler;
            }
            CtrlKind::Catch => {
                let range = &mut self.handlers.ranges[ctrl.handler as usize];
                range.first_catch = self.handlers.catches.len() as u32;
                range.num_catches = ctrl.legacy_catches.len() as u32;
                self.handlers.catches.append(&mut ctrl.legacy_catches);
            }
            _ => {}
        }
    }
}
