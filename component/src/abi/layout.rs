//! Sizes, alignments and flattenings of component types: the canonical
//! ABI's `size`, `alignment`, `flatten_type` and `discriminant_type`.

use crate::types::Type;
use alloc::vec::Vec;

/// A core value type a component value flattens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FlatType {
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
}

/// At most this many flat parameters are passed as core parameters; more
/// go through memory.
pub(crate) const MAX_FLAT_PARAMS: usize = 16;
/// At most this many flat results are returned as core results; more go
/// through memory.
pub(crate) const MAX_FLAT_RESULTS: usize = 1;

/// Rounds `offset` up to a multiple of `align` (a power of two).
pub(crate) fn align_to(offset: u32, align: u32) -> u32 {
    offset.div_ceil(align) * align
}

/// Bytes of the discriminant of a variant with `cases` cases.
pub(crate) fn discriminant_size(cases: usize) -> u32 {
    match cases {
        0..=0x100 => 1,
        0x101..=0x1_0000 => 2,
        _ => 4,
    }
}

/// The 32-bit words a flags type with `count` flags takes when flattened.
pub(crate) fn flags_words(count: usize) -> usize {
    count.div_ceil(32)
}

/// Bytes of a flags value with `count` flags in memory.
fn flags_size(count: usize) -> u32 {
    match count {
        0 => 0,
        1..=8 => 1,
        9..=16 => 2,
        _ => 4 * flags_words(count) as u32,
    }
}

/// The cases of a variant-like type (`variant`, `option`, `result`,
/// `enum`): how many there are and each one's payload type, read from the
/// type without building a list. Any other type has no cases.
#[derive(Clone, Copy)]
pub(crate) struct Cases<'a>(pub(crate) &'a Type);

impl<'a> Cases<'a> {
    /// How many cases there are.
    pub(crate) fn len(self) -> usize {
        match self.0 {
            Type::Variant(cases) => cases.len(),
            Type::Option(_) | Type::Result(_) => 2,
            Type::Enum(names) => names.len(),
            _ => 0,
        }
    }

    /// The payload type of case `case` (`Some(None)` for a case without
    /// one), or `None` past the last case.
    pub(crate) fn get(self, case: usize) -> Option<Option<&'a Type>> {
        if case >= self.len() {
            return None;
        }
        Some(match self.0 {
            Type::Variant(cases) => cases[case].ty.as_ref(),
            Type::Option(some) => (case == 1).then_some(&**some),
            Type::Result(result) if case == 0 => result.ok.as_ref(),
            Type::Result(result) => result.err.as_ref(),
            _ => None,
        })
    }

    /// The payload types of the cases that have one, in order.
    pub(crate) fn payloads(self) -> impl Iterator<Item = &'a Type> + Clone {
        (0..self.len()).filter_map(move |case| self.get(case).flatten())
    }
}

/// The canonical ABI's `alignment`.
pub(crate) fn alignment(ty: &Type) -> u32 {
    match ty {
        Type::Bool | Type::S8 | Type::U8 => 1,
        Type::S16 | Type::U16 => 2,
        Type::S32 | Type::U32 | Type::Float32 | Type::Char => 4,
        Type::Own(_) | Type::Borrow(_) => 4,
        Type::S64 | Type::U64 | Type::Float64 => 8,
        Type::String | Type::List(_) => 4,
        Type::Record(fields) => fields.iter().map(|f| alignment(&f.ty)).max().unwrap_or(1),
        Type::Tuple(types) => types.iter().map(alignment).max().unwrap_or(1),
        Type::Flags(names) => flags_size(names.len()).clamp(1, 4),
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            let cases = Cases(ty);
            let payload = cases.payloads().map(alignment).max();
            discriminant_size(cases.len()).max(payload.unwrap_or(1))
        }
    }
}

/// The canonical ABI's `elem_size` (the bytes a value takes in memory,
/// padded to its alignment).
pub(crate) fn size(ty: &Type) -> u32 {
    let unpadded = match ty {
        Type::Bool | Type::S8 | Type::U8 => 1,
        Type::S16 | Type::U16 => 2,
        Type::S32 | Type::U32 | Type::Float32 | Type::Char => 4,
        Type::Own(_) | Type::Borrow(_) => 4,
        Type::S64 | Type::U64 | Type::Float64 => 8,
        Type::String | Type::List(_) => 8,
        Type::Record(fields) => return fields_size(fields.iter().map(|f| &f.ty)),
        Type::Tuple(types) => return fields_size(types.iter()),
        Type::Flags(names) => flags_size(names.len()),
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            let cases = Cases(ty);
            payload_offset(ty) + cases.payloads().map(size).max().unwrap_or(0)
        }
    };
    align_to(unpadded, alignment(ty))
}

/// The size of a record or tuple with fields of `types`.
fn fields_size<'a>(types: impl Iterator<Item = &'a Type> + Clone) -> u32 {
    let mut s = 0;
    let mut max_align = 1;
    for ty in types {
        let a = alignment(ty);
        max_align = max_align.max(a);
        s = align_to(s, a) + size(ty);
    }
    align_to(s, max_align)
}

/// The offset of the payload of a variant-like `ty` from its start.
pub(crate) fn payload_offset(ty: &Type) -> u32 {
    let cases = Cases(ty);
    let payload_align = cases.payloads().map(alignment).max();
    align_to(discriminant_size(cases.len()), payload_align.unwrap_or(1))
}

/// The canonical ABI's `flatten_type`, appended to `out`.
pub(crate) fn flatten(ty: &Type, out: &mut Vec<FlatType>) {
    match ty {
        Type::Bool
        | Type::S8
        | Type::U8
        | Type::S16
        | Type::U16
        | Type::S32
        | Type::U32
        | Type::Char
        | Type::Own(_)
        | Type::Borrow(_) => out.push(FlatType::I32),
        Type::S64 | Type::U64 => out.push(FlatType::I64),
        Type::Float32 => out.push(FlatType::F32),
        Type::Float64 => out.push(FlatType::F64),
        Type::String | Type::List(_) => out.extend([FlatType::I32, FlatType::I32]),
        Type::Record(fields) => fields.iter().for_each(|f| flatten(&f.ty, out)),
        Type::Tuple(types) => types.iter().for_each(|t| flatten(t, out)),
        Type::Flags(names) => out.extend((0..flags_words(names.len())).map(|_| FlatType::I32)),
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            out.push(FlatType::I32);
            out.extend(variant_payload_flat(ty));
        }
    }
}

/// How many flat values `ty` takes (the length of its `flatten_type`),
/// without building them.
pub(crate) fn flat_len(ty: &Type) -> usize {
    match ty {
        Type::String | Type::List(_) => 2,
        Type::Record(fields) => fields.iter().map(|f| flat_len(&f.ty)).sum(),
        Type::Tuple(types) => types.iter().map(flat_len).sum(),
        Type::Flags(names) => flags_words(names.len()),
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            1 + Cases(ty).payloads().map(flat_len).max().unwrap_or(0)
        }
        _ => 1,
    }
}

/// The joined flat types of a variant's payloads (after its discriminant).
pub(crate) fn variant_payload_flat(ty: &Type) -> Vec<FlatType> {
    let mut joined: Vec<FlatType> = Vec::new();
    for payload in Cases(ty).payloads() {
        let mut flat = Vec::new();
        flatten(payload, &mut flat);
        for (i, ft) in flat.into_iter().enumerate() {
            match joined.get_mut(i) {
                Some(slot) => *slot = join(*slot, ft),
                None => joined.push(ft),
            }
        }
    }
    joined
}

/// The canonical ABI's `join` of two flat types sharing a slot.
fn join(a: FlatType, b: FlatType) -> FlatType {
    use FlatType::*;
    match (a, b) {
        _ if a == b => a,
        (I32, F32) | (F32, I32) => I32,
        _ => I64,
    }
}

/// The flat types of `types` in order.
pub(crate) fn flatten_all<'a>(types: impl IntoIterator<Item = &'a Type>) -> Vec<FlatType> {
    let mut out = Vec::new();
    for ty in types {
        flatten(ty, &mut out);
    }
    out
}

/// The size and alignment of `types` laid out as a tuple in memory.
pub(crate) fn tuple_layout(types: &[Type]) -> (u32, u32) {
    let align = types.iter().map(alignment).max().unwrap_or(1);
    (fields_size(types.iter()), align)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Case, Field, ResultType};
    use alloc::string::ToString;
    use alloc::sync::Arc;

    fn record(types: &[Type]) -> Type {
        Type::Record(
            types
                .iter()
                .enumerate()
                .map(|(i, ty)| Field {
                    name: i.to_string(),
                    ty: ty.clone(),
                })
                .collect(),
        )
    }

    #[test]
    fn sizes_and_alignments_follow_the_canonical_abi() {
        assert_eq!((size(&Type::String), alignment(&Type::String)), (8, 4));
        let r = record(&[Type::U8, Type::U32, Type::U8]);
        assert_eq!((size(&r), alignment(&r)), (12, 4));
        let r = record(&[Type::U8, Type::U64]);
        assert_eq!((size(&r), alignment(&r)), (16, 8));
        let opt = Type::Option(Arc::new(Type::U64));
        assert_eq!(
            (size(&opt), alignment(&opt), payload_offset(&opt)),
            (16, 8, 8)
        );
        let res = Type::Result(Arc::new(ResultType {
            ok: None,
            err: Some(Type::U8),
        }));
        assert_eq!(size(&res), 2);
        let flags = |n: usize| Type::Flags((0..n).map(|i| i.to_string()).collect());
        assert_eq!(
            [
                size(&flags(3)),
                size(&flags(9)),
                size(&flags(17)),
                size(&flags(33))
            ],
            [1, 2, 4, 8]
        );
        assert_eq!(size(&record(&[])), 0);
    }

    #[test]
    fn variant_payloads_join_per_slot() {
        let v = Type::Variant(Arc::new([
            Case {
                name: "a".into(),
                ty: Some(Type::Float32),
            },
            Case {
                name: "b".into(),
                ty: Some(Type::U32),
            },
            Case {
                name: "c".into(),
                ty: Some(record(&[Type::Float64, Type::Float32])),
            },
            Case {
                name: "d".into(),
                ty: None,
            },
        ]) as Arc<[Case]>);
        let mut flat = Vec::new();
        flatten(&v, &mut flat);
        assert_eq!(flat, [FlatType::I32, FlatType::I64, FlatType::F32]);
        assert_eq!(flat_len(&v), flat.len());
        let cases = Cases(&v);
        assert_eq!(cases.len(), 4);
        assert_eq!(cases.get(1), Some(Some(&Type::U32)));
        assert_eq!((cases.get(3), cases.get(4)), (Some(None), None));
    }

    #[test]
    fn flat_lengths_match_flattening() {
        let nested = Type::Result(Arc::new(ResultType {
            ok: Some(record(&[Type::String, Type::Option(Arc::new(Type::U64))])),
            err: Some(Type::Flags((0..40).map(|i| i.to_string()).collect())),
        }));
        let list = Type::List(Arc::new(Type::U8));
        for ty in [nested, list, record(&[]), Type::Enum(["a".into()].into())] {
            let mut flat = Vec::new();
            flatten(&ty, &mut flat);
            assert_eq!(flat_len(&ty), flat.len(), "{ty:?}");
        }
        let option = Type::Option(Arc::new(Type::U8));
        assert_eq!(Cases(&option).get(0), Some(None));
        assert_eq!(Cases(&Type::U8).len(), 0);
    }
}
