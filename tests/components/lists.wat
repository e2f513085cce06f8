;; list<T>: element layout in guest memory (size and alignment of each element
;; type), realloc for lists passed in, nested lists, empty lists, and
;; malformed lists returned by the guest (out of bounds, misaligned).
;;
;; invoke: sum-u8([1, 2, 3, 250])
;; expect: 256
;; invoke: sum-u8([])
;; expect: 0
;; invoke: echo-u8([0, 127, 128, 255])
;; expect: [0, 127, 128, 255]
;; invoke: reverse-u8([1, 2, 3])
;; expect: [3, 2, 1]
;; invoke: echo-s16([-32768, -1, 0, 32767])
;; expect: [-32768, -1, 0, 32767]
;; invoke: echo-u32([4294967295, 0, 7])
;; expect: [4294967295, 0, 7]
;; invoke: echo-u32([])
;; expect: []
;; invoke: echo-s64([-9223372036854775808, -1, 9223372036854775807])
;; expect: [-9223372036854775808, -1, 9223372036854775807]
;; invoke: echo-f64([1.5, -inf, nan, -0.0])
;; expect: [1.5, -inf, nan, -0]
;; invoke: echo-bool([true, false, true])
;; expect: [true, false, true]
;; invoke: echo-char(['a', 'é', '😀'])
;; expect: ['a', 'é', '😀']
;;
;; realloc for a list parameter gets the element alignment and the byte size:
;; invoke: list-realloc-u8([1, 2, 3])
;; expect: (1, 3)
;; invoke: list-realloc-u16([1, 2, 3])
;; expect: (2, 6)
;; invoke: list-realloc-u64([1, 2, 3])
;; expect: (8, 24)
;; invoke: list-realloc-points([{x: 1, y: 2}])
;; expect: (4, 8)
;; invoke: list-ptr-aligned-u64([1])
;; expect: true
;;
;; list<string>:
;; invoke: echo-strings(["a", "", "héllo", "😀"])
;; expect: ["a", "", "héllo", "😀"]
;; invoke: echo-strings([])
;; expect: []
;; invoke: join(["foo", "-", "bar", "", "ü"])
;; expect: "foo-barü"
;; invoke: join([])
;; expect: ""
;; invoke: total-bytes(["ab", "cde", "é"])
;; expect: 7
;;
;; list<record { x: u8, y: u32 }> (element size 8, y at offset 4):
;; invoke: echo-points([{x: 1, y: 2}, {x: 255, y: 4294967295}])
;; expect: [{x: 1, y: 2}, {x: 255, y: 4294967295}]
;; invoke: sum-points([{x: 1, y: 2}, {x: 3, y: 4}, {x: 5, y: 6}])
;; expect: 21
;; invoke: echo-points([])
;; expect: []
;;
;; Nested lists:
;; invoke: echo-nested([[1, 2], [], [3]])
;; expect: [[1, 2], [], [3]]
;; invoke: echo-nested([])
;; expect: []
;; invoke: echo-nested([[]])
;; expect: [[]]
;; invoke: flatten([[1, 2], [], [3, 4, 5]])
;; expect: [1, 2, 3, 4, 5]
;; invoke: lengths([[1, 2], [], [3, 4, 5]])
;; expect: [2, 0, 3]
;; invoke: echo-deep([[["a"], []], [], [["b", "c"]]])
;; expect: [[["a"], []], [], [["b", "c"]]]
;;
;; Lists returned from raw (pointer, length) pairs; memory is 64 KiB:
;; invoke: raw-u8(65535, 1)
;; expect: [0]
;; invoke: raw-u8(65535, 2)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; invoke: raw-u8(65536, 0)
;; expect: []
;; invoke: raw-u8(4294967295, 1)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; An empty list is still checked: its pointer must be in bounds and aligned.
;; invoke: raw-u8(65537, 0)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; invoke: raw-u8(4294967295, 0)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; invoke: raw-u32(2, 0)
;; expect-trap
;; trap-cause: list pointer is not aligned
;; invoke: raw-u64(65536, 0)
;; expect: []
;; invoke: raw-u32(65532, 1)
;; expect: [0]
;; invoke: raw-u32(65532, 2)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; The byte size (length * 4) wraps around 32 bits:
;; invoke: raw-u32(0, 1073741824)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; invoke: raw-u32(0, 1073741825)
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
;; Misaligned list pointers:
;; invoke: raw-u32(2, 1)
;; expect-trap
;; trap-cause: list pointer is not aligned
;; invoke: raw-u32(1, 1)
;; expect-trap
;; trap-cause: list pointer is not aligned
;; invoke: raw-u64(4, 1)
;; expect-trap
;; trap-cause: list pointer is not aligned
;; invoke: raw-u64(8, 1)
;; expect: [0]
;; invoke: raw-points(2, 1)
;; expect-trap
;; trap-cause: list pointer is not aligned
;; Elements are checked when lifted: an invalid char, a bool byte of 2 (true),
;; a string element with invalid UTF-8, an inner list out of bounds:
;; invoke: bad-char-element(0)
;; expect-trap
;; trap-cause: converted integer out of range for `char`
;; invoke: bool-element(1)
;; expect: [true, false]
;; invoke: bad-element-string()
;; expect-trap
;; trap-cause: invalid utf-8 sequence of 1 bytes from index 0
;; invoke: bad-element-nested()
;; expect-trap
;; trap-cause: list pointer/length out of bounds of memory
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (global $count (mut i32) (i32.const 0))
    (global $last-old (mut i32) (i32.const 0))
    (global $last-old-size (mut i32) (i32.const 0))
    (global $last-align (mut i32) (i32.const 0))
    (global $last-size (mut i32) (i32.const 0))

    ;; A bump allocator that honours the alignment, grows memory as needed
    ;; and records its arguments.
    (func $realloc (export "realloc")
      (param $old i32) (param $old-size i32) (param $align i32) (param $size i32)
      (result i32)
      (local $ptr i32)
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (global.set $last-old (local.get $old))
      (global.set $last-old-size (local.get $old-size))
      (global.set $last-align (local.get $align))
      (global.set $last-size (local.get $size))
      (local.set $ptr
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $ptr) (local.get $size)))
      (block $fits
        (loop $grow
          (br_if $fits (i32.le_u (global.get $bump)
                                 (i32.mul (memory.size) (i32.const 65536))))
          (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
          (br $grow)))
      (if (local.get $old)
        (then
          (memory.copy (local.get $ptr) (local.get $old)
            (select (local.get $old-size) (local.get $size)
                    (i32.lt_u (local.get $old-size) (local.get $size))))))
      (local.get $ptr))

    ;; Results that are a list go through an 8-byte return area at 16.
    (func $ret-list (param $ptr i32) (param $len i32) (result i32)
      (i32.store offset=16 (i32.const 0) (local.get $ptr))
      (i32.store offset=20 (i32.const 0) (local.get $len))
      (i32.const 16))
    (func $alloc (param $align i32) (param $size i32) (result i32)
      (call $realloc (i32.const 0) (i32.const 0) (local.get $align) (local.get $size)))

    (func (export "echo") (param i32 i32) (result i32)
      (call $ret-list (local.get 0) (local.get 1)))

    (func (export "sum-u8") (param $ptr i32) (param $len i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $ptr))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
          (local.set $len (i32.sub (local.get $len) (i32.const 1)))
          (br $next)))
      (local.get $sum))

    (func (export "reverse-u8") (param $ptr i32) (param $len i32) (result i32)
      (local $dst i32) (local $i i32)
      (local.set $dst (call $alloc (i32.const 1) (local.get $len)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (i32.store8
            (i32.add (local.get $dst) (i32.sub (i32.sub (local.get $len) (local.get $i)) (i32.const 1)))
            (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $ret-list (local.get $dst) (local.get $len)))

    ;; (alignment, size) of the last realloc call
    (func (export "list-realloc") (param i32 i32) (result i32)
      (i32.store offset=32 (i32.const 0) (global.get $last-align))
      (i32.store offset=36 (i32.const 0) (global.get $last-size))
      (i32.const 32))
    (func (export "ptr-aligned-8") (param i32 i32) (result i32)
      (i32.eqz (i32.and (local.get 0) (i32.const 7))))

    ;; list<string>: elements are (ptr, len) pairs
    (func $total-bytes (export "total-bytes") (param $ptr i32) (param $len i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $sum (i32.add (local.get $sum) (i32.load offset=4 (local.get $ptr))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
          (local.set $len (i32.sub (local.get $len) (i32.const 1)))
          (br $next)))
      (local.get $sum))
    (func (export "join") (param $ptr i32) (param $len i32) (result i32)
      (local $total i32) (local $i i32) (local $dst i32) (local $at i32) (local $n i32)
      (local.set $total (call $total-bytes (local.get $ptr) (local.get $len)))
      (local.set $dst (call $alloc (i32.const 1) (local.get $total)))
      (local.set $at (local.get $dst))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $n (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3)))))
          (memory.copy (local.get $at)
            (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))
            (local.get $n))
          (local.set $at (i32.add (local.get $at) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $ret-list (local.get $dst) (local.get $total)))

    ;; list<record { x: u8, y: u32 }>
    (func (export "sum-points") (param $ptr i32) (param $len i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $sum (i32.add (local.get $sum)
            (i32.add (i32.load8_u (local.get $ptr)) (i32.load offset=4 (local.get $ptr)))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
          (local.set $len (i32.sub (local.get $len) (i32.const 1)))
          (br $next)))
      (local.get $sum))

    ;; list<list<u32>>
    (func (export "flatten") (param $ptr i32) (param $len i32) (result i32)
      (local $total i32) (local $i i32) (local $dst i32) (local $at i32) (local $n i32)
      (local.set $total (call $total-bytes (local.get $ptr) (local.get $len)))
      (local.set $dst (call $alloc (i32.const 4) (i32.shl (local.get $total) (i32.const 2))))
      (local.set $at (local.get $dst))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $n (i32.shl (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))
                                 (i32.const 2)))
          (memory.copy (local.get $at)
            (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))
            (local.get $n))
          (local.set $at (i32.add (local.get $at) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $ret-list (local.get $dst) (local.get $total)))
    (func (export "lengths") (param $ptr i32) (param $len i32) (result i32)
      (local $i i32) (local $dst i32)
      (local.set $dst (call $alloc (i32.const 4) (i32.shl (local.get $len) (i32.const 2))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
            (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $ret-list (local.get $dst) (local.get $len)))

    (func (export "raw") (param i32 i32) (result i32)
      (call $ret-list (local.get 0) (local.get 1)))

    ;; list<char> ['a', U+D800] and list<bool> [2, 0]
    (data (i32.const 512) "a\00\00\00\00\d8\00\00")
    (data (i32.const 520) "\02\00")
    (func (export "bad-element") (param $case i32) (result i32)
      (if (result i32) (local.get $case)
        (then (call $ret-list (i32.const 520) (i32.const 2)))
        (else (call $ret-list (i32.const 512) (i32.const 2)))))
    ;; list<string> ["ok", "\ff"]
    (data (i32.const 528) "ok\ff")
    (data (i32.const 536) "\10\02\00\00\02\00\00\00\12\02\00\00\01\00\00\00")
    (func (export "bad-element-string") (result i32)
      (call $ret-list (i32.const 536) (i32.const 2)))
    ;; list<list<u32>> [[0], (65532, 2)]
    (data (i32.const 552) "\00\00\00\00\01\00\00\00\fc\ff\00\00\02\00\00\00")
    (func (export "bad-element-nested") (result i32)
      (call $ret-list (i32.const 552) (i32.const 2)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  ;; A record used in an exported function's type must itself be exported.
  (type $point' (record (field "x" u8) (field "y" u32)))
  (export $point "point" (type $point'))

  (func (export "sum-u8") (param "l" (list u8)) (result u32)
    (canon lift (core func $i "sum-u8") (memory $mem) (realloc $realloc)))
  (func (export "echo-u8") (param "l" (list u8)) (result (list u8))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "reverse-u8") (param "l" (list u8)) (result (list u8))
    (canon lift (core func $i "reverse-u8") (memory $mem) (realloc $realloc)))
  (func (export "echo-s16") (param "l" (list s16)) (result (list s16))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-u32") (param "l" (list u32)) (result (list u32))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-s64") (param "l" (list s64)) (result (list s64))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-f64") (param "l" (list f64)) (result (list f64))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-bool") (param "l" (list bool)) (result (list bool))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "echo-char") (param "l" (list char)) (result (list char))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))

  (func (export "list-realloc-u8") (param "l" (list u8)) (result (tuple u32 u32))
    (canon lift (core func $i "list-realloc") (memory $mem) (realloc $realloc)))
  (func (export "list-realloc-u16") (param "l" (list u16)) (result (tuple u32 u32))
    (canon lift (core func $i "list-realloc") (memory $mem) (realloc $realloc)))
  (func (export "list-realloc-u64") (param "l" (list u64)) (result (tuple u32 u32))
    (canon lift (core func $i "list-realloc") (memory $mem) (realloc $realloc)))
  (func (export "list-realloc-points") (param "l" (list $point)) (result (tuple u32 u32))
    (canon lift (core func $i "list-realloc") (memory $mem) (realloc $realloc)))
  (func (export "list-ptr-aligned-u64") (param "l" (list u64)) (result bool)
    (canon lift (core func $i "ptr-aligned-8") (memory $mem) (realloc $realloc)))

  (func (export "echo-strings") (param "l" (list string)) (result (list string))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "join") (param "l" (list string)) (result string)
    (canon lift (core func $i "join") (memory $mem) (realloc $realloc)))
  (func (export "total-bytes") (param "l" (list string)) (result u32)
    (canon lift (core func $i "total-bytes") (memory $mem) (realloc $realloc)))

  (func (export "echo-points") (param "l" (list $point)) (result (list $point))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "sum-points") (param "l" (list $point)) (result u32)
    (canon lift (core func $i "sum-points") (memory $mem) (realloc $realloc)))

  (func (export "echo-nested") (param "l" (list (list u32))) (result (list (list u32)))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))
  (func (export "flatten") (param "l" (list (list u32))) (result (list u32))
    (canon lift (core func $i "flatten") (memory $mem) (realloc $realloc)))
  (func (export "lengths") (param "l" (list (list u32))) (result (list u32))
    (canon lift (core func $i "lengths") (memory $mem) (realloc $realloc)))
  (func (export "echo-deep") (param "l" (list (list (list string)))) (result (list (list (list string))))
    (canon lift (core func $i "echo") (memory $mem) (realloc $realloc)))

  (func (export "raw-u8") (param "ptr" u32) (param "len" u32) (result (list u8))
    (canon lift (core func $i "raw") (memory $mem)))
  (func (export "raw-u32") (param "ptr" u32) (param "len" u32) (result (list u32))
    (canon lift (core func $i "raw") (memory $mem)))
  (func (export "raw-u64") (param "ptr" u32) (param "len" u32) (result (list u64))
    (canon lift (core func $i "raw") (memory $mem)))
  (func (export "raw-points") (param "ptr" u32) (param "len" u32) (result (list $point))
    (canon lift (core func $i "raw") (memory $mem)))
  (func (export "bad-char-element") (param "case" u32) (result (list char))
    (canon lift (core func $i "bad-element") (memory $mem)))
  (func (export "bool-element") (param "case" u32) (result (list bool))
    (canon lift (core func $i "bad-element") (memory $mem)))
  (func (export "bad-element-string") (result (list string))
    (canon lift (core func $i "bad-element-string") (memory $mem)))
  (func (export "bad-element-nested") (result (list (list u32)))
    (canon lift (core func $i "bad-element-nested") (memory $mem)))
)
