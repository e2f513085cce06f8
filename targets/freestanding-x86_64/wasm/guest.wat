;; The guest the freestanding example runs (compiled to guest.wasm with
;; `wat2wasm guest.wat -o guest.wasm`; both files are checked in).
(module
  (memory (export "memory") 1)

  ;; Fibonacci, recursively: exercises calls.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Stores 1..=n as i32s in linear memory, then sums them back: exercises
  ;; the memory the embedder's hooks provide.
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (local.set $i (i32.const 0))
    (block $stored
      (loop $store
        (br_if $stored (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $store)))
    (block $summed
      (loop $sum
        (br_if $summed (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $acc
          (i32.add (local.get $acc) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
        (br $sum)))
    (local.get $acc))

  ;; memory.grow, for showing a refusal by the hooks.
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages))))
