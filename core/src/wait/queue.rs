//! The threads waiting in `memory.atomic.wait` on one shared memory.

use super::Futex;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, Ordering};
use core::time::Duration;

/// How a `memory.atomic.wait` ended; the first three are its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WaitOutcome {
    /// A `memory.atomic.notify` woke the thread (the instruction's 0).
    Woken = 0,
    /// The memory did not hold the expected value (1).
    NotEqual = 1,
    /// The timeout passed (2).
    TimedOut = 2,
    /// The embedder stopped the waiting thread's store (a trap, not a
    /// result).
    Stopped = 3,
}

/// One waiting thread: the address it waits on and the flag it sleeps on,
/// shared with the notifier that takes the record (which sets and wakes it
/// after letting go of the lock).
struct Waiting {
    address: u64,
    flag: Arc<AtomicU32>,
}

/// The waiting threads of one shared memory, oldest first (a notify wakes
/// in that order).
///
/// A waiter compares the guest's value and queues itself under the lock, so
/// a notify cannot slip between the two; it then sleeps on its flag. A
/// notifier removes the records it wakes under the lock, and sets and wakes
/// their flags after releasing it: the lock is held for a few instructions,
/// never across a system call, so threads contending for it (it spins)
/// wait only that long. A waiter that times out takes its record back under
/// the lock; if a notifier took it first, the wait counts as woken.
#[derive(Default)]
pub(crate) struct WaitQueue {
    waiting: spin::Mutex<Vec<Waiting>>,
}

impl core::fmt::Debug for WaitQueue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WaitQueue")
            .field("waiting", &self.waiting.lock().len())
            .finish()
    }
}

/// How often a waiter with a [`Stop`] check looks at it.
pub(crate) const STOP_POLL: Duration = if cfg!(miri) {
    // Miri runs spin-loop hints slowly; see `SpinFutex`.
    Duration::from_micros(1)
} else {
    Duration::from_millis(10)
};

/// Whether the waiting thread's store has been told to stop (interrupted,
/// its epoch deadline passed), looked at every [`STOP_POLL`].
pub(crate) type Stop<'a> = Option<&'a dyn Fn() -> bool>;

impl WaitQueue {
    /// Waits on `address` if `matches()` (the guest's value equals the
    /// expected one, read atomically) holds when looked at under the lock,
    /// until a [`notify`](Self::notify) of the address, `timeout` (`None`:
    /// none), or `stop`.
    pub(crate) fn wait(
        &self,
        futex: &dyn Futex,
        address: u64,
        matches: impl FnOnce() -> bool,
        timeout: Option<Duration>,
        stop: Stop<'_>,
    ) -> WaitOutcome {
        let flag = Arc::new(AtomicU32::new(0));
        {
            let mut waiting = self.waiting.lock();
            if !matches() {
                return WaitOutcome::NotEqual;
            }
            waiting.push(Waiting {
                address,
                flag: Arc::clone(&flag),
            });
        }
        let mut left = timeout;
        let outcome = loop {
            let step = match (left, stop) {
                (Some(left), Some(_)) => Some(left.min(STOP_POLL)),
                (None, Some(_)) => Some(STOP_POLL),
                (left, None) => left,
            };
            if futex.wait(&flag, 0, step) {
                return WaitOutcome::Woken;
            }
            left = left.map(|l| l.saturating_sub(step.unwrap_or(l)));
            if left == Some(Duration::ZERO) {
                break WaitOutcome::TimedOut;
            }
            if stop.is_some_and(|stop| stop()) {
                break WaitOutcome::Stopped;
            }
        };
        let mut waiting = self.waiting.lock();
        match waiting.iter().position(|w| Arc::ptr_eq(&w.flag, &flag)) {
            Some(k) => {
                waiting.remove(k);
                outcome
            }
            // A notifier took the record (and sets the flag soon).
            None => WaitOutcome::Woken,
        }
    }

    /// Wakes up to `count` threads waiting on `address`, oldest first;
    /// returns how many.
    pub(crate) fn notify(&self, futex: &dyn Futex, address: u64, count: u32) -> u32 {
        let mut woken = Vec::new();
        {
            let mut waiting = self.waiting.lock();
            let mut k = 0;
            while woken.len() < count as usize && k < waiting.len() {
                if waiting[k].address == address {
                    woken.push(waiting.remove(k).flag);
                } else {
                    k += 1;
                }
            }
        }
        for flag in &woken {
            flag.store(1, Ordering::Release);
            futex.wake_all(flag);
        }
        woken.len() as u32
    }

    /// How many threads wait (on any address).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.waiting.lock().len()
    }
}
