;; An exported function whose type uses a record that is not exported.
;; expect-invalid
;; invalid-because: func not valid to be used as export
(component
  (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (type $r (record (field "x" u32)))
  (func (export "f") (param "r" $r) (result u32) (canon lift (core func $i "f")))
)
