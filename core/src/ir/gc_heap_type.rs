//! The heap type a `ref.test` or `ref.cast` checks against, as one `u32`
//! in the instruction's data word.

use crate::types::HeapType;

/// A heap type in an instruction: abstract, or a type of the module by its
/// index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GcHeapType {
    /// An abstract heap type (never `Concrete` or `Canonical`).
    Abstract(HeapType),
    /// A type of the module, by index.
    Defined(u32),
}

/// The abstract heap types, by their code (`ABSTRACT_BASE + k`).
const ABSTRACT: [HeapType; 12] = [
    HeapType::Any,
    HeapType::Eq,
    HeapType::I31,
    HeapType::Struct,
    HeapType::Array,
    HeapType::None,
    HeapType::Func,
    HeapType::NoFunc,
    HeapType::Extern,
    HeapType::NoExtern,
    HeapType::Exn,
    HeapType::NoExn,
];

/// The code of the first abstract heap type; module type indices are
/// below it (a module has at most a million types).
const ABSTRACT_BASE: u32 = 0xffff_ff00;

impl GcHeapType {
    /// The heap type of a module's code (`Concrete` for its own types).
    pub fn of(heap: HeapType) -> Self {
        match heap {
            HeapType::Concrete(k) => GcHeapType::Defined(k),
            HeapType::Canonical(_) => unreachable!("a module's code names its own types"),
            abstract_type => GcHeapType::Abstract(abstract_type),
        }
    }

    /// The code in a data word.
    pub fn encode(self) -> u32 {
        match self {
            GcHeapType::Defined(k) => k,
            GcHeapType::Abstract(h) => {
                let k = ABSTRACT.iter().position(|&a| a == h).unwrap_or(0);
                ABSTRACT_BASE + k as u32
            }
        }
    }

    /// The heap type a code names.
    pub fn decode(code: u32) -> Self {
        match code.checked_sub(ABSTRACT_BASE) {
            Some(k) => {
                GcHeapType::Abstract(ABSTRACT.get(k as usize).copied().unwrap_or(HeapType::Any))
            }
            None => GcHeapType::Defined(code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for h in ABSTRACT {
            assert_eq!(
                GcHeapType::decode(GcHeapType::of(h).encode()),
                GcHeapType::Abstract(h)
            );
        }
        for k in [0, 7, 999_999] {
            let t = GcHeapType::of(HeapType::Concrete(k));
            assert_eq!(GcHeapType::decode(t.encode()), GcHeapType::Defined(k));
        }
    }
}
