//! The byte encoding of a translated module's parts, for
//! [`Module::serialize`](super::Module::serialize): one [`Codec`]
//! implementation per type, little-endian fixed-width numbers, lengths as
//! `u32`. Decoding checks every tag, length and opcode and fails with an
//! error rather than building a value that does not exist.

use super::const_expr::{ConstExpr, ConstOp, GcConst};
use super::{DataSegment, ElemSegment, EntityIndex, Import, SegmentMode};
use crate::error::Error;
use crate::ir::{Catch, CompiledFunc, HandlerRange, Instr, Op, SlotType, StackMap, TrapSite};
use crate::sub_type::{CompositeType, FieldType, StorageType, SubType};
use crate::types::{
    ExternType, FuncType, GlobalType, HeapType, MemoryType, RefType, TableType, ValType,
};
use alloc::{boxed::Box, string::String, sync::Arc, vec::Vec};
use cranelift_entity::{EntityRef, PrimaryMap};

/// Reads an artifact's bytes front to back.
///
/// Decoding does not stop at the first problem: the reader records it,
/// drops the bytes left, and from then on hands out zeros and empty
/// lengths, so each value's code is a straight line without an error path
/// per field (a third of the size of threading a `Result` through every
/// field). Whoever decodes asks [`Reader::finish`] before using anything
/// decoded.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    /// The first problem met, if any.
    problem: Option<&'static str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            problem: None,
        }
    }

    /// Records `why` (unless a problem came first) and drops the bytes
    /// left, so what follows decodes as zeros and empty lists.
    #[cold]
    #[inline(never)]
    pub(super) fn fail(&mut self, why: &'static str) {
        self.problem.get_or_insert(why);
        self.bytes = &[];
    }

    /// The next `n` bytes (none after a problem).
    pub(super) fn take(&mut self, n: usize) -> &'a [u8] {
        if n > self.bytes.len() {
            self.fail("it ends early");
            return &[];
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        head
    }

    /// How many bytes are left.
    pub(super) fn remaining(&self) -> usize {
        self.bytes.len()
    }

    /// The first problem met, if any: checked before anything decoded is
    /// used.
    pub(super) fn check(&self) -> Result<(), Error> {
        self.problem.map_or(Ok(()), |why| Err(malformed(why)))
    }

    /// [`Reader::check`], and that every byte was read.
    pub(super) fn finish(&mut self) -> Result<(), Error> {
        if !self.bytes.is_empty() {
            self.fail("bytes are left over after the module");
        }
        self.check()
    }

    /// The next `N` bytes (zeros after a problem).
    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        let bytes = self.take(N);
        if bytes.len() == N {
            out.copy_from_slice(bytes);
        }
        out
    }

    /// A length, bounded by the bytes left (each element takes at least
    /// one), so a corrupt length cannot make a huge allocation.
    fn len(&mut self) -> usize {
        let n = u32::decode(self) as usize;
        if n > self.bytes.len() {
            self.fail("a length is larger than the artifact");
            return 0;
        }
        n
    }
}

/// The error for bytes that are not a well-formed artifact.
pub(super) fn malformed(why: &str) -> Error {
    Error::new(crate::ErrorKind::Artifact(String::from(why)))
}

/// Appends one byte (out of line, as the numbers).
#[inline(never)]
fn push(out: &mut Vec<u8>, byte: u8) {
    out.push(byte);
}

/// A value with a byte encoding.
pub(super) trait Codec: Sized {
    /// Appends the encoding to `out`.
    fn encode(&self, out: &mut Vec<u8>);
    /// Reads one value.
    fn decode(r: &mut Reader<'_>) -> Self;
}

/// Numbers: out of line, as every field of every type goes through them
/// (inlined at each of those sites they would cost several KB of a cold
/// path).
macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            #[inline(never)]
            fn encode(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            #[inline(never)]
            fn decode(r: &mut Reader<'_>) -> Self {
                <$t>::from_le_bytes(r.array())
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64);

impl Codec for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        (*self as u8).encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match u8::decode(r) {
            0 => false,
            1 => true,
            _ => {
                r.fail("a flag is neither 0 nor 1");
                false
            }
        }
    }
}

impl Codec for String {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.len() as u32).encode(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let bytes = r.take(n);
        match core::str::from_utf8(bytes) {
            Ok(name) => String::from(name),
            Err(_) => {
                r.fail("a name is not UTF-8");
                String::new()
            }
        }
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => push(out, 0),
            Some(v) => {
                push(out, 1);
                v.encode(out);
            }
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        bool::decode(r).then(|| T::decode(r))
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        (A::decode(r), B::decode(r))
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_slice().encode_all(out);
    }
    #[inline(never)]
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        // An exact-size collect: one allocation, no capacity check per element.
        (0..n).map(|_| T::decode(r)).collect()
    }
}

impl<T: Codec> Codec for Box<[T]> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.encode_all(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        Vec::decode(r).into_boxed_slice()
    }
}

impl Codec for Arc<[u8]> {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.len() as u32).encode(out);
        out.extend_from_slice(self);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        Arc::from(r.take(n))
    }
}

/// A map is encoded as the list of its values, and decoded through the
/// list's code (one instantiation per value type, shared with `Vec`).
impl<K: EntityRef, V: Codec> Codec for PrimaryMap<K, V> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_values_slice().encode_all(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        PrimaryMap::from(Vec::decode(r))
    }
}

/// A slice's length, then its elements.
trait EncodeAll {
    fn encode_all(&self, out: &mut Vec<u8>);
}

impl<T: Codec> EncodeAll for [T] {
    #[inline(never)]
    fn encode_all(&self, out: &mut Vec<u8>) {
        (self.len() as u32).encode(out);
        for v in self {
            v.encode(out);
        }
    }
}

/// Typed indices travel as their `u32`.
macro_rules! indices {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                (self.index() as u32).encode(out);
            }
            fn decode(r: &mut Reader<'_>) -> Self {
                <$t>::new(u32::decode(r) as usize)
            }
        }
    )*};
}
indices!(
    crate::index::FuncIndex,
    crate::index::TypeIndex,
    crate::index::TableIndex,
    crate::index::MemoryIndex,
    crate::index::GlobalIndex,
    crate::index::TagIndex
);

/// An enum without data: its position in `all`.
fn encode_tag<T: PartialEq>(all: &[T], value: &T, out: &mut Vec<u8>) {
    let tag = all.iter().position(|v| v == value).unwrap_or(all.len());
    push(out, tag as u8);
}

/// The enum value whose position in `all` is the next byte; the first one,
/// and the problem `unknown`, for any other byte.
fn decode_tag<T: Copy>(all: &[T], r: &mut Reader<'_>, unknown: &'static str) -> T {
    let tag = u8::decode(r) as usize;
    match all.get(tag) {
        Some(&value) => value,
        None => {
            r.fail(unknown);
            all[0]
        }
    }
}

const HEAP_TYPES: [HeapType; 13] = [
    HeapType::Func,
    HeapType::Extern,
    HeapType::Any,
    HeapType::None,
    HeapType::NoExtern,
    HeapType::NoFunc,
    HeapType::Eq,
    HeapType::Struct,
    HeapType::Array,
    HeapType::I31,
    HeapType::Exn,
    HeapType::NoExn,
    HeapType::Concrete(0),
];

impl Codec for HeapType {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            HeapType::Concrete(index) => {
                push(out, 12);
                index.encode(out);
            }
            // A module's own declarations name its types by index only.
            HeapType::Canonical(id) => unreachable!("engine type {id} in a module's declarations"),
            other => encode_tag(&HEAP_TYPES[..12], other, out),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match decode_tag(&HEAP_TYPES, r, "an unknown heap type tag") {
            HeapType::Concrete(_) => HeapType::Concrete(u32::decode(r)),
            other => other,
        }
    }
}

impl Codec for RefType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.nullable.encode(out);
        self.heap.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        RefType {
            nullable: bool::decode(r),
            heap: HeapType::decode(r),
        }
    }
}

/// Value types by tag: the numbers, then a reference (whose type follows).
const VALUE_TYPES: [ValType; 6] = [
    ValType::I32,
    ValType::I64,
    ValType::F32,
    ValType::F64,
    ValType::V128,
    ValType::FUNCREF,
];

impl Codec for ValType {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            ValType::Ref(r) => {
                push(out, 5);
                r.encode(out);
            }
            number => encode_tag(&VALUE_TYPES[..5], number, out),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match decode_tag(&VALUE_TYPES, r, "an unknown value type tag") {
            ValType::Ref(_) => ValType::Ref(RefType::decode(r)),
            number => number,
        }
    }
}

impl Codec for FuncType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.params().encode_all(out);
        self.results().encode_all(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let params = Vec::<ValType>::decode(r);
        let results = Vec::<ValType>::decode(r);
        FuncType::new(params, results)
    }
}

impl Codec for GlobalType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.content.encode(out);
        self.mutable.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        GlobalType::new(ValType::decode(r), bool::decode(r))
    }
}

impl Codec for TableType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.element.encode(out);
        self.min.encode(out);
        self.max.encode(out);
        self.table64.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        TableType {
            element: RefType::decode(r),
            min: u64::decode(r),
            max: Option::decode(r),
            table64: bool::decode(r),
        }
    }
}

impl Codec for MemoryType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.min.encode(out);
        self.max.encode(out);
        self.memory64.encode(out);
        self.shared.encode(out);
        self.page_size_log2.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let ty = MemoryType {
            min: u64::decode(r),
            max: Option::decode(r),
            memory64: bool::decode(r),
            shared: bool::decode(r),
            page_size_log2: u8::decode(r),
        };
        if ty.page_size_log2 > 16 {
            r.fail("a page size is larger than 64 KiB");
        }
        ty
    }
}

impl Codec for ExternType {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            ExternType::Func(t) => (0u8, t.clone()).encode(out),
            ExternType::Global(t) => (1u8, *t).encode(out),
            ExternType::Table(t) => (2u8, *t).encode(out),
            ExternType::Memory(t) => (3u8, *t).encode(out),
            ExternType::Tag(t) => (4u8, t.clone()).encode(out),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match u8::decode(r) {
            1 => ExternType::Global(GlobalType::decode(r)),
            2 => ExternType::Table(TableType::decode(r)),
            3 => ExternType::Memory(MemoryType::decode(r)),
            4 => ExternType::Tag(FuncType::decode(r)),
            kind => {
                if kind != 0 {
                    r.fail("an unknown import kind");
                }
                ExternType::Func(FuncType::decode(r))
            }
        }
    }
}

impl Codec for Import {
    fn encode(&self, out: &mut Vec<u8>) {
        self.module.encode(out);
        self.name.encode(out);
        self.ty.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        Import {
            module: String::decode(r),
            name: String::decode(r),
            ty: ExternType::decode(r),
        }
    }
}

impl Codec for EntityIndex {
    fn encode(&self, out: &mut Vec<u8>) {
        let (tag, index) = match *self {
            EntityIndex::Func(i) => (0u8, i.index()),
            EntityIndex::Table(i) => (1, i.index()),
            EntityIndex::Memory(i) => (2, i.index()),
            EntityIndex::Global(i) => (3, i.index()),
            EntityIndex::Tag(i) => (4, i.index()),
        };
        (tag, index as u32).encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (tag, index) = <(u8, u32)>::decode(r);
        let index = index as usize;
        match tag {
            1 => EntityIndex::Table(EntityRef::new(index)),
            2 => EntityIndex::Memory(EntityRef::new(index)),
            3 => EntityIndex::Global(EntityRef::new(index)),
            4 => EntityIndex::Tag(EntityRef::new(index)),
            kind => {
                if kind != 0 {
                    r.fail("an unknown export kind");
                }
                EntityIndex::Func(EntityRef::new(index))
            }
        }
    }
}

impl Codec for ConstOp {
    fn encode(&self, out: &mut Vec<u8>) {
        match *self {
            ConstOp::Value(v) => {
                push(out, 0);
                out.extend_from_slice(&v.to_le_bytes());
            }
            ConstOp::RefFunc(f) => (1u8, f).encode(out),
            ConstOp::GlobalGet(g) => (2u8, g).encode(out),
            ConstOp::I32Add => push(out, 3),
            ConstOp::I32Sub => push(out, 4),
            ConstOp::I32Mul => push(out, 5),
            ConstOp::I64Add => push(out, 6),
            ConstOp::I64Sub => push(out, 7),
            ConstOp::I64Mul => push(out, 8),
            ConstOp::Alloc(GcConst::StructNew(t)) => (9u8, t).encode(out),
            ConstOp::Alloc(GcConst::StructNewDefault(t)) => (10u8, t).encode(out),
            ConstOp::Alloc(GcConst::ArrayNew(t)) => (11u8, t).encode(out),
            ConstOp::Alloc(GcConst::ArrayNewDefault(t)) => (12u8, t).encode(out),
            ConstOp::Alloc(GcConst::ArrayNewFixed(t, n)) => (13u8, (t, n)).encode(out),
            ConstOp::RefI31 => push(out, 14),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match u8::decode(r) {
            0 => ConstOp::Value(u128::from_le_bytes(r.array())),
            1 => ConstOp::RefFunc(Codec::decode(r)),
            2 => ConstOp::GlobalGet(Codec::decode(r)),
            3 => ConstOp::I32Add,
            4 => ConstOp::I32Sub,
            5 => ConstOp::I32Mul,
            6 => ConstOp::I64Add,
            7 => ConstOp::I64Sub,
            8 => ConstOp::I64Mul,
            9 => ConstOp::Alloc(GcConst::StructNew(Codec::decode(r))),
            10 => ConstOp::Alloc(GcConst::StructNewDefault(Codec::decode(r))),
            11 => ConstOp::Alloc(GcConst::ArrayNew(Codec::decode(r))),
            12 => ConstOp::Alloc(GcConst::ArrayNewDefault(Codec::decode(r))),
            13 => {
                let (t, n) = Codec::decode(r);
                ConstOp::Alloc(GcConst::ArrayNewFixed(t, n))
            }
            14 => ConstOp::RefI31,
            _ => {
                r.fail("an unknown constant operation");
                ConstOp::I32Add
            }
        }
    }
}

impl Codec for ConstExpr {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        ConstExpr(Vec::decode(r))
    }
}

impl<I: Codec> Codec for SegmentMode<I> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            SegmentMode::Active { index, offset } => {
                push(out, 0);
                index.encode(out);
                offset.encode(out);
            }
            SegmentMode::Passive => push(out, 1),
            SegmentMode::Declared => push(out, 2),
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        match u8::decode(r) {
            0 => SegmentMode::Active {
                index: I::decode(r),
                offset: ConstExpr::decode(r),
            },
            1 => SegmentMode::Passive,
            2 => SegmentMode::Declared,
            _ => {
                r.fail("an unknown segment mode");
                SegmentMode::Passive
            }
        }
    }
}

impl Codec for ElemSegment {
    fn encode(&self, out: &mut Vec<u8>) {
        self.mode.encode(out);
        self.ty.encode(out);
        self.items.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        ElemSegment {
            mode: SegmentMode::decode(r),
            ty: RefType::decode(r),
            items: Vec::decode(r),
        }
    }
}

impl Codec for DataSegment {
    fn encode(&self, out: &mut Vec<u8>) {
        self.mode.encode(out);
        self.bytes.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        DataSegment {
            mode: SegmentMode::decode(r),
            bytes: Arc::decode(r),
        }
    }
}

/// An instruction word: its four 16-bit fields in one 8-byte read (the
/// words are most of an artifact).
impl Codec for Instr {
    fn encode(&self, out: &mut Vec<u8>) {
        let fields = [self.op as u16, self.a, self.b, self.c];
        let mut word = [0u8; 8];
        for (bytes, field) in word.chunks_exact_mut(2).zip(fields) {
            bytes.copy_from_slice(&field.to_le_bytes());
        }
        out.extend_from_slice(&word);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let word: [u8; 8] = r.array();
        let field = |k: usize| u16::from_le_bytes([word[2 * k], word[2 * k + 1]]);
        let op = match Op::ALL.get(field(0) as usize) {
            Some(&op) => op,
            None => {
                r.fail("an unknown IR opcode");
                Op::ALL[0]
            }
        };
        Instr {
            op,
            a: field(1),
            b: field(2),
            c: field(3),
        }
    }
}

impl Codec for TrapSite {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.pc, self.wasm_offset).encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (pc, wasm_offset) = Codec::decode(r);
        TrapSite { pc, wasm_offset }
    }
}

impl Codec for HandlerRange {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.start, self.end).encode(out);
        (self.outer, self.first_catch).encode(out);
        self.num_catches.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (start, end) = Codec::decode(r);
        let (outer, first_catch) = Codec::decode(r);
        HandlerRange {
            start,
            end,
            outer,
            first_catch,
            num_catches: u32::decode(r),
        }
    }
}

impl Codec for Catch {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.tag, self.target).encode(out);
        (self.payload_at, self.exnref_at).encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (tag, target) = Codec::decode(r);
        let (payload_at, exnref_at) = Codec::decode(r);
        Catch {
            tag,
            payload_at,
            exnref_at,
            target,
        }
    }
}

const SLOT_TYPES: [SlotType; 10] = [
    SlotType::I32,
    SlotType::I64,
    SlotType::F32,
    SlotType::F64,
    SlotType::V128Low,
    SlotType::V128High,
    SlotType::FuncRef,
    SlotType::ExternRef,
    SlotType::ExnRef,
    SlotType::AnyRef,
];

impl Codec for SlotType {
    fn encode(&self, out: &mut Vec<u8>) {
        encode_tag(&SLOT_TYPES, self, out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        decode_tag(&SLOT_TYPES, r, "an unknown slot type tag")
    }
}

impl Codec for StackMap {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.pc, self.start).encode(out);
        self.len.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (pc, start) = Codec::decode(r);
        StackMap {
            pc,
            start,
            len: u32::decode(r),
        }
    }
}

impl Codec for CompiledFunc {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.num_params, self.num_locals).encode(out);
        (self.num_results, self.frame_size).encode(out);
        self.consts.encode(out);
        self.code.encode(out);
        self.trap_sites.encode(out);
        self.loop_headers.encode(out);
        self.slot_types.encode(out);
        self.stack_maps.encode(out);
        self.stack_types.encode(out);
        self.handlers.encode(out);
        self.catches.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (num_params, num_locals) = Codec::decode(r);
        let (num_results, frame_size) = Codec::decode(r);
        CompiledFunc {
            num_params,
            num_locals,
            num_results,
            frame_size,
            consts: Codec::decode(r),
            code: Codec::decode(r),
            trap_sites: Codec::decode(r),
            loop_headers: Codec::decode(r),
            slot_types: Codec::decode(r),
            stack_maps: Codec::decode(r),
            stack_types: Codec::decode(r),
            handlers: Codec::decode(r),
            catches: Codec::decode(r),
        }
    }
}

impl Codec for SubType {
    fn encode(&self, out: &mut Vec<u8>) {
        (self.is_final, self.shared).encode(out);
        self.supertype.encode(out);
        match &self.composite {
            CompositeType::Func(f) => {
                push(out, 0);
                f.encode(out);
            }
            CompositeType::Struct(fields) => {
                push(out, 1);
                fields.encode_all(out);
            }
            CompositeType::Array(field) => {
                push(out, 2);
                field.encode(out);
            }
            CompositeType::Cont(h) => {
                push(out, 3);
                h.encode(out);
            }
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let (is_final, shared) = Codec::decode(r);
        let supertype = Codec::decode(r);
        let composite = match u8::decode(r) {
            1 => CompositeType::Struct(Vec::<FieldType>::decode(r).into()),
            2 => CompositeType::Array(FieldType::decode(r)),
            3 => CompositeType::Cont(HeapType::decode(r)),
            kind => {
                if kind != 0 {
                    r.fail("an unknown composite type tag");
                }
                CompositeType::Func(FuncType::decode(r))
            }
        };
        SubType {
            is_final,
            supertype,
            shared,
            composite,
        }
    }
}

impl Codec for FieldType {
    fn encode(&self, out: &mut Vec<u8>) {
        self.mutable.encode(out);
        match self.storage {
            StorageType::I8 => push(out, 0),
            StorageType::I16 => push(out, 1),
            StorageType::Val(v) => {
                push(out, 2);
                v.encode(out);
            }
        }
    }
    fn decode(r: &mut Reader<'_>) -> Self {
        let mutable = bool::decode(r);
        let storage = match u8::decode(r) {
            0 => StorageType::I8,
            1 => StorageType::I16,
            2 => StorageType::Val(ValType::decode(r)),
            _ => {
                r.fail("an unknown storage type tag");
                StorageType::I8
            }
        };
        FieldType { storage, mutable }
    }
}
