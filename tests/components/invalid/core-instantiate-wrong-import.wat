;; A core module instantiated with a function of the wrong core type.
;; expect-invalid
;; invalid-because: type mismatch for export `f` of module instantiation argument `a`
(component
  (core module $a (func (export "f") (param i64)))
  (core instance $a (instantiate $a))
  (core module $b (import "a" "f" (func (param i32))))
  (core instance (instantiate $b (with "a" (instance $a))))
)
