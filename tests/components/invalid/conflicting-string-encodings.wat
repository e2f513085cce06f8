;; Two string-encoding options on one lift.
;; expect-invalid
;; invalid-because: canonical encoding option `utf8` conflicts with option `utf16`
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
    (func (export "f") (param i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" string) (result u32)
    (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
      string-encoding=utf8 string-encoding=utf16))
)
