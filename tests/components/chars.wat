;; char: Unicode scalar values in and out of the guest. Lifting traps on a
;; surrogate (0xD800..=0xDFFF) or a value >= 0x110000, flat and from memory.
;; (wasmtime prints chars with Rust's escape_debug: non-printing ones as
;; '\u{..}'.)
;;
;; invoke: echo-char('a')
;; expect: 'a'
;; invoke: echo-char('é')
;; expect: 'é'
;; invoke: echo-char('😀')
;; expect: '😀'
;; invoke: echo-char('\u{10ffff}')
;; expect: '\u{10ffff}'
;; invoke: echo-char('\n')
;; expect: '\n'
;; invoke: echo-char('\'')
;; expect: '\''
;; invoke: char-code('é')
;; expect: 233
;; invoke: char-code('😀')
;; expect: 128512
;; invoke: char-code('\u{0}')
;; expect: 0
;; invoke: char-from-code(65)
;; expect: 'A'
;; invoke: char-from-code(955)
;; expect: 'λ'
;; invoke: char-from-code(55295)
;; expect: '\u{d7ff}'
;; invoke: char-from-code(57344)
;; expect: '\u{e000}'
;; invoke: char-from-code(1114111)
;; expect: '\u{10ffff}'
;; invoke: next-char('a')
;; expect: 'b'
;; invoke: next-char('ÿ')
;; expect: 'Ā'
;;
;; Invalid code points returned by the guest:
;; invoke: char-from-code(55296)
;; expect-trap
;; trap-cause: out of range for `char`
;; invoke: char-from-code(57343)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: char-from-code(1114112)
;; expect-trap
;; trap-cause: out of range for `char`
;; invoke: char-from-code(4294967295)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: next-char('\u{d7ff}')
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: next-char('\u{10ffff}')
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;;
;; tuple<char, char> through a return pointer (offsets 0 and 4):
;; invoke: char-pair(97, 8364)
;; expect: ('a', '€')
;; invoke: char-pair(97, 56320)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: char-pair(2097152, 97)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "id") (param i32) (result i32) (local.get 0))
    (func (export "next") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "pair") (param i32 i32) (result i32)
      (i32.store offset=16 (i32.const 0) (local.get 0))
      (i32.store offset=20 (i32.const 0) (local.get 1))
      (i32.const 16))
  )
  (core instance $i (instantiate $m))

  (func (export "echo-char") (param "c" char) (result char) (canon lift (core func $i "id")))
  (func (export "char-code") (param "c" char) (result u32) (canon lift (core func $i "id")))
  (func (export "char-from-code") (param "n" u32) (result char) (canon lift (core func $i "id")))
  (func (export "next-char") (param "c" char) (result char) (canon lift (core func $i "next")))
  (func (export "char-pair") (param "a" u32) (param "b" u32) (result (tuple char char))
    (canon lift (core func $i "pair") (memory (core memory $i "mem"))))
)
