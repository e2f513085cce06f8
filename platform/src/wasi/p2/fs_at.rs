//! The `descriptor` methods of `wasi:filesystem/types` that name a path
//! beneath a directory descriptor (`open-at`, `stat-at`, `*-at`): each is
//! preview 1's `path_*` core (`funcs::path`), so paths resolve beneath the
//! directory exactly as preview 1's do, under the same capabilities
//! (`READ` to open for reading, stat and read links; `WRITE` to open for
//! writing, create or truncate and to set times; `PATH` to change the
//! tree).

use super::HostFn;
use super::filesystem::{descriptor, done, fd_arg};
use super::fs_types::{answer, descriptor_stat, metadata_hash, timestamps_arg};
use super::vals::{flag_arg, string_arg};
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::Errno;
use crate::wasi::funcs::path::{self as fs, PathArg};
use crate::wasi::types::{fdflags, oflags, rights};
use alloc::string::String;
use wisp_component::Val;
use wisp_core::Trap;

/// Whether the `path-flags` argument `i` asks to follow a final symbolic
/// link.
fn follow_arg(params: &[Val], i: usize) -> Result<bool, Trap> {
    flag_arg(params, i, "symlink-follow")
}

/// The path argument `i`.
fn path_arg(params: &[Val], i: usize) -> Result<PathArg<'_>, Trap> {
    Ok(PathArg::Str(string_arg(params, i)?))
}

/// The rights a descriptor opened by `open-at` asks for: all but those of
/// reading and writing, which come with the `read` and `write` flags (the
/// rights wasi-libc's preview 1 `openat` asks for with `O_RDONLY` and
/// `O_WRONLY`). What the new descriptor gets is further limited by its
/// type and its directory, as for `path_open`.
pub(crate) fn open_rights(read: bool, write: bool) -> u64 {
    const READING: u64 = rights::FD_READ | rights::FD_READDIR;
    const WRITING: u64 =
        rights::FD_DATASYNC | rights::FD_WRITE | rights::FD_ALLOCATE | rights::FD_FILESTAT_SET_SIZE;
    let mut base = rights::ALL & !(READING | WRITING);
    if read {
        base |= READING;
    }
    if write {
        base |= WRITING;
    }
    base
}

/// `open-at(path-flags, path, open-flags, flags)`: `path_open` with the
/// `open-flags` as `oflags`, the `read`/`write` flags as rights and the
/// synchronisation flags as `fdflags`. `mutate-directory` asks for
/// nothing more: changing the tree through the new descriptor needs the
/// `PATH` capability whatever the flags (wasi-libc asks for it with every
/// open for writing).
fn open_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let follow = follow_arg(params, 1)?;
    let path = path_arg(params, 2)?;
    let mut open = 0;
    for (name, bit) in [
        ("create", oflags::CREAT),
        ("directory", oflags::DIRECTORY),
        ("exclusive", oflags::EXCL),
        ("truncate", oflags::TRUNC),
    ] {
        if flag_arg(params, 3, name)? {
            open |= bit;
        }
    }
    let mut sync = 0;
    for (name, bit) in [
        ("file-integrity-sync", fdflags::SYNC),
        ("data-integrity-sync", fdflags::DSYNC),
        ("requested-write-sync", fdflags::RSYNC),
    ] {
        if flag_arg(params, 4, name)? {
            sync |= bit;
        }
    }
    let base = open_rights(flag_arg(params, 4, "read")?, flag_arg(params, 4, "write")?);
    let inheriting = rights::DIRECTORY | rights::FILE;
    let opened = fs::open_at(ctx, fd, follow, path, (open, base, inheriting, sync));
    Ok(answer(opened.map(|new| Some(descriptor(new)))))
}

fn create_directory_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(done(fs::create_directory(ctx, fd, path_arg(params, 1)?)))
}

fn remove_directory_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(done(fs::remove_directory(ctx, fd, path_arg(params, 1)?)))
}

fn unlink_file_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    Ok(done(fs::unlink_file(ctx, fd, path_arg(params, 1)?)))
}

/// `rename-at(old-path, new-descriptor, new-path)`.
fn rename_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (old, new_fd, new) = (
        path_arg(params, 1)?,
        fd_arg(params, 2)?,
        path_arg(params, 3)?,
    );
    Ok(done(fs::rename(ctx, fd, old, new_fd, new)))
}

/// `symlink-at(old-path, new-path)`: `new-path` becomes a link to
/// `old-path`.
fn symlink_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (target, new) = (string_arg(params, 1)?, path_arg(params, 2)?);
    Ok(done(fs::symlink(ctx, target.into(), fd, new)))
}

/// `link-at(old-path-flags, old-path, new-descriptor, new-path)`.
fn link_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (follow, old) = (follow_arg(params, 1)?, path_arg(params, 2)?);
    let (new_fd, new) = (fd_arg(params, 3)?, path_arg(params, 4)?);
    Ok(done(fs::link(ctx, fd, follow, old, new_fd, new)))
}

/// `readlink-at(path)`: a target that is not UTF-8 is
/// `illegal-byte-sequence`.
fn readlink_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let target = fs::readlink(ctx, fd, path_arg(params, 1)?)
        .and_then(|t| String::from_utf8(t).map_err(|_| Errno::Ilseq));
    Ok(answer(target.map(|t| Some(Val::String(t)))))
}

fn stat_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let st = fs::stat_at(ctx, fd, follow_arg(params, 1)?, path_arg(params, 2)?);
    Ok(answer(st.map(|st| Some(descriptor_stat(&st)))))
}

fn metadata_hash_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let st = fs::stat_at(ctx, fd, follow_arg(params, 1)?, path_arg(params, 2)?);
    Ok(answer(st.map(|st| Some(metadata_hash(&st)))))
}

/// `set-times-at(path-flags, path, data-access-timestamp,
/// data-modification-timestamp)`.
fn set_times_at(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let fd = fd_arg(params, 0)?;
    let (follow, path) = (follow_arg(params, 1)?, path_arg(params, 2)?);
    let times = timestamps_arg(params, 3)?;
    Ok(done(
        times.and_then(|t| fs::set_times_at(ctx, fd, follow, path, &t)),
    ))
}

/// The path methods of `descriptor`, by WIT name.
pub(super) const FUNCS: &[(&str, HostFn)] = &[
    ("[method]descriptor.open-at", open_at as HostFn),
    (
        "[method]descriptor.create-directory-at",
        create_directory_at,
    ),
    (
        "[method]descriptor.remove-directory-at",
        remove_directory_at,
    ),
    ("[method]descriptor.unlink-file-at", unlink_file_at),
    ("[method]descriptor.rename-at", rename_at),
    ("[method]descriptor.symlink-at", symlink_at),
    ("[method]descriptor.link-at", link_at),
    ("[method]descriptor.readlink-at", readlink_at),
    ("[method]descriptor.stat-at", stat_at),
    ("[method]descriptor.metadata-hash-at", metadata_hash_at),
    ("[method]descriptor.set-times-at", set_times_at),
];
