;; A lift whose core function takes an i64 where the component type
;; (a u32 parameter) flattens to an i32.
;; expect-invalid
;; invalid-because: lowered parameter types `[I32]` do not match parameter types `[I64]` of core function 0
(component
  (core module $m (func (export "f") (param i64) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f")))
)
