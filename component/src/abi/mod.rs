//! The canonical ABI: component values lifted out of and lowered into a
//! core instance's flat values and linear memory, with the specification's
//! bounds, alignment and validity checks (each failure a trap, never an
//! access outside the guest's memory).

pub(crate) mod layout;
mod lift;
mod lower;
mod string;

pub(crate) use lift::{lift_flat, lift_from_memory};
pub(crate) use lower::{lower_flat, lower_to_memory};

use crate::resources::ResourceAny;
use crate::types::ResourceKey;
use alloc::string::String;
use wisp_core::Trap;

/// How strings are encoded in a guest's memory (the `string-encoding`
/// canonical option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StringEncoding {
    /// UTF-8, the default.
    #[default]
    Utf8,
    /// UTF-16, little-endian.
    Utf16,
    /// Latin-1 where every character fits, else UTF-16 (tagged in the
    /// length's top bit).
    CompactUtf16,
}

/// What lifting and lowering need of the guest: its memory, its
/// `realloc`, its string encoding, and its instance's handle table. The
/// ABI code is written once against this (not per host-state type).
pub(crate) trait Guest {
    /// The guest's memory (a trap if the canonical options name none).
    fn memory(&self) -> Result<&[u8], Trap>;
    /// The guest's memory, to write.
    fn memory_mut(&mut self) -> Result<&mut [u8], Trap>;
    /// Calls the guest's `realloc(old_ptr, old_size, align, new_size)`.
    fn realloc(
        &mut self,
        old_ptr: u32,
        old_size: u32,
        align: u32,
        new_size: u32,
    ) -> Result<u32, Trap>;
    /// The string encoding.
    fn encoding(&self) -> StringEncoding;
    /// Takes the handle `index` out of (owned) or borrows it from (not
    /// owned) the guest's handle table, checking it is of type `key`.
    fn lift_handle(
        &mut self,
        index: u32,
        key: ResourceKey,
        owned: bool,
    ) -> Result<ResourceAny, Trap>;
    /// Puts `resource` into the guest's handle table as a handle of type
    /// `key` and returns its index (for a borrow of the guest's own
    /// resource, its representation).
    fn lower_handle(
        &mut self,
        resource: &ResourceAny,
        key: ResourceKey,
        owned: bool,
    ) -> Result<u32, Trap>;
}

/// The trap for a violation of the canonical ABI by the guest (or a value
/// of the wrong type from the host).
#[cold]
pub(crate) fn abi_trap(message: impl Into<String>) -> Trap {
    Trap::host(message)
}

/// Checks that `len` bytes at `ptr`, aligned to `align`, lie in `memory`,
/// and returns the range.
pub(crate) fn checked_range(
    memory: &[u8],
    ptr: u32,
    len: u64,
    align: u32,
) -> Result<core::ops::Range<usize>, Trap> {
    if ptr % align != 0 {
        return Err(abi_trap(alloc::format!(
            "pointer {ptr:#x} not aligned to {align}"
        )));
    }
    let end = ptr as u64 + len;
    if end > memory.len() as u64 {
        return Err(abi_trap(alloc::format!(
            "pointer {ptr:#x} with length {len} out of bounds of memory ({} bytes)",
            memory.len()
        )));
    }
    Ok(ptr as usize..end as usize)
}

#[cfg(test)]
mod tests;
