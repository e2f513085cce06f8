//! Small translations between host facts and the WASI ABI: file types,
//! `filestat` records, timestamps.

// Field types of `stat` and `timespec` differ between hosts: the casts are
// needed on some even where they are no-ops on others.
#![allow(clippy::unnecessary_cast)]

use super::errno::WasiResult;
use super::memory::GuestMemory;
use super::types::filetype;
use rustix::fd::BorrowedFd;
use rustix::fs::{FileType, Stat};
use rustix::time::Timespec;

/// The WASI `filetype` of a host file type.
pub fn filetype_of(ft: FileType) -> u8 {
    match ft {
        FileType::RegularFile => filetype::REGULAR_FILE,
        FileType::Directory => filetype::DIRECTORY,
        FileType::Symlink => filetype::SYMBOLIC_LINK,
        FileType::BlockDevice => filetype::BLOCK_DEVICE,
        FileType::CharacterDevice => filetype::CHARACTER_DEVICE,
        FileType::Socket => filetype::SOCKET_STREAM,
        _ => filetype::UNKNOWN,
    }
}

/// The WASI `filetype` of an open host descriptor.
pub fn filetype_of_fd(fd: BorrowedFd<'_>) -> u8 {
    let Ok(st) = rustix::fs::fstat(fd) else {
        return filetype::UNKNOWN;
    };
    let ft = filetype_of(FileType::from_raw_mode(st.st_mode as _));
    if ft == filetype::SOCKET_STREAM {
        if let Ok(rustix::net::SocketType::DGRAM) = rustix::net::sockopt::socket_type(fd) {
            return filetype::SOCKET_DGRAM;
        }
    }
    ft
}

/// Nanoseconds since the epoch of a seconds/nanoseconds pair (0 before it).
pub fn nanos(sec: i64, nsec: i64) -> u64 {
    if sec < 0 {
        return 0;
    }
    (sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(nsec.max(0) as u64)
}

/// Nanoseconds of a [`Timespec`].
pub fn timespec_nanos(t: Timespec) -> u64 {
    nanos(t.tv_sec as i64, t.tv_nsec as i64)
}

/// A [`Timespec`] of nanoseconds.
pub fn timespec_of(ns: u64) -> Timespec {
    Timespec {
        tv_sec: (ns / 1_000_000_000) as _,
        tv_nsec: (ns % 1_000_000_000) as _,
    }
}

/// Writes a `filestat` record for `st` at `ptr`.
pub fn write_filestat(mem: &mut GuestMemory<'_>, ptr: u32, st: &Stat) -> WasiResult {
    let ft = filetype_of(FileType::from_raw_mode(st.st_mode as _));
    let mut rec = [0u8; 64];
    rec[0..8].copy_from_slice(&(st.st_dev as u64).to_le_bytes());
    rec[8..16].copy_from_slice(&(st.st_ino as u64).to_le_bytes());
    rec[16] = ft;
    rec[24..32].copy_from_slice(&(st.st_nlink as u64).to_le_bytes());
    rec[32..40].copy_from_slice(&(st.st_size as u64).to_le_bytes());
    let atim = nanos(st.st_atime as i64, st.st_atime_nsec as i64);
    let mtim = nanos(st.st_mtime as i64, st.st_mtime_nsec as i64);
    let ctim = nanos(st.st_ctime as i64, st.st_ctime_nsec as i64);
    rec[40..48].copy_from_slice(&atim.to_le_bytes());
    rec[48..56].copy_from_slice(&mtim.to_le_bytes());
    rec[56..64].copy_from_slice(&ctim.to_le_bytes());
    mem.write_bytes(ptr, &rec)
}

/// The `Timestamps` for `futimens`/`utimensat` from WASI's `fstflags`.
pub fn timestamps(atim: u64, mtim: u64, flags: u16) -> WasiResult<rustix::fs::Timestamps> {
    use super::errno::Errno;
    use super::types::fstflags::{ATIM, ATIM_NOW, MTIM, MTIM_NOW};
    if flags & !(ATIM | ATIM_NOW | MTIM | MTIM_NOW) != 0
        || (flags & ATIM != 0 && flags & ATIM_NOW != 0)
        || (flags & MTIM != 0 && flags & MTIM_NOW != 0)
    {
        return Err(Errno::Inval);
    }
    let pick = |set: u16, now: u16, value: u64| {
        if flags & now != 0 {
            Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_NOW as _,
            }
        } else if flags & set != 0 {
            timespec_of(value)
        } else {
            Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_OMIT as _,
            }
        }
    };
    Ok(rustix::fs::Timestamps {
        last_access: pick(ATIM, ATIM_NOW, atim),
        last_modification: pick(MTIM, MTIM_NOW, mtim),
    })
}
