//! Runtime values and their encoding in 64-bit frame slots.

use crate::runtime::Func;
use crate::types::{HeapType, ValType};

/// An opaque host reference (`externref`), identified by a host-chosen number.
///
/// wisp does not own host data behind an `externref`; an embedder that needs
/// one maps the number to its own objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternRef(pub u32);

/// A WebAssembly value.
///
/// Floats are carried as their bit patterns so NaN payloads survive unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`, as its bits.
    F32(u32),
    /// An `f64`, as its bits.
    F64(u64),
    /// A `v128`.
    V128(u128),
    /// A `funcref`; `None` is `ref.null func`.
    FuncRef(Option<Func>),
    /// An `externref`; `None` is `ref.null extern`.
    ExternRef(Option<ExternRef>),
}

impl Val {
    /// An `f32` value.
    pub fn f32(v: f32) -> Self {
        Val::F32(v.to_bits())
    }

    /// An `f64` value.
    pub fn f64(v: f64) -> Self {
        Val::F64(v.to_bits())
    }

    /// The type of this value.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FUNCREF,
            Val::ExternRef(_) => ValType::EXTERNREF,
        }
    }

    /// The zero value of a type (`0`, `0.0` or `null`), used for fresh locals,
    /// table slots and globals.
    pub fn default_for(ty: ValType) -> Self {
        Self::from_bits(ty, 0)
    }

    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        if let Val::I32(v) = self {
            Some(*v)
        } else {
            None
        }
    }

    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        if let Val::I64(v) = self {
            Some(*v)
        } else {
            None
        }
    }

    /// The 64-bit slot encoding of a scalar or reference value. `i32` and `f32`
    /// are zero-extended; `funcref` is the store index plus one (zero is null);
    /// `externref` is the host number plus one. The low half of a `v128`.
    pub(crate) fn to_bits(self) -> u64 {
        match self {
            Val::I32(v) => v as u32 as u64,
            Val::I64(v) => v as u64,
            Val::F32(v) => v as u64,
            Val::F64(v) => v,
            Val::V128(v) => v as u64,
            Val::FuncRef(f) => f.map_or(0, |f| f.0 as u64 + 1),
            Val::ExternRef(r) => r.map_or(0, |r| r.0 as u64 + 1),
        }
    }

    /// Decodes a slot as a value of type `ty` (the inverse of [`Val::to_bits`]).
    pub(crate) fn from_bits(ty: ValType, bits: u64) -> Self {
        match ty {
            ValType::I32 => Val::I32(bits as u32 as i32),
            ValType::I64 => Val::I64(bits as i64),
            ValType::F32 => Val::F32(bits as u32),
            ValType::F64 => Val::F64(bits),
            ValType::V128 => Val::V128(bits as u128),
            ValType::Ref(r) => match r.heap {
                HeapType::Extern | HeapType::NoExtern => {
                    Val::ExternRef(bits.checked_sub(1).map(|v| ExternRef(v as u32)))
                }
                _ => Val::FuncRef(bits.checked_sub(1).map(|i| Func(i as u32))),
            },
        }
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Self {
        Val::I32(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I64(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Self {
        Val::f32(v)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::f64(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_encoding_round_trips() {
        for v in [
            Val::I32(-1),
            Val::I64(i64::MIN),
            Val::F32(0x7fc0_0001),
            Val::F64(0xfff0_0000_0000_0001),
            Val::FuncRef(None),
            Val::FuncRef(Some(Func(7))),
            Val::ExternRef(Some(ExternRef(0))),
            Val::ExternRef(None),
        ] {
            assert_eq!(Val::from_bits(v.ty(), v.to_bits()), v);
        }
        assert_eq!(Val::I32(-1).to_bits(), 0xffff_ffff, "i32 is zero-extended");
    }
}
