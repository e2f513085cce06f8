;; Component structure: nested components instantiated inside their parent,
;; instances built from inline exports (core and component level), `alias
;; core export`, `alias export`, `alias outer`, and two core modules sharing
;; one memory. The top-level component imports nothing.
;;
;; Two core modules share the memory of a third: $writer stores into it,
;; $reader (which imports $writer's function through an inline core instance)
;; reads back what was stored:
;; invoke: shared-memory(21)
;; expect: 42
;; invoke: shared-memory(4294967295)
;; expect: 4294967294
;; Each core module sees the other's data segment in the shared memory:
;; invoke: shared-data()
;; expect: "writer+reader"
;;
;; A nested component ($adder) instantiated by the parent and passed to a
;; second nested component ($wrapper) that lowers its function and lifts its
;; own:
;; invoke: add-plus-one(2, 3)
;; expect: 6
;; The same $wrapper instantiated again, this time with an instance made of
;; inline exports that renames a different function to "add":
;; invoke: mul-plus-one(2, 3)
;; expect: 7
;; $wrapper itself contains and instantiates a component ($doubler):
;; invoke: add-doubled(2, 3)
;; expect: 10
;; Three levels deep, re-exported through `alias export` at each level:
;; invoke: deep()
;; expect: "from the bottom"
;; `alias outer`: a nested component instantiates its parent's core module and
;; uses its parent's type:
;; invoke: outer-alias(5)
;; expect: (5, 6)
;; Two instances of one component do not share state:
;; invoke: separate-instances()
;; expect: (1, 1, 2)
(component
  ;; --- shared memory --------------------------------------------------------
  (core module $Libc
    (memory (export "memory") 1)
  )
  (core instance $libc (instantiate $Libc))
  (core module $Writer
    (import "env" "memory" (memory 1))
    (data (i32.const 200) "writer+")
    (func (export "write") (param $v i32)
      (i32.store (i32.const 100) (i32.shl (local.get $v) (i32.const 1))))
  )
  (core module $Reader
    (import "env" "memory" (memory 1))
    (import "writer" "write" (func $write (param i32)))
    (data (i32.const 207) "reader")
    (func (export "write-then-read") (param $v i32) (result i32)
      (call $write (local.get $v))
      (i32.load (i32.const 100)))
    (func (export "data") (result i32)
      (i32.store (i32.const 16) (i32.const 200))
      (i32.store (i32.const 20) (i32.const 13))
      (i32.const 16))
  )
  (core instance $writer (instantiate $Writer (with "env" (instance $libc))))
  (alias core export $writer "write" (core func $write))
  (alias core export $libc "memory" (core memory $memory))
  (core instance $reader (instantiate $Reader
    (with "env" (instance (export "memory" (memory $memory))))
    (with "writer" (instance (export "write" (func $write))))))
  (func (export "shared-memory") (param "v" u32) (result u32)
    (canon lift (core func $reader "write-then-read")))
  (func (export "shared-data") (result string)
    (canon lift (core func $reader "data") (memory $memory)))

  ;; --- nested components ----------------------------------------------------
  (component $Adder
    (core module $M
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1))))
    (core instance $m (instantiate $M))
    (func (export "add") (param "a" u32) (param "b" u32) (result u32)
      (canon lift (core func $m "add")))
    (func (export "mul") (param "a" u32) (param "b" u32) (result u32)
      (canon lift (core func $m "mul")))
  )

  (component $Wrapper
    (import "adder" (instance $adder
      (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))

    ;; a component nested inside a nested component
    (component $Doubler
      (import "f" (func $f (param "a" u32) (param "b" u32) (result u32)))
      (core func $f-lowered (canon lower (func $f)))
      (core module $M
        (import "" "f" (func $f (param i32 i32) (result i32)))
        (func (export "run") (param i32 i32) (result i32)
          (i32.shl (call $f (local.get 0) (local.get 1)) (i32.const 1))))
      (core instance $m (instantiate $M (with "" (instance (export "f" (func $f-lowered))))))
      (func (export "run") (param "a" u32) (param "b" u32) (result u32)
        (canon lift (core func $m "run")))
    )
    (alias export $adder "add" (func $add))
    (instance $doubler (instantiate $Doubler (with "f" (func $add))))

    (core func $add-lowered (canon lower (func $add)))
    (core module $M
      (import "" "add" (func $add (param i32 i32) (result i32)))
      (func (export "plus-one") (param i32 i32) (result i32)
        (i32.add (call $add (local.get 0) (local.get 1)) (i32.const 1))))
    (core instance $m (instantiate $M (with "" (instance (export "add" (func $add-lowered))))))
    (func (export "plus-one") (param "a" u32) (param "b" u32) (result u32)
      (canon lift (core func $m "plus-one")))
    (export "doubled" (func $doubler "run"))
  )

  (instance $adder (instantiate $Adder))
  (instance $wrapper (instantiate $Wrapper (with "adder" (instance $adder))))
  (alias export $wrapper "plus-one" (func $plus-one))
  (export "add-plus-one" (func $plus-one))
  (export "add-doubled" (func $wrapper "doubled"))

  ;; an instance of inline exports: $adder's "mul" under the name "add"
  (alias export $adder "mul" (func $mul))
  (instance $mul-as-add (export "add" (func $mul)))
  (instance $wrapper2 (instantiate $Wrapper (with "adder" (instance $mul-as-add))))
  (export "mul-plus-one" (func $wrapper2 "plus-one"))

  ;; --- three levels ---------------------------------------------------------
  (component $Top
    (component $Middle
      (component $Bottom
        (core module $M
          (memory (export "mem") 1)
          (data (i32.const 64) "from the bottom")
          (func (export "f") (result i32)
            (i32.store (i32.const 16) (i32.const 64))
            (i32.store (i32.const 20) (i32.const 15))
            (i32.const 16)))
        (core instance $m (instantiate $M))
        (func (export "f") (result string)
          (canon lift (core func $m "f") (memory (core memory $m "mem"))))
      )
      (instance $b (instantiate $Bottom))
      (alias export $b "f" (func $f))
      (export "f" (func $f))
    )
    (instance $mid (instantiate $Middle))
    (export "f" (func $mid "f"))
  )
  (instance $top (instantiate $Top))
  (export "deep" (func $top "f"))

  ;; --- alias outer ----------------------------------------------------------
  (core module $Counter
    (global $n (mut i32) (i32.const 0))
    (func (export "next") (result i32)
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (global.get $n)))
  (type $pair (tuple u32 u32))
  (component $UsesOuter
    (alias outer 1 $Counter (core module $Counter))
    (alias outer 1 $pair (type $pair))
    (core instance $c (instantiate $Counter))
    (core module $M
      (memory (export "mem") 1)
      (func (export "pair") (param $v i32) (result i32)
        (i32.store (i32.const 16) (local.get $v))
        (i32.store (i32.const 20) (i32.add (local.get $v) (i32.const 1)))
        (i32.const 16)))
    (core instance $m (instantiate $M))
    (func (export "pair") (param "v" u32) (result $pair)
      (canon lift (core func $m "pair") (memory (core memory $m "mem"))))
    (func (export "next") (result u32)
      (canon lift (core func $c "next")))
  )
  (instance $uses-outer (instantiate $UsesOuter))
  (export "outer-alias" (func $uses-outer "pair"))

  ;; --- separate instances ---------------------------------------------------
  (instance $second (instantiate $UsesOuter))
  (core func $next1 (canon lower (func $uses-outer "next")))
  (core func $next2 (canon lower (func $second "next")))
  (core module $Check
    (import "" "next1" (func $next1 (result i32)))
    (import "" "next2" (func $next2 (result i32)))
    (memory (export "mem") 1)
    (func (export "run") (result i32)
      (i32.store (i32.const 16) (call $next1))
      (i32.store (i32.const 20) (call $next2))
      (i32.store (i32.const 24) (call $next1))
      (i32.const 16)))
  (core instance $check (instantiate $Check (with "" (instance
    (export "next1" (func $next1))
    (export "next2" (func $next2))))))
  (func (export "separate-instances") (result (tuple u32 u32 u32))
    (canon lift (core func $check "run") (memory (core memory $check "mem"))))
)
