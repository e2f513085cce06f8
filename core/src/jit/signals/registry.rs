//! The tables the signal handler reads: fixed arrays of slots of atomic
//! words, which registrations claim and give back without locks or
//! allocation, and which a handler reads without ever waiting.
//!
//! # The protocol
//!
//! Each slot has a sequence word and four data words. An even sequence
//! means nobody writes the slot; an odd one, that its owner is writing it.
//! A slot is live when its second data word (a range's end) is not zero,
//! free when it is.
//!
//! * Claiming: a writer reads an even sequence `s` and, after it, a zero
//!   end; then swaps the sequence from `s` to `s + 1`. The swap fails if
//!   anyone wrote the slot since `s`, so one writer at most wins a free
//!   slot. It writes the data words, then publishes the sequence `s + 2`
//!   (release).
//! * Giving back: only the owner of a live slot does, by moving the
//!   sequence to odd, zeroing the words, then publishing the next even
//!   sequence. No claimer can interfere: a live slot never looks free under
//!   an even sequence.
//! * Reading (the handler): a seqlock read. Load the sequence (acquire),
//!   skip the slot if odd, load the words, fence (acquire), and use them
//!   only if the sequence is unchanged. A writer's release fence after its
//!   odd sequence means any word a reader sees from a write in progress
//!   comes with a changed sequence, so a torn slot is never used. A reader
//!   skips a slot in flux instead of retrying: the slot that matters to a
//!   fault (the code the faulting thread runs, the guard of a memory it
//!   accesses) is registered before that code runs and given back only
//!   after it stops, so it is never in flux at the fault.
//!
//! Sequences only grow, so a swap can never succeed on a stale value.

use core::sync::atomic::{AtomicUsize, Ordering, fence};

/// The data words of one registration: a range `[start, end)` (end not
/// zero) and two words of the table's own meaning.
pub(super) type Words = [usize; 4];

/// One registration's place in a [`Table`].
struct Slot {
    /// Odd while the owner writes the words; see the module documentation.
    seq: AtomicUsize,
    /// The registration: `[start, end, ..]`, all zero when the slot is free.
    words: [AtomicUsize; 4],
}

impl Slot {
    /// A free slot.
    const fn new() -> Self {
        Self {
            seq: AtomicUsize::new(0),
            words: [const { AtomicUsize::new(0) }; 4],
        }
    }
}

/// A fixed-capacity table of `N` registrations.
pub(super) struct Table<const N: usize> {
    slots: [Slot; N],
    /// One past the highest slot ever claimed: readers look no further.
    used: AtomicUsize,
}

impl<const N: usize> Table<N> {
    /// An empty table.
    pub(super) const fn new() -> Self {
        Self {
            slots: [const { Slot::new() }; N],
            used: AtomicUsize::new(0),
        }
    }

    /// Claims a free slot and publishes `words` in it (`words[1]`, the end
    /// of the range, is not zero); the slot's index, or `None` when every
    /// slot is taken.
    pub(super) fn insert(&self, words: Words) -> Option<usize> {
        debug_assert_ne!(words[1], 0, "a live slot's end is not zero");
        for (index, slot) in self.slots.iter().enumerate() {
            let seq = slot.seq.load(Ordering::Acquire);
            if seq & 1 != 0 || slot.words[1].load(Ordering::Relaxed) != 0 {
                continue;
            }
            let claimed =
                slot.seq
                    .compare_exchange(seq, seq + 1, Ordering::Acquire, Ordering::Relaxed);
            if claimed.is_err() {
                continue;
            }
            fence(Ordering::Release);
            for (word, value) in slot.words.iter().zip(words) {
                word.store(value, Ordering::Relaxed);
            }
            self.used.fetch_max(index + 1, Ordering::Release);
            slot.seq.store(seq + 2, Ordering::Release);
            return Some(index);
        }
        None
    }

    /// Frees slot `index`, which [`insert`](Self::insert) returned and
    /// which has not been freed since.
    pub(super) fn remove(&self, index: usize) {
        let Some(slot) = self.slots.get(index) else {
            return;
        };
        let seq = slot.seq.fetch_add(1, Ordering::Acquire);
        debug_assert_eq!(seq & 1, 0, "only the owner writes a live slot");
        fence(Ordering::Release);
        for word in &slot.words {
            word.store(0, Ordering::Relaxed);
        }
        slot.seq.store(seq + 2, Ordering::Release);
    }

    /// The first `Some` that `f` returns for the words of a live slot
    /// whose range contains `addr`, read consistently (slots being written
    /// are skipped). Async-signal-safe: loads only, never waits.
    pub(super) fn find<R>(&self, addr: usize, mut f: impl FnMut(Words) -> Option<R>) -> Option<R> {
        let used = self.used.load(Ordering::Acquire);
        for slot in self.slots.iter().take(used) {
            let seq = slot.seq.load(Ordering::Acquire);
            if seq & 1 != 0 {
                continue;
            }
            let [a, b, c, d] = &slot.words;
            let words = [a, b, c, d].map(|word| word.load(Ordering::Relaxed));
            fence(Ordering::Acquire);
            if slot.seq.load(Ordering::Relaxed) != seq {
                continue;
            }
            if (words[0]..words[1]).contains(&addr) {
                if let Some(found) = f(words) {
                    return Some(found);
                }
            }
        }
        None
    }
}
