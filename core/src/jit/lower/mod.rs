//! What the lowerings of every architecture share: the lowered function
//! they produce, how its code traps, and the questions about an opcode's
//! form (where its result goes, which operands come from the accumulator)
//! that decide the code around it; the walk over a function and its state
//! ([`function`]), the opcode tables ([`ops`]) and the choice of pinned
//! locals ([`pinning`]). The instructions are per architecture
//! (`x64::lower`, `aarch64::lower`).

pub(crate) mod function;
// The golden tests' harness, for x86_64's (built on x86_64) and aarch64's
// (built on every host but under Miri).
#[cfg(all(test, any(target_arch = "x86_64", not(miri))))]
pub(crate) mod golden;
pub(crate) mod ops;
pub(crate) mod pinning;

use crate::ir::Op;
use alloc::vec::Vec;

/// A function lowered to machine code.
pub(crate) struct LoweredFunc {
    /// The code (position-independent: it jumps only within itself and
    /// calls helpers by absolute address). It starts with the direct-call
    /// entry, which sets up the frame and falls into pc 0.
    pub code: Vec<u8>,
    /// For each IR pc, the offset of its code; `u32::MAX` for data words.
    pub pc_offsets: Vec<u32>,
    /// Where the body ends and the out-of-line code (trap stubs, the exit
    /// sequence, the resume stub) begins.
    pub body_end: u32,
    /// The resume stub: every entry through the trampoline calls it with
    /// the target in `rax`; it loads the pinned locals and jumps there.
    pub resume: u32,
    /// The instructions that trap by faulting ([`Traps::signals`]): each
    /// one's offset, and the offset of the trap stub the signal handler
    /// continues at; in code order.
    pub trap_sites: Vec<(u32, u32)>,
    /// The direct calls of other functions of the unit ([`Unit`]): each
    /// call instruction's offset and the callee's place in the unit, whose
    /// start the call is patched to reach once the unit is laid out.
    pub direct_calls: Vec<(u32, u32)>,
}

/// The functions compiled together (a module, or one hot function), whose
/// `call`s of each other are native calls straight to the callee's code:
/// no check of the callee's tier, instance or frame size at run time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Unit<'a> {
    /// How many functions the module imports: its function index `k` from
    /// there on is defined function `k - imported_funcs`.
    pub imported_funcs: u32,
    /// By defined function: its place in the unit if it is compiled there.
    pub members: &'a [Option<Member>],
}

/// A function of a [`Unit`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member {
    /// Its place among the unit's functions.
    pub place: u32,
    /// Its frame's size in slots ([`CompiledFunc::frame_size`]).
    ///
    /// [`CompiledFunc::frame_size`]: crate::ir::CompiledFunc::frame_size
    pub frame_size: u16,
}

impl Unit<'_> {
    /// The unit member the module's function `func` is, if any.
    pub(crate) fn member(&self, func: u32) -> Option<Member> {
        let def = func.checked_sub(self.imported_funcs)?;
        *self.members.get(def as usize)?
    }
}

/// How compiled code traps.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Traps<'a> {
    /// Trap by a hardware fault where the processor can check — `ud2`
    /// for `unreachable`, `div` by zero, accesses to guarded memories —
    /// at sites the signal handler knows ([`LoweredFunc::trap_sites`]);
    /// when false, every trap is an explicit check and jump.
    pub signals: bool,
    /// For each of the module's memories, whether it is reserved with
    /// guard regions (4 GiB for its 32-bit addresses, and 2 GiB past
    /// them for static offsets: [`GUARD`]), so that its accesses need no
    /// bounds check. Only with `signals`.
    pub guarded: &'a [bool],
    /// For each of the module's memories, whether another thread may grow
    /// it behind this code's back (a shared memory): unless guarded, its
    /// accesses are not compiled, since a bounds check against the length
    /// the code holds could trap after another thread's growth (the
    /// interpreter looks again before trapping).
    pub shared: &'a [bool],
}

impl<'a> Traps<'a> {
    /// The same code trapping by explicit checks only: no signals, no
    /// guarded memory (the memories stay shared as they are).
    pub(crate) fn checked(self) -> Self {
        Self {
            signals: false,
            guarded: &[],
            shared: self.shared,
        }
    }
}

/// Addresses are clamped to this by `addr_offset` (no memory is this
/// large; see the interpreter's `ea`).
pub(crate) const ADDR_CLAMP: u64 = 1 << 62;

/// The address space a guarded memory reserves past its 4 GiB of 32-bit
/// addresses. Static offsets (16 bits in an instruction, or folded in by
/// `addr_offset`, which clamps the address to 4 GiB) stay well inside.
#[cfg_attr(not(unix), allow(dead_code))] // Guarded memories need mmap.
pub(crate) const GUARD: usize = 2 << 30;

/// Where an opcode's form puts its result: (in its slot, in the accumulator).
pub(crate) fn destination(op: Op) -> (bool, bool) {
    op.form()
        .map_or((true, false), |f| (f.result_in_slot, f.result_in_acc))
}

/// Which accumulator-capable operands `op` reads from the accumulator (bit
/// `k` from the left operand, highest).
pub(crate) fn acc_operands(op: Op) -> u8 {
    op.form().map_or(0, |f| f.operands_from_acc)
}
