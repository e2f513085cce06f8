;; A SIMD probe for bench/simd/run.sh: `RUNTIME run --invoke probe wasm/probe.wasm`
;; prints 42 on a runtime that executes SIMD and fails to load elsewhere.
(module
  (func (export "probe") (result i32)
    (i32x4.extract_lane 0 (v128.const i32x4 42 0 0 0))))
