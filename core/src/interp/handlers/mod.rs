//! One handler per IR opcode, all with the signature [`Handler`], and the
//! static table that maps an opcode to its handler.

#[macro_use]
mod prelude;
mod accumulator;
mod atomic;
mod branch;
mod control;
mod gc;
mod memory;
mod numeric;
#[cfg(feature = "simd")]
mod simd;
mod table;

use super::{Exit, Fp, InterpContext, Ip};

/// The signature every handler shares, so that each can end in a sibling
/// call of the next one. Seven arguments, all in registers on x86_64 (six
/// integer, one floating-point) and aarch64: the instruction, the frame, the
/// context, memory 0's base and length, and the `f64` and integer
/// accumulators, which carry a value from the instruction that computes it
/// to the one that uses it without a trip through the frame.
pub(crate) type Handler = unsafe fn(Ip, Fp, *mut InterpContext, *mut u8, usize, f64, u64) -> Exit;

macro_rules! handler_table {
    ($($name:ident $format:ident $text:literal)*) => {
        /// The handler of every opcode, indexed by `Op as usize`.
        pub(crate) static HANDLERS: [Handler; crate::ir::Op::ALL.len()] = [
            $(handler_of::$name,)*
        ];
    };
}

/// Every handler under its opcode's name.
mod handler_of {
    pub(super) use super::accumulator::*;
    pub(super) use super::atomic::*;
    pub(super) use super::branch::*;
    pub(super) use super::control::*;
    pub(super) use super::gc::*;
    pub(super) use super::memory::*;
    pub(super) use super::numeric::*;
    #[cfg(feature = "simd")]
    pub(super) use super::simd::*;
    pub(super) use super::table::*;
}

crate::for_each_op!(handler_table);
