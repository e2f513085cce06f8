//! The processor features the x86_64 lowering may use beyond the baseline,
//! as `cpuid` reports them (and, in tests, as a test limits them).

use super::super::Feature;

/// Processor features the lowering may use beyond baseline x86_64.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cpu {
    /// `lzcnt`.
    pub lzcnt: bool,
    /// `tzcnt` (BMI1).
    pub bmi1: bool,
    /// `popcnt`.
    pub popcnt: bool,
    /// Supplemental SSE3 (`pshufb`, `pabs*`, `pmulhrsw`).
    pub ssse3: bool,
    /// SSE4.1 (`pmulld`, `pmins*`/`pmaxu*`, `ptest`, `round*`, ...).
    pub sse41: bool,
}

impl Cpu {
    /// The features of the processor this runs on (in tests, as limited
    /// by `test_cpu::limit` on the running thread).
    pub(crate) fn detect() -> Self {
        use core::arch::x86_64::__cpuid;
        // `cpuid` exists on every x86_64 processor; leaves beyond the
        // maximum return zeros, which read as "absent".
        let max = __cpuid(0).eax;
        let max_ext = __cpuid(0x8000_0000).eax;
        let leaf1 = __cpuid(1);
        let leaf7 = if max >= 7 { __cpuid(7).ebx } else { 0 };
        let ext = if max_ext >= 0x8000_0001 {
            __cpuid(0x8000_0001).ecx
        } else {
            0
        };
        let host = Cpu {
            lzcnt: ext & (1 << 5) != 0,
            bmi1: leaf7 & (1 << 3) != 0,
            popcnt: leaf1.ecx & (1 << 23) != 0,
            ssse3: leaf1.ecx & (1 << 9) != 0,
            sse41: leaf1.ecx & (1 << 19) != 0,
        };
        #[cfg(test)]
        let host = test_cpu::limited(host);
        host
    }

    /// Whether it has `feature`.
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    pub(crate) fn has(self, feature: Feature) -> bool {
        match feature {
            Feature::Sse2 => true,
            Feature::Ssse3 => self.ssse3,
            Feature::Sse41 => self.sse41,
        }
    }
}

/// In tests: compiling as if the processor lacked features, so that the
/// lowering's baseline sequences run on any machine.
#[cfg(test)]
pub(crate) mod test_cpu {
    extern crate std;

    use super::Cpu;
    use core::cell::Cell;

    std::thread_local! {
        /// The features compilation on this thread may use, if limited.
        static LIMIT: Cell<Option<Cpu>> = const { Cell::new(None) };
    }

    /// Runs `f` with [`Cpu::detect`] on this thread answering at most the
    /// features of `limit` (and only those the processor has).
    #[cfg_attr(not(feature = "simd"), allow(dead_code))]
    pub(crate) fn limit<R>(limit: Cpu, f: impl FnOnce() -> R) -> R {
        let before = LIMIT.replace(Some(limit));
        let result = f();
        LIMIT.set(before);
        result
    }

    /// `host` limited as [`limit`] says.
    pub(super) fn limited(host: Cpu) -> Cpu {
        match LIMIT.get() {
            None => host,
            Some(l) => Cpu {
                lzcnt: host.lzcnt && l.lzcnt,
                bmi1: host.bmi1 && l.bmi1,
                popcnt: host.popcnt && l.popcnt,
                ssse3: host.ssse3 && l.ssse3,
                sse41: host.sse41 && l.sse41,
            },
        }
    }
}
