//! Linear-memory access on aarch64: loads and stores with an explicit
//! bounds check or, trapping by signals in a guarded memory, none (the
//! access faults in the guard region), 64-bit address offsets, `memory.size`, another memory's selection, and `memory.grow`
//! through its helper.

use super::{A64, ADDRESS, LEN, Lowering, MEM, X0, X1, X2};
use crate::ir::{Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Address, Arith, ArithImm, Cond, Load, Reg, Select, Shift, Size};
use crate::jit::context::offsets;
use crate::jit::helpers;
use crate::jit::lower::{ADDR_CLAMP, acc_operands, ops};
use crate::trap::TrapCode;

/// The load instruction for `bytes` bytes, sign- or zero-extended to
/// `width`.
fn load_op(bytes: u8, signed: bool, width: Width) -> Load {
    match (bytes, signed, width) {
        (1, false, _) => Load::Ldrb,
        (2, false, _) => Load::Ldrh,
        (4, false, _) => Load::LdrW,
        (1, true, Width::W32) => Load::LdrsbW,
        (1, true, Width::W64) => Load::LdrsbX,
        (2, true, Width::W32) => Load::LdrshW,
        (2, true, Width::W64) => Load::LdrshX,
        (4, true, _) => Load::Ldrsw,
        _ => Load::LdrX,
    }
}

/// The store instruction's size for `bytes` bytes.
fn store_size(bytes: u8) -> Size {
    match bytes {
        1 => Size::B,
        2 => Size::H,
        4 => Size::W,
        _ => Size::X,
    }
}

impl Lowering<'_, A64> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn memory(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if !self.compiles_access(base) {
            return Err(i.op);
        }
        if let Some(l) = ops::load(base) {
            self.read_int(X0, i.b, acc_operands(i.op) != 0);
            let at = self.bounds_check(pc, i.c, l.bytes);
            self.asm.load(load_op(l.bytes, l.signed, l.width), X0, at);
            self.write_int(i.op, i.a, X0);
            return Ok(true);
        }
        if let Some(bytes) = ops::store(base) {
            let acc = acc_operands(i.op);
            self.read_int(X0, i.a, acc & 2 != 0);
            self.read_int(X2, i.b, acc & 1 != 0);
            let at = self.bounds_check(pc, i.c, bytes);
            self.asm.store(store_size(bytes), X2, at);
            return Ok(true);
        }
        match i.op {
            Op::AddrOffset => {
                let guarded = self.accesses_guarded(self.access_memory(pc));
                let d = self.data(pc, 1);
                let offset = d.bc() as u64 | (d.a as u64) << 32;
                self.load_slot(Width::W64, X0, i.b);
                let a = &mut self.asm;
                a.mov_imm(Width::W64, X1, offset);
                a.arith(Arith::Adds, Width::W64, X0, X0, X1);
                if guarded {
                    // A 32-bit address plus at most 48 bits of offset
                    // cannot wrap; any sum past 4 GiB is out of bounds.
                    a.mov_imm(Width::W64, X1, 1 << 32);
                } else {
                    // Saturating (a carry means the sum wrapped), then
                    // clamped.
                    a.mov_imm(Width::W64, X1, ADDR_CLAMP);
                    a.cond_select(Select::Csel, Width::W64, X0, X1, X0, Cond::Hs);
                }
                a.cmp(Width::W64, X0, X1);
                a.cond_select(Select::Csel, Width::W64, X0, X1, X0, Cond::Hi);
                self.store_slot(i.a, X0);
            }
            Op::MemorySize => {
                self.asm
                    .shift_imm(Shift::Lsr, Width::W64, X0, LEN, i.c as u8);
                self.store_slot(i.a, X0);
            }
            Op::MemorySelect => {
                self.memory = i.bc();
                self.instance_entity(offsets::INSTANCE_MEMORIES, i.bc(), offsets::MEMORIES);
                self.asm.load(Load::LdrX, MEM, Address::Scaled(X0, 0));
                self.asm.load(Load::LdrX, LEN, Address::Scaled(X0, 8));
            }
            Op::MemoryRestore => {
                self.memory = 0;
                self.reload_memory0();
            }
            Op::MemoryGrow | Op::MemoryGrow64 => {
                let wide = i.op == Op::MemoryGrow64;
                let width = if wide { Width::W64 } else { Width::W32 };
                self.spill_pinned();
                self.asm.mov(Width::W64, X0, super::CTX);
                self.asm.mov_imm(Width::W32, X1, i.c as u64);
                self.load_frame(width, X2, i.b);
                self.asm.mov_imm(Width::W32, Reg::X3, wide as u64);
                self.call_helper(helpers::memory_grow as *const () as usize);
                self.checked_result(pc, i.a);
                self.reload_memory0();
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The address of `bytes` bytes at address `x0` plus `offset` in the
    /// memory, trapping at `pc` if they do not lie in it: checked here, or,
    /// for a guarded memory, by the access itself, which must come next (a
    /// trap site). A checked address is at most 2^62 (see the
    /// interpreter's `ea`), so the sum cannot wrap; a guarded one is a
    /// 32-bit address or at most 4 GiB (`addr_offset`), so with the offset
    /// and the access it ends in the guard region at worst. Uses `x1` and
    /// [`ADDRESS`].
    fn bounds_check(&mut self, pc: u32, offset: u16, bytes: u8) -> Address {
        if self.accesses_guarded(self.memory) {
            let at = self.address(offset, bytes);
            self.trap_site(pc, TrapCode::MemoryOutOfBounds);
            return at;
        }
        // The access's end, `offset + bytes` at most 65,543: one `add`
        // when it is an arithmetic immediate.
        let end = offset as u64 + bytes as u64;
        match ArithImm::new(end) {
            Some(imm) => self.asm.arith_imm(Arith::Add, Width::W64, X1, X0, imm),
            None => {
                self.asm.mov_imm(Width::W64, X1, end);
                self.asm.arith(Arith::Add, Width::W64, X1, X0, X1);
            }
        }
        self.asm.cmp(Width::W64, X1, LEN);
        self.trap_if(Cond::Hi, pc, TrapCode::MemoryOutOfBounds);
        self.address(offset, bytes)
    }

    /// The address of the `bytes`-byte access at address `x0` plus
    /// `offset` in the memory: base and address as index register, or,
    /// with an offset, their sum in [`ADDRESS`] and the offset in the
    /// instruction where it fits (else in `x1`).
    fn address(&mut self, offset: u16, bytes: u8) -> Address {
        if offset == 0 {
            return Address::indexed(MEM, X0, false);
        }
        self.asm.arith(Arith::Add, Width::W64, ADDRESS, MEM, X0);
        if let Some(at) = Address::offset(ADDRESS, offset as i64, bytes as u32) {
            return at;
        }
        self.asm.mov_imm(Width::W64, X1, offset as u64);
        Address::indexed(ADDRESS, X1, false)
    }

    /// Reloads the memory registers with memory 0's view.
    pub(super) fn reload_memory0(&mut self) {
        self.load_ctx(Width::W64, MEM, offsets::MEMORY0_BASE);
        self.load_ctx(Width::W64, LEN, offsets::MEMORY0_LEN);
    }
}
