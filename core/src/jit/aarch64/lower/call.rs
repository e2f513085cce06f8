//! Calls, throws and the instructions run by helpers, on aarch64. A call
//! of a compiled function of the running instance is a native call, with
//! the frame stack kept exactly as the interpreter keeps it (the caller's
//! `Frame` pushed, the running function recorded in the context), so any
//! exit of the callee finds every frame in place and the run loop can
//! continue each in either tier. Everything else (a host function, another
//! instance, an interpreted function, a full frame stack, a value or native
//! stack too short) and every tail call leaves through the call exit,
//! which the run loop performs. Each call site passes its callee, frame and
//! pcs to the function's call thunk, which holds the checks, the frame
//! push and the call once.

use super::{A64, CTX, FRAME, Lowering, TARGET, X0, X1, X2};
use crate::ir::{CompiledFunc, Instr, Op};
use crate::jit::FuncCode;
use crate::jit::Width;
use crate::jit::aarch64::{Address, Arith, ArithImm, Cond, Load, PairAddress, Reg, Shift, Size};
use crate::jit::code_buffer::{Assemble, Label};
use crate::jit::context::{ExitKind, offsets};
use crate::trap::TrapCode;
use crate::vm::{Frame, VmFunc};
use core::mem::{offset_of, size_of};

/// The pc a call resumes at, from a call site to the thunk.
const RESUME_PC: Reg = Reg::x(9);
/// The pc of the call, from a call site to the thunk.
const CALL_PC: Reg = Reg::x(10);
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
            Op::Call => {
                self.instance_func(i.bc());
                self.call(pc, i.a, pc + 1);
            }
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

    /// Calls the store function in `w0` with its frame at slot `frame`:
    /// the call at `pc`, which resumes at `resume`. The call site passes
    /// these to the function's call thunk ([`call_thunk`]) in `x2`, `x9`
    /// and `x10`, keeping its own return address (`x30`) on the stack.
    ///
    /// [`call_thunk`]: Self::call_thunk
    fn call(&mut self, pc: u32, frame: u16, resume: u32) {
        // The callee (or the run loop) sees the frame; it clobbers every
        // register.
        self.spill_pinned();
        let thunk = *self.thunk.get_or_insert_with(|| self.asm.label());
        let a = &mut self.asm;
        a.mov_imm(Width::W32, X2, frame as u64);
        a.mov_imm(Width::W32, RESUME_PC, resume as u64);
        a.mov_imm(Width::W32, CALL_PC, pc as u64);
        a.store(Size::X, Reg::LR, Address::PreIndex(Reg::SP, -16));
        a.bl(thunk);
        a.load(Load::LdrX, Reg::LR, Address::PostIndex(Reg::SP, 16));
        self.reload_pinned();
    }

    /// The call thunk, shared by a function's call sites: calls the store
    /// function in `w0` with its frame at slot `x2` of the current one, the
    /// call at pc `w10` resuming at pc `w9`. A compiled callee of the
    /// running instance is called directly, if the frame stack, the value
    /// stack and the native stack have room, after pushing the caller's
    /// frame as the interpreter does; anything else leaves through the call
    /// exit for the run loop. Uses `x1`, `x3` and `x11`–`x13`.
    pub(super) fn call_thunk(&mut self, thunk: Label) {
        let slow = self.asm.label();
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
        // Native stack left for one more nested call.
        self.asm.mov(Width::W64, X12, Reg::SP);
        self.load_ctx(Width::W64, X13, offsets::NATIVE_LIMIT);
        self.asm.cmp(Width::W64, X12, X13);
        self.asm.b_cond(Cond::Lo, slow);
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
        // x11 = the frame-stack depth: room for one more, within the bound.
        self.load_ctx(Width::W64, X11, offsets::FRAMES_LEN);
        self.load_ctx(Width::W64, X12, offsets::FRAMES_CAPACITY);
        self.asm.cmp(Width::W64, X11, X12);
        self.asm.b_cond(Cond::Hs, slow);
        self.load_ctx(Width::W64, X12, offsets::MAX_DEPTH);
        self.asm.cmp(Width::W64, X11, X12);
        self.asm.b_cond(Cond::Hs, slow);
        // Push the caller's frame: the running function, where it resumes,
        // its frame's slot offset.
        self.frame_entry(X12, X11);
        self.load_ctx(Width::W32, X13, offsets::FUNC);
        self.asm
            .store(Size::W, X13, field(X12, offset_of!(Frame, func)));
        self.asm
            .store(Size::W, RESUME_PC, field(X12, offset_of!(Frame, pc)));
        self.load_ctx(Width::W64, X1, offsets::STACK);
        self.asm.arith(Arith::Sub, Width::W64, X1, FRAME, X1);
        self.asm.shift_imm(Shift::Lsr, Width::W64, X1, X1, 3);
        self.asm
            .store(Size::W, X1, field(X12, offset_of!(Frame, fp)));
        let one = ArithImm::new(1).expect("1 is an arithmetic immediate");
        self.asm.arith_imm(Arith::Add, Width::W64, X12, X11, one);
        self.store_ctx(Size::X, X12, offsets::FRAMES_LEN);
        self.store_ctx(Size::W, X0, offsets::FUNC);
        // The call, with the callee's frame. The caller's frame register,
        // the thunk's return address, the depth before the push and the
        // caller (in `x13`) wait on the stack.
        let a = &mut self.asm;
        a.store_pair(
            Width::W64,
            FRAME,
            Reg::LR,
            PairAddress::PreIndex(Reg::SP, -32),
        );
        a.store_pair(Width::W64, X11, X13, PairAddress::Offset(Reg::SP, 16));
        a.arith_shifted(Arith::Add, Width::W64, FRAME, FRAME, X2, Shift::Lsl, 3);
        a.load(Load::LdrX, TARGET, field(X3, offset_of!(FuncCode, start)));
        a.blr(TARGET);
        a.load_pair(Width::W64, X11, X13, PairAddress::Offset(Reg::SP, 16));
        a.load_pair(
            Width::W64,
            FRAME,
            Reg::LR,
            PairAddress::PostIndex(Reg::SP, 32),
        );
        // Pop the caller's frame (the callee's pushes and pops balance):
        // it is the running function again. The callee may have grown
        // memory 0.
        self.store_ctx(Size::X, X11, offsets::FRAMES_LEN);
        self.store_ctx(Size::W, X13, offsets::FUNC);
        self.reload_memory0();
        self.asm.ret();
        // The run loop makes the call: callee, frame and the call's pc.
        self.asm.bind(slow);
        self.store_ctx(Size::W, X0, offsets::CALLEE);
        self.store_ctx(Size::W, X2, offsets::CALLEE_FRAME);
        self.store_ctx(Size::W, CALL_PC, offsets::EXIT_PC);
        self.store_ctx(Size::X, FRAME, offsets::EXIT_FP);
        self.asm.mov_imm(Width::W32, X0, ExitKind::Call as u64);
        let exit = self.exit;
        self.asm.b(exit);
    }

    /// `dst` = the address of frame-stack entry `depth` (a register):
    /// `frames + depth * 12`. Uses `x13`.
    fn frame_entry(&mut self, dst: Reg, depth: Reg) {
        const _: () = assert!(size_of::<Frame>() == 12);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, dst, depth, depth, Shift::Lsl, 1);
        self.load_ctx(Width::W64, X13, offsets::FRAMES);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, dst, X13, dst, Shift::Lsl, 2);
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
    /// at `pc`, with the pinned locals written back, and raises the trap
    /// it answers, if any. `memory` is the module memory a load or store
    /// here would access, for the helpers that need it.
    fn instr_helper(&mut self, pc: u32, helper: usize) {
        let at: *const Instr = &self.code[pc as usize];
        self.spill_pinned();
        self.asm.mov(Width::W64, X0, CTX);
        self.asm.mov(Width::W64, X1, FRAME);
        self.asm.mov_imm(Width::W64, X2, at as u64);
        self.asm.mov_imm(Width::W32, Reg::X3, self.memory as u64);
        self.call_helper(helper);
        self.trap_on_helper_error(pc, X0);
    }
}
