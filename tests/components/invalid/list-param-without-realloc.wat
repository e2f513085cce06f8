;; A list parameter of a lifted function needs realloc (the caller allocates
;; the list in the callee's memory); only memory is given.
;; expect-invalid
;; invalid-because: canonical option `realloc` is required
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "f") (param i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "l" (list u8)) (result u32)
    (canon lift (core func $i "f") (memory (core memory $i "mem"))))
)
