//! What compiled code reads and writes besides the frame: the VM context
//! every tier shares, and how a run of compiled code ended.
//!
//! Compiled code is entered through the entry trampoline with a pointer to
//! a [`JitContext`] and the frame's first slot; it runs that function, and
//! the compiled functions of its instance it calls natively, until the
//! function returns, a call has to leave for the run loop, or a trap. It
//! answers an [`ExitKind`] and leaves the details in the context.

use super::call_records::CallRecord;
use crate::trap::TrapCode;
use crate::vm::VmContext;

/// The context compiled code runs with.
#[repr(C)]
pub(crate) struct JitContext {
    /// The VM context of the run.
    pub vm: VmContext,
    /// The stack pointer the entry trampoline saved before calling
    /// compiled code: an exit from anywhere returns through it.
    pub entry_sp: usize,
    /// The native stack direct calls may use, as the lowest stack pointer
    /// one may start from: below it, calls leave for the run loop, which
    /// enters the callee from its own (shallow) native frame, so deep Wasm
    /// recursion never reaches the native stack's guard page.
    pub native_limit: usize,
    /// The lowest stack pointer a direct call may start from: the higher
    /// of [`native_limit`](Self::native_limit) and a point above the entry
    /// stack pointer less the call depth left in records
    /// ([`call_records::call_limit`]), set before each entry.
    ///
    /// [`call_records::call_limit`]: super::call_records::call_limit
    pub call_limit: usize,
    /// [`call_records::materialize`], which the exit sequences call (an
    /// address in the context keeps the code free of it).
    ///
    /// [`call_records::materialize`]: super::call_records::materialize
    pub materialize: super::call_records::Materialize,
    /// The newest direct call's record (see `call_records.rs`); null, or
    /// the entry stack pointer, when there is none. Current whenever a
    /// helper that reads frames runs (aarch64 keeps it in `x29` and stores
    /// it here before such helpers and at exits; x86_64 keeps it here).
    pub chain: *const CallRecord,
    /// The IR pc a trap happened at, or a call resumes at.
    pub exit_pc: u32,
    /// The trap, as an index into [`TRAPS`].
    pub trap: u32,
    /// The store function a call calls.
    pub callee: u32,
    /// The slot (from the caller's frame) where the callee's frame starts.
    pub callee_frame: u32,
    /// The frame of the function that left (a function compiled code
    /// called directly may leave, not only the one entered).
    pub exit_fp: *mut u64,
}

/// How compiled code stopped (the trampoline's return value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum ExitKind {
    /// The function returned; its results are in its first slots.
    Return = 0,
    /// A trap: [`JitContext::trap`] at [`JitContext::exit_pc`].
    Trap = 1,
    /// A call of [`JitContext::callee`] with its frame at
    /// [`JitContext::callee_frame`]; the caller resumes at
    /// [`JitContext::exit_pc`].
    Call = 2,
    /// A tail call (the call at [`JitContext::exit_pc`]): as
    /// [`ExitKind::Call`], the callee taking over the caller's frame.
    TailCall = 3,
    /// `throw` of the running instance's tag [`JitContext::callee`], its
    /// payload from slot [`JitContext::callee_frame`] on.
    Throw = 4,
    /// `throw_ref` of the (non-null) exception reference in slot
    /// [`JitContext::callee_frame`].
    ThrowRef = 5,
}

impl ExitKind {
    /// The exit of a call (`tail`: a tail call).
    pub(crate) fn of_call(tail: bool) -> Self {
        if tail {
            ExitKind::TailCall
        } else {
            ExitKind::Call
        }
    }

    /// The exit a trampoline's return value names.
    pub(crate) fn from_u32(v: u32) -> Option<Self> {
        match v {
            0 => Some(Self::Return),
            1 => Some(Self::Trap),
            2 => Some(Self::Call),
            3 => Some(Self::TailCall),
            4 => Some(Self::Throw),
            5 => Some(Self::ThrowRef),
            _ => None,
        }
    }
}

/// The traps compiled code and its helpers raise, by the index stored in
/// [`JitContext::trap`]: every trap but a WASI exit.
pub(crate) const TRAPS: [TrapCode; 24] = [
    TrapCode::Unreachable,
    TrapCode::MemoryOutOfBounds,
    TrapCode::TableOutOfBounds,
    TrapCode::UndefinedElement,
    TrapCode::IndirectCallToNull,
    TrapCode::BadSignature,
    TrapCode::IntegerDivisionByZero,
    TrapCode::IntegerOverflow,
    TrapCode::BadConversionToInteger,
    TrapCode::StackOverflow,
    TrapCode::NullReference,
    TrapCode::NullFunctionReference,
    TrapCode::UncaughtException,
    TrapCode::OutOfFuel,
    TrapCode::Interrupted,
    TrapCode::HostError,
    TrapCode::NullStructReference,
    TrapCode::NullArrayReference,
    TrapCode::NullI31Reference,
    TrapCode::ArrayOutOfBounds,
    TrapCode::CastFailure,
    TrapCode::GcHeapExhausted,
    TrapCode::UnalignedAtomic,
    TrapCode::ExpectedSharedMemory,
];

/// The index of `code` in [`TRAPS`].
pub(crate) fn trap_index(code: TrapCode) -> u32 {
    TRAPS
        .iter()
        .position(|&t| t == code)
        .expect("a trap compiled code raises") as u32
}

/// Byte offsets of the context fields compiled code addresses.
pub(crate) mod offsets {
    use super::JitContext;
    use core::mem::offset_of;

    /// Memory 0's base.
    pub const MEMORY0_BASE: i32 = offset_of!(JitContext, vm.memory0.base) as i32;
    /// Memory 0's length.
    pub const MEMORY0_LEN: i32 = offset_of!(JitContext, vm.memory0.len) as i32;
    /// The running instance's function index space.
    pub const INSTANCE_FUNCS: i32 = offset_of!(JitContext, vm.instance.funcs) as i32;
    /// The running instance's global index space.
    pub const INSTANCE_GLOBALS: i32 = offset_of!(JitContext, vm.instance.globals) as i32;
    /// The running instance's table index space.
    pub const INSTANCE_TABLES: i32 = offset_of!(JitContext, vm.instance.tables) as i32;
    /// The running instance's memory index space.
    pub const INSTANCE_MEMORIES: i32 = offset_of!(JitContext, vm.instance.memories) as i32;
    /// The running instance's type ids.
    pub const INSTANCE_TYPE_IDS: i32 = offset_of!(JitContext, vm.instance.type_ids) as i32;
    /// The store's functions.
    pub const FUNCS: i32 = offset_of!(JitContext, vm.funcs) as i32;
    /// The store's global cells.
    pub const GLOBALS: i32 = offset_of!(JitContext, vm.globals) as i32;
    /// The store's memory views.
    pub const MEMORIES: i32 = offset_of!(JitContext, vm.memories) as i32;
    /// The store's table views.
    pub const TABLES: i32 = offset_of!(JitContext, vm.tables) as i32;
    /// Fuel left.
    pub const FUEL: i32 = offset_of!(JitContext, vm.fuel) as i32;
    /// The interrupt flag's address.
    pub const INTERRUPT: i32 = offset_of!(JitContext, vm.interrupt) as i32;
    /// The epoch counter's address.
    pub const EPOCH: i32 = offset_of!(JitContext, vm.epoch) as i32;
    /// The epoch deadline.
    pub const EPOCH_DEADLINE: i32 = offset_of!(JitContext, vm.epoch_deadline) as i32;
    /// The saved stack pointer.
    pub const ENTRY_SP: i32 = offset_of!(JitContext, entry_sp) as i32;
    /// The lowest stack pointer a direct call may start from.
    pub const CALL_LIMIT: i32 = offset_of!(JitContext, call_limit) as i32;
    /// The function writing the records out.
    pub const MATERIALIZE: i32 = offset_of!(JitContext, materialize) as i32;
    /// The newest direct call's record.
    pub const CHAIN: i32 = offset_of!(JitContext, chain) as i32;
    /// The exit's pc.
    pub const EXIT_PC: i32 = offset_of!(JitContext, exit_pc) as i32;
    /// The trap's index.
    pub const TRAP: i32 = offset_of!(JitContext, trap) as i32;
    /// A call's callee.
    pub const CALLEE: i32 = offset_of!(JitContext, callee) as i32;
    /// A call's frame offset.
    pub const CALLEE_FRAME: i32 = offset_of!(JitContext, callee_frame) as i32;
    /// The exit's frame.
    pub const EXIT_FP: i32 = offset_of!(JitContext, exit_fp) as i32;
    /// The running instance's store index.
    pub const INSTANCE_ID: i32 = offset_of!(JitContext, vm.instance_id) as i32;
    /// The end of the value stack.
    pub const STACK_END: i32 = offset_of!(JitContext, vm.stack_end) as i32;
}
