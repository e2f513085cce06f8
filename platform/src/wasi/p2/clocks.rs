//! `wasi:clocks`: the monotonic and the wall clock, behind the `CLOCK`
//! capability (as preview 1's `clock_time_get`).

use super::io::{Pollable, monotonic_now};
use super::vals::{denied, own, record, table_trap, u64_arg};
use super::{Access, HostFn, interface};
use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::host::timespec_nanos;
use rustix::time::ClockId;
use wisp_component::{Linker, Val};
use wisp_core::{Error, Trap};

/// Fails unless the context may read clocks.
fn allowed(ctx: &WasiCtx) -> Result<(), Trap> {
    if ctx.capabilities().contains(Capabilities::CLOCK) {
        Ok(())
    } else {
        Err(denied("reading clocks"))
    }
}

fn resolution_nanos(id: ClockId) -> u64 {
    timespec_nanos(rustix::time::clock_getres(id)).max(1)
}

fn monotonic(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    allowed(ctx)?;
    Ok(Some(Val::U64(monotonic_now())))
}

fn monotonic_resolution(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    allowed(ctx)?;
    Ok(Some(Val::U64(resolution_nanos(ClockId::Monotonic))))
}

/// A pollable ready at monotonic time `deadline`.
fn pollable_at(ctx: &mut WasiCtx, deadline: u64) -> Result<Option<Val>, Trap> {
    allowed(ctx)?;
    let p = ctx.resources.push(Pollable::Deadline(deadline));
    Ok(Some(own(p.map_err(table_trap)?)))
}

fn subscribe_instant(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    pollable_at(ctx, u64_arg(params, 0)?)
}

fn subscribe_duration(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let deadline = monotonic_now().saturating_add(u64_arg(params, 0)?);
    pollable_at(ctx, deadline)
}

/// A `datetime` of `nanos` nanoseconds.
fn datetime(nanos: u64) -> Val {
    record([
        ("seconds", Val::U64(nanos / 1_000_000_000)),
        ("nanoseconds", Val::U32((nanos % 1_000_000_000) as u32)),
    ])
}

fn wall(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    allowed(ctx)?;
    Ok(Some(datetime(timespec_nanos(rustix::time::clock_gettime(
        ClockId::Realtime,
    )))))
}

fn wall_resolution(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    allowed(ctx)?;
    Ok(Some(datetime(resolution_nanos(ClockId::Realtime))))
}

/// Registers `wasi:clocks/monotonic-clock` and `wasi:clocks/wall-clock`.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    let mut monotonic_clock = interface(linker, get, "wasi:clocks/monotonic-clock")?;
    monotonic_clock.resource::<Pollable>("pollable")?;
    monotonic_clock.funcs(&[
        ("now", monotonic as HostFn),
        ("resolution", monotonic_resolution),
        ("subscribe-instant", subscribe_instant),
        ("subscribe-duration", subscribe_duration),
    ])?;
    interface(linker, get, "wasi:clocks/wall-clock")?
        .funcs(&[("now", wall as HostFn), ("resolution", wall_resolution)])
}
