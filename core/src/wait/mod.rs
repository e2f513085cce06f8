//! Blocking for `memory.atomic.wait`: the [`Futex`] trait a platform
//! implements, and the queue of waiting threads each shared memory keeps.
//!
//! wisp-core names no operating system, so the one primitive threads block
//! on — "sleep while this word holds this value, until woken or a timeout"
//! — is a trait. [`OsFutex`] implements it with the kernel's futex on Linux
//! and `__ulock_wait`/`__ulock_wake` on macOS (the `mmap` feature, which
//! every std build has; `wisp-platform` re-exports it); [`SpinFutex`] is the
//! fallback elsewhere. A kernel supplies its own through
//! [`Config::futex`](crate::Config::futex).

#[cfg(all(feature = "mmap", any(target_os = "linux", target_vendor = "apple")))]
mod os;
mod queue;
#[cfg(test)]
mod tests;

#[cfg(all(feature = "mmap", any(target_os = "linux", target_vendor = "apple")))]
pub use os::OsFutex;
pub(crate) use queue::{Stop, WaitOutcome, WaitQueue};

use core::sync::atomic::{AtomicU32, Ordering};
use core::time::Duration;

/// The blocking primitive of `memory.atomic.wait` and `memory.atomic.notify`
/// (a futex): a thread sleeps on a 32-bit word and another wakes it.
///
/// wisp only ever waits on words of its own (never on guest memory): the
/// guest's value is compared under a lock, and each waiting thread then
/// sleeps on a private flag that the notifying thread sets before it calls
/// [`wake`](Self::wake). So an implementation may be simple; it must not
/// lose a wake that comes after the flag changed.
pub trait Futex: Send + Sync + core::fmt::Debug {
    /// Blocks the calling thread while `word` holds `expected`: returns
    /// `true` once it no longer does, `false` when `timeout` (`None`: no
    /// limit) has passed with the word unchanged. A wake-up that finds the
    /// word unchanged (a spurious one, a signal) sleeps again for the rest
    /// of the timeout.
    fn wait(&self, word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> bool;

    /// Wakes every thread blocked in [`wait`](Self::wait) on `word`.
    fn wake_all(&self, word: &AtomicU32);
}

/// A [`Futex`] that spins instead of sleeping, for platforms without one:
/// correct, but a waiting thread keeps its core busy. With `std` it times
/// out by the standard library's clock; without, it has none and counts a
/// timeout of `n` nanoseconds as `n` spin-loop hints (each takes at least
/// that long on the processors wisp runs on, so it waits longer rather
/// than shorter).
#[derive(Debug, Default, Clone, Copy)]
pub struct SpinFutex;

impl Futex for SpinFutex {
    fn wait(&self, word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> bool {
        #[cfg(feature = "std")]
        let deadline = timeout.map(|t| (std::time::Instant::now(), t));
        #[cfg(not(feature = "std"))]
        let mut spins_left = timeout.map(|t| t.as_nanos());
        while word.load(Ordering::Acquire) == expected {
            #[cfg(feature = "std")]
            {
                if deadline.is_some_and(|(start, t)| start.elapsed() >= t) {
                    return false;
                }
                std::thread::yield_now();
            }
            #[cfg(not(feature = "std"))]
            {
                match &mut spins_left {
                    Some(0) => return false,
                    Some(n) => *n -= 1,
                    None => {}
                }
                core::hint::spin_loop();
            }
        }
        true
    }

    fn wake_all(&self, _word: &AtomicU32) {}
}

/// The futex a [`Config`](crate::Config) without one uses: [`OsFutex`]
/// where there is one, [`SpinFutex`] elsewhere.
pub(crate) fn default_futex() -> &'static dyn Futex {
    #[cfg(all(feature = "mmap", any(target_os = "linux", target_vendor = "apple")))]
    {
        &OsFutex
    }
    #[cfg(not(all(feature = "mmap", any(target_os = "linux", target_vendor = "apple"))))]
    {
        &SpinFutex
    }
}
