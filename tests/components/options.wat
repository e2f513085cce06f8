;; option<T>: a variant { none, some(T) }. Flat: i32 discriminant + T's
;; slots (zeroed for none); in memory a u8 discriminant, then T aligned.
;;
;; invoke: echo-u32(some(5))
;; expect: some(5)
;; invoke: echo-u32(some(4294967295))
;; expect: some(4294967295)
;; invoke: echo-u32(none)
;; expect: none
;; What the guest receives (discriminant, payload slot):
;; invoke: raw-u32(some(9))
;; expect: (1, 9)
;; invoke: raw-u32(none)
;; expect: (0, 0)
;; invoke: echo-string(some("héllo"))
;; expect: some("héllo")
;; invoke: echo-string(some(""))
;; expect: some("")
;; invoke: echo-string(none)
;; expect: none
;; invoke: echo-nested(some(some(1)))
;; expect: some(some(1))
;; invoke: echo-nested(some(none))
;; expect: some(none)
;; invoke: echo-nested(none)
;; expect: none
;; invoke: echo-f64(some(-inf))
;; expect: some(-inf)
;; invoke: echo-f64(none)
;; expect: none
;; invoke: echo-char(some('€'))
;; expect: some('€')
;; invoke: echo-list(some([1, 2, 3]))
;; expect: some([1, 2, 3])
;; invoke: echo-list(some([]))
;; expect: some([])
;; invoke: echo-list(none)
;; expect: none
;; invoke: unwrap-or(none, 42)
;; expect: 42
;; invoke: unwrap-or(some(7), 42)
;; expect: 7
;; invoke: echo-opts([some(1), none, some(3)])
;; expect: [some(1), none, some(3)]
;;
;; Built in memory by the guest (discriminant, payload):
;; invoke: make(1, 77)
;; expect: some(77)
;; invoke: make(0, 77)
;; expect: none
;; invoke: make(2, 77)
;; expect-trap
;; trap-cause: discriminant 2 out of range [0..2)
;; invoke: make(256, 77)
;; expect: none
;; option<char> with an invalid payload traps only when the case is some:
;; invoke: make-char(1, 55296)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: make-char(0, 55296)
;; expect: none
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

    ;; Return area at 64.
    (func $ret2 (param i32 i32) (result i32)
      (i32.store offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.const 64))
    ;; option<u32>, option<char>, option<option<u32>> flat as (i32, i32 ...):
    ;; u8 discriminant at 0, payload at 4
    (func (export "echo-opt32") (param i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.const 64))
    (func (export "raw") (param i32 i32) (result i32)
      (call $ret2 (local.get 0) (local.get 1)))
    ;; option<string>, option<list<u8>>: disc at 0, (ptr, len) at 4
    (func (export "echo-opt-ptr") (param i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.store offset=72 (i32.const 0) (local.get 2))
      (i32.const 64))
    ;; option<option<u32>>: outer disc at 0, inner disc at 4, value at 8
    (func (export "echo-nested") (param i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store8 offset=68 (i32.const 0) (local.get 1))
      (i32.store offset=72 (i32.const 0) (local.get 2))
      (i32.const 64))
    ;; option<f64>: disc at 0, payload at 8
    (func (export "echo-f64") (param i32 f64) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (f64.store offset=72 (i32.const 0) (local.get 1))
      (i32.const 64))
    (func (export "unwrap-or") (param i32 i32 i32) (result i32)
      (select (local.get 1) (local.get 2) (local.get 0)))
    (func (export "echo-list") (param i32 i32) (result i32)
      (call $ret2 (local.get 0) (local.get 1)))
    ;; writes the whole i32 at the discriminant: only its low byte counts
    (func (export "make") (param i32 i32) (result i32)
      (call $ret2 (local.get 0) (local.get 1)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "echo-u32") (param "o" (option u32)) (result (option u32))
    (canon lift (core func $i "echo-opt32") (memory $mem)))
  (func (export "raw-u32") (param "o" (option u32)) (result (tuple u32 u32))
    (canon lift (core func $i "raw") (memory $mem)))
  (func (export "echo-string") (param "o" (option string)) (result (option string))
    (canon lift (core func $i "echo-opt-ptr") (memory $mem) (realloc $realloc)))
  (func (export "echo-nested") (param "o" (option (option u32))) (result (option (option u32)))
    (canon lift (core func $i "echo-nested") (memory $mem)))
  (func (export "echo-f64") (param "o" (option f64)) (result (option f64))
    (canon lift (core func $i "echo-f64") (memory $mem)))
  (func (export "echo-char") (param "o" (option char)) (result (option char))
    (canon lift (core func $i "echo-opt32") (memory $mem)))
  (func (export "echo-list") (param "o" (option (list u8))) (result (option (list u8)))
    (canon lift (core func $i "echo-opt-ptr") (memory $mem) (realloc $realloc)))
  (func (export "unwrap-or") (param "o" (option u32)) (param "default" u32) (result u32)
    (canon lift (core func $i "unwrap-or")))
  (func (export "echo-opts") (param "l" (list (option u32))) (result (list (option u32)))
    (canon lift (core func $i "echo-list") (memory $mem) (realloc $realloc)))
  (func (export "make") (param "disc" u32) (param "v" u32) (result (option u32))
    (canon lift (core func $i "make") (memory $mem)))
  (func (export "make-char") (param "disc" u32) (param "v" u32) (result (option char))
    (canon lift (core func $i "make") (memory $mem)))
)
