//! The guest's descriptor table: what each WASI file descriptor refers to on
//! the host, with its type, rights and flags.

use super::errno::{Errno, WasiResult};
use super::types::{filetype, rights};
use alloc::{boxed::Box, string::String, vec::Vec};
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};

/// The most descriptors a guest may hold at once.
pub const MAX_FDS: usize = 16 * 1024;

/// What a descriptor refers to.
#[derive(Debug)]
pub enum Handle {
    /// Reads see end of file, writes are discarded (a closed standard stream).
    Null,
    /// One of the host process's own standard streams (0, 1 or 2), borrowed.
    HostStdio(i32),
    /// A host descriptor: a file opened by the guest, or a stream or socket
    /// the embedder handed over.
    Host(OwnedFd),
    /// A directory: a preopen or one the guest opened.
    Dir(Box<Directory>),
    /// Bytes in memory to read (an embedder's stdin).
    Input(super::MemoryInputPipe),
    /// A buffer in memory that collects writes (an embedder's stdout or
    /// stderr).
    Output(super::MemoryOutputPipe),
}

/// A directory descriptor.
#[derive(Debug)]
pub struct Directory {
    /// The open directory.
    pub fd: OwnedFd,
    /// The name the guest sees, for preopens.
    pub preopen: Option<String>,
    /// The listing `fd_readdir` serves, taken when a guest starts at cookie 0.
    pub listing: Option<Vec<DirListEntry>>,
}

/// One entry of a directory listing.
#[derive(Debug, Clone)]
pub struct DirListEntry {
    /// The file name.
    pub name: Vec<u8>,
    /// The inode number.
    pub ino: u64,
    /// The WASI `filetype`.
    pub filetype: u8,
}

/// One open descriptor.
#[derive(Debug)]
pub struct Entry {
    /// What it refers to.
    pub handle: Handle,
    /// The WASI `filetype` it reports.
    pub filetype: u8,
    /// Whether it came from the file system (a preopen or `path_open`), so
    /// that the `READ`/`WRITE` capabilities apply to it; standard streams and
    /// sockets the embedder handed over are not subject to them.
    pub from_fs: bool,
    /// `fs_rights_base`.
    pub rights_base: u64,
    /// `fs_rights_inheriting`.
    pub rights_inheriting: u64,
    /// The `fdflags` the guest asked for (reported by `fd_fdstat_get`).
    pub fdflags: u16,
}

impl Entry {
    /// The host descriptor, if there is one.
    pub fn host_fd(&self) -> Option<BorrowedFd<'_>> {
        match &self.handle {
            Handle::Null | Handle::Input(_) | Handle::Output(_) => None,
            // SAFETY: descriptors 0, 1 and 2 belong to the host process for
            // its whole life (the embedder chose to share them); the borrow
            // does not outlive `self`.
            Handle::HostStdio(n) => Some(unsafe { BorrowedFd::borrow_raw(*n) }),
            Handle::Host(fd) => Some(fd.as_fd()),
            Handle::Dir(d) => Some(d.fd.as_fd()),
        }
    }

    /// The host descriptor, or `Badf` for a null stream.
    pub fn fd(&self) -> WasiResult<BorrowedFd<'_>> {
        self.host_fd().ok_or(Errno::Badf)
    }

    /// The directory, or `NotDir`.
    pub fn dir(&self) -> WasiResult<&Directory> {
        match &self.handle {
            Handle::Dir(d) => Ok(d),
            _ => Err(Errno::NotDir),
        }
    }

    /// Fails with `NotCapable` unless the descriptor has all of `needed`.
    pub fn require(&self, needed: u64) -> WasiResult {
        if self.rights_base & needed == needed {
            Ok(())
        } else {
            Err(Errno::NotCapable)
        }
    }

    /// Whether it is a socket.
    pub fn is_socket(&self) -> bool {
        matches!(
            self.filetype,
            filetype::SOCKET_STREAM | filetype::SOCKET_DGRAM
        )
    }

    /// An entry for a host descriptor, typed and given the rights its type
    /// allows (`fstat` decides).
    pub fn for_host(fd: OwnedFd, from_fs: bool) -> Self {
        let filetype = super::host::filetype_of_fd(fd.as_fd());
        let base = rights_for(filetype);
        if filetype == filetype::DIRECTORY {
            return Self::new_dir(fd, None);
        }
        Self {
            handle: Handle::Host(fd),
            filetype,
            from_fs,
            rights_base: base,
            rights_inheriting: 0,
            fdflags: 0,
        }
    }

    /// An entry for a directory (a preopen when `preopen` names it).
    pub fn new_dir(fd: OwnedFd, preopen: Option<String>) -> Self {
        Self {
            handle: Handle::Dir(Box::new(Directory {
                fd,
                preopen,
                listing: None,
            })),
            filetype: filetype::DIRECTORY,
            from_fs: true,
            rights_base: rights::DIRECTORY,
            rights_inheriting: rights::DIRECTORY | rights::FILE,
            fdflags: 0,
        }
    }
}

/// The rights a descriptor of WASI type `ft` can have.
pub fn rights_for(ft: u8) -> u64 {
    match ft {
        filetype::DIRECTORY => rights::DIRECTORY,
        filetype::REGULAR_FILE => rights::FILE,
        filetype::SOCKET_STREAM | filetype::SOCKET_DGRAM => rights::SOCKET,
        // Terminals and pipes: no seeking, so `isatty` can tell them apart.
        _ => rights::STREAM,
    }
}

/// The descriptor table.
#[derive(Debug, Default)]
pub struct FdTable {
    entries: Vec<Option<Entry>>,
}

impl FdTable {
    /// The entry for `fd`, or `Badf`.
    pub fn get(&self, fd: u32) -> WasiResult<&Entry> {
        self.entries
            .get(fd as usize)
            .and_then(Option::as_ref)
            .ok_or(Errno::Badf)
    }

    /// The entry for `fd`, mutably, or `Badf`.
    pub fn get_mut(&mut self, fd: u32) -> WasiResult<&mut Entry> {
        self.entries
            .get_mut(fd as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::Badf)
    }

    /// The open descriptors with their entries, in order.
    #[cfg(feature = "component")]
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(fd, e)| Some((fd as u32, e.as_ref()?)))
    }

    /// Puts `entry` at the lowest free descriptor and returns it.
    pub fn insert(&mut self, entry: Entry) -> WasiResult<u32> {
        let slot = match self.entries.iter().position(Option::is_none) {
            Some(i) => i,
            None if self.entries.len() < MAX_FDS => {
                self.entries.push(None);
                self.entries.len() - 1
            }
            None => return Err(Errno::Mfile),
        };
        self.entries[slot] = Some(entry);
        Ok(slot as u32)
    }

    /// Puts `entry` at exactly `fd` (used while building the table).
    pub fn set(&mut self, fd: u32, entry: Entry) {
        let i = fd as usize;
        if self.entries.len() <= i {
            self.entries.resize_with(i + 1, || None);
        }
        self.entries[i] = Some(entry);
    }

    /// Removes `fd` and returns its entry (closing it when dropped).
    pub fn remove(&mut self, fd: u32) -> WasiResult<Entry> {
        self.entries
            .get_mut(fd as usize)
            .and_then(Option::take)
            .ok_or(Errno::Badf)
    }

    /// Moves `from` onto `to`, closing what `to` held. Both must be open.
    pub fn renumber(&mut self, from: u32, to: u32) -> WasiResult {
        self.get(from)?;
        self.get(to)?;
        if from != to {
            let entry = self.remove(from)?;
            self.entries[to as usize] = Some(entry);
        }
        Ok(())
    }
}
