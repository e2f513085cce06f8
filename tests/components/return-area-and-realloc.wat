;; Return pointers and realloc results are checked: a return area must be
;; aligned to the result type and lie inside memory; memory handed out by
;; realloc must be aligned as requested and lie inside memory. A trap inside
;; realloc fails the call.
;;
;; Return pointer for a string result (8 bytes, 4-aligned); memory is 64 KiB:
;; invoke: string-at(64)
;; expect: "ok"
;; invoke: string-at(65528)
;; expect: ""
;; invoke: string-at(66)
;; expect-trap
;; trap-cause: return pointer not aligned
;; invoke: string-at(65532)
;; expect-trap
;; trap-cause: pointer out of bounds of memory
;; invoke: string-at(4294967292)
;; expect-trap
;; trap-cause: pointer out of bounds of memory
;; Return pointer for tuple<u8, u8> (alignment 1) may be odd:
;; invoke: bytes-at(257)
;; expect: (107, 0)
;; invoke: bytes-at(65535)
;; expect-trap
;; trap-cause: pointer out of bounds of memory
;; Return pointer for tuple<u64, u8> must be 8-aligned:
;; invoke: wide-at(68)
;; expect-trap
;; trap-cause: return pointer not aligned
;; invoke: wide-at(72)
;; expect: (0, 0)
;;
;; A well-behaved realloc, as a control:
;; invoke: good-len("abc")
;; expect: 3
;; invoke: good-sum([1, 2])
;; expect: 3
;; realloc returns 1 for every request: fine for a string (alignment 1),
;; misaligned for list<u32>:
;; invoke: odd-len("abc")
;; expect: 3
;; invoke: odd-sum([1, 2])
;; expect-trap
;; trap-cause: realloc return: result not aligned
;; realloc returns 65535: the 3-byte string does not fit in memory:
;; invoke: edge-len("a")
;; expect: 1
;; invoke: edge-len("abc")
;; expect-trap
;; trap-cause: realloc return: beyond end of memory
;; realloc traps:
;; invoke: trapping-len("abc")
;; expect-trap
;; trap-cause: wasm trap: wasm `unreachable` instruction executed
;; realloc grows memory to make room: its first block starts 6 bytes before
;; the end of the first page. (pointer, pages, the string read back)
;; invoke: grow("0123456789")
;; expect: (65530, 2, "0123456789")
;; invoke: grow("abc")
;; expect: (65530, 1, "abc")
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $ptr) (local.get 3)))
      (local.get $ptr))
    (func (export "realloc-odd") (param i32 i32 i32 i32) (result i32) (i32.const 1))
    (func (export "realloc-edge") (param i32 i32 i32 i32) (result i32) (i32.const 65535))
    (func (export "realloc-trap") (param i32 i32 i32 i32) (result i32) unreachable)
    (global $high (mut i32) (i32.const 65530))
    (func (export "realloc-grow") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (global.get $high))
      (global.set $high (i32.add (local.get $ptr) (local.get 3)))
      (block $fits
        (loop $more
          (br_if $fits (i32.le_u (global.get $high) (i32.mul (memory.size) (i32.const 65536))))
          (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
          (br $more)))
      (local.get $ptr))
    ;; (ptr, pages, (ptr, len)) at 512
    (func (export "grow") (param i32 i32) (result i32)
      (i32.store offset=512 (i32.const 0) (local.get 0))
      (i32.store offset=516 (i32.const 0) (memory.size))
      (i32.store offset=520 (i32.const 0) (local.get 0))
      (i32.store offset=524 (i32.const 0) (local.get 1))
      (i32.const 512))

    (data (i32.const 64) "\00\01\00\00\02\00\00\00")
    (data (i32.const 256) "ok")
    (func (export "id32") (param i32) (result i32) (local.get 0))
    (func (export "len") (param i32 i32) (result i32) (local.get 1))
    (func (export "sum") (param $ptr i32) (param $n i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $ptr))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $sum))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))

  (func (export "string-at") (param "retptr" u32) (result string)
    (canon lift (core func $i "id32") (memory $mem)))
  (func (export "bytes-at") (param "retptr" u32) (result (tuple u8 u8))
    (canon lift (core func $i "id32") (memory $mem)))
  (func (export "wide-at") (param "retptr" u32) (result (tuple u64 u8))
    (canon lift (core func $i "id32") (memory $mem)))

  (func (export "good-len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc (core func $i "realloc"))))
  (func (export "good-sum") (param "l" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory $mem) (realloc (core func $i "realloc"))))
  (func (export "odd-len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc (core func $i "realloc-odd"))))
  (func (export "odd-sum") (param "l" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory $mem) (realloc (core func $i "realloc-odd"))))
  (func (export "edge-len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc (core func $i "realloc-edge"))))
  (func (export "grow") (param "s" string) (result (tuple u32 u32 string))
    (canon lift (core func $i "grow") (memory $mem) (realloc (core func $i "realloc-grow"))))
  (func (export "trapping-len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc (core func $i "realloc-trap"))))
)
