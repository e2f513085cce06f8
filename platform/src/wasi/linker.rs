//! Registers the preview 1 functions with a [`Linker`].

use super::ctx::{SharedWasiCtx, WasiCtx};
use super::errno::WasiResult;
use super::funcs::{args_env, clock, fd, path, poll, proc, random, sock};
use super::memory::GuestMemory;
use wisp_core::{Caller, Error, Extern, Linker, Trap};

/// The module name of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";
/// The module name of the snapshot before preview 1. The functions whose ABI
/// did not change are registered under it too, plus `fd_seek` with that
/// snapshot's `whence` numbering; `fd_filestat_get`, `path_filestat_get` and
/// `poll_oneoff` (different record layouts) are not.
pub const MODULE_UNSTABLE: &str = "wasi_unstable";

/// How the WASI functions reach the [`WasiCtx`] in a store's host state:
/// owned by it ([`add_to_linker`]) or shared with other threads' stores
/// ([`add_to_linker_shared`]).
trait Access<T>: Send + Sync + 'static {
    /// Runs `f` with the context of `host`.
    fn with(&self, host: &mut T, f: &mut dyn FnMut(&mut WasiCtx));
}

/// A context in the host state.
#[derive(Clone, Copy)]
struct Owned<G>(G);

impl<T, G: Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static> Access<T> for Owned<G> {
    fn with(&self, host: &mut T, f: &mut dyn FnMut(&mut WasiCtx)) {
        f((self.0)(host))
    }
}

/// A context shared by several stores: locked for each call.
#[derive(Clone, Copy)]
struct Shared<G>(G);

impl<T, G: Fn(&mut T) -> &SharedWasiCtx + Send + Sync + Copy + 'static> Access<T> for Shared<G> {
    fn with(&self, host: &mut T, f: &mut dyn FnMut(&mut WasiCtx)) {
        (self.0)(host).with(f)
    }
}

/// Runs `f` with the guest's context and memory (the store's memory
/// export `memory`, shared or not). Compiled once per host-state type
/// rather than inlined into each of the 47 host functions (−9.6 KB of the
/// CLI), hence the `dyn` arguments.
#[inline(never)]
fn with_memory<T: 'static>(
    caller: &mut Caller<'_, T>,
    access: &dyn Access<T>,
    f: &mut dyn FnMut(&mut WasiCtx, &mut GuestMemory<'_>) -> WasiResult,
) -> Result<i32, Trap> {
    let mut result = Ok(());
    match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => {
            let (bytes, host) = memory.data_and_store_mut(&mut *caller);
            let mut mem = GuestMemory::new(bytes);
            access.with(host, &mut |ctx| result = f(ctx, &mut mem));
        }
        Some(Extern::SharedMemory(memory)) => {
            let mut mem = GuestMemory::shared(memory.data());
            access.with(caller.data_mut(), &mut |ctx| result = f(ctx, &mut mem));
        }
        _ => {
            return Err(Trap::host(
                "WASI call from a module that exports no memory named `memory`",
            ));
        }
    }
    Ok(match result {
        Ok(()) => 0,
        Err(e) => e.raw(),
    })
}

/// Defines `module::name` for each function as a closure that passes the
/// context, the memory and the arguments to the implementation.
macro_rules! link {
    ($linker:ident, $get:ident, $module:expr; $($name:ident => $f:path [$($arg:ident: $ty:ty),*];)*) => {
        $(
            $linker.func_wrap(
                $module,
                stringify!($name),
                move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> Result<i32, Trap> {
                    with_memory(&mut caller, &$get, &mut |ctx, mem| $f(ctx, mem, $($arg),*))
                },
            )?;
        )*
    };
}

/// Adds all 46 WASI preview 1 functions to `linker` under
/// `wasi_snapshot_preview1` (and those with an unchanged ABI under
/// `wasi_unstable`). `get` finds the [`WasiCtx`] in the store's host state.
///
/// ```no_run
/// use wisp_core::{Engine, Linker, Store};
/// use wisp_platform::wasi::{self, Capabilities, WasiCtx};
/// let engine = Engine::default();
/// let mut linker = Linker::<WasiCtx>::new(&engine);
/// wasi::add_to_linker(&mut linker, |cx| cx).unwrap();
/// let ctx = WasiCtx::builder()
///     .inherit_stdio()
///     .arg("prog.wasm")
///     .capabilities(Capabilities::CLOCK | Capabilities::RANDOM)
///     .build();
/// let mut store = Store::new(&engine, ctx);
/// # let _ = &mut store;
/// ```
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    get: impl Fn(&mut T) -> &mut WasiCtx + Send + Sync + Copy + 'static,
) -> Result<(), Error> {
    add_with(linker, Owned(get))
}

/// As [`add_to_linker`], for a [`SharedWasiCtx`] that several stores (the
/// threads of a `wasi-threads` program) use: each call holds its lock.
pub fn add_to_linker_shared<T: 'static>(
    linker: &mut Linker<T>,
    get: impl Fn(&mut T) -> &SharedWasiCtx + Send + Sync + Copy + 'static,
) -> Result<(), Error> {
    add_with(linker, Shared(get))
}

/// Adds the functions, reaching the context through `get`.
fn add_with<T: 'static>(linker: &mut Linker<T>, get: impl Access<T> + Copy) -> Result<(), Error> {
    for module in [MODULE, MODULE_UNSTABLE] {
        link! { linker, get, module;
            args_get => args_env::args_get [argv: u32, buf: u32];
            args_sizes_get => args_env::args_sizes_get [argc: u32, size: u32];
            environ_get => args_env::environ_get [env: u32, buf: u32];
            environ_sizes_get => args_env::environ_sizes_get [count: u32, size: u32];
            clock_res_get => clock::clock_res_get [id: u32, out: u32];
            clock_time_get => clock::clock_time_get [id: u32, precision: u64, out: u32];
            fd_advise => fd::fd_advise [fd: u32, offset: u64, len: u64, advice: u32];
            fd_allocate => fd::fd_allocate [fd: u32, offset: u64, len: u64];
            fd_close => fd::fd_close [fd: u32];
            fd_datasync => fd::fd_datasync [fd: u32];
            fd_fdstat_get => fd::fd_fdstat_get [fd: u32, out: u32];
            fd_fdstat_set_flags => fd::fd_fdstat_set_flags [fd: u32, flags: u32];
            fd_fdstat_set_rights => fd::fd_fdstat_set_rights [fd: u32, base: u64, inheriting: u64];
            fd_filestat_set_size => fd::fd_filestat_set_size [fd: u32, size: u64];
            fd_filestat_set_times => fd::fd_filestat_set_times [fd: u32, atim: u64, mtim: u64, flags: u32];
            fd_pread => fd::fd_pread [fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32];
            fd_prestat_get => fd::fd_prestat_get [fd: u32, out: u32];
            fd_prestat_dir_name => fd::fd_prestat_dir_name [fd: u32, path: u32, len: u32];
            fd_pwrite => fd::fd_pwrite [fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32];
            fd_read => fd::fd_read [fd: u32, iovs: u32, iovs_len: u32, nread: u32];
            fd_readdir => fd::fd_readdir [fd: u32, buf: u32, buf_len: u32, cookie: u64, used: u32];
            fd_renumber => fd::fd_renumber [fd: u32, to: u32];
            fd_sync => fd::fd_sync [fd: u32];
            fd_tell => fd::fd_tell [fd: u32, out: u32];
            fd_write => fd::fd_write [fd: u32, iovs: u32, iovs_len: u32, nwritten: u32];
            path_create_directory => path::path_create_directory [fd: u32, p: u32, len: u32];
            path_filestat_set_times => path::path_filestat_set_times [fd: u32, flags: u32, p: u32, len: u32, atim: u64, mtim: u64, fst: u32];
            path_link => path::path_link [old_fd: u32, flags: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32];
            path_open => path::path_open [fd: u32, dirflags: u32, p: u32, len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: u32];
            path_readlink => path::path_readlink [fd: u32, p: u32, len: u32, buf: u32, buf_len: u32, used: u32];
            path_remove_directory => path::path_remove_directory [fd: u32, p: u32, len: u32];
            path_rename => path::path_rename [fd: u32, old: u32, old_len: u32, new_fd: u32, new: u32, new_len: u32];
            path_symlink => path::path_symlink [old: u32, old_len: u32, fd: u32, new: u32, new_len: u32];
            path_unlink_file => path::path_unlink_file [fd: u32, p: u32, len: u32];
            random_get => random::random_get [buf: u32, len: u32];
            sock_accept => sock::sock_accept [fd: u32, flags: u32, out: u32];
            sock_recv => sock::sock_recv [fd: u32, iovs: u32, iovs_len: u32, flags: u32, len_out: u32, flags_out: u32];
            sock_send => sock::sock_send [fd: u32, iovs: u32, iovs_len: u32, flags: u32, len_out: u32];
            sock_shutdown => sock::sock_shutdown [fd: u32, how: u32];
        }
        linker.func_wrap(
            module,
            "proc_exit",
            |_: Caller<'_, T>, status: u32| -> Result<(), Trap> { Err(proc::proc_exit(status)) },
        )?;
        linker.func_wrap(
            module,
            "proc_raise",
            move |mut caller: Caller<'_, T>, sig: u32| -> Result<i32, Trap> {
                let mut result = Ok(Ok(()));
                get.with(caller.data_mut(), &mut |ctx| {
                    result = proc::proc_raise(ctx, sig)
                });
                Ok(match result? {
                    Ok(()) => 0,
                    Err(e) => e.raw(),
                })
            },
        )?;
        linker.func_wrap(module, "sched_yield", |_: Caller<'_, T>| -> i32 {
            match proc::sched_yield() {
                Ok(()) => 0,
                Err(e) => e.raw(),
            }
        })?;
    }
    link! { linker, get, MODULE;
        fd_filestat_get => fd::fd_filestat_get [fd: u32, out: u32];
        fd_seek => fd::fd_seek [fd: u32, offset: u64, whence: u32, out: u32];
        path_filestat_get => path::path_filestat_get [fd: u32, flags: u32, p: u32, len: u32, out: u32];
        poll_oneoff => poll::poll_oneoff [input: u32, out: u32, nsubs: u32, nevents: u32];
    }
    // `wasi_unstable` numbered `whence` CUR = 0, END = 1, SET = 2.
    linker.func_wrap(
        MODULE_UNSTABLE,
        "fd_seek",
        move |mut caller: Caller<'_, T>,
              fd: u32,
              offset: u64,
              whence: u32,
              out: u32|
              -> Result<i32, Trap> {
            let whence = match whence {
                0 => 1,
                1 => 2,
                2 => 0,
                other => other,
            };
            with_memory(&mut caller, &get, &mut |ctx, mem| {
                fd::fd_seek(ctx, mem, fd, offset, whence, out)
            })
        },
    )?;
    Ok(())
}

/// The names of the 46 preview 1 functions, for documentation and tests.
pub const FUNCTIONS: [&str; 46] = [
    "args_get",
    "args_sizes_get",
    "environ_get",
    "environ_sizes_get",
    "clock_res_get",
    "clock_time_get",
    "fd_advise",
    "fd_allocate",
    "fd_close",
    "fd_datasync",
    "fd_fdstat_get",
    "fd_fdstat_set_flags",
    "fd_fdstat_set_rights",
    "fd_filestat_get",
    "fd_filestat_set_size",
    "fd_filestat_set_times",
    "fd_pread",
    "fd_prestat_get",
    "fd_prestat_dir_name",
    "fd_pwrite",
    "fd_read",
    "fd_readdir",
    "fd_renumber",
    "fd_seek",
    "fd_sync",
    "fd_tell",
    "fd_write",
    "path_create_directory",
    "path_filestat_get",
    "path_filestat_set_times",
    "path_link",
    "path_open",
    "path_readlink",
    "path_remove_directory",
    "path_rename",
    "path_symlink",
    "path_unlink_file",
    "poll_oneoff",
    "proc_exit",
    "proc_raise",
    "sched_yield",
    "random_get",
    "sock_accept",
    "sock_recv",
    "sock_send",
    "sock_shutdown",
];
