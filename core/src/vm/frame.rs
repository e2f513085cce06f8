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
