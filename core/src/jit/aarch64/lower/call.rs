//! Calls, throws and the instructions run by helpers, on aarch64. A call
//! of a compiled function of the running instance is a native call that
//! keeps the frame stack lazily (`jit/call_records.rs`): the call pushes a
//! record on the native stack, chained through `x29`, and its return pops
//! it; every exit writes the records out as frames, so the run loop and
//! backtraces find every frame in place. A call of a function compiled in
//! the same unit goes straight to its code, with two checks (value stack;
//! native stack and depth at once); other calls go through the function's
//! call thunk, which also checks the callee's tier and instance.
//! Everything that cannot be called here (a host function, another
//! instance, an interpreted function, a stack too short) and every tail
//! call leaves through the call exit, which the run loop performs.

use super::{A64, CTX, FRAME, Lowering, TARGET, X0, X1, X2};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::FuncCode;
use crate::jit::Width;
use crate::jit::aarch64::{Address, Arith, ArithImm, Cond, Load, PairAddress, Reg, Shift, Size};
use crate::jit::call_records::{A64Record as CallRecord, RECORD_BYTES};
use crate::jit::code_buffer::{Assemble, Label};
use crate::jit::context::{ExitKind, offsets};
use crate::jit::lower::Member;
use crate::trap::TrapCode;
use crate::vm::VmFunc;
use core::mem::{offset_of, size_of};

/// The pc a call resumes at, from a call site to the thunk.
const RESUME_PC: Reg = Reg::x(9);
/// The pc of the call, from a call site to the thunk.
const CALL_PC: Reg = Reg::x(10);
/// Where a record keeps the caller's frame.
const CALLER_FRAME: u32 = 16;
/// The thunk's scratch registers.
const X3: Reg = Reg::X3;
const X11: Reg = Reg::x(11);
const X12: Reg = Reg::x(12);
const X13: Reg = Reg::x(13);

/// The field at byte `offset` of the record at `base` (a scaled offset:
/// fields are aligned to their size).
fn field(base: Reg, offset: usize) -> Address {
    Address::Scaled(base, offset as u32)
}

impl Lowering<'_, A64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn call_or_helper(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        if let Some(helper) = crate::jit::helpers::whole_instruction(i.op) {
            self.instr_helper(pc, helper);
            return Ok(true);
        }
        match i.op {
            Op::Call => match self.unit.member(i.bc()) {
                Some(callee) => self.direct_call(pc, i.a, pc + 1, i.bc(), callee),
                None => {
                    self.instance_func(i.bc());
                    self.call(pc, i.a, pc + 1);
                }
            },
            Op::ReturnCall => {
                self.instance_func(i.bc());
                self.spill_pinned();
                self.call_exit(pc, i.a, true);
            }
            // A type that is not final may be matched by subtypes, which
            // only the interpreter checks for.
            Op::CallIndirect | Op::ReturnCallIndirect if self.data(pc, 1).a != 0 => {
                return Err(i.op);
            }
            Op::CallIndirect => {
                self.indirect_callee(pc, i);
                self.call(pc, i.a, pc + 2);
            }
            Op::ReturnCallIndirect => {
                self.indirect_callee(pc, i);
                self.spill_pinned();
                self.call_exit(pc, i.a, true);
            }
            Op::CallRef | Op::ReturnCallRef => {
                self.load_slot(Width::W64, X0, i.b);
                let null = self.trap_label(pc, TrapCode::NullFunctionReference);
                self.asm.cbz(Width::W64, X0, null);
                self.asm.mov_imm(Width::W32, X1, 1);
                self.asm.arith(Arith::Sub, Width::W32, X0, X0, X1);
                if i.op == Op::CallRef {
                    self.call(pc, i.a, pc + 1);
                } else {
                    self.spill_pinned();
                    self.call_exit(pc, i.a, true);
                }
            }
            Op::Throw => {
                self.spill_pinned();
                self.asm.mov_imm(Width::W32, X0, i.bc() as u64);
                self.store_ctx(Size::W, X0, offsets::CALLEE);
                self.asm.mov_imm(Width::W32, X0, i.a as u64);
                self.store_ctx(Size::W, X0, offsets::CALLEE_FRAME);
                self.exit_at(pc, ExitKind::Throw);
            }
            Op::ThrowRef => {
                self.load_slot(Width::W64, X0, i.a);
                let null = self.trap_label(pc, TrapCode::NullReference);
                self.asm.cbz(Width::W64, X0, null);
                self.spill_pinned();
                self.asm.mov_imm(Width::W32, X0, i.a as u64);
                self.store_ctx(Size::W, X0, offsets::CALLEE_FRAME);
                self.exit_at(pc, ExitKind::ThrowRef);
            }
            Op::RefAsNonNull => {
                self.load_slot(Width::W64, X0, i.a);
                let null = self.trap_label(pc, TrapCode::NullReference);
                self.asm.cbz(Width::W64, X0, null);
            }
            Op::RefFunc => {
                self.instance_func(i.bc());
                self.asm.mov_imm(Width::W64, X1, 1);
                self.asm.arith(Arith::Add, Width::W64, X0, X0, X1);
                self.store_slot(i.a, X0);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `w0` = the store function that is the running instance's function
    /// `index`.
    fn instance_func(&mut self, index: u32) {
        self.load_ctx(Width::W64, X0, offsets::INSTANCE_FUNCS);
        self.load_word(X0, X0, index);
    }

    /// `dst` = the 32-bit word `index` of the array at `base`.
    pub(super) fn load_word(&mut self, dst: Reg, base: Reg, index: u32) {
        match Address::offset(base, index as i64 * 4, 4) {
            Some(address) => self.asm.load(Load::LdrW, dst, address),
            None => {
                self.asm.mov_imm(Width::W64, X2, index as u64);
                self.asm
                    .load(Load::LdrW, dst, Address::indexed(base, X2, true));
            }
        }
    }

    /// Calls function `func` of the running instance, a member of the unit
    /// (compiled with this code, so its code, instance and frame size are
    /// known), with its frame at slot `frame`: the call at `pc`, which
    /// resumes at `resume`. Checks the value stack for the callee's frame
    /// and the native stack (and depth) for one more record, pushes the
    /// record and calls the callee's start; a check that fails goes to a
    /// stub that leaves through the call exit.
    fn direct_call(&mut self, pc: u32, frame: u16, resume: u32, func: u32, callee: Member) {
        self.spill_pinned();
        self.instance_func(func);
        let stub = self.asm.label();
        self.call_stubs.push((stub, frame, pc));
        // The callee's frame ends inside the value stack.
        let end = (frame as u64 + callee.frame_size as u64) * 8;
        self.add_offset(X11, FRAME, end);
        self.load_ctx(Width::W64, X12, offsets::STACK_END);
        self.asm.cmp(Width::W64, X11, X12);
        self.asm.b_cond(Cond::Hi, stub);
        // Native stack (and call depth) for one more record.
        self.load_ctx(Width::W64, X12, offsets::CALL_LIMIT);
        self.asm.cmp(Width::W64, Reg::SP, X12);
        self.asm.b_cond(Cond::Ls, stub);
        self.asm.mov_imm(Width::W32, RESUME_PC, resume as u64);
        self.push_record();
        self.complete_record();
        self.add_offset(FRAME, FRAME, frame as u64 * 8);
        let at = self.asm.bl_outside();
        self.direct_calls.push((at, callee.place));
        self.pop_record();
    }

    /// Calls the store function in `w0` with its frame at slot `frame`:
    /// the call at `pc`, which resumes at `resume`. The call site starts
    /// the record and passes callee, frame and pcs to the function's call
    /// thunk ([`call_code`]) in `x0`, `x2`, `x9` and `x10`; the callee
    /// returns here.
    ///
    /// [`call_code`]: Self::call_code
    fn call(&mut self, pc: u32, frame: u16, resume: u32) {
        // The callee (or the run loop) sees the frame; it clobbers every
        // register.
        self.spill_pinned();
        let thunk = *self.thunk.get_or_insert_with(|| self.asm.label());
        self.asm.mov_imm(Width::W32, X2, frame as u64);
        self.asm.mov_imm(Width::W32, RESUME_PC, resume as u64);
        self.asm.mov_imm(Width::W32, CALL_PC, pc as u64);
        self.push_record();
        self.asm.bl(thunk);
        self.pop_record();
    }

    /// Pushes a call's record (`CallRecord`): the previous record (`x29`)
    /// and the return address (`x30`), a frame record as the platform
    /// lays them out, and the caller's frame; the resume pc (in `w9`) and
    /// the callee (in `w0`) follow ([`complete_record`]).
    ///
    /// [`complete_record`]: Self::complete_record
    fn push_record(&mut self) {
        const _: () = assert!(size_of::<CallRecord>() == RECORD_BYTES);
        const _: () = assert!(offset_of!(CallRecord, return_address) == 8);
        const _: () = assert!(offset_of!(CallRecord, caller_frame) == CALLER_FRAME as usize);
        let a = &mut self.asm;
        a.store_pair(
            Width::W64,
            Reg::FP,
            Reg::LR,
            PairAddress::PreIndex(Reg::SP, -(RECORD_BYTES as i16)),
        );
        a.store(Size::X, FRAME, Address::Scaled(Reg::SP, CALLER_FRAME));
    }

    /// Completes the record [`push_record`](Self::push_record) began with
    /// the resume pc and the callee, and makes it the newest.
    fn complete_record(&mut self) {
        const _: () = assert!(offset_of!(CallRecord, resume_pc) == 24);
        const _: () = assert!(offset_of!(CallRecord, callee) == 28);
        let a = &mut self.asm;
        a.store_pair(Width::W32, RESUME_PC, X0, PairAddress::Offset(Reg::SP, 24));
        a.mov(Width::W64, Reg::FP, Reg::SP);
    }

    /// After a call returned: pops its record, restoring the chain, the
    /// return address and the frame, and loads the pinned locals again.
    /// Memory 0's registers stay as the callee left them: current (a
    /// callee that grows the memory reloads them).
    fn pop_record(&mut self) {
        let a = &mut self.asm;
        a.load(Load::LdrX, FRAME, Address::Scaled(Reg::SP, CALLER_FRAME));
        a.load_pair(
            Width::W64,
            Reg::FP,
            Reg::LR,
            PairAddress::PostIndex(Reg::SP, RECORD_BYTES as i16),
        );
        self.reload_pinned();
    }

    /// `dst` = `base` + `bytes`. Uses `x17` when `bytes` is no immediate.
    fn add_offset(&mut self, dst: Reg, base: Reg, bytes: u64) {
        match ArithImm::new(bytes) {
            Some(imm) => self.asm.arith_imm(Arith::Add, Width::W64, dst, base, imm),
            None => {
                self.asm.mov_imm(Width::W64, Reg::x(17), bytes);
                self.asm
                    .arith(Arith::Add, Width::W64, dst, base, Reg::x(17));
            }
        }
    }

    /// The out-of-line code of calls: the stubs of direct calls that
    /// cannot be made here, the call thunk, and the call exit.
    pub(super) fn call_code(&mut self) {
        for (stub, frame, pc) in core::mem::take(&mut self.call_stubs) {
            self.asm.bind(stub);
            self.asm.mov_imm(Width::W32, X2, frame as u64);
            self.asm.mov_imm(Width::W32, CALL_PC, pc as u64);
            let exit = *self.call_exit.get_or_insert_with(|| self.asm.label());
            self.asm.b(exit);
        }
        if let Some(thunk) = self.thunk {
            self.call_thunk(thunk);
        }
        if let Some(exit) = self.call_exit {
            // The run loop makes the call: callee, frame and the call's pc.
            self.asm.bind(exit);
            self.store_ctx(Size::W, X0, offsets::CALLEE);
            self.store_ctx(Size::W, X2, offsets::CALLEE_FRAME);
            self.store_ctx(Size::W, CALL_PC, offsets::EXIT_PC);
            self.store_ctx(Size::X, FRAME, offsets::EXIT_FP);
            self.asm.mov_imm(Width::W32, X0, ExitKind::Call as u64);
            let exit = self.exit;
            self.asm.b(exit);
        }
    }

    /// The call thunk, shared by a function's call sites: calls the store
    /// function in `w0` with its frame at slot `x2` of the current one, the
    /// call at pc `w10` resuming at pc `w9`, the call site's record begun.
    /// A compiled callee of the running instance is called directly if the
    /// value stack and the native stack (and depth) have room, with the
    /// record completed; the callee returns to the call site. Anything else
    /// leaves through the call exit for the run loop (the record, not yet
    /// the newest, is dropped with the rest of the native stack). Uses
    /// `x3` and `x11`–`x13`.
    fn call_thunk(&mut self, thunk: Label) {
        let slow = *self.call_exit.get_or_insert_with(|| self.asm.label());
        self.asm.bind(thunk);
        // x11 = the callee's record (`funcs + index * 40`); x3 = its
        // compiled code.
        const _: () = assert!(size_of::<VmFunc>() == 40);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, X11, X0, X0, Shift::Lsl, 2);
        self.load_ctx(Width::W64, X12, offsets::FUNCS);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, X11, X12, X11, Shift::Lsl, 3);
        self.asm
            .load(Load::LdrX, X3, field(X11, offset_of!(VmFunc, jit)));
        self.asm.cbz(Width::W64, X3, slow);
        self.asm
            .load(Load::LdrW, X12, field(X11, offset_of!(VmFunc, instance)));
        self.load_ctx(Width::W32, X13, offsets::INSTANCE_ID);
        self.asm.cmp(Width::W32, X12, X13);
        self.asm.b_cond(Cond::Ne, slow);
        // Native stack (and depth) for the record, from where it starts.
        let record = ArithImm::new(RECORD_BYTES as u64).expect("an immediate");
        self.asm
            .arith_imm(Arith::Add, Width::W64, X12, Reg::SP, record);
        self.load_ctx(Width::W64, X13, offsets::CALL_LIMIT);
        self.asm.cmp(Width::W64, X12, X13);
        self.asm.b_cond(Cond::Ls, slow);
        // The callee's frame ends inside the value stack.
        self.asm
            .load(Load::LdrX, X11, field(X11, offset_of!(VmFunc, compiled)));
        let frame_size = offset_of!(CompiledFunc, frame_size);
        self.asm
            .load(Load::Ldrh, X11, Address::Scaled(X11, frame_size as u32));
        self.asm.arith(Arith::Add, Width::W64, X11, X11, X2);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, X11, FRAME, X11, Shift::Lsl, 3);
        self.load_ctx(Width::W64, X12, offsets::STACK_END);
        self.asm.cmp(Width::W64, X11, X12);
        self.asm.b_cond(Cond::Hi, slow);
        // The call, with the callee's frame: it returns to the call site.
        self.complete_record();
        let a = &mut self.asm;
        a.arith_shifted(Arith::Add, Width::W64, FRAME, FRAME, X2, Shift::Lsl, 3);
        a.load(Load::LdrX, TARGET, field(X3, offset_of!(FuncCode, start)));
        a.br(TARGET);
    }

    /// Leaves to call the store function in `w0` with its frame (its
    /// arguments) at slot `frame`: the call, or the tail call, at `pc`.
    fn call_exit(&mut self, pc: u32, frame: u16, tail: bool) {
        self.store_ctx(Size::W, X0, offsets::CALLEE);
        self.asm.mov_imm(Width::W32, X1, frame as u64);
        self.store_ctx(Size::W, X1, offsets::CALLEE_FRAME);
        self.exit_at(pc, ExitKind::of_call(tail));
    }

    /// `w0` = the function a `call_indirect` calls: its table's element at
    /// the index in slot `b`, checked to exist, to be non-null and to have
    /// the type in the data word (the interpreter's checks, in order).
    fn indirect_callee(&mut self, pc: u32, i: Instr) {
        let ty = self.data(pc, 1).bc();
        self.instance_entity(offsets::INSTANCE_TABLES, i.c as u32, offsets::TABLES);
        self.load_slot(Width::W64, X1, i.b);
        self.asm.load(Load::LdrX, X2, Address::Scaled(X0, 8));
        self.asm.cmp(Width::W64, X1, X2);
        self.trap_if(Cond::Hs, pc, TrapCode::UndefinedElement);
        self.asm.load(Load::LdrX, X0, Address::Scaled(X0, 0));
        self.asm
            .load(Load::LdrX, X0, Address::indexed(X0, X1, true));
        let null = self.trap_label(pc, TrapCode::IndirectCallToNull);
        self.asm.cbz(Width::W64, X0, null);
        self.asm.mov_imm(Width::W32, X1, 1);
        self.asm.arith(Arith::Sub, Width::W32, X0, X0, X1);
        // The callee's type id against the expected one.
        self.load_ctx(Width::W64, X1, offsets::INSTANCE_TYPE_IDS);
        self.load_word(X1, X1, ty);
        self.asm.mov_imm(Width::W64, X2, size_of::<VmFunc>() as u64);
        self.asm.mul(Width::W64, X2, X0, X2);
        self.load_ctx(Width::W64, Reg::X3, offsets::FUNCS);
        self.asm.arith(Arith::Add, Width::W64, X2, X2, Reg::X3);
        let type_id = offset_of!(VmFunc, type_id) as u32;
        self.asm.load(Load::LdrW, X2, Address::Scaled(X2, type_id));
        self.asm.cmp(Width::W32, X1, X2);
        self.trap_if(Cond::Ne, pc, TrapCode::BadSignature);
    }

    /// Calls `helper(ctx, frame, &code[pc], memory)` for the instruction
    /// at `pc`, with the pinned locals written back and the chain of call
    /// records in the context, and raises the trap
    /// it answers, if any. `memory` is the module memory a load or store
    /// here would access, for the helpers that need it.
    fn instr_helper(&mut self, pc: u32, helper: usize) {
        let at: *const Instr = &self.code[pc as usize];
        self.spill_pinned();
        // A collection the helper starts reads the frames of the records.
        self.store_ctx(Size::X, Reg::FP, offsets::CHAIN);
        self.asm.mov(Width::W64, X0, CTX);
        self.asm.mov(Width::W64, X1, FRAME);
        self.asm.mov_imm(Width::W64, X2, at as u64);
        self.asm.mov_imm(Width::W32, Reg::X3, self.memory as u64);
        self.call_helper(helper);
        self.trap_on_helper_error(pc, X0);
    }
}
