//! The GC proposal: `i31` references here; struct, array and cast
//! operations run out of line (`runtime/gc_ops.rs`, through the VM
//! context's libcall, which compiled code calls too).

use super::prelude::*;
use crate::gc::{i31_ref, i31_value};

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

/// The operations of [`Format::Gc`](crate::ir::Format::Gc): two data words
/// follow each.
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
    StructNew StructNewDefault StructGet StructGetS StructGetU StructSet
    ArrayNew ArrayNewDefault ArrayNewFixed ArrayNewData ArrayNewElem
    ArrayGet ArrayGetS ArrayGetU ArraySet ArrayLen ArrayFill ArrayCopy
    ArrayInitData ArrayInitElem RefTest RefCast
}
