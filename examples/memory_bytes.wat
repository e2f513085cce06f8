;; Linear memory byte by byte: stores and loads of 8/16/32/64-bit values,
;; sign vs zero extension, little-endian layout, a data segment, and the bulk
;; memory instructions memory.fill and memory.copy.
;;
;; A byte 0xFF reads back as -1 when sign-extended, 255 when zero-extended.
;; Run:    wisp run examples/memory_bytes.wat --invoke extend8
;; Expect: -1
;; Expect: 255
;; Run:    wisp run examples/memory_bytes.wat --invoke extend16
;; Expect: -32768
;; Expect: 32768
;;
;; Memory is little-endian: storing the i64 0x0102030405060708 puts 0x08 first.
;; Run:    wisp run examples/memory_bytes.wat --invoke little_endian
;; Expect: 8
;; Expect: 84281096
;; Expect: 16909060
;;
;; The data segment puts "The quick brown fox..." at address 64; 'T' is 84.
;; Run:    wisp run examples/memory_bytes.wat --invoke load_u8 64
;; Expect: 84
;;
;; Everything at once, summarised by an Adler-32 checksum of bytes 0..256.
;; Run:    wisp run examples/memory_bytes.wat --invoke checksum
;; Expect: 650061493
;;
;; Memory is one 64 KiB page: the last whole i32 starts at 65532, and a load
;; at 65534 would read two bytes past the end, so it traps.
;; Run:    wisp run examples/memory_bytes.wat --invoke load_i32 65532
;; Expect: 0
;; Run:    wisp run examples/memory_bytes.wat --invoke load_i32 65534
;; Expect-exit: 1
;; Expect-stderr: out of bounds memory access

(module
  ;; Exactly one page, and it may never grow (min 1, max 1).
  (memory 1 1)

  ;; An active data segment: copied into memory when the module is instantiated.
  (data (i32.const 64) "The quick brown fox jumps over the lazy dog")

  ;; 8-bit store keeps only the low byte of its i32 operand (0x1FF -> 0xFF).
  (func $extend8 (export "extend8") (result i32 i32)
    (i32.store8 (i32.const 0) (i32.const 0x1FF))
    (i32.load8_s (i32.const 0))     ;; sign-extend: 0xFF -> -1
    (i32.load8_u (i32.const 0)))    ;; zero-extend: 0xFF -> 255

  (func $extend16 (export "extend16") (result i32 i32)
    (i32.store16 (i32.const 2) (i32.const 0x18000))   ;; stores 0x8000
    (i32.load16_s (i32.const 2))
    (i32.load16_u (i32.const 2)))

  (func $little_endian (export "little_endian") (result i32 i32 i64)
    (i64.store (i32.const 8) (i64.const 0x0102030405060708))
    (i32.load8_u (i32.const 8))     ;; lowest byte first: 0x08
    (i32.load (i32.const 8))        ;; low half: 0x05060708
    ;; `offset=4` is a constant added to the address: this reads bytes 12..16,
    ;; the high half 0x01020304, zero-extended to i64.
    (i64.load32_u offset=4 (i32.const 8)))

  (func (export "load_u8") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  ;; Every access is bounds-checked: address + offset + size must fit.
  (func (export "load_i32") (param $addr i32) (result i32)
    (i32.load (local.get $addr)))

  (func (export "checksum") (result i32)
    (local $i i32)
    (local $a i32)
    (local $b i32)
    ;; Fill bytes 0..16 using the functions above; `drop` throws away values
    ;; we do not need.
    (call $extend8) (drop) (drop)
    (call $extend16) (drop) (drop)
    (i32.store (i32.const 4) (i32.const 0xDEADBEEF))
    (call $little_endian) (drop) (drop) (drop)

    ;; memory.fill dest value length: 16 '*' characters at 16..32.
    (memory.fill (i32.const 16) (i32.const 0x2A) (i32.const 16))

    ;; memory.copy dest src length: the 43-byte sentence from 64 to 128.
    (memory.copy (i32.const 128) (i32.const 64) (i32.const 43))
    ;; Overlapping copies behave like C's memmove, as if through a buffer:
    ;; "The quick " at 128..138 is copied forward by four bytes to 132..142.
    (memory.copy (i32.const 132) (i32.const 128) (i32.const 10))

    ;; Adler-32 over bytes 0..256: a = 1 + sum of bytes, b = sum of the a's,
    ;; both mod 65521; the result is b << 16 | a.
    (local.set $a (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 256)))
        (local.set $a
          (i32.rem_u
            (i32.add (local.get $a) (i32.load8_u (local.get $i)))
            (i32.const 65521)))
        (local.set $b
          (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a))))
