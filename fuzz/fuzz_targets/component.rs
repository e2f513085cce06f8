//! Components loaded, linked against host stand-ins, instantiated and
//! called (see `wisp_fuzz::component`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wisp_fuzz::component::run(data));
