;; flags: a bit set. Flat it is one i32 (flags are limited to 32); in memory
;; a u8 for up to 8 flags, a u16 for up to 16, a u32 for up to 32. Bits beyond
;; the last flag are ignored when lifting.
;; (wasmtime 49, like the current spec, rejects more than 32 flags at
;; validation: see invalid/flags-33.wat.)
;;
;; perms = flags { read, write, exec }
;; invoke: echo-perms({read, exec})
;; expect: {read, exec}
;; invoke: echo-perms({})
;; expect: {}
;; invoke: echo-perms({read, write, exec})
;; expect: {read, write, exec}
;; invoke: perms-bits({write})
;; expect: 2
;; invoke: perms-bits({read, write, exec})
;; expect: 7
;; invoke: perms-from(5)
;; expect: {read, exec}
;; Unknown bits are dropped:
;; invoke: perms-from(4294967288)
;; expect: {}
;; invoke: perms-from(255)
;; expect: {read, write, exec}
;; invoke: echo-perms-list([{read}, {}, {write, exec}])
;; expect: [{read}, {}, {write, exec}]
;; Element size is 1 byte; the last byte has unknown bits set:
;; invoke: perms-list-from-bytes()
;; expect: [{read}, {write, exec}, {write}]
;;
;; sixteen = flags { b0 ... b15 }: stored as a u16
;; invoke: echo-sixteen({b0, b15})
;; expect: {b0, b15}
;; invoke: sixteen-bits({b0, b8, b15})
;; expect: 33025
;; invoke: sixteen-from(65535)
;; expect: {b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15}
;; invoke: sixteen-from(65536)
;; expect: {}
;; tuple<sixteen, u8> in memory (offsets 0 and 2):
;; invoke: sixteen-pair-from-bytes()
;; expect: ({b1, b9}, 7)
;;
;; thirty-two = flags { f0 ... f31 }: stored as a u32
;; invoke: echo-thirty-two({f0, f16, f31})
;; expect: {f0, f16, f31}
;; invoke: thirty-two-bits({f31})
;; expect: 2147483648
;; invoke: thirty-two-bits({f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31})
;; expect: 4294967295
;; invoke: thirty-two-from(2863311530)
;; expect: {f1, f3, f5, f7, f9, f11, f13, f15, f17, f19, f21, f23, f25, f27, f29, f31}
;; invoke: echo-thirty-two-list([{f0}, {f31}])
;; expect: [{f0}, {f31}]
;;
;; Several flags types in one parameter list (each its own i32):
;; invoke: combine({read}, {b3}, {f30})
;; expect: 1073741841
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

    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "echo-list") (param i32 i32) (result i32)
      (i32.store offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.const 64))
    (data (i32.const 256) "\01\06\fa")
    (func (export "perms-list-from-bytes") (result i32)
      (i32.store offset=64 (i32.const 0) (i32.const 256))
      (i32.store offset=68 (i32.const 0) (i32.const 3))
      (i32.const 64))
    (data (i32.const 264) "\02\02\07")
    (func (export "sixteen-pair-from-bytes") (result i32) (i32.const 264))
    (func (export "combine") (param i32 i32 i32) (result i32)
      (i32.or (local.get 0) (i32.or (i32.shl (local.get 1) (i32.const 1)) (local.get 2))))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (type $perms' (flags "read" "write" "exec"))
  (export $perms "perms" (type $perms'))
  (type $sixteen' (flags
    "b0" "b1" "b2" "b3" "b4" "b5" "b6" "b7" "b8" "b9" "b10" "b11" "b12" "b13" "b14" "b15"))
  (export $sixteen "sixteen" (type $sixteen'))
  (type $thirty-two' (flags
    "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9" "f10" "f11" "f12" "f13" "f14" "f15"
    "f16" "f17" "f18" "f19" "f20" "f21" "f22" "f23" "f24" "f25" "f26" "f27" "f28" "f29" "f30" "f31"))
  (export $thirty-two "thirty-two" (type $thirty-two'))

  (func (export "echo-perms") (param "p" $perms) (result $perms) (canon lift (core func $i "id32")))
  (func (export "perms-bits") (param "p" $perms) (result u32) (canon lift (core func $i "id32")))
  (func (export "perms-from") (param "n" u32) (result $perms) (canon lift (core func $i "id32")))
  (func (export "echo-perms-list") (param "l" (list $perms)) (result (list $perms))
    (canon lift (core func $i "echo-list") (memory $mem) (realloc $realloc)))
  (func (export "perms-list-from-bytes") (result (list $perms))
    (canon lift (core func $i "perms-list-from-bytes") (memory $mem)))
  (func (export "echo-sixteen") (param "f" $sixteen) (result $sixteen) (canon lift (core func $i "id32")))
  (func (export "sixteen-bits") (param "f" $sixteen) (result u32) (canon lift (core func $i "id32")))
  (func (export "sixteen-from") (param "n" u32) (result $sixteen) (canon lift (core func $i "id32")))
  (func (export "sixteen-pair-from-bytes") (result (tuple $sixteen u8))
    (canon lift (core func $i "sixteen-pair-from-bytes") (memory $mem)))
  (func (export "echo-thirty-two") (param "f" $thirty-two) (result $thirty-two) (canon lift (core func $i "id32")))
  (func (export "thirty-two-bits") (param "f" $thirty-two) (result u32) (canon lift (core func $i "id32")))
  (func (export "thirty-two-from") (param "n" u32) (result $thirty-two) (canon lift (core func $i "id32")))
  (func (export "echo-thirty-two-list") (param "l" (list $thirty-two)) (result (list $thirty-two))
    (canon lift (core func $i "echo-list") (memory $mem) (realloc $realloc)))
  (func (export "combine") (param "p" $perms) (param "s" $sixteen) (param "t" $thirty-two) (result u32)
    (canon lift (core func $i "combine")))
)
