//! The frame stack, kept lazily across direct calls between compiled
//! functions.
//!
//! A direct call does not push the caller's [`Frame`] on the interpreter's
//! frame stack: it pushes a [`CallRecord`] on the native stack (the caller's
//! frame, where it resumes, the callee), chained to the previous record
//! through [`JitContext::chain`] (on aarch64, `x29`, stored in the context
//! before anything reads it). A return pops the record and nothing else.
//! The frame stack is written only where something reads it: every exit of
//! compiled code appends the records' frames ([`materialize`]) before it
//! leaves for the run loop, and the collector's allocations see them for
//! the allocation's length ([`with_frames`]). While compiled code runs,
//! the context's running function ([`VmContext::func`]) stays the one the
//! run loop entered; the records name the others.
//!
//! The call depth a record counts toward is bounded without a counter:
//! records take at least [`RECORD_BYTES`] of native stack each, so the run
//! loop turns the depth left into a lowest stack pointer before it enters
//! compiled code ([`call_limit`]), which is also the native stack's budget
//! — one comparison per call for both.

#![allow(unsafe_code)]

use super::abi::jit_abi;
use super::context::JitContext;
use crate::vm::{Frame, VmContext};

/// What a direct call leaves on the native stack for the frame stack, on
/// x86_64 (whose `call` pushes the return address below it).
#[repr(C)]
pub(crate) struct X64Record {
    /// The record of the call before, or null for the first.
    pub prev: *const X64Record,
    /// The caller's frame (its slot 0).
    pub caller_frame: *mut u64,
    /// The pc the caller resumes at.
    pub resume_pc: u32,
    /// The store function called.
    pub callee: u32,
}

/// What a direct call leaves on the native stack for the frame stack, on
/// aarch64: it starts as the platform's frame record (the previous record,
/// then the return address; `x29` points at it), so debuggers and
/// profilers walking frame pointers walk compiled calls too.
#[repr(C)]
pub(crate) struct A64Record {
    /// The record of the call before, or the entry trampoline's stack
    /// pointer ([`JitContext::entry_sp`]) for the first.
    pub prev: *const A64Record,
    /// Where the call returns to.
    pub return_address: usize,
    /// The caller's frame (its slot 0).
    pub caller_frame: *mut u64,
    /// The pc the caller resumes at.
    pub resume_pc: u32,
    /// The store function called.
    pub callee: u32,
}

/// The record of the architecture this build compiles for.
pub(crate) use super::native::CallRecord;

/// The least native stack a direct call takes (a record and a return
/// address, on either architecture).
pub(crate) const RECORD_BYTES: usize = 32;

/// The most records the depth bound is turned into (deeper runs go through
/// the run loop anyway: the native budget is less).
const MAX_ROOM: usize = 1 << 16;

/// The lowest stack pointer a direct call may start from
/// ([`JitContext::call_limit`]) when compiled code is entered below `above`
/// (an address on the native stack above the entry trampoline's frame):
/// the native budget `native_limit`, or `above` less the call depth left
/// in records, if that is higher. Measured from `above` rather than from
/// the entry stack pointer itself, the depth it allows is a few calls
/// short of the bound at most; the run loop makes those calls, and checks
/// the bound as the interpreter does.
pub(crate) fn call_limit(vm: &VmContext, above: usize, native_limit: usize) -> usize {
    let room = vm.max_depth.saturating_sub(vm.frames_len).min(MAX_ROOM);
    native_limit.max(above.saturating_sub(room * RECORD_BYTES))
}

jit_abi! {
    /// [`materialize`]'s type.
    pub(crate) type Materialize = unsafe fn(*mut JitContext, u32) -> u32;
}

jit_abi! {
    /// Appends the frames of the direct calls recorded since compiled code
    /// was entered (the chain from [`JitContext::chain`]) to the frame
    /// stack, oldest first, and makes the innermost callee the running
    /// function; answers `kind` (the exit kind, which the exit sequence
    /// keeps in the register that carries it). The frame stack grows if
    /// it must.
    ///
    /// # Safety
    /// `ctx` is the live context of a run of compiled code, called from
    /// that code (on its stack) with its chain current: each record from
    /// it is a live [`CallRecord`], the last one's `prev` the entry stack
    /// pointer.
    pub(crate) unsafe fn materialize(ctx: *mut JitContext, kind: u32) -> u32 {
        // SAFETY: the contract; the frame stack is the store's vector lent
        // to the run, `frames_len` initialized, grown by its libcall.
        unsafe {
            let end = (*ctx).entry_sp;
            let newest = (*ctx).chain;
            let mut count = 0;
            let mut record = newest;
            while !record.is_null() && record as usize != end {
                count += 1;
                record = (*record).prev;
            }
            if count == 0 {
                return kind;
            }
            let vm = &raw mut (*ctx).vm;
            let base = (*vm).frames_len;
            if base + count > (*vm).frames_capacity {
                ((*vm).libcalls.grow_frames)(vm, count);
            }
            // Newest first: each record's caller is the callee of the one
            // before it, or the function the run loop entered.
            let mut record = newest;
            for depth in (base..base + count).rev() {
                let older = (*record).prev;
                let caller = if depth == base {
                    (*vm).func
                } else {
                    (*older).callee
                };
                let fp = (*record).caller_frame.offset_from((*vm).stack) as u32;
                (*vm).frames.add(depth).write(Frame {
                    func: caller,
                    pc: (*record).resume_pc,
                    fp,
                });
                record = older;
            }
            (*vm).func = (*newest).callee;
            (*vm).frames_len = base + count;
            (*ctx).chain = end as *const CallRecord;
            kind
        }
    }
}

/// Runs `f` with the frame stack and running function as they would be
/// without lazy records (materialized, then taken back: compiled code
/// goes on with its records).
///
/// # Safety
/// As for [`materialize`]; `f` does not keep the frames.
pub(crate) unsafe fn with_frames<T>(ctx: *mut JitContext, f: impl FnOnce() -> T) -> T {
    // SAFETY: the contract.
    unsafe {
        let (func, len, chain) = ((*ctx).vm.func, (*ctx).vm.frames_len, (*ctx).chain);
        materialize(ctx, 0);
        let result = f();
        (*ctx).vm.func = func;
        (*ctx).vm.frames_len = len;
        (*ctx).chain = chain;
        result
    }
}
