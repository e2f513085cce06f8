//! Calls between compiled functions, native calls that keep the frame
//! stack lazily (`jit/call_records.rs`): a call pushes a record on the
//! native stack, chained through the context, and its return pops it;
//! every exit writes the records out as frames, so any exit of the callee
//! — a trap, a call it leaves to make — finds every frame in place and the
//! run loop can continue each in either tier. A call of a function compiled
//! in the same unit goes straight to its code with two checks (value stack;
//! native stack and depth at once); other calls go through the function's
//! call thunk, which also checks the callee's tier and instance. Everything
//! else (a host function, another instance, an interpreted function, a
//! stack too short) leaves through the call exit, which the run loop
//! performs.
//!
//! A function's code starts with its direct-call entry: it sets up the
//! frame (declared locals zeroed, constants written) and falls into pc 0.

use super::{FP, Lowering, X64};
use crate::ir::CompiledFunc;
use crate::jit::FuncCode;
use crate::jit::call_records::{RECORD_BYTES, X64Record as CallRecord};
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets};
use crate::jit::lower::Member;
use crate::jit::x64::{Alu, Cond, Gpr, Label, Mem, Width};
use crate::vm::VmFunc;
use core::mem::{offset_of, size_of};

impl Lowering<'_, X64> {
    /// The direct-call entry: `init_frame` for `func`, compiled.
    pub(super) fn frame_setup(&mut self, func: &CompiledFunc) {
        let locals = func.num_params as usize;
        let consts = locals + func.num_locals as usize;
        if func.num_locals != 0 {
            self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
            for k in locals..consts {
                self.asm.store(Width::W64, Self::slot(k as u16), Gpr::Rax);
            }
        }
        for (k, &value) in func.consts.iter().enumerate() {
            let slot = Self::slot((consts + k) as u16);
            match i32::try_from(value as i64) {
                Ok(imm) => self.asm.store_imm(Width::W64, slot, imm),
                Err(_) => {
                    self.asm.mov_ri(Width::W64, Gpr::Rax, value as i64);
                    self.asm.store(Width::W64, slot, Gpr::Rax);
                }
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
    pub(super) fn direct_call(
        &mut self,
        pc: u32,
        frame: u16,
        resume: u32,
        func: u32,
        callee: Member,
    ) {
        self.spill_pinned();
        self.instance_func(func);
        let stub = self.asm.label();
        self.call_stubs.push((stub, frame, pc));
        let a = &mut self.asm;
        // The callee's frame ends inside the value stack.
        let end = (frame as i32 + callee.frame_size as i32) * 8;
        a.lea(Gpr::Rcx, Mem::base(FP, end));
        a.alu_rm(
            Alu::Cmp,
            Width::W64,
            Gpr::Rcx,
            Self::ctx(offsets::STACK_END),
        );
        a.jcc(Cond::A, stub);
        // Native stack (and call depth) for one more record.
        a.alu_rm(
            Alu::Cmp,
            Width::W64,
            Gpr::Rsp,
            Self::ctx(offsets::CALL_LIMIT),
        );
        a.jcc(Cond::Be, stub);
        a.push_imm(resume as i32);
        self.complete_record();
        self.asm.lea(FP, Mem::base(FP, frame as i32 * 8));
        let at = self.asm.call_outside();
        self.direct_calls.push((at, callee.place));
        self.pop_record();
    }

    /// `eax` = the store function that is the running instance's function
    /// `index`.
    pub(super) fn instance_func(&mut self, index: u32) {
        self.asm
            .load(Width::W64, Gpr::Rax, Self::ctx(offsets::INSTANCE_FUNCS));
        self.asm
            .load(Width::W32, Gpr::Rax, Mem::base(Gpr::Rax, index as i32 * 4));
    }

    /// Calls the store function in `eax` with its frame at slot `frame`:
    /// the call at `pc`, which resumes at `resume`. The call site passes
    /// callee, frame and pcs to the function's call thunk ([`call_code`])
    /// in `eax`, `edx`, `r9d` and `r10d`; the callee returns here, above
    /// the record the thunk pushed.
    ///
    /// [`call_code`]: Self::call_code
    pub(super) fn call(&mut self, pc: u32, frame: u16, resume: u32) {
        // The callee (or the run loop) sees the frame; it clobbers every
        // register.
        self.spill_pinned();
        let thunk = *self.thunk.get_or_insert_with(|| self.asm.label());
        let a = &mut self.asm;
        a.mov_ri(Width::W32, Gpr::Rdx, frame as i64);
        a.mov_ri(Width::W32, Gpr::R9, resume as i64);
        a.mov_ri(Width::W32, Gpr::R10, pc as i64);
        a.call_label(thunk);
        self.pop_record();
    }

    /// Completes a call's record (`CallRecord`) over the resume pc just
    /// pushed: the callee (from `eax`), the caller's frame, the previous
    /// record; and makes it the newest.
    fn complete_record(&mut self) {
        const _: () = assert!(size_of::<CallRecord>() + 8 == RECORD_BYTES);
        const _: () = assert!(offset_of!(CallRecord, caller_frame) == 8);
        const _: () = assert!(offset_of!(CallRecord, resume_pc) == 16);
        const _: () = assert!(offset_of!(CallRecord, callee) == 20);
        let a = &mut self.asm;
        a.store(Width::W32, Mem::base(Gpr::Rsp, 4), Gpr::Rax);
        a.push(FP);
        a.push_m(Self::ctx(offsets::CHAIN));
        a.store(Width::W64, Self::ctx(offsets::CHAIN), Gpr::Rsp);
    }

    /// After a call returned: pops its record, restoring the chain and the
    /// frame, and loads the pinned locals again. Memory 0's registers stay
    /// as the callee left them: current (a callee that grows the memory
    /// reloads them).
    fn pop_record(&mut self) {
        let a = &mut self.asm;
        a.pop_m(Self::ctx(offsets::CHAIN));
        a.pop(FP);
        a.pop(Gpr::Rcx);
        self.reload_pinned();
    }

    /// The out-of-line code of calls: the stubs of direct calls that
    /// cannot be made here, the call thunk, and the call exit.
    pub(super) fn call_code(&mut self) {
        for (stub, frame, pc) in core::mem::take(&mut self.call_stubs) {
            self.asm.bind(stub);
            self.asm.mov_ri(Width::W32, Gpr::Rdx, frame as i64);
            self.asm.mov_ri(Width::W32, Gpr::R10, pc as i64);
            let exit = *self.call_exit.get_or_insert_with(|| self.asm.label());
            self.asm.jmp(exit);
        }
        if let Some(thunk) = self.thunk {
            self.call_thunk(thunk);
        }
        if let Some(exit) = self.call_exit {
            // The run loop makes the call: callee, frame and the call's pc.
            let ctx = Self::ctx;
            let a = &mut self.asm;
            a.bind(exit);
            a.store(Width::W32, ctx(offsets::CALLEE), Gpr::Rax);
            a.store(Width::W32, ctx(offsets::CALLEE_FRAME), Gpr::Rdx);
            a.store(Width::W32, ctx(offsets::EXIT_PC), Gpr::R10);
            a.store(Width::W64, ctx(offsets::EXIT_FP), FP);
            a.mov_ri(Width::W32, Gpr::Rax, ExitKind::Call as i64);
            a.jmp(self.exit);
        }
    }

    /// The call thunk, shared by a function's call sites: calls the store
    /// function in `eax` with its frame at slot `edx` of the current one,
    /// the call at pc `r10d` resuming at pc `r9d`. A compiled callee of the
    /// running instance is called directly if the value stack and the
    /// native stack (and depth) have room: the thunk takes its return
    /// address off the stack, pushes the record and the return address
    /// again and jumps to the callee, which returns to the call site.
    /// Anything else leaves through the call exit for the run loop. Uses
    /// `rcx`, `rsi`, `rdi` and `r11` (the pinned locals are in the frame).
    fn call_thunk(&mut self, thunk: Label) {
        let slow = *self.call_exit.get_or_insert_with(|| self.asm.label());
        let ctx = Self::ctx;
        let a = &mut self.asm;
        a.bind(thunk);
        // rdi = the callee's record; rcx = its compiled code.
        a.imul_rri(Width::W64, Gpr::Rdi, Gpr::Rax, size_of::<VmFunc>() as i32);
        a.alu_rm(Alu::Add, Width::W64, Gpr::Rdi, ctx(offsets::FUNCS));
        a.load(
            Width::W64,
            Gpr::Rcx,
            Mem::base(Gpr::Rdi, offset_of!(VmFunc, jit) as i32),
        );
        a.test_rr(Width::W64, Gpr::Rcx, Gpr::Rcx);
        a.jcc(Cond::E, slow);
        a.load(
            Width::W32,
            Gpr::Rsi,
            Mem::base(Gpr::Rdi, offset_of!(VmFunc, instance) as i32),
        );
        a.alu_rm(Alu::Cmp, Width::W32, Gpr::Rsi, ctx(offsets::INSTANCE_ID));
        a.jcc(Cond::Ne, slow);
        // Native stack (and depth) for the record, from the call site's
        // stack pointer (above the thunk's return address).
        a.lea(Gpr::Rsi, Mem::base(Gpr::Rsp, 8));
        a.alu_rm(Alu::Cmp, Width::W64, Gpr::Rsi, ctx(offsets::CALL_LIMIT));
        a.jcc(Cond::Be, slow);
        // The callee's frame ends inside the value stack.
        let frame_size = offset_of!(CompiledFunc, frame_size) as i32;
        a.load(
            Width::W64,
            Gpr::Rdi,
            Mem::base(Gpr::Rdi, offset_of!(VmFunc, compiled) as i32),
        );
        a.load_extend(
            Width::W32,
            Gpr::Rdi,
            Mem::base(Gpr::Rdi, frame_size),
            16,
            false,
        );
        a.alu_rr(Alu::Add, Width::W64, Gpr::Rdi, Gpr::Rdx);
        a.lea(
            Gpr::Rdi,
            Mem {
                base: FP,
                index: Some((Gpr::Rdi, 3)),
                disp: 0,
            },
        );
        a.alu_rm(Alu::Cmp, Width::W64, Gpr::Rdi, ctx(offsets::STACK_END));
        a.jcc(Cond::A, slow);
        // The record under the call site's return address, which goes
        // back on top for the callee's `ret`.
        a.pop(Gpr::R11);
        a.push(Gpr::R9);
        self.complete_record();
        let a = &mut self.asm;
        a.push(Gpr::R11);
        a.lea(
            FP,
            Mem {
                base: FP,
                index: Some((Gpr::Rdx, 3)),
                disp: 0,
            },
        );
        a.jmp_m(Mem::base(Gpr::Rcx, offset_of!(FuncCode, start) as i32));
    }
}
