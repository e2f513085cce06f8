//! The operator dispatch: one arm per Wasm operator wisp executes.

use super::numeric::Imm;
use super::{FuncTranslator, Operand};
use crate::error::Error;
use crate::index::{GlobalIndex, MemoryIndex, TableIndex};
use crate::ir::{Instr, Op, SlotType};
use crate::types::{RefType, ValType};
use wasmparser::{MemArg, Operator};

impl FuncTranslator<'_> {
    /// Translates one operator (already validated).
    pub(crate) fn translate(&mut self, op: &Operator<'_>, offset: usize) -> Result<(), Error> {
        self.offset = offset as u32;
        if !self.reachable {
            match op {
                // Every operator that opens a block closed by `end` (or, for
                // the legacy `try`, possibly by `delegate`).
                Operator::Block { .. }
                | Operator::Loop { .. }
                | Operator::If { .. }
                | Operator::TryTable { .. }
                | Operator::Try { .. } => {
                    self.dead_depth += 1;
                }
                Operator::Delegate { .. } if self.dead_depth > 0 => self.dead_depth -= 1,
                #[cfg(feature = "exceptions")]
                Operator::Delegate { relative_depth } => self.op_delegate(*relative_depth),
                #[cfg(feature = "exceptions")]
                Operator::Catch { tag_index } if self.dead_depth == 0 => {
                    self.op_catch(Some(*tag_index), offset)?
                }
                #[cfg(feature = "exceptions")]
                Operator::CatchAll if self.dead_depth == 0 => self.op_catch(None, offset)?,
                Operator::Else if self.dead_depth == 0 => self.op_else(),
                Operator::End if self.dead_depth > 0 => self.dead_depth -= 1,
                Operator::End => self.op_end(),
                _ => {}
            }
            return Ok(());
        }
        use Op as O;
        use Operator as W;
        use SlotType as T;
        match *op {
            W::Unreachable => self.op_unreachable(),
            W::Nop => {}
            W::Block { blockty } => self.op_block(blockty),
            W::Loop { blockty } => self.op_loop(blockty),
            W::If { blockty } => self.op_if(blockty),
            W::Else => self.op_else(),
            W::End => self.op_end(),
            W::Br { relative_depth } => self.op_br(relative_depth),
            W::BrIf { relative_depth } => self.op_br_if(relative_depth),
            W::BrTable { ref targets } => self.op_br_table(targets)?,
            W::Return => self.op_return(),
            W::Call { function_index } => self.op_call(function_index),
            W::CallIndirect {
                type_index,
                table_index,
            } => self.op_call_indirect(type_index, table_index),
            W::ReturnCall { function_index } => self.op_return_call(function_index),
            W::ReturnCallIndirect {
                type_index,
                table_index,
            } => self.op_return_call_indirect(type_index, table_index),
            W::CallRef { type_index } => self.op_call_ref(Op::CallRef, type_index),
            W::ReturnCallRef { type_index } => {
                self.op_call_ref(Op::ReturnCallRef, type_index);
                self.op_return();
            }
            W::RefAsNonNull => self.op_ref_as_non_null(),
            #[cfg(feature = "exceptions")]
            W::Throw { tag_index } => self.op_throw(tag_index),
            #[cfg(feature = "exceptions")]
            W::ThrowRef => self.op_throw_ref(),
            #[cfg(feature = "exceptions")]
            W::TryTable { ref try_table } => self.op_try_table(try_table),
            #[cfg(feature = "exceptions")]
            W::Try { blockty } => self.op_try(blockty),
            #[cfg(feature = "exceptions")]
            W::Catch { tag_index } => self.op_catch(Some(tag_index), offset)?,
            #[cfg(feature = "exceptions")]
            W::CatchAll => self.op_catch(None, offset)?,
            #[cfg(feature = "exceptions")]
            W::Delegate { relative_depth } => self.op_delegate(relative_depth),
            #[cfg(feature = "exceptions")]
            W::Rethrow { relative_depth } => self.op_rethrow(relative_depth),
            W::BrOnNull { relative_depth } => self.op_br_on_null(relative_depth),
            W::BrOnNonNull { relative_depth } => self.op_br_on_non_null(relative_depth),
            W::Drop => {
                if self.top_type() == Some(SlotType::V128High) {
                    self.pop();
                }
                self.pop();
            }
            W::Select | W::TypedSelect { .. } => self.op_select(),
            W::LocalGet { local_index } => self.op_local_get(local_index),
            W::LocalSet { local_index } => self.op_local_set(local_index, false),
            W::LocalTee { local_index } => self.op_local_set(local_index, true),
            W::GlobalGet { global_index } => self.op_global_get(global_index),
            W::GlobalSet { global_index } => self.op_global_set(global_index),

            W::I32Load { memarg } => self.load(O::Load32, memarg, T::I32, offset)?,
            W::F32Load { memarg } => self.load(O::Load32, memarg, T::F32, offset)?,
            W::I64Load32U { memarg } => self.load(O::Load32, memarg, T::I64, offset)?,
            W::I64Load { memarg } => self.load(O::Load64, memarg, T::I64, offset)?,
            W::F64Load { memarg } => self.load(O::Load64, memarg, T::F64, offset)?,
            W::I32Load8S { memarg } => self.load(O::I32Load8S, memarg, T::I32, offset)?,
            W::I32Load16S { memarg } => self.load(O::I32Load16S, memarg, T::I32, offset)?,
            W::I64Load8S { memarg } => self.load(O::I64Load8S, memarg, T::I64, offset)?,
            W::I64Load16S { memarg } => self.load(O::I64Load16S, memarg, T::I64, offset)?,
            W::I64Load32S { memarg } => self.load(O::I64Load32S, memarg, T::I64, offset)?,
            W::I32Load8U { memarg } => self.load(O::Load8U, memarg, T::I32, offset)?,
            W::I64Load8U { memarg } => self.load(O::Load8U, memarg, T::I64, offset)?,
            W::I32Load16U { memarg } => self.load(O::Load16U, memarg, T::I32, offset)?,
            W::I64Load16U { memarg } => self.load(O::Load16U, memarg, T::I64, offset)?,
            W::I32Store8 { memarg } | W::I64Store8 { memarg } => {
                self.store(O::Store8, memarg, offset)?
            }
            W::I32Store16 { memarg } | W::I64Store16 { memarg } => {
                self.store(O::Store16, memarg, offset)?
            }
            W::I32Store { memarg } | W::F32Store { memarg } | W::I64Store32 { memarg } => {
                self.store(O::Store32, memarg, offset)?
            }
            W::I64Store { memarg } | W::F64Store { memarg } => {
                self.store(O::Store64, memarg, offset)?
            }
            W::MemorySize { mem } => {
                let memory = self.memory16(mem, offset)?;
                let ty = &self.module.memories[MemoryIndex::from_u32(mem)];
                if ty.shared {
                    // Another thread may have grown it: `memory.grow` by
                    // zero reads the current size (and refreshes the view).
                    self.push(Operand::Const(0), self.address_type(mem));
                    self.op_memory_grow(mem, memory);
                } else {
                    let dst = self.push_temp(self.address_type(mem));
                    let size = Instr::new(O::MemorySize, dst, 0, ty.page_size_log2 as u16);
                    self.on_memory(memory, |t| t.emit_def(size));
                }
            }
            W::MemoryGrow { mem } => {
                let memory = self.memory16(mem, offset)?;
                self.op_memory_grow(mem, memory);
            }
            W::MemoryFill { mem } => {
                let memory = self.memory16(mem, offset)?;
                let (d, v, n) = self.pop3();
                self.emit(Instr::new(O::MemoryFill, d, v, n));
                self.emit(Instr::new(O::Data, memory, 0, 0));
            }
            W::MemoryCopy { dst_mem, src_mem } => {
                let dst_memory = self.memory16(dst_mem, offset)?;
                let (d, s, n) = self.pop3();
                self.emit(Instr::new(O::MemoryCopy, d, s, n));
                self.emit(Instr::with_u32(O::Data, dst_memory, src_mem));
            }
            W::MemoryInit { data_index, mem } => {
                let memory = self.memory16(mem, offset)?;
                let (d, s, n) = self.pop3();
                self.emit(Instr::new(O::MemoryInit, d, s, n));
                self.emit(Instr::with_u32(O::Data, memory, data_index));
            }
            W::DataDrop { data_index } => {
                self.emit(Instr::with_u32(O::DataDrop, 0, data_index));
            }

            W::TableGet { table } => {
                let t = self.table16(table, offset)?;
                let (i, pos) = self.pop();
                let i = self.slot_of(i, pos);
                let dst = self.push_temp(self.element_type(table));
                self.emit_def(Instr::new(O::TableGet, dst, i, t));
            }
            W::TableSet { table } => {
                let t = self.table16(table, offset)?;
                let v = self.pop_slot();
                let i = self.pop_slot();
                self.emit(Instr::new(O::TableSet, i, v, t));
            }
            W::TableSize { table } => {
                let t = self.table16(table, offset)?;
                let dst = self.push_temp(self.table_index_type(table));
                self.emit_def(Instr::new(O::TableSize, dst, 0, t));
            }
            W::TableGrow { table } => {
                let t = self.table16(table, offset)?;
                let n = self.pop_slot();
                let (init, pos) = self.pop();
                let init = self.slot_of(init, pos);
                let ty = self.table_index_type(table);
                let dst = self.push_temp(ty);
                let op = if ty == T::I64 {
                    O::TableGrow64
                } else {
                    O::TableGrow
                };
                self.emit(Instr::new(op, dst, init, n));
                self.emit(Instr::new(O::Data, t, 0, 0));
            }
            W::TableFill { table } => {
                let t = self.table16(table, offset)?;
                let (i, v, n) = self.pop3();
                self.emit(Instr::new(O::TableFill, i, v, n));
                self.emit(Instr::new(O::Data, t, 0, 0));
            }
            W::TableCopy {
                dst_table,
                src_table,
            } => {
                let t = self.table16(dst_table, offset)?;
                let (d, s, n) = self.pop3();
                self.emit(Instr::new(O::TableCopy, d, s, n));
                self.emit(Instr::with_u32(O::Data, t, src_table));
            }
            W::TableInit { elem_index, table } => {
                let t = self.table16(table, offset)?;
                let (d, s, n) = self.pop3();
                self.emit(Instr::new(O::TableInit, d, s, n));
                self.emit(Instr::with_u32(O::Data, t, elem_index));
            }
            W::ElemDrop { elem_index } => {
                self.emit(Instr::with_u32(O::ElemDrop, 0, elem_index));
            }
            W::RefNull { hty } => {
                let ty = wasmparser::RefType::new(true, hty).map_or(T::FuncRef, |r| {
                    super::slot_types_in(self.module, ValType::Ref(RefType::from_wasmparser(r)))[0]
                });
                self.push(Operand::Const(0), ty);
            }
            W::RefIsNull => self.unop(O::I64Eqz),
            W::RefFunc { function_index } => {
                let dst = self.push_temp(T::FuncRef);
                self.emit_def(Instr::with_u32(O::RefFunc, dst, function_index));
            }

            W::I32Const { value } => self.push(Operand::Const(value as u32 as u64), T::I32),
            W::I64Const { value } => self.push(Operand::Const(value as u64), T::I64),
            W::F32Const { value } => self.push(Operand::Const(value.bits() as u64), T::F32),
            W::F64Const { value } => self.push(Operand::Const(value.bits()), T::F64),
            #[cfg(feature = "simd")]
            W::V128Const { value } => {
                let bits = value.i128() as u128;
                self.push(Operand::Const(bits as u64), T::V128Low);
                self.push(Operand::Const((bits >> 64) as u64), T::V128High);
            }

            W::I32Eqz => self.unop(O::I32Eqz),
            W::I32Eq => self.binop(O::I32Eq, Imm::Rhs(O::I32EqImm, Some(O::I32EqImm)), false),
            W::I32Ne => self.binop(O::I32Ne, Imm::Rhs(O::I32NeImm, Some(O::I32NeImm)), false),
            W::I32LtS => self.binop(O::I32LtS, Imm::Rhs(O::I32LtSImm, Some(O::I32GtSImm)), false),
            W::I32LtU => self.binop(O::I32LtU, Imm::Rhs(O::I32LtUImm, Some(O::I32GtUImm)), false),
            W::I32GtS => self.binop(O::I32GtS, Imm::Rhs(O::I32GtSImm, Some(O::I32LtSImm)), false),
            W::I32GtU => self.binop(O::I32GtU, Imm::Rhs(O::I32GtUImm, Some(O::I32LtUImm)), false),
            W::I32LeS => self.binop(O::I32LeS, Imm::Rhs(O::I32LeSImm, Some(O::I32GeSImm)), false),
            W::I32LeU => self.binop(O::I32LeU, Imm::Rhs(O::I32LeUImm, Some(O::I32GeUImm)), false),
            W::I32GeS => self.binop(O::I32GeS, Imm::Rhs(O::I32GeSImm, Some(O::I32LeSImm)), false),
            W::I32GeU => self.binop(O::I32GeU, Imm::Rhs(O::I32GeUImm, Some(O::I32LeUImm)), false),
            W::I64Eqz => self.unop(O::I64Eqz),
            W::I64Eq => self.binop(O::I64Eq, Imm::Rhs(O::I64EqImm, Some(O::I64EqImm)), true),
            W::I64Ne => self.binop(O::I64Ne, Imm::Rhs(O::I64NeImm, Some(O::I64NeImm)), true),
            W::I64LtS => self.binop(O::I64LtS, Imm::Rhs(O::I64LtSImm, Some(O::I64GtSImm)), true),
            W::I64LtU => self.binop(O::I64LtU, Imm::Rhs(O::I64LtUImm, Some(O::I64GtUImm)), true),
            W::I64GtS => self.binop(O::I64GtS, Imm::Rhs(O::I64GtSImm, Some(O::I64LtSImm)), true),
            W::I64GtU => self.binop(O::I64GtU, Imm::Rhs(O::I64GtUImm, Some(O::I64LtUImm)), true),
            W::I64LeS => self.binop(O::I64LeS, Imm::Rhs(O::I64LeSImm, Some(O::I64GeSImm)), true),
            W::I64LeU => self.binop(O::I64LeU, Imm::Rhs(O::I64LeUImm, Some(O::I64GeUImm)), true),
            W::I64GeS => self.binop(O::I64GeS, Imm::Rhs(O::I64GeSImm, Some(O::I64LeSImm)), true),
            W::I64GeU => self.binop(O::I64GeU, Imm::Rhs(O::I64GeUImm, Some(O::I64LeUImm)), true),

            W::F32Eq => self.binop(O::F32Eq, Imm::No, false),
            W::F32Ne => self.binop(O::F32Ne, Imm::No, false),
            W::F32Lt => self.binop(O::F32Lt, Imm::No, false),
            W::F32Gt => self.binop(O::F32Gt, Imm::No, false),
            W::F32Le => self.binop(O::F32Le, Imm::No, false),
            W::F32Ge => self.binop(O::F32Ge, Imm::No, false),
            W::F64Eq => self.binop(O::F64Eq, Imm::No, false),
            W::F64Ne => self.binop(O::F64Ne, Imm::No, false),
            W::F64Lt => self.binop(O::F64Lt, Imm::No, false),
            W::F64Gt => self.binop(O::F64Gt, Imm::No, false),
            W::F64Le => self.binop(O::F64Le, Imm::No, false),
            W::F64Ge => self.binop(O::F64Ge, Imm::No, false),

            W::I32Clz => self.unop(O::I32Clz),
            W::I32Ctz => self.unop(O::I32Ctz),
            W::I32Popcnt => self.unop(O::I32Popcnt),
            W::I32Add => self.binop(O::I32Add, Imm::Rhs(O::I32AddImm, Some(O::I32AddImm)), false),
            W::I32Sub => self.binop(O::I32Sub, Imm::Sub(O::I32AddImm, O::I32SubImmLhs), false),
            W::I32Mul => self.binop(O::I32Mul, Imm::Rhs(O::I32MulImm, Some(O::I32MulImm)), false),
            W::I32DivS => self.binop(O::I32DivS, Imm::No, false),
            W::I32DivU => self.binop(O::I32DivU, Imm::No, false),
            W::I32RemS => self.binop(O::I32RemS, Imm::No, false),
            W::I32RemU => self.binop(O::I32RemU, Imm::No, false),
            W::I32And => self.binop(O::I32And, Imm::Rhs(O::I32AndImm, Some(O::I32AndImm)), false),
            W::I32Or => self.binop(O::I32Or, Imm::Rhs(O::I32OrImm, Some(O::I32OrImm)), false),
            W::I32Xor => self.binop(O::I32Xor, Imm::Rhs(O::I32XorImm, Some(O::I32XorImm)), false),
            W::I32Shl => self.binop(O::I32Shl, Imm::Rhs(O::I32ShlImm, None), false),
            W::I32ShrS => self.binop(O::I32ShrS, Imm::Rhs(O::I32ShrSImm, None), false),
            W::I32ShrU => self.binop(O::I32ShrU, Imm::Rhs(O::I32ShrUImm, None), false),
            W::I32Rotl => self.binop(O::I32Rotl, Imm::Rhs(O::I32RotlImm, None), false),
            W::I32Rotr => self.binop(O::I32Rotr, Imm::Rhs(O::I32RotrImm, None), false),
            W::I64Clz => self.unop(O::I64Clz),
            W::I64Ctz => self.unop(O::I64Ctz),
            W::I64Popcnt => self.unop(O::I64Popcnt),
            W::I64Add => self.binop(O::I64Add, Imm::Rhs(O::I64AddImm, Some(O::I64AddImm)), true),
            W::I64Sub => self.binop(O::I64Sub, Imm::Sub(O::I64AddImm, O::I64SubImmLhs), true),
            W::I64Mul => self.binop(O::I64Mul, Imm::Rhs(O::I64MulImm, Some(O::I64MulImm)), true),
            W::I64DivS => self.binop(O::I64DivS, Imm::No, true),
            W::I64DivU => self.binop(O::I64DivU, Imm::No, true),
            W::I64RemS => self.binop(O::I64RemS, Imm::No, true),
            W::I64RemU => self.binop(O::I64RemU, Imm::No, true),
            W::I64And => self.binop(O::I64And, Imm::Rhs(O::I64AndImm, Some(O::I64AndImm)), true),
            W::I64Or => self.binop(O::I64Or, Imm::Rhs(O::I64OrImm, Some(O::I64OrImm)), true),
            W::I64Xor => self.binop(O::I64Xor, Imm::Rhs(O::I64XorImm, Some(O::I64XorImm)), true),
            W::I64Shl => self.binop(O::I64Shl, Imm::Rhs(O::I64ShlImm, None), true),
            W::I64ShrS => self.binop(O::I64ShrS, Imm::Rhs(O::I64ShrSImm, None), true),
            W::I64ShrU => self.binop(O::I64ShrU, Imm::Rhs(O::I64ShrUImm, None), true),
            W::I64Rotl => self.binop(O::I64Rotl, Imm::Rhs(O::I64RotlImm, None), true),
            W::I64Rotr => self.binop(O::I64Rotr, Imm::Rhs(O::I64RotrImm, None), true),

            W::F32Abs => self.unop(O::F32Abs),
            W::F32Neg => self.unop(O::F32Neg),
            W::F32Ceil => self.unop(O::F32Ceil),
            W::F32Floor => self.unop(O::F32Floor),
            W::F32Trunc => self.unop(O::F32Trunc),
            W::F32Nearest => self.unop(O::F32Nearest),
            W::F32Sqrt => self.unop(O::F32Sqrt),
            W::F32Add => self.binop(O::F32Add, Imm::No, false),
            W::F32Sub => self.binop(O::F32Sub, Imm::No, false),
            W::F32Mul => self.binop(O::F32Mul, Imm::No, false),
            W::F32Div => self.binop(O::F32Div, Imm::No, false),
            W::F32Min => self.binop(O::F32Min, Imm::No, false),
            W::F32Max => self.binop(O::F32Max, Imm::No, false),
            W::F32Copysign => self.binop(O::F32Copysign, Imm::No, false),
            W::F64Abs => self.unop(O::F64Abs),
            W::F64Neg => self.unop(O::F64Neg),
            W::F64Ceil => self.unop(O::F64Ceil),
            W::F64Floor => self.unop(O::F64Floor),
            W::F64Trunc => self.unop(O::F64Trunc),
            W::F64Nearest => self.unop(O::F64Nearest),
            W::F64Sqrt => self.unop(O::F64Sqrt),
            W::F64Add => self.binop(O::F64Add, Imm::No, false),
            W::F64Sub => self.binop(O::F64Sub, Imm::No, false),
            W::F64Mul => self.binop(O::F64Mul, Imm::No, false),
            W::F64Div => self.binop(O::F64Div, Imm::No, false),
            W::F64Min => self.binop(O::F64Min, Imm::No, false),
            W::F64Max => self.binop(O::F64Max, Imm::No, false),
            W::F64Copysign => self.binop(O::F64Copysign, Imm::No, false),

            W::I32WrapI64 => self.unop(O::I32WrapI64),
            W::I32TruncF32S => self.unop(O::I32TruncF32S),
            W::I32TruncF32U => self.unop(O::I32TruncF32U),
            W::I32TruncF64S => self.unop(O::I32TruncF64S),
            W::I32TruncF64U => self.unop(O::I32TruncF64U),
            W::I64ExtendI32S => self.unop(O::I64ExtendI32S),
            // Slots hold i32 values zero-extended: these change only the type.
            W::I64ExtendI32U | W::I64ReinterpretF64 => self.retype_top(T::I64),
            W::I32ReinterpretF32 => self.retype_top(T::I32),
            W::F32ReinterpretI32 => self.retype_top(T::F32),
            W::F64ReinterpretI64 => self.retype_top(T::F64),
            W::I64TruncF32S => self.unop(O::I64TruncF32S),
            W::I64TruncF32U => self.unop(O::I64TruncF32U),
            W::I64TruncF64S => self.unop(O::I64TruncF64S),
            W::I64TruncF64U => self.unop(O::I64TruncF64U),
            W::F32ConvertI32S => self.unop(O::F32ConvertI32S),
            W::F32ConvertI32U => self.unop(O::F32ConvertI32U),
            W::F32ConvertI64S => self.unop(O::F32ConvertI64S),
            W::F32ConvertI64U => self.unop(O::F32ConvertI64U),
            W::F32DemoteF64 => self.unop(O::F32DemoteF64),
            W::F64ConvertI32S => self.unop(O::F64ConvertI32S),
            W::F64ConvertI32U => self.unop(O::F64ConvertI32U),
            W::F64ConvertI64S => self.unop(O::F64ConvertI64S),
            W::F64ConvertI64U => self.unop(O::F64ConvertI64U),
            W::F64PromoteF32 => self.unop(O::F64PromoteF32),
            W::I32Extend8S => self.unop(O::I32Extend8S),
            W::I32Extend16S => self.unop(O::I32Extend16S),
            W::I64Extend8S => self.unop(O::I64Extend8S),
            W::I64Extend16S => self.unop(O::I64Extend16S),
            W::I64Extend32S => self.unop(O::I64Extend32S),
            W::I64Add128 => self.wide(O::I64Add128, 4),
            W::I64Sub128 => self.wide(O::I64Sub128, 4),
            W::I64MulWideS => self.wide(O::I64MulWideS, 2),
            W::I64MulWideU => self.wide(O::I64MulWideU, 2),
            W::I32TruncSatF32S => self.unop(O::I32TruncSatF32S),
            W::I32TruncSatF32U => self.unop(O::I32TruncSatF32U),
            W::I32TruncSatF64S => self.unop(O::I32TruncSatF64S),
            W::I32TruncSatF64U => self.unop(O::I32TruncSatF64U),
            W::I64TruncSatF32S => self.unop(O::I64TruncSatF32S),
            W::I64TruncSatF32U => self.unop(O::I64TruncSatF32U),
            W::I64TruncSatF64S => self.unop(O::I64TruncSatF64S),
            W::I64TruncSatF64U => self.unop(O::I64TruncSatF64U),
            ref other => {
                #[cfg(feature = "simd")]
                if let Some(done) = self.translate_simd(other, offset) {
                    return done;
                }
                if self.translate_gc(other) {
                    return Ok(());
                }
                if let Some(done) = self.translate_atomic(other, offset) {
                    return done;
                }
                return Err(self.err_unsupported(super::operator_name(other), offset));
            }
        }
        Ok(())
    }

    /// `local.get`: the local's slot (or two, for a `v128`) goes on the
    /// stack without a copy.
    #[inline(always)]
    fn op_local_get(&mut self, local: u32) {
        let (first, ty) = self.locals[local as usize];
        self.push(Operand::Local(first), ty);
        if ty == SlotType::V128Low {
            self.push(Operand::Local(first + 1), SlotType::V128High);
        }
    }

    /// `local.set` and `local.tee`.
    fn op_local_set(&mut self, local: u32, tee: bool) {
        let (first, ty) = self.locals[local as usize];
        if ty != SlotType::V128Low {
            return self.op_local_set_slot(first, tee);
        }
        // A `v128`: its instruction retargeted, or each half moved on its
        // own, the high half first.
        #[cfg(feature = "simd")]
        let retargeted = self.retarget_v128(first);
        #[cfg(not(feature = "simd"))]
        let retargeted = false;
        self.last_def = None;
        if !retargeted {
            let top = self.stack.len();
            for (k, slot) in [(1, first + 1), (0, first)] {
                let pos = top - 2 + k;
                if self.stack[pos] != Operand::Local(slot) {
                    self.preserve_local(slot);
                    self.move_to(slot, self.stack[pos], pos);
                }
            }
            self.truncate(top - 2);
        }
        if tee {
            self.push(Operand::Local(first), SlotType::V128Low);
            self.push(Operand::Local(first + 1), SlotType::V128High);
        }
    }

    /// Emits a copy of the operand at position `pos` into slot `dst`.
    pub(super) fn move_to(&mut self, dst: u16, operand: Operand, pos: usize) {
        match operand {
            Operand::Local(src) => {
                self.emit(Instr::new(Op::Copy, dst, src, 0));
            }
            Operand::Temp => {
                let src = self.temp_slot(pos);
                self.emit(Instr::new(Op::Copy, dst, src, 0));
            }
            Operand::Const(bits) => self.emit_const(dst, bits),
        }
    }

    /// `global.get`: a `v128` global fills two temporaries.
    fn op_global_get(&mut self, index: u32) {
        let ty = self.module.globals[GlobalIndex::from_u32(index)].content;
        let dst = self.push_temps_of(ty);
        if ty == ValType::V128 {
            self.emit(Instr::with_u32(Op::GlobalGet128, dst, index));
            self.last_def = None;
        } else {
            self.emit_def(Instr::with_u32(Op::GlobalGet, dst, index));
        }
    }

    /// `global.set`: a `v128` is written from two adjacent temporaries.
    fn op_global_set(&mut self, index: u32) {
        if self.top_type() == Some(SlotType::V128High) {
            let low = self.stack.len() - 2;
            let src = self.home(low);
            self.home(low + 1);
            self.truncate(low);
            self.emit(Instr::with_u32(Op::GlobalSet128, src, index));
        } else {
            let src = self.pop_slot();
            self.emit(Instr::with_u32(Op::GlobalSet, src, index));
        }
    }

    /// The slot type of memory `mem`'s addresses (`i64` for a 64-bit
    /// memory).
    fn address_type(&self, mem: u32) -> SlotType {
        match self.module.memories.get(MemoryIndex::from_u32(mem)) {
            Some(m) if m.memory64 => SlotType::I64,
            _ => SlotType::I32,
        }
    }

    /// The slot type of table `table`'s indices and sizes.
    fn table_index_type(&self, table: u32) -> SlotType {
        match self.module.tables.get(TableIndex::from_u32(table)) {
            Some(t) if t.table64 => SlotType::I64,
            _ => SlotType::I32,
        }
    }

    /// The slot type of table `table`'s elements.
    fn element_type(&self, table: u32) -> SlotType {
        let element = self.module.tables[TableIndex::from_u32(table)].element;
        super::slot_types_in(self.module, ValType::Ref(element))[0]
    }

    fn op_local_set_slot(&mut self, local: u16, tee: bool) {
        let aliased = self.read_below_top(local);
        match self.top_is_last_def() {
            Some(pc) if !aliased => {
                // Retarget the instruction that computed the value.
                self.code[pc].a = local;
                self.pop();
                self.local_def = Some((pc, local));
            }
            _ => {
                let (v, pos) = self.pop();
                if v != Operand::Local(local) {
                    self.preserve_local(local);
                    self.move_to(local, v, pos);
                }
            }
        }
        self.last_def = None;
        if tee {
            self.push(Operand::Local(local), self.slot_types[local as usize]);
        }
    }

    /// Pops three operands, returning their slots bottom first.
    fn pop3(&mut self) -> (u16, u16, u16) {
        let (z, pz) = self.pop();
        let (y, py) = self.pop();
        let (x, px) = self.pop();
        let x = self.slot_of(x, px);
        let y = self.slot_of(y, py);
        let z = self.slot_of(z, pz);
        (x, y, z)
    }

    /// `memory.grow` of memory `mem` (`memory` as an instruction field) by
    /// the operand on top of the stack.
    fn op_memory_grow(&mut self, mem: u32, memory: u16) {
        let (x, pos) = self.pop();
        let delta = self.slot_of(x, pos);
        let (op, ty) = match self.address_type(mem) {
            SlotType::I64 => (Op::MemoryGrow64, SlotType::I64),
            _ => (Op::MemoryGrow, SlotType::I32),
        };
        let dst = self.push_temp(ty);
        self.emit(Instr::new(op, dst, delta, memory));
        self.last_def = None;
    }

    /// Memory index `mem` as an instruction field.
    fn memory16(&self, mem: u32, offset: usize) -> Result<u16, Error> {
        u16::try_from(mem).map_err(|_| self.err_unsupported("memory index above 65535", offset))
    }

    /// Emits, through `emit`, an instruction that accesses the memory its
    /// handler is handed (a load, a store, `memory.size`): memory 0 as it
    /// is; another one between `memory.select` and `memory.restore`, with
    /// no accumulator passing across them.
    pub(super) fn on_memory(&mut self, memory: u16, emit: impl FnOnce(&mut Self)) {
        if memory == 0 {
            return emit(self);
        }
        self.emit(Instr::with_u32(Op::MemorySelect, 0, memory as u32));
        emit(self);
        self.emit(Instr::new(Op::MemoryRestore, 0, 0, 0));
        self.last_def = None;
    }

    fn table16(&self, table: u32, offset: usize) -> Result<u16, Error> {
        u16::try_from(table).map_err(|_| self.err_unsupported("table index above 65535", offset))
    }

    /// The address slot for an access at `memarg.offset`, folding an offset
    /// too large for the instruction into an `addr_offset` first.
    pub(super) fn address(
        &mut self,
        memarg: MemArg,
        offset: usize,
    ) -> Result<(u16, u16, u16), Error> {
        let wasmparser::MemArgTarget::Memory(mem) = memarg.target else {
            return Err(self.err_unsupported("array memory access", offset));
        };
        let memory = self.memory16(mem, offset)?;
        let (addr, pos) = self.pop();
        let addr = self.slot_of(addr, pos);
        let memory64 = self.address_type(mem) == SlotType::I64;
        // 64-bit addresses go through `addr_offset`, which clamps them so the
        // interpreter's single bounds comparison cannot wrap.
        if let (Ok(off), false) = (u16::try_from(memarg.offset), memory64) {
            return Ok((memory, addr, off));
        }
        // 48 bits of offset: no memory is 2^48 bytes long, so a larger
        // offset traps as surely as this one does.
        let off = memarg.offset.min((1 << 48) - 1);
        let tmp = self.temp_slot(pos);
        self.emit(Instr::new(Op::AddrOffset, tmp, addr, 0));
        self.emit(Instr::with_u32(Op::Data, (off >> 32) as u16, off as u32));
        Ok((memory, tmp, 0))
    }

    fn load(&mut self, op: Op, memarg: MemArg, ty: SlotType, offset: usize) -> Result<(), Error> {
        let (memory, addr, off) = self.address(memarg, offset)?;
        let dst = self.push_temp(ty);
        self.on_memory(memory, |t| {
            let instr = t.with_acc(Instr::new(op, dst, addr, off));
            t.emit_def(instr);
        });
        Ok(())
    }

    fn store(&mut self, op: Op, memarg: MemArg, offset: usize) -> Result<(), Error> {
        let (value, vpos) = self.pop();
        // The value's slot is fixed before the address is computed, since
        // `address` may reuse the address's temporary.
        let value = self.slot_of(value, vpos);
        let (memory, addr, off) = self.address(memarg, offset)?;
        self.on_memory(memory, |t| {
            let instr = t.with_acc(Instr::new(op, addr, value, off));
            t.emit(instr);
        });
        Ok(())
    }
}
