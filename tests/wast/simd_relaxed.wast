;; The relaxed SIMD operators with opcodes of their own, in wisp's
;; deterministic profile (docs/architecture.md, "Relaxed SIMD"): madd and
;; nmadd unfused, the 8-bit dot products signed and saturating per pair.
;; Expectations worked out by hand from those definitions.

(module
  (func (export "f32x4.relaxed_madd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f32x4.relaxed_nmadd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f64x2.relaxed_madd") (param v128 v128 v128) (result v128)
    (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "f64x2.relaxed_nmadd") (param v128 v128 v128) (result v128)
    (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "dot") (param v128 v128) (result v128)
    (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
  (func (export "dot_add") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
  ;; Constants on every side; the result overwriting an operand's local.
  (func (export "madd_k") (param v128) (result v128)
    (f32x4.relaxed_madd (v128.const f32x4 2 2 2 2) (local.get 0) (v128.const f32x4 1 1 1 1)))
  (func (export "madd_into_local") (param v128) (result v128)
    (local.set 0 (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0)))
    (local.get 0))
  ;; A loop: acc = acc * 1.5 + 1, eight times, from 0.
  (func (export "madd_loop") (result v128)
    (local $acc v128) (local $i i32)
    (loop $l
      (local.set $acc
        (f32x4.relaxed_madd (local.get $acc) (v128.const f32x4 1.5 1.5 1.5 1.5)
                            (v128.const f32x4 1 1 1 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (local.get $acc))
  ;; Dot products summed over a loop through the accumulator operand.
  (func (export "dot_add_loop") (param v128 v128) (result v128)
    (local $acc v128) (local $i i32)
    (loop $l
      (local.set $acc (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get $acc)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (local.get $acc))
)

;; Lane 0: (1 + 2^-23)^2 rounds to 1 + 2^-22 before the addition, so the
;; sum is exactly 0 (fused it would be 2^-46). Lane 2 overflows to inf.
(assert_return
  (invoke "f32x4.relaxed_madd"
    (v128.const i32x4 0x3f800001 0x40000000 0x7f7fffff 0x3f000000)
    (v128.const i32x4 0x3f800001 0x40400000 0x40000000 0x80000000)
    (v128.const i32x4 0xbf800002 0x3f800000 0xff7fffff 0x80000000))
  (v128.const i32x4 0 0x40e00000 0x7f800000 0x80000000))
(assert_return
  (invoke "f32x4.relaxed_madd"
    (v128.const f32x4 0x1.000002p+0 2 0x1.fffffep+127 0.5)
    (v128.const f32x4 0x1.000002p+0 3 2 -0)
    (v128.const f32x4 -0x1.000004p+0 1 -0x1.fffffep+127 -0))
  (v128.const f32x4 0 7 inf -0))
(assert_return
  (invoke "f32x4.relaxed_nmadd"
    (v128.const f32x4 0x1.000002p+0 2 0x1.fffffep+127 0.5)
    (v128.const f32x4 0x1.000002p+0 3 2 -0)
    (v128.const f32x4 -0x1.000004p+0 1 -0x1.fffffep+127 -0))
  (v128.const f32x4 -0x1.000004p+1 -5 -inf 0))
(assert_return
  (invoke "f32x4.relaxed_madd"
    (v128.const f32x4 nan 1 1 1) (v128.const f32x4 1 1 1 1) (v128.const f32x4 1 1 1 1))
  (v128.const f32x4 nan:arithmetic 2 2 2))
(assert_return
  (invoke "f64x2.relaxed_madd"
    (v128.const f64x2 0x1.0000000000001p+0 2)
    (v128.const f64x2 0x1.0000000000001p+0 3)
    (v128.const f64x2 -0x1.0000000000002p+0 1))
  (v128.const f64x2 0 7))
(assert_return
  (invoke "f64x2.relaxed_nmadd"
    (v128.const f64x2 0x1.0000000000001p+0 2)
    (v128.const f64x2 0x1.0000000000001p+0 3)
    (v128.const f64x2 -0x1.0000000000002p+0 1))
  (v128.const f64x2 -0x1.0000000000002p+1 -5))
(assert_return
  (invoke "f64x2.relaxed_madd"
    (v128.const f64x2 0x1.fffffffffffffp+1023 -0) (v128.const f64x2 2 5) (v128.const f64x2 1 -0))
  (v128.const f64x2 inf -0))

;; Pairs: 2 x (-128)^2 saturates to 32767; -128 x 127 twice is -32512;
;; then 3x-5 + 7x11, 0, 1x5 + 2x6, 3x7 + 4x8, -1x9 + -2x10, 2 x 127^2.
(assert_return
  (invoke "dot"
    (v128.const i8x16 -128 -128 -128 127 3 7 0 0 1 2 3 4 -1 -2 127 127)
    (v128.const i8x16 -128 -128 127 -128 -5 11 0 0 5 6 7 8 9 10 127 127))
  (v128.const i16x8 32767 -32512 62 0 17 53 -29 32258))
;; The pair sums added pairwise, plus the accumulator (lane 0 wraps).
(assert_return
  (invoke "dot_add"
    (v128.const i8x16 -128 -128 -128 127 3 7 0 0 1 2 3 4 -1 -2 127 127)
    (v128.const i8x16 -128 -128 127 -128 -5 11 0 0 5 6 7 8 9 10 127 127)
    (v128.const i32x4 2147483647 1 0 -1))
  (v128.const i32x4 -2147483394 63 70 32228))

(assert_return (invoke "madd_k" (v128.const f32x4 1 -1 0.5 inf)) (v128.const f32x4 3 -1 2 inf))
;; x * x + x.
(assert_return (invoke "madd_into_local" (v128.const f32x4 2 -1 0 3)) (v128.const f32x4 6 0 0 12))
;; 1, 2.5, 4.75, 8.125, 13.1875, 20.78125, 32.171875, 49.2578125.
(assert_return (invoke "madd_loop") (v128.const f32x4 49.2578125 49.2578125 49.2578125 49.2578125))
;; 1,000 times (1x1 + 2x2 + ... per lane pair of pairs): lane k sums
;; products of lanes 4k..4k+3.
(assert_return
  (invoke "dot_add_loop"
    (v128.const i8x16 1 2 3 4 5 6 7 8 -1 -2 -3 -4 0 0 0 100)
    (v128.const i8x16 1 1 1 1 2 2 2 2 3 3 3 3 0 0 0 100))
  (v128.const i32x4 10000 52000 -30000 10000000))
