//! `v128` values as lane arrays: little-endian lanes, as Wasm numbers them
//! (the bits of a float lane kept as they are, NaN payloads included).

/// Lane views of a `u128` and back, for each lane width.
macro_rules! lanes {
    ($($view:ident $from:ident: $t:ty, $n:literal;)*) => {$(
        /// The lanes of `v`, lane 0 first.
        #[inline(always)]
        #[allow(dead_code)] // Not every width is used by the opcodes built.
        pub(super) fn $view(v: u128) -> [$t; $n] {
            const W: usize = 16 / $n;
            let bytes = v.to_le_bytes();
            core::array::from_fn(|k| {
                let mut lane = [0; W];
                lane.copy_from_slice(&bytes[k * W..k * W + W]);
                <$t>::from_le_bytes(lane)
            })
        }

        /// The `u128` with lanes `lanes`, lane 0 first.
        #[inline(always)]
        #[allow(dead_code)] // As above.
        pub(super) fn $from(lanes: [$t; $n]) -> u128 {
            const W: usize = 16 / $n;
            let mut bytes = [0u8; 16];
            for (k, lane) in lanes.iter().enumerate() {
                bytes[k * W..k * W + W].copy_from_slice(&lane.to_le_bytes());
            }
            u128::from_le_bytes(bytes)
        }
    )*};
}

lanes! {
    u8x16 from_u8x16: u8, 16;
    i8x16 from_i8x16: i8, 16;
    u16x8 from_u16x8: u16, 8;
    i16x8 from_i16x8: i16, 8;
    u32x4 from_u32x4: u32, 4;
    i32x4 from_i32x4: i32, 4;
    u64x2 from_u64x2: u64, 2;
    i64x2 from_i64x2: i64, 2;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_little_endian_and_round_trip() {
        let v = 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100u128;
        assert_eq!(u8x16(v)[0], 0);
        assert_eq!(u8x16(v)[15], 15);
        assert_eq!(
            u32x4(v),
            [0x0302_0100, 0x0706_0504, 0x0b0a_0908, 0x0f0e_0d0c]
        );
        assert_eq!(from_u32x4(u32x4(v)), v);
        assert_eq!(from_i16x8(i16x8(v)), v);
        assert_eq!(from_i64x2(i64x2(v)), v);
        assert_eq!(from_i8x16(i8x16(!v)), !v);
    }
}
