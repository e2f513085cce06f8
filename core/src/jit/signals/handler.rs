//! The signal handler itself: installing it with `sigaction`, reading and
//! rewriting the interrupted pc in the saved context (Linux and macOS on
//! x86_64), and chaining to the handler installed before it. The rules it
//! follows are in the module documentation of `signals`.

use super::{CODE, GUARDS, in_guard, landing};
use core::ffi::{c_int, c_void};
use core::sync::atomic::{AtomicI32, AtomicU8, AtomicUsize, Ordering};

/// The signals the handler takes; the index of each is its place in the
/// saved previous dispositions.
const SIGNALS: [c_int; 4] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE];

/// Each signal's previous handler (`sa_sigaction`: an address, or
/// `SIG_DFL`/`SIG_IGN`), saved before ours is installed.
static PREVIOUS_HANDLER: [AtomicUsize; 4] = [const { AtomicUsize::new(libc::SIG_DFL) }; 4];
/// Each signal's previous `sa_flags`.
static PREVIOUS_FLAGS: [AtomicI32; 4] = [const { AtomicI32::new(0) }; 4];

/// [`STATE`]: nobody has tried to install the handlers.
const UNINSTALLED: u8 = 0;
/// [`STATE`]: a thread is installing them.
const INSTALLING: u8 = 1;
/// [`STATE`]: they are installed.
const INSTALLED: u8 = 2;
/// [`STATE`]: installing failed; the dispositions are as they were.
const FAILED: u8 = 3;
/// Where the process is in installing the handlers.
static STATE: AtomicU8 = AtomicU8::new(UNINSTALLED);

/// See [`super::install`].
pub(super) fn install() -> bool {
    match STATE.compare_exchange(
        UNINSTALLED,
        INSTALLING,
        Ordering::Acquire,
        Ordering::Acquire,
    ) {
        Ok(_) => {
            let installed = install_all();
            let state = if installed { INSTALLED } else { FAILED };
            STATE.store(state, Ordering::Release);
            installed
        }
        Err(_) => loop {
            match STATE.load(Ordering::Acquire) {
                INSTALLING => core::hint::spin_loop(),
                state => return state == INSTALLED,
            }
        },
    }
}

/// Saves each signal's disposition and installs ours; on a failure puts
/// back the ones already replaced.
fn install_all() -> bool {
    // SAFETY: `sigaction` is plain data, for which all zeroes is valid.
    let mut saved: [libc::sigaction; 4] = unsafe { core::mem::zeroed() };
    for (index, &signal) in SIGNALS.iter().enumerate() {
        // SAFETY: reads the disposition into a valid `sigaction`.
        if unsafe { libc::sigaction(signal, core::ptr::null(), &mut saved[index]) } != 0 {
            restore(&saved[..index]);
            return false;
        }
        let previous = &saved[index];
        PREVIOUS_HANDLER[index].store(previous.sa_sigaction, Ordering::Release);
        PREVIOUS_FLAGS[index].store(previous.sa_flags, Ordering::Release);
        let ours = disposition(
            handle as extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void) as usize,
            libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER,
        );
        // SAFETY: installs a valid disposition: `handle` has the
        // `SA_SIGINFO` signature and is async-signal-safe.
        if unsafe { libc::sigaction(signal, &ours, core::ptr::null_mut()) } != 0 {
            restore(&saved[..index]);
            return false;
        }
    }
    true
}

/// Puts back the dispositions `saved` of the first signals.
fn restore(saved: &[libc::sigaction]) {
    for (&signal, previous) in SIGNALS.iter().zip(saved) {
        // SAFETY: a disposition `sigaction` returned for this signal.
        unsafe { libc::sigaction(signal, previous, core::ptr::null_mut()) };
    }
}

/// A disposition running `handler` with `flags` and no signal blocked.
pub(super) fn disposition(handler: usize, flags: c_int) -> libc::sigaction {
    // SAFETY: plain data, for which all zeroes is valid.
    let mut action: libc::sigaction = unsafe { core::mem::zeroed() };
    action.sa_sigaction = handler;
    action.sa_flags = flags;
    // SAFETY: initializes the mask of a valid `sigaction`.
    unsafe { libc::sigemptyset(&mut action.sa_mask) };
    action
}

/// The handler of the four signals: a trap continues at its landing,
/// anything else goes to the previous handler.
extern "C" fn handle(signal: c_int, info: *mut libc::siginfo_t, context: *mut c_void) {
    // SAFETY: the kernel calls an `SA_SIGINFO` handler with the signal's
    // `siginfo` and the interrupted thread's `ucontext`.
    if unsafe { redirect(signal, info, context) } {
        return;
    }
    // SAFETY: as above; these are the arguments the signal came with.
    unsafe { chain(signal, info, context) }
}

/// Rewrites the saved pc to a landing if the signal is a trap of
/// registered code; whether it did.
///
/// # Safety
///
/// `info` and `context` are null or the `siginfo` and `ucontext` of the
/// signal being handled.
unsafe fn redirect(signal: c_int, info: *mut libc::siginfo_t, context: *mut c_void) -> bool {
    if info.is_null() || context.is_null() {
        return false;
    }
    // SAFETY: a valid `siginfo` (this function's contract).
    let info = unsafe { &*info };
    if sent_by_process(info) {
        return false;
    }
    // SAFETY: a valid `ucontext` (this function's contract).
    let pc = unsafe { pc_slot(context) };
    // SAFETY: `pc_slot` points into the live saved context.
    let at = unsafe { pc.read() };
    // SAFETY: `CODE` holds registrations made under `register_code`'s
    // contract, and this thread was running the code at `at`.
    let Some(target) = (unsafe { landing(&CODE, at) }) else {
        return false;
    };
    if signal == libc::SIGSEGV || signal == libc::SIGBUS {
        // SAFETY: every `siginfo` of these signals has a fault address.
        let addr = unsafe { info.si_addr() } as usize;
        if !in_guard(&GUARDS, addr) {
            return false;
        }
    }
    // SAFETY: as above; the kernel resumes the thread from this context.
    unsafe { pc.write(target) };
    true
}

/// Hands a signal that is not a trap to the handler installed before
/// ours, or applies the default disposition (see the module
/// documentation).
///
/// # Safety
///
/// The arguments are those the signal came with.
unsafe fn chain(signal: c_int, info: *mut libc::siginfo_t, context: *mut c_void) {
    let Some(index) = SIGNALS.iter().position(|&s| s == signal) else {
        return;
    };
    let handler = PREVIOUS_HANDLER[index].load(Ordering::Acquire);
    let flags = PREVIOUS_FLAGS[index].load(Ordering::Acquire);
    if handler == libc::SIG_DFL || handler == libc::SIG_IGN {
        // SAFETY: `info` is null or valid (the arguments of the signal).
        let sent = unsafe { info.as_ref() }.is_some_and(sent_by_process);
        if sent && handler == libc::SIG_IGN {
            return;
        }
        let default = disposition(libc::SIG_DFL, 0);
        // SAFETY: installs the default disposition, which is valid;
        // `sigaction` is async-signal-safe.
        unsafe { libc::sigaction(signal, &default, core::ptr::null_mut()) };
        if sent {
            // SAFETY: async-signal-safe; the signal is not blocked
            // (`SA_NODEFER`), so the default action happens now.
            unsafe { libc::raise(signal) };
        }
        // Otherwise the faulting instruction runs again and the default
        // action happens then.
    } else if flags & libc::SA_SIGINFO != 0 {
        // SAFETY: a handler installed with `SA_SIGINFO` has this
        // signature; it receives the signal's own arguments.
        let previous: extern "C" fn(c_int, *mut libc::siginfo_t, *mut c_void) =
            unsafe { core::mem::transmute(handler) };
        previous(signal, info, context);
    } else {
        // SAFETY: a handler installed without `SA_SIGINFO` takes the
        // signal number only.
        let previous: extern "C" fn(c_int) = unsafe { core::mem::transmute(handler) };
        previous(signal);
    }
}

/// Whether a process sent the signal (`kill`, `sigqueue`, `raise`) rather
/// than the kernel for a fault of the interrupted instruction.
fn sent_by_process(info: &libc::siginfo_t) -> bool {
    #[cfg(target_os = "linux")]
    {
        // `SI_USER` is 0, `SI_QUEUE`, `SI_TKILL` and the like negative;
        // the kernel's own codes (`SEGV_MAPERR`, `SI_KERNEL`, ..) positive.
        info.si_code <= 0
    }
    #[cfg(target_os = "macos")]
    {
        // `SI_USER` (0x10001), `SI_QUEUE` and the like are 0x10001 and up;
        // the kernel's fault codes are small. Some kernels send 0 for
        // `kill`.
        info.si_code == 0 || info.si_code > 0x10000
    }
}

/// The saved pc (`rip`) in an x86_64 Linux `ucontext`.
///
/// # Safety
///
/// `context` is the `ucontext` a signal handler was given.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
unsafe fn pc_slot(context: *mut c_void) -> *mut usize {
    let context = context.cast::<libc::ucontext_t>();
    // SAFETY: a valid `ucontext` (this function's contract); `gregs` has
    // `REG_RIP` among its 23 registers.
    unsafe { (&raw mut (*context).uc_mcontext.gregs[libc::REG_RIP as usize]).cast() }
}

/// The saved pc (`__rip`) in an x86_64 macOS `ucontext`, whose machine
/// context is behind a pointer.
///
/// # Safety
///
/// `context` is the `ucontext` a signal handler was given.
#[cfg(all(target_os = "macos", target_arch = "x86_64"))]
unsafe fn pc_slot(context: *mut c_void) -> *mut usize {
    let context = context.cast::<libc::ucontext_t>();
    // SAFETY: a valid `ucontext` (this function's contract), whose
    // `uc_mcontext` points to the saved machine state.
    unsafe { (&raw mut (*(*context).uc_mcontext).__ss.__rip).cast() }
}

/// The saved pc in an aarch64 Linux `ucontext` (`uc_mcontext.pc`).
///
/// # Safety
///
/// `context` is the `ucontext` a signal handler was given.
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
unsafe fn pc_slot(context: *mut c_void) -> *mut usize {
    let context = context.cast::<libc::ucontext_t>();
    // SAFETY: a valid `ucontext` (this function's contract).
    unsafe { (&raw mut (*context).uc_mcontext.pc).cast() }
}

/// The saved pc (`__pc`) in an aarch64 macOS `ucontext`, whose machine
/// context is behind a pointer.
///
/// # Safety
///
/// `context` is the `ucontext` a signal handler was given.
#[cfg(all(target_os = "macos", target_arch = "aarch64"))]
unsafe fn pc_slot(context: *mut c_void) -> *mut usize {
    let context = context.cast::<libc::ucontext_t>();
    // SAFETY: a valid `ucontext` (this function's contract), whose
    // `uc_mcontext` points to the saved machine state.
    unsafe { (&raw mut (*(*context).uc_mcontext).__ss.__pc).cast() }
}
