//! [`V128`]: a `v128` value for embedders, with its lanes.

use crate::lanes;
use crate::runtime::WasmTy;
use crate::types::ValType;
use crate::value::Val;
use core::fmt;

/// A WebAssembly `v128`: 128 bits, seen as lanes of one of the six shapes
/// (`i8x16`, `i16x8`, `i32x4`, `i64x2`, `f32x4`, `f64x2`) only by the code
/// that reads or writes it.
///
/// Lanes are in little-endian order, as in Wasm memory: lane 0 is the
/// lowest bits. Float lanes are converted to and from their bits unchanged,
/// so NaN payloads survive. `V128` is a [`WasmTy`], so it can be a
/// parameter or result of a [`TypedFunc`](crate::TypedFunc) or a host
/// function; [`Val::V128`] holds the same bits as a `u128`.
///
/// ```
/// use wisp_core::{Config, Engine, Linker, Module, Store, V128};
/// let mut config = Config::new();
/// config.wasm_simd(true); // `v128` needs the SIMD proposal to validate
/// let engine = Engine::new(&config);
/// let wasm = wat::parse_str(
///     r#"(module (func (export "id") (param v128) (result v128) local.get 0))"#,
/// )
/// .unwrap();
/// let module = Module::new(&engine, &wasm).unwrap();
/// let mut store = Store::new(&engine, ());
/// let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
/// let id = instance.get_typed_func::<V128, V128>(&store, "id").unwrap();
/// let v = V128::from_i32x4([1, -2, 3, -4]);
/// assert_eq!(id.call(&mut store, v).unwrap().to_i32x4(), [1, -2, 3, -4]);
/// ```
#[repr(transparent)]
#[derive(Copy, Clone, PartialEq, Eq, Hash, Default)]
pub struct V128(u128);

impl V128 {
    /// The vector with these 128 bits.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_bits(0x0000_0004_0000_0003_0000_0002_0000_0001);
    /// assert_eq!(v.to_i32x4(), [1, 2, 3, 4]);
    /// ```
    pub const fn from_bits(bits: u128) -> Self {
        V128(bits)
    }

    /// The vector's 128 bits (lane 0 in the lowest).
    ///
    /// ```
    /// # use wisp_core::V128;
    /// assert_eq!(V128::from_i64x2([1, 2]).to_bits(), 2 << 64 | 1);
    /// ```
    pub const fn to_bits(self) -> u128 {
        self.0
    }

    /// The vector of sixteen 8-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_i8x16([-1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    /// assert_eq!(v.to_bits(), 0x02ff);
    /// ```
    pub const fn from_i8x16(lanes: [i8; 16]) -> Self {
        V128(lanes::from_i8x16(lanes))
    }

    /// The sixteen 8-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let lanes = V128::from_bits(0x80ff).to_i8x16();
    /// assert_eq!(lanes[..3], [-1, -128, 0]);
    /// ```
    pub const fn to_i8x16(self) -> [i8; 16] {
        lanes::i8x16(self.0)
    }

    /// The vector of eight 16-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_i16x8([1, -1, 0, 0, 0, 0, 0, 0]);
    /// assert_eq!(v.to_bits(), 0xffff_0001);
    /// ```
    pub const fn from_i16x8(lanes: [i16; 8]) -> Self {
        V128(lanes::from_i16x8(lanes))
    }

    /// The eight 16-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let lanes = V128::from_bits(0x8000_0001).to_i16x8();
    /// assert_eq!(lanes[..3], [1, i16::MIN, 0]);
    /// ```
    pub const fn to_i16x8(self) -> [i16; 8] {
        lanes::i16x8(self.0)
    }

    /// The vector of four 32-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_i32x4([1, 2, 3, -1]);
    /// assert_eq!(v.to_bits(), 0xffff_ffff_0000_0003_0000_0002_0000_0001);
    /// ```
    pub const fn from_i32x4(lanes: [i32; 4]) -> Self {
        V128(lanes::from_i32x4(lanes))
    }

    /// The four 32-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// assert_eq!(V128::from_bits(u128::MAX).to_i32x4(), [-1; 4]);
    /// ```
    pub const fn to_i32x4(self) -> [i32; 4] {
        lanes::i32x4(self.0)
    }

    /// The vector of two 64-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_i64x2([-1, 0]);
    /// assert_eq!(v.to_bits(), u64::MAX as u128);
    /// ```
    pub const fn from_i64x2(lanes: [i64; 2]) -> Self {
        V128(lanes::from_i64x2(lanes))
    }

    /// The two 64-bit lanes.
    ///
    /// ```
    /// # use wisp_core::V128;
    /// assert_eq!(V128::from_bits(7 << 64 | 5).to_i64x2(), [5, 7]);
    /// ```
    pub const fn to_i64x2(self) -> [i64; 2] {
        lanes::i64x2(self.0)
    }

    /// The vector of four `f32` lanes, each stored as its bits (a NaN keeps
    /// its sign and payload).
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_f32x4([1.0, -0.0, f32::INFINITY, f32::from_bits(0x7fc0_0001)]);
    /// assert_eq!(v.to_i32x4().map(|l| l as u32), [0x3f80_0000, 0x8000_0000, 0x7f80_0000, 0x7fc0_0001]);
    /// ```
    pub const fn from_f32x4(lanes: [f32; 4]) -> Self {
        V128(lanes::from_f32x4(lanes))
    }

    /// The four `f32` lanes, from their bits (a NaN keeps its sign and
    /// payload).
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let lanes = V128::from_i32x4([0x3fc0_0000, 0, 0, 0x7fa0_0000]).to_f32x4();
    /// assert_eq!(lanes[..3], [1.5, 0.0, 0.0]);
    /// assert_eq!(lanes[3].to_bits(), 0x7fa0_0000);
    /// ```
    pub const fn to_f32x4(self) -> [f32; 4] {
        lanes::f32x4(self.0)
    }

    /// The vector of two `f64` lanes, each stored as its bits (a NaN keeps
    /// its sign and payload).
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let v = V128::from_f64x2([1.0, -2.0]);
    /// assert_eq!(v.to_i64x2().map(|l| l as u64), [0x3ff0_0000_0000_0000, 0xc000_0000_0000_0000]);
    /// ```
    pub const fn from_f64x2(lanes: [f64; 2]) -> Self {
        V128(lanes::from_f64x2(lanes))
    }

    /// The two `f64` lanes, from their bits (a NaN keeps its sign and
    /// payload).
    ///
    /// ```
    /// # use wisp_core::V128;
    /// let lanes = V128::from_f64x2([0.5, f64::from_bits(0xfff0_0000_0000_0001)]).to_f64x2();
    /// assert_eq!(lanes[0], 0.5);
    /// assert_eq!(lanes[1].to_bits(), 0xfff0_0000_0000_0001);
    /// ```
    pub const fn to_f64x2(self) -> [f64; 2] {
        lanes::f64x2(self.0)
    }
}

/// The vector with these bits ([`V128::from_bits`]).
///
/// ```
/// # use wisp_core::V128;
/// assert_eq!(V128::from(5u128), V128::from_bits(5));
/// ```
impl From<u128> for V128 {
    fn from(bits: u128) -> Self {
        V128(bits)
    }
}

/// The vector's bits ([`V128::to_bits`]).
///
/// ```
/// # use wisp_core::V128;
/// assert_eq!(u128::from(V128::from_i64x2([5, 0])), 5);
/// ```
impl From<V128> for u128 {
    fn from(v: V128) -> Self {
        v.0
    }
}

/// The vector as a [`Val::V128`] (of the same bits).
///
/// ```
/// # use wisp_core::{V128, Val};
/// assert_eq!(Val::from(V128::from_i32x4([1, 0, 0, 0])), Val::V128(1));
/// ```
impl From<V128> for Val {
    fn from(v: V128) -> Self {
        Val::V128(v.0)
    }
}

/// A `v128` parameter or result; two frame slots, like `u128`.
///
/// ```
/// # use wisp_core::{V128, Val, ValType, WasmTy};
/// assert_eq!(V128::ty(), ValType::V128);
/// assert_eq!(V128::from_val(Val::V128(9)), V128::from_bits(9));
/// ```
impl WasmTy for V128 {
    const SLOTS: usize = 2;
    fn ty() -> ValType {
        ValType::V128
    }
    fn from_val(v: Val) -> Self {
        match v {
            Val::V128(bits) => V128(bits),
            _ => V128(0),
        }
    }
    fn into_val(self) -> Val {
        Val::V128(self.0)
    }
}

/// The four 32-bit lanes in fixed-width hex, lane 0 first — exact whatever
/// the lanes hold, and the form `wisp run --invoke` prints and accepts.
///
/// ```
/// # use wisp_core::V128;
/// assert_eq!(
///     format!("{:?}", V128::from_i32x4([1, 2, 3, -1])),
///     "V128(i32x4 0x00000001 0x00000002 0x00000003 0xffffffff)",
/// );
/// ```
impl fmt::Debug for V128 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.to_i32x4();
        write!(f, "V128(i32x4 0x{a:08x} 0x{b:08x} 0x{c:08x} 0x{d:08x})",)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Engine, Linker, Module, Store};
    use alloc::format;

    /// One vector, lanes `0x00`, `0x11`, …, `0xff` from the lowest byte up.
    const BYTES: u128 = 0xffee_ddcc_bbaa_9988_7766_5544_3322_1100;

    #[test]
    fn lanes_are_little_endian() {
        let v = V128::from_bits(BYTES);
        assert_eq!(
            v.to_i8x16().map(|l| l as u8),
            core::array::from_fn(|i| i as u8 * 0x11)
        );
        assert_eq!(
            v.to_i16x8().map(|l| l as u16),
            [
                0x1100, 0x3322, 0x5544, 0x7766, 0x9988, 0xbbaa, 0xddcc, 0xffee
            ]
        );
        assert_eq!(
            v.to_i32x4().map(|l| l as u32),
            [0x3322_1100, 0x7766_5544, 0xbbaa_9988, 0xffee_ddcc]
        );
        assert_eq!(
            v.to_i64x2().map(|l| l as u64),
            [0x7766_5544_3322_1100, 0xffee_ddcc_bbaa_9988]
        );
        assert_eq!(
            v.to_f32x4().map(f32::to_bits),
            [0x3322_1100, 0x7766_5544, 0xbbaa_9988, 0xffee_ddcc]
        );
        assert_eq!(
            v.to_f64x2().map(f64::to_bits),
            [0x7766_5544_3322_1100, 0xffee_ddcc_bbaa_9988]
        );
        // The bytes are the vector's little-endian encoding in memory.
        assert_eq!(
            v.to_i8x16().map(|l| l as u8),
            BYTES.to_le_bytes(),
            "lane 0 is the lowest byte"
        );
    }

    #[test]
    fn every_shape_round_trips() {
        for bits in [0, 1, u128::MAX, BYTES, 1 << 127, 0x8000_0000 << 32] {
            let v = V128::from_bits(bits);
            assert_eq!(V128::from_i8x16(v.to_i8x16()), v);
            assert_eq!(V128::from_i16x8(v.to_i16x8()), v);
            assert_eq!(V128::from_i32x4(v.to_i32x4()), v);
            assert_eq!(V128::from_i64x2(v.to_i64x2()), v);
            assert_eq!(V128::from_f32x4(v.to_f32x4()), v);
            assert_eq!(V128::from_f64x2(v.to_f64x2()), v);
            assert_eq!(u128::from(v), bits);
            assert_eq!(V128::from(bits).to_bits(), bits);
        }
        assert_eq!(
            V128::from_i16x8([i16::MIN, -1, 0, 1, 2, 3, 4, i16::MAX]).to_i16x8(),
            [i16::MIN, -1, 0, 1, 2, 3, 4, i16::MAX]
        );
        assert_eq!(V128::from_i64x2([i64::MIN, -2]).to_i64x2(), [i64::MIN, -2]);
        assert_eq!(V128::default().to_bits(), 0);
    }

    #[test]
    fn float_lanes_keep_their_bits() {
        let f32s = [0x7fc0_0001, 0xffa0_0000, 0x8000_0000, 0x0000_0001].map(f32::from_bits);
        assert_eq!(
            V128::from_f32x4(f32s).to_f32x4().map(f32::to_bits),
            [0x7fc0_0001, 0xffa0_0000, 0x8000_0000, 0x0000_0001],
            "NaN payloads, signs and subnormals"
        );
        let f64s = [0x7ff0_0000_0000_0001, 0xfff8_0000_0000_0000].map(f64::from_bits);
        assert_eq!(
            V128::from_f64x2(f64s).to_f64x2().map(f64::to_bits),
            [0x7ff0_0000_0000_0001, 0xfff8_0000_0000_0000]
        );
        assert_eq!(
            V128::from_f32x4([1.0, 2.0, -1.5, 0.0]).to_i32x4(),
            [0x3f80_0000, 0x4000_0000, 0xbfc0_0000u32 as i32, 0]
        );
    }

    #[test]
    fn lane_functions_are_const() {
        const V: V128 = V128::from_i32x4([1, 2, 3, 4]);
        const LANES: [i16; 8] = V.to_i16x8();
        assert_eq!(LANES, [1, 0, 2, 0, 3, 0, 4, 0]);
    }

    #[test]
    fn debug_prints_i32x4_hex_lanes() {
        assert_eq!(
            format!("{:?}", V128::from_i32x4([1, 2, 3, 4])),
            "V128(i32x4 0x00000001 0x00000002 0x00000003 0x00000004)"
        );
        assert_eq!(
            format!("{:?}", V128::from_f32x4([-0.0, 1.0, 0.0, f32::NAN])),
            "V128(i32x4 0x80000000 0x3f800000 0x00000000 0x7fc00000)"
        );
    }

    #[test]
    fn converts_to_and_from_val() {
        let v = V128::from_bits(BYTES);
        assert_eq!(Val::from(v), Val::V128(BYTES));
        assert_eq!(Val::from(v).ty(), ValType::V128);
        assert_eq!(V128::from_val(Val::V128(BYTES)), v);
        assert_eq!(v.into_val(), Val::V128(BYTES));
        assert_eq!(V128::from_val(Val::I32(1)), V128::default());
        assert_eq!(<V128 as WasmTy>::SLOTS, <u128 as WasmTy>::SLOTS);
    }

    /// An engine that validates `v128` (the SIMD proposal on).
    fn simd_engine() -> Engine {
        let mut config = Config::new();
        config.wasm_simd(true);
        Engine::new(&config)
    }

    #[test]
    fn typed_funcs_pass_v128_through_wasm() {
        let engine = simd_engine();
        let wasm = wat::parse_str(
            r#"(module
              (func (export "id") (param v128) (result v128) local.get 0)
              (func (export "swap") (param v128 v128) (result v128 v128)
                local.get 1 local.get 0)
              (func (export "second") (param v128 i32) (result i32 v128)
                local.get 1 local.get 0))"#,
        )
        .unwrap();
        let module = Module::new(&engine, &wasm).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine)
            .instantiate(&mut store, &module)
            .unwrap();
        let a = V128::from_i32x4([1, 2, 3, 4]);
        let b = V128::from_f64x2([f64::from_bits(0x7ff0_0000_0000_0001), -0.0]);

        let id = instance.get_typed_func::<V128, V128>(&store, "id").unwrap();
        assert_eq!(id.call(&mut store, a).unwrap(), a);
        assert_eq!(
            id.call(&mut store, b).unwrap().to_f64x2().map(f64::to_bits),
            [0x7ff0_0000_0000_0001, 1 << 63],
            "a NaN payload survives the call"
        );

        let swap = instance
            .get_typed_func::<(V128, V128), (V128, V128)>(&store, "swap")
            .unwrap();
        assert_eq!(swap.call(&mut store, (a, b)).unwrap(), (b, a));

        let second = instance
            .get_typed_func::<(V128, i32), (i32, V128)>(&store, "second")
            .unwrap();
        assert_eq!(second.call(&mut store, (a, 7)).unwrap(), (7, a));

        // `V128` and `u128` are the same Wasm type.
        let as_u128 = instance.get_typed_func::<u128, V128>(&store, "id").unwrap();
        assert_eq!(as_u128.call(&mut store, BYTES).unwrap().to_bits(), BYTES);
        assert!(instance.get_typed_func::<V128, i32>(&store, "id").is_err());
    }

    #[test]
    fn host_functions_take_and_return_v128() {
        let engine = simd_engine();
        let wasm = wat::parse_str(
            r#"(module
              (import "host" "rev" (func $rev (param v128 i32) (result v128)))
              (func (export "f") (param v128) (result v128)
                (call $rev (local.get 0) (i32.const 1))))"#,
        )
        .unwrap();
        let module = Module::new(&engine, &wasm).unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker
            .func_wrap("host", "rev", |v: V128, k: i32| {
                let mut lanes = v.to_i32x4();
                lanes.reverse();
                lanes[0] += k;
                V128::from_i32x4(lanes)
            })
            .unwrap();
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let f = instance.get_typed_func::<V128, V128>(&store, "f").unwrap();
        let out = f.call(&mut store, V128::from_i32x4([1, 2, 3, 4])).unwrap();
        assert_eq!(out.to_i32x4(), [5, 3, 2, 1]);
    }
}
