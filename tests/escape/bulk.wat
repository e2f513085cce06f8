;; Bulk memory operations for the escape suite (tests/tests/escape.rs):
;; one page of memory, a 16-byte passive data segment, and each operation
;; exported with its operands as parameters.
(module
  (memory (export "memory") 1)
  (data $d "0123456789abcdef")
  (func (export "fill") (param $dst i32) (param $len i32)
    (memory.fill (local.get $dst) (i32.const 0x5a) (local.get $len)))
  (func (export "copy") (param $dst i32) (param $src i32) (param $len i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $len)))
  (func (export "init") (param $dst i32) (param $off i32) (param $len i32)
    (memory.init $d (local.get $dst) (local.get $off) (local.get $len)))
  (func (export "drop")
    (data.drop $d)))
