//! Integer arithmetic, comparisons (as values and fused into branches) and
//! conversions between integer widths.

use super::{IACC, Lowering, acc_operands};
use crate::ir::{Instr, Op};
use crate::jit::x64::{Alu, Cond, Gpr, Shift, Width};
use crate::trap::TrapCode;

/// What an integer operator computes.
#[derive(Clone, Copy)]
enum Arith {
    /// One ALU instruction.
    Simple(Alu),
    Mul,
    /// A shift or rotate.
    Shifted(Shift),
    Div {
        signed: bool,
        rem: bool,
    },
    /// `imm - x` (`sub_imm_lhs`).
    SubFromImm,
}

/// The integer operators with two slot operands (`Format::Bin`).
fn binary(op: Op) -> Option<(Width, Arith)> {
    use Arith::*;
    use Width::*;
    Some(match op {
        Op::I32Add => (W32, Simple(Alu::Add)),
        Op::I32Sub => (W32, Simple(Alu::Sub)),
        Op::I32And => (W32, Simple(Alu::And)),
        Op::I32Or => (W32, Simple(Alu::Or)),
        Op::I32Xor => (W32, Simple(Alu::Xor)),
        Op::I32Mul => (W32, Mul),
        Op::I32Shl => (W32, Shifted(Shift::Shl)),
        Op::I32ShrS => (W32, Shifted(Shift::Sar)),
        Op::I32ShrU => (W32, Shifted(Shift::Shr)),
        Op::I32Rotl => (W32, Shifted(Shift::Rol)),
        Op::I32Rotr => (W32, Shifted(Shift::Ror)),
        Op::I32DivS => (
            W32,
            Div {
                signed: true,
                rem: false,
            },
        ),
        Op::I32DivU => (
            W32,
            Div {
                signed: false,
                rem: false,
            },
        ),
        Op::I32RemS => (
            W32,
            Div {
                signed: true,
                rem: true,
            },
        ),
        Op::I32RemU => (
            W32,
            Div {
                signed: false,
                rem: true,
            },
        ),
        Op::I64Add => (W64, Simple(Alu::Add)),
        Op::I64Sub => (W64, Simple(Alu::Sub)),
        Op::I64And => (W64, Simple(Alu::And)),
        Op::I64Or => (W64, Simple(Alu::Or)),
        Op::I64Xor => (W64, Simple(Alu::Xor)),
        Op::I64Mul => (W64, Mul),
        Op::I64Shl => (W64, Shifted(Shift::Shl)),
        Op::I64ShrS => (W64, Shifted(Shift::Sar)),
        Op::I64ShrU => (W64, Shifted(Shift::Shr)),
        Op::I64Rotl => (W64, Shifted(Shift::Rol)),
        Op::I64Rotr => (W64, Shifted(Shift::Ror)),
        Op::I64DivS => (
            W64,
            Div {
                signed: true,
                rem: false,
            },
        ),
        Op::I64DivU => (
            W64,
            Div {
                signed: false,
                rem: false,
            },
        ),
        Op::I64RemS => (
            W64,
            Div {
                signed: true,
                rem: true,
            },
        ),
        Op::I64RemU => (
            W64,
            Div {
                signed: false,
                rem: true,
            },
        ),
        _ => return None,
    })
}

/// The integer operators with a slot and a 16-bit immediate (`Format::BinImm`).
fn immediate(op: Op) -> Option<(Width, Arith)> {
    use Arith::*;
    use Width::*;
    Some(match op {
        Op::I32AddImm => (W32, Simple(Alu::Add)),
        Op::I32AndImm => (W32, Simple(Alu::And)),
        Op::I32OrImm => (W32, Simple(Alu::Or)),
        Op::I32XorImm => (W32, Simple(Alu::Xor)),
        Op::I32MulImm => (W32, Mul),
        Op::I32ShlImm => (W32, Shifted(Shift::Shl)),
        Op::I32ShrSImm => (W32, Shifted(Shift::Sar)),
        Op::I32ShrUImm => (W32, Shifted(Shift::Shr)),
        Op::I32RotlImm => (W32, Shifted(Shift::Rol)),
        Op::I32RotrImm => (W32, Shifted(Shift::Ror)),
        Op::I32SubImmLhs => (W32, SubFromImm),
        Op::I64AddImm => (W64, Simple(Alu::Add)),
        Op::I64AndImm => (W64, Simple(Alu::And)),
        Op::I64OrImm => (W64, Simple(Alu::Or)),
        Op::I64XorImm => (W64, Simple(Alu::Xor)),
        Op::I64MulImm => (W64, Mul),
        Op::I64ShlImm => (W64, Shifted(Shift::Shl)),
        Op::I64ShrSImm => (W64, Shifted(Shift::Sar)),
        Op::I64ShrUImm => (W64, Shifted(Shift::Shr)),
        Op::I64RotlImm => (W64, Shifted(Shift::Rol)),
        Op::I64RotrImm => (W64, Shifted(Shift::Ror)),
        Op::I64SubImmLhs => (W64, SubFromImm),
        _ => return None,
    })
}

/// An integer relation in its four opcodes — as a value of two slots, of a
/// slot and an immediate, and fused into a branch likewise — with its width
/// and the condition that holds after `cmp left, right`.
struct Relation {
    value: Op,
    value_imm: Op,
    branch: Op,
    branch_imm: Op,
    width: Width,
    cond: Cond,
}

const fn rel(
    value: Op,
    value_imm: Op,
    branch: Op,
    branch_imm: Op,
    width: Width,
    cond: Cond,
) -> Relation {
    Relation {
        value,
        value_imm,
        branch,
        branch_imm,
        width,
        cond,
    }
}

/// Every integer relation.
const RELATIONS: [Relation; 20] = {
    use Cond::*;
    use Width::*;
    [
        rel(Op::I32Eq, Op::I32EqImm, Op::BrI32Eq, Op::BrI32EqImm, W32, E),
        rel(
            Op::I32Ne,
            Op::I32NeImm,
            Op::BrI32Ne,
            Op::BrI32NeImm,
            W32,
            Ne,
        ),
        rel(
            Op::I32LtS,
            Op::I32LtSImm,
            Op::BrI32LtS,
            Op::BrI32LtSImm,
            W32,
            L,
        ),
        rel(
            Op::I32LtU,
            Op::I32LtUImm,
            Op::BrI32LtU,
            Op::BrI32LtUImm,
            W32,
            B,
        ),
        rel(
            Op::I32GtS,
            Op::I32GtSImm,
            Op::BrI32GtS,
            Op::BrI32GtSImm,
            W32,
            G,
        ),
        rel(
            Op::I32GtU,
            Op::I32GtUImm,
            Op::BrI32GtU,
            Op::BrI32GtUImm,
            W32,
            A,
        ),
        rel(
            Op::I32LeS,
            Op::I32LeSImm,
            Op::BrI32LeS,
            Op::BrI32LeSImm,
            W32,
            Le,
        ),
        rel(
            Op::I32LeU,
            Op::I32LeUImm,
            Op::BrI32LeU,
            Op::BrI32LeUImm,
            W32,
            Be,
        ),
        rel(
            Op::I32GeS,
            Op::I32GeSImm,
            Op::BrI32GeS,
            Op::BrI32GeSImm,
            W32,
            Ge,
        ),
        rel(
            Op::I32GeU,
            Op::I32GeUImm,
            Op::BrI32GeU,
            Op::BrI32GeUImm,
            W32,
            Ae,
        ),
        rel(Op::I64Eq, Op::I64EqImm, Op::BrI64Eq, Op::BrI64EqImm, W64, E),
        rel(
            Op::I64Ne,
            Op::I64NeImm,
            Op::BrI64Ne,
            Op::BrI64NeImm,
            W64,
            Ne,
        ),
        rel(
            Op::I64LtS,
            Op::I64LtSImm,
            Op::BrI64LtS,
            Op::BrI64LtSImm,
            W64,
            L,
        ),
        rel(
            Op::I64LtU,
            Op::I64LtUImm,
            Op::BrI64LtU,
            Op::BrI64LtUImm,
            W64,
            B,
        ),
        rel(
            Op::I64GtS,
            Op::I64GtSImm,
            Op::BrI64GtS,
            Op::BrI64GtSImm,
            W64,
            G,
        ),
        rel(
            Op::I64GtU,
            Op::I64GtUImm,
            Op::BrI64GtU,
            Op::BrI64GtUImm,
            W64,
            A,
        ),
        rel(
            Op::I64LeS,
            Op::I64LeSImm,
            Op::BrI64LeS,
            Op::BrI64LeSImm,
            W64,
            Le,
        ),
        rel(
            Op::I64LeU,
            Op::I64LeUImm,
            Op::BrI64LeU,
            Op::BrI64LeUImm,
            W64,
            Be,
        ),
        rel(
            Op::I64GeS,
            Op::I64GeSImm,
            Op::BrI64GeS,
            Op::BrI64GeSImm,
            W64,
            Ge,
        ),
        rel(
            Op::I64GeU,
            Op::I64GeUImm,
            Op::BrI64GeU,
            Op::BrI64GeUImm,
            W64,
            Ae,
        ),
    ]
};

/// How an opcode uses a relation.
enum Use {
    Value { imm: bool },
    Branch { imm: bool },
}

/// The relation `op` (a plain form) computes or branches on.
fn relation(op: Op) -> Option<(&'static Relation, Use)> {
    RELATIONS.iter().find_map(|r| {
        let how = if op == r.value {
            Use::Value { imm: false }
        } else if op == r.value_imm {
            Use::Value { imm: true }
        } else if op == r.branch {
            Use::Branch { imm: false }
        } else if op == r.branch_imm {
            Use::Branch { imm: true }
        } else {
            return None;
        };
        Some((r, how))
    })
}

impl Lowering<'_> {
    /// Lowers `i` if it is one of this file's; `Ok(false)` if not.
    pub(super) fn int(&mut self, pc: u32, i: Instr) -> Result<bool, Op> {
        let base = i.op.base();
        if let Some((width, arith)) = binary(base) {
            self.int_binary(pc, i, width, arith);
        } else if let Some((width, arith)) = immediate(base) {
            self.int_immediate(i, width, arith);
        } else if let Some((r, how)) = relation(base) {
            self.compare(pc, i, r, how);
        } else {
            return self.int_unary(i);
        }
        Ok(true)
    }

    /// `a = b op c`.
    fn int_binary(&mut self, pc: u32, i: Instr, width: Width, arith: Arith) {
        let acc = acc_operands(i.op);
        let (left_acc, right_acc) = (acc & 2 != 0, acc & 1 != 0);
        self.read_int(Gpr::Rax, i.b, left_acc);
        match arith {
            Arith::Simple(op) if right_acc => self.asm.alu_rr(op, width, Gpr::Rax, IACC),
            Arith::Simple(op) => self.alu_slot(op, width, Gpr::Rax, i.c),
            Arith::Mul => {
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.asm.imul_rr(width, Gpr::Rax, Gpr::Rcx);
            }
            Arith::Shifted(op) => {
                // The count in `cl`; the processor masks it as Wasm does.
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.asm.shift_cl(op, width, Gpr::Rax);
            }
            Arith::Div { signed, rem } => {
                self.read_int(Gpr::Rcx, i.c, right_acc);
                self.divide(pc, width, signed, rem);
            }
            Arith::SubFromImm => unreachable!("an immediate operator"),
        }
        self.write_int(i.op, i.a, Gpr::Rax);
    }

    /// `rax = rax / rcx` (or the remainder), with Wasm's traps.
    /// With signals, division by zero faults (`#DE`) at the `div`, a trap
    /// site; the one other divisor `div` faults on, -1 with the minimum
    /// dividend, is checked first.
    fn divide(&mut self, pc: u32, width: Width, signed: bool, rem: bool) {
        if !self.signals {
            self.asm.test_rr(width, Gpr::Rcx, Gpr::Rcx);
            self.trap_if(Cond::E, pc, TrapCode::IntegerDivisionByZero);
        }
        let done = self.asm.label();
        if signed {
            // -1 is the divisor `idiv` faults on (for the minimum
            // dividend): the quotient overflows, the remainder is 0.
            let ordinary = self.asm.label();
            self.asm.alu_ri(Alu::Cmp, width, Gpr::Rcx, -1);
            self.asm.jcc(Cond::Ne, ordinary);
            if rem {
                self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
                self.asm.jmp(done);
            } else {
                match width {
                    Width::W32 => self.asm.alu_ri(Alu::Cmp, width, Gpr::Rax, i32::MIN),
                    Width::W64 => {
                        self.asm.mov_ri(Width::W64, Gpr::Rdx, i64::MIN);
                        self.asm.alu_rr(Alu::Cmp, width, Gpr::Rax, Gpr::Rdx);
                    }
                }
                self.trap_if(Cond::E, pc, TrapCode::IntegerOverflow);
            }
            self.asm.bind(ordinary);
            self.asm.sign_extend_rax(width);
        } else {
            self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rdx, Gpr::Rdx);
        }
        if self.signals {
            self.trap_site(pc, TrapCode::IntegerDivisionByZero);
        }
        self.asm.div(width, signed, Gpr::Rcx);
        if rem {
            self.asm.mov_rr(Width::W64, Gpr::Rax, Gpr::Rdx);
        }
        self.asm.bind(done);
    }

    /// `a = b op imm`.
    fn int_immediate(&mut self, i: Instr, width: Width, arith: Arith) {
        let imm = i.c_i16() as i32;
        self.read_int(Gpr::Rax, i.b, acc_operands(i.op) != 0);
        let bits = match width {
            Width::W32 => 31,
            Width::W64 => 63,
        };
        match arith {
            Arith::Simple(op) => self.asm.alu_ri(op, width, Gpr::Rax, imm),
            Arith::Mul => self.asm.imul_rri(width, Gpr::Rax, Gpr::Rax, imm),
            Arith::Shifted(op) => self.asm.shift_ri(op, width, Gpr::Rax, imm as u8 & bits),
            Arith::SubFromImm => {
                self.asm.mov_rr(Width::W64, Gpr::Rcx, Gpr::Rax);
                self.asm.mov_ri(width, Gpr::Rax, imm as i64);
                self.asm.alu_rr(Alu::Sub, width, Gpr::Rax, Gpr::Rcx);
            }
            Arith::Div { .. } => unreachable!("no division by an immediate"),
        }
        self.write_int(i.op, i.a, Gpr::Rax);
    }

    /// A comparison, as a value (`a = b rel c`) or a branch (`if a rel b`).
    fn compare(&mut self, pc: u32, i: Instr, r: &Relation, how: Use) {
        let w = r.width;
        match how {
            Use::Value { imm } => {
                self.load_slot(Width::W64, Gpr::Rcx, i.b);
                self.asm.alu_rr(Alu::Xor, Width::W32, Gpr::Rax, Gpr::Rax);
                if imm {
                    self.asm.alu_ri(Alu::Cmp, w, Gpr::Rcx, i.c_i16() as i32);
                } else {
                    self.alu_slot(Alu::Cmp, w, Gpr::Rcx, i.c);
                }
                self.asm.setcc(r.cond, Gpr::Rax);
                self.store_slot(i.a, Gpr::Rax);
            }
            Use::Branch { imm } => {
                let left = if acc_operands(i.op) != 0 {
                    IACC
                } else if let Some(reg) = self.pinned_gpr(i.a) {
                    reg
                } else {
                    self.load_slot(Width::W64, Gpr::Rax, i.a);
                    Gpr::Rax
                };
                if imm {
                    self.asm.alu_ri(Alu::Cmp, w, left, i.b_i16() as i32);
                } else {
                    self.alu_slot(Alu::Cmp, w, left, i.b);
                }
                let target = self.target(pc, i.c_i16() as i32);
                self.asm.jcc(r.cond, target);
            }
        }
    }

    /// The one-operand integer operators.
    fn int_unary(&mut self, i: Instr) -> Result<bool, Op> {
        use Width::*;
        let cpu = self.cpu;
        let width = |op32: Op| if i.op == op32 { W32 } else { W64 };
        match i.op {
            Op::I32Eqz | Op::I64Eqz => {
                let w = width(Op::I32Eqz);
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.alu_rr(Alu::Xor, W32, Gpr::Rax, Gpr::Rax);
                self.asm.test_rr(w, Gpr::Rcx, Gpr::Rcx);
                self.asm.setcc(Cond::E, Gpr::Rax);
            }
            Op::I32Clz | Op::I64Clz if cpu.lzcnt => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.lzcnt(width(Op::I32Clz), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32Ctz | Op::I64Ctz if cpu.bmi1 => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.tzcnt(width(Op::I32Ctz), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32Popcnt | Op::I64Popcnt if cpu.popcnt => {
                self.load_slot(W64, Gpr::Rcx, i.b);
                self.asm.popcnt(width(Op::I32Popcnt), Gpr::Rax, Gpr::Rcx);
            }
            Op::I32WrapI64 => self.load_slot(W32, Gpr::Rax, i.b),
            Op::I64ExtendI32S | Op::I64Extend32S => {
                self.load_slot_extend(W64, Gpr::Rax, i.b, 32, true)
            }
            Op::I32Extend8S => self.load_slot_extend(W32, Gpr::Rax, i.b, 8, true),
            Op::I32Extend16S => self.load_slot_extend(W32, Gpr::Rax, i.b, 16, true),
            Op::I64Extend8S => self.load_slot_extend(W64, Gpr::Rax, i.b, 8, true),
            Op::I64Extend16S => self.load_slot_extend(W64, Gpr::Rax, i.b, 16, true),
            Op::I64Add128 | Op::I64Sub128 | Op::I64MulWideS | Op::I64MulWideU => {
                self.wide(i);
                return Ok(true);
            }
            _ => return Ok(false),
        }
        self.store_slot(i.a, Gpr::Rax);
        Ok(true)
    }

    /// Wide arithmetic on (low, high) slot pairs from `a`: the 128-bit sum
    /// or difference of the pairs at `a` and `a + 2`, or the full product of
    /// the `i64`s at `a` and `a + 1`; the result replaces the first pair.
    fn wide(&mut self, i: Instr) {
        self.load_slot(Width::W64, Gpr::Rax, i.a);
        match i.op {
            Op::I64Add128 | Op::I64Sub128 => {
                let (low, high) = if i.op == Op::I64Add128 {
                    (Alu::Add, Alu::Adc)
                } else {
                    (Alu::Sub, Alu::Sbb)
                };
                self.load_slot(Width::W64, Gpr::Rdx, i.a + 1);
                self.alu_slot(low, Width::W64, Gpr::Rax, i.a + 2);
                self.alu_slot(high, Width::W64, Gpr::Rdx, i.a + 3);
            }
            _ => {
                self.load_slot(Width::W64, Gpr::Rcx, i.a + 1);
                self.asm.mul_wide(i.op == Op::I64MulWideS, Gpr::Rcx);
            }
        }
        self.store_slot(i.a, Gpr::Rax);
        self.store_slot(i.a + 1, Gpr::Rdx);
    }
}
