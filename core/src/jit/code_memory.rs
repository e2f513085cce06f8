//! Executable memory for compiled code, obtained through the store's
//! [`MemoryHooks`] as [`ResourceKind::Code`]: written while writable, then
//! made executable and read-only before anything runs it (W^X), and given
//! back when dropped.

#![allow(unsafe_code)]

use crate::memory_hooks::{MemoryHooks, Refused, Region, ResourceKind, default_hooks};
use alloc::sync::Arc;

/// Makes the `len` bytes of code just written at `start` visible to
/// instruction fetch: aarch64's instruction cache is not coherent with its
/// data cache, so each line is cleaned to the point of unification, the
/// instruction cache invalidated over it, and the pipeline synchronised
/// (the sequence the architecture prescribes for self-modifying code;
/// Linux and macOS let user code run it). The line sizes come from
/// `CTR_EL0`.
///
/// # Safety
/// `start..start + len` is mapped and readable.
#[cfg(target_arch = "aarch64")]
unsafe fn flush_instruction_cache(start: *const u8, len: usize) {
    use core::arch::asm;
    let ctr: u64;
    // SAFETY: reading CTR_EL0 has no effect; user code may read it.
    unsafe { asm!("mrs {}, ctr_el0", out(reg) ctr, options(nomem, nostack)) };
    let data_line = 4usize << ((ctr >> 16) & 0xf);
    let code_line = 4usize << (ctr & 0xf);
    let (start, end) = (start as usize, start as usize + len);
    let mut line = start & !(data_line - 1);
    while line < end {
        // SAFETY: `line` is in (or at the start of the line of) the mapped
        // range; cleaning a cache line changes no data.
        unsafe { asm!("dc cvau, {}", in(reg) line, options(nostack)) };
        line += data_line;
    }
    // SAFETY: a barrier.
    unsafe { asm!("dsb ish", options(nostack)) };
    let mut line = start & !(code_line - 1);
    while line < end {
        // SAFETY: as above, for the instruction cache.
        unsafe { asm!("ic ivau, {}", in(reg) line, options(nostack)) };
        line += code_line;
    }
    // SAFETY: barriers.
    unsafe { asm!("dsb ish", "isb", options(nostack)) };
}

/// Machine code, published: executable, never again writable.
pub(crate) struct CodeMemory {
    /// The hooks the region came from (the default hooks when `None`).
    hooks: Option<Arc<dyn MemoryHooks>>,
    region: Region,
}

// SAFETY: the region is immutable executable memory owned by this object
// alone; the hooks are `Send + Sync`.
unsafe impl Send for CodeMemory {}
// SAFETY: as above; nothing writes the region after `publish`.
unsafe impl Sync for CodeMemory {}

impl CodeMemory {
    /// Copies `code` into a fresh region of `hooks` (the default hooks
    /// when `None`) and makes it executable. Refused when the hooks refuse
    /// either step (hooks without executable memory always do).
    pub(crate) fn publish(
        hooks: Option<Arc<dyn MemoryHooks>>,
        code: &[u8],
    ) -> Result<Self, Refused> {
        let h: &dyn MemoryHooks = hooks.as_deref().unwrap_or(default_hooks());
        let region = h.reserve(ResourceKind::Code, code.len(), code.len())?;
        // SAFETY: the hooks' contract: `region` is `code.len()` writable
        // bytes that nothing else uses.
        unsafe {
            core::ptr::copy_nonoverlapping(code.as_ptr(), region.ptr.as_ptr(), code.len());
        }
        // SAFETY: a live code region of these hooks, written for the last
        // time above.
        if let Err(refused) = unsafe { h.make_executable(&region) } {
            // SAFETY: the region is ours and nothing runs it.
            unsafe { h.release(ResourceKind::Code, region) };
            return Err(refused);
        }
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the region is mapped (readable and executable) for
        // `code.len()` bytes.
        unsafe {
            flush_instruction_cache(region.ptr.as_ptr(), code.len());
        }
        Ok(Self { hooks, region })
    }

    /// The address of the code's first byte.
    pub(crate) fn start(&self) -> *const u8 {
        self.region.ptr.as_ptr()
    }

    /// The code's length in bytes.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.region.len
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        let region = core::mem::replace(&mut self.region, Region::empty());
        let h: &dyn MemoryHooks = self.hooks.as_deref().unwrap_or(default_hooks());
        // SAFETY: the region is this object's, live until now; nothing runs
        // the code once its owner is dropped.
        unsafe { h.release(ResourceKind::Code, region) };
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
        let hooks = Arc::new(MmapHooks::new());
        let memory = CodeMemory::publish(Some(hooks.clone()), &code).expect("executable memory");
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
            CodeMemory::publish(Some(Arc::new(GlobalAllocHooks)), &[0xc3]).err(),
            Some(Refused)
        );
    }
}
