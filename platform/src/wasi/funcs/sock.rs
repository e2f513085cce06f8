//! `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown` on sockets the
//! embedder handed over ([`WasiCtxBuilder::preopened_socket`]); preview 1
//! cannot create sockets. Any other descriptor answers `NotSock`. Sockets
//! need no capability: giving one is the embedder's grant.
//!
//! [`WasiCtxBuilder::preopened_socket`]: crate::wasi::WasiCtxBuilder::preopened_socket

use super::retry;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::fd_table::Entry;
use crate::wasi::memory::GuestMemory;
use crate::wasi::types::{fdflags, riflags, rights, sdflags};
use rustix::fd::BorrowedFd;
use rustix::net::{RecvFlags, SendFlags, Shutdown};

/// The socket behind `fd`.
fn socket(ctx: &WasiCtx, fd: u32) -> WasiResult<(&Entry, BorrowedFd<'_>)> {
    let entry = ctx.fds.get(fd)?;
    if !entry.is_socket() {
        return Err(Errno::NotSock);
    }
    Ok((entry, entry.fd()?))
}

/// `sock_accept(fd, flags, result_fd)`: accepts a connection on a listening
/// socket; `flags` may only hold `NONBLOCK`.
pub fn sock_accept(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
    out: u32,
) -> WasiResult {
    let (entry, host) = socket(ctx, fd)?;
    if flags & !(fdflags::NONBLOCK as u32) != 0 {
        return Err(Errno::Inval);
    }
    entry.require(rights::SOCK_ACCEPT)?;
    let conn = retry(|| rustix::net::accept(host))?;
    rustix::io::fcntl_setfd(&conn, rustix::io::FdFlags::CLOEXEC)?;
    if flags & fdflags::NONBLOCK as u32 != 0 {
        let fl = rustix::fs::fcntl_getfl(&conn)?;
        rustix::fs::fcntl_setfl(&conn, fl | rustix::fs::OFlags::NONBLOCK)?;
    }
    let mut e = Entry::for_host(conn, false);
    e.fdflags = flags as u16;
    let new = ctx.fds.insert(e)?;
    mem.write_u32(out, new)
}

/// `sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen, ro_flags)`.
#[allow(clippy::too_many_arguments)]
pub fn sock_recv(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    ri: u32,
    datalen: u32,
    ro: u32,
) -> WasiResult {
    let (entry, host) = socket(ctx, fd)?;
    entry.require(rights::FD_READ)?;
    if ri & !((riflags::RECV_PEEK | riflags::RECV_WAITALL) as u32) != 0 {
        return Err(Errno::Inval);
    }
    let mut flags = RecvFlags::empty();
    if ri & riflags::RECV_PEEK as u32 != 0 {
        flags |= RecvFlags::PEEK;
    }
    if ri & riflags::RECV_WAITALL as u32 != 0 {
        flags |= RecvFlags::WAITALL;
    }
    let list = mem.iovecs(iovs, iovs_len)?;
    let mut n = 0usize;
    if let Some(&(buf, len)) = list.iter().find(|(_, l)| *l > 0) {
        n = mem.fill_with(buf, len, |dst| {
            Ok(retry(|| rustix::net::recv(host, &mut *dst, flags))?.0)
        })?;
    }
    mem.write_u32(datalen, n as u32)?;
    mem.write_u16(ro, 0)
}

/// `sock_send(fd, si_data, si_data_len, si_flags, so_datalen)`.
pub fn sock_send(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    _si: u32,
    datalen: u32,
) -> WasiResult {
    let (entry, host) = socket(ctx, fd)?;
    entry.require(rights::FD_WRITE)?;
    let list = mem.iovecs(iovs, iovs_len)?;
    let data = mem.gather(&list)?;
    #[cfg(not(target_vendor = "apple"))]
    let flags = SendFlags::NOSIGNAL;
    #[cfg(target_vendor = "apple")]
    let flags = SendFlags::empty();
    let n = retry(|| rustix::net::send(host, &data, flags))?;
    mem.write_u32(datalen, n as u32)
}

/// `sock_shutdown(fd, how)`.
pub fn sock_shutdown(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    how: u32,
) -> WasiResult {
    let (entry, host) = socket(ctx, fd)?;
    entry.require(rights::SOCK_SHUTDOWN)?;
    let how = match how as u8 {
        _ if how > 3 => return Err(Errno::Inval),
        sdflags::RD => Shutdown::Read,
        sdflags::WR => Shutdown::Write,
        3 => Shutdown::Both,
        _ => return Err(Errno::Inval),
    };
    Ok(rustix::net::shutdown(host, how)?)
}
