//! The threads proposal's atomic instructions, as both tiers perform them:
//! the interpreter's handlers (each for one opcode, so everything here
//! folds to that opcode's few instructions) and the JIT's helper.
//!
//! Every access is sequentially consistent. The `i32` and `i64` forms of
//! one width share an opcode: slots hold values zero-extended, so the old
//! value a read-modify-write returns is right for both.

use super::{MemoryView, VmContext};
use crate::ir::{Instr, Op};
use crate::trap::TrapCode;
use core::sync::atomic::Ordering::SeqCst;
use core::sync::atomic::{AtomicU8, AtomicU16, AtomicU32, AtomicU64};

/// The bytes an atomic instruction accesses (`memory.atomic.notify`: the
/// `i32` it names; `atomic.fence`: none).
#[inline(always)]
const fn access_size(op: Op) -> u64 {
    use Op::*;
    match op {
        AtomicLoad8 | AtomicStore8 | AtomicAdd8 | AtomicSub8 | AtomicAnd8 | AtomicOr8
        | AtomicXor8 | AtomicXchg8 | AtomicCmpxchg8 => 1,
        AtomicLoad16 | AtomicStore16 | AtomicAdd16 | AtomicSub16 | AtomicAnd16 | AtomicOr16
        | AtomicXor16 | AtomicXchg16 | AtomicCmpxchg16 => 2,
        AtomicLoad64 | AtomicStore64 | AtomicAdd64 | AtomicSub64 | AtomicAnd64 | AtomicOr64
        | AtomicXor64 | AtomicXchg64 | AtomicCmpxchg64 | AtomicWait64 => 8,
        AtomicFence => 0,
        _ => 4,
    }
}

/// The memory offset of a `size`-byte atomic access at address `address`
/// plus `offset`, in a memory of `len` bytes: out of bounds, then
/// misaligned, are traps. Any address is checked (the host's too, which
/// no `addr_offset` clamped).
#[inline(always)]
pub(crate) fn atomic_offset(
    address: u64,
    offset: u64,
    size: u64,
    len: usize,
) -> Result<usize, TrapCode> {
    let at = address
        .checked_add(offset)
        .filter(|at| at.checked_add(size).is_some_and(|end| end <= len as u64))
        .ok_or(TrapCode::MemoryOutOfBounds)?;
    if at % size != 0 {
        return Err(TrapCode::UnalignedAtomic);
    }
    Ok(at as usize)
}

/// Performs the load, store, read-modify-write or compare-exchange `op` at
/// `cell` with `operand` (the value; `cmpxchg`'s expected one) and
/// `replacement` (`cmpxchg`'s): the value read (0 for a store), wrapped to
/// the access width and zero-extended.
///
/// # Safety
/// `cell` is aligned to the access size and valid for it.
#[inline(always)]
unsafe fn access(op: Op, cell: *mut u8, operand: u64, replacement: u64) -> u64 {
    /// Applies `$method` on the atomic of type `$atomic` at `cell`.
    macro_rules! with {
        ($atomic:ident as $int:ident, |$a:ident| $e:expr) => {{
            // SAFETY: the caller's contract: aligned and valid.
            let $a = unsafe { $atomic::from_ptr(cell.cast()) };
            #[allow(clippy::unnecessary_cast)]
            let v = $e;
            v as u64
        }};
    }
    macro_rules! widths {
        (|$a:ident, $x:ident, $y:ident| $e:expr; $o8:ident $o16:ident $o32:ident $o64:ident) => {
            match op {
                Op::$o8 => with!(AtomicU8 as u8, |$a| {
                    let ($x, $y) = (operand as u8, replacement as u8);
                    $e
                }),
                Op::$o16 => with!(AtomicU16 as u16, |$a| {
                    let ($x, $y) = (operand as u16, replacement as u16);
                    $e
                }),
                Op::$o32 => with!(AtomicU32 as u32, |$a| {
                    let ($x, $y) = (operand as u32, replacement as u32);
                    $e
                }),
                Op::$o64 => with!(AtomicU64 as u64, |$a| {
                    let ($x, $y) = (operand, replacement);
                    $e
                }),
                _ => unreachable_op(op),
            }
        };
    }
    use Op::*;
    match op {
        AtomicLoad8 | AtomicLoad16 | AtomicLoad32 | AtomicLoad64 => {
            widths!(|a, _x, _y| a.load(SeqCst); AtomicLoad8 AtomicLoad16 AtomicLoad32 AtomicLoad64)
        }
        AtomicStore8 | AtomicStore16 | AtomicStore32 | AtomicStore64 => {
            widths!(|a, x, _y| { a.store(x, SeqCst); 0 }; AtomicStore8 AtomicStore16 AtomicStore32 AtomicStore64)
        }
        AtomicAdd8 | AtomicAdd16 | AtomicAdd32 | AtomicAdd64 => {
            widths!(|a, x, _y| a.fetch_add(x, SeqCst); AtomicAdd8 AtomicAdd16 AtomicAdd32 AtomicAdd64)
        }
        AtomicSub8 | AtomicSub16 | AtomicSub32 | AtomicSub64 => {
            widths!(|a, x, _y| a.fetch_sub(x, SeqCst); AtomicSub8 AtomicSub16 AtomicSub32 AtomicSub64)
        }
        AtomicAnd8 | AtomicAnd16 | AtomicAnd32 | AtomicAnd64 => {
            widths!(|a, x, _y| a.fetch_and(x, SeqCst); AtomicAnd8 AtomicAnd16 AtomicAnd32 AtomicAnd64)
        }
        AtomicOr8 | AtomicOr16 | AtomicOr32 | AtomicOr64 => {
            widths!(|a, x, _y| a.fetch_or(x, SeqCst); AtomicOr8 AtomicOr16 AtomicOr32 AtomicOr64)
        }
        AtomicXor8 | AtomicXor16 | AtomicXor32 | AtomicXor64 => {
            widths!(|a, x, _y| a.fetch_xor(x, SeqCst); AtomicXor8 AtomicXor16 AtomicXor32 AtomicXor64)
        }
        AtomicXchg8 | AtomicXchg16 | AtomicXchg32 | AtomicXchg64 => {
            widths!(|a, x, _y| a.swap(x, SeqCst); AtomicXchg8 AtomicXchg16 AtomicXchg32 AtomicXchg64)
        }
        AtomicCmpxchg8 | AtomicCmpxchg16 | AtomicCmpxchg32 | AtomicCmpxchg64 => {
            widths!(|a, x, y| match a.compare_exchange(x, y, SeqCst, SeqCst) {
                Ok(old) | Err(old) => old,
            }; AtomicCmpxchg8 AtomicCmpxchg16 AtomicCmpxchg32 AtomicCmpxchg64)
        }
        _ => unreachable_op(op),
    }
}

/// Stops on an opcode that is not an atomic access (a translator bug).
#[cold]
#[inline(never)]
fn unreachable_op(op: Op) -> ! {
    panic!("{} is not an atomic access", op.name())
}

/// Performs atomic instruction `i` (and its data word `data`, where it has
/// one) of the function running in the frame at `fp`, on memory `view`
/// (the one the instruction names): reads its operands from the frame and
/// writes its result there, or returns its trap. `memory` is the
/// instruction's memory's store index (for `wait` and `notify`).
///
/// # Safety
/// `vm` is the live context of a run, `fp` the running function's frame
/// (every slot the instruction names lies in it), and `view` a memory of
/// the store that stays valid for the call.
#[inline(always)]
pub(crate) unsafe fn atomic(
    vm: *mut VmContext,
    fp: *mut u64,
    i: Instr,
    data: Instr,
    view: MemoryView,
    memory: u32,
) -> Result<(), TrapCode> {
    // SAFETY: the contract: the instruction's slots are in the frame.
    let slot = |s: u16| unsafe { *fp.add(s as usize) };
    // SAFETY: as above.
    let set = |s: u16, v: u64| unsafe { *fp.add(s as usize) = v };
    let op = i.op;
    if op == Op::AtomicFence {
        core::sync::atomic::fence(SeqCst);
        return Ok(());
    }
    let size = access_size(op);
    // Loads and stores are Format::Load/Store (the address in `b`/`a`);
    // the rest Format::Atomic (the address in `b`, operands in the data
    // word).
    let address = match op {
        Op::AtomicStore8 | Op::AtomicStore16 | Op::AtomicStore32 | Op::AtomicStore64 => slot(i.a),
        _ => slot(i.b),
    };
    let at = atomic_offset(address, i.c as u64, size, view.len)?;
    // SAFETY: `at + size <= len` and `at` is a multiple of `size`; memory
    // bases are 16-byte aligned.
    let cell = unsafe { view.base.add(at) };
    match op {
        Op::AtomicLoad8 | Op::AtomicLoad16 | Op::AtomicLoad32 | Op::AtomicLoad64 => {
            // SAFETY: `cell` is aligned and in bounds (above).
            set(i.a, unsafe { access(op, cell, 0, 0) });
        }
        Op::AtomicStore8 | Op::AtomicStore16 | Op::AtomicStore32 | Op::AtomicStore64 => {
            // SAFETY: as above.
            unsafe { access(op, cell, slot(i.b), 0) };
        }
        Op::AtomicWait32 | Op::AtomicWait64 => {
            let timeout = slot(data.b) as i64;
            // SAFETY: the contract: a live context.
            let result = unsafe {
                ((*vm).libcalls.atomic_wait)(
                    vm,
                    memory,
                    at as u64,
                    slot(data.a),
                    size == 8,
                    timeout,
                )
            }?;
            set(i.a, result as u64);
        }
        Op::AtomicNotify => {
            // SAFETY: as above.
            let woken = unsafe {
                ((*vm).libcalls.atomic_notify)((*vm).store, memory, at as u64, slot(data.a) as u32)
            }?;
            set(i.a, woken as u64);
        }
        _ => {
            // SAFETY: as above.
            set(i.a, unsafe { access(op, cell, slot(data.a), slot(data.b)) });
        }
    }
    Ok(())
}
