;; Instantiating a nested component with an argument of the wrong type.
;; expect-invalid
;; invalid-because: type mismatch for import `f`
(component
  (component $c
    (import "f" (func (param "x" u32) (result u32))))
  (core module $m (func (export "f") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func $f (result u32) (canon lift (core func $i "f")))
  (instance (instantiate $c (with "f" (func $f))))
)
