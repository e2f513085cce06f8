//! Operators with integer accumulator forms (see `translate/accumulator.rs`
//! and `for_each_op!`), each family defined whole from one table line: the
//! plain form and the forms with an operand read from, or the result written
//! to, the integer accumulator instead of a frame slot. Each `Name(d l r)`
//! says where the destination, the left and the right operand live: `s` a
//! slot, `a` the accumulator, `b` (destination only) both. The families:
//! i32/i64 arithmetic, bitwise, shift, division and remainder operators,
//! their 16-bit-immediate forms, loads and stores. The `f64` families are in
//! `numeric.rs`, the branches in `branch.rs`. The operators here without
//! forms (a line with only the plain one) are those that did not pay for
//! them (see `FAMILIES` in `ir/forms.rs`).

use super::memory::{ea, out_of_bounds};
use super::prelude::*;

/// An integer operand: slot `$slot` (`s`) or the accumulator (`a`).
macro_rules! ival {
    (s, $fp:ident, $slot:expr, $iacc:ident) => {
        rd($fp, $slot)
    };
    (a, $fp:ident, $slot:expr, $iacc:ident) => {
        $iacc
    };
}

/// Stores an integer result in slot `$slot` (`s`), the accumulator (`a`) or both (`b`).
macro_rules! iset {
    (s, $fp:ident, $slot:expr, $iacc:ident, $v:ident) => {
        wr($fp, $slot, $v)
    };
    (a, $fp:ident, $slot:expr, $iacc:ident, $v:ident) => {
        $iacc = $v
    };
    (b, $fp:ident, $slot:expr, $iacc:ident, $v:ident) => {{
        wr($fp, $slot, $v);
        $iacc = $v;
    }};
}

/// The 16-bit immediate in `c`, sign-extended to the operator's width.
macro_rules! imm_of {
    (w32, $i:ident) => {
        $i.c_i16() as i32 as u32 as u64
    };
    (w64, $i:ident) => {
        $i.c_i16() as i64 as u64
    };
}

/// Returns the first trap whose condition holds.
macro_rules! check_traps {
    ([$($c:expr => $code:ident),*], $cx:ident, $ip:ident, $fp:ident) => {
        $(if $c {
            return trap($cx, $ip, $fp, TrapCode::$code);
        })*
    };
}

/// Integer binary operators on the raw 64-bit operands `$x`, `$y`; i32
/// results are zero-extended, as in slots. The bracketed `condition => trap`
/// list is checked first.
macro_rules! int_bin {
    ($(|$x:ident, $y:ident| $e:expr, $traps:tt =>
        $($name:ident($d:ident $l:ident $r:ident))*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = ival!($l, fp, i.b, iacc);
            let $y = ival!($r, fp, i.c, iacc);
            check_traps!($traps, cx, ip, fp);
            let v: u64 = $e;
            iset!($d, fp, i.a, iacc, v);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

/// Integer operators with a 16-bit immediate `$y` (`Name(d l)`).
macro_rules! int_imm {
    ($($w:ident |$x:ident, $y:ident| $e:expr => $($name:ident($d:ident $l:ident))*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = ival!($l, fp, i.b, iacc);
            let $y = imm_of!($w, i);
            let v: u64 = $e;
            iset!($d, fp, i.a, iacc, v);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

/// Loads (`Name(d l)`, `l` = the address).
macro_rules! load_forms {
    ($($n:literal, |$b:ident| $e:expr => $($name:ident($d:ident $l:ident))*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let Some(at) = ea(ival!($l, fp, i.b, iacc), i.c, $n, len) else {
                return out_of_bounds(ip, fp, cx, mem, len, acc, iacc);
            };
            // `ea` checked `at + $n <= len`; `mem` points to `len` bytes.
            let $b: [u8; $n] = core::ptr::read_unaligned(mem.add(at) as *const [u8; $n]);
            let v: u64 = $e;
            iset!($d, fp, i.a, iacc, v);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

/// Stores (`Name(l r)`, `l` = the address, `r` = the value).
macro_rules! store_forms {
    ($($n:literal, |$v:ident| $e:expr => $($name:ident($l:ident $r:ident))*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let Some(at) = ea(ival!($l, fp, i.a, iacc), i.c, $n, len) else {
                return out_of_bounds(ip, fp, cx, mem, len, acc, iacc);
            };
            let $v = ival!($r, fp, i.b, iacc);
            let bytes: [u8; $n] = $e;
            // As for loads.
            core::ptr::write_unaligned(mem.add(at) as *mut [u8; $n], bytes);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

/// `br_if` on the accumulator.
macro_rules! br_if_acc {
    ($($name:ident => |$x:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = iacc;
            let off = if $e { i.bc() as i32 as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

int_bin! {
    |x, y| (x as u32).wrapping_add(y as u32) as u64, [] =>
        I32Add(s s s) I32AddSsa(s s a) I32AddSas(s a s) I32AddSaa(s a a) I32AddAss(a s s)
        I32AddAsa(a s a) I32AddAas(a a s) I32AddAaa(a a a) I32AddBss(b s s)
        I32AddBsa(b s a) I32AddBas(b a s) I32AddBaa(b a a);
    |x, y| (x as u32).wrapping_sub(y as u32) as u64, [] =>
        I32Sub(s s s) I32SubSsa(s s a) I32SubSas(s a s) I32SubSaa(s a a) I32SubAss(a s s)
        I32SubAsa(a s a) I32SubAas(a a s) I32SubAaa(a a a) I32SubBss(b s s)
        I32SubBsa(b s a) I32SubBas(b a s) I32SubBaa(b a a);
    |x, y| (x as u32).wrapping_mul(y as u32) as u64, [] =>
        I32Mul(s s s) I32MulSsa(s s a) I32MulSas(s a s) I32MulSaa(s a a) I32MulAss(a s s)
        I32MulAsa(a s a) I32MulAas(a a s) I32MulAaa(a a a) I32MulBss(b s s)
        I32MulBsa(b s a) I32MulBas(b a s) I32MulBaa(b a a);
    |x, y| ((x as u32) & (y as u32)) as u64, [] =>
        I32And(s s s) I32AndSsa(s s a) I32AndSas(s a s) I32AndSaa(s a a) I32AndAss(a s s)
        I32AndAsa(a s a) I32AndAas(a a s) I32AndAaa(a a a) I32AndBss(b s s)
        I32AndBsa(b s a) I32AndBas(b a s) I32AndBaa(b a a);
    |x, y| ((x as u32) | (y as u32)) as u64, [] =>
        I32Or(s s s) I32OrSsa(s s a) I32OrSas(s a s) I32OrSaa(s a a) I32OrAss(a s s)
        I32OrAsa(a s a) I32OrAas(a a s) I32OrAaa(a a a) I32OrBss(b s s)
        I32OrBsa(b s a) I32OrBas(b a s) I32OrBaa(b a a);
    |x, y| ((x as u32) ^ (y as u32)) as u64, [] =>
        I32Xor(s s s) I32XorSsa(s s a) I32XorSas(s a s) I32XorSaa(s a a) I32XorAss(a s s)
        I32XorAsa(a s a) I32XorAas(a a s) I32XorAaa(a a a) I32XorBss(b s s)
        I32XorBsa(b s a) I32XorBas(b a s) I32XorBaa(b a a);
    |x, y| (x as u32).wrapping_shl(y as u32) as u64, [] =>
        I32Shl(s s s);
    |x, y| (x as u32 as i32).wrapping_shr(y as u32) as u32 as u64, [] =>
        I32ShrS(s s s);
    |x, y| (x as u32).wrapping_shr(y as u32) as u64, [] =>
        I32ShrU(s s s) I32ShrUSsa(s s a) I32ShrUSas(s a s) I32ShrUSaa(s a a) I32ShrUAss(a s s)
        I32ShrUAsa(a s a) I32ShrUAas(a a s) I32ShrUAaa(a a a) I32ShrUBss(b s s)
        I32ShrUBsa(b s a) I32ShrUBas(b a s) I32ShrUBaa(b a a);
    |x, y| (x as u32).rotate_left(y as u32 & 31) as u64, [] =>
        I32Rotl(s s s) I32RotlSsa(s s a) I32RotlSas(s a s) I32RotlSaa(s a a) I32RotlAss(a s s)
        I32RotlAsa(a s a) I32RotlAas(a a s) I32RotlAaa(a a a) I32RotlBss(b s s) I32RotlBsa(b s a)
        I32RotlBas(b a s) I32RotlBaa(b a a);
    |x, y| (x as u32).rotate_right(y as u32 & 31) as u64, [] =>
        I32Rotr(s s s);
    |x, y| (x as u32 as i32 / y as u32 as i32) as u32 as u64, [y as u32 == 0 => IntegerDivisionByZero, x as u32 as i32 == i32::MIN && y as u32 as i32 == -1 => IntegerOverflow] =>
        I32DivS(s s s);
    |x, y| ((x as u32) / (y as u32)) as u64, [y as u32 == 0 => IntegerDivisionByZero] =>
        I32DivU(s s s) I32DivUSsa(s s a) I32DivUSas(s a s) I32DivUSaa(s a a) I32DivUAss(a s s)
        I32DivUAsa(a s a) I32DivUAas(a a s) I32DivUAaa(a a a) I32DivUBss(b s s)
        I32DivUBsa(b s a) I32DivUBas(b a s) I32DivUBaa(b a a);
    |x, y| (x as u32 as i32).wrapping_rem(y as u32 as i32) as u32 as u64, [y as u32 == 0 => IntegerDivisionByZero] =>
        I32RemS(s s s);
    |x, y| ((x as u32) % (y as u32)) as u64, [y as u32 == 0 => IntegerDivisionByZero] =>
        I32RemU(s s s) I32RemUSsa(s s a) I32RemUSas(s a s) I32RemUSaa(s a a) I32RemUAss(a s s)
        I32RemUAsa(a s a) I32RemUAas(a a s) I32RemUAaa(a a a) I32RemUBss(b s s)
        I32RemUBsa(b s a) I32RemUBas(b a s) I32RemUBaa(b a a);
    |x, y| x.wrapping_add(y), [] =>
        I64Add(s s s) I64AddSsa(s s a) I64AddSas(s a s) I64AddSaa(s a a) I64AddAss(a s s)
        I64AddAsa(a s a) I64AddAas(a a s) I64AddAaa(a a a) I64AddBss(b s s)
        I64AddBsa(b s a) I64AddBas(b a s) I64AddBaa(b a a);
    |x, y| x.wrapping_sub(y), [] =>
        I64Sub(s s s);
    |x, y| x.wrapping_mul(y), [] =>
        I64Mul(s s s) I64MulSsa(s s a) I64MulSas(s a s) I64MulSaa(s a a) I64MulAss(a s s)
        I64MulAsa(a s a) I64MulAas(a a s) I64MulAaa(a a a) I64MulBss(b s s)
        I64MulBsa(b s a) I64MulBas(b a s) I64MulBaa(b a a);
    |x, y| x & y, [] =>
        I64And(s s s) I64AndSsa(s s a) I64AndSas(s a s) I64AndSaa(s a a) I64AndAss(a s s)
        I64AndAsa(a s a) I64AndAas(a a s) I64AndAaa(a a a) I64AndBss(b s s)
        I64AndBsa(b s a) I64AndBas(b a s) I64AndBaa(b a a);
    |x, y| x | y, [] =>
        I64Or(s s s) I64OrSsa(s s a) I64OrSas(s a s) I64OrSaa(s a a) I64OrAss(a s s)
        I64OrAsa(a s a) I64OrAas(a a s) I64OrAaa(a a a) I64OrBss(b s s)
        I64OrBsa(b s a) I64OrBas(b a s) I64OrBaa(b a a);
    |x, y| x ^ y, [] =>
        I64Xor(s s s) I64XorSsa(s s a) I64XorSas(s a s) I64XorSaa(s a a) I64XorAss(a s s)
        I64XorAsa(a s a) I64XorAas(a a s) I64XorAaa(a a a) I64XorBss(b s s)
        I64XorBsa(b s a) I64XorBas(b a s) I64XorBaa(b a a);
    |x, y| x.wrapping_shl(y as u32), [] =>
        I64Shl(s s s);
    |x, y| (x as i64).wrapping_shr(y as u32) as u64, [] =>
        I64ShrS(s s s);
    |x, y| x.wrapping_shr(y as u32), [] =>
        I64ShrU(s s s);
    |x, y| x.rotate_left((y & 63) as u32), [] =>
        I64Rotl(s s s);
    |x, y| x.rotate_right((y & 63) as u32), [] =>
        I64Rotr(s s s);
    |x, y| (x as i64 / y as i64) as u64, [y == 0 => IntegerDivisionByZero, x as i64 == i64::MIN && y as i64 == -1 => IntegerOverflow] =>
        I64DivS(s s s);
    |x, y| x / y, [y == 0 => IntegerDivisionByZero] =>
        I64DivU(s s s) I64DivUSsa(s s a) I64DivUSas(s a s) I64DivUSaa(s a a) I64DivUAss(a s s)
        I64DivUAsa(a s a) I64DivUAas(a a s) I64DivUAaa(a a a) I64DivUBss(b s s)
        I64DivUBsa(b s a) I64DivUBas(b a s) I64DivUBaa(b a a);
    |x, y| (x as i64).wrapping_rem(y as i64) as u64, [y == 0 => IntegerDivisionByZero] =>
        I64RemS(s s s) I64RemSSsa(s s a) I64RemSSas(s a s) I64RemSSaa(s a a) I64RemSAss(a s s)
        I64RemSAsa(a s a) I64RemSAas(a a s) I64RemSAaa(a a a) I64RemSBss(b s s)
        I64RemSBsa(b s a) I64RemSBas(b a s) I64RemSBaa(b a a);
    |x, y| x % y, [y == 0 => IntegerDivisionByZero] =>
        I64RemU(s s s);
}

int_imm! {
    w32 |x, y| (x as u32).wrapping_add(y as u32) as u64 =>
        I32AddImm(s s) I32AddImmSa(s a) I32AddImmAs(a s) I32AddImmAa(a a) I32AddImmBs(b s) I32AddImmBa(b a);
    w32 |x, y| (x as u32).wrapping_mul(y as u32) as u64 =>
        I32MulImm(s s) I32MulImmSa(s a) I32MulImmAs(a s) I32MulImmAa(a a) I32MulImmBs(b s) I32MulImmBa(b a);
    w32 |x, y| ((x as u32) & (y as u32)) as u64 =>
        I32AndImm(s s) I32AndImmSa(s a) I32AndImmAs(a s) I32AndImmAa(a a) I32AndImmBs(b s) I32AndImmBa(b a);
    w32 |x, y| ((x as u32) | (y as u32)) as u64 =>
        I32OrImm(s s) I32OrImmSa(s a) I32OrImmAs(a s) I32OrImmAa(a a) I32OrImmBs(b s) I32OrImmBa(b a);
    w32 |x, y| ((x as u32) ^ (y as u32)) as u64 =>
        I32XorImm(s s) I32XorImmSa(s a) I32XorImmAs(a s) I32XorImmAa(a a) I32XorImmBs(b s) I32XorImmBa(b a);
    w32 |x, y| (x as u32).wrapping_shl(y as u32) as u64 =>
        I32ShlImm(s s) I32ShlImmSa(s a) I32ShlImmAs(a s) I32ShlImmAa(a a) I32ShlImmBs(b s) I32ShlImmBa(b a);
    w32 |x, y| (x as u32 as i32).wrapping_shr(y as u32) as u32 as u64 =>
        I32ShrSImm(s s);
    w32 |x, y| (x as u32).wrapping_shr(y as u32) as u64 =>
        I32ShrUImm(s s) I32ShrUImmSa(s a) I32ShrUImmAs(a s) I32ShrUImmAa(a a) I32ShrUImmBs(b s) I32ShrUImmBa(b a);
    w32 |x, y| (x as u32).rotate_left(y as u32 & 31) as u64 =>
        I32RotlImm(s s) I32RotlImmSa(s a) I32RotlImmAs(a s) I32RotlImmAa(a a) I32RotlImmBs(b s) I32RotlImmBa(b a);
    w32 |x, y| (x as u32).rotate_right(y as u32 & 31) as u64 =>
        I32RotrImm(s s) I32RotrImmSa(s a) I32RotrImmAs(a s) I32RotrImmAa(a a) I32RotrImmBs(b s) I32RotrImmBa(b a);
    w32 |x, y| (y as u32).wrapping_sub(x as u32) as u64 =>
        I32SubImmLhs(s s) I32SubImmLhsSa(s a) I32SubImmLhsAs(a s) I32SubImmLhsAa(a a) I32SubImmLhsBs(b s) I32SubImmLhsBa(b a);
    w64 |x, y| x.wrapping_add(y) =>
        I64AddImm(s s) I64AddImmSa(s a) I64AddImmAs(a s) I64AddImmAa(a a) I64AddImmBs(b s) I64AddImmBa(b a);
    w64 |x, y| x.wrapping_mul(y) =>
        I64MulImm(s s);
    w64 |x, y| x & y =>
        I64AndImm(s s) I64AndImmSa(s a) I64AndImmAs(a s) I64AndImmAa(a a) I64AndImmBs(b s) I64AndImmBa(b a);
    w64 |x, y| x | y =>
        I64OrImm(s s) I64OrImmSa(s a) I64OrImmAs(a s) I64OrImmAa(a a) I64OrImmBs(b s) I64OrImmBa(b a);
    w64 |x, y| x ^ y =>
        I64XorImm(s s) I64XorImmSa(s a) I64XorImmAs(a s) I64XorImmAa(a a) I64XorImmBs(b s) I64XorImmBa(b a);
    w64 |x, y| x.wrapping_shl(y as u32) =>
        I64ShlImm(s s) I64ShlImmSa(s a) I64ShlImmAs(a s) I64ShlImmAa(a a) I64ShlImmBs(b s) I64ShlImmBa(b a);
    w64 |x, y| (x as i64).wrapping_shr(y as u32) as u64 =>
        I64ShrSImm(s s);
    w64 |x, y| x.wrapping_shr(y as u32) =>
        I64ShrUImm(s s) I64ShrUImmSa(s a) I64ShrUImmAs(a s) I64ShrUImmAa(a a) I64ShrUImmBs(b s) I64ShrUImmBa(b a);
    w64 |x, y| x.rotate_left((y & 63) as u32) =>
        I64RotlImm(s s) I64RotlImmSa(s a) I64RotlImmAs(a s) I64RotlImmAa(a a) I64RotlImmBs(b s) I64RotlImmBa(b a);
    w64 |x, y| x.rotate_right((y & 63) as u32) =>
        I64RotrImm(s s);
    w64 |x, y| y.wrapping_sub(x) =>
        I64SubImmLhs(s s);
}

load_forms! {
    4, |b| u32::from_le_bytes(b) as u64 =>
        Load32(s s) Load32Sa(s a) Load32As(a s) Load32Aa(a a) Load32Bs(b s) Load32Ba(b a);
    8, |b| u64::from_le_bytes(b) =>
        Load64(s s) Load64Sa(s a) Load64As(a s) Load64Aa(a a) Load64Bs(b s) Load64Ba(b a);
    1, |b| b[0] as i8 as i32 as u32 as u64 =>
        I32Load8S(s s) I32Load8SSa(s a) I32Load8SAs(a s) I32Load8SAa(a a) I32Load8SBs(b s) I32Load8SBa(b a);
    2, |b| i16::from_le_bytes(b) as i32 as u32 as u64 =>
        I32Load16S(s s);
    1, |b| b[0] as i8 as i64 as u64 =>
        I64Load8S(s s);
    2, |b| i16::from_le_bytes(b) as i64 as u64 =>
        I64Load16S(s s);
    4, |b| i32::from_le_bytes(b) as i64 as u64 =>
        I64Load32S(s s);
    1, |b| b[0] as u64 =>
        Load8U(s s) Load8USa(s a) Load8UAs(a s) Load8UAa(a a) Load8UBs(b s) Load8UBa(b a);
    2, |b| u16::from_le_bytes(b) as u64 =>
        Load16U(s s) Load16USa(s a) Load16UAs(a s) Load16UAa(a a) Load16UBs(b s) Load16UBa(b a);
}

store_forms! {
    1, |v| [v as u8] =>
        Store8(s s) Store8Sa(s a) Store8As(a s) Store8Aa(a a);
    2, |v| (v as u16).to_le_bytes() =>
        Store16(s s) Store16Sa(s a) Store16As(a s) Store16Aa(a a);
    4, |v| (v as u32).to_le_bytes() =>
        Store32(s s) Store32Sa(s a) Store32As(a s) Store32Aa(a a);
    8, |v| v.to_le_bytes() =>
        Store64(s s) Store64Sa(s a) Store64As(a s) Store64Aa(a a);
}

br_if_acc! {
    BrIfNezA => |x| x as u32 != 0;
    BrIfEqzA => |x| x as u32 == 0;
}
