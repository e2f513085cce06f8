//! The GC instructions both tiers perform without the store: `i31`
//! references and field and element access, through the context's view of
//! the GC heap (bounds-checked against it, `gc::access`). The interpreter's
//! handlers inline [`gc_access`]; compiled code calls it through a helper.
//! Allocation, bulk array operations and casts go to the runtime (the
//! `gc` libcall).

use super::VmContext;
use crate::gc::layout::FieldKind;
use crate::gc::{access, i31_ref, i31_value, object_of};
use crate::ir::{Instr, Op};
use crate::trap::TrapCode;

/// Whether [`gc_access`] performs `op` (the JIT's question: the
/// interpreter has a handler per opcode).
#[cfg(wisp_jit)]
pub(crate) const fn is_gc_access(op: Op) -> bool {
    matches!(
        op,
        Op::RefI31
            | Op::I31GetS
            | Op::I31GetU
            | Op::StructGet
            | Op::StructGetS
            | Op::StructGetU
            | Op::StructSet
            | Op::ArrayGet
            | Op::ArrayGetS
            | Op::ArrayGetU
            | Op::ArraySet
            | Op::ArrayLen
    )
}

/// Performs instruction `i` (one of [`is_gc_access`]; `first` and `second`
/// its data words, where it has them) of the function running in the frame
/// at `fp`.
///
/// # Safety
/// `vm` is the live context of a run, whose heap view is current (every
/// allocation refreshes it); `i`'s slots lie in the frame (translator);
/// nothing else uses the heap meanwhile.
#[inline(always)]
pub(crate) unsafe fn gc_access(
    vm: *mut VmContext,
    fp: *mut u64,
    i: Instr,
    first: Instr,
    second: Instr,
) -> Result<(), TrapCode> {
    // SAFETY: the contract: the view describes the live arena and the
    // slots lie in the frame.
    unsafe {
        let rd = |s: u16| *fp.add(s as usize);
        let wr = |s: u16, v: u64| *fp.add(s as usize) = v;
        let heap = || {
            let view = (*vm).gc_heap;
            core::slice::from_raw_parts_mut(view.base, view.len)
        };
        let kind = FieldKind::from_code(first.a);
        let wide = kind == FieldKind::V128;
        let write_result = |v: [u64; 2]| {
            wr(i.a, v[0]);
            if wide {
                wr(i.a + 1, v[1]);
            }
        };
        // The byte of element `index` of the array `array` refers to.
        let element = |array: u64, index: u64| -> Result<usize, TrapCode> {
            let at = object_of(array).ok_or(TrapCode::NullArrayReference)?;
            let len = access::array_len(heap(), at as usize).ok_or(TrapCode::NullArrayReference)?;
            if index >= len as u64 {
                return Err(TrapCode::ArrayOutOfBounds);
            }
            Ok(access::element(at, kind, index as u32))
        };
        match i.op {
            Op::RefI31 => wr(i.a, i31_ref(rd(i.b) as u32)),
            Op::I31GetS | Op::I31GetU => {
                let r = rd(i.b);
                if r == 0 {
                    return Err(TrapCode::NullI31Reference);
                }
                wr(i.a, i31_value(r, i.op == Op::I31GetS) as u64);
            }
            Op::StructGet | Op::StructGetS | Op::StructGetU => {
                let at = object_of(rd(i.b)).ok_or(TrapCode::NullStructReference)?;
                let field = at as usize + second.bc() as usize;
                let v = access::read(heap(), field, kind, i.op == Op::StructGetS)
                    .ok_or(TrapCode::NullStructReference)?;
                write_result(v);
            }
            Op::StructSet => {
                let at = object_of(rd(i.a)).ok_or(TrapCode::NullStructReference)?;
                let v = [rd(i.b), if wide { rd(i.b + 1) } else { 0 }];
                access::write(heap(), at as usize + second.bc() as usize, kind, v)
                    .ok_or(TrapCode::NullStructReference)?;
            }
            Op::ArrayGet | Op::ArrayGetS | Op::ArrayGetU => {
                let at = element(rd(i.b), rd(i.c))?;
                let v = access::read(heap(), at, kind, i.op == Op::ArrayGetS)
                    .ok_or(TrapCode::ArrayOutOfBounds)?;
                write_result(v);
            }
            Op::ArraySet => {
                let at = element(rd(i.a), rd(i.b))?;
                let v = [rd(i.c), if wide { rd(i.c + 1) } else { 0 }];
                access::write(heap(), at, kind, v).ok_or(TrapCode::ArrayOutOfBounds)?;
            }
            Op::ArrayLen => {
                let at = object_of(rd(i.b)).ok_or(TrapCode::NullArrayReference)?;
                let len =
                    access::array_len(heap(), at as usize).ok_or(TrapCode::NullArrayReference)?;
                wr(i.a, len as u64);
            }
            other => unreachable!("{} is not a GC access", other.name()),
        }
        Ok(())
    }
}
