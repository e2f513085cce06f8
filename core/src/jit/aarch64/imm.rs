//! Immediate operands: which values each immediate field can hold, and
//! their encodings, as pure functions. The instruction methods take the
//! validated types ([`LogicalImm`], [`ArithImm`], [`FpImm`]), so a value
//! that does not fit is refused where it is made, never emitted wrong.

use super::reg::Width;

/// Whether `value` (only its low `width` bits; a 32-bit value must have
/// its high half zero) is a logical ("bitmask") immediate, as `and`,
/// `orr`, `eor` and `ands` encode it: a run of ones, rotated, in an
/// element of 2, 4, 8, 16, 32 or 64 bits repeated across the register.
/// Returns the 13 bits `N:immr:imms`, or `None` (0, all ones, and
/// everything without that shape have no encoding).
pub(crate) fn encode_logical(value: u64, width: Width) -> Option<u32> {
    let value = match width {
        Width::W64 => value,
        // A 32-bit pattern is a 64-bit one with equal halves, never N = 1.
        Width::W32 if value >> 32 == 0 => value | value << 32,
        Width::W32 => return None,
    };
    if value == 0 || value == u64::MAX {
        return None;
    }
    // The smallest element size the value repeats at.
    let mut size = 64;
    while size > 2 {
        let half = size / 2;
        let mask = (1u64 << half) - 1;
        if value & mask != (value >> half) & mask {
            break;
        }
        size = half;
    }
    let mask = if size == 64 {
        u64::MAX
    } else {
        (1u64 << size) - 1
    };
    let element = value & mask;
    let ones = element.count_ones();
    // Where the run of ones starts: at its lowest set bit, or, if it wraps
    // around bit 0, just above the run of zeros.
    let start = if element & 1 == 0 {
        element.trailing_zeros()
    } else {
        let zeros = !element & mask;
        (zeros.trailing_zeros() + zeros.count_ones()) % size
    };
    // The element must be exactly `ones` ones from `start`, wrapping.
    let run = (1u64 << ones) - 1; // ones < 64: element is neither 0 nor all ones
    let rotated = if start == 0 {
        run
    } else {
        (run << start | run >> (size - start)) & mask
    };
    if rotated != element {
        return None;
    }
    // immr rotates the run right; imms holds the element size (its high
    // bits, as ones above a zero) and the run's length less one.
    let immr = (size - start) % size;
    let n = (size == 64) as u32;
    let imms = (!(size - 1) << 1 & 0x3f) | (ones - 1);
    Some(n << 12 | immr << 6 | imms)
}

/// A validated logical immediate for instructions of one width: see
/// [`encode_logical`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LogicalImm {
    /// `N:immr:imms`.
    bits: u16,
    /// The width it was validated for.
    width: Width,
}

impl LogicalImm {
    /// `value` as a logical immediate of `width`, if it is one.
    pub(crate) fn new(value: u64, width: Width) -> Option<Self> {
        let bits = encode_logical(value, width)? as u16;
        Some(Self { bits, width })
    }

    /// The 13 bits `N:immr:imms` (bits 22–10 of the instruction).
    pub(crate) const fn bits(self) -> u32 {
        self.bits as u32
    }

    /// The width of the instructions it may be used in.
    pub(crate) const fn width(self) -> Width {
        self.width
    }
}

/// A validated `add`/`sub` immediate: 12 bits, optionally shifted left by
/// 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ArithImm {
    /// The 12-bit field.
    imm12: u16,
    /// Whether it is shifted left by 12 (`lsl #12`).
    shifted: bool,
}

impl ArithImm {
    /// `value` as an arithmetic immediate: 0–4095, or a multiple of 4096
    /// up to 4095 · 4096 (the unshifted form when both fit, as for 0).
    pub(crate) const fn new(value: u64) -> Option<Self> {
        if value < 1 << 12 {
            Some(Self {
                imm12: value as u16,
                shifted: false,
            })
        } else if value & 0xfff == 0 && value < 1 << 24 {
            Some(Self {
                imm12: (value >> 12) as u16,
                shifted: true,
            })
        } else {
            None
        }
    }

    /// The value it adds or subtracts.
    pub(crate) const fn value(self) -> u64 {
        (self.imm12 as u64) << (12 * self.shifted as u32)
    }

    /// The 13 bits `sh:imm12` (bits 22–10 of the instruction).
    pub(crate) const fn bits(self) -> u32 {
        (self.shifted as u32) << 12 | self.imm12 as u32
    }
}

/// The 8-bit immediate of `fmov` for `f32` `value`: ±(16 + 0..15) / 16 ·
/// 2^(−3..4), that is ±0.125 to ±31 with four bits of fraction; not zero.
pub(crate) fn encode_f32_imm(value: f32) -> Option<u8> {
    let bits = value.to_bits();
    // sign, then exponent !b bbbbb cd, fraction efgh and 19 zeros.
    if bits & ((1 << 19) - 1) != 0 {
        return None;
    }
    let b = match (bits >> 25) & 0x3f {
        0b10_0000 => 0,
        0b01_1111 => 1,
        _ => return None,
    };
    Some(((bits >> 31) << 7 | b << 6 | (bits >> 19) & 0x3f) as u8)
}

/// The 8-bit immediate of `fmov` for `f64` `value` (the same values as
/// [`encode_f32_imm`]).
pub(crate) fn encode_f64_imm(value: f64) -> Option<u8> {
    let bits = value.to_bits();
    // sign, then exponent !b bbbbbbbb cd, fraction efgh and 48 zeros.
    if bits & ((1 << 48) - 1) != 0 {
        return None;
    }
    let b = match (bits >> 54) & 0x1ff {
        0b1_0000_0000 => 0,
        0b0_1111_1111 => 1,
        _ => return None,
    };
    Some(((bits >> 63) << 7 | b << 6 | (bits >> 48) & 0x3f) as u8)
}

/// A validated `fmov` immediate; its 256 values are exact in both `f32`
/// and `f64`, so it serves either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FpImm(u8);

impl FpImm {
    /// `value` as an `fmov` immediate, if it is one.
    pub(crate) fn from_f32(value: f32) -> Option<Self> {
        encode_f32_imm(value).map(FpImm)
    }

    /// `value` as an `fmov` immediate, if it is one.
    pub(crate) fn from_f64(value: f64) -> Option<Self> {
        encode_f64_imm(value).map(FpImm)
    }

    /// The 8 bits `abcdefgh`.
    pub(crate) const fn bits(self) -> u32 {
        self.0 as u32
    }
}

/// One instruction of a sequence that puts a constant in a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MovStep {
    /// `movz rd, #imm16, lsl #shift`: the halfword, zeros elsewhere.
    Movz {
        /// The halfword.
        imm16: u16,
        /// Its position: 0, 16, 32 or 48.
        shift: u8,
    },
    /// `movn rd, #imm16, lsl #shift`: the complement of what `movz` would
    /// give.
    Movn {
        /// The complement of the halfword.
        imm16: u16,
        /// Its position: 0, 16, 32 or 48.
        shift: u8,
    },
    /// `movk rd, #imm16, lsl #shift`: replaces one halfword.
    Movk {
        /// The halfword.
        imm16: u16,
        /// Its position: 0, 16, 32 or 48.
        shift: u8,
    },
    /// `orr rd, zr, #imm`: a logical immediate.
    Orr(LogicalImm),
}

/// The instructions [`mov_sequence`] chose: one to four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MovSequence {
    /// The steps; the first `len` are used.
    steps: [MovStep; 4],
    /// How many there are.
    len: u8,
}

impl MovSequence {
    /// A sequence starting with `first`.
    fn start(first: MovStep) -> Self {
        Self {
            steps: [first; 4],
            len: 1,
        }
    }

    /// Appends `movk` of `imm16` at halfword `index`.
    fn movk(&mut self, imm16: u16, index: u32) {
        let shift = (index * 16) as u8;
        self.steps[self.len as usize] = MovStep::Movk { imm16, shift };
        self.len += 1;
    }

    /// The instructions, in order.
    pub(crate) fn steps(&self) -> &[MovStep] {
        &self.steps[..self.len as usize]
    }
}

/// Halfword `index` of `value`.
const fn halfword(value: u64, index: u32) -> u16 {
    (value >> (16 * index)) as u16
}

/// `value` with halfword `index` replaced by `new`.
const fn with_halfword(value: u64, index: u32, new: u16) -> u64 {
    value & !(0xffff << (16 * index)) | (new as u64) << (16 * index)
}

/// A `movz` (`movn` if `inverted`) and `movk` sequence for `value`: the
/// `movz` (`movn`) sets the first halfword that differs from the fill (0,
/// or 0xffff when inverted) and fills the others, then a `movk` sets each
/// other halfword that differs.
fn wide_sequence(value: u64, halfwords: u32, inverted: bool) -> MovSequence {
    let fill = if inverted { 0xffff } else { 0 };
    let mut indices = (0..halfwords).filter(|&i| halfword(value, i) != fill);
    let first = indices.next().unwrap_or(0);
    let imm16 = halfword(value, first);
    let shift = (first * 16) as u8;
    let mut sequence = MovSequence::start(if inverted {
        MovStep::Movn {
            imm16: !imm16,
            shift,
        }
    } else {
        MovStep::Movz { imm16, shift }
    });
    for i in indices {
        sequence.movk(halfword(value, i), i);
    }
    sequence
}

/// An `orr` of a logical immediate followed by a `movk` for each halfword
/// in `patched` (one or two indices): tries filling those halfwords with
/// 0, 0xffff or the value of a kept halfword until the result is a logical
/// immediate.
fn orr_movk_sequence(value: u64, width: Width, patched: &[u32]) -> Option<MovSequence> {
    let halfwords = width.bits() / 16;
    let mut fills = [0u16, 0xffff, 0, 0, 0, 0];
    let mut count = 2;
    for i in (0..halfwords).filter(|i| !patched.contains(i)) {
        fills[count] = halfword(value, i);
        count += 1;
    }
    // Each combination of fills for the patched halfwords, as a number in
    // base `count`.
    let combinations = count.pow(patched.len() as u32);
    for mut combination in 0..combinations {
        let mut candidate = value;
        for &i in patched {
            candidate = with_halfword(candidate, i, fills[combination % count]);
            combination /= count;
        }
        if let Some(imm) = LogicalImm::new(candidate, width) {
            let mut sequence = MovSequence::start(MovStep::Orr(imm));
            for &i in patched {
                if halfword(candidate, i) != halfword(value, i) {
                    sequence.movk(halfword(value, i), i);
                }
            }
            return Some(sequence);
        }
    }
    None
}

/// The shortest sequence this assembler knows that puts `value` (its low
/// 32 bits for [`Width::W32`]) in a register: one `movz`, one `movn` (for
/// values mostly ones), one `orr` of a logical immediate, in that order of
/// preference; otherwise `movz` or `movn` and `movk`s, unless an `orr`
/// with fewer `movk`s is shorter.
pub(crate) fn mov_sequence(value: u64, width: Width) -> MovSequence {
    let halfwords = width.bits() / 16;
    let value = match width {
        Width::W32 => value & 0xffff_ffff,
        Width::W64 => value,
    };
    let count = |fill: u16| {
        ((0..halfwords)
            .filter(|&i| halfword(value, i) != fill)
            .count() as u32)
            .max(1)
    };
    let (zero_len, ones_len) = (count(0), count(0xffff));
    if zero_len == 1 {
        return wide_sequence(value, halfwords, false);
    }
    if ones_len == 1 {
        return wide_sequence(value, halfwords, true);
    }
    if let Some(imm) = LogicalImm::new(value, width) {
        return MovSequence::start(MovStep::Orr(imm));
    }
    let best = wide_sequence(value, halfwords, ones_len < zero_len);
    // An `orr` and one `movk` beat three or four; and two `movk`s four.
    if best.len > 2 {
        for i in 0..halfwords {
            if let Some(s) = orr_movk_sequence(value, width, &[i]) {
                return s;
            }
        }
    }
    if best.len > 3 {
        for (i, j) in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] {
            if let Some(s) = orr_movk_sequence(value, width, &[i, j]) {
                return s;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeSet;

    /// The ARM ARM's `DecodeBitMasks` (the `wmask` result): the value
    /// `N:immr:imms` stands for in a `datasize`-bit instruction, or `None`
    /// for a reserved combination.
    fn decode_bit_masks(n: u32, immr: u32, imms: u32, datasize: u32) -> Option<u64> {
        let combined = n << 6 | (!imms & 0x3f);
        if combined == 0 {
            return None;
        }
        let len = 31 - combined.leading_zeros();
        let esize = 1u32 << len;
        if len < 1 || esize > datasize {
            return None;
        }
        let levels = esize - 1;
        if imms & levels == levels {
            return None;
        }
        let (s, r) = (imms & levels, immr & levels);
        let emask = if esize == 64 {
            u64::MAX
        } else {
            (1u64 << esize) - 1
        };
        let welem = (1u64 << (s + 1)) - 1;
        let elem = if r == 0 {
            welem
        } else {
            (welem >> r | welem << (esize - r)) & emask
        };
        let mut value = 0u64;
        let mut at = 0;
        while at < datasize {
            value |= elem << at;
            at += esize;
        }
        Some(value)
    }

    fn decode(bits: u32, width: Width) -> Option<u64> {
        decode_bit_masks(bits >> 12, bits >> 6 & 0x3f, bits & 0x3f, width.bits())
    }

    /// Every value some `(N, immr, imms)` decodes to in `width`.
    fn all_logical(width: Width) -> BTreeSet<u64> {
        let mut set = BTreeSet::new();
        for n in 0..2 {
            for immr in 0..64 {
                for imms in 0..64 {
                    if let Some(v) = decode_bit_masks(n, immr, imms, width.bits()) {
                        set.insert(v);
                    }
                }
            }
        }
        set
    }

    /// A deterministic stream of 64-bit values (xorshift).
    fn pseudo_random(count: usize) -> impl Iterator<Item = u64> {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        (0..count).map(move |_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
    }

    #[test]
    fn logical_immediates_are_exactly_the_decodable_values() {
        for width in [Width::W32, Width::W64] {
            let valid = all_logical(width);
            let expected = if width == Width::W64 { 5334 } else { 1302 };
            assert_eq!(valid.len(), expected, "{width:?}");
            // Every valid value encodes, and back.
            for &v in &valid {
                let bits = encode_logical(v, width).unwrap_or_else(|| panic!("{v:#x}"));
                assert_eq!(decode(bits, width), Some(v), "{v:#x} {bits:#x}");
            }
            // Every value one bit away from a valid one, and a stream of
            // others: accepted exactly when valid, and then correctly.
            let flips = valid
                .iter()
                .flat_map(|&v| (0..width.bits()).map(move |b| v ^ 1 << b));
            let extra = [0, u64::MAX, 0xffff_ffff, 1 << 32, 0x1_0000_0001];
            for v in flips.chain(pseudo_random(100_000)).chain(extra) {
                let in_width = width == Width::W64 || v >> 32 == 0;
                match encode_logical(v, width) {
                    Some(bits) => assert_eq!(decode(bits, width), Some(v), "{v:#x}"),
                    None => assert!(!in_width || !valid.contains(&v), "{v:#x} refused"),
                }
            }
            // 32-bit values never use N = 1.
            if width == Width::W32 {
                assert!(
                    valid
                        .iter()
                        .all(|&v| encode_logical(v, width).unwrap() >> 12 == 0)
                );
            }
        }
    }

    #[test]
    fn logical_immediate_examples() {
        // orr x0, xzr, #0xff: N=1 immr=0 imms=7.
        assert_eq!(encode_logical(0xff, Width::W64), Some(0x1007));
        // 0x5555...: element 2, one one: imms=0b111100.
        assert_eq!(
            encode_logical(0x5555_5555_5555_5555, Width::W64),
            Some(0x3c)
        );
        assert_eq!(encode_logical(0x5555_5555, Width::W32), Some(0x3c));
        // 0x8000000000000001: a run of two wrapping around, immr=1.
        assert_eq!(
            encode_logical(0x8000_0000_0000_0001, Width::W64),
            Some(0x1041)
        );
        assert_eq!(encode_logical(0, Width::W64), None);
        assert_eq!(encode_logical(u64::MAX, Width::W64), None);
        assert_eq!(encode_logical(0xffff_ffff, Width::W32), None);
        assert_eq!(encode_logical(0x1_0000_00ff, Width::W32), None);
        assert_eq!(encode_logical(0x1234, Width::W64), None);
    }

    #[test]
    fn arithmetic_immediates() {
        assert_eq!(ArithImm::new(0).map(ArithImm::bits), Some(0));
        assert_eq!(ArithImm::new(4095).map(ArithImm::bits), Some(0xfff));
        assert_eq!(ArithImm::new(4096).map(ArithImm::bits), Some(0x1001));
        assert_eq!(ArithImm::new(0xfff000).map(ArithImm::bits), Some(0x1fff));
        assert_eq!(ArithImm::new(4097), None);
        assert_eq!(ArithImm::new(0x100_0000), None);
        assert_eq!(ArithImm::new(u64::MAX), None);
        for v in [0, 1, 4095, 4096, 8192, 0xfff000] {
            assert_eq!(ArithImm::new(v).unwrap().value(), v);
        }
    }

    /// The ARM ARM's `VFPExpandImm` for 64 bits.
    fn expand_f64(imm8: u8) -> f64 {
        let (a, b) = ((imm8 >> 7) as u64, (imm8 >> 6 & 1) as u64);
        let exponent =
            (b ^ 1) << 10 | (if b == 1 { 0xff } else { 0 }) << 2 | (imm8 >> 4 & 3) as u64;
        f64::from_bits(a << 63 | exponent << 52 | ((imm8 & 15) as u64) << 48)
    }

    #[test]
    fn fmov_immediates_are_the_256_expanded_values() {
        for imm8 in 0..=255u8 {
            let v = expand_f64(imm8);
            assert_eq!(encode_f64_imm(v), Some(imm8), "{v}");
            assert_eq!(encode_f32_imm(v as f32), Some(imm8), "{v}");
            assert_eq!(v as f32 as f64, v);
        }
        assert_eq!(encode_f64_imm(1.0), Some(0x70));
        assert_eq!(encode_f32_imm(-2.0), Some(0x80));
        assert_eq!(encode_f64_imm(31.0), Some(0x3f));
        assert_eq!(encode_f64_imm(0.125), Some(0x40));
        for v in [
            0.0,
            -0.0,
            32.0,
            0.1,
            0.0625,
            1.0 / 3.0,
            f64::INFINITY,
            f64::NAN,
        ] {
            assert_eq!(encode_f64_imm(v), None, "{v}");
            assert_eq!(encode_f32_imm(v as f32), None, "{v}");
        }
        assert_eq!(encode_f64_imm(1.0 + f64::EPSILON), None);
        assert_eq!(encode_f32_imm(1.0 + f32::EPSILON), None);
    }

    /// What `steps` leave in a `width`-bit register.
    fn run(steps: &[MovStep], width: Width) -> u64 {
        let mask = if width == Width::W64 {
            u64::MAX
        } else {
            0xffff_ffff
        };
        let mut r = 0xdead_beef_dead_beefu64;
        for step in steps {
            r = match *step {
                MovStep::Movz { imm16, shift } => (imm16 as u64) << shift,
                MovStep::Movn { imm16, shift } => !((imm16 as u64) << shift) & mask,
                MovStep::Movk { imm16, shift } => with_halfword(r, shift as u32 / 16, imm16),
                MovStep::Orr(imm) => {
                    assert_eq!(imm.width(), width);
                    decode(imm.bits(), width).unwrap()
                }
            };
            if let MovStep::Movz { shift, .. }
            | MovStep::Movn { shift, .. }
            | MovStep::Movk { shift, .. } = *step
            {
                assert!((shift as u32) < width.bits() && shift % 16 == 0);
            }
        }
        r & mask
    }

    #[test]
    fn mov_sequences_build_their_values_in_few_instructions() {
        let w64 = |v| mov_sequence(v, Width::W64);
        let w32 = |v| mov_sequence(v, Width::W32);
        let len = |s: MovSequence| s.steps().len();
        assert_eq!(w64(0).steps(), [MovStep::Movz { imm16: 0, shift: 0 }]);
        assert_eq!(
            w64(u64::MAX).steps(),
            [MovStep::Movn { imm16: 0, shift: 0 }]
        );
        assert_eq!(
            w32(0xffff_ffff).steps(),
            [MovStep::Movn { imm16: 0, shift: 0 }]
        );
        assert_eq!(
            w64(0x1234_0000).steps(),
            [MovStep::Movz {
                imm16: 0x1234,
                shift: 16
            }]
        );
        assert_eq!(
            w64(!0x5678_0000_0000).steps(),
            [MovStep::Movn {
                imm16: 0x5678,
                shift: 32
            }]
        );
        assert_eq!(
            w32(0xfffe_ffff).steps(),
            [MovStep::Movn {
                imm16: 1,
                shift: 16
            }]
        );
        // A logical immediate: one orr.
        assert!(matches!(
            w64(0x00ff_00ff_00ff_00ff).steps(),
            [MovStep::Orr(_)]
        ));
        assert!(matches!(w32(0x0f0f_0f0f).steps(), [MovStep::Orr(_)]));
        assert_eq!(len(w64(0x1234_5678)), 2);
        assert_eq!(len(w64(0x1234_5678_9abc_def0)), 4);
        // Mostly ones: movn and movk.
        assert!(matches!(
            w64(0xffff_ffff_1234_5678).steps(),
            [MovStep::Movn { .. }, MovStep::Movk { .. }]
        ));
        // orr of a repeated pattern, then a movk: 2 instead of 4.
        assert!(matches!(
            w64(0x00ff_00ff_1234_00ff).steps(),
            [MovStep::Orr(_), MovStep::Movk { shift: 16, .. }]
        ));
        // Two movks after an orr: 3 instead of 4.
        assert_eq!(len(w64(0x0f0f_1234_5678_0f0f)), 3);
        // Every sequence builds its value, in no more instructions than
        // movz or movn alone would take.
        let specials = [
            0x8000_0000_0000_0000,
            0x7fff_ffff_ffff_ffff,
            0xffff_0000_ffff,
            1,
        ];
        for v in pseudo_random(20_000)
            .chain(specials)
            .chain(pseudo_random(2_000).map(|v| v & 0xffff_0000_ffff_0000))
        {
            for width in [Width::W32, Width::W64] {
                let s = mov_sequence(v, width);
                let expected = if width == Width::W64 {
                    v
                } else {
                    v & 0xffff_ffff
                };
                assert_eq!(run(s.steps(), width), expected, "{v:#x} {width:?}");
                let halfwords = width.bits() / 16;
                let naive = |fill| {
                    (0..halfwords)
                        .filter(|&i| halfword(expected, i) != fill)
                        .count()
                        .max(1)
                };
                assert!(s.steps().len() <= naive(0).min(naive(0xffff)), "{v:#x}");
            }
        }
    }
}
