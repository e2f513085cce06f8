//! The GC proposal's operators: structs, arrays, `i31`, casts and the
//! conversions between the internal and external hierarchies.
//!
//! Every struct, array and cast operator becomes one instruction of
//! [`Format::Gc`](crate::ir::Format::Gc), performed by the runtime's GC
//! executor (`runtime/gc_ops.rs`) or, for field and element access, by the
//! interpreter's own handlers: its type index and second index ride in two
//! data words, and an access names its field's or element's kind in the
//! first (`a`) and a struct field its byte offset in the second, so that
//! no type is looked up when it runs. An instruction that allocates takes its operands in
//! consecutive temporaries and gets a stack map like a call, so that a
//! collection it starts finds every reference of the frame, its operands
//! included.

use super::numeric::Imm;
use super::{FuncTranslator, Operand};
use crate::gc::layout::{FieldKind, Layout};
use crate::index::TypeIndex;
use crate::ir::{GcHeapType, Instr, Op, SlotType};
use crate::sub_type::{CompositeType, FieldType, StorageType};
use crate::types::{RefType, ValType};
use wasmparser::Operator;

impl FuncTranslator<'_> {
    /// Translates a GC operator; false when `op` is not one.
    pub(super) fn translate_gc(&mut self, op: &Operator<'_>) -> bool {
        use Operator as W;
        match *op {
            W::RefI31 => self.unop_to(Op::RefI31, SlotType::AnyRef),
            W::I31GetS => self.unop_to(Op::I31GetS, SlotType::I32),
            W::I31GetU => self.unop_to(Op::I31GetU, SlotType::I32),
            W::RefEq => self.binop(Op::I64Eq, Imm::No, true),
            W::AnyConvertExtern => self.retype_top(SlotType::AnyRef),
            W::ExternConvertAny => self.retype_top(SlotType::ExternRef),
            W::StructNew { struct_type_index } => {
                let slots = self.fields(struct_type_index).iter().map(slot_width).sum();
                self.allocate(Op::StructNew, slots, None, struct_type_index, 0);
            }
            W::StructNewDefault { struct_type_index } => {
                self.allocate(Op::StructNewDefault, 0, None, struct_type_index, 0);
            }
            W::StructGet {
                struct_type_index,
                field_index,
            } => self.struct_get(Op::StructGet, struct_type_index, field_index),
            W::StructGetS {
                struct_type_index,
                field_index,
            } => self.struct_get(Op::StructGetS, struct_type_index, field_index),
            W::StructGetU {
                struct_type_index,
                field_index,
            } => self.struct_get(Op::StructGetU, struct_type_index, field_index),
            W::StructSet {
                struct_type_index,
                field_index,
            } => {
                let field = self.fields(struct_type_index)[field_index as usize];
                let value = self.pop_value(slot_width(&field));
                let object = self.pop_slot();
                let (offset, kind) = self.field(struct_type_index, field_index);
                let slots = [object, value, object];
                self.emit_gc(Op::StructSet, slots, kind.code(), struct_type_index, offset);
            }
            W::ArrayNew { array_type_index } => {
                let width = slot_width(&self.element(array_type_index));
                // The length follows the initial value.
                let len = self.temp_slot(self.stack.len() - 1);
                self.allocate(Op::ArrayNew, width + 1, Some(len), array_type_index, 0);
            }
            W::ArrayNewDefault { array_type_index } => {
                let len = self.temp_slot(self.stack.len() - 1);
                self.allocate(Op::ArrayNewDefault, 1, Some(len), array_type_index, 0);
            }
            W::ArrayNewFixed {
                array_type_index,
                array_size,
            } => {
                let width = slot_width(&self.element(array_type_index));
                let slots = width * array_size as usize;
                self.allocate(Op::ArrayNewFixed, slots, None, array_type_index, array_size);
            }
            W::ArrayNewData {
                array_type_index,
                array_data_index,
            } => self.allocate(
                Op::ArrayNewData,
                2,
                None,
                array_type_index,
                array_data_index,
            ),
            W::ArrayNewElem {
                array_type_index,
                array_elem_index,
            } => self.allocate(
                Op::ArrayNewElem,
                2,
                None,
                array_type_index,
                array_elem_index,
            ),
            W::ArrayGet { array_type_index } => self.array_get(Op::ArrayGet, array_type_index),
            W::ArrayGetS { array_type_index } => self.array_get(Op::ArrayGetS, array_type_index),
            W::ArrayGetU { array_type_index } => self.array_get(Op::ArrayGetU, array_type_index),
            W::ArraySet { array_type_index } => {
                let value = self.pop_value(slot_width(&self.element(array_type_index)));
                let index = self.pop_slot();
                let array = self.pop_slot();
                let kind = self.element_kind(array_type_index);
                self.emit_gc(
                    Op::ArraySet,
                    [array, index, value],
                    kind,
                    array_type_index,
                    0,
                );
            }
            W::ArrayLen => {
                let array = self.pop_slot();
                let dst = self.push_temp(SlotType::I32);
                self.emit_gc(Op::ArrayLen, [dst, array, dst], 0, 0, 0);
                self.last_def = None;
            }
            W::ArrayFill { array_type_index } => {
                let width = slot_width(&self.element(array_type_index));
                self.spanned(Op::ArrayFill, 3 + width, array_type_index, 0);
            }
            W::ArrayCopy {
                array_type_index_dst,
                array_type_index_src,
            } => self.spanned(Op::ArrayCopy, 5, array_type_index_dst, array_type_index_src),
            W::ArrayInitData {
                array_type_index,
                array_data_index,
            } => self.spanned(Op::ArrayInitData, 4, array_type_index, array_data_index),
            W::ArrayInitElem {
                array_type_index,
                array_elem_index,
            } => self.spanned(Op::ArrayInitElem, 4, array_type_index, array_elem_index),
            W::RefTestNonNull { hty } => self.ref_test(hty, false),
            W::RefTestNullable { hty } => self.ref_test(hty, true),
            W::RefCastNonNull { hty } => self.ref_cast(hty, false),
            W::RefCastNullable { hty } => self.ref_cast(hty, true),
            W::BrOnCast {
                relative_depth,
                to_ref_type,
                ..
            } => self.br_on_cast(relative_depth, to_ref_type, Op::BrIfNez),
            W::BrOnCastFail {
                relative_depth,
                to_ref_type,
                ..
            } => self.br_on_cast(relative_depth, to_ref_type, Op::BrIfEqz),
            _ => return false,
        }
        true
    }

    /// The fields of struct type `ty`.
    fn fields(&self, ty: u32) -> alloc::sync::Arc<[FieldType]> {
        match &self.module.type_defs[TypeIndex::from_u32(ty)].composite {
            CompositeType::Struct(fields) => fields.clone(),
            _ => unreachable!("validated: a struct type"),
        }
    }

    /// The element of array type `ty`.
    fn element(&self, ty: u32) -> FieldType {
        match &self.module.type_defs[TypeIndex::from_u32(ty)].composite {
            CompositeType::Array(element) => *element,
            _ => unreachable!("validated: an array type"),
        }
    }

    /// Emits GC instruction `op` with slot fields `slots` and its two data
    /// words: `first` (with `kind`, a field's or element's
    /// [`FieldKind::code`], in its `a`) and `second`.
    fn emit_gc(&mut self, op: Op, [a, b, c]: [u16; 3], kind: u16, first: u32, second: u32) {
        self.emit(Instr::new(op, a, b, c));
        self.emit(Instr::with_u32(Op::Data, kind, first));
        self.emit(Instr::with_u32(Op::Data, 0, second));
    }

    /// How the module's struct or array type `ty` is laid out.
    fn layout(&self, ty: u32) -> Layout {
        let defs = &self.module.type_defs;
        Layout::of(&defs[TypeIndex::from_u32(ty)].composite, |h| {
            self.module.is_func_type(h)
        })
    }

    /// The byte offset and kind of field `field` of struct type `ty`.
    fn field(&self, ty: u32, field: u32) -> (u32, FieldKind) {
        match self.layout(ty) {
            Layout::Struct(s) => s.fields[field as usize],
            _ => unreachable!("validated: a struct type"),
        }
    }

    /// The element kind of array type `ty`.
    fn element_kind(&self, ty: u32) -> u16 {
        match self.layout(ty) {
            Layout::Array(kind) => kind.code(),
            _ => unreachable!("validated: an array type"),
        }
    }

    /// The slot of the value on top of the stack, `width` slots wide (a
    /// `v128` is moved to its consecutive temporaries), popped.
    fn pop_value(&mut self, width: usize) -> u16 {
        if width == 1 {
            return self.pop_slot();
        }
        self.materialize_top(width);
        let first = self.stack.len() - width;
        self.truncate(first);
        self.temp_slot(first)
    }

    /// An allocation taking `operands` slots from the top of the stack
    /// (moved to consecutive temporaries, the first in field `b`, `c` the
    /// given slot or `a`), recording the stack (operands included) for the
    /// collector; the new reference replaces the operands.
    fn allocate(&mut self, op: Op, operands: usize, c: Option<u16>, first: u32, second: u32) {
        self.materialize_top(operands);
        let height = self.stack.len();
        let base = height - operands;
        self.record_stack_map(height);
        let dst = self.temp_slot(base);
        self.emit_gc(op, [dst, dst, c.unwrap_or(dst)], 0, first, second);
        self.truncate(base);
        self.push(Operand::Temp, SlotType::AnyRef);
        self.last_def = None;
    }

    /// An operation on `operands` consecutive slots from the top of the
    /// stack (the first in field `b`), which it consumes.
    fn spanned(&mut self, op: Op, operands: usize, first: u32, second: u32) {
        self.materialize_top(operands);
        let base = self.stack.len() - operands;
        let slot = self.temp_slot(base);
        let kind = match op {
            Op::ArrayFill | Op::ArrayCopy | Op::ArrayInitData | Op::ArrayInitElem => {
                self.element_kind(first)
            }
            _ => 0,
        };
        self.emit_gc(op, [slot, slot, slot], kind, first, second);
        self.truncate(base);
        self.last_def = None;
    }

    /// `struct.get`, `struct.get_s`, `struct.get_u` of field `field`.
    fn struct_get(&mut self, op: Op, ty: u32, field: u32) {
        let f = self.fields(ty)[field as usize];
        let object = self.pop_slot();
        let dst = self.push_temps_of(unpacked(f.storage));
        let (offset, kind) = self.field(ty, field);
        self.emit_gc(op, [dst, object, dst], kind.code(), ty, offset);
        self.last_def = None;
    }

    /// `array.get`, `array.get_s`, `array.get_u`.
    fn array_get(&mut self, op: Op, ty: u32) {
        let element = self.element(ty);
        let index = self.pop_slot();
        let array = self.pop_slot();
        let dst = self.push_temps_of(unpacked(element.storage));
        let kind = self.element_kind(ty);
        self.emit_gc(op, [dst, array, index], kind, ty, 0);
        self.last_def = None;
    }

    /// `ref.test` of the reference on top of the stack against `hty`
    /// (`nullable`: null passes).
    fn ref_test(&mut self, hty: wasmparser::HeapType, nullable: bool) {
        let reference = self.pop_slot();
        let dst = self.push_temp(SlotType::I32);
        let code = heap_code(hty);
        self.emit_gc(Op::RefTest, [dst, reference, dst], 0, code, nullable as u32);
        self.last_def = None;
    }

    /// `ref.cast`: traps unless the reference on top of the stack is of
    /// the type; it stays there.
    fn ref_cast(&mut self, hty: wasmparser::HeapType, nullable: bool) {
        let top = self.stack.len() - 1;
        let slot = self.slot_of(self.stack[top], top);
        let code = heap_code(hty);
        self.emit_gc(Op::RefCast, [slot, slot, slot], 0, code, nullable as u32);
        let ty = self.ref_slot_type(wasmparser::RefType::new(nullable, hty));
        self.retype_top(ty);
    }

    /// `br_on_cast` (`test` = `BrIfNez`) or `br_on_cast_fail` (`BrIfEqz`)
    /// to `depth`, with the reference on top of the stack staying there.
    fn br_on_cast(&mut self, depth: u32, to: wasmparser::RefType, test: Op) {
        let top = self.stack.len() - 1;
        let reference = self.slot_of(self.stack[top], top);
        // The test's result goes to the temporary above the reference,
        // pushed so the frame has room for it, and popped for the branch.
        let result = self.push_temp(SlotType::I32);
        let code = heap_code(to.heap_type());
        let nullable = to.is_nullable() as u32;
        self.emit_gc(Op::RefTest, [result, reference, result], 0, code, nullable);
        self.pop();
        self.branch_if(depth, None, test, result);
    }

    /// The slot type of references of type `ty`.
    fn ref_slot_type(&self, ty: Option<wasmparser::RefType>) -> SlotType {
        ty.map_or(SlotType::AnyRef, |r| {
            super::slot_types_in(self.module, ValType::Ref(RefType::from_wasmparser(r)))[0]
        })
    }
}

/// How many slots a field's value takes on the stack.
fn slot_width(field: &FieldType) -> usize {
    match field.storage {
        StorageType::Val(v) => v.slots(),
        StorageType::I8 | StorageType::I16 => 1,
    }
}

/// The type a field of storage type `storage` reads as.
fn unpacked(storage: StorageType) -> ValType {
    match storage {
        StorageType::Val(v) => v,
        StorageType::I8 | StorageType::I16 => ValType::I32,
    }
}

/// The data-word code of a heap type of the module's code.
fn heap_code(hty: wasmparser::HeapType) -> u32 {
    let r = wasmparser::RefType::new(true, hty).map(RefType::from_wasmparser);
    GcHeapType::of(r.map_or(crate::types::HeapType::Any, |r| r.heap)).encode()
}
