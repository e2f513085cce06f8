;; variant: cases with and without payloads. Flat, the discriminant is an i32
;; followed by the payload slots joined across cases (i32/f32 -> i32, a
;; 32-bit value in a 64-bit slot is zero-extended, floats travel as their
;; bits). In memory the discriminant is as small as the case count allows (u8
;; here), then the payload at the largest case alignment. A discriminant out of
;; range traps.
;;
;; shape = variant { circle(f32), rect(tuple<f32, f32>), point, named(string) }
;; invoke: echo-shape(circle(1.5))
;; expect: circle(1.5)
;; invoke: echo-shape(rect((2.0, -3.5)))
;; expect: rect((2, -3.5))
;; invoke: echo-shape(point)
;; expect: point
;; invoke: echo-shape(named("héllo"))
;; expect: named("héllo")
;; invoke: echo-shape(named(""))
;; expect: named("")
;; invoke: shape-tag(point)
;; expect: 2
;; invoke: shape-tag(named("x"))
;; expect: 3
;; The second payload slot joins f32 (rect) with i32 (named's length):
;; invoke: shape-slot2(rect((0.0, 1.0)))
;; expect: 1065353216
;; invoke: shape-slot2(named("abc"))
;; expect: 3
;;
;; num = variant { i(s32), l(s64), f(f32), d(f64), nothing }: flat (i32, i64)
;; invoke: echo-num(i(-7))
;; expect: i(-7)
;; invoke: echo-num(l(-9223372036854775808))
;; expect: l(-9223372036854775808)
;; invoke: echo-num(f(-0.25))
;; expect: f(-0.25)
;; invoke: echo-num(d(-123456.789))
;; expect: d(-123456.789)
;; invoke: echo-num(nothing)
;; expect: nothing
;; What the guest receives in the i64 slot:
;; invoke: num-bits(i(-1))
;; expect: (0, 4294967295)
;; invoke: num-bits(l(-1))
;; expect: (1, 18446744073709551615)
;; invoke: num-bits(f(1.5))
;; expect: (2, 1069547520)
;; invoke: num-bits(d(1.5))
;; expect: (3, 4609434218613702656)
;; invoke: num-bits(nothing)
;; expect: (4, 0)
;;
;; Variants built in memory by the guest: (discriminant, payload bits)
;; invoke: make-num(2, 1078530011)
;; expect: f(3.1415927)
;; invoke: make-num(0, 18446744073709551615)
;; expect: i(-1)
;; invoke: make-num(2, 2143289345)
;; expect: f(nan)
;; invoke: make-num(4, 12345)
;; expect: nothing
;; invoke: make-num(5, 0)
;; expect-trap
;; trap-cause: discriminant 5 out of range [0..5)
;; invoke: make-num(255, 0)
;; expect-trap
;; trap-cause: discriminant 255 out of range [0..5)
;; Only the discriminant's byte is read; the padding bytes after it are not:
;; invoke: make-num(4294945025, 7)
;; expect: l(7)
;;
;; A variant whose cases have no payload is returned flat as one i32:
;; invoke: light-from-core(2)
;; expect: green
;; invoke: light-from-core(3)
;; expect-trap
;; trap-cause: discriminant 3 out of range [0..3)
;; invoke: light-from-core(4294967295)
;; expect-trap
;; trap-cause: discriminant 4294967295 out of range [0..3)
;; invoke: light-index(yellow)
;; expect: 1
;; An out-of-range discriminant inside a list element traps too:
;; invoke: lights-from-bytes(2)
;; expect: [red, green]
;; invoke: lights-from-bytes(3)
;; expect-trap
;; trap-cause: discriminant 3 out of range [0..3)
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (global $count (mut i32) (i32.const 0))
    (global $last-old (mut i32) (i32.const 0))
    (global $last-old-size (mut i32) (i32.const 0))
    (global $last-align (mut i32) (i32.const 0))
    (global $last-size (mut i32) (i32.const 0))

    ;; A bump allocator that honours the alignment, grows memory as needed
    ;; and records its arguments.
    (func $realloc (export "realloc")
      (param $old i32) (param $old-size i32) (param $align i32) (param $size i32)
      (result i32)
      (local $ptr i32)
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (global.set $last-old (local.get $old))
      (global.set $last-old-size (local.get $old-size))
      (global.set $last-align (local.get $align))
      (global.set $last-size (local.get $size))
      (local.set $ptr
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $ptr) (local.get $size)))
      (block $fits
        (loop $grow
          (br_if $fits (i32.le_u (global.get $bump)
                                 (i32.mul (memory.size) (i32.const 65536))))
          (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
          (br $grow)))
      (if (local.get $old)
        (then
          (memory.copy (local.get $ptr) (local.get $old)
            (select (local.get $old-size) (local.get $size)
                    (i32.lt_u (local.get $old-size) (local.get $size))))))
      (local.get $ptr))

    ;; shape in memory: disc u8 @0, payload @4; size 12. Return area at 64.
    (func (export "echo-shape") (param $disc i32) (param $a i32) (param $b i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get $disc))
      (i32.store offset=68 (i32.const 0) (local.get $a))
      (i32.store offset=72 (i32.const 0) (local.get $b))
      (i32.const 64))
    (func (export "shape-tag") (param i32 i32 i32) (result i32) (local.get 0))
    (func (export "shape-slot2") (param i32 i32 i32) (result i32) (local.get 2))

    ;; num in memory: disc u8 @0, payload @8; size 16
    (func (export "echo-num") (param $disc i32) (param $p i64) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get $disc))
      (i64.store offset=72 (i32.const 0) (local.get $p))
      (i32.const 64))
    (func (export "num-bits") (param $disc i32) (param $p i64) (result i32)
      (i32.store offset=64 (i32.const 0) (local.get $disc))
      (i64.store offset=72 (i32.const 0) (local.get $p))
      (i32.const 64))
    ;; stores the whole i32 (the discriminant byte and three padding bytes)
    (func (export "make-num") (param $disc i32) (param $p i64) (result i32)
      (i32.store offset=64 (i32.const 0) (local.get $disc))
      (i64.store offset=72 (i32.const 0) (local.get $p))
      (i32.const 64))

    (func (export "id32") (param i32) (result i32) (local.get 0))

    ;; list<light>: one byte per element
    (data (i32.const 256) "\00\02\03")
    (func (export "lights-from-bytes") (param $n i32) (result i32)
      (i32.store offset=64 (i32.const 0) (i32.const 256))
      (i32.store offset=68 (i32.const 0) (local.get $n))
      (i32.const 64))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (type $shape' (variant
    (case "circle" f32)
    (case "rect" (tuple f32 f32))
    (case "point")
    (case "named" string)))
  (export $shape "shape" (type $shape'))
  (type $num' (variant
    (case "i" s32)
    (case "l" s64)
    (case "f" f32)
    (case "d" f64)
    (case "nothing")))
  (export $num "num" (type $num'))
  (type $light' (variant (case "red") (case "yellow") (case "green")))
  (export $light "light" (type $light'))

  (func (export "echo-shape") (param "s" $shape) (result $shape)
    (canon lift (core func $i "echo-shape") (memory $mem) (realloc $realloc)))
  (func (export "shape-tag") (param "s" $shape) (result u32)
    (canon lift (core func $i "shape-tag") (memory $mem) (realloc $realloc)))
  (func (export "shape-slot2") (param "s" $shape) (result u32)
    (canon lift (core func $i "shape-slot2") (memory $mem) (realloc $realloc)))
  (func (export "echo-num") (param "n" $num) (result $num)
    (canon lift (core func $i "echo-num") (memory $mem)))
  (func (export "num-bits") (param "n" $num) (result (tuple u32 u64))
    (canon lift (core func $i "num-bits") (memory $mem)))
  (func (export "make-num") (param "disc" u32) (param "bits" u64) (result $num)
    (canon lift (core func $i "make-num") (memory $mem)))
  (func (export "light-from-core") (param "n" u32) (result $light)
    (canon lift (core func $i "id32")))
  (func (export "light-index") (param "l" $light) (result u32)
    (canon lift (core func $i "id32")))
  (func (export "lights-from-bytes") (param "n" u32) (result (list $light))
    (canon lift (core func $i "lights-from-bytes") (memory $mem)))
)
