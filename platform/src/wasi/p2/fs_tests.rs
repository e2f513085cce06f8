//! `wasi:filesystem` host functions called directly on a context with a
//! real preopen: each capability's denial per operation class, paths out
//! of the preopen, and the edges the end-to-end tests do not reach.

extern crate std;

use super::filesystem::{self, Descriptor};
use super::fs_at;
use super::{HostFn, io};
use crate::wasi::{Capabilities, WasiCtx, WasiCtxBuilder};
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::path::PathBuf;
use wisp_component::{Resource, ResourceAny, Val};

/// A fresh directory holding a file `f` ("data"), a directory `d` and a
/// link `l` to `f`.
fn fixture(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(std::format!("wisp-p2fs-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join("f"), "data").unwrap();
    std::os::unix::fs::symlink("f", dir.join("l")).unwrap();
    dir
}

/// A context with `dir` preopened as `.` (descriptor 3) and `caps`.
fn ctx(dir: &std::path::Path, caps: Capabilities) -> WasiCtx {
    WasiCtxBuilder::new()
        .capabilities(caps)
        .preopened_dir(&dir.display().to_string(), ".")
        .unwrap()
        .build()
}

/// Calls the WASI function `name` of `wasi:filesystem`.
fn call(ctx: &mut WasiCtx, name: &str, params: &[Val]) -> Val {
    let all = filesystem::FUNCS
        .iter()
        .chain(fs_at::FUNCS)
        .chain(filesystem::PREOPENS);
    let f: HostFn = all.clone().find(|(n, _)| *n == name).unwrap().1;
    f(ctx, params).unwrap().unwrap_or(Val::Tuple(Vec::new()))
}

/// A borrowed `descriptor` for descriptor `fd`.
fn fd(n: u32) -> Val {
    Val::Resource(ResourceAny::from_resource(
        Resource::<Descriptor>::new_borrow(n),
    ))
}

fn s(text: &str) -> Val {
    Val::String(text.into())
}

fn flags(names: &[&str]) -> Val {
    Val::Flags(names.iter().map(|n| String::from(*n)).collect())
}

fn keep() -> Val {
    Val::Variant("no-change".into(), None)
}

/// The error code of a `result`, or `None` for `ok`.
fn code(v: &Val) -> Option<String> {
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

/// The descriptor number of an owned `descriptor` value.
fn rep(v: &Val) -> u32 {
    match v {
        Val::Resource(r) => r.clone().try_into_resource::<Descriptor>().unwrap().rep(),
        other => panic!("not a resource: {other:?}"),
    }
}

/// One call of each operation class on the preopen, named by the
/// capability preview 1 asks for it; each with its error code (`None`:
/// it worked).
fn probe(ctx: &mut WasiCtx) -> Vec<(&'static str, Option<String>)> {
    let read = flags(&["read"]);
    let write = flags(&["write"]);
    let follow = flags(&["symlink-follow"]);
    let no = flags(&[]);
    let mut out = Vec::new();
    let mut one = |what, name, params: &[Val], ctx: &mut WasiCtx| {
        let v = call(ctx, name, params);
        out.push((what, code(&v)));
        if let (Some(Val::Resource(_)), true) = (
            match &v {
                Val::Result(Ok(Some(v))) => Some(&**v),
                _ => None,
            },
            name.ends_with("open-at"),
        ) {
            filesystem::close(ctx, rep(&ok(v))).unwrap();
        }
    };
    let open = "[method]descriptor.open-at";
    one(
        "read: open",
        open,
        &[fd(3), follow.clone(), s("f"), no.clone(), read],
        ctx,
    );
    one("read: stat", "[method]descriptor.stat", &[fd(3)], ctx);
    let stat_at = "[method]descriptor.stat-at";
    one(
        "read: stat-at",
        stat_at,
        &[fd(3), follow.clone(), s("f")],
        ctx,
    );
    let hash_at = "[method]descriptor.metadata-hash-at";
    one("read: hash-at", hash_at, &[fd(3), no.clone(), s("f")], ctx);
    one(
        "read: readlink",
        "[method]descriptor.readlink-at",
        &[fd(3), s("l")],
        ctx,
    );
    one(
        "read: list",
        "[method]descriptor.read-directory",
        &[fd(3)],
        ctx,
    );
    let create = flags(&["create"]);
    one(
        "write: create",
        open,
        &[fd(3), no.clone(), s("n"), create, write],
        ctx,
    );
    let times_at = "[method]descriptor.set-times-at";
    one(
        "write: times",
        times_at,
        &[fd(3), no.clone(), s("f"), keep(), keep()],
        ctx,
    );
    let mkdir = "[method]descriptor.create-directory-at";
    one("path: mkdir", mkdir, &[fd(3), s("m")], ctx);
    let rename = "[method]descriptor.rename-at";
    one(
        "path: rename",
        rename,
        &[fd(3), s("m"), fd(3), s("m2")],
        ctx,
    );
    let rmdir = "[method]descriptor.remove-directory-at";
    one("path: rmdir", rmdir, &[fd(3), s("m2")], ctx);
    let symlink = "[method]descriptor.symlink-at";
    one("path: symlink", symlink, &[fd(3), s("f"), s("l2")], ctx);
    let link = "[method]descriptor.link-at";
    one(
        "path: link",
        link,
        &[fd(3), no.clone(), s("f"), fd(3), s("h")],
        ctx,
    );
    one(
        "path: unlink",
        "[method]descriptor.unlink-file-at",
        &[fd(3), s("h")],
        ctx,
    );
    out
}

#[test]
fn each_operation_class_needs_its_capability() {
    let all = [
        ("none", Capabilities::NONE),
        ("read", Capabilities::READ),
        ("write", Capabilities::WRITE),
        ("path", Capabilities::PATH),
        ("all", Capabilities::ALL),
    ];
    for (tag, caps) in all {
        let dir = fixture(tag);
        let mut ctx = ctx(&dir, caps);
        for (what, code) in probe(&mut ctx) {
            let class = what.split(':').next().unwrap();
            let granted = caps.is_all()
                || (class == "read" && caps == Capabilities::READ)
                || (class == "write" && caps == Capabilities::WRITE)
                || (class == "path" && caps == Capabilities::PATH);
            let expected = if granted {
                None
            } else {
                Some("not-permitted".to_string())
            };
            assert_eq!(code, expected, "{what} with {tag}");
        }
    }
}

#[test]
fn paths_out_of_the_preopen_are_not_permitted() {
    let dir = fixture("escape");
    let mut ctx = ctx(&dir, Capabilities::ALL);
    let follow = flags(&["symlink-follow"]);
    for path in ["..", "../x", "/etc/passwd", "d/../../x"] {
        let v = call(
            &mut ctx,
            "[method]descriptor.stat-at",
            &[fd(3), follow.clone(), s(path)],
        );
        assert_eq!(code(&v).as_deref(), Some("not-permitted"), "{path}");
    }
    let v = call(
        &mut ctx,
        "[method]descriptor.symlink-at",
        &[fd(3), s("/etc"), s("abs")],
    );
    assert_eq!(code(&v).as_deref(), Some("not-permitted"));
    let v = call(
        &mut ctx,
        "[method]descriptor.stat-at",
        &[fd(3), follow, s("")],
    );
    assert_eq!(code(&v).as_deref(), Some("no-entry"));
}

#[test]
fn directories_have_no_streams_and_files_are_read_and_written() {
    let dir = fixture("streams");
    let mut ctx = ctx(&dir, Capabilities::ALL);
    let v = call(
        &mut ctx,
        "[method]descriptor.read-via-stream",
        &[fd(3), Val::U64(0)],
    );
    assert_eq!(code(&v).as_deref(), Some("is-directory"));
    for name in [
        "[method]descriptor.write-via-stream",
        "[method]descriptor.append-via-stream",
    ] {
        let params = [fd(3), Val::U64(0)];
        let params = if name.contains("append") {
            &params[..1]
        } else {
            &params[..]
        };
        let v = call(&mut ctx, name, params);
        assert_eq!(code(&v).as_deref(), Some("bad-descriptor"), "{name}");
    }
    let v = call(
        &mut ctx,
        "[method]descriptor.read",
        &[fd(3), Val::U64(4), Val::U64(0)],
    );
    assert_eq!(code(&v).as_deref(), Some("is-directory"));

    let opened = call(
        &mut ctx,
        "[method]descriptor.open-at",
        &[
            fd(3),
            flags(&[]),
            s("f"),
            flags(&[]),
            flags(&["read", "write"]),
        ],
    );
    let file = rep(&ok(opened));
    let bytes = |b: &[u8]| Val::List(b.iter().map(|x| Val::U8(*x)).collect());
    let v = call(
        &mut ctx,
        "[method]descriptor.write",
        &[fd(file), bytes(b"DA"), Val::U64(0)],
    );
    assert_eq!(ok(v), Val::U64(2));
    let v = call(
        &mut ctx,
        "[method]descriptor.read",
        &[fd(file), Val::U64(10), Val::U64(1)],
    );
    assert_eq!(
        ok(v),
        Val::Tuple(alloc::vec![Val::Bytes(b"Ata".to_vec()), Val::Bool(false)])
    );
    let v = call(
        &mut ctx,
        "[method]descriptor.read",
        &[fd(file), Val::U64(10), Val::U64(4)],
    );
    assert_eq!(
        ok(v),
        Val::Tuple(alloc::vec![
            Val::Bytes(alloc::vec::Vec::new()),
            Val::Bool(true)
        ])
    );
    let v = call(&mut ctx, "[method]descriptor.get-flags", &[fd(file)]);
    assert_eq!(ok(v), flags(&["read", "write"]));
    let v = call(&mut ctx, "[method]descriptor.get-type", &[fd(file)]);
    assert_eq!(ok(v), Val::Enum("regular-file".into()));
    let v = call(
        &mut ctx,
        "[method]descriptor.is-same-object",
        &[fd(file), fd(3)],
    );
    assert_eq!(v, Val::Bool(false));
    let v = call(
        &mut ctx,
        "[method]descriptor.is-same-object",
        &[fd(file), fd(file)],
    );
    assert_eq!(v, Val::Bool(true));
    let hash = |ctx: &mut WasiCtx, params: &[Val], name| ok(call(ctx, name, params));
    let by_fd = hash(&mut ctx, &[fd(file)], "[method]descriptor.metadata-hash");
    let by_path = hash(
        &mut ctx,
        &[fd(3), flags(&[]), s("f")],
        "[method]descriptor.metadata-hash-at",
    );
    let of_link = hash(
        &mut ctx,
        &[fd(3), flags(&["symlink-follow"]), s("l")],
        "[method]descriptor.metadata-hash-at",
    );
    assert_eq!(by_fd, by_path);
    assert_eq!(by_fd, of_link);
    // Dropping the handle closes the descriptor; a preopen stays open.
    filesystem::close(&mut ctx, file).unwrap();
    assert!(ctx.fds.get(file).is_err());
    filesystem::close(&mut ctx, 3).unwrap();
    assert!(ctx.fds.get(3).is_ok());
}

#[test]
fn preopens_and_listings() {
    let dir = fixture("list");
    let mut ctx = ctx(&dir, Capabilities::READ);
    let Val::List(dirs) = call(&mut ctx, "get-directories", &[]) else {
        panic!("not a list");
    };
    assert_eq!(dirs.len(), 1);
    let Val::Tuple(pair) = &dirs[0] else {
        panic!("not a tuple");
    };
    assert_eq!((rep(&pair[0]), &pair[1]), (3, &s(".")));
    let stream = ok(call(
        &mut ctx,
        "[method]descriptor.read-directory",
        &[fd(3)],
    ));
    let next = "[method]directory-entry-stream.read-directory-entry";
    let mut seen = Vec::new();
    loop {
        match ok(call(&mut ctx, next, core::slice::from_ref(&stream))) {
            Val::Option(None) => break,
            Val::Option(Some(entry)) => {
                let Val::Record(fields) = *entry else {
                    panic!("not a record")
                };
                let (Val::Enum(ty), Val::String(name)) = (&fields[0].1, &fields[1].1) else {
                    panic!("bad entry {fields:?}")
                };
                seen.push(std::format!("{name}:{ty}"));
            }
            other => panic!("{other:?}"),
        }
    }
    seen.sort();
    assert_eq!(seen, ["d:directory", "f:regular-file", "l:symbolic-link"]);
    let v = call(&mut ctx, "[method]descriptor.get-flags", &[fd(3)]);
    assert_eq!(ok(v), flags(&["read"]));
}

#[test]
fn a_stream_error_has_its_error_code() {
    let mut ctx = WasiCtx::default();
    let e = ctx
        .resources
        .push(io::IoError {
            errno: crate::wasi::Errno::NoSpc,
        })
        .unwrap();
    let v = call(
        &mut ctx,
        "filesystem-error-code",
        &[Val::Resource(ResourceAny::from_resource(e))],
    );
    let code = Val::Enum("insufficient-space".into());
    assert_eq!(v, Val::Option(Some(Box::new(code))));
}

#[test]
fn a_stream_stays_on_its_file_when_the_descriptor_goes() {
    let dir = fixture("outlive");
    std::fs::write(dir.join("g"), "other").unwrap();
    let mut ctx = ctx(&dir, Capabilities::ALL);
    let open = |ctx: &mut WasiCtx, name: &str| {
        let params = [fd(3), flags(&[]), s(name), flags(&[]), flags(&["read"])];
        rep(&ok(call(ctx, "[method]descriptor.open-at", &params)))
    };
    let f = open(&mut ctx, "f");
    let stream = ok(call(
        &mut ctx,
        "[method]descriptor.read-via-stream",
        &[fd(f), Val::U64(1)],
    ));
    let Val::Resource(stream) = stream else {
        panic!("not a stream")
    };
    let stream = stream.try_into_resource::<io::InputStream>().unwrap();
    // The guest drops the descriptor first and opens another file, which
    // may get its number: the stream still reads its own file.
    filesystem::close(&mut ctx, f).unwrap();
    let g = open(&mut ctx, "g");
    let own = ctx.resources.get(&stream).unwrap().fd;
    assert_ne!(own, g);
    let entry = crate::wasi::funcs::fd::readable(&ctx, own, true).unwrap();
    let mut buf = [0u8; 8];
    let n = crate::wasi::funcs::fd::read_entry(entry, &mut buf, Some(1)).unwrap();
    assert_eq!(&buf[..n], b"ata");
    // Dropping the stream closes its descriptor.
    io::drop_input(&mut ctx, stream.rep()).unwrap();
    assert!(ctx.fds.get(own).is_err());
}

#[test]
fn every_function_of_the_interfaces_is_defined() {
    let methods = [
        "read-via-stream",
        "write-via-stream",
        "append-via-stream",
        "advise",
        "sync-data",
        "get-flags",
        "get-type",
        "set-size",
        "set-times",
        "read",
        "write",
        "read-directory",
        "sync",
        "create-directory-at",
        "stat",
        "stat-at",
        "set-times-at",
        "link-at",
        "open-at",
        "readlink-at",
        "remove-directory-at",
        "rename-at",
        "symlink-at",
        "unlink-file-at",
        "is-same-object",
        "metadata-hash",
        "metadata-hash-at",
    ];
    let mut wit: Vec<String> = methods
        .iter()
        .map(|m| std::format!("[method]descriptor.{m}"))
        .collect();
    wit.push("[method]directory-entry-stream.read-directory-entry".into());
    wit.push("filesystem-error-code".into());
    let mut defined: Vec<&str> = filesystem::FUNCS
        .iter()
        .chain(fs_at::FUNCS)
        .map(|(n, _)| *n)
        .collect();
    defined.sort();
    wit.sort();
    assert_eq!(defined, wit);
    assert_eq!(filesystem::PREOPENS.len(), 1);
    assert_eq!(filesystem::PREOPENS[0].0, "get-directories");
}
