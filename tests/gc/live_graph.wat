;; tests/gc/live_graph.wat -- a large live graph kept across many collections.
;;
;; Exports:
;;   build(size i32)           builds a balanced binary search tree of `size`
;;                             $tnode (keys 0..size-1, payload val(key)) and an
;;                             index array holding the node of every key that
;;                             is a multiple of 16 (index[k] = node 16k); both
;;                             live in globals. Replaces any previous graph.
;;   churn(rounds i32)         per round: 64 KiB of garbage (lists, arrays, an
;;                             anyref array pointing into the live graph), all
;;                             dead at the round's end; and one subtree of the
;;                             live tree replaced by a fresh copy (the parent,
;;                             an old object, is made to point to the young
;;                             copy; index entries are re-pointed to the copies;
;;                             the old subtree becomes garbage). Traps
;;                             (unreachable) if the garbage it just built reads
;;                             back wrong.
;;   checksum() -> i64         walks the tree in order (keys, payloads, node
;;                             count, index entries that are the very node:
;;                             ref.eq) and the index array; folds it all.
;;   run(size, rounds) -> i64  build; c1 = checksum; churn; c2 = checksum;
;;                             unreachable if c1 != c2; returns c2.
;;   copied() -> i64           tree nodes copied by churn since the last build.
;;   garbage() -> i64          a fold of the values churn read back from its
;;                             garbage since the last build.
;;
;; Sizes in wisp's layout (8-byte header; fields at natural alignment; objects
;; rounded up to 8; i31ref is unboxed):
;;   $tnode (struct i32 i64 ref ref)  8 + 4 + 4 (pad) + 8 + 8 + 8 = 40 bytes
;;   $index (array ref) of n          8 + 8n   (global $idx)
;;   $cell  (struct i64 ref)          8 + 8 + 8 = 24 bytes
;;   $ai64  (array i64) of n          8 + 8n
;;   $anys  (array anyref) of n       8 + 8n
;;   build(200000): 200,000 x 40 + (8 + 12,500 x 8)  = 8,100,008 bytes live
;;   one churn round's garbage:
;;     2448 $cell          58,752
;;     8 $ai64 of 100       6,464   (8 x 808)
;;     1 $anys of 32          264
;;     1 $ai64 of 6 (fixed)    56
;;                         ------
;;                         65,536 = 64 KiB exactly
;;   plus copied() x 40 bytes of tree copies over all rounds (the copies
;;   replace the same number of old nodes, which die).
;;   run(200000, 1000): 8.1 MB live, 65,536,000 + 389,604 x 40 = 81,120,160
;;   bytes churned.
;;
;; Instructions: struct.new, struct.get, struct.set (old object -> young
;; one), array.new_default, array.new_fixed, array.get, array.set (old array
;; -> young object), array.len, array.fill, array.copy, ref.i31, i31.get_s,
;; ref.test, ref.cast, ref.eq, ref.is_null, ref.null.
;;
;; Expected results (wasmtime 49.0.3, -W gc=y,function-references=y; equal
;; under -C collector=drc and copying, and to a Python model). The checksum
;; depends only on size, churn leaves it unchanged:
;;   size    rounds  run(size, rounds)       copied()   garbage()
;;   0       0       -2788552698171019337    0          0
;;   1       1       -6577528500670954714    0          4561678008836983341
;;   10      5       -9215584585989020596    5          -2784619657899184103
;;   1000    100     -3223221355430579732    97         -3573622320661712016
;;   65536   300     5512798343841988535     38100      2789093830928234512
;;   200000  1000    1742849909610981859     389604     -4792421895853458688
;;   200000  5000    1742849909610981859     1948079    619073193719273856
;; (copied() and garbage() as read after build(size) + churn(rounds) in one
;; instance; see tests/gc/README.md for the driver.)
(module
  (rec
    (type $tnode (struct
      (field $key i32)
      (field $val i64)
      (field $left (mut (ref null $tnode)))
      (field $right (mut (ref null $tnode))))))
  (type $index (array (mut (ref null $tnode))))
  (type $cell (struct (field $v i64) (field $next (ref null $cell))))
  (type $ai64 (array (mut i64)))
  (type $anys (array (mut anyref)))

  (global $root (mut (ref null $tnode)) (ref.null $tnode))
  (global $idx (mut (ref null $index)) (ref.null $index))
  (global $seed (mut i64) (i64.const 0))
  (global $copied (mut i64) (i64.const 0))
  (global $garbage (mut i64) (i64.const 0))
  ;; checksum walk state
  (global $h (mut i64) (i64.const 0))
  (global $count (mut i64) (i64.const 0))
  (global $matches (mut i64) (i64.const 0))

  (func $payload (param $key i32) (result i64)
    (i64.mul (i64.extend_i32_u (i32.add (local.get $key) (i32.const 1)))
             (i64.const 0x9E3779B97F4A7C15)))

  (func $mix (param $h i64) (param $v i64) (result i64)
    (i64.mul (i64.xor (local.get $h) (local.get $v)) (i64.const 0x100000001B3)))

  (func $next_rand (result i64)
    (global.set $seed
      (i64.add (i64.mul (global.get $seed) (i64.const 6364136223846793005))
               (i64.const 1442695040888963407)))
    (i64.shr_u (global.get $seed) (i64.const 33)))

  ;; Record node n in the index if its key is a multiple of 16.
  (func $note (param $n (ref $tnode))
    (local $key i32)
    (local.set $key (struct.get $tnode $key (local.get $n)))
    (if (i32.eqz (i32.and (local.get $key) (i32.const 15)))
      (then
        (array.set $index (global.get $idx)
          (i32.shr_u (local.get $key) (i32.const 4)) (local.get $n)))))

  ;; Balanced tree over keys [lo, hi).
  (func $build_range (param $lo i32) (param $hi i32) (result (ref null $tnode))
    (local $mid i32)
    (local $n (ref $tnode))
    (if (i32.ge_u (local.get $lo) (local.get $hi))
      (then (return (ref.null $tnode))))
    (local.set $mid
      (i32.add (local.get $lo)
               (i32.shr_u (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1))))
    (local.set $n
      (struct.new $tnode
        (local.get $mid)
        (call $payload (local.get $mid))
        (call $build_range (local.get $lo) (local.get $mid))
        (call $build_range (i32.add (local.get $mid) (i32.const 1)) (local.get $hi))))
    (call $note (local.get $n))
    (local.get $n))

  (func $build (export "build") (param $size i32)
    (global.set $idx
      (array.new_default $index
        (i32.shr_u (i32.add (local.get $size) (i32.const 15)) (i32.const 4))))
    (global.set $root (call $build_range (i32.const 0) (local.get $size)))
    (global.set $seed (i64.const 12345))
    (global.set $copied (i64.const 0))
    (global.set $garbage (i64.const 0)))

  ;; In-order walk.
  (func $walk (param $n (ref null $tnode))
    (local $key i32)
    (if (ref.is_null (local.get $n)) (then (return)))
    (call $walk (struct.get $tnode $left (local.get $n)))
    (local.set $key (struct.get $tnode $key (local.get $n)))
    (global.set $h (call $mix (global.get $h) (i64.extend_i32_u (local.get $key))))
    (global.set $h (call $mix (global.get $h) (struct.get $tnode $val (local.get $n))))
    (global.set $count (i64.add (global.get $count) (i64.const 1)))
    (if (i32.eqz (i32.and (local.get $key) (i32.const 15)))
      (then
        (if (ref.eq
              (array.get $index (global.get $idx)
                (i32.shr_u (local.get $key) (i32.const 4)))
              (local.get $n))
          (then (global.set $matches (i64.add (global.get $matches) (i64.const 1)))))))
    (call $walk (struct.get $tnode $right (local.get $n))))

  (func $checksum (export "checksum") (result i64)
    (local $i i32)
    (local $n (ref null $tnode))
    (local $ok i64)
    (local $h i64)
    (global.set $h (i64.const 0xcbf29ce484222325))
    (global.set $count (i64.const 0))
    (global.set $matches (i64.const 0))
    (call $walk (global.get $root))
    (local.set $h (global.get $h))
    ;; the index on its own: each entry's key and payload
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (array.len (global.get $idx))))
        (local.set $n (array.get $index (global.get $idx) (local.get $i)))
        (if (i32.eqz (ref.is_null (local.get $n)))
          (then
            (if (i32.eq (struct.get $tnode $key (local.get $n))
                        (i32.shl (local.get $i) (i32.const 4)))
              (then (local.set $ok (i64.add (local.get $ok) (i64.const 1)))))
            (local.set $h (call $mix (local.get $h)
                                     (struct.get $tnode $val (local.get $n))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.set $h (call $mix (local.get $h) (global.get $count)))
    (local.set $h (call $mix (local.get $h) (global.get $matches)))
    (call $mix (local.get $h) (local.get $ok)))

  ;; Fresh copy of a subtree; index entries move to the copies.
  (func $copy (param $n (ref null $tnode)) (result (ref null $tnode))
    (local $c (ref $tnode))
    (if (ref.is_null (local.get $n)) (then (return (ref.null $tnode))))
    (local.set $c
      (struct.new $tnode
        (struct.get $tnode $key (local.get $n))
        (struct.get $tnode $val (local.get $n))
        (call $copy (struct.get $tnode $left (local.get $n)))
        (call $copy (struct.get $tnode $right (local.get $n)))))
    (call $note (local.get $c))
    (global.set $copied (i64.add (global.get $copied) (i64.const 1)))
    (local.get $c))

  ;; Replace one subtree by a fresh copy: walk down from the root by random
  ;; left/right choices (taking the other side where the chosen one is
  ;; empty) to a child c, at most 9 levels down, stopping early at a leaf;
  ;; then store a copy of c's subtree in c's parent (an old object). The root
  ;; itself is never replaced; a one-node tree copies nothing.
  (func $replace_subtree
    (local $p (ref null $tnode))
    (local $c (ref null $tnode))
    (local $right i32)
    (local $depth i32)
    (local.set $p (global.get $root))
    (if (ref.is_null (local.get $p)) (then (return)))
    (loop $down
      (local.set $right (i32.wrap_i64 (i64.and (call $next_rand) (i64.const 1))))
      (if (i32.eqz (local.get $right))
        (then
          (if (ref.is_null (struct.get $tnode $left (local.get $p)))
            (then (local.set $right (i32.const 1))))))
      (if (local.get $right)
        (then (local.set $c (struct.get $tnode $right (local.get $p))))
        (else (local.set $c (struct.get $tnode $left (local.get $p)))))
      (if (ref.is_null (local.get $c)) (then (return)))
      (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
      (if (i32.lt_u (local.get $depth) (i32.const 9))
        (then
          (if (i32.eqz (i32.and
                (ref.is_null (struct.get $tnode $left (local.get $c)))
                (ref.is_null (struct.get $tnode $right (local.get $c)))))
            (then
              (local.set $p (local.get $c))
              (br $down))))))
    (if (local.get $right)
      (then (struct.set $tnode $right (local.get $p) (call $copy (local.get $c))))
      (else (struct.set $tnode $left (local.get $p) (call $copy (local.get $c))))))

  ;; 64 KiB of garbage, read back and checked; returns a fold of it.
  (func $garbage_round (param $r i32) (result i64)
    (local $base i64) (local $i i32) (local $head (ref null $cell))
    (local $p (ref null $cell)) (local $sum i64) (local $want i64)
    (local $anys (ref $anys)) (local $a (ref $ai64)) (local $b (ref $ai64))
    (local $fixed (ref $ai64)) (local $e anyref) (local $fold i64)
    (local $len i32)
    (local.set $base (i64.mul (i64.extend_i32_u (local.get $r)) (i64.const 10000)))
    ;; a list of 2448 cells (58,752 bytes)
    (loop $cells
      (local.set $head
        (struct.new $cell (i64.add (local.get $base) (i64.extend_i32_u (local.get $i)))
                          (local.get $head)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $cells (i32.lt_u (local.get $i) (i32.const 2448))))
    (local.set $p (local.get $head))
    (block $end
      (loop $walk
        (br_if $end (ref.is_null (local.get $p)))
        (local.set $sum (i64.add (local.get $sum) (struct.get $cell $v (local.get $p))))
        (local.set $p (struct.get $cell $next (local.get $p)))
        (br $walk)))
    ;; 2448 x base + 0 + 1 + ... + 2447
    (local.set $want (i64.add (i64.mul (local.get $base) (i64.const 2448))
                              (i64.const 2995128)))
    (if (i64.ne (local.get $sum) (local.get $want)) (then (unreachable)))
    (local.set $fold (call $mix (i64.const 0) (local.get $sum)))
    ;; an anyref array of 32 (264 bytes): slot 4k+0 an i31, 4k+1 the list,
    ;; 4k+2 a live tree node (or null in an empty graph), 4k+3 an i64 array
    ;; of 100 (8 arrays, 6,464 bytes)
    (local.set $anys (array.new_default $anys (i32.const 32)))
    (local.set $i (i32.const 0))
    (loop $fill
      (array.set $anys (local.get $anys) (i32.shl (local.get $i) (i32.const 2))
        (ref.i31 (i32.sub (i32.const 0) (local.get $i))))
      (array.set $anys (local.get $anys)
        (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 1))
        (local.get $head))
      (if (array.len (global.get $idx))
        (then
          (array.set $anys (local.get $anys)
            (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 2))
            (array.get $index (global.get $idx)
              (i32.rem_u (i32.add (local.get $r) (i32.mul (local.get $i) (i32.const 97)))
                         (array.len (global.get $idx)))))))
      (local.set $a (array.new_default $ai64 (i32.const 100)))
      (array.fill $ai64 (local.get $a) (i32.const 0)
        (i64.add (local.get $base) (i64.extend_i32_u (local.get $i))) (i32.const 100))
      (array.set $ai64 (local.get $a) (i32.const 99) (i64.const -1))
      (array.set $anys (local.get $anys)
        (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 3))
        (local.get $a))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 8))))
    ;; copy the first 50 elements of array 0 over array 7's
    (local.set $a (ref.cast (ref $ai64) (array.get $anys (local.get $anys) (i32.const 3))))
    (local.set $b (ref.cast (ref $ai64) (array.get $anys (local.get $anys) (i32.const 31))))
    (array.copy $ai64 $ai64 (local.get $b) (i32.const 0) (local.get $a) (i32.const 0) (i32.const 50))
    (if (i64.ne (array.get $ai64 (local.get $b) (i32.const 49)) (local.get $base))
      (then (unreachable)))
    (if (i64.ne (array.get $ai64 (local.get $b) (i32.const 50))
                (i64.add (local.get $base) (i64.const 7)))
      (then (unreachable)))
    ;; a fixed array of 6 (56 bytes)
    (local.set $fixed
      (array.new_fixed $ai64 6
        (i64.const 1) (i64.const 2) (i64.const 3)
        (local.get $base) (local.get $sum) (i64.extend_i32_u (local.get $r))))
    ;; read every slot back by its dynamic type
    (local.set $i (i32.const 0))
    (loop $read
      (local.set $e (array.get $anys (local.get $anys) (local.get $i)))
      (block $next
        (br_if $next (ref.is_null (local.get $e)))
        (if (ref.test (ref i31) (local.get $e))
          (then
            (local.set $fold (call $mix (local.get $fold)
              (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $e))))))
            (br $next)))
        (if (ref.test (ref $cell) (local.get $e))
          (then
            (local.set $fold (call $mix (local.get $fold)
              (struct.get $cell $v (ref.cast (ref $cell) (local.get $e)))))
            (br $next)))
        (if (ref.test (ref $tnode) (local.get $e))
          (then
            (local.set $fold (call $mix (local.get $fold)
              (struct.get $tnode $val (ref.cast (ref $tnode) (local.get $e)))))
            (br $next)))
        (local.set $a (ref.cast (ref $ai64) (local.get $e)))
        (local.set $fold (call $mix (local.get $fold)
          (i64.add (array.get $ai64 (local.get $a) (i32.const 0))
                   (array.get $ai64 (local.get $a) (i32.const 99))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $read (i32.lt_u (local.get $i) (i32.const 32))))
    (local.set $len (array.len (local.get $fixed)))
    (local.set $i (i32.const 0))
    (loop $fixed_sum
      (local.set $fold (call $mix (local.get $fold)
        (array.get $ai64 (local.get $fixed) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fixed_sum (i32.lt_u (local.get $i) (local.get $len))))
    (local.get $fold))

  (func $churn (export "churn") (param $rounds i32)
    (local $r i32)
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $rounds)))
        (global.set $garbage
          (call $mix (global.get $garbage) (call $garbage_round (local.get $r))))
        (call $replace_subtree)
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round))))

  (func (export "copied") (result i64) (global.get $copied))
  (func (export "garbage") (result i64) (global.get $garbage))

  (func (export "run") (param $size i32) (param $rounds i32) (result i64)
    (local $c1 i64) (local $c2 i64)
    (call $build (local.get $size))
    (local.set $c1 (call $checksum))
    (call $churn (local.get $rounds))
    (local.set $c2 (call $checksum))
    (if (i64.ne (local.get $c1) (local.get $c2)) (then (unreachable)))
    (local.get $c2))
)
