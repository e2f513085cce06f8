//! The signal handler on real code: faults at trap sites land; faults that
//! are not traps reach the previous handler or kill, which is checked in a
//! fresh child process (this test binary run again for one test, so its
//! handlers are installed after a previous one of the test's choosing);
//! and the registry's slots, alone and under concurrent use.

extern crate std;

use super::handler::disposition;
use super::registry::Table;
use super::{
    CODE, CodeRegistration, GUARDS, TrapSite, in_guard, install, landing, register_code,
    register_guard,
};
use crate::jit::code_buffer::Assemble;
use crate::jit::code_memory::CodeMemory;
use crate::jit::x64::{Alu, Assembler, Gpr, Mem, Width};
use crate::memory_hooks::{GUARD_BEFORE, MemoryHooks, MmapHooks, ResourceKind, guarded_span};
use alloc::{boxed::Box, vec::Vec};
use core::ffi::{c_int, c_void};
use core::sync::atomic::{AtomicBool, Ordering};
use std::os::unix::process::ExitStatusExt;

const PAGE: usize = 64 * 1024;
/// What every landing returns.
const LANDED: u64 = 77;

/// Published code: `setup`, then `fault` (the one trap site, when `site`),
/// then `ret`; the landing, `mov eax, 77; ret`, follows. Registered for
/// as long as it lives.
struct Trapping {
    // Fields drop in order: the registration before its sites and code.
    _registration: CodeRegistration,
    _sites: Box<[TrapSite]>,
    code: CodeMemory,
}

impl Trapping {
    fn new(setup: fn(&mut Assembler), fault: fn(&mut Assembler), site: bool) -> Self {
        let mut a = Assembler::new();
        setup(&mut a);
        let at = a.offset();
        fault(&mut a);
        a.ret();
        let landing = a.offset();
        a.mov_ri(Width::W32, Gpr::Rax, LANDED as i64);
        a.ret();
        let code = CodeMemory::publish(None, &a.finish().unwrap()).expect("executable memory");
        let sites: Box<[TrapSite]> = if site {
            Box::new([TrapSite { fault: at, landing }])
        } else {
            Box::new([])
        };
        // SAFETY: the code is published, covered by no other registration
        // and outlives the registration (field order), as do the sites;
        // the landing only sets `eax` and returns, which is right after
        // the faulting instruction, which changed no register or stack.
        let registration = unsafe { register_code(code.start(), code.len(), &sites) }.unwrap();
        Self {
            _registration: registration,
            _sites: sites,
            code,
        }
    }

    /// Runs the code with `rdi = a`, `rsi = b`; its `rax`.
    fn call(&self, a: u64, b: u64) -> u64 {
        // SAFETY: the code is a complete System V function of two integer
        // arguments returning one, whether it lands or not.
        let f: extern "sysv64" fn(u64, u64) -> u64 =
            unsafe { core::mem::transmute(self.code.start()) };
        f(a, b)
    }
}

/// `mov rax, [rdi]`.
fn load(a: &mut Assembler) {
    a.load(Width::W64, Gpr::Rax, Mem::base(Gpr::Rdi, 0));
}

/// `mov eax, edi; xor edx, edx`, before `div`.
fn unsigned_dividend(a: &mut Assembler) {
    a.mov_rr(Width::W32, Gpr::Rax, Gpr::Rdi);
    a.alu_rr(Alu::Xor, Width::W32, Gpr::Rdx, Gpr::Rdx);
}

/// `div esi`.
fn divide(a: &mut Assembler) {
    a.div(Width::W32, false, Gpr::Rsi);
}

#[test]
fn install_is_once_and_thread_safe() {
    let threads: Vec<_> = (0..4).map(|_| std::thread::spawn(install)).collect();
    for thread in threads {
        assert!(thread.join().unwrap());
    }
    assert!(install());
}

#[test]
fn memory_faults_in_guards_land() {
    assert!(install());
    const MAX: usize = 2 * PAGE;
    const GUARD: usize = PAGE;
    let hooks = MmapHooks::new();
    let region = hooks
        .reserve_guarded(ResourceKind::LinearMemory, PAGE, MAX, GUARD)
        .unwrap();
    let (start, end) = guarded_span(&region, MAX, GUARD);
    let guard = register_guard(start, end).unwrap();
    let base = region.ptr.as_ptr() as u64;
    // SAFETY: the first page is committed.
    unsafe { region.ptr.as_ptr().cast::<u64>().write(0x1234) };
    let loads = Trapping::new(|_| {}, load, true);
    let stores = Trapping::new(
        |a| a.mov_ri(Width::W32, Gpr::Rax, 0),
        |a| a.store(Width::W64, Mem::base(Gpr::Rdi, 0), Gpr::Rsi),
        true,
    );
    for _ in 0..100 {
        assert_eq!(loads.call(base, 0), 0x1234);
        assert_eq!(
            loads.call(base + MAX as u64 + 8, 0),
            LANDED,
            "trailing guard"
        );
        assert_eq!(loads.call(end as u64 - 8, 0), LANDED, "its last word");
        assert_eq!(loads.call(base + PAGE as u64, 0), LANDED, "not committed");
        assert_eq!(loads.call(start as u64, 0), LANDED, "leading guard");
        assert_eq!(loads.call(base - 8, 0), LANDED, "just below the base");
        assert_eq!(stores.call(base + 8, 5), 0);
        assert_eq!(stores.call(base + PAGE as u64 - 8, 6), 0);
        assert_eq!(stores.call(base + PAGE as u64, 7), LANDED);
    }
    assert_eq!(start, base as usize - GUARD_BEFORE);
    // SAFETY: the first page is committed.
    let words = unsafe { core::slice::from_raw_parts(region.ptr.as_ptr().cast::<u64>(), PAGE / 8) };
    assert_eq!((words[1], words[PAGE / 8 - 1]), (5, 6));
    drop((loads, stores, guard));
    // SAFETY: the region came from these hooks; nothing uses it now.
    unsafe { hooks.release(ResourceKind::LinearMemory, region) };
}

#[test]
fn ud2_lands() {
    assert!(install());
    let code = Trapping::new(|_| {}, Assembler::ud2, true);
    for _ in 0..100 {
        assert_eq!(code.call(0, 0), LANDED);
    }
}

#[test]
fn division_faults_land() {
    assert!(install());
    let unsigned = Trapping::new(unsigned_dividend, divide, true);
    assert_eq!(unsigned.call(10, 2), 5);
    assert_eq!(unsigned.call(10, 0), LANDED);
    let signed = Trapping::new(
        |a| {
            a.mov_rr(Width::W32, Gpr::Rax, Gpr::Rdi);
            a.sign_extend_rax(Width::W32);
        },
        |a| a.div(Width::W32, true, Gpr::Rsi),
        true,
    );
    assert_eq!(signed.call(-10i32 as u32 as u64, 2), -5i32 as u32 as u64);
    assert_eq!(signed.call(7, 0), LANDED);
    // `MIN / -1` faults too: the same landing, which must tell them apart.
    assert_eq!(signed.call(0x8000_0000, u32::MAX as u64), LANDED);
    for _ in 0..100 {
        assert_eq!(unsigned.call(1, 0), LANDED);
    }
}

#[test]
fn registrations_are_found_until_dropped() {
    let code = [0u8; 64];
    let start = code.as_ptr() as usize;
    let sites = [
        TrapSite {
            fault: 4,
            landing: 40,
        },
        TrapSite {
            fault: 9,
            landing: 50,
        },
    ];
    // SAFETY: the range is never executed (only looked up), and `code`
    // and `sites` outlive the registration.
    let registration = unsafe { register_code(code.as_ptr(), code.len(), &sites) }.unwrap();
    // SAFETY: `sites` is alive.
    let find = |pc| unsafe { landing(&CODE, pc) };
    assert_eq!(find(start + 4), Some(start + 40));
    assert_eq!(find(start + 9), Some(start + 50));
    assert_eq!(find(start + 5), None, "not a site");
    drop(registration);
    assert_eq!(find(start + 4), None, "unregistered");

    let guard = register_guard(start, start + 64).unwrap();
    assert!(in_guard(&GUARDS, start) && in_guard(&GUARDS, start + 63));
    assert!(!in_guard(&GUARDS, start + 64));
    drop(guard);
    assert!(!in_guard(&GUARDS, start));
    assert!(register_guard(start, start).is_none(), "empty");
}

#[test]
fn a_full_table_refuses_and_reuses_freed_slots() {
    let table = Table::<4>::new();
    let slots: Vec<_> = (1..=4)
        .map(|i| table.insert([i * 100, i * 100 + 10, 0, 0]).unwrap())
        .collect();
    assert_eq!(slots, [0, 1, 2, 3]);
    assert_eq!(table.insert([1000, 1010, 0, 0]), None, "full");
    table.remove(1);
    assert!(!in_guard(&table, 205));
    assert!(in_guard(&table, 305));
    assert_eq!(table.insert([1000, 1010, 0, 0]), Some(1));
    assert!(in_guard(&table, 1005));
}

/// Owners registering and unregistering code in a table too small for
/// them all, so slots pass between owners, while a reader looks up every
/// owner's site: a lookup finds the landing of the owner whose range holds
/// the pc, or nothing, never a mix of two registrations.
#[test]
fn concurrent_registrations_never_mix() {
    const OWNERS: usize = 4;
    const VARIANTS: u32 = 8;
    let table = Table::<3>::new();
    // Owner `o`'s range starts at `start(o)`; its sites (alive for the
    // whole test) have one site at 8, landing at `100 * o + variant`.
    let start = |o: usize| 0x10_0000 * (o + 1);
    let sites: Vec<Vec<[TrapSite; 1]>> = (0..OWNERS)
        .map(|o| {
            (0..VARIANTS)
                .map(|v| {
                    [TrapSite {
                        fault: 8,
                        landing: 100 * o as u32 + v,
                    }]
                })
                .collect()
        })
        .collect();
    let fixed = table.insert([start(0), start(0) + 64, sites[0][0].as_ptr() as usize, 1]);
    assert!(fixed.is_some());
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for o in 1..OWNERS {
            let (table, sites, stop) = (&table, &sites[o], &stop);
            scope.spawn(move || {
                let mut round = 0;
                while !stop.load(Ordering::Relaxed) {
                    let variant = &sites[round % VARIANTS as usize];
                    let words = [start(o), start(o) + 64, variant.as_ptr() as usize, 1];
                    if let Some(slot) = table.insert(words) {
                        table.remove(slot);
                    }
                    round += 1;
                }
            });
        }
        // Look until the owners' registrations were seen both present and
        // absent many times (however the threads are scheduled).
        let (mut rounds, mut found, mut missed) = (0, 0, 0);
        let enough = |found, missed| found >= 10_000 && missed >= 10_000;
        while rounds < 100_000 || !enough(found, missed) && rounds < 20_000_000 {
            for o in 0..OWNERS {
                // SAFETY: every sites slice outlives the test.
                match unsafe { landing(&table, start(o) + 8) } {
                    Some(at) => {
                        let landing = at - start(o);
                        assert!((100 * o..100 * o + VARIANTS as usize).contains(&landing));
                        found += usize::from(o != 0);
                    }
                    None => {
                        assert_ne!(o, 0, "a registration that stays is always found");
                        missed += 1;
                    }
                }
            }
            rounds += 1;
        }
        assert!(enough(found, missed), "{found} found, {missed} missed");
        stop.store(true, Ordering::Relaxed);
    });
}

/// The variable that makes [`child`] run a scenario.
const CHILD: &str = "WISP_SIGNALS_CHILD";

/// Runs this test binary again for [`child`] alone, with `scenario`; its
/// exit status.
fn run_child(scenario: &str) -> std::process::ExitStatus {
    let module = module_path!().split_once("::").unwrap().1;
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([&std::format!("{module}::child"), "--exact", "--nocapture"])
        .args(["--test-threads=1"])
        .env(CHILD, scenario)
        .output()
        .unwrap();
    std::eprintln!("{}", std::string::String::from_utf8_lossy(&output.stdout));
    std::eprintln!("{}", std::string::String::from_utf8_lossy(&output.stderr));
    output.status
}

/// A previous `SA_SIGINFO` handler: exits with 42.
extern "C" fn exit_42(_: c_int, _: *mut libc::siginfo_t, _: *mut c_void) {
    // SAFETY: async-signal-safe; ends the process.
    unsafe { libc::_exit(42) }
}

/// A previous plain handler: exits with 43.
extern "C" fn exit_43(_: c_int) {
    // SAFETY: as above.
    unsafe { libc::_exit(43) }
}

/// Installs `handler` for `signal` with `flags`, as someone before wisp.
fn set_previous(signal: c_int, handler: usize, flags: c_int) {
    let action = disposition(handler, flags);
    // SAFETY: a valid disposition; the handlers above only exit.
    let done = unsafe { libc::sigaction(signal, &action, core::ptr::null_mut()) };
    assert_eq!(done, 0);
}

/// Keeps a child that dies of a signal from writing a core file.
fn no_core_file() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: a valid limit for this process.
    unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) };
}

/// The child's side of the tests below: nothing unless [`CHILD`] names a
/// scenario. Each scenario installs wisp's handlers in a process that has
/// not yet, after the previous handler it wants, then faults in a way that
/// is not a trap; reaching the end is a failure (exit 1).
#[test]
fn child() {
    let Ok(scenario) = std::env::var(CHILD) else {
        return;
    };
    no_core_file();
    let hooks = MmapHooks::new();
    let region = hooks
        .reserve_guarded(ResourceKind::LinearMemory, PAGE, PAGE, PAGE)
        .unwrap();
    let past_end = region.ptr.as_ptr() as u64 + PAGE as u64;
    match scenario.as_str() {
        "unregistered-guard" => {
            let handler = exit_42 as extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void);
            set_previous(libc::SIGSEGV, handler as usize, libc::SA_SIGINFO);
            set_previous(libc::SIGBUS, handler as usize, libc::SA_SIGINFO);
            assert!(install());
            // A site, and a guard page, but not registered as a guard.
            Trapping::new(|_| {}, load, true).call(past_end, 0);
        }
        "no-site" => {
            set_previous(libc::SIGILL, exit_43 as extern "C" fn(c_int) as usize, 0);
            assert!(install());
            Trapping::new(|_| {}, Assembler::ud2, false).call(0, 0);
        }
        "default" => {
            assert!(install());
            Trapping::new(unsigned_dividend, divide, false).call(1, 0);
        }
        "wild" => {
            // The previous handler is the standard library's, which
            // restores the default for a fault off the stack guard.
            assert!(install());
            let (start, end) = guarded_span(&region, PAGE, PAGE);
            let _guard = register_guard(start, end).unwrap();
            Trapping::new(|_| {}, load, true).call(0x10, 0);
        }
        _ => {}
    }
    // SAFETY: ends the process, reporting that no fault ended it.
    unsafe { libc::_exit(1) }
}

#[test]
fn a_memory_fault_outside_guards_reaches_the_previous_handler() {
    assert_eq!(run_child("unregistered-guard").code(), Some(42));
}

#[test]
fn a_fault_off_the_sites_reaches_a_plain_previous_handler() {
    assert_eq!(run_child("no-site").code(), Some(43));
}

#[test]
fn a_fault_off_the_sites_without_a_previous_handler_kills() {
    assert_eq!(run_child("default").signal(), Some(libc::SIGFPE));
}

#[test]
fn a_wild_access_at_a_site_still_crashes() {
    assert_eq!(run_child("wild").signal(), Some(libc::SIGSEGV));
}
