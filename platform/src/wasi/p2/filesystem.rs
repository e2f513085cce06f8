//! `wasi:filesystem/types` (the `descriptor` methods that work on the
//! open descriptor itself, `directory-entry-stream`,
//! `filesystem-error-code`) and `wasi:filesystem/preopens`. A
//! `descriptor`'s representation is a descriptor number of the context's
//! table, shared with preview 1: the preopens are its directories, and
//! `open-at` adds entries. Every operation is the preview 1 one, with its
//! capability and rights checks; the methods that take a path are in
//! [`fs_at`](super::fs_at).

use super::fs_at;
use super::fs_types::{
    answer, descriptor_stat, descriptor_type, error_code, file_type, metadata_hash, timestamps_arg,
    type_of_filetype,
};
use super::io::{CHUNK, InputStream, IoError, OutputStream, WriteAt, drop_input, drop_output};
use super::vals::{
    bytes, bytes_arg, enum_arg, enum_case, flags, ok, own, record, resource_arg, table_trap,
    u64_arg,
};
use super::{Access, HostFn, interface};
use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::fd_table::{DirListEntry, Entry, Handle};
use crate::wasi::funcs::fd::{self, read_entry, readable, writable, write_entry};
use crate::wasi::funcs::fs_cap;
use crate::wasi::types::{fdflags, filetype, rights};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wisp_component::{Linker, Resource, Val};
use wisp_core::{Error, Trap};

/// A `descriptor` (never stored: the handle's representation is the
/// descriptor number in the context's table).
pub(crate) struct Descriptor;

/// A `directory-entry-stream`: a directory's listing, taken when
/// `read-directory` was called, and how far the guest has read it.
pub(crate) struct DirEntries {
    entries: Vec<DirListEntry>,
    next: usize,
}

/// The descriptor number of the `descriptor` argument `i`.
pub(super) fn fd_arg(params: &[Val], i: usize) -> Result<u32, Trap> {
    Ok(resource_arg::<Descriptor>(params, i)?.rep())
}

/// An owned `descriptor` handle for descriptor `fd`.
pub(super) fn descriptor(fd: u32) -> Val {
    own(Resource::<Descriptor>::new_own(fd))
}

/// `result<_, error-code>`.
pub(super) fn done(result: WasiResult) -> Option<Val> {
    answer(result.map(|()| None))
}

/// The guest dropped its last handle to descriptor `fd`: closes it,
/// unless it is a preopen (those stay for the context's life, and
/// `get-directories` hands them out again).
pub(super) fn close(ctx: &mut WasiCtx, fd: u32) -> Result<(), Trap> {
    let preopen = match ctx.fds.get(fd).map(|e| &e.handle) {
        Ok(Handle::Dir(d)) => d.preopen.is_some(),
        _ => false,
    };
    if !preopen {
        let _ = ctx.fds.remove(fd);
    }
    Ok(())
}

/// Adds `value` to the context's resource table; an owned handle to it.
pub(super) fn push<R: Send + 'static>(ctx: &mut WasiCtx, value: R) -> Result<Val, Trap> {
    Ok(own(ctx.resources.push(value).map_err(table_trap)?))
}

/// Checks that descriptor `fd` may have a stream that needs `cap`; a
/// directory has none (`dir_errno`: reading one is `is-directory`,
/// writing one `bad-descriptor`, as for POSIX `read` and `write`).
fn streamable(ctx: &WasiCtx, fd: u32, cap: Capabilities, dir_errno: Errno) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    if entry.filetype == filetype::DIRECTORY {
        return Err(dir_errno);
    }
    fs_cap(ctx, entry, cap)
}

/// A descriptor of a stream's own for descriptor `fd`: a duplicate of
/// its host descriptor with its type, rights and flags, closed with the
/// stream, so that a stream stays on its file whatever the guest drops
/// first (the descriptor's number, once closed, may name another file).
fn duplicate(ctx: &mut WasiCtx, fd: u32) -> WasiResult<u32> {
    let entry = ctx.fds.get(fd)?;
    let copy = rustix::io::fcntl_dupfd_cloexec(entry.fd()?, 0)?;
    let dup = Entry {
        handle: Handle::Host(copy),
        filetype: entry.filetype,
        from_fs: entry.from_fs,
        rights_base: entry.rights_base,
        rights_inheriting: 0,
        fdflags: entry.fdflags,
    };
    ctx.fds.insert(dup)
}

/// `read-via-stream(offset)`: an input stream reading the file from
/// `offset` (each read checked as `fd_pread` is).
fn read_via_stream(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let offset = u64_arg(params, 1)?;
    let own =
        streamable(ctx, fd, Capabilities::READ, Errno::IsDir).and_then(|()| duplicate(ctx, fd));
    let fd = match own {
        Ok(fd) => fd,
        Err(e) => return Ok(answer(Err(e))),
    };
    let stream = InputStream {
        fd,
        offset: Some(offset),
        owned: true,
    };
    Ok(Some(ok(Some(push(ctx, stream)?))))
}

/// An output stream writing descriptor `fd` at `at`.
fn output(ctx: &mut WasiCtx, fd: u32, at: WriteAt) -> Result<Option<Val>, Trap> {
    let own =
        streamable(ctx, fd, Capabilities::WRITE, Errno::Badf).and_then(|()| duplicate(ctx, fd));
    let fd = match own {
        Ok(fd) => fd,
        Err(e) => return Ok(answer(Err(e))),
    };
    let stream = OutputStream {
        fd,
        at,
        owned: true,
    };
    Ok(Some(ok(Some(push(ctx, stream)?))))
}

/// `write-via-stream(offset)`.
fn write_via_stream(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    output(ctx, fd, WriteAt::Offset(u64_arg(params, 1)?))
}

/// `append-via-stream()`: every write goes to the end of the file.
fn append_via_stream(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    output(ctx, fd_arg(params, 0)?, WriteAt::Append)
}

/// `advice`'s cases, in preview 1's numbering.
const ADVICE: [&str; 6] = [
    "normal",
    "sequential",
    "random",
    "will-need",
    "dont-need",
    "no-reuse",
];

/// `advise(offset, length, advice)`, as `fd_advise`.
fn advise(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (offset, len) = (u64_arg(params, 1)?, u64_arg(params, 2)?);
    let name = enum_arg(params, 3)?;
    let advice = ADVICE
        .iter()
        .position(|a| *a == name)
        .unwrap_or(ADVICE.len());
    Ok(done(fd::advise(ctx, fd, offset, len, advice as u32)))
}

fn sync_data(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(done(fd::datasync(ctx, fd_arg(params, 0)?)))
}

fn sync(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(done(fd::sync(ctx, fd_arg(params, 0)?)))
}

/// The `descriptor-flags` of `entry`: `read` and `write` from its rights
/// (what `open-at` was asked for), the synchronisation flags it was opened
/// with, `mutate-directory` for a directory whose tree may be changed
/// through it.
fn descriptor_flags(ctx: &WasiCtx, entry: &Entry) -> Val {
    let has = |r: u64| entry.rights_base & r != 0;
    let sync = |f: u16| entry.fdflags & f != 0;
    let set = [
        ("read", has(rights::FD_READ | rights::FD_READDIR)),
        ("write", has(rights::FD_WRITE)),
        ("file-integrity-sync", sync(fdflags::SYNC)),
        ("data-integrity-sync", sync(fdflags::DSYNC)),
        ("requested-write-sync", sync(fdflags::RSYNC)),
        (
            "mutate-directory",
            has(rights::PATH_CREATE_DIRECTORY) && ctx.capabilities().contains(Capabilities::PATH),
        ),
    ];
    flags(set.iter().filter(|(_, on)| *on).map(|(name, _)| *name))
}

fn get_flags(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(answer(
        ctx.fds.get(fd).map(|e| Some(descriptor_flags(ctx, e))),
    ))
}

/// The `descriptor-type` of `entry` (asking the host only where preview
/// 1's file type does not say, as for a FIFO).
fn entry_type(entry: &Entry) -> &'static str {
    if entry.filetype == filetype::UNKNOWN {
        if let Some(st) = entry.host_fd().and_then(|h| rustix::fs::fstat(h).ok()) {
            return descriptor_type(file_type(&st));
        }
    }
    type_of_filetype(entry.filetype)
}

/// `get-type()`: needs no capability, as preview 1's `fd_fdstat_get`.
fn get_type(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(answer(
        ctx.fds.get(fd).map(|e| Some(enum_case(entry_type(e)))),
    ))
}

fn set_size(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(done(fd::set_size(ctx, fd, u64_arg(params, 1)?)))
}

fn set_times(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let times = timestamps_arg(params, 1)?;
    Ok(done(fd::set_times(ctx, fd, times)))
}

/// Fails with `errno` if descriptor `fd` is a directory.
fn not_directory(ctx: &WasiCtx, fd: u32, errno: Errno) -> WasiResult {
    match ctx.fds.get(fd)?.filetype {
        filetype::DIRECTORY => Err(errno),
        _ => Ok(()),
    }
}

/// Up to `len` bytes of descriptor `fd` at `offset`, as `fd_pread`, and
/// whether the end of the file was reached.
fn read_at(ctx: &WasiCtx, fd: u32, len: u64, offset: u64) -> WasiResult<Option<Val>> {
    not_directory(ctx, fd, Errno::IsDir)?;
    let entry = readable(ctx, fd, true)?;
    let mut buf = alloc::vec![0u8; len.min(CHUNK) as usize];
    let n = read_entry(entry, &mut buf, Some(offset))?;
    buf.truncate(n);
    let end = n == 0 && len > 0;
    Ok(Some(Val::Tuple(alloc::vec![bytes(&buf), Val::Bool(end)])))
}

/// `read(length, offset)`.
fn read(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (len, offset) = (u64_arg(params, 1)?, u64_arg(params, 2)?);
    Ok(answer(read_at(ctx, fd, len, offset)))
}

/// `write(buffer, offset)`: one write at `offset`, as `fd_pwrite`; how
/// many bytes it wrote.
fn write(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let data = bytes_arg(params, 1)?;
    let offset = u64_arg(params, 2)?;
    let written = not_directory(ctx, fd, Errno::Badf)
        .and_then(|()| writable(ctx, fd, true))
        .and_then(|entry| write_entry(entry, &data, Some(offset)));
    Ok(answer(written.map(|n| Some(Val::U64(n as u64)))))
}

/// `read-directory()`: the whole listing, without `.` and `..`, as a
/// stream of entries.
fn read_directory(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    match fd::readdir_entries(ctx, fd) {
        Ok(mut entries) => {
            entries.retain(|e| e.name != b"." && e.name != b"..");
            let stream = push(ctx, DirEntries { entries, next: 0 })?;
            Ok(Some(ok(Some(stream))))
        }
        Err(e) => Ok(answer(Err(e))),
    }
}

/// `read-directory-entry()`: the next entry, or `none` at the end; a name
/// that is not UTF-8 is `illegal-byte-sequence`.
fn read_directory_entry(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let stream: Resource<DirEntries> = resource_arg(params, 0)?;
    let s = ctx.resources.get_mut(&stream).map_err(table_trap)?;
    let Some(entry) = s.entries.get_mut(s.next) else {
        return Ok(answer(Ok(Some(Val::Option(None)))));
    };
    s.next += 1;
    let name = core::mem::take(&mut entry.name);
    let Ok(name) = String::from_utf8(name) else {
        return Ok(answer(Err(Errno::Ilseq)));
    };
    let entry = record([
        ("type", enum_case(type_of_filetype(entry.filetype))),
        ("name", Val::String(name)),
    ]);
    Ok(answer(Ok(Some(Val::Option(Some(Box::new(entry)))))))
}

/// The status of descriptor `fd`, as `fd_filestat_get` (`READ`).
fn fstat(ctx: &WasiCtx, fd: u32) -> WasiResult<rustix::fs::Stat> {
    fd::filestat(ctx, fd)?.ok_or(Errno::Badf)
}

fn stat(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(answer(fstat(ctx, fd).map(|st| Some(descriptor_stat(&st)))))
}

fn metadata_hash_of(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(answer(fstat(ctx, fd).map(|st| Some(metadata_hash(&st)))))
}

/// `is-same-object(other)`: both descriptors' status readable (`READ`)
/// and naming one file; `false` otherwise.
fn is_same_object(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let (a, b) = (fd_arg(params, 0)?, fd_arg(params, 1)?);
    let same = match (fstat(ctx, a), fstat(ctx, b)) {
        (Ok(x), Ok(y)) => x.st_dev == y.st_dev && x.st_ino == y.st_ino,
        _ => false,
    };
    Ok(Some(Val::Bool(same)))
}

/// `filesystem-error-code(err)`: the code of a stream's error.
fn filesystem_error_code(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let e: Resource<IoError> = resource_arg(params, 0)?;
    let errno = ctx.resources.get(&e).map_err(table_trap)?.errno;
    let code = Box::new(enum_case(error_code(errno)));
    Ok(Some(Val::Option(Some(code))))
}

/// `get-directories()`: every preopen with its name, in descriptor order.
fn get_directories(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    let list = ctx
        .fds
        .iter()
        .filter_map(|(fd, entry)| match &entry.handle {
            Handle::Dir(d) => d
                .preopen
                .as_ref()
                .map(|name| Val::Tuple(alloc::vec![descriptor(fd), Val::String(name.clone())])),
            _ => None,
        })
        .collect();
    Ok(Some(Val::List(list)))
}

/// The functions of `wasi:filesystem/types` defined here, by WIT name.
pub(super) const FUNCS: &[(&str, HostFn)] = &[
    (
        "[method]descriptor.read-via-stream",
        read_via_stream as HostFn,
    ),
    ("[method]descriptor.write-via-stream", write_via_stream),
    ("[method]descriptor.append-via-stream", append_via_stream),
    ("[method]descriptor.advise", advise),
    ("[method]descriptor.sync-data", sync_data),
    ("[method]descriptor.get-flags", get_flags),
    ("[method]descriptor.get-type", get_type),
    ("[method]descriptor.set-size", set_size),
    ("[method]descriptor.set-times", set_times),
    ("[method]descriptor.read", read),
    ("[method]descriptor.write", write),
    ("[method]descriptor.read-directory", read_directory),
    ("[method]descriptor.sync", sync),
    ("[method]descriptor.stat", stat),
    ("[method]descriptor.is-same-object", is_same_object),
    ("[method]descriptor.metadata-hash", metadata_hash_of),
    (
        "[method]directory-entry-stream.read-directory-entry",
        read_directory_entry,
    ),
    ("filesystem-error-code", filesystem_error_code),
];

/// The functions of `wasi:filesystem/preopens`.
pub(super) const PREOPENS: &[(&str, HostFn)] = &[("get-directories", get_directories)];

/// Registers `wasi:filesystem/types` and `wasi:filesystem/preopens`.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    let mut types = interface(linker, get, "wasi:filesystem/types")?;
    types.resource::<IoError>("error")?;
    types.resource_with::<InputStream>("input-stream", drop_input)?;
    types.resource_with::<OutputStream>("output-stream", drop_output)?;
    types.resource_with::<Descriptor>("descriptor", close)?;
    types.resource::<DirEntries>("directory-entry-stream")?;
    types.funcs(FUNCS)?;
    types.funcs(fs_at::FUNCS)?;
    let mut preopens = interface(linker, get, "wasi:filesystem/preopens")?;
    preopens.resource_with::<Descriptor>("descriptor", close)?;
    preopens.funcs(PREOPENS)
}
