;; bool and the integer types, as parameters (lowered into the guest) and as
;; results (lifted out of it), flat and through a return pointer.
;;
;; Echoes at the edges of every type:
;; invoke: echo-bool(true)
;; expect: true
;; invoke: echo-bool(false)
;; expect: false
;; invoke: not(false)
;; expect: true
;; invoke: echo-s8(-128)
;; expect: -128
;; invoke: echo-s8(127)
;; expect: 127
;; invoke: echo-s8(-1)
;; expect: -1
;; invoke: echo-u8(0)
;; expect: 0
;; invoke: echo-u8(255)
;; expect: 255
;; invoke: echo-s16(-32768)
;; expect: -32768
;; invoke: echo-s16(32767)
;; expect: 32767
;; invoke: echo-u16(65535)
;; expect: 65535
;; invoke: echo-s32(-2147483648)
;; expect: -2147483648
;; invoke: echo-s32(2147483647)
;; expect: 2147483647
;; invoke: echo-s32(-1)
;; expect: -1
;; invoke: echo-u32(4294967295)
;; expect: 4294967295
;; invoke: echo-s64(-9223372036854775808)
;; expect: -9223372036854775808
;; invoke: echo-s64(9223372036854775807)
;; expect: 9223372036854775807
;; invoke: echo-s64(-1)
;; expect: -1
;; invoke: echo-u64(18446744073709551615)
;; expect: 18446744073709551615
;; invoke: echo-u64(0)
;; expect: 0
;;
;; What the guest receives: bool lowers to 0/1, s8/s16 lower sign-extended to
;; i32, u8/u16 zero-extended (the guest returns the raw i32 as s32/u32):
;; invoke: bool-raw(true)
;; expect: 1
;; invoke: s8-raw(-1)
;; expect: -1
;; invoke: s8-raw(-128)
;; expect: -128
;; invoke: u8-raw(255)
;; expect: 255
;; invoke: s16-raw(-2)
;; expect: -2
;; invoke: u16-raw(65535)
;; expect: 65535
;; invoke: u64-raw-hi(18446744073709551615)
;; expect: 4294967295
;;
;; Lifting from a wider core i32: a bool is any non-zero value, the small
;; integer types keep the low bits (s8/s16 reinterpreted as signed):
;; invoke: bool-from-core(2)
;; expect: true
;; invoke: bool-from-core(2147483648)
;; expect: true
;; invoke: bool-from-core(0)
;; expect: false
;; invoke: u8-from-core(511)
;; expect: 255
;; invoke: u8-from-core(256)
;; expect: 0
;; invoke: s8-from-core(128)
;; expect: -128
;; invoke: s8-from-core(383)
;; expect: 127
;; invoke: s8-from-core(4294967295)
;; expect: -1
;; invoke: u16-from-core(65536)
;; expect: 0
;; invoke: s16-from-core(32768)
;; expect: -32768
;; invoke: s16-from-core(65535)
;; expect: -1
;;
;; Arithmetic in the guest, wrapping:
;; invoke: add-u32(4294967295, 2)
;; expect: 1
;; invoke: add-s64(9223372036854775807, 1)
;; expect: -9223372036854775808
;; invoke: sub-u64(0, 1)
;; expect: 18446744073709551615
;;
;; All of them in one call, returned as a tuple through a return pointer
;; (loaded from memory with the width and signedness of each field):
;; invoke: echo-all(true, -128, 255, -32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615)
;; expect: (true, -128, 255, -32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615)
;; invoke: echo-all(false, -1, 0, -1, 0, -1, 0, -1, 0)
;; expect: (false, -1, 0, -1, 0, -1, 0, -1, 0)
;; A bool byte of 2 in memory lifts as true; an s8 byte 0x80 as -128; the
;; guest writes them directly:
;; invoke: odd-bytes()
;; expect: (true, -128, 128, -1)
;;
;; A function without results (wasmtime prints the empty tuple):
;; invoke: discard(7)
;; expect: ()
(component
  (core module $m
    (memory (export "mem") 1)

    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "discard") (param i32))
    (func (export "id64") (param i64) (result i64) (local.get 0))
    (func (export "not") (param i32) (result i32) (i32.eqz (local.get 0)))
    (func (export "hi64") (param i64) (result i32)
      (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))))
    (func (export "add32") (param i32 i32) (result i32)
      (i32.add (local.get 0) (local.get 1)))
    (func (export "add64") (param i64 i64) (result i64)
      (i64.add (local.get 0) (local.get 1)))
    (func (export "sub64") (param i64 i64) (result i64)
      (i64.sub (local.get 0) (local.get 1)))

    ;; tuple<bool, s8, u8, s16, u16, s32, u32, s64, u64> has offsets
    ;; 0, 1, 2, 4, 6, 8, 12, 16, 24 and size 32; the return area is at 64.
    (func (export "echo-all")
      (param $b i32) (param $s8 i32) (param $u8 i32) (param $s16 i32)
      (param $u16 i32) (param $s32 i32) (param $u32 i32) (param $s64 i64)
      (param $u64 i64) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get $b))
      (i32.store8 offset=65 (i32.const 0) (local.get $s8))
      (i32.store8 offset=66 (i32.const 0) (local.get $u8))
      (i32.store16 offset=68 (i32.const 0) (local.get $s16))
      (i32.store16 offset=70 (i32.const 0) (local.get $u16))
      (i32.store offset=72 (i32.const 0) (local.get $s32))
      (i32.store offset=76 (i32.const 0) (local.get $u32))
      (i64.store offset=80 (i32.const 0) (local.get $s64))
      (i64.store offset=88 (i32.const 0) (local.get $u64))
      (i32.const 64))

    ;; tuple<bool, s8, u8, s8> at 128: bytes 2, 0x80, 0x80, 0xff
    (func (export "odd-bytes") (result i32)
      (i32.store (i32.const 128) (i32.const 0xff808002))
      (i32.const 128))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))

  (func (export "echo-bool") (param "x" bool) (result bool) (canon lift (core func $i "id32")))
  (func (export "not") (param "x" bool) (result bool) (canon lift (core func $i "not")))
  (func (export "echo-s8") (param "x" s8) (result s8) (canon lift (core func $i "id32")))
  (func (export "echo-u8") (param "x" u8) (result u8) (canon lift (core func $i "id32")))
  (func (export "echo-s16") (param "x" s16) (result s16) (canon lift (core func $i "id32")))
  (func (export "echo-u16") (param "x" u16) (result u16) (canon lift (core func $i "id32")))
  (func (export "echo-s32") (param "x" s32) (result s32) (canon lift (core func $i "id32")))
  (func (export "echo-u32") (param "x" u32) (result u32) (canon lift (core func $i "id32")))
  (func (export "echo-s64") (param "x" s64) (result s64) (canon lift (core func $i "id64")))
  (func (export "echo-u64") (param "x" u64) (result u64) (canon lift (core func $i "id64")))

  (func (export "bool-raw") (param "x" bool) (result u32) (canon lift (core func $i "id32")))
  (func (export "s8-raw") (param "x" s8) (result s32) (canon lift (core func $i "id32")))
  (func (export "u8-raw") (param "x" u8) (result u32) (canon lift (core func $i "id32")))
  (func (export "s16-raw") (param "x" s16) (result s32) (canon lift (core func $i "id32")))
  (func (export "u16-raw") (param "x" u16) (result u32) (canon lift (core func $i "id32")))
  (func (export "u64-raw-hi") (param "x" u64) (result u32) (canon lift (core func $i "hi64")))

  (func (export "bool-from-core") (param "x" u32) (result bool) (canon lift (core func $i "id32")))
  (func (export "u8-from-core") (param "x" u32) (result u8) (canon lift (core func $i "id32")))
  (func (export "s8-from-core") (param "x" u32) (result s8) (canon lift (core func $i "id32")))
  (func (export "u16-from-core") (param "x" u32) (result u16) (canon lift (core func $i "id32")))
  (func (export "s16-from-core") (param "x" u32) (result s16) (canon lift (core func $i "id32")))

  (func (export "add-u32") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add32")))
  (func (export "add-s64") (param "a" s64) (param "b" s64) (result s64) (canon lift (core func $i "add64")))
  (func (export "sub-u64") (param "a" u64) (param "b" u64) (result u64) (canon lift (core func $i "sub64")))

  (func (export "echo-all")
    (param "b" bool) (param "c" s8) (param "d" u8) (param "e" s16) (param "f" u16)
    (param "g" s32) (param "h" u32) (param "i" s64) (param "j" u64)
    (result (tuple bool s8 u8 s16 u16 s32 u32 s64 u64))
    (canon lift (core func $i "echo-all") (memory $mem)))
  (func (export "discard") (param "x" u32) (canon lift (core func $i "discard")))
  (func (export "odd-bytes") (result (tuple bool s8 u8 s8))
    (canon lift (core func $i "odd-bytes") (memory $mem)))
)
