;; post-return takes the core function's results as parameters and returns
;; nothing; this one takes an i64 where the function returns an i32.
;; expect-invalid
;; invalid-because: canonical option `post-return` uses a core function with an incorrect signature
(component
  (core module $m
    (func (export "f") (result i32) (i32.const 0))
    (func (export "post") (param i64)))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32)
    (canon lift (core func $i "f") (post-return (core func $i "post"))))
)
