//! Panics of the reference engine are its bugs, not wisp's: they are caught
//! and the input is skipped. libFuzzer's hook aborts on every panic, so the
//! targets install [`install_hook`], which stays silent while
//! [`catch`] runs the oracle and defers to the previous hook otherwise.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static IN_ORACLE: Cell<bool> = const { Cell::new(false) };
}

/// Wraps the current panic hook so that panics inside [`catch`] unwind
/// quietly. Idempotent.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_ORACLE.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f` (code of the reference engine); `None` if it panicked.
pub fn catch<R>(f: impl FnOnce() -> R) -> Option<R> {
    install_hook();
    IN_ORACLE.with(|flag| flag.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    IN_ORACLE.with(|flag| flag.set(false));
    result.ok()
}
