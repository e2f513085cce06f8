//! Small SSE2 sequences the handlers' `x86:` twins share (x86_64 has SSE2
//! in its baseline; compiled only there, outside Miri).

pub(super) use core::arch::x86_64::*;

/// All bits flipped.
#[inline(always)]
pub(super) fn not(x: __m128i) -> __m128i {
    // SAFETY: SSE2 is in the target's baseline (this module's `cfg`).
    unsafe { _mm_xor_si128(x, _mm_set1_epi32(-1)) }
}

/// Each lane's sign bit flipped: unsigned order becomes signed order
/// (`bits` the lane width, 8, 16 or 32).
#[inline(always)]
pub(super) fn flip_signs<const BITS: u32>(x: __m128i) -> __m128i {
    // SAFETY: as above.
    unsafe {
        let sign = match BITS {
            8 => _mm_set1_epi8(i8::MIN),
            16 => _mm_set1_epi16(i16::MIN),
            _ => _mm_set1_epi32(i32::MIN),
        };
        _mm_xor_si128(x, sign)
    }
}

/// A shift count modulo `BITS`, in the low quadword as the `psll`/`psrl`/
/// `psra` forms read it.
#[inline(always)]
pub(super) fn count<const BITS: u32>(n: u32) -> __m128i {
    // SAFETY: as above.
    unsafe { _mm_cvtsi32_si128((n & (BITS - 1)) as i32) }
}
