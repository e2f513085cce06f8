;; 17 u32 parameters are passed through memory as one pointer; a core
;; function taking 17 i32s does not match.
;; expect-invalid
;; invalid-because: lowered parameter types `[I32]` do not match parameter types `[I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]` of core function 0
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
    (func (export "f")
      (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
      (result i32)
      (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "f")
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32)
    (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32)
    (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32)
    (param "p17" u32)
    (result u32)
    (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
)
