//! A function's exception handlers: the side table the engine unwinds with.
//!
//! Every `try_table` body and every legacy `try` body is one
//! [`HandlerRange`]: the instructions it covers, its catch clauses
//! ([`Catch`]), and the range an exception that none of them catches goes
//! to next (the enclosing body's, or, after `delegate`, the one of the
//! label it names). An exception thrown at pc `p` — by `throw`, `throw_ref`,
//! `rethrow`, or a call that throws — is looked for in the innermost range
//! covering `p`, then along the `outer` chain; when none catches it, the
//! frame is popped and the search goes on at the caller's call.
//!
//! A catch clause says where the exception's values go (frame slots) and
//! where execution goes on. For a `try_table` clause that is the branch to
//! its label: the payload lands in the label's home slots (slot 0 on for the
//! function's label, whose target is a `return`), then a jump. For a legacy
//! `catch`, the payload lands where the catch block's operand stack starts,
//! and the exception itself in a slot `rethrow` reads.

/// No range (the end of an `outer` chain).
pub const NO_HANDLER: u32 = u32::MAX;
/// A catch clause for every tag (`catch_all`, `catch_all_ref`).
pub const ANY_TAG: u32 = u32::MAX;

/// One region of code whose exceptions one list of catch clauses sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlerRange {
    /// First pc covered.
    pub start: u32,
    /// One past the last pc covered.
    pub end: u32,
    /// The range tried when no clause here matches ([`NO_HANDLER`]: leave
    /// the function).
    pub outer: u32,
    /// The clauses, in order: `catches[first_catch .. first_catch + num_catches]`.
    pub first_catch: u32,
    /// How many clauses.
    pub num_catches: u32,
}

/// One catch clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Catch {
    /// The module's tag index it catches, or [`ANY_TAG`].
    pub tag: u32,
    /// The first slot the payload values are written to (consecutive; a
    /// `v128` in two).
    pub payload_at: u16,
    /// The slot the exception reference is written to, if the clause
    /// keeps one.
    pub exnref_at: Option<u16>,
    /// Where execution goes on.
    pub target: u32,
}

/// The innermost of `ranges` covering `pc`: the one starting last (ranges
/// nest; of two starting at the same pc, the later one is inside).
pub fn innermost(ranges: &[HandlerRange], pc: u32) -> Option<u32> {
    let mut best: Option<(u32, u32)> = None;
    for (k, r) in ranges.iter().enumerate() {
        if r.start <= pc && pc < r.end && best.is_none_or(|(start, _)| r.start >= start) {
            best = Some((r.start, k as u32));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: u32, end: u32) -> HandlerRange {
        HandlerRange {
            start,
            end,
            outer: NO_HANDLER,
            first_catch: 0,
            num_catches: 0,
        }
    }

    #[test]
    fn the_innermost_range_wins() {
        let ranges = [range(0, 10), range(2, 5), range(2, 4), range(6, 8)];
        assert_eq!(innermost(&ranges, 0), Some(0));
        assert_eq!(innermost(&ranges, 3), Some(2));
        assert_eq!(innermost(&ranges, 4), Some(1));
        assert_eq!(innermost(&ranges, 7), Some(3));
        assert_eq!(innermost(&ranges, 9), Some(0));
        assert_eq!(innermost(&ranges, 10), None);
    }
}
