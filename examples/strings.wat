;; Strings in linear memory: C-style NUL-terminated byte strings placed by a
;; data segment, with length, reverse, palindrome test, and an FNV-1a hash.
;; Wasm has no string type; a "string" is just a pointer (an i32 address).
;;
;; The strings live at fixed addresses: 0 = "Hello, WebAssembly!",
;; 32 = "racecar", 48 = "" (empty).
;; Run:    wisp run examples/strings.wat --invoke length 0
;; Expect: 19
;; Run:    wisp run examples/strings.wat --invoke length 48
;; Expect: 0
;; Run:    wisp run examples/strings.wat --invoke count_char 0 108
;; Expect: 3
;;
;; 32-bit FNV-1a hashes, printed as signed i32. The reversed string
;; "!ylbmessAbeW ,olleH" hashes differently from the original...
;; Run:    wisp run examples/strings.wat --invoke hash 0
;; Expect: 168341718
;; Run:    wisp run examples/strings.wat --invoke reverse_hash 0
;; Expect: -585127010
;;
;; ...while a palindrome hashes the same either way round.
;; Run:    wisp run examples/strings.wat --invoke hash 32
;; Expect: -1641652938
;; Run:    wisp run examples/strings.wat --invoke reverse_hash 32
;; Expect: -1641652938
;; Run:    wisp run examples/strings.wat --invoke is_palindrome 32
;; Expect: 1
;; Run:    wisp run examples/strings.wat --invoke is_palindrome 0
;; Expect: 0

(module
  (memory 1)

  ;; Several data segments; `\00` is an escaped byte (the terminator).
  (data (i32.const 0) "Hello, WebAssembly!\00")
  (data (i32.const 32) "racecar\00")
  (data (i32.const 48) "\00")

  ;; Scratch space for reversed copies, far from the strings.
  (global $scratch i32 (i32.const 1024))

  ;; strlen: walk forward until the zero byte.
  (func $length (export "length") (param $s i32) (result i32)
    (local $p i32)
    (local.set $p (local.get $s))
    (block $end
      (loop $scan
        (br_if $end (i32.eqz (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $p) (local.get $s)))

  ;; How many bytes of the string equal $c (108 is 'l').
  (func (export "count_char") (param $s i32) (param $c i32) (result i32)
    (local $n i32)
    (local $ch i32)
    (block $end
      (loop $scan
        (local.set $ch (i32.load8_u (local.get $s)))
        (br_if $end (i32.eqz (local.get $ch)))
        ;; A comparison yields 0 or 1, so it can be added directly.
        (local.set $n (i32.add (local.get $n) (i32.eq (local.get $ch) (local.get $c))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $scan)))
    (local.get $n))

  ;; FNV-1a: h = 2166136261; for each byte: h = (h xor byte) * 16777619.
  ;; i32.mul wraps modulo 2^32, exactly what the algorithm wants.
  (func $hash (export "hash") (param $s i32) (result i32)
    (local $h i32)
    (local $ch i32)
    (local.set $h (i32.const 2166136261))  ;; literals may be written unsigned
    (block $end
      (loop $scan
        (local.set $ch (i32.load8_u (local.get $s)))
        (br_if $end (i32.eqz (local.get $ch)))
        (local.set $h
          (i32.mul (i32.xor (local.get $h) (local.get $ch)) (i32.const 16777619)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $scan)))
    (local.get $h))

  ;; Reverse the bytes of [start, start + len) in place by swapping the ends.
  (func $reverse (param $lo i32) (param $len i32)
    (local $hi i32)
    (local $t i32)
    (local.set $hi (i32.sub (i32.add (local.get $lo) (local.get $len)) (i32.const 1)))
    (block $done
      (loop $swap
        (br_if $done (i32.ge_s (local.get $lo) (local.get $hi)))
        (local.set $t (i32.load8_u (local.get $lo)))
        (i32.store8 (local.get $lo) (i32.load8_u (local.get $hi)))
        (i32.store8 (local.get $hi) (local.get $t))
        (local.set $lo (i32.add (local.get $lo) (i32.const 1)))
        (local.set $hi (i32.sub (local.get $hi) (i32.const 1)))
        (br $swap))))

  ;; Copy the string and its terminator to scratch space, reverse the copy,
  ;; and hash it. The original stays untouched.
  (func (export "reverse_hash") (param $s i32) (result i32)
    (local $len i32)
    (local.set $len (call $length (local.get $s)))
    (memory.copy (global.get $scratch) (local.get $s)
      (i32.add (local.get $len) (i32.const 1)))
    (call $reverse (global.get $scratch) (local.get $len))
    (call $hash (global.get $scratch)))

  ;; Compare byte i with byte len-1-i, stopping at the middle.
  (func (export "is_palindrome") (param $s i32) (result i32)
    (local $i i32)
    (local $j i32)
    (local.set $j (i32.sub (call $length (local.get $s)) (i32.const 1)))
    (block $yes
      (loop $check
        (br_if $yes (i32.ge_s (local.get $i) (local.get $j)))
        (if (i32.ne
              (i32.load8_u (i32.add (local.get $s) (local.get $i)))
              (i32.load8_u (i32.add (local.get $s) (local.get $j))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $check)))
    (i32.const 1)))
