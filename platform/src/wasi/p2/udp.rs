//! `wasi:sockets/udp` and `wasi:sockets/udp-create-socket`: UDP sockets on
//! host sockets (`rustix::net`), behind the `NET` capability.
//!
//! `start-bind` binds and `finish-bind` reports it; `stream(remote)`
//! connects the socket to `remote` (or disconnects it) and hands out a
//! pair of datagram streams, each on a duplicate of the socket it owns.
//! `receive` takes the datagrams that have arrived, up to `max-results`,
//! without waiting; an incoming stream's pollable is ready when a datagram
//! is there (the others' at once).

use super::io::{Pollable, ready_pollable};
use super::sockets::{
    Family, NetResult, Network, allowed, code, family_arg, host, net_answer, push, socket_address,
    socket_address_arg,
};
use super::tcp::{check_family, new_socket};
use super::vals::{bytes, bytes_arg, field, record, resource_arg, table_trap, u8_arg, u64_arg};
use super::{Access, HostFn, Interface, interface};
use crate::wasi::ctx::WasiCtx;
use crate::wasi::funcs::retry;
use alloc::vec::Vec;
use core::net::SocketAddr;
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::net::{RecvFlags, SendFlags, SocketType, sockopt};
use wisp_component::{Linker, Resource, Val};
use wisp_core::{Error, Trap};

/// Where a UDP socket is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Created, not bound.
    Unbound,
    /// `start-bind` bound it; `finish-bind` has not been called.
    BindStarted,
    /// Bound (and possibly connected to a remote address by `stream`).
    Bound,
}

/// A `udp-socket`.
pub(crate) struct UdpSocket {
    fd: OwnedFd,
    family: Family,
    state: State,
    /// The remote address `stream` connected the socket to.
    remote: Option<SocketAddr>,
}

/// An `incoming-datagram-stream`: receives on its own duplicate of the
/// socket.
pub(crate) struct IncomingDatagrams {
    fd: OwnedFd,
}

/// An `outgoing-datagram-stream`: sends on its own duplicate of the
/// socket, to `remote` if the socket was connected, else to each
/// datagram's address.
pub(crate) struct OutgoingDatagrams {
    fd: OwnedFd,
    family: Family,
    remote: Option<SocketAddr>,
}

/// The largest datagram (and so the receive buffer).
const MAX_DATAGRAM: usize = 64 * 1024;

/// How many datagrams `check-send` allows at once.
const SEND_PERMIT: u64 = 64;

#[cfg(not(target_vendor = "apple"))]
const NO_SIGNAL: SendFlags = SendFlags::NOSIGNAL;
#[cfg(target_vendor = "apple")]
const NO_SIGNAL: SendFlags = SendFlags::empty();

/// `create-udp-socket(address-family)`.
fn create_udp_socket(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let family = family_arg(params, 0)?;
    match allowed(ctx).and_then(|()| new_socket(family, SocketType::DGRAM)) {
        Ok(fd) => {
            let socket = UdpSocket {
                fd,
                family,
                state: State::Unbound,
                remote: None,
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
    op: impl FnOnce(&mut UdpSocket) -> NetResult,
) -> Result<Option<Val>, Trap> {
    let socket: Resource<UdpSocket> = resource_arg(params, 0)?;
    let denied = allowed(ctx);
    let s = ctx.resources.get_mut(&socket).map_err(table_trap)?;
    Ok(net_answer(denied.and_then(|()| op(s))))
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
        rustix::net::bind(&s.fd, &addr).map_err(host)?;
        s.state = State::BindStarted;
        Ok(None)
    })
}

fn finish_bind(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        if s.state != State::BindStarted {
            return Err("not-in-progress");
        }
        s.state = State::Bound;
        Ok(None)
    })
}

/// The `option<ip-socket-address>` argument `i`.
fn remote_arg(params: &[Val], i: usize) -> Result<Option<SocketAddr>, Trap> {
    match params.get(i) {
        Some(Val::Option(None)) => Ok(None),
        Some(Val::Option(Some(addr))) => {
            Ok(Some(socket_address_arg(core::slice::from_ref(&**addr), 0)?))
        }
        _ => Err(Trap::host("WASI: an option of an address expected")),
    }
}

/// Checks a remote address: of the socket's family, a specified address
/// and a port.
fn check_remote(family: Family, addr: &SocketAddr) -> NetResult<()> {
    check_family(family, addr)?;
    if addr.ip().is_unspecified() || addr.port() == 0 {
        return Err("invalid-argument");
    }
    Ok(())
}

/// `stream(remote-address)`: connects the socket to `remote-address` (or
/// disconnects it) and returns its datagram streams.
fn stream(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let remote = remote_arg(params, 1)?;
    let mut made = None;
    let checked = with_socket(ctx, params, |s| {
        if s.state != State::Bound {
            return Err("invalid-state");
        }
        match &remote {
            Some(addr) => {
                check_remote(s.family, addr)?;
                rustix::net::connect(&s.fd, addr).map_err(host)?;
            }
            None if s.remote.is_some() => match rustix::net::connect_unspec(&s.fd) {
                // Some hosts report the disconnection itself as an error.
                Ok(()) | Err(rustix::io::Errno::AFNOSUPPORT) => {}
                Err(e) => return Err(host(e)),
            },
            None => {}
        }
        s.remote = remote;
        let dup = || rustix::io::fcntl_dupfd_cloexec(&s.fd, 0).map_err(host);
        let incoming = IncomingDatagrams { fd: dup()? };
        let outgoing = OutgoingDatagrams {
            fd: dup()?,
            family: s.family,
            remote,
        };
        made = Some((incoming, outgoing));
        Ok(None)
    })?;
    let Some((incoming, outgoing)) = made else {
        return Ok(checked);
    };
    let pair = alloc::vec![push(ctx, incoming)?, push(ctx, outgoing)?];
    Ok(net_answer(Ok(Some(Val::Tuple(pair)))))
}

/// The socket address `addr` of a host call.
fn address(addr: rustix::io::Result<rustix::net::SocketAddrAny>) -> NetResult {
    let addr = SocketAddr::try_from(addr.map_err(host)?).map_err(|_| "not-supported")?;
    Ok(Some(socket_address(addr)))
}

fn local_address(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| match s.state {
        State::Unbound => Err("invalid-state"),
        _ => address(rustix::net::getsockname(&s.fd)),
    })
}

fn remote_address(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| match s.remote {
        Some(addr) => Ok(Some(socket_address(addr))),
        None => Err("invalid-state"),
    })
}

fn address_family(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let socket: Resource<UdpSocket> = resource_arg(params, 0)?;
    let s = ctx.resources.get(&socket).map_err(table_trap)?;
    Ok(Some(s.family.val()))
}

fn unicast_hop_limit(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    with_socket(ctx, params, |s| {
        let hops = match s.family {
            Family::V4 => sockopt::ip_ttl(&s.fd).map_err(host)?.min(255) as u8,
            Family::V6 => sockopt::ipv6_unicast_hops(&s.fd).map_err(host)?,
        };
        Ok(Some(Val::U8(hops)))
    })
}

fn set_unicast_hop_limit(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let value = u8_arg(params, 1)?;
    with_socket(ctx, params, |s| {
        if value == 0 {
            return Err("invalid-argument");
        }
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
        let size = buffer_size(value)?;
        sockopt::set_socket_recv_buffer_size(&s.fd, size).map_err(host)?;
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
        let size = buffer_size(value)?;
        sockopt::set_socket_send_buffer_size(&s.fd, size).map_err(host)?;
        Ok(None)
    })
}

/// A buffer size for the host: positive, at most `i32::MAX`.
fn buffer_size(value: u64) -> NetResult<usize> {
    if value == 0 {
        return Err("invalid-argument");
    }
    Ok(value.min(i32::MAX as u64) as usize)
}

/// `incoming-datagram-stream.subscribe`: ready when a datagram is there.
fn subscribe_incoming(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<IncomingDatagrams> = resource_arg(params, 0)?;
    ctx.resources.get(&stream).map_err(table_trap)?;
    Ok(Some(push(ctx, Pollable::Datagrams(stream.rep()))?))
}

/// The descriptor of the incoming datagram stream `rep`.
pub(super) fn incoming_fd(ctx: &WasiCtx, rep: u32) -> Option<BorrowedFd<'_>> {
    let stream = Resource::<IncomingDatagrams>::new_borrow(rep);
    Some(ctx.resources.get(&stream).ok()?.fd.as_fd())
}

/// One datagram from `fd` (received into `buf`, `MAX_DATAGRAM` bytes),
/// without waiting; `None` when none is there.
fn receive_one(fd: &OwnedFd, buf: &mut [u8]) -> NetResult<Option<Val>> {
    let flags = RecvFlags::DONTWAIT;
    let received = retry(|| rustix::net::recvfrom(fd, &mut *buf, flags));
    let (n, _, from) = match received {
        Ok(r) => r,
        Err(crate::wasi::Errno::Again) => return Ok(None),
        Err(e) => return Err(code(e)),
    };
    let from = from
        .and_then(|a| SocketAddr::try_from(a).ok())
        .ok_or("invalid-state")?;
    Ok(Some(record([
        ("data", bytes(&buf[..n])),
        ("remote-address", socket_address(from)),
    ])))
}

/// `receive(max-results)`: the datagrams already queued, up to
/// `max-results` (none if none is: the stream's pollable waits for one).
fn receive(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let max = u64_arg(params, 1)?;
    let stream: Resource<IncomingDatagrams> = resource_arg(params, 0)?;
    let denied = allowed(ctx);
    let s = ctx.resources.get(&stream).map_err(table_trap)?;
    let received = denied.and_then(|()| {
        let mut list = Vec::new();
        let mut buf = alloc::vec![0u8; MAX_DATAGRAM];
        while (list.len() as u64) < max {
            match receive_one(&s.fd, &mut buf) {
                Ok(Some(datagram)) => list.push(datagram),
                Ok(None) => break,
                Err(code) if list.is_empty() => return Err(code),
                Err(_) => break,
            }
        }
        Ok(Some(Val::List(list)))
    });
    Ok(net_answer(received))
}

/// `check-send()`: how many datagrams `send` takes now.
fn check_send(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutgoingDatagrams> = resource_arg(params, 0)?;
    ctx.resources.get(&stream).map_err(table_trap)?;
    Ok(net_answer(
        allowed(ctx).map(|()| Some(Val::U64(SEND_PERMIT))),
    ))
}

/// Sends one `outgoing-datagram` on `s`.
fn send_one(s: &OutgoingDatagrams, datagram: &Val) -> Result<NetResult<()>, Trap> {
    let data = bytes_arg(core::slice::from_ref(field(datagram, 0, 1)?), 0)?;
    let to = remote_arg(core::slice::from_ref(field(datagram, 1, 1)?), 0)?;
    let sent = match (s.remote, to) {
        (Some(remote), Some(to)) if remote != to => Err("invalid-argument"),
        (Some(_), _) => retry(|| rustix::net::send(&s.fd, &data, NO_SIGNAL)).map_err(code),
        (None, Some(to)) => check_remote(s.family, &to).and_then(|()| {
            retry(|| rustix::net::sendto(&s.fd, &data, NO_SIGNAL, &to)).map_err(code)
        }),
        (None, None) => Err("invalid-argument"),
    };
    Ok(sent.map(drop))
}

/// `send(datagrams)`: sends them in order; how many were sent (an error
/// only if the first fails).
fn send(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutgoingDatagrams> = resource_arg(params, 0)?;
    let Some(Val::List(datagrams)) = params.get(1) else {
        return Err(Trap::host("WASI: send takes a list of datagrams"));
    };
    let denied = allowed(ctx);
    let s = ctx.resources.get(&stream).map_err(table_trap)?;
    if let Err(code) = denied {
        return Ok(net_answer(Err(code)));
    }
    let mut sent = 0u64;
    for datagram in datagrams {
        match send_one(s, datagram)? {
            Ok(()) => sent += 1,
            Err(code) if sent == 0 => return Ok(net_answer(Err(code))),
            Err(_) => break,
        }
    }
    Ok(net_answer(Ok(Some(Val::U64(sent)))))
}

/// The `udp` functions, by WIT name.
pub(super) const FUNCS: &[(&str, HostFn)] = &[
    ("[method]udp-socket.start-bind", start_bind as HostFn),
    ("[method]udp-socket.finish-bind", finish_bind),
    ("[method]udp-socket.stream", stream),
    ("[method]udp-socket.local-address", local_address),
    ("[method]udp-socket.remote-address", remote_address),
    ("[method]udp-socket.address-family", address_family),
    ("[method]udp-socket.unicast-hop-limit", unicast_hop_limit),
    (
        "[method]udp-socket.set-unicast-hop-limit",
        set_unicast_hop_limit,
    ),
    (
        "[method]udp-socket.receive-buffer-size",
        receive_buffer_size,
    ),
    (
        "[method]udp-socket.set-receive-buffer-size",
        set_receive_buffer_size,
    ),
    ("[method]udp-socket.send-buffer-size", send_buffer_size),
    (
        "[method]udp-socket.set-send-buffer-size",
        set_send_buffer_size,
    ),
    ("[method]udp-socket.subscribe", ready_pollable),
    ("[method]incoming-datagram-stream.receive", receive),
    (
        "[method]incoming-datagram-stream.subscribe",
        subscribe_incoming,
    ),
    ("[method]outgoing-datagram-stream.check-send", check_send),
    ("[method]outgoing-datagram-stream.send", send),
    ("[method]outgoing-datagram-stream.subscribe", ready_pollable),
];

/// The `udp-create-socket` functions.
pub(super) const CREATE: &[(&str, HostFn)] = &[("create-udp-socket", create_udp_socket)];

/// Registers the resource types `wasi:sockets/udp` uses on `udp` (its
/// `network` is registered by the caller).
pub(super) fn resources<T: 'static>(udp: &mut Interface<'_, T>) -> Result<(), Error> {
    udp.resource::<Pollable>("pollable")?;
    udp.resource::<UdpSocket>("udp-socket")?;
    udp.resource::<IncomingDatagrams>("incoming-datagram-stream")?;
    udp.resource::<OutgoingDatagrams>("outgoing-datagram-stream")
}

/// Registers the functions of `wasi:sockets/udp` and
/// `wasi:sockets/udp-create-socket`.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    interface(linker, get, "wasi:sockets/udp")?.funcs(FUNCS)?;
    interface(linker, get, "wasi:sockets/udp-create-socket")?.funcs(CREATE)
}
