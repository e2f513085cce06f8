;; Multiple results (Wasm 2.0 "multi-value"): functions that return several
;; values, and blocks / ifs / loops that take parameters from the stack.
;; The CLI prints each result on its own line.
;; Run:    wisp run examples/multi_value.wat --invoke divmod 17 5
;; Expect: 3
;; Expect: 2
;; Run:    wisp run examples/multi_value.wat --invoke swap 1 2
;; Expect: 2
;; Expect: 1
;; Run:    wisp run examples/multi_value.wat --invoke sort2 9 -4
;; Expect: -4
;; Expect: 9
;; Run:    wisp run examples/multi_value.wat --invoke sort2 -4 9
;; Expect: -4
;; Expect: 9
;; Run:    wisp run examples/multi_value.wat --invoke digit_sum 987654321
;; Expect: 45
;;
;; Results may have different types: an i64 and an f64 here.
;; Run:    wisp run examples/multi_value.wat --invoke split -2.75
;; Expect: -2
;; Expect: -0.75
;; Run:    wisp run examples/multi_value.wat --invoke sum_diff3 10 3
;; Expect: 13
;; Expect: 7
;; Expect: 30

(module
  ;; Quotient and remainder in one call.
  (func (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_u (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))

  ;; Return the parameters in the opposite order.
  (func $swap (export "swap") (param $a i32) (param $b i32) (result i32 i32)
    (local.get $b)
    (local.get $a))

  ;; An `if` with parameters: the two values already on the stack flow into
  ;; the `if`; the `then` arm swaps them, and with no `else` arm they pass
  ;; through unchanged (allowed because params and results match).
  (func (export "sort2") (param $a i32) (param $b i32) (result i32 i32)
    local.get $a
    local.get $b
    ;; the condition goes on top of the two values
    (i32.gt_s (local.get $a) (local.get $b))
    if (param i32 i32) (result i32 i32)
      call $swap
    end)

  ;; A `loop` with a parameter: the running total lives on the operand stack,
  ;; not in a local. A branch back to the loop must carry a new total with it.
  (func (export "digit_sum") (param $n i32) (result i32)
    i32.const 0                      ;; total = 0, the loop's parameter
    loop $digits (param i32) (result i32)
      ;; total += n % 10
      (i32.rem_u (local.get $n) (i32.const 10))
      i32.add
      ;; n /= 10; while n != 0, branch back carrying the total
      (local.tee $n (i32.div_u (local.get $n) (i32.const 10)))
      br_if $digits
      ;; falling out of the loop leaves the total as its result
    end)

  ;; Integer part (as i64) and fractional part of a float.
  (func (export "split") (param $x f64) (result i64 f64)
    (i64.trunc_f64_s (local.get $x))
    (f64.sub (local.get $x) (f64.trunc (local.get $x))))

  ;; A `block` with two parameters and three results: (a, b) -> (a+b, a-b, a*b).
  ;; Locals are still needed to use a value twice, so the block reads them
  ;; for the second and third results.
  (func (export "sum_diff3") (param $a i32) (param $b i32) (result i32 i32 i32)
    local.get $a
    local.get $b
    block $calc (param i32 i32) (result i32 i32 i32)
      i32.add                                    ;; consumes both parameters
      (i32.sub (local.get $a) (local.get $b))
      (i32.mul (local.get $a) (local.get $b))
    end))
