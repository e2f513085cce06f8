//! Golden disassembly of the aarch64 lowering, the twin of x86_64's
//! (`x64/lower/golden_tests.rs`, with the same functions and numbers): for
//! each design point (operands in frame slots, the accumulator chains,
//! immediates, compare-and-branch fusion, pinned loop locals, division's
//! explicit checks, variable shifts, bounds-checked memory access, jump
//! tables, the call site, the `f64` accumulator, `select`, globals, a
//! guarded load and `udf` trapping by signals), the
//! exact machine code the lowering produces for the IR instructions of
//! interest, byte for byte. The lowering only produces bytes, so these run
//! on every host.
//!
//! These tests pin today's code shape: they fail on any change to the
//! bytes, intended or not, and show the expected and the actual listing.
//! Each expected instruction is written as its four bytes in hex, in
//! memory order (a little-endian word), beside the text `llvm-mc`
//! disassembles them to (a branch's operand is its offset from the branch
//! itself, as `llvm-mc` prints it; a jump table's entries are data,
//! written as `.long`). A note after a branch saying where it goes is
//! written by hand.
//!
//! After an intended change to the lowering, refresh the expectations with
//! `core/src/jit/aarch64/lower/golden.sh [test name]`: it runs these
//! tests, takes the bytes each one prints, and prints them as expectation
//! lines disassembled by `llvm-mc`, ready to paste over the test's list
//! (read them first: they are what the test will pin).
//!
//! The registers (`mod.rs`): `x28` the context, `x27` the frame's slot 0,
//! `x26` and `x25` the base and length of memory 0, `x24` the integer
//! accumulator, `v15` the `f64` one; locals pinned in `x19`–`x23` and
//! `v8`–`v14`; `x0`–`x3`, `x9`–`x13` and `v0`–`v7` scratch (`x2`, `x9`
//! and `x10` also pass a call's frame and pcs to the call thunk); `x16`
//! and `x17` for branch targets and addresses. Traps are explicit checks
//! and branches to their stubs except in 8b and 8c, lowered with
//! `Golden::with_traps` for signals. The harness and the functions are x86_64's too
//! ([`golden`](crate::jit::lower::golden)).

use super::{A64, lower_with};
use crate::ir::{CompiledFunc, Op};
use crate::jit::lower::golden::{self, Target, code, functions};
use crate::jit::lower::{LoweredFunc, Traps, Unit};

impl Target for A64 {
    const SCRIPT: &'static str = "core/src/jit/aarch64/lower/golden.sh";
    const BYTES_PER_LINE: usize = 4;

    /// Lowers for aarch64 (which asks nothing of the processor beyond the
    /// baseline).
    fn lower(func: &CompiledFunc, traps: Traps<'_>, unit: Unit<'_>) -> Result<LoweredFunc, Op> {
        lower_with(func, traps, unit)
    }
}

/// A function translated and lowered for aarch64.
type Golden = golden::Golden<A64>;

/// 1. `i32.add` of two locals into a third, all in their frame slots
///    (`[x27, #8 * slot]`): both operands loaded (aarch64 computes only in
///    registers), the sum computed in `w0`, all 64 bits of `x0` stored
///    (the 32-bit `add` zeroed the upper half). The call makes pinning the
///    locals cost more than it saves, so they stay in the frame.
#[test]
fn i32_add_slot_to_slot() {
    let g = Golden::new(functions::I32_ADD_SLOT_TO_SLOT);
    g.check(&[code(
        "i32_add_slot_to_slot",
        g.span(Op::I32Add, Op::I32Add),
        &[
            ("60 03 40 f9", "ldr x0, [x27]"),
            ("61 07 40 f9", "ldr x1, [x27, #8]"),
            ("00 00 01 0b", "add w0, w0, w1"),
            ("60 0b 00 f9", "str x0, [x27, #16]"),
        ],
    )]);
}

/// 2. An accumulator chain: the product, used once and at once, goes to
///    `x24` (`i32.mul.ass`) instead of a slot, and the sum reads it from
///    there (`i32.add.sas`). The parameters are pinned (`x21`, `x20`,
///    `x19`) and read where they are: three-operand instructions need no
///    copies.
#[test]
fn accumulator_chain() {
    let g = Golden::new(functions::ACCUMULATOR_CHAIN);
    g.check(&[code(
        "accumulator_chain",
        g.span(Op::I32MulAss, Op::I32AddSas),
        &[
            ("b8 7e 14 1b", "mul w24, w21, w20"),
            ("00 03 13 0b", "add w0, w24, w19"),
            ("60 0f 00 f9", "str x0, [x27, #24]"),
        ],
    )]);
}

/// 3. An immediate operand: `i32.add_imm` adds the constant as the
///    `add`'s immediate (a negative one is a `sub`); the result goes to a
///    temporary's frame slot.
#[test]
fn immediate_operand() {
    let g = Golden::new(functions::IMMEDIATE_OPERAND);
    g.check(&[code(
        "immediate_operand",
        g.span(Op::I32AddImm, Op::I32AddImm),
        &[
            ("60 a2 0f 11", "add w0, w19, #1000"),
            ("60 07 00 f9", "str x0, [x27, #8]"),
        ],
    )]);
}

/// 4. `br_if` on `i32.lt_s` fused into one IR instruction
///    (`br_i32.lt_s`): a `cmp` of the pinned operands and a `b.lt`.
#[test]
fn fused_compare_and_branch() {
    let g = Golden::new(functions::FUSED_COMPARE_AND_BRANCH);
    g.check(&[code(
        "fused_compare_and_branch",
        g.span(Op::BrI32LtS, Op::BrI32LtS),
        &[
            ("9f 02 13 6b", "cmp w20, w19"),
            ("eb 00 00 54", "b.lt #28"), // to pc 2
        ],
    )]);
}

/// 5. A loop whose locals are pinned in callee-saved registers (the
///    counter in `x19`, the sum in `x20`) for the whole loop: its body and
///    back edge. The sum and the decremented counter are computed in their
///    registers, the counter copied to the accumulator `x24`
///    (`i32.add_imm.bs`), which the branch tests with a `cbnz`
///    (`br_if_nez.a`).
#[test]
fn loop_with_pinned_counter() {
    let g = Golden::new(functions::LOOP_WITH_PINNED_COUNTER);
    g.check(&[code(
        "loop_with_pinned_counter",
        g.span(Op::I32Add, Op::BrIfNezA),
        &[
            ("94 02 13 0b", "add w20, w20, w19"),
            ("73 06 00 51", "sub w19, w19, #1"),
            ("f8 03 13 aa", "mov x24, x19"),
            ("b8 ff ff 35", "cbnz w24, #-12"), // to pc 0
        ],
    )]);
}

/// 6. `i32.div_s`: aarch64's `sdiv` never faults, so both of Wasm's traps
///    are explicit checks: a zero divisor (`cbz`), and the one overflowing
///    quotient, `MIN / -1` (`cmp` with the minimum, then `ccmn` compares
///    the divisor with -1 only if that was equal, else leaves "not
///    equal"); the quotient computed from the pinned operands straight
///    into `w0`. Then the
///    out-of-line code: the two trap stubs (trap code, pc and frame into
///    the context, the exit kind in `w0`, to the exit sequence), the exit
///    sequence (the call records from `x29` written out by the context's
///    `materialize`, given the exit kind, which has nothing to do when
///    `x29` is the entry's stack pointer; then that stack pointer, the
///    registers the trampoline saved restored, `ret`) and the resume stub (the pinned locals loaded, a
///    branch to the target in `x16`).
#[test]
fn i32_div_s_checks() {
    let g = Golden::new(functions::I32_DIV_S);
    g.check(&[
        code(
            "i32_div_s_checks",
            g.span(Op::I32DivS, Op::I32DivS),
            &[
                ("b3 01 00 34", "cbz w19, #52"), // to the first stub
                ("02 00 b0 52", "mov w2, #-2147483648"),
                ("9f 02 02 6b", "cmp w20, w2"),
                ("60 0a 41 3a", "ccmn w19, #1, #0, eq"),
                ("00 02 00 54", "b.eq #64"), // to the second stub
                ("80 0e d3 1a", "sdiv w0, w20, w19"),
                ("60 0b 00 f9", "str x0, [x27, #16]"),
            ],
        ),
        code(
            "i32_div_s_checks/out_of_line",
            g.out_of_line(),
            &[
                ("c0 00 80 52", "mov w0, #6"),
                ("80 27 01 b9", "str w0, [x28, #292]"),
                ("00 00 80 52", "mov w0, #0"),
                ("80 23 01 b9", "str w0, [x28, #288]"),
                ("9b 9b 00 f9", "str x27, [x28, #304]"),
                ("20 00 80 52", "mov w0, #1"),
                ("08 00 00 14", "b #32"), // to the exit sequence
                ("e0 00 80 52", "mov w0, #7"),
                ("80 27 01 b9", "str w0, [x28, #292]"),
                ("00 00 80 52", "mov w0, #0"),
                ("80 23 01 b9", "str w0, [x28, #288]"),
                ("9b 9b 00 f9", "str x27, [x28, #304]"),
                ("20 00 80 52", "mov w0, #1"),
                ("01 00 00 14", "b #4"), // to the exit sequence
                ("9d 8f 00 f9", "str x29, [x28, #280]"),
                ("e1 03 00 2a", "mov w1, w0"),
                ("e0 03 1c aa", "mov x0, x28"),
                ("90 8b 40 f9", "ldr x16, [x28, #272]"),
                ("00 02 3f d6", "blr x16"),
                ("81 7f 40 f9", "ldr x1, [x28, #248]"),
                ("3f 00 00 91", "mov sp, x1"),
                ("ee 3f 49 6d", "ldp d14, d15, [sp, #144]"),
                ("ec 37 48 6d", "ldp d12, d13, [sp, #128]"),
                ("ea 2f 47 6d", "ldp d10, d11, [sp, #112]"),
                ("e8 27 46 6d", "ldp d8, d9, [sp, #96]"),
                ("fb 73 45 a9", "ldp x27, x28, [sp, #80]"),
                ("f9 6b 44 a9", "ldp x25, x26, [sp, #64]"),
                ("f7 63 43 a9", "ldp x23, x24, [sp, #48]"),
                ("f5 5b 42 a9", "ldp x21, x22, [sp, #32]"),
                ("f3 53 41 a9", "ldp x19, x20, [sp, #16]"),
                ("fd 7b ca a8", "ldp x29, x30, [sp], #160"),
                ("c0 03 5f d6", "ret"),
                ("73 07 40 f9", "ldr x19, [x27, #8]"),
                ("74 03 40 f9", "ldr x20, [x27]"),
                ("00 02 1f d6", "br x16"),
            ],
        ),
    ]);
}

/// 7. `i32.shl` by a variable count: `lsl` (`lslv`) takes the count in any
///    register and modulo the width, as Wasm does, so no register is
///    reserved for it (x86_64's `cl`).
#[test]
fn i32_shl_variable_count() {
    let g = Golden::new(functions::I32_SHL_VARIABLE_COUNT);
    g.check(&[code(
        "i32_shl_variable_count",
        g.span(Op::I32Shl, Op::I32Shl),
        &[
            ("80 22 d3 1a", "lsl w0, w20, w19"),
            ("60 0b 00 f9", "str x0, [x27, #16]"),
        ],
    )]);
}

/// 8. An `i32.load` with an offset and its explicit bounds check: the end
///    of the access (address + offset + 4, one `add` of an immediate)
///    against the length in `x25`, then the load from the base in `x26`
///    plus the address (summed in `x17`) plus the offset (in the
///    instruction).
#[test]
fn i32_load_bounds_check() {
    let g = Golden::new(functions::I32_LOAD);
    g.check(&[code(
        "i32_load_bounds_check",
        g.span(Op::Load32, Op::Load32),
        &[
            ("e0 03 13 aa", "mov x0, x19"),
            ("01 50 00 91", "add x1, x0, #20"),
            ("3f 00 19 eb", "cmp x1, x25"),
            ("28 01 00 54", "b.hi #36"), // to the trap stub
            ("51 03 00 8b", "add x17, x26, x0"),
            ("20 12 40 b9", "ldr w0, [x17, #16]"),
            ("60 07 00 f9", "str x0, [x27, #8]"),
        ],
    )]);
}

/// 8b. The same load from a guarded memory, trapping by signals: no
///     check, the load itself a trap site whose stub is the bounds
///     check's (an address past the memory lands in the guard region).
#[test]
fn i32_load_guarded() {
    let traps = golden::SIGNALS_GUARDED;
    let g = Golden::with_traps(functions::I32_LOAD, traps);
    let load = g.start(g.pc(Op::Load32, 0)) as u32 + 8;
    assert_eq!(g.single_site(), load, "the load is the site");
    g.check(&[code(
        "i32_load_guarded",
        g.span(Op::Load32, Op::Load32),
        &[
            ("e0 03 13 aa", "mov x0, x19"),
            ("51 03 00 8b", "add x17, x26, x0"),
            ("20 12 40 b9", "ldr w0, [x17, #16]"), // the site
            ("60 07 00 f9", "str x0, [x27, #8]"),
        ],
    )]);
}

/// 8c. `unreachable` trapping by signals: `udf`, its immediate the trap's
///     index, a trap site.
#[test]
fn unreachable_udf() {
    let traps = golden::SIGNALS;
    let g = Golden::with_traps(functions::UNREACHABLE, traps);
    g.single_site();
    g.check(&[code(
        "unreachable_udf",
        g.span(Op::Unreachable, Op::Unreachable),
        &[("00 00 00 00", "udf #0")], // the site; 0 is `Unreachable`'s index
    )]);
}

/// 9. An `i64.store` with an offset: address in `x0`, value in `x2`, the
///    bounds check, the store.
#[test]
fn i64_store() {
    let g = Golden::new(functions::I64_STORE);
    g.check(&[code(
        "i64_store",
        g.span(Op::Store64, Op::Store64),
        &[
            ("e0 03 14 aa", "mov x0, x20"),
            ("e2 03 13 aa", "mov x2, x19"),
            ("01 40 00 91", "add x1, x0, #16"),
            ("3f 00 19 eb", "cmp x1, x25"),
            ("e8 00 00 54", "b.hi #28"), // to the trap stub
            ("51 03 00 8b", "add x17, x26, x0"),
            ("22 06 00 f9", "str x2, [x17, #8]"),
        ],
    )]);
}

/// 10. `br_table` as a jump table: the index clamped to the default (the
///     last entry) with `csel`, the table's address from `adr`, the entry
///     (a 32-bit offset from the table) loaded sign-extended with the
///     index scaled, added to the table's address, a `br`; then the
///     table, which follows the branch, and whose entries must reach the
///     code of their targets.
#[test]
fn br_table_jump_table() {
    let g = Golden::new(functions::BR_TABLE);
    g.check_jump_table(
        "br_table_jump_table",
        &[
            ("e0 03 13 2a", "mov w0, w19"),
            ("41 00 80 52", "mov w1, #2"),
            ("1f 00 01 6b", "cmp w0, w1"),
            ("20 80 80 1a", "csel w0, w1, w0, hi"),
            ("81 00 00 10", "adr x1, #16"), // the table
            ("20 58 a0 b8", "ldrsw x0, [x1, w0, uxtw #2]"),
            ("20 00 00 8b", "add x0, x1, x0"),
            ("00 00 1f d6", "br x0"),
        ],
        &[
            ("0c 00 00 00", ".long 12"),
            ("20 00 00 00", ".long 32"),
            ("34 00 00 00", ".long 52"),
        ],
    );
}

/// 11. A direct call of a function compiled in the same unit: the
///     callee's store index from the instance's function table; the
///     callee's frame end (slot 1 plus its frame size) against the value
///     stack's end and the stack pointer against the call limit (native
///     stack and depth at once), each to the call's stub (after the body);
///     the record pushed — the previous record (`x29`) and the return
///     address (a frame record, as the platform lays them out), the
///     caller's frame, the resume pc and the callee — and made the newest; the callee's frame, `bl` (patched to the callee's start
///     when the unit is laid out: unpatched here), and the record popped.
#[test]
fn direct_call_site() {
    let g = Golden::new(functions::DIRECT_CALL);
    g.check(&[code(
        "direct_call_site",
        g.span(Op::Call, Op::Call),
        &[
            ("80 0b 40 f9", "ldr x0, [x28, #16]"),
            ("00 00 40 b9", "ldr w0, [x0]"),
            ("6b 63 00 91", "add x11, x27, #24"),
            ("8c 3f 40 f9", "ldr x12, [x28, #120]"),
            ("7f 01 0c eb", "cmp x11, x12"),
            ("28 02 00 54", "b.hi #68"),
            ("8c 87 40 f9", "ldr x12, [x28, #264]"),
            ("ff 63 2c eb", "cmp sp, x12"),
            ("c9 01 00 54", "b.ls #56"),
            ("49 00 80 52", "mov w9, #2"),
            ("fd 7b be a9", "stp x29, x30, [sp, #-32]!"),
            ("fb 0b 00 f9", "str x27, [sp, #16]"),
            ("e9 03 03 29", "stp w9, w0, [sp, #24]"),
            ("fd 03 00 91", "mov x29, sp"),
            ("7b 23 00 91", "add x27, x27, #8"),
            ("00 00 00 94", "bl #0"), // to the callee, once patched
            ("fb 0b 40 f9", "ldr x27, [sp, #16]"),
            ("fd 7b c2 a8", "ldp x29, x30, [sp], #32"),
        ],
    )]);
}

/// 12. An `f64` accumulator chain: the product goes to `d15`
///     (`f64.mul.ass`), the sum reads it from there (`f64.add.sas`); the
///     parameters are pinned in `d10`, `d9` and `d8` (the callee-saved low
///     halves of `v8`–`v14`) and read where they are.
#[test]
fn f64_accumulator_chain() {
    let g = Golden::new(functions::F64_ACCUMULATOR_CHAIN);
    g.check(&[code(
        "f64_accumulator_chain",
        g.span(Op::F64MulAss, Op::F64AddSas),
        &[
            ("4f 09 69 1e", "fmul d15, d10, d9"),
            ("e0 29 68 1e", "fadd d0, d15, d8"),
            ("60 0f 00 fd", "str d0, [x27, #24]"),
        ],
    )]);
}

/// 13. `select`: the condition (pinned) compared with zero, a `csel` of
///     the two values in their pinned registers.
#[test]
fn select_csel() {
    let g = Golden::new(functions::SELECT);
    g.check(&[code(
        "select_csel",
        g.span(Op::Select, Op::Select),
        &[
            ("7f 02 1f 6b", "cmp w19, wzr"),
            ("a0 12 94 9a", "csel x0, x21, x20, ne"),
            ("60 0f 00 f9", "str x0, [x27, #24]"),
        ],
    )]);
}

/// 14. `br_if` on `i32.eqz`, which the translator turns into a comparison
///     with the immediate 0 fused into the branch (`br_i32.eq_imm`): the
///     comparison with zero as a `cbz`.
#[test]
fn eqz_br_if() {
    let g = Golden::new(functions::EQZ_BR_IF);
    g.check(&[code(
        "eqz_br_if",
        g.span(Op::BrI32EqImm, Op::BrI32EqImm),
        &[("d3 00 00 34", "cbz w19, #24")], // to pc 2
    )]);
}

/// 15. `global.get`, an add, `global.set`: each global access finds the
///     global's cell through the instance's global index space and the
///     store's global records (16 bytes each, hence the shifted add),
///     both in the context.
#[test]
fn global_get_set() {
    let g = Golden::new(functions::GLOBAL_GET_SET);
    g.check(&[code(
        "global_get_set",
        g.span(Op::GlobalGet, Op::GlobalSet),
        &[
            ("80 0f 40 f9", "ldr x0, [x28, #24]"),
            ("00 00 40 b9", "ldr w0, [x0]"),
            ("81 2b 40 f9", "ldr x1, [x28, #80]"),
            ("20 10 00 8b", "add x0, x1, x0, lsl #4"),
            ("01 00 40 f9", "ldr x1, [x0]"),
            ("61 07 00 f9", "str x1, [x27, #8]"),
            ("60 07 40 f9", "ldr x0, [x27, #8]"),
            ("00 00 13 0b", "add w0, w0, w19"),
            ("60 07 00 f9", "str x0, [x27, #8]"),
            ("80 0f 40 f9", "ldr x0, [x28, #24]"),
            ("00 00 40 b9", "ldr w0, [x0]"),
            ("81 2b 40 f9", "ldr x1, [x28, #80]"),
            ("20 10 00 8b", "add x0, x1, x0, lsl #4"),
            ("61 07 40 f9", "ldr x1, [x27, #8]"),
            ("01 00 00 f9", "str x1, [x0]"),
        ],
    )]);
}
