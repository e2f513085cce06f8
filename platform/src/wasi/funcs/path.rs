//! The `path_*` functions: everything named by a path relative to a
//! directory descriptor, resolved beneath it by [`crate::wasi::path`].

use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::fd_table::{Entry, rights_for};
use crate::wasi::host::{timestamps, write_filestat};
use crate::wasi::memory::GuestMemory;
use crate::wasi::path::{Resolved, resolve};
use crate::wasi::types::{LOOKUP_SYMLINK_FOLLOW, fdflags, filetype, oflags, rights};
use alloc::vec::Vec;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno as Host;

/// A path argument: in the guest's memory (preview 1, read only once the
/// descriptor and capability checks have passed) or a string (WASI 0.2,
/// whose canonical ABI has already lifted it).
#[derive(Clone, Copy)]
pub(crate) enum PathArg<'a> {
    /// `len` bytes at `ptr` of the guest's memory.
    Guest(&'a GuestMemory<'a>, u32, u32),
    /// A string.
    #[cfg(feature = "component")]
    Str(&'a str),
}

impl PathArg<'_> {
    /// The path as a string (`Ilseq` when not UTF-8, `Fault` out of
    /// bounds).
    fn string(self) -> WasiResult<alloc::string::String> {
        match self {
            PathArg::Guest(mem, ptr, len) => mem.string(ptr, len),
            #[cfg(feature = "component")]
            PathArg::Str(s) => Ok(s.into()),
        }
    }
}

/// The directory entry `fd` (with right `needed`), its capability checked,
/// and `path` resolved beneath it.
fn lookup(
    ctx: &WasiCtx,
    fd: u32,
    needed: u64,
    caps: Capabilities,
    path: PathArg<'_>,
    follow: bool,
) -> WasiResult<Resolved> {
    let entry = ctx.fds.get(fd)?;
    let dir = entry.dir()?;
    ctx.require(caps)?;
    entry.require(needed)?;
    let path = path.string()?;
    resolve(rustix::fd::AsFd::as_fd(&dir.fd), &path, follow)
}

/// Fails with `NotDir` when a path ended in `/` but names a non-directory.
fn check_trailing_slash(r: &Resolved) -> WasiResult {
    if r.trailing_slash {
        let st = rustix::fs::statat(&r.dir, r.name.as_str(), AtFlags::SYMLINK_NOFOLLOW)?;
        if FileType::from_raw_mode(st.st_mode as _) != FileType::Directory {
            return Err(Errno::NotDir);
        }
    }
    Ok(())
}

/// `path_open(fd, dirflags, path, path_len, oflags, fs_rights_base,
/// fs_rights_inheriting, fdflags, opened_fd)`. Reading needs `READ`;
/// writing, creating or truncating needs `WRITE`. A directory opened with
/// `OFLAGS_DIRECTORY` and write rights (`FD_WRITE`, `FD_ALLOCATE`,
/// `FD_FILESTAT_SET_SIZE`) is `ISDIR`, as on POSIX hosts.
#[allow(clippy::too_many_arguments)]
pub fn path_open(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    dirflags: u32,
    path: u32,
    path_len: u32,
    oflags: u32,
    base: u64,
    inheriting: u64,
    fdflags: u32,
    opened: u32,
) -> WasiResult {
    let follow = dirflags & LOOKUP_SYMLINK_FOLLOW != 0;
    let path = PathArg::Guest(mem, path, path_len);
    let flags = (oflags as u16, base, inheriting, fdflags as u16);
    let new = open_at(ctx, fd, follow, path, flags)?;
    mem.write_u32(opened, new)
}

/// Opens `path` beneath directory `fd` with preview 1's `(oflags,
/// fs_rights_base, fs_rights_inheriting, fdflags)` and returns the new
/// descriptor: [`path_open`] without the guest's memory (WASI 0.2's
/// `open-at` calls it too).
pub(crate) fn open_at(
    ctx: &mut WasiCtx,
    fd: u32,
    follow: bool,
    path: PathArg<'_>,
    (oflags, base, inheriting, fdflags): (u16, u64, u64, u16),
) -> WasiResult<u32> {
    if oflags & !(oflags::CREAT | oflags::DIRECTORY | oflags::EXCL | oflags::TRUNC) != 0 {
        return Err(Errno::Inval);
    }
    let want_dir = oflags & oflags::DIRECTORY != 0;
    let write_rights =
        base & (rights::FD_WRITE | rights::FD_ALLOCATE | rights::FD_FILESTAT_SET_SIZE) != 0;
    // A directory is never opened for writing: with `DIRECTORY`, write
    // rights make the call fail with `ISDIR` below (POSIX's answer to
    // opening a directory for writing), once the target is known to be one.
    let write = !want_dir && (write_rights || fdflags & fdflags::APPEND != 0);
    let read = want_dir || base & (rights::FD_READ | rights::FD_READDIR) != 0 || !write;
    let creates = oflags & (oflags::CREAT | oflags::TRUNC) != 0;
    let mut caps = Capabilities::empty();
    if read {
        caps |= Capabilities::READ;
    }
    if write || creates {
        caps |= Capabilities::WRITE;
    }
    let mut needed = rights::PATH_OPEN;
    if oflags & oflags::CREAT != 0 {
        needed |= rights::PATH_CREATE_FILE;
    }
    if oflags & oflags::TRUNC != 0 {
        needed |= rights::PATH_FILESTAT_SET_SIZE;
    }
    let dir_inheriting = ctx.fds.get(fd)?.rights_inheriting;

    let mut flags = OFlags::CLOEXEC | OFlags::NOFOLLOW;
    flags |= match (read, write) {
        (true, true) => OFlags::RDWR,
        (false, true) => OFlags::WRONLY,
        _ => OFlags::RDONLY,
    };
    for (bit, host) in [
        (oflags::CREAT, OFlags::CREATE),
        (oflags::DIRECTORY, OFlags::DIRECTORY),
        (oflags::EXCL, OFlags::EXCL),
        (oflags::TRUNC, OFlags::TRUNC),
    ] {
        if oflags & bit != 0 {
            flags |= host;
        }
    }
    for (bit, host) in [
        (fdflags::APPEND, OFlags::APPEND),
        (fdflags::NONBLOCK, OFlags::NONBLOCK),
        (fdflags::DSYNC, OFlags::DSYNC),
        (fdflags::SYNC, OFlags::SYNC),
    ] {
        if fdflags & bit != 0 {
            flags |= host;
        }
    }
    #[cfg(target_os = "linux")]
    if fdflags & fdflags::RSYNC != 0 {
        flags |= OFlags::RSYNC;
    }

    let mut attempts = 0;
    let host_fd = loop {
        let r = lookup(ctx, fd, needed, caps, path, follow)?;
        let mut f = flags;
        if r.trailing_slash {
            f |= OFlags::DIRECTORY;
        }
        match rustix::fs::openat(&r.dir, r.name.as_str(), f, Mode::from_raw_mode(0o666)) {
            Ok(h) => break h,
            // The final component became a symbolic link after resolution
            // expanded it: resolve again.
            Err(Host::LOOP) if follow && attempts < 8 => attempts += 1,
            Err(e) => return Err(e.into()),
        }
    };
    let mut entry = Entry::for_host(host_fd, true);
    if want_dir && entry.filetype != filetype::DIRECTORY {
        return Err(Errno::NotDir);
    }
    if want_dir && write_rights {
        return Err(Errno::IsDir);
    }
    entry.rights_base = base & rights_for(entry.filetype) & dir_inheriting;
    entry.rights_inheriting = inheriting & dir_inheriting;
    entry.fdflags = fdflags;
    ctx.fds.insert(entry)
}

/// `path_create_directory(fd, path, path_len)`. Needs `PATH`.
pub fn path_create_directory(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    len: u32,
) -> WasiResult {
    create_directory(ctx, fd, PathArg::Guest(mem, path, len))
}

/// Creates directory `path` beneath `fd`, as [`path_create_directory`].
pub(crate) fn create_directory(ctx: &WasiCtx, fd: u32, path: PathArg<'_>) -> WasiResult {
    let needed = rights::PATH_CREATE_DIRECTORY;
    let r = lookup(ctx, fd, needed, Capabilities::PATH, path, false)?;
    Ok(rustix::fs::mkdirat(
        &r.dir,
        r.name.as_str(),
        Mode::from_raw_mode(0o777),
    )?)
}

/// `path_remove_directory(fd, path, path_len)`. Needs `PATH`.
pub fn path_remove_directory(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    len: u32,
) -> WasiResult {
    remove_directory(ctx, fd, PathArg::Guest(mem, path, len))
}

/// Removes the empty directory `path` beneath `fd`, as
/// [`path_remove_directory`].
pub(crate) fn remove_directory(ctx: &WasiCtx, fd: u32, path: PathArg<'_>) -> WasiResult {
    let needed = rights::PATH_REMOVE_DIRECTORY;
    let r = lookup(ctx, fd, needed, Capabilities::PATH, path, false)?;
    Ok(rustix::fs::unlinkat(
        &r.dir,
        r.name.as_str(),
        AtFlags::REMOVEDIR,
    )?)
}

/// `path_unlink_file(fd, path, path_len)`. Needs `PATH`.
pub fn path_unlink_file(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    len: u32,
) -> WasiResult {
    unlink_file(ctx, fd, PathArg::Guest(mem, path, len))
}

/// Removes the non-directory `path` beneath `fd`, as [`path_unlink_file`].
pub(crate) fn unlink_file(ctx: &WasiCtx, fd: u32, path: PathArg<'_>) -> WasiResult {
    let needed = rights::PATH_UNLINK_FILE;
    let r = lookup(ctx, fd, needed, Capabilities::PATH, path, false)?;
    if r.trailing_slash {
        check_trailing_slash(&r)?;
        return Err(Errno::IsDir);
    }
    match rustix::fs::unlinkat(&r.dir, r.name.as_str(), AtFlags::empty()) {
        Ok(()) => Ok(()),
        // macOS says EPERM for a directory; WASI (and Linux) say EISDIR.
        Err(Host::PERM) if is_dir(&r) => Err(Errno::IsDir),
        Err(e) => Err(e.into()),
    }
}

/// Whether the resolved name is a directory (not following links).
fn is_dir(r: &Resolved) -> bool {
    rustix::fs::statat(&r.dir, r.name.as_str(), AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|st| FileType::from_raw_mode(st.st_mode as _) == FileType::Directory)
}

/// `path_rename(fd, old_path, old_len, new_fd, new_path, new_len)`: both
/// paths beneath their own descriptors. Needs `PATH`.
#[allow(clippy::too_many_arguments)]
pub fn path_rename(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    old: u32,
    old_len: u32,
    new_fd: u32,
    new: u32,
    new_len: u32,
) -> WasiResult {
    let from = PathArg::Guest(mem, old, old_len);
    rename(ctx, fd, from, new_fd, PathArg::Guest(mem, new, new_len))
}

/// Renames `old` beneath `fd` to `new` beneath `new_fd`, as
/// [`path_rename`].
pub(crate) fn rename(
    ctx: &WasiCtx,
    fd: u32,
    old: PathArg<'_>,
    new_fd: u32,
    new: PathArg<'_>,
) -> WasiResult {
    let from = lookup(
        ctx,
        fd,
        rights::PATH_RENAME_SOURCE,
        Capabilities::PATH,
        old,
        false,
    )?;
    let to = lookup(
        ctx,
        new_fd,
        rights::PATH_RENAME_TARGET,
        Capabilities::PATH,
        new,
        false,
    )?;
    if (from.trailing_slash || to.trailing_slash) && !is_dir(&from) {
        return Err(Errno::NotDir);
    }
    Ok(rustix::fs::renameat(
        &from.dir,
        from.name.as_str(),
        &to.dir,
        to.name.as_str(),
    )?)
}

/// `path_symlink(old_path, old_len, fd, new_path, new_len)`: creates link
/// `new_path` with contents `old_path`. Absolute targets are refused
/// (`NotCapable`): the guest could never follow them. Needs `PATH`.
pub fn path_symlink(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    old: u32,
    old_len: u32,
    fd: u32,
    new: u32,
    new_len: u32,
) -> WasiResult {
    let target = mem.string(old, old_len)?;
    symlink(ctx, target, fd, PathArg::Guest(mem, new, new_len))
}

/// Creates the symbolic link `path` beneath `fd` to `target`, as
/// [`path_symlink`]. (`target` is owned: rustix makes the C string of an
/// owned one without a second, slower copy path in the binary.)
pub(crate) fn symlink(
    ctx: &WasiCtx,
    target: alloc::string::String,
    fd: u32,
    path: PathArg<'_>,
) -> WasiResult {
    if target.starts_with('/') {
        ctx.require(Capabilities::PATH)?;
        return Err(Errno::NotCapable);
    }
    if target.contains('\0') {
        return Err(Errno::Ilseq);
    }
    let needed = rights::PATH_SYMLINK;
    let r = lookup(ctx, fd, needed, Capabilities::PATH, path, false)?;
    if r.trailing_slash {
        return Err(Errno::NoEnt);
    }
    Ok(rustix::fs::symlinkat(target, &r.dir, r.name.as_str())?)
}

/// `path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path,
/// new_len)`: a hard link. A followed source link is expanded beneath its
/// directory first, never by the host. Needs `PATH`.
#[allow(clippy::too_many_arguments)]
pub fn path_link(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    old_fd: u32,
    flags: u32,
    old: u32,
    old_len: u32,
    new_fd: u32,
    new: u32,
    new_len: u32,
) -> WasiResult {
    let follow = flags & LOOKUP_SYMLINK_FOLLOW != 0;
    let from = PathArg::Guest(mem, old, old_len);
    link(
        ctx,
        old_fd,
        follow,
        from,
        new_fd,
        PathArg::Guest(mem, new, new_len),
    )
}

/// Makes `new` beneath `new_fd` a hard link to `old` beneath `old_fd`, as
/// [`path_link`].
pub(crate) fn link(
    ctx: &WasiCtx,
    old_fd: u32,
    follow: bool,
    old: PathArg<'_>,
    new_fd: u32,
    new: PathArg<'_>,
) -> WasiResult {
    let from = lookup(
        ctx,
        old_fd,
        rights::PATH_LINK_SOURCE,
        Capabilities::PATH,
        old,
        follow,
    )?;
    let to = lookup(
        ctx,
        new_fd,
        rights::PATH_LINK_TARGET,
        Capabilities::PATH,
        new,
        false,
    )?;
    if to.trailing_slash {
        return Err(Errno::NoEnt);
    }
    Ok(rustix::fs::linkat(
        &from.dir,
        from.name.as_str(),
        &to.dir,
        to.name.as_str(),
        AtFlags::empty(),
    )?)
}

/// `path_readlink(fd, path, path_len, buf, buf_len, bufused)`: the link's
/// contents, cut to `buf_len`. Needs `READ`.
#[allow(clippy::too_many_arguments)]
pub fn path_readlink(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    len: u32,
    buf: u32,
    buf_len: u32,
    used: u32,
) -> WasiResult {
    let target = readlink(ctx, fd, PathArg::Guest(mem, path, len))?;
    let n = target.len().min(buf_len as usize);
    mem.write_bytes(buf, &target[..n])?;
    mem.write_u32(used, n as u32)
}

/// The contents of the symbolic link `path` beneath `fd`, as
/// [`path_readlink`].
pub(crate) fn readlink(ctx: &WasiCtx, fd: u32, path: PathArg<'_>) -> WasiResult<Vec<u8>> {
    let needed = rights::PATH_READLINK;
    let r = lookup(ctx, fd, needed, Capabilities::READ, path, false)?;
    let target = rustix::fs::readlinkat(&r.dir, r.name.as_str(), Vec::new())?;
    Ok(target.into_bytes())
}

/// `path_filestat_get(fd, flags, path, path_len, buf)`. Needs `READ`.
pub fn path_filestat_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    len: u32,
    out: u32,
) -> WasiResult {
    let follow = flags & LOOKUP_SYMLINK_FOLLOW != 0;
    let st = stat_at(ctx, fd, follow, PathArg::Guest(mem, path, len))?;
    write_filestat(mem, out, &st)
}

/// The status of `path` beneath `fd`, as [`path_filestat_get`].
pub(crate) fn stat_at(
    ctx: &WasiCtx,
    fd: u32,
    follow: bool,
    path: PathArg<'_>,
) -> WasiResult<rustix::fs::Stat> {
    let needed = rights::PATH_FILESTAT_GET;
    let r = lookup(ctx, fd, needed, Capabilities::READ, path, follow)?;
    check_trailing_slash(&r)?;
    Ok(rustix::fs::statat(
        &r.dir,
        r.name.as_str(),
        AtFlags::SYMLINK_NOFOLLOW,
    )?)
}

/// `path_filestat_set_times(fd, flags, path, path_len, atim, mtim,
/// fst_flags)`. Needs `WRITE`.
#[allow(clippy::too_many_arguments)]
pub fn path_filestat_set_times(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    len: u32,
    atim: u64,
    mtim: u64,
    fst: u32,
) -> WasiResult {
    let times = timestamps(atim, mtim, u16::try_from(fst).map_err(|_| Errno::Inval)?)?;
    let follow = flags & LOOKUP_SYMLINK_FOLLOW != 0;
    set_times_at(ctx, fd, follow, PathArg::Guest(mem, path, len), &times)
}

/// Sets the timestamps of `path` beneath `fd`, as
/// [`path_filestat_set_times`].
pub(crate) fn set_times_at(
    ctx: &WasiCtx,
    fd: u32,
    follow: bool,
    path: PathArg<'_>,
    times: &rustix::fs::Timestamps,
) -> WasiResult {
    let needed = rights::PATH_FILESTAT_SET_TIMES;
    let r = lookup(ctx, fd, needed, Capabilities::WRITE, path, follow)?;
    check_trailing_slash(&r)?;
    Ok(rustix::fs::utimensat(
        &r.dir,
        r.name.as_str(),
        times,
        AtFlags::SYMLINK_NOFOLLOW,
    )?)
}

#[cfg(test)]
mod tests;
