//! The `wasi` target: a fixed guest makes the WASI calls the input describes
//! against a fresh preopened directory, and nothing outside it may change.
//!
//! The guest imports all 46 preview 1 functions and exports `run`, which
//! walks a table of call records in its memory (function number and nine
//! 64-bit argument words, narrowed to each parameter's type) and makes each
//! call, ignoring the errno. The input chooses the records: arguments are
//! small numbers, descriptors, pointers to and lengths of paths, pointers
//! into a scratch buffer, an iovec array, flags or raw words; the paths mix
//! hostile ones (`..`, absolute paths, symbolic links leading out) with
//! arbitrary strings.
//!
//! Each run gets a new directory `root/` holding `sandbox/` (the preopen, as
//! `.` and `/data`; it contains files, a directory and symbolic links
//! pointing out of it: relative, absolute and a loop) and `outside/` (a
//! secret file and a directory). Afterwards `outside/` must hold exactly
//! what it held before, byte for byte, and `root/` and its parent nothing
//! new. The guest may do anything else, including trapping or exiting.
//!
//! Clocks are not granted, so no call sleeps; `fd_allocate` lengths are
//! capped at 1 MiB so a run cannot fill the disk (the cap is the harness's,
//! not wisp's).

use arbitrary::{Arbitrary, Unstructured};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use wisp::{Engine, Extern, Linker, Module, Store, ValType};
use wisp_platform::wasi::{self, Capabilities, WasiCtx, WasiCtxBuilder};

/// Where the guest's memory holds what the host put there.
mod layout {
    /// The number of records (u32).
    pub const COUNT: u32 = 0;
    /// The first record; each is `RECORD` bytes: function number (u32),
    /// padding, then nine argument words.
    pub const RECORDS: u32 = 16;
    /// Bytes per record.
    pub const RECORD: u32 = 80;
    /// At most this many calls per run.
    pub const MAX_CALLS: usize = 64;
    /// Four NUL-padded paths of up to `PATH_SIZE` bytes each.
    pub const PATHS: u32 = 8192;
    /// Bytes reserved per path.
    pub const PATH_SIZE: u32 = 256;
    /// Four iovecs into the scratch buffer.
    pub const IOVS: u32 = 16384;
    /// The scratch buffer: the input's bytes, and room for outputs.
    pub const SCRATCH: u32 = 32768;
    /// Its size.
    pub const SCRATCH_SIZE: u32 = 32768;
}

/// Paths worth trying; the input may also give its own.
const HOSTILE_PATHS: &[&str] = &[
    ".",
    "file.txt",
    "dir",
    "dir/inner.txt",
    "new.txt",
    "dir/new",
    "..",
    "../outside/secret",
    "dir/../../outside/secret",
    "link_out",
    "link_out/secret",
    "abs_link",
    "link_loop",
    "/",
    "/etc/passwd",
    "/data/inner.txt",
    "dir/./../file.txt",
    "",
    "file.txt/",
    "a\0b",
];

/// One argument word, as the input describes it.
#[derive(Debug, Arbitrary)]
enum Arg {
    Small(u8),
    Fd(u8),
    PathPtr(u8),
    PathLen(u8),
    Scratch(u16),
    Iovs,
    IovCount(u8),
    Flags(u16),
    Raw(u64),
}

/// A path: one of [`HOSTILE_PATHS`] or the input's own bytes.
#[derive(Debug, Arbitrary)]
enum PathChoice {
    Known(u8),
    Own(Vec<u8>),
}

/// One WASI call.
#[derive(Debug, Arbitrary)]
struct Call {
    function: u8,
    args: [Arg; 9],
}

/// What the input describes.
#[derive(Debug, Arbitrary)]
struct Program {
    paths: [PathChoice; 4],
    calls: Vec<Call>,
    scratch: Vec<u8>,
}

impl PathChoice {
    fn bytes(&self) -> Vec<u8> {
        let mut bytes = match self {
            PathChoice::Known(i) => HOSTILE_PATHS[*i as usize % HOSTILE_PATHS.len()]
                .as_bytes()
                .to_vec(),
            PathChoice::Own(bytes) => bytes.clone(),
        };
        bytes.truncate(layout::PATH_SIZE as usize - 1);
        bytes
    }
}

fn word(arg: &Arg, paths: &[Vec<u8>; 4]) -> u64 {
    match *arg {
        Arg::Small(v) => v as u64,
        Arg::Fd(v) => (v % 10) as u64,
        Arg::PathPtr(i) => (layout::PATHS + (i % 4) as u32 * layout::PATH_SIZE) as u64,
        Arg::PathLen(i) => paths[(i % 4) as usize].len() as u64,
        Arg::Scratch(offset) => (layout::SCRATCH + offset as u32 % layout::SCRATCH_SIZE) as u64,
        Arg::Iovs => layout::IOVS as u64,
        Arg::IovCount(n) => (n % 5) as u64,
        Arg::Flags(f) => f as u64,
        Arg::Raw(v) => v,
    }
}

/// The guest: imports every preview 1 function with the signature the
/// linker gives it; `run` calls through a table of one adapter per import.
fn guest_text(signatures: &[(&str, Vec<ValType>, usize)]) -> String {
    let mut text = String::from("(module\n  (type $adapter (func (param i32)))\n");
    for (index, (name, params, results)) in signatures.iter().enumerate() {
        let params: String = params.iter().map(|p| format!(" {}", wat_type(p))).collect();
        let results = if *results == 1 { " (result i32)" } else { "" };
        text += &format!(
            "  (import \"{}\" \"{name}\" (func $import{index} (param{params}){results}))\n",
            wasi::MODULE
        );
    }
    text += "  (memory (export \"memory\") 2)\n";
    for (index, (_, params, results)) in signatures.iter().enumerate() {
        text += &format!("  (func $adapter{index} (type $adapter)\n");
        for (position, ty) in params.iter().enumerate() {
            let offset = 8 + 8 * position;
            text += &match ty {
                ValType::I64 => format!("    (i64.load offset={offset} (local.get 0))\n"),
                _ => format!("    (i32.wrap_i64 (i64.load offset={offset} (local.get 0)))\n"),
            };
        }
        text += &format!("    call $import{index}\n");
        if *results == 1 {
            text += "    drop\n";
        }
        text += "  )\n";
    }
    let adapters: String = (0..signatures.len())
        .map(|i| format!(" $adapter{i}"))
        .collect();
    text += &format!(
        "  (table {} funcref)\n  (elem (i32.const 0){adapters})\n",
        signatures.len()
    );
    text += &format!(
        r#"  (func (export "run") (local $i i32) (local $record i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const {count}))))
        (local.set $record (i32.add (i32.const {records}) (i32.mul (local.get $i) (i32.const {record}))))
        (call_indirect (type $adapter) (local.get $record)
          (i32.rem_u (i32.load (local.get $record)) (i32.const {functions})))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)"#,
        count = layout::COUNT,
        records = layout::RECORDS,
        record = layout::RECORD,
        functions = signatures.len(),
    );
    text
}

fn wat_type(ty: &ValType) -> &'static str {
    match ty {
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        _ => "i32",
    }
}

/// The engine, the linker with WASI, and the compiled guest, made once per
/// thread.
struct Guest {
    engine: Engine,
    linker: Linker<WasiCtx>,
    module: Module,
    allocate_index: usize,
}

fn build_guest() -> Guest {
    let engine = Engine::default();
    let mut linker: Linker<WasiCtx> = Linker::new(&engine);
    wasi::add_to_linker(&mut linker, |ctx: &mut WasiCtx| ctx).expect("WASI links");
    let mut store = Store::new(&engine, WasiCtx::default());
    let signatures: Vec<(&str, Vec<ValType>, usize)> = wasi::FUNCTIONS
        .iter()
        .map(|name| {
            let Some(Extern::Func(func)) = linker.get(&mut store, wasi::MODULE, name) else {
                panic!("{name} is not defined by add_to_linker");
            };
            let ty = func.ty(&store);
            (*name, ty.params().to_vec(), ty.results().len())
        })
        .collect();
    let text = guest_text(&signatures);
    let module = Module::new(&engine, &wat::parse_str(&text).expect("the guest parses"))
        .expect("the guest compiles");
    let allocate_index = wasi::FUNCTIONS
        .iter()
        .position(|name| *name == "fd_allocate")
        .expect("fd_allocate exists");
    Guest {
        engine,
        linker,
        module,
        allocate_index,
    }
}

thread_local! {
    static GUEST: RefCell<Option<Guest>> = const { RefCell::new(None) };
}

/// A file's or link's kind and contents, for comparing trees.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Everything beneath `dir`, by relative path (links not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut tree = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let kind = if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&path).unwrap_or_default())
            } else if meta.is_dir() {
                pending.push(path.clone());
                Entry::Dir
            } else if meta.is_file() {
                Entry::File(fs::read(&path).unwrap_or_default())
            } else {
                Entry::Other
            };
            tree.insert(relative, kind);
        }
    }
    tree
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The directory every run's `root/` is made in: one per process and thread.
fn base_dir() -> PathBuf {
    static THREADS: AtomicU64 = AtomicU64::new(0);
    thread_local! {
        static THREAD: u64 = THREADS.fetch_add(1, Ordering::Relaxed);
    }
    let thread = THREAD.with(|t| *t);
    std::env::temp_dir().join(format!("wisp-fuzz-wasi-{}-{thread}", std::process::id()))
}

/// Makes `root/` with `sandbox/` and `outside/`.
fn make_tree(root: &Path) {
    let sandbox = root.join("sandbox");
    let outside = root.join("outside");
    fs::create_dir_all(sandbox.join("dir")).unwrap();
    fs::create_dir_all(outside.join("dir")).unwrap();
    fs::write(sandbox.join("file.txt"), "inside").unwrap();
    fs::write(sandbox.join("dir/inner.txt"), "inner").unwrap();
    fs::write(outside.join("secret"), "secret").unwrap();
    fs::write(outside.join("dir/deep"), "deep").unwrap();
    std::os::unix::fs::symlink("../outside", sandbox.join("link_out")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret"), sandbox.join("abs_link")).unwrap();
    std::os::unix::fs::symlink("link_loop", sandbox.join("link_loop")).unwrap();
}

/// Which directory the guest is given: the sandbox, or (only to test this
/// harness) the whole root, from which writing `outside/` is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preopen {
    /// `root/sandbox`, as in every fuzz run.
    Sandbox,
    /// `root` itself: a deliberately leaky setup.
    Root,
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(program) = Program::arbitrary(&mut u) else {
        return;
    };
    run_program(&program, Preopen::Sandbox);
}

/// Runs `program` against a fresh tree; returns what `sandbox/` held
/// afterwards.
fn run_program(program: &Program, preopen: Preopen) -> BTreeMap<PathBuf, Entry> {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let base = base_dir();
    let root = base.join(RUNS.fetch_add(1, Ordering::Relaxed).to_string());
    make_tree(&root);
    let outside_before = snapshot(&root.join("outside"));

    GUEST.with(|cell| {
        let mut cell = cell.borrow_mut();
        let guest = cell.get_or_insert_with(build_guest);
        execute(guest, program, &root, preopen);
    });

    let outside_after = snapshot(&root.join("outside"));
    let sandbox_after = snapshot(&root.join("sandbox"));
    let root_names = names(&root);
    let base_names = names(&base);
    let _ = fs::remove_dir_all(&root);
    assert_eq!(
        root_names,
        ["outside", "sandbox"],
        "the guest escaped: something new next to the sandbox"
    );
    assert_eq!(
        base_names.len(),
        1,
        "the guest escaped: something new in the parent of the root: {base_names:?}"
    );
    assert!(
        outside_before == outside_after,
        "the guest escaped: outside/ changed\nbefore: {outside_before:?}\nafter: {outside_after:?}"
    );
    sandbox_after
}

fn execute(guest: &Guest, program: &Program, root: &Path, preopen: Preopen) {
    let dir = match preopen {
        Preopen::Sandbox => root.join("sandbox"),
        Preopen::Root => root.to_path_buf(),
    };
    let dir = dir.to_str().expect("temporary paths are UTF-8");
    let ctx = WasiCtxBuilder::new()
        .args(["guest", "arg"])
        .env("KEY", "value")
        .capabilities(
            Capabilities::READ
                | Capabilities::WRITE
                | Capabilities::PATH
                | Capabilities::RANDOM
                | Capabilities::PROC,
        )
        .preopened_dir(dir, ".")
        .expect("the sandbox opens")
        .preopened_dir(dir, "/data")
        .expect("the sandbox opens")
        .build();
    let mut store = Store::new(&guest.engine, ctx);
    let instance = guest
        .linker
        .instantiate(&mut store, &guest.module)
        .expect("the guest instantiates");
    let memory = instance
        .get_memory(&store, "memory")
        .expect("memory export");

    let paths: [Vec<u8>; 4] = std::array::from_fn(|i| program.paths[i].bytes());
    let data = memory.data_mut(&mut store);
    let calls = &program.calls[..program.calls.len().min(layout::MAX_CALLS)];
    data[layout::COUNT as usize..][..4].copy_from_slice(&(calls.len() as u32).to_le_bytes());
    for (index, call) in calls.iter().enumerate() {
        let record = (layout::RECORDS + index as u32 * layout::RECORD) as usize;
        let function = call.function as usize % wasi::FUNCTIONS.len();
        data[record..][..4].copy_from_slice(&(function as u32).to_le_bytes());
        for (position, arg) in call.args.iter().enumerate() {
            let mut value = word(arg, &paths);
            if function == guest.allocate_index && position == 2 {
                value %= 1 << 20;
            }
            data[record + 8 + 8 * position..][..8].copy_from_slice(&value.to_le_bytes());
        }
    }
    for (i, path) in paths.iter().enumerate() {
        let at = (layout::PATHS + i as u32 * layout::PATH_SIZE) as usize;
        data[at..][..path.len()].copy_from_slice(path);
    }
    for i in 0..4u32 {
        let at = (layout::IOVS + 8 * i) as usize;
        let buf = layout::SCRATCH + i * 4096;
        data[at..][..4].copy_from_slice(&buf.to_le_bytes());
        data[at + 4..][..4].copy_from_slice(&(64u32 << i).to_le_bytes());
    }
    let scratch = &program.scratch[..program.scratch.len().min(layout::SCRATCH_SIZE as usize)];
    data[layout::SCRATCH as usize..][..scratch.len()].copy_from_slice(scratch);

    let run = instance
        .get_typed_func::<(), ()>(&store, "run")
        .expect("run export");
    // Traps (proc_exit, proc_raise) are the guest's business.
    let _ = run.call(&mut store, ());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(function: &str, args: Vec<Arg>) -> Call {
        let mut args = args.into_iter();
        Call {
            function: wasi::FUNCTIONS.iter().position(|f| *f == function).unwrap() as u8,
            args: std::array::from_fn(|_| args.next().unwrap_or(Arg::Small(0))),
        }
    }

    /// Opens `paths[0]` beneath fd 3 for writing (creating and truncating
    /// it), then writes the scratch bytes to the new descriptor (fd 5).
    fn overwrite(path: &str) -> Program {
        Program {
            paths: [
                PathChoice::Own(path.as_bytes().to_vec()),
                PathChoice::Known(0),
                PathChoice::Known(0),
                PathChoice::Known(0),
            ],
            calls: vec![
                call(
                    "path_open",
                    vec![
                        Arg::Fd(3),
                        Arg::Small(1),
                        Arg::PathPtr(0),
                        Arg::PathLen(0),
                        Arg::Small(1 | 8), // CREAT | TRUNC
                        Arg::Raw(u64::MAX),
                        Arg::Raw(u64::MAX),
                        Arg::Small(0),
                        Arg::Scratch(30000),
                    ],
                ),
                call(
                    "fd_write",
                    vec![Arg::Fd(5), Arg::Iovs, Arg::IovCount(1), Arg::Scratch(30004)],
                ),
            ],
            scratch: b"overwritten".to_vec(),
        }
    }

    #[test]
    fn the_guest_writes_inside_the_sandbox() {
        // Writing a file in the sandbox is allowed and is not an escape.
        let sandbox = run_program(&overwrite("new.txt"), Preopen::Sandbox);
        assert_eq!(
            sandbox.get(Path::new("new.txt")),
            Some(&Entry::File(
                b"overwritten".iter().copied().chain([0; 53]).collect()
            ))
        );
        run_program(&overwrite("../outside/secret"), Preopen::Sandbox);
        run_program(&overwrite("link_out/secret"), Preopen::Sandbox);
        run_program(&overwrite("abs_link"), Preopen::Sandbox);
    }

    #[test]
    #[should_panic(expected = "the guest escaped")]
    fn a_write_outside_is_caught() {
        // Given the root, the guest can reach outside/: the check must see it.
        run_program(&overwrite("outside/secret"), Preopen::Root);
    }

    #[test]
    fn arbitrary_programs_run() {
        for data in crate::pseudo_random_inputs(0x9e37_79b9_7f4a_7c15, 50, 4096) {
            run(&data);
        }
    }
}
