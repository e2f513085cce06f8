//! The threads proposal's instructions: atomic loads and stores, the
//! read-modify-writes, `memory.atomic.wait`/`notify` and `atomic.fence`.
//! The `i32` and `i64` forms of one access width translate to one opcode
//! (slots hold values zero-extended).

use super::FuncTranslator;
use crate::error::Error;
use crate::ir::{Instr, Op, SlotType};
use wasmparser::{MemArg, Operator};

/// The read-modify-write families: for each, the Wasm operators (`i32`,
/// `i64`, then the narrow `i32` 8/16 and `i64` 8/16/32 ones) and the
/// opcodes of the 8-, 16-, 32- and 64-bit accesses.
macro_rules! rmw_families {
    ($op:expr; $($i32:ident $i64:ident $i32_8:ident $i32_16:ident $i64_8:ident $i64_16:ident
        $i64_32:ident => $o8:ident $o16:ident $o32:ident $o64:ident;)*) => {
        match $op {
            $(
                Operator::$i32 { memarg } => Some((Op::$o32, SlotType::I32, memarg)),
                Operator::$i64 { memarg } => Some((Op::$o64, SlotType::I64, memarg)),
                Operator::$i32_8 { memarg } => Some((Op::$o8, SlotType::I32, memarg)),
                Operator::$i32_16 { memarg } => Some((Op::$o16, SlotType::I32, memarg)),
                Operator::$i64_8 { memarg } => Some((Op::$o8, SlotType::I64, memarg)),
                Operator::$i64_16 { memarg } => Some((Op::$o16, SlotType::I64, memarg)),
                Operator::$i64_32 { memarg } => Some((Op::$o32, SlotType::I64, memarg)),
            )*
            _ => None,
        }
    };
}

/// The opcode, result type and memory argument of a read-modify-write.
fn rmw(op: &Operator<'_>) -> Option<(Op, SlotType, MemArg)> {
    rmw_families! { *op;
        I32AtomicRmwAdd I64AtomicRmwAdd I32AtomicRmw8AddU I32AtomicRmw16AddU
            I64AtomicRmw8AddU I64AtomicRmw16AddU I64AtomicRmw32AddU
            => AtomicAdd8 AtomicAdd16 AtomicAdd32 AtomicAdd64;
        I32AtomicRmwSub I64AtomicRmwSub I32AtomicRmw8SubU I32AtomicRmw16SubU
            I64AtomicRmw8SubU I64AtomicRmw16SubU I64AtomicRmw32SubU
            => AtomicSub8 AtomicSub16 AtomicSub32 AtomicSub64;
        I32AtomicRmwAnd I64AtomicRmwAnd I32AtomicRmw8AndU I32AtomicRmw16AndU
            I64AtomicRmw8AndU I64AtomicRmw16AndU I64AtomicRmw32AndU
            => AtomicAnd8 AtomicAnd16 AtomicAnd32 AtomicAnd64;
        I32AtomicRmwOr I64AtomicRmwOr I32AtomicRmw8OrU I32AtomicRmw16OrU
            I64AtomicRmw8OrU I64AtomicRmw16OrU I64AtomicRmw32OrU
            => AtomicOr8 AtomicOr16 AtomicOr32 AtomicOr64;
        I32AtomicRmwXor I64AtomicRmwXor I32AtomicRmw8XorU I32AtomicRmw16XorU
            I64AtomicRmw8XorU I64AtomicRmw16XorU I64AtomicRmw32XorU
            => AtomicXor8 AtomicXor16 AtomicXor32 AtomicXor64;
        I32AtomicRmwXchg I64AtomicRmwXchg I32AtomicRmw8XchgU I32AtomicRmw16XchgU
            I64AtomicRmw8XchgU I64AtomicRmw16XchgU I64AtomicRmw32XchgU
            => AtomicXchg8 AtomicXchg16 AtomicXchg32 AtomicXchg64;
        I32AtomicRmwCmpxchg I64AtomicRmwCmpxchg I32AtomicRmw8CmpxchgU I32AtomicRmw16CmpxchgU
            I64AtomicRmw8CmpxchgU I64AtomicRmw16CmpxchgU I64AtomicRmw32CmpxchgU
            => AtomicCmpxchg8 AtomicCmpxchg16 AtomicCmpxchg32 AtomicCmpxchg64;
    }
}

impl FuncTranslator<'_> {
    /// Translates `op` if it is an instruction of the threads proposal.
    pub(super) fn translate_atomic(
        &mut self,
        op: &Operator<'_>,
        offset: usize,
    ) -> Option<Result<(), Error>> {
        use Op as O;
        use Operator as W;
        use SlotType as T;
        if let Some((op, ty, memarg)) = rmw(op) {
            let cmpxchg = matches!(
                op,
                O::AtomicCmpxchg8 | O::AtomicCmpxchg16 | O::AtomicCmpxchg32 | O::AtomicCmpxchg64
            );
            let operands = if cmpxchg { 2 } else { 1 };
            return Some(self.atomic_op(op, memarg, ty, operands, offset));
        }
        Some(match *op {
            W::I32AtomicLoad { memarg } => {
                self.atomic_load(O::AtomicLoad32, memarg, T::I32, offset)
            }
            W::I64AtomicLoad { memarg } => {
                self.atomic_load(O::AtomicLoad64, memarg, T::I64, offset)
            }
            W::I32AtomicLoad8U { memarg } => {
                self.atomic_load(O::AtomicLoad8, memarg, T::I32, offset)
            }
            W::I32AtomicLoad16U { memarg } => {
                self.atomic_load(O::AtomicLoad16, memarg, T::I32, offset)
            }
            W::I64AtomicLoad8U { memarg } => {
                self.atomic_load(O::AtomicLoad8, memarg, T::I64, offset)
            }
            W::I64AtomicLoad16U { memarg } => {
                self.atomic_load(O::AtomicLoad16, memarg, T::I64, offset)
            }
            W::I64AtomicLoad32U { memarg } => {
                self.atomic_load(O::AtomicLoad32, memarg, T::I64, offset)
            }
            W::I32AtomicStore8 { memarg } | W::I64AtomicStore8 { memarg } => {
                self.atomic_store(O::AtomicStore8, memarg, offset)
            }
            W::I32AtomicStore16 { memarg } | W::I64AtomicStore16 { memarg } => {
                self.atomic_store(O::AtomicStore16, memarg, offset)
            }
            W::I32AtomicStore { memarg } | W::I64AtomicStore32 { memarg } => {
                self.atomic_store(O::AtomicStore32, memarg, offset)
            }
            W::I64AtomicStore { memarg } => self.atomic_store(O::AtomicStore64, memarg, offset),
            W::MemoryAtomicNotify { memarg } => {
                self.atomic_op(O::AtomicNotify, memarg, T::I32, 1, offset)
            }
            W::MemoryAtomicWait32 { memarg } => {
                self.atomic_op(O::AtomicWait32, memarg, T::I32, 2, offset)
            }
            W::MemoryAtomicWait64 { memarg } => {
                self.atomic_op(O::AtomicWait64, memarg, T::I32, 2, offset)
            }
            W::AtomicFence { .. } => {
                self.emit(Instr::new(O::AtomicFence, 0, 0, 0));
                Ok(())
            }
            _ => return None,
        })
    }

    /// An atomic load into a new temporary of type `ty`.
    fn atomic_load(
        &mut self,
        op: Op,
        memarg: MemArg,
        ty: SlotType,
        offset: usize,
    ) -> Result<(), Error> {
        let (memory, addr, off) = self.address(memarg, offset)?;
        let dst = self.push_temp(ty);
        self.on_memory(memory, |t| t.emit_def(Instr::new(op, dst, addr, off)));
        Ok(())
    }

    /// An atomic store of the value on top of the stack.
    fn atomic_store(&mut self, op: Op, memarg: MemArg, offset: usize) -> Result<(), Error> {
        let (value, pos) = self.pop();
        // Fixed before `address`, which may reuse the address's temporary.
        let value = self.slot_of(value, pos);
        let (memory, addr, off) = self.address(memarg, offset)?;
        self.on_memory(memory, |t| {
            t.emit(Instr::new(op, addr, value, off));
        });
        Ok(())
    }

    /// A [`Format::Atomic`](crate::ir::Format::Atomic) instruction with
    /// `operands` operands (one or two) above its address, whose result
    /// (of type `ty`) goes to a new temporary.
    fn atomic_op(
        &mut self,
        op: Op,
        memarg: MemArg,
        ty: SlotType,
        operands: usize,
        offset: usize,
    ) -> Result<(), Error> {
        let mut slots = [0u16; 2];
        for k in (0..operands).rev() {
            let (operand, pos) = self.pop();
            slots[k] = self.slot_of(operand, pos);
        }
        let second = if operands == 2 { slots[1] } else { slots[0] };
        let (memory, addr, off) = self.address(memarg, offset)?;
        let dst = self.push_temp(ty);
        self.on_memory(memory, |t| {
            t.emit_def(Instr::new(op, dst, addr, off));
            t.emit(Instr::new(Op::Data, slots[0], second, memory));
        });
        self.last_def = None;
        Ok(())
    }
}
