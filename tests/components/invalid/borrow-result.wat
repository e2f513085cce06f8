;; A function may not return a borrow.
;; expect-invalid
;; invalid-because: function result cannot contain a `borrow` type
(component
  (type $r (resource (rep i32)))
  (core module $m (func (export "f") (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (result (borrow $r)) (canon lift (core func $i "f")))
)
