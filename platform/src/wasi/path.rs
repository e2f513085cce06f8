//! Sandboxed path resolution: every guest path is resolved beneath the
//! directory descriptor it is relative to, with no escape through `..`,
//! absolute paths or symbolic links.
//!
//! A path is split into its directory part, opened beneath the root with
//! [`open_dir_beneath`] (Linux: `openat2` with `RESOLVE_BENEATH`; elsewhere,
//! or where `openat2` is unavailable, a component-by-component walk that
//! opens each directory with `O_NOFOLLOW` and expands symbolic links itself),
//! and its final component, which the operation then uses with the `*at`
//! system call and no symlink following. When the operation follows a final
//! symbolic link, [`resolve`] expands it here, under the same rules.

use super::errno::{Errno, WasiResult};
use alloc::{collections::VecDeque, string::String, vec::Vec};
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{Mode, OFlags};
use rustix::io::Errno as Host;

/// The most symbolic links one resolution expands (Linux's own limit).
const MAX_LINKS: usize = 40;

/// A path resolved to a directory and a final component.
#[derive(Debug)]
pub struct Resolved {
    /// The directory holding the final component, beneath the root.
    pub dir: OwnedFd,
    /// The final component: one name without `/`, never `..` (a final `.` or
    /// `..` resolves the whole path as a directory and gives `"."` here).
    pub name: String,
    /// The path ended with `/`: the final component must be a directory.
    pub trailing_slash: bool,
}

/// Checks the parts of a path every operation rejects.
fn check(path: &str) -> WasiResult {
    if path.is_empty() {
        return Err(Errno::NoEnt);
    }
    if path.starts_with('/') {
        return Err(Errno::NotCapable);
    }
    if path.contains('\0') {
        return Err(Errno::Ilseq);
    }
    Ok(())
}

/// Resolves `path` beneath `root`. With `follow`, a symbolic link as the
/// final component is expanded (its target resolved beneath `root` too);
/// without it, the link itself is the result.
pub fn resolve(root: BorrowedFd<'_>, path: &str, follow: bool) -> WasiResult<Resolved> {
    check(path)?;
    let mut path = String::from(path);
    let mut links = 0;
    loop {
        let trailing_slash = path.ends_with('/');
        let trimmed = path.trim_end_matches('/');
        let (dir_part, last) = match trimmed.rfind('/') {
            Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
            None => ("", trimmed),
        };
        if last == "." || last == ".." {
            let dir = open_dir_beneath(root, trimmed)?;
            return Ok(Resolved {
                dir,
                name: String::from("."),
                trailing_slash,
            });
        }
        let dir = open_dir_beneath(root, dir_part)?;
        if follow || trailing_slash {
            if let Ok(target) = rustix::fs::readlinkat(&dir, last, Vec::new()) {
                links += 1;
                if links > MAX_LINKS {
                    return Err(Errno::Loop);
                }
                let target = target.to_str().map_err(|_| Errno::Ilseq)?;
                if target.starts_with('/') {
                    return Err(Errno::NotCapable);
                }
                let mut next = String::from(dir_part);
                if !next.is_empty() {
                    next.push('/');
                }
                next.push_str(target);
                if trailing_slash {
                    next.push('/');
                }
                path = next;
                continue;
            }
        }
        return Ok(Resolved {
            dir,
            name: String::from(last),
            trailing_slash,
        });
    }
}

/// The flags a directory is opened with for resolution: `O_PATH` on Linux
/// (search permission suffices), read-only elsewhere.
fn dir_flags() -> OFlags {
    #[cfg(target_os = "linux")]
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
    #[cfg(not(target_os = "linux"))]
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    flags
}

/// Opens directory `path` (possibly empty, meaning `root` itself) beneath
/// `root`.
pub fn open_dir_beneath(root: BorrowedFd<'_>, path: &str) -> WasiResult<OwnedFd> {
    #[cfg(target_os = "linux")]
    if let Some(r) = openat2_beneath(root, path) {
        return r;
    }
    walk(root, path)
}

/// `openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)`, or `None` where the
/// kernel (or a seccomp filter) does not offer it.
#[cfg(target_os = "linux")]
fn openat2_beneath(root: BorrowedFd<'_>, path: &str) -> Option<WasiResult<OwnedFd>> {
    use core::sync::atomic::{AtomicBool, Ordering};
    use rustix::fs::ResolveFlags;
    static UNAVAILABLE: AtomicBool = AtomicBool::new(false);
    if UNAVAILABLE.load(Ordering::Relaxed) {
        return None;
    }
    let path = if path.is_empty() { "." } else { path };
    for _ in 0..8 {
        match rustix::fs::openat2(
            root,
            path,
            dir_flags(),
            Mode::empty(),
            ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS,
        ) {
            Ok(fd) => return Some(Ok(fd)),
            Err(Host::XDEV) => return Some(Err(Errno::NotCapable)),
            // A concurrent rename: try again, then fall back to the walk.
            Err(Host::AGAIN) | Err(Host::INTR) => continue,
            // No openat2 here (old kernel, or a seccomp filter refusing it).
            Err(Host::NOSYS) | Err(Host::PERM) => {
                UNAVAILABLE.store(true, Ordering::Relaxed);
                return None;
            }
            Err(e) => return Some(Err(e.into())),
        }
    }
    None
}

/// The portable resolution: opens one component at a time with
/// `O_NOFOLLOW`, expanding symbolic links itself and keeping the stack of
/// directories it went through, so `..` can never climb above `root`.
pub fn walk(root: BorrowedFd<'_>, path: &str) -> WasiResult<OwnedFd> {
    let mut queue: VecDeque<String> = components(path).collect();
    let mut stack: Vec<OwnedFd> = Vec::new();
    let mut links = 0;
    while let Some(c) = queue.pop_front() {
        if c == ".." {
            if stack.pop().is_none() {
                return Err(Errno::NotCapable);
            }
            continue;
        }
        let cur = stack.last().map_or(root, |fd| fd.as_fd());
        match rustix::fs::openat(
            cur,
            c.as_str(),
            dir_flags() | OFlags::NOFOLLOW,
            Mode::empty(),
        ) {
            Ok(fd) => stack.push(fd),
            Err(e @ (Host::LOOP | Host::NOTDIR | Host::MLINK)) => {
                let Ok(target) = rustix::fs::readlinkat(cur, c.as_str(), Vec::new()) else {
                    return Err(e.into());
                };
                links += 1;
                if links > MAX_LINKS {
                    return Err(Errno::Loop);
                }
                let target = target.to_str().map_err(|_| Errno::Ilseq)?;
                if target.starts_with('/') {
                    return Err(Errno::NotCapable);
                }
                for part in components(target).collect::<Vec<_>>().into_iter().rev() {
                    queue.push_front(part);
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    match stack.pop() {
        Some(fd) => Ok(fd),
        None => Ok(rustix::fs::openat(root, ".", dir_flags(), Mode::empty())?),
    }
}

/// The non-empty components of `path` other than `.`.
fn components(path: &str) -> impl Iterator<Item = String> + '_ {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_absolute_empty_and_nul() {
        let root =
            rustix::fs::open(".", OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty()).unwrap();
        assert_eq!(
            resolve(root.as_fd(), "/etc", true).err(),
            Some(Errno::NotCapable)
        );
        assert_eq!(resolve(root.as_fd(), "", true).err(), Some(Errno::NoEnt));
        assert_eq!(
            resolve(root.as_fd(), "a\0b", true).err(),
            Some(Errno::Ilseq)
        );
        assert_eq!(
            resolve(root.as_fd(), "..", true).err(),
            Some(Errno::NotCapable)
        );
        assert_eq!(
            walk(root.as_fd(), "src/../..").err(),
            Some(Errno::NotCapable)
        );
        assert!(walk(root.as_fd(), "src/..").is_ok());
        assert!(open_dir_beneath(root.as_fd(), "src/./wasi/../wasi").is_ok());
    }
}
