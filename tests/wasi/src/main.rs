//! `probe`: one WASI guest with a subcommand per behaviour the tests check
//! (`probe files /dir`, `probe caps`, ...). Output is line-oriented and
//! deterministic so tests can compare it exactly.

mod raw;

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
        "errnos" => errnos(),
        "fault" => fault(),
        "spin" => spin(),
        "grow" => grow(arg(2).parse().unwrap()),
        "sock" => sock(),
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
    let fd = f.as_raw_fd() as u32;
    unsafe {
        println!(
            "allocate: {} {}",
            raw::fd_allocate(fd, 0, 4096),
            f.metadata().unwrap().len()
        );
        println!(
            "advise: {} {}",
            raw::fd_advise(fd, 0, 100, 1),
            raw::fd_advise(fd, 0, 100, 9)
        );
        println!("sync: {} {}", raw::fd_sync(fd), raw::fd_datasync(fd));
        let mut pos = 0u64;
        let e1 = raw::fd_seek(fd, 10, 0, &mut pos);
        let mut tell = 0u64;
        let e2 = raw::fd_tell(fd, &mut tell);
        println!("seek/tell: {e1} {e2} {pos} {tell}");
        println!("bad whence: {}", raw::fd_seek(fd, 0, 7, &mut pos));
        let mut stat = [0u8; 24];
        println!("set append: {}", raw::fd_fdstat_set_flags(fd, 1));
        raw::fd_fdstat_get(fd, stat.as_mut_ptr());
        println!(
            "fdstat: type {} flags {}",
            stat[0],
            u16::from_le_bytes([stat[2], stat[3]])
        );
        let mut fst = [0u8; 64];
        println!(
            "filestat: {} type {}",
            raw::fd_filestat_get(fd, fst.as_mut_ptr()),
            fst[16]
        );
        println!("set size: {}", raw::fd_filestat_set_size(fd, 3));
        let iov = raw::Iovec {
            buf: b"xyz".as_ptr(),
            len: 3,
        };
        let mut n = 0;
        println!(
            "raw pwrite: {} {}",
            raw::fd_pwrite(fd, &iov, 1, 3, &mut n),
            n
        );
        let mut rb = [0u8; 6];
        let iov = raw::Iovec {
            buf: rb.as_mut_ptr(),
            len: 6,
        };
        println!(
            "raw pread: {} {} {}",
            raw::fd_pread(fd, &iov, 1, 0, &mut n),
            n,
            String::from_utf8_lossy(&rb[..n])
        );
        // Dropping FD_WRITE: writing is then not permitted.
        let base = u64::from_le_bytes(stat[8..16].try_into().unwrap());
        println!(
            "shrink rights: {}",
            raw::fd_fdstat_set_rights(fd, base & !(1 << 6), 0)
        );
        println!("write without right: {}", raw::write(fd, b"x"));
        println!("grow rights: {}", raw::fd_fdstat_set_rights(fd, base, 0));
        // Renumber the file onto a second descriptor of the same file.
        let other = raw::open(3, "a.txt", 0, raw::RIGHTS_R, false).unwrap_or(u32::MAX);
        println!(
            "renumber: {} {}",
            raw::fd_renumber(fd, other),
            raw::fd_close(fd)
        );
        let mut fst2 = [0u8; 64];
        raw::fd_filestat_get(other, fst2.as_mut_ptr());
        println!(
            "renumbered size: {}",
            u64::from_le_bytes(fst2[32..40].try_into().unwrap())
        );
        std::mem::forget(f);
        println!("close: {} {}", raw::fd_close(other), raw::fd_close(other));
    }

    let b = dir.join("b.txt");
    fs::rename(&a, &b).unwrap();
    println!("renamed: {} {}", a.exists(), b.exists());
    fs::remove_file(&b).unwrap();
    println!("unlinked: {}", b.exists());
    let err = File::open(&b).unwrap_err();
    println!("open missing: {:?}", err.kind());
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
    println!("rmdir nonempty: {}", fs::remove_dir(d.join("x")).is_err());
    fs::remove_dir(d.join("x/y")).unwrap();
    println!("rmdir: {}", d.join("x/y").exists());
    println!(
        "unlink dir: {:?}",
        fs::remove_file(d.join("x")).map_err(|e| e.raw_os_error())
    );
    let e = unsafe { raw::path_symlink(b"f1".as_ptr(), 2, 3, b"d/link".as_ptr(), 6) };
    println!("symlink: {e}");
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
    fs::hard_link(d.join("f2"), d.join("hard")).unwrap();
    let mut st = [0u8; 64];
    unsafe { raw::path_filestat_get(3, 0, b"d/f2".as_ptr(), 4, st.as_mut_ptr()) };
    println!(
        "nlink: {}",
        u64::from_le_bytes(st[24..32].try_into().unwrap())
    );
    println!("is dir: {} {}", d.join("x").is_dir(), d.join("f1").is_dir());
    fs::remove_dir_all(&d).unwrap();
    println!("removed: {}", d.exists());
}

fn readdir(dir: &Path) {
    let d = dir.join("many");
    fs::create_dir_all(&d).unwrap();
    for i in 0..40 {
        fs::write(d.join(format!("file-with-a-long-name-{i:02}")), "").unwrap();
    }
    // Page through with a small buffer, as libc does with a large one.
    let f = File::open(&d).unwrap();
    let fd = f.as_raw_fd() as u32;
    let mut names = Vec::new();
    let mut cookie = 0u64;
    let mut buf = vec![0u8; 100];
    loop {
        let mut used = 0;
        let e = unsafe { raw::fd_readdir(fd, buf.as_mut_ptr(), buf.len(), cookie, &mut used) };
        assert_eq!(e, 0);
        let mut at = 0;
        let mut progressed = false;
        while at + 24 <= used {
            let next = u64::from_le_bytes(buf[at..at + 8].try_into().unwrap());
            let namlen = u32::from_le_bytes(buf[at + 16..at + 20].try_into().unwrap()) as usize;
            if at + 24 + namlen > used {
                break;
            }
            names.push(String::from_utf8_lossy(&buf[at + 24..at + 24 + namlen]).into_owned());
            cookie = next;
            at += 24 + namlen;
            progressed = true;
        }
        if used < buf.len() {
            break;
        }
        if !progressed {
            buf.resize(buf.len() * 2, 0);
        }
    }
    names.retain(|n| n != "." && n != "..");
    names.sort();
    names.dedup();
    println!("paged entries: {}", names.len());
    println!("first: {} last: {}", names[0], names[names.len() - 1]);
    let count = fs::read_dir(&d).unwrap().count();
    println!("std entries: {count}");
    fs::remove_dir_all(&d).unwrap();
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
    let name = "t.txt";
    let mtim = 1_234_567_890_000_000_000u64;
    unsafe {
        let e = raw::path_filestat_set_times(3, 1, name.as_ptr(), name.len(), 0, mtim, 4);
        let mut st = [0u8; 64];
        let g = raw::path_filestat_get(3, 1, name.as_ptr(), name.len(), st.as_mut_ptr());
        let got = u64::from_le_bytes(st[48..56].try_into().unwrap());
        let atim = u64::from_le_bytes(st[40..48].try_into().unwrap());
        println!(
            "path times: {e} {g} {} {}",
            got == mtim,
            atim == 1_100_000_000_000_000_000
        );
        println!(
            "both now and set: {}",
            raw::path_filestat_set_times(3, 1, name.as_ptr(), name.len(), 0, 0, 1 | 2)
        );
        let e = raw::fd_filestat_set_times(f.as_raw_fd() as u32, 0, 0, 2 | 8);
        let now = SystemTime::now();
        let md = fs::metadata(&p).unwrap();
        let age = now
            .duration_since(md.modified().unwrap())
            .unwrap_or_default();
        println!("set now: {e} {}", age < Duration::from_secs(60));
    }
    let created = fs::metadata(&p).unwrap().created().is_ok() || true;
    println!("created: {created}");
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
    let mut res = 0u64;
    let mut cpu = 0u64;
    unsafe {
        println!("res: {} {}", raw::clock_res_get(1, &mut res), res > 0);
        println!(
            "cputime: {} {}",
            raw::clock_time_get(2, 1, &mut cpu),
            cpu > 0
        );
        println!("thread cputime: {}", raw::clock_time_get(3, 1, &mut cpu));
        println!("bad clock: {}", raw::clock_time_get(9, 1, &mut cpu));
    }
}

fn random() {
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    unsafe {
        println!(
            "random_get: {} {}",
            raw::random_get(a.as_mut_ptr(), 32),
            raw::random_get(b.as_mut_ptr(), 32)
        );
    }
    println!("differ: {}", a != b && a.iter().any(|&x| x != 0));
    let mut m = HashMap::new();
    m.insert("k", 1);
    println!("hashmap: {}", m["k"]);
}

/// Writes a `subscription` record.
fn sub(out: &mut Vec<u8>, userdata: u64, tag: u8, a: u32, timeout: u64) {
    let mut rec = [0u8; 48];
    rec[0..8].copy_from_slice(&userdata.to_le_bytes());
    rec[8] = tag;
    rec[16..20].copy_from_slice(&a.to_le_bytes());
    rec[24..32].copy_from_slice(&timeout.to_le_bytes());
    out.extend_from_slice(&rec);
}

fn poll() {
    let t = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    println!("sleep: {}", t.elapsed() >= Duration::from_millis(50));

    // A clock alone: fires after its timeout.
    let mut subs = Vec::new();
    sub(&mut subs, 7, 0, 1, 30_000_000);
    let mut events = [0u8; 64];
    let mut n = 0;
    let t = Instant::now();
    let e = unsafe { raw::poll_oneoff(subs.as_ptr(), events.as_mut_ptr(), 1, &mut n) };
    println!(
        "clock: {e} {n} userdata {} type {} waited {}",
        events[0],
        events[10],
        t.elapsed() >= Duration::from_millis(30)
    );

    // Stdin (the test pipes data in) or a long timeout: stdin wins.
    let mut subs = Vec::new();
    sub(&mut subs, 1, 0, 1, 10_000_000_000);
    sub(&mut subs, 2, 1, 0, 0);
    let mut events = [0u8; 64];
    let t = Instant::now();
    let e = unsafe { raw::poll_oneoff(subs.as_ptr(), events.as_mut_ptr(), 2, &mut n) };
    println!(
        "stdin: {e} {n} userdata {} type {} error {} quick {}",
        events[0],
        events[10],
        events[8],
        t.elapsed() < Duration::from_secs(5)
    );

    // A bad descriptor reports its error in the event.
    let mut subs = Vec::new();
    sub(&mut subs, 3, 1, 99, 0);
    let e = unsafe { raw::poll_oneoff(subs.as_ptr(), events.as_mut_ptr(), 1, &mut n) };
    println!("badf: {e} {n} error {}", events[8]);
    println!("none: {}", unsafe {
        raw::poll_oneoff(subs.as_ptr(), events.as_mut_ptr(), 0, &mut n)
    });
    println!("yield: {}", unsafe { raw::sched_yield() });
}

/// One line with the errno of a call per capability.
fn caps() {
    let mut t = 0u64;
    let mut buf = [0u8; 8];
    let clock = unsafe { raw::clock_time_get(0, 1, &mut t) };
    let random = unsafe { raw::random_get(buf.as_mut_ptr(), 8) };
    let read = raw::open(3, "r.txt", 0, raw::RIGHTS_R, false)
        .err()
        .unwrap_or(0);
    let write = raw::open(3, "w.txt", raw::O_CREAT, raw::RIGHTS_W, false)
        .err()
        .unwrap_or(0);
    let mkdir = unsafe { raw::path_create_directory(3, b"newdir".as_ptr(), 6) };
    let unlink = unsafe { raw::path_unlink_file(3, b"r.txt".as_ptr(), 5) };
    let mut st = [0u8; 64];
    let stat = unsafe { raw::path_filestat_get(3, 0, b"r.txt".as_ptr(), 5, st.as_mut_ptr()) };
    let proc_ = unsafe { raw::proc_raise(0) };
    let mut sleep = Vec::new();
    sub(&mut sleep, 1, 0, 1, 1_000_000);
    let mut ev = [0u8; 32];
    let mut n = 0;
    unsafe { raw::poll_oneoff(sleep.as_ptr(), ev.as_mut_ptr(), 1, &mut n) };
    let sleep_err = u16::from_le_bytes([ev[8], ev[9]]);
    let mut pre = [0u8; 8];
    let prestat = unsafe { raw::fd_prestat_get(3, pre.as_mut_ptr()) };
    println!(
        "clock={clock} random={random} read={read} write={write} mkdir={mkdir} unlink={unlink} stat={stat} proc={proc_} sleep={sleep_err} prestat={prestat}"
    );
    let host = std::env::var("WISP_HOST_VAR").unwrap_or_else(|_| "<unset>".into());
    let given = std::env::var("GIVEN").unwrap_or_else(|_| "<unset>".into());
    println!("env: host={host} given={given}");
    println!("stdout works");
}

/// Tries to leave the preopen (fd 3) every way there is; prints the errno
/// of each attempt.
fn escape() {
    let open = |p: &str, follow: bool| raw::open(3, p, 0, raw::RIGHTS_R, follow).err().unwrap_or(0);
    let mut st = [0u8; 64];
    let c = |s: &str| (s.as_ptr(), s.len());
    unsafe {
        let results = [
            ("dotdot", open("../secret.txt", true)),
            ("deep", open("sub/../../secret.txt", true)),
            ("absolute", open("/etc/passwd", true)),
            ("symlink_dir", open("out_link/secret.txt", true)),
            ("symlink_abs", open("abs_link/passwd", true)),
            ("symlink_final", open("out_file_link", true)),
            ("symlink_chain", open("chain_link", true)),
            ("rename_out", {
                let (a, al) = c("inside.txt");
                let (b, bl) = c("../moved.txt");
                raw::path_rename(3, a, al, 3, b, bl)
            }),
            ("rename_via_link", {
                let (a, al) = c("inside.txt");
                let (b, bl) = c("out_link/moved.txt");
                raw::path_rename(3, a, al, 3, b, bl)
            }),
            ("link_out", {
                let (a, al) = c("inside.txt");
                let (b, bl) = c("../hard.txt");
                raw::path_link(3, 0, a, al, 3, b, bl)
            }),
            ("link_follow_out", {
                let (a, al) = c("out_file_link");
                let (b, bl) = c("stolen.txt");
                raw::path_link(3, 1, a, al, 3, b, bl)
            }),
            ("symlink_abs_create", {
                let (a, al) = c("/etc/passwd");
                let (b, bl) = c("evil");
                raw::path_symlink(a, al, 3, b, bl)
            }),
            ("mkdir_out", {
                let (a, al) = c("../newdir");
                raw::path_create_directory(3, a, al)
            }),
            ("stat_out", {
                let (a, al) = c("out_link");
                raw::path_filestat_get(3, 1, a, al, st.as_mut_ptr())
            }),
            ("unlink_out", {
                let (a, al) = c("../secret.txt");
                raw::path_unlink_file(3, a, al)
            }),
            (
                "create_through_link",
                raw::open(3, "out_link/new.txt", raw::O_CREAT, raw::RIGHTS_RW, true)
                    .err()
                    .unwrap_or(0),
            ),
            ("inside_dotdot", open("sub/../inside.txt", true)),
            ("inside_link", open("in_link", true)),
            ("nofollow_link", open("in_link", false)),
        ];
        for (name, e) in results {
            println!("{name}={e}");
        }
    }
}

/// Exact errnos of common failures.
fn errnos() {
    let mut pre = [0u8; 8];
    let mut name = [0u8; 1];
    let mut pos = 0u64;
    unsafe {
        println!("close badf: {}", raw::fd_close(99));
        println!(
            "prestat stdin: {}",
            raw::fd_prestat_get(0, pre.as_mut_ptr())
        );
        println!(
            "prestat name short: {}",
            raw::fd_prestat_dir_name(3, name.as_mut_ptr(), 0)
        );
        println!("seek stdout: {}", raw::fd_seek(1, 0, 0, &mut pos));
        println!("seek dir: {}", raw::fd_seek(3, 0, 0, &mut pos));
    }
    println!(
        "missing: {}",
        raw::open(3, "nope.txt", 0, raw::RIGHTS_R, true).unwrap_err()
    );
    println!(
        "notdir: {}",
        raw::open(3, "r.txt", raw::O_DIRECTORY, raw::RIGHTS_R, true).unwrap_err()
    );
    println!(
        "exists: {}",
        raw::open(3, "r.txt", raw::O_CREAT | raw::O_EXCL, raw::RIGHTS_RW, true).unwrap_err()
    );
    println!(
        "empty: {}",
        raw::open(3, "", 0, raw::RIGHTS_R, true).unwrap_err()
    );
    println!(
        "loop: {}",
        raw::open(3, "self_link", 0, raw::RIGHTS_R, true).unwrap_err()
    );
    println!("read dir: {}", raw::read(3, 4).unwrap_err());
    let fd = raw::open(3, "r.txt", 0, raw::RIGHTS_R, true).unwrap();
    println!("write readonly: {}", raw::write(fd, b"x"));
    unsafe {
        let (p, l) = ("r.txt".as_ptr(), 5);
        println!("rmdir file: {}", raw::path_remove_directory(3, p, l));
        let mut buf = [0u8; 16];
        let mut used = 0;
        println!(
            "readlink file: {}",
            raw::path_readlink(3, p, l, buf.as_mut_ptr(), 16, &mut used)
        );
        let (p, l) = ("rl".as_ptr(), 2);
        let e = raw::path_readlink(3, p, l, buf.as_mut_ptr(), 3, &mut used);
        println!(
            "readlink short: {e} {} {}",
            used,
            String::from_utf8_lossy(&buf[..used])
        );
        let (d, dl) = ("emptydir".as_ptr(), 8);
        println!(
            "mkdir: {} {}",
            raw::path_create_directory(3, d, dl),
            raw::path_create_directory(3, d, dl)
        );
        println!("unlink dir: {}", raw::path_unlink_file(3, d, dl));
        println!(
            "rmdir: {} {}",
            raw::path_remove_directory(3, d, dl),
            raw::path_remove_directory(3, d, dl)
        );
        println!("accept notsock: {}", raw::sock_accept(1, 0, &mut 0));
        println!("shutdown notsock: {}", raw::sock_shutdown(1, 3));
        let iov = raw::Iovec {
            buf: name.as_ptr(),
            len: 1,
        };
        let (mut n, mut f) = (0, 0u16);
        println!(
            "recv notsock: {}",
            raw::sock_recv(1, &iov, 1, 0, &mut n, &mut f)
        );
        println!("send notsock: {}", raw::sock_send(1, &iov, 1, 0, &mut n));
        println!("raise bad: {}", raw::proc_raise(99));
    }
}

/// Bad guest pointers are `FAULT` (21), never a crash.
fn fault() {
    let far = 0xFFFF_FFF0usize as *mut u8;
    unsafe {
        let iov = raw::Iovec { buf: far, len: 100 };
        let mut n = 0;
        let a = raw::fd_write(1, &iov, 1, &mut n);
        let b = raw::args_sizes_get(far as *mut u32, far as *mut u32);
        let c = raw::fd_read(0, far as *const raw::Iovec, 1, &mut n);
        let d = raw::clock_time_get(1, 1, far as *mut u64);
        let e = raw::random_get(far, 100);
        let f = raw::path_open(3, 0, far, 10, 0, 0, 0, 0, far as *mut u32);
        println!("fault: {a} {b} {c} {d} {e} {f}");
    }
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

/// Serves one connection on the listening socket at fd 3: reads a line,
/// answers it in capitals.
fn sock() {
    unsafe {
        let mut conn = 0u32;
        let e = raw::sock_accept(3, 0, &mut conn);
        let mut buf = [0u8; 64];
        let iov = raw::Iovec {
            buf: buf.as_mut_ptr(),
            len: 64,
        };
        let (mut n, mut flags) = (0, 0u16);
        let r = raw::sock_recv(conn, &iov, 1, 0, &mut n, &mut flags);
        let reply = String::from_utf8_lossy(&buf[..n]).to_uppercase();
        let iov = raw::Iovec {
            buf: reply.as_ptr(),
            len: reply.len(),
        };
        let mut sent = 0;
        let s = raw::sock_send(conn, &iov, 1, 0, &mut sent);
        let sh = raw::sock_shutdown(conn, 3);
        println!("sock: {e} {r} {s} {sh} {sent}");
    }
}
