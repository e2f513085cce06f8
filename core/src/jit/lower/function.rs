//! The lowering of one function, as every architecture does it: the walk
//! over the IR (a label per pc, each instruction's code offset for entries
//! at any pc), the trap stubs and trap sites, the calls' out-of-line code, the exit and
//! resume stubs and the constant pool, in that order. What each piece's
//! instructions are is the architecture's ([`Isa`]); the state they share
//! is [`Lowering`].

use super::pinning::{PinRegisters, Pinned};
use super::{LoweredFunc, Traps, Unit};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::code_buffer::{Assemble, Label};
use crate::trap::TrapCode;
use alloc::vec::Vec;

/// An architecture's lowering: its assembler, the processor features it
/// may use, and the code of each piece of a function.
pub(crate) trait Isa: Sized {
    /// The assembler.
    type Assembler: Assemble + Default;
    /// The processor features the lowering may use beyond the baseline.
    type Features: Copy;
    /// The registers locals are pinned to.
    const PIN_REGISTERS: PinRegisters;

    /// The direct-call entry: sets up the frame of `func` (its constants
    /// included) and falls into pc 0.
    fn frame_setup(l: &mut Lowering<'_, Self>, func: &CompiledFunc);
    /// Loads every pinned register from its slot.
    fn reload_pinned(l: &mut Lowering<'_, Self>);
    /// Lowers the instruction `i` at `pc`, or names its opcode if the
    /// lowering does not cover it.
    fn instr(l: &mut Lowering<'_, Self>, pc: u32, i: Instr) -> Result<(), Op>;
    /// A trap stub's body (its label is bound): records `code` and `pc`
    /// and leaves.
    fn trap_stub(l: &mut Lowering<'_, Self>, pc: u32, code: TrapCode);
    /// The out-of-line code of calls, after the trap stubs: the call thunk
    /// ([`Lowering::thunk`]) and the call exits ([`Lowering::call_stubs`],
    /// [`Lowering::call_exit`]) the call sites jump to, those they used.
    fn call_code(l: &mut Lowering<'_, Self>);
    /// The exit sequence every exit jumps to.
    fn exit_sequence(l: &mut Lowering<'_, Self>);
    /// The resume stub: every entry through the trampoline calls it with
    /// the target's address; it loads the pinned locals and jumps there.
    fn resume_stub(l: &mut Lowering<'_, Self>);
    /// Pads the code to a multiple of `align` bytes.
    fn align(asm: &mut Self::Assembler, align: u32);
    /// A 16-byte constant in the code.
    fn data128(asm: &mut Self::Assembler, value: u128);
    /// The finished code, every jump patched; `None` if a jump targets an
    /// unbound label or cannot reach its target.
    fn finish(asm: Self::Assembler) -> Option<Vec<u8>>;
}

/// The lowering of one function: the assembler and what every
/// architecture keeps track of while it walks the IR.
pub(crate) struct Lowering<'a, I: Isa> {
    /// The code being written.
    pub asm: I::Assembler,
    /// The processor features the code may use.
    pub cpu: I::Features,
    /// The locals living in registers.
    pub pinned: Pinned,
    /// The function's IR.
    pub code: &'a [Instr],
    /// The label of each pc (bound at instructions only).
    pub labels: Vec<Label>,
    /// Traps raised in the body: the stub's label, the pc, the trap.
    pub traps: Vec<(Label, u32, TrapCode)>,
    /// The exit sequence, shared by every exit of the function.
    pub exit: Label,
    /// The call thunk, once a call site needs it.
    pub thunk: Option<Label>,
    /// The call exit: leaves for the run loop to make a call (the callee,
    /// its frame and the call's pc in registers), once something needs it.
    pub call_exit: Option<Label>,
    /// Where direct calls go when they cannot be made here: each stub's
    /// label, the callee's frame (a slot) and the call's pc; the stub
    /// passes them to the call exit.
    pub call_stubs: Vec<(Label, u16, u32)>,
    /// [`Traps::signals`].
    pub signals: bool,
    /// [`Traps::guarded`].
    pub guarded: &'a [bool],
    /// [`Traps::shared`].
    pub shared: &'a [bool],
    /// The module memory loads and stores use: 0, or the one a
    /// `memory.select` chose for the access after it.
    pub memory: u32,
    /// The trap sites so far: each faulting instruction's offset and its
    /// trap stub.
    pub sites: Vec<(u32, Label)>,
    /// The function's constants ([`CompiledFunc::consts`]), which frame
    /// setup writes to the slots from `first_constant` on.
    pub constants: &'a [u64],
    /// The slot of the first constant.
    pub first_constant: usize,
    /// The 16-byte constants the code loads (each once), placed after the
    /// out-of-line code.
    pub pool: Vec<(u128, Label)>,
    /// The functions compiled with this one, which calls reach directly.
    pub unit: Unit<'a>,
    /// The direct calls so far: each call instruction's offset and the
    /// callee's place in the unit.
    pub direct_calls: Vec<(u32, u32)>,
}

/// Lowers `func` for the architecture `I`, trapping as `traps` says and
/// calling the functions of `unit` directly, or names the first opcode the
/// lowering does not cover.
pub(crate) fn lower<I: Isa>(
    func: &CompiledFunc,
    cpu: I::Features,
    traps: Traps<'_>,
    unit: Unit<'_>,
) -> Result<LoweredFunc, Op> {
    let code = func.code();
    let mut asm = I::Assembler::default();
    let exit = asm.label();
    let labels = (0..code.len()).map(|_| asm.label()).collect();
    let mut l = Lowering::<I> {
        asm,
        cpu,
        pinned: Pinned::choose(func, I::PIN_REGISTERS),
        code,
        labels,
        traps: Vec::new(),
        exit,
        thunk: None,
        call_exit: None,
        call_stubs: Vec::new(),
        signals: traps.signals,
        guarded: traps.guarded,
        shared: traps.shared,
        memory: 0,
        sites: Vec::new(),
        constants: &func.consts,
        first_constant: func.num_params as usize + func.num_locals as usize,
        pool: Vec::new(),
        unit,
        direct_calls: Vec::new(),
    };
    I::frame_setup(&mut l, func);
    I::reload_pinned(&mut l);
    let mut pc_offsets = alloc::vec![u32::MAX; code.len()];
    let mut pc = 0;
    while pc < code.len() {
        let instr = code[pc];
        l.asm.bind(l.labels[pc]);
        pc_offsets[pc] = l.asm.offset();
        I::instr(&mut l, pc as u32, instr)?;
        pc += 1 + instr.data_words();
    }
    let body_end = l.asm.offset();
    for (label, pc, code) in core::mem::take(&mut l.traps) {
        l.asm.bind(label);
        I::trap_stub(&mut l, pc, code);
    }
    I::call_code(&mut l);
    l.asm.bind(l.exit);
    I::exit_sequence(&mut l);
    let resume = l.asm.offset();
    I::resume_stub(&mut l);
    // The constants the code loads, aligned for whole-cache-line loads.
    if !l.pool.is_empty() {
        I::align(&mut l.asm, 16);
        for k in 0..l.pool.len() {
            let (value, label) = l.pool[k];
            l.asm.bind(label);
            I::data128(&mut l.asm, value);
        }
    }
    let trap_sites = l
        .sites
        .iter()
        .map(|&(fault, stub)| (fault, l.asm.bound(stub).expect("trap stubs are bound")))
        .collect();
    let code = I::finish(l.asm).expect("every jump targets an instruction");
    Ok(LoweredFunc {
        code,
        pc_offsets,
        body_end,
        resume,
        trap_sites,
        direct_calls: l.direct_calls,
    })
}

impl<I: Isa> Lowering<'_, I> {
    /// The data word `k` words after the instruction at `pc`.
    pub(crate) fn data(&self, pc: u32, k: u32) -> Instr {
        self.code[(pc + k) as usize]
    }

    /// The label of the instruction at `pc + offset`.
    pub(crate) fn target(&self, pc: u32, offset: i32) -> Label {
        self.labels[(pc as i64 + offset as i64) as usize]
    }

    /// The label of a stub raising `code` at `pc`.
    pub(crate) fn trap_label(&mut self, pc: u32, code: TrapCode) -> Label {
        // Stubs are made in pc order: the current instruction's are last,
        // so the search stops at the first of an earlier pc (a search of
        // them all would make compiling a function quadratic in its traps).
        let mut current = self.traps.iter().rev().take_while(|t| t.1 == pc);
        if let Some(&(label, _, _)) = current.find(|t| t.2 == code) {
            return label;
        }
        let label = self.asm.label();
        self.traps.push((label, pc, code));
        label
    }

    /// Makes the next instruction, which faults in the case of `code`, a
    /// trap site raising `code` at `pc` (the signal handler continues at
    /// the trap's stub).
    pub(crate) fn trap_site(&mut self, pc: u32, code: TrapCode) {
        let label = self.trap_label(pc, code);
        let offset = self.asm.offset();
        self.sites.push((offset, label));
    }

    /// The label of a 16-byte constant the code can load.
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    pub(crate) fn constant(&mut self, value: u128) -> Label {
        if let Some(&(_, label)) = self.pool.iter().find(|c| c.0 == value) {
            return label;
        }
        let label = self.asm.label();
        self.pool.push((value, label));
        label
    }

    /// The value of the constant pair whose low half is `slot`, if the
    /// pair is two of the function's constants.
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    pub(crate) fn constant_pair(&self, slot: u16) -> Option<u128> {
        let k = (slot as usize).checked_sub(self.first_constant)?;
        let (low, high) = (self.constants.get(k)?, self.constants.get(k + 1)?);
        Some(*low as u128 | (*high as u128) << 64)
    }

    /// Whether accesses to module memory `memory` rely on its guard
    /// regions rather than a bounds check.
    pub(crate) fn accesses_guarded(&self, memory: u32) -> bool {
        self.signals && self.guarded.get(memory as usize) == Some(&true)
    }

    /// Whether `op` (a plain form) is compiled as far as its memory goes:
    /// anything but a load or store, or one of the memory accesses
    /// compile for ([`compiles_accesses`](Self::compiles_accesses)).
    pub(crate) fn compiles_access(&self, op: Op) -> bool {
        let access = super::ops::load(op).is_some() || super::ops::store(op).is_some();
        !access || self.compiles_accesses(self.memory)
    }

    /// Whether accesses to module memory `memory` are compiled: not those
    /// of a shared memory without guards ([`Traps::shared`]).
    pub(crate) fn compiles_accesses(&self, memory: u32) -> bool {
        self.shared.get(memory as usize) != Some(&true) || self.accesses_guarded(memory)
    }

    /// The memory of the access the `addr_offset` at `pc` computes the
    /// address of: the translator puts the access right after it (and its
    /// data word), or after a `memory.select` naming another memory.
    pub(crate) fn access_memory(&self, pc: u32) -> u32 {
        match self.code.get(pc as usize + 2) {
            Some(next) if next.op == Op::MemorySelect => next.bc(),
            _ => 0,
        }
    }
}
