//! Reading and writing fields and elements in the heap's bytes: the one
//! definition the interpreter's handlers and the runtime's GC executor
//! share. Every access is bounds-checked against the arena, so a damaged
//! reference can read or write only heap bytes.

use super::layout::{FieldKind, HEADER};

/// The `N` bytes at `at`, if inside `bytes`.
#[inline(always)]
fn bytes_at<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// Writes `N` bytes at `at`, if inside `bytes`.
#[inline(always)]
fn put<const N: usize>(bytes: &mut [u8], at: usize, value: [u8; N]) -> Option<()> {
    let field: &mut [u8; N] = bytes.get_mut(at..at.checked_add(N)?)?.try_into().ok()?;
    *field = value;
    Some(())
}

/// The value of a field of `kind` at byte `at`, in slot encoding (a packed
/// field zero- or, when `signed`, sign-extended to an `i32`); `None` past
/// the end of `bytes`.
#[inline(always)]
pub(crate) fn read(bytes: &[u8], at: usize, kind: FieldKind, signed: bool) -> Option<[u64; 2]> {
    let low = match kind {
        FieldKind::I8 => {
            let b = bytes_at::<1>(bytes, at)?[0];
            if signed {
                b as i8 as i32 as u32 as u64
            } else {
                b as u64
            }
        }
        FieldKind::I16 => {
            let h = u16::from_le_bytes(bytes_at(bytes, at)?);
            if signed {
                h as i16 as i32 as u32 as u64
            } else {
                h as u64
            }
        }
        FieldKind::Bits32 => u32::from_le_bytes(bytes_at(bytes, at)?) as u64,
        FieldKind::Bits64 | FieldKind::GcRef | FieldKind::OtherRef => {
            u64::from_le_bytes(bytes_at(bytes, at)?)
        }
        FieldKind::V128 => {
            let v = u128::from_le_bytes(bytes_at(bytes, at)?);
            return Some([v as u64, (v >> 64) as u64]);
        }
    };
    Some([low, 0])
}

/// Writes a value (slot encoding) to a field of `kind` at byte `at` (a
/// packed field keeps the low bits); `None` past the end of `bytes`.
#[inline(always)]
pub(crate) fn write(bytes: &mut [u8], at: usize, kind: FieldKind, v: [u64; 2]) -> Option<()> {
    match kind {
        FieldKind::I8 => put(bytes, at, [v[0] as u8]),
        FieldKind::I16 => put(bytes, at, (v[0] as u16).to_le_bytes()),
        FieldKind::Bits32 => put(bytes, at, (v[0] as u32).to_le_bytes()),
        FieldKind::Bits64 | FieldKind::GcRef | FieldKind::OtherRef => {
            put(bytes, at, v[0].to_le_bytes())
        }
        FieldKind::V128 => put(
            bytes,
            at,
            (v[0] as u128 | (v[1] as u128) << 64).to_le_bytes(),
        ),
    }
}

/// The length of the array at byte `at` (its header's high half).
#[inline(always)]
pub(crate) fn array_len(bytes: &[u8], at: usize) -> Option<u32> {
    let header = bytes.get(at..at.checked_add(HEADER as usize)?)?;
    Some(u32::from_le_bytes(header[4..8].try_into().ok()?))
}

/// The byte of element `k` of the array at `at`.
#[inline(always)]
pub(crate) fn element(at: u32, kind: FieldKind, k: u32) -> usize {
    at as usize + HEADER as usize + k as usize * kind.size() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_fields_extend_and_truncate() {
        let mut bytes = [0u8; 32];
        write(&mut bytes, 8, FieldKind::I8, [0x1ff, 0]).unwrap();
        assert_eq!(read(&bytes, 8, FieldKind::I8, false), Some([0xff, 0]));
        assert_eq!(read(&bytes, 8, FieldKind::I8, true), Some([0xffff_ffff, 0]));
        write(&mut bytes, 10, FieldKind::I16, [0x8001, 0]).unwrap();
        assert_eq!(
            read(&bytes, 10, FieldKind::I16, true),
            Some([0xffff_8001, 0])
        );
        write(&mut bytes, 16, FieldKind::V128, [1, 2]).unwrap();
        assert_eq!(read(&bytes, 16, FieldKind::V128, false), Some([1, 2]));
        assert_eq!(read(&bytes, 24, FieldKind::V128, false), None);
        assert_eq!(write(&mut bytes, 30, FieldKind::Bits32, [0, 0]), None);
    }
}
