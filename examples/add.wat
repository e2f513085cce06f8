;; Add two 32-bit integers: the smallest useful WebAssembly module.
;; Run:    wisp run examples/add.wat --invoke add 2 3
;; Expect: 5
;; Run:    wisp run examples/add.wat --invoke add -7 3
;; Expect: -4
;;
;; i32 arithmetic wraps around modulo 2^32; the CLI prints i32 results as
;; signed decimals, so one past the largest i32 is the smallest one.
;; Run:    wisp run examples/add.wat --invoke add 2147483647 1
;; Expect: -2147483648

(module
  ;; A function takes typed parameters and returns typed results.
  ;; `$a` and `$b` are names for local indices 0 and 1; they exist only in
  ;; the text format (the binary uses the numbers).
  (func $add (param $a i32) (param $b i32) (result i32)
    ;; WebAssembly is a stack machine: push both operands, then `i32.add`
    ;; pops two values and pushes their sum. The value left on the stack at
    ;; the end of the body is the function's result.
    local.get $a
    local.get $b
    i32.add)

  ;; Exports give functions names the host can call: `--invoke add`.
  (export "add" (func $add)))
