//! The threads proposal's atomic instructions: one handler per opcode, each
//! the shared implementation (`vm::atomic`) specialised to its opcode. An
//! access past the end of the memory goes to `out_of_bounds`, which looks
//! for growth by another thread before trapping.

use super::memory::out_of_bounds;
use super::prelude::*;
use crate::ir::{Instr, Op};
use crate::vm::MemoryView;

/// The handlers, each named after its opcode.
macro_rules! atomic_handlers {
    ($($name:ident)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            const OP: Op = Op::$name;
            const WORDS: usize = OP.format().data_words();
            let data = if WORDS > 0 { (*ip.add(1)).instr } else { i };
            // Only `wait` and `notify` use the memory's store index.
            let memory = if matches!(OP, Op::AtomicWait32 | Op::AtomicWait64 | Op::AtomicNotify) {
                *(*cx).vm.instance.memories.add(data.c as usize)
            } else {
                0
            };
            let view = MemoryView { base: mem, len };
            let instr = Instr::new(OP, i.a, i.b, i.c);
            match crate::vm::atomic(&raw mut (*cx).vm, fp, instr, data, view, memory) {
                Ok(()) => next!(ip.add(1 + WORDS), fp, cx, mem, len, acc, iacc),
                Err(TrapCode::MemoryOutOfBounds) => out_of_bounds(ip, fp, cx, mem, len, acc, iacc),
                Err(code) => trap(cx, ip, fp, code),
            }
        });
    )*};
}

atomic_handlers! {
    AtomicLoad8 AtomicLoad16 AtomicLoad32 AtomicLoad64
    AtomicStore8 AtomicStore16 AtomicStore32 AtomicStore64
    AtomicAdd8 AtomicAdd16 AtomicAdd32 AtomicAdd64
    AtomicSub8 AtomicSub16 AtomicSub32 AtomicSub64
    AtomicAnd8 AtomicAnd16 AtomicAnd32 AtomicAnd64
    AtomicOr8 AtomicOr16 AtomicOr32 AtomicOr64
    AtomicXor8 AtomicXor16 AtomicXor32 AtomicXor64
    AtomicXchg8 AtomicXchg16 AtomicXchg32 AtomicXchg64
    AtomicCmpxchg8 AtomicCmpxchg16 AtomicCmpxchg32 AtomicCmpxchg64
    AtomicWait32 AtomicWait64 AtomicNotify AtomicFence
}
