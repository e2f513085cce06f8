//! `proc_exit`, `proc_raise`, `sched_yield`.

use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use wisp_core::Trap;

/// `proc_exit(rval)`: ends the guest with exit status `rval` (always
/// allowed: a guest can always stop itself).
pub fn proc_exit(status: u32) -> Trap {
    Trap::exit(status as i32)
}

/// What `proc_raise` does with a WASI signal number.
enum Action {
    /// The signal's default action is to do nothing (or to stop, which a
    /// guest cannot): return success.
    Ignore,
    /// The default action terminates: exit with 128 + this number.
    Terminate(i32),
}

/// The default action of WASI signal `sig` (numbered as `witx` does) and its
/// conventional POSIX number.
fn action(sig: u32) -> WasiResult<Action> {
    Ok(match sig {
        0 => Action::Ignore,                          // none
        1..=15 => Action::Terminate(sig as i32),      // HUP .. TERM: same numbers
        16 | 17 | 22 | 27 => Action::Ignore,          // CHLD, CONT, URG, WINCH
        18..=21 => Action::Ignore,                    // STOP, TSTP, TTIN, TTOU
        23..=26 => Action::Terminate(sig as i32 + 1), // XCPU, XFSZ, VTALRM, PROF
        28..=30 => Action::Terminate(sig as i32 + 1), // POLL, PWR, SYS
        _ => return Err(Errno::Inval),
    })
}

/// `proc_raise(sig)`, emulated: no host signal is raised (it would hit the
/// runtime, not the guest). A signal whose default action terminates ends
/// the guest with exit status 128 + its number, as a shell reports it;
/// others return success. Needs `PROC`.
pub fn proc_raise(ctx: &mut WasiCtx, sig: u32) -> Result<WasiResult, Trap> {
    if let Err(e) = ctx.require(Capabilities::PROC) {
        return Ok(Err(e));
    }
    match action(sig) {
        Err(e) => Ok(Err(e)),
        Ok(Action::Ignore) => Ok(Ok(())),
        Ok(Action::Terminate(n)) => Err(Trap::exit(128 + n)),
    }
}

/// `sched_yield()` (always allowed).
pub fn sched_yield() -> WasiResult {
    rustix::thread::sched_yield();
    Ok(())
}
