;; result<T, E>: a variant { ok(T), error(E) } where either payload may be
;; absent. Flat: i32 discriminant + the joined payload slots; in memory a u8
;; discriminant, then the payload at the larger alignment.
;;
;; result<u32, string>
;; invoke: echo-full(ok(5))
;; expect: ok(5)
;; invoke: echo-full(err("bad"))
;; expect: err("bad")
;; invoke: echo-full(err(""))
;; expect: err("")
;; The first payload slot joins u32 with the string's pointer; the second is
;; zero for ok, the string length for err:
;; invoke: slot2-full(ok(5))
;; expect: 0
;; invoke: slot2-full(err("four"))
;; expect: 4
;; result (no payloads): returned flat as one i32
;; invoke: echo-bare(ok)
;; expect: ok
;; invoke: echo-bare(err)
;; expect: err
;; invoke: bare-from(1)
;; expect: err
;; invoke: bare-from(2)
;; expect-trap
;; trap-cause: discriminant 2 out of range [0..2)
;; result<_, u32>
;; invoke: echo-err-only(err(7))
;; expect: err(7)
;; invoke: echo-err-only(ok)
;; expect: ok
;; result<u32>
;; invoke: echo-ok-only(ok(4294967295))
;; expect: ok(4294967295)
;; invoke: echo-ok-only(err)
;; expect: err
;; result<f32, u64>: the f32 travels as its bits in the i64 slot
;; invoke: echo-float-or-u64(ok(1.5))
;; expect: ok(1.5)
;; invoke: echo-float-or-u64(err(18446744073709551615))
;; expect: err(18446744073709551615)
;; invoke: slot-float-or-u64(ok(1.5))
;; expect: 1069547520
;; result<string, list<u8>>
;; invoke: echo-str-or-bytes(ok("ünïcödé"))
;; expect: ok("ünïcödé")
;; invoke: echo-str-or-bytes(err([0, 255]))
;; expect: err([0, 255])
;; Guest logic returning results:
;; invoke: checked-div(7, 2)
;; expect: ok(3)
;; invoke: checked-div(-7, 2)
;; expect: ok(-3)
;; invoke: checked-div(1, 0)
;; expect: err("division by zero")
;; invoke: checked-div(-2147483648, -1)
;; expect: err("overflow")
;; Nested: result<option<u8>, result<_, string>>
;; invoke: echo-nested(ok(some(3)))
;; expect: ok(some(3))
;; invoke: echo-nested(ok(none))
;; expect: ok(none)
;; invoke: echo-nested(err(ok))
;; expect: err(ok)
;; invoke: echo-nested(err(err("x")))
;; expect: err(err("x"))
;; Built in memory by the guest: result<u32, string> with discriminant 2 traps
;; invoke: make-full(2)
;; expect-trap
;; trap-cause: discriminant 2 out of range [0..2)
;; invoke: make-full(1)
;; expect: err("made")
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

    ;; Return area at 64. Memory layouts:
    ;;   result<u32, string>       disc @0, payload @4 (u32 or ptr, len)
    ;;   result<_, u32>, result<u32>  disc @0, payload @4
    ;;   result<f32, u64>          disc @0, payload @8
    ;;   result<string, list<u8>>  disc @0, (ptr, len) @4
    (func (export "echo3") (param i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.store offset=72 (i32.const 0) (local.get 2))
      (i32.const 64))
    (func (export "echo2") (param i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.const 64))
    (func (export "slot2") (param i32 i32 i32) (result i32) (local.get 2))
    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "echo-f-u64") (param i32 i64) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i64.store offset=72 (i32.const 0) (local.get 1))
      (i32.const 64))
    (func (export "slot-f-u64") (param i32 i64) (result i64) (local.get 1))

    (data (i32.const 256) "division by zero")
    (data (i32.const 272) "overflow")
    (data (i32.const 280) "made")
    (func $err (param $ptr i32) (param $len i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (i32.const 1))
      (i32.store offset=68 (i32.const 0) (local.get $ptr))
      (i32.store offset=72 (i32.const 0) (local.get $len))
      (i32.const 64))
    (func (export "checked-div") (param $a i32) (param $b i32) (result i32)
      (if (i32.eqz (local.get $b))
        (then (return (call $err (i32.const 256) (i32.const 16)))))
      (if (i32.and (i32.eq (local.get $a) (i32.const 0x80000000))
                   (i32.eq (local.get $b) (i32.const -1)))
        (then (return (call $err (i32.const 272) (i32.const 8)))))
      (i32.store8 offset=64 (i32.const 0) (i32.const 0))
      (i32.store offset=68 (i32.const 0) (i32.div_s (local.get $a) (local.get $b)))
      (i32.const 64))
    (func (export "make-full") (param $disc i32) (result i32)
      (drop (call $err (i32.const 280) (i32.const 4)))
      (i32.store8 offset=64 (i32.const 0) (local.get $disc))
      (i32.const 64))

    ;; result<option<u8>, result<_, string>>: flat (disc, disc, i32, i32);
    ;; memory: disc @0, payload @4 (option<u8>: disc @4, u8 @5;
    ;; result<_, string>: disc @4, (ptr, len) @8)
    (func (export "echo-nested") (param i32 i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store8 offset=68 (i32.const 0) (local.get 1))
      (if (i32.eqz (local.get 0))
        (then (i32.store8 offset=69 (i32.const 0) (local.get 2)))
        (else
          (i32.store offset=72 (i32.const 0) (local.get 2))
          (i32.store offset=76 (i32.const 0) (local.get 3))))
      (i32.const 64))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "echo-full") (param "r" (result u32 (error string))) (result (result u32 (error string)))
    (canon lift (core func $i "echo3") (memory $mem) (realloc $realloc)))
  (func (export "slot2-full") (param "r" (result u32 (error string))) (result u32)
    (canon lift (core func $i "slot2") (memory $mem) (realloc $realloc)))
  (func (export "echo-bare") (param "r" (result)) (result (result))
    (canon lift (core func $i "id32")))
  (func (export "bare-from") (param "n" u32) (result (result))
    (canon lift (core func $i "id32")))
  (func (export "echo-err-only") (param "r" (result (error u32))) (result (result (error u32)))
    (canon lift (core func $i "echo2") (memory $mem)))
  (func (export "echo-ok-only") (param "r" (result u32)) (result (result u32))
    (canon lift (core func $i "echo2") (memory $mem)))
  (func (export "echo-float-or-u64") (param "r" (result f32 (error u64))) (result (result f32 (error u64)))
    (canon lift (core func $i "echo-f-u64") (memory $mem)))
  (func (export "slot-float-or-u64") (param "r" (result f32 (error u64))) (result u64)
    (canon lift (core func $i "slot-f-u64")))
  (func (export "echo-str-or-bytes") (param "r" (result string (error (list u8))))
    (result (result string (error (list u8))))
    (canon lift (core func $i "echo3") (memory $mem) (realloc $realloc)))
  (func (export "checked-div") (param "a" s32) (param "b" s32) (result (result s32 (error string)))
    (canon lift (core func $i "checked-div") (memory $mem)))
  (func (export "echo-nested") (param "r" (result (option u8) (error (result (error string)))))
    (result (result (option u8) (error (result (error string)))))
    (canon lift (core func $i "echo-nested") (memory $mem) (realloc $realloc)))
  (func (export "make-full") (param "disc" u32) (result (result u32 (error string)))
    (canon lift (core func $i "make-full") (memory $mem)))
)
