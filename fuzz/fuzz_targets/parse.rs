//! Decoding, validation and translation of arbitrary bytes (see
//! `wisp_fuzz::parse`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wisp_fuzz::parse::run(data));
