;; Two exports with the same name.
;; expect-invalid
;; invalid-because: export name `f` conflicts with previous name `f`
(component
  (core module $m (func (export "f") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func $f (result u32) (canon lift (core func $i "f")))
  (export "f" (func $f))
  (export "f" (func $f))
)
