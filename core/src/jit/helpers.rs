//! Out-of-line operations compiled code calls (System V ABI): the float
//! operations whose Wasm semantics take more than an instruction or two
//! (the interpreter's own functions, so both tiers compute the same bits),
//! checked truncations, and memory growth through the runtime's libcall.
//!
//! A helper that can trap returns a [`Checked`]: the value, and `0` or one
//! plus the trap's index in [`TRAPS`](super::context::TRAPS).

#![allow(unsafe_code)]

use super::context::{JitContext, trap_index};
use crate::interp::float::*;
use crate::ir::Op;
use crate::jit::abi::jit_abi;
use crate::trap::TrapCode;

/// A value, or a trap (returned in `rax:rdx`).
#[repr(C)]
pub(crate) struct Checked {
    /// The result's bits.
    pub value: u64,
    /// `0`, or one plus the trap's index.
    pub trap: u64,
}

impl Checked {
    fn of<T: Into<u64>>(r: Result<T, TrapCode>) -> Self {
        match r {
            Ok(v) => Checked {
                value: v.into(),
                trap: 0,
            },
            Err(code) => Checked {
                value: 0,
                trap: trap_index(code) as u64 + 1,
            },
        }
    }
}

jit_abi! {
    /// A pure operation on one operand's slot bits.
    pub(crate) type Unary = fn(u64) -> u64;
}
jit_abi! {
    /// A pure operation on two operands' slot bits.
    pub(crate) type Binary = fn(u64, u64) -> u64;
}
jit_abi! {
    /// A conversion that can trap.
    pub(crate) type Trapping = fn(u64) -> Checked;
}

fn f32_of(x: u64) -> f32 {
    f32::from_bits(x as u32)
}

fn bits32(x: f32) -> u64 {
    x.to_bits() as u64
}

/// Defines the helpers (with the convention compiled code calls) and the
/// table from opcode to them.
macro_rules! helpers {
    (
        unary { $($un_op:ident => $un_name:ident |$x:ident| $un:expr;)* }
        binary { $($bin_op:ident => $bin_name:ident |$a:ident, $b:ident| $bin:expr;)* }
        trapping { $($tr_op:ident => $tr_name:ident |$t:ident| $tr:expr;)* }
    ) => {
        $(jit_abi! { fn $un_name($x: u64) -> u64 { $un } })*
        $(jit_abi! { fn $bin_name($a: u64, $b: u64) -> u64 { $bin } })*
        $(jit_abi! { fn $tr_name($t: u64) -> Checked { Checked::of($tr) } })*

        /// The helper computing a one-operand opcode, if it has one.
        pub(crate) fn unary(op: Op) -> Option<Unary> {
            match op {
                $(Op::$un_op => Some($un_name),)*
                _ => None,
            }
        }

        /// The helper computing a two-operand opcode, if it has one.
        pub(crate) fn binary(op: Op) -> Option<Binary> {
            match op {
                $(Op::$bin_op => Some($bin_name),)*
                _ => None,
            }
        }

        /// The helper computing a conversion that can trap, if it is one.
        pub(crate) fn trapping(op: Op) -> Option<Trapping> {
            match op {
                $(Op::$tr_op => Some($tr_name),)*
                _ => None,
            }
        }
    };
}

helpers! {
    unary {
        F32Ceil => f32_ceil_bits |x| bits32(f32_ceil(f32_of(x)));
        F32Floor => f32_floor_bits |x| bits32(f32_floor(f32_of(x)));
        F32Trunc => f32_trunc_bits |x| bits32(f32_trunc(f32_of(x)));
        F32Nearest => f32_nearest_bits |x| bits32(f32_nearest(f32_of(x)));
        F64Ceil => f64_ceil_bits |x| f64_ceil(f64::from_bits(x)).to_bits();
        F64Floor => f64_floor_bits |x| f64_floor(f64::from_bits(x)).to_bits();
        F64Trunc => f64_trunc_bits |x| f64_trunc(f64::from_bits(x)).to_bits();
        F64Nearest => f64_nearest_bits |x| f64_nearest(f64::from_bits(x)).to_bits();
        F32ConvertI64U => f32_convert_i64_u |x| bits32(x as f32);
        F64ConvertI64U => f64_convert_i64_u |x| (x as f64).to_bits();
        I32TruncSatF32S => i32_trunc_sat_f32_s |x| f32_of(x) as i32 as u32 as u64;
        I32TruncSatF32U => i32_trunc_sat_f32_u |x| f32_of(x) as u32 as u64;
        I32TruncSatF64S => i32_trunc_sat_f64_s |x| f64::from_bits(x) as i32 as u32 as u64;
        I32TruncSatF64U => i32_trunc_sat_f64_u |x| f64::from_bits(x) as u32 as u64;
        I64TruncSatF32S => i64_trunc_sat_f32_s |x| f32_of(x) as i64 as u64;
        I64TruncSatF32U => i64_trunc_sat_f32_u |x| f32_of(x) as u64;
        I64TruncSatF64S => i64_trunc_sat_f64_s |x| f64::from_bits(x) as i64 as u64;
        I64TruncSatF64U => i64_trunc_sat_f64_u |x| f64::from_bits(x) as u64;
    }
    binary {
        F32Min => f32_min_bits |a, b| bits32(f32_min(f32_of(a), f32_of(b)));
        F32Max => f32_max_bits |a, b| bits32(f32_max(f32_of(a), f32_of(b)));
        F64Min => f64_min_bits |a, b| f64_min(f64::from_bits(a), f64::from_bits(b)).to_bits();
        F64Max => f64_max_bits |a, b| f64_max(f64::from_bits(a), f64::from_bits(b)).to_bits();
    }
    trapping {
        I32TruncF32S => i32_trunc_f32_s |x| trunc_i32_s(f32_of(x) as f64).map(|v| v as u32);
        I32TruncF32U => i32_trunc_f32_u |x| trunc_i32_u(f32_of(x) as f64);
        I32TruncF64S => i32_trunc_f64_s |x| trunc_i32_s(f64::from_bits(x)).map(|v| v as u32);
        I32TruncF64U => i32_trunc_f64_u |x| trunc_i32_u(f64::from_bits(x));
        I64TruncF32S => i64_trunc_f32_s |x| trunc_i64_s(f32_of(x) as f64).map(|v| v as u64);
        I64TruncF32U => i64_trunc_f32_u |x| trunc_i64_u(f32_of(x) as f64);
        I64TruncF64S => i64_trunc_f64_s |x| trunc_i64_s(f64::from_bits(x)).map(|v| v as u64);
        I64TruncF64U => i64_trunc_f64_u |x| trunc_i64_u(f64::from_bits(x));
    }
}

/// The helper that performs instruction `op` whole, as the interpreter
/// does (its address, called as `helper(ctx, frame, &instr, memory)` and
/// answering `0` or one plus a trap's index), for the instructions compiled
/// code leaves to one on every architecture: the out-of-line ones (bulk
/// memory and tables), GC instructions (the frame is written back first,
/// so a collection an allocation starts finds every reference in it) and
/// atomics (told which memory the instruction accesses).
pub(crate) fn whole_instruction(op: Op) -> Option<usize> {
    let helper: usize = if crate::vm::is_out_of_line(op) {
        out_of_line as *const () as usize
    } else if op.is_gc() || crate::vm::is_gc_access(op) {
        gc as *const () as usize
    } else if op.is_atomic() {
        atomic as *const () as usize
    } else {
        return None;
    };
    Some(helper)
}

jit_abi! {
    /// `memory.grow` of the running instance's memory `memory` by `delta`
    /// pages: the old size in pages, or all ones (at the memory's address
    /// width: `wide` for a 64-bit memory) when it cannot grow. Refreshes the
    /// context's view of memory 0.
    ///
    /// # Safety
    /// `ctx` is the live context of a run of compiled code, called from that
    /// code (which reloads memory 0's registers after the call).
    pub(crate) unsafe fn memory_grow(
        ctx: *mut JitContext,
        memory: u32,
        delta: u64,
        wide: u32,
    ) -> Checked {
        // SAFETY: the contract: the context's views cover the running
        // instance's memories, and its libcall gets the store for the call's
        // duration only.
        unsafe {
            let vm = &raw mut (*ctx).vm;
            let m = *(*vm).instance.memories.add(memory as usize);
            let result = ((*vm).libcalls.memory_grow)((*vm).store, (*vm).limiter, m, delta);
            let m0 = (*vm).instance.memory0;
            if m0 != u32::MAX {
                (*vm).memory0 = *(*vm).memories.add(m0 as usize);
            }
            let all_ones = if wide != 0 { u64::MAX } else { u32::MAX as u64 };
            Checked::of(result.map(|old| old.unwrap_or(all_ones)))
        }
    }
}

jit_abi! {
    /// Performs an out-of-line instruction (`vm::out_of_line`: bulk memory and
    /// table operations, segment drops, table access) at `at` in the code of
    /// the function running in the frame at `fp`: `0`, or one plus the index
    /// of its trap.
    ///
    /// # Safety
    /// `ctx` is the live context of a run of compiled code, called from the
    /// code of the function whose IR `at` points into, with its frame.
    pub(crate) unsafe fn out_of_line(
        ctx: *mut JitContext,
        fp: *mut u64,
        at: *const crate::ir::Instr,
    ) -> u64 {
        // SAFETY: the contract: `at` is an instruction of the running
        // function's IR (immutable while its module lives), with its data word
        // after it where it has one.
        unsafe {
            let i = *at;
            let data = if i.data_words() > 0 { *at.add(1) } else { i };
            match crate::vm::out_of_line(&raw mut (*ctx).vm, fp, i, data) {
                Ok(()) => 0,
                Err(code) => trap_index(code) as u64 + 1,
            }
        }
    }
}

jit_abi! {
    /// Performs atomic instruction `at` (of the threads proposal) of the
    /// function running in the frame at `fp`, on its module memory `memory`,
    /// as the interpreter does (`vm::atomic`); an access past a shared
    /// memory's end that another thread's growth made valid runs again with
    /// the new length. Answers `0`, or one plus the index of its trap.
    ///
    /// # Safety
    /// As for [`gc`]: `ctx` is the live context of a run of compiled code,
    /// called from the code of the function whose IR `at` points into, with
    /// its frame; `memory` is one of the running instance's memories (unused
    /// by `atomic.fence`).
    pub(crate) unsafe fn atomic(
        ctx: *mut JitContext,
        fp: *mut u64,
        at: *const crate::ir::Instr,
        memory: u32,
    ) -> u64 {
        // SAFETY: the contract: `at` is an instruction of the running
        // function's IR, with its data word after it where it has one; the
        // context's views cover the running instance's memories.
        unsafe {
            let vm = &raw mut (*ctx).vm;
            let i = *at;
            let data = if i.data_words() > 0 { *at.add(1) } else { i };
            let (m, mut view) = if i.op == Op::AtomicFence {
                (0, crate::vm::MemoryView::empty())
            } else {
                let m = *(*vm).instance.memories.add(memory as usize);
                (m, *(*vm).memories.add(m as usize))
            };
            let mut result = crate::vm::atomic(vm, fp, i, data, view, m);
            if result == Err(TrapCode::MemoryOutOfBounds) {
                let grown = ((*vm).libcalls.shared_memory_len)((*vm).store, view.base);
                if grown > view.len {
                    view.len = grown;
                    result = crate::vm::atomic(vm, fp, i, data, view, m);
                }
            }
            match result {
                Ok(()) => 0,
                Err(code) => trap_index(code) as u64 + 1,
            }
        }
    }
}

jit_abi! {
    /// Performs a GC instruction (of [`Format::Gc`](crate::ir::Format::Gc),
    /// or an `i31` one) at `at` in the code of the function running in the
    /// frame at `fp`, as the interpreter does: field and element access and
    /// `i31` through `vm::gc_access`, the rest through the runtime's `gc`
    /// libcall. Answers `0`, or one plus the index of its trap.
    ///
    /// # Safety
    /// `ctx` is the live context of a run of compiled code, called from the
    /// code of the function whose IR `at` points into, with its frame (its
    /// pinned locals written back: an allocation may collect, and the
    /// collector reads the frame) and the context's chain of call records
    /// current.
    pub(crate) unsafe fn gc(
        ctx: *mut JitContext,
        fp: *mut u64,
        at: *const crate::ir::Instr,
    ) -> u64 {
        // SAFETY: the contract: `at` is an instruction of the running
        // function's IR, with its data words after it where it has them; the
        // running function's record points at that IR.
        unsafe {
            let vm = &raw mut (*ctx).vm;
            let i = *at;
            let result = if crate::vm::is_gc_access(i.op) {
                // The `i31` operations have no data words; the others two.
                let (first, second) = if matches!(i.op, Op::RefI31 | Op::I31GetS | Op::I31GetU) {
                    (i, i)
                } else {
                    (*at.add(1), *at.add(2))
                };
                crate::vm::gc_access(vm, fp, i, first, second)
            } else {
                // An allocation may collect: the collector reads every frame.
                super::call_records::with_frames(ctx, || {
                    let func = &*(*(*vm).funcs.add((*vm).func as usize)).compiled;
                    let pc = at.offset_from(func.code().as_ptr()) as u32;
                    ((*vm).libcalls.gc)(vm, fp, pc)
                })
            };
            match result {
                Ok(()) => 0,
                Err(code) => trap_index(code) as u64 + 1,
            }
        }
    }
}

/// Whether `op` is computed by a helper (see [`unary`], [`binary`],
/// [`trapping`]).
pub(crate) fn is_helper(op: Op) -> bool {
    unary(op).is_some() || binary(op).is_some() || trapping(op).is_some()
}
