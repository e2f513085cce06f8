//! `wasi:io`: `error`, `poll` and `streams`. A stream reads or writes a
//! descriptor of the context's table (the standard streams are
//! descriptors 0–2; a file's or a socket's streams, a duplicate of its
//! descriptor that the stream owns) through the same checked reads and
//! writes as preview 1's `fd_read`/`fd_write`.

use super::vals::{bytes, bytes_arg, case, err, ok, own, resource_arg, table_trap, u64_arg};
use super::{Access, HostFn, interface};
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::Errno;
use crate::wasi::fd_table::Entry;
use crate::wasi::funcs::fd::{read_entry, readable, writable, write_entry};
use crate::wasi::types::filetype;
use alloc::string::ToString;
use alloc::vec::Vec;
use rustix::event::{PollFd, PollFlags};
use rustix::fd::BorrowedFd;
use wisp_component::{Linker, Resource, Val};
use wisp_core::{Error, Trap};

/// An `input-stream`: reads descriptor `fd` at its stream position, or at
/// `offset` (a file's `read-via-stream`).
pub(crate) struct InputStream {
    pub(crate) fd: u32,
    pub(crate) offset: Option<u64>,
    /// The descriptor is the stream's own (a file's or a socket's
    /// stream): dropping the stream closes it.
    pub(crate) owned: bool,
}

/// An `output-stream`: writes descriptor `fd`.
pub(crate) struct OutputStream {
    pub(crate) fd: u32,
    pub(crate) at: WriteAt,
    /// As for [`InputStream::owned`].
    pub(crate) owned: bool,
}

/// Drops the `input-stream` `rep`, closing its descriptor if it owns it.
pub(crate) fn drop_input(ctx: &mut WasiCtx, rep: u32) -> Result<(), Trap> {
    let stream = ctx
        .resources
        .delete(Resource::<InputStream>::new_own(rep))
        .map_err(table_trap)?;
    if stream.owned {
        let _ = ctx.fds.remove(stream.fd);
    }
    Ok(())
}

/// Drops the `output-stream` `rep`, closing its descriptor if it owns it.
pub(crate) fn drop_output(ctx: &mut WasiCtx, rep: u32) -> Result<(), Trap> {
    let stream = ctx
        .resources
        .delete(Resource::<OutputStream>::new_own(rep))
        .map_err(table_trap)?;
    if stream.owned {
        let _ = ctx.fds.remove(stream.fd);
    }
    Ok(())
}

/// Where an output stream writes.
#[derive(Clone, Copy)]
pub(crate) enum WriteAt {
    /// At the descriptor's stream position (standard streams).
    Stream,
    /// At an offset that advances (a file's `write-via-stream`).
    Offset(u64),
    /// At the end of the file, wherever that is at each write (a file's
    /// `append-via-stream`).
    Append,
}

/// A `pollable`: what it waits for.
#[derive(Clone, Copy)]
pub(crate) enum Pollable {
    /// Nothing: it is ready at once.
    Ready,
    /// The monotonic clock reaching this time (nanoseconds).
    Deadline(u64),
    /// Descriptor `fd` becoming readable (or, with `write`, writable)
    /// without blocking, as the host's `poll` tells; a regular file, a
    /// directory, an in-memory stream or a closed descriptor is ready at
    /// once (what follows reports any error).
    Stream { fd: u32, write: bool },
    /// The `tcp-socket` with this representation having a connection to
    /// accept if it listens, or its connection made (or failed) if it
    /// connects; any other is ready at once.
    TcpSocket(u32),
    /// The `incoming-datagram-stream` with this representation having a
    /// datagram to receive.
    Datagrams(u32),
}

/// What waiting for a pollable takes.
enum Wait<'c> {
    /// Nothing: it is ready.
    None,
    /// The monotonic clock reaching this time.
    Clock(u64),
    /// The host's `poll` of this descriptor for these events.
    Host(BorrowedFd<'c>, PollFlags),
}

impl Pollable {
    /// What waiting for the pollable takes in `ctx`.
    fn wait(self, ctx: &WasiCtx) -> Wait<'_> {
        let host = match self {
            Pollable::Ready => None,
            Pollable::Deadline(at) => return Wait::Clock(at),
            Pollable::Stream { fd, write } => {
                let flags = if write { PollFlags::OUT } else { PollFlags::IN };
                ctx.fds.get(fd).ok().and_then(|entry| {
                    let file =
                        matches!(entry.filetype, filetype::REGULAR_FILE | filetype::DIRECTORY);
                    entry.host_fd().filter(|_| !file).map(|fd| (fd, flags))
                })
            }
            Pollable::TcpSocket(rep) => super::tcp::socket_wait(ctx, rep),
            Pollable::Datagrams(rep) => {
                super::udp::incoming_fd(ctx, rep).map(|fd| (fd, PollFlags::IN))
            }
        };
        host.map_or(Wait::None, |(fd, flags)| Wait::Host(fd, flags))
    }
}

/// An `error`: what went wrong in the last stream operation.
pub(crate) struct IoError {
    pub(crate) errno: Errno,
}

/// The most bytes one `read` returns, and the `check-write` permit.
pub(crate) const CHUNK: u64 = 64 * 1024;

/// `stream-error` for `errno`: `closed` for a broken pipe, else
/// `last-operation-failed` with an `error` resource.
fn stream_error(ctx: &mut WasiCtx, errno: Errno) -> Result<Val, Trap> {
    if errno == Errno::Pipe {
        return Ok(err(case("closed", None)));
    }
    let error = ctx.resources.push(IoError { errno }).map_err(table_trap)?;
    Ok(err(case("last-operation-failed", Some(own(error)))))
}

/// Reads up to `len` bytes from the input stream of argument 0.
fn read_bytes(ctx: &mut WasiCtx, params: &[Val], len: u64) -> Result<Result<Vec<u8>, Val>, Trap> {
    let stream: Resource<InputStream> = resource_arg(params, 0)?;
    let (fd, offset) = {
        let s = ctx.resources.get(&stream).map_err(table_trap)?;
        (s.fd, s.offset)
    };
    let mut buf = alloc::vec![0u8; len.min(CHUNK) as usize];
    let result = readable(ctx, fd, offset.is_some()).and_then(|e| read_entry(e, &mut buf, offset));
    match result {
        Ok(0) if len > 0 => Ok(Err(err(case("closed", None)))),
        Ok(n) => {
            buf.truncate(n);
            if let (Some(at), Ok(s)) = (offset, ctx.resources.get_mut(&stream)) {
                s.offset = Some(at + n as u64);
            }
            Ok(Ok(buf))
        }
        Err(errno) => Ok(Err(stream_error(ctx, errno)?)),
    }
}

/// Whether the input stream of argument 0 has data (or its end) to read
/// without blocking.
fn has_input(ctx: &WasiCtx, params: &[Val]) -> Result<bool, Trap> {
    let stream: Resource<InputStream> = resource_arg(params, 0)?;
    let fd = ctx.resources.get(&stream).map_err(table_trap)?.fd;
    Ok(!ready(ctx, &[Pollable::Stream { fd, write: false }], false).is_empty())
}

/// `read`: what the stream has now, at most `len` bytes (none if it has
/// nothing yet).
fn read(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    if !has_input(ctx, params)? {
        return Ok(Some(ok(Some(Val::Bytes(Vec::new())))));
    }
    blocking_read(ctx, params)
}

/// `blocking-read`: waits for data (or the end), then reads as `read`.
fn blocking_read(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let len = u64_arg(params, 1)?;
    Ok(Some(match read_bytes(ctx, params, len)? {
        Ok(data) => ok(Some(bytes(&data))),
        Err(e) => e,
    }))
}

/// `skip`: as `read`, counting the bytes instead of returning them.
fn skip(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    if !has_input(ctx, params)? {
        return Ok(Some(ok(Some(Val::U64(0)))));
    }
    blocking_skip(ctx, params)
}

fn blocking_skip(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let len = u64_arg(params, 1)?;
    Ok(Some(match read_bytes(ctx, params, len)? {
        Ok(data) => ok(Some(Val::U64(data.len() as u64))),
        Err(e) => e,
    }))
}

/// Hands the guest `pollable` as a new owned handle.
fn push_pollable(ctx: &mut WasiCtx, pollable: Pollable) -> Result<Option<Val>, Trap> {
    let p = ctx.resources.push(pollable).map_err(table_trap)?;
    Ok(Some(own(p)))
}

/// A pollable that is ready at once.
pub(super) fn ready_pollable(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    push_pollable(ctx, Pollable::Ready)
}

/// `input-stream.subscribe`: ready when the stream can be read.
fn subscribe_input(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<InputStream> = resource_arg(params, 0)?;
    let fd = ctx.resources.get(&stream).map_err(table_trap)?.fd;
    push_pollable(ctx, Pollable::Stream { fd, write: false })
}

/// `output-stream.subscribe`: ready when the stream can be written.
fn subscribe_output(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutputStream> = resource_arg(params, 0)?;
    let fd = ctx.resources.get(&stream).map_err(table_trap)?.fd;
    push_pollable(ctx, Pollable::Stream { fd, write: true })
}

/// Writes all of `data` to the output stream of argument 0.
fn write_all(ctx: &mut WasiCtx, params: &[Val], data: &[u8]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutputStream> = resource_arg(params, 0)?;
    let (fd, at) = {
        let s = ctx.resources.get(&stream).map_err(table_trap)?;
        (s.fd, s.at)
    };
    let mut offset = match at {
        WriteAt::Stream => None,
        WriteAt::Offset(o) => Some(o),
        WriteAt::Append => match end_of(ctx, fd) {
            Ok(end) => Some(end),
            Err(errno) => return Ok(Some(stream_error(ctx, errno)?)),
        },
    };
    let mut done = 0;
    while done < data.len() {
        let written = writable(ctx, fd, offset.is_some()).and_then(|e| match offset {
            None if e.is_socket() => send(e, &data[done..]),
            _ => write_entry(e, &data[done..], offset),
        });
        match written {
            Ok(0) => return Ok(Some(stream_error(ctx, Errno::Io)?)),
            Ok(n) => {
                done += n;
                offset = offset.map(|o| o + n as u64);
            }
            Err(errno) => return Ok(Some(stream_error(ctx, errno)?)),
        }
    }
    if let (WriteAt::Offset(_), Some(o), Ok(s)) = (at, offset, ctx.resources.get_mut(&stream)) {
        s.at = WriteAt::Offset(o);
    }
    Ok(Some(ok(None)))
}

/// Sends `data` on the socket `entry` without raising `SIGPIPE` when the
/// peer has gone (the write fails with `Pipe`: the stream is closed).
fn send(entry: &Entry, data: &[u8]) -> Result<usize, Errno> {
    #[cfg(not(target_vendor = "apple"))]
    let flags = rustix::net::SendFlags::NOSIGNAL;
    #[cfg(target_vendor = "apple")]
    let flags = rustix::net::SendFlags::empty();
    let host = entry.fd()?;
    crate::wasi::funcs::retry(|| rustix::net::send(host, data, flags))
}

/// The size of the file behind descriptor `fd`, where an append writes.
fn end_of(ctx: &WasiCtx, fd: u32) -> Result<u64, Errno> {
    let entry = writable(ctx, fd, true)?;
    Ok(rustix::fs::fstat(entry.fd()?)?.st_size as u64)
}

fn write(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let data = bytes_arg(params, 1)?;
    write_all(ctx, params, &data)
}

fn write_zeroes(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let len = u64_arg(params, 1)?.min(CHUNK);
    write_all(ctx, params, &alloc::vec![0; len as usize])
}

/// `check-write`: how many bytes `write` takes now: none while a pipe,
/// socket or terminal has no room (its pollable waits for it), else a
/// chunk.
fn check_write(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutputStream> = resource_arg(params, 0)?;
    let fd = ctx.resources.get(&stream).map_err(table_trap)?.fd;
    let room = !ready(ctx, &[Pollable::Stream { fd, write: true }], false).is_empty();
    Ok(Some(ok(Some(Val::U64(if room { CHUNK } else { 0 })))))
}

fn flush(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<OutputStream> = resource_arg(params, 0)?;
    ctx.resources.get(&stream).map_err(table_trap)?;
    Ok(Some(ok(None)))
}

/// `splice(src, len)`: reads up to `len` bytes of `src` and writes them.
fn splice(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let len = u64_arg(params, 2)?;
    let source = [params[1].clone()];
    let data = match read_bytes(ctx, &source, len)? {
        Ok(data) => data,
        Err(e) => return Ok(Some(e)),
    };
    match write_all(ctx, params, &data)? {
        Some(Val::Result(Ok(_))) => Ok(Some(ok(Some(Val::U64(data.len() as u64))))),
        other => Ok(other),
    }
}

/// The monotonic clock, in nanoseconds.
pub(crate) fn monotonic_now() -> u64 {
    crate::wasi::host::timespec_nanos(rustix::time::clock_gettime(
        rustix::time::ClockId::Monotonic,
    ))
}

/// Whether descriptor `fd` has any of `events` (data or a connection to
/// take, room to write, a connection made) now, without waiting. A failed
/// `poll` says yes, as in [`ready`]: the operation that follows reports.
pub(super) fn ready_now(fd: BorrowedFd<'_>, events: PollFlags) -> bool {
    let mut fds = [PollFd::from_borrowed_fd(fd, events)];
    let now = crate::wasi::host::timespec_of(0);
    rustix::event::poll(&mut fds, Some(&now)).map_or(true, |n| n > 0)
}

/// The indices of the ready ones among `pollables`; with `block`, waits
/// until at least one is (the host's `poll` for descriptors, with the
/// earliest deadline as its timeout).
fn ready(ctx: &WasiCtx, pollables: &[Pollable], block: bool) -> Vec<u32> {
    let mut at_once = Vec::new();
    let mut deadlines = Vec::new();
    let mut waits: Vec<(u32, PollFd<'_>)> = Vec::new();
    for (i, p) in (0u32..).zip(pollables) {
        match p.wait(ctx) {
            Wait::None => at_once.push(i),
            Wait::Clock(at) => deadlines.push((i, at)),
            Wait::Host(fd, flags) => waits.push((i, PollFd::from_borrowed_fd(fd, flags))),
        }
    }
    let first_deadline = deadlines.iter().map(|(_, at)| *at).min();
    // The clock, read only when a pollable waits for it.
    let clock = || first_deadline.map_or(0, |_| monotonic_now());
    loop {
        let now = clock();
        let mut found = at_once.clone();
        let timeout = match first_deadline {
            _ if !found.is_empty() || !block => Some(0),
            Some(d) => Some(d.saturating_sub(now)),
            None => None,
        };
        let mut fds: Vec<PollFd<'_>> = waits.iter().map(|(_, p)| p.clone()).collect();
        let mut failed = false;
        if !fds.is_empty() {
            let ts = timeout.map(crate::wasi::host::timespec_of);
            match rustix::event::poll(&mut fds, ts.as_ref()) {
                Ok(_) => {}
                // An interrupted wait looks again.
                Err(rustix::io::Errno::INTR) => continue,
                // Another failure (more descriptors than the process may
                // have open, no memory) makes every descriptor count as
                // ready rather than wait forever: what the guest does next
                // reports or blocks.
                Err(_) => failed = true,
            }
        } else if let Some(wait) = timeout.filter(|&t| t > 0) {
            let _ = rustix::thread::nanosleep(&crate::wasi::host::timespec_of(wait));
        }
        found.extend(
            waits
                .iter()
                .zip(&fds)
                .filter(|(_, fd)| failed || !fd.revents().is_empty())
                .map(|((i, _), _)| *i),
        );
        let now = clock();
        found.extend(
            deadlines
                .iter()
                .filter(|(_, at)| *at <= now)
                .map(|(i, _)| *i),
        );
        if !found.is_empty() || !block || (waits.is_empty() && first_deadline.is_none()) {
            found.sort_unstable();
            return found;
        }
    }
}

/// What the pollable `p` waits for.
fn pollable(ctx: &WasiCtx, p: &Resource<Pollable>) -> Result<Pollable, Trap> {
    Ok(*ctx.resources.get(p).map_err(table_trap)?)
}

fn pollable_ready(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let p = pollable(ctx, &resource_arg(params, 0)?)?;
    Ok(Some(Val::Bool(!ready(ctx, &[p], false).is_empty())))
}

fn pollable_block(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let p = pollable(ctx, &resource_arg(params, 0)?)?;
    ready(ctx, &[p], true);
    Ok(None)
}

/// `poll(in)`: the indices of the ready pollables, waiting for the first
/// if none is.
fn poll(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let Some(Val::List(list)) = params.first() else {
        return Err(Trap::host("WASI: poll takes a list"));
    };
    if list.is_empty() {
        return Err(Trap::host("WASI: poll of an empty list"));
    }
    let mut pollables = Vec::with_capacity(list.len());
    for i in 0..list.len() {
        pollables.push(pollable(ctx, &resource_arg(list, i)?)?);
    }
    let found = ready(ctx, &pollables, true);
    Ok(Some(Val::List(found.into_iter().map(Val::U32).collect())))
}

fn error_debug_string(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let e: Resource<IoError> = resource_arg(params, 0)?;
    let errno = ctx.resources.get(&e).map_err(table_trap)?.errno;
    Ok(Some(Val::String(errno.to_string())))
}

/// `wasi:io/poll`'s functions.
pub(super) const POLL_FUNCS: &[(&str, HostFn)] = &[
    ("[method]pollable.ready", pollable_ready),
    ("[method]pollable.block", pollable_block),
    ("poll", poll),
];

/// `wasi:io/streams`' functions.
pub(super) const STREAM_FUNCS: &[(&str, HostFn)] = &[
    ("[method]input-stream.read", read),
    ("[method]input-stream.blocking-read", blocking_read),
    ("[method]input-stream.skip", skip),
    ("[method]input-stream.blocking-skip", blocking_skip),
    ("[method]input-stream.subscribe", subscribe_input),
    ("[method]output-stream.check-write", check_write),
    ("[method]output-stream.write", write),
    ("[method]output-stream.blocking-write-and-flush", write),
    ("[method]output-stream.flush", flush),
    ("[method]output-stream.blocking-flush", flush),
    ("[method]output-stream.subscribe", subscribe_output),
    ("[method]output-stream.write-zeroes", write_zeroes),
    (
        "[method]output-stream.blocking-write-zeroes-and-flush",
        write_zeroes,
    ),
    ("[method]output-stream.splice", splice),
    ("[method]output-stream.blocking-splice", splice),
];

/// Registers `wasi:io/error`, `wasi:io/poll` and `wasi:io/streams`.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    let mut error = interface(linker, get, "wasi:io/error")?;
    error.resource::<IoError>("error")?;
    error.func("[method]error.to-debug-string", error_debug_string)?;

    let mut poll_ = interface(linker, get, "wasi:io/poll")?;
    poll_.resource::<Pollable>("pollable")?;
    poll_.funcs(POLL_FUNCS)?;

    let mut streams = interface(linker, get, "wasi:io/streams")?;
    streams.resource::<IoError>("error")?;
    streams.resource::<Pollable>("pollable")?;
    streams.resource_with::<InputStream>("input-stream", drop_input)?;
    streams.resource_with::<OutputStream>("output-stream", drop_output)?;
    streams.funcs(STREAM_FUNCS)
}
