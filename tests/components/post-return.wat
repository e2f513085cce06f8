;; post-return: called after the caller has read the results, with the core
;; function's results as its arguments; its effects are not visible in the
;; results already lifted, and a trap in it fails the call.
;;
;; The guest's post-return overwrites the returned string with 'X's: the
;; caller has already copied it out.
;; invoke: clobbered()
;; expect: "original"
;; The post-return traps unless it receives the return pointer (64) the
;; function returned:
;; invoke: checks-retptr()
;; expect: "ok"
;; The post-return of a function with a flat u32 result receives that value;
;; it traps unless it is 7:
;; invoke: checks-value(7)
;; expect: 7
;; invoke: checks-value(8)
;; expect-trap
;; trap-cause: wasm trap: wasm `unreachable` instruction executed
;; A post-return that always traps fails the call even though the results
;; were fine:
;; invoke: trapping-post-return()
;; expect-trap
;; trap-cause: wasm trap: wasm `unreachable` instruction executed
;;
;; Seen from another component (the adapter between two components calls the
;; callee's post-return once the results are copied into the caller):
;; $outer calls $inner's `clobbered` twice, then asks $inner how many times
;; its post-return ran and what argument it got last: (strings equal to
;; "original", post-return calls, last post-return argument)
;; invoke: outer-count()
;; expect: (2, 2, 64)
;; The string $outer received, returned to the host (post-return ran in
;; between, so $inner's copy is all 'X' by now):
;; invoke: outer-string()
;; expect: "original"
;; $inner's memory after the call, read by $inner itself:
;; invoke: outer-inner-after()
;; expect: "XXXXXXXX"
(component
  (component $Inner
    (core module $M
      (memory (export "mem") 1)
      (global $calls (mut i32) (i32.const 0))
      (global $last (mut i32) (i32.const -1))
      (data (i32.const 256) "original")
      (data (i32.const 512) "ok")
      (func $set-string (param $ptr i32) (param $len i32) (result i32)
        (i32.store offset=64 (i32.const 0) (local.get $ptr))
        (i32.store offset=68 (i32.const 0) (local.get $len))
        (i32.const 64))
      (func (export "clobbered") (result i32)
        (memory.copy (i32.const 256) (i32.const 768) (i32.const 8))
        (call $set-string (i32.const 256) (i32.const 8)))
      (func (export "clobber") (param $retptr i32)
        (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
        (global.set $last (local.get $retptr))
        (memory.fill (i32.load (local.get $retptr)) (i32.const 0x58)
                     (i32.load offset=4 (local.get $retptr))))
      (data (i32.const 768) "original")
      (func (export "checks-retptr") (result i32)
        (call $set-string (i32.const 512) (i32.const 2)))
      (func (export "expect-64") (param i32)
        (if (i32.ne (local.get 0) (i32.const 64)) (then unreachable)))
      (func (export "id") (param i32) (result i32) (local.get 0))
      (func (export "expect-7") (param i32)
        (if (i32.ne (local.get 0) (i32.const 7)) (then unreachable)))
      (func (export "always-trap") (param i32) unreachable)
      (func (export "calls") (result i32) (global.get $calls))
      (func (export "last") (result i32) (global.get $last))
      (func (export "current") (result i32)
        (call $set-string (i32.const 256) (i32.const 8)))
    )
    (core instance $m (instantiate $M))
    (alias core export $m "mem" (core memory $mem))
    (func (export "clobbered") (result string)
      (canon lift (core func $m "clobbered") (memory $mem)
        (post-return (core func $m "clobber"))))
    (func (export "checks-retptr") (result string)
      (canon lift (core func $m "checks-retptr") (memory $mem)
        (post-return (core func $m "expect-64"))))
    (func (export "checks-value") (param "x" u32) (result u32)
      (canon lift (core func $m "id") (post-return (core func $m "expect-7"))))
    (func (export "trapping-post-return") (result string)
      (canon lift (core func $m "checks-retptr") (memory $mem)
        (post-return (core func $m "always-trap"))))
    (func (export "post-return-calls") (result u32) (canon lift (core func $m "calls")))
    (func (export "post-return-last") (result u32) (canon lift (core func $m "last")))
    (func (export "current") (result string) (canon lift (core func $m "current") (memory $mem)))
  )

  (component $Outer
    (import "inner" (instance $inner
      (export "clobbered" (func (result string)))
      (export "post-return-calls" (func (result u32)))
      (export "post-return-last" (func (result u32)))
      (export "current" (func (result string)))))
    (core module $Mem
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $ptr i32)
        (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                 (i32.sub (i32.const 0) (local.get 2))))
        (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
        (local.get $ptr))
    )
    (core instance $mem (instantiate $Mem))
    (core func $clobbered (canon lower (func $inner "clobbered")
      (memory (core memory $mem "mem")) (realloc (core func $mem "realloc"))))
    (core func $current (canon lower (func $inner "current")
      (memory (core memory $mem "mem")) (realloc (core func $mem "realloc"))))
    (core func $calls (canon lower (func $inner "post-return-calls")))
    (core func $last (canon lower (func $inner "post-return-last")))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "clobbered" (func $clobbered (param i32)))
      (import "" "current" (func $current (param i32)))
      (import "" "calls" (func $calls (result i32)))
      (import "" "last" (func $last (result i32)))
      (data (i32.const 256) "original")
      ;; is the string at (ptr, len) stored at $at equal to "original"?
      (func $is-original (param $at i32) (result i32)
        (if (i32.ne (i32.load offset=4 (local.get $at)) (i32.const 8))
          (then (return (i32.const 0))))
        (i64.eq (i64.load (i32.load (local.get $at))) (i64.load (i32.const 256))))
      (func (export "count") (result i32)
        (call $clobbered (i32.const 16))
        (call $clobbered (i32.const 24))
        (i32.store (i32.const 32)
          (i32.add (call $is-original (i32.const 16)) (call $is-original (i32.const 24))))
        (i32.store (i32.const 36) (call $calls))
        (i32.store (i32.const 40) (call $last))
        (i32.const 32))
      (func (export "string") (result i32)
        (call $clobbered (i32.const 16))
        (i32.const 16))
      (func (export "inner-after") (result i32)
        (call $clobbered (i32.const 16))
        (call $current (i32.const 16))
        (i32.const 16))
    )
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem "mem"))
      (export "clobbered" (func $clobbered))
      (export "current" (func $current))
      (export "calls" (func $calls))
      (export "last" (func $last))))))
    (func (export "count") (result (tuple u32 u32 u32))
      (canon lift (core func $m "count") (memory (core memory $mem "mem"))))
    (func (export "string") (result string)
      (canon lift (core func $m "string") (memory (core memory $mem "mem"))))
    (func (export "inner-after") (result string)
      (canon lift (core func $m "inner-after") (memory (core memory $mem "mem"))))
  )

  (instance $inner (instantiate $Inner))
  (instance $outer (instantiate $Outer (with "inner" (instance $inner))))
  (export "clobbered" (func $inner "clobbered"))
  (export "checks-retptr" (func $inner "checks-retptr"))
  (export "checks-value" (func $inner "checks-value"))
  (export "trapping-post-return" (func $inner "trapping-post-return"))
  (export "outer-count" (func $outer "count"))
  (export "outer-string" (func $outer "string"))
  (export "outer-inner-after" (func $outer "inner-after"))
)
