//! Branches, returns, copies, constants, `select`, globals and the metering
//! checks, on aarch64.

use super::{A64, IACC, Lowering, X0, X1, X2};
use crate::ir::{Instr, Op};
use crate::jit::Width;
use crate::jit::aarch64::{Address, Arith, Cond, IndexExtend, Load, Reg, Select, Shift, Size};
use crate::jit::code_buffer::Assemble;
use crate::jit::context::{ExitKind, offsets, trap_index};
use crate::jit::lower::acc_operands;
use crate::trap::TrapCode;

impl Lowering<'_, A64> {
    /// Slot `slot` = `value` (`width` bits), moved straight into the
    /// slot's register when it is pinned to a general one.
    fn set_constant(&mut self, slot: u16, width: Width, value: u64) {
        match self.pinned_int(slot) {
            Some(reg) => self.asm.mov_imm(width, reg, value),
            None => {
                self.asm.mov_imm(width, X0, value);
                self.store_slot(slot, X0);
            }
        }
    }

    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn control(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        match i.op {
            // With signals, `udf` (its immediate the trap's index, for a
            // reader of the code) is a trap site; without, a branch to the
            // stub.
            Op::Data | Op::Unreachable if self.signals => {
                self.trap_site(pc, TrapCode::Unreachable);
                self.asm.udf(trap_index(TrapCode::Unreachable) as u16);
            }
            Op::Data | Op::Unreachable => self.trap(pc, TrapCode::Unreachable),
            Op::Br => {
                let target = self.target(pc, i.bc() as i32);
                self.asm.b(target);
            }
            Op::BrIfNez | Op::BrIfNezA | Op::BrIfEqz | Op::BrIfEqzA => {
                let reg = if acc_operands(i.op) != 0 {
                    IACC
                } else {
                    self.slot_in(Width::W32, X0, i.a)
                };
                let target = self.target(pc, i.bc() as i32);
                if i.op.base() == Op::BrIfNez {
                    self.asm.cbnz(Width::W32, reg, target);
                } else {
                    self.asm.cbz(Width::W32, reg, target);
                }
            }
            Op::BrTable => {
                // A table of 32-bit offsets from its start; the index is
                // clamped to the default (the last).
                let n = i.bc();
                self.load_slot(Width::W32, X0, i.a);
                let table = self.asm.label();
                let a = &mut self.asm;
                a.mov_imm(Width::W32, X1, n as u64);
                a.cmp(Width::W32, X0, X1);
                a.cond_select(Select::Csel, Width::W32, X0, X1, X0, Cond::Hi);
                a.adr(X1, table);
                let entry = Address::Indexed {
                    base: X1,
                    index: X0,
                    extend: IndexExtend::Uxtw,
                    scaled: true,
                };
                a.load(Load::Ldrsw, X0, entry);
                a.arith(Arith::Add, Width::W64, X0, X1, X0);
                a.br(X0);
                a.bind(table);
                for k in 0..=n {
                    let target = self.target(pc, self.data(pc, 1 + k).bc() as i32);
                    self.asm.table_entry(target, table);
                }
            }
            Op::Return0 => self.ret(),
            Op::Return1 => {
                self.load_slot(Width::W64, X0, i.a);
                self.store_slot(0, X0);
                self.ret();
            }
            Op::ReturnSpan => {
                for k in 0..i.b {
                    self.load_slot(Width::W64, X0, i.a + k);
                    self.store_slot(k, X0);
                }
                self.ret();
            }
            Op::Copy => {
                let value = self.slot_in(Width::W64, X0, i.b);
                self.store_slot(i.a, value);
            }
            Op::Const32 => self.set_constant(i.a, Width::W32, i.bc() as u64),
            Op::ConstI64S32 => self.set_constant(i.a, Width::W64, i.bc() as i32 as i64 as u64),
            Op::Const64 => {
                let high = self.data(pc, 1).bc() as u64;
                self.set_constant(i.a, Width::W64, i.bc() as u64 | high << 32);
            }
            Op::Select => {
                let d = self.data(pc, 1);
                let if_true = self.slot_in(Width::W64, X0, d.a);
                let if_false = self.slot_in(Width::W64, X1, d.b);
                let condition = self.slot_in(Width::W32, X2, i.b);
                let dst = self.pinned_int(i.a).unwrap_or(X0);
                self.asm.cmp(Width::W32, condition, Reg::ZR);
                self.asm
                    .cond_select(Select::Csel, Width::W64, dst, if_true, if_false, Cond::Ne);
                if dst == X0 {
                    self.store_slot(i.a, X0);
                }
            }
            Op::GlobalGet | Op::GlobalSet | Op::GlobalGet128 | Op::GlobalSet128 => {
                self.instance_entity(offsets::INSTANCE_GLOBALS, i.bc(), offsets::GLOBALS);
                let words = if matches!(i.op, Op::GlobalGet | Op::GlobalSet) {
                    1
                } else {
                    2
                };
                for k in 0..words {
                    let cell = Address::Scaled(X0, k * 8);
                    if matches!(i.op, Op::GlobalGet | Op::GlobalGet128) {
                        self.asm.load(Load::LdrX, X1, cell);
                        self.store_slot(i.a + k as u16, X1);
                    } else {
                        self.load_slot(Width::W64, X1, i.a + k as u16);
                        self.asm.store(Size::X, X1, cell);
                    }
                }
            }
            Op::ConsumeFuel => {
                self.load_ctx(Width::W64, X0, offsets::FUEL);
                self.asm.mov_imm(Width::W64, X1, i.bc() as u64);
                self.asm.arith(Arith::Subs, Width::W64, X0, X0, X1);
                // Fuel is unsigned: running out borrows.
                self.trap_if(Cond::Lo, pc, TrapCode::OutOfFuel);
                self.store_ctx(Size::X, X0, offsets::FUEL);
            }
            Op::CheckInterrupt => {
                self.load_ctx(Width::W64, X0, offsets::INTERRUPT);
                self.asm.load(Load::Ldrb, X1, Address::Scaled(X0, 0));
                let clear = self.asm.label();
                self.asm.cbz(Width::W32, X1, clear);
                // Set: clear the flag (the trap answers the request, as in
                // the interpreter) and trap.
                self.asm.store(Size::B, Reg::ZR, Address::Scaled(X0, 0));
                self.trap(pc, TrapCode::Interrupted);
                self.asm.bind(clear);
            }
            // Counting is the interpreter's: compiled code is the tier the
            // count leads to.
            Op::CountHot => {}
            Op::CheckEpoch => {
                self.load_ctx(Width::W64, X0, offsets::EPOCH);
                self.asm.load(Load::LdrX, X0, Address::Scaled(X0, 0));
                self.load_ctx(Width::W64, X1, offsets::EPOCH_DEADLINE);
                self.asm.cmp(Width::W64, X0, X1);
                self.trap_if(Cond::Hs, pc, TrapCode::Interrupted);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Returns (to the trampoline or a direct caller): the results are in
    /// the first slots.
    fn ret(&mut self) {
        self.spill_pinned();
        self.asm.mov_imm(Width::W32, X0, ExitKind::Return as u64);
        self.asm.ret();
    }

    /// `x0` = the address of the store's record of the running instance's
    /// entity `index` (a global cell, a memory's or a table's view: 16
    /// bytes each): `records[space[index]]`, `space` and `records` the
    /// context fields at those offsets.
    pub(super) fn instance_entity(&mut self, space: i32, index: u32, records: i32) {
        self.load_ctx(Width::W64, X0, space);
        match Address::offset(X0, index as i64 * 4, 4) {
            Some(address) => self.asm.load(Load::LdrW, X0, address),
            None => {
                self.asm.mov_imm(Width::W64, X1, index as u64);
                self.asm
                    .load(Load::LdrW, X0, Address::indexed(X0, X1, true));
            }
        }
        self.load_ctx(Width::W64, X1, records);
        self.asm
            .arith_shifted(Arith::Add, Width::W64, X0, X1, X0, Shift::Lsl, 4);
    }
}
