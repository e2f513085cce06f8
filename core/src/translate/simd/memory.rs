//! SIMD loads and stores: whole `v128`s, extending, splatting and
//! zero-extending loads, and single lanes, each one opcode, through
//! `address` (large and 64-bit offsets folded into `addr_offset`) and
//! `on_memory` (another memory between `memory.select` and
//! `memory.restore`), as scalar accesses.

use super::super::FuncTranslator;
use crate::error::Error;
use crate::ir::{Instr, Op};
use wasmparser::{MemArg, Operator as W};

/// Translates `op` if it is one of this family's.
pub(super) fn translate(
    t: &mut FuncTranslator<'_>,
    op: &W<'_>,
    offset: usize,
) -> Option<Result<(), Error>> {
    use Op as O;
    Some(match *op {
        W::V128Load { memarg } => load(t, O::V128Load, memarg, offset),
        W::V128Load8x8S { memarg } => load(t, O::V128Load8x8S, memarg, offset),
        W::V128Load8x8U { memarg } => load(t, O::V128Load8x8U, memarg, offset),
        W::V128Load16x4S { memarg } => load(t, O::V128Load16x4S, memarg, offset),
        W::V128Load16x4U { memarg } => load(t, O::V128Load16x4U, memarg, offset),
        W::V128Load32x2S { memarg } => load(t, O::V128Load32x2S, memarg, offset),
        W::V128Load32x2U { memarg } => load(t, O::V128Load32x2U, memarg, offset),
        W::V128Load8Splat { memarg } => load(t, O::V128Load8Splat, memarg, offset),
        W::V128Load16Splat { memarg } => load(t, O::V128Load16Splat, memarg, offset),
        W::V128Load32Splat { memarg } => load(t, O::V128Load32Splat, memarg, offset),
        W::V128Load64Splat { memarg } => load(t, O::V128Load64Splat, memarg, offset),
        W::V128Load32Zero { memarg } => load(t, O::V128Load32Zero, memarg, offset),
        W::V128Load64Zero { memarg } => load(t, O::V128Load64Zero, memarg, offset),
        W::V128Store { memarg } => store(t, O::V128Store, memarg, offset),
        W::V128Load8Lane { memarg, lane } => load_lane(t, O::V128Load8Lane, memarg, lane, offset),
        W::V128Load16Lane { memarg, lane } => load_lane(t, O::V128Load16Lane, memarg, lane, offset),
        W::V128Load32Lane { memarg, lane } => load_lane(t, O::V128Load32Lane, memarg, lane, offset),
        W::V128Load64Lane { memarg, lane } => load_lane(t, O::V128Load64Lane, memarg, lane, offset),
        W::V128Store8Lane { memarg, lane } => {
            store_lane(t, O::V128Store8Lane, memarg, lane, offset)
        }
        W::V128Store16Lane { memarg, lane } => {
            store_lane(t, O::V128Store16Lane, memarg, lane, offset)
        }
        W::V128Store32Lane { memarg, lane } => {
            store_lane(t, O::V128Store32Lane, memarg, lane, offset)
        }
        W::V128Store64Lane { memarg, lane } => {
            store_lane(t, O::V128Store64Lane, memarg, lane, offset)
        }
        _ => return None,
    })
}

/// A load into a new `v128`.
fn load(t: &mut FuncTranslator<'_>, op: Op, memarg: MemArg, offset: usize) -> Result<(), Error> {
    let (memory, addr, off) = t.address(memarg, offset)?;
    let dst = t.push_v128();
    t.on_memory(memory, |t| t.emit_v128(Instr::new(op, dst, addr, off)));
    Ok(())
}

/// A store of the `v128` on top of the stack.
fn store(t: &mut FuncTranslator<'_>, op: Op, memarg: MemArg, offset: usize) -> Result<(), Error> {
    // The value's slots are fixed before the address is computed, since
    // `address` may reuse the address's temporary.
    let value = t.pop_v128();
    let (memory, addr, off) = t.address(memarg, offset)?;
    t.on_memory(memory, |t| {
        t.emit(Instr::new(op, addr, value, off));
    });
    Ok(())
}

/// A lane of the `v128` on top of the stack replaced by a load.
fn load_lane(
    t: &mut FuncTranslator<'_>,
    op: Op,
    memarg: MemArg,
    lane: u8,
    offset: usize,
) -> Result<(), Error> {
    let src = t.pop_v128();
    let (memory, addr, off) = t.address(memarg, offset)?;
    let dst = t.push_v128();
    t.on_memory(memory, |t| {
        t.emit(Instr::new(op, dst, addr, off));
        t.emit_v128(Instr::new(Op::Data, src, lane as u16, 0));
    });
    Ok(())
}

/// A lane of the `v128` on top of the stack stored.
fn store_lane(
    t: &mut FuncTranslator<'_>,
    op: Op,
    memarg: MemArg,
    lane: u8,
    offset: usize,
) -> Result<(), Error> {
    let value = t.pop_v128();
    let (memory, addr, off) = t.address(memarg, offset)?;
    t.on_memory(memory, |t| {
        t.emit(Instr::new(op, addr, value, off));
        t.emit(Instr::new(Op::Data, 0, lane as u16, 0));
    });
    Ok(())
}
