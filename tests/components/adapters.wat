;; Calls between two components: the callee's parameters are lifted from the
;; caller's core values and lowered into the callee; the callee's results go
;; back the same way. Strings are transcoded when the two sides use different
;; string encodings. The caller ($caller, utf8) takes raw values from the host
;; and hands them to the callees unchanged, so malformed values can be made.
;;
;; utf8 -> utf16 -> utf8:
;; invoke: via-utf16("héllo 😀")
;; expect: "héllo 😀"
;; invoke: via-utf16("")
;; expect: ""
;; invoke: utf16-units("a😀é")
;; expect: 4
;; utf8 -> latin1+utf16 -> utf8 (Latin-1 when every char fits, else UTF-16):
;; invoke: via-latin1("café")
;; expect: "café"
;; invoke: via-latin1("€5")
;; expect: "€5"
;; invoke: latin1-tagged-len("café")
;; expect: 4
;; invoke: latin1-tagged-len("€5")
;; expect: 2147483650
;; A latin1+utf16 callee returning a UTF-16-tagged string whose characters
;; all fit in Latin-1, and one returning real Latin-1 bytes above 0x7F:
;; invoke: latin1-static(0)
;; expect: "ÿes"
;; invoke: latin1-static(1)
;; expect: "ñü"
;; utf8 -> utf8 through a list of strings:
;; invoke: reverse-strings(["a", "bé", "😀"])
;; expect: ["😀", "bé", "a"]
;; A utf16 callee returning an unpaired surrogate: the transcoding traps.
;; invoke: utf16-bad()
;; expect-trap
;; trap-cause: invalid utf16 encoding
;; The caller passing invalid UTF-8 bytes to a utf16 callee:
;; invoke: invalid-utf8-to-utf16()
;; expect-trap
;; trap-cause: invalid utf8 encoding
;; ... and to a latin1+utf16 callee:
;; invoke: invalid-utf8-to-latin1()
;; expect-trap
;; trap-cause: invalid utf8 encoding
;; ... and to a utf8 callee: no transcoding, but the string is still checked:
;; invoke: invalid-utf8-to-utf8()
;; expect-trap
;; trap-cause: invalid utf8 encoding
;; invoke: valid-utf8-to-utf8()
;; expect: 6
;; The caller passing a string range outside its memory:
;; invoke: out-of-bounds-string()
;; expect-trap
;; trap-cause: wasm trap: string content out-of-bounds
;;
;; Scalars lifted from the caller's raw i32 and lowered into the callee (the
;; callee returns the i32 it received):
;; u8 keeps the low 8 bits, s8 is sign-extended from them:
;; invoke: u8-through(511)
;; expect: 255
;; invoke: s8-through(255)
;; expect: -1
;; invoke: u16-through(65537)
;; expect: 1
;; bool is 1 for any non-zero value:
;; invoke: bool-through(2)
;; expect: 1
;; invoke: bool-through(0)
;; expect: 0
;; char must be a scalar value:
;; invoke: char-through(233)
;; expect: 233
;; invoke: char-through(55296)
;; expect-trap
;; trap-cause: wasm trap: invalid `char` bit pattern
;; invoke: char-through(1114112)
;; expect-trap
;; trap-cause: wasm trap: invalid `char` bit pattern
;; enum (3 cases) discriminants are checked:
;; invoke: enum-through(2)
;; expect: 2
;; invoke: enum-through(3)
;; expect-trap
;; trap-cause: wasm trap: invalid variant discriminant
;; flags (3 flags): unknown bits are dropped on the way:
;; invoke: flags-through(255)
;; expect: 7
;; option<u16>: the callee gets (discriminant, payload), returned as
;; discriminant * 65536 + payload; the payload keeps its low 16 bits:
;; invoke: option-through(1, 65539)
;; expect: 65539
;; invoke: option-through(0, 0)
;; expect: 0
;; invoke: option-through(2, 0)
;; expect-trap
;; trap-cause: wasm trap: invalid variant discriminant
;; variant { a(u8), b(f32) }: the joined slot is an i32; for a(u8) only the
;; low 8 bits survive; for b(f32) the bits are a float's:
;; invoke: variant-through(0, 258)
;; expect: 2
;; invoke: variant-through(1, 1069547520)
;; expect: 1069547520
;; invoke: variant-through(2, 0)
;; expect-trap
;; trap-cause: wasm trap: invalid variant discriminant
;; A list<u32> from the caller's memory that is misaligned:
;; invoke: list-through(2, 1)
;; expect-trap
;; trap-cause: wasm trap: unaligned pointer
;; invoke: list-through(64, 2)
;; expect: 2
;; A NaN stays a NaN between components (its bits are not specified: the spec
;; lets lowering produce any NaN; wasmtime happens to pass payloads through):
;; invoke: nan-through()
;; expect: true
(component
  ;; --- callees --------------------------------------------------------------
  (component $Utf16
    (core module $M
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $ptr i32)
        (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                 (i32.sub (i32.const 0) (local.get 2))))
        (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
        (if (local.get 0) (then (memory.copy (local.get $ptr) (local.get 0) (local.get 1))))
        (local.get $ptr))
      (func (export "echo") (param i32 i32) (result i32)
        (i32.store (i32.const 16) (local.get 0))
        (i32.store (i32.const 20) (local.get 1))
        (i32.const 16))
      (func (export "units") (param i32 i32) (result i32) (local.get 1))
      (data (i32.const 256) "a\00\00\d8")
      (func (export "bad") (result i32)
        (i32.store (i32.const 16) (i32.const 256))
        (i32.store (i32.const 20) (i32.const 2))
        (i32.const 16))
    )
    (core instance $m (instantiate $M))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $m "echo") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))
        string-encoding=utf16))
    (func (export "units") (param "s" string) (result u32)
      (canon lift (core func $m "units") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))
        string-encoding=utf16))
    (func (export "bad") (result string)
      (canon lift (core func $m "bad") (memory (core memory $m "mem")) string-encoding=utf16))
  )

  (component $Latin1
    (core module $M
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $ptr i32)
        (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                 (i32.sub (i32.const 0) (local.get 2))))
        (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
        (if (local.get 0) (then (memory.copy (local.get $ptr) (local.get 0)
          (select (local.get 1) (local.get 3) (i32.lt_u (local.get 1) (local.get 3))))))
        (local.get $ptr))
      (func (export "echo") (param i32 i32) (result i32)
        (i32.store (i32.const 16) (local.get 0))
        (i32.store (i32.const 20) (local.get 1))
        (i32.const 16))
      (func (export "tagged-len") (param i32 i32) (result i32) (local.get 1))
      ;; 0: UTF-16-tagged "ÿes"; 1: Latin-1 "ñü"
      (data (i32.const 256) "\ff\00e\00s\00")
      (data (i32.const 264) "\f1\fc")
      (data (i32.const 512) "\00\01\00\00\03\00\00\80\08\01\00\00\02\00\00\00")
      (func (export "static") (param $case i32) (result i32)
        (i32.add (i32.const 512) (i32.shl (local.get $case) (i32.const 3))))
    )
    (core instance $m (instantiate $M))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $m "echo") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))
        string-encoding=latin1+utf16))
    (func (export "tagged-len") (param "s" string) (result u32)
      (canon lift (core func $m "tagged-len") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))
        string-encoding=latin1+utf16))
    (func (export "static") (param "case" u32) (result string)
      (canon lift (core func $m "static") (memory (core memory $m "mem")) string-encoding=latin1+utf16))
  )

  (component $Values
    (core module $M
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $ptr i32)
        (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                 (i32.sub (i32.const 0) (local.get 2))))
        (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
        (local.get $ptr))
      (func (export "id") (param i32) (result i32) (local.get 0))
      (func (export "option") (param i32 i32) (result i32)
        (i32.add (i32.shl (local.get 0) (i32.const 16)) (local.get 1)))
      (func (export "second") (param i32 i32) (result i32) (local.get 1))
      (func (export "f32-is-nan") (param f32) (result i32) (f32.ne (local.get 0) (local.get 0)))
      ;; list<string> reversed in place: (ptr, len) pairs
      (func (export "reverse") (param $ptr i32) (param $n i32) (result i32)
        (local $i i32) (local $j i32) (local $t i64)
        (local.set $j (i32.sub (local.get $n) (i32.const 1)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_s (local.get $i) (local.get $j)))
            (local.set $t (i64.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3)))))
            (i64.store (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3)))
              (i64.load (i32.add (local.get $ptr) (i32.shl (local.get $j) (i32.const 3)))))
            (i64.store (i32.add (local.get $ptr) (i32.shl (local.get $j) (i32.const 3))) (local.get $t))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $next)))
        (i32.store (i32.const 16) (local.get $ptr))
        (i32.store (i32.const 20) (local.get $n))
        (i32.const 16))
    )
    (core instance $m (instantiate $M))
    (type $abc' (enum "a" "b" "c"))
    (export $abc "abc" (type $abc'))
    (type $rwx' (flags "r" "w" "x"))
    (export $rwx "rwx" (type $rwx'))
    (type $v' (variant (case "a" u8) (case "b" f32)))
    (export $v "v" (type $v'))
    (func (export "u8") (param "x" u8) (result u32) (canon lift (core func $m "id")))
    (func (export "s8") (param "x" s8) (result s32) (canon lift (core func $m "id")))
    (func (export "u16") (param "x" u16) (result u32) (canon lift (core func $m "id")))
    (func (export "bool") (param "x" bool) (result u32) (canon lift (core func $m "id")))
    (func (export "char") (param "x" char) (result u32) (canon lift (core func $m "id")))
    (func (export "enum") (param "x" $abc) (result u32) (canon lift (core func $m "id")))
    (func (export "flags") (param "x" $rwx) (result u32) (canon lift (core func $m "id")))
    (func (export "option") (param "x" (option u16)) (result u32) (canon lift (core func $m "option")))
    (func (export "variant") (param "x" $v) (result u32) (canon lift (core func $m "second")))
    (func (export "list") (param "x" (list u32)) (result u32)
      (canon lift (core func $m "second") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
    (func (export "f32-is-nan") (param "x" f32) (result bool) (canon lift (core func $m "f32-is-nan")))
    (func (export "utf8-len") (param "s" string) (result u32)
      (canon lift (core func $m "second") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
    (func (export "reverse") (param "l" (list string)) (result (list string))
      (canon lift (core func $m "reverse") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  )

  ;; --- the caller: this component's own core code -------------------------
  (instance $utf16 (instantiate $Utf16))
  (instance $latin1 (instantiate $Latin1))
  (instance $values (instantiate $Values))

  (core module $Libc
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
      (if (local.get 0) (then (memory.copy (local.get $ptr) (local.get 0)
        (select (local.get 1) (local.get 3) (i32.lt_u (local.get 1) (local.get 3))))))
      (local.get $ptr))
  )
  (core instance $libc (instantiate $Libc))
  (alias core export $libc "mem" (core memory $mem))
  (alias core export $libc "realloc" (core func $realloc))

  (core func $utf16.echo (canon lower (func $utf16 "echo") (memory $mem) (realloc $realloc)))
  (core func $utf16.units (canon lower (func $utf16 "units") (memory $mem)))
  (core func $utf16.bad (canon lower (func $utf16 "bad") (memory $mem) (realloc $realloc)))
  (core func $latin1.echo (canon lower (func $latin1 "echo") (memory $mem) (realloc $realloc)))
  (core func $latin1.tagged-len (canon lower (func $latin1 "tagged-len") (memory $mem)))
  (core func $latin1.static (canon lower (func $latin1 "static") (memory $mem) (realloc $realloc)))
  (core func $values.u8 (canon lower (func $values "u8")))
  (core func $values.s8 (canon lower (func $values "s8")))
  (core func $values.u16 (canon lower (func $values "u16")))
  (core func $values.bool (canon lower (func $values "bool")))
  (core func $values.char (canon lower (func $values "char")))
  (core func $values.enum (canon lower (func $values "enum")))
  (core func $values.flags (canon lower (func $values "flags")))
  (core func $values.option (canon lower (func $values "option")))
  (core func $values.variant (canon lower (func $values "variant")))
  (core func $values.list (canon lower (func $values "list") (memory $mem)))
  (core func $values.utf8-len (canon lower (func $values "utf8-len") (memory $mem)))
  (core func $values.f32-is-nan (canon lower (func $values "f32-is-nan")))
  (core func $values.reverse (canon lower (func $values "reverse") (memory $mem) (realloc $realloc)))

  (core module $Main
    (import "" "mem" (memory 1))
    (import "utf16" "echo" (func $utf16.echo (param i32 i32 i32)))
    (import "utf16" "units" (func $utf16.units (param i32 i32) (result i32)))
    (import "utf16" "bad" (func $utf16.bad (param i32)))
    (import "latin1" "echo" (func $latin1.echo (param i32 i32 i32)))
    (import "latin1" "tagged-len" (func $latin1.tagged-len (param i32 i32) (result i32)))
    (import "latin1" "static" (func $latin1.static (param i32 i32)))
    (import "values" "u8" (func $u8 (param i32) (result i32)))
    (import "values" "s8" (func $s8 (param i32) (result i32)))
    (import "values" "u16" (func $u16 (param i32) (result i32)))
    (import "values" "bool" (func $bool (param i32) (result i32)))
    (import "values" "char" (func $char (param i32) (result i32)))
    (import "values" "enum" (func $enum (param i32) (result i32)))
    (import "values" "flags" (func $flags (param i32) (result i32)))
    (import "values" "option" (func $option (param i32 i32) (result i32)))
    (import "values" "variant" (func $variant (param i32 i32) (result i32)))
    (import "values" "list" (func $list (param i32 i32) (result i32)))
    (import "values" "f32-is-nan" (func $f32-is-nan (param f32) (result i32)))
    (import "values" "reverse" (func $reverse (param i32 i32 i32)))
    (import "values" "utf8-len" (func $utf8-len (param i32 i32) (result i32)))

    ;; string and list results are written to a return area at 16
    (func (export "via-utf16") (param i32 i32) (result i32)
      (call $utf16.echo (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))
    (func (export "utf16-units") (param i32 i32) (result i32)
      (call $utf16.units (local.get 0) (local.get 1)))
    (func (export "utf16-bad") (result i32)
      (call $utf16.bad (i32.const 16))
      (i32.const 16))
    (func (export "via-latin1") (param i32 i32) (result i32)
      (call $latin1.echo (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))
    (func (export "latin1-tagged-len") (param i32 i32) (result i32)
      (call $latin1.tagged-len (local.get 0) (local.get 1)))
    (func (export "latin1-static") (param i32) (result i32)
      (call $latin1.static (local.get 0) (i32.const 16))
      (i32.const 16))
    (func (export "reverse-strings") (param i32 i32) (result i32)
      (call $reverse (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))

    (data (i32.const 256) "\ff\fe")
    (func (export "invalid-utf8-to-utf16") (result i32)
      (call $utf16.units (i32.const 256) (i32.const 2)))
    (func (export "invalid-utf8-to-latin1") (result i32)
      (call $latin1.tagged-len (i32.const 256) (i32.const 2)))
    (func (export "invalid-utf8-to-utf8") (result i32)
      (call $utf8-len (i32.const 256) (i32.const 2)))
    (func (export "valid-utf8-to-utf8") (result i32)
      (call $utf8-len (i32.const 512) (i32.const 6)))
    (data (i32.const 512) "h\c3\a9llo")
    (func (export "out-of-bounds-string") (result i32)
      (call $utf16.units (i32.const 65535) (i32.const 10)))

    (func (export "u8") (param i32) (result i32) (call $u8 (local.get 0)))
    (func (export "s8") (param i32) (result i32) (call $s8 (local.get 0)))
    (func (export "u16") (param i32) (result i32) (call $u16 (local.get 0)))
    (func (export "bool") (param i32) (result i32) (call $bool (local.get 0)))
    (func (export "char") (param i32) (result i32) (call $char (local.get 0)))
    (func (export "enum") (param i32) (result i32) (call $enum (local.get 0)))
    (func (export "flags") (param i32) (result i32) (call $flags (local.get 0)))
    (func (export "option") (param i32 i32) (result i32) (call $option (local.get 0) (local.get 1)))
    (func (export "variant") (param i32 i32) (result i32) (call $variant (local.get 0) (local.get 1)))
    (func (export "list") (param i32 i32) (result i32) (call $list (local.get 0) (local.get 1)))
    (func (export "nan") (result i32)
      (call $f32-is-nan (f32.reinterpret_i32 (i32.const 0x7fc00001))))
  )
  (core instance $main (instantiate $Main
    (with "" (instance (export "mem" (memory $mem))))
    (with "utf16" (instance
      (export "echo" (func $utf16.echo))
      (export "units" (func $utf16.units))
      (export "bad" (func $utf16.bad))))
    (with "latin1" (instance
      (export "echo" (func $latin1.echo))
      (export "tagged-len" (func $latin1.tagged-len))
      (export "static" (func $latin1.static))))
    (with "values" (instance
      (export "u8" (func $values.u8))
      (export "s8" (func $values.s8))
      (export "u16" (func $values.u16))
      (export "bool" (func $values.bool))
      (export "char" (func $values.char))
      (export "enum" (func $values.enum))
      (export "flags" (func $values.flags))
      (export "option" (func $values.option))
      (export "variant" (func $values.variant))
      (export "list" (func $values.list))
      (export "f32-is-nan" (func $values.f32-is-nan))
      (export "reverse" (func $values.reverse))
      (export "utf8-len" (func $values.utf8-len))))))

  (func (export "via-utf16") (param "s" string) (result string)
    (canon lift (core func $main "via-utf16") (memory $mem) (realloc $realloc)))
  (func (export "utf16-units") (param "s" string) (result u32)
    (canon lift (core func $main "utf16-units") (memory $mem) (realloc $realloc)))
  (func (export "utf16-bad") (result string)
    (canon lift (core func $main "utf16-bad") (memory $mem)))
  (func (export "via-latin1") (param "s" string) (result string)
    (canon lift (core func $main "via-latin1") (memory $mem) (realloc $realloc)))
  (func (export "latin1-tagged-len") (param "s" string) (result u32)
    (canon lift (core func $main "latin1-tagged-len") (memory $mem) (realloc $realloc)))
  (func (export "latin1-static") (param "case" u32) (result string)
    (canon lift (core func $main "latin1-static") (memory $mem)))
  (func (export "reverse-strings") (param "l" (list string)) (result (list string))
    (canon lift (core func $main "reverse-strings") (memory $mem) (realloc $realloc)))
  (func (export "invalid-utf8-to-utf16") (result u32)
    (canon lift (core func $main "invalid-utf8-to-utf16")))
  (func (export "invalid-utf8-to-latin1") (result u32)
    (canon lift (core func $main "invalid-utf8-to-latin1")))
  (func (export "invalid-utf8-to-utf8") (result u32)
    (canon lift (core func $main "invalid-utf8-to-utf8")))
  (func (export "valid-utf8-to-utf8") (result u32)
    (canon lift (core func $main "valid-utf8-to-utf8")))
  (func (export "out-of-bounds-string") (result u32)
    (canon lift (core func $main "out-of-bounds-string")))
  (func (export "u8-through") (param "raw" u32) (result u32) (canon lift (core func $main "u8")))
  (func (export "s8-through") (param "raw" u32) (result s32) (canon lift (core func $main "s8")))
  (func (export "u16-through") (param "raw" u32) (result u32) (canon lift (core func $main "u16")))
  (func (export "bool-through") (param "raw" u32) (result u32) (canon lift (core func $main "bool")))
  (func (export "char-through") (param "raw" u32) (result u32) (canon lift (core func $main "char")))
  (func (export "enum-through") (param "raw" u32) (result u32) (canon lift (core func $main "enum")))
  (func (export "flags-through") (param "raw" u32) (result u32) (canon lift (core func $main "flags")))
  (func (export "option-through") (param "disc" u32) (param "raw" u32) (result u32)
    (canon lift (core func $main "option")))
  (func (export "variant-through") (param "disc" u32) (param "raw" u32) (result u32)
    (canon lift (core func $main "variant")))
  (func (export "list-through") (param "ptr" u32) (param "len" u32) (result u32)
    (canon lift (core func $main "list")))
  (func (export "nan-through") (result bool) (canon lift (core func $main "nan")))
)
