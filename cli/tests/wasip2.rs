//! WASI 0.2 end to end: the component guests of `tests/wasip2` (`probe`,
//! one subcommand per behaviour, and `hello`), built for `wasm32-wasip2`,
//! run by the `wisp` binary with the flags of the preview 1 suite
//! (`cli/tests/wasi.rs`), checking what they print, their exit status, and
//! that the sandbox refuses what it must.
//!
//! Every expected output is what wasmtime 49 prints for the same program
//! and flags (`tests/wasip2/compare.sh` runs both side by side). Where a
//! wisp flag has no wasmtime equivalent (`--sandbox`, `--allow-*`, wisp's
//! own limits' messages) the expectation is derived from the preview 1
//! suite, and the comment there says so. Errno values are wasi-libc's
//! (preview 1 numbering), into which it turns each WASI 0.2 `error-code`:
//! `not-permitted` is `EPERM` (63), the code WASI 0.2 gives both for a
//! path leaving its directory and, in wasmtime, for an operation a
//! preopen's permissions do not allow; it takes the place of preview 1's
//! `NOTCAPABLE` (76).
#![cfg(feature = "component")]

#[path = "../../tests/wasi/guest_build.rs"]
mod guest_build;
#[path = "support/run_wisp.rs"]
mod run_wisp;

use run_wisp::{ok, wisp, wisp_with};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The probe component's path as a string, or `None` to skip.
fn probe() -> Option<String> {
    guest_build::wasip2_guests().map(|(p, _)| p.display().to_string())
}

/// A fresh empty directory.
fn temp_dir(tag: &str) -> PathBuf {
    guest_build::temp_dir(&format!("wasip2-{tag}"))
}

/// `--dir` for `host` seen as `guest`.
fn dir_arg(host: &Path, guest: &str) -> String {
    format!("{}::{guest}", host.display())
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn hello_world_component() {
    let Some((_, hello)) = guest_build::wasip2_guests() else {
        return;
    };
    let hello = hello.display().to_string();
    let out = wisp(&[&hello]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "hello from wasip2\n");
    assert_eq!(out.stderr, "");
    assert_eq!(ok(wisp(&["run", &hello])), "hello from wasip2\n");
}

#[test]
fn stdin_stdout_stderr() {
    let Some(p) = probe() else { return };
    let out = wisp_with(&[&p, "stdio"], "hello pipe\n", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "stdin: HELLO PIPE\ndone\n");
    assert_eq!(out.stderr, "to stderr\n");
}

#[test]
fn arguments_start_with_the_program_name() {
    let Some(p) = probe() else { return };
    // argv[0] is the path as given (wasmtime: with `--argv0 PATH`; without
    // it wasmtime passes the file name alone).
    let out = ok(wisp(&[&p, "args", "one", "--two", "-3"]));
    assert_eq!(
        out,
        format!("arg: {p}\narg: args\narg: one\narg: --two\narg: -3\n")
    );
    // wisp's `--` (wasmtime hands a `--` after the program to the guest):
    // as in the preview 1 suite.
    let out = ok(wisp(&["run", &p, "--", "args", "-x"]));
    assert_eq!(out, format!("arg: {p}\narg: args\narg: -x\n"));
    let out = wisp(&[&p, "--bogus"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("--bogus"), "{}", out.stderr);
}

#[test]
fn environment_is_exactly_the_given_variables() {
    let Some(p) = probe() else { return };
    let env = [("WISP_HOST_VAR", "from-host")];
    let out = wisp_with(&["--env", "A=1", "--env", "B=x=y", &p, "env"], "", &env);
    assert_eq!(ok(out), "A=1\nB=x=y\n");
    let out = wisp_with(&[&p, "env"], "", &env);
    assert_eq!(ok(out), "");
    // --allow-all grants capabilities; the host's environment is not one
    // (no wasmtime equivalent: as in the preview 1 suite).
    let out = wisp_with(&["--allow-all", "--env", "A=1", &p, "env"], "", &env);
    assert_eq!(ok(out), "A=1\n");
    // --inherit-env (wasmtime's `-S inherit-env`) adds the host's
    // variables. An --env setting replaces the host's variable of the same
    // name, as in the preview 1 suite; wasmtime instead passes both, the
    // host's first (`WISP_HOST_VAR=from-host A=host-a A=2
    // WISP_HOST_VAR=mine`), so the guest's `getenv` sees the host's.
    let host = [("WISP_HOST_VAR", "from-host"), ("A", "host-a")];
    let args = [
        "--inherit-env",
        "--env",
        "A=2",
        "--env",
        "WISP_HOST_VAR=mine",
        &p,
    ];
    let mut with = args.to_vec();
    with.extend(["env-of", "A", "WISP_HOST_VAR"]);
    let out = ok(wisp_with(&with, "", &host));
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    assert_eq!(lines, ["A=2", "WISP_HOST_VAR=mine"], "{out}");
    let mut with = args.to_vec();
    with.push("env");
    let out = ok(wisp_with(&with, "", &host));
    assert!(out.lines().count() > 3, "the host's variables: {out}");
    let out = wisp(&["--env", "NOEQUALS", &p, "env"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("KEY=VALUE"), "{}", out.stderr);
}

#[test]
fn files_create_read_write_seek_truncate_rename_unlink() {
    let Some(p) = probe() else { return };
    let dir = temp_dir("files");
    let out = ok(wisp(&["--dir", &dir_arg(&dir, "/sb"), &p, "files", "/sb"]));
    // allocate: wasi-libc has no WASI 0.2 call for it (ENOTSUP, 58).
    // getfl: O_RDWR. write readonly: wasmtime grants `write-via-stream` on
    // a descriptor opened for reading and the write fails when flushed, a
    // stream error that wasi-libc reports as EIO (29).
    let expected = "\
read: hello world
pos: 11
seek+write: hello WASI!
from end: SI!
truncated: 5 hello
appended: hello again
allocate: 58 11
advise: 0 28
sync: 0 0
seek/tell: 10 10
bad whence: Err(28)
filestat: 0 regular true size 11
set size: 0
pwrite: 3
pread: 6 helxyz
pread past end: 0
getfl: 0x14000000
write readonly: Err(29)
renamed: false true
unlinked: false
open missing: NotFound Some(44)
";
    assert_eq!(out, expected);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn directories_links_and_readdir() {
    let Some(p) = probe() else { return };
    let dir = temp_dir("dirs");
    let d = dir_arg(&dir, "/sb");
    let out = ok(wisp(&["--dir", &d, &p, "dirs", "/sb"]));
    let expected = "\
list: f1 f2 x/
rmdir nonempty: Err(Some(55))
rmdir: false
unlink dir: Err(Some(31))
symlink: 0
readlink: f1
through link: one
is symlink: true
lstat: link true size 2; stat: regular true size 3
nlink: 2
hard content: two
is dir: true false
dir metadata: true false
removed: false
";
    assert_eq!(out, expected);
    let out = ok(wisp(&["--dir", &d, &p, "readdir", "/sb"]));
    assert_eq!(
        out,
        "std entries: 40\ndistinct: 40\nfirst: file-with-a-long-name-00 last: file-with-a-long-name-39\n\
         files 40 dirs 1\nempty after: 0\n"
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn timestamps() {
    let Some(p) = probe() else { return };
    let dir = temp_dir("times");
    let out = ok(wisp(&["--dir", &dir_arg(&dir, "/sb"), &p, "times", "/sb"]));
    // path times: utimensat sets the modification time (…890 s + 5 ns)
    // and leaves the access time. created: wasi-libc fills it from the
    // status-change time.
    assert_eq!(
        out,
        "fd times: true true\npath times: 0 true 5 true\nset now: 0 true true\ncreated: Ok(())\n"
    );
}

#[test]
fn clocks_random_and_poll() {
    let Some(p) = probe() else { return };
    // cputime: WASI 0.2 has no CPU-time clocks; wasi-libc says EINVAL.
    assert_eq!(
        ok(wisp(&[&p, "clocks"])),
        "realtime: true\nmonotonic: true true\nmonotonic advances: true\nrealtime agrees: true\n\
         res monotonic: 0 true\nres realtime: 0 true\ncputime: Err(28)\nthread cputime: Err(28)\n\
         bad clock: Err(28)\n"
    );
    // too long: getentropy refuses more than 256 bytes itself (EIO).
    assert_eq!(
        ok(wisp(&[&p, "random"])),
        "getentropy: 0 0\ndiffer: true\nfilled: 0 true\ntoo long: Err(29)\nhashmap: 1\n"
    );
    let out = ok(wisp_with(&[&p, "poll"], "x", &[]));
    assert_eq!(
        out,
        "sleep: true\ntimeout: 0 waited true\nstdin: 1 revents 1 quick true\nbadf: Err(8) revents 0\nyield: 0\n"
    );
}

#[test]
fn exit_codes() {
    let Some(p) = probe() else { return };
    // `wasi:cli/exit.exit` takes `result`: wasi-libc's `exit(n)` passes
    // `ok` for 0 and `err` for anything else, and the runtime exits with 1
    // (wasmtime: 0, 1, 1, 1). Preview 1 passed n through.
    for (code, status) in [(0, 0), (1, 1), (3, 1), (42, 1), (255, 1)] {
        let out = wisp(&[&p, "exit", &code.to_string()]);
        assert_eq!(out.code, status, "exit({code}): {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr, "");
    }
}

#[test]
fn panic_is_a_trap() {
    let Some(p) = probe() else { return };
    // A panic aborts: an `unreachable` trap. wisp exits 1 after a trap (as
    // in the preview 1 suite); wasmtime exits 134. Both print the guest's
    // panic message first.
    let out = wisp(&[&p, "panic"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("panicked at"), "{}", out.stderr);
    assert!(out.stderr.contains("boom"), "{}", out.stderr);
    assert!(out.stderr.contains("unreachable"), "{}", out.stderr);
}

/// A preopen with one readable file, for the capability probe.
fn caps_dir() -> PathBuf {
    let dir = temp_dir("caps");
    std::fs::write(dir.join("r.txt"), "r").unwrap();
    dir
}

/// The probe's capability line under `flags`, its environment line, and
/// what the preopen holds afterwards.
fn caps_line(p: &str, flags: &[&str]) -> (String, String, Vec<String>) {
    let dir = caps_dir();
    let d = dir_arg(&dir, ".");
    let mut args: Vec<&str> = flags.to_vec();
    args.extend(["--dir", &d, "--env", "GIVEN=g", p, "caps"]);
    let out = ok(wisp_with(&args, "", &[("WISP_HOST_VAR", "h")]));
    let mut lines = out.lines();
    let caps = lines.next().unwrap_or("").to_string();
    let env = lines.next().unwrap_or("").to_string();
    assert_eq!(lines.next(), Some("stdout works"), "{out}");
    assert_eq!(lines.next(), None, "{out}");
    (caps, env, listing(&dir))
}

#[test]
fn default_capabilities() {
    let Some(p) = probe() else { return };
    let (caps, env, left) = caps_line(&p, &[]);
    // stat=44: the file was unlinked just before.
    assert_eq!(caps, "read=0 write=0 mkdir=0 unlink=0 stat=44");
    assert_eq!(env, "env: host=<unset> given=g");
    assert_eq!(left, ["newdir", "w.txt"]);
}

// The capability flags have no wasmtime equivalent: these expectations are
// the preview 1 suite's with NOTCAPABLE (76) read as `not-permitted`
// (EPERM, 63), the error wasmtime gives for what a preopen's permissions
// do not allow. WASI 0.2's clocks, random and exit have no error to
// return, so only the file system is probed; `--allow-clock`,
// `--allow-random` and `--allow-proc` grant none of it. wasi-libc asks for
// `mutate-directory` with every open for writing: that is part of opening
// for writing (`--allow-write`), as `path_open` was in preview 1.

#[test]
fn sandbox_denies_every_file_capability() {
    let Some(p) = probe() else { return };
    let (caps, env, left) = caps_line(&p, &["--sandbox"]);
    assert_eq!(caps, "read=63 write=63 mkdir=63 unlink=63 stat=63");
    assert_eq!(env, "env: host=<unset> given=g");
    assert_eq!(left, ["r.txt"]);
}

#[test]
fn each_allow_flag_grants_only_its_capability() {
    let Some(p) = probe() else { return };
    let cases: [(&str, &str, &[&str]); 7] = [
        (
            "--allow-read",
            "read=0 write=63 mkdir=63 unlink=63 stat=0",
            &["r.txt"],
        ),
        (
            "--allow-write",
            "read=63 write=0 mkdir=63 unlink=63 stat=63",
            &["r.txt", "w.txt"],
        ),
        (
            "--allow-path",
            "read=63 write=63 mkdir=0 unlink=0 stat=63",
            &["newdir"],
        ),
        (
            "--allow-clock",
            "read=63 write=63 mkdir=63 unlink=63 stat=63",
            &["r.txt"],
        ),
        (
            "--allow-random",
            "read=63 write=63 mkdir=63 unlink=63 stat=63",
            &["r.txt"],
        ),
        (
            "--allow-proc",
            "read=63 write=63 mkdir=63 unlink=63 stat=63",
            &["r.txt"],
        ),
        (
            "--allow-all",
            "read=0 write=0 mkdir=0 unlink=0 stat=44",
            &["newdir", "w.txt"],
        ),
    ];
    for (flag, expected, left) in cases {
        let (caps, _, after) = caps_line(&p, &["--sandbox", flag]);
        assert_eq!(caps, expected, "{flag}");
        assert_eq!(after, left, "{flag}");
    }
    let (_, env, _) = caps_line(&p, &["--sandbox", "--inherit-env"]);
    assert_eq!(env, "env: host=h given=g");
    let (_, env, _) = caps_line(&p, &["--allow-all"]);
    assert_eq!(env, "env: host=<unset> given=g");
}

#[test]
fn without_a_preopen_there_is_no_file_system() {
    let Some(p) = probe() else { return };
    // wasi-libc finds no preopen for any path (ENOENT) and asks nothing.
    assert_eq!(
        ok(wisp(&[&p, "nopreopen"])),
        "absolute: Some(44)\nrelative: Some(44)\ndot: Some(44)\nroot: Some(44)\n\
         create: Err(Some(44))\nmkdir: Err(Some(44))\nread_dir: Err(Some(44))\n"
    );
    assert!(!Path::new("/tmp/wisp-wasip2-nopreopen").exists());
}

/// Builds the escape fixture: `root/` is preopened; things outside it must
/// stay out of reach.
#[cfg(unix)]
fn escape_fixture() -> PathBuf {
    use std::os::unix::fs::symlink;
    let top = temp_dir("escape");
    let root = top.join("root");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::create_dir_all(top.join("outside_dir")).unwrap();
    std::fs::write(top.join("secret.txt"), "secret").unwrap();
    std::fs::write(top.join("outside_dir/secret.txt"), "secret").unwrap();
    std::fs::write(root.join("inside.txt"), "inside").unwrap();
    symlink("../outside_dir", root.join("out_link")).unwrap();
    symlink("/etc", root.join("abs_link")).unwrap();
    symlink("../secret.txt", root.join("out_file_link")).unwrap();
    symlink("out_file_link", root.join("chain_link")).unwrap();
    symlink("sub/../inside.txt", root.join("in_link")).unwrap();
    top
}

#[cfg(unix)]
#[test]
fn every_escape_is_refused() {
    let Some(p) = probe() else { return };
    let top = escape_fixture();
    let root = top.join("root");
    let d = dir_arg(&root, ".");
    let out = ok(wisp(&["--allow-all", "--dir", &d, &p, "escape"]));
    // absolute: wasi-libc resolves an absolute path against the preopens'
    // names itself, so the runtime is asked for `etc/passwd` beneath the
    // preopen: ENOENT. link_follow_out: wasi-libc passes no follow flag to
    // `link-at`, so this hard-links the link itself, which still cannot be
    // followed out (link_follow_read). sub_dotdot: `..` from a descriptor
    // opened beneath the preopen leaves that descriptor's directory.
    let expected = "\
dotdot=63
deep=63
absolute=44
symlink_dir=63
symlink_abs=63
symlink_final=63
symlink_chain=63
rename_out=63
rename_via_link=63
link_out=63
link_follow_out=0
link_follow_read=63
symlink_abs_create=63
mkdir_out=63
mkdir_via_link=63
stat_out=63
unlink_out=63
unlink_via_link=63
create_through_link=63
sub_dotdot=63
inside_dotdot=0
inside_link=0
nofollow_link=32
";
    assert_eq!(out, expected);
    // Nothing outside changed.
    assert_eq!(listing(&top), ["outside_dir", "root", "secret.txt"]);
    assert_eq!(listing(&top.join("outside_dir")), ["secret.txt"]);
    assert_eq!(
        std::fs::read_to_string(top.join("secret.txt")).unwrap(),
        "secret"
    );
    assert_eq!(
        std::fs::read_to_string(top.join("outside_dir/secret.txt")).unwrap(),
        "secret"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("inside.txt")).unwrap(),
        "inside"
    );
    // Inside, only the hard link to the link was added.
    assert_eq!(
        listing(&root),
        [
            "abs_link",
            "chain_link",
            "in_link",
            "inside.txt",
            "out_file_link",
            "out_link",
            "stolen.txt",
            "sub"
        ]
    );
    let stolen = std::fs::symlink_metadata(root.join("stolen.txt")).unwrap();
    assert!(stolen.file_type().is_symlink());
    assert_eq!(
        std::fs::read_link(root.join("stolen.txt")).unwrap(),
        Path::new("../secret.txt")
    );
}

#[cfg(unix)]
#[test]
fn errno_values() {
    use std::os::unix::fs::symlink;
    let Some(p) = probe() else { return };
    let dir = caps_dir();
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink("self_link", dir.join("self_link")).unwrap();
    symlink("inside.txt", dir.join("rl")).unwrap();
    let d = dir_arg(&dir, ".");
    // seek stdout / seek dir: wasi-libc answers from its descriptor table
    // (a stream cannot seek: EINVAL; a directory "seeks" to 0). read
    // writeonly / write readonly: the stream is granted and the read or
    // write then fails, which wasi-libc reports as EIO (29).
    let out = ok(wisp(&["--dir", &d, &p, "errnos"]));
    let expected = "\
close badf: Err(8)
seek stdout: Err(28)
seek dir: Ok(0)
missing: Err(44)
notdir: Err(54)
exists: Err(20)
empty: Err(44)
loop: Err(32)
nofollow: Err(32)
read dir: Err(31)
write dir: Err(8)
open dir for writing: Err(31)
write readonly: Err(29)
read writeonly: Err(29)
rmdir file: Err(54)
readlink file: Err(28)
readlink short: Ok(3) ins
mkdir: Ok(0) Err(20)
unlink dir: Err(31)
rmdir nonempty: Err(55)
rmdir: Ok(0) Err(44)
rename missing: Err(44)
rename file over dir: Err(31)
link exists: Err(20)
symlink exists: Err(20)
";
    assert_eq!(out, expected);
    assert_eq!(listing(&dir), ["r.txt", "rl", "self_link", "sub"]);
    assert_eq!(std::fs::read_to_string(dir.join("r.txt")).unwrap(), "r");
}

#[test]
fn bad_guest_pointers_trap() {
    let Some(p) = probe() else { return };
    // A list argument out of the guest's memory: the canonical ABI refuses
    // to lift it and the run fails (preview 1 returned FAULT to the guest
    // instead). wasmtime: exit 1, "list pointer/length out of bounds of
    // memory".
    let out = wisp(&[&p, "fault"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "before\n");
    assert!(out.stderr.contains("out of bounds"), "{}", out.stderr);
}

// The limits: wasmtime's `-W fuel=N`, `-W max-memory-size=N` and
// `-W timeout=N` stop the same runs (exit 134 after the trap, 1 when
// instantiation fails); the messages are wisp's, as in the preview 1
// suite.

#[test]
fn fuel_exhaustion_traps() {
    let Some(p) = probe() else { return };
    let out = wisp(&["--fuel", "100000", &p, "spin"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stderr.contains("all fuel consumed"), "{}", out.stderr);
    // Enough fuel: the program finishes.
    assert_eq!(ok(wisp(&["--fuel", "100000000", &p, "exit", "0"])), "");
    // --sandbox meters 1e9 by default.
    let out = wisp(&["--sandbox", &p, "spin"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("fuel limit 1000000000"),
        "{}",
        out.stderr
    );
}

#[test]
fn max_memory_traps_cleanly() {
    let Some(p) = probe() else { return };
    let out = wisp(&["--max-memory", "16Mi", &p, "grow", "64"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("memory allocation of 67108864 bytes failed"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("unreachable"), "{}", out.stderr);
    assert_eq!(
        ok(wisp(&["--max-memory", "128Mi", &p, "grow", "64"])),
        "grew: 64\n"
    );
    // Under --sandbox the default is 256 MiB.
    let out = wisp(&["--sandbox", &p, "grow", "300"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("memory allocation of 314572800 bytes failed"),
        "{}",
        out.stderr
    );
    // Smaller than the component's initial memory (17 pages): instantiation
    // fails.
    let out = wisp(&["--max-memory", "1000", &p, "grow", "1"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("memory limit"), "{}", out.stderr);
}

#[test]
fn timeout_stops_an_infinite_loop() {
    let Some(p) = probe() else { return };
    let start = Instant::now();
    let out = wisp(&["--timeout", "200", &p, "spin"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("interrupted"), "{}", out.stderr);
    assert!(out.stderr.contains("--timeout 200 ms"), "{}", out.stderr);
    assert!(start.elapsed() < Duration::from_secs(20));
    // A program that finishes in time is unaffected.
    assert_eq!(
        ok(wisp(&["--timeout", "60000", &p, "args"])),
        format!("arg: {p}\narg: args\n")
    );
}

// Sockets (`wasi:sockets`) need `--allow-net`, which no other flag but
// `--allow-all` grants. Without it creating a socket is `access-denied`,
// which wasi-libc reports as EACCES (2), and a name lookup is refused:
// `net-denied` prints what wasmtime 49 prints without `-S
// inherit-network` (`compare.sh`'s `net-denied` scenario). wasmtime
// answers the lookup of `localhost` with an error of another kind
// (`Uncategorized`, with or without `-S inherit-network`, unless `-S
// allow-ip-name-lookup`); wisp's refusal is `access-denied`.

#[test]
fn sockets_are_denied_without_allow_net() {
    let Some(p) = probe() else { return };
    let denied = "connect: Err(Some(2))\nlisten: Err(Some(2))\n";
    assert_eq!(ok(wisp(&[&p, "net-denied"])), denied);
    assert_eq!(ok(wisp(&["--sandbox", &p, "net-denied"])), denied);
    for flag in [
        "--allow-read",
        "--allow-write",
        "--allow-path",
        "--allow-clock",
        "--allow-random",
        "--allow-proc",
    ] {
        assert_eq!(ok(wisp(&[flag, &p, "net-denied"])), denied, "{flag}");
    }
    // A numeric address needs no lookup (the standard library parses it);
    // a name does.
    assert_eq!(
        ok(wisp(&[&p, "lookup", "127.0.0.1", "localhost"])),
        "127.0.0.1: 127.0.0.1\nlocalhost: error PermissionDenied\n"
    );
}

// With `--allow-net` (wasmtime: `-S inherit-network`), `tcp-connect` and
// `udp` print what wasmtime 49 prints for the same peers. `localhost`
// resolves to 127.0.0.1 and ::1 here (wasmtime, with `-S
// allow-ip-name-lookup`, asks the host's resolver).

#[test]
fn tcp_client_connects_with_allow_net() {
    use std::io::{BufRead, BufReader, Read};
    let Some(p) = probe() else { return };
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        conn.write_all(format!("pong {line}").as_bytes()).unwrap();
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest).unwrap();
        conn.write_all(b"bye").unwrap();
        line
    });
    let addr = format!("127.0.0.1:{port}");
    let out = ok(wisp(&["--allow-net", &p, "tcp-connect", &addr]));
    assert_eq!(
        out,
        format!("peer: {addr}\nlocal loopback: true\nreply: pong ping\nrest: bye\n")
    );
    assert_eq!(server.join().unwrap(), "ping\n");
    // Without the flag the same program cannot even create the socket.
    assert_eq!(
        ok(wisp(&[&p, "tcp-connect", &addr])),
        "connect: Err(Some(2))\n"
    );
    // Name lookup resolves address literals and localhost.
    assert_eq!(
        ok(wisp(&["--allow-net", &p, "lookup", "localhost", "::1"])),
        "localhost: 127.0.0.1 ::1\n::1: ::1\n"
    );
}

#[test]
fn tcp_server_accepts_with_allow_net() {
    use std::io::{BufRead, BufReader, Read};
    let Some(p) = probe() else { return };
    let mut child = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(["--allow-net", &p, "tcp-serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wisp");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port: u16 = first
        .strip_prefix("port ")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no port: {first:?}"));
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    conn.write_all(b"hello\nworld\n").unwrap();
    conn.shutdown(std::net::Shutdown::Write).unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).unwrap();
    assert_eq!(answer, "HELLO\nWORLD\n");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(rest, "peer loopback: true\nclosed\n");
}

#[test]
fn udp_datagrams_with_allow_net() {
    let Some(p) = probe() else { return };
    let peer = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = peer.local_addr().unwrap().to_string();
    let echo = std::thread::spawn(move || {
        let mut got = Vec::new();
        let mut buf = [0u8; 64];
        for _ in 0..2 {
            let (n, from) = peer.recv_from(&mut buf).unwrap();
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            peer.send_to(text.to_uppercase().as_bytes(), from).unwrap();
            got.push(text);
        }
        got
    });
    let out = ok(wisp(&["--allow-net", &p, "udp", &addr]));
    assert_eq!(
        out,
        format!("bound loopback: true\nreply: PING from {addr}\nconnected reply: AGAIN\n")
    );
    assert_eq!(echo.join().unwrap(), ["ping", "again"]);
}
