//! `all_true`, `bitmask` and the integer comparisons (all-ones lanes where
//! the comparison holds, zero lanes elsewhere). `gt` and `ge` are `lt` and
//! `le` with the operands exchanged by the translator.

use super::super::prelude::*;
use super::vector::*;
use super::{simd_bin, simd_scalar};

/// The lane-wise comparison `x[k] op y[k]` of two pairs seen through
/// `view`, each lane all ones where it holds and zero elsewhere.
macro_rules! cmp {
    ($view:ident $from:ident $op:tt) => {
        |x: u128, y: u128| {
            let (x, y) = ($view(x), $view(y));
            $from(core::array::from_fn(|k| if x[k] $op y[k] { !0 } else { 0 }))
        }
    };
}

/// 1 when no lane is zero.
#[inline(always)]
fn all_true<T: Copy + Default + PartialEq, const N: usize>(lanes: [T; N]) -> u64 {
    lanes.iter().all(|&x| x != T::default()) as u64
}

/// Each lane's top bit, lane `k` into bit `k` (the lanes seen as signed:
/// the top bit is the sign).
#[inline(always)]
fn bitmask<T: Copy + Default + PartialOrd, const N: usize>(lanes: [T; N]) -> u64 {
    lanes
        .iter()
        .enumerate()
        .fold(0, |mask, (k, &x)| mask | ((x < T::default()) as u64) << k)
}

simd_scalar! {
    I8x16AllTrue => |v: u128, _| all_true(u8x16(v));
    I16x8AllTrue => |v: u128, _| all_true(u16x8(v));
    I32x4AllTrue => |v: u128, _| all_true(u32x4(v));
    I64x2AllTrue => |v: u128, _| all_true(u64x2(v));
    I8x16Bitmask => |v: u128, _| bitmask(i8x16(v));
    I16x8Bitmask => |v: u128, _| bitmask(i16x8(v));
    I32x4Bitmask => |v: u128, _| bitmask(i32x4(v));
    I64x2Bitmask => |v: u128, _| bitmask(i64x2(v));
}

simd_bin! {
    I8x16Eq => cmp!(u8x16 from_u8x16 ==);
    I8x16Ne => cmp!(u8x16 from_u8x16 !=);
    I8x16LtS => cmp!(i8x16 from_i8x16 <);
    I8x16LtU => cmp!(u8x16 from_u8x16 <);
    I8x16LeS => cmp!(i8x16 from_i8x16 <=);
    I8x16LeU => cmp!(u8x16 from_u8x16 <=);
    I16x8Eq => cmp!(u16x8 from_u16x8 ==);
    I16x8Ne => cmp!(u16x8 from_u16x8 !=);
    I16x8LtS => cmp!(i16x8 from_i16x8 <);
    I16x8LtU => cmp!(u16x8 from_u16x8 <);
    I16x8LeS => cmp!(i16x8 from_i16x8 <=);
    I16x8LeU => cmp!(u16x8 from_u16x8 <=);
    I32x4Eq => cmp!(u32x4 from_u32x4 ==);
    I32x4Ne => cmp!(u32x4 from_u32x4 !=);
    I32x4LtS => cmp!(i32x4 from_i32x4 <);
    I32x4LtU => cmp!(u32x4 from_u32x4 <);
    I32x4LeS => cmp!(i32x4 from_i32x4 <=);
    I32x4LeU => cmp!(u32x4 from_u32x4 <=);
    I64x2Eq => cmp!(u64x2 from_u64x2 ==);
    I64x2Ne => cmp!(u64x2 from_u64x2 !=);
    I64x2LtS => cmp!(i64x2 from_i64x2 <);
    I64x2LeS => cmp!(i64x2 from_i64x2 <=);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simd_all_true_needs_every_lane() {
        assert_eq!(all_true(u8x16(!0)), 1);
        assert_eq!(
            all_true(u8x16(0x0101_0101_0101_0101_0101_0101_0101_0101)),
            1
        );
        for k in 0..16 {
            assert_eq!(all_true(u8x16(!(0xffu128 << (8 * k)))), 0);
        }
        assert_eq!(all_true(u64x2(1)), 0);
        assert_eq!(all_true(u64x2(1 | 1 << 64)), 1);
    }

    #[test]
    fn simd_bitmask_puts_lane_zero_in_bit_zero() {
        assert_eq!(bitmask(i8x16(0x80)), 1);
        assert_eq!(bitmask(i8x16(0x80u128 << 120)), 0x8000);
        assert_eq!(bitmask(i8x16(!0)), 0xffff);
        assert_eq!(bitmask(i8x16(0x7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f)), 0);
        assert_eq!(bitmask(i16x8(0xffff_0000_ffff_0000)), 0b1010);
        assert_eq!(bitmask(i32x4(0x8000_0000u128 << 64)), 0b0100);
        assert_eq!(bitmask(i64x2(1u128 << 127)), 0b10);
    }

    #[test]
    fn simd_comparisons_give_all_ones_or_zero_lanes() {
        let lt_s = cmp!(i8x16 from_i8x16 <);
        let lt_u = cmp!(u8x16 from_u8x16 <);
        // Lane 0: 0x80 against 0x7f; lane 1: equal lanes.
        let (x, y) = (0x0580u128, 0x057fu128);
        assert_eq!(lt_s(x, y), 0xff);
        assert_eq!(lt_u(x, y), 0);
        assert_eq!(lt_u(y, x), 0xff);
        let le = cmp!(u32x4 from_u32x4 <=);
        assert_eq!(le(0, !0), !0);
        let ne = cmp!(u64x2 from_u64x2 !=);
        assert_eq!(ne(1, 0), u64::MAX as u128);
    }
}
