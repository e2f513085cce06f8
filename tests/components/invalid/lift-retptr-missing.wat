;; A string result needs a return pointer (one i32 result); the core function
;; returns the two flat values instead.
;; expect-invalid
;; invalid-because: lowered result types `[I32]` do not match result types `[I32, I32]` of core function 0
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "f") (result i32 i32) (i32.const 0) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (result string) (canon lift (core func $i "f") (memory (core memory $i "mem"))))
)
