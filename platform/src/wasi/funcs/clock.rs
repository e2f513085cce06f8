//! `clock_res_get`, `clock_time_get`.

use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::host::timespec_nanos;
use crate::wasi::memory::GuestMemory;
use crate::wasi::types::clockid;
use rustix::time::ClockId;

/// The host clock for a WASI clock id.
pub(crate) fn host_clock(id: u32) -> WasiResult<ClockId> {
    Ok(match id {
        clockid::REALTIME => ClockId::Realtime,
        clockid::MONOTONIC => ClockId::Monotonic,
        clockid::PROCESS_CPUTIME_ID => ClockId::ProcessCPUTime,
        clockid::THREAD_CPUTIME_ID => ClockId::ThreadCPUTime,
        _ => return Err(Errno::Inval),
    })
}

/// The current time of clock `id`, in nanoseconds.
pub(crate) fn now(id: u32) -> WasiResult<u64> {
    Ok(timespec_nanos(rustix::time::clock_gettime(host_clock(id)?)))
}

/// `clock_res_get(id, resolution)`. Needs `CLOCK`.
pub fn clock_res_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    id: u32,
    out: u32,
) -> WasiResult {
    ctx.require(Capabilities::CLOCK)?;
    let res = timespec_nanos(rustix::time::clock_getres(host_clock(id)?)).max(1);
    mem.write_u64(out, res)
}

/// `clock_time_get(id, precision, time)`. Needs `CLOCK`.
pub fn clock_time_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    id: u32,
    _precision: u64,
    out: u32,
) -> WasiResult {
    ctx.require(Capabilities::CLOCK)?;
    mem.write_u64(out, now(id)?)
}
