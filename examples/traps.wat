;; Traps: the ways a WebAssembly computation can stop abnormally. A trap
;; aborts the call; `wisp run` then prints `error: ... trap: <reason>` on
;; stderr and exits with status 1 (a normal return exits with 0).
;;
;; Division: fine with a non-zero divisor, a trap with zero. Signed division
;; also traps on the one quotient that does not fit: -2^31 / -1 = 2^31.
;; Run:    wisp run examples/traps.wat --invoke div 7 2
;; Expect: 3
;; Run:    wisp run examples/traps.wat --invoke div 7 0
;; Expect-exit: 1
;; Expect-stderr: integer divide by zero
;; Run:    wisp run examples/traps.wat --invoke div -2147483648 -1
;; Expect-exit: 1
;; Expect-stderr: integer overflow
;;
;; `unreachable` traps unconditionally: compilers emit it after calls that
;; never return and for impossible cases (Rust's panic=abort, C's __builtin_trap).
;; Run:    wisp run examples/traps.wat --invoke crash
;; Expect-exit: 1
;; Expect-stderr: unreachable
;;
;; Memory is one page (65536 bytes): address 65535 is the last valid byte.
;; Run:    wisp run examples/traps.wat --invoke load_byte 65535
;; Expect: 0
;; Run:    wisp run examples/traps.wat --invoke load_byte 65536
;; Expect-exit: 1
;; Expect-stderr: out of bounds memory access
;;
;; Non-saturating float -> int conversion traps when the value does not fit
;; ("integer overflow") and when it is NaN, here 0/0 ("invalid conversion").
;; Run:    wisp run examples/traps.wat --invoke to_i32 -2147483648.9
;; Expect: -2147483648
;; Run:    wisp run examples/traps.wat --invoke to_i32 3000000000
;; Expect-exit: 1
;; Expect-stderr: integer overflow
;; Run:    wisp run examples/traps.wat --invoke ratio_to_i32 0 0
;; Expect-exit: 1
;; Expect-stderr: invalid conversion to integer
;;
;; call_indirect through a table slot that holds no function (null).
;; Run:    wisp run examples/traps.wat --invoke call_slot 0
;; Expect: 42
;; Run:    wisp run examples/traps.wat --invoke call_slot 1
;; Expect-exit: 1
;; Expect-stderr: uninitialized element
;;
;; Recursion is fine up to the engine's call-depth limit; unbounded recursion
;; is stopped with a trap instead of crashing the host.
;; Run:    wisp run examples/traps.wat --invoke sum_rec 5000
;; Expect: 12502500
;; Run:    wisp run examples/traps.wat --invoke forever 0
;; Expect-exit: 1
;; Expect-stderr: call stack exhausted

(module
  (memory 1)

  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))

  ;; The result type is never produced: `unreachable` is valid in any
  ;; position because it never falls through.
  (func (export "crash") (result i32)
    unreachable)

  (func (export "load_byte") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  ;; Truncates toward zero, so -2147483648.9 still fits.
  (func (export "to_i32") (param $x f64) (result i32)
    (i32.trunc_f64_s (local.get $x)))

  ;; Float division by zero does not trap (0/0 is NaN), but converting the
  ;; NaN to an integer does.
  (func (export "ratio_to_i32") (param $a f64) (param $b f64) (result i32)
    (i32.trunc_f64_s (f64.div (local.get $a) (local.get $b))))

  ;; A table with two slots; only slot 0 is filled, slot 1 stays null.
  (type $get (func (result i32)))
  (func $forty_two (type $get) (i32.const 42))
  (table 2 funcref)
  (elem (i32.const 0) $forty_two)
  (func (export "call_slot") (param $i i32) (result i32)
    (call_indirect (type $get) (local.get $i)))

  ;; n + (n-1) + ... + 1, one call frame per term.
  (func $sum_rec (export "sum_rec") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else
        (i32.add (local.get $n)
          (call $sum_rec (i32.sub (local.get $n) (i32.const 1)))))))

  ;; Never stops calling itself.
  (func $forever (export "forever") (param $n i32) (result i32)
    (call $forever (i32.add (local.get $n) (i32.const 1)))))
