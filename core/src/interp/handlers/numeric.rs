//! Integer and float arithmetic, comparisons and conversions.

use super::prelude::*;

un! {
    I32Eqz => |x| (x as u32 == 0) as u64;
    I32Clz => |x| (x as u32).leading_zeros() as u64;
    I32Ctz => |x| (x as u32).trailing_zeros() as u64;
    I32Popcnt => |x| (x as u32).count_ones() as u64;
    I64Eqz => |x| (x == 0) as u64;
    I64Clz => |x| x.leading_zeros() as u64;
    I64Ctz => |x| x.trailing_zeros() as u64;
    I64Popcnt => |x| x.count_ones() as u64;
    F32Abs => |x| x & 0x7fff_ffff;
    F32Neg => |x| (x ^ 0x8000_0000) & 0xffff_ffff;
    F64Abs => |x| x & 0x7fff_ffff_ffff_ffff;
    F64Neg => |x| x ^ 0x8000_0000_0000_0000;
    I32WrapI64 => |x| x as u32 as u64;
    I64ExtendI32S => |x| x as u32 as i32 as i64 as u64;
    F32ConvertI32S => |x| (x as u32 as i32 as f32).to_bits() as u64;
    F32ConvertI32U => |x| (x as u32 as f32).to_bits() as u64;
    F32ConvertI64S => |x| (x as i64 as f32).to_bits() as u64;
    F32ConvertI64U => |x| (x as f32).to_bits() as u64;
    F32DemoteF64 => |x| (f64::from_bits(x) as f32).to_bits() as u64;
    F64ConvertI32S => |x| (x as u32 as i32 as f64).to_bits();
    F64ConvertI32U => |x| (x as u32 as f64).to_bits();
    F64ConvertI64S => |x| (x as i64 as f64).to_bits();
    F64ConvertI64U => |x| (x as f64).to_bits();
    F64PromoteF32 => |x| (f32::from_bits(x as u32) as f64).to_bits();
    I32Extend8S => |x| x as u8 as i8 as i32 as u32 as u64;
    I32Extend16S => |x| x as u16 as i16 as i32 as u32 as u64;
    I64Extend8S => |x| x as u8 as i8 as i64 as u64;
    I64Extend16S => |x| x as u16 as i16 as i64 as u64;
    I64Extend32S => |x| x as u32 as i32 as i64 as u64;
    I32TruncSatF32S => |x| f32::from_bits(x as u32) as i32 as u32 as u64;
    I32TruncSatF32U => |x| f32::from_bits(x as u32) as u32 as u64;
    I32TruncSatF64S => |x| f64::from_bits(x) as i32 as u32 as u64;
    I32TruncSatF64U => |x| f64::from_bits(x) as u32 as u64;
    I64TruncSatF32S => |x| f32::from_bits(x as u32) as i64 as u64;
    I64TruncSatF32U => |x| f32::from_bits(x as u32) as u64;
    I64TruncSatF64S => |x| f64::from_bits(x) as i64 as u64;
    I64TruncSatF64U => |x| f64::from_bits(x) as u64;
}

cmpf32! {
    F32Eq => |x, y| x == y;
    F32Ne => |x, y| x != y;
    F32Lt => |x, y| x < y;
    F32Gt => |x, y| x > y;
    F32Le => |x, y| x <= y;
    F32Ge => |x, y| x >= y;
}

cmpf64! {
    F64Eq => |x, y| x == y;
    F64Ne => |x, y| x != y;
    F64Lt => |x, y| x < y;
    F64Gt => |x, y| x > y;
    F64Le => |x, y| x <= y;
    F64Ge => |x, y| x >= y;
}

unf32! {
    F32Ceil => |x| f32_ceil(x);
    F32Floor => |x| f32_floor(x);
    F32Trunc => |x| f32_trunc(x);
    F32Nearest => |x| f32_nearest(x);
    F32Sqrt => |x| f32_sqrt(x);
}

unf64! {
    F64Ceil => |x| f64_ceil(x);
    F64Floor => |x| f64_floor(x);
    F64Trunc => |x| f64_trunc(x);
    F64Nearest => |x| f64_nearest(x);
    F64Sqrt => |x| f64_sqrt(x);
}

binf32! {
    F32Add => |x, y| x + y;
    F32Sub => |x, y| x - y;
    F32Mul => |x, y| x * y;
    F32Div => |x, y| x / y;
    F32Min => |x, y| f32_min(x, y);
    F32Max => |x, y| f32_max(x, y);
}

binf64_acc! {
    |x, y| x + y =>
        F64Add(s s s) F64AddSsa(s s a) F64AddSas(s a s) F64AddSaa(s a a)
        F64AddAss(a s s) F64AddAsa(a s a) F64AddAas(a a s) F64AddAaa(a a a)
        F64AddBss(b s s) F64AddBsa(b s a) F64AddBas(b a s) F64AddBaa(b a a);
    |x, y| x - y =>
        F64Sub(s s s) F64SubSsa(s s a) F64SubSas(s a s) F64SubSaa(s a a)
        F64SubAss(a s s) F64SubAsa(a s a) F64SubAas(a a s) F64SubAaa(a a a)
        F64SubBss(b s s) F64SubBsa(b s a) F64SubBas(b a s) F64SubBaa(b a a);
    |x, y| x * y =>
        F64Mul(s s s) F64MulSsa(s s a) F64MulSas(s a s) F64MulSaa(s a a)
        F64MulAss(a s s) F64MulAsa(a s a) F64MulAas(a a s) F64MulAaa(a a a)
        F64MulBss(b s s) F64MulBsa(b s a) F64MulBas(b a s) F64MulBaa(b a a);
    |x, y| x / y =>
        F64Div(s s s) F64DivSsa(s s a) F64DivSas(s a s) F64DivSaa(s a a)
        F64DivAss(a s s) F64DivAsa(a s a) F64DivAas(a a s) F64DivAaa(a a a)
        F64DivBss(b s s) F64DivBsa(b s a) F64DivBas(b a s) F64DivBaa(b a a);
}

binf64! {
    F64Min => |x, y| f64_min(x, y);
    F64Max => |x, y| f64_max(x, y);
}

handler!(F32Copysign, |i, ip, fp, cx, mem, len, acc, iacc| {
    let (x, y) = (rd(fp, i.b), rd(fp, i.c));
    wr(fp, i.a, (x & 0x7fff_ffff) | (y & 0x8000_0000));
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

handler!(F64Copysign, |i, ip, fp, cx, mem, len, acc, iacc| {
    let (x, y) = (rd(fp, i.b), rd(fp, i.c));
    wr(
        fp,
        i.a,
        (x & 0x7fff_ffff_ffff_ffff) | (y & 0x8000_0000_0000_0000),
    );
    next!(ip.add(1), fp, cx, mem, len, acc, iacc)
});

/// Trapping float-to-integer truncations.
macro_rules! trunc {
    ($($name:ident: $read:ident -> $f:ident as $t:ty;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            match $f($read(fp, i.b) as f64) {
                Ok(v) => wr(fp, i.a, v as $t as u64),
                Err(code) => return trap(cx, ip, fp, code),
            }
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
trunc! {
    I32TruncF32S: rdf32 -> trunc_i32_s as u32;
    I32TruncF32U: rdf32 -> trunc_i32_u as u32;
    I32TruncF64S: rdf64 -> trunc_i32_s as u32;
    I32TruncF64U: rdf64 -> trunc_i32_u as u32;
    I64TruncF32S: rdf32 -> trunc_i64_s as u64;
    I64TruncF32U: rdf32 -> trunc_i64_u as u64;
    I64TruncF64S: rdf64 -> trunc_i64_s as u64;
    I64TruncF64U: rdf64 -> trunc_i64_u as u64;
}

/// Wide arithmetic on 128-bit values held as (low, high) slot pairs: the
/// operands are the four slots from `a`, the result replaces the first two.
macro_rules! wide_128 {
    ($($name:ident => $method:ident;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let x = rd128(fp, i.a);
            let y = rd128(fp, i.a + 2);
            wr128(fp, i.a, x.$method(y));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
wide_128! {
    I64Add128 => wrapping_add;
    I64Sub128 => wrapping_sub;
}

/// The full 128-bit products of two `i64`s (the two slots from `a`),
/// written as a (low, high) pair over them.
macro_rules! mul_wide {
    ($($name:ident => $wide:ty;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            // `as i64 as i128` sign-extends, `as u64 as u128` zero-extends.
            let x = rd(fp, i.a) as $wide as i128 as u128;
            let y = rd(fp, i.a + 1) as $wide as i128 as u128;
            wr128(fp, i.a, x.wrapping_mul(y));
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}
mul_wide! {
    I64MulWideS => i64;
    I64MulWideU => u64;
}
