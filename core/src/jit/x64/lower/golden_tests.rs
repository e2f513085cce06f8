//! Golden disassembly of the lowering: for a dozen small functions, each
//! showing one design point (operands in frame slots, the accumulator
//! chains, immediates, compare-and-branch fusion, pinned loop locals,
//! division's checks, shift counts in `cl`, bounds-checked memory access,
//! jump tables, the call site, the `f64` accumulator, a guarded load and
//! `ud2` trapping by signals, `v128` pairs loaded, computed and stored,
//! ...), the exact
//! machine code the lowering produces for the IR instructions of interest,
//! byte for byte.
//!
//! These tests pin today's code shape: they fail on any change to the
//! bytes, intended or not, and show the expected and the actual listing.
//! Each expected instruction is written as its bytes in hex beside the
//! Intel-syntax text `llvm-mc` disassembles them to (a branch's operand is
//! its displacement from the end of the instruction, as `llvm-mc` prints
//! it; a jump table's entries are data, written as `.long`). A note after
//! a branch saying where it goes is written by hand.
//!
//! After an intended change to the lowering, refresh the expectations with
//! `core/src/jit/x64/lower/golden.sh [test name]`: it runs these tests,
//! takes the bytes each one prints, and prints them as expectation lines
//! disassembled by `llvm-mc`, ready to paste over the test's list (read
//! them first: they are what the test will pin).
//!
//! The functions are translated with an explicit configuration (the JIT
//! strategy, no fuel, interruption or epoch checks) and lowered for a
//! fixed [`Cpu`] with every feature on, so neither the defaults nor the
//! machine running the tests change the code. The IR opcodes a test picks
//! are part of what it pins: a test whose opcode no longer appears fails
//! with the function's IR. The harness and the functions are aarch64's too
//! ([`golden`](crate::jit::lower::golden)).

use super::{Cpu, X64, lower_with};
use crate::ir::{CompiledFunc, Op};
use crate::jit::lower::golden::{self, Target, code, functions};
use crate::jit::lower::{LoweredFunc, Traps, Unit};

/// Every feature the lowering can use, stated rather than detected.
const CPU: Cpu = Cpu {
    lzcnt: true,
    bmi1: true,
    popcnt: true,
    ssse3: true,
    sse41: true,
};

impl Target for X64 {
    const SCRIPT: &'static str = "core/src/jit/x64/lower/golden.sh";
    const BYTES_PER_LINE: usize = 10;

    /// Lowers for [`CPU`].
    fn lower(func: &CompiledFunc, traps: Traps<'_>, unit: Unit<'_>) -> Result<LoweredFunc, Op> {
        lower_with(func, CPU, traps, unit)
    }
}

/// A function translated and lowered for x86_64.
type Golden = golden::Golden<X64>;

/// 1. `i32.add` of two locals into a third, all in their frame slots: the
///    left operand loaded, the right one a memory operand, the result
///    stored. The call makes pinning the locals cost more than it saves
///    (each would be written back and reloaded around it), so they stay in
///    the frame.
#[test]
fn i32_add_slot_to_slot() {
    let g = Golden::new(functions::I32_ADD_SLOT_TO_SLOT);
    g.check(&[code(
        "i32_add_slot_to_slot",
        g.span(Op::I32Add, Op::I32Add),
        &[
            ("49 8b 06", "mov rax, qword ptr [r14]"),
            ("41 03 46 08", "add eax, dword ptr [r14 + 8]"),
            ("49 89 46 10", "mov qword ptr [r14 + 16], rax"),
        ],
    )]);
}

/// 2. An accumulator chain: the product, used once and at once, goes to
///    `rbx` (`i32.mul.ass`) instead of a slot, and the sum reads it from
///    there (`i32.add.sas`). The parameters are pinned (`r9`, `r8`, `rbp`).
#[test]
fn accumulator_chain() {
    let g = Golden::new(functions::ACCUMULATOR_CHAIN);
    g.check(&[code(
        "accumulator_chain",
        g.span(Op::I32MulAss, Op::I32AddSas),
        &[
            ("4c 89 c8", "mov rax, r9"),
            ("4c 89 c1", "mov rcx, r8"),
            ("0f af c1", "imul eax, ecx"),
            ("48 89 c3", "mov rbx, rax"),
            ("48 89 d8", "mov rax, rbx"),
            ("01 e8", "add eax, ebp"),
            ("49 89 46 18", "mov qword ptr [r14 + 24], rax"),
        ],
    )]);
}

/// 3. An immediate operand: `i32.add_imm` adds the constant in the
///    instruction; the result goes to a temporary's frame slot.
#[test]
fn immediate_operand() {
    let g = Golden::new(functions::IMMEDIATE_OPERAND);
    g.check(&[code(
        "immediate_operand",
        g.span(Op::I32AddImm, Op::I32AddImm),
        &[
            ("48 89 e8", "mov rax, rbp"),
            ("81 c0 e8 03 00 00", "add eax, 1000"),
            ("49 89 46 08", "mov qword ptr [r14 + 8], rax"),
        ],
    )]);
}

/// 4. `br_if` on `i32.lt_s` fused into one IR instruction
///    (`br_i32.lt_s`): a `cmp` of the pinned operands and a `jl`.
#[test]
fn fused_compare_and_branch() {
    let g = Golden::new(functions::FUSED_COMPARE_AND_BRANCH);
    g.check(&[code(
        "fused_compare_and_branch",
        g.span(Op::BrI32LtS, Op::BrI32LtS),
        &[
            ("41 39 e8", "cmp r8d, ebp"),
            ("0f 8c 14 00 00 00", "jl 20"), // to pc 2
        ],
    )]);
}

/// 5. A loop whose locals are pinned in callee-saved registers (the
///    counter in `rbp`, the sum in `r8`) for the whole loop: its body and
///    back edge. The decremented counter goes to its register and to the
///    accumulator (`i32.add_imm.bs`), which the branch tests
///    (`br_if_nez.a`).
#[test]
fn loop_with_pinned_counter() {
    let g = Golden::new(functions::LOOP_WITH_PINNED_COUNTER);
    g.check(&[code(
        "loop_with_pinned_counter",
        g.span(Op::I32Add, Op::BrIfNezA),
        &[
            ("4c 89 c0", "mov rax, r8"),
            ("01 e8", "add eax, ebp"),
            ("49 89 c0", "mov r8, rax"),
            ("48 89 e8", "mov rax, rbp"),
            ("83 c0 ff", "add eax, -1"),
            ("48 89 c5", "mov rbp, rax"),
            ("48 89 c3", "mov rbx, rax"),
            ("85 db", "test ebx, ebx"),
            ("0f 85 e4 ff ff ff", "jne -28"), // to pc 0
        ],
    )]);
}

/// 6. `i32.div_s`: dividend in `eax`, divisor in `ecx`, the checks for a
///    zero divisor and for the one overflowing quotient (`MIN / -1`), then
///    `cdq` (sign into `edx`) and `idiv`. Then the out-of-line code: the
///    two trap stubs (trap code and pc into the context, leave), the exit
///    sequence (the call records written out by the context's
///    `materialize` from an aligned stack, nothing to do when there are
///    none; then the trampoline's tail) and
///    the resume stub.
#[test]
fn i32_div_s_checks() {
    let g = Golden::new(functions::I32_DIV_S);
    g.check(&[
        code(
            "i32_div_s_checks",
            g.span(Op::I32DivS, Op::I32DivS),
            &[
                ("4c 89 c0", "mov rax, r8"),
                ("48 89 e9", "mov rcx, rbp"),
                ("85 c9", "test ecx, ecx"),
                ("0f 84 30 00 00 00", "je 48"), // to the first stub
                ("83 f9 ff", "cmp ecx, -1"),
                ("0f 85 0c 00 00 00", "jne 12"), // to cdq
                ("81 f8 00 00 00 80", "cmp eax, 2147483648"),
                ("0f 84 42 00 00 00", "je 66"), // to the second stub
                ("99", "cdq"),
                ("f7 f9", "idiv ecx"),
                ("49 89 46 10", "mov qword ptr [r14 + 16], rax"),
            ],
        ),
        code(
            "i32_div_s_checks/out_of_line",
            g.out_of_line(),
            &[
                (
                    "41 c7 87 24 01 00 00 06 00 00 00",
                    "mov dword ptr [r15 + 292], 6",
                ),
                (
                    "41 c7 87 20 01 00 00 00 00 00 00",
                    "mov dword ptr [r15 + 288], 0",
                ),
                ("4d 89 b7 30 01 00 00", "mov qword ptr [r15 + 304], r14"),
                ("b8 01 00 00 00", "mov eax, 1"),
                ("e9 27 00 00 00", "jmp 39"),
                (
                    "41 c7 87 24 01 00 00 07 00 00 00",
                    "mov dword ptr [r15 + 292], 7",
                ),
                (
                    "41 c7 87 20 01 00 00 00 00 00 00",
                    "mov dword ptr [r15 + 288], 0",
                ),
                ("4d 89 b7 30 01 00 00", "mov qword ptr [r15 + 304], r14"),
                ("b8 01 00 00 00", "mov eax, 1"),
                ("e9 00 00 00 00", "jmp 0"),
                ("48 83 e4 f0", "and rsp, -16"),
                ("89 c6", "mov esi, eax"),
                ("4c 89 ff", "mov rdi, r15"),
                ("41 ff 97 10 01 00 00", "call qword ptr [r15 + 272]"),
                ("49 8b a7 f8 00 00 00", "mov rsp, qword ptr [r15 + 248]"),
                ("48 83 c4 08", "add rsp, 8"),
                ("41 5f", "pop r15"),
                ("41 5e", "pop r14"),
                ("41 5d", "pop r13"),
                ("41 5c", "pop r12"),
                ("5d", "pop rbp"),
                ("5b", "pop rbx"),
                ("c3", "ret"),
                ("49 8b 6e 08", "mov rbp, qword ptr [r14 + 8]"),
                ("4d 8b 06", "mov r8, qword ptr [r14]"),
                ("ff e0", "jmp rax"),
            ],
        ),
    ]);
}

/// 7. `i32.shl` by a variable count: the count goes to `ecx`, where `shl`
///    reads it (and masks it, as Wasm does).
#[test]
fn i32_shl_variable_count() {
    let g = Golden::new(functions::I32_SHL_VARIABLE_COUNT);
    g.check(&[code(
        "i32_shl_variable_count",
        g.span(Op::I32Shl, Op::I32Shl),
        &[
            ("4c 89 c0", "mov rax, r8"),
            ("48 89 e9", "mov rcx, rbp"),
            ("d3 e0", "shl eax, cl"),
            ("49 89 46 10", "mov qword ptr [r14 + 16], rax"),
        ],
    )]);
}

/// 8. An `i32.load` with an offset and its explicit bounds check (the
///    signal-free mode): the end of the access (address + offset + 4)
///    against the length in `r12`, then the load from the base in `r13`.
#[test]
fn i32_load_bounds_check() {
    let g = Golden::new(functions::I32_LOAD);
    g.check(&[code(
        "i32_load_bounds_check",
        g.span(Op::Load32, Op::Load32),
        &[
            ("48 89 e8", "mov rax, rbp"),
            ("48 8d 48 14", "lea rcx, [rax + 20]"),
            ("4c 39 e1", "cmp rcx, r12"),
            ("0f 87 19 00 00 00", "ja 25"), // to the trap stub
            ("41 8b 44 05 10", "mov eax, dword ptr [r13 + rax + 16]"),
            ("49 89 46 08", "mov qword ptr [r14 + 8], rax"),
        ],
    )]);
}

/// 8b. The same load from a guarded memory, trapping by signals: no check,
///     the load itself a trap site whose stub is the bounds check's.
#[test]
fn i32_load_guarded() {
    let traps = golden::SIGNALS_GUARDED;
    let g = Golden::with_traps(functions::I32_LOAD, traps);
    let load = g.start(g.pc(Op::Load32, 0)) as u32 + 3;
    assert_eq!(g.single_site(), load, "the load is the site");
    g.check(&[code(
        "i32_load_guarded",
        g.span(Op::Load32, Op::Load32),
        &[
            ("48 89 e8", "mov rax, rbp"),
            ("41 8b 44 05 10", "mov eax, dword ptr [r13 + rax + 16]"), // the site
            ("49 89 46 08", "mov qword ptr [r14 + 8], rax"),
        ],
    )]);
}

/// 8c. `unreachable` trapping by signals: `ud2`, a trap site.
#[test]
fn unreachable_ud2() {
    let traps = golden::SIGNALS;
    let g = Golden::with_traps(functions::UNREACHABLE, traps);
    g.single_site();
    g.check(&[code(
        "unreachable_ud2",
        g.span(Op::Unreachable, Op::Unreachable),
        &[("0f 0b", "ud2")], // the site
    )]);
}

/// 9. An `i64.store` with an offset: address in `rax`, value in `rdx`, the
///    bounds check, the store.
#[test]
fn i64_store() {
    let g = Golden::new(functions::I64_STORE);
    g.check(&[code(
        "i64_store",
        g.span(Op::Store64, Op::Store64),
        &[
            ("4c 89 c0", "mov rax, r8"),
            ("48 89 ea", "mov rdx, rbp"),
            ("48 8d 48 10", "lea rcx, [rax + 16]"),
            ("4c 39 e1", "cmp rcx, r12"),
            ("0f 87 12 00 00 00", "ja 18"), // to the trap stub
            ("49 89 54 05 08", "mov qword ptr [r13 + rax + 8], rdx"),
        ],
    )]);
}

/// 10. `br_table` as a jump table: the index clamped to the default (the
///     last entry) with `cmova`, the entry (a 32-bit offset from the table)
///     added to the table's address, an indirect jump; then the table,
///     which follows the jump, and whose entries must reach the code of
///     their targets.
#[test]
fn br_table_jump_table() {
    let g = Golden::new(functions::BR_TABLE);
    g.check_jump_table(
        "br_table_jump_table",
        &[
            ("89 e8", "mov eax, ebp"),
            ("b9 02 00 00 00", "mov ecx, 2"),
            ("39 c8", "cmp eax, ecx"),
            ("0f 47 c1", "cmova eax, ecx"),
            ("48 8d 0d 09 00 00 00", "lea rcx, [rip + 9]"), // the table
            ("48 63 04 81", "movsxd rax, dword ptr [rcx + 4*rax]"),
            ("48 01 c8", "add rax, rcx"),
            ("ff e0", "jmp rax"),
        ],
        &[
            ("0c 00 00 00", ".long 12"),
            ("1c 00 00 00", ".long 28"),
            ("2c 00 00 00", ".long 44"),
        ],
    );
}

/// 11. A direct call of a function compiled in the same unit: the
///     callee's store index from the instance's function table; the
///     callee's frame end (slot 1 plus its frame size) against the value
///     stack's end and `rsp` against the call limit (native stack and
///     depth at once), each to the call's stub (after the body); the
///     record pushed — resume pc and callee, the caller's frame, the
///     previous record — and made the newest (the context's `chain`, at
///     `[r15 + 280]`); the callee's frame, `call` (patched to the callee's
///     start when the unit is laid out: unpatched here), and the record
///     popped.
#[test]
fn direct_call_site() {
    let g = Golden::new(functions::DIRECT_CALL);
    g.check(&[code(
        "direct_call_site",
        g.span(Op::Call, Op::Call),
        &[
            ("49 8b 47 10", "mov rax, qword ptr [r15 + 16]"),
            ("8b 00", "mov eax, dword ptr [rax]"),
            ("49 8d 4e 18", "lea rcx, [r14 + 24]"),
            ("49 3b 4f 78", "cmp rcx, qword ptr [r15 + 120]"),
            ("0f 87 43 00 00 00", "ja 67"),
            ("49 3b a7 08 01 00 00", "cmp rsp, qword ptr [r15 + 264]"),
            ("0f 86 36 00 00 00", "jbe 54"),
            ("6a 02", "push 2"),
            ("89 44 24 04", "mov dword ptr [rsp + 4], eax"),
            ("41 56", "push r14"),
            ("41 ff b7 18 01 00 00", "push qword ptr [r15 + 280]"),
            ("49 89 a7 18 01 00 00", "mov qword ptr [r15 + 280], rsp"),
            ("4d 8d 76 08", "lea r14, [r14 + 8]"),
            ("e8 00 00 00 00", "call 0"), // to the callee, once patched
            ("41 8f 87 18 01 00 00", "pop qword ptr [r15 + 280]"),
            ("41 5e", "pop r14"),
            ("59", "pop rcx"),
        ],
    )]);
}

/// 12. An `f64` accumulator chain: the product goes to `xmm15`
///     (`f64.mul.ass`), the sum reads it from there (`f64.add.sas`); the
///     parameters are pinned in `xmm10`, `xmm9` and `xmm8`, the operands
///     computed in `xmm0` and `xmm1`.
#[test]
fn f64_accumulator_chain() {
    let g = Golden::new(functions::F64_ACCUMULATOR_CHAIN);
    g.check(&[code(
        "f64_accumulator_chain",
        g.span(Op::F64MulAss, Op::F64AddSas),
        &[
            ("41 0f 28 c2", "movaps xmm0, xmm10"),
            ("41 0f 28 c9", "movaps xmm1, xmm9"),
            ("f2 0f 59 c1", "mulsd xmm0, xmm1"),
            ("44 0f 28 f8", "movaps xmm15, xmm0"),
            ("41 0f 28 c7", "movaps xmm0, xmm15"),
            ("41 0f 28 c8", "movaps xmm1, xmm8"),
            ("f2 0f 58 c1", "addsd xmm0, xmm1"),
            ("f2 41 0f 11 46 18", "movsd qword ptr [r14 + 24], xmm0"),
        ],
    )]);
}

/// 13. `select`: both values loaded, the condition tested, a `cmove`.
#[test]
fn select_cmov() {
    let g = Golden::new(functions::SELECT);
    g.check(&[code(
        "select_cmov",
        g.span(Op::Select, Op::Select),
        &[
            ("4c 89 c8", "mov rax, r9"),
            ("4c 89 c1", "mov rcx, r8"),
            ("89 ea", "mov edx, ebp"),
            ("85 d2", "test edx, edx"),
            ("48 0f 44 c1", "cmove rax, rcx"),
            ("49 89 46 18", "mov qword ptr [r14 + 24], rax"),
        ],
    )]);
}

/// 14. `br_if` on `i32.eqz`, which the translator turns into a comparison
///     with the immediate 0 fused into the branch (`br_i32.eq_imm`).
#[test]
fn eqz_br_if() {
    let g = Golden::new(functions::EQZ_BR_IF);
    g.check(&[code(
        "eqz_br_if",
        g.span(Op::BrI32EqImm, Op::BrI32EqImm),
        &[
            ("83 fd 00", "cmp ebp, 0"),
            ("0f 84 10 00 00 00", "je 16"), // to pc 2
        ],
    )]);
}

/// 15. `global.get`, an add, `global.set`: each global access finds the
///     global's cell through the instance's global index space and the
///     store's global records (in the context).
#[test]
fn global_get_set() {
    let g = Golden::new(functions::GLOBAL_GET_SET);
    g.check(&[code(
        "global_get_set",
        g.span(Op::GlobalGet, Op::GlobalSet),
        &[
            ("49 8b 47 18", "mov rax, qword ptr [r15 + 24]"),
            ("8b 00", "mov eax, dword ptr [rax]"),
            ("48 c1 e0 04", "shl rax, 4"),
            ("49 03 47 50", "add rax, qword ptr [r15 + 80]"),
            ("48 8b 08", "mov rcx, qword ptr [rax]"),
            ("49 89 4e 08", "mov qword ptr [r14 + 8], rcx"),
            ("49 8b 46 08", "mov rax, qword ptr [r14 + 8]"),
            ("01 e8", "add eax, ebp"),
            ("49 89 46 08", "mov qword ptr [r14 + 8], rax"),
            ("49 8b 47 18", "mov rax, qword ptr [r15 + 24]"),
            ("8b 00", "mov eax, dword ptr [rax]"),
            ("48 c1 e0 04", "shl rax, 4"),
            ("49 03 47 50", "add rax, qword ptr [r15 + 80]"),
            ("49 8b 4e 08", "mov rcx, qword ptr [r14 + 8]"),
            ("48 89 08", "mov qword ptr [rax], rcx"),
        ],
    )]);
}

/// 16. A `v128` load, `i32x4.add` and store: each load's pair written to
///     its temporary after the bounds check (the addresses are pinned
///     parameters), the operands loaded from their pairs with `movdqu`,
///     the sum computed in `xmm0` and written to its pair, which the store
///     loads again (a `v128` accumulator would remove the three stores and
///     reloads of temporaries).
#[cfg(feature = "simd")]
#[test]
fn v128_load_add_store() {
    let g = Golden::new(
        r#"(module
          (memory 1)
          (func (export "f") (param i32 i32)
            (v128.store (local.get 0)
              (i32x4.add (v128.load (local.get 0)) (v128.load offset=16 (local.get 1))))))"#,
    );
    g.check(&[code(
        "v128_load_add_store",
        g.span(Op::V128Load, Op::V128Store),
        &[
            ("48 89 e8", "mov rax, rbp"),
            ("48 8d 48 10", "lea rcx, [rax + 16]"),
            ("4c 39 e1", "cmp rcx, r12"),
            ("0f 87 6a 00 00 00", "ja 106"), // to the trap stub
            (
                "f3 41 0f 6f 44 05 00",
                "movdqu xmm0, xmmword ptr [r13 + rax]",
            ),
            ("f3 41 0f 7f 46 18", "movdqu xmmword ptr [r14 + 24], xmm0"),
            ("4c 89 c0", "mov rax, r8"),
            ("48 8d 48 20", "lea rcx, [rax + 32]"),
            ("4c 39 e1", "cmp rcx, r12"),
            ("0f 87 74 00 00 00", "ja 116"), // to the trap stub
            (
                "f3 41 0f 6f 44 05 10",
                "movdqu xmm0, xmmword ptr [r13 + rax + 16]",
            ),
            ("f3 41 0f 7f 46 28", "movdqu xmmword ptr [r14 + 40], xmm0"),
            ("f3 41 0f 6f 46 18", "movdqu xmm0, xmmword ptr [r14 + 24]"),
            ("f3 41 0f 6f 4e 28", "movdqu xmm1, xmmword ptr [r14 + 40]"),
            ("66 0f fe c1", "paddd xmm0, xmm1"),
            ("f3 41 0f 7f 46 18", "movdqu xmmword ptr [r14 + 24], xmm0"),
            ("f3 41 0f 6f 46 18", "movdqu xmm0, xmmword ptr [r14 + 24]"),
            ("48 89 e8", "mov rax, rbp"),
            ("48 8d 48 10", "lea rcx, [rax + 16]"),
            ("4c 39 e1", "cmp rcx, r12"),
            ("0f 87 62 00 00 00", "ja 98"), // to the trap stub
            (
                "f3 41 0f 7f 44 05 00",
                "movdqu xmmword ptr [r13 + rax], xmm0",
            ),
        ],
    )]);
}

/// 17. A guarded `v128.load` trapping by signals: the `movdqu` from
///     memory is the trap site.
#[cfg(feature = "simd")]
#[test]
fn v128_load_guarded() {
    let traps = golden::SIGNALS_GUARDED;
    let g = Golden::with_traps(
        r#"(module
          (memory 1)
          (func (export "f") (param i32) (result v128)
            (v128.load offset=32 (local.get 0))))"#,
        traps,
    );
    g.single_site();
    g.check(&[code(
        "v128_load_guarded",
        g.span(Op::V128Load, Op::V128Load),
        &[
            ("48 89 e8", "mov rax, rbp"),
            (
                "f3 41 0f 6f 44 05 20",
                "movdqu xmm0, xmmword ptr [r13 + rax + 32]",
            ), // the site
            ("f3 41 0f 7f 46 08", "movdqu xmmword ptr [r14 + 8], xmm0"),
        ],
    )]);
}

/// 18. `i8x16.shl` by a count in a local: the count taken modulo 8 into
///     `xmm1`, the bytes shifted as words in two halves (the mask 0x00ff
///     made in `xmm4` with no constant) so that no bit crosses into the
///     next byte; and `v128.any_true` with SSE4.1's `ptest`.
#[cfg(feature = "simd")]
#[test]
fn i8x16_shl_and_any_true() {
    let g = Golden::new(
        r#"(module
          (func (export "f") (param v128 i32) (result i32)
            (v128.any_true (i8x16.shl (local.get 0) (local.get 1)))))"#,
    );
    g.check(&[code(
        "i8x16_shl_and_any_true",
        g.span(Op::I8x16Shl, Op::V128AnyTrue),
        &[
            ("f3 41 0f 6f 06", "movdqu xmm0, xmmword ptr [r14]"),
            ("89 e9", "mov ecx, ebp"),
            ("83 e1 07", "and ecx, 7"),
            ("66 0f 6e c9", "movd xmm1, ecx"),
            ("66 0f 76 e4", "pcmpeqd xmm4, xmm4"),
            ("66 0f 71 d4 08", "psrlw xmm4, 8"),
            ("66 0f 6f dc", "movdqa xmm3, xmm4"),
            ("66 0f df d8", "pandn xmm3, xmm0"),
            ("66 0f f1 d9", "psllw xmm3, xmm1"),
            ("66 0f f1 c1", "psllw xmm0, xmm1"),
            ("66 0f db c4", "pand xmm0, xmm4"),
            ("66 0f eb c3", "por xmm0, xmm3"),
            ("f3 41 0f 7f 46 18", "movdqu xmmword ptr [r14 + 24], xmm0"),
            ("f3 41 0f 6f 46 18", "movdqu xmm0, xmmword ptr [r14 + 24]"),
            ("66 0f 38 17 c0", "ptest xmm0, xmm0"),
            ("0f 95 c0", "setne al"),
            ("0f b6 c0", "movzx eax, al"),
            ("49 89 46 18", "mov qword ptr [r14 + 24], rax"),
        ],
    )]);
}
