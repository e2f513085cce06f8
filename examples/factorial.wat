;; Factorial with 64-bit integers, written two ways: recursive and iterative.
;; Run:    wisp run examples/factorial.wat --invoke fact_rec 20
;; Expect: 2432902008176640000
;; Run:    wisp run examples/factorial.wat --invoke fact_iter 20
;; Expect: 2432902008176640000
;;
;; 20! is the largest factorial that fits in a signed i64. Past that the
;; multiplication silently wraps modulo 2^64 (Wasm integers never trap on
;; overflow), so 21! = 51090942171709440000 comes out negative, and 25!
;; as an unrelated positive number.
;; Run:    wisp run examples/factorial.wat --invoke fact_iter 21
;; Expect: -4249290049419214848
;; Run:    wisp run examples/factorial.wat --invoke fact_rec 25
;; Expect: 7034535277573963776
;; Run:    wisp run examples/factorial.wat --invoke fact_rec 0
;; Expect: 1

(module
  ;; Recursive: n! = n * (n-1)!, with 0! = 1! = 1.
  (func $fact_rec (export "fact_rec") (param $n i64) (result i64)
    ;; `if` with a result type is an expression: both arms must leave one i64.
    (if (result i64) (i64.le_s (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        (i64.mul
          (local.get $n)
          (call $fact_rec (i64.sub (local.get $n) (i64.const 1)))))))

  ;; Iterative: multiply an accumulator by n, n-1, ..., 2.
  (func (export "fact_iter") (param $n i64) (result i64)
    ;; Locals are declared after the parameters and start out as zero.
    (local $acc i64)
    (local.set $acc (i64.const 1))
    ;; `block` + `loop`: `br 1`/`br_if 1` jumps *out* of the block (a break),
    ;; `br 0` inside the loop jumps back to its *start* (a continue).
    (block $done
      (loop $again
        (br_if $done (i64.le_s (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $again)))
    (local.get $acc)))
