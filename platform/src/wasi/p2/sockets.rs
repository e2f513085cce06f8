//! `wasi:sockets`: `network`, `instance-network`, `ip-name-lookup`, `tcp`,
//! `tcp-create-socket`, `udp` and `udp-create-socket`, behind the `NET`
//! capability. Without it every function that can fail returns
//! `access-denied` (`instance-network` still hands out a `network`: it
//! grants nothing by itself).
//!
//! With `NET`: TCP ([`tcp`](super::tcp)) and UDP ([`udp`](super::udp))
//! on host sockets; `ip-name-lookup` resolves IP address literals and
//! `localhost` only (there is no resolver here: any other name is
//! `name-unresolvable`).
//!
//! A connect, an accept and a datagram receive do not wait (they say
//! `would-block` or return nothing); the pollables of a connecting or
//! listening TCP socket and of an incoming datagram stream wait for the
//! host's socket (`io.rs`), the others are ready at once.

use super::io::{Pollable, ready_pollable};
use super::vals::{enum_arg, enum_case, err, field, ok, own, record, resource_arg, table_trap};
use super::{Access, HostFn, interface};
use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::Errno;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use wisp_component::{Linker, Resource, Val};
use wisp_core::{Error, Trap};

/// A `network` (the only one: `instance-network`'s).
pub(crate) struct Network;

/// A `resolve-address-stream`: the addresses left to hand out.
pub(crate) struct Addresses(Vec<IpAddr>);

/// A `wasi:sockets` `error-code` case.
pub(crate) type Code = &'static str;

/// The result of a socket operation: a value or an `error-code`.
pub(crate) type NetResult<T = Option<Val>> = Result<T, Code>;

/// The `error-code` for `errno`.
pub(crate) fn code(errno: Errno) -> Code {
    use Errno::*;
    match errno {
        NotCapable | Acces | Perm => "access-denied",
        NotSup | AfNoSupport | ProtoNoSupport | NoSys | ProtoType => "not-supported",
        Inval | DestAddrReq | Fault | NoProtoOpt => "invalid-argument",
        NoMem | NoBufs => "out-of-memory",
        TimedOut => "timeout",
        Again => "would-block",
        IsConn | NotConn | Already | Badf | NotSock => "invalid-state",
        InProgress => "concurrency-conflict",
        Mfile | Nfile => "new-socket-limit",
        AddrNotAvail => "address-not-bindable",
        AddrInUse => "address-in-use",
        HostUnreach | NetUnreach | NetDown => "remote-unreachable",
        ConnRefused => "connection-refused",
        ConnReset | Pipe | NetReset => "connection-reset",
        ConnAborted => "connection-aborted",
        MsgSize => "datagram-too-large",
        _ => "unknown",
    }
}

/// The `error-code` for a host error.
pub(crate) fn host(e: rustix::io::Errno) -> Code {
    code(Errno::from(e))
}

/// Fails with `access-denied` unless the context grants `NET`.
pub(crate) fn allowed(ctx: &WasiCtx) -> NetResult<()> {
    if ctx.capabilities().contains(Capabilities::NET) {
        Ok(())
    } else {
        Err("access-denied")
    }
}

/// `result<T, error-code>` of `r`.
pub(crate) fn net_answer(r: NetResult) -> Option<Val> {
    Some(match r {
        Ok(value) => ok(value),
        Err(code) => err(enum_case(code)),
    })
}

/// Adds `value` to the context's resource table: an owned handle.
pub(crate) fn push<R: Send + 'static>(ctx: &mut WasiCtx, value: R) -> Result<Val, Trap> {
    Ok(own(ctx.resources.push(value).map_err(table_trap)?))
}

/// An address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

impl Family {
    /// The family of `addr`.
    pub(crate) fn of(addr: &SocketAddr) -> Self {
        match addr {
            SocketAddr::V4(_) => Family::V4,
            SocketAddr::V6(_) => Family::V6,
        }
    }

    /// The `ip-address-family` value.
    pub(crate) fn val(self) -> Val {
        enum_case(match self {
            Family::V4 => "ipv4",
            Family::V6 => "ipv6",
        })
    }
}

/// The `ip-address-family` argument `i`.
pub(crate) fn family_arg(params: &[Val], i: usize) -> Result<Family, Trap> {
    match enum_arg(params, i)? {
        "ipv4" => Ok(Family::V4),
        "ipv6" => Ok(Family::V6),
        _ => Err(bad(i)),
    }
}

#[cold]
fn bad(i: usize) -> Trap {
    Trap::host(alloc::format!("WASI: argument {i} is not an address"))
}

/// The numbers of a tuple of `u8`s or `u16`s.
fn numbers(v: &Val) -> Option<Vec<u16>> {
    let Val::Tuple(items) = v else { return None };
    items
        .iter()
        .map(|n| match n {
            Val::U8(b) => Some(u16::from(*b)),
            Val::U16(w) => Some(*w),
            _ => None,
        })
        .collect()
}

/// A `u16` or `u32` field value.
fn number(v: &Val) -> Option<u32> {
    match v {
        Val::U16(n) => Some(u32::from(*n)),
        Val::U32(n) => Some(*n),
        _ => None,
    }
}

/// The `ip-socket-address` argument `i`.
pub(crate) fn socket_address_arg(params: &[Val], i: usize) -> Result<SocketAddr, Trap> {
    let Some(Val::Variant(case, Some(rec))) = params.get(i) else {
        return Err(bad(i));
    };
    let port = number(field(rec, 0, i)?).ok_or_else(|| bad(i))? as u16;
    match case.as_str() {
        "ipv4" => match numbers(field(rec, 1, i)?).as_deref() {
            Some(&[a, b, c, d]) => {
                let ip = Ipv4Addr::new(a as u8, b as u8, c as u8, d as u8);
                Ok(SocketAddr::V4(SocketAddrV4::new(ip, port)))
            }
            _ => Err(bad(i)),
        },
        "ipv6" => {
            let flow = number(field(rec, 1, i)?).ok_or_else(|| bad(i))?;
            let scope = number(field(rec, 3, i)?).ok_or_else(|| bad(i))?;
            match numbers(field(rec, 2, i)?).as_deref() {
                Some(&[a, b, c, d, e, f, g, h]) => {
                    let ip = Ipv6Addr::new(a, b, c, d, e, f, g, h);
                    Ok(SocketAddr::V6(SocketAddrV6::new(ip, port, flow, scope)))
                }
                _ => Err(bad(i)),
            }
        }
        _ => Err(bad(i)),
    }
}

/// The `ipv4-address` or `ipv6-address` tuple of `ip`.
fn address_tuple(ip: IpAddr) -> Val {
    Val::Tuple(match ip {
        IpAddr::V4(v4) => v4.octets().iter().map(|b| Val::U8(*b)).collect(),
        IpAddr::V6(v6) => v6.segments().iter().map(|w| Val::U16(*w)).collect(),
    })
}

/// The `ip-address` value of `ip`.
pub(crate) fn ip_address(ip: IpAddr) -> Val {
    let case = if ip.is_ipv4() { "ipv4" } else { "ipv6" };
    Val::Variant(case.into(), Some(Box::new(address_tuple(ip))))
}

/// The `ip-socket-address` value of `addr`.
pub(crate) fn socket_address(addr: SocketAddr) -> Val {
    let (case, rec) = match addr {
        SocketAddr::V4(a) => (
            "ipv4",
            record([
                ("port", Val::U16(a.port())),
                ("address", address_tuple(IpAddr::V4(*a.ip()))),
            ]),
        ),
        SocketAddr::V6(a) => (
            "ipv6",
            record([
                ("port", Val::U16(a.port())),
                ("flow-info", Val::U32(a.flowinfo())),
                ("address", address_tuple(IpAddr::V6(*a.ip()))),
                ("scope-id", Val::U32(a.scope_id())),
            ]),
        ),
    };
    Val::Variant(case.into(), Some(Box::new(rec)))
}

/// `instance-network()`: the network handle (always; using it needs
/// `NET`).
fn instance_network(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(push(ctx, Network)?))
}

/// The addresses `name` stands for: an IP address literal, or `localhost`.
pub(crate) fn lookup(name: &str) -> NetResult<Vec<IpAddr>> {
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Ok(alloc::vec![ip]);
    }
    if name.eq_ignore_ascii_case("localhost") {
        return Ok(alloc::vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ]);
    }
    if name.is_empty() || name.contains(['[', ']', '/', ' ', ':']) {
        return Err("invalid-argument");
    }
    Err("name-unresolvable")
}

/// `resolve-addresses(network, name)`.
fn resolve_addresses(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    resource_arg::<Network>(params, 0)?;
    let Some(Val::String(name)) = params.get(1) else {
        return Err(bad(1));
    };
    let found = allowed(ctx).and_then(|()| lookup(name));
    match found {
        Ok(mut list) => {
            list.reverse();
            let stream = push(ctx, Addresses(list))?;
            Ok(net_answer(Ok(Some(stream))))
        }
        Err(code) => Ok(net_answer(Err(code))),
    }
}

/// `resolve-next-address()`: the next address, or `none` at the end.
fn resolve_next_address(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<Addresses> = resource_arg(params, 0)?;
    let denied = allowed(ctx);
    let list = ctx.resources.get_mut(&stream).map_err(table_trap)?;
    let next = denied.map(|()| Some(Val::Option(list.0.pop().map(ip_address).map(Box::new))));
    Ok(net_answer(next))
}

/// The functions of `wasi:sockets` other than `tcp`'s, by interface.
pub(super) const FUNCS: &[(&str, &str, HostFn)] = &[
    (
        "wasi:sockets/instance-network",
        "instance-network",
        instance_network,
    ),
    (
        "wasi:sockets/ip-name-lookup",
        "resolve-addresses",
        resolve_addresses,
    ),
    (
        "wasi:sockets/ip-name-lookup",
        "[method]resolve-address-stream.resolve-next-address",
        resolve_next_address,
    ),
    (
        "wasi:sockets/ip-name-lookup",
        "[method]resolve-address-stream.subscribe",
        ready_pollable,
    ),
];

/// Registers the `wasi:sockets` interfaces.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    interface(linker, get, "wasi:sockets/network")?.resource::<Network>("network")?;
    for name in [
        "wasi:sockets/instance-network",
        "wasi:sockets/ip-name-lookup",
        "wasi:sockets/tcp",
        "wasi:sockets/tcp-create-socket",
        "wasi:sockets/udp",
        "wasi:sockets/udp-create-socket",
    ] {
        let mut i = interface(linker, get, name)?;
        i.resource::<Network>("network")?;
        match name {
            "wasi:sockets/ip-name-lookup" => {
                i.resource::<Pollable>("pollable")?;
                i.resource::<Addresses>("resolve-address-stream")?;
            }
            "wasi:sockets/tcp" => super::tcp::resources(&mut i)?,
            "wasi:sockets/tcp-create-socket" => {
                i.resource::<super::tcp::TcpSocket>("tcp-socket")?;
            }
            "wasi:sockets/udp" => super::udp::resources(&mut i)?,
            "wasi:sockets/udp-create-socket" => {
                i.resource::<super::udp::UdpSocket>("udp-socket")?;
            }
            _ => {}
        }
        for (iface, func, f) in FUNCS {
            if *iface == name {
                i.func(func, *f)?;
            }
        }
    }
    super::tcp::add(linker, get)?;
    super::udp::add(linker, get)
}
