;; Greatest common divisor (Euclid's algorithm) and least common multiple, i64.
;; Run:    wisp run examples/gcd.wat --invoke gcd 1071 462
;; Expect: 21
;; Run:    wisp run examples/gcd.wat --invoke gcd 0 9
;; Expect: 9
;;
;; Consecutive Fibonacci numbers are Euclid's worst case: every step divides
;; by 1, so fib(92) and fib(91) take about 90 rounds to reach gcd 1.
;; Run:    wisp run examples/gcd.wat --invoke gcd 7540113804746346429 4660046610375530309
;; Expect: 1
;; Run:    wisp run examples/gcd.wat --invoke lcm 4 6
;; Expect: 12
;; Run:    wisp run examples/gcd.wat --invoke lcm 123456789 987654321
;; Expect: 13548070123626141

(module
  ;; gcd(a, b) = gcd(b, a mod b) until b is 0. `rem_u` treats both operands
  ;; as unsigned; `rem_s` would keep the sign of the dividend.
  (func $gcd (export "gcd") (param $a i64) (param $b i64) (result i64)
    (local $t i64)
    (block $done
      (loop $step
        (br_if $done (i64.eqz (local.get $b)))
        (local.set $t (i64.rem_u (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $step)))
    (local.get $a))

  ;; lcm(a, b) = a / gcd(a, b) * b; dividing first keeps the product small.
  ;; lcm(0, 0) would divide by zero, so return 0 for it explicitly.
  (func (export "lcm") (param $a i64) (param $b i64) (result i64)
    (if (i64.eqz (i64.or (local.get $a) (local.get $b)))
      (then (return (i64.const 0))))
    (i64.mul
      (i64.div_u (local.get $a) (call $gcd (local.get $a) (local.get $b)))
      (local.get $b))))
