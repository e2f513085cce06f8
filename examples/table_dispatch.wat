;; Dynamic dispatch: a table of function references and call_indirect, which
;; picks the function to call by index at run time (like a C array of function
;; pointers, or a vtable). Operation 0 = add, 1 = sub, 2 = mul, 3 = div.
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 0 7 5
;; Expect: 12
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 1 7 5
;; Expect: 2
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 2 7 5
;; Expect: 35
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 3 -7 2
;; Expect: -3
;;
;; fold runs acc = op(acc, i) for i = 2..n starting from acc = 1, with one
;; call_indirect per step: with mul that is n!, with add 1 + 2 + ... + n
;; (for n = 100000 that is 5000050000, which wraps modulo 2^32 in an i32).
;; Run:    wisp run examples/table_dispatch.wat --invoke fold 2 10
;; Expect: 3628800
;; Run:    wisp run examples/table_dispatch.wat --invoke fold 0 100000
;; Expect: 705082704
;;
;; call_indirect checks every call: the callee may itself trap (division by
;; zero), the entry must have the expected signature (entry 4 is a one-argument
;; function), and the index must lie inside the table (it has 5 entries).
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 3 7 0
;; Expect-exit: 1
;; Expect-stderr: integer divide by zero
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 4 7 5
;; Expect-exit: 1
;; Expect-stderr: indirect call type mismatch
;; Run:    wisp run examples/table_dispatch.wat --invoke apply 5 7 5
;; Expect-exit: 1
;; Expect-stderr: undefined element

(module
  ;; Named function types. call_indirect names the type it expects.
  (type $binop (func (param i32 i32) (result i32)))
  (type $unop (func (param i32) (result i32)))

  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  ;; Signed division rounds toward zero: -7 / 2 = -3.
  (func $div (type $binop) (i32.div_s (local.get 0) (local.get 1)))
  (func $negate (type $unop) (i32.sub (i32.const 0) (local.get 0)))

  ;; A table of 5 function references (exactly 5: no growth allowed)...
  (table $ops 5 5 funcref)
  ;; ...filled at instantiation by an element segment starting at index 0.
  (elem (table $ops) (i32.const 0) func $add $sub $mul $div $negate)

  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    ;; Arguments first, then the table index on top of the stack.
    (call_indirect $ops (type $binop)
      (local.get $a) (local.get $b) (local.get $op)))

  (func (export "fold") (param $op i32) (param $n i32) (result i32)
    (local $acc i32)
    (local $i i32)
    (local.set $acc (i32.const 1))
    (local.set $i (i32.const 2))
    (block $done
      (loop $step
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (local.set $acc
          (call_indirect $ops (type $binop)
            (local.get $acc) (local.get $i) (local.get $op)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $step)))
    (local.get $acc)))
