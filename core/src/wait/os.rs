//! [`OsFutex`]: the kernel's own blocking primitive.

#![allow(unsafe_code)]

use super::Futex;
use core::sync::atomic::{AtomicU32, Ordering};
use core::time::Duration;
use rustix::time::{ClockId, clock_gettime};

/// A [`Futex`] over the kernel's: `futex(2)` on Linux, `__ulock_wait` and
/// `__ulock_wake` on macOS (what the Rust standard library and libc++ park
/// threads with there). The default where available.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsFutex;

/// The monotonic clock, as a duration since its (arbitrary) origin.
fn now() -> Duration {
    let t = clock_gettime(ClockId::Monotonic);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

impl Futex for OsFutex {
    fn wait(&self, word: &AtomicU32, expected: u32, timeout: Option<Duration>) -> bool {
        let deadline = timeout.and_then(|t| now().checked_add(t));
        loop {
            if word.load(Ordering::Acquire) != expected {
                return true;
            }
            let left = match deadline {
                None => None,
                Some(d) => match d.checked_sub(now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => return false,
                },
            };
            sleep(word, expected, left);
        }
    }

    fn wake_all(&self, word: &AtomicU32) {
        wake(word);
    }
}

/// One sleep on `word` while it holds `expected`, at most `left`; returns
/// early when woken, interrupted, or the word differs.
#[cfg(target_os = "linux")]
fn sleep(word: &AtomicU32, expected: u32, left: Option<Duration>) {
    use rustix::thread::futex;
    use rustix::time::Timespec;
    let timespec = left.map(|d| Timespec {
        tv_sec: d.as_secs().min(i64::MAX as u64) as _,
        tv_nsec: d.subsec_nanos() as _,
    });
    // An error is `EAGAIN` (the word differs), `EINTR` or `ETIMEDOUT`: the
    // caller's loop looks at the word and the clock again either way.
    let _ = futex::wait(word, futex::Flags::PRIVATE, expected, timespec.as_ref());
}

#[cfg(target_os = "linux")]
fn wake(word: &AtomicU32) {
    use rustix::thread::futex;
    let _ = futex::wake(word, futex::Flags::PRIVATE, i32::MAX as u32);
}

/// `__ulock_wait`'s operation: compare the 32-bit word and wait.
#[cfg(target_vendor = "apple")]
const UL_COMPARE_AND_WAIT: u32 = 1;
/// `__ulock_wake`'s flag: wake every waiter.
#[cfg(target_vendor = "apple")]
const ULF_WAKE_ALL: u32 = 0x100;
/// Return the error as a negative value instead of through `errno`.
#[cfg(target_vendor = "apple")]
const ULF_NO_ERRNO: u32 = 0x0100_0000;

#[cfg(target_vendor = "apple")]
unsafe extern "C" {
    fn __ulock_wait(
        operation: u32,
        addr: *mut core::ffi::c_void,
        value: u64,
        timeout_us: u32,
    ) -> i32;
    fn __ulock_wake(operation: u32, addr: *mut core::ffi::c_void, wake_value: u64) -> i32;
}

#[cfg(target_vendor = "apple")]
fn sleep(word: &AtomicU32, expected: u32, left: Option<Duration>) {
    // Zero means no timeout; a longer one than fits is cut short, and the
    // caller's loop sleeps again.
    let micros = left.map_or(0, |d| d.as_micros().clamp(1, u32::MAX as u128) as u32);
    // SAFETY: `word` is a live, aligned `AtomicU32` for the whole call; the
    // kernel only reads it.
    unsafe {
        __ulock_wait(
            UL_COMPARE_AND_WAIT | ULF_NO_ERRNO,
            word.as_ptr().cast(),
            expected as u64,
            micros,
        )
    };
}

#[cfg(target_vendor = "apple")]
fn wake(word: &AtomicU32) {
    // SAFETY: as in `sleep`; waking never writes the word.
    unsafe {
        __ulock_wake(
            UL_COMPARE_AND_WAIT | ULF_WAKE_ALL | ULF_NO_ERRNO,
            word.as_ptr().cast(),
            0,
        )
    };
}
