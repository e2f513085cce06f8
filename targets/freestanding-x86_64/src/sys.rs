//! The only two system calls the example makes, as raw x86_64 Linux
//! `syscall` instructions: `write` and `exit_group`.

use core::arch::asm;
use core::fmt;

const SYS_WRITE: usize = 1;
const SYS_EXIT_GROUP: usize = 231;

/// Writes all of `bytes` to file descriptor `fd` (errors are ignored: there
/// is nowhere to report them).
pub fn write_all(fd: usize, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        let written: isize;
        // SAFETY: `write(fd, ptr, len)` reads `len` bytes from `ptr`, which
        // `bytes` keeps valid; the kernel clobbers rcx and r11 only.
        unsafe {
            asm!(
                "syscall",
                inlateout("rax") SYS_WRITE => written,
                in("rdi") fd,
                in("rsi") bytes.as_ptr(),
                in("rdx") bytes.len(),
                lateout("rcx") _,
                lateout("r11") _,
                options(nostack, readonly),
            );
        }
        if written <= 0 {
            return;
        }
        bytes = &bytes[written as usize..];
    }
}

/// Ends the process with `status` (the shell sees `status & 0xff`).
pub fn exit(status: i32) -> ! {
    // SAFETY: `exit_group` does not return.
    unsafe {
        asm!(
            "syscall",
            in("rax") SYS_EXIT_GROUP,
            in("rdi") status as isize,
            options(noreturn, nostack),
        );
    }
}

/// A file descriptor as a `core::fmt::Write` sink, for `write!`.
pub struct Fd(pub usize);

impl fmt::Write for Fd {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_all(self.0, s.as_bytes());
        Ok(())
    }
}
