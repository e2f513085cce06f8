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

/// Lowers `s` into memory the guest's `realloc` gives, in the guest's
/// encoding: returns the pointer and the (tagged) length in code units.
pub(super) fn store_string(guest: &mut dyn Guest, s: &str) -> Result<(u32, u32), Trap> {
    let (bytes, align, len): (Vec<u8>, u32, u64) = match guest.encoding() {
        StringEncoding::Utf8 => (s.as_bytes().to_vec(), 1, s.len() as u64),
        StringEncoding::Utf16 => {
            let units = utf16_bytes(s);
            let n = units.len() as u64 / 2;
            (units, 2, n)
        }
        StringEncoding::CompactUtf16 => match latin1_bytes(s) {
            Some(latin1) => {
                let n = latin1.len() as u64;
                (latin1, 2, n)
            }
            None => {
                let units = utf16_bytes(s);
                let n = units.len() as u64 / 2;
                (units, 2, n | UTF16_TAG as u64)
            }
        },
    };
    if bytes.len() as u64 > MAX_STRING_BYTES {
        return Err(abi_trap("string too long for the canonical ABI"));
    }
    let ptr = guest.realloc(0, 0, align, bytes.len() as u32)?;
    let memory = guest.memory_mut()?;
    let range = checked_range(memory, ptr, bytes.len() as u64, align)?;
    memory[range].copy_from_slice(&bytes);
    Ok((ptr, len as u32))
}

/// `s` in UTF-16, little-endian.
fn utf16_bytes(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// `s` in Latin-1, if every character fits.
fn latin1_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect()
}
