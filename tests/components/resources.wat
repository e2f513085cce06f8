;; Resources defined and used inside one component: resource.new / rep / drop,
;; destructors, handle numbering, and the traps for bad handles. Each export
;; runs a whole scenario in one call (every call is a fresh instance).
;;
;; A handle's rep is what resource.new was given; dropping the last own handle
;; runs the destructor with the rep (the destructor counts calls and keeps the
;; last rep it saw). `scenario-basic` returns
;; (rep read back, destructor calls before the drop, after it, last rep):
;; invoke: scenario-basic()
;; expect: (42, 0, 1, 42)
;; Several handles, each destroyed once, in drop order:
;; invoke: scenario-several()
;; expect: (3, 20)
;; A resource type without a destructor: dropping runs nothing:
;; invoke: scenario-no-dtor()
;; expect: (77, 0)
;; Handle indices: the table starts at 1 and reuses freed slots, last freed
;; first (new, new, new, drop 2, new, drop 1, drop 3, new, new, new):
;; invoke: handle-sequence()
;; expect: [1, 2, 3, 2, 3, 1, 4]
;; Two resource types share one handle table:
;; invoke: shared-table()
;; expect: [1, 2, 3]
;; Any i32 is a valid rep:
;; invoke: rep-roundtrip(4294967295)
;; expect: 4294967295
;; invoke: rep-roundtrip(0)
;; expect: 0
;;
;; Bad handles trap:
;; rep of a dropped handle
;; invoke: use-after-drop()
;; expect-trap
;; trap-cause: unknown handle index 1
;; dropping twice
;; invoke: double-drop()
;; expect-trap
;; trap-cause: unknown handle index 1
;; a handle index that was never handed out, index 0, index 0xffffffff
;; invoke: rep-unknown(7)
;; expect-trap
;; trap-cause: unknown handle index 7
;; invoke: rep-unknown(0)
;; expect-trap
;; trap-cause: unknown handle index 0
;; invoke: rep-unknown(4294967295)
;; expect-trap
;; trap-cause: unknown handle index 4294967295
;; invoke: drop-unknown(7)
;; expect-trap
;; trap-cause: unknown handle index 7
;; resource.rep / resource.drop of the other resource type on a handle
;; invoke: rep-wrong-type()
;; expect-trap
;; trap-cause: handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource
;; invoke: drop-wrong-type()
;; expect-trap
;; trap-cause: handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource
;; A destructor that traps makes resource.drop trap:
;; invoke: trapping-dtor()
;; expect-trap
;; trap-cause: wasm trap: wasm `unreachable` instruction executed
(component
  ;; The destructor lives in its own core instance, created before the
  ;; resource types; it counts calls and remembers the last rep.
  (core module $Dtor
    (global $calls (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const -1))
    (func (export "dtor") (param $rep i32)
      (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
      (global.set $last (local.get $rep)))
    (func (export "bad-dtor") (param i32) unreachable)
    (func (export "calls") (result i32) (global.get $calls))
    (func (export "last") (result i32) (global.get $last))
  )
  (core instance $dtor (instantiate $Dtor))

  (type $r (resource (rep i32) (dtor (core func $dtor "dtor"))))
  (type $plain (resource (rep i32)))
  (type $fragile (resource (rep i32) (dtor (core func $dtor "bad-dtor"))))

  (core func $r.new (canon resource.new $r))
  (core func $r.rep (canon resource.rep $r))
  (core func $r.drop (canon resource.drop $r))
  (core func $plain.new (canon resource.new $plain))
  (core func $plain.rep (canon resource.rep $plain))
  (core func $plain.drop (canon resource.drop $plain))
  (core func $fragile.new (canon resource.new $fragile))
  (core func $fragile.drop (canon resource.drop $fragile))

  (core module $M
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "rep" (func $rep (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (import "plain" "new" (func $p.new (param i32) (result i32)))
    (import "plain" "rep" (func $p.rep (param i32) (result i32)))
    (import "plain" "drop" (func $p.drop (param i32)))
    (import "fragile" "new" (func $f.new (param i32) (result i32)))
    (import "fragile" "drop" (func $f.drop (param i32)))
    (import "dtor" "calls" (func $calls (result i32)))
    (import "dtor" "last" (func $last (result i32)))
    (memory (export "mem") 1)

    ;; results go to a return area at 16; lists are built at 64
    (func (export "scenario-basic") (result i32)
      (local $h i32)
      (local.set $h (call $new (i32.const 42)))
      (i32.store offset=16 (i32.const 0) (call $rep (local.get $h)))
      (i32.store offset=20 (i32.const 0) (call $calls))
      (call $drop (local.get $h))
      (i32.store offset=24 (i32.const 0) (call $calls))
      (i32.store offset=28 (i32.const 0) (call $last))
      (i32.const 16))

    (func (export "scenario-several") (result i32)
      (local $a i32) (local $b i32) (local $c i32)
      (local.set $a (call $new (i32.const 10)))
      (local.set $b (call $new (i32.const 20)))
      (local.set $c (call $new (i32.const 30)))
      (call $drop (local.get $c))
      (call $drop (local.get $a))
      (call $drop (local.get $b))
      (i32.store offset=16 (i32.const 0) (call $calls))
      (i32.store offset=20 (i32.const 0) (call $last))
      (i32.const 16))

    (func (export "scenario-no-dtor") (result i32)
      (local $h i32)
      (local.set $h (call $p.new (i32.const 77)))
      (i32.store offset=16 (i32.const 0) (call $p.rep (local.get $h)))
      (call $p.drop (local.get $h))
      (i32.store offset=20 (i32.const 0) (call $calls))
      (i32.const 16))

    (func $push (param $i i32) (param $v i32)
      (i32.store offset=64 (i32.shl (local.get $i) (i32.const 2)) (local.get $v)))
    (func $ret-list (param $n i32) (result i32)
      (i32.store offset=16 (i32.const 0) (i32.const 64))
      (i32.store offset=20 (i32.const 0) (local.get $n))
      (i32.const 16))

    (func (export "handle-sequence") (result i32)
      (call $push (i32.const 0) (call $new (i32.const 100)))   ;; 1
      (call $push (i32.const 1) (call $new (i32.const 200)))   ;; 2
      (call $push (i32.const 2) (call $new (i32.const 300)))   ;; 3
      (call $drop (i32.const 2))
      (call $push (i32.const 3) (call $new (i32.const 400)))   ;; 2 again
      (call $drop (i32.const 1))
      (call $drop (i32.const 3))
      (call $push (i32.const 4) (call $new (i32.const 500)))   ;; 3 (freed last)
      (call $push (i32.const 5) (call $new (i32.const 600)))   ;; 1
      (call $push (i32.const 6) (call $new (i32.const 700)))   ;; 4
      (call $ret-list (i32.const 7)))

    (func (export "shared-table") (result i32)
      (call $push (i32.const 0) (call $new (i32.const 1)))
      (call $push (i32.const 1) (call $p.new (i32.const 2)))
      (call $push (i32.const 2) (call $new (i32.const 3)))
      (call $ret-list (i32.const 3)))

    (func (export "rep-roundtrip") (param $v i32) (result i32)
      (local $h i32) (local $out i32)
      (local.set $h (call $p.new (local.get $v)))
      (local.set $out (call $p.rep (local.get $h)))
      (call $p.drop (local.get $h))
      (local.get $out))

    (func (export "use-after-drop") (result i32)
      (local $h i32)
      (local.set $h (call $new (i32.const 1)))
      (call $drop (local.get $h))
      (call $rep (local.get $h)))
    (func (export "double-drop") (result i32)
      (local $h i32)
      (local.set $h (call $new (i32.const 1)))
      (call $drop (local.get $h))
      (call $drop (local.get $h))
      (i32.const 0))
    (func (export "rep-unknown") (param $h i32) (result i32)
      (drop (call $new (i32.const 1)))
      (drop (call $new (i32.const 2)))
      (call $rep (local.get $h)))
    (func (export "drop-unknown") (param $h i32) (result i32)
      (drop (call $new (i32.const 1)))
      (call $drop (local.get $h))
      (i32.const 0))
    (func (export "rep-wrong-type") (result i32)
      (local $h i32)
      (local.set $h (call $new (i32.const 5)))
      (call $p.rep (local.get $h)))
    (func (export "drop-wrong-type") (result i32)
      (local $h i32)
      (local.set $h (call $p.new (i32.const 5)))
      (call $drop (local.get $h))
      (i32.const 0))
    (func (export "trapping-dtor") (result i32)
      (call $f.drop (call $f.new (i32.const 1)))
      (i32.const 0))
  )
  (core instance $m (instantiate $M
    (with "r" (instance
      (export "new" (func $r.new))
      (export "rep" (func $r.rep))
      (export "drop" (func $r.drop))))
    (with "plain" (instance
      (export "new" (func $plain.new))
      (export "rep" (func $plain.rep))
      (export "drop" (func $plain.drop))))
    (with "fragile" (instance
      (export "new" (func $fragile.new))
      (export "drop" (func $fragile.drop))))
    (with "dtor" (instance $dtor))
  ))
  (alias core export $m "mem" (core memory $mem))

  (func (export "scenario-basic") (result (tuple u32 u32 u32 u32))
    (canon lift (core func $m "scenario-basic") (memory $mem)))
  (func (export "scenario-several") (result (tuple u32 u32))
    (canon lift (core func $m "scenario-several") (memory $mem)))
  (func (export "scenario-no-dtor") (result (tuple u32 u32))
    (canon lift (core func $m "scenario-no-dtor") (memory $mem)))
  (func (export "handle-sequence") (result (list u32))
    (canon lift (core func $m "handle-sequence") (memory $mem)))
  (func (export "shared-table") (result (list u32))
    (canon lift (core func $m "shared-table") (memory $mem)))
  (func (export "rep-roundtrip") (param "rep" u32) (result u32)
    (canon lift (core func $m "rep-roundtrip")))
  (func (export "use-after-drop") (result u32) (canon lift (core func $m "use-after-drop")))
  (func (export "double-drop") (result u32) (canon lift (core func $m "double-drop")))
  (func (export "rep-unknown") (param "h" u32) (result u32) (canon lift (core func $m "rep-unknown")))
  (func (export "drop-unknown") (param "h" u32) (result u32) (canon lift (core func $m "drop-unknown")))
  (func (export "rep-wrong-type") (result u32) (canon lift (core func $m "rep-wrong-type")))
  (func (export "drop-wrong-type") (result u32) (canon lift (core func $m "drop-wrong-type")))
  (func (export "trapping-dtor") (result u32) (canon lift (core func $m "trapping-dtor")))
)
