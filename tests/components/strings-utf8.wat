;; string with string-encoding=utf8 (the default): strings passed in are
;; copied into guest memory through `realloc`; strings returned are read from
;; guest memory through a return pointer and must be valid UTF-8 and in bounds.
;;
;; invoke: echo("hello")
;; expect: "hello"
;; invoke: echo("")
;; expect: ""
;; invoke: echo("héllo wörld")
;; expect: "héllo wörld"
;; invoke: echo("日本語")
;; expect: "日本語"
;; invoke: echo("😀 astral 𝄞")
;; expect: "😀 astral 𝄞"
;; invoke: echo("a\u{0}b")
;; expect: "a\u{0}b"
;; invoke: echo("quote \" backslash \\ tab \t")
;; expect: "quote \" backslash \\ tab \t"
;; invoke: byte-len("")
;; expect: 0
;; invoke: byte-len("abc")
;; expect: 3
;; invoke: byte-len("é")
;; expect: 2
;; invoke: byte-len("日本語")
;; expect: 9
;; invoke: byte-len("😀")
;; expect: 4
;; invoke: concat("foo", "bar")
;; expect: "foobar"
;; invoke: concat("", "")
;; expect: ""
;; invoke: concat("ü", "😀")
;; expect: "ü😀"
;; invoke: first-byte("é")
;; expect: 195
;;
;; realloc is really called to make room for a string parameter: its arguments
;; (old ptr, old size, alignment, new size) for the last call, and where the
;; string landed (the allocator starts at 1024):
;; invoke: last-realloc("héllo")
;; expect: (0, 0, 1, 6)
;; invoke: last-realloc("😀😀")
;; expect: (0, 0, 1, 8)
;; invoke: string-ptr("x")
;; expect: 1024
;; invoke: realloc-count("hello")
;; expect: 1
;; Even the empty string is allocated (realloc with size 0), as the spec says:
;; invoke: realloc-count("")
;; expect: 1
;; invoke: last-realloc("")
;; expect: (0, 0, 1, 0)
;; Two string parameters: two allocations, the second right after the first.
;; invoke: second-ptr("abc", "de")
;; expect: 1027
;;
;; Strings the guest returns from its data segment:
;; invoke: greeting()
;; expect: "grüße, 世界 🌍"
;;
;; Malformed strings returned by the guest trap:
;; A lone continuation byte:
;; invoke: bad-utf8(0)
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 0
;; A truncated two-byte sequence ("é" without its second byte):
;; invoke: bad-utf8(1)
;; expect-trap
;; trap-cause: incomplete utf-8 byte sequence from index 1
;; An overlong encoding of '/' (C0 AF):
;; invoke: bad-utf8(2)
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 0
;; A UTF-8-encoded surrogate (ED A0 80):
;; invoke: bad-utf8(3)
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 0
;; A code point above 0x10FFFF (F4 90 80 80):
;; invoke: bad-utf8(4)
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 0
;; 0xFF:
;; invoke: bad-utf8(5)
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 1
;; The same helper with valid bytes, as a control:
;; invoke: bad-utf8(6)
;; expect: "ok"
;;
;; A string whose pointer + length runs past the end of memory (64 KiB):
;; invoke: raw-string(65530, 6)
;; expect: "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}"
;; invoke: raw-string(65530, 7)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
;; invoke: raw-string(65536, 0)
;; expect: ""
;; invoke: raw-string(65537, 0)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
;; invoke: raw-string(4294967295, 2)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
;; invoke: raw-string(1, 4294967295)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
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

    ;; Results of type string go through an 8-byte return area at 16.
    (func $ret-string (param $ptr i32) (param $len i32) (result i32)
      (i32.store offset=16 (i32.const 0) (local.get $ptr))
      (i32.store offset=20 (i32.const 0) (local.get $len))
      (i32.const 16))

    (func (export "echo") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
    (func (export "byte-len") (param i32 i32) (result i32) (local.get 1))
    (func (export "first-byte") (param i32 i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "string-ptr") (param i32 i32) (result i32) (local.get 0))
    (func (export "second-ptr") (param i32 i32 i32 i32) (result i32) (local.get 2))
    (func (export "realloc-count") (param i32 i32) (result i32) (global.get $count))

    (func (export "concat") (param $a i32) (param $alen i32) (param $b i32) (param $blen i32)
      (result i32)
      (local $dst i32)
      (local.set $dst (call $realloc (i32.const 0) (i32.const 0) (i32.const 1)
                        (i32.add (local.get $alen) (local.get $blen))))
      (memory.copy (local.get $dst) (local.get $a) (local.get $alen))
      (memory.copy (i32.add (local.get $dst) (local.get $alen)) (local.get $b) (local.get $blen))
      (call $ret-string (local.get $dst) (i32.add (local.get $alen) (local.get $blen))))

    ;; tuple<u32, u32, u32, u32> at 32
    (func (export "last-realloc") (param i32 i32) (result i32)
      (i32.store offset=32 (i32.const 0) (global.get $last-old))
      (i32.store offset=36 (i32.const 0) (global.get $last-old-size))
      (i32.store offset=40 (i32.const 0) (global.get $last-align))
      (i32.store offset=44 (i32.const 0) (global.get $last-size))
      (i32.const 32))

    ;; "grüße, 世界 🌍" is 20 bytes of UTF-8
    (data (i32.const 256) "gr\c3\bc\c3\9fe, \e4\b8\96\e7\95\8c \f0\9f\8c\8d")
    (func (export "greeting") (result i32)
      (call $ret-string (i32.const 256) (i32.const 20)))

    ;; Malformed UTF-8, each case 8 bytes apart from 512: (offset, length)
    (data (i32.const 512) "\80")                 ;; 0: lone continuation byte
    (data (i32.const 520) "a\c3")                ;; 1: truncated sequence
    (data (i32.const 528) "\c0\af")              ;; 2: overlong '/'
    (data (i32.const 536) "\ed\a0\80")           ;; 3: surrogate D800
    (data (i32.const 544) "\f4\90\80\80")        ;; 4: above U+10FFFF
    (data (i32.const 552) "x\ff")                ;; 5: 0xFF
    (data (i32.const 560) "ok")                  ;; 6: valid
    (data (i32.const 600) "\01\00\00\00\02\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\02\00\00\00\02\00\00\00")
    (func (export "bad-utf8") (param $case i32) (result i32)
      (call $ret-string
        (i32.add (i32.const 512) (i32.mul (local.get $case) (i32.const 8)))
        (i32.load offset=600 (i32.mul (local.get $case) (i32.const 4)))))

    (func (export "raw-string") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=utf8))
  (func (export "byte-len") (param "s" string) (result u32)
    (canon lift (core func $i "byte-len") (memory $mem) (realloc $realloc)))
  (func (export "first-byte") (param "s" string) (result u8)
    (canon lift (core func $i "first-byte") (memory $mem) (realloc $realloc)))
  (func (export "string-ptr") (param "s" string) (result u32)
    (canon lift (core func $i "string-ptr") (memory $mem) (realloc $realloc)))
  (func (export "second-ptr") (param "a" string) (param "b" string) (result u32)
    (canon lift (core func $i "second-ptr") (memory $mem) (realloc $realloc)))
  (func (export "realloc-count") (param "s" string) (result u32)
    (canon lift (core func $i "realloc-count") (memory $mem) (realloc $realloc)))
  (func (export "concat") (param "a" string) (param "b" string) (result string)
    (canon lift (core func $i "concat") (memory $mem) (realloc $realloc)))
  (func (export "last-realloc") (param "s" string) (result (tuple u32 u32 u32 u32))
    (canon lift (core func $i "last-realloc") (memory $mem) (realloc $realloc)))
  (func (export "greeting") (result string)
    (canon lift (core func $i "greeting") (memory $mem)))
  (func (export "bad-utf8") (param "case" u32) (result string)
    (canon lift (core func $i "bad-utf8") (memory $mem)))
  (func (export "raw-string") (param "ptr" u32) (param "len" u32) (result string)
    (canon lift (core func $i "raw-string") (memory $mem)))
)
