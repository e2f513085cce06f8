;; string with string-encoding=utf16: the guest sees strings as (pointer,
;; number of 16-bit code units), 2-byte aligned, little-endian. Strings passed
;; in are transcoded by the host; strings returned must be well-formed UTF-16
;; (no unpaired surrogate), 2-aligned and in bounds.
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
;; The length is counted in code units: an astral character is 2.
;; invoke: code-units("abc")
;; expect: 3
;; invoke: code-units("é")
;; expect: 1
;; invoke: code-units("日本語")
;; expect: 3
;; invoke: code-units("😀")
;; expect: 2
;; invoke: code-units("")
;; expect: 0
;; The code units themselves:
;; invoke: unit-at("a😀", 0)
;; expect: 97
;; invoke: unit-at("a😀", 1)
;; expect: 55357
;; invoke: unit-at("a😀", 2)
;; expect: 56832
;; invoke: unit-at("€", 0)
;; expect: 8364
;; invoke: concat("foo", "bar")
;; expect: "foobar"
;; invoke: concat("ü", "😀")
;; expect: "ü😀"
;; invoke: concat("", "")
;; expect: ""
;;
;; Strings passed in are allocated with alignment 2:
;; invoke: string-ptr-aligned("abc")
;; expect: true
;; invoke: last-realloc-align("😀")
;; expect: 2
;; The host's strings are UTF-8; transcoding follows the spec's utf8 -> utf16
;; algorithm: allocate 2 bytes per UTF-8 byte (the worst case), then shrink
;; with a second realloc when fewer were needed. `log` returns (realloc calls,
;; then the last call's old ptr, old size, alignment, new size):
;; invoke: log("abc")
;; expect: (1, 0, 0, 2, 6)
;; invoke: log("héllo")
;; expect: (2, 1024, 12, 2, 10)
;; invoke: log("😀")
;; expect: (2, 1024, 8, 2, 4)
;; invoke: log("日本語")
;; expect: (2, 1024, 18, 2, 6)
;; invoke: log("")
;; expect: (1, 0, 0, 2, 0)
;;
;; Strings the guest returns from its data segment:
;; invoke: greeting()
;; expect: "grüße, 世界 🌍"
;;
;; Malformed UTF-16 returned by the guest traps:
;; A lone high surrogate at the end:
;; invoke: bad-utf16(0)
;; expect-trap
;; trap-cause: unpaired surrogate found: d800
;; A lone low surrogate:
;; invoke: bad-utf16(1)
;; expect-trap
;; trap-cause: unpaired surrogate found: dc00
;; A pair in the wrong order (low, high):
;; invoke: bad-utf16(2)
;; expect-trap
;; trap-cause: unpaired surrogate found: de00
;; A high surrogate followed by a non-surrogate:
;; invoke: bad-utf16(3)
;; expect-trap
;; trap-cause: unpaired surrogate found: d83d
;; The same helper with a valid pair, as a control:
;; invoke: bad-utf16(4)
;; expect: "😀"
;;
;; Pointer checks (memory is 64 KiB; the length counts 2-byte units):
;; invoke: raw-string(65532, 2)
;; expect: "\u{0}\u{0}"
;; invoke: raw-string(65532, 3)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
;; invoke: raw-string(257, 1)
;; expect-trap
;; trap-cause: string pointer not aligned to 2
;; invoke: raw-string(1, 0)
;; expect-trap
;; trap-cause: string pointer not aligned to 2
;; invoke: raw-string(0, 2147483648)
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
    (func $ret-string (param $ptr i32) (param $units i32) (result i32)
      (i32.store offset=16 (i32.const 0) (local.get $ptr))
      (i32.store offset=20 (i32.const 0) (local.get $units))
      (i32.const 16))

    (func (export "echo") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
    (func (export "code-units") (param i32 i32) (result i32) (local.get 1))
    (func (export "unit-at") (param $ptr i32) (param $units i32) (param $i i32) (result i32)
      (i32.load16_u (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 1)))))
    (func (export "string-ptr-aligned") (param i32 i32) (result i32)
      (i32.eqz (i32.and (local.get 0) (i32.const 1))))
    (func (export "last-realloc-align") (param i32 i32) (result i32) (global.get $last-align))
    (func (export "log") (param i32 i32) (result i32)
      (i32.store offset=32 (i32.const 0) (global.get $count))
      (i32.store offset=36 (i32.const 0) (global.get $last-old))
      (i32.store offset=40 (i32.const 0) (global.get $last-old-size))
      (i32.store offset=44 (i32.const 0) (global.get $last-align))
      (i32.store offset=48 (i32.const 0) (global.get $last-size))
      (i32.const 32))

    (func (export "concat") (param $a i32) (param $alen i32) (param $b i32) (param $blen i32)
      (result i32)
      (local $dst i32)
      (local.set $dst (call $realloc (i32.const 0) (i32.const 0) (i32.const 2)
                        (i32.shl (i32.add (local.get $alen) (local.get $blen)) (i32.const 1))))
      (memory.copy (local.get $dst) (local.get $a) (i32.shl (local.get $alen) (i32.const 1)))
      (memory.copy (i32.add (local.get $dst) (i32.shl (local.get $alen) (i32.const 1)))
                   (local.get $b) (i32.shl (local.get $blen) (i32.const 1)))
      (call $ret-string (local.get $dst) (i32.add (local.get $alen) (local.get $blen))))

    ;; "grüße, 世界 🌍": 12 code units
    (data (i32.const 256)
      "g\00r\00\fc\00\df\00e\00,\00 \00\16\4e\4c\75 \00\3c\d8\0d\df")
    (func (export "greeting") (result i32)
      (call $ret-string (i32.const 256) (i32.const 12)))

    ;; Malformed UTF-16, each case 8 bytes apart from 512: (offset, units)
    (data (i32.const 512) "a\00\00\d8")          ;; 0: 'a', lone D800
    (data (i32.const 520) "\00\dca\00")          ;; 1: lone DC00, 'a'
    (data (i32.const 528) "\00\de\3d\d8")        ;; 2: DE00 D83D
    (data (i32.const 536) "\3d\d8a\00")          ;; 3: D83D 'a'
    (data (i32.const 544) "\3d\d8\00\de")        ;; 4: D83D DE00 = U+1F600
    (func (export "bad-utf16") (param $case i32) (result i32)
      (call $ret-string
        (i32.add (i32.const 512) (i32.mul (local.get $case) (i32.const 8)))
        (i32.const 2)))

    (func (export "raw-string") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "code-units") (param "s" string) (result u32)
    (canon lift (core func $i "code-units") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "unit-at") (param "s" string) (param "i" u32) (result u16)
    (canon lift (core func $i "unit-at") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "string-ptr-aligned") (param "s" string) (result bool)
    (canon lift (core func $i "string-ptr-aligned") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "last-realloc-align") (param "s" string) (result u32)
    (canon lift (core func $i "last-realloc-align") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "log") (param "s" string) (result (tuple u32 u32 u32 u32 u32))
    (canon lift (core func $i "log") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "concat") (param "a" string) (param "b" string) (result string)
    (canon lift (core func $i "concat") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "greeting") (result string)
    (canon lift (core func $i "greeting") (memory $mem) string-encoding=utf16))
  (func (export "bad-utf16") (param "case" u32) (result string)
    (canon lift (core func $i "bad-utf16") (memory $mem) string-encoding=utf16))
  (func (export "raw-string") (param "ptr" u32) (param "units" u32) (result string)
    (canon lift (core func $i "raw-string") (memory $mem) string-encoding=utf16))
)
