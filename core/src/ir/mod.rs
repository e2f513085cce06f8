//! wisp's register IR.
//!
//! A function's frame is one contiguous array of 64-bit slots laid out as
//! `[params | locals | temporaries]`; an instruction names slots by a 16-bit
//! index relative to the frame. Every instruction is one 8-byte [`Instr`]
//! (`op` and three 16-bit fields); the few that need more carry
//! [`Op::Data`] words after them. The opcode list is a single macro,
//! [`for_each_op!`](crate::for_each_op), from which the [`Op`] enum, the
//! names printed by `--dump-ir` and the operand formats are all derived, so an
//! opcode cannot be half-added; the interpreter matches on [`Op`] without a
//! wildcard arm, so a new opcode without an implementation does not compile.
//!
//! Conventions every producer and consumer relies on:
//! - `i32` and `f32` values are stored zero-extended to 64 bits, so an `i32`
//!   slot can be read as a `u64` address and `i64.extend_i32_u` or the
//!   `reinterpret` instructions need no code.
//! - A reference is `0` for null, otherwise a store index (funcref,
//!   exnref) plus one; a reference of the internal or external hierarchy
//!   is an `i31`, a GC heap offset or tagged host data (`gc/mod.rs`).
//! - A `v128` takes two adjacent slots, low half first, wherever a value
//!   lives: locals, temporaries, arguments and results, block results.
//!   Arities in the IR (`return_span`, frame offsets) count slots.
//! - Branch offsets are in instruction words, relative to the branching
//!   instruction itself.
//! - `call` places the callee's frame at `caller_frame + a`: the arguments the
//!   caller left in its temporaries are the callee's parameters, and the
//!   callee's results come back in the same slots.

mod dump;
pub(crate) mod forms;
mod gc_heap_type;
mod handler_table;
mod ops;
mod simd_ops;
mod slot_type;
mod verify;

pub use dump::dump_function;
#[cfg(wisp_jit)]
pub(crate) use dump::dump_instr;
pub use forms::Form;
pub use gc_heap_type::GcHeapType;
pub use handler_table::{ANY_TAG, Catch, HandlerRange, NO_HANDLER, innermost};
pub use ops::{Format, Op, SlotFields};
pub use slot_type::{SlotType, StackMap};
pub use verify::verify;

/// One 8-byte IR word: an opcode and three 16-bit operand fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(8))]
pub struct Instr {
    /// The operation.
    pub op: Op,
    /// First operand field (usually the destination slot).
    pub a: u16,
    /// Second operand field.
    pub b: u16,
    /// Third operand field.
    pub c: u16,
}

const _: () = assert!(core::mem::size_of::<Instr>() == 8);

impl Instr {
    /// An instruction with three 16-bit fields.
    #[inline]
    pub const fn new(op: Op, a: u16, b: u16, c: u16) -> Self {
        Self { op, a, b, c }
    }

    /// An instruction whose `b` and `c` fields hold one 32-bit immediate.
    #[inline]
    pub const fn with_u32(op: Op, a: u16, imm: u32) -> Self {
        Self {
            op,
            a,
            b: imm as u16,
            c: (imm >> 16) as u16,
        }
    }

    /// The 32-bit immediate held in `b` (low half) and `c` (high half).
    #[inline(always)]
    pub const fn bc(&self) -> u32 {
        self.b as u32 | (self.c as u32) << 16
    }

    /// `c` as a signed 16-bit immediate.
    #[inline(always)]
    pub const fn c_i16(&self) -> i16 {
        self.c as i16
    }

    /// `b` as a signed 16-bit immediate.
    #[inline(always)]
    pub const fn b_i16(&self) -> i16 {
        self.b as i16
    }

    /// How many [`Op::Data`] words follow this instruction (a `br_table`
    /// counts its targets and its default).
    pub const fn data_words(&self) -> usize {
        match self.op.format() {
            Format::BrTable => self.bc() as usize + 1,
            format => format.data_words(),
        }
    }
}

/// A function translated to IR, ready to run.
#[derive(Debug, Clone)]
pub struct CompiledFunc {
    /// Number of parameter slots.
    pub num_params: u16,
    /// Number of declared (non-parameter) local slots, zeroed on entry.
    pub num_locals: u16,
    /// Number of result slots.
    pub num_results: u16,
    /// Total slots the frame needs: params, locals, constants and the
    /// deepest temporary.
    pub frame_size: u16,
    /// Function-local constants, copied to the slots right after the locals
    /// when a frame is entered. The slots where legacy `catch` clauses keep
    /// the exception they caught are among them (each its own, starting
    /// null: the [`Catch::exnref_at`] of such a clause); the others are
    /// never written.
    pub consts: alloc::boxed::Box<[u64]>,
    /// The instruction words (data words included), in order.
    pub code: alloc::boxed::Box<[Instr]>,
    /// Every instruction that can trap or call ([`Op::may_trap`]) with the
    /// byte offset, in the module, of the Wasm operator it came from; by
    /// ascending pc.
    pub trap_sites: alloc::boxed::Box<[TrapSite]>,
    /// The pc of each loop header (the first instruction of a loop body,
    /// where its back edges land), ascending: where tier-up counts
    /// iterations and on-stack replacement enters.
    pub loop_headers: alloc::boxed::Box<[u32]>,
    /// The type of each parameter and local slot, in slot order. Constant
    /// slots are untyped bit patterns shared between types (the only
    /// reference constant is null, zero).
    pub slot_types: alloc::boxed::Box<[SlotType]>,
    /// The operand stack at every call, by ascending pc: which temporaries
    /// below the callee's frame hold a value, and of what type (entries in
    /// [`stack_types`](Self::stack_types)). With `slot_types`, what a
    /// collector scans for references at a call.
    pub stack_maps: alloc::boxed::Box<[StackMap]>,
    /// The entries of every stack map, one per temporary.
    pub stack_types: alloc::boxed::Box<[Option<SlotType>]>,
    /// The exception handlers' ranges (see [`HandlerRange`]), in the order
    /// their bodies open.
    pub handlers: alloc::boxed::Box<[HandlerRange]>,
    /// The catch clauses of every range.
    pub catches: alloc::boxed::Box<[Catch]>,
}

/// An instruction that can trap or call, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrapSite {
    /// The instruction's pc (word index).
    pub pc: u32,
    /// Byte offset of its Wasm operator in the module.
    pub wasm_offset: u32,
}

impl CompiledFunc {
    /// The instruction words (data words included), in order.
    pub fn code(&self) -> &[Instr] {
        &self.code
    }

    /// The Wasm byte offset of the instruction at `pc`, if it can trap or
    /// call.
    pub fn wasm_offset(&self, pc: u32) -> Option<u32> {
        let k = self.trap_sites.binary_search_by_key(&pc, |s| s.pc).ok()?;
        Some(self.trap_sites[k].wasm_offset)
    }

    /// The operand stack at the call at `pc`: the type of each temporary
    /// (from the first) that holds a value, `None` for one that does not.
    pub fn stack_map(&self, pc: u32) -> Option<&[Option<SlotType>]> {
        let k = self.stack_maps.binary_search_by_key(&pc, |m| m.pc).ok()?;
        let map = self.stack_maps[k];
        self.stack_types
            .get(map.start as usize..(map.start + map.len) as usize)
    }

    /// The Wasm byte offset of the call a frame suspended at `resume_pc`
    /// (the instruction after the call) is waiting on: the last trap site
    /// before it.
    pub fn call_offset(&self, resume_pc: u32) -> Option<u32> {
        self.call_site(resume_pc).map(|s| s.wasm_offset)
    }

    /// The call a frame suspended at `resume_pc` is waiting on: the last
    /// trap site before it (its pc and Wasm offset).
    pub fn call_site(&self, resume_pc: u32) -> Option<TrapSite> {
        let k = self.trap_sites.partition_point(|s| s.pc < resume_pc);
        k.checked_sub(1).map(|k| self.trap_sites[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immediates_round_trip() {
        let i = Instr::with_u32(Op::Const32, 3, 0xdead_beef);
        assert_eq!(i.bc(), 0xdead_beef);
        let j = Instr::new(Op::BrI32LtSImm, 1, (-5i16) as u16, (-300i16) as u16);
        assert_eq!(j.b_i16(), -5);
        assert_eq!(j.c_i16(), -300);
    }
}
