;; Floating point: f64 and f32 arithmetic, sqrt, min/max, the four rounding
;; modes, and conversions between floats and integers.
;; Floats print in shortest round-trip form: 5.0 prints as 5, and 0.1 + 0.2
;; shows the binary rounding error that every IEEE 754 language has.
;; Run:    wisp run examples/floats.wat --invoke hypot 3 4
;; Expect: 5
;; Run:    wisp run examples/floats.wat --invoke add 0.1 0.2
;; Expect: 0.30000000000000004
;; Run:    wisp run examples/floats.wat --invoke circle_area 2
;; Expect: 12.566370614359172
;;
;; floor, ceil, trunc, nearest. `nearest` rounds halves to even, and a
;; negative number that rounds to zero becomes negative zero.
;; Run:    wisp run examples/floats.wat --invoke rounding 2.5
;; Expect: 2
;; Expect: 3
;; Expect: 2
;; Expect: 2
;; Run:    wisp run examples/floats.wat --invoke rounding -0.4
;; Expect: -1
;; Expect: -0
;; Expect: -0
;; Expect: -0
;;
;; min/max order -0 below +0, and clamp is max(lo, min(x, hi)).
;; Run:    wisp run examples/floats.wat --invoke min 0 -0
;; Expect: -0
;; Run:    wisp run examples/floats.wat --invoke clamp 7.5 0 5
;; Expect: 5
;;
;; Division by zero is not a trap for floats: it gives infinity or NaN.
;; (0/0 is a NaN whose sign bit Wasm leaves to the hardware, so the example
;; tests it with `is_nan` instead of printing it.) NaN is the one value that
;; is not equal to itself.
;; Run:    wisp run examples/floats.wat --invoke div 1 0
;; Expect: inf
;; Run:    wisp run examples/floats.wat --invoke div -1 0
;; Expect: -inf
;; Run:    wisp run examples/floats.wat --invoke is_nan_ratio 0 0
;; Expect: 1
;; Run:    wisp run examples/floats.wat --invoke is_nan_ratio 1 0
;; Expect: 0
;;
;; Float -> int: the saturating form clamps out-of-range values instead of
;; trapping. Int -> float: 2^53 + 1 is not representable in f64.
;; Run:    wisp run examples/floats.wat --invoke to_i32_sat 10000000000
;; Expect: 2147483647
;; Run:    wisp run examples/floats.wat --invoke to_i32_sat -3.9
;; Expect: -3
;; Run:    wisp run examples/floats.wat --invoke i64_to_f64 9007199254740993
;; Expect: 9007199254740992
;;
;; f32 has about 7 significant digits; its results print as f32.
;; Converting f32 0.1 back to f64 exposes the error hidden by printing.
;; Run:    wisp run examples/floats.wat --invoke f32_sqrt 2
;; Expect: 1.4142135
;; Run:    wisp run examples/floats.wat --invoke through_f32 0.1
;; Expect: 0.10000000149011612

(module
  (func (export "hypot") (param $x f64) (param $y f64) (result f64)
    (f64.sqrt
      (f64.add
        (f64.mul (local.get $x) (local.get $x))
        (f64.mul (local.get $y) (local.get $y)))))

  (func (export "add") (param f64 f64) (result f64)
    (f64.add (local.get 0) (local.get 1)))

  (func (export "div") (param f64 f64) (result f64)
    (f64.div (local.get 0) (local.get 1)))

  ;; Is a / b NaN? Comparisons with NaN are false, except `ne`.
  (func (export "is_nan_ratio") (param $a f64) (param $b f64) (result i32)
    (local $q f64)
    (local.set $q (f64.div (local.get $a) (local.get $b)))
    (f64.ne (local.get $q) (local.get $q)))

  ;; Float literals can be written in decimal (or in hex, e.g. 0x1p-2).
  (func (export "circle_area") (param $r f64) (result f64)
    (f64.mul (f64.const 3.141592653589793)
      (f64.mul (local.get $r) (local.get $r))))

  ;; Four results, one per rounding instruction.
  (func (export "rounding") (param $x f64) (result f64 f64 f64 f64)
    (f64.floor (local.get $x))
    (f64.ceil (local.get $x))
    (f64.trunc (local.get $x))
    (f64.nearest (local.get $x)))

  (func (export "min") (param f64 f64) (result f64)
    (f64.min (local.get 0) (local.get 1)))

  (func (export "clamp") (param $x f64) (param $lo f64) (param $hi f64) (result f64)
    (f64.max (local.get $lo) (f64.min (local.get $x) (local.get $hi))))

  ;; i32.trunc_f64_s would trap on 1e10 ("integer overflow", see traps.wat);
  ;; the _sat variant (Wasm 2.0) saturates to i32::MAX instead. Both round
  ;; toward zero.
  (func (export "to_i32_sat") (param $x f64) (result i32)
    (i32.trunc_sat_f64_s (local.get $x)))

  (func (export "i64_to_f64") (param $n i64) (result f64)
    (f64.convert_i64_s (local.get $n)))

  (func (export "f32_sqrt") (param $x f32) (result f32)
    (f32.sqrt (local.get $x)))

  ;; f64 -> f32 (demote, rounds to the nearest f32) -> f64 (promote, exact).
  (func (export "through_f32") (param $x f64) (result f64)
    (f64.promote_f32 (f32.demote_f64 (local.get $x)))))
