;; Export names must be kebab-case.
;; expect-invalid
;; invalid-because: export name `Not_Kebab` is not a valid extern name
(component
  (core module $m (func (export "f") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "Not_Kebab") (result u32) (canon lift (core func $i "f")))
)
