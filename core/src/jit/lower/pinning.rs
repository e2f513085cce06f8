//! Which locals live in registers: for the integer and float locals that
//! loops use most, a machine register for the whole function. The choice
//! is the same on every architecture; each lowering names the registers
//! behind the indices ([`Pin`]) and keeps the frame the truth at every
//! boundary another tier or the runtime can see.
//!
//! Which locals: parameters and declared locals of an integer or reference
//! type (in general registers) or a float type (in float registers), scored
//! by their uses, each use inside a loop counting
//! [`LOOP_WEIGHT`] per enclosing loop, less what spilling around the calls
//! and helpers in those loops costs; the best of each kind, as many as the
//! architecture offers, with a positive score.

use crate::ir::{CompiledFunc, Format, Op, SlotType};
use alloc::vec::Vec;

/// How much a use inside a loop counts, per enclosing loop.
const LOOP_WEIGHT: i64 = 16;

/// Where a pinned local lives: the index of its register among those the
/// architecture pins to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pin {
    /// A general register.
    Int(u8),
    /// A float register: an `f64`, or an `f32` (`double` false).
    Float(u8, bool),
}

/// How many registers of each kind an architecture pins locals to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PinRegisters {
    /// General registers.
    pub int: u8,
    /// Float registers.
    pub float: u8,
}

/// The pinned locals of a function: each slot's register, if it has one.
#[derive(Default)]
pub(crate) struct Pinned {
    /// By slot (parameters and declared locals only).
    regs: Vec<Option<Pin>>,
    /// The pinned slots and their registers.
    list: Vec<(u16, Pin)>,
}

impl Pinned {
    /// Chooses the locals of `func` to pin to `registers`.
    pub(crate) fn choose(func: &CompiledFunc, registers: PinRegisters) -> Self {
        let locals = func.num_params as usize + func.num_locals as usize;
        let code = func.code();
        let depth = loop_depths(code);
        let mut score = alloc::vec![0i64; locals];
        let mut boundaries = 0i64;
        let mut pc = 0;
        while pc < code.len() {
            let i = code[pc];
            let weight = LOOP_WEIGHT.pow(depth[pc].min(3));
            if spills(i.op) {
                boundaries += weight;
            }
            let fields = i.op.format().slot_fields();
            let data = code.get(pc + 1).copied();
            let mut used = |slot: u16| {
                if let Some(s) = score.get_mut(slot as usize) {
                    *s += weight;
                }
            };
            if fields.a {
                used(i.a);
            }
            if fields.b {
                used(i.b);
            }
            if fields.c {
                used(i.c);
            }
            if let Some(d) = data {
                if fields.data_a {
                    used(d.a);
                }
                if fields.data_b {
                    used(d.b);
                }
            }
            pc += 1 + i.data_words();
        }
        let mut candidates: Vec<(i64, u16)> = (0..locals)
            .map(|s| (score[s] - 2 * boundaries, s as u16))
            .filter(|&(score, _)| score > 0)
            .collect();
        candidates.sort_by(|a, b| b.cmp(a));
        let mut pinned = Pinned {
            regs: alloc::vec![None; locals],
            list: Vec::new(),
        };
        let (mut ints, mut floats) = (0..registers.int, 0..registers.float);
        for (_, slot) in candidates {
            let pin = match func.slot_types[slot as usize] {
                SlotType::I32
                | SlotType::I64
                | SlotType::FuncRef
                | SlotType::ExternRef
                | SlotType::AnyRef => ints.next().map(Pin::Int),
                SlotType::F64 => floats.next().map(|k| Pin::Float(k, true)),
                SlotType::F32 => floats.next().map(|k| Pin::Float(k, false)),
                // A `v128` half is never pinned: SIMD code reads and
                // writes whole pairs in the frame.
                SlotType::V128Low | SlotType::V128High => None,
                SlotType::ExnRef => None,
            };
            if let Some(pin) = pin {
                pinned.regs[slot as usize] = Some(pin);
                pinned.list.push((slot, pin));
            }
        }
        pinned
    }

    /// How many locals are pinned.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Where slot `slot` is pinned, if it is.
    pub(crate) fn pin(&self, slot: u16) -> Option<Pin> {
        self.regs.get(slot as usize).copied().flatten()
    }

    /// The pinned slots and where each lives, in the order chosen.
    pub(crate) fn list(&self) -> &[(u16, Pin)] {
        &self.list
    }
}

/// Whether lowering `op` writes the pinned registers back (a call, a
/// helper, a throw): what pinning costs at each such instruction.
fn spills(op: Op) -> bool {
    op.is_call()
        || crate::jit::helpers::is_helper(op)
        || crate::jit::helpers::whole_instruction(op).is_some()
        || matches!(
            op,
            Op::Throw | Op::ThrowRef | Op::MemoryGrow | Op::MemoryGrow64
        )
}

/// For each pc, how many loops enclose it: a branch back to an earlier pc
/// closes a loop over the pcs between.
fn loop_depths(code: &[crate::ir::Instr]) -> Vec<u32> {
    let mut depth = alloc::vec![0u32; code.len()];
    let mut pc = 0;
    while pc < code.len() {
        let i = code[pc];
        let mut back = |offset: i32| {
            if offset <= 0 {
                let start = (pc as i64 + offset as i64).max(0) as usize;
                for d in &mut depth[start..=pc] {
                    *d += 1;
                }
            }
        };
        match i.op.format() {
            Format::Br | Format::BrIf => back(i.bc() as i32),
            Format::BrCmp | Format::BrCmpImm => back(i.c_i16() as i32),
            Format::BrTable => {
                for k in 1..=i.bc() as usize + 1 {
                    back(code[pc + k].bc() as i32);
                }
            }
            _ => {}
        }
        pc += 1 + i.data_words();
    }
    depth
}
