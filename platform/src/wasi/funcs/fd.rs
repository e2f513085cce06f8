//! The `fd_*` functions: reading, writing and managing open descriptors.

use super::{fs_cap, retry};
use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::fd_table::{DirListEntry, Directory, Entry, Handle};
use crate::wasi::host::{filetype_of, timestamps, write_filestat};
use crate::wasi::memory::GuestMemory;
use crate::wasi::types::{fdflags, filetype, rights, whence};
use alloc::vec::Vec;
use rustix::fs::{OFlags, SeekFrom};

/// Reads into the guest's buffers `iovs` with `read_at(buf, done)`, which
/// reads at the position `done` bytes past the start. Regular files fill
/// buffer after buffer; streams stop after the first read, so that a
/// terminal or pipe never blocks for more than one.
fn read_into(
    entry: &Entry,
    mem: &mut GuestMemory<'_>,
    iovs: u32,
    iovs_len: u32,
    mut read_at: impl FnMut(&mut [u8], u64) -> WasiResult<usize>,
) -> WasiResult<u32> {
    let list = mem.iovecs(iovs, iovs_len)?;
    let mut done: u64 = 0;
    for (buf, len) in list {
        if len == 0 {
            continue;
        }
        let n = mem.fill_with(buf, len, |dst| read_at(dst, done))?;
        done += n as u64;
        if n < len as usize || entry.filetype != filetype::REGULAR_FILE {
            break;
        }
    }
    u32::try_from(done).map_err(|_| Errno::Overflow)
}

/// The descriptor `fd`, checked for reading: the `READ` capability for
/// files, and the rights to read (and, for reads at an offset, to seek).
/// Preview 1 and 2 reads both go through here.
pub(crate) fn readable(ctx: &WasiCtx, fd: u32, at_offset: bool) -> WasiResult<&Entry> {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::READ)?;
    entry.require(rights::FD_READ | if at_offset { rights::FD_SEEK } else { 0 })?;
    Ok(entry)
}

/// The descriptor `fd`, checked for writing (as [`readable`]).
pub(crate) fn writable(ctx: &WasiCtx, fd: u32, at_offset: bool) -> WasiResult<&Entry> {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::WRITE)?;
    entry.require(rights::FD_WRITE | if at_offset { rights::FD_SEEK } else { 0 })?;
    Ok(entry)
}

/// Reads into `buf` from `entry`'s stream position, or at `offset`: one
/// host read. A null stream is at its end.
pub(crate) fn read_entry(entry: &Entry, buf: &mut [u8], offset: Option<u64>) -> WasiResult<usize> {
    match (offset, entry.host_fd(), &entry.handle) {
        (None, None, Handle::Input(pipe)) => Ok(pipe.read(buf)),
        (None, None, _) => Ok(0),
        (None, Some(host), _) => retry(|| rustix::io::read(host, &mut *buf)),
        (Some(at), ..) => {
            let host = entry.fd().map_err(|_| Errno::Spipe)?;
            retry(|| rustix::io::pread(host, &mut *buf, at))
        }
    }
}

/// Writes `data` to `entry` at its stream position, or at `offset`: one
/// host write. A null stream takes everything.
pub(crate) fn write_entry(entry: &Entry, data: &[u8], offset: Option<u64>) -> WasiResult<usize> {
    match (offset, entry.host_fd(), &entry.handle) {
        (None, None, Handle::Output(pipe)) => pipe.write(data).ok_or(Errno::NoSpc),
        (None, None, _) => Ok(data.len()),
        (None, Some(_), _) if data.is_empty() => Ok(0),
        (None, Some(host), _) => retry(|| rustix::io::write(host, data)),
        (Some(at), ..) => {
            let host = entry.fd().map_err(|_| Errno::Spipe)?;
            retry(|| rustix::io::pwrite(host, data, at))
        }
    }
}

/// `fd_read(fd, iovs, iovs_len, nread)`. Files need `READ`.
pub fn fd_read(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    nread: u32,
) -> WasiResult {
    let entry = readable(ctx, fd, false)?;
    let n = read_into(entry, mem, iovs, iovs_len, |buf, _| {
        read_entry(entry, buf, None)
    })?;
    mem.write_u32(nread, n)
}

/// `fd_pread(fd, iovs, iovs_len, offset, nread)`. Needs `READ`.
pub fn fd_pread(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: u64,
    nread: u32,
) -> WasiResult {
    let entry = readable(ctx, fd, true)?;
    entry.fd().map_err(|_| Errno::Spipe)?;
    let n = read_into(entry, mem, iovs, iovs_len, |buf, done| {
        read_entry(entry, buf, Some(offset + done))
    })?;
    mem.write_u32(nread, n)
}

/// `fd_write(fd, iovs, iovs_len, nwritten)`: one host write of all the
/// buffers (so concurrent output is not interleaved mid-call). Files need
/// `WRITE`.
pub fn fd_write(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    nwritten: u32,
) -> WasiResult {
    let entry = writable(ctx, fd, false)?;
    let list = mem.iovecs(iovs, iovs_len)?;
    let data = match list.as_slice() {
        [(buf, len)] => mem.read(*buf, *len)?,
        many => mem.gather(many)?,
    };
    let n = write_entry(entry, &data, None)?;
    mem.write_u32(nwritten, u32::try_from(n).map_err(|_| Errno::Overflow)?)
}

/// `fd_pwrite(fd, iovs, iovs_len, offset, nwritten)`. Needs `WRITE`.
pub fn fd_pwrite(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: u64,
    nwritten: u32,
) -> WasiResult {
    let entry = writable(ctx, fd, true)?;
    let list = mem.iovecs(iovs, iovs_len)?;
    let data = mem.gather(&list)?;
    let n = write_entry(entry, &data, Some(offset))?;
    mem.write_u32(nwritten, n as u32)
}

/// `fd_seek(fd, offset, whence, newoffset)`.
pub fn fd_seek(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    how: u32,
    out: u32,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    let pos = match how as u8 {
        _ if how > 2 => return Err(Errno::Inval),
        whence::SET => SeekFrom::Start(offset),
        whence::CUR => SeekFrom::Current(offset as i64),
        _ => SeekFrom::End(offset as i64),
    };
    seekable(entry)?;
    let tell_only = matches!(pos, SeekFrom::Current(0));
    entry.require(if tell_only {
        rights::FD_TELL
    } else {
        rights::FD_SEEK
    })?;
    let host = entry.fd()?;
    let new = retry(|| rustix::fs::seek(host, pos))?;
    mem.write_u64(out, new)
}

/// Fails unless `entry` can seek: directories are `Badf`, streams `Spipe`.
fn seekable(entry: &Entry) -> WasiResult {
    match entry.filetype {
        filetype::DIRECTORY => Err(Errno::Badf),
        filetype::REGULAR_FILE | filetype::BLOCK_DEVICE if entry.host_fd().is_some() => Ok(()),
        _ => Err(Errno::Spipe),
    }
}

/// `fd_tell(fd, offset)`.
pub fn fd_tell(ctx: &mut WasiCtx, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    seekable(entry)?;
    entry.require(rights::FD_TELL)?;
    let pos = rustix::fs::tell(entry.fd()?)?;
    mem.write_u64(out, pos)
}

/// `fd_close(fd)`.
pub fn fd_close(ctx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> WasiResult {
    ctx.fds.remove(fd).map(drop)
}

/// `fd_renumber(from, to)`: `to` must be open; it is closed and replaced.
pub fn fd_renumber(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    from: u32,
    to: u32,
) -> WasiResult {
    ctx.fds.renumber(from, to)
}

/// `fd_sync(fd)`.
pub fn fd_sync(ctx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> WasiResult {
    sync(ctx, fd)
}

/// Flushes descriptor `fd`'s data and metadata to storage (`fd_sync`, and
/// WASI 0.2's `sync`).
pub(crate) fn sync(ctx: &WasiCtx, fd: u32) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    match entry.host_fd() {
        None => Ok(()),
        Some(host) => Ok(rustix::fs::fsync(host)?),
    }
}

/// `fd_datasync(fd)` (`fsync` where the host has no `fdatasync`).
pub fn fd_datasync(ctx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> WasiResult {
    datasync(ctx, fd)
}

/// Flushes descriptor `fd`'s data to storage (`fd_datasync`, and WASI
/// 0.2's `sync-data`).
pub(crate) fn datasync(ctx: &WasiCtx, fd: u32) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    let Some(host) = entry.host_fd() else {
        return Ok(());
    };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    rustix::fs::fdatasync(host)?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    rustix::fs::fsync(host)?;
    Ok(())
}

/// `fd_advise(fd, offset, len, advice)`: passed to `posix_fadvise` on
/// Linux, accepted and ignored elsewhere (it is only a hint).
pub fn fd_advise(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    len: u64,
    advice: u32,
) -> WasiResult {
    advise(ctx, fd, offset, len, advice)
}

/// Passes `advice` (preview 1's numbering) for a range of `fd` on, as
/// [`fd_advise`] (and WASI 0.2's `advise`).
pub(crate) fn advise(ctx: &WasiCtx, fd: u32, offset: u64, len: u64, advice: u32) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    if advice > 5 {
        return Err(Errno::Inval);
    }
    if entry.filetype == filetype::DIRECTORY {
        return Err(Errno::Badf);
    }
    entry.require(rights::FD_ADVISE)?;
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::Advice;
        let a = match advice {
            0 => Advice::Normal,
            1 => Advice::Sequential,
            2 => Advice::Random,
            3 => Advice::WillNeed,
            4 => Advice::DontNeed,
            _ => Advice::NoReuse,
        };
        rustix::fs::fadvise(entry.fd()?, offset, core::num::NonZeroU64::new(len), a)?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (offset, len);
    Ok(())
}

/// `fd_allocate(fd, offset, len)`: makes sure the file has room for the
/// range (growing it, never shrinking). Needs `WRITE`.
pub fn fd_allocate(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    len: u64,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::WRITE)?;
    if entry.filetype == filetype::DIRECTORY {
        return Err(Errno::Badf);
    }
    entry.require(rights::FD_ALLOCATE)?;
    let host = entry.fd()?;
    let end = offset.checked_add(len).ok_or(Errno::Fbig)?;
    if i64::try_from(end).is_err() {
        return Err(Errno::Fbig);
    }
    // `ftruncate` to the end when the file is shorter: the same visible
    // result as `posix_fallocate`, on every host and file system.
    let size = rustix::fs::fstat(host)?.st_size as u64;
    if end > size {
        rustix::fs::ftruncate(host, end)?;
    }
    Ok(())
}

/// `fd_fdstat_get(fd, stat)`.
pub fn fd_fdstat_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    out: u32,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    let mut flags = entry.fdflags;
    if let (Some(host), false) = (entry.host_fd(), entry.filetype == filetype::DIRECTORY) {
        if let Ok(fl) = rustix::fs::fcntl_getfl(host) {
            flags &= !(fdflags::APPEND | fdflags::NONBLOCK);
            if fl.contains(OFlags::APPEND) {
                flags |= fdflags::APPEND;
            }
            if fl.contains(OFlags::NONBLOCK) {
                flags |= fdflags::NONBLOCK;
            }
        }
    }
    let mut rec = [0u8; 24];
    rec[0] = entry.filetype;
    rec[2..4].copy_from_slice(&flags.to_le_bytes());
    rec[8..16].copy_from_slice(&entry.rights_base.to_le_bytes());
    rec[16..24].copy_from_slice(&entry.rights_inheriting.to_le_bytes());
    mem.write_bytes(out, &rec)
}

/// `fd_fdstat_set_flags(fd, flags)`: `APPEND` and `NONBLOCK` can change;
/// the synchronisation flags cannot after opening (`NotSup`).
pub fn fd_fdstat_set_flags(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
) -> WasiResult {
    let entry = ctx.fds.get_mut(fd)?;
    let flags = u16::try_from(flags).map_err(|_| Errno::Inval)?;
    if flags
        & !(fdflags::APPEND | fdflags::NONBLOCK | fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC)
        != 0
    {
        return Err(Errno::Inval);
    }
    entry.require(rights::FD_FDSTAT_SET_FLAGS)?;
    let sync = fdflags::DSYNC | fdflags::RSYNC | fdflags::SYNC;
    if flags & sync != entry.fdflags & sync {
        return Err(Errno::NotSup);
    }
    if let Some(host) = entry.host_fd() {
        let mut fl = rustix::fs::fcntl_getfl(host)?;
        fl.set(OFlags::APPEND, flags & fdflags::APPEND != 0);
        fl.set(OFlags::NONBLOCK, flags & fdflags::NONBLOCK != 0);
        rustix::fs::fcntl_setfl(host, fl)?;
    }
    entry.fdflags = flags;
    Ok(())
}

/// `fd_fdstat_set_rights(fd, base, inheriting)`: rights can only shrink.
pub fn fd_fdstat_set_rights(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    base: u64,
    inheriting: u64,
) -> WasiResult {
    let entry = ctx.fds.get_mut(fd)?;
    if base & !entry.rights_base != 0 || inheriting & !entry.rights_inheriting != 0 {
        return Err(Errno::NotCapable);
    }
    entry.rights_base = base;
    entry.rights_inheriting = inheriting;
    Ok(())
}

/// `fd_filestat_get(fd, buf)`. Files need `READ`.
pub fn fd_filestat_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    out: u32,
) -> WasiResult {
    match filestat(ctx, fd)? {
        Some(st) => write_filestat(mem, out, &st),
        None => {
            let mut rec = [0u8; 64];
            rec[16] = filetype::CHARACTER_DEVICE;
            rec[24] = 1;
            mem.write_bytes(out, &rec)
        }
    }
}

/// The status of descriptor `fd` (`None` for a stream without a host
/// descriptor), checked as for `fd_filestat_get` (and WASI 0.2's `stat`).
pub(crate) fn filestat(ctx: &WasiCtx, fd: u32) -> WasiResult<Option<rustix::fs::Stat>> {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::READ)?;
    entry.require(rights::FD_FILESTAT_GET)?;
    match entry.host_fd() {
        Some(host) => Ok(Some(rustix::fs::fstat(host)?)),
        None => Ok(None),
    }
}

/// `fd_filestat_set_size(fd, size)`. Needs `WRITE`.
pub fn fd_filestat_set_size(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    size: u64,
) -> WasiResult {
    set_size(ctx, fd, size)
}

/// Truncates or extends `fd` to `size` bytes, as [`fd_filestat_set_size`]
/// (and WASI 0.2's `set-size`).
pub(crate) fn set_size(ctx: &WasiCtx, fd: u32, size: u64) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::WRITE)?;
    if entry.filetype == filetype::DIRECTORY {
        return Err(Errno::Badf);
    }
    entry.require(rights::FD_FILESTAT_SET_SIZE)?;
    if i64::try_from(size).is_err() {
        return Err(Errno::Fbig);
    }
    Ok(rustix::fs::ftruncate(entry.fd()?, size)?)
}

/// `fd_filestat_set_times(fd, atim, mtim, fst_flags)`. Needs `WRITE`.
pub fn fd_filestat_set_times(
    ctx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    atim: u64,
    mtim: u64,
    flags: u32,
) -> WasiResult {
    let flags = u16::try_from(flags).map_err(|_| Errno::Inval);
    set_times(ctx, fd, flags.and_then(|f| timestamps(atim, mtim, f)))
}

/// Sets `fd`'s timestamps to `times` (an invalid request is reported after
/// the descriptor is checked), as [`fd_filestat_set_times`] (and WASI
/// 0.2's `set-times`).
pub(crate) fn set_times(
    ctx: &WasiCtx,
    fd: u32,
    times: WasiResult<rustix::fs::Timestamps>,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    fs_cap(ctx, entry, Capabilities::WRITE)?;
    entry.require(rights::FD_FILESTAT_SET_TIMES)?;
    Ok(rustix::fs::futimens(entry.fd()?, &times?)?)
}

/// `fd_prestat_get(fd, buf)`: `Badf` for anything but a preopen, which is
/// how wasi-libc finds the end of the preopens (always allowed).
pub fn fd_prestat_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    out: u32,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    let name = match &entry.handle {
        Handle::Dir(d) => d.preopen.as_ref().ok_or(Errno::Badf)?,
        _ => return Err(Errno::Badf),
    };
    mem.write_u32(out, 0)?;
    mem.write_u32(out.wrapping_add(4), name.len() as u32)
}

/// `fd_prestat_dir_name(fd, path, path_len)`.
pub fn fd_prestat_dir_name(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    len: u32,
) -> WasiResult {
    let entry = ctx.fds.get(fd)?;
    let name = match &entry.handle {
        Handle::Dir(d) => d.preopen.as_ref().ok_or(Errno::Badf)?,
        _ => return Err(Errno::Badf),
    };
    if (len as usize) < name.len() {
        return Err(Errno::NameTooLong);
    }
    mem.write_bytes(path, name.as_bytes())
}

/// `fd_readdir(fd, buf, buf_len, cookie, bufused)`: entry `cookie` onwards,
/// each a 24-byte `dirent` and its name, cut off at `buf_len` (a full
/// buffer tells the guest to call again). The listing is taken when the
/// guest starts at cookie 0, so cookies stay stable while it pages. Needs
/// `READ`.
pub fn fd_readdir(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    buf: u32,
    buf_len: u32,
    cookie: u64,
    bufused: u32,
) -> WasiResult {
    let dir = listable(ctx, fd)?;
    if cookie == 0 || dir.listing.is_none() {
        dir.listing = Some(list(&dir.fd)?);
    }
    let listing = dir.listing.as_deref().unwrap_or(&[]);
    let mut out: Vec<u8> = Vec::new();
    let start = usize::try_from(cookie).unwrap_or(usize::MAX);
    for (i, e) in listing.iter().enumerate().skip(start) {
        if out.len() >= buf_len as usize {
            break;
        }
        let mut rec = [0u8; 24];
        rec[0..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
        rec[8..16].copy_from_slice(&e.ino.to_le_bytes());
        rec[16..20].copy_from_slice(&(e.name.len() as u32).to_le_bytes());
        rec[20] = e.filetype;
        out.extend_from_slice(&rec);
        out.extend_from_slice(&e.name);
    }
    out.truncate(buf_len as usize);
    mem.write_bytes(buf, &out)?;
    mem.write_u32(bufused, out.len() as u32)
}

/// The directory `fd`, checked for listing: `READ` for a directory from
/// the file system, and the right to list.
fn listable(ctx: &mut WasiCtx, fd: u32) -> WasiResult<&mut Directory> {
    let caps = ctx.caps;
    let entry = ctx.fds.get_mut(fd)?;
    if entry.from_fs && !caps.contains(Capabilities::READ) {
        return Err(Errno::NotCapable);
    }
    entry.require(rights::FD_READDIR)?;
    match &mut entry.handle {
        Handle::Dir(dir) => Ok(dir),
        _ => Err(Errno::NotDir),
    }
}

/// Every entry of directory `fd` (checked as for `fd_readdir`), for WASI
/// 0.2's `read-directory`.
#[cfg(feature = "component")]
pub(crate) fn readdir_entries(ctx: &mut WasiCtx, fd: u32) -> WasiResult<Vec<DirListEntry>> {
    list(&listable(ctx, fd)?.fd)
}

/// Reads a whole directory.
fn list(fd: &rustix::fd::OwnedFd) -> WasiResult<Vec<DirListEntry>> {
    let mut dir = rustix::fs::Dir::read_from(fd)?;
    let mut out = Vec::new();
    while let Some(e) = dir.read() {
        let e = e?;
        let name = e.file_name().to_bytes().to_vec();
        let mut ft = filetype_of(e.file_type());
        if ft == filetype::UNKNOWN {
            if let Ok(st) =
                rustix::fs::statat(fd, e.file_name(), rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
            {
                ft = filetype_of(rustix::fs::FileType::from_raw_mode(st.st_mode as _));
            }
        }
        out.push(DirListEntry {
            name,
            ino: e.ino(),
            filetype: ft,
        });
    }
    Ok(out)
}
