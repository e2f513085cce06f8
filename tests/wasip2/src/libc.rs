//! The few wasi-libc functions the probe calls directly, for exact errno
//! values and for what the standard library does not expose on stable
//! Rust (symlinks, `*at` calls relative to a directory descriptor, link
//! counts, path timestamps). On `wasm32-wasip2` wasi-libc implements them
//! with WASI 0.2 calls and the descriptor table of the standard library,
//! so a descriptor from `std::fs::File` works here and the reverse.
//!
//! Constants and layouts are wasi-libc's (`fcntl.h`, `sys/stat.h`,
//! `poll.h`); errno values are preview 1's numbering, which wasi-libc
//! keeps: `EBADF` 8, `EEXIST` 20, `EINVAL` 28, `EISDIR` 31, `ELOOP` 32,
//! `ENOENT` 44, `ENOTDIR` 54, `ENOTEMPTY` 55, `ENOTSUP` 58, `EPERM` 63,
//! `ESPIPE` 70, `ENOTCAPABLE` 76.

#![allow(dead_code, non_camel_case_types)]

use std::ffi::CString;

pub type c_int = i32;

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct timespec {
    pub tv_sec: i64,
    pub tv_nsec: i32,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct stat {
    pub st_dev: u64,
    pub st_ino: u64,
    pub st_nlink: u64,
    pub st_mode: u32,
    pub st_uid: u32,
    pub st_gid: u32,
    pub pad0: u32,
    pub st_rdev: u64,
    pub st_size: i64,
    pub st_blksize: i32,
    pub st_blocks: i64,
    pub st_atim: timespec,
    pub st_mtim: timespec,
    pub st_ctim: timespec,
    pub reserved: [i64; 3],
}

#[repr(C)]
pub struct pollfd {
    pub fd: c_int,
    pub events: i16,
    pub revents: i16,
}

/// wasi-libc's clock ids are addresses of these.
#[repr(C)]
pub struct clockid {
    _private: [u8; 0],
}

extern "C" {
    pub fn open(path: *const u8, flags: c_int, ...) -> c_int;
    pub fn openat(dir: c_int, path: *const u8, flags: c_int, ...) -> c_int;
    pub fn close(fd: c_int) -> c_int;
    pub fn read(fd: c_int, buf: *mut u8, len: usize) -> isize;
    pub fn write(fd: c_int, buf: *const u8, len: usize) -> isize;
    pub fn pread(fd: c_int, buf: *mut u8, len: usize, offset: i64) -> isize;
    pub fn pwrite(fd: c_int, buf: *const u8, len: usize, offset: i64) -> isize;
    pub fn lseek(fd: c_int, offset: i64, whence: c_int) -> i64;
    pub fn fsync(fd: c_int) -> c_int;
    pub fn fdatasync(fd: c_int) -> c_int;
    pub fn ftruncate(fd: c_int, len: i64) -> c_int;
    pub fn posix_fadvise(fd: c_int, offset: i64, len: i64, advice: c_int) -> c_int;
    pub fn posix_fallocate(fd: c_int, offset: i64, len: i64) -> c_int;
    pub fn fcntl(fd: c_int, cmd: c_int, ...) -> c_int;
    pub fn fstat(fd: c_int, out: *mut stat) -> c_int;
    pub fn fstatat(dir: c_int, path: *const u8, out: *mut stat, flags: c_int) -> c_int;
    pub fn mkdirat(dir: c_int, path: *const u8, mode: u32) -> c_int;
    pub fn unlinkat(dir: c_int, path: *const u8, flags: c_int) -> c_int;
    pub fn renameat(old_dir: c_int, old: *const u8, new_dir: c_int, new: *const u8) -> c_int;
    pub fn linkat(
        old_dir: c_int,
        old: *const u8,
        new_dir: c_int,
        new: *const u8,
        flags: c_int,
    ) -> c_int;
    pub fn symlinkat(target: *const u8, dir: c_int, path: *const u8) -> c_int;
    pub fn readlinkat(dir: c_int, path: *const u8, buf: *mut u8, len: usize) -> isize;
    pub fn utimensat(dir: c_int, path: *const u8, times: *const timespec, flags: c_int) -> c_int;
    pub fn futimens(fd: c_int, times: *const timespec) -> c_int;
    pub fn clock_gettime(clock: *const clockid, out: *mut timespec) -> c_int;
    pub fn clock_getres(clock: *const clockid, out: *mut timespec) -> c_int;
    pub fn getentropy(buf: *mut u8, len: usize) -> c_int;
    pub fn poll(fds: *mut pollfd, n: usize, timeout_ms: c_int) -> c_int;
    pub fn sched_yield() -> c_int;
    fn __wasilibc_find_relpath(
        path: *const u8,
        abs_prefix: *mut *const u8,
        relative_path: *mut *mut u8,
        relative_path_len: usize,
    ) -> c_int;

    pub static _CLOCK_REALTIME: clockid;
    pub static _CLOCK_MONOTONIC: clockid;
    pub static _CLOCK_PROCESS_CPUTIME_ID: clockid;
    pub static _CLOCK_THREAD_CPUTIME_ID: clockid;
}

pub const O_APPEND: c_int = 1;
pub const O_CREAT: c_int = 1 << 12;
pub const O_DIRECTORY: c_int = 2 << 12;
pub const O_EXCL: c_int = 4 << 12;
pub const O_TRUNC: c_int = 8 << 12;
pub const O_NOFOLLOW: c_int = 0x0100_0000;
pub const O_RDONLY: c_int = 0x0400_0000;
pub const O_WRONLY: c_int = 0x1000_0000;
pub const O_RDWR: c_int = O_RDONLY | O_WRONLY;

pub const AT_SYMLINK_NOFOLLOW: c_int = 1;
pub const AT_SYMLINK_FOLLOW: c_int = 2;
pub const AT_REMOVEDIR: c_int = 4;

pub const SEEK_SET: c_int = 0;
pub const SEEK_CUR: c_int = 1;
pub const SEEK_END: c_int = 2;

pub const F_GETFL: c_int = 3;
pub const F_SETFL: c_int = 4;

pub const S_IFMT: u32 = 0xf000;
pub const S_IFDIR: u32 = 0x4000;
pub const S_IFREG: u32 = 0x8000;
pub const S_IFLNK: u32 = 0xa000;

pub const POLLIN: i16 = 1;
pub const POLLNVAL: i16 = 0x4000;

pub const UTIME_NOW: i32 = -1;
pub const UTIME_OMIT: i32 = -2;

pub const POSIX_FADV_SEQUENTIAL: c_int = 1;

/// The calling thread's errno.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(-1)
}

/// `Ok(r)`, or `Err(errno)` when `r` is negative: a call's result as one
/// printable value (never a stale errno after a success).
pub fn res(r: impl Into<i64>) -> Result<i64, i32> {
    let r = r.into();
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// The descriptor wasi-libc gave the preopened directory that `path`
/// lies in (no WASI call: the preopens are listed at the first use).
pub fn preopen(path: &str) -> Result<c_int, i32> {
    let p = c(path);
    let mut abs = std::ptr::null();
    let mut buf = [0u8; 256];
    let mut rel = buf.as_mut_ptr();
    let fd = unsafe { __wasilibc_find_relpath(p.as_ptr().cast(), &mut abs, &mut rel, buf.len()) };
    if fd < 0 {
        Err(errno())
    } else {
        Ok(fd)
    }
}

/// 0 when `r` is not negative, the errno otherwise.
pub fn e(r: impl Into<i64>) -> i32 {
    if r.into() < 0 {
        errno()
    } else {
        0
    }
}

/// A NUL-terminated copy of `s`.
pub fn c(s: &str) -> CString {
    CString::new(s).expect("no NUL in path")
}

/// `openat(dir, path, flags, 0o644)`: the descriptor or the errno.
pub fn open_at(dir: c_int, path: &str, flags: c_int) -> Result<c_int, i32> {
    let p = c(path);
    let fd = unsafe { openat(dir, p.as_ptr().cast(), flags, 0o644u32) };
    if fd < 0 {
        Err(errno())
    } else {
        Ok(fd)
    }
}

/// `open(path, flags, 0o644)` (resolved by wasi-libc against the
/// preopens): the descriptor or the errno.
pub fn open_path(path: &str, flags: c_int) -> Result<c_int, i32> {
    let p = c(path);
    let fd = unsafe { open(p.as_ptr().cast(), flags, 0o644u32) };
    if fd < 0 {
        Err(errno())
    } else {
        Ok(fd)
    }
}

/// Opens `path` (for reading) and closes it again: 0 or the errno.
pub fn try_open_at(dir: c_int, path: &str, flags: c_int) -> i32 {
    match open_at(dir, path, flags) {
        Ok(fd) => {
            unsafe { close(fd) };
            0
        }
        Err(e) => e,
    }
}

/// `fstatat`: the record or the errno.
pub fn stat_at(dir: c_int, path: &str, flags: c_int) -> Result<stat, i32> {
    let p = c(path);
    let mut st = stat::default();
    if unsafe { fstatat(dir, p.as_ptr().cast(), &mut st, flags) } < 0 {
        Err(errno())
    } else {
        Ok(st)
    }
}

/// `clock_gettime` in nanoseconds, or the errno.
pub fn clock_ns(clock: &clockid) -> Result<i64, i32> {
    let mut t = timespec::default();
    if unsafe { clock_gettime(clock, &mut t) } < 0 {
        Err(errno())
    } else {
        Ok(t.tv_sec * 1_000_000_000 + t.tv_nsec as i64)
    }
}
