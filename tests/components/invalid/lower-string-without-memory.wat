;; Lowering a function with a string parameter needs the memory option.
;; expect-invalid
;; invalid-because: canonical option `memory` is required
(component
  (component $c
    (core module $m
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
      (func (export "f") (param i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (result u32)
      (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  (instance $c (instantiate $c))
  (core func (canon lower (func $c "f")))
)
