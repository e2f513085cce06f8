//! The 46 preview 1 functions, grouped by what they touch. Each takes the
//! context, the guest's memory and the raw arguments, and returns `Ok(())` or
//! the errno; [`linker`](super::linker) turns that into the `i32` the guest
//! sees.

pub mod args_env;
pub mod clock;
pub mod fd;
pub mod path;
pub mod poll;
pub mod proc;
pub mod random;
pub mod sock;

use super::caps::Capabilities;
use super::ctx::WasiCtx;
use super::errno::{Errno, WasiResult};
use super::fd_table::Entry;

/// Checks that the guest may use `entry` for `caps`: descriptors from the
/// file system need the capability; standard streams and handed-over
/// sockets do not.
pub(crate) fn fs_cap(ctx: &WasiCtx, entry: &Entry, caps: Capabilities) -> WasiResult {
    if entry.from_fs && !ctx.caps.contains(caps) {
        return Err(Errno::NotCapable);
    }
    Ok(())
}

/// Retries a host call interrupted by a signal.
pub(crate) fn retry<T>(mut f: impl FnMut() -> rustix::io::Result<T>) -> WasiResult<T> {
    loop {
        match f() {
            Err(rustix::io::Errno::INTR) => continue,
            other => return other.map_err(Errno::from),
        }
    }
}
