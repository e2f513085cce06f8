//! WASI through the library API (`wisp_platform::wasi`), without the CLI:
//! the deny-by-default context, standard streams connected to host
//! descriptors, `proc_exit` as a trap, and sockets handed to the guest.

#[path = "../wasi/guest_build.rs"]
mod guest_build;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::OwnedFd;
use wisp::{Engine, Linker, Store};
use wisp_platform::wasi::{self, Capabilities, Stdio, WasiCtx, WasiCtxBuilder};

/// Runs the probe's `_start` with `ctx`; returns the store and the result.
fn run(ctx: WasiCtx) -> (Store<WasiCtx>, Result<(), wisp::Error>) {
    let probe = guest_build::probe().expect("checked by the caller");
    let engine = Engine::default();
    let module = wisp::module_from_file(&engine, &probe).expect("probe compiles");
    let mut linker = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |cx: &mut WasiCtx| cx).unwrap();
    let mut store = Store::new(&engine, ctx);
    let instance = linker
        .instantiate(&mut store, &module)
        .expect("instantiate");
    let start = instance.get_typed_func::<(), ()>(&store, "_start").unwrap();
    let r = start.call(&mut store, ());
    (store, r)
}

/// A temporary file opened for writing, and its path.
fn capture(tag: &str) -> (OwnedFd, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("wisp-wasi-lib-{tag}-{}", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    (file.into(), path)
}

#[test]
fn library_default_denies_everything_but_given_streams() {
    if guest_build::probe().is_none() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("wisp-wasi-lib-capsdir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("r.txt"), "r").unwrap();
    let (out, path) = capture("caps");
    let ctx = WasiCtxBuilder::new()
        .args(["probe", "caps"])
        .env("GIVEN", "g")
        .stdout(Stdio::Fd(out))
        .preopened_dir(dir.to_str().unwrap(), ".")
        .unwrap()
        .build();
    assert_eq!(ctx.capabilities(), Capabilities::NONE);
    let (_, r) = run(ctx);
    r.unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "clock=76 random=76 read=76 write=76 mkdir=76 unlink=76 stat=76 proc=76 sleep=76 prestat=0\n\
         env: host=<unset> given=g\nstdout works\n"
    );
}

#[test]
fn host_env_is_explicit_and_not_a_capability() {
    let mut b = WasiCtxBuilder::new();
    b.host_env([("A", "host"), ("B", "host")]).env("B", "given");
    let ctx = b.build();
    assert_eq!(ctx.env(), ["A=host", "B=given"]);
    // Granting every capability adds no variable.
    let ctx = WasiCtxBuilder::new()
        .env("C", "c")
        .capabilities(Capabilities::ALL)
        .build();
    assert_eq!(ctx.env(), ["C=c"]);
}

#[test]
fn proc_exit_is_an_exit_trap_and_null_stdio_discards() {
    if guest_build::probe().is_none() {
        return;
    }
    let ctx = WasiCtxBuilder::new().args(["probe", "exit", "7"]).build();
    let (_, r) = run(ctx);
    let e = r.unwrap_err();
    assert_eq!(e.as_trap().and_then(|t| t.exit_status()), Some(7));
    // Output to a null stdout is accepted and dropped.
    let ctx = WasiCtxBuilder::new().args(["probe", "args"]).build();
    run(ctx).1.unwrap();
}

#[test]
fn sockets_handed_to_the_guest() {
    if guest_build::probe().is_none() {
        return;
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let client = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"hello socket").unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        reply
    });
    let (out, path) = capture("sock");
    let ctx = WasiCtxBuilder::new()
        .args(["probe", "sock"])
        .stdout(Stdio::Fd(out))
        .preopened_socket(OwnedFd::from(listener))
        .build();
    run(ctx).1.unwrap();
    assert_eq!(client.join().unwrap(), "HELLO SOCKET");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "sock: 0 0 0 0 12\n"
    );
}
