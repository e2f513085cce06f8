//! What every handler file uses: slot access, the handler-defining macros,
//! dispatch to the next instruction, and trap exits.

pub(super) use super::super::float::*;
pub(super) use super::super::{Exit, Fp, InterpContext, Ip};
pub(super) use crate::trap::TrapCode;

/// Reads slot `s` of the frame at `fp`.
///
/// # Safety
/// `s` is below the frame's `frame_size` and the frame lies inside the value
/// stack: the translator emits only such slots, and every frame is set up
/// with `fp + frame_size <= stack end` (checked at each call).
#[inline(always)]
pub(super) unsafe fn rd(fp: Fp, s: u16) -> u64 {
    // SAFETY: see the function's contract.
    unsafe { *fp.add(s as usize) }
}

/// Slot `s` as an `f32`. Same contract as [`rd`].
#[inline(always)]
pub(super) unsafe fn rdf32(fp: Fp, s: u16) -> f32 {
    // SAFETY: forwarded contract.
    f32::from_bits(unsafe { rd(fp, s) } as u32)
}

/// Slot `s` as an `f64`. Same contract as [`rd`].
#[inline(always)]
pub(super) unsafe fn rdf64(fp: Fp, s: u16) -> f64 {
    // SAFETY: forwarded contract.
    f64::from_bits(unsafe { rd(fp, s) })
}

/// Writes slot `s` of the frame at `fp`. Same contract as [`rd`].
#[inline(always)]
pub(super) unsafe fn wr(fp: Fp, s: u16, v: u64) {
    // SAFETY: see `rd`.
    unsafe { *fp.add(s as usize) = v }
}

/// The 128-bit value in slots `s` (low half) and `s + 1` (high half). Same
/// contract as [`rd`], for both slots.
#[inline(always)]
pub(super) unsafe fn rd128(fp: Fp, s: u16) -> u128 {
    // SAFETY: forwarded contract.
    unsafe { rd(fp, s) as u128 | (rd(fp, s + 1) as u128) << 64 }
}

/// Writes `v` to slots `s` (low half) and `s + 1` (high half). Same
/// contract as [`rd`], for both slots.
#[inline(always)]
pub(super) unsafe fn wr128(fp: Fp, s: u16, v: u128) {
    // SAFETY: forwarded contract.
    unsafe {
        wr(fp, s, v as u64);
        wr(fp, s + 1, (v >> 64) as u64);
    }
}

/// The `v128` in slots `s` and `s + 1` seen as `L` (its bits or the
/// lanes of a shape). Same contract as [`rd`], for both slots.
///
/// On a little-endian target the pair's 16 bytes are the vector's bytes in
/// lane order, so they are read as they are: a lane array read from memory
/// is what LLVM turns into one vector load (built through a `u128`, the
/// lanes would be split and joined in general registers).
#[cfg(feature = "simd")]
#[inline(always)]
pub(super) unsafe fn rd_lanes<L: crate::lanes::Lanes>(fp: Fp, s: u16) -> L {
    if cfg!(target_endian = "little") {
        // SAFETY: the slots `s` and `s + 1` are in the frame (the contract)
        // and adjacent; `L` is 16 bytes of plain data laid out as the
        // vector's little-endian bytes (`Lanes`).
        unsafe { core::ptr::read_unaligned(fp.add(s as usize) as *const L) }
    } else {
        // SAFETY: forwarded contract.
        L::from_bits(unsafe { rd128(fp, s) })
    }
}

/// Writes `v` to slots `s` and `s + 1` as a `v128`, the inverse of
/// [`rd_lanes`]. Same contract as [`rd`], for both slots.
#[cfg(feature = "simd")]
#[inline(always)]
pub(super) unsafe fn wr_lanes<L: crate::lanes::Lanes>(fp: Fp, s: u16, v: L) {
    if cfg!(target_endian = "little") {
        // SAFETY: as for `rd_lanes`.
        unsafe { core::ptr::write_unaligned(fp.add(s as usize) as *mut L, v) }
    } else {
        // SAFETY: forwarded contract.
        unsafe { wr128(fp, s, v.to_bits()) }
    }
}

/// Leaves the interpreter with a trap at `ip`.
#[cold]
#[inline(never)]
pub(super) unsafe fn trap(ctx: *mut InterpContext, ip: Ip, fp: Fp, code: TrapCode) -> Exit {
    // SAFETY: `ctx` is the live context of this run (handlers only receive
    // it from `run`); its fields are written through the raw pointer.
    unsafe {
        (*ctx).trap = code;
        (*ctx).exit_ip = ip;
        (*ctx).exit_fp = fp;
    }
    Exit::Trap
}

/// Continues with the instruction at `ip`: a tail call of its handler in
/// the threaded backend, a return to the dispatch loop in the portable one
/// (memory 0's base and length need not be stored: the loop reads them from
/// the VM context, which every handler that changes them updates).
macro_rules! next {
    ($ip:expr, $fp:expr, $cx:expr, $mem:expr, $len:expr, $acc:expr, $iacc:expr) => {{
        let ip: Ip = $ip;
        #[cfg(wisp_threaded)]
        {
            return crate::interp::dispatch(ip, $fp, $cx, $mem, $len, $acc, $iacc);
        }
        #[cfg(not(wisp_threaded))]
        {
            let ctx: *mut InterpContext = $cx;
            // The memory view is kept in the context by the few handlers
            // that change it (`hand_memory`), not stored at every step.
            let _ = ($mem, $len);
            (*ctx).ip = ip;
            (*ctx).fp = $fp;
            (*ctx).acc = $acc;
            (*ctx).iacc = $iacc;
            return Exit::Continue;
        }
    }};
}

/// Defines one handler. The body reads the instruction `i` at `ip` and must
/// end in `next!` or return an [`Exit`].
macro_rules! handler {
    ($name:ident, |$i:ident, $ip:ident, $fp:ident, $cx:ident, $mem:ident, $len:ident, $acc:ident, $iacc:ident| $body:block) => {
        #[allow(
            non_snake_case,
            unused_variables,
            unused_mut,
            unused_unsafe,
            unused_assignments,
            clippy::unnecessary_cast
        )]
        pub(crate) unsafe fn $name(
            mut $ip: Ip,
            mut $fp: Fp,
            $cx: *mut InterpContext,
            mut $mem: *mut u8,
            mut $len: usize,
            mut $acc: f64,
            mut $iacc: u64,
        ) -> Exit {
            // SAFETY: handlers run only from `run` with `ip` pointing at an
            // instruction of the current function's translated code (branch
            // offsets and data-word counts are the translator's), `fp` at a
            // frame set up by `enter` or a call (slot accesses are in bounds,
            // see `rd`), `cx` at the live context and `mem`/`len` describing
            // memory 0 of the current instance.
            unsafe {
                let $i = (*$ip).instr;
                $body
            }
        }
    };
}

/// `dst = op(src)` on raw slot bits.
macro_rules! un {
    ($($name:ident => |$x:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rd(fp, i.b);
            wr(fp, i.a, $e);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `dst = lhs op rhs` on `u64` operands.
macro_rules! bin64 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rd(fp, i.b);
            let $y = rd(fp, i.c);
            wr(fp, i.a, ($e) as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `dst = lhs op imm` on `u64` operands (`imm` sign-extended from 16 bits).
macro_rules! imm64 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rd(fp, i.b);
            let $y = i.c_i16() as i64 as u64;
            wr(fp, i.a, ($e) as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `f32` comparisons: `dst = (lhs op rhs) as i32`.
macro_rules! cmpf32 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf32(fp, i.b);
            let $y = rdf32(fp, i.c);
            wr(fp, i.a, ($e) as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `f64` comparisons: `dst = (lhs op rhs) as i32`.
macro_rules! cmpf64 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf64(fp, i.b);
            let $y = rdf64(fp, i.c);
            wr(fp, i.a, ($e) as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `f32` arithmetic.
macro_rules! binf32 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf32(fp, i.b);
            let $y = rdf32(fp, i.c);
            wr(fp, i.a, ($e).to_bits() as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `f64` arithmetic.
macro_rules! binf64 {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf64(fp, i.b);
            let $y = rdf64(fp, i.c);
            wr(fp, i.a, ($e).to_bits());
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// `f64` arithmetic in every accumulator form: each `Name(d l r)` names
/// where the destination, left and right operands live (`s` slot, `a`
/// accumulator, `b` both for the destination).
macro_rules! binf64_acc {
    ($(|$x:ident, $y:ident| $e:expr => $($name:ident($d:ident $l:ident $r:ident))*;)*) => {$($(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = f64_operand!($l, fp, i.b, acc);
            let $y = f64_operand!($r, fp, i.c, acc);
            let v: f64 = $e;
            f64_result!($d, fp, i.a, acc, v);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*)*};
}

/// An `f64` operand: slot `$slot` (`s`) or the accumulator (`a`).
macro_rules! f64_operand {
    (s, $fp:ident, $slot:expr, $acc:ident) => {
        rdf64($fp, $slot)
    };
    (a, $fp:ident, $slot:expr, $acc:ident) => {
        $acc
    };
}

/// Stores an `f64` result in slot `$slot` (`s`), the accumulator (`a`) or both (`b`).
macro_rules! f64_result {
    (s, $fp:ident, $slot:expr, $acc:ident, $v:ident) => {
        wr($fp, $slot, $v.to_bits())
    };
    (a, $fp:ident, $slot:expr, $acc:ident, $v:ident) => {
        $acc = $v
    };
    (b, $fp:ident, $slot:expr, $acc:ident, $v:ident) => {{
        wr($fp, $slot, $v.to_bits());
        $acc = $v;
    }};
}

/// Unary `f32` operations.
macro_rules! unf32 {
    ($($name:ident => |$x:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf32(fp, i.b);
            wr(fp, i.a, ($e).to_bits() as u64);
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Unary `f64` operations.
macro_rules! unf64 {
    ($($name:ident => |$x:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rdf64(fp, i.b);
            wr(fp, i.a, ($e).to_bits());
            next!(ip.add(1), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Fused compare-and-branch on two slots read with `$rd` (`rd` for
/// integers, `rdf32`/`rdf64` for floats); `c` is the 16-bit offset.
macro_rules! br_cmp {
    ($($name:ident: $rd:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = $rd(fp, i.a);
            let $y = $rd(fp, i.b);
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Fused `f64` compare-and-branch of the accumulator (left) and slot `b`.
macro_rules! br_cmp_acc {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = acc;
            let $y = rdf64(fp, i.b);
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Fused compare-and-branch on a slot and a 16-bit immediate in `b`.
macro_rules! br_cmp_imm {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let $x = rd(fp, i.a);
            let $y = i.b_i16() as i64 as u64;
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Fused integer compare-and-branch of the accumulator and slot `b`.
macro_rules! br_int {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let ($x, $y) = (iacc, rd(fp, i.b));
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// Fused integer compare-and-branch of the accumulator and the immediate in `b`.
macro_rules! br_int_imm {
    ($($name:ident => |$x:ident, $y:ident| $e:expr;)*) => {$(
        handler!($name, |i, ip, fp, cx, mem, len, acc, iacc| {
            let ($x, $y) = (iacc, i.b_i16() as i64 as u64);
            let off = if $e { i.c_i16() as isize } else { 1 };
            next!(ip.offset(off), fp, cx, mem, len, acc, iacc)
        });
    )*};
}

/// The integer comparisons in all their forms from one table line: as a
/// value (two slots; a slot and an immediate) and fused into a branch (two
/// slots, a slot and an immediate, each with the accumulator on the left).
/// `$x`, `$y` are the raw 64-bit operands, an immediate sign-extended.
macro_rules! int_comparisons {
    ($($val:ident $val_imm:ident $reg:ident $reg_acc:ident $imm:ident $imm_acc:ident
        => |$x:ident, $y:ident| $e:expr;)*) => {
        bin64! { $($val => |$x, $y| $e;)* }
        imm64! { $($val_imm => |$x, $y| $e;)* }
        br_cmp! { $($reg: rd => |$x, $y| $e;)* }
        br_cmp_imm! { $($imm => |$x, $y| $e;)* }
        br_int! { $($reg_acc => |$x, $y| $e;)* }
        br_int_imm! { $($imm_acc => |$x, $y| $e;)* }
    };
}

/// The `f64` fused branches in both forms from one table: two slots, and
/// the accumulator on the left.
macro_rules! f64_branches {
    ($($reg:ident $acc_form:ident => |$x:ident, $y:ident| $e:expr;)*) => {
        br_cmp! { $($reg: rdf64 => |$x, $y| $e;)* }
        br_cmp_acc! { $($acc_form => |$x, $y| $e;)* }
    };
}
