//! `wasi:sockets` host functions called directly: the `NET` capability's
//! denial of every operation that can fail, the error-code table, address
//! values, name lookup, and a TCP connection on the loopback interface
//! through the state machine.

extern crate std;

use super::HostFn;
use super::io::{self, InputStream, OutputStream, Pollable, WriteAt, monotonic_now};
use super::sockets::{self, Network, code, lookup, socket_address, socket_address_arg};
use super::tcp::{self, TcpSocket};
use super::udp::{self, IncomingDatagrams, OutgoingDatagrams, UdpSocket};
use crate::wasi::fd_table::Entry;
use crate::wasi::{Capabilities, Errno, WasiCtx, WasiCtxBuilder};
use alloc::string::String;
use alloc::vec::Vec;
use core::net::SocketAddr;
use rustix::fd::OwnedFd;
use wisp_component::{Resource, ResourceAny, Val};

/// Every case of `wasi:sockets/network`'s `error-code`.
const ERROR_CODES: [&str; 21] = [
    "unknown",
    "access-denied",
    "not-supported",
    "invalid-argument",
    "out-of-memory",
    "timeout",
    "concurrency-conflict",
    "not-in-progress",
    "would-block",
    "invalid-state",
    "new-socket-limit",
    "address-not-bindable",
    "address-in-use",
    "remote-unreachable",
    "connection-refused",
    "connection-reset",
    "connection-aborted",
    "datagram-too-large",
    "name-unresolvable",
    "temporary-resolver-failure",
    "permanent-resolver-failure",
];

/// Calls the `wasi:sockets` function `name`.
fn call(ctx: &mut WasiCtx, name: &str, params: &[Val]) -> Val {
    let f: HostFn = sockets::FUNCS
        .iter()
        .map(|(_, n, f)| (*n, *f))
        .chain(tcp::FUNCS.iter().copied())
        .chain(tcp::CREATE.iter().copied())
        .chain(udp::FUNCS.iter().copied())
        .chain(udp::CREATE.iter().copied())
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1;
    f(ctx, params).unwrap().unwrap_or(Val::Tuple(Vec::new()))
}

/// A borrowed handle to the host resource `R` numbered `rep`.
fn handle<R: 'static>(rep: u32) -> Val {
    Val::Resource(ResourceAny::from_resource(Resource::<R>::new_borrow(rep)))
}

/// The representation of a handle value to a TCP socket.
fn rep(v: &Val) -> u32 {
    rep_of::<TcpSocket>(v)
}

/// The representation of a handle value to an `R`.
fn rep_of<R: 'static>(v: &Val) -> u32 {
    match v {
        Val::Resource(r) => r.clone().try_into_resource::<R>().unwrap().rep(),
        other => panic!("not a resource: {other:?}"),
    }
}

/// A borrow of the handle value `v` to an `R`.
fn borrow<R: 'static>(v: &Val) -> Val {
    handle::<R>(rep_of::<R>(v))
}

/// The error code of a `result`, or `None` for `ok`.
fn error(v: &Val) -> Option<String> {
    match v {
        Val::Result(Ok(_)) => None,
        Val::Result(Err(Some(e))) => match &**e {
            Val::Enum(c) => Some(c.clone()),
            other => panic!("not an error-code: {other:?}"),
        },
        other => panic!("not a result: {other:?}"),
    }
}

/// The `ok` payload of a `result`.
fn ok(v: Val) -> Val {
    match v {
        Val::Result(Ok(Some(v))) => *v,
        other => panic!("not ok with a value: {other:?}"),
    }
}

fn family(name: &str) -> Val {
    Val::Enum(name.into())
}

fn addr(text: &str) -> Val {
    socket_address(text.parse::<SocketAddr>().unwrap())
}

fn ctx(caps: Capabilities) -> WasiCtx {
    WasiCtxBuilder::new().capabilities(caps).build()
}

#[test]
fn every_errno_has_a_network_error_code() {
    for &errno in Errno::ALL {
        let c = code(errno);
        assert!(ERROR_CODES.contains(&c), "{errno:?} maps to {c}");
    }
    assert_eq!(code(Errno::NotCapable), "access-denied");
    assert_eq!(code(Errno::ConnRefused), "connection-refused");
    assert_eq!(code(Errno::AddrInUse), "address-in-use");
    assert_eq!(code(Errno::Again), "would-block");
}

#[test]
fn addresses_round_trip() {
    for text in ["127.0.0.1:80", "[::1]:8080", "[fe80::1%3]:1", "0.0.0.0:0"] {
        let a: SocketAddr = text.parse().unwrap();
        let v = socket_address(a);
        assert_eq!(socket_address_arg(&[v], 0).unwrap(), a, "{text}");
    }
    assert!(socket_address_arg(&[Val::U32(1)], 0).is_err());
}

#[test]
fn names_are_literals_or_localhost() {
    assert_eq!(lookup("10.1.2.3").unwrap().len(), 1);
    assert_eq!(lookup("::1").unwrap().len(), 1);
    assert_eq!(lookup("LocalHost").unwrap().len(), 2);
    assert_eq!(lookup("example.com"), Err("name-unresolvable"));
    assert_eq!(lookup(""), Err("invalid-argument"));
    assert_eq!(lookup("[::1]"), Err("invalid-argument"));
}

#[test]
fn without_net_every_operation_is_access_denied() {
    let mut ctx = ctx(Capabilities::ALL.difference(Capabilities::NET));
    // The network handle is handed out: it grants nothing by itself.
    let network = call(&mut ctx, "instance-network", &[]);
    assert!(matches!(network, Val::Resource(_)));
    let net = handle::<Network>(0);
    for (name, params) in [
        ("create-tcp-socket", alloc::vec![family("ipv4")]),
        ("create-udp-socket", alloc::vec![family("ipv6")]),
        (
            "resolve-addresses",
            alloc::vec![net.clone(), Val::String("localhost".into())],
        ),
    ] {
        let v = call(&mut ctx, name, &params);
        assert_eq!(error(&v).as_deref(), Some("access-denied"), "{name}");
    }
    // A socket made while NET was granted: every method that can fail
    // refuses once it is not.
    let mut ctx = self::ctx(Capabilities::NET);
    let net = ok_resource(call(&mut ctx, "instance-network", &[]));
    let socket = ok(call(&mut ctx, "create-tcp-socket", &[family("ipv4")]));
    let s = handle::<TcpSocket>(rep(&socket));
    ctx.caps = Capabilities::NONE;
    let calls: &[(&str, Vec<Val>)] = &[
        ("start-bind", alloc::vec![net.clone(), addr("127.0.0.1:0")]),
        ("finish-bind", alloc::vec![]),
        (
            "start-connect",
            alloc::vec![net.clone(), addr("127.0.0.1:9")],
        ),
        ("finish-connect", alloc::vec![]),
        ("start-listen", alloc::vec![]),
        ("finish-listen", alloc::vec![]),
        ("accept", alloc::vec![]),
        ("local-address", alloc::vec![]),
        ("remote-address", alloc::vec![]),
        ("set-listen-backlog-size", alloc::vec![Val::U64(5)]),
        ("keep-alive-enabled", alloc::vec![]),
        ("set-keep-alive-enabled", alloc::vec![Val::Bool(true)]),
        ("keep-alive-idle-time", alloc::vec![]),
        ("set-keep-alive-idle-time", alloc::vec![Val::U64(1)]),
        ("keep-alive-interval", alloc::vec![]),
        ("set-keep-alive-interval", alloc::vec![Val::U64(1)]),
        ("keep-alive-count", alloc::vec![]),
        ("set-keep-alive-count", alloc::vec![Val::U32(1)]),
        ("hop-limit", alloc::vec![]),
        ("set-hop-limit", alloc::vec![Val::U8(1)]),
        ("receive-buffer-size", alloc::vec![]),
        ("set-receive-buffer-size", alloc::vec![Val::U64(1)]),
        ("send-buffer-size", alloc::vec![]),
        ("set-send-buffer-size", alloc::vec![Val::U64(1)]),
        ("shutdown", alloc::vec![Val::Enum("both".into())]),
    ];
    for (method, args) in calls {
        let mut params = alloc::vec![s.clone()];
        params.extend(args.iter().cloned());
        let v = call(
            &mut ctx,
            &std::format!("[method]tcp-socket.{method}"),
            &params,
        );
        assert_eq!(error(&v).as_deref(), Some("access-denied"), "{method}");
    }
    let v = call(
        &mut ctx,
        "[method]tcp-socket.is-listening",
        core::slice::from_ref(&s),
    );
    assert_eq!(v, Val::Bool(false));
}

/// The `network` handle of an `instance-network` result, as a borrow.
fn ok_resource(v: Val) -> Val {
    match v {
        Val::Resource(r) => {
            let r = r.try_into_resource::<Network>().unwrap();
            handle::<Network>(r.rep())
        }
        other => panic!("{other:?}"),
    }
}

/// An `outgoing-datagram` of `data`, to `to` if given.
fn datagram(data: &[u8], to: Option<&str>) -> Val {
    Val::Record(alloc::vec![
        (
            "data".into(),
            Val::List(data.iter().map(|b| Val::U8(*b)).collect())
        ),
        (
            "remote-address".into(),
            Val::Option(to.map(|a| alloc::boxed::Box::new(addr(a)))),
        ),
    ])
}

#[test]
fn udp_datagrams_on_loopback() {
    let mut ctx = ctx(Capabilities::NET);
    let net = ok_resource(call(&mut ctx, "instance-network", &[]));
    let m = |name: &str| std::format!("[method]udp-socket.{name}");
    let a = ok(call(&mut ctx, "create-udp-socket", &[family("ipv4")]));
    let a = borrow::<UdpSocket>(&a);
    let b = ok(call(&mut ctx, "create-udp-socket", &[family("ipv4")]));
    let b = borrow::<UdpSocket>(&b);
    let none = Val::Option(None);
    let v = call(&mut ctx, &m("stream"), &[a.clone(), none.clone()]);
    assert_eq!(error(&v).as_deref(), Some("invalid-state"));
    let mut local = Vec::new();
    for s in [&a, &b] {
        let bind = [s.clone(), net.clone(), addr("127.0.0.1:0")];
        assert_eq!(error(&call(&mut ctx, &m("start-bind"), &bind)), None);
        let v = call(&mut ctx, &m("finish-bind"), core::slice::from_ref(s));
        assert_eq!(error(&v), None);
        local.push(ok(call(
            &mut ctx,
            &m("local-address"),
            core::slice::from_ref(s),
        )));
    }
    let Val::Tuple(a_io) = ok(call(&mut ctx, &m("stream"), &[a.clone(), none])) else {
        panic!("no streams")
    };
    let to_a = Val::Option(Some(alloc::boxed::Box::new(local[0].clone())));
    let Val::Tuple(b_io) = ok(call(&mut ctx, &m("stream"), &[b.clone(), to_a])) else {
        panic!("no streams")
    };
    let send = "[method]outgoing-datagram-stream.send";
    let receive = "[method]incoming-datagram-stream.receive";
    let (a_in, a_out) = (
        borrow::<IncomingDatagrams>(&a_io[0]),
        borrow::<OutgoingDatagrams>(&a_io[1]),
    );
    let (b_in, b_out) = (
        borrow::<IncomingDatagrams>(&b_io[0]),
        borrow::<OutgoingDatagrams>(&b_io[1]),
    );
    // a's incoming stream is ready once a datagram is there.
    let a_ready = call(
        &mut ctx,
        "[method]incoming-datagram-stream.subscribe",
        core::slice::from_ref(&a_in),
    );
    assert!(!is_ready(&mut ctx, &a_ready));
    let v = call(&mut ctx, receive, &[a_in.clone(), Val::U64(4)]);
    assert_eq!(
        ok(v),
        Val::List(Vec::new()),
        "nothing yet, nothing waited for"
    );
    // b is connected to a: no address needed.
    let v = call(
        &mut ctx,
        send,
        &[b_out.clone(), Val::List(alloc::vec![datagram(b"hi", None)])],
    );
    assert_eq!(ok(v), Val::U64(1));
    assert!(is_ready(&mut ctx, &a_ready));
    let Val::List(got) = ok(call(&mut ctx, receive, &[a_in, Val::U64(4)])) else {
        panic!("no list")
    };
    assert_eq!(got.len(), 1);
    let Val::Record(fields) = &got[0] else {
        panic!()
    };
    assert_eq!(fields[0].1, Val::Bytes(b"hi".to_vec()));
    assert_eq!(fields[1].1, local[1]);
    // a is not connected: each datagram names its peer.
    let b_addr = socket_address_arg(core::slice::from_ref(&local[1]), 0).unwrap();
    let b_addr = std::format!("{b_addr}");
    let v = call(
        &mut ctx,
        send,
        &[a_out.clone(), Val::List(alloc::vec![datagram(b"", None)])],
    );
    assert_eq!(error(&v).as_deref(), Some("invalid-argument"));
    let two = Val::List(alloc::vec![
        datagram(b"yo", Some(&b_addr)),
        datagram(b"!", Some(&b_addr))
    ]);
    assert_eq!(ok(call(&mut ctx, send, &[a_out, two])), Val::U64(2));
    let Val::List(got) = ok(call(&mut ctx, receive, &[b_in.clone(), Val::U64(1)])) else {
        panic!("no list")
    };
    assert_eq!(got.len(), 1);
    let Val::List(got) = ok(call(&mut ctx, receive, &[b_in, Val::U64(0)])) else {
        panic!("no list")
    };
    assert!(got.is_empty());
    // b sends only to a.
    let elsewhere = Val::List(alloc::vec![datagram(b"x", Some("127.0.0.1:9"))]);
    let v = call(&mut ctx, send, &[b_out, elsewhere]);
    assert_eq!(error(&v).as_deref(), Some("invalid-argument"));
    assert_eq!(
        ok(call(
            &mut ctx,
            &m("remote-address"),
            core::slice::from_ref(&b)
        )),
        local[0]
    );
    let v = call(&mut ctx, &m("remote-address"), core::slice::from_ref(&a));
    assert_eq!(error(&v).as_deref(), Some("invalid-state"));
    // Without NET every method that can fail refuses.
    ctx.caps = Capabilities::NONE;
    let v = call(&mut ctx, "create-udp-socket", &[family("ipv4")]);
    assert_eq!(error(&v).as_deref(), Some("access-denied"));
    for method in [
        "local-address",
        "remote-address",
        "receive-buffer-size",
        "unicast-hop-limit",
    ] {
        let v = call(&mut ctx, &m(method), core::slice::from_ref(&a));
        assert_eq!(error(&v).as_deref(), Some("access-denied"), "{method}");
    }
}

#[test]
fn tcp_connects_on_loopback_through_every_state() {
    let mut ctx = ctx(Capabilities::NET);
    let net = ok_resource(call(&mut ctx, "instance-network", &[]));
    let m = |name: &str| std::format!("[method]tcp-socket.{name}");
    let server = ok(call(&mut ctx, "create-tcp-socket", &[family("ipv4")]));
    let srv = handle::<TcpSocket>(rep(&server));
    // Out of order, or the wrong family: refused, nothing changes.
    let v = call(&mut ctx, &m("finish-bind"), core::slice::from_ref(&srv));
    assert_eq!(error(&v).as_deref(), Some("not-in-progress"));
    let v = call(&mut ctx, &m("start-listen"), core::slice::from_ref(&srv));
    assert_eq!(error(&v).as_deref(), Some("invalid-state"));
    let v = call(&mut ctx, &m("local-address"), core::slice::from_ref(&srv));
    assert_eq!(error(&v).as_deref(), Some("invalid-state"));
    let v6 = [srv.clone(), net.clone(), addr("[::1]:0")];
    let v = call(&mut ctx, &m("start-bind"), &v6);
    assert_eq!(error(&v).as_deref(), Some("invalid-argument"));
    // Bind, listen.
    let v = call(
        &mut ctx,
        &m("start-bind"),
        &[srv.clone(), net.clone(), addr("127.0.0.1:0")],
    );
    assert_eq!(error(&v), None);
    assert_eq!(
        error(&call(
            &mut ctx,
            &m("finish-bind"),
            core::slice::from_ref(&srv)
        )),
        None
    );
    let local = ok(call(
        &mut ctx,
        &m("local-address"),
        core::slice::from_ref(&srv),
    ));
    let local = socket_address_arg(&[local], 0).unwrap();
    assert!(local.ip().is_loopback() && local.port() != 0);
    assert_eq!(
        error(&call(
            &mut ctx,
            &m("start-listen"),
            core::slice::from_ref(&srv)
        )),
        None
    );
    assert_eq!(
        error(&call(
            &mut ctx,
            &m("finish-listen"),
            core::slice::from_ref(&srv)
        )),
        None
    );
    assert_eq!(
        call(&mut ctx, &m("is-listening"), core::slice::from_ref(&srv)),
        Val::Bool(true)
    );
    // The listener is ready when a connection waits to be accepted.
    let pending = call(&mut ctx, &m("subscribe"), core::slice::from_ref(&srv));
    assert!(!is_ready(&mut ctx, &pending));
    let v = call(&mut ctx, &m("accept"), core::slice::from_ref(&srv));
    assert_eq!(error(&v).as_deref(), Some("would-block"));
    let v = call(&mut ctx, &m("remote-address"), core::slice::from_ref(&srv));
    assert_eq!(error(&v).as_deref(), Some("invalid-state"));
    // A client connects.
    let client = ok(call(&mut ctx, "create-tcp-socket", &[family("ipv4")]));
    let cli = handle::<TcpSocket>(rep(&client));
    let to = socket_address(local);
    let v = call(
        &mut ctx,
        &m("start-connect"),
        &[cli.clone(), net.clone(), addr("0.0.0.0:1")],
    );
    assert_eq!(error(&v).as_deref(), Some("invalid-argument"));
    let v = call(
        &mut ctx,
        &m("start-connect"),
        &[cli.clone(), net.clone(), to.clone()],
    );
    assert_eq!(error(&v), None);
    let v = call(
        &mut ctx,
        &m("start-connect"),
        &[cli.clone(), net.clone(), to],
    );
    assert_eq!(error(&v).as_deref(), Some("concurrency-conflict"));
    // Connecting does not wait: the socket's pollable is ready when the
    // connection is made (before that, `finish-connect` says
    // `would-block`).
    let connected = call(&mut ctx, &m("subscribe"), core::slice::from_ref(&cli));
    let wait = [borrow::<Pollable>(&connected)];
    io_call(&mut ctx, "[method]pollable.block", &wait);
    assert!(is_ready(&mut ctx, &connected));
    let Val::Tuple(io) = ok(call(
        &mut ctx,
        &m("finish-connect"),
        core::slice::from_ref(&cli),
    )) else {
        panic!("no streams")
    };
    let v = call(&mut ctx, &m("finish-connect"), core::slice::from_ref(&cli));
    assert_eq!(error(&v).as_deref(), Some("not-in-progress"));
    assert!(is_ready(&mut ctx, &pending));
    let Val::Tuple(accepted) = ok(call(&mut ctx, &m("accept"), core::slice::from_ref(&srv))) else {
        panic!("nothing accepted")
    };
    assert!(!is_ready(&mut ctx, &pending));
    assert_eq!(accepted.len(), 3);
    let peer = ok(call(
        &mut ctx,
        &m("remote-address"),
        &[handle::<TcpSocket>(rep(&accepted[0]))],
    ));
    let mine = ok(call(
        &mut ctx,
        &m("local-address"),
        core::slice::from_ref(&cli),
    ));
    assert_eq!(peer, mine);
    // Each stream has a descriptor of its own, closed when it is dropped.
    let Val::Resource(input) = &io[0] else {
        panic!()
    };
    let input = input.clone().try_into_resource::<InputStream>().unwrap();
    let fd = ctx.resources.get(&input).unwrap().fd;
    assert!(ctx.fds.get(fd).unwrap().is_socket());
    io::drop_input(&mut ctx, input.rep()).unwrap();
    assert!(ctx.fds.get(fd).is_err());
    let v = call(
        &mut ctx,
        &m("shutdown"),
        &[cli.clone(), Val::Enum("send".into())],
    );
    assert_eq!(error(&v), None);
    let v = call(
        &mut ctx,
        &m("set-listen-backlog-size"),
        &[srv.clone(), Val::U64(0)],
    );
    assert_eq!(error(&v).as_deref(), Some("invalid-argument"));
    assert_eq!(call(&mut ctx, &m("address-family"), &[cli]), family("ipv4"));
}

#[test]
fn every_function_of_the_interfaces_is_defined() {
    let tcp_methods = [
        "start-bind",
        "finish-bind",
        "start-connect",
        "finish-connect",
        "start-listen",
        "finish-listen",
        "accept",
        "local-address",
        "remote-address",
        "is-listening",
        "address-family",
        "set-listen-backlog-size",
        "keep-alive-enabled",
        "set-keep-alive-enabled",
        "keep-alive-idle-time",
        "set-keep-alive-idle-time",
        "keep-alive-interval",
        "set-keep-alive-interval",
        "keep-alive-count",
        "set-keep-alive-count",
        "hop-limit",
        "set-hop-limit",
        "receive-buffer-size",
        "set-receive-buffer-size",
        "send-buffer-size",
        "set-send-buffer-size",
        "subscribe",
        "shutdown",
    ];
    let udp_methods = [
        "udp-socket.start-bind",
        "udp-socket.finish-bind",
        "udp-socket.stream",
        "udp-socket.local-address",
        "udp-socket.remote-address",
        "udp-socket.address-family",
        "udp-socket.unicast-hop-limit",
        "udp-socket.set-unicast-hop-limit",
        "udp-socket.receive-buffer-size",
        "udp-socket.set-receive-buffer-size",
        "udp-socket.send-buffer-size",
        "udp-socket.set-send-buffer-size",
        "udp-socket.subscribe",
        "incoming-datagram-stream.receive",
        "incoming-datagram-stream.subscribe",
        "outgoing-datagram-stream.check-send",
        "outgoing-datagram-stream.send",
        "outgoing-datagram-stream.subscribe",
    ];
    let names = |list: &[(&str, HostFn)]| {
        let mut v: Vec<String> = list.iter().map(|(n, _)| String::from(*n)).collect();
        v.sort();
        v
    };
    let expect = |prefix: &str, list: &[&str]| {
        let mut v: Vec<String> = list
            .iter()
            .map(|m| std::format!("[method]{prefix}{m}"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(tcp::FUNCS), expect("tcp-socket.", &tcp_methods));
    assert_eq!(names(udp::FUNCS), expect("", &udp_methods));
    assert_eq!(names(tcp::CREATE), ["create-tcp-socket"]);
    assert_eq!(names(udp::CREATE), ["create-udp-socket"]);
    let mut others: Vec<(&str, &str)> = sockets::FUNCS.iter().map(|(i, n, _)| (*i, *n)).collect();
    others.sort();
    assert_eq!(
        others,
        [
            ("wasi:sockets/instance-network", "instance-network"),
            (
                "wasi:sockets/ip-name-lookup",
                "[method]resolve-address-stream.resolve-next-address"
            ),
            (
                "wasi:sockets/ip-name-lookup",
                "[method]resolve-address-stream.subscribe"
            ),
            ("wasi:sockets/ip-name-lookup", "resolve-addresses"),
        ]
    );
}

/// Whether the pollable `subscribed` (an owned handle a `subscribe` gave)
/// is ready.
fn is_ready(ctx: &mut WasiCtx, subscribed: &Val) -> bool {
    let pollable = borrow::<Pollable>(subscribed);
    io_call(ctx, "[method]pollable.ready", &[pollable]) == Val::Bool(true)
}

/// A connected pair of Unix stream sockets.
fn socket_pair() -> (OwnedFd, OwnedFd) {
    use rustix::net::{AddressFamily, SocketFlags, SocketType, socketpair};
    let flags = SocketFlags::empty();
    socketpair(AddressFamily::UNIX, SocketType::STREAM, flags, None).unwrap()
}

/// A handle to a new input stream reading `fd`.
fn input_stream(ctx: &mut WasiCtx, fd: OwnedFd) -> Val {
    let fd = ctx.fds.insert(Entry::for_host(fd, false)).unwrap();
    let (offset, owned) = (None, true);
    let stream = InputStream { fd, offset, owned };
    handle::<InputStream>(ctx.resources.push(stream).unwrap().rep())
}

/// A handle to a new output stream writing `fd`.
fn output_stream(ctx: &mut WasiCtx, fd: OwnedFd) -> Val {
    let fd = ctx.fds.insert(Entry::for_host(fd, false)).unwrap();
    let (at, owned) = (WriteAt::Stream, true);
    let stream = OutputStream { fd, at, owned };
    handle::<OutputStream>(ctx.resources.push(stream).unwrap().rep())
}

/// Calls the `wasi:io/poll` or `wasi:io/streams` function `name`.
fn io_call(ctx: &mut WasiCtx, name: &str, params: &[Val]) -> Val {
    let f: HostFn = io::POLL_FUNCS
        .iter()
        .chain(io::STREAM_FUNCS)
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1;
    f(ctx, params).unwrap().unwrap_or(Val::Tuple(Vec::new()))
}

/// A stream's pollable is ready when its descriptor has data (or its end)
/// and not before; `read` returns what there is without waiting; `poll`
/// waits for the first ready of a stream and a clock.
#[test]
fn stream_pollables_wait_for_data() {
    let mut ctx = ctx(Capabilities::NET);
    let (ours, theirs) = socket_pair();
    let write_end = rustix::io::dup(&ours).unwrap();
    let stream = input_stream(&mut ctx, ours);
    let read = |ctx: &mut WasiCtx| {
        let v = io_call(
            ctx,
            "[method]input-stream.read",
            &[stream.clone(), Val::U64(16)],
        );
        ok(v)
    };
    let subscribed = io_call(
        &mut ctx,
        "[method]input-stream.subscribe",
        core::slice::from_ref(&stream),
    );
    let pollable = borrow::<Pollable>(&subscribed);
    let is_ready = |ctx: &mut WasiCtx| {
        io_call(
            ctx,
            "[method]pollable.ready",
            core::slice::from_ref(&pollable),
        )
    };
    // Nothing written yet.
    assert_eq!(is_ready(&mut ctx), Val::Bool(false));
    assert_eq!(read(&mut ctx), Val::Bytes(Vec::new()));
    // `poll` of the stream and a clock 20 ms ahead: the clock fires.
    let soon = Pollable::Deadline(monotonic_now() + 20_000_000);
    let timer = handle::<Pollable>(ctx.resources.push(soon).unwrap().rep());
    let both = Val::List(std::vec![pollable.clone(), timer.clone()]);
    let started = std::time::Instant::now();
    let fired = io_call(&mut ctx, "poll", core::slice::from_ref(&both));
    assert_eq!(fired, Val::List(std::vec![Val::U32(1)]));
    assert!(started.elapsed() >= std::time::Duration::from_millis(19));
    // Data arrives: the stream is ready, and `poll` says so.
    assert_eq!(rustix::io::write(&theirs, b"hi"), Ok(2));
    assert_eq!(is_ready(&mut ctx), Val::Bool(true));
    let later = Pollable::Deadline(monotonic_now() + 60_000_000_000);
    let far = handle::<Pollable>(ctx.resources.push(later).unwrap().rep());
    let list = Val::List(std::vec![far, pollable.clone()]);
    let fired = io_call(&mut ctx, "poll", core::slice::from_ref(&list));
    assert_eq!(fired, Val::List(std::vec![Val::U32(1)]));
    assert_eq!(read(&mut ctx), Val::Bytes(b"hi".to_vec()));
    // The other end closes: ready, and the stream is closed.
    drop(theirs);
    assert_eq!(is_ready(&mut ctx), Val::Bool(true));
    let v = io_call(
        &mut ctx,
        "[method]input-stream.read",
        &[stream.clone(), Val::U64(16)],
    );
    assert_eq!(
        v,
        Val::Result(Err(Some(alloc::boxed::Box::new(Val::Variant(
            "closed".into(),
            None
        )))))
    );
    // A socket's output stream can be written at once.
    let out = output_stream(&mut ctx, write_end);
    let permit = io_call(
        &mut ctx,
        "[method]output-stream.check-write",
        core::slice::from_ref(&out),
    );
    assert_eq!(ok(permit), Val::U64(io::CHUNK));
    let subscribed = io_call(&mut ctx, "[method]output-stream.subscribe", &[out]);
    let v = io_call(
        &mut ctx,
        "[method]pollable.ready",
        &[borrow::<Pollable>(&subscribed)],
    );
    assert_eq!(v, Val::Bool(true));
}

/// `poll` of more stream pollables than the process may have descriptors
/// (the host's `poll` refuses so many) returns instead of waiting forever:
/// the streams count as ready.
#[test]
fn polling_more_descriptors_than_the_limit_returns() {
    use rustix::process::{Resource as Limit, getrlimit};
    let mut ctx = ctx(Capabilities::NET);
    let (ours, _theirs) = socket_pair();
    let fd = ctx.fds.insert(Entry::for_host(ours, false)).unwrap();
    let stream = Pollable::Stream { fd, write: false };
    // One past the limit, or (if it is too high to reach here) as many as
    // a test can afford; a clock 10 ms ahead ends the wait if `poll` works.
    let limit = getrlimit(Limit::Nofile).current.unwrap_or(u64::MAX);
    let count = limit.saturating_add(1).min(1 << 16) as usize;
    let mut list = Vec::with_capacity(count + 1);
    for _ in 0..count {
        list.push(handle::<Pollable>(
            ctx.resources.push(stream).unwrap().rep(),
        ));
    }
    let clock = Pollable::Deadline(monotonic_now() + 10_000_000);
    list.push(handle::<Pollable>(ctx.resources.push(clock).unwrap().rep()));
    let Val::List(fired) = io_call(&mut ctx, "poll", &[Val::List(list)]) else {
        panic!("poll gave no list")
    };
    if count as u64 > limit {
        assert_eq!(fired.len(), count, "every stream counts as ready");
    } else {
        assert_eq!(fired, [Val::U32(count as u32)], "the clock fired");
    }
}

/// A guest can hold at most `MAX_RESOURCES` WASI 0.2 resources at once:
/// the subscription past it traps, and one dropped makes room again.
#[test]
fn the_resource_table_is_bounded() {
    use crate::wasi::ctx::MAX_RESOURCES;
    let mut ctx = ctx(Capabilities::NET);
    let input = InputStream {
        fd: 0,
        offset: None,
        owned: false,
    };
    let stream = handle::<InputStream>(ctx.resources.push(input).unwrap().rep());
    let subscribe = io::STREAM_FUNCS
        .iter()
        .find(|(n, _)| *n == "[method]input-stream.subscribe")
        .unwrap()
        .1;
    let args = core::slice::from_ref(&stream);
    let mut last = None;
    for _ in 1..MAX_RESOURCES {
        last = subscribe(&mut ctx, args).unwrap();
    }
    let full = subscribe(&mut ctx, args).unwrap_err();
    assert!(
        std::format!("{full}").contains("resource table full"),
        "{full}"
    );
    let pollable = last.as_ref().map(rep_of::<Pollable>).unwrap();
    ctx.resources
        .delete(Resource::<Pollable>::new_own(pollable))
        .unwrap();
    assert!(subscribe(&mut ctx, args).is_ok());
}

/// A connection to a port nothing listens on fails in `finish-connect`
/// (once the socket's pollable is ready), not in `start-connect`.
#[test]
fn a_refused_connection_is_reported_by_finish_connect() {
    let mut ctx = ctx(Capabilities::NET);
    let net = ok_resource(call(&mut ctx, "instance-network", &[]));
    // A port that was free a moment ago: bound, then closed.
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = probe.local_addr().unwrap().port();
    drop(probe);
    let client = ok(call(&mut ctx, "create-tcp-socket", &[family("ipv4")]));
    let cli = handle::<TcpSocket>(rep(&client));
    let to = addr(&std::format!("127.0.0.1:{port}"));
    let v = call(
        &mut ctx,
        "[method]tcp-socket.start-connect",
        &[cli.clone(), net, to],
    );
    assert_eq!(error(&v), None);
    let pollable = call(
        &mut ctx,
        "[method]tcp-socket.subscribe",
        core::slice::from_ref(&cli),
    );
    io_call(
        &mut ctx,
        "[method]pollable.block",
        &[borrow::<Pollable>(&pollable)],
    );
    let v = call(
        &mut ctx,
        "[method]tcp-socket.finish-connect",
        core::slice::from_ref(&cli),
    );
    assert_eq!(error(&v).as_deref(), Some("connection-refused"));
    let v = call(&mut ctx, "[method]tcp-socket.finish-connect", &[cli]);
    assert_eq!(error(&v).as_deref(), Some("not-in-progress"));
}

/// An output stream whose peer does not read fills up: `check-write` then
/// permits nothing and its pollable is not ready, until the peer reads.
#[test]
fn a_full_output_stream_permits_nothing_until_drained() {
    let mut ctx = ctx(Capabilities::NET);
    let (ours, theirs) = socket_pair();
    // Fill our side without blocking.
    rustix::io::ioctl_fionbio(&ours, true).unwrap();
    let chunk = [0u8; 4096];
    while rustix::io::write(&ours, &chunk).is_ok() {}
    rustix::io::ioctl_fionbio(&ours, false).unwrap();
    let out = output_stream(&mut ctx, ours);
    let permit = |ctx: &mut WasiCtx| {
        let v = io_call(
            ctx,
            "[method]output-stream.check-write",
            core::slice::from_ref(&out),
        );
        ok(v)
    };
    assert_eq!(permit(&mut ctx), Val::U64(0));
    let subscribed = io_call(
        &mut ctx,
        "[method]output-stream.subscribe",
        core::slice::from_ref(&out),
    );
    assert!(!is_ready(&mut ctx, &subscribed));
    // The peer reads everything there is.
    rustix::io::ioctl_fionbio(&theirs, true).unwrap();
    let mut sink = [0u8; 65536];
    while rustix::io::read(&theirs, &mut sink).is_ok() {}
    assert!(is_ready(&mut ctx, &subscribed));
    assert_eq!(permit(&mut ctx), Val::U64(io::CHUNK));
}
