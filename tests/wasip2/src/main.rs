//! `probe` for WASI 0.2: one component with a subcommand per behaviour the
//! tests check (`probe files /dir`, `probe caps`, ...), the counterpart of
//! the preview 1 probe in `tests/wasi` with the same subcommand names.
//! Output is line-oriented and deterministic so tests can compare it
//! exactly. Errno values are wasi-libc's (see `libc.rs`): under
//! `wasm32-wasip2` wasi-libc turns each `wasi:filesystem` `error-code`
//! into one.

mod libc;

use libc::{c, e};
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cmd = args.get(1).map(String::as_str).unwrap_or("");
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match cmd {
        "stdio" => stdio(),
        "args" => args.iter().for_each(|a| println!("arg: {a}")),
        "env" => {
            let mut vars: Vec<(String, String)> = std::env::vars().collect();
            vars.sort();
            vars.iter().for_each(|(k, v)| println!("{k}={v}"));
        }
        // Every entry of the environment named on the command line, in
        // order, duplicates included.
        "env-of" => std::env::vars()
            .filter(|(k, _)| args[2..].contains(k))
            .for_each(|(k, v)| println!("{k}={v}")),
        "files" => files(Path::new(&arg(2))),
        "dirs" => dirs(Path::new(&arg(2))),
        "times" => times(Path::new(&arg(2))),
        "readdir" => readdir(Path::new(&arg(2))),
        "clocks" => clocks(),
        "random" => random(),
        "poll" => poll(),
        "exit" => std::process::exit(arg(2).parse().unwrap()),
        "panic" => panic!("boom"),
        "caps" => caps(),
        "escape" => escape(),
        "nopreopen" => nopreopen(),
        "errnos" => errnos(),
        "fault" => fault(),
        "spin" => spin(),
        "grow" => grow(arg(2).parse().unwrap()),
        "net-denied" => net_denied(),
        "tcp-connect" => tcp_connect(&arg(2)),
        "tcp-serve" => tcp_serve(),
        "lookup" => lookup(&args[2..]),
        "udp" => udp(&arg(2)),
        other => {
            eprintln!("unknown subcommand `{other}`");
            std::process::exit(2);
        }
    }
}

fn stdio() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    println!("stdin: {}", input.trim_end().to_uppercase());
    eprintln!("to stderr");
    std::io::stdout().flush().unwrap();
    println!("done");
}

/// `path` as a string, for the libc calls.
fn s(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

fn files(dir: &Path) {
    let a = dir.join("a.txt");
    fs::write(&a, "hello world").unwrap();
    println!("read: {}", fs::read_to_string(&a).unwrap());

    let mut f = OpenOptions::new().read(true).write(true).open(&a).unwrap();
    f.seek(SeekFrom::Start(6)).unwrap();
    f.write_all(b"WASI!").unwrap();
    println!("pos: {}", f.stream_position().unwrap());
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    println!("seek+write: {s}");
    f.seek(SeekFrom::End(-3)).unwrap();
    let mut tail = String::new();
    f.read_to_string(&mut tail).unwrap();
    println!("from end: {tail}");

    f.set_len(5).unwrap();
    println!(
        "truncated: {} {}",
        f.metadata().unwrap().len(),
        fs::read_to_string(&a).unwrap()
    );
    drop(f);

    let mut app = OpenOptions::new().append(true).open(&a).unwrap();
    app.write_all(b" again").unwrap();
    drop(app);
    println!("appended: {}", fs::read_to_string(&a).unwrap());

    let f = OpenOptions::new().read(true).write(true).open(&a).unwrap();
    let fd = f.as_raw_fd();
    unsafe {
        println!(
            "allocate: {} {}",
            libc::posix_fallocate(fd, 0, 4096),
            f.metadata().unwrap().len()
        );
        println!(
            "advise: {} {}",
            libc::posix_fadvise(fd, 0, 100, libc::POSIX_FADV_SEQUENTIAL),
            libc::posix_fadvise(fd, 0, 100, 9)
        );
        println!("sync: {} {}", e(libc::fsync(fd)), e(libc::fdatasync(fd)));
        let pos = libc::lseek(fd, 10, libc::SEEK_SET);
        let tell = libc::lseek(fd, 0, libc::SEEK_CUR);
        println!("seek/tell: {pos} {tell}");
        println!("bad whence: {:?}", libc::res(libc::lseek(fd, 0, 7)));
        let mut st = libc::stat::default();
        let r = e(libc::fstat(fd, &mut st));
        println!(
            "filestat: {r} regular {} size {}",
            st.st_mode & libc::S_IFMT == libc::S_IFREG,
            st.st_size
        );
        println!("set size: {}", e(libc::ftruncate(fd, 3)));
        let n = libc::pwrite(fd, b"xyz".as_ptr(), 3, 3);
        println!("pwrite: {n}");
        let mut rb = [0u8; 16];
        let n = libc::pread(fd, rb.as_mut_ptr(), 16, 0);
        println!(
            "pread: {n} {}",
            String::from_utf8_lossy(&rb[..n.max(0) as usize])
        );
        let n = libc::pread(fd, rb.as_mut_ptr(), 16, 100);
        println!("pread past end: {n}");
        println!("getfl: {:#x}", libc::fcntl(fd, libc::F_GETFL));
    }
    drop(f);
    // A file opened for reading only cannot be written.
    let r = File::open(&a).unwrap();
    let w = unsafe { libc::write(r.as_raw_fd(), b"x".as_ptr(), 1) };
    println!("write readonly: {:?}", libc::res(w as i64));
    drop(r);

    let b = dir.join("b.txt");
    fs::rename(&a, &b).unwrap();
    println!("renamed: {} {}", a.exists(), b.exists());
    fs::remove_file(&b).unwrap();
    println!("unlinked: {}", b.exists());
    let err = File::open(&b).unwrap_err();
    println!("open missing: {:?} {:?}", err.kind(), err.raw_os_error());
}

fn dirs(dir: &Path) {
    let d = dir.join("d");
    fs::create_dir_all(d.join("x/y")).unwrap();
    fs::write(d.join("f1"), "one").unwrap();
    fs::write(d.join("f2"), "two").unwrap();
    let mut names: Vec<String> = fs::read_dir(&d)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let kind = if e.file_type().unwrap().is_dir() {
                "/"
            } else {
                ""
            };
            format!("{}{kind}", e.file_name().to_string_lossy())
        })
        .collect();
    names.sort();
    println!("list: {}", names.join(" "));
    println!(
        "rmdir nonempty: {:?}",
        fs::remove_dir(d.join("x")).map_err(|e| e.raw_os_error())
    );
    fs::remove_dir(d.join("x/y")).unwrap();
    println!("rmdir: {}", d.join("x/y").exists());
    println!(
        "unlink dir: {:?}",
        fs::remove_file(d.join("x")).map_err(|e| e.raw_os_error())
    );
    let dfd = libc::open_path(&s(&d), libc::O_RDONLY | libc::O_DIRECTORY).unwrap();
    let (t, l) = (c("f1"), c("link"));
    println!(
        "symlink: {}",
        e(unsafe { libc::symlinkat(t.as_ptr().cast(), dfd, l.as_ptr().cast()) })
    );
    println!(
        "readlink: {}",
        fs::read_link(d.join("link")).unwrap().display()
    );
    println!(
        "through link: {}",
        fs::read_to_string(d.join("link")).unwrap()
    );
    println!(
        "is symlink: {}",
        fs::symlink_metadata(d.join("link"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let st = libc::stat_at(dfd, "link", libc::AT_SYMLINK_NOFOLLOW).unwrap();
    let followed = libc::stat_at(dfd, "link", 0).unwrap();
    println!(
        "lstat: link {} size {}; stat: regular {} size {}",
        st.st_mode & libc::S_IFMT == libc::S_IFLNK,
        st.st_size,
        followed.st_mode & libc::S_IFMT == libc::S_IFREG,
        followed.st_size
    );
    fs::hard_link(d.join("f2"), d.join("hard")).unwrap();
    let st = libc::stat_at(dfd, "f2", 0).unwrap();
    println!("nlink: {}", st.st_nlink);
    println!(
        "hard content: {}",
        fs::read_to_string(d.join("hard")).unwrap()
    );
    println!("is dir: {} {}", d.join("x").is_dir(), d.join("f1").is_dir());
    let md = fs::metadata(&d).unwrap();
    println!("dir metadata: {} {}", md.is_dir(), md.is_file());
    unsafe { libc::close(dfd) };
    fs::remove_dir_all(&d).unwrap();
    println!("removed: {}", d.exists());
}

fn readdir(dir: &Path) {
    let d = dir.join("many");
    fs::create_dir_all(&d).unwrap();
    for i in 0..40 {
        fs::write(d.join(format!("file-with-a-long-name-{i:02}")), "").unwrap();
    }
    let mut names: Vec<String> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    println!("std entries: {}", names.len());
    names.sort();
    names.dedup();
    println!("distinct: {}", names.len());
    println!("first: {} last: {}", names[0], names[names.len() - 1]);
    fs::create_dir(d.join("sub")).unwrap();
    let kinds = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_type().unwrap())
        .fold((0, 0), |(f, dd), t| {
            (f + t.is_file() as u32, dd + t.is_dir() as u32)
        });
    println!("files {} dirs {}", kinds.0, kinds.1);
    fs::remove_dir_all(&d).unwrap();
    println!("empty after: {}", fs::read_dir(dir).unwrap().count());
}

fn times(dir: &Path) {
    let p = dir.join("t.txt");
    fs::write(&p, "t").unwrap();
    let m = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let a = UNIX_EPOCH + Duration::from_secs(1_100_000_000);
    let f = OpenOptions::new().write(true).open(&p).unwrap();
    f.set_times(fs::FileTimes::new().set_modified(m).set_accessed(a))
        .unwrap();
    let md = fs::metadata(&p).unwrap();
    println!(
        "fd times: {} {}",
        md.modified().unwrap() == m,
        md.accessed().unwrap() == a
    );
    let dfd = libc::open_path(&s(dir), libc::O_RDONLY | libc::O_DIRECTORY).unwrap();
    let name = c("t.txt");
    unsafe {
        // Only the modification time; the access time stays.
        let ts = [
            libc::timespec {
                tv_sec: 0,
                tv_nsec: libc::UTIME_OMIT,
            },
            libc::timespec {
                tv_sec: 1_234_567_890,
                tv_nsec: 5,
            },
        ];
        let r = e(libc::utimensat(dfd, name.as_ptr().cast(), ts.as_ptr(), 0));
        let st = libc::stat_at(dfd, "t.txt", 0).unwrap();
        println!(
            "path times: {r} {} {} {}",
            st.st_mtim.tv_sec == 1_234_567_890,
            st.st_mtim.tv_nsec,
            st.st_atim.tv_sec == 1_100_000_000
        );
        let ts = [
            libc::timespec {
                tv_sec: 0,
                tv_nsec: libc::UTIME_OMIT,
            },
            libc::timespec {
                tv_sec: 0,
                tv_nsec: libc::UTIME_NOW,
            },
        ];
        let r = e(libc::futimens(f.as_raw_fd(), ts.as_ptr()));
        let now = SystemTime::now();
        let md = fs::metadata(&p).unwrap();
        let age = now
            .duration_since(md.modified().unwrap())
            .unwrap_or_default();
        println!(
            "set now: {r} {} {}",
            age < Duration::from_secs(60),
            md.accessed().unwrap() == a
        );
        libc::close(dfd);
    }
    let created = fs::metadata(&p).unwrap().created();
    println!("created: {:?}", created.map(|_| ()).map_err(|e| e.kind()));
    fs::remove_file(&p).unwrap();
}

fn clocks() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    println!("realtime: {}", now.as_secs() > 1_600_000_000);
    let a = Instant::now();
    let mut x = 0u64;
    for i in 0..100_000u64 {
        x = x.wrapping_add(std::hint::black_box(i));
    }
    let b = Instant::now();
    println!("monotonic: {} {}", b >= a, x > 0);
    unsafe {
        let m1 = libc::clock_ns(&libc::_CLOCK_MONOTONIC).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        let m2 = libc::clock_ns(&libc::_CLOCK_MONOTONIC).unwrap();
        println!("monotonic advances: {}", m2 - m1 >= 5_000_000);
        let rt = libc::clock_ns(&libc::_CLOCK_REALTIME).unwrap();
        let sys = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        println!(
            "realtime agrees: {}",
            (sys.as_nanos() as i64 - rt).abs() < 10_000_000_000
        );
        let mut res = libc::timespec::default();
        let r = e(libc::clock_getres(&libc::_CLOCK_MONOTONIC, &mut res));
        println!("res monotonic: {r} {}", res.tv_sec == 0 && res.tv_nsec > 0);
        let r = e(libc::clock_getres(&libc::_CLOCK_REALTIME, &mut res));
        println!("res realtime: {r} {}", res.tv_sec == 0 && res.tv_nsec > 0);
        println!(
            "cputime: {:?}",
            libc::clock_ns(&libc::_CLOCK_PROCESS_CPUTIME_ID).map(|_| ())
        );
        println!(
            "thread cputime: {:?}",
            libc::clock_ns(&libc::_CLOCK_THREAD_CPUTIME_ID).map(|_| ())
        );
        static BOGUS: u8 = 0;
        let bogus = &BOGUS as *const u8 as *const libc::clockid;
        let mut t = libc::timespec::default();
        println!(
            "bad clock: {:?}",
            libc::res(libc::clock_gettime(bogus, &mut t))
        );
    }
}

fn random() {
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    unsafe {
        println!(
            "getentropy: {} {}",
            libc::getentropy(a.as_mut_ptr(), 32),
            libc::getentropy(b.as_mut_ptr(), 32)
        );
    }
    println!("differ: {}", a != b && a.iter().any(|&x| x != 0));
    // The whole buffer is filled: its last 16 bytes are not all zero
    // (a chance of 2^-128 of a false failure).
    let mut big = [0u8; 256];
    let r = unsafe { libc::getentropy(big.as_mut_ptr(), 256) };
    println!("filled: {r} {}", big[240..].iter().any(|&x| x != 0));
    let mut over = [0u8; 257];
    let r = unsafe { libc::getentropy(over.as_mut_ptr(), 257) };
    println!("too long: {:?}", libc::res(r));
    let mut m = HashMap::new();
    m.insert("k", 1);
    println!("hashmap: {}", m["k"]);
}

fn poll() {
    let t = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    println!("sleep: {}", t.elapsed() >= Duration::from_millis(50));

    // No descriptors: a plain timeout.
    let t = Instant::now();
    let n = unsafe { libc::poll(std::ptr::null_mut(), 0, 30) };
    println!(
        "timeout: {n} waited {}",
        t.elapsed() >= Duration::from_millis(30)
    );

    // Stdin (the test pipes data in) with a long timeout: ready at once.
    let mut fds = [libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    }];
    let t = Instant::now();
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 10_000) };
    println!(
        "stdin: {n} revents {} quick {}",
        fds[0].revents,
        t.elapsed() < Duration::from_secs(5)
    );

    // A bad descriptor.
    let mut fds = [libc::pollfd {
        fd: 99,
        events: libc::POLLIN,
        revents: 0,
    }];
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    println!("badf: {:?} revents {}", libc::res(n), fds[0].revents);
    println!("yield: {}", unsafe { libc::sched_yield() });
}

/// One line with the errno of a call per file-system capability, each
/// on the preopen `.` itself (as preview 1's `caps` used descriptor 3).
/// WASI 0.2 has no error for a clock, random or process call, so only the
/// file system is probed here.
fn caps() {
    let r = root();
    let read = libc::try_open_at(r, "r.txt", libc::O_RDONLY);
    let write = libc::try_open_at(r, "w.txt", libc::O_WRONLY | libc::O_CREAT);
    let mk = c("newdir");
    let mkdir = e(unsafe { libc::mkdirat(r, mk.as_ptr().cast(), 0o755) });
    let name = c("r.txt");
    let unlink = e(unsafe { libc::unlinkat(r, name.as_ptr().cast(), 0) });
    let stat = libc::stat_at(r, "r.txt", 0).err().unwrap_or(0);
    println!("read={read} write={write} mkdir={mkdir} unlink={unlink} stat={stat}");
    let host = std::env::var("WISP_HOST_VAR").unwrap_or_else(|_| "<unset>".into());
    let given = std::env::var("GIVEN").unwrap_or_else(|_| "<unset>".into());
    println!("env: host={host} given={given}");
    println!("stdout works");
}

/// wasi-libc's descriptor for the preopen `.` (the directory handle the
/// runtime gave, not a descriptor opened from it).
fn root() -> libc::c_int {
    libc::preopen(".").expect("a preopen `.`")
}

/// Tries to leave the preopen `.` every way there is; prints the errno of
/// each attempt. The calls are the `*at` functions on the preopen's
/// descriptor, so the path reaches the runtime as written (wasi-libc
/// resolves only absolute paths itself, against the preopens' names).
fn escape() {
    let r = root();
    let open = |p: &str| libc::try_open_at(r, p, libc::O_RDONLY);
    let rename = |a: &str, b: &str| {
        let (a, b) = (c(a), c(b));
        e(unsafe { libc::renameat(r, a.as_ptr().cast(), r, b.as_ptr().cast()) })
    };
    let link = |a: &str, b: &str, flags| {
        let (a, b) = (c(a), c(b));
        e(unsafe { libc::linkat(r, a.as_ptr().cast(), r, b.as_ptr().cast(), flags) })
    };
    let mkdir = |a: &str| {
        let a = c(a);
        e(unsafe { libc::mkdirat(r, a.as_ptr().cast(), 0o755) })
    };
    let unlink = |a: &str| {
        let a = c(a);
        e(unsafe { libc::unlinkat(r, a.as_ptr().cast(), 0) })
    };
    let sub = libc::open_at(r, "sub", libc::O_RDONLY | libc::O_DIRECTORY).unwrap();
    let results = [
        ("dotdot", open("../secret.txt")),
        ("deep", open("sub/../../secret.txt")),
        ("absolute", open("/etc/passwd")),
        ("symlink_dir", open("out_link/secret.txt")),
        ("symlink_abs", open("abs_link/passwd")),
        ("symlink_final", open("out_file_link")),
        ("symlink_chain", open("chain_link")),
        ("rename_out", rename("inside.txt", "../moved.txt")),
        (
            "rename_via_link",
            rename("inside.txt", "out_link/moved.txt"),
        ),
        ("link_out", link("inside.txt", "../hard.txt", 0)),
        // wasi-libc passes no follow flag to `link-at`: this links the
        // symbolic link itself, which stays unusable (next line).
        (
            "link_follow_out",
            link("out_file_link", "stolen.txt", libc::AT_SYMLINK_FOLLOW),
        ),
        ("link_follow_read", open("stolen.txt")),
        ("symlink_abs_create", {
            let (t, p) = (c("/etc/passwd"), c("evil"));
            e(unsafe { libc::symlinkat(t.as_ptr().cast(), r, p.as_ptr().cast()) })
        }),
        ("mkdir_out", mkdir("../newdir")),
        ("mkdir_via_link", mkdir("out_link/newdir")),
        (
            "stat_out",
            libc::stat_at(r, "out_link", 0).err().unwrap_or(0),
        ),
        ("unlink_out", unlink("../secret.txt")),
        ("unlink_via_link", unlink("out_link/secret.txt")),
        (
            "create_through_link",
            libc::try_open_at(r, "out_link/new.txt", libc::O_RDWR | libc::O_CREAT),
        ),
        (
            "sub_dotdot",
            libc::try_open_at(sub, "../inside.txt", libc::O_RDONLY),
        ),
        ("inside_dotdot", open("sub/../inside.txt")),
        ("inside_link", open("in_link")),
        (
            "nofollow_link",
            libc::try_open_at(r, "in_link", libc::O_RDONLY | libc::O_NOFOLLOW),
        ),
    ];
    for (name, e) in results {
        println!("{name}={e}");
    }
}

/// Without any preopen: every path is refused.
fn nopreopen() {
    let open = |p: &str| match File::open(p) {
        Ok(_) => "ok".to_string(),
        Err(e) => format!("{:?}", e.raw_os_error()),
    };
    println!("absolute: {}", open("/etc/passwd"));
    println!("relative: {}", open("x.txt"));
    println!("dot: {}", open("."));
    println!("root: {}", open("/"));
    println!(
        "create: {:?}",
        File::create("/tmp/wisp-wasip2-nopreopen").map_err(|e| e.raw_os_error())
    );
    println!(
        "mkdir: {:?}",
        fs::create_dir("newdir").map_err(|e| e.raw_os_error())
    );
    println!(
        "read_dir: {:?}",
        fs::read_dir("/").map(|_| ()).map_err(|e| e.raw_os_error())
    );
}

/// Exact errnos of common failures, on the preopen `.`. Each line is the
/// call's result, `Ok(value)` or `Err(errno)`.
fn errnos() {
    let r = root();
    let cs = |p: &str| c(p);
    let mut buf = [0u8; 16];
    unsafe {
        println!("close badf: {:?}", libc::res(libc::close(99)));
        println!(
            "seek stdout: {:?}",
            libc::res(libc::lseek(1, 0, libc::SEEK_SET))
        );
        println!(
            "seek dir: {:?}",
            libc::res(libc::lseek(r, 0, libc::SEEK_SET))
        );
    }
    println!(
        "missing: {:?}",
        libc::open_at(r, "nope.txt", libc::O_RDONLY).map(|_| ())
    );
    println!(
        "notdir: {:?}",
        libc::open_at(r, "r.txt", libc::O_RDONLY | libc::O_DIRECTORY).map(|_| ())
    );
    println!(
        "exists: {:?}",
        libc::open_at(r, "r.txt", libc::O_RDWR | libc::O_CREAT | libc::O_EXCL).map(|_| ())
    );
    println!(
        "empty: {:?}",
        libc::open_at(r, "", libc::O_RDONLY).map(|_| ())
    );
    println!(
        "loop: {:?}",
        libc::open_at(r, "self_link", libc::O_RDONLY).map(|_| ())
    );
    println!(
        "nofollow: {:?}",
        libc::open_at(r, "rl", libc::O_RDONLY | libc::O_NOFOLLOW).map(|_| ())
    );
    unsafe {
        println!(
            "read dir: {:?}",
            libc::res(libc::read(r, buf.as_mut_ptr(), 4) as i64)
        );
        println!(
            "write dir: {:?}",
            libc::res(libc::write(r, b"x".as_ptr(), 1) as i64)
        );
    }
    println!(
        "open dir for writing: {:?}",
        libc::open_at(r, "sub", libc::O_WRONLY).map(|_| ())
    );
    let fd = libc::open_at(r, "r.txt", libc::O_RDONLY).unwrap();
    unsafe {
        let n = libc::write(fd, b"x".as_ptr(), 1) as i64;
        println!("write readonly: {:?}", libc::res(n));
        libc::close(fd);
    }
    let fd = libc::open_at(r, "r.txt", libc::O_WRONLY).unwrap();
    unsafe {
        let n = libc::read(fd, buf.as_mut_ptr(), 1) as i64;
        println!("read writeonly: {:?}", libc::res(n));
        libc::close(fd);
    }
    unsafe {
        let p = cs("r.txt");
        println!(
            "rmdir file: {:?}",
            libc::res(libc::unlinkat(r, p.as_ptr().cast(), libc::AT_REMOVEDIR))
        );
        let n = libc::readlinkat(r, p.as_ptr().cast(), buf.as_mut_ptr(), 16) as i64;
        println!("readlink file: {:?}", libc::res(n));
        let p = cs("rl");
        let n = libc::readlinkat(r, p.as_ptr().cast(), buf.as_mut_ptr(), 3) as i64;
        println!(
            "readlink short: {:?} {}",
            libc::res(n),
            String::from_utf8_lossy(&buf[..n.max(0) as usize])
        );
        let d = cs("emptydir");
        println!(
            "mkdir: {:?} {:?}",
            libc::res(libc::mkdirat(r, d.as_ptr().cast(), 0o755)),
            libc::res(libc::mkdirat(r, d.as_ptr().cast(), 0o755))
        );
        println!(
            "unlink dir: {:?}",
            libc::res(libc::unlinkat(r, d.as_ptr().cast(), 0))
        );
        let fd = libc::open_at(r, "emptydir/f", libc::O_WRONLY | libc::O_CREAT).unwrap();
        libc::close(fd);
        println!(
            "rmdir nonempty: {:?}",
            libc::res(libc::unlinkat(r, d.as_ptr().cast(), libc::AT_REMOVEDIR))
        );
        let f = cs("emptydir/f");
        libc::unlinkat(r, f.as_ptr().cast(), 0);
        println!(
            "rmdir: {:?} {:?}",
            libc::res(libc::unlinkat(r, d.as_ptr().cast(), libc::AT_REMOVEDIR)),
            libc::res(libc::unlinkat(r, d.as_ptr().cast(), libc::AT_REMOVEDIR))
        );
        let (a, b) = (cs("nope.txt"), cs("other.txt"));
        println!(
            "rename missing: {:?}",
            libc::res(libc::renameat(r, a.as_ptr().cast(), r, b.as_ptr().cast()))
        );
        let (a, b) = (cs("r.txt"), cs("sub"));
        println!(
            "rename file over dir: {:?}",
            libc::res(libc::renameat(r, a.as_ptr().cast(), r, b.as_ptr().cast()))
        );
        let (a, b) = (cs("r.txt"), cs("rl"));
        println!(
            "link exists: {:?}",
            libc::res(libc::linkat(r, a.as_ptr().cast(), r, b.as_ptr().cast(), 0))
        );
        let (t, l) = (cs("anything"), cs("r.txt"));
        println!(
            "symlink exists: {:?}",
            libc::res(libc::symlinkat(t.as_ptr().cast(), r, l.as_ptr().cast()))
        );
    }
}

/// A bad guest pointer handed to WASI: in the component model the
/// canonical ABI checks it when lifting the argument, and the instance
/// traps (preview 1 returned `FAULT` instead).
fn fault() {
    let far = 0xFFFF_FFF0usize as *const u8;
    println!("before");
    std::io::stdout().flush().unwrap();
    let n = unsafe { libc::write(1, far, 100) };
    println!("after: {:?}", libc::res(n as i64));
}

fn spin() {
    let mut x = 0u64;
    loop {
        x = std::hint::black_box(x.wrapping_add(1));
    }
}

fn grow(mib: usize) {
    let v = vec![1u8; mib << 20];
    println!(
        "grew: {}",
        v.iter().map(|&b| b as usize).sum::<usize>() >> 20
    );
}

/// Without `--allow-net`: creating a TCP socket, to connect or to listen,
/// is refused (`access-denied`, which wasi-libc reports as `EACCES`, 2).
fn net_denied() {
    let r = std::net::TcpStream::connect("127.0.0.1:9");
    println!("connect: {:?}", r.map(|_| ()).map_err(|e| e.raw_os_error()));
    let r = std::net::TcpListener::bind("127.0.0.1:0");
    println!("listen: {:?}", r.map(|_| ()).map_err(|e| e.raw_os_error()));
}

/// Connects to `addr`, sends a line and prints the reply, then half-closes
/// and prints what else the peer sent before closing.
fn tcp_connect(addr: &str) {
    use std::io::BufRead;
    let mut s = match std::net::TcpStream::connect(addr) {
        Ok(s) => s,
        Err(e) => {
            println!("connect: Err({:?})", e.raw_os_error());
            return;
        }
    };
    println!("peer: {}", s.peer_addr().unwrap());
    println!("local loopback: {}", s.local_addr().unwrap().ip().is_loopback());
    s.write_all(b"ping\n").unwrap();
    let mut reader = std::io::BufReader::new(&s);
    let mut reply = String::new();
    reader.read_line(&mut reply).unwrap();
    println!("reply: {}", reply.trim_end());
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut rest = String::new();
    reader.read_to_string(&mut rest).unwrap();
    println!("rest: {}", rest.trim_end());
}

/// Listens on 127.0.0.1 (a port the host picks), prints the port, then
/// answers one connection: each line it reads, in capitals, until the
/// peer half-closes.
fn tcp_serve() {
    use std::io::BufRead;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    println!("port {}", listener.local_addr().unwrap().port());
    std::io::stdout().flush().unwrap();
    let (conn, peer) = listener.accept().unwrap();
    println!("peer loopback: {}", peer.ip().is_loopback());
    for line in std::io::BufReader::new(&conn).lines() {
        let line = format!("{}\n", line.unwrap().to_uppercase());
        (&conn).write_all(line.as_bytes()).unwrap();
    }
    println!("closed");
}

/// The addresses each name resolves to (port 80), or the error.
fn lookup(names: &[String]) {
    use std::net::ToSocketAddrs;
    for name in names {
        match (name.as_str(), 80).to_socket_addrs() {
            Ok(addrs) => {
                let list: Vec<String> = addrs.map(|a| a.ip().to_string()).collect();
                println!("{name}: {}", list.join(" "));
            }
            Err(e) => println!("{name}: error {:?}", e.kind()),
        }
    }
}

/// Sends `ping` from a socket bound on 127.0.0.1 to `addr` and prints
/// the reply and who sent it; then connects to `addr` and does it again.
fn udp(addr: &str) {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    println!("bound loopback: {}", socket.local_addr().unwrap().ip().is_loopback());
    socket.send_to(b"ping", addr).unwrap();
    let mut buf = [0u8; 64];
    let (n, from) = socket.recv_from(&mut buf).unwrap();
    println!("reply: {} from {from}", String::from_utf8_lossy(&buf[..n]));
    socket.connect(addr).unwrap();
    socket.send(b"again").unwrap();
    let n = socket.recv(&mut buf).unwrap();
    println!("connected reply: {}", String::from_utf8_lossy(&buf[..n]));
}
