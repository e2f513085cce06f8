//! Translation of a function body from Wasm operators to the register IR.
//!
//! One pass over the operators, in step with wasmparser's validator, keeps a
//! virtual operand stack whose entries are a local, a temporary or a constant
//! ([`Operand`]). The temporary for stack position `p` is always slot
//! `base + p`, where `base` is the number of parameters and locals, so block
//! results, loop parameters and call arguments have fixed homes and need no
//! register allocator. Instructions are emitted when a value is consumed, so
//! `local.get a; local.get b; i32.add; local.set c` becomes one instruction.

mod accumulator;
mod atomic;
mod control;
#[cfg(feature = "exceptions")]
mod exceptions;
mod gc;
mod handler_builder;
mod numeric;
mod operator;
mod operator_name;
#[cfg(feature = "simd")]
mod simd;
mod visit;

pub(crate) use operator_name::operator_name;

use crate::error::Error;
use crate::index::TypeIndex;
use crate::ir::{CompiledFunc, Instr, Op, SlotType, StackMap, TrapSite};
use crate::module::ModuleInfo;
use crate::types::ValType;
use alloc::vec::Vec;
use hashbrown::HashMap;

/// A value on the translator's virtual operand stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operand {
    /// The value of a local (or parameter) slot, not yet copied.
    Local(u16),
    /// A value in the temporary slot of its stack position.
    Temp,
    /// A constant, as its 64-bit slot encoding.
    Const(u64),
}

/// What a control frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "exceptions"), allow(dead_code))]
pub(crate) enum CtrlKind {
    /// The function body.
    Func,
    /// `block`.
    Block,
    /// `loop`; branches go to its start.
    Loop,
    /// `if` before its `else`.
    If,
    /// The `else` arm.
    Else,
    /// `try_table`.
    TryTable,
    /// A legacy `try` before its first `catch` (or `delegate`).
    Try,
    /// A legacy `try`'s `catch` or `catch_all` clauses.
    Catch,
}

/// A branch instruction whose offset is filled in when its label is placed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixup {
    /// The word holding the offset.
    word: usize,
    /// The instruction the offset is relative to.
    origin: usize,
    /// Whether the offset is 16 bits in `c` (fused branches) or 32 in `b|c`.
    short: bool,
}

/// A block, loop, if or the function body being translated.
#[derive(Debug)]
#[cfg_attr(not(feature = "exceptions"), allow(dead_code))]
pub(crate) struct Ctrl {
    kind: CtrlKind,
    /// Stack position of the first parameter.
    height: usize,
    /// Stack positions (slots) of the parameters and of the results.
    params: usize,
    results: usize,
    /// The block's type, whose result types `end` pushes.
    block_type: wasmparser::BlockType,
    /// For loops, the first instruction of the body.
    start: usize,
    /// Branches to the end of this block.
    fixups: Vec<Fixup>,
    /// For `if`, the branch to the `else` arm (or the end).
    else_fixup: Option<Fixup>,
    /// For `if`, the parameters as they were at entry, restored at `else`.
    if_params: Vec<(Operand, SlotType)>,
    /// Whether code at the start of the block was reachable.
    reachable_at_entry: bool,
    /// Whether any branch targets the end of this block.
    branched_to: bool,
    /// Exception handling (see `handler_builder.rs`): the handler range a
    /// `try_table` or `try` opened, the innermost range active where the
    /// block opened, the catch clauses that land at its end (indices), and
    /// for a legacy `try` the slot its `catch` clauses keep the exception
    /// in and those clauses.
    handler: u32,
    enclosing_handler: u32,
    catch_fixups: Vec<u32>,
    exnref_slot: Option<u16>,
    legacy_catches: Vec<crate::ir::Catch>,
}

/// Translates one function body.
pub(crate) struct FuncTranslator<'m> {
    module: &'m ModuleInfo,
    code: Vec<Instr>,
    /// The virtual operand stack, one entry per slot (a `v128` takes two
    /// positions, low half first), and the type of each entry.
    stack: Vec<Operand>,
    types: Vec<SlotType>,
    ctrl: Vec<Ctrl>,
    /// Number of parameter and local slots; temporaries start here.
    base: usize,
    /// The first slot of each local (parameters first) and its type (of
    /// the low half, for a `v128`), by local index.
    locals: Vec<(u16, SlotType)>,
    /// The type of each parameter and local slot.
    slot_types: Vec<SlotType>,
    /// For each parameter and local slot, how many stack entries read it
    /// (`Operand::Local`), and their total: so that preserving locals
    /// before a write or a block costs nothing when none is on the stack,
    /// and translation stays linear however deep the stack.
    local_uses: Vec<u32>,
    locals_on_stack: usize,
    /// Slots of the parameters and of the results.
    num_params: usize,
    num_results: usize,
    max_height: usize,
    /// Whether the current instruction is reachable.
    reachable: bool,
    /// Nesting depth of blocks opened while unreachable.
    dead_depth: usize,
    /// The last emitted instruction and the temporary it defines, if its
    /// destination may still be retargeted (no label since).
    last_def: Option<(usize, u16)>,
    /// `last_def` as it was when the last instruction was emitted: the
    /// definition just before it, if that is still unmerged.
    prev_def: Option<(usize, u16)>,
    /// When a comparison was removed to fuse it into a branch: the
    /// definition just before it, whose temporary the branch may read from
    /// the accumulator.
    cond_def: Option<(usize, u16)>,
    /// The last instruction retargeted by `local.set`/`local.tee` and its
    /// local, while no label follows it.
    local_def: Option<(usize, u16)>,
    /// The last instruction defining a `v128` pair and the pair's low slot,
    /// while no label follows it: a `local.set` of a `v128` local may
    /// retarget it when it is still the last instruction.
    #[cfg(feature = "simd")]
    v128_def: Option<(usize, u16)>,
    /// `local_def` as it was for a comparison removed to fuse it.
    cond_local_def: Option<(usize, u16)>,
    /// Whether compare-and-branch fusion (16-bit offsets) is allowed.
    fuse: bool,
    /// Set when a 16-bit branch offset did not fit; the caller retranslates
    /// without fusion.
    short_overflow: bool,
    /// Whether to emit fuel metering, and the last `consume_fuel` emitted
    /// (its cost is patched when the next metering point is placed).
    fuel: bool,
    fuel_at: Option<usize>,
    /// Whether to emit interruption checks.
    interrupt: bool,
    /// Whether to emit epoch-deadline checks.
    epoch: bool,
    /// Whether to emit tier-up counting points.
    tier_up: bool,
    /// Function-local constants, in slot order, and their index by value.
    consts: Vec<u64>,
    const_index: HashMap<u64, u16>,
    /// The `v128` constants given a pair of constant slots, and the index
    /// of each pair's low half (`translate/simd`).
    #[cfg(feature = "simd")]
    const_pairs: Vec<(u128, u16)>,
    /// Emptied fixup lists of finished blocks, reused by new ones.
    spare_fixups: Vec<Vec<Fixup>>,
    /// Byte offset of the Wasm operator being translated.
    offset: u32,
    /// Side tables: instructions that can trap or call, loop headers, the
    /// operand stack at each call.
    trap_sites: Vec<TrapSite>,
    loop_headers: Vec<u32>,
    stack_maps: Vec<StackMap>,
    stack_types: Vec<Option<SlotType>>,
    /// Exception handler ranges and catch clauses (empty for most
    /// functions, so kept out of the scratch buffers).
    handlers: handler_builder::Handlers,
}

/// The translator's working buffers, kept between functions so that
/// translating a module allocates them once rather than once per function.
#[derive(Default)]
pub(crate) struct Scratch {
    code: Vec<Instr>,
    stack: Vec<Operand>,
    types: Vec<SlotType>,
    ctrl: Vec<Ctrl>,
    locals: Vec<(u16, SlotType)>,
    slot_types: Vec<SlotType>,
    local_uses: Vec<u32>,
    consts: Vec<u64>,
    const_index: HashMap<u64, u16>,
    spare_fixups: Vec<Vec<Fixup>>,
    trap_sites: Vec<TrapSite>,
    loop_headers: Vec<u32>,
    stack_maps: Vec<StackMap>,
    stack_types: Vec<Option<SlotType>>,
}

/// The most function-local constant slots a function gets; further
/// constants are materialized where they are used.
pub(super) const MAX_CONSTS: u16 = 1024;

/// The most IR words a function body of `body_bytes` bytes may translate to:
/// 8 per byte (ordinary code emits at most about one; a branch that copies
/// the many results of a block can emit hundreds), and at most 2^24 words
/// (128 MiB, plus the interpreter's 256 MiB threaded copy) for any one
/// function. A body past it is refused, so translation memory is bounded
/// by the input's size.
fn max_ir_words(body_bytes: u64) -> usize {
    body_bytes
        .saturating_mul(8)
        .saturating_add(1024)
        .min(1 << 24) as usize
}

impl<'m> FuncTranslator<'m> {
    /// Starts translating a function of type `type_index` with the given
    /// locals (runs of one type), whose body's operators start at byte
    /// `start` of the module.
    pub(crate) fn new(
        module: &'m ModuleInfo,
        type_index: TypeIndex,
        locals: &[(u32, ValType)],
        start: usize,
        fuse: bool,
        mut scratch: Scratch,
    ) -> Self {
        let ty = module.func_type(type_index);
        let num_params = ty.param_slots();
        let num_results = ty.result_slots();
        let declared = locals
            .iter()
            .flat_map(|&(count, ty)| core::iter::repeat_n(ty, count as usize));
        for ty in ty.params().iter().copied().chain(declared) {
            let types = slot_types_in(module, ty);
            scratch
                .locals
                .push((scratch.slot_types.len() as u16, types[0]));
            scratch.slot_types.extend_from_slice(types);
        }
        let base = scratch.slot_types.len();
        scratch.local_uses.resize(base, 0);
        let mut t = Self {
            module,
            code: scratch.code,
            stack: scratch.stack,
            types: scratch.types,
            ctrl: scratch.ctrl,
            base,
            locals: scratch.locals,
            slot_types: scratch.slot_types,
            local_uses: scratch.local_uses,
            locals_on_stack: 0,
            num_params,
            num_results,
            max_height: 0,
            reachable: true,
            dead_depth: 0,
            last_def: None,
            #[cfg(feature = "simd")]
            v128_def: None,
            prev_def: None,
            cond_def: None,
            local_def: None,
            cond_local_def: None,
            fuse,
            short_overflow: false,
            fuel: module.consume_fuel,
            fuel_at: None,
            interrupt: module.interruptible,
            epoch: module.epoch_interruption,
            tier_up: module.tier_up,
            consts: scratch.consts,
            const_index: scratch.const_index,
            #[cfg(feature = "simd")]
            const_pairs: Vec::new(),
            spare_fixups: scratch.spare_fixups,
            offset: start as u32,
            trap_sites: scratch.trap_sites,
            loop_headers: scratch.loop_headers,
            stack_maps: scratch.stack_maps,
            stack_types: scratch.stack_types,
            handlers: handler_builder::Handlers::default(),
        };
        t.ctrl.push(Ctrl {
            kind: CtrlKind::Func,
            height: 0,
            params: 0,
            results: num_results,
            block_type: wasmparser::BlockType::FuncType(type_index.as_u32()),
            start: 0,
            fixups: t.spare_fixups.pop().unwrap_or_default(),
            else_fixup: None,
            if_params: Vec::new(),
            reachable_at_entry: true,
            branched_to: false,
            handler: crate::ir::NO_HANDLER,
            enclosing_handler: crate::ir::NO_HANDLER,
            catch_fixups: Vec::new(),
            exnref_slot: None,
            legacy_catches: Vec::new(),
        });
        t.emit_checks();
        t
    }

    /// Emits the metering point that starts a function body or a loop
    /// iteration: fuel for the code up to the next point, then the
    /// interruption and epoch checks, then the tier-up count.
    pub(super) fn emit_checks(&mut self) {
        if self.fuel {
            self.close_fuel_block();
            self.fuel_at = Some(self.emit(Instr::with_u32(Op::ConsumeFuel, 0, 0)));
        }
        if self.interrupt {
            self.emit(Instr::new(Op::CheckInterrupt, 0, 0, 0));
        }
        if self.epoch {
            self.emit(Instr::new(Op::CheckEpoch, 0, 0, 0));
        }
        if self.tier_up {
            self.emit(Instr::new(Op::CountHot, 0, 0, 0));
        }
    }

    /// Sets the cost of the last fuel point: the instructions after it up
    /// to here, but for the tier-up count (which every block starts with
    /// when there is one), so fuel runs out alike under every strategy.
    fn close_fuel_block(&mut self) {
        if let Some(at) = self.fuel_at.take() {
            let cost = (self.code.len() - at) as u32 - self.tier_up as u32;
            self.code[at] = Instr::with_u32(Op::ConsumeFuel, 0, cost);
        }
    }

    /// Finishes the function once its final `end` was translated.
    pub(crate) fn finish(&mut self, offset: usize) -> Result<Option<CompiledFunc>, Error> {
        self.close_fuel_block();
        if self.short_overflow {
            return Ok(None);
        }
        let num_consts = self.consts.len();
        let temps = self.max_height.max(self.num_results);
        let frame = self.base + num_consts + temps;
        // Temporaries and constants must not have met in the 16-bit space.
        if frame > u16::MAX as usize - num_consts {
            return Err(Error::compile(
                "function needs more than 65535 value slots (locals, constants and operand stack)",
                offset,
            ));
        }
        if num_consts > 0 {
            relocate(&mut self.code, self.base as u16, num_consts as u16);
            self.handlers
                .relocate(|s| relocate_slot(s, self.base as u16, num_consts as u16));
        }
        let (handlers, catches) = self.handlers.take();
        Ok(Some(CompiledFunc {
            code: self.code.as_slice().into(),
            trap_sites: self.trap_sites.as_slice().into(),
            loop_headers: self.loop_headers.as_slice().into(),
            slot_types: self.slot_types.as_slice().into(),
            stack_maps: self.stack_maps.as_slice().into(),
            stack_types: self.stack_types.as_slice().into(),
            handlers,
            catches,
            num_params: self.num_params as u16,
            num_locals: (self.base - self.num_params) as u16,
            num_results: self.num_results as u16,
            frame_size: frame as u16,
            consts: self.consts.as_slice().into(),
        }))
    }

    /// Gives back the working buffers, emptied, for the next function.
    pub(crate) fn into_scratch(mut self) -> Scratch {
        self.code.clear();
        self.stack.clear();
        self.types.clear();
        self.ctrl.clear();
        self.locals.clear();
        self.slot_types.clear();
        self.local_uses.clear();
        self.consts.clear();
        self.const_index.clear();
        self.trap_sites.clear();
        self.loop_headers.clear();
        self.stack_maps.clear();
        self.stack_types.clear();
        Scratch {
            code: self.code,
            stack: self.stack,
            types: self.types,
            ctrl: self.ctrl,
            locals: self.locals,
            slot_types: self.slot_types,
            local_uses: self.local_uses,
            consts: self.consts,
            const_index: self.const_index,
            spare_fixups: self.spare_fixups,
            trap_sites: self.trap_sites,
            loop_headers: self.loop_headers,
            stack_maps: self.stack_maps,
            stack_types: self.stack_types,
        }
    }

    // ---- emission helpers -------------------------------------------------

    /// The slot of stack position `pos`'s temporary.
    fn temp_slot(&self, pos: usize) -> u16 {
        (self.base + pos) as u16
    }

    fn emit(&mut self, i: Instr) -> usize {
        let pc = self.code.len();
        if i.op.may_trap() {
            self.trap_sites.push(TrapSite {
                pc: pc as u32,
                wasm_offset: self.offset,
            });
        }
        self.code.push(i);
        pc
    }

    /// Removes the last instruction emitted (and its trap site).
    fn unemit(&mut self) {
        self.code.pop();
        let len = self.code.len() as u32;
        if self.trap_sites.last().is_some_and(|s| s.pc == len) {
            self.trap_sites.pop();
        }
    }

    /// Emits an instruction that defines the temporary at `pos` in field `a`,
    /// remembering it so a following `local.set` can retarget it.
    fn emit_def(&mut self, i: Instr) {
        let pc = self.emit(i);
        self.prev_def = self.last_def;
        self.last_def = Some((pc, i.a));
    }

    /// Emits a constant load of `bits` into `dst`.
    fn emit_const(&mut self, dst: u16, bits: u64) {
        if bits <= u32::MAX as u64 {
            self.emit(Instr::with_u32(Op::Const32, dst, bits as u32));
        } else if bits as i64 == bits as i64 as i32 as i64 {
            self.emit(Instr::with_u32(Op::ConstI64S32, dst, bits as u32));
        } else {
            self.emit(Instr::with_u32(Op::Const64, dst, bits as u32));
            self.emit(Instr::with_u32(Op::Data, 0, (bits >> 32) as u32));
        }
    }

    /// Pushes an operand holding a value (or a `v128` half) of type `ty`.
    #[inline(always)]
    fn push(&mut self, op: Operand, ty: SlotType) {
        if let Operand::Local(l) = op {
            self.local_uses[l as usize] += 1;
            self.locals_on_stack += 1;
        }
        self.stack.push(op);
        self.types.push(ty);
        debug_assert_eq!(self.stack.len(), self.types.len());
        self.max_height = self.max_height.max(self.stack.len());
    }

    /// Counts an entry reading a local that leaves the stack (or becomes a
    /// temporary).
    #[inline]
    fn forget_use(&mut self, op: Operand) {
        if let Operand::Local(l) = op {
            self.local_uses[l as usize] -= 1;
            self.locals_on_stack -= 1;
        }
    }

    /// Pushes a temporary of type `ty` at the next position and returns its slot.
    fn push_temp(&mut self, ty: SlotType) -> u16 {
        let slot = self.temp_slot(self.stack.len());
        self.push(Operand::Temp, ty);
        slot
    }

    /// Pushes temporaries for values of type `ty` (two for a `v128`) and
    /// returns the first one's slot.
    fn push_temps_of(&mut self, ty: ValType) -> u16 {
        let slot = self.temp_slot(self.stack.len());
        for &half in slot_types_in(self.module, ty) {
            self.push(Operand::Temp, half);
        }
        slot
    }

    /// Pops the top operand; returns it with its stack position.
    fn pop(&mut self) -> (Operand, usize) {
        // Validation guarantees the stack is deep enough in reachable code.
        let op = self.stack.pop().unwrap_or(Operand::Temp);
        self.types.pop();
        self.forget_use(op);
        (op, self.stack.len())
    }

    /// The type of the top operand.
    fn top_type(&self) -> Option<SlotType> {
        self.types.last().copied()
    }

    /// Gives the top operand another type (a reinterpretation, which
    /// changes no bits).
    fn retype_top(&mut self, ty: SlotType) {
        if let Some(top) = self.types.last_mut() {
            *top = ty;
        }
    }

    /// Drops operands down to `height` entries.
    fn truncate(&mut self, height: usize) {
        if self.locals_on_stack > 0 {
            for pos in height..self.stack.len() {
                self.forget_use(self.stack[pos]);
            }
        }
        self.stack.truncate(height);
        self.types.truncate(height);
    }

    /// Records the operand stack below a call whose callee frame starts at
    /// position `frame`: the type of each temporary that holds a value.
    fn record_stack_map(&mut self, frame: usize) {
        let start = self.stack_types.len() as u32;
        for pos in 0..frame {
            let live = self.stack[pos] == Operand::Temp;
            self.stack_types.push(live.then_some(self.types[pos]));
        }
        self.stack_maps.push(StackMap {
            pc: self.code.len() as u32,
            start,
            len: frame as u32,
        });
    }

    /// The slot holding an operand at position `pos`, materializing a
    /// constant into the position's temporary.
    fn slot_of(&mut self, op: Operand, pos: usize) -> u16 {
        match op {
            Operand::Local(l) => l,
            Operand::Temp => self.temp_slot(pos),
            Operand::Const(bits) => self.const_slot(bits).unwrap_or_else(|| {
                let slot = self.temp_slot(pos);
                self.emit_const(slot, bits);
                slot
            }),
        }
    }

    /// The function-local constant slot holding `bits`, allocating one if
    /// needed. Constant slots are numbered down from `u16::MAX` while
    /// translating and moved after the locals by [`relocate`] at the end.
    fn const_slot(&mut self, bits: u64) -> Option<u16> {
        if let Some(&k) = self.const_index.get(&bits) {
            return Some(u16::MAX - k);
        }
        let k = u16::try_from(self.consts.len())
            .ok()
            .filter(|k| *k < MAX_CONSTS)?;
        self.consts.push(bits);
        self.const_index.insert(bits, k);
        Some(u16::MAX - k)
    }

    /// Pops the top operand and returns the slot holding it.
    fn pop_slot(&mut self) -> u16 {
        let (op, pos) = self.pop();
        self.slot_of(op, pos)
    }

    /// Writes the operand at `pos` into its home (temporary) slot and returns
    /// that slot, without recording the move: safe on a conditional path,
    /// since a value written to its own home changes nothing for other paths.
    fn home(&mut self, pos: usize) -> u16 {
        let slot = self.temp_slot(pos);
        match self.stack[pos] {
            Operand::Temp => {}
            Operand::Local(l) => {
                self.emit(Instr::new(Op::Copy, slot, l, 0));
            }
            Operand::Const(bits) => self.emit_const(slot, bits),
        }
        slot
    }

    /// Makes the operand at `pos` live in its own temporary slot from here on.
    /// Only for code every later path runs through.
    fn materialize(&mut self, pos: usize) {
        self.home(pos);
        self.forget_use(self.stack[pos]);
        self.stack[pos] = Operand::Temp;
    }

    /// Materializes the top `n` operands.
    fn materialize_top(&mut self, n: usize) {
        let len = self.stack.len();
        for pos in len - n..len {
            self.materialize(pos);
        }
    }

    /// Copies every stack entry that reads local `l` into its temporary, so
    /// that writing `l` does not change values already pushed.
    fn preserve_local(&mut self, l: u16) {
        let mut pos = self.stack.len();
        while self.local_uses[l as usize] > 0 {
            pos -= 1;
            if self.stack[pos] == Operand::Local(l) {
                self.materialize(pos);
            }
        }
    }

    /// Copies every stack entry that reads any local into its temporary.
    fn preserve_all_locals(&mut self) {
        let mut pos = self.stack.len();
        while self.locals_on_stack > 0 {
            pos -= 1;
            if matches!(self.stack[pos], Operand::Local(_)) {
                self.materialize(pos);
            }
        }
    }

    /// Whether a stack entry other than the top one reads slot `l`.
    fn read_below_top(&self, l: u16) -> bool {
        let on_top = self.stack.last() == Some(&Operand::Local(l));
        self.local_uses[l as usize] > u32::from(on_top)
    }

    /// If the operand on top of the stack is the temporary defined by the
    /// last instruction, returns that instruction's index.
    fn top_is_last_def(&self) -> Option<usize> {
        let pos = self.stack.len().checked_sub(1)?;
        let (pc, slot) = self.last_def?;
        (self.stack[pos] == Operand::Temp
            && slot == self.temp_slot(pos)
            && pc + 1 == self.code.len())
        .then_some(pc)
    }

    /// Marks the current position as a branch target: nothing emitted before
    /// may be merged with what follows.
    fn place_label(&mut self) {
        self.last_def = None;
        self.prev_def = None;
        self.local_def = None;
        #[cfg(feature = "simd")]
        {
            self.v128_def = None;
        }
    }

    /// Refuses the function once its IR passes `max_words` words.
    fn check_size(&self, max_words: usize, offset: usize) -> Result<(), Error> {
        if self.code.len() <= max_words {
            return Ok(());
        }
        Err(Error::compile(
            alloc::format!(
                "function translates to more than {max_words} IR words (8 per body byte, at most 2^24)"
            ),
            offset,
        ))
    }

    fn err_unsupported(&self, what: &str, offset: usize) -> Error {
        Error::compile(alloc::format!("unsupported operator: {what}"), offset)
    }
}

/// Moves constant slots (numbered down from `u16::MAX` during translation)
/// to `base ..`, right after the locals, and temporaries up past them.
fn relocate(code: &mut [Instr], base: u16, num_consts: u16) {
    let map = |s: &mut u16| relocate_slot(s, base, num_consts);
    let mut pc = 0;
    while pc < code.len() {
        let format = code[pc].op.format();
        let fields = format.slot_fields();
        let i = &mut code[pc];
        for (is_slot, field) in [
            (fields.a, &mut i.a),
            (fields.b, &mut i.b),
            (fields.c, &mut i.c),
        ] {
            if is_slot {
                map(field);
            }
        }
        let skip = i.data_words();
        if fields.data_a || fields.data_b {
            let d = &mut code[pc + 1];
            if fields.data_a {
                map(&mut d.a);
            }
            if fields.data_b {
                map(&mut d.b);
            }
        }
        pc += 1 + skip;
    }
}

/// Moves slot `s` as [`relocate`] does: a constant slot to its place after
/// the locals, a temporary up past the constants.
fn relocate_slot(s: &mut u16, base: u16, num_consts: u16) {
    let first_const = u16::MAX - (num_consts - 1);
    if *s >= first_const {
        *s = base + (u16::MAX - *s);
    } else if *s >= base {
        *s += num_consts;
    }
}

/// The branch hints of a body being translated: its function's index, and
/// the offsets (from the body's start) the module's hint section names,
/// ascending; each must be the start of an `if` or `br_if`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BranchHints<'h> {
    pub func: u32,
    pub offsets: &'h [u32],
}

/// Translates and validates every operator of one function body.
pub(crate) fn translate_function(
    module: &ModuleInfo,
    type_index: TypeIndex,
    body: &wasmparser::FunctionBody<'_>,
    mut validator: wasmparser::FuncValidator<wasmparser::ValidatorResources>,
    hints: BranchHints<'_>,
    scratch: &mut Scratch,
) -> Result<(CompiledFunc, wasmparser::FuncValidatorAllocations), Error> {
    let mut local_decls: Vec<(u32, ValType)> = Vec::new();
    let mut slots = module.func_type(type_index).param_slots();
    let mut locals = body.get_locals_reader()?;
    for _ in 0..locals.get_count() {
        let offset = locals.original_position();
        let (count, ty) = locals.read()?;
        validator.define_locals(offset, count, ty)?;
        let ty = ValType::from_wasmparser(ty);
        slots += count as usize * ty.slots();
        if slots > u16::MAX as usize {
            return Err(Error::compile(
                "function needs more than 65535 value slots for its locals",
                offset as usize,
            ));
        }
        local_decls.push((count, ty));
    }
    let reader = body.get_operators_reader()?;
    let start = reader.original_position() as usize;
    let range = body.range();
    let max_words = max_ir_words(range.end - range.start);
    let translator = |fuse, scratch: &mut Scratch| {
        FuncTranslator::new(
            module,
            type_index,
            &local_decls,
            start,
            fuse,
            core::mem::take(scratch),
        )
    };
    let mut t = translator(true, scratch);
    let end = if hints.offsets.is_empty() {
        translate_body(&mut t, reader, Some(&mut validator), max_words)?
    } else {
        translate_hinted_body(
            &mut t,
            reader,
            &mut validator,
            (range.start, hints),
            max_words,
        )?
    };
    let allocs = validator.into_allocations();
    let finished = t.finish(end)?;
    *scratch = t.into_scratch();
    if let Some(f) = finished {
        check(&f, start);
        return Ok((f, allocs));
    }
    // A fused branch's 16-bit offset overflowed: translate again without
    // fusion. The body is already validated.
    let mut t = translator(false, scratch);
    translate_body(&mut t, body.get_operators_reader()?, None, max_words)?;
    let finished = t.finish(end)?;
    *scratch = t.into_scratch();
    match finished {
        Some(f) => {
            check(&f, start);
            Ok((f, allocs))
        }
        None => Err(Error::compile(
            "internal error: branch offset overflow",
            end,
        )),
    }
}

/// Translates the operators `reader` holds, validating each first when
/// `validator` is given, and returns the offset of the body's end. Both the
/// first translation and a second one (without fusion, of a body already
/// validated) go through the same visitor, so the operator decoder is
/// instantiated once for function bodies.
fn translate_body(
    translator: &mut FuncTranslator<'_>,
    mut reader: wasmparser::OperatorsReader<'_>,
    mut validator: Option<&mut wasmparser::FuncValidator<wasmparser::ValidatorResources>>,
    max_words: usize,
) -> Result<usize, Error> {
    while !reader.eof() {
        step(translator, &mut reader, validator.as_deref_mut(), max_words)?;
    }
    let end = reader.original_position() as usize;
    reader.finish()?;
    Ok(end)
}

/// [`translate_body`] for a body with branch hints (a body starting at
/// byte `body_start`), checking that each names an `if` or `br_if`. Apart,
/// so that the loop every other body runs compares nothing more.
fn translate_hinted_body(
    translator: &mut FuncTranslator<'_>,
    mut reader: wasmparser::OperatorsReader<'_>,
    validator: &mut wasmparser::FuncValidator<wasmparser::ValidatorResources>,
    (body_start, hints): (u64, BranchHints<'_>),
    max_words: usize,
) -> Result<usize, Error> {
    for &hint in hints.offsets {
        let hint_at = body_start.saturating_add(u64::from(hint));
        while !reader.eof() && reader.original_position() < hint_at {
            step(translator, &mut reader, Some(validator), max_words)?;
        }
        // `if` and `br_if` are one-byte opcodes.
        let opcode = reader.get_binary_reader().read_u8().ok();
        if reader.eof()
            || reader.original_position() != hint_at
            || !matches!(opcode, Some(0x04 | 0x0d))
        {
            let at = reader.original_position() as usize;
            return Err(crate::module::branch_hint_error(hints.func, hint, at));
        }
    }
    translate_body(translator, reader, Some(validator), max_words)
}

/// Translates (and validates) the operator `reader` is at.
#[inline(always)]
fn step(
    translator: &mut FuncTranslator<'_>,
    reader: &mut wasmparser::OperatorsReader<'_>,
    validator: Option<&mut wasmparser::FuncValidator<wasmparser::ValidatorResources>>,
    max_words: usize,
) -> Result<(), Error> {
    let mut visitor = visit::ValidatingTranslator {
        translator,
        validator,
        offset: reader.original_position() as usize,
    };
    reader.visit_operator(&mut visitor)??;
    translator.check_size(max_words, reader.original_position() as usize)
}

/// Runs the IR verifier over a translated function (debug builds and the
/// `verify-ir` feature): a failure is a translator bug, reported with the
/// function's IR.
#[inline]
fn check(func: &CompiledFunc, body_offset: usize) {
    #[cfg(any(debug_assertions, feature = "verify-ir"))]
    if let Err(problem) = crate::ir::verify(func) {
        panic!(
            "IR verifier: function at byte {body_offset:#x}: {problem}\n{}",
            crate::ir::dump_function(func)
        );
    }
    let _ = (func, body_offset);
}

#[cfg(test)]
mod tests;

/// The slot types of a value of type `ty` in `module`'s code, whose
/// references to the module's struct and array types are
/// [`SlotType::AnyRef`].
pub(crate) fn slot_types_in(module: &ModuleInfo, ty: ValType) -> &'static [SlotType] {
    SlotType::of_defined(ty, |h| module.is_func_type(h))
}
