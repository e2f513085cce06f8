//! A suspended Wasm frame, in a form every tier understands.

/// Where a suspended Wasm call resumes: the function, the position in its
/// IR, and its frame. No machine address is kept, so a frame pushed by one
/// tier can be resumed by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub(crate) struct Frame {
    /// Store index of the function running in this frame.
    pub func: u32,
    /// IR word index to resume at, in the function's code.
    pub pc: u32,
    /// Slot offset of the frame in the value stack.
    pub fp: u32,
}

const _: () = assert!(core::mem::size_of::<Frame>() == 12);

/// Zeroes the declared locals of a new frame of `f` at `fp` (whose
/// parameters are already there) and copies its constants after them.
///
/// # Safety
/// `fp + f.frame_size` must lie inside the value stack.
#[inline(always)]
pub(crate) unsafe fn init_frame(fp: *mut u64, f: &crate::ir::CompiledFunc) {
    let locals = f.num_params as usize;
    let consts = locals + f.num_locals as usize;
    // SAFETY: locals and constants lie below `frame_size`, inside the stack
    // (contract); the constants come from a separate allocation.
    // Many functions have neither (parameters and temporaries only): skip
    // the library calls rather than make them with a length of zero.
    unsafe {
        if f.num_locals != 0 {
            core::ptr::write_bytes(fp.add(locals), 0, f.num_locals as usize);
        }
        if !f.consts.is_empty() {
            core::ptr::copy_nonoverlapping(f.consts.as_ptr(), fp.add(consts), f.consts.len());
        }
    }
}
