//! Lifting: component values out of flat core values and guest memory.
//!
//! Flat values are kept as `u64` bits with 32-bit values zero-extended, so
//! the canonical ABI's coercions between a variant's joined slot types and
//! a case's own types are the identity.

use super::layout::{
    Cases, alignment, discriminant_size, flags_words, flat_len, payload_offset, size,
};
use super::string::load_string;
use super::{Guest, abi_trap, checked_range};
use crate::types::Type;
use crate::val::Val;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wisp_core::Trap;

/// Reads flat values in order.
struct Flat<'a> {
    values: &'a [u64],
    next: usize,
}

impl Flat<'_> {
    fn next(&mut self) -> Result<u64, Trap> {
        let value = self.values.get(self.next).copied();
        self.next += 1;
        value.ok_or_else(|| abi_trap("too few flat values"))
    }

    fn next_u32(&mut self) -> Result<u32, Trap> {
        Ok(self.next()? as u32)
    }
}

/// Lifts values of `types` from the flat values `values`.
pub(crate) fn lift_flat(
    guest: &mut dyn Guest,
    types: &[Type],
    values: &[u64],
) -> Result<Vec<Val>, Trap> {
    let mut flat = Flat { values, next: 0 };
    types
        .iter()
        .map(|ty| lift_one(guest, ty, &mut flat))
        .collect()
}

fn char_from(code: u32) -> Result<char, Trap> {
    char::from_u32(code)
        .ok_or_else(|| abi_trap(alloc::format!("invalid char code point {code:#x}")))
}

fn lift_one(guest: &mut dyn Guest, ty: &Type, flat: &mut Flat<'_>) -> Result<Val, Trap> {
    Ok(match ty {
        Type::Bool => Val::Bool(flat.next_u32()? != 0),
        Type::S8 => Val::S8(flat.next()? as i8),
        Type::U8 => Val::U8(flat.next()? as u8),
        Type::S16 => Val::S16(flat.next()? as i16),
        Type::U16 => Val::U16(flat.next()? as u16),
        Type::S32 => Val::S32(flat.next()? as i32),
        Type::U32 => Val::U32(flat.next_u32()?),
        Type::S64 => Val::S64(flat.next()? as i64),
        Type::U64 => Val::U64(flat.next()?),
        Type::Float32 => Val::Float32(f32::from_bits(flat.next_u32()?)),
        Type::Float64 => Val::Float64(f64::from_bits(flat.next()?)),
        Type::Char => Val::Char(char_from(flat.next_u32()?)?),
        Type::String => {
            let (ptr, len) = (flat.next_u32()?, flat.next_u32()?);
            Val::String(load_string(guest, ptr, len)?)
        }
        Type::List(elem) => {
            let (ptr, len) = (flat.next_u32()?, flat.next_u32()?);
            load_list(guest, elem, ptr, len)?
        }
        Type::Record(fields) => Val::Record(
            fields
                .iter()
                .map(|f| Ok((f.name.clone(), lift_one(guest, &f.ty, flat)?)))
                .collect::<Result<_, Trap>>()?,
        ),
        Type::Tuple(types) => Val::Tuple(
            types
                .iter()
                .map(|t| lift_one(guest, t, flat))
                .collect::<Result<_, Trap>>()?,
        ),
        Type::Flags(names) => {
            let mut words = Vec::with_capacity(flags_words(names.len()));
            for _ in 0..flags_words(names.len()) {
                words.push(flat.next_u32()?);
            }
            Val::Flags(flags_from_words(names, &words))
        }
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            let case = flat.next_u32()?;
            // The slots of the joined payloads, after the discriminant.
            let slots = flat_len(ty) - 1;
            let start = flat.next;
            let payload = case_payload(ty, case)?;
            let value = match payload {
                Some(t) => Some(Box::new(lift_one(guest, t, flat)?)),
                None => None,
            };
            flat.next = start + slots;
            make_case(ty, case, value)
        }
        Type::Own(key) => Val::Resource(guest.lift_handle(flat.next_u32()?, *key, true)?),
        Type::Borrow(key) => Val::Resource(guest.lift_handle(flat.next_u32()?, *key, false)?),
    })
}

/// The payload type of case `case` of the variant-like `ty`, or a trap if
/// there is no such case.
fn case_payload(ty: &Type, case: u32) -> Result<Option<&Type>, Trap> {
    let cases = Cases(ty);
    match cases.get(case as usize) {
        Some(payload) => Ok(payload),
        None => Err(abi_trap(alloc::format!(
            "discriminant {case} out of range ({} cases)",
            cases.len()
        ))),
    }
}

/// The value of case `case` (in range) of the variant-like `ty`.
fn make_case(ty: &Type, case: u32, payload: Option<Box<Val>>) -> Val {
    match ty {
        Type::Variant(cases) => Val::Variant(cases[case as usize].name.clone(), payload),
        Type::Enum(names) => Val::Enum(names[case as usize].clone()),
        Type::Option(_) => Val::Option(if case == 0 { None } else { payload }),
        _ => Val::Result(if case == 0 { Ok(payload) } else { Err(payload) }),
    }
}

/// The names of the set flags among `names`, from their bits in `words`.
fn flags_from_words(names: &[String], words: &[u32]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .filter(|(i, _)| words[i / 32] & (1 << (i % 32)) != 0)
        .map(|(_, name)| name.clone())
        .collect()
}

/// Reads the little-endian unsigned integer of `bytes` bytes at `ptr`.
fn load_int(guest: &dyn Guest, ptr: u32, bytes: u32) -> Result<u64, Trap> {
    let memory = guest.memory()?;
    let range = checked_range(memory, ptr, bytes as u64, 1)?;
    let mut buf = [0u8; 8];
    buf[..bytes as usize].copy_from_slice(&memory[range]);
    Ok(u64::from_le_bytes(buf))
}

/// Lifts the list of `len` elements of type `elem` at `ptr` (a `list<u8>`
/// as [`Val::Bytes`]).
fn load_list(guest: &mut dyn Guest, elem: &Type, ptr: u32, len: u32) -> Result<Val, Trap> {
    let elem_size = size(elem);
    checked_range(
        guest.memory()?,
        ptr,
        len as u64 * elem_size as u64,
        alignment(elem),
    )?;
    if let Type::U8 = elem {
        let memory = guest.memory()?;
        let bytes = &memory[ptr as usize..ptr as usize + len as usize];
        return Ok(Val::Bytes(bytes.to_vec()));
    }
    let items = (0..len)
        .map(|i| load(guest, elem, ptr + i * elem_size))
        .collect::<Result<_, Trap>>()?;
    Ok(Val::List(items))
}

/// Lifts a value of type `ty` stored at `ptr`, after checking that it is
/// aligned and in bounds.
pub(crate) fn lift_from_memory(guest: &mut dyn Guest, ty: &Type, ptr: u32) -> Result<Val, Trap> {
    checked_range(guest.memory()?, ptr, size(ty) as u64, alignment(ty))?;
    load(guest, ty, ptr)
}

fn load(guest: &mut dyn Guest, ty: &Type, ptr: u32) -> Result<Val, Trap> {
    let int = |guest: &dyn Guest, bytes| load_int(guest, ptr, bytes);
    Ok(match ty {
        Type::Bool => Val::Bool(int(guest, 1)? != 0),
        Type::S8 => Val::S8(int(guest, 1)? as i8),
        Type::U8 => Val::U8(int(guest, 1)? as u8),
        Type::S16 => Val::S16(int(guest, 2)? as i16),
        Type::U16 => Val::U16(int(guest, 2)? as u16),
        Type::S32 => Val::S32(int(guest, 4)? as i32),
        Type::U32 => Val::U32(int(guest, 4)? as u32),
        Type::S64 => Val::S64(int(guest, 8)? as i64),
        Type::U64 => Val::U64(int(guest, 8)?),
        Type::Float32 => Val::Float32(f32::from_bits(int(guest, 4)? as u32)),
        Type::Float64 => Val::Float64(f64::from_bits(int(guest, 8)?)),
        Type::Char => Val::Char(char_from(int(guest, 4)? as u32)?),
        Type::String | Type::List(_) => {
            let begin = int(guest, 4)? as u32;
            let len = load_int(guest, ptr + 4, 4)? as u32;
            match ty {
                Type::List(elem) => load_list(guest, elem, begin, len)?,
                _ => Val::String(load_string(guest, begin, len)?),
            }
        }
        Type::Record(fields) => {
            let mut offset = 0;
            let mut out = Vec::with_capacity(fields.len());
            for f in fields.iter() {
                offset = super::layout::align_to(offset, alignment(&f.ty));
                out.push((f.name.clone(), load(guest, &f.ty, ptr + offset)?));
                offset += size(&f.ty);
            }
            Val::Record(out)
        }
        Type::Tuple(types) => {
            let mut offset = 0;
            let mut out = Vec::with_capacity(types.len());
            for t in types.iter() {
                offset = super::layout::align_to(offset, alignment(t));
                out.push(load(guest, t, ptr + offset)?);
                offset += size(t);
            }
            Val::Tuple(out)
        }
        Type::Flags(names) => {
            let words: Vec<u32> = if names.len() <= 16 {
                alloc::vec![int(guest, size(ty))? as u32]
            } else {
                (0..flags_words(names.len()) as u32)
                    .map(|i| Ok(load_int(guest, ptr + 4 * i, 4)? as u32))
                    .collect::<Result<_, Trap>>()?
            };
            Val::Flags(flags_from_words(names, &words))
        }
        Type::Variant(_) | Type::Option(_) | Type::Result(_) | Type::Enum(_) => {
            let case = int(guest, discriminant_size(Cases(ty).len()))? as u32;
            let payload = match case_payload(ty, case)? {
                Some(t) => Some(Box::new(load(guest, t, ptr + payload_offset(ty))?)),
                None => None,
            };
            make_case(ty, case, payload)
        }
        Type::Own(key) => Val::Resource(guest.lift_handle(int(guest, 4)? as u32, *key, true)?),
        Type::Borrow(key) => {
            Val::Resource(guest.lift_handle(int(guest, 4)? as u32, *key, false)?)
        }
    })
}
