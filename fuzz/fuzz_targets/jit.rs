//! wisp's JIT against its interpreter on the same modules (see
//! `wisp_fuzz::jit`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(divergence) = wisp_fuzz::jit::run(data) {
        panic!("{divergence}");
    }
});
