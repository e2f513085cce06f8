//! The relaxed SIMD operators with opcodes of their own, in the
//! deterministic profile (docs/architecture.md, "Relaxed SIMD"): `madd`
//! and `nmadd` unfused (each product rounded before the addition), and the
//! 8-bit dot products with both operands signed and each pair of products
//! added with signed 16-bit saturation. The other fourteen relaxed
//! operators are translated to the deterministic opcodes they equal.

use super::super::prelude::*;
use super::vector::*;
use super::{simd_bin, simd_ternary};

/// Lane `k`: `x[k] * y[k] + z[k]`, the product rounded first (Rust never
/// fuses the two).
#[inline(always)]
fn madd<T, const N: usize>(x: [T; N], y: [T; N], z: [T; N]) -> [T; N]
where
    T: Copy + Default + core::ops::Mul<Output = T> + core::ops::Add<Output = T>,
{
    build(|k| x[k] * y[k] + z[k])
}

/// Lane `k`: the two signed 8-bit products of lanes `2k` and `2k + 1`,
/// added with signed 16-bit saturation (only `2 × (-128)²` saturates).
#[inline(always)]
fn dot_i8x16_i7x16_s(x: [i8; 16], y: [i8; 16]) -> [i16; 8] {
    build(|k| {
        let product = |j: usize| x[j] as i16 * y[j] as i16;
        product(2 * k).saturating_add(product(2 * k + 1))
    })
}

/// Lane `k`: the 16-bit dot products of lanes `2k` and `2k + 1`
/// ([`dot_i8x16_i7x16_s`]) sign-extended and added, plus `acc[k]`, wrapping.
#[inline(always)]
fn dot_i8x16_i7x16_add_s(x: [i8; 16], y: [i8; 16], acc: [i32; 4]) -> [i32; 4] {
    let dot = dot_i8x16_i7x16_s(x, y);
    build(|k| (dot[2 * k] as i32 + dot[2 * k + 1] as i32).wrapping_add(acc[k]))
}

simd_ternary! {
    F32x4RelaxedMadd => |x: [f32; 4], y, z| madd(x, y, z);
    F32x4RelaxedNmadd => |x: [f32; 4], y, z| madd(map(x, |a| -a), y, z);
    F64x2RelaxedMadd => |x: [f64; 2], y, z| madd(x, y, z);
    F64x2RelaxedNmadd => |x: [f64; 2], y, z| madd(map(x, |a| -a), y, z);
    I32x4RelaxedDotI8x16I7x16AddS => dot_i8x16_i7x16_add_s;
}

simd_bin! {
    I16x8RelaxedDotI8x16I7x16S => dot_i8x16_i7x16_s;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madd_rounds_the_product_first() {
        // 1 + 2^-23 squared is 1 + 2^-22 + 2^-46: rounded, the 2^-46 is
        // lost, so adding -(1 + 2^-22) gives exactly 0 (fused: 2^-46).
        let x = 1.0 + f32::EPSILON;
        let sum = madd([x; 4], [x; 4], [-(1.0 + 2.0 * f32::EPSILON); 4]);
        assert_eq!(sum, [0.0; 4]);
        let x = 1.0 + f64::EPSILON;
        assert_eq!(
            madd([x; 2], [x; 2], [-(1.0 + 2.0 * f64::EPSILON); 2]),
            [0.0; 2]
        );
    }

    #[test]
    fn dot_saturates_only_the_pair_of_minima() {
        let mut x = [0i8; 16];
        let mut y = [0i8; 16];
        (x[0], y[0], x[1], y[1]) = (-128, -128, -128, -128);
        (x[2], y[2], x[3], y[3]) = (-128, 127, 127, -128);
        (x[4], y[4], x[5], y[5]) = (3, -5, 7, 11);
        let dot = dot_i8x16_i7x16_s(x, y);
        assert_eq!(dot[..4], [i16::MAX, -32512, 62, 0]);
        let acc = [i32::MAX, 1, 0, -1];
        assert_eq!(
            dot_i8x16_i7x16_add_s(x, y, acc),
            [i32::MAX.wrapping_add(32767 - 32512), 63, 0, -1]
        );
    }
}
