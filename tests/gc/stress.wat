;; tests/gc/stress.wat -- allocation stress: many short-lived objects, nothing
;; survives a round.
;;
;; Export: (func "run" (param $rounds i32) (result i64)) -> checksum.
;;
;; What one round allocates, in wisp's layout (8-byte header = u32 type id +
;; u32 length; struct fields at natural alignment in declaration order; object
;; size rounded up to 8; array = header + length x element size, rounded up
;; to 8; i31ref is an unboxed tagged value and allocates nothing):
;;
;;   $rec  (struct i64 f64 eqref)           8 + 8 + 8 + 8            = 32 bytes
;;   $node (struct (mut i32) (mut ref))     8 + 4 + 4 (pad) + 8      = 24 bytes
;;   $ai32 (array (mut i32)) of length L    8 + 4L, rounded up to 8
;;                                          (L even: 8+4L; L odd: 12+4L)
;;
;;   One round = 4032 iterations j = 0..4031, then one tail array.
;;   Iteration j allocates:
;;     - one $ai32 of length L = 16 + (j mod 48)          (16..63 elements)
;;     - a list of n = 1 + (j mod 4) $node cells           (1..4 cells)
;;     - one $rec whose eqref field holds, by j mod 3: the array, an i31
;;       (no allocation) or the list head
;;   The pattern repeats every 48 iterations (48 is a multiple of 4 and 3):
;;     48 $rec                                   48 x 32 =  1,536
;;     arrays L = 16..63: 48 x 8 + 4 x (16+...+63)
;;                        + 24 odd lengths x 4   = 384 + 7,584 + 96 =  8,064
;;     lists: 12 x (1+2+3+4) = 120 cells         120 x 24 =  2,880
;;                                                          ------
;;     per 48 iterations                                    12,480
;;   4032 iterations = 84 x 48                 84 x 12,480 = 1,048,320
;;   tail: one $ai32 of length 62 (array.new_default, array.fill, overlapping
;;         array.copy)                          8 + 62 x 4 =       256
;;                                                          ---------
;;   one round                                              1,048,576 = 1 MiB
;;
;;   So run(N) allocates exactly N x 1,048,576 bytes (N MiB) in exactly
;;   N x 18,145 objects (per round: 4032 $rec + 4032 $ai32 + 10,080 $node +
;;   1 tail $ai32). Every object is dead by the end of its iteration (the tail
;;   array by the end of its round); the live set never exceeds a few hundred
;;   bytes, so with a 64 MiB GC heap run(N) must collect for N > 64 (run(64)
;;   fills exactly 64 MiB), and run(1000) goes through the heap ~15.6 times.
;;
;; Instructions: struct.new, struct.new_default, struct.get, struct.set,
;; array.new, array.new_default, array.get, array.set, array.len, array.fill,
;; array.copy (overlapping, same array), ref.i31, i31.get_s, br_on_cast,
;; ref.test, ref.cast, ref.eq, ref.is_null.
;;
;; Expected results (wasmtime 49.0.3, -W gc=y,function-references=y; equal
;; under -C collector=drc, copying and null, and to an independent Python
;; model of the same computation; i64 printed signed, as wasmtime does):
;;   run(0)    = 0
;;   run(1)    = -3507280529464404352
;;   run(2)    = -2759313355878348596
;;   run(10)   = -619833288061338628
;;   run(64)   = 182513875111274880
;;   run(100)  = -8974815755868565288
;;   run(1000) = 6886433706214937200
(module
  (type $ai32 (array (mut i32)))
  (type $node (struct (field $val (mut i32)) (field $next (mut (ref null $node)))))
  (type $rec (struct (field $a i64) (field $b f64) (field $r eqref)))

  ;; Sum a list's values, following $next until null.
  (func $sum_list (param $p (ref null $node)) (result i64)
    (local $s i64)
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $s
          (i64.add (local.get $s)
                   (i64.extend_i32_s (struct.get $node $val (local.get $p)))))
        (local.set $p (struct.get $node $next (local.get $p)))
        (br $walk)))
    (local.get $s))

  ;; Fold a $rec: its scalar fields, then whatever its eqref field holds,
  ;; told apart with br_on_cast.
  (func $check_rec (param $rec (ref $rec)) (result i64)
    (local $s i64)
    (local $t i64)
    (local $arr (ref $ai32))
    (local.set $s
      (i64.add
        (struct.get $rec $a (local.get $rec))
        (i64.trunc_f64_s (f64.mul (struct.get $rec $b (local.get $rec))
                                  (f64.const 2)))))
    (block $is_arr (result (ref $ai32))
      (block $is_node (result (ref $node))
        (block $is_i31 (result (ref i31))
          (struct.get $rec $r (local.get $rec))
          (br_on_cast $is_i31 eqref (ref i31))
          (br_on_cast $is_node eqref (ref $node))
          (br_on_cast $is_arr eqref (ref $ai32))
          (unreachable))
        ;; i31: x * 3
        (local.set $t (i64.extend_i32_s (i31.get_s)))
        (return (i64.add (local.get $s) (i64.mul (local.get $t) (i64.const 3)))))
      ;; list: sum of its values * 5
      (local.set $t (call $sum_list))
      (return (i64.add (local.get $s) (i64.mul (local.get $t) (i64.const 5)))))
    ;; array: length, first and last element
    (local.set $arr)
    (i64.add (local.get $s)
      (i64.add
        (i64.extend_i32_u (array.len (local.get $arr)))
        (i64.extend_i32_s
          (i32.xor
            (array.get $ai32 (local.get $arr) (i32.const 0))
            (array.get $ai32 (local.get $arr)
                       (i32.sub (array.len (local.get $arr)) (i32.const 1))))))))

  ;; One iteration: allocates one $ai32, a list of 1..4 $node and one $rec.
  (func $iter (param $r i32) (param $j i32) (result i64)
    (local $x i32) (local $len i32) (local $n i32) (local $k i32)
    (local $arr (ref $ai32))
    (local $head (ref null $node))
    (local $cell (ref null $node))
    (local $ref eqref)
    (local $rec (ref $rec))
    (local $s i64)
    (local.set $x (i32.add (i32.mul (local.get $r) (i32.const 4032)) (local.get $j)))
    ;; the array: L = 16 + j mod 48, filled with x, first/last element changed
    (local.set $len (i32.add (i32.const 16) (i32.rem_u (local.get $j) (i32.const 48))))
    (local.set $arr (array.new $ai32 (local.get $x) (local.get $len)))
    (array.set $ai32 (local.get $arr) (i32.const 0)
      (i32.mul (local.get $x) (i32.const 7)))
    (array.set $ai32 (local.get $arr) (i32.sub (local.get $len) (i32.const 1))
      (i32.xor (local.get $x) (local.get $len)))
    ;; the list: n = 1 + j mod 4 cells, alternately struct.new and
    ;; struct.new_default + struct.set
    (local.set $n (i32.add (i32.const 1) (i32.and (local.get $j) (i32.const 3))))
    (local.set $k (i32.const 0))
    (loop $cells
      (if (i32.and (local.get $k) (i32.const 1))
        (then
          (local.set $cell (struct.new_default $node))
          (struct.set $node $val (local.get $cell) (i32.add (local.get $x) (local.get $k)))
          (struct.set $node $next (local.get $cell) (local.get $head)))
        (else
          (local.set $cell
            (struct.new $node (i32.add (local.get $x) (local.get $k)) (local.get $head)))))
      (local.set $head (local.get $cell))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $cells (i32.lt_u (local.get $k) (local.get $n))))
    (local.set $s (call $sum_list (local.get $head)))
    ;; the record's reference: the array, an i31 or the list
    (block $chosen
      (if (i32.eqz (i32.rem_u (local.get $j) (i32.const 3)))
        (then (local.set $ref (local.get $arr)) (br $chosen)))
      (if (i32.eq (i32.rem_u (local.get $j) (i32.const 3)) (i32.const 1))
        (then (local.set $ref (ref.i31 (local.get $x))) (br $chosen)))
      (local.set $ref (local.get $head)))
    (local.set $rec
      (struct.new $rec
        (i64.extend_i32_u (local.get $x))
        (f64.mul (f64.convert_i32_u (local.get $x)) (f64.const 0.5))
        (local.get $ref)))
    ;; ref.eq: the record holds the very list we built exactly when j mod 3 = 2
    (if (i32.ne
          (ref.eq (struct.get $rec $r (local.get $rec)) (local.get $head))
          (i32.eq (i32.rem_u (local.get $j) (i32.const 3)) (i32.const 2)))
      (then (unreachable)))
    (i64.add (local.get $s) (call $check_rec (local.get $rec))))

  ;; The tail of a round: one 62-element array (256 bytes), filled, then
  ;; copied onto itself overlapping (memmove semantics), then summed.
  (func $tail (param $r i32) (result i64)
    (local $arr (ref $ai32))
    (local $any anyref)
    (local $i i32)
    (local $s i64)
    (local.set $arr (array.new_default $ai32 (i32.const 62)))
    (array.fill $ai32 (local.get $arr) (i32.const 0) (local.get $r) (i32.const 62))
    (array.set $ai32 (local.get $arr) (i32.const 0) (i32.const 1000))
    (array.set $ai32 (local.get $arr) (i32.const 1) (i32.const 2000))
    (array.set $ai32 (local.get $arr) (i32.const 2) (i32.const 3000))
    (array.set $ai32 (local.get $arr) (i32.const 3) (i32.const 4000))
    ;; [a0 a1 a2 a3 r r ...] -> [a0 a1 a2 a3 a0 a1 a2 a3 r r ...]
    (array.copy $ai32 $ai32
      (local.get $arr) (i32.const 4) (local.get $arr) (i32.const 0) (i32.const 58))
    ;; through anyref and back: ref.test + ref.cast
    (local.set $any (local.get $arr))
    (if (i32.eqz (ref.test (ref $ai32) (local.get $any)))
      (then (unreachable)))
    (local.set $arr (ref.cast (ref $ai32) (local.get $any)))
    (loop $sum
      (local.set $s
        (i64.add (i64.mul (local.get $s) (i64.const 3))
                 (i64.extend_i32_s (array.get $ai32 (local.get $arr) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sum (i32.lt_u (local.get $i) (array.len (local.get $arr)))))
    (local.get $s))

  (func (export "run") (param $rounds i32) (result i64)
    (local $r i32) (local $j i32) (local $sum i64)
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $rounds)))
        (local.set $j (i32.const 0))
        (loop $iters
          (local.set $sum
            (i64.add (i64.mul (local.get $sum) (i64.const 31))
                     (call $iter (local.get $r) (local.get $j))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $iters (i32.lt_u (local.get $j) (i32.const 4032))))
        (local.set $sum
          (i64.add (i64.mul (local.get $sum) (i64.const 31))
                   (call $tail (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round)))
    (local.get $sum))
)
