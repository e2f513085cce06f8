//! The wait queue with real threads, over the default futex.

extern crate std;

use super::{WaitOutcome, WaitQueue, default_futex};
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use core::time::Duration;
use std::thread;

/// Spins until `queue` holds `n` waiters.
fn until_waiting(queue: &WaitQueue, n: usize) {
    while queue.len() < n {
        thread::yield_now();
    }
}

#[test]
fn a_value_that_differs_returns_at_once() {
    let queue = WaitQueue::default();
    let outcome = queue.wait(default_futex(), 8, || false, None, None);
    assert_eq!(outcome, WaitOutcome::NotEqual);
    assert_eq!(queue.len(), 0);
}

#[test]
fn a_timeout_passes_and_leaves_the_queue_empty() {
    let queue = WaitQueue::default();
    let timeout = if cfg!(miri) {
        Duration::from_micros(2)
    } else {
        Duration::from_millis(20)
    };
    let outcome = queue.wait(default_futex(), 8, || true, Some(timeout), None);
    assert_eq!(outcome, WaitOutcome::TimedOut);
    assert_eq!(queue.len(), 0);
    let zero = queue.wait(default_futex(), 8, || true, Some(Duration::ZERO), None);
    assert_eq!(zero, WaitOutcome::TimedOut);
}

#[test]
fn notify_wakes_as_many_as_asked_on_that_address_only() {
    let queue = WaitQueue::default();
    thread::scope(|scope| {
        let waiters: Vec<_> = [8, 8, 8, 16]
            .into_iter()
            .map(|address| {
                let queue = &queue;
                scope.spawn(move || queue.wait(default_futex(), address, || true, None, None))
            })
            .collect();
        until_waiting(&queue, 4);
        assert_eq!(queue.notify(default_futex(), 8, 2), 2);
        assert_eq!(queue.notify(default_futex(), 24, 5), 0);
        assert_eq!(queue.notify(default_futex(), 8, 5), 1);
        assert_eq!(queue.notify(default_futex(), 16, 1), 1);
        for waiter in waiters {
            assert_eq!(waiter.join().unwrap(), WaitOutcome::Woken);
        }
    });
    assert_eq!(queue.len(), 0);
}

#[test]
fn a_stopped_store_ends_the_wait() {
    let queue = WaitQueue::default();
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            let check = || stop.load(Ordering::Relaxed);
            queue.wait(default_futex(), 0, || true, None, Some(&check))
        });
        until_waiting(&queue, 1);
        stop.store(true, Ordering::Relaxed);
        assert_eq!(waiter.join().unwrap(), WaitOutcome::Stopped);
    });
    assert_eq!(queue.len(), 0);
}

#[test]
fn the_futex_sleeps_until_the_word_changes() {
    let word = AtomicU32::new(0);
    assert!(!default_futex().wait(&word, 0, Some(Duration::from_micros(2))));
    assert!(default_futex().wait(&word, 1, None));
    thread::scope(|scope| {
        let sleeper = scope.spawn(|| default_futex().wait(&word, 0, None));
        thread::sleep(Duration::from_millis(if cfg!(miri) { 1 } else { 10 }));
        word.store(1, Ordering::Release);
        default_futex().wake_all(&word);
        assert!(sleeper.join().unwrap());
    });
}
