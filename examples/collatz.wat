;; The Collatz problem with 64-bit integers: from n, go to n/2 if n is even,
;; else to 3n+1, until reaching 1. Nobody has proved that every start gets
;; there, but every one ever tried does.
;;
;; 27 takes 111 steps and climbs as high as 9232 on the way.
;; Run:    wisp run examples/collatz.wat --invoke steps 27
;; Expect: 111
;; Run:    wisp run examples/collatz.wat --invoke peak 27
;; Expect: 9232
;;
;; Why i64: starting from 704511 the sequence climbs past 2^32.
;; Run:    wisp run examples/collatz.wat --invoke peak 704511
;; Expect: 56991483520
;;
;; The start below n with the longest chain, and its number of steps
;; (about 10.8 million steps in total for n = 100000). Try n = 1000000 too:
;; the answer is 837799 with 524 steps, after 131 million steps.
;; Run:    wisp run examples/collatz.wat --invoke longest 100000
;; Expect: 77031
;; Expect: 350

(module
  ;; One Collatz step. `i64.and n 1` tests the lowest bit (odd or even);
  ;; `shr_u` by 1 halves an even number.
  (func $next (param $n i64) (result i64)
    (if (result i64) (i64.eqz (i64.and (local.get $n) (i64.const 1)))
      (then (i64.shr_u (local.get $n) (i64.const 1)))
      (else (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))

  ;; Number of steps from n down to 1.
  (func $steps (export "steps") (param $n i64) (result i64)
    (local $count i64)
    (block $done
      (loop $step
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $n (call $next (local.get $n)))
        (local.set $count (i64.add (local.get $count) (i64.const 1)))
        (br $step)))
    (local.get $count))

  ;; The largest value the sequence reaches.
  (func (export "peak") (param $n i64) (result i64)
    (local $max i64)
    (local.set $max (local.get $n))
    (block $done
      (loop $step
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $n (call $next (local.get $n)))
        (if (i64.gt_u (local.get $n) (local.get $max))
          (then (local.set $max (local.get $n))))
        (br $step)))
    (local.get $max))

  ;; Try every start in 1..limit; returns (best start, its step count).
  ;; On a tie the smaller start wins (strictly greater replaces).
  (func (export "longest") (param $limit i64) (result i64 i64)
    (local $i i64)
    (local $s i64)
    (local $best i64)
    (local $best_steps i64)
    (local.set $i (i64.const 1))
    (block $done
      (loop $try
        (br_if $done (i64.ge_u (local.get $i) (local.get $limit)))
        (local.set $s (call $steps (local.get $i)))
        (if (i64.gt_u (local.get $s) (local.get $best_steps))
          (then
            (local.set $best (local.get $i))
            (local.set $best_steps (local.get $s))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $try)))
    (local.get $best)
    (local.get $best_steps)))
