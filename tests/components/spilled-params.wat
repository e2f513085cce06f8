;; More than 16 flat parameters: the caller stores all parameters as one
;; tuple in guest memory (allocated with `realloc`) and passes a single
;; pointer. Exactly 16 still go flat.
;;
;; 16 u32 parameters: flat.
;; invoke: sum16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
;; expect: 136
;; invoke: realloc-calls16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
;; expect: 0
;; 17 u32 parameters: one pointer to a 68-byte, 4-aligned area.
;; invoke: sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
;; expect: 153
;; invoke: last17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 4294967295)
;; expect: 4294967295
;; invoke: area17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
;; expect: (1, 4, 68)
;; 17 u64 parameters: an 8-aligned area of 136 bytes.
;; invoke: sum17-u64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18446744073709551615)
;; expect: 135
;; invoke: area17-u64(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
;; expect: (1, 8, 136)
;;
;; Nine strings are 18 flat values: the area holds nine (ptr, len) pairs and
;; every string is allocated after the area.
;; invoke: concat9("a", "b", "c", "d", "e", "f", "g", "h", "i")
;; expect: "abcdefghi"
;; invoke: concat9("", "ü", "", "😀", "", "", "", "", "end")
;; expect: "ü😀end"
;; invoke: area9(".", ".", ".", ".", ".", ".", ".", ".", ".")
;; expect: (10, 4, 72)
;;
;; Nine option<u8> are 18 flat values: in the area each is 2 bytes
;; (discriminant, value).
;; invoke: sum-options(some(1), none, some(2), none, some(3), none, some(4), none, some(255))
;; expect: 265
;; invoke: count-some(some(1), none, some(2), none, some(3), none, some(4), none, some(0))
;; expect: 5
;;
;; A spilled parameter list of many types, returned unchanged as a tuple of
;; the same types (the guest returns the parameter area's own address, whose
;; layout is that tuple's):
;; invoke: echo-sink(true, -5, 65535, '😀', 1.5, -0.25, -9223372036854775808, "héllo", [1, 65535], some(7), err("no"), (8, 9))
;; expect: (true, -5, 65535, '😀', 1.5, -0.25, -9223372036854775808, "héllo", [1, 65535], some(7), err("no"), (8, 9))
;; invoke: echo-sink(false, 0, 0, 'a', -inf, inf, 0, "", [], none, ok(3), (0, 255))
;; expect: (false, 0, 0, 'a', -inf, inf, 0, "", [], none, ok(3), (0, 255))
(component
  (core module $m
    (memory (export "mem") 1)
    (global $first-align (mut i32) (i32.const 0))
    (global $first-size (mut i32) (i32.const 0))
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
      (if (i32.eq (global.get $count) (i32.const 1))
        (then
          (global.set $first-align (local.get $align))
          (global.set $first-size (local.get $size))))
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

    (func $alloc (param $align i32) (param $size i32) (result i32)
      (call $realloc (i32.const 0) (i32.const 0) (local.get $align) (local.get $size)))

    (func (export "sum16")
      (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
      (local $i i32) (local $sum i32)
      (i32.add (i32.add (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3)))
                        (i32.add (i32.add (local.get 4) (local.get 5)) (i32.add (local.get 6) (local.get 7))))
               (i32.add (i32.add (i32.add (local.get 8) (local.get 9)) (i32.add (local.get 10) (local.get 11)))
                        (i32.add (i32.add (local.get 12) (local.get 13)) (i32.add (local.get 14) (local.get 15))))))
    (func (export "realloc-calls16")
      (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
      (global.get $count))

    ;; Sums $n elements of $width bytes (4 or 8) starting at $ptr.
    (func $sum (param $ptr i32) (param $n i32) (param $width i32) (result i64)
      (local $sum i64)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $sum (i64.add (local.get $sum)
            (if (result i64) (i32.eq (local.get $width) (i32.const 8))
              (then (i64.load (local.get $ptr)))
              (else (i64.load32_u (local.get $ptr))))))
          (local.set $ptr (i32.add (local.get $ptr) (local.get $width)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $sum))
    (func (export "sum17") (param $args i32) (result i32)
      (i32.wrap_i64 (call $sum (local.get $args) (i32.const 17) (i32.const 4))))
    (func (export "last17") (param $args i32) (result i32)
      (i32.load offset=64 (local.get $args)))
    (func (export "sum17-u64") (param $args i32) (result i64)
      (call $sum (local.get $args) (i32.const 17) (i32.const 8)))
    ;; (realloc calls, alignment and size of the first call); return area at 16
    (func (export "area") (param $args i32) (result i32)
      (i32.store offset=16 (i32.const 0) (global.get $count))
      (i32.store offset=20 (i32.const 0) (global.get $first-align))
      (i32.store offset=24 (i32.const 0) (global.get $first-size))
      (i32.const 16))

    (func (export "concat9") (param $args i32) (result i32)
      (local $total i32) (local $i i32) (local $dst i32) (local $at i32) (local $n i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (i32.const 9)))
          (local.set $total (i32.add (local.get $total)
            (i32.load offset=4 (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.set $dst (call $alloc (i32.const 1) (local.get $total)))
      (local.set $at (local.get $dst))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (i32.const 9)))
          (local.set $n (i32.load offset=4 (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 3)))))
          (memory.copy (local.get $at)
            (i32.load (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 3))))
            (local.get $n))
          (local.set $at (i32.add (local.get $at) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (i32.store offset=16 (i32.const 0) (local.get $dst))
      (i32.store offset=20 (i32.const 0) (local.get $total))
      (i32.const 16))

    ;; nine option<u8>: (disc, value) byte pairs
    (func (export "sum-options") (param $args i32) (result i32)
      (local $i i32) (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (i32.const 9)))
          (if (i32.load8_u (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 1))))
            (then
              (local.set $sum (i32.add (local.get $sum)
                (i32.load8_u offset=1 (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 1))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.get $sum))
    (func (export "count-some") (param $args i32) (result i32)
      (local $i i32) (local $n i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (i32.const 9)))
          (local.set $n (i32.add (local.get $n)
            (i32.load8_u (i32.add (local.get $args) (i32.shl (local.get $i) (i32.const 1))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.get $n))

    (func (export "id32") (param i32) (result i32) (local.get 0))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "sum16")
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32)
    (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32)
    (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32)
    (result u32)
    (canon lift (core func $i "sum16") (memory $mem) (realloc $realloc)))
  (func (export "realloc-calls16")
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32)
    (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32)
    (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32)
    (result u32)
    (canon lift (core func $i "realloc-calls16") (memory $mem) (realloc $realloc)))

  (type $u32x17 (func
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32)
    (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32)
    (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32)
    (param "p17" u32)
    (result u32)))
  (func (export "sum17") (type $u32x17)
    (canon lift (core func $i "sum17") (memory $mem) (realloc $realloc)))
  (func (export "last17") (type $u32x17)
    (canon lift (core func $i "last17") (memory $mem) (realloc $realloc)))
  (func (export "area17")
    (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32)
    (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32)
    (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32)
    (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32)
    (param "p17" u32)
    (result (tuple u32 u32 u32))
    (canon lift (core func $i "area") (memory $mem) (realloc $realloc)))

  (func (export "sum17-u64")
    (param "p1" u64) (param "p2" u64) (param "p3" u64) (param "p4" u64)
    (param "p5" u64) (param "p6" u64) (param "p7" u64) (param "p8" u64)
    (param "p9" u64) (param "p10" u64) (param "p11" u64) (param "p12" u64)
    (param "p13" u64) (param "p14" u64) (param "p15" u64) (param "p16" u64)
    (param "p17" u64)
    (result u64)
    (canon lift (core func $i "sum17-u64") (memory $mem) (realloc $realloc)))
  (func (export "area17-u64")
    (param "p1" u64) (param "p2" u64) (param "p3" u64) (param "p4" u64)
    (param "p5" u64) (param "p6" u64) (param "p7" u64) (param "p8" u64)
    (param "p9" u64) (param "p10" u64) (param "p11" u64) (param "p12" u64)
    (param "p13" u64) (param "p14" u64) (param "p15" u64) (param "p16" u64)
    (param "p17" u64)
    (result (tuple u32 u32 u32))
    (canon lift (core func $i "area") (memory $mem) (realloc $realloc)))

  (func (export "concat9")
    (param "a" string) (param "b" string) (param "c" string) (param "d" string)
    (param "e" string) (param "f" string) (param "g" string) (param "h" string)
    (param "i" string)
    (result string)
    (canon lift (core func $i "concat9") (memory $mem) (realloc $realloc)))
  (func (export "area9")
    (param "a" string) (param "b" string) (param "c" string) (param "d" string)
    (param "e" string) (param "f" string) (param "g" string) (param "h" string)
    (param "i" string)
    (result (tuple u32 u32 u32))
    (canon lift (core func $i "area") (memory $mem) (realloc $realloc)))

  (type $opt9 (func
    (param "a" (option u8)) (param "b" (option u8)) (param "c" (option u8))
    (param "d" (option u8)) (param "e" (option u8)) (param "f" (option u8))
    (param "g" (option u8)) (param "h" (option u8)) (param "i" (option u8))
    (result u32)))
  (func (export "sum-options") (type $opt9)
    (canon lift (core func $i "sum-options") (memory $mem) (realloc $realloc)))
  (func (export "count-some") (type $opt9)
    (canon lift (core func $i "count-some") (memory $mem) (realloc $realloc)))

  (func (export "echo-sink")
    (param "a" bool) (param "b" s8) (param "c" u16) (param "d" char) (param "e" f32)
    (param "f" f64) (param "g" s64) (param "h" string) (param "i" (list u16))
    (param "j" (option u32)) (param "k" (result u8 (error string))) (param "l" (tuple u8 u8))
    (result (tuple bool s8 u16 char f32 f64 s64 string (list u16) (option u32)
                   (result u8 (error string)) (tuple u8 u8)))
    (canon lift (core func $i "id32") (memory $mem) (realloc $realloc)))
)
