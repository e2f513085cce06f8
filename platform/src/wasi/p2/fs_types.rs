//! The values of `wasi:filesystem/types` as the canonical ABI lifts and
//! lowers them: `error-code` from an [`Errno`], `descriptor-type`,
//! `descriptor-stat`, `new-timestamp`, `metadata-hash-value`.

// Field types of `stat` differ between hosts: the casts are needed on
// some even where they are no-ops on others.
#![allow(clippy::unnecessary_cast)]

use super::vals::{enum_case, err, field, ok, record, variant_arg};
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::types::filetype;
use rustix::fs::{FileType, Stat, Timestamps};
use rustix::time::Timespec;
use wisp_component::Val;
use wisp_core::Trap;

/// The `error-code` case for `errno`. A capability the context does not
/// grant (`NotCapable`) is `not-permitted`, as is a path leaving its
/// directory; errors WASI 0.2 has no case for are `io`.
pub(crate) fn error_code(errno: Errno) -> &'static str {
    use Errno::*;
    match errno {
        Acces => "access",
        Again => "would-block",
        Already => "already",
        Badf => "bad-descriptor",
        Busy => "busy",
        Deadlk => "deadlock",
        Dquot => "quota",
        Exist => "exist",
        Fbig => "file-too-large",
        Ilseq => "illegal-byte-sequence",
        InProgress => "in-progress",
        Intr => "interrupted",
        Inval => "invalid",
        IsDir => "is-directory",
        Loop => "loop",
        Mlink => "too-many-links",
        MsgSize => "message-size",
        NameTooLong => "name-too-long",
        NoDev => "no-device",
        NoEnt => "no-entry",
        NoLck => "no-lock",
        NoMem | NoBufs | Mfile | Nfile => "insufficient-memory",
        NoSpc => "insufficient-space",
        NotDir => "not-directory",
        NotEmpty => "not-empty",
        NotRecoverable => "not-recoverable",
        NotSup | NoSys => "unsupported",
        NotTty => "no-tty",
        Nxio => "no-such-device",
        Overflow | Range => "overflow",
        Perm | NotCapable => "not-permitted",
        Pipe => "pipe",
        Rofs => "read-only",
        Spipe => "invalid-seek",
        TxtBsy => "text-file-busy",
        Xdev => "cross-device",
        _ => "io",
    }
}

/// A `result<T, error-code>`: `ok(value)` or the error's code.
pub(crate) fn answer(result: WasiResult<Option<Val>>) -> Option<Val> {
    Some(match result {
        Ok(value) => ok(value),
        Err(errno) => err(enum_case(error_code(errno))),
    })
}

/// The `descriptor-type` of a host file type.
pub(crate) fn descriptor_type(ft: FileType) -> &'static str {
    match ft {
        FileType::RegularFile => "regular-file",
        FileType::Directory => "directory",
        FileType::Symlink => "symbolic-link",
        FileType::BlockDevice => "block-device",
        FileType::CharacterDevice => "character-device",
        FileType::Fifo => "fifo",
        FileType::Socket => "socket",
        _ => "unknown",
    }
}

/// The `descriptor-type` of a preview 1 `filetype`.
pub(crate) fn type_of_filetype(ft: u8) -> &'static str {
    match ft {
        filetype::BLOCK_DEVICE => "block-device",
        filetype::CHARACTER_DEVICE => "character-device",
        filetype::DIRECTORY => "directory",
        filetype::REGULAR_FILE => "regular-file",
        filetype::SOCKET_DGRAM | filetype::SOCKET_STREAM => "socket",
        filetype::SYMBOLIC_LINK => "symbolic-link",
        _ => "unknown",
    }
}

/// `option<datetime>` of a seconds/nanoseconds pair: `none` before the
/// epoch.
fn datetime(sec: i64, nsec: i64) -> Val {
    let value = u64::try_from(sec).ok().map(|s| {
        alloc::boxed::Box::new(record([
            ("seconds", Val::U64(s)),
            ("nanoseconds", Val::U32(nsec.clamp(0, 999_999_999) as u32)),
        ]))
    });
    Val::Option(value)
}

/// The file type of `st`.
pub(crate) fn file_type(st: &Stat) -> FileType {
    FileType::from_raw_mode(st.st_mode as _)
}

/// The `descriptor-stat` record of `st`.
pub(crate) fn descriptor_stat(st: &Stat) -> Val {
    record([
        ("type", enum_case(descriptor_type(file_type(st)))),
        ("link-count", Val::U64(st.st_nlink as u64)),
        ("size", Val::U64(st.st_size as u64)),
        (
            "data-access-timestamp",
            datetime(st.st_atime as i64, st.st_atime_nsec as i64),
        ),
        (
            "data-modification-timestamp",
            datetime(st.st_mtime as i64, st.st_mtime_nsec as i64),
        ),
        (
            "status-change-timestamp",
            datetime(st.st_ctime as i64, st.st_ctime_nsec as i64),
        ),
    ])
}

/// Mixes `x` (the finaliser of splitmix64).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `metadata-hash-value` of `st`: a hash of its device and inode
/// numbers, so two descriptors of one file have the same value (wasi-libc
/// makes `st_ino` of it).
pub(crate) fn metadata_hash(st: &Stat) -> Val {
    let lower = mix(mix(st.st_dev as u64) ^ st.st_ino as u64);
    let upper = mix(lower ^ 0x9e37_79b9_7f4a_7c15);
    record([("lower", Val::U64(lower)), ("upper", Val::U64(upper))])
}

/// A `Timespec` that sets nothing but `UTIME_OMIT` or `UTIME_NOW`.
fn special(nsec: i64) -> Timespec {
    Timespec {
        tv_sec: 0,
        tv_nsec: nsec as _,
    }
}

/// The `new-timestamp` argument `i`: `Ok(Err(errno))` for a time the host
/// cannot represent.
fn new_timestamp(params: &[Val], i: usize) -> Result<WasiResult<Timespec>, Trap> {
    let (case, payload) = variant_arg(params, i)?;
    Ok(match (case, payload) {
        ("no-change", _) => Ok(special(rustix::fs::UTIME_OMIT as i64)),
        ("now", _) => Ok(special(rustix::fs::UTIME_NOW as i64)),
        (_, Some(datetime)) => {
            let (Val::U64(sec), Val::U32(nsec)) = (field(datetime, 0, i)?, field(datetime, 1, i)?)
            else {
                return Err(Trap::host("WASI: a datetime of the wrong type"));
            };
            match i64::try_from(*sec) {
                Ok(sec) if *nsec < 1_000_000_000 => Ok(Timespec {
                    tv_sec: sec as _,
                    tv_nsec: *nsec as _,
                }),
                Ok(_) => Err(Errno::Inval),
                Err(_) => Err(Errno::Overflow),
            }
        }
        _ => return Err(Trap::host("WASI: a new-timestamp of the wrong type")),
    })
}

/// The access and modification `new-timestamp` arguments `i` and `i + 1`.
pub(crate) fn timestamps_arg(params: &[Val], i: usize) -> Result<WasiResult<Timestamps>, Trap> {
    let access = new_timestamp(params, i)?;
    let modification = new_timestamp(params, i + 1)?;
    Ok(access.and_then(|last_access| {
        Ok(Timestamps {
            last_access,
            last_modification: modification?,
        })
    }))
}

/// Every case of `error-code`, in the WIT order.
#[cfg(test)]
pub(crate) const ERROR_CODES: [&str; 37] = [
    "access",
    "would-block",
    "already",
    "bad-descriptor",
    "busy",
    "deadlock",
    "quota",
    "exist",
    "file-too-large",
    "illegal-byte-sequence",
    "in-progress",
    "interrupted",
    "invalid",
    "io",
    "is-directory",
    "loop",
    "too-many-links",
    "message-size",
    "name-too-long",
    "no-device",
    "no-entry",
    "no-lock",
    "insufficient-memory",
    "insufficient-space",
    "not-directory",
    "not-empty",
    "not-recoverable",
    "unsupported",
    "no-tty",
    "no-such-device",
    "overflow",
    "not-permitted",
    "pipe",
    "read-only",
    "invalid-seek",
    "text-file-busy",
    "cross-device",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_errno_has_an_error_code_and_every_code_an_errno() {
        let mut reached = [false; 37];
        for &errno in Errno::ALL {
            let code = error_code(errno);
            let i = ERROR_CODES.iter().position(|c| *c == code);
            let Some(i) = i else {
                panic!("{errno:?} maps to {code}, not an error-code case");
            };
            reached[i] = true;
        }
        for (code, reached) in ERROR_CODES.iter().zip(reached) {
            assert!(reached, "no errno maps to {code}");
        }
        assert_eq!(error_code(Errno::NotCapable), "not-permitted");
        assert_eq!(error_code(Errno::Perm), "not-permitted");
        assert_eq!(error_code(Errno::Acces), "access");
        assert_eq!(error_code(Errno::NoEnt), "no-entry");
        assert_eq!(error_code(Errno::Spipe), "invalid-seek");
        assert_eq!(error_code(Errno::NotSup), "unsupported");
        assert_eq!(error_code(Errno::Fault), "io");
    }

    #[test]
    fn timestamps_of_every_case() {
        let dt = |s: u64, ns: u32| {
            Val::Variant(
                "timestamp".into(),
                Some(alloc::boxed::Box::new(record([
                    ("seconds", Val::U64(s)),
                    ("nanoseconds", Val::U32(ns)),
                ]))),
            )
        };
        let keep = Val::Variant("no-change".into(), None);
        let now = Val::Variant("now".into(), None);
        let t = timestamps_arg(&[keep.clone(), dt(5, 7)], 0)
            .unwrap()
            .unwrap();
        assert_eq!(t.last_access.tv_nsec as i64, rustix::fs::UTIME_OMIT as i64);
        assert_eq!(
            (t.last_modification.tv_sec, t.last_modification.tv_nsec),
            (5, 7)
        );
        let t = timestamps_arg(&[now, keep.clone()], 0).unwrap().unwrap();
        assert_eq!(t.last_access.tv_nsec as i64, rustix::fs::UTIME_NOW as i64);
        let bad = timestamps_arg(&[dt(1, 1_000_000_000), keep.clone()], 0).unwrap();
        assert_eq!(bad.err(), Some(Errno::Inval));
        let far = timestamps_arg(&[keep, dt(u64::MAX, 0)], 0).unwrap();
        assert_eq!(far.err(), Some(Errno::Overflow));
        assert!(timestamps_arg(&[Val::U32(0), Val::U32(0)], 0).is_err());
    }
}
