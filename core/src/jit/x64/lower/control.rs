//! Branches, returns, calls, copies, constants, `select`, globals and the
//! metering checks.

use super::{CTX, IACC, Lowering, X64, acc_operands};
use crate::ir::{Instr, Op};
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets};
use crate::jit::x64::{Alu, Cond, Gpr, Mem, Width};
use crate::trap::TrapCode;
use crate::vm::VmFunc;
use core::mem::{offset_of, size_of};

impl Lowering<'_, X64> {
    /// Calls `helper(ctx, fp, &code[pc], memory)` for the instruction at
    /// `pc`, with the pinned locals written back, and raises the trap it
    /// answers, if any. `memory` is the module memory a load or store here
    /// would access (0, or the one a `memory.select` chose), for the
    /// helpers that need it; the others take three arguments.
    fn instr_helper(&mut self, pc: u32, helper: usize) {
        let at: *const Instr = &self.code[pc as usize];
        self.spill_pinned();
        self.asm.mov_rr(Width::W64, Gpr::Rdi, CTX);
        self.asm.mov_rr(Width::W64, Gpr::Rsi, super::FP);
        self.asm.mov_ri(Width::W64, Gpr::Rdx, at as i64);
        self.asm.mov_ri(Width::W32, Gpr::Rcx, self.memory as i64);
        self.call_helper(helper);
        self.trap_on_helper_error(pc, Gpr::Rax);
    }

    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn control(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        if let Some(helper) = crate::jit::helpers::whole_instruction(i.op) {
            self.instr_helper(pc, helper);
            return Ok(true);
        }
        match i.op {
            Op::Data | Op::Unreachable if self.signals => {
                self.trap_site(pc, TrapCode::Unreachable);
                self.asm.ud2();
            }
            Op::Data | Op::Unreachable => self.trap(pc, TrapCode::Unreachable),
            Op::Br => {
                let target = self.target(pc, i.bc() as i32);
                self.asm.jmp(target);
            }
            Op::BrIfNez | Op::BrIfNezA | Op::BrIfEqz | Op::BrIfEqzA => {
                let reg = if acc_operands(i.op) != 0 {
                    IACC
                } else {
                    self.load_slot(Width::W32, Gpr::Rax, i.a);
                    Gpr::Rax
                };
                self.asm.test_rr(Width::W32, reg, reg);
                let cond = if i.op.base() == Op::BrIfNez {
                    Cond::Ne
                } else {
                    Cond::E
                };
                let target = self.target(pc, i.bc() as i32);
                self.asm.jcc(cond, target);
            }
            Op::BrTable => {
                // A jump table of 32-bit offsets from its start, after the
                // jump; the index is clamped to the default (the last).
                let n = i.bc();
                self.load_slot(Width::W32, Gpr::Rax, i.a);
                let table = self.asm.label();
                let a = &mut self.asm;
                a.mov_ri(Width::W32, Gpr::Rcx, n as i64);
                a.alu_rr(Alu::Cmp, Width::W32, Gpr::Rax, Gpr::Rcx);
                a.cmov(Cond::A, Width::W32, Gpr::Rax, Gpr::Rcx);
                a.lea_label(Gpr::Rcx, table);
                let entry = Mem {
                    base: Gpr::Rcx,
                    index: Some((Gpr::Rax, 2)),
                    disp: 0,
                };
                a.load_extend(Width::W64, Gpr::Rax, entry, 32, true);
                a.alu_rr(Alu::Add, Width::W64, Gpr::Rax, Gpr::Rcx);
                a.jmp_r(Gpr::Rax);
                a.bind(table);
                for k in 0..=n {
                    let target = self.target(pc, self.data(pc, 1 + k).bc() as i32);
                    self.asm.table_entry(target, table);
                }
            }
            Op::Return0 => self.ret(),
            Op::Return1 => {
                self.load_slot(Width::W64, Gpr::Rax, i.a);
                self.store_slot(0, Gpr::Rax);
                self.ret();
            }
            Op::ReturnSpan => {
                for k in 0..i.b {
                    self.load_slot(Width::W64, Gpr::Rax, i.a + k);
                    self.store_slot(k, Gpr::Rax);
                }
                self.ret();
            }
            Op::Call => match self.unit.member(i.bc()) {
                Some(callee) => self.direct_call(pc, i.a, pc + 1, i.bc(), callee),
                None => {
                    self.instance_func(i.bc());
                    self.call(pc, i.a, pc + 1);
                }
            },
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
            Op::ReturnCall => {
                self.instance_func(i.bc());
                self.spill_pinned();
                self.call_exit(pc, i.a, true);
            }
            Op::CallRef | Op::ReturnCallRef => {
                self.load_slot(Width::W64, Gpr::Rax, i.b);
                self.asm.test_rr(Width::W64, Gpr::Rax, Gpr::Rax);
                self.trap_if(Cond::E, pc, TrapCode::NullFunctionReference);
                self.asm.alu_ri(Alu::Sub, Width::W32, Gpr::Rax, 1);
                if i.op == Op::CallRef {
                    self.call(pc, i.a, pc + 1);
                } else {
                    self.spill_pinned();
                    self.call_exit(pc, i.a, true);
                }
            }
            Op::Throw => {
                self.spill_pinned();
                self.asm
                    .store_imm(Width::W32, Self::ctx(offsets::CALLEE), i.bc() as i32);
                self.asm
                    .store_imm(Width::W32, Self::ctx(offsets::CALLEE_FRAME), i.a as i32);
                self.exit_at(pc, ExitKind::Throw);
            }
            Op::ThrowRef => {
                self.load_slot(Width::W64, Gpr::Rax, i.a);
                self.asm.test_rr(Width::W64, Gpr::Rax, Gpr::Rax);
                self.trap_if(Cond::E, pc, TrapCode::NullReference);
                self.spill_pinned();
                self.asm
                    .store_imm(Width::W32, Self::ctx(offsets::CALLEE_FRAME), i.a as i32);
                self.exit_at(pc, ExitKind::ThrowRef);
            }
            Op::RefAsNonNull => {
                self.load_slot(Width::W64, Gpr::Rax, i.a);
                self.asm.test_rr(Width::W64, Gpr::Rax, Gpr::Rax);
                self.trap_if(Cond::E, pc, TrapCode::NullReference);
            }
            Op::RefFunc => {
                self.asm
                    .load(Width::W64, Gpr::Rax, Self::ctx(offsets::INSTANCE_FUNCS));
                self.asm
                    .load(Width::W32, Gpr::Rax, Mem::base(Gpr::Rax, i.bc() as i32 * 4));
                self.asm.alu_ri(Alu::Add, Width::W64, Gpr::Rax, 1);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::Copy => {
                self.load_slot(Width::W64, Gpr::Rax, i.b);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::Const32 => {
                self.asm.mov_ri(Width::W32, Gpr::Rax, i.bc() as i64);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::ConstI64S32 => self.store_slot_imm(i.a, i.bc() as i32),
            Op::Const64 => {
                let hi = self.data(pc, 1).bc() as u64;
                self.asm
                    .mov_ri(Width::W64, Gpr::Rax, (i.bc() as u64 | hi << 32) as i64);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::Select => {
                let d = self.data(pc, 1);
                self.load_slot(Width::W64, Gpr::Rax, d.a);
                self.load_slot(Width::W64, Gpr::Rcx, d.b);
                self.load_slot(Width::W32, Gpr::Rdx, i.b);
                self.asm.test_rr(Width::W32, Gpr::Rdx, Gpr::Rdx);
                self.asm.cmov(Cond::E, Width::W64, Gpr::Rax, Gpr::Rcx);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::GlobalGet | Op::GlobalSet | Op::GlobalGet128 | Op::GlobalSet128 => {
                self.instance_entity(offsets::INSTANCE_GLOBALS, i.bc(), offsets::GLOBALS);
                let words = if matches!(i.op, Op::GlobalGet | Op::GlobalSet) {
                    1
                } else {
                    2
                };
                for k in 0..words {
                    let cell = Mem::base(Gpr::Rax, k * 8);
                    if matches!(i.op, Op::GlobalGet | Op::GlobalGet128) {
                        self.asm.load(Width::W64, Gpr::Rcx, cell);
                        self.store_slot(i.a + k as u16, Gpr::Rcx);
                    } else {
                        self.load_slot(Width::W64, Gpr::Rcx, i.a + k as u16);
                        self.asm.store(Width::W64, cell, Gpr::Rcx);
                    }
                }
            }
            Op::ConsumeFuel => {
                let fuel = Self::ctx(offsets::FUEL);
                self.asm.load(Width::W64, Gpr::Rax, fuel);
                self.asm.mov_ri(Width::W32, Gpr::Rcx, i.bc() as i64);
                self.asm.alu_rr(Alu::Sub, Width::W64, Gpr::Rax, Gpr::Rcx);
                self.trap_if(Cond::B, pc, TrapCode::OutOfFuel);
                self.asm.store(Width::W64, fuel, Gpr::Rax);
            }
            Op::CheckInterrupt => {
                self.asm
                    .load(Width::W64, Gpr::Rax, Self::ctx(offsets::INTERRUPT));
                self.asm
                    .load_extend(Width::W32, Gpr::Rcx, Mem::base(Gpr::Rax, 0), 8, false);
                self.asm.test_rr(Width::W32, Gpr::Rcx, Gpr::Rcx);
                let clear = self.asm.label();
                self.asm.jcc(Cond::E, clear);
                // Set: clear the flag (the trap answers the request, as in
                // the interpreter) and trap.
                self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rcx, Gpr::Rcx);
                self.asm.store8(Mem::base(Gpr::Rax, 0), Gpr::Rcx);
                self.trap(pc, TrapCode::Interrupted);
                self.asm.bind(clear);
            }
            // Counting is the interpreter's: compiled code is the tier the
            // count leads to.
            Op::CountHot => {}
            Op::CheckEpoch => {
                self.asm
                    .load(Width::W64, Gpr::Rax, Self::ctx(offsets::EPOCH));
                self.asm.load(Width::W64, Gpr::Rax, Mem::base(Gpr::Rax, 0));
                self.asm.alu_rm(
                    Alu::Cmp,
                    Width::W64,
                    Gpr::Rax,
                    Self::ctx(offsets::EPOCH_DEADLINE),
                );
                self.trap_if(Cond::Ae, pc, TrapCode::Interrupted);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Returns (to the trampoline or a direct caller): the results are in
    /// the first slots.
    fn ret(&mut self) {
        self.spill_pinned();
        self.asm
            .mov_ri(Width::W32, Gpr::Rax, ExitKind::Return as i64);
        self.asm.ret();
    }

    /// Leaves to call the store function in `eax` with its frame (its
    /// arguments) at slot `frame`: the call, or the tail call, at `pc`.
    pub(super) fn call_exit(&mut self, pc: u32, frame: u16, tail: bool) {
        self.asm
            .store(Width::W32, Self::ctx(offsets::CALLEE), Gpr::Rax);
        self.asm
            .store_imm(Width::W32, Self::ctx(offsets::CALLEE_FRAME), frame as i32);
        self.exit_at(pc, ExitKind::of_call(tail));
    }

    /// `eax` = the function a `call_indirect` calls: its table's element
    /// at the index in slot `b`, checked to exist, to be non-null and to
    /// have the type in the data word (the interpreter's checks, in order).
    fn indirect_callee(&mut self, pc: u32, i: Instr) {
        let ty = self.data(pc, 1).bc();
        self.instance_entity(offsets::INSTANCE_TABLES, i.c as u32, offsets::TABLES);
        self.load_slot(Width::W64, Gpr::Rcx, i.b);
        let a = &mut self.asm;
        a.alu_rm(Alu::Cmp, Width::W64, Gpr::Rcx, Mem::base(Gpr::Rax, 8));
        self.trap_if(Cond::Ae, pc, TrapCode::UndefinedElement);
        let a = &mut self.asm;
        a.load(Width::W64, Gpr::Rax, Mem::base(Gpr::Rax, 0));
        a.load(
            Width::W64,
            Gpr::Rax,
            Mem {
                base: Gpr::Rax,
                index: Some((Gpr::Rcx, 3)),
                disp: 0,
            },
        );
        a.test_rr(Width::W64, Gpr::Rax, Gpr::Rax);
        self.trap_if(Cond::E, pc, TrapCode::IndirectCallToNull);
        let a = &mut self.asm;
        a.alu_ri(Alu::Sub, Width::W32, Gpr::Rax, 1);
        a.load(
            Width::W64,
            Gpr::Rcx,
            Mem::base(CTX, offsets::INSTANCE_TYPE_IDS),
        );
        a.load(Width::W32, Gpr::Rcx, Mem::base(Gpr::Rcx, ty as i32 * 4));
        a.imul_rri(Width::W64, Gpr::Rdx, Gpr::Rax, size_of::<VmFunc>() as i32);
        a.alu_rm(
            Alu::Add,
            Width::W64,
            Gpr::Rdx,
            Mem::base(CTX, offsets::FUNCS),
        );
        a.alu_rm(
            Alu::Cmp,
            Width::W32,
            Gpr::Rcx,
            Mem::base(Gpr::Rdx, offset_of!(VmFunc, type_id) as i32),
        );
        self.trap_if(Cond::Ne, pc, TrapCode::BadSignature);
    }
}
