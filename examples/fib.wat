;; Fibonacci numbers: the classic (slow) recursive version, and a fast loop.
;; fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2).
;; Run:    wisp run examples/fib.wat --invoke fib 20
;; Expect: 6765
;;
;; The recursive version makes about 2 * fib(n) calls: fib 27 makes ~630,000,
;; which exercises function calls in the engine.
;; Run:    wisp run examples/fib.wat --invoke fib 27
;; Expect: 196418
;;
;; The loop version is linear and uses i64; fib(92) is the largest Fibonacci
;; number that fits in a signed i64.
;; Run:    wisp run examples/fib.wat --invoke fib_iter 92
;; Expect: 7540113804746346429

(module
  ;; Recursive: two calls per level.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Iterative: keep the last two values, (a, b) -> (b, a + b), n times.
  (func (export "fib_iter") (param $n i32) (result i64)
    (local $a i64)
    (local $b i64)
    (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $step
        ;; `i32.eqz` is 1 when its operand is 0: stop once n reaches zero.
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step)))
    (local.get $a)))
