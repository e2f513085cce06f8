//! Calls, throws and the instructions run by helpers, on aarch64. Every
//! call leaves through the call exit for the run loop to perform (direct
//! calls between compiled functions, as x86_64 makes them, are to come):
//! the caller's frame and pcs are where the interpreter keeps them, so the
//! run loop enters the callee in its tier and comes back to the caller's
//! code at the pc after the call.

use super::{A64, CTX, FRAME, Lowering, X0, X1, X2};
use crate::ir::{Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Address, Arith, Cond, Load, Reg, Size};
use crate::jit::context::{ExitKind, offsets};
use crate::trap::TrapCode;
use crate::vm::VmFunc;
use core::mem::{offset_of, size_of};

impl Lowering<'_, A64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn call_or_helper(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        match i.op {
            Op::Call | Op::ReturnCall => {
                self.instance_func(i.bc());
                self.spill_pinned();
                self.call_exit(pc, i.a, i.op == Op::ReturnCall);
            }
            // A type that is not final may be matched by subtypes, which
            // only the interpreter checks for.
            Op::CallIndirect | Op::ReturnCallIndirect if self.data(pc, 1).a != 0 => {
                return Err(i.op);
            }
            Op::CallIndirect | Op::ReturnCallIndirect => {
                self.indirect_callee(pc, i);
                self.spill_pinned();
                self.call_exit(pc, i.a, i.op == Op::ReturnCallIndirect);
            }
            Op::CallRef | Op::ReturnCallRef => {
                self.load_slot(Width::W64, X0, i.b);
                let null = self.trap_label(pc, TrapCode::NullFunctionReference);
                self.asm.cbz(Width::W64, X0, null);
                self.asm.mov_imm(Width::W32, X1, 1);
                self.asm.arith(Arith::Sub, Width::W32, X0, X0, X1);
                self.spill_pinned();
                self.call_exit(pc, i.a, i.op == Op::ReturnCallRef);
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
            op if crate::vm::is_out_of_line(op) => {
                self.instr_helper(pc, crate::jit::helpers::out_of_line as *const () as usize);
            }
            // GC instructions run as in the interpreter, through a helper;
            // the frame is written back first, so a collection an
            // allocation starts finds every reference in it.
            op if op.is_gc() || crate::vm::is_gc_access(op) => {
                self.instr_helper(pc, crate::jit::helpers::gc as *const () as usize);
            }
            // Atomic instructions run as in the interpreter, through a
            // helper told which memory the instruction accesses.
            op if op.is_atomic() => {
                self.instr_helper(pc, crate::jit::helpers::atomic as *const () as usize);
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
