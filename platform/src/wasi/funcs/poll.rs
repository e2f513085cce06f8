//! `poll_oneoff`: waiting on clocks and descriptor readiness.

use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::host::timespec_of;
use crate::wasi::memory::GuestMemory;
use crate::wasi::types::{
    EVENT_FD_READWRITE_HANGUP, SUBCLOCK_ABSTIME, clockid, eventtype, filetype, size,
};
use alloc::vec::Vec;
use rustix::event::{PollFd, PollFlags};

/// One subscription, decoded.
struct Sub {
    userdata: u64,
    kind: Kind,
}

enum Kind {
    /// Fires at this monotonic time (nanoseconds).
    Clock(u64),
    /// Fires at once with this error (a denied or invalid clock, a bad fd).
    Failed(u8, Errno),
    /// Waits for `fd` to be readable (`FD_READ`) or writable (`FD_WRITE`).
    Fd(u8, u32),
}

/// An `event` record.
fn event(userdata: u64, error: Errno, ty: u8, nbytes: u64, flags: u16) -> [u8; 32] {
    let mut rec = [0u8; 32];
    rec[0..8].copy_from_slice(&userdata.to_le_bytes());
    rec[8..10].copy_from_slice(&(error as u16).to_le_bytes());
    rec[10] = ty;
    rec[16..24].copy_from_slice(&nbytes.to_le_bytes());
    rec[24..26].copy_from_slice(&flags.to_le_bytes());
    rec
}

/// The monotonic deadline of a clock subscription.
fn deadline(ctx: &WasiCtx, id: u32, timeout: u64, flags: u16) -> WasiResult<u64> {
    ctx.require(Capabilities::CLOCK)?;
    let mono = super::clock::now(clockid::MONOTONIC)?;
    if flags & SUBCLOCK_ABSTIME == 0 {
        super::clock::host_clock(id)?;
        return Ok(mono.saturating_add(timeout));
    }
    let now = super::clock::now(id)?;
    Ok(mono.saturating_add(timeout.saturating_sub(now)))
}

/// `poll_oneoff(in, out, nsubscriptions, nevents)`: waits until at least one
/// subscription fires, then reports every one that has. Regular files and
/// null streams are always ready; other descriptors go to the host's
/// `poll`. Clock subscriptions need `CLOCK` (denied, they fire at once with
/// `NotCapable`).
pub fn poll_oneoff(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    input: u32,
    out: u32,
    nsubs: u32,
    nevents: u32,
) -> WasiResult {
    if nsubs == 0 {
        return Err(Errno::Inval);
    }
    let bytes = nsubs.checked_mul(size::SUBSCRIPTION).ok_or(Errno::Fault)?;
    let raw = mem.read(input, bytes)?;
    let mut subs = Vec::with_capacity(nsubs as usize);
    for rec in raw.chunks_exact(size::SUBSCRIPTION as usize) {
        let userdata = u64::from_le_bytes(rec[0..8].try_into().unwrap_or_default());
        let u32_at = |o: usize| u32::from_le_bytes([rec[o], rec[o + 1], rec[o + 2], rec[o + 3]]);
        let u64_at = |o: usize| u64::from_le_bytes(rec[o..o + 8].try_into().unwrap_or_default());
        let kind = match rec[8] {
            eventtype::CLOCK => {
                let flags = u16::from_le_bytes([rec[40], rec[41]]);
                match deadline(ctx, u32_at(16), u64_at(24), flags) {
                    Ok(d) => Kind::Clock(d),
                    Err(e) => Kind::Failed(eventtype::CLOCK, e),
                }
            }
            t @ (eventtype::FD_READ | eventtype::FD_WRITE) => Kind::Fd(t, u32_at(16)),
            _ => return Err(Errno::Inval),
        };
        subs.push(Sub { userdata, kind });
    }

    let mut events: Vec<[u8; 32]> = Vec::new();
    let mut waits: Vec<(usize, PollFd<'_>)> = Vec::new();
    for (i, s) in subs.iter().enumerate() {
        match s.kind {
            Kind::Failed(t, e) => events.push(event(s.userdata, e, t, 0, 0)),
            Kind::Clock(_) => {}
            Kind::Fd(t, fd) => {
                let entry = match ctx.fds.get(fd) {
                    Ok(e) => e,
                    Err(e) => {
                        events.push(event(s.userdata, e, t, 0, 0));
                        continue;
                    }
                };
                match entry.host_fd() {
                    Some(h)
                        if !matches!(
                            entry.filetype,
                            filetype::REGULAR_FILE | filetype::DIRECTORY
                        ) =>
                    {
                        let flags = if t == eventtype::FD_READ {
                            PollFlags::IN
                        } else {
                            PollFlags::OUT
                        };
                        waits.push((i, PollFd::from_borrowed_fd(h, flags)));
                    }
                    host => {
                        let nbytes = match (t, host) {
                            (eventtype::FD_READ, Some(h)) => remaining(h),
                            _ => 0,
                        };
                        events.push(event(s.userdata, Errno::Success, t, nbytes, 0));
                    }
                }
            }
        }
    }

    let first_deadline = subs
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Clock(d) => Some(d),
            _ => None,
        })
        .min();
    loop {
        let now = super::clock::now(clockid::MONOTONIC)?;
        let timeout = if !events.is_empty() {
            Some(0)
        } else {
            first_deadline.map(|d| d.saturating_sub(now))
        };
        let ts = timeout.map(timespec_of);
        let mut fds: Vec<PollFd<'_>> = waits.iter().map(|(_, p)| p.clone()).collect();
        match rustix::event::poll(&mut fds, ts.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        for ((i, _), p) in waits.iter().zip(&fds) {
            let r = p.revents();
            if r.is_empty() {
                continue;
            }
            let Kind::Fd(t, fd) = subs[*i].kind else {
                continue;
            };
            let userdata = subs[*i].userdata;
            if r.contains(PollFlags::NVAL) {
                events.push(event(userdata, Errno::Badf, t, 0, 0));
                continue;
            }
            let hangup = if r.contains(PollFlags::HUP) {
                EVENT_FD_READWRITE_HANGUP
            } else {
                0
            };
            let nbytes = match (t, ctx.fds.get(fd).ok().and_then(|e| e.host_fd())) {
                (eventtype::FD_READ, Some(h)) => rustix::io::ioctl_fionread(h).unwrap_or(0),
                _ => 0,
            };
            events.push(event(userdata, Errno::Success, t, nbytes, hangup));
        }
        let now = super::clock::now(clockid::MONOTONIC)?;
        for s in &subs {
            if let Kind::Clock(d) = s.kind {
                if d <= now {
                    events.push(event(s.userdata, Errno::Success, eventtype::CLOCK, 0, 0));
                }
            }
        }
        if !events.is_empty() {
            break;
        }
        if first_deadline.is_none() && waits.is_empty() {
            break;
        }
    }
    for (k, e) in events.iter().enumerate() {
        mem.write_bytes(out.wrapping_add(k as u32 * size::EVENT), e)?;
    }
    mem.write_u32(nevents, events.len() as u32)
}

/// Bytes left to read in a regular file (size minus position).
fn remaining(fd: rustix::fd::BorrowedFd<'_>) -> u64 {
    let size = rustix::fs::fstat(fd).map(|s| s.st_size as u64).unwrap_or(0);
    let pos = rustix::fs::tell(fd).unwrap_or(0);
    size.saturating_sub(pos)
}
