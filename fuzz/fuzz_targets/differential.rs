//! wisp against wasmi on the same modules (see `wisp_fuzz::differential`).
#![no_main]
libfuzzer_sys::fuzz_target!(
    init: wisp_fuzz::oracle_panics::install_hook(),
    |data: &[u8]| wisp_fuzz::differential::run(data)
);
