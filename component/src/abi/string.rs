//! Strings in the three canonical encodings: UTF-8, UTF-16 and
//! Latin-1+UTF-16 (Latin-1 where every character fits, else UTF-16 with the
//! length's top bit set).

use super::{Guest, StringEncoding, abi_trap, checked_range};
use alloc::string::String;
use alloc::vec::Vec;
use wisp_core::Trap;

/// The length tag of a UTF-16 string under Latin-1+UTF-16.
const UTF16_TAG: u32 = 1 << 31;
/// The longest string the canonical ABI allows, in bytes.
const MAX_STRING_BYTES: u64 = (1 << 31) - 1;

/// Lifts the string at `ptr` whose length in code units (tagged, under
/// Latin-1+UTF-16) is `tagged_len`.
pub(super) fn load_string(guest: &dyn Guest, ptr: u32, tagged_len: u32) -> Result<String, Trap> {
    let (align, bytes, utf16) = match guest.encoding() {
        StringEncoding::Utf8 => (1, tagged_len as u64, false),
        StringEncoding::Utf16 => (2, 2 * tagged_len as u64, true),
        StringEncoding::CompactUtf16 if tagged_len & UTF16_TAG != 0 => {
            (2, 2 * (tagged_len ^ UTF16_TAG) as u64, true)
        }
        StringEncoding::CompactUtf16 => (2, tagged_len as u64, false),
    };
    let memory = guest.memory()?;
    let range = checked_range(memory, ptr, bytes, align)?;
    let raw = &memory[range];
    match (guest.encoding(), utf16) {
        (StringEncoding::Utf8, _) => core::str::from_utf8(raw)
            .map(String::from)
            .map_err(|_| abi_trap("invalid UTF-8 string")),
        (_, true) => char::decode_utf16(
            raw.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]])),
        )
        .collect::<Result<String, _>>()
        .map_err(|_| abi_trap("invalid UTF-16 string (unpaired surrogate)")),
        (_, false) => Ok(raw.iter().map(|&b| char::from(b)).collect()),
    }
}

/// Lowers `s` (a UTF-8 source) into memory the guest's `realloc` gives,
/// in the guest's encoding, with the specification's sequence of `realloc`
/// calls (a guest can observe them): returns the pointer and the (tagged)
/// length in code units.
pub(super) fn store_string(guest: &mut dyn Guest, s: &str) -> Result<(u32, u32), Trap> {
    match guest.encoding() {
        StringEncoding::Utf8 => {
            let ptr = allocate(guest, 0, 0, 1, s.len() as u64)?;
            write(guest, ptr, s.as_bytes())?;
            Ok((ptr, s.len() as u32))
        }
        StringEncoding::Utf16 => {
            let worst = 2 * s.len() as u64;
            let ptr = allocate(guest, 0, 0, 2, worst)?;
            let encoded = utf16_bytes(s);
            write(guest, ptr, &encoded)?;
            let ptr = shrink(guest, ptr, worst, encoded.len() as u64)?;
            Ok((ptr, (encoded.len() / 2) as u32))
        }
        StringEncoding::CompactUtf16 => store_latin1_or_utf16(guest, s),
    }
}

/// Calls `realloc` and checks that the `new_size` bytes it gives are
/// aligned and in bounds.
fn allocate(
    guest: &mut dyn Guest,
    old_ptr: u32,
    old_size: u64,
    align: u32,
    new_size: u64,
) -> Result<u32, Trap> {
    if new_size > MAX_STRING_BYTES {
        return Err(abi_trap("string too long for the canonical ABI"));
    }
    let ptr = guest.realloc(old_ptr, old_size as u32, align, new_size as u32)?;
    checked_range(guest.memory()?, ptr, new_size, align)?;
    Ok(ptr)
}

/// Shrinks an allocation of `worst` bytes to `used`, if smaller.
fn shrink(guest: &mut dyn Guest, ptr: u32, worst: u64, used: u64) -> Result<u32, Trap> {
    if used < worst {
        allocate(guest, ptr, worst, 2, used)
    } else {
        Ok(ptr)
    }
}

/// Writes `bytes` at `ptr` (checked in bounds by [`allocate`]).
fn write(guest: &mut dyn Guest, ptr: u32, bytes: &[u8]) -> Result<(), Trap> {
    let memory = guest.memory_mut()?;
    let range = checked_range(memory, ptr, bytes.len() as u64, 1)?;
    memory[range].copy_from_slice(bytes);
    Ok(())
}

/// Latin-1+UTF-16: Latin-1 into an allocation of the source's length
/// until a character does not fit, then the allocation grows to the UTF-16
/// worst case, the Latin-1 written so far is widened in place, and the rest
/// follows in UTF-16.
fn store_latin1_or_utf16(guest: &mut dyn Guest, s: &str) -> Result<(u32, u32), Trap> {
    let units = s.len() as u64;
    let mut ptr = allocate(guest, 0, 0, 2, units)?;
    let mut latin1 = 0u64;
    for c in s.chars() {
        if let Ok(byte) = u8::try_from(u32::from(c)) {
            write(guest, ptr + latin1 as u32, &[byte])?;
            latin1 += 1;
            continue;
        }
        let worst = 2 * units;
        ptr = allocate(guest, ptr, units, 2, worst)?;
        let memory = guest.memory_mut()?;
        let start = ptr as usize;
        for j in (0..latin1 as usize).rev() {
            memory[start + 2 * j] = memory[start + j];
            memory[start + 2 * j + 1] = 0;
        }
        let encoded = utf16_bytes(s);
        write(
            guest,
            ptr + 2 * latin1 as u32,
            &encoded[2 * latin1 as usize..],
        )?;
        let ptr = shrink(guest, ptr, worst, encoded.len() as u64)?;
        return Ok((ptr, (encoded.len() / 2) as u32 | UTF16_TAG));
    }
    let ptr = shrink(guest, ptr, units, latin1)?;
    Ok((ptr, latin1 as u32))
}

/// `s` in UTF-16, little-endian.
fn utf16_bytes(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}
