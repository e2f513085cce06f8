//! The instructions both tiers perform out of line, in one place: bulk
//! memory and table operations, segment drops and table access. The
//! interpreter's handlers and compiled code's helper call
//! [`out_of_line`] with the instruction, so the two cannot disagree.

use super::{TableView, VmContext};
use crate::ir::{Instr, Op};
use crate::trap::TrapCode;

/// Whether [`out_of_line`] performs `op`.
#[cfg(wisp_jit)]
pub(crate) fn is_out_of_line(op: Op) -> bool {
    matches!(
        op,
        Op::MemoryFill
            | Op::MemoryCopy
            | Op::MemoryInit
            | Op::DataDrop
            | Op::TableGet
            | Op::TableSet
            | Op::TableSize
            | Op::TableGrow
            | Op::TableGrow64
            | Op::TableFill
            | Op::TableCopy
            | Op::TableInit
            | Op::ElemDrop
    )
}

/// Performs instruction `i` (with `data`, its data word where it has one)
/// of a function running in the frame at `fp`.
///
/// One copy, never inlined: the thirteen interpreter handlers that call it
/// would otherwise each carry the whole `match` (16 KB in the freestanding
/// build).
///
/// # Safety
/// `vm` is the live context of a run of that function's instance; `i` is
/// one of the [`is_out_of_line`] instructions of its code, whose slots lie
/// in the frame (translator); nothing else uses the store meanwhile.
#[inline(never)]
pub(crate) unsafe fn out_of_line(
    vm: *mut VmContext,
    fp: *mut u64,
    i: Instr,
    data: Instr,
) -> Result<(), TrapCode> {
    // SAFETY: the contract: slot indices are the translator's, table and
    // memory indices the instance's (validated), and the libcalls get the
    // store for their own duration.
    unsafe {
        let rd = |s: u16| *fp.add(s as usize);
        let wr = |s: u16, v: u64| *fp.add(s as usize) = v;
        let (calls, store, inst, id) = (
            (*vm).libcalls,
            (*vm).store,
            (*vm).instance,
            (*vm).instance_id,
        );
        let memory = |m: u16| *inst.memories.add(m as usize);
        let table_index = |t: u16| *inst.tables.add(t as usize);
        let table = |t: u16| -> TableView { *(*vm).tables.add(table_index(t) as usize) };
        match i.op {
            Op::MemoryFill => {
                (calls.memory_fill)(store, memory(data.a), rd(i.a), rd(i.b) as u8, rd(i.c))
            }
            Op::MemoryCopy => (calls.memory_copy)(
                store,
                memory(data.a),
                *inst.memories.add(data.bc() as usize),
                rd(i.a),
                rd(i.b),
                rd(i.c),
            ),
            Op::MemoryInit => {
                let m = memory(data.a);
                (calls.memory_init)(store, id, m, data.bc(), rd(i.a), rd(i.b), rd(i.c))
            }
            Op::DataDrop => {
                (calls.data_drop)(store, id, i.bc());
                Ok(())
            }
            // Indices are read whole: an `i32` index is zero-extended in
            // its slot, a 64-bit table's may be any `u64`.
            Op::TableGet => {
                let t = table(i.c);
                let index = rd(i.b);
                if index >= t.len as u64 {
                    return Err(TrapCode::TableOutOfBounds);
                }
                wr(i.a, *t.base.add(index as usize));
                Ok(())
            }
            Op::TableSet => {
                let t = table(i.c);
                let index = rd(i.a);
                if index >= t.len as u64 {
                    return Err(TrapCode::TableOutOfBounds);
                }
                *t.base.add(index as usize) = rd(i.b);
                Ok(())
            }
            Op::TableSize => {
                wr(i.a, table(i.c).len as u64);
                Ok(())
            }
            // The old size or -1 at the index width (the delta read whole).
            Op::TableGrow | Op::TableGrow64 => {
                let t = table_index(data.a);
                let old = (calls.table_grow)(store, (*vm).limiter, t, rd(i.c), rd(i.b))?;
                let refused = if i.op == Op::TableGrow {
                    u32::MAX as u64
                } else {
                    u64::MAX
                };
                wr(i.a, old.unwrap_or(refused));
                Ok(())
            }
            Op::TableFill => {
                (calls.table_fill)(store, table_index(data.a), rd(i.a), rd(i.b), rd(i.c))
            }
            Op::TableCopy => (calls.table_copy)(
                store,
                table_index(data.a),
                *inst.tables.add(data.bc() as usize),
                rd(i.a),
                rd(i.b),
                rd(i.c),
            ),
            Op::TableInit => {
                let t = table_index(data.a);
                (calls.table_init)(store, id, t, data.bc(), rd(i.a), rd(i.b), rd(i.c))
            }
            Op::ElemDrop => {
                (calls.elem_drop)(store, id, i.bc());
                Ok(())
            }
            _ => unreachable!("an instruction performed in line"),
        }
    }
}
