//! Round trips and malformed values through the canonical ABI, on a memory
//! of bytes with a bump allocator.

use super::*;
use crate::resources::ResourceType;
use crate::types::{Case, Field, ResultType, Type};
use crate::val::Val;
use alloc::boxed::Box;
use alloc::string::ToString;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;

/// A guest of `memory` bytes whose `realloc` bumps from 8.
struct Bytes {
    memory: Vec<u8>,
    next: u32,
    encoding: StringEncoding,
    handles: Vec<Option<ResourceAny>>,
}

impl Bytes {
    fn new(encoding: StringEncoding) -> Self {
        Bytes {
            memory: vec![0; 4096],
            next: 8,
            encoding,
            handles: vec![None],
        }
    }
}

impl Guest for Bytes {
    fn memory(&self) -> Result<&[u8], Trap> {
        Ok(&self.memory)
    }
    fn memory_mut(&mut self) -> Result<&mut [u8], Trap> {
        Ok(&mut self.memory)
    }
    fn realloc(&mut self, old: u32, old_size: u32, align: u32, size: u32) -> Result<u32, Trap> {
        let ptr = layout::align_to(self.next, align);
        self.next = ptr + size;
        let keep = old_size.min(size) as usize;
        self.memory
            .copy_within(old as usize..old as usize + keep, ptr as usize);
        Ok(ptr)
    }
    fn encoding(&self) -> StringEncoding {
        self.encoding
    }
    fn lift_handle(
        &mut self,
        index: u32,
        _: ResourceKey,
        owned: bool,
    ) -> Result<ResourceAny, Trap> {
        let slot = self
            .handles
            .get_mut(index as usize)
            .ok_or_else(|| abi_trap("bad handle"))?;
        let r = if owned { slot.take() } else { slot.clone() };
        r.ok_or_else(|| abi_trap("bad handle"))
    }
    fn lower_handle(&mut self, r: &ResourceAny, _: ResourceKey, _: bool) -> Result<u32, Trap> {
        self.handles.push(Some(r.clone()));
        Ok(self.handles.len() as u32 - 1)
    }
}

fn names(n: usize) -> Arc<[alloc::string::String]> {
    (0..n).map(|i| alloc::format!("f{i}")).collect()
}

/// A type of every kind, with a value of it.
fn samples() -> Vec<(Type, Val)> {
    let record = Type::Record(Arc::new([
        Field {
            name: "a".into(),
            ty: Type::U8,
        },
        Field {
            name: "b".into(),
            ty: Type::Float64,
        },
        Field {
            name: "c".into(),
            ty: Type::String,
        },
    ]));
    let variant = Type::Variant(Arc::new([
        Case {
            name: "none".into(),
            ty: None,
        },
        Case {
            name: "num".into(),
            ty: Some(Type::Float32),
        },
        Case {
            name: "big".into(),
            ty: Some(Type::U64),
        },
    ]));
    let result = Type::Result(Arc::new(ResultType {
        ok: Some(Type::String),
        err: None,
    }));
    vec![
        (Type::Bool, Val::Bool(true)),
        (Type::S8, Val::S8(-128)),
        (Type::U8, Val::U8(255)),
        (Type::S16, Val::S16(-2)),
        (Type::U16, Val::U16(65535)),
        (Type::S32, Val::S32(i32::MIN)),
        (Type::U32, Val::U32(u32::MAX)),
        (Type::S64, Val::S64(-1)),
        (Type::U64, Val::U64(u64::MAX)),
        (Type::Float32, Val::Float32(-1.5)),
        (Type::Float64, Val::Float64(f64::INFINITY)),
        (Type::Char, Val::Char('\u{1F600}')),
        (Type::String, Val::String("héllo, 世界 \u{1F600}".into())),
        (Type::String, Val::String("latin: ÿé".into())),
        (Type::String, Val::String("".into())),
        (
            Type::List(Arc::new(Type::String)),
            Val::List(vec![Val::String("a".into()), Val::String("bc".into())]),
        ),
        (
            Type::List(Arc::new(Type::U8)),
            Val::Bytes((0..=255).collect()),
        ),
        (
            record.clone(),
            Val::Record(vec![
                ("a".into(), Val::U8(7)),
                ("b".into(), Val::Float64(0.25)),
                ("c".into(), Val::String("x".into())),
            ]),
        ),
        (Type::List(Arc::new(record)), Val::List(vec![])),
        (
            Type::Tuple(Arc::new([Type::U16, Type::Char])),
            Val::Tuple(vec![Val::U16(9), Val::Char('z')]),
        ),
        (
            variant.clone(),
            Val::Variant("num".into(), Some(Box::new(Val::Float32(2.5)))),
        ),
        (
            variant.clone(),
            Val::Variant("big".into(), Some(Box::new(Val::U64(1 << 40)))),
        ),
        (variant, Val::Variant("none".into(), None)),
        (Type::Enum(names(300)), Val::Enum("f299".into())),
        (
            Type::Option(Arc::new(Type::S64)),
            Val::Option(Some(Box::new(Val::S64(-5)))),
        ),
        (Type::Option(Arc::new(Type::S64)), Val::Option(None)),
        (
            result.clone(),
            Val::Result(Ok(Some(Box::new(Val::String("ok".into()))))),
        ),
        (result, Val::Result(Err(None))),
        (
            Type::Flags(names(3)),
            Val::Flags(vec!["f0".into(), "f2".into()]),
        ),
        (Type::Flags(names(12)), Val::Flags(vec!["f11".into()])),
        (
            Type::Flags(names(40)),
            Val::Flags(vec!["f1".into(), "f33".into(), "f39".into()]),
        ),
        (
            Type::Own(ResourceKey(0)),
            Val::Resource(ResourceAny {
                ty: ResourceType::host::<u8>(),
                rep: 42,
                owned: true,
            }),
        ),
    ]
}

#[test]
fn every_type_round_trips_flat_and_in_memory_in_every_encoding() {
    for encoding in [
        StringEncoding::Utf8,
        StringEncoding::Utf16,
        StringEncoding::CompactUtf16,
    ] {
        for (ty, val) in samples() {
            let mut guest = Bytes::new(encoding);
            let mut flat = Vec::new();
            lower_flat(
                &mut guest,
                core::slice::from_ref(&ty),
                core::slice::from_ref(&val),
                &mut flat,
            )
            .unwrap();
            assert_eq!(flat.len(), layout::flatten_all([&ty]).len(), "{ty:?}");
            let back = lift_flat(&mut guest, core::slice::from_ref(&ty), &flat).unwrap();
            assert_eq!(back, vec![val.clone()], "flat {ty:?} in {encoding:?}");

            let ptr = guest
                .realloc(0, 0, layout::alignment(&ty), layout::size(&ty))
                .unwrap();
            lower_to_memory(&mut guest, &ty, &val, ptr).unwrap();
            assert_eq!(
                lift_from_memory(&mut guest, &ty, ptr).unwrap(),
                val,
                "memory {ty:?}"
            );
        }
    }
}

#[test]
fn a_list_of_u8_values_lowers_as_bytes_do() {
    let ty = Type::List(Arc::new(Type::U8));
    let mut guest = Bytes::new(StringEncoding::Utf8);
    let mut flat = Vec::new();
    let list = Val::List(vec![Val::U8(1), Val::U8(2)]);
    lower_flat(&mut guest, core::slice::from_ref(&ty), &[list], &mut flat).unwrap();
    let back = lift_flat(&mut guest, &[ty], &flat).unwrap();
    assert_eq!(back, vec![Val::Bytes(vec![1, 2])]);
}

#[test]
fn compact_strings_are_latin1_when_they_fit() {
    let mut guest = Bytes::new(StringEncoding::CompactUtf16);
    let mut flat = Vec::new();
    lower_flat(
        &mut guest,
        &[Type::String, Type::String],
        &[Val::String("ÿes".into()), Val::String("€".into())],
        &mut flat,
    )
    .unwrap();
    assert_eq!(flat[1], 3);
    assert_eq!(flat[3], 1 | 1 << 31);
    assert_eq!(
        &guest.memory[flat[0] as usize..][..3],
        "ÿes"
            .chars()
            .map(|c| c as u8)
            .collect::<Vec<_>>()
            .as_slice()
    );
}

fn lift_err(
    encoding: StringEncoding,
    ty: Type,
    memory: &[(usize, &[u8])],
    flat: &[u64],
) -> alloc::string::String {
    let mut guest = Bytes::new(encoding);
    for (at, bytes) in memory {
        guest.memory[*at..*at + bytes.len()].copy_from_slice(bytes);
    }
    lift_flat(&mut guest, &[ty], flat)
        .unwrap_err()
        .message()
        .to_string()
}

#[test]
fn malformed_values_trap() {
    use StringEncoding::*;
    let list_u32 = Type::List(Arc::new(Type::U32));
    type Case<'a> = (
        StringEncoding,
        Type,
        Vec<(usize, &'a [u8])>,
        Vec<u64>,
        &'a str,
    );
    let cases: Vec<Case<'_>> = vec![
        (
            Utf8,
            Type::String,
            vec![(16, &[0xff, 0xfe])],
            vec![16, 2],
            "invalid UTF-8",
        ),
        (
            Utf16,
            Type::String,
            vec![(16, &[0x00, 0xd8])],
            vec![16, 1],
            "unpaired surrogate",
        ),
        (Utf16, Type::String, vec![], vec![17, 1], "not aligned"),
        (Utf8, Type::String, vec![], vec![4000, 200], "out of bounds"),
        (
            Utf8,
            Type::String,
            vec![],
            vec![u32::MAX as u64, 2],
            "out of bounds",
        ),
        (Utf8, list_u32.clone(), vec![], vec![18, 1], "not aligned"),
        (
            Utf8,
            list_u32,
            vec![],
            vec![16, 0x4000_0000],
            "out of bounds",
        ),
        (Utf8, Type::Char, vec![], vec![0xd800], "invalid char"),
        (Utf8, Type::Char, vec![], vec![0x110000], "invalid char"),
        (
            Utf8,
            Type::Enum(names(2)),
            vec![],
            vec![2],
            "discriminant 2 out of range",
        ),
        (
            Utf8,
            Type::Option(Arc::new(Type::U8)),
            vec![],
            vec![2, 0],
            "discriminant 2",
        ),
        (
            Utf8,
            Type::Own(ResourceKey(0)),
            vec![],
            vec![5],
            "bad handle",
        ),
    ];
    for (encoding, ty, memory, flat, expected) in cases {
        let message = lift_err(encoding, ty.clone(), &memory, &flat);
        assert!(message.contains(expected), "{ty:?} {flat:?}: {message}");
    }
}

#[test]
fn values_of_the_wrong_type_are_refused_when_lowered() {
    let mut guest = Bytes::new(StringEncoding::Utf8);
    let mut out = Vec::new();
    let err = lower_flat(
        &mut guest,
        &[Type::U32],
        &[Val::String("x".into())],
        &mut out,
    )
    .unwrap_err();
    assert!(
        err.message().contains("expected u32, got string"),
        "{}",
        err.message()
    );
    let err = lower_flat(
        &mut guest,
        &[Type::Enum(names(2))],
        &[Val::Enum("nope".into())],
        &mut out,
    )
    .unwrap_err();
    assert!(err.message().contains("no case named `nope`"));
    let err = lower_flat(
        &mut guest,
        &[Type::Flags(names(2))],
        &[Val::Flags(vec!["x".into()])],
        &mut out,
    )
    .unwrap_err();
    assert!(err.message().contains("no flag named `x`"));
}
