//! Garbage-collected objects (the GC proposal): the heap the store owns,
//! how objects are laid out in it, and the collector.
//!
//! A reference in a slot of the internal or external hierarchy (`anyref`,
//! `eqref`, `i31ref`, `structref`, `arrayref`, defined struct and array
//! types, `externref`) is one 64-bit word:
//!
//! | bits | value |
//! |---|---|
//! | `0` | null |
//! | low bit set | an `i31`: its 31 bits in bits 1..32 |
//! | bit 62 set | host data: its store index plus one, shifted left by one |
//! | otherwise | an object: its byte offset in the heap (a multiple of 8) |
//!
//! The two hierarchies share the encoding, so `any.convert_extern` and
//! `extern.convert_any` change no bits, `ref.eq` compares words, and the
//! collector traces a slot of either hierarchy the same way.

pub(crate) mod access;
pub(crate) mod collect;
pub(crate) mod heap;
pub(crate) mod layout;

/// Tag bit of host data in a reference (see the module documentation).
pub(crate) const HOST_TAG: u64 = 1 << 62;

/// The object a reference refers to, by its offset in the heap; `None` for
/// null, an `i31` and host data.
#[inline]
pub(crate) fn object_of(bits: u64) -> Option<u32> {
    (bits != 0 && bits & 7 == 0 && bits >> 32 == 0).then_some(bits as u32)
}

/// The reference to an `i31` holding the low 31 bits of `value`.
#[inline]
pub(crate) fn i31_ref(value: u32) -> u64 {
    ((value as u64 & 0x7fff_ffff) << 1) | 1
}

/// Whether a (non-null) reference is an `i31`.
#[inline]
pub(crate) fn is_i31(bits: u64) -> bool {
    bits & 1 != 0
}

/// The value of an `i31` reference, sign-extended (`i31.get_s`) or not.
#[inline]
pub(crate) fn i31_value(bits: u64, signed: bool) -> u32 {
    if signed {
        ((bits as u32) as i32 >> 1) as u32
    } else {
        (bits >> 1) as u32 & 0x7fff_ffff
    }
}

/// The reference to host data `index` of the store.
#[inline]
pub(crate) fn host_ref(index: u32) -> u64 {
    HOST_TAG | (index as u64 + 1) << 1
}

/// The store index of the host data a reference refers to, if it does.
#[inline]
pub(crate) fn host_of(bits: u64) -> Option<u32> {
    if bits & HOST_TAG == 0 {
        return None;
    }
    (((bits & !HOST_TAG) >> 1) as u32).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_do_not_meet() {
        for v in [0u32, 1, 0x3fff_ffff, 0x4000_0000, 0x7fff_ffff, u32::MAX] {
            let r = i31_ref(v);
            assert!(is_i31(r) && object_of(r).is_none() && host_of(r).is_none());
            assert_eq!(i31_value(r, false), v & 0x7fff_ffff);
            assert_eq!(i31_value(r, true), ((v << 1) as i32 >> 1) as u32);
        }
        for k in [0u32, 1, 1000, u32::MAX - 1] {
            let r = host_ref(k);
            assert!(!is_i31(r) && object_of(r).is_none());
            assert_eq!(host_of(r), Some(k));
        }
        assert_eq!(object_of(8), Some(8));
        assert_eq!(object_of(0), None);
    }
}
