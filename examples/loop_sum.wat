;; Sum of 1..n with a loop.
;; Run:    wisp run examples/loop_sum.wat --invoke sum 100
;; Expect: 5050
;; Run:    wisp run examples/loop_sum.wat --invoke sum 0
;; Expect: 0
;;
;; 65535 is the largest n whose sum (2,147,450,880) still fits in an i32.
;; Run:    wisp run examples/loop_sum.wat --invoke sum 65535
;; Expect: 2147450880
;;
;; With an i64 accumulator the loop can run much longer: ten million rounds.
;; Run:    wisp run examples/loop_sum.wat --invoke sum64 10000000
;; Expect: 50000005000000

(module
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32)
    (local $total i32)
    ;; Count i = 1, 2, ..., n. A `loop` label is a jump target at the *top*
    ;; of the loop; branching to it repeats the body. Falling off the end of
    ;; the loop body leaves the loop.
    (block $exit
      ;; Guard: for n <= 0 the loop body must not run at all.
      (br_if $exit (i32.le_s (local.get $n) (i32.const 0)))
      (local.set $i (i32.const 1))
      (loop $next
        (local.set $total (i32.add (local.get $total) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; `br_if` pops a condition and branches only if it is non-zero:
        ;; go round again while i <= n.
        (br_if $next (i32.le_s (local.get $i) (local.get $n)))))
    (local.get $total))

  ;; The same loop in flat (stack-machine) syntax with a 64-bit total.
  (func (export "sum64") (param $n i32) (result i64)
    (local $total i64)
    block $exit
      local.get $n
      i32.const 0
      i32.le_s
      br_if $exit
      loop $next
        ;; total += n (n counts down instead of up this time)
        local.get $total
        local.get $n
        i64.extend_i32_u     ;; widen the i32 counter to i64
        i64.add
        local.set $total
        ;; n -= 1, and continue while n != 0
        local.get $n
        i32.const 1
        i32.sub
        local.tee $n         ;; tee = set the local *and* keep the value
        br_if $next
      end
    end
    local.get $total))
