;; A lift whose core function returns an i64 for a u32 result.
;; expect-invalid
;; invalid-because: lowered result types `[I32]` do not match result types `[I64]` of core function 0
(component
  (core module $m (func (export "f") (result i64) (i64.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f")))
)
