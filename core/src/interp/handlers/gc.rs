//! The GC proposal: `i31` references and field and element access here,
//! reading the heap through the context's view of it (`gc::access`, the
//! accessors the runtime shares); allocation, bulk array operations and
//! casts run out of line (`runtime/gc_ops.rs`, through the VM context's
//! libcall).

use super::prelude::*;
use crate::gc::layout::FieldKind;
use crate::gc::{access, i31_ref, i31_value, object_of};

handler!(RefI31, |i, ip, fp, cx, mem, len, acc, iacc| {
    wr(fp, i.a, i31_ref(rd(fp, i.b) as u32));
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

/// `i31.get_s` and `i31.get_u`: trap on null.
macro_rules! i31_get {
    ($($name:ident: $signed:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let r = rd(fp, i.b);
            if r == 0 {
                return trap(cx, ip, fp, TrapCode::NullI31Reference);
            }
            wr(fp, i.a, i31_value(r, $signed) as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
i31_get! {
    I31GetS: true;
    I31GetU: false;
}

/// The heap's bytes, for the duration of one access.
///
/// # Safety
/// `cx` is the live context; its heap view is current (every allocation
/// refreshes it) and nothing else uses the heap during the access.
#[inline(always)]
unsafe fn heap<'a>(cx: *mut InterpContext) -> &'a mut [u8] {
    // SAFETY: the contract: the view describes the live arena.
    unsafe {
        let view = (*cx).vm.gc_heap;
        core::slice::from_raw_parts_mut(view.base, view.len)
    }
}

/// Writes a value read from a field of `kind` to slot `a` (and the next,
/// for a `v128`). Same contract as [`wr`].
#[inline(always)]
unsafe fn wr_field(fp: Fp, a: u16, kind: FieldKind, v: [u64; 2]) {
    // SAFETY: forwarded contract; a `v128` result has two slots.
    unsafe {
        wr(fp, a, v[0]);
        if kind == FieldKind::V128 {
            wr(fp, a + 1, v[1]);
        }
    }
}

/// `struct.get`, `_s`, `_u`: the field's kind in the first data word's
/// `a`, its byte offset in the second's `b|c`.
macro_rules! struct_get {
    ($($name:ident: $signed:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kind = FieldKind::from_code((*ip.add(1)).instr.a);
            let offset = (*ip.add(2)).instr.bc() as usize;
            let v = object_of(rd(fp, i.b))
                .and_then(|at| access::read(heap(cx), at as usize + offset, kind, $signed));
            let Some(v) = v else {
                return trap(cx, ip, fp, TrapCode::NullStructReference);
            };
            wr_field(fp, i.a, kind, v);
            next!(ip.add(3), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
struct_get! {
    StructGet: false;
    StructGetS: true;
    StructGetU: false;
}

handler!(StructSet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let kind = FieldKind::from_code((*ip.add(1)).instr.a);
    let offset = (*ip.add(2)).instr.bc() as usize;
    let v = [
        rd(fp, i.b),
        if kind == FieldKind::V128 {
            rd(fp, i.b + 1)
        } else {
            0
        },
    ];
    let done = object_of(rd(fp, i.a))
        .and_then(|at| access::write(heap(cx), at as usize + offset, kind, v));
    if done.is_none() {
        return trap(cx, ip, fp, TrapCode::NullStructReference);
    }
    next!(ip.add(3), fp, cx, mem, len, acc, iacc)
});

/// The byte of element `index` of the array `array` refers to, or the
/// trap: null, or the index out of bounds. Same contract as [`heap`].
#[inline(always)]
unsafe fn element_at(
    cx: *mut InterpContext,
    array: u64,
    index: u64,
    kind: FieldKind,
) -> Result<usize, TrapCode> {
    let at = object_of(array).ok_or(TrapCode::NullArrayReference)?;
    // SAFETY: forwarded contract.
    let len =
        access::array_len(unsafe { heap(cx) }, at as usize).ok_or(TrapCode::NullArrayReference)?;
    if index >= len as u64 {
        return Err(TrapCode::ArrayOutOfBounds);
    }
    Ok(access::element(at, kind, index as u32))
}

/// `array.get`, `_s`, `_u`: the element's kind in the first data word's
/// `a`.
macro_rules! array_get {
    ($($name:ident: $signed:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let kind = FieldKind::from_code((*ip.add(1)).instr.a);
            let v = element_at(cx, rd(fp, i.b), rd(fp, i.c), kind)
                .and_then(|at| access::read(heap(cx), at, kind, $signed)
                    .ok_or(TrapCode::ArrayOutOfBounds));
            match v {
                Ok(v) => wr_field(fp, i.a, kind, v),
                Err(code) => return trap(cx, ip, fp, code),
            }
            next!(ip.add(3), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
array_get! {
    ArrayGet: false;
    ArrayGetS: true;
    ArrayGetU: false;
}

handler!(ArraySet, |i, ip, fp, cx, mem, len, acc, iacc| {
    let kind = FieldKind::from_code((*ip.add(1)).instr.a);
    let v = [
        rd(fp, i.c),
        if kind == FieldKind::V128 {
            rd(fp, i.c + 1)
        } else {
            0
        },
    ];
    let done = element_at(cx, rd(fp, i.a), rd(fp, i.b), kind)
        .and_then(|at| access::write(heap(cx), at, kind, v).ok_or(TrapCode::ArrayOutOfBounds));
    if let Err(code) = done {
        return trap(cx, ip, fp, code);
    }
    next!(ip.add(3), fp, cx, mem, len, acc, iacc)
});

handler!(ArrayLen, |i, ip, fp, cx, mem, len, acc, iacc| {
    let n = object_of(rd(fp, i.b)).and_then(|at| access::array_len(heap(cx), at as usize));
    let Some(n) = n else {
        return trap(cx, ip, fp, TrapCode::NullArrayReference);
    };
    wr(fp, i.a, n as u64);
    next!(ip.add(3), fp, cx, mem, len, acc, iacc)
});

/// The other operations of [`Format::Gc`](crate::ir::Format::Gc): two data
/// words follow each.
macro_rules! out_of_line_gc {
    ($($name:ident)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let pc = super::super::pc_of(cx, ip);
            let gc = (*cx).vm.libcalls.gc;
            if let Err(code) = gc(&raw mut (*cx).vm, fp, pc) {
                return trap(cx, ip, fp, code);
            }
            next!(ip.add(3), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
out_of_line_gc! {
    StructNew StructNewDefault
    ArrayNew ArrayNewDefault ArrayNewFixed ArrayNewData ArrayNewElem
    ArrayFill ArrayCopy ArrayInitData ArrayInitElem RefTest RefCast
}
