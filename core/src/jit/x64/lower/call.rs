//! Calls between compiled functions: a direct `call` when the callee is
//! compiled and of the running instance, with the frame stack kept exactly
//! as the interpreter keeps it (the caller's [`Frame`] pushed, the running
//! function recorded in the context), so any exit of the callee — a trap,
//! a call it leaves to make — finds every frame in place and the run loop
//! can continue each in either tier. Everything else (a host function,
//! another instance, an interpreted function, a full frame stack, a value
//! stack too short) leaves through the call exit, which the run loop
//! performs.
//!
//! Each call site passes its callee, frame and pcs to the function's call
//! thunk, which holds the checks, the frame push and the call once.
//!
//! A function's code starts with its direct-call entry: it sets up the
//! frame (declared locals zeroed, constants written) and falls into pc 0.

use super::{FP, LEN, Lowering, MEM, X64};
use crate::ir::CompiledFunc;
use crate::jit::FuncCode;
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets};
use crate::jit::x64::{Alu, Assembler, Cond, Gpr, Label, Mem, Shift, Width};
use crate::vm::{Frame, VmFunc};
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

    /// Calls the store function in `eax` with its frame at slot `frame`:
    /// the call at `pc`, which resumes at `resume`. The call site only
    /// passes these to the function's call thunk ([`call_thunk`]).
    ///
    /// [`call_thunk`]: Self::call_thunk
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
        self.reload_pinned();
    }

    /// The call thunk, shared by a function's call sites: calls the store
    /// function in `eax` with its frame at slot `edx` of the current one,
    /// the call at pc `r10d` resuming at pc `r9d`. A compiled callee of
    /// the running instance is called directly, if the frame stack, the
    /// value stack and the native stack have room, after pushing the
    /// caller's frame as the interpreter does; anything else leaves
    /// through the call exit for the run loop.
    pub(super) fn call_thunk(&mut self, thunk: Label) {
        let slow = self.asm.label();
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
        // Native stack left for one more nested call.
        a.alu_rm(Alu::Cmp, Width::W64, Gpr::Rsp, ctx(offsets::NATIVE_LIMIT));
        a.jcc(Cond::B, slow);
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
        // rsi = the frame-stack depth: room for one more, within the bound.
        a.load(Width::W64, Gpr::Rsi, ctx(offsets::FRAMES_LEN));
        a.alu_rm(
            Alu::Cmp,
            Width::W64,
            Gpr::Rsi,
            ctx(offsets::FRAMES_CAPACITY),
        );
        a.jcc(Cond::Ae, slow);
        a.alu_rm(Alu::Cmp, Width::W64, Gpr::Rsi, ctx(offsets::MAX_DEPTH));
        a.jcc(Cond::Ae, slow);
        // Push the caller's frame: the running function, where it resumes,
        // its frame's slot offset.
        frame_address(a, Gpr::Rdi, Gpr::Rsi);
        a.load(Width::W32, Gpr::R8, ctx(offsets::FUNC));
        a.store(
            Width::W32,
            Mem::base(Gpr::Rdi, offset_of!(Frame, func) as i32),
            Gpr::R8,
        );
        a.store(
            Width::W32,
            Mem::base(Gpr::Rdi, offset_of!(Frame, pc) as i32),
            Gpr::R9,
        );
        a.mov_rr(Width::W64, Gpr::R8, FP);
        a.alu_rm(Alu::Sub, Width::W64, Gpr::R8, ctx(offsets::STACK));
        a.shift_ri(Shift::Shr, Width::W64, Gpr::R8, 3);
        a.store(
            Width::W32,
            Mem::base(Gpr::Rdi, offset_of!(Frame, fp) as i32),
            Gpr::R8,
        );
        a.alu_ri(Alu::Add, Width::W64, Gpr::Rsi, 1);
        a.store(Width::W64, ctx(offsets::FRAMES_LEN), Gpr::Rsi);
        a.store(Width::W32, ctx(offsets::FUNC), Gpr::Rax);
        // The call, with the callee's frame; the caller's comes back from
        // the native stack. Entered with the stack 16-byte aligned (the
        // call site's call), it is again at the callee's entry after the
        // push, the padding and the call.
        a.push(FP);
        a.alu_ri(Alu::Sub, Width::W64, Gpr::Rsp, 8);
        a.lea(
            FP,
            Mem {
                base: FP,
                index: Some((Gpr::Rdx, 3)),
                disp: 0,
            },
        );
        a.call_m(Mem::base(Gpr::Rcx, offset_of!(FuncCode, start) as i32));
        a.alu_ri(Alu::Add, Width::W64, Gpr::Rsp, 8);
        a.pop(FP);
        // Pop the caller's frame; it is the running function again. The
        // callee may have grown memory 0.
        a.load(Width::W64, Gpr::Rsi, ctx(offsets::FRAMES_LEN));
        a.alu_ri(Alu::Sub, Width::W64, Gpr::Rsi, 1);
        a.store(Width::W64, ctx(offsets::FRAMES_LEN), Gpr::Rsi);
        frame_address(a, Gpr::Rdi, Gpr::Rsi);
        let caller = Mem::base(Gpr::Rdi, offset_of!(Frame, func) as i32);
        a.load(Width::W32, Gpr::Rax, caller);
        a.store(Width::W32, ctx(offsets::FUNC), Gpr::Rax);
        a.load(Width::W64, MEM, ctx(offsets::MEMORY0_BASE));
        a.load(Width::W64, LEN, ctx(offsets::MEMORY0_LEN));
        a.ret();
        // The run loop makes the call: callee, frame and the call's pc.
        a.bind(slow);
        a.store(Width::W32, ctx(offsets::CALLEE), Gpr::Rax);
        a.store(Width::W32, ctx(offsets::CALLEE_FRAME), Gpr::Rdx);
        a.store(Width::W32, ctx(offsets::EXIT_PC), Gpr::R10);
        a.store(Width::W64, ctx(offsets::EXIT_FP), FP);
        a.mov_ri(Width::W32, Gpr::Rax, ExitKind::Call as i64);
        a.jmp(self.exit);
    }
}

/// `dst` = the address of frame-stack entry `depth` (a register):
/// `frames + depth * 12`.
fn frame_address(a: &mut Assembler, dst: Gpr, depth: Gpr) {
    a.lea(
        dst,
        Mem {
            base: depth,
            index: Some((depth, 1)),
            disp: 0,
        },
    );
    a.shift_ri(Shift::Shl, Width::W64, dst, 2);
    a.alu_rm(
        Alu::Add,
        Width::W64,
        dst,
        Mem::base(super::CTX, offsets::FRAMES),
    );
}
