//! Compiling a module's functions into one region of executable code: the
//! entry trampoline first, then each function the lowering covers, 16-byte
//! aligned. A function with an instruction the lowering does not cover
//! stays interpreted (and says which instruction). The functions compiled
//! together (a unit: the module, or one hot function) call each other
//! directly: each such call is patched to its callee's start once the code
//! is laid out.

#![allow(unsafe_code)]

use super::abi::jit_abi;
use super::code_memory::CodeMemory;
use super::context::JitContext;
use super::lower::{LoweredFunc, Member, Traps, Unit};
use super::native;
#[cfg(unix)]
use super::signals;
use crate::interp::ThreadedCode;
use crate::ir::{CompiledFunc, Op};
use crate::memory_hooks::MemoryHooks;
use alloc::{boxed::Box, sync::Arc, vec::Vec};
use core::ops::Range;

jit_abi! {
    /// The entry trampoline's signature (see `x64/trampoline.rs`).
    pub(crate) type Trampoline = unsafe fn(*mut JitContext, *mut u64, *const u8, *const u8) -> u32;
}

/// One function's compiled code.
pub(crate) struct FuncCode {
    /// The direct-call entry: frame setup, then pc 0.
    pub start: *const u8,
    /// The resume stub every entry through the trampoline passes.
    pub resume: *const u8,
    /// The trampoline that enters it.
    pub trampoline: Trampoline,
    /// For each IR pc, the offset of its code from `start` (`u32::MAX` for
    /// data words): any instruction can be entered, so a call, a return,
    /// an exception handler or a loop can continue here at its pc.
    pub pc_offsets: Box<[u32]>,
    /// Threaded code leaving the interpreter for this code at every pc
    /// (what the store's function record names as the interpreter's
    /// code): the module's [`CompiledModule::stub`], long enough for each
    /// of its functions.
    pub stub: *const u8,
}

// SAFETY: the pointers are into the immutable, executable code of the
// `CompiledModule` that owns this record.
unsafe impl Send for FuncCode {}
// SAFETY: as above.
unsafe impl Sync for FuncCode {}

/// A module's functions, compiled.
pub(crate) struct CompiledModule {
    /// The code's registration with the signal handler, when it traps by
    /// signals; dropped before the sites and the code.
    #[cfg(unix)]
    _registration: Option<signals::CodeRegistration>,
    /// Its trap sites, sorted, which the registration points at.
    #[cfg(unix)]
    _sites: Box<[signals::TrapSite]>,
    /// The code, kept for as long as its functions can run.
    _memory: CodeMemory,
    /// By defined function: its code, or the first opcode the lowering
    /// does not cover.
    pub funcs: Vec<Result<FuncCode, Op>>,
    /// Threaded code whose every word leaves the interpreter, as long as
    /// the module's longest compiled function: one for all of them (the
    /// interpreter only computes the pc from a word's position).
    _stub: ThreadedCode,
}

impl CompiledModule {
    /// How many trap sites the code registered with the signal handler.
    #[cfg(all(test, unix))]
    pub(crate) fn trap_sites(&self) -> usize {
        match self._registration {
            Some(_) => self._sites.len(),
            None => 0,
        }
    }
}

/// The functions compiled together: a module's, or one hot function of it.
#[derive(Clone)]
pub(crate) struct UnitFuncs<'a> {
    /// The module's defined functions.
    pub code: &'a [CompiledFunc],
    /// Which of them the unit is (all, or one).
    pub range: Range<usize>,
    /// How many functions the module imports.
    pub imported_funcs: u32,
}

impl UnitFuncs<'_> {
    /// The unit's functions, in order.
    fn funcs(&self) -> &[CompiledFunc] {
        &self.code[self.range.clone()]
    }
}

/// Lowers the functions of `unit` to trap as `traps` says, each calling the
/// others that compile directly: by function, its code or the first opcode
/// the lowering does not cover.
pub(crate) fn lower_unit(unit: &UnitFuncs<'_>, traps: Traps<'_>) -> Vec<Result<LoweredFunc, Op>> {
    let features = native::features();
    let mut members = alloc::vec![None; unit.code.len()];
    for (place, f) in unit.funcs().iter().enumerate() {
        members[unit.range.start + place] = Some(Member {
            place: place as u32,
            frame_size: f.frame_size,
        });
    }
    let lower_all = |members: &[Option<Member>]| -> Vec<_> {
        let calls = Unit {
            imported_funcs: unit.imported_funcs,
            members,
        };
        let funcs = unit.funcs().iter();
        funcs
            .map(|f| native::lower(f, features, traps, calls))
            .collect()
    };
    let lowered = lower_all(&members);
    if lowered.iter().all(Result::is_ok) {
        return lowered;
    }
    // A function that stays interpreted is no member: its callers are
    // lowered again, to call it through the thunk.
    for (place, l) in lowered.iter().enumerate() {
        if l.is_err() {
            members[unit.range.start + place] = None;
        }
    }
    lower_all(&members)
}

/// Compiles the functions of `unit` into code memory from `hooks`,
/// trapping as `traps` says; `None` when the hooks refuse executable
/// memory, or the code is too large for its direct calls to reach (then
/// everything stays interpreted). Code that traps by signals is registered
/// with the signal handler; if its table is full, the functions are
/// compiled again with explicit checks.
pub(crate) fn compile(
    unit: &UnitFuncs<'_>,
    hooks: Option<Arc<dyn MemoryHooks>>,
    traps: Traps<'_>,
) -> Option<CompiledModule> {
    let mut code = native::trampoline();
    let mut lowered = Vec::with_capacity(unit.range.len());
    let mut sites = Vec::new();
    let mut calls = Vec::new();
    for (f, l) in unit.funcs().iter().zip(lower_unit(unit, traps)) {
        lowered.push(l.map(|l| {
            while code.len() % 16 != 0 {
                code.extend_from_slice(native::PADDING);
            }
            let start = code.len() as u32;
            code.extend_from_slice(&l.code);
            sites.extend(
                l.trap_sites
                    .iter()
                    .map(|&(fault, landing)| (start + fault, start + landing)),
            );
            calls.extend(
                l.direct_calls
                    .iter()
                    .map(|&(at, place)| (start + at, place)),
            );
            (start as usize, l.pc_offsets, l.resume, f.code().len())
        }));
    }
    // Each direct call reaches its callee's start (a member compiles),
    // within ±128 MiB on aarch64, ±2 GiB on x86_64.
    for (at, place) in calls {
        let Some(Ok(callee)) = lowered.get(place as usize) else {
            return None;
        };
        if !native::patch_call(&mut code, at as usize, callee.0) {
            return None;
        }
    }
    let longest = lowered.iter().flatten().map(|l| l.3).max().unwrap_or(0);
    let stub = crate::interp::compiled_stub(longest);
    let memory = CodeMemory::publish(hooks.clone(), &code).ok()?;
    let base = memory.start();
    #[cfg(unix)]
    let (registration, sites) = {
        let sites: Box<[signals::TrapSite]> = sites
            .into_iter()
            .map(|(fault, landing)| signals::TrapSite { fault, landing })
            .collect();
        let registration = if sites.is_empty() {
            None
        } else {
            // SAFETY: the code was just published, executable, in a region
            // of its own; the sites are its trap sites in code order
            // (functions in order, each one's sites in order, one per
            // instruction), kept boxed next to it and dropped after the
            // registration (field order of `CompiledModule`); each landing
            // is the trap stub of its site, which records the trap and
            // leaves from any state of the function's registers and stack.
            let registered = unsafe { signals::register_code(base, code.len(), &sites) };
            match registered {
                Some(registration) => Some(registration),
                None => return compile(unit, hooks, traps.checked()),
            }
        };
        (registration, sites)
    };
    #[cfg(not(unix))]
    if !sites.is_empty() {
        return compile(unit, hooks, traps.checked());
    }
    // SAFETY: the trampoline is at offset 0 of the published code, a
    // complete function with this signature.
    let trampoline: Trampoline = unsafe { core::mem::transmute::<*const u8, Trampoline>(base) };
    let funcs: Vec<_> = lowered
        .into_iter()
        .map(|l| {
            l.map(|(start, pc_offsets, resume, _)| FuncCode {
                // SAFETY: `start` is an offset inside the published code.
                start: unsafe { base.add(start) },
                // SAFETY: as above, `resume` from the function's start.
                resume: unsafe { base.add(start + resume as usize) },
                trampoline,
                pc_offsets: pc_offsets.into_boxed_slice(),
                stub: stub.as_ptr().cast(),
            })
        })
        .collect();
    Some(CompiledModule {
        #[cfg(unix)]
        _registration: registration,
        #[cfg(unix)]
        _sites: sites,
        _memory: memory,
        funcs,
        _stub: stub,
    })
}
