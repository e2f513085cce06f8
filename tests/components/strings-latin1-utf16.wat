;; string with string-encoding=latin1+utf16: a string is either Latin-1 (one
;; byte per char) or UTF-16, told apart by the top bit of the length (set =
;; UTF-16, the rest counts code units). Both forms are 2-byte aligned. The
;; host picks Latin-1 when every character is below U+0100.
;;
;; invoke: echo("hello")
;; expect: "hello"
;; invoke: echo("")
;; expect: ""
;; invoke: echo("café")
;; expect: "café"
;; invoke: echo("€uro")
;; expect: "€uro"
;; invoke: echo("😀 astral")
;; expect: "😀 astral"
;; The raw length the guest receives (2147483648 is the UTF-16 tag):
;; invoke: tagged-len("abc")
;; expect: 3
;; invoke: tagged-len("café")
;; expect: 4
;; invoke: tagged-len("ÿ")
;; expect: 1
;; invoke: tagged-len("")
;; expect: 0
;; invoke: tagged-len("€")
;; expect: 2147483649
;; invoke: tagged-len("caf€")
;; expect: 2147483652
;; invoke: tagged-len("😀")
;; expect: 2147483650
;; invoke: byte-at("café", 3)
;; expect: 233
;; invoke: byte-at("aé€", 2)
;; expect: 233
;; invoke: byte-at("aé€", 4)
;; expect: 172
;; invoke: string-ptr-aligned("x")
;; expect: true
;;
;; Transcoding from the host's UTF-8 follows the spec's algorithm: allocate one
;; byte per UTF-8 byte, shrink if the Latin-1 form is shorter; on the first
;; non-Latin-1 character grow to the UTF-16 worst case (2 bytes per UTF-8
;; byte), then shrink to the exact size. `log` returns (realloc calls, then
;; the last call's old ptr, old size, alignment, new size); the bump allocator
;; moves on every call, so the grown buffer of "€" is at 1028, not 1024:
;; invoke: log("abc")
;; expect: (1, 0, 0, 2, 3)
;; invoke: log("café")
;; expect: (2, 1024, 5, 2, 4)
;; invoke: log("€")
;; expect: (3, 1028, 6, 2, 2)
;; invoke: log("a😀")
;; expect: (3, 1030, 10, 2, 6)
;;
;; Concatenation in the guest (Latin-1 + Latin-1 stays Latin-1, anything
;; else is widened to UTF-16):
;; invoke: concat("foo", "bar")
;; expect: "foobar"
;; invoke: concat("caf", "é")
;; expect: "café"
;; invoke: concat("naïve ", "€")
;; expect: "naïve €"
;; invoke: concat("😀", "ü")
;; expect: "😀ü"
;; invoke: concat("", "")
;; expect: ""
;; invoke: concat-is-utf16("ab", "ü")
;; expect: false
;; invoke: concat-is-utf16("ab", "€")
;; expect: true
;;
;; Strings from the data segment: Latin-1 bytes above 0x7F are the code
;; points U+0080..U+00FF (C1 controls included):
;; invoke: static-string(0)
;; expect: "café"
;; invoke: static-string(1)
;; expect: "\u{80}\u{9f}\u{a0}ÿ"
;; invoke: static-string(2)
;; expect: "€ and 😀"
;; A tagged UTF-16 string with a lone surrogate traps:
;; invoke: static-string(3)
;; expect-trap
;; trap-cause: unpaired surrogate found: dc00
;; A Latin-1 string (untagged) at an odd address traps: latin1+utf16 strings
;; are always 2-byte aligned:
;; invoke: static-string(4)
;; expect-trap
;; trap-cause: string pointer not aligned to 2
;; In-bounds and out-of-bounds ranges (memory is 64 KiB):
;; invoke: raw-string(65534, 2)
;; expect: "\u{0}\u{0}"
;; invoke: raw-string(65534, 3)
;; expect-trap
;; trap-cause: string pointer/length out of bounds of memory
;; invoke: raw-string(65534, 2147483649)
;; expect: "\u{0}"
;; invoke: raw-string(65534, 2147483650)
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
    (func $ret-string (param $ptr i32) (param $tagged i32) (result i32)
      (i32.store offset=16 (i32.const 0) (local.get $ptr))
      (i32.store offset=20 (i32.const 0) (local.get $tagged))
      (i32.const 16))

    (func (export "echo") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
    (func (export "tagged-len") (param i32 i32) (result i32) (local.get 1))
    (func (export "byte-at") (param i32 i32 i32) (result i32)
      (i32.load8_u (i32.add (local.get 0) (local.get 2))))
    (func (export "string-ptr-aligned") (param i32 i32) (result i32)
      (i32.eqz (i32.and (local.get 0) (i32.const 1))))
    (func (export "log") (param i32 i32) (result i32)
      (i32.store offset=32 (i32.const 0) (global.get $count))
      (i32.store offset=36 (i32.const 0) (global.get $last-old))
      (i32.store offset=40 (i32.const 0) (global.get $last-old-size))
      (i32.store offset=44 (i32.const 0) (global.get $last-align))
      (i32.store offset=48 (i32.const 0) (global.get $last-size))
      (i32.const 32))

    ;; Appends string (ptr, tagged) to dst as UTF-16; returns the new end.
    (func $put-utf16 (param $dst i32) (param $ptr i32) (param $tagged i32) (result i32)
      (local $n i32) (local $i i32)
      (if (i32.lt_s (local.get $tagged) (i32.const 0))
        (then
          (local.set $n (i32.shl (i32.and (local.get $tagged) (i32.const 0x7fffffff)) (i32.const 1)))
          (memory.copy (local.get $dst) (local.get $ptr) (local.get $n))
          (return (i32.add (local.get $dst) (local.get $n)))))
      (block $done
        (loop $widen
          (br_if $done (i32.ge_u (local.get $i) (local.get $tagged)))
          (i32.store16 (local.get $dst) (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 2)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $widen)))
      (local.get $dst))

    (func $units (param $tagged i32) (result i32)
      (i32.and (local.get $tagged) (i32.const 0x7fffffff)))

    (func $concat (export "concat") (param $a i32) (param $alen i32) (param $b i32) (param $blen i32)
      (result i32)
      (local $dst i32) (local $n i32)
      (local.set $n (i32.add (call $units (local.get $alen)) (call $units (local.get $blen))))
      (if (i32.ge_s (i32.or (local.get $alen) (local.get $blen)) (i32.const 0))
        (then
          ;; both Latin-1
          (local.set $dst (call $realloc (i32.const 0) (i32.const 0) (i32.const 2) (local.get $n)))
          (memory.copy (local.get $dst) (local.get $a) (local.get $alen))
          (memory.copy (i32.add (local.get $dst) (local.get $alen)) (local.get $b) (local.get $blen))
          (return (call $ret-string (local.get $dst) (local.get $n)))))
      (local.set $dst (call $realloc (i32.const 0) (i32.const 0) (i32.const 2)
                        (i32.shl (local.get $n) (i32.const 1))))
      (drop (call $put-utf16
              (call $put-utf16 (local.get $dst) (local.get $a) (local.get $alen))
              (local.get $b) (local.get $blen)))
      (call $ret-string (local.get $dst) (i32.or (local.get $n) (i32.const 0x80000000))))

    (func (export "concat-is-utf16") (param i32 i32 i32 i32) (result i32)
      (i32.lt_s
        (i32.load offset=4 (call $concat (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
        (i32.const 0)))

    ;; static strings: (offset, tagged length) pairs at 600
    (data (i32.const 256) "caf\e9")                                  ;; 0: Latin-1 "café"
    (data (i32.const 264) "\80\9f\a0\ff")                            ;; 1: Latin-1 high bytes
    (data (i32.const 272) "\ac\20 \00a\00n\00d\00 \00\3d\d8\00\de")  ;; 2: UTF-16 "€ and 😀"
    (data (i32.const 304) "a\00\00\dc")                              ;; 3: UTF-16 'a', lone DC00
    (data (i32.const 313) "odd")                                     ;; 4: Latin-1 at an odd address
    (data (i32.const 600)
      "\00\01\00\00\04\00\00\00"
      "\08\01\00\00\04\00\00\00"
      "\10\01\00\00\08\00\00\80"
      "\30\01\00\00\02\00\00\80"
      "\39\01\00\00\03\00\00\00")
    (func (export "static-string") (param $case i32) (result i32)
      (call $ret-string
        (i32.load offset=600 (i32.shl (local.get $case) (i32.const 3)))
        (i32.load offset=604 (i32.shl (local.get $case) (i32.const 3)))))

    (func (export "raw-string") (param i32 i32) (result i32)
      (call $ret-string (local.get 0) (local.get 1)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "tagged-len") (param "s" string) (result u32)
    (canon lift (core func $i "tagged-len") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "byte-at") (param "s" string) (param "i" u32) (result u8)
    (canon lift (core func $i "byte-at") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "string-ptr-aligned") (param "s" string) (result bool)
    (canon lift (core func $i "string-ptr-aligned") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "log") (param "s" string) (result (tuple u32 u32 u32 u32 u32))
    (canon lift (core func $i "log") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "concat") (param "a" string) (param "b" string) (result string)
    (canon lift (core func $i "concat") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "concat-is-utf16") (param "a" string) (param "b" string) (result bool)
    (canon lift (core func $i "concat-is-utf16") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func (export "static-string") (param "case" u32) (result string)
    (canon lift (core func $i "static-string") (memory $mem) string-encoding=latin1+utf16))
  (func (export "raw-string") (param "ptr" u32) (param "tagged-len" u32) (result string)
    (canon lift (core func $i "raw-string") (memory $mem) string-encoding=latin1+utf16))
)
