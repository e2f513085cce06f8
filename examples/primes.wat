;; Count the primes below n with the sieve of Eratosthenes in linear memory.
;; Run:    wisp run examples/primes.wat --invoke count_primes 100
;; Expect: 25
;; Run:    wisp run examples/primes.wat --invoke count_primes 2
;; Expect: 0
;;
;; One byte per number, so n = 1,000,000 needs 16 pages of 64 KiB: the module
;; starts with one page and grows its memory on demand.
;; Run:    wisp run examples/primes.wat --invoke count_primes 1000000
;; Expect: 78498
;; Run:    wisp run examples/primes.wat --invoke memory_pages_for 1000000
;; Expect: 16

(module
  ;; One page (64 KiB) of linear memory to start with, and no maximum.
  ;; Byte k of memory says whether k may still be prime (1) or not (0).
  (memory 1)

  ;; Grow memory to hold at least $n bytes; returns the page count afterwards,
  ;; or -1 if the engine refused to grow (memory.grow returns -1 then).
  (func $ensure_bytes (param $n i32) (result i32)
    (local $needed i32)
    ;; pages needed = ceil(n / 65536)
    (local.set $needed
      (i32.shr_u (i32.add (local.get $n) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $needed) (memory.size))
      (then
        ;; memory.grow takes a delta in pages and returns the *old* size.
        (if (i32.eq
              (memory.grow (i32.sub (local.get $needed) (memory.size)))
              (i32.const -1))
          (then (return (i32.const -1))))))
    (memory.size))

  (func (export "memory_pages_for") (param $n i32) (result i32)
    (call $ensure_bytes (local.get $n)))

  (func (export "count_primes") (param $n i32) (result i32)
    (local $i i32)
    (local $j i32)
    (local $count i32)
    (if (i32.lt_u (local.get $n) (i32.const 3))
      (then (return (i32.const 0))))
    (if (i32.lt_s (call $ensure_bytes (local.get $n)) (i32.const 0))
      (then (return (i32.const -1))))

    ;; Mark 0..n as "maybe prime" with one bulk-memory instruction
    ;; (memory.fill dest value length), then strike out 0 and 1.
    (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
    (i32.store8 (i32.const 0) (i32.const 0))
    (i32.store8 (i32.const 1) (i32.const 0))

    ;; For each i with i*i < n that is still marked, strike out its multiples
    ;; starting at i*i (smaller multiples were struck by smaller primes).
    (local.set $i (i32.const 2))
    (block $sieved
      (loop $outer
        (br_if $sieved
          (i32.ge_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        ;; i32.load8_u reads one byte and zero-extends it to an i32.
        (if (i32.load8_u (local.get $i))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $row_done
              (loop $row
                (br_if $row_done (i32.ge_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 0))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $row)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))

    ;; Count the survivors: the marks are 0 or 1, so just add them up.
    (local.set $i (i32.const 0))
    (block $counted
      (loop $count_loop
        (br_if $counted (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $count
          (i32.add (local.get $count) (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $count_loop)))
    (local.get $count)))
