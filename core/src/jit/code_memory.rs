//! Executable memory for compiled code, obtained through the store's
//! [`MemoryHooks`] as [`ResourceKind::Code`]: written while writable, then
//! made executable and read-only before anything runs it (W^X), and given
//! back when dropped.

#![allow(unsafe_code)]

use crate::memory_hooks::{MemoryHooks, Refused, Region, ResourceKind};

/// Machine code, published: executable, never again writable.
pub(crate) struct CodeMemory<'h> {
    hooks: &'h dyn MemoryHooks,
    region: Region,
}

impl<'h> CodeMemory<'h> {
    /// Copies `code` into a fresh region of `hooks` and makes it
    /// executable. Refused when the hooks refuse either step (hooks without
    /// executable memory always do).
    pub(crate) fn publish(hooks: &'h dyn MemoryHooks, code: &[u8]) -> Result<Self, Refused> {
        let region = hooks.reserve(ResourceKind::Code, code.len(), code.len())?;
        // SAFETY: the hooks' contract: `region` is `code.len()` writable
        // bytes that nothing else uses.
        unsafe {
            core::ptr::copy_nonoverlapping(code.as_ptr(), region.ptr.as_ptr(), code.len());
        }
        let memory = Self { hooks, region };
        // SAFETY: a live code region of these hooks, written for the last
        // time above.
        unsafe { hooks.make_executable(&memory.region) }?;
        Ok(memory)
    }

    /// The address of the code's first byte.
    pub(crate) fn start(&self) -> *const u8 {
        self.region.ptr.as_ptr()
    }

    /// The code's length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.region.len
    }
}

impl Drop for CodeMemory<'_> {
    fn drop(&mut self) {
        let region = core::mem::replace(&mut self.region, Region::empty());
        // SAFETY: the region is this object's, live until now; nothing runs
        // the code once its owner is dropped.
        unsafe { self.hooks.release(ResourceKind::Code, region) };
    }
}

#[cfg(all(test, feature = "mmap", unix, target_arch = "x86_64", not(miri)))]
mod tests {
    use super::*;
    use crate::jit::x64::{Assembler, Gpr, Width};
    use crate::memory_hooks::{GlobalAllocHooks, MmapHooks};

    #[test]
    fn published_code_runs() {
        let mut a = Assembler::new();
        a.mov_rr(Width::W32, Gpr::Rax, Gpr::Rdi);
        a.alu_ri(crate::jit::x64::Alu::Add, Width::W32, Gpr::Rax, 42);
        a.ret();
        let code = a.finish().unwrap();
        let hooks = MmapHooks::new();
        let memory = CodeMemory::publish(&hooks, &code).expect("executable memory");
        assert_eq!(memory.len(), code.len());
        // SAFETY: the bytes are a complete System V function `(i32) -> i32`
        // (`mov eax, edi; add eax, 42; ret`), published executable.
        let f: extern "sysv64" fn(i32) -> i32 = unsafe { core::mem::transmute(memory.start()) };
        assert_eq!(f(100), 142);
        assert_eq!(f(-42), 0);
        assert!(hooks.committed() > 0);
        drop(memory);
        assert_eq!(hooks.committed(), 0, "given back");
    }

    #[test]
    fn hooks_without_executable_memory_refuse() {
        assert_eq!(
            CodeMemory::publish(&GlobalAllocHooks, &[0xc3]).err(),
            Some(Refused)
        );
    }
}
