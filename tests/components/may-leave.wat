;; A component may not call out while the canonical ABI is lowering values
;; into it (its `realloc` runs) or while its `post-return` runs: a call of
;; an imported function then traps, and the call fails.
;;
;; $Callee exports `ping`, which counts its calls. $Caller imports it and
;; exports functions whose `realloc` or `post-return` may call `ping`.
;;
;; Control: `ping` called from an ordinary export body works.
;; invoke: body-calls()
;; expect: 1
;; A string argument is lowered through a realloc that does not call out:
;; invoke: quiet-realloc("abc")
;; expect: 3
;; A string argument is lowered through a realloc that calls `ping`:
;; invoke: calling-realloc("abc")
;; expect-trap
;; trap-cause: cannot leave component instance
;; A post-return that calls `ping`:
;; invoke: calling-post-return()
;; expect-trap
;; trap-cause: cannot leave component instance
;; A post-return that does not call out, as a control:
;; invoke: quiet-post-return()
;; expect: 7
(component
  (component $Callee
    (core module $M
      (global $n (mut i32) (i32.const 0))
      (func (export "ping") (result i32)
        (global.set $n (i32.add (global.get $n) (i32.const 1)))
        (global.get $n)))
    (core instance $m (instantiate $M))
    (func (export "ping") (result u32) (canon lift (core func $m "ping"))))
  (component $Caller
    (import "ping" (func $ping (result u32)))
    (core func $ping-core (canon lower (func $ping)))
    (core module $M
      (import "host" "ping" (func $ping (result i32)))
      (memory (export "mem") 1)
      (global $next (mut i32) (i32.const 1024))
      (func $bump (param $align i32) (param $size i32) (result i32)
        (local $ptr i32)
        (local.set $ptr
          (i32.and
            (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
            (i32.sub (i32.const 0) (local.get $align))))
        (global.set $next (i32.add (local.get $ptr) (local.get $size)))
        (local.get $ptr))
      (func (export "quiet-realloc") (param i32 i32 i32 i32) (result i32)
        (call $bump (local.get 2) (local.get 3)))
      (func (export "calling-realloc") (param i32 i32 i32 i32) (result i32)
        (drop (call $ping))
        (call $bump (local.get 2) (local.get 3)))
      (func (export "body-calls") (result i32) (call $ping))
      (func (export "length") (param i32 i32) (result i32) (local.get 1))
      (func (export "seven") (result i32) (i32.const 7))
      (func (export "calling-post") (param i32) (drop (call $ping)))
      (func (export "quiet-post") (param i32)))
    (core instance $m (instantiate $M
      (with "host" (instance (export "ping" (func $ping-core))))))
    (alias core export $m "mem" (core memory $mem))
    (func (export "body-calls") (result u32) (canon lift (core func $m "body-calls")))
    (func (export "quiet-realloc") (param "s" string) (result u32)
      (canon lift (core func $m "length") (memory $mem)
        (realloc (core func $m "quiet-realloc"))))
    (func (export "calling-realloc") (param "s" string) (result u32)
      (canon lift (core func $m "length") (memory $mem)
        (realloc (core func $m "calling-realloc"))))
    (func (export "calling-post-return") (result u32)
      (canon lift (core func $m "seven") (post-return (core func $m "calling-post"))))
    (func (export "quiet-post-return") (result u32)
      (canon lift (core func $m "seven") (post-return (core func $m "quiet-post")))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "ping" (func $callee "ping"))))
  (export "body-calls" (func $caller "body-calls"))
  (export "quiet-realloc" (func $caller "quiet-realloc"))
  (export "calling-realloc" (func $caller "calling-realloc"))
  (export "calling-post-return" (func $caller "calling-post-return"))
  (export "quiet-post-return" (func $caller "quiet-post-return")))
