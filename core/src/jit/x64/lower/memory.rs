//! Linear-memory access: loads and stores with an explicit bounds check
//! (the signal-free mode), 64-bit address offsets, `memory.size`, another
//! memory's selection, and `memory.grow` through its helper.

use super::{CTX, LEN, Lowering, MEM, X64, acc_operands};
use crate::ir::{Instr, Op};
use crate::jit::context::offsets;
use crate::jit::helpers;
use crate::jit::lower::{ADDR_CLAMP, ops};
use crate::jit::x64::{Alu, Cond, Gpr, Mem, Shift, Width};
use crate::trap::TrapCode;

impl Lowering<'_, X64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn memory(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if !self.compiles_access(base) {
            return Err(i.op);
        }
        if let Some(l) = ops::load(base) {
            self.read_int(Gpr::Rax, i.b, acc_operands(i.op) != 0);
            let at = self.bounds_check(pc, i.c, l.bytes);
            match (l.bytes, l.signed) {
                (4, false) | (8, _) => self.asm.load(l.width, Gpr::Rax, at),
                (bytes, signed) => self
                    .asm
                    .load_extend(l.width, Gpr::Rax, at, bytes * 8, signed),
            }
            self.write_int(i.op, i.a, Gpr::Rax);
            return Ok(true);
        }
        if let Some(bytes) = ops::store(base) {
            let acc = acc_operands(i.op);
            self.read_int(Gpr::Rax, i.a, acc & 2 != 0);
            self.read_int(Gpr::Rdx, i.b, acc & 1 != 0);
            let at = self.bounds_check(pc, i.c, bytes);
            match bytes {
                1 => self.asm.store8(at, Gpr::Rdx),
                2 => self.asm.store16(at, Gpr::Rdx),
                4 => self.asm.store(Width::W32, at, Gpr::Rdx),
                _ => self.asm.store(Width::W64, at, Gpr::Rdx),
            }
            return Ok(true);
        }
        match i.op {
            Op::AddrOffset => {
                let guarded = self.accesses_guarded(self.access_memory(pc));
                let d = self.data(pc, 1);
                let offset = d.bc() as u64 | (d.a as u64) << 32;
                self.load_slot(Width::W64, Gpr::Rax, i.b);
                let a = &mut self.asm;
                a.mov_ri(Width::W64, Gpr::Rcx, offset as i64);
                a.alu_rr(Alu::Add, Width::W64, Gpr::Rax, Gpr::Rcx);
                if guarded {
                    // A 32-bit address plus at most 48 bits of offset
                    // cannot wrap; any sum past 4 GiB is out of bounds,
                    // and 4 GiB (plus a 16-bit offset and the access)
                    // faults in the guard region.
                    a.mov_ri(Width::W64, Gpr::Rcx, 1 << 32);
                } else {
                    // Saturating, then clamped (`mov` leaves the carry).
                    a.mov_ri(Width::W64, Gpr::Rcx, ADDR_CLAMP as i64);
                    a.cmov(Cond::B, Width::W64, Gpr::Rax, Gpr::Rcx);
                }
                a.alu_rr(Alu::Cmp, Width::W64, Gpr::Rax, Gpr::Rcx);
                a.cmov(Cond::A, Width::W64, Gpr::Rax, Gpr::Rcx);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::MemorySize => {
                self.asm.mov_rr(Width::W64, Gpr::Rax, LEN);
                self.asm
                    .shift_ri(Shift::Shr, Width::W64, Gpr::Rax, i.c as u8);
                self.store_slot(i.a, Gpr::Rax);
            }
            Op::MemorySelect => {
                self.memory = i.bc();
                self.instance_entity(offsets::INSTANCE_MEMORIES, i.bc(), offsets::MEMORIES);
                self.asm.load(Width::W64, MEM, Mem::base(Gpr::Rax, 0));
                self.asm.load(Width::W64, LEN, Mem::base(Gpr::Rax, 8));
            }
            Op::MemoryRestore => {
                self.memory = 0;
                self.reload_memory0();
            }
            Op::MemoryGrow | Op::MemoryGrow64 => {
                let wide = i.op == Op::MemoryGrow64;
                let width = if wide { Width::W64 } else { Width::W32 };
                self.spill_pinned();
                let a = &mut self.asm;
                a.mov_rr(Width::W64, Gpr::Rdi, CTX);
                a.mov_ri(Width::W32, Gpr::Rsi, i.c as i64);
                a.load(width, Gpr::Rdx, Self::spilled(i.b));
                a.mov_ri(Width::W32, Gpr::Rcx, wide as i64);
                self.call_helper(helpers::memory_grow as *const () as usize);
                self.checked_result(pc, i.a);
                self.reload_memory0();
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The operand for `bytes` bytes at address `rax` plus `offset` in the
    /// memory, trapping at `pc` if they do not lie in it: checked here,
    /// or, for a guarded memory, by the access itself, which must come
    /// next (a trap site). A checked address is at most 2^62 (see the
    /// interpreter's `ea`), so the sum cannot wrap; a guarded one is a
    /// 32-bit address or at most 4 GiB (`addr_offset`).
    pub(super) fn bounds_check(&mut self, pc: u32, offset: u16, bytes: u8) -> Mem {
        let operand = Mem {
            base: MEM,
            index: Some((Gpr::Rax, 0)),
            disp: offset as i32,
        };
        if self.accesses_guarded(self.memory) {
            self.trap_site(pc, TrapCode::MemoryOutOfBounds);
            return operand;
        }
        let end = offset as i32 + bytes as i32;
        self.asm.lea(Gpr::Rcx, Mem::base(Gpr::Rax, end));
        self.asm.alu_rr(Alu::Cmp, Width::W64, Gpr::Rcx, LEN);
        self.trap_if(Cond::A, pc, TrapCode::MemoryOutOfBounds);
        operand
    }
}
