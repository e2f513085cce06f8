//! WASI calls from a fixed guest against a fresh preopen (see
//! `wisp_fuzz::wasi`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wisp_fuzz::wasi::run(data));
