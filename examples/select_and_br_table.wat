;; Branch-free choice with `select`, and a switch statement with `br_table`.
;;
;; select picks one of two values by a condition, without a branch.
;; Run:    wisp run examples/select_and_br_table.wat --invoke max -5 3
;; Expect: 3
;; Run:    wisp run examples/select_and_br_table.wat --invoke abs -2147483647
;; Expect: 2147483647
;; Run:    wisp run examples/select_and_br_table.wat --invoke sign -12
;; Expect: -1
;; Run:    wisp run examples/select_and_br_table.wat --invoke sign 0
;; Expect: 0
;;
;; br_table jumps to the label at position `month` in its list; an index past
;; the end (or 0 here) goes to the default label, the last one.
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_month 2 0
;; Expect: 28
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_month 2 1
;; Expect: 29
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_month 9 0
;; Expect: 30
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_month 12 0
;; Expect: 31
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_month 13 0
;; Expect: 0
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_year 2024
;; Expect: 366
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_in_year 1900
;; Expect: 365
;; Run:    wisp run examples/select_and_br_table.wat --invoke days_between 1 2001
;; Expect: 730485

(module
  ;; select: first operand if the condition (last operand) is non-zero,
  ;; otherwise the second. Both operands are always evaluated.
  (func (export "max") (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b)
      (i32.gt_s (local.get $a) (local.get $b))))

  (func (export "abs") (param $x i32) (result i32)
    (select
      (i32.sub (i32.const 0) (local.get $x))
      (local.get $x)
      (i32.lt_s (local.get $x) (i32.const 0))))

  ;; -1, 0 or 1. A comparison is 0 or 1, so sign = (x > 0) - (x < 0);
  ;; written with two selects to show nesting.
  (func (export "sign") (param $x i32) (result i32)
    (select
      (i32.const -1)
      (select (i32.const 1) (i32.const 0) (i32.gt_s (local.get $x) (i32.const 0)))
      (i32.lt_s (local.get $x) (i32.const 0))))

  ;; The switch: nested blocks, one per case. `br_table` exits the block
  ;; named by its index operand, and the code right after that block's `end`
  ;; is the case body. Think of `switch (month) { case 2: ...; case 4: ... }`.
  (func $days_in_month (export "days_in_month")
        (param $month i32) (param $leap i32) (result i32)
    (block $invalid
      (block $d31
        (block $d30
          (block $feb
            ;; targets for month = 0, 1, 2, ..., 12, then the default
            (br_table $invalid
                      $d31 $feb $d31 $d30 $d31 $d30     ;; Jan..Jun
                      $d31 $d31 $d30 $d31 $d30 $d31     ;; Jul..Dec
                      $invalid                          ;; default
                      (local.get $month)))
          ;; case February: 29 days in a leap year, else 28
          (return (select (i32.const 29) (i32.const 28) (local.get $leap))))
        ;; case April, June, September, November
        (return (i32.const 30)))
      ;; the months with 31 days
      (return (i32.const 31)))
    ;; default: not a month
    (i32.const 0))

  ;; Gregorian rule: divisible by 4, except centuries, except every 400 years.
  (func $is_leap (param $y i32) (result i32)
    (i32.and
      (i32.eqz (i32.rem_u (local.get $y) (i32.const 4)))
      (i32.or
        (i32.ne (i32.rem_u (local.get $y) (i32.const 100)) (i32.const 0))
        (i32.eqz (i32.rem_u (local.get $y) (i32.const 400))))))

  ;; Sum days_in_month over the 12 months: one br_table dispatch per month.
  (func $days_in_year (export "days_in_year") (param $y i32) (result i32)
    (local $m i32)
    (local $total i32)
    (local $leap i32)
    (local.set $leap (call $is_leap (local.get $y)))
    (local.set $m (i32.const 1))
    (loop $month
      (local.set $total
        (i32.add (local.get $total)
          (call $days_in_month (local.get $m) (local.get $leap))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $month (i32.le_u (local.get $m) (i32.const 12))))
    (local.get $total))

  ;; Days from 1 January of year $from to 1 January of year $to.
  (func (export "days_between") (param $from i32) (param $to i32) (result i32)
    (local $total i32)
    (block $done
      (loop $year
        (br_if $done (i32.ge_s (local.get $from) (local.get $to)))
        (local.set $total
          (i32.add (local.get $total) (call $days_in_year (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $year)))
    (local.get $total)))
