//! Checks that a kernel's `x86:` twin computes exactly what its portable
//! kernel does: both run on the same inputs — vectors whose every byte is
//! an edge value (so every lane width sees its minima, maxima, -1, 0 and
//! sign bits, and float lanes NaNs, infinities and zeros), and
//! pseudo-random vectors — and their results must have the same bits.

use crate::lanes::Lanes;
use core::arch::x86_64::__m128i;

/// Bytes that make edge lanes of every width when repeated or mixed.
const EDGE_BYTES: [u8; 8] = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x3f, 0xc0];

/// The inputs: each edge byte repeated, then 2,000 vectors mixing edge
/// bytes and random bytes (xorshift, fixed seed).
fn inputs() -> impl Iterator<Item = u128> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let repeated = EDGE_BYTES.map(|b| u128::from_le_bytes([b; 16]));
    let mixed: alloc::vec::Vec<u128> = (0..2_000)
        .map(|k| {
            let random = (next() as u128) << 64 | next() as u128;
            if k % 2 == 0 {
                return random;
            }
            let bytes = core::array::from_fn(|j| EDGE_BYTES[((random >> (j * 3)) & 7) as usize]);
            u128::from_le_bytes(bytes)
        })
        .collect();
    repeated.into_iter().chain(mixed)
}

/// Pairs of inputs: each with itself and with the next.
fn pairs() -> impl Iterator<Item = (u128, u128)> {
    let all: alloc::vec::Vec<u128> = inputs().collect();
    let n = all.len();
    (0..2 * n).map(move |k| (all[k % n], all[(k + k / n) % n]))
}

/// Unary kernels.
pub(super) fn check_un<A: Lanes, R: Lanes, A2: Lanes, R2: Lanes>(
    portable: impl Fn(A) -> R,
    twin: impl Fn(A2) -> R2,
    same: fn(u128, u128) -> bool,
) {
    for x in inputs() {
        let want = portable(A::from_bits(x)).to_bits();
        let got = twin(A2::from_bits(x)).to_bits();
        assert!(
            same(got, want),
            "input {x:#034x}, got {got:#034x}, want {want:#034x}"
        );
    }
}

/// Binary kernels.
pub(super) fn check_bin<A: Lanes, B: Lanes, R: Lanes, A2: Lanes, B2: Lanes, R2: Lanes>(
    portable: impl Fn(A, B) -> R,
    twin: impl Fn(A2, B2) -> R2,
    same: fn(u128, u128) -> bool,
) {
    for (x, y) in pairs() {
        let want = portable(A::from_bits(x), B::from_bits(y)).to_bits();
        let got = twin(A2::from_bits(x), B2::from_bits(y)).to_bits();
        assert!(
            same(got, want),
            "inputs {x:#034x} {y:#034x}, got {got:#034x}, want {want:#034x}"
        );
    }
}

/// Ternary kernels (the third operand: the first rotated by a byte).
pub(super) fn check_ternary<A: Lanes, B: Lanes, C: Lanes, R: Lanes>(
    portable: impl Fn(A, B, C) -> R,
    twin: impl Fn(__m128i, __m128i, __m128i) -> __m128i,
    same: fn(u128, u128) -> bool,
) {
    for (x, y) in pairs() {
        let z = x.rotate_left(8);
        let want = portable(A::from_bits(x), B::from_bits(y), C::from_bits(z)).to_bits();
        let got = twin(
            Lanes::from_bits(x),
            Lanes::from_bits(y),
            Lanes::from_bits(z),
        )
        .to_bits();
        assert!(
            same(got, want),
            "inputs {x:#034x} {y:#034x} {z:#034x}, got {got:#034x}, want {want:#034x}"
        );
    }
}

/// Shift kernels, with counts from 0 past twice the widest lane, and
/// negative ones.
pub(super) fn check_shift<A: Lanes, R: Lanes, A2: Lanes, R2: Lanes>(
    portable: impl Fn(A, u32) -> R,
    twin: impl Fn(A2, u32) -> R2,
    same: fn(u128, u128) -> bool,
) {
    let counts = (0..=130).chain([u32::MAX, 0x8000_0000, 0x7fff_ffff, 0x1_0000 - 1]);
    for n in counts {
        for x in inputs().take(200) {
            let want = portable(A::from_bits(x), n).to_bits();
            let got = twin(A2::from_bits(x), n).to_bits();
            assert!(
                same(got, want),
                "input {x:#034x}, count {n}, got {got:#034x}, want {want:#034x}"
            );
        }
    }
}

/// Kernels with a scalar result (the immediate lane 0; lane kernels are
/// not twinned).
pub(super) fn check_scalar<A: Lanes, A2: Lanes>(
    portable: impl Fn(A, usize) -> u64,
    twin: impl Fn(A2, usize) -> u64,
    same: fn(u128, u128) -> bool,
) {
    for x in inputs() {
        let (got, want) = (twin(A2::from_bits(x), 0), portable(A::from_bits(x), 0));
        assert!(
            same(got as u128, want as u128),
            "input {x:#034x}: got {got}, want {want}"
        );
    }
}

/// Results with the same bits.
pub(super) fn same_bits(got: u128, want: u128) -> bool {
    got == want
}

/// Results whose `f32` lanes have the same bits or are both NaNs.
pub(super) fn nan_f32(got: u128, want: u128) -> bool {
    let (got, want) = (crate::lanes::f32x4(got), crate::lanes::f32x4(want));
    (0..4).all(|k| got[k].to_bits() == want[k].to_bits() || got[k].is_nan() && want[k].is_nan())
}

/// Results whose `f64` lanes have the same bits or are both NaNs.
pub(super) fn nan_f64(got: u128, want: u128) -> bool {
    let (got, want) = (crate::lanes::f64x2(got), crate::lanes::f64x2(want));
    (0..2).all(|k| got[k].to_bits() == want[k].to_bits() || got[k].is_nan() && want[k].is_nan())
}
