;; record: flat parameters (each field flattened in order), results through a
;; return pointer with every field at its aligned offset, padding ignored,
;; records holding strings and lists, nested records.
;;
;; rgb = record { r: u8, g: u8, b: u8 }
;; invoke: echo-rgb({r: 1, g: 128, b: 255})
;; expect: {r: 1, g: 128, b: 255}
;; invoke: brightness({r: 255, g: 255, b: 255})
;; expect: 765
;; invoke: invert({r: 0, g: 100, b: 255})
;; expect: {r: 255, g: 155, b: 0}
;;
;; mixed = record { a: u8, b: u32, c: u16, d: u64, e: bool }: offsets
;; 0, 4, 8, 16, 24; size 32; alignment 8
;; invoke: echo-mixed({a: 255, b: 4294967295, c: 65535, d: 18446744073709551615, e: true})
;; expect: {a: 255, b: 4294967295, c: 65535, d: 18446744073709551615, e: true}
;; invoke: echo-mixed({a: 0, b: 0, c: 0, d: 0, e: false})
;; expect: {a: 0, b: 0, c: 0, d: 0, e: false}
;; The guest fills the return area byte by byte, padding bytes with 0xAA:
;; invoke: mixed-from-bytes()
;; expect: {a: 1, b: 33752069, c: 2057, d: 1153770349159450633, e: true}
;; How the fields were flattened (the guest returns d's low half + c + b + a):
;; invoke: mixed-flat-sum({a: 1, b: 10, c: 100, d: 1000, e: false})
;; expect: 1111
;;
;; person = record { name: string, age: u8, tags: list<string> }
;; invoke: echo-person({name: "Zoë", age: 42, tags: ["a", "bc"]})
;; expect: {name: "Zoë", age: 42, tags: ["a", "bc"]}
;; invoke: echo-person({name: "", age: 0, tags: []})
;; expect: {name: "", age: 0, tags: []}
;; invoke: make-person("Ann", 7)
;; expect: {name: "Ann", age: 7, tags: ["new"]}
;; invoke: name-len({name: "héllo", age: 1, tags: []})
;; expect: 6
;;
;; rect = record { origin: point, size: point }, point = record { x: s32, y: s32 }
;; invoke: area({origin: {x: -5, y: 7}, size: {x: 3, y: 4}})
;; expect: 12
;; invoke: translate({origin: {x: -5, y: 7}, size: {x: 3, y: 4}}, {x: 10, y: -10})
;; expect: {origin: {x: 5, y: -3}, size: {x: 3, y: 4}}
;;
;; A one-field record is flattened like its field and returned flat:
;; invoke: echo-wrapper({v: 18446744073709551615})
;; expect: {v: 18446744073709551615}
;; Floats and chars as fields:
;; invoke: echo-sample({t: 0.5, label: 'λ', ok: true, w: -inf})
;; expect: {t: 0.5, label: 'λ', ok: true, w: -inf}
;; A record in the return area with an invalid char field traps:
;; invoke: bad-sample()
;; expect-trap
;; trap-cause: converted integer out of range for `char`
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

    (func $alloc (param $align i32) (param $size i32) (result i32)
      (call $realloc (i32.const 0) (i32.const 0) (local.get $align) (local.get $size)))

    ;; Return area at 64, 8-aligned.
    (func (export "echo-rgb") (param i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get 0))
      (i32.store8 offset=65 (i32.const 0) (local.get 1))
      (i32.store8 offset=66 (i32.const 0) (local.get 2))
      (i32.const 64))
    (func (export "brightness") (param i32 i32 i32) (result i32)
      (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2))))
    (func (export "invert") (param i32 i32 i32) (result i32)
      (i32.store8 offset=64 (i32.const 0) (i32.sub (i32.const 255) (local.get 0)))
      (i32.store8 offset=65 (i32.const 0) (i32.sub (i32.const 255) (local.get 1)))
      (i32.store8 offset=66 (i32.const 0) (i32.sub (i32.const 255) (local.get 2)))
      (i32.const 64))

    (func (export "echo-mixed") (param $a i32) (param $b i32) (param $c i32) (param $d i64) (param $e i32)
      (result i32)
      (i32.store8 offset=64 (i32.const 0) (local.get $a))
      (i32.store offset=68 (i32.const 0) (local.get $b))
      (i32.store16 offset=72 (i32.const 0) (local.get $c))
      (i64.store offset=80 (i32.const 0) (local.get $d))
      (i32.store8 offset=88 (i32.const 0) (local.get $e))
      (i32.const 64))
    (func (export "mixed-flat-sum") (param $a i32) (param $b i32) (param $c i32) (param $d i64) (param $e i32)
      (result i32)
      (i32.add (i32.add (local.get $a) (local.get $b))
               (i32.add (local.get $c) (i32.wrap_i64 (local.get $d)))))
    ;; a = 01, b = 05 04 03 02, c = 09 08, d = 09 08 07 06 05 04 03 10, e = 07
    (data (i32.const 256)
      "\01\aa\aa\aa\05\04\03\02\09\08\aa\aa\aa\aa\aa\aa"
      "\09\08\07\06\05\04\03\10\07\aa\aa\aa\aa\aa\aa\aa")
    (func (export "mixed-from-bytes") (result i32) (i32.const 256))

    ;; person: name (ptr, len) @0, age @8, tags (ptr, len) @12; size 20
    (func (export "echo-person") (param i32 i32 i32 i32 i32) (result i32)
      (i32.store offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.store8 offset=72 (i32.const 0) (local.get 2))
      (i32.store offset=76 (i32.const 0) (local.get 3))
      (i32.store offset=80 (i32.const 0) (local.get 4))
      (i32.const 64))
    (data (i32.const 320) "new")
    (func (export "make-person") (param $name i32) (param $len i32) (param $age i32) (result i32)
      (local $tags i32)
      (local.set $tags (call $alloc (i32.const 4) (i32.const 8)))
      (i32.store (local.get $tags) (i32.const 320))
      (i32.store offset=4 (local.get $tags) (i32.const 3))
      (i32.store offset=64 (i32.const 0) (local.get $name))
      (i32.store offset=68 (i32.const 0) (local.get $len))
      (i32.store8 offset=72 (i32.const 0) (local.get $age))
      (i32.store offset=76 (i32.const 0) (local.get $tags))
      (i32.store offset=80 (i32.const 0) (i32.const 1))
      (i32.const 64))
    (func (export "name-len") (param i32 i32 i32 i32 i32) (result i32) (local.get 1))

    ;; rect: four s32
    (func (export "area") (param i32 i32 i32 i32) (result i64)
      (i64.mul (i64.extend_i32_s (local.get 2)) (i64.extend_i32_s (local.get 3))))
    (func (export "translate") (param i32 i32 i32 i32 i32 i32) (result i32)
      (i32.store offset=64 (i32.const 0) (i32.add (local.get 0) (local.get 4)))
      (i32.store offset=68 (i32.const 0) (i32.add (local.get 1) (local.get 5)))
      (i32.store offset=72 (i32.const 0) (local.get 2))
      (i32.store offset=76 (i32.const 0) (local.get 3))
      (i32.const 64))

    (func (export "id64") (param i64) (result i64) (local.get 0))

    ;; sample = record { t: f32, label: char, ok: bool, w: f64 }: 0, 4, 8, 16
    (func (export "echo-sample") (param f32 i32 i32 f64) (result i32)
      (f32.store offset=64 (i32.const 0) (local.get 0))
      (i32.store offset=68 (i32.const 0) (local.get 1))
      (i32.store8 offset=72 (i32.const 0) (local.get 2))
      (f64.store offset=80 (i32.const 0) (local.get 3))
      (i32.const 64))
    (func (export "bad-sample") (result i32)
      (f32.store offset=64 (i32.const 0) (f32.const 1))
      (i32.store offset=68 (i32.const 0) (i32.const 0xdfff))
      (i32.const 64))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  ;; Records used in exported functions are exported types.
  (type $rgb' (record (field "r" u8) (field "g" u8) (field "b" u8)))
  (export $rgb "rgb" (type $rgb'))
  (type $mixed' (record (field "a" u8) (field "b" u32) (field "c" u16) (field "d" u64) (field "e" bool)))
  (export $mixed "mixed" (type $mixed'))
  (type $person' (record (field "name" string) (field "age" u8) (field "tags" (list string))))
  (export $person "person" (type $person'))
  (type $point' (record (field "x" s32) (field "y" s32)))
  (export $point "point" (type $point'))
  (type $rect' (record (field "origin" $point) (field "size" $point)))
  (export $rect "rect" (type $rect'))
  (type $wrapper' (record (field "v" u64)))
  (export $wrapper "wrapper" (type $wrapper'))
  (type $sample' (record (field "t" f32) (field "label" char) (field "ok" bool) (field "w" f64)))
  (export $sample "sample" (type $sample'))

  (func (export "echo-rgb") (param "c" $rgb) (result $rgb)
    (canon lift (core func $i "echo-rgb") (memory $mem)))
  (func (export "brightness") (param "c" $rgb) (result u32)
    (canon lift (core func $i "brightness")))
  (func (export "invert") (param "c" $rgb) (result $rgb)
    (canon lift (core func $i "invert") (memory $mem)))
  (func (export "echo-mixed") (param "m" $mixed) (result $mixed)
    (canon lift (core func $i "echo-mixed") (memory $mem)))
  (func (export "mixed-from-bytes") (result $mixed)
    (canon lift (core func $i "mixed-from-bytes") (memory $mem)))
  (func (export "mixed-flat-sum") (param "m" $mixed) (result u32)
    (canon lift (core func $i "mixed-flat-sum")))
  (func (export "echo-person") (param "p" $person) (result $person)
    (canon lift (core func $i "echo-person") (memory $mem) (realloc $realloc)))
  (func (export "make-person") (param "name" string) (param "age" u8) (result $person)
    (canon lift (core func $i "make-person") (memory $mem) (realloc $realloc)))
  (func (export "name-len") (param "p" $person) (result u32)
    (canon lift (core func $i "name-len") (memory $mem) (realloc $realloc)))
  (func (export "area") (param "r" $rect) (result s64)
    (canon lift (core func $i "area")))
  (func (export "translate") (param "r" $rect) (param "by" $point) (result $rect)
    (canon lift (core func $i "translate") (memory $mem)))
  (func (export "echo-wrapper") (param "w" $wrapper) (result $wrapper)
    (canon lift (core func $i "id64")))
  (func (export "echo-sample") (param "s" $sample) (result $sample)
    (canon lift (core func $i "echo-sample") (memory $mem)))
  (func (export "bad-sample") (result $sample)
    (canon lift (core func $i "bad-sample") (memory $mem)))
)
