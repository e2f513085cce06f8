//! Instantiation with host stand-ins for every import (see
//! `wisp_fuzz::instantiate`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wisp_fuzz::instantiate::run(data));
