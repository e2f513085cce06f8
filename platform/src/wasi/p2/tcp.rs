//! `wasi:sockets/tcp` and `wasi:sockets/tcp-create-socket`: TCP sockets
//! on host sockets (`rustix::net`), behind the `NET` capability.
//!
//! The `start-*` half of each two-phase operation does the work (a bind,
//! a listen) or starts it (a connect, on a socket non-blocking until it is
//! done), and the `finish-*` half reports it: `finish-connect` says
//! `would-block` until the connection is made or has failed, `accept`
//! when no connection waits, and the socket's pollable waits for either.
//! A connected socket's streams each own a duplicate of its host socket,
//! entered in the context's descriptor table, so a stream stays usable
//! (and the connection open) until it is dropped, whatever the order the
//! guest drops things in.

use super::io::{
    InputStream, IoError, OutputStream, Pollable, WriteAt, drop_input, drop_output, ready_now,
};
use super::sockets::{
    Family, NetResult, Network, allowed, code, family_arg, host, net_answer, push, socket_address,
    socket_address_arg,
};
use super::vals::{bool_arg, enum_arg, resource_arg, table_trap, u8_arg, u32_arg, u64_arg};
use super::{Access, HostFn, Interface, interface};
use crate::wasi::ctx::WasiCtx;
use crate::wasi::fd_table::Entry;
use crate::wasi::funcs::retry;
use core::net::SocketAddr;
use core::time::Duration;
use rustix::event::PollFlags;
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::io::Errno;
use rustix::net::{AddressFamily, Shutdown, SocketType, sockopt};
use wisp_component::{Linker, Resource, Val};
use wisp_core::{Error, Trap};

/// Where a TCP socket is in its life (the states of the WIT's
/// description).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Created, not bound.
    Unbound,
    /// `start-bind` bound it; `finish-bind` has not been called.
    BindStarted,
    /// Bound to a local address.
    Bound,
    /// `start-listen` listened; `finish-listen` has not been called.
    ListenStarted,
    /// Accepting connections.
    Listening,
    /// `start-connect` started connecting; the host has not finished
    /// (the socket is non-blocking until it has).
    Connecting,
    /// `start-connect` tried to connect, with this result for
    /// `finish-connect`.
    ConnectStarted(Result<(), &'static str>),
    /// Connected (its streams handed out).
    Connected,
    /// A connection attempt failed: nothing more can be done with it.
    Closed,
}

/// A `tcp-socket`.
pub(crate) struct TcpSocket {
    fd: OwnedFd,
    family: Family,
    state: State,
    backlog: i32,
}

/// A new host socket of `family` and `kind`, closed on `exec`; IPv6
/// sockets are IPv6 only (as WASI 0.2 has them).
pub(crate) fn new_socket(family: Family, kind: SocketType) -> NetResult<OwnedFd> {
    let af = match family {
        Family::V4 => AddressFamily::INET,
        Family::V6 => AddressFamily::INET6,
    };
    let fd = rustix::net::socket(af, kind, None).map_err(host)?;
    rustix::io::fcntl_setfd(&fd, rustix::io::FdFlags::CLOEXEC).map_err(host)?;
    if family == Family::V6 {
        sockopt::set_ipv6_v6only(&fd, true).map_err(host)?;
    }
    Ok(fd)
}

/// `create-tcp-socket(address-family)`.
fn create_tcp_socket(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let family = family_arg(params, 0)?;
    let made = allowed(ctx).and_then(|()| new_socket(family, SocketType::STREAM));
    match made {
        Ok(fd) => {
            let socket = TcpSocket {
                fd,
                family,
                state: State::Unbound,
                backlog: 128,
            };
            Ok(net_answer(Ok(Some(push(ctx, socket)?))))
        }
        Err(code) => Ok(net_answer(Err(code))),
    }
}

/// Runs `op` on the socket of argument 0 once `NET` is checked.
fn with_socket(
    ctx: &mut WasiCtx,
    params: &[Val],
    op: impl FnOnce(&mut TcpSocket) -> NetResult,
) -> Result<Option<Val>, Trap> {
    let socket: Resource<TcpSocket> = resource_arg(params, 0)?;
    let denied = allowed(ctx);
    let s = ctx.resources.get_mut(&socket).map_err(table_trap)?;
    Ok(net_answer(denied.and_then(|()| op(s))))
}

/// Checks `addr` for `family`: the same family, and no IPv4-mapped IPv6
/// address (an IPv6 socket is IPv6 only).
pub(crate) fn check_family(family: Family, addr: &SocketAddr) -> NetResult<()> {
    match addr {
        _ if Family::of(addr) != family => Err("invalid-argument"),
        SocketAddr::V6(a) if a.ip().to_ipv4_mapped().is_some() => Err("invalid-argument"),
        _ => Ok(()),
    }
}

/// `start-bind(network, local-address)`.
fn start_bind(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    resource_arg::<Network>(params, 1)?;
    let addr = socket_address_arg(params, 2)?;
    with_socket(ctx, params, |s| {
        check_family(s.family, &addr)?;
        if s.state != State::Unbound {
            return Err("invalid-state");
        }
        // Rebinding a port in TIME_WAIT, as servers expect.
        let _ = sockopt::set_socket_reuseaddr(&s.fd, true);
        rustix::net::bind(&s.fd, &addr).map_err(host)?;
        s.state = State::BindStarted;
        Ok(None)
    })
}

/// Moves a socket from `from` to `to` (a `finish-*`), or `not-in-progress`.
fn finish(s: &mut TcpSocket, from: State, to: State) -> NetResult {
    if s.state != from {
        return Err("not-in-progress");
    }
    s.state = to;
    Ok(None)
}

fn finish_bind(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| finish(s, State::BindStarted, State::Bound))
}

/// `start-connect(network, remote-address)`: starts connecting without
/// waiting; `finish-connect` reports the result once the socket's pollable
/// is ready.
fn start_connect(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    resource_arg::<Network>(params, 1)?;
    let addr = socket_address_arg(params, 2)?;
    with_socket(ctx, params, |s| {
        check_family(s.family, &addr)?;
        if addr.ip().is_unspecified() || addr.port() == 0 {
            return Err("invalid-argument");
        }
        match s.state {
            State::Unbound | State::Bound => {}
            State::Connecting | State::ConnectStarted(_) => return Err("concurrency-conflict"),
            _ => return Err("invalid-state"),
        }
        rustix::io::ioctl_fionbio(&s.fd, true).map_err(host)?;
        s.state = match rustix::net::connect(&s.fd, &addr) {
            Err(Errno::INPROGRESS | Errno::ALREADY | Errno::INTR) => State::Connecting,
            done => {
                rustix::io::ioctl_fionbio(&s.fd, false).map_err(host)?;
                State::ConnectStarted(done.map_err(|e| code(e.into())))
            }
        };
        Ok(None)
    })
}

/// Whether the connection `s` started has come to an end: if so, the
/// socket is blocking again and in `ConnectStarted` with the result.
fn connect_done(s: &mut TcpSocket) -> NetResult<bool> {
    if s.state != State::Connecting {
        return Ok(true);
    }
    if !ready_now(s.fd.as_fd(), PollFlags::OUT) {
        return Ok(false);
    }
    let result = sockopt::socket_error(&s.fd).map_err(host)?;
    rustix::io::ioctl_fionbio(&s.fd, false).map_err(host)?;
    s.state = State::ConnectStarted(result.map_err(|e| code(e.into())));
    Ok(true)
}

/// Two duplicates of the connected socket `fd`, for its streams.
fn duplicates(fd: &OwnedFd) -> NetResult<(OwnedFd, OwnedFd)> {
    let dup = || rustix::io::fcntl_dupfd_cloexec(fd, 0).map_err(host);
    Ok((dup()?, dup()?))
}

/// An input and an output stream on `input` and `output` (duplicates of a
/// connected socket), each entered in the descriptor table and closed
/// when its stream is dropped.
fn streams(ctx: &mut WasiCtx, (input, output): (OwnedFd, OwnedFd)) -> Result<NetResult<Val>, Trap> {
    let input = match ctx.fds.insert(Entry::for_host(input, false)) {
        Ok(fd) => fd,
        Err(e) => return Ok(Err(code(e))),
    };
    let output = match ctx.fds.insert(Entry::for_host(output, false)) {
        Ok(fd) => fd,
        Err(e) => {
            let _ = ctx.fds.remove(input);
            return Ok(Err(code(e)));
        }
    };
    let input = push(
        ctx,
        InputStream {
            fd: input,
            offset: None,
            owned: true,
        },
    )?;
    let output = push(
        ctx,
        OutputStream {
            fd: output,
            at: WriteAt::Stream,
            owned: true,
        },
    )?;
    Ok(Ok(Val::Tuple(alloc::vec![input, output])))
}

/// `finish-connect()`: the connection's streams, or why it failed.
fn finish_connect(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let mut pair = None;
    let checked = with_socket(ctx, params, |s| {
        if !connect_done(s)? {
            return Err("would-block");
        }
        match s.state {
            State::ConnectStarted(Ok(())) => {}
            State::ConnectStarted(Err(code)) => {
                s.state = State::Closed;
                return Err(code);
            }
            _ => return Err("not-in-progress"),
        }
        pair = Some(duplicates(&s.fd)?);
        s.state = State::Connected;
        Ok(None)
    })?;
    match pair {
        Some(pair) => Ok(net_answer(streams(ctx, pair)?.map(Some))),
        None => Ok(checked),
    }
}

/// `start-listen()`: needs a bound socket.
fn start_listen(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        match s.state {
            State::Bound => {}
            State::ListenStarted => return Err("concurrency-conflict"),
            _ => return Err("invalid-state"),
        }
        rustix::net::listen(&s.fd, s.backlog).map_err(host)?;
        s.state = State::ListenStarted;
        Ok(None)
    })
}

fn finish_listen(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        finish(s, State::ListenStarted, State::Listening)
    })
}

/// `accept()`: a connection waiting to be accepted (`would-block` if none
/// is), as a new socket and its streams.
fn accept(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let mut conn = None;
    let checked = with_socket(ctx, params, |s| {
        if s.state != State::Listening {
            return Err("invalid-state");
        }
        if !ready_now(s.fd.as_fd(), PollFlags::IN) {
            return Err("would-block");
        }
        let fd = retry(|| rustix::net::accept(&s.fd)).map_err(code)?;
        rustix::io::fcntl_setfd(&fd, rustix::io::FdFlags::CLOEXEC).map_err(host)?;
        let pair = duplicates(&fd)?;
        conn = Some((fd, s.family, pair));
        Ok(None)
    })?;
    let Some((fd, family, pair)) = conn else {
        return Ok(checked);
    };
    let io = match streams(ctx, pair)? {
        Ok(Val::Tuple(io)) => io,
        Ok(_) => unreachable!("streams are a pair"),
        Err(code) => return Ok(net_answer(Err(code))),
    };
    let socket = TcpSocket {
        fd,
        family,
        state: State::Connected,
        backlog: 128,
    };
    let mut triple = alloc::vec![push(ctx, socket)?];
    triple.extend(io);
    Ok(net_answer(Ok(Some(Val::Tuple(triple)))))
}

/// The socket address `addr` of a host call.
fn address(addr: rustix::io::Result<rustix::net::SocketAddrAny>) -> NetResult {
    let addr = SocketAddr::try_from(addr.map_err(host)?).map_err(|_| "not-supported")?;
    Ok(Some(socket_address(addr)))
}

/// `local-address()`: of a bound socket.
fn local_address(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| match s.state {
        State::Unbound | State::Closed => Err("invalid-state"),
        _ => address(rustix::net::getsockname(&s.fd)),
    })
}

/// `remote-address()`: of a connected socket.
fn remote_address(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| match s.state {
        State::Connected => match rustix::net::getpeername(&s.fd) {
            Ok(Some(addr)) => address(Ok(addr)),
            Ok(None) => Err("invalid-state"),
            Err(e) => Err(host(e)),
        },
        _ => Err("invalid-state"),
    })
}

/// The socket of argument 0, for the methods that cannot fail.
fn socket(ctx: &WasiCtx, params: &[Val]) -> Result<(Family, State), Trap> {
    let socket: Resource<TcpSocket> = resource_arg(params, 0)?;
    let s = ctx.resources.get(&socket).map_err(table_trap)?;
    Ok((s.family, s.state))
}

fn is_listening(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let (_, state) = socket(ctx, params)?;
    Ok(Some(Val::Bool(state == State::Listening)))
}

fn address_family(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(socket(ctx, params)?.0.val()))
}

/// `set-listen-backlog-size(value)`: kept for `start-listen`, or applied
/// at once to a listening socket.
fn set_listen_backlog_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u64_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        if value == 0 {
            return Err("invalid-argument");
        }
        s.backlog = i32::try_from(value).unwrap_or(i32::MAX);
        match s.state {
            State::Listening => rustix::net::listen(&s.fd, s.backlog).map_err(host)?,
            State::Connected | State::Connecting | State::ConnectStarted(_) => {
                return Err("invalid-state");
            }
            _ => {}
        }
        Ok(None)
    })
}

/// `shutdown(shutdown-type)`: of a connected socket.
fn shutdown(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let how = match enum_arg(params, 1)? {
        "receive" => Shutdown::Read,
        "send" => Shutdown::Write,
        _ => Shutdown::Both,
    };
    with_socket(ctx, params, |s| {
        if s.state != State::Connected {
            return Err("invalid-state");
        }
        rustix::net::shutdown(&s.fd, how).map_err(host)?;
        Ok(None)
    })
}

/// Fails with `invalid-argument` for 0 (the options' sizes and durations
/// must be positive).
fn positive(value: u64) -> NetResult<u64> {
    if value == 0 {
        Err("invalid-argument")
    } else {
        Ok(value)
    }
}

fn keep_alive_enabled(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        let on = sockopt::socket_keepalive(&s.fd).map_err(host)?;
        Ok(Some(Val::Bool(on)))
    })
}

fn set_keep_alive_enabled(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let on = bool_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        sockopt::set_socket_keepalive(&s.fd, on).map_err(host)?;
        Ok(None)
    })
}

/// A `duration` (nanoseconds) of a host one.
fn nanos(d: Duration) -> Val {
    Val::U64(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn keep_alive_idle_time(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        Ok(Some(nanos(sockopt::tcp_keepidle(&s.fd).map_err(host)?)))
    })
}

fn set_keep_alive_idle_time(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u64_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        let d = Duration::from_nanos(positive(value)?).max(Duration::from_secs(1));
        sockopt::set_tcp_keepidle(&s.fd, d).map_err(host)?;
        Ok(None)
    })
}

fn keep_alive_interval(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        Ok(Some(nanos(sockopt::tcp_keepintvl(&s.fd).map_err(host)?)))
    })
}

fn set_keep_alive_interval(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u64_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        let d = Duration::from_nanos(positive(value)?).max(Duration::from_secs(1));
        sockopt::set_tcp_keepintvl(&s.fd, d).map_err(host)?;
        Ok(None)
    })
}

fn keep_alive_count(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        Ok(Some(Val::U32(sockopt::tcp_keepcnt(&s.fd).map_err(host)?)))
    })
}

fn set_keep_alive_count(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u32_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        positive(u64::from(value))?;
        sockopt::set_tcp_keepcnt(&s.fd, value).map_err(host)?;
        Ok(None)
    })
}

fn hop_limit(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        let hops = match s.family {
            Family::V4 => sockopt::ip_ttl(&s.fd).map_err(host)?.min(255) as u8,
            Family::V6 => sockopt::ipv6_unicast_hops(&s.fd).map_err(host)?,
        };
        Ok(Some(Val::U8(hops)))
    })
}

fn set_hop_limit(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u8_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        positive(u64::from(value))?;
        match s.family {
            Family::V4 => sockopt::set_ip_ttl(&s.fd, u32::from(value)),
            Family::V6 => sockopt::set_ipv6_unicast_hops(&s.fd, Some(value)),
        }
        .map_err(host)?;
        Ok(None)
    })
}

fn receive_buffer_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        let size = sockopt::socket_recv_buffer_size(&s.fd).map_err(host)?;
        Ok(Some(Val::U64(size as u64)))
    })
}

fn set_receive_buffer_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u64_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        let size = usize::try_from(positive(value)?).unwrap_or(usize::MAX);
        sockopt::set_socket_recv_buffer_size(&s.fd, size.min(i32::MAX as usize)).map_err(host)?;
        Ok(None)
    })
}

fn send_buffer_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        let size = sockopt::socket_send_buffer_size(&s.fd).map_err(host)?;
        Ok(Some(Val::U64(size as u64)))
    })
}

fn set_send_buffer_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u64_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        let size = usize::try_from(positive(value)?).unwrap_or(usize::MAX);
        sockopt::set_socket_send_buffer_size(&s.fd, size.min(i32::MAX as usize)).map_err(host)?;
        Ok(None)
    })
}

/// A pollable for the socket of argument 0: a listening socket's is ready
/// when a connection waits to be accepted, a connecting one's when the
/// connection is made or has failed; any other's at once.
fn subscribe(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    socket(ctx, params)?;
    let socket: Resource<TcpSocket> = resource_arg(params, 0)?;
    Ok(Some(push(ctx, Pollable::TcpSocket(socket.rep()))?))
}

/// What the TCP socket `rep`'s pollable waits for: its descriptor and the
/// events, or nothing.
pub(super) fn socket_wait(ctx: &WasiCtx, rep: u32) -> Option<(BorrowedFd<'_>, PollFlags)> {
    let s = ctx
        .resources
        .get(&Resource::<TcpSocket>::new_borrow(rep))
        .ok()?;
    let events = match s.state {
        State::Listening => PollFlags::IN,
        State::Connecting => PollFlags::OUT,
        _ => return None,
    };
    Some((s.fd.as_fd(), events))
}

/// The `tcp` functions, by WIT name.
pub(super) const FUNCS: &[(&str, HostFn)] = &[
    ("[method]tcp-socket.start-bind", start_bind as HostFn),
    ("[method]tcp-socket.finish-bind", finish_bind),
    ("[method]tcp-socket.start-connect", start_connect),
    ("[method]tcp-socket.finish-connect", finish_connect),
    ("[method]tcp-socket.start-listen", start_listen),
    ("[method]tcp-socket.finish-listen", finish_listen),
    ("[method]tcp-socket.accept", accept),
    ("[method]tcp-socket.local-address", local_address),
    ("[method]tcp-socket.remote-address", remote_address),
    ("[method]tcp-socket.is-listening", is_listening),
    ("[method]tcp-socket.address-family", address_family),
    (
        "[method]tcp-socket.set-listen-backlog-size",
        set_listen_backlog_size,
    ),
    ("[method]tcp-socket.keep-alive-enabled", keep_alive_enabled),
    (
        "[method]tcp-socket.set-keep-alive-enabled",
        set_keep_alive_enabled,
    ),
    (
        "[method]tcp-socket.keep-alive-idle-time",
        keep_alive_idle_time,
    ),
    (
        "[method]tcp-socket.set-keep-alive-idle-time",
        set_keep_alive_idle_time,
    ),
    (
        "[method]tcp-socket.keep-alive-interval",
        keep_alive_interval,
    ),
    (
        "[method]tcp-socket.set-keep-alive-interval",
        set_keep_alive_interval,
    ),
    ("[method]tcp-socket.keep-alive-count", keep_alive_count),
    (
        "[method]tcp-socket.set-keep-alive-count",
        set_keep_alive_count,
    ),
    ("[method]tcp-socket.hop-limit", hop_limit),
    ("[method]tcp-socket.set-hop-limit", set_hop_limit),
    (
        "[method]tcp-socket.receive-buffer-size",
        receive_buffer_size,
    ),
    (
        "[method]tcp-socket.set-receive-buffer-size",
        set_receive_buffer_size,
    ),
    ("[method]tcp-socket.send-buffer-size", send_buffer_size),
    (
        "[method]tcp-socket.set-send-buffer-size",
        set_send_buffer_size,
    ),
    ("[method]tcp-socket.subscribe", subscribe),
    ("[method]tcp-socket.shutdown", shutdown),
];

/// The `tcp-create-socket` functions.
pub(super) const CREATE: &[(&str, HostFn)] = &[("create-tcp-socket", create_tcp_socket)];

/// Registers the resource types `wasi:sockets/tcp` uses on `tcp` (its
/// `network` is registered by the caller).
pub(super) fn resources<T: 'static>(tcp: &mut Interface<'_, T>) -> Result<(), Error> {
    tcp.resource::<IoError>("error")?;
    tcp.resource::<Pollable>("pollable")?;
    tcp.resource_with::<InputStream>("input-stream", drop_input)?;
    tcp.resource_with::<OutputStream>("output-stream", drop_output)?;
    tcp.resource::<TcpSocket>("tcp-socket")
}

/// Registers the functions of `wasi:sockets/tcp` and
/// `wasi:sockets/tcp-create-socket`.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    interface(linker, get, "wasi:sockets/tcp")?.funcs(FUNCS)?;
    interface(linker, get, "wasi:sockets/tcp-create-socket")?.funcs(CREATE)
}
