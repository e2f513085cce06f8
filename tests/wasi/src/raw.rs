//! Direct preview 1 imports (kept in sync with the spec), for exact errnos.
//! Direct preview 1 imports, for checking exact errno values (the standard
//! library turns them into `io::Error`s or panics).

#![allow(dead_code)]

pub type Errno = u16;

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    pub fn args_sizes_get(argc: *mut u32, size: *mut u32) -> Errno;
    pub fn environ_sizes_get(count: *mut u32, size: *mut u32) -> Errno;
    pub fn clock_time_get(id: u32, precision: u64, out: *mut u64) -> Errno;
    pub fn clock_res_get(id: u32, out: *mut u64) -> Errno;
    pub fn random_get(buf: *mut u8, len: usize) -> Errno;
    pub fn proc_raise(sig: u32) -> Errno;
    pub fn sched_yield() -> Errno;
    pub fn fd_write(fd: u32, iovs: *const Iovec, n: usize, written: *mut usize) -> Errno;
    pub fn fd_read(fd: u32, iovs: *const Iovec, n: usize, read: *mut usize) -> Errno;
    pub fn fd_close(fd: u32) -> Errno;
    pub fn fd_advise(fd: u32, offset: u64, len: u64, advice: u8) -> Errno;
    pub fn fd_allocate(fd: u32, offset: u64, len: u64) -> Errno;
    pub fn fd_datasync(fd: u32) -> Errno;
    pub fn fd_sync(fd: u32) -> Errno;
    pub fn fd_fdstat_get(fd: u32, out: *mut u8) -> Errno;
    pub fn fd_fdstat_set_flags(fd: u32, flags: u16) -> Errno;
    pub fn fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64) -> Errno;
    pub fn fd_filestat_get(fd: u32, out: *mut u8) -> Errno;
    pub fn fd_filestat_set_size(fd: u32, size: u64) -> Errno;
    pub fn fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u16) -> Errno;
    pub fn fd_pread(fd: u32, iovs: *const Iovec, n: usize, offset: u64, read: *mut usize) -> Errno;
    pub fn fd_pwrite(
        fd: u32,
        iovs: *const Iovec,
        n: usize,
        offset: u64,
        written: *mut usize,
    ) -> Errno;
    pub fn fd_prestat_get(fd: u32, out: *mut u8) -> Errno;
    pub fn fd_prestat_dir_name(fd: u32, path: *mut u8, len: usize) -> Errno;
    pub fn fd_readdir(fd: u32, buf: *mut u8, len: usize, cookie: u64, used: *mut usize) -> Errno;
    pub fn fd_renumber(from: u32, to: u32) -> Errno;
    pub fn fd_seek(fd: u32, offset: i64, whence: u8, out: *mut u64) -> Errno;
    pub fn fd_tell(fd: u32, out: *mut u64) -> Errno;
    pub fn path_create_directory(fd: u32, path: *const u8, len: usize) -> Errno;
    pub fn path_filestat_get(
        fd: u32,
        flags: u32,
        path: *const u8,
        len: usize,
        out: *mut u8,
    ) -> Errno;
    pub fn path_filestat_set_times(
        fd: u32,
        flags: u32,
        path: *const u8,
        len: usize,
        atim: u64,
        mtim: u64,
        fst: u16,
    ) -> Errno;
    pub fn path_link(
        old_fd: u32,
        flags: u32,
        old: *const u8,
        old_len: usize,
        new_fd: u32,
        new: *const u8,
        new_len: usize,
    ) -> Errno;
    pub fn path_open(
        fd: u32,
        dirflags: u32,
        path: *const u8,
        len: usize,
        oflags: u16,
        base: u64,
        inheriting: u64,
        fdflags: u16,
        out: *mut u32,
    ) -> Errno;
    pub fn path_readlink(
        fd: u32,
        path: *const u8,
        len: usize,
        buf: *mut u8,
        buf_len: usize,
        used: *mut usize,
    ) -> Errno;
    pub fn path_remove_directory(fd: u32, path: *const u8, len: usize) -> Errno;
    pub fn path_rename(
        fd: u32,
        old: *const u8,
        old_len: usize,
        new_fd: u32,
        new: *const u8,
        new_len: usize,
    ) -> Errno;
    pub fn path_symlink(
        old: *const u8,
        old_len: usize,
        fd: u32,
        new: *const u8,
        new_len: usize,
    ) -> Errno;
    pub fn path_unlink_file(fd: u32, path: *const u8, len: usize) -> Errno;
    pub fn poll_oneoff(input: *const u8, out: *mut u8, n: usize, nevents: *mut usize) -> Errno;
    pub fn sock_accept(fd: u32, flags: u16, out: *mut u32) -> Errno;
    pub fn sock_recv(
        fd: u32,
        iovs: *const Iovec,
        n: usize,
        flags: u16,
        len: *mut usize,
        oflags: *mut u16,
    ) -> Errno;
    pub fn sock_send(fd: u32, iovs: *const Iovec, n: usize, flags: u16, len: *mut usize) -> Errno;
    pub fn sock_shutdown(fd: u32, how: u8) -> Errno;
}

/// An `iovec` / `ciovec`.
#[repr(C)]
pub struct Iovec {
    pub buf: *const u8,
    pub len: usize,
}

/// The rights a read-write file open asks for.
pub const RIGHTS_RW: u64 = (1 << 1)
    | (1 << 6)
    | (1 << 2)
    | (1 << 5)
    | (1 << 21)
    | (1 << 22)
    | (1 << 8)
    | (1 << 23)
    | (1 << 7)
    | 1
    | (1 << 4)
    | (1 << 3);
/// The rights a write-only open asks for.
pub const RIGHTS_W: u64 = RIGHTS_RW & !((1 << 1) | (1 << 14));
/// The rights a read-only open asks for.
pub const RIGHTS_R: u64 = (1 << 1) | (1 << 2) | (1 << 5) | (1 << 21) | (1 << 14);
/// Open flags.
pub const O_CREAT: u16 = 1;
pub const O_DIRECTORY: u16 = 2;
pub const O_EXCL: u16 = 4;
pub const O_TRUNC: u16 = 8;

/// `path_open` beneath `dir`; returns the errno or the new descriptor.
pub fn open(dir: u32, path: &str, oflags: u16, rights: u64, follow: bool) -> Result<u32, Errno> {
    let mut fd = 0;
    let e = unsafe {
        path_open(
            dir,
            follow as u32,
            path.as_ptr(),
            path.len(),
            oflags,
            rights,
            rights,
            0,
            &mut fd,
        )
    };
    if e == 0 {
        Ok(fd)
    } else {
        Err(e)
    }
}

/// Writes `data` to `fd`; returns the errno.
pub fn write(fd: u32, data: &[u8]) -> Errno {
    let iov = Iovec {
        buf: data.as_ptr(),
        len: data.len(),
    };
    let mut n = 0;
    unsafe { fd_write(fd, &iov, 1, &mut n) }
}

/// Reads up to `len` bytes from `fd`.
pub fn read(fd: u32, len: usize) -> Result<Vec<u8>, Errno> {
    let mut buf = vec![0u8; len];
    let iov = Iovec {
        buf: buf.as_mut_ptr(),
        len,
    };
    let mut n = 0;
    let e = unsafe { fd_read(fd, &iov, 1, &mut n) };
    if e != 0 {
        return Err(e);
    }
    buf.truncate(n);
    Ok(buf)
}
