;; own and borrow handles passed between components. $defs defines the
;; resource `counter` (its rep is the address of a cell in $defs' memory) and
;; exports functions taking own<counter> and borrow<counter>; $middle receives
;; borrows without defining the type; $driver runs each scenario in one call
;; and reports what it saw. $defs names its functions the way WIT tooling
;; does ([constructor]counter, [method]counter.get with a `self` borrow,
;; [static]counter.add, ...); below they are called make, get, bump, add.
;;
;; make, get (borrow), bump (borrow) twice, drop: (first get, last get,
;; destructor calls after the drop)
;; invoke: basic()
;; expect: (5, 7, 1)
;; consume takes an own handle and drops it inside $defs: (value, destructor
;; calls)
;; invoke: consume()
;; expect: (3, 1)
;; pass moves an own handle into $defs and back out: the driver's old index is
;; freed and reused for the returned handle; the resource was not destroyed:
;; (old index, new index, value, destructor calls)
;; invoke: pass()
;; expect: (1, 1, 4, 0)
;; The same handle lent twice in one call:
;; invoke: borrow-twice()
;; expect: 12
;; A borrow and an own of different handles in one call:
;; invoke: borrow-and-consume-two()
;; expect: (8, 1)
;; $middle receives a borrow, uses it (calls get through it) and drops it
;; before returning; the driver's own handle stays usable: (value seen by
;; middle, value after)
;; invoke: lend-to-middle()
;; expect: (9, 9)
;; Destructor calls when the driver drops three handles in turn:
;; invoke: drop-three()
;; expect: [0, 1, 2, 3]
;;
;; Traps:
;; a handle after the driver dropped it
;; invoke: use-after-drop()
;; expect-trap
;; trap-cause: unknown handle index 1
;; a handle after it was moved into $defs by consume
;; invoke: use-after-consume()
;; expect-trap
;; trap-cause: unknown handle index 1
;; an index the driver never had
;; invoke: unknown-handle()
;; expect-trap
;; trap-cause: unknown handle index 99
;; a handle of another resource type passed as borrow<counter>
;; invoke: wrong-type()
;; expect-trap
;; trap-cause: handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource
;; the same handle as both borrow and own in one call: the own cannot be
;; taken while the handle is lent
;; invoke: borrow-and-consume-same()
;; expect-trap
;; trap-cause: cannot remove owned resource while borrowed
;; $middle stashes the borrow's index; after that call ended the index is
;; stale, and using it later traps
;; invoke: stale-borrow()
;; expect-trap
;; trap-cause: unknown handle index 1
;; $middle returns without dropping the borrow it received
;; invoke: forget-borrow()
;; expect-trap
;; trap-cause: borrow handles still remain at the end of the call
;; $defs lifts an own<counter> result from an index not in its table
;; invoke: bad-own-result()
;; expect-trap
;; trap-cause: unknown handle index 1000
(component
  (component $Defs
    (core module $Dtor
      (global $calls (mut i32) (i32.const 0))
      (func (export "dtor") (param i32)
        (global.set $calls (i32.add (global.get $calls) (i32.const 1))))
      (func (export "calls") (result i32) (global.get $calls))
    )
    (core instance $dtor (instantiate $Dtor))
    (type $counter' (resource (rep i32) (dtor (core func $dtor "dtor"))))
    (export $counter "counter" (type $counter'))
    (type $other' (resource (rep i32)))
    (export $other "other" (type $other'))
    (core func $counter.new (canon resource.new $counter'))
    (core func $counter.rep (canon resource.rep $counter'))
    (core func $counter.drop (canon resource.drop $counter'))
    (core func $other.new (canon resource.new $other'))

    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "rep" (func $rep (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (import "" "other-new" (func $other-new (param i32) (result i32)))
      (memory 1)
      (global $next (mut i32) (i32.const 16))
      ;; own<counter> results: a fresh handle in $defs' table, moved out
      (func (export "make") (param $init i32) (result i32)
        (local $cell i32)
        (local.set $cell (global.get $next))
        (global.set $next (i32.add (global.get $next) (i32.const 4)))
        (i32.store (local.get $cell) (local.get $init))
        (call $new (local.get $cell)))
      ;; borrow<counter> params of the defining component arrive as the rep
      (func (export "get") (param $rep i32) (result i32) (i32.load (local.get $rep)))
      (func (export "bump") (param $rep i32)
        (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (i32.const 1))))
      (func (export "add") (param i32 i32) (result i32)
        (i32.add (i32.load (local.get 0)) (i32.load (local.get 1))))
      ;; own<counter> params arrive as a handle in $defs' own table
      (func (export "consume") (param $h i32) (result i32)
        (local $v i32)
        (local.set $v (i32.load (call $rep (local.get $h))))
        (call $drop (local.get $h))
        (local.get $v))
      (func (export "pass") (param $h i32) (result i32) (local.get $h))
      (func (export "borrow-and-consume") (param $rep i32) (param $h i32) (result i32)
        (call $drop (local.get $h))
        (i32.load (local.get $rep)))
      (func (export "make-other") (result i32) (call $other-new (i32.const 0)))
      (func (export "bad-own") (result i32) (i32.const 1000))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "new" (func $counter.new))
      (export "rep" (func $counter.rep))
      (export "drop" (func $counter.drop))
      (export "other-new" (func $other.new))))))

    (func (export "[constructor]counter") (param "init" u32) (result (own $counter))
      (canon lift (core func $m "make")))
    (func (export "[method]counter.get") (param "self" (borrow $counter)) (result u32)
      (canon lift (core func $m "get")))
    (func (export "[method]counter.bump") (param "self" (borrow $counter))
      (canon lift (core func $m "bump")))
    (func (export "[static]counter.add") (param "a" (borrow $counter)) (param "b" (borrow $counter)) (result u32)
      (canon lift (core func $m "add")))
    (func (export "[static]counter.consume") (param "c" (own $counter)) (result u32)
      (canon lift (core func $m "consume")))
    (func (export "[static]counter.pass") (param "c" (own $counter)) (result (own $counter))
      (canon lift (core func $m "pass")))
    (func (export "[static]counter.borrow-and-consume") (param "b" (borrow $counter)) (param "o" (own $counter)) (result u32)
      (canon lift (core func $m "borrow-and-consume")))
    (func (export "make-other") (result (own $other))
      (canon lift (core func $m "make-other")))
    (func (export "bad-own") (result (own $counter))
      (canon lift (core func $m "bad-own")))
    (func (export "dtor-calls") (result u32)
      (canon lift (core func $dtor "calls")))
  )

  (component $Middle
    (import "defs" (instance $defs
      (export "counter" (type $c (sub resource)))
      (export "[method]counter.get" (func (param "self" (borrow $c)) (result u32)))))
    (alias export $defs "counter" (type $counter))
    (core func $get (canon lower (func $defs "[method]counter.get")))
    (core func $drop (canon resource.drop $counter))
    (core module $M
      (import "" "get" (func $get (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (global $stashed (mut i32) (i32.const 0))
      ;; a borrow<counter> of a type defined elsewhere arrives as a handle
      ;; in $middle's table; it must be dropped before returning
      (func (export "stash") (param $h i32) (result i32)
        (local $v i32)
        (global.set $stashed (local.get $h))
        (local.set $v (call $get (local.get $h)))
        (call $drop (local.get $h))
        (local.get $v))
      (func (export "use-stashed") (result i32) (call $get (global.get $stashed)))
      (func (export "forget") (param $h i32) (result i32) (call $get (local.get $h)))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "get" (func $get))
      (export "drop" (func $drop))))))
    (func (export "stash") (param "c" (borrow $counter)) (result u32)
      (canon lift (core func $m "stash")))
    (func (export "use-stashed") (result u32)
      (canon lift (core func $m "use-stashed")))
    (func (export "forget") (param "c" (borrow $counter)) (result u32)
      (canon lift (core func $m "forget")))
  )

  (component $Driver
    (import "defs" (instance $defs
      (export "counter" (type $c (sub resource)))
      (export "other" (type $o (sub resource)))
      (export "[constructor]counter" (func (param "init" u32) (result (own $c))))
      (export "[method]counter.get" (func (param "self" (borrow $c)) (result u32)))
      (export "[method]counter.bump" (func (param "self" (borrow $c))))
      (export "[static]counter.add" (func (param "a" (borrow $c)) (param "b" (borrow $c)) (result u32)))
      (export "[static]counter.consume" (func (param "c" (own $c)) (result u32)))
      (export "[static]counter.pass" (func (param "c" (own $c)) (result (own $c))))
      (export "[static]counter.borrow-and-consume" (func (param "b" (borrow $c)) (param "o" (own $c)) (result u32)))
      (export "make-other" (func (result (own $o))))
      (export "bad-own" (func (result (own $c))))
      (export "dtor-calls" (func (result u32)))))
    (alias export $defs "counter" (type $counter))
    (import "middle" (instance $middle
      (export "stash" (func (param "c" (borrow $counter)) (result u32)))
      (export "use-stashed" (func (result u32)))
      (export "forget" (func (param "c" (borrow $counter)) (result u32)))))

    (core func $make (canon lower (func $defs "[constructor]counter")))
    (core func $get (canon lower (func $defs "[method]counter.get")))
    (core func $bump (canon lower (func $defs "[method]counter.bump")))
    (core func $add (canon lower (func $defs "[static]counter.add")))
    (core func $consume (canon lower (func $defs "[static]counter.consume")))
    (core func $pass (canon lower (func $defs "[static]counter.pass")))
    (core func $borrow-and-consume (canon lower (func $defs "[static]counter.borrow-and-consume")))
    (core func $make-other (canon lower (func $defs "make-other")))
    (core func $bad-own (canon lower (func $defs "bad-own")))
    (core func $dtor-calls (canon lower (func $defs "dtor-calls")))
    (core func $stash (canon lower (func $middle "stash")))
    (core func $use-stashed (canon lower (func $middle "use-stashed")))
    (core func $forget (canon lower (func $middle "forget")))
    (core func $drop (canon resource.drop $counter))

    (core module $M
      (import "" "make" (func $make (param i32) (result i32)))
      (import "" "get" (func $get (param i32) (result i32)))
      (import "" "bump" (func $bump (param i32)))
      (import "" "add" (func $add (param i32 i32) (result i32)))
      (import "" "consume" (func $consume (param i32) (result i32)))
      (import "" "pass" (func $pass (param i32) (result i32)))
      (import "" "borrow-and-consume" (func $borrow-and-consume (param i32 i32) (result i32)))
      (import "" "make-other" (func $make-other (result i32)))
      (import "" "bad-own" (func $bad-own (result i32)))
      (import "" "dtor-calls" (func $dtor-calls (result i32)))
      (import "" "stash" (func $stash (param i32) (result i32)))
      (import "" "use-stashed" (func $use-stashed (result i32)))
      (import "" "forget" (func $forget (param i32) (result i32)))
      (import "" "drop" (func $drop (param i32)))
      (memory (export "mem") 1)

      ;; results are written to a return area at 16
      (func $ret (param $i i32) (param $v i32)
        (i32.store offset=16 (i32.shl (local.get $i) (i32.const 2)) (local.get $v)))

      (func (export "basic") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 5)))
        (call $ret (i32.const 0) (call $get (local.get $h)))
        (call $bump (local.get $h))
        (call $bump (local.get $h))
        (call $ret (i32.const 1) (call $get (local.get $h)))
        (call $drop (local.get $h))
        (call $ret (i32.const 2) (call $dtor-calls))
        (i32.const 16))
      (func (export "consume") (result i32)
        (call $ret (i32.const 0) (call $consume (call $make (i32.const 3))))
        (call $ret (i32.const 1) (call $dtor-calls))
        (i32.const 16))
      (func (export "pass") (result i32)
        (local $h i32) (local $h2 i32)
        (local.set $h (call $make (i32.const 4)))
        (local.set $h2 (call $pass (local.get $h)))
        (call $ret (i32.const 0) (local.get $h))
        (call $ret (i32.const 1) (local.get $h2))
        (call $ret (i32.const 2) (call $get (local.get $h2)))
        (call $ret (i32.const 3) (call $dtor-calls))
        (i32.const 16))
      (func (export "borrow-twice") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 6)))
        (call $add (local.get $h) (local.get $h)))
      (func (export "borrow-and-consume-two") (result i32)
        (local $a i32) (local $b i32)
        (local.set $a (call $make (i32.const 8)))
        (local.set $b (call $make (i32.const 1)))
        (call $ret (i32.const 0) (call $borrow-and-consume (local.get $a) (local.get $b)))
        (call $ret (i32.const 1) (call $dtor-calls))
        (i32.const 16))
      (func (export "lend-to-middle") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 9)))
        (call $ret (i32.const 0) (call $stash (local.get $h)))
        (call $ret (i32.const 1) (call $get (local.get $h)))
        (i32.const 16))
      (func (export "drop-three") (result i32)
        (local $a i32) (local $b i32) (local $c i32)
        (local.set $a (call $make (i32.const 1)))
        (local.set $b (call $make (i32.const 2)))
        (local.set $c (call $make (i32.const 3)))
        (call $ret (i32.const 2) (call $dtor-calls))
        (call $drop (local.get $b))
        (call $ret (i32.const 3) (call $dtor-calls))
        (call $drop (local.get $a))
        (call $ret (i32.const 4) (call $dtor-calls))
        (call $drop (local.get $c))
        (call $ret (i32.const 5) (call $dtor-calls))
        ;; list<u32> (ptr, len) at 16
        (call $ret (i32.const 0) (i32.const 24))
        (call $ret (i32.const 1) (i32.const 4))
        (i32.const 16))

      (func (export "use-after-drop") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 1)))
        (call $drop (local.get $h))
        (call $get (local.get $h)))
      (func (export "use-after-consume") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 1)))
        (drop (call $consume (local.get $h)))
        (call $get (local.get $h)))
      (func (export "unknown-handle") (result i32)
        (drop (call $make (i32.const 1)))
        (call $get (i32.const 99)))
      (func (export "wrong-type") (result i32)
        (call $get (call $make-other)))
      (func (export "borrow-and-consume-same") (result i32)
        (local $h i32)
        (local.set $h (call $make (i32.const 1)))
        (call $borrow-and-consume (local.get $h) (local.get $h)))
      (func (export "stale-borrow") (result i32)
        (drop (call $stash (call $make (i32.const 9))))
        (call $use-stashed))
      (func (export "forget-borrow") (result i32)
        (call $forget (call $make (i32.const 9))))
      (func (export "bad-own-result") (result i32)
        (call $bad-own))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "make" (func $make))
      (export "get" (func $get))
      (export "bump" (func $bump))
      (export "add" (func $add))
      (export "consume" (func $consume))
      (export "pass" (func $pass))
      (export "borrow-and-consume" (func $borrow-and-consume))
      (export "make-other" (func $make-other))
      (export "bad-own" (func $bad-own))
      (export "dtor-calls" (func $dtor-calls))
      (export "stash" (func $stash))
      (export "use-stashed" (func $use-stashed))
      (export "forget" (func $forget))
      (export "drop" (func $drop))))))
    (alias core export $m "mem" (core memory $mem))

    (func (export "basic") (result (tuple u32 u32 u32))
      (canon lift (core func $m "basic") (memory $mem)))
    (func (export "consume") (result (tuple u32 u32))
      (canon lift (core func $m "consume") (memory $mem)))
    (func (export "pass") (result (tuple u32 u32 u32 u32))
      (canon lift (core func $m "pass") (memory $mem)))
    (func (export "borrow-twice") (result u32)
      (canon lift (core func $m "borrow-twice")))
    (func (export "borrow-and-consume-two") (result (tuple u32 u32))
      (canon lift (core func $m "borrow-and-consume-two") (memory $mem)))
    (func (export "lend-to-middle") (result (tuple u32 u32))
      (canon lift (core func $m "lend-to-middle") (memory $mem)))
    (func (export "drop-three") (result (list u32))
      (canon lift (core func $m "drop-three") (memory $mem)))
    (func (export "use-after-drop") (result u32) (canon lift (core func $m "use-after-drop")))
    (func (export "use-after-consume") (result u32) (canon lift (core func $m "use-after-consume")))
    (func (export "unknown-handle") (result u32) (canon lift (core func $m "unknown-handle")))
    (func (export "wrong-type") (result u32) (canon lift (core func $m "wrong-type")))
    (func (export "borrow-and-consume-same") (result u32) (canon lift (core func $m "borrow-and-consume-same")))
    (func (export "stale-borrow") (result u32) (canon lift (core func $m "stale-borrow")))
    (func (export "forget-borrow") (result u32) (canon lift (core func $m "forget-borrow")))
    (func (export "bad-own-result") (result u32) (canon lift (core func $m "bad-own-result")))
  )

  (instance $defs (instantiate $Defs))
  (instance $middle (instantiate $Middle (with "defs" (instance $defs))))
  (instance $driver (instantiate $Driver
    (with "defs" (instance $defs))
    (with "middle" (instance $middle))))

  (export "basic" (func $driver "basic"))
  (export "consume" (func $driver "consume"))
  (export "pass" (func $driver "pass"))
  (export "borrow-twice" (func $driver "borrow-twice"))
  (export "borrow-and-consume-two" (func $driver "borrow-and-consume-two"))
  (export "lend-to-middle" (func $driver "lend-to-middle"))
  (export "drop-three" (func $driver "drop-three"))
  (export "use-after-drop" (func $driver "use-after-drop"))
  (export "use-after-consume" (func $driver "use-after-consume"))
  (export "unknown-handle" (func $driver "unknown-handle"))
  (export "wrong-type" (func $driver "wrong-type"))
  (export "borrow-and-consume-same" (func $driver "borrow-and-consume-same"))
  (export "stale-borrow" (func $driver "stale-borrow"))
  (export "forget-borrow" (func $driver "forget-borrow"))
  (export "bad-own-result" (func $driver "bad-own-result"))
)
