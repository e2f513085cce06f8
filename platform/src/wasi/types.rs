//! The preview 1 ABI: constants and record layouts (`witx` names), shared by
//! the function implementations.

/// File types (`filetype`).
pub mod filetype {
    /// The type could not be determined.
    pub const UNKNOWN: u8 = 0;
    /// A block device.
    pub const BLOCK_DEVICE: u8 = 1;
    /// A character device.
    pub const CHARACTER_DEVICE: u8 = 2;
    /// A directory.
    pub const DIRECTORY: u8 = 3;
    /// A regular file.
    pub const REGULAR_FILE: u8 = 4;
    /// A datagram socket.
    pub const SOCKET_DGRAM: u8 = 5;
    /// A byte-stream socket.
    pub const SOCKET_STREAM: u8 = 6;
    /// A symbolic link.
    pub const SYMBOLIC_LINK: u8 = 7;
}

/// Descriptor flags (`fdflags`).
pub mod fdflags {
    /// Append mode.
    pub const APPEND: u16 = 1;
    /// Write according to synchronized I/O data integrity completion.
    pub const DSYNC: u16 = 2;
    /// Non-blocking mode.
    pub const NONBLOCK: u16 = 4;
    /// Synchronized read I/O.
    pub const RSYNC: u16 = 8;
    /// Synchronized I/O file integrity completion.
    pub const SYNC: u16 = 16;
}

/// Open flags (`oflags`).
pub mod oflags {
    /// Create the file if it does not exist.
    pub const CREAT: u16 = 1;
    /// Fail if not a directory.
    pub const DIRECTORY: u16 = 2;
    /// Fail if the file already exists.
    pub const EXCL: u16 = 4;
    /// Truncate the file to size 0.
    pub const TRUNC: u16 = 8;
}

/// Lookup flag (`lookupflags`): follow a final symbolic link.
pub const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

/// Timestamp selection flags (`fstflags`).
pub mod fstflags {
    /// Set the access time to the given value.
    pub const ATIM: u16 = 1;
    /// Set the access time to now.
    pub const ATIM_NOW: u16 = 2;
    /// Set the modification time to the given value.
    pub const MTIM: u16 = 4;
    /// Set the modification time to now.
    pub const MTIM_NOW: u16 = 8;
}

/// Rights (`rights`), the bits of `fs_rights_base` and `fs_rights_inheriting`.
pub mod rights {
    /// `fd_datasync`.
    pub const FD_DATASYNC: u64 = 1 << 0;
    /// `fd_read` and `sock_recv`.
    pub const FD_READ: u64 = 1 << 1;
    /// `fd_seek` (implies `FD_TELL`).
    pub const FD_SEEK: u64 = 1 << 2;
    /// `fd_fdstat_set_flags`.
    pub const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    /// `fd_sync`.
    pub const FD_SYNC: u64 = 1 << 4;
    /// `fd_tell` and `fd_seek` with offset 0 from the current position.
    pub const FD_TELL: u64 = 1 << 5;
    /// `fd_write` and `sock_send`.
    pub const FD_WRITE: u64 = 1 << 6;
    /// `fd_advise`.
    pub const FD_ADVISE: u64 = 1 << 7;
    /// `fd_allocate`.
    pub const FD_ALLOCATE: u64 = 1 << 8;
    /// `path_create_directory`.
    pub const PATH_CREATE_DIRECTORY: u64 = 1 << 9;
    /// `path_open` with `CREAT`.
    pub const PATH_CREATE_FILE: u64 = 1 << 10;
    /// `path_link` source.
    pub const PATH_LINK_SOURCE: u64 = 1 << 11;
    /// `path_link` target.
    pub const PATH_LINK_TARGET: u64 = 1 << 12;
    /// `path_open`.
    pub const PATH_OPEN: u64 = 1 << 13;
    /// `fd_readdir`.
    pub const FD_READDIR: u64 = 1 << 14;
    /// `path_readlink`.
    pub const PATH_READLINK: u64 = 1 << 15;
    /// `path_rename` source.
    pub const PATH_RENAME_SOURCE: u64 = 1 << 16;
    /// `path_rename` target.
    pub const PATH_RENAME_TARGET: u64 = 1 << 17;
    /// `path_filestat_get`.
    pub const PATH_FILESTAT_GET: u64 = 1 << 18;
    /// `path_open` with `TRUNC`.
    pub const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
    /// `path_filestat_set_times`.
    pub const PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
    /// `fd_filestat_get`.
    pub const FD_FILESTAT_GET: u64 = 1 << 21;
    /// `fd_filestat_set_size`.
    pub const FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
    /// `fd_filestat_set_times`.
    pub const FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
    /// `path_symlink`.
    pub const PATH_SYMLINK: u64 = 1 << 24;
    /// `path_remove_directory`.
    pub const PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
    /// `path_unlink_file`.
    pub const PATH_UNLINK_FILE: u64 = 1 << 26;
    /// `poll_oneoff` on the descriptor.
    pub const POLL_FD_READWRITE: u64 = 1 << 27;
    /// `sock_shutdown`.
    pub const SOCK_SHUTDOWN: u64 = 1 << 28;
    /// `sock_accept`.
    pub const SOCK_ACCEPT: u64 = 1 << 29;

    /// Every right.
    pub const ALL: u64 = (1 << 30) - 1;
    /// The rights that make sense on a regular file.
    pub const FILE: u64 = FD_DATASYNC
        | FD_READ
        | FD_SEEK
        | FD_FDSTAT_SET_FLAGS
        | FD_SYNC
        | FD_TELL
        | FD_WRITE
        | FD_ADVISE
        | FD_ALLOCATE
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_SIZE
        | FD_FILESTAT_SET_TIMES
        | POLL_FD_READWRITE;
    /// The rights that make sense on a directory.
    pub const DIRECTORY: u64 = FD_FDSTAT_SET_FLAGS
        | FD_SYNC
        | FD_DATASYNC
        | PATH_CREATE_DIRECTORY
        | PATH_CREATE_FILE
        | PATH_LINK_SOURCE
        | PATH_LINK_TARGET
        | PATH_OPEN
        | FD_READDIR
        | PATH_READLINK
        | PATH_RENAME_SOURCE
        | PATH_RENAME_TARGET
        | PATH_FILESTAT_GET
        | PATH_FILESTAT_SET_SIZE
        | PATH_FILESTAT_SET_TIMES
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_TIMES
        | PATH_SYMLINK
        | PATH_REMOVE_DIRECTORY
        | PATH_UNLINK_FILE;
    /// The rights of a stream: standard I/O, pipes, character devices.
    pub const STREAM: u64 =
        FD_READ | FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    /// The rights of a socket.
    pub const SOCKET: u64 = STREAM | SOCK_SHUTDOWN | SOCK_ACCEPT;
}

/// Seek origins (`whence`).
pub mod whence {
    /// From the start of the file.
    pub const SET: u8 = 0;
    /// From the current position.
    pub const CUR: u8 = 1;
    /// From the end of the file.
    pub const END: u8 = 2;
}

/// Clock identifiers (`clockid`).
pub mod clockid {
    /// Wall-clock time.
    pub const REALTIME: u32 = 0;
    /// A clock that never goes backwards.
    pub const MONOTONIC: u32 = 1;
    /// CPU time of the process.
    pub const PROCESS_CPUTIME_ID: u32 = 2;
    /// CPU time of the thread.
    pub const THREAD_CPUTIME_ID: u32 = 3;
}

/// Event types of `poll_oneoff` (`eventtype`).
pub mod eventtype {
    /// A clock timeout.
    pub const CLOCK: u8 = 0;
    /// A descriptor has data to read.
    pub const FD_READ: u8 = 1;
    /// A descriptor can be written.
    pub const FD_WRITE: u8 = 2;
}

/// `subclockflags`: the timeout is an absolute time.
pub const SUBCLOCK_ABSTIME: u16 = 1;
/// `eventrwflags`: the peer hung up.
pub const EVENT_FD_READWRITE_HANGUP: u16 = 1;

/// Byte sizes of the records guests pass.
pub mod size {
    /// `iovec` / `ciovec`.
    pub const IOVEC: u32 = 8;
    /// `fdstat`.
    pub const FDSTAT: u32 = 24;
    /// `filestat`.
    pub const FILESTAT: u32 = 64;
    /// `prestat`.
    pub const PRESTAT: u32 = 8;
    /// The fixed part of a `dirent` (the name follows).
    pub const DIRENT: u32 = 24;
    /// `subscription`.
    pub const SUBSCRIPTION: u32 = 48;
    /// `event`.
    pub const EVENT: u32 = 32;
}

/// `riflags` of `sock_recv`.
pub mod riflags {
    /// Peek without consuming.
    pub const RECV_PEEK: u16 = 1;
    /// Wait for the whole buffer.
    pub const RECV_WAITALL: u16 = 2;
}

/// `sdflags` of `sock_shutdown`.
pub mod sdflags {
    /// Disable further receives.
    pub const RD: u8 = 1;
    /// Disable further sends.
    pub const WR: u8 = 2;
}
