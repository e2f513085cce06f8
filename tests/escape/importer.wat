;; Imports another instance's memory and tries to reach past its end
;; (tests/tests/escape.rs): the bounds are the exporter's.
(module
  (import "exporter" "memory" (memory 1))
  (func (export "load") (param i32) (result i32)
    (i32.load8_u (local.get 0)))
  (func (export "store") (param i32)
    (i32.store8 (local.get 0) (i32.const 0x77)))
  (func (export "fill") (param $dst i32) (param $len i32)
    (memory.fill (local.get $dst) (i32.const 0x77) (local.get $len)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
