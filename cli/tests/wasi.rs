//! WASI end to end: real guests (the Rust `probe` in `tests/wasi`, built for
//! `wasm32-wasip1`, and a C program built with clang) run by the `wisp`
//! binary, checking what they print, their exit status, and that the
//! sandbox refuses what it must.
#![cfg(feature = "wasi")]

#[path = "../../tests/wasi/guest_build.rs"]
mod guest_build;
#[path = "support/run_wisp.rs"]
mod run_wisp;

use run_wisp::{ok, wisp, wisp_with};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The probe's path as a string, or `None` to skip.
fn probe() -> Option<String> {
    guest_build::probe().map(|p| p.display().to_string())
}

/// A fresh empty directory.
fn temp_dir(tag: &str) -> PathBuf {
    guest_build::temp_dir(&format!("wasi-{tag}"))
}

/// `--dir` for `host` seen as `guest`.
fn dir_arg(host: &Path, guest: &str) -> String {
    format!("{}::{guest}", host.display())
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
    let out = ok(wisp(&[&p, "args", "one", "--two", "-3"]));
    assert_eq!(
        out,
        format!("arg: {p}\narg: args\narg: one\narg: --two\narg: -3\n")
    );
    // `--` lets the first guest argument start with `-`; without it, it is
    // an unknown option.
    let out = ok(wisp(&["run", &p, "--", "args", "-x"]));
    assert!(out.ends_with("arg: args\narg: -x\n"), "{out}");
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
    // --allow-all grants capabilities; the host's environment is not one.
    let out = wisp_with(&["--allow-all", "--env", "A=1", &p, "env"], "", &env);
    assert_eq!(ok(out), "A=1\n");
    let out = wisp_with(&["--allow-all", &p, "env"], "", &env);
    assert_eq!(ok(out), "");
    // --inherit-env adds the host's; an --env setting wins over it.
    let out = ok(wisp_with(
        &[
            "--inherit-env",
            "--env",
            "A=2",
            "--env",
            "WISP_HOST_VAR=mine",
            &p,
            "env",
        ],
        "",
        &[("WISP_HOST_VAR", "from-host"), ("A", "host-a")],
    ));
    assert!(out.contains("WISP_HOST_VAR=mine\n"), "{out}");
    assert!(!out.contains("from-host"), "{out}");
    assert!(out.contains("A=2\n") && !out.contains("host-a"), "{out}");
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
    let expected = "\
read: hello world
pos: 11
seek+write: hello WASI!
from end: SI!
truncated: 5 hello
appended: hello again
allocate: 0 4096
advise: 0 28
sync: 0 0
seek/tell: 0 0 10 10
bad whence: 28
set append: 0
fdstat: type 4 flags 1
filestat: 0 type 4
set size: 0
raw pwrite: 0 3
raw pread: 0 6 helxyz
shrink rights: 0
write without right: 76
grow rights: 76
renumber: 0 8
renumbered size: 6
close: 0 8
renamed: false true
unlinked: false
open missing: NotFound
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
rmdir nonempty: true
rmdir: false
unlink dir: Err(Some(31))
symlink: 0
readlink: f1
through link: one
is symlink: true
nlink: 2
is dir: true false
removed: false
";
    assert_eq!(out, expected);
    let out = ok(wisp(&["--dir", &d, &p, "readdir", "/sb"]));
    assert_eq!(
        out,
        "paged entries: 40\nfirst: file-with-a-long-name-00 last: file-with-a-long-name-39\nstd entries: 40\n"
    );
}

#[test]
fn timestamps() {
    let Some(p) = probe() else { return };
    let dir = temp_dir("times");
    let out = ok(wisp(&["--dir", &dir_arg(&dir, "/sb"), &p, "times", "/sb"]));
    assert_eq!(
        out,
        "fd times: true true\npath times: 0 0 true true\nboth now and set: 28\nset now: 0 true\ncreated: true\n"
    );
}

#[test]
fn clocks_random_and_poll() {
    let Some(p) = probe() else { return };
    assert_eq!(
        ok(wisp(&[&p, "clocks"])),
        "realtime: true\nmonotonic: true true\nres: 0 true\ncputime: 0 true\nthread cputime: 0\nbad clock: 28\n"
    );
    assert_eq!(
        ok(wisp(&[&p, "random"])),
        "random_get: 0 0\ndiffer: true\nhashmap: 1\n"
    );
    let out = ok(wisp_with(&[&p, "poll"], "x", &[]));
    assert_eq!(
        out,
        "sleep: true\nclock: 0 1 userdata 7 type 0 waited true\n\
         stdin: 0 1 userdata 2 type 1 error 0 quick true\nbadf: 0 1 error 8\nnone: 28\nyield: 0\n"
    );
}

#[test]
fn exit_codes() {
    let Some(p) = probe() else { return };
    for code in [0, 3, 42, 255] {
        let out = wisp(&[&p, "exit", &code.to_string()]);
        assert_eq!(out.code, code, "{}", out.stderr);
        assert_eq!(out.stderr, "");
    }
    // A panic aborts: an `unreachable` trap, exit 1, message and backtrace.
    let out = wisp(&[&p, "panic"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("boom"), "{}", out.stderr);
    assert!(out.stderr.contains("trap: unreachable"), "{}", out.stderr);
    assert!(out.stderr.contains("\n  at "), "{}", out.stderr);
    assert!(out.stderr.contains("_start"), "{}", out.stderr);
}

/// A preopen with one readable file, for the capability probe.
fn caps_dir() -> PathBuf {
    let dir = temp_dir("caps");
    std::fs::write(dir.join("r.txt"), "r").unwrap();
    dir
}

/// The probe's capability line under `flags`.
fn caps_line(p: &str, flags: &[&str]) -> (String, String) {
    let dir = caps_dir();
    let d = dir_arg(&dir, ".");
    let mut args: Vec<&str> = flags.to_vec();
    args.extend(["--dir", &d, "--env", "GIVEN=g", p, "caps"]);
    let out = ok(wisp_with(&args, "", &[("WISP_HOST_VAR", "h")]));
    let mut lines = out.lines();
    let caps = lines.next().unwrap_or("").to_string();
    let env = lines.next().unwrap_or("").to_string();
    assert_eq!(lines.next(), Some("stdout works"));
    (caps, env)
}

#[test]
fn default_capabilities() {
    let Some(p) = probe() else { return };
    let (caps, env) = caps_line(&p, &[]);
    // stat=44: the file was unlinked just before.
    assert_eq!(
        caps,
        "clock=0 random=0 read=0 write=0 mkdir=0 unlink=0 stat=44 proc=0 sleep=0 prestat=0"
    );
    assert_eq!(env, "env: host=<unset> given=g");
}

#[test]
fn sandbox_denies_every_capability() {
    let Some(p) = probe() else { return };
    let (caps, env) = caps_line(&p, &["--sandbox"]);
    assert_eq!(
        caps,
        "clock=76 random=76 read=76 write=76 mkdir=76 unlink=76 stat=76 proc=76 sleep=76 prestat=0"
    );
    assert_eq!(env, "env: host=<unset> given=g");
}

#[test]
fn each_allow_flag_grants_only_its_capability() {
    let Some(p) = probe() else { return };
    let cases: [(&str, &str); 7] = [
        (
            "--allow-read",
            "clock=76 random=76 read=0 write=76 mkdir=76 unlink=76 stat=0 proc=76 sleep=76",
        ),
        (
            "--allow-write",
            "clock=76 random=76 read=76 write=0 mkdir=76 unlink=76 stat=76 proc=76 sleep=76",
        ),
        (
            "--allow-path",
            "clock=76 random=76 read=76 write=76 mkdir=0 unlink=0 stat=76 proc=76 sleep=76",
        ),
        (
            "--allow-clock",
            "clock=0 random=76 read=76 write=76 mkdir=76 unlink=76 stat=76 proc=76 sleep=0",
        ),
        (
            "--allow-random",
            "clock=76 random=0 read=76 write=76 mkdir=76 unlink=76 stat=76 proc=76 sleep=76",
        ),
        (
            "--allow-proc",
            "clock=76 random=76 read=76 write=76 mkdir=76 unlink=76 stat=76 proc=0 sleep=76",
        ),
        (
            "--allow-all",
            "clock=0 random=0 read=0 write=0 mkdir=0 unlink=0 stat=44 proc=0 sleep=0",
        ),
    ];
    for (flag, expected) in cases {
        let (caps, _) = caps_line(&p, &["--sandbox", flag]);
        assert_eq!(caps, format!("{expected} prestat=0"), "{flag}");
    }
    let (_, env) = caps_line(&p, &["--sandbox", "--inherit-env"]);
    assert_eq!(env, "env: host=h given=g");
    let (_, env) = caps_line(&p, &["--allow-all"]);
    assert_eq!(env, "env: host=<unset> given=g");
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
    let d = dir_arg(&top.join("root"), ".");
    let out = ok(wisp(&["--allow-all", "--dir", &d, &p, "escape"]));
    let expected = "\
dotdot=76
deep=76
absolute=76
symlink_dir=76
symlink_abs=76
symlink_final=76
symlink_chain=76
rename_out=76
rename_via_link=76
link_out=76
link_follow_out=76
symlink_abs_create=76
mkdir_out=76
stat_out=76
unlink_out=76
create_through_link=76
inside_dotdot=0
inside_link=0
nofollow_link=32
";
    assert_eq!(out, expected);
    // Nothing outside changed.
    let mut outside: Vec<String> = std::fs::read_dir(&top)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    outside.sort();
    assert_eq!(outside, ["outside_dir", "root", "secret.txt"]);
    assert_eq!(
        std::fs::read_dir(top.join("outside_dir")).unwrap().count(),
        1
    );
    assert!(top.join("root/inside.txt").exists());
}

#[cfg(unix)]
#[test]
fn errno_values() {
    use std::os::unix::fs::symlink;
    let Some(p) = probe() else { return };
    let dir = caps_dir();
    symlink("self_link", dir.join("self_link")).unwrap();
    symlink("inside.txt", dir.join("rl")).unwrap();
    let d = dir_arg(&dir, ".");
    // Stdout is a pipe here, so seeking it is ESPIPE (70).
    let out = ok(wisp(&["--dir", &d, &p, "errnos"]));
    let expected = "\
close badf: 8
prestat stdin: 8
prestat name short: 37
seek stdout: 70
seek dir: 8
missing: 44
notdir: 54
exists: 20
empty: 44
loop: 32
read dir: 76
write readonly: 76
rmdir file: 54
readlink file: 28
readlink short: 0 3 ins
mkdir: 0 20
unlink dir: 31
rmdir: 0 44
accept notsock: 57
shutdown notsock: 57
recv notsock: 57
send notsock: 57
raise bad: 28
";
    assert_eq!(out, expected);
}

#[test]
fn bad_guest_pointers_are_fault() {
    let Some(p) = probe() else { return };
    let dir = temp_dir("fault");
    let d = dir_arg(&dir, ".");
    assert_eq!(
        ok(wisp(&["--dir", &d, &p, "fault"])),
        "fault: 21 21 21 21 21 21\n"
    );
}

#[test]
fn fuel_exhaustion_traps() {
    let Some(p) = probe() else { return };
    let out = wisp(&["--fuel", "100000", &p, "spin"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stderr.contains("all fuel consumed"), "{}", out.stderr);
    assert!(out.stderr.contains("\n  at "), "{}", out.stderr);
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
    assert!(out.stderr.contains("trap: unreachable"), "{}", out.stderr);
    assert_eq!(
        ok(wisp(&["--max-memory", "128Mi", &p, "grow", "64"])),
        "grew: 64\n"
    );
    // Under --sandbox the default is 256 MiB.
    let out = wisp(&["--sandbox", &p, "grow", "300"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // Smaller than the module's initial memory: instantiation fails.
    let out = wisp(&["--max-memory", "1000", &p, "grow", "1"]);
    assert_eq!(out.code, 1);
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
        ok(wisp(&["--timeout", "60000", &p, "args"]))
            .lines()
            .count(),
        2
    );
}

#[test]
fn c_program_with_wasi_libc() {
    let Some(c) = guest_build::c_program() else {
        return;
    };
    let c = c.display().to_string();
    let dir = temp_dir("c");
    let d = dir_arg(&dir, "/d");
    let out = wisp_with(
        &["--env", "GREETING=hi", "--dir", &d, &c, "/d", "x"],
        "",
        &[],
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "argc=3 /d x\nGREETING=hi\nread back: written by C\nsize=13 regular=1\n\
         listed c.txt: 1\noutside: fd=-1 refused\ntime ok: 1\n"
    );
    assert_eq!(out.stderr, "C stderr\n");
}

/// Writes a text module to a temp file.
fn wat_file(tag: &str, text: &str) -> String {
    let path = temp_dir(tag).join("m.wat");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn link_registers_another_module() {
    let lib = wat_file(
        "lib",
        r#"(module (func (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
                  (global (export "base") i32 (i32.const 100)))"#,
    );
    let main = wat_file(
        "main",
        r#"(module (import "lib" "double" (func $d (param i32) (result i32)))
                  (import "lib" "base" (global $b i32))
                  (func (export "f") (param i32) (result i32) local.get 0 call $d global.get $b i32.add))"#,
    );
    let link = format!("lib={lib}");
    assert_eq!(
        ok(wisp(&["--link", &link, &main, "--invoke", "f", "21"])),
        "142\n"
    );
    let out = wisp(&["--link", "nofile", &main, "--invoke", "f", "1"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("NAME=FILE"), "{}", out.stderr);
    let out = wisp(&[&main, "--invoke", "f", "1"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("unknown import"), "{}", out.stderr);
}

#[test]
fn batch_reads_invocations_from_stdin() {
    let m = wat_file(
        "batch",
        r#"(module (global $n (mut i32) (i32.const 0))
                  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                  (func (export "count") (result i32) global.get $n i32.const 1 i32.add global.set $n global.get $n)
                  (func (export "pair") (result i32 i64) i32.const 1 i64.const -2)
                  (func (export "none"))
                  (func (export "trap") unreachable))"#,
    );
    let input = "add 1 2\n# comment\n\ncount\ncount\npair\nnone\nadd -5 3\n";
    let out = wisp_with(&["--batch", &m], input, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "3\n1\n2\n1 -2\n\n-2\n");
    // A failing line reports and the rest still runs; the status is 1.
    let out = wisp_with(&["--batch", &m], "trap\nnope\nadd 1\nadd 2 2\n", &[]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "4\n");
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        3,
        "{}",
        out.stderr
    );
}

#[test]
fn tinygo_style_invoke_with_wasi_imports() {
    // A module importing WASI can be invoked directly.
    let m = wat_file(
        "wasi-invoke",
        r#"(module (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "hi\n")
                  (func (export "say") (result i32)
                    (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 3))
                    (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))"#,
    );
    assert_eq!(ok(wisp(&[&m, "--invoke", "say"])), "hi\n0\n");
}

#[test]
fn dir_errors_are_one_line() {
    let m = wat_file("dir-err", "(module)");
    let out = wisp(&["--dir", "/definitely/not/here", &m]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("/definitely/not/here"),
        "{}",
        out.stderr
    );
}
