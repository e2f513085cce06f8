;; enum: a variant without payloads. Flat it is one i32; in memory it takes a
;; u8 for up to 256 cases and a u16 for more (the 257-case `big` below). An
;; out-of-range discriminant traps, flat and in memory.
;;
;; invoke: echo-color(green)
;; expect: green
;; invoke: color-index(red)
;; expect: 0
;; invoke: color-index(blue)
;; expect: 2
;; invoke: color-from(1)
;; expect: green
;; invoke: color-from(3)
;; expect-trap
;; trap-cause: discriminant 3 out of range [0..3)
;; invoke: color-from(256)
;; expect-trap
;; trap-cause: discriminant 256 out of range [0..3)
;; invoke: echo-colors([blue, red, blue])
;; expect: [blue, red, blue]
;; invoke: colors-from-bytes(0)
;; expect: [red, green, blue]
;; The fourth byte is 3:
;; invoke: colors-from-bytes(1)
;; expect-trap
;; trap-cause: discriminant 3 out of range [0..3)
;;
;; big has cases c0 ... c256:
;; invoke: echo-big(c256)
;; expect: c256
;; invoke: big-index(c200)
;; expect: 200
;; invoke: big-from(255)
;; expect: c255
;; invoke: big-from(256)
;; expect: c256
;; invoke: big-from(257)
;; expect-trap
;; trap-cause: discriminant 257 out of range [0..257)
;; In memory each element is a little-endian u16:
;; invoke: big-list-from-bytes(0)
;; expect: [c256, c255, c1]
;; invoke: big-list-from-bytes(1)
;; expect-trap
;; trap-cause: discriminant 257 out of range [0..257)
;; invoke: echo-bigs([c0, c256, c128])
;; expect: [c0, c256, c128]
;; tuple<color, big, u8>: offsets 0, 2, 4
;; invoke: mixed-from-bytes()
;; expect: (blue, c256, 9)
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
    ;; list<color>: [0, 1, 2] (case 0) and [0, 1, 2, 3] (case 1)
    (data (i32.const 256) "\00\01\02\03")
    (func (export "colors-from-bytes") (param $case i32) (result i32)
      (i32.store offset=64 (i32.const 0) (i32.const 256))
      (i32.store offset=68 (i32.const 0) (i32.add (i32.const 3) (local.get $case)))
      (i32.const 64))
    ;; list<big>: [256, 255, 1] (case 0) and [256, 257] (case 1)
    (data (i32.const 272) "\00\01\ff\00\01\00")
    (data (i32.const 280) "\00\01\01\01")
    (func (export "big-list-from-bytes") (param $case i32) (result i32)
      (if (local.get $case)
        (then
          (i32.store offset=64 (i32.const 0) (i32.const 280))
          (i32.store offset=68 (i32.const 0) (i32.const 2)))
        (else
          (i32.store offset=64 (i32.const 0) (i32.const 272))
          (i32.store offset=68 (i32.const 0) (i32.const 3))))
      (i32.const 64))
    ;; (blue, c256, 9): a padding byte, then the u16 0x0100 at offset 2
    (data (i32.const 288) "\02\ee\00\01\09")
    (func (export "mixed-from-bytes") (result i32) (i32.const 288))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (type $color' (enum "red" "green" "blue"))
  (export $color "color" (type $color'))
  (type $big' (enum
    "c0" "c1" "c2" "c3" "c4" "c5" "c6" "c7" "c8" "c9" "c10" "c11" "c12" "c13" "c14" "c15"
    "c16" "c17" "c18" "c19" "c20" "c21" "c22" "c23" "c24" "c25" "c26" "c27" "c28" "c29" "c30" "c31"
    "c32" "c33" "c34" "c35" "c36" "c37" "c38" "c39" "c40" "c41" "c42" "c43" "c44" "c45" "c46" "c47"
    "c48" "c49" "c50" "c51" "c52" "c53" "c54" "c55" "c56" "c57" "c58" "c59" "c60" "c61" "c62" "c63"
    "c64" "c65" "c66" "c67" "c68" "c69" "c70" "c71" "c72" "c73" "c74" "c75" "c76" "c77" "c78" "c79"
    "c80" "c81" "c82" "c83" "c84" "c85" "c86" "c87" "c88" "c89" "c90" "c91" "c92" "c93" "c94" "c95"
    "c96" "c97" "c98" "c99" "c100" "c101" "c102" "c103" "c104" "c105" "c106" "c107" "c108" "c109" "c110" "c111"
    "c112" "c113" "c114" "c115" "c116" "c117" "c118" "c119" "c120" "c121" "c122" "c123" "c124" "c125" "c126" "c127"
    "c128" "c129" "c130" "c131" "c132" "c133" "c134" "c135" "c136" "c137" "c138" "c139" "c140" "c141" "c142" "c143"
    "c144" "c145" "c146" "c147" "c148" "c149" "c150" "c151" "c152" "c153" "c154" "c155" "c156" "c157" "c158" "c159"
    "c160" "c161" "c162" "c163" "c164" "c165" "c166" "c167" "c168" "c169" "c170" "c171" "c172" "c173" "c174" "c175"
    "c176" "c177" "c178" "c179" "c180" "c181" "c182" "c183" "c184" "c185" "c186" "c187" "c188" "c189" "c190" "c191"
    "c192" "c193" "c194" "c195" "c196" "c197" "c198" "c199" "c200" "c201" "c202" "c203" "c204" "c205" "c206" "c207"
    "c208" "c209" "c210" "c211" "c212" "c213" "c214" "c215" "c216" "c217" "c218" "c219" "c220" "c221" "c222" "c223"
    "c224" "c225" "c226" "c227" "c228" "c229" "c230" "c231" "c232" "c233" "c234" "c235" "c236" "c237" "c238" "c239"
    "c240" "c241" "c242" "c243" "c244" "c245" "c246" "c247" "c248" "c249" "c250" "c251" "c252" "c253" "c254" "c255"
    "c256"
  ))
  (export $big "big" (type $big'))

  (func (export "echo-color") (param "c" $color) (result $color) (canon lift (core func $i "id32")))
  (func (export "color-index") (param "c" $color) (result u32) (canon lift (core func $i "id32")))
  (func (export "color-from") (param "n" u32) (result $color) (canon lift (core func $i "id32")))
  (func (export "echo-colors") (param "l" (list $color)) (result (list $color))
    (canon lift (core func $i "echo-list") (memory $mem) (realloc $realloc)))
  (func (export "colors-from-bytes") (param "case" u32) (result (list $color))
    (canon lift (core func $i "colors-from-bytes") (memory $mem)))
  (func (export "echo-big") (param "b" $big) (result $big) (canon lift (core func $i "id32")))
  (func (export "big-index") (param "b" $big) (result u32) (canon lift (core func $i "id32")))
  (func (export "big-from") (param "n" u32) (result $big) (canon lift (core func $i "id32")))
  (func (export "big-list-from-bytes") (param "case" u32) (result (list $big))
    (canon lift (core func $i "big-list-from-bytes") (memory $mem)))
  (func (export "echo-bigs") (param "l" (list $big)) (result (list $big))
    (canon lift (core func $i "echo-list") (memory $mem) (realloc $realloc)))
  (func (export "mixed-from-bytes") (result (tuple $color $big u8))
    (canon lift (core func $i "mixed-from-bytes") (memory $mem)))
)
