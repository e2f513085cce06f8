;; Globals: module-level variables, immutable or mutable, plus a start
;; function that runs once when the module is instantiated.
;; Each `wisp run` creates a fresh instance, so every run starts from scratch.
;;
;; The start function has already set the counter to 40 before `counter` runs.
;; Run:    wisp run examples/globals.wat --invoke counter
;; Expect: 40
;; Run:    wisp run examples/globals.wat --invoke tick
;; Expect: 41
;; Run:    wisp run examples/globals.wat --invoke tick_n 10
;; Expect: 50
;; Run:    wisp run examples/globals.wat --invoke tick_n 1000000
;; Expect: 1000040
;;
;; An i64 global used as an accumulator: 1^2 + 2^2 + ... + 1000^2.
;; Run:    wisp run examples/globals.wat --invoke sum_squares 1000
;; Expect: 333833500

(module
  ;; Immutable global: a named constant, initialised by a constant expression.
  (global $start_value i32 (i32.const 40))

  ;; Mutable globals are declared with `(mut ...)`.
  (global $counter (mut i32) (i32.const 0))
  (global $total (mut i64) (i64.const 0))

  ;; Globals can be exported like functions (the host could read them).
  (export "counter_global" (global $counter))

  ;; The start function takes no parameters and returns nothing.
  (func $init
    (global.set $counter (global.get $start_value)))
  (start $init)

  (func (export "counter") (result i32)
    (global.get $counter))

  ;; counter += 1, return the new value.
  (func $tick (export "tick") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))

  ;; Call tick n times and report where the counter ended up.
  (func (export "tick_n") (param $n i32) (result i32)
    (block $done
      (loop $again
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (drop (call $tick))            ;; ignore tick's result
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (global.get $counter))

  (func (export "sum_squares") (param $n i64) (result i64)
    (local $i i64)
    (global.set $total (i64.const 0))
    (block $done
      (loop $again
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br_if $done (i64.gt_s (local.get $i) (local.get $n)))
        (global.set $total
          (i64.add (global.get $total) (i64.mul (local.get $i) (local.get $i))))
        (br $again)))
    (global.get $total)))
