;; Instantiating a nested component without one of its imports.
;; expect-invalid
;; invalid-because: missing import named `f`
(component
  (component $c
    (import "f" (func (result u32))))
  (instance (instantiate $c))
)
