;; f32 and f64: parameters, flat results, results through a return pointer,
;; infinities, signed zero, subnormals and NaN.
;;
;; NaN: lifting a float canonicalises any NaN (so a NaN with a payload leaves
;; the guest as the canonical NaN, printed `nan`). Lowering a NaN into the guest
;; may produce any NaN bit pattern (the spec allows it outside its
;; deterministic profile), so the corpus only checks that it stays a NaN, never
;; its bits.
;;
;; invoke: echo-f32(1.5)
;; expect: 1.5
;; invoke: echo-f32(-0.0)
;; expect: -0
;; invoke: echo-f32(inf)
;; expect: inf
;; invoke: echo-f32(-inf)
;; expect: -inf
;; invoke: echo-f32(nan)
;; expect: nan
;; invoke: echo-f32(3.4028235e38)
;; expect: 340282350000000000000000000000000000000
;; invoke: echo-f32(1e-45)
;; expect: 0.000000000000000000000000000000000000000000001
;; invoke: echo-f64(0.1)
;; expect: 0.1
;; invoke: echo-f64(-inf)
;; expect: -inf
;; invoke: echo-f64(1.7976931348623157e308)
;; expect: 179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
;; invoke: echo-f64(nan)
;; expect: nan
;; invoke: add-f64(0.1, 0.2)
;; expect: 0.30000000000000004
;; invoke: add-f64(inf, -inf)
;; expect: nan
;; invoke: add-f32(16777216.0, 1.0)
;; expect: 16777216
;; invoke: promote(0.1)
;; expect: 0.10000000149011612
;; invoke: demote(0.1)
;; expect: 0.1
;;
;; The bits the guest receives for ordinary values:
;; invoke: f32-bits(1.0)
;; expect: 1065353216
;; invoke: f32-bits(-0.0)
;; expect: 2147483648
;; invoke: f32-bits(-inf)
;; expect: 4286578688
;; invoke: f64-bits(-2.0)
;; expect: 13835058055282163712
;; invoke: is-nan-f64(nan)
;; expect: true
;; invoke: is-nan-f32(nan)
;; expect: true
;; invoke: is-nan-f64(inf)
;; expect: false
;;
;; Floats built from bits by the guest and lifted: payload NaNs of either sign
;; come out as `nan`:
;; invoke: f32-from-bits(2143289345)
;; expect: nan
;; invoke: f32-from-bits(4294967295)
;; expect: nan
;; invoke: f32-from-bits(2139095040)
;; expect: inf
;; invoke: f32-from-bits(1)
;; expect: 0.000000000000000000000000000000000000000000001
;; invoke: f64-from-bits(9221120237041090561)
;; expect: nan
;; invoke: f64-from-bits(18442240474082181120)
;; expect: -inf
;;
;; Through a return pointer: tuple<f32, f64, f32> (offsets 0, 8, 16)
;; invoke: swap-pair(2.5, -1.25)
;; expect: (-1.25, 2.5, 1.25)
;; The guest writes a payload NaN into each float field of the return area:
;; invoke: nan-pair()
;; expect: (nan, nan, nan)
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "idf32") (param f32) (result f32) (local.get 0))
    (func (export "idf64") (param f64) (result f64) (local.get 0))
    (func (export "addf32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
    (func (export "addf64") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
    (func (export "promote") (param f32) (result f64) (f64.promote_f32 (local.get 0)))
    (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
    (func (export "f32-bits") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
    (func (export "f64-bits") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
    (func (export "is-nan-f32") (param f32) (result i32) (f32.ne (local.get 0) (local.get 0)))
    (func (export "is-nan-f64") (param f64) (result i32) (f64.ne (local.get 0) (local.get 0)))
    (func (export "f32-from-bits") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
    (func (export "f64-from-bits") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))

    ;; (a: f32, b: f64) -> tuple<f32, f64, f32> = (b, a, |b|) demoted/promoted
    (func (export "swap-pair") (param $a f32) (param $b f64) (result i32)
      (f32.store offset=0 (i32.const 32) (f32.demote_f64 (local.get $b)))
      (f64.store offset=8 (i32.const 32) (f64.promote_f32 (local.get $a)))
      (f32.store offset=16 (i32.const 32) (f32.abs (f32.demote_f64 (local.get $b))))
      (i32.const 32))

    (func (export "nan-pair") (result i32)
      (i32.store offset=0 (i32.const 32) (i32.const 0x7fc00001))
      (i64.store offset=8 (i32.const 32) (i64.const 0xfff8000000000001))
      (i32.store offset=16 (i32.const 32) (i32.const 0xff800001))
      (i32.const 32))
  )
  (core instance $i (instantiate $m))

  (func (export "echo-f32") (param "x" f32) (result f32) (canon lift (core func $i "idf32")))
  (func (export "echo-f64") (param "x" f64) (result f64) (canon lift (core func $i "idf64")))
  (func (export "add-f32") (param "a" f32) (param "b" f32) (result f32) (canon lift (core func $i "addf32")))
  (func (export "add-f64") (param "a" f64) (param "b" f64) (result f64) (canon lift (core func $i "addf64")))
  (func (export "promote") (param "x" f32) (result f64) (canon lift (core func $i "promote")))
  (func (export "demote") (param "x" f64) (result f32) (canon lift (core func $i "demote")))
  (func (export "f32-bits") (param "x" f32) (result u32) (canon lift (core func $i "f32-bits")))
  (func (export "f64-bits") (param "x" f64) (result u64) (canon lift (core func $i "f64-bits")))
  (func (export "is-nan-f32") (param "x" f32) (result bool) (canon lift (core func $i "is-nan-f32")))
  (func (export "is-nan-f64") (param "x" f64) (result bool) (canon lift (core func $i "is-nan-f64")))
  (func (export "f32-from-bits") (param "x" u32) (result f32) (canon lift (core func $i "f32-from-bits")))
  (func (export "f64-from-bits") (param "x" u64) (result f64) (canon lift (core func $i "f64-from-bits")))
  (func (export "swap-pair") (param "a" f32) (param "b" f64) (result (tuple f32 f64 f32))
    (canon lift (core func $i "swap-pair") (memory (core memory $i "mem"))))
  (func (export "nan-pair") (result (tuple f32 f64 f32))
    (canon lift (core func $i "nan-pair") (memory (core memory $i "mem"))))
)
