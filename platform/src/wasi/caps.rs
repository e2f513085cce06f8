//! The capability model: what a guest may do beyond computing and talking
//! through the standard streams it was given.

bitflags::bitflags! {
    /// What a WASI guest may do. A call outside the granted set returns
    /// [`Errno::NotCapable`](super::Errno::NotCapable) (76), never a host
    /// error; see `docs/security.md` for the exact list per flag.
    ///
    /// The library default is [`Capabilities::NONE`]: an embedder grants
    /// explicitly. Standard input, output and error, the program's arguments
    /// and explicitly set environment variables are not capabilities: they
    /// are what the embedder chose to give the guest. The environment is not
    /// a capability either: the guest sees exactly the variables the
    /// embedder set ([`WasiCtxBuilder::env`](super::WasiCtxBuilder::env),
    /// or the host's with
    /// [`WasiCtxBuilder::inherit_env`](super::WasiCtxBuilder::inherit_env)).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Capabilities: u32 {
        /// Open files and directories under a preopen for reading; read
        /// them, list directories, read metadata and symbolic links.
        const READ = 1 << 0;
        /// Open files for writing, create, truncate and write regular files,
        /// change sizes and timestamps, allocate space.
        const WRITE = 1 << 1;
        /// Change the directory tree: create and remove directories, unlink,
        /// rename, create symbolic and hard links.
        const PATH = 1 << 3;
        /// Read clocks (`clock_time_get`, `clock_res_get`) and wait on them
        /// (clock subscriptions of `poll_oneoff`).
        const CLOCK = 1 << 4;
        /// Draw random bytes (`random_get`).
        const RANDOM = 1 << 5;
        /// Raise signals (`proc_raise`, emulated: it ends the guest as the
        /// signal's default action would). `proc_exit` and `sched_yield`
        /// are always allowed.
        const PROC = 1 << 6;
        /// Use the network: create, bind, connect and listen on sockets
        /// and look names up (WASI 0.2's `wasi:sockets`). Not in
        /// [`CLI_DEFAULT`](Self::CLI_DEFAULT). Preview 1's socket
        /// functions work on sockets the embedder handed over and need
        /// no capability.
        const NET = 1 << 7;
    }
}

impl Capabilities {
    /// Nothing: the library default.
    pub const NONE: Self = Self::empty();
    /// The `wisp` command line's default: files under `--dir` preopens (read,
    /// write, change the tree), clocks, randomness and signals.
    pub const CLI_DEFAULT: Self = Self::READ
        .union(Self::WRITE)
        .union(Self::PATH)
        .union(Self::CLOCK)
        .union(Self::RANDOM)
        .union(Self::PROC);
    /// `--sandbox`: nothing is granted (pure computation plus the standard
    /// streams); combine with individual flags to open it up.
    pub const SANDBOX: Self = Self::empty();
    /// Everything.
    pub const ALL: Self = Self::all();
}

impl Default for Capabilities {
    /// [`Capabilities::NONE`].
    fn default() -> Self {
        Self::NONE
    }
}
