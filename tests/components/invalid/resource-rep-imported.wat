;; resource.rep is only for resource types the component defines itself.
;; expect-invalid
;; invalid-because: type 0 is not a local resource
(component
  (import "r" (type $r (sub resource)))
  (core func (canon resource.rep $r))
)
