;; bench/gc/binary_trees.wat -- the benchmarks game's binary-trees, on the GC
;; proposal (no linear memory, no imports).
;;
;;   min_depth = 4, max_depth = max(min_depth + 2, n)
;;   stretch tree of depth max_depth + 1: built, checked, dropped
;;   long-lived tree of depth max_depth: built first, checked last
;;   for d = 4, 6, ..., max_depth: 2^(max_depth - d + min_depth) trees of
;;     depth d, each built, checked and dropped
;;   itemCheck(node) = 1 + itemCheck(left) + itemCheck(right) (1 for a leaf),
;;   i.e. 2^(d+1) - 1 for a tree of depth d
;;
;; Exports:
;;   run(max_depth i32) -> i64  the sum of every check above (stretch tree,
;;                              all iterations, long-lived tree)
;;   _start()                   run(16), trapping (unreachable) unless the
;;                              result is the expected 14,985,902
;;
;; Allocation, in wisp's layout: a node is 8 (header) + 2 x 8 (refs) = 24
;; bytes; a tree of depth d has 2^(d+1) - 1 nodes, so run(n) allocates
;; 24 x run(n) bytes. The live set peaks at the long-lived tree plus one
;; iteration tree: (2^(n+1) - 1 + 2^(d+1) - 1) x 24 bytes, at most
;; 2 x 24 x (2^(n+1) - 1), about 6.3 MB for n = 16, 25.2 MB for n = 18 (the
;; stretch tree of depth n+1 alone is as large).
;;
;; Expected results (wasmtime 49.0.3; equal to the closed form: the sum over
;; the stretch tree, the iterations and the long-lived tree of 2^(d+1) - 1):
;;   run(0) .. run(6) = 4,398   (max_depth is at least 6)
;;   run(10) = 135,854          (the benchmarks game's output for n = 10:
;;                               4095 + 31744 + 32512 + 32704 + 32752 + 2047)
;;   run(16) = 14,985,902       (_start; 359.7 MB allocated in wisp's layout)
;;   run(17) = 29,971,806
;;   run(18) = 68,332,206       (1.64 GB allocated in wisp's layout)
;; Timings: see tests/gc/README.md.
(module
  (type $node (struct (field (ref null $node)) (field (ref null $node))))

  (func $bottom_up_tree (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.gt_s (local.get $depth) (i32.const 0))
      (then
        (struct.new $node
          (call $bottom_up_tree (i32.sub (local.get $depth) (i32.const 1)))
          (call $bottom_up_tree (i32.sub (local.get $depth) (i32.const 1)))))
      (else (struct.new_default $node))))

  (func $item_check (param $n (ref $node)) (result i32)
    (local $left (ref null $node))
    (local.set $left (struct.get $node 0 (local.get $n)))
    (if (result i32) (ref.is_null (local.get $left))
      (then (i32.const 1))
      (else
        (i32.add
          (i32.add (i32.const 1)
                   (call $item_check (ref.as_non_null (local.get $left))))
          (call $item_check
            (ref.as_non_null (struct.get $node 1 (local.get $n))))))))

  (func $run (export "run") (param $n i32) (result i64)
    (local $max i32) (local $d i32) (local $iters i32) (local $i i32)
    (local $check i64) (local $total i64)
    (local $long_lived (ref $node))
    (local.set $max
      (select (local.get $n) (i32.const 6) (i32.gt_s (local.get $n) (i32.const 6))))
    ;; stretch tree
    (local.set $total
      (i64.extend_i32_u
        (call $item_check
          (call $bottom_up_tree (i32.add (local.get $max) (i32.const 1))))))
    (local.set $long_lived (call $bottom_up_tree (local.get $max)))
    (local.set $d (i32.const 4))
    (loop $depths
      (local.set $iters
        (i32.shl (i32.const 1)
                 (i32.add (i32.sub (local.get $max) (local.get $d)) (i32.const 4))))
      (local.set $check (i64.const 0))
      (local.set $i (i32.const 0))
      (loop $trees
        (local.set $check
          (i64.add (local.get $check)
                   (i64.extend_i32_u
                     (call $item_check (call $bottom_up_tree (local.get $d))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $trees (i32.lt_u (local.get $i) (local.get $iters))))
      (local.set $total (i64.add (local.get $total) (local.get $check)))
      (local.set $d (i32.add (local.get $d) (i32.const 2)))
      (br_if $depths (i32.le_s (local.get $d) (local.get $max))))
    (i64.add (local.get $total)
             (i64.extend_i32_u (call $item_check (local.get $long_lived)))))

  (func (export "_start")
    (if (i64.ne (call $run (i32.const 16)) (i64.const 14985902))
      (then (unreachable))))
)
