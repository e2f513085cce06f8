//! The GC executor: the instructions of [`Format::Gc`](crate::ir::Format::Gc) (struct, array and
//! cast operations), for both tiers, reached through the VM context's `gc`
//! libcall.
//!
//! The instruction's slot fields and data words are read from the running
//! function's IR at `pc` (see `translate/gc.rs` for what each operation
//! puts where); type indices are the running instance's, resolved to
//! engine ids through its type table.

#![allow(unsafe_code)]

use super::StoreInner;
use super::gc::RunFrames;
use crate::gc::heap::TypeInfo;
use crate::gc::layout::{FieldKind, HEADER, Layout, StructLayout, array_size};
use crate::gc::{access, is_i31, object_of};
use crate::index::{DataIndex, ElemIndex};
use crate::ir::{GcHeapType, Instr, Op};
use crate::trap::TrapCode;
use crate::types::{HeapType, TypeId};
use crate::vm::{Frame, VmContext};
use alloc::sync::Arc;

/// The `gc` libcall (see [`Libcalls::gc`](crate::vm::Libcalls)).
///
/// # Safety
/// `vm` is the live context of a run, whose running function has a GC
/// instruction at `pc` and its frame at `fp` (inside the value stack);
/// nothing else uses the store meanwhile.
pub(super) unsafe fn gc(vm: *mut VmContext, fp: *mut u64, pc: u32) -> Result<(), TrapCode> {
    // SAFETY: the contract: the context's pointers are live for the run,
    // the store is used by nothing else, and the frame's slots named by
    // the instruction lie in the frame (translator; verifier).
    unsafe {
        let store = &mut *(*vm).store.cast::<StoreInner>();
        let func = (*vm).func;
        // The running function's IR, behind the function's record.
        let code = (*(*(*vm).funcs.add(func as usize)).compiled).code();
        let pc_at = pc as usize;
        let (i, first, second) = (code[pc_at], code[pc_at + 1], code[pc_at + 2].bc());
        let run = RunFrames {
            frames: (*vm).frames,
            len: (*vm).frames_len,
            stack: (*vm).stack,
            current: Frame {
                func,
                pc,
                fp: fp.offset_from((*vm).stack) as u32,
            },
        };
        let mut exec = Exec {
            store,
            fp,
            run,
            instance: (*vm).instance_id,
            type_ids: (*vm).instance.type_ids,
        };
        let result = exec.run(i, first, second);
        // An allocation may have grown (and so moved) the heap.
        (*vm).gc_heap = exec.store.heap.view();
        result
    }
}

/// One GC instruction being performed.
struct Exec<'a> {
    store: &'a mut StoreInner,
    fp: *mut u64,
    run: RunFrames,
    instance: u32,
    type_ids: *const u32,
}

impl Exec<'_> {
    /// Slot `s` of the frame.
    fn get(&self, s: u16) -> u64 {
        // SAFETY: the instruction's slots lie in the frame (`gc`'s contract).
        unsafe { *self.fp.add(s as usize) }
    }

    /// Writes slot `s` of the frame.
    fn set(&self, s: u16, v: u64) {
        // SAFETY: as for `get`.
        unsafe { *self.fp.add(s as usize) = v }
    }

    /// The value of a field or element of `kind` in slot `s` (and the next,
    /// for a `v128`).
    fn value(&self, s: u16, kind: FieldKind) -> [u64; 2] {
        match kind {
            FieldKind::V128 => [self.get(s), self.get(s + 1)],
            _ => [self.get(s), 0],
        }
    }

    /// The engine id of the running instance's type `ty`.
    fn type_id(&self, ty: u32) -> TypeId {
        // SAFETY: validated type indices are inside the instance's table.
        TypeId::from_u32(unsafe { *self.type_ids.add(ty as usize) })
    }

    /// What the heap knows about the instance's type `ty`.
    fn type_info(&mut self, ty: u32) -> (TypeId, Arc<TypeInfo>) {
        let id = self.type_id(ty);
        (id, self.store.gc_type(id))
    }

    /// Allocates an object of `size` bytes with `header`.
    fn alloc(&mut self, size: u32, header: u64) -> Result<u32, TrapCode> {
        self.store.gc_alloc(size, header, Some(&self.run))
    }

    /// The array `r` refers to and its length (trapping on null).
    fn array_at(&self, r: u64) -> Result<(u32, u32), TrapCode> {
        let at = object_of(r).ok_or(TrapCode::NullArrayReference)?;
        Ok((at, (self.store.heap.header(at) >> 32) as u32))
    }

    fn run(&mut self, i: Instr, first_word: Instr, second: u32) -> Result<(), TrapCode> {
        let first = first_word.bc();
        // The element kind of an array operation.
        let kind = FieldKind::from_code(first_word.a);
        match i.op {
            Op::StructNew | Op::StructNewDefault => {
                let (id, info) = self.type_info(first);
                let Layout::Struct(layout) = &info.layout else {
                    unreachable!("validated: a struct type")
                };
                let at = self.alloc(layout.size, id.as_u32() as u64)?;
                if i.op == Op::StructNew {
                    self.init_struct(at, layout, i.b);
                }
                self.set(i.a, at as u64);
            }
            Op::ArrayNew | Op::ArrayNewDefault | Op::ArrayNewFixed => {
                let (id, kind) = self.array_type(first);
                let len = if i.op == Op::ArrayNewFixed {
                    second
                } else {
                    self.get(i.c) as u32
                };
                let at = self.new_array(id, kind, len)?;
                let width = if kind == FieldKind::V128 { 2 } else { 1 };
                for k in 0..len {
                    let v = match i.op {
                        Op::ArrayNew => self.value(i.b, kind),
                        Op::ArrayNewFixed => self.value(i.b + (k * width) as u16, kind),
                        _ => break,
                    };
                    write(self.store, element(at, kind, k), kind, v);
                }
                self.set(i.a, at as u64);
            }
            Op::ArrayNewData => {
                let (id, kind) = self.array_type(first);
                let (offset, len) = (self.get(i.b), self.get(i.b + 1) as u32);
                let bytes = self.data(second);
                let n = len as u64 * kind.size() as u64;
                let src = range(offset, n, bytes.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
                let at = self.new_array(id, kind, len)?;
                let start = (at + HEADER) as usize;
                self.store.heap.bytes_mut()[start..start + src.len()].copy_from_slice(&bytes[src]);
                self.set(i.a, at as u64);
            }
            Op::ArrayNewElem => {
                let (id, kind) = self.array_type(first);
                let (offset, len) = (self.get(i.b), self.get(i.b + 1) as u32);
                let items = self.elems(second);
                let src =
                    range(offset, len as u64, items.len()).ok_or(TrapCode::TableOutOfBounds)?;
                let at = self.new_array(id, kind, len)?;
                for (k, &item) in items[src].iter().enumerate() {
                    write(self.store, element(at, kind, k as u32), kind, [item, 0]);
                }
                self.set(i.a, at as u64);
            }
            Op::ArrayFill => {
                let width = if kind == FieldKind::V128 { 2 } else { 1 };
                let (at, len) = self.array_at(self.get(i.b))?;
                let offset = self.get(i.b + 1);
                let v = self.value(i.b + 2, kind);
                let n = self.get(i.b + 2 + width);
                range(offset, n, len as usize).ok_or(TrapCode::ArrayOutOfBounds)?;
                for k in offset..offset + n {
                    write(self.store, element(at, kind, k as u32), kind, v);
                }
            }
            Op::ArrayCopy => {
                let (dst, dst_len) = self.array_at(self.get(i.b))?;
                let (src, src_len) = self.array_at(self.get(i.b + 2))?;
                let (dst_offset, src_offset, n) =
                    (self.get(i.b + 1), self.get(i.b + 3), self.get(i.b + 4));
                range(dst_offset, n, dst_len as usize).ok_or(TrapCode::ArrayOutOfBounds)?;
                range(src_offset, n, src_len as usize).ok_or(TrapCode::ArrayOutOfBounds)?;
                let size = kind.size() as usize;
                let from = element(src, kind, src_offset as u32) as usize;
                let to = element(dst, kind, dst_offset as u32) as usize;
                let bytes = self.store.heap.bytes_mut();
                bytes.copy_within(from..from + n as usize * size, to);
            }
            Op::ArrayInitData => {
                let (at, len) = self.array_at(self.get(i.b))?;
                let (dst, src, n) = (self.get(i.b + 1), self.get(i.b + 2), self.get(i.b + 3));
                range(dst, n, len as usize).ok_or(TrapCode::ArrayOutOfBounds)?;
                let bytes = self.data(second);
                let size = kind.size() as u64;
                let src = range(src, n * size, bytes.len()).ok_or(TrapCode::MemoryOutOfBounds)?;
                let to = element(at, kind, dst as u32) as usize;
                self.store.heap.bytes_mut()[to..to + src.len()].copy_from_slice(&bytes[src]);
            }
            Op::ArrayInitElem => {
                let (at, len) = self.array_at(self.get(i.b))?;
                let (dst, src, n) = (self.get(i.b + 1), self.get(i.b + 2), self.get(i.b + 3));
                range(dst, n, len as usize).ok_or(TrapCode::ArrayOutOfBounds)?;
                let items = self.elems(second);
                let src = range(src, n, items.len()).ok_or(TrapCode::TableOutOfBounds)?;
                for (k, &item) in items[src].iter().enumerate() {
                    write(
                        self.store,
                        element(at, kind, dst as u32 + k as u32),
                        kind,
                        [item, 0],
                    );
                }
            }
            Op::RefTest => {
                let ok = self.test(self.get(i.b), first, second != 0);
                self.set(i.a, ok as u64);
            }
            Op::RefCast => {
                if !self.test(self.get(i.b), first, second != 0) {
                    return Err(TrapCode::CastFailure);
                }
            }
            other => unreachable!("{} is not performed out of line", other.name()),
        }
        Ok(())
    }

    /// Writes the fields of a new struct at `at` from consecutive slots
    /// starting at `first`.
    fn init_struct(&mut self, at: u32, layout: &StructLayout, first: u16) {
        let mut slot = first;
        for &(offset, kind) in layout.fields.iter() {
            let v = self.value(slot, kind);
            write(self.store, at + offset, kind, v);
            slot += if kind == FieldKind::V128 { 2 } else { 1 };
        }
    }

    /// The engine id and element kind of the instance's array type `ty`.
    fn array_type(&mut self, ty: u32) -> (TypeId, FieldKind) {
        let (id, info) = self.type_info(ty);
        match info.layout {
            Layout::Array(kind) => (id, kind),
            _ => unreachable!("validated: an array type"),
        }
    }

    /// A new array of type `id` with `len` zero elements.
    fn new_array(&mut self, id: TypeId, kind: FieldKind, len: u32) -> Result<u32, TrapCode> {
        let size = array_size(kind, len).ok_or(TrapCode::GcHeapExhausted)?;
        self.alloc(size, id.as_u32() as u64 | (len as u64) << 32)
    }

    /// The bytes of the instance's data segment `data` (none once dropped).
    fn data(&self, data: u32) -> Arc<[u8]> {
        let instance = &self.store.instances[self.instance as usize];
        let seg = DataIndex::from_u32(data);
        if instance.data_dropped[seg] {
            Arc::from([])
        } else {
            Arc::clone(&instance.module.info.datas[seg].bytes)
        }
    }

    /// The items of the instance's element segment `elem` (none once
    /// dropped).
    fn elems(&self, elem: u32) -> Arc<[u64]> {
        Arc::clone(&self.store.instances[self.instance as usize].elems[ElemIndex::from_u32(elem)])
    }

    /// Whether reference `r` is of the heap type with code `code` (null
    /// passes when `nullable`).
    fn test(&mut self, r: u64, code: u32, nullable: bool) -> bool {
        if r == 0 {
            return nullable;
        }
        let target = match GcHeapType::decode(code) {
            GcHeapType::Abstract(h) => RefTarget::Abstract(h),
            GcHeapType::Defined(t) => RefTarget::Defined(self.type_id(t)),
        };
        self.store.ref_is(r, target)
    }
}

/// What a reference is tested against.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RefTarget {
    /// An abstract heap type.
    Abstract(HeapType),
    /// A defined type, by engine id.
    Defined(TypeId),
}

impl RefTarget {
    /// The target of a heap type whose defined types are named by engine
    /// id.
    pub(crate) fn of(heap: HeapType) -> Self {
        match heap {
            HeapType::Canonical(t) => RefTarget::Defined(t),
            other => RefTarget::Abstract(other),
        }
    }
}

impl StoreInner {
    /// Whether the non-null reference `r` is of heap type `target` (which
    /// is of the hierarchy the reference's static type is in).
    pub(crate) fn ref_is(&self, r: u64, target: RefTarget) -> bool {
        let object = object_of(r);
        let object_type = |store: &StoreInner, at: u32| {
            TypeId::from_u32(store.heap.header(at) as u32 & !crate::gc::heap::MARK)
        };
        match target {
            RefTarget::Abstract(h) => match h {
                HeapType::Any | HeapType::Extern | HeapType::Func | HeapType::Exn => true,
                HeapType::Eq => is_i31(r) || object.is_some(),
                HeapType::I31 => is_i31(r),
                HeapType::Struct | HeapType::Array => object.is_some_and(|at| {
                    let ty = object_type(self, at);
                    let is_struct = matches!(self.gc_type_shared(ty).layout, Layout::Struct(_));
                    is_struct == (h == HeapType::Struct)
                }),
                _ => false,
            },
            RefTarget::Defined(t) => {
                let actual = match self.engine.types().kind(t) {
                    crate::sub_type::CompositeKind::Func => {
                        match self.vm_funcs.get((r - 1) as usize) {
                            Some(f) => TypeId::from_u32(f.type_id),
                            None => return false,
                        }
                    }
                    _ => match object {
                        Some(at) => object_type(self, at),
                        None => return false,
                    },
                };
                self.type_matches(actual, t)
            }
        }
    }
}

/// The byte offset of element `k` of the array at `at`.
fn element(at: u32, kind: FieldKind, k: u32) -> u32 {
    access::element(at, kind, k) as u32
}

/// `[start, start + len)` as a range within `size`, or `None`.
fn range(start: u64, len: u64, size: usize) -> Option<core::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    (end <= size as u64).then_some(start as usize..end as usize)
}

/// Writes a value (slot encoding) to a field of `kind` at byte `at` of the
/// heap (a packed field keeps the low bits).
fn write(store: &mut StoreInner, at: u32, kind: FieldKind, v: [u64; 2]) {
    // The offset is of an object the heap made, inside it.
    let _ = access::write(store.heap.bytes_mut(), at as usize, kind, v);
}

impl StoreInner {
    /// Allocation `op` of a constant expression, of type `id`, its
    /// operands popped from `stack`. Never collects: the expression's
    /// values and the instance's segments being built are not yet roots.
    pub(crate) fn const_alloc(
        &mut self,
        id: TypeId,
        op: crate::module::GcConst,
        stack: &mut alloc::vec::Vec<[u64; 2]>,
    ) -> Result<u64, TrapCode> {
        use crate::module::GcConst as C;
        let info = self.gc_type(id);
        let header = id.as_u32() as u64;
        let mut take = |n: usize| stack.split_off(stack.len().saturating_sub(n));
        let at = match (op, &info.layout) {
            (C::StructNew(_) | C::StructNewDefault(_), Layout::Struct(layout)) => {
                let values = match op {
                    C::StructNew(_) => take(layout.fields.len()),
                    _ => alloc::vec::Vec::new(),
                };
                let at = self.alloc_without_collecting(layout.size, header)?;
                for (&(offset, kind), &v) in layout.fields.iter().zip(&values) {
                    write(self, at + offset, kind, v);
                }
                at
            }
            (_, &Layout::Array(kind)) => {
                let (len, values) = match op {
                    C::ArrayNewFixed(_, n) => (n, take(n as usize)),
                    C::ArrayNew(_) => {
                        let len = take(1)[0][0] as u32;
                        (len, take(1))
                    }
                    _ => (take(1)[0][0] as u32, alloc::vec::Vec::new()),
                };
                let size = array_size(kind, len).ok_or(TrapCode::GcHeapExhausted)?;
                let at = self.alloc_without_collecting(size, header | (len as u64) << 32)?;
                for k in 0..len {
                    let v = match op {
                        C::ArrayNewFixed(..) => values[k as usize],
                        C::ArrayNew(_) => values[0],
                        _ => break,
                    };
                    write(self, element(at, kind, k), kind, v);
                }
                at
            }
            _ => unreachable!("validated: an allocation of a struct or array type"),
        };
        Ok(at as u64)
    }

    /// Allocates from free space or by growing the heap, never collecting.
    fn alloc_without_collecting(&mut self, size: u32, header: u64) -> Result<u32, TrapCode> {
        match self.heap.try_alloc(size, header) {
            Some(at) => Ok(at),
            None => self
                .heap
                .grow_and_alloc(size, header)
                .ok_or(TrapCode::GcHeapExhausted),
        }
    }
}
