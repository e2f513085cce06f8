//! The GC proposal: `i31` references and field and element access here,
//! through `vm::gc_access` (which compiled code calls too); allocation,
//! bulk array operations and casts run out of line (`runtime/gc_ops.rs`,
//! through the VM context's libcall).

use super::prelude::*;

/// The accesses: an instruction of [`Format::Gc`](crate::ir::Format::Gc)
/// (two data words) or, for `i31`, of one word.
macro_rules! gc_access {
    ($($name:ident $width:literal;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let (first, second) = if $width > 1 {
                ((*ip.add(1)).instr, (*ip.add(2)).instr)
            } else {
                (i, i)
            };
            if let Err(code) = crate::vm::gc_access(&raw mut (*cx).vm, fp, i, first, second) {
                return trap(cx, ip, fp, code);
            }
            next!(ip.add($width), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
gc_access! {
    RefI31 1;
    I31GetS 1;
    I31GetU 1;
    StructGet 3;
    StructGetS 3;
    StructGetU 3;
    StructSet 3;
    ArrayGet 3;
    ArrayGetS 3;
    ArrayGetU 3;
    ArraySet 3;
    ArrayLen 3;
}

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
