//! Lowering: component values into flat core values and guest memory
//! (allocating strings and lists through the guest's `realloc`).

use super::layout::{
    Cases, align_to, alignment, discriminant_size, flags_words, flat_len, payload_offset, size,
};
use super::string::store_string;
use super::{Guest, abi_trap, checked_range};
use crate::types::Type;
use crate::val::Val;
use alloc::string::String;
use alloc::vec::Vec;
use wisp_core::Trap;

/// Lowers `vals` of `types` to flat values appended to `out` (`u64` bits,
/// 32-bit values zero-extended).
pub(crate) fn lower_flat(
    guest: &mut dyn Guest,
    types: &[Type],
    vals: &[Val],
    out: &mut Vec<u64>,
) -> Result<(), Trap> {
    if types.len() != vals.len() {
        return Err(abi_trap(alloc::format!(
            "expected {} values, got {}",
            types.len(),
            vals.len()
        )));
    }
    for (ty, val) in types.iter().zip(vals) {
        lower_one(guest, ty, val, out)?;
    }
    Ok(())
}

#[cold]
fn mismatch(ty: &Type, val: &Val) -> Trap {
    abi_trap(alloc::format!(
        "type mismatch: expected {}, got {}",
        ty.kind_name(),
        val.kind()
    ))
}

/// The bits of a scalar `val` of type `ty`, or `None` if `ty` is not a
/// scalar type.
fn scalar_bits(ty: &Type, val: &Val) -> Result<Option<u64>, Trap> {
    Ok(Some(match (ty, val) {
        (Type::Bool, Val::Bool(b)) => *b as u64,
        (Type::S8, Val::S8(v)) => *v as i32 as u32 as u64,
        (Type::U8, Val::U8(v)) => *v as u64,
        (Type::S16, Val::S16(v)) => *v as i32 as u32 as u64,
        (Type::U16, Val::U16(v)) => *v as u64,
        (Type::S32, Val::S32(v)) => *v as u32 as u64,
        (Type::U32, Val::U32(v)) => *v as u64,
        (Type::S64, Val::S64(v)) => *v as u64,
        (Type::U64, Val::U64(v)) => *v,
        (Type::Float32, Val::Float32(v)) => v.to_bits() as u64,
        (Type::Float64, Val::Float64(v)) => v.to_bits(),
        (Type::Char, Val::Char(c)) => *c as u64,
        _ if ty.is_primitive() && *ty != Type::String => return Err(mismatch(ty, val)),
        _ => return Ok(None),
    }))
}

/// Which case of the variant-like `ty` the value `val` is, and its payload
/// (checked against the case's payload type).
fn case_of<'v>(ty: &Type, val: &'v Val) -> Result<(u32, Option<&'v Val>), Trap> {
    let (case, payload) = match (ty, val) {
        (Type::Variant(cases), Val::Variant(name, payload)) => (
            by_name(cases.iter().map(|c| &c.name), name)?,
            payload.as_deref(),
        ),
        (Type::Enum(names), Val::Enum(name)) => (by_name(names.iter(), name)?, None),
        (Type::Option(_), Val::Option(v)) => (v.is_some() as u32, v.as_deref()),
        (Type::Result(_), Val::Result(Ok(v))) => (0, v.as_deref()),
        (Type::Result(_), Val::Result(Err(v))) => (1, v.as_deref()),
        _ => return Err(mismatch(ty, val)),
    };
    let expected = Cases(ty).get(case as usize).flatten().is_some();
    if expected != payload.is_some() {
        return Err(abi_trap(alloc::format!(
            "case {case} {} a payload",
            if expected { "needs" } else { "has no" }
        )));
    }
    Ok((case, payload))
}

/// The index of the case called `name` among `names`.
fn by_name<'a>(mut names: impl Iterator<Item = &'a String>, name: &str) -> Result<u32, Trap> {
    names
        .position(|n| n == name)
        .map(|i| i as u32)
        .ok_or_else(|| abi_trap(alloc::format!("no case named `{name}`")))
}

/// The bits of the flags `names` set in `val`, as 32-bit words.
fn flags_bits(ty: &Type, names: &[String], val: &Val) -> Result<Vec<u32>, Trap> {
    let Val::Flags(set) = val else {
        return Err(mismatch(ty, val));
    };
    let mut words = alloc::vec![0u32; flags_words(names.len())];
    for flag in set {
        let i = names
            .iter()
            .position(|n| n == flag)
            .ok_or_else(|| abi_trap(alloc::format!("no flag named `{flag}`")))?;
        words[i / 32] |= 1 << (i % 32);
    }
    Ok(words)
}

/// The fields of a record or tuple value of type `ty`, in order.
fn fields<'v>(ty: &'v Type, val: &'v Val) -> Result<Vec<(&'v Type, &'v Val)>, Trap> {
    match (ty, val) {
        (Type::Record(fields), Val::Record(vals)) if fields.len() == vals.len() => fields
            .iter()
            .zip(vals)
            .map(|(f, (name, v))| {
                if &f.name == name {
                    Ok((&f.ty, v))
                } else {
                    Err(abi_trap(alloc::format!(
                        "expected record field `{}`, got `{name}`",
                        f.name
                    )))
                }
            })
            .collect(),
        (Type::Tuple(types), Val::Tuple(vals)) if types.len() == vals.len() => {
            Ok(types.iter().zip(vals).collect())
        }
        _ => Err(mismatch(ty, val)),
    }
}

fn lower_one(guest: &mut dyn Guest, ty: &Type, val: &Val, out: &mut Vec<u64>) -> Result<(), Trap> {
    if let Some(bits) = scalar_bits(ty, val)? {
        out.push(bits);
        return Ok(());
    }
    match ty {
        Type::String | Type::List(_) => {
            let (ptr, len) = store_sequence(guest, ty, val)?;
            out.extend([ptr as u64, len as u64]);
        }
        Type::Record(_) | Type::Tuple(_) => {
            for (t, v) in fields(ty, val)? {
                lower_one(guest, t, v, out)?;
            }
        }
        Type::Flags(names) => {
            out.extend(flags_bits(ty, names, val)?.into_iter().map(u64::from));
        }
        Type::Own(key) | Type::Borrow(key) => {
            let Val::Resource(resource) = val else {
                return Err(mismatch(ty, val));
            };
            let owned = matches!(ty, Type::Own(_));
            out.push(guest.lower_handle(resource, *key, owned)? as u64);
        }
        _ => {
            let (case, payload) = case_of(ty, val)?;
            out.push(case as u64);
            let start = out.len();
            if let (Some(v), Some(Some(t))) = (payload, Cases(ty).get(case as usize)) {
                lower_one(guest, t, v, out)?;
            }
            // The slots of the joined payloads, after the discriminant.
            out.resize(start + flat_len(ty) - 1, 0);
        }
    }
    Ok(())
}

/// Stores a string or list value in memory from the guest's `realloc`;
/// returns its pointer and length.
fn store_sequence(guest: &mut dyn Guest, ty: &Type, val: &Val) -> Result<(u32, u32), Trap> {
    match (ty, val) {
        (Type::String, Val::String(s)) => store_string(guest, s),
        (Type::List(elem), Val::Bytes(bytes)) if **elem == Type::U8 => {
            let len = u32::try_from(bytes.len()).map_err(|_| abi_trap("list too long"))?;
            let ptr = guest.realloc(0, 0, 1, len)?;
            let memory = guest.memory_mut()?;
            let range = checked_range(memory, ptr, len as u64, 1)?;
            memory[range].copy_from_slice(bytes);
            Ok((ptr, len))
        }
        (Type::List(elem), Val::List(items)) => {
            let elem_size = size(elem);
            let bytes = items.len() as u64 * elem_size as u64;
            let bytes = u32::try_from(bytes).map_err(|_| abi_trap("list too long"))?;
            let align = alignment(elem);
            let ptr = guest.realloc(0, 0, align, bytes)?;
            checked_range(guest.memory()?, ptr, bytes as u64, align)?;
            for (i, item) in items.iter().enumerate() {
                store(guest, elem, item, ptr + i as u32 * elem_size)?;
            }
            Ok((ptr, items.len() as u32))
        }
        _ => Err(mismatch(ty, val)),
    }
}

/// Lowers `val` of type `ty` into memory at `ptr`, after checking that the
/// place is aligned and in bounds.
pub(crate) fn lower_to_memory(
    guest: &mut dyn Guest,
    ty: &Type,
    val: &Val,
    ptr: u32,
) -> Result<(), Trap> {
    checked_range(guest.memory()?, ptr, size(ty) as u64, alignment(ty))?;
    store(guest, ty, val, ptr)
}

/// Writes the low `bytes` bytes of `value` at `ptr`.
fn store_int(guest: &mut dyn Guest, ptr: u32, bytes: u32, value: u64) -> Result<(), Trap> {
    let memory = guest.memory_mut()?;
    let range = checked_range(memory, ptr, bytes as u64, 1)?;
    memory[range].copy_from_slice(&value.to_le_bytes()[..bytes as usize]);
    Ok(())
}

fn store(guest: &mut dyn Guest, ty: &Type, val: &Val, ptr: u32) -> Result<(), Trap> {
    if let Some(bits) = scalar_bits(ty, val)? {
        return store_int(guest, ptr, size(ty), bits);
    }
    match ty {
        Type::String | Type::List(_) => {
            let (begin, len) = store_sequence(guest, ty, val)?;
            store_int(guest, ptr, 4, begin as u64)?;
            store_int(guest, ptr + 4, 4, len as u64)
        }
        Type::Record(_) | Type::Tuple(_) => {
            let mut offset = 0;
            for (t, v) in fields(ty, val)? {
                offset = align_to(offset, alignment(t));
                store(guest, t, v, ptr + offset)?;
                offset += size(t);
            }
            Ok(())
        }
        Type::Flags(names) => {
            let words = flags_bits(ty, names, val)?;
            if names.len() <= 16 {
                return store_int(
                    guest,
                    ptr,
                    size(ty),
                    words.first().copied().unwrap_or(0) as u64,
                );
            }
            for (i, word) in words.into_iter().enumerate() {
                store_int(guest, ptr + 4 * i as u32, 4, word as u64)?;
            }
            Ok(())
        }
        Type::Own(key) | Type::Borrow(key) => {
            let Val::Resource(resource) = val else {
                return Err(mismatch(ty, val));
            };
            let owned = matches!(ty, Type::Own(_));
            let handle = guest.lower_handle(resource, *key, owned)?;
            store_int(guest, ptr, 4, handle as u64)
        }
        _ => {
            let (case, payload) = case_of(ty, val)?;
            let cases = Cases(ty);
            store_int(guest, ptr, discriminant_size(cases.len()), case as u64)?;
            match (payload, cases.get(case as usize).flatten()) {
                (Some(v), Some(t)) => store(guest, t, v, ptr + payload_offset(ty)),
                _ => Ok(()),
            }
        }
    }
}
