//! The guest's WASI state ([`WasiCtx`]) and how an embedder builds it
//! ([`WasiCtxBuilder`]).

use super::caps::Capabilities;
use super::errno::{Errno, WasiResult};
use super::fd_table::{Entry, FdTable, Handle};
use super::pipe::{MemoryInputPipe, MemoryOutputPipe};
use super::types::{filetype, rights};
use alloc::sync::Arc;
use alloc::{
    string::{String, ToString},
    vec::Vec,
};
use rustix::fd::OwnedFd;
use rustix::fs::{Mode, OFlags};

/// What a standard stream (descriptor 0, 1 or 2) of the guest is connected to.
#[derive(Debug, Default)]
pub enum Stdio {
    /// Nothing: reads see end of file, writes are discarded. The default.
    #[default]
    Null,
    /// The host process's own stream with the same number.
    Inherit,
    /// A host descriptor (a pipe, a file, a socket), owned by the guest's
    /// table from now on.
    Fd(OwnedFd),
    /// Bytes in memory to read (for stdin).
    Input(MemoryInputPipe),
    /// A buffer in memory that collects writes (for stdout and stderr).
    Output(MemoryOutputPipe),
}

impl From<MemoryInputPipe> for Stdio {
    fn from(pipe: MemoryInputPipe) -> Self {
        Stdio::Input(pipe)
    }
}

impl From<MemoryOutputPipe> for Stdio {
    fn from(pipe: MemoryOutputPipe) -> Self {
        Stdio::Output(pipe)
    }
}

impl From<OwnedFd> for Stdio {
    fn from(fd: OwnedFd) -> Self {
        Stdio::Fd(fd)
    }
}

/// A file (or pipe, or socket opened as one) the guest's stream reads from
/// or writes to.
#[cfg(feature = "std")]
impl From<std::fs::File> for Stdio {
    fn from(file: std::fs::File) -> Self {
        Stdio::Fd(OwnedFd::from(file))
    }
}

/// The WASI state of one guest: its arguments, environment, descriptor table
/// and capabilities. Build one with [`WasiCtxBuilder`], keep it in the store's
/// host state, and hand [`add_to_linker`](super::add_to_linker) a closure that
/// finds it.
#[derive(Debug, Default)]
pub struct WasiCtx {
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<String>,
    pub(crate) fds: FdTable,
    pub(crate) caps: Capabilities,
    /// The WASI 0.2 resources the guest holds handles to (streams,
    /// pollables, directory listings; descriptors are entries of `fds`),
    /// at most [`MAX_RESOURCES`] at once.
    #[cfg(feature = "component")]
    pub(crate) resources: wisp_component::ResourceTable,
}

/// How many WASI 0.2 resources (streams, pollables, errors, directory
/// listings) a guest may hold at once: past it, the call that would make
/// one more traps (`WASI: resource table full`).
#[cfg(feature = "component")]
pub(crate) const MAX_RESOURCES: u32 = 1 << 18;

impl WasiCtx {
    /// A builder.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::new()
    }

    /// The capabilities granted.
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// The program arguments (`argv`).
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The environment the guest sees, as `KEY=VALUE` strings.
    pub fn env(&self) -> &[String] {
        &self.env
    }

    /// Fails with `NotCapable` unless all of `caps` are granted.
    pub(crate) fn require(&self, caps: Capabilities) -> WasiResult {
        if self.caps.contains(caps) {
            Ok(())
        } else {
            Err(Errno::NotCapable)
        }
    }
}

/// A [`WasiCtx`] that the stores of several threads use at once (a
/// `wasi-threads` program: one store per thread, one set of descriptors).
/// Clones share the context; each WASI call holds its lock, so a call that
/// blocks (reading a pipe, `poll_oneoff` sleeping) holds up the other
/// threads' WASI calls until it returns.
#[derive(Clone)]
pub struct SharedWasiCtx(Arc<Lock<WasiCtx>>);

/// The lock: the standard library's where there is one (it sleeps), a
/// spinning one otherwise.
#[cfg(feature = "std")]
type Lock<T> = std::sync::Mutex<T>;
#[cfg(not(feature = "std"))]
type Lock<T> = spin::Mutex<T>;

impl SharedWasiCtx {
    /// Shares `ctx`.
    pub fn new(ctx: WasiCtx) -> Self {
        Self(Arc::new(Lock::new(ctx)))
    }

    /// Runs `f` with the context, holding the lock.
    pub fn with<R>(&self, f: impl FnOnce(&mut WasiCtx) -> R) -> R {
        #[cfg(feature = "std")]
        let mut ctx = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        #[cfg(not(feature = "std"))]
        let mut ctx = self.0.lock();
        f(&mut ctx)
    }
}

impl core::fmt::Debug for SharedWasiCtx {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SharedWasiCtx")
    }
}

/// Builds a [`WasiCtx`]: arguments, environment, standard streams,
/// preopened directories and sockets, capabilities. Nothing is granted or
/// connected unless asked for.
#[derive(Debug, Default)]
pub struct WasiCtxBuilder {
    args: Vec<String>,
    env: Vec<(String, String)>,
    host_env: Vec<(String, String)>,
    stdio: [Stdio; 3],
    dirs: Vec<(OwnedFd, String)>,
    sockets: Vec<OwnedFd>,
    caps: Capabilities,
}

impl WasiCtxBuilder {
    /// An empty builder: no arguments, no environment, null standard
    /// streams, no preopens, no capabilities.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one argument (the first is the program name, `argv[0]`).
    pub fn arg(&mut self, arg: impl Into<String>) -> &mut Self {
        self.args.push(arg.into());
        self
    }

    /// Appends arguments: `&["prog", "a1"]`, a `Vec<String>`, any iterator
    /// of string-likes.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, args: I) -> &mut Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Sets an environment variable the guest always sees (whatever the
    /// capabilities); a later setting of the same key wins.
    pub fn env(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        let key = key.into();
        self.env.retain(|(k, _)| *k != key);
        self.env.push((key, value.into()));
        self
    }

    /// Sets several environment variables, as [`env`](Self::env):
    /// `&[("KEY", "value")]`, a `Vec<(String, String)>`, any iterator of
    /// pairs of string-likes.
    pub fn envs<I, P, K, V>(&mut self, vars: I) -> &mut Self
    where
        I: IntoIterator<Item = P>,
        P: core::borrow::Borrow<(K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        for pair in vars {
            let (k, v) = pair.borrow();
            self.env(k.as_ref(), v.as_ref());
        }
        self
    }

    /// Adds the host's environment (or any other set of variables) beneath
    /// the explicit ones: variables set with [`env`](Self::env) take
    /// precedence. The guest sees these only because the embedder asked
    /// for them here; no capability grants the host's environment.
    pub fn host_env<I, K, V>(&mut self, vars: I) -> &mut Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.host_env
            .extend(vars.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Supplies this process's environment (see [`host_env`](Self::host_env));
    /// variables that are not UTF-8 are skipped.
    #[cfg(feature = "std")]
    pub fn inherit_env(&mut self) -> &mut Self {
        let vars: Vec<(String, String)> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        self.host_env(vars)
    }

    /// Passes this process's arguments to the guest; arguments that are not
    /// UTF-8 are converted lossily.
    #[cfg(feature = "std")]
    pub fn inherit_args(&mut self) -> &mut Self {
        let args: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        self.args(args)
    }

    /// Connects the guest's standard input.
    pub fn stdin(&mut self, s: Stdio) -> &mut Self {
        self.stdio[0] = s;
        self
    }

    /// Connects the guest's standard output.
    pub fn stdout(&mut self, s: Stdio) -> &mut Self {
        self.stdio[1] = s;
        self
    }

    /// Connects the guest's standard error.
    pub fn stderr(&mut self, s: Stdio) -> &mut Self {
        self.stdio[2] = s;
        self
    }

    /// Connects all three standard streams to the host process's.
    pub fn inherit_stdio(&mut self) -> &mut Self {
        self.stdio = [Stdio::Inherit, Stdio::Inherit, Stdio::Inherit];
        self
    }

    /// Opens host directory `host` and gives it to the guest as `guest`
    /// (the name it finds with `fd_prestat_dir_name`, e.g. `"."` or
    /// `"/data"`). Fails with the host's error if `host` cannot be opened as
    /// a directory.
    pub fn preopened_dir(&mut self, host: &str, guest: &str) -> Result<&mut Self, Errno> {
        let fd = rustix::fs::open(
            host,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(self.preopened_dir_fd(fd, guest))
    }

    /// Gives the guest an already open directory as `guest`.
    pub fn preopened_dir_fd(&mut self, dir: OwnedFd, guest: &str) -> &mut Self {
        self.dirs.push((dir, guest.to_string()));
        self
    }

    /// Gives the guest an open socket (for example a listening TCP socket it
    /// serves with `sock_accept`). Sockets follow the preopened directories
    /// in the descriptor table.
    pub fn preopened_socket(&mut self, socket: OwnedFd) -> &mut Self {
        self.sockets.push(socket);
        self
    }

    /// Replaces the granted capabilities.
    pub fn capabilities(&mut self, caps: Capabilities) -> &mut Self {
        self.caps = caps;
        self
    }

    /// Adds capabilities to those granted.
    pub fn allow(&mut self, caps: Capabilities) -> &mut Self {
        self.caps |= caps;
        self
    }

    /// Builds the context, leaving this builder empty. Descriptors 0–2 are
    /// the standard streams, then the preopened directories in the order
    /// given, then the sockets.
    pub fn build(&mut self) -> WasiCtx {
        let b = core::mem::take(self);
        let mut env: Vec<String> = Vec::new();
        let explicit = |k: &str| b.env.iter().any(|(e, _)| e == k);
        for (k, v) in &b.host_env {
            if !explicit(k) {
                env.push(alloc::format!("{k}={v}"));
            }
        }
        env.extend(b.env.iter().map(|(k, v)| alloc::format!("{k}={v}")));
        let mut fds = FdTable::default();
        for (n, s) in b.stdio.into_iter().enumerate() {
            fds.set(n as u32, stdio_entry(n as i32, s));
        }
        let mut next = 3;
        for (fd, name) in b.dirs {
            fds.set(next, Entry::new_dir(fd, Some(name)));
            next += 1;
        }
        for sock in b.sockets {
            fds.set(next, Entry::for_host(sock, false));
            next += 1;
        }
        WasiCtx {
            args: b.args,
            env,
            fds,
            caps: b.caps,
            #[cfg(feature = "component")]
            resources: wisp_component::ResourceTable::with_limit(MAX_RESOURCES),
        }
    }
}

/// The table entry of a stream without a host descriptor (a null or an
/// in-memory one): a character device, as `/dev/null` or a terminal would
/// be.
fn stream_entry(handle: Handle) -> Entry {
    Entry {
        handle,
        filetype: filetype::CHARACTER_DEVICE,
        from_fs: false,
        rights_base: rights::STREAM,
        rights_inheriting: 0,
        fdflags: 0,
    }
}

/// The table entry of standard stream `n`.
fn stdio_entry(n: i32, s: Stdio) -> Entry {
    let readable = n == 0;
    let dir_rights = if readable {
        rights::FD_READ
    } else {
        rights::FD_WRITE
    };
    let mut entry = match s {
        Stdio::Null => stream_entry(Handle::Null),
        Stdio::Inherit => {
            // SAFETY: 0, 1 and 2 are the host process's standard streams,
            // open for its whole life; the borrow ends in this statement.
            let ft = super::host::filetype_of_fd(unsafe { rustix::fd::BorrowedFd::borrow_raw(n) });
            Entry {
                handle: Handle::HostStdio(n),
                filetype: ft,
                from_fs: false,
                rights_base: super::fd_table::rights_for(ft),
                rights_inheriting: 0,
                fdflags: 0,
            }
        }
        Stdio::Fd(fd) => {
            let mut e = Entry::for_host(fd, false);
            e.from_fs = false;
            e
        }
        Stdio::Input(pipe) => stream_entry(Handle::Input(pipe)),
        Stdio::Output(pipe) => stream_entry(Handle::Output(pipe)),
    };
    // A stream is read or written according to its number, whatever it is.
    entry.rights_base &= !(rights::FD_READ | rights::FD_WRITE);
    entry.rights_base |= dir_rights;
    entry
}
