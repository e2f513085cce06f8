;; A string parameter without the memory option.
;; expect-invalid
;; invalid-because: canonical option `memory` is required
(component
  (core module $m (func (export "f") (param i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" string) (result u32) (canon lift (core func $i "f")))
)
