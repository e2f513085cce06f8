//! Golden encodings: each instruction method against the bytes an
//! independent assembler produces for the same instruction — LLVM's
//! `llvm-mc -triple=aarch64 -show-encoding`, whose input text is shown
//! beside each case (`check_llvm.sh` re-checks every pair of this file,
//! `tests_int.rs`, `tests_mem.rs` and `tests_fp.rs`); and labels: branches of each kind
//! forward and backward, their ranges, unbound labels, jump tables.
//!
//! This file has the branches, the label tests and the helpers the others
//! share; `tests_int.rs` the other integer instructions.

use super::insn_mem::IndexExtend;
use super::reg::Width::{self, W32, W64};
use super::{Address, Arith, Assembler, Cond, Label, Load, Logic, LogicalImm, PairAddress, Reg};
use crate::jit::code_buffer::Assemble;
use alloc::{format, string::String, vec::Vec};

pub(super) const X0: Reg = Reg::X0;
pub(super) const X1: Reg = Reg::X1;
pub(super) const X2: Reg = Reg::X2;
pub(super) const X3: Reg = Reg::X3;
pub(super) const X4: Reg = Reg::X4;
pub(super) const X5: Reg = Reg::X5;
pub(super) const X6: Reg = Reg::X6;
pub(super) const X7: Reg = Reg::X7;
pub(super) const X8: Reg = Reg::X8;
pub(super) const X9: Reg = Reg::X9;
pub(super) const X10: Reg = Reg::X10;
pub(super) const X11: Reg = Reg::X11;
pub(super) const X16: Reg = Reg::X16;
pub(super) const X19: Reg = Reg::X19;
pub(super) const X20: Reg = Reg::X20;
pub(super) const X28: Reg = Reg::X28;
pub(super) const FP: Reg = Reg::FP;
pub(super) const LR: Reg = Reg::LR;
pub(super) const SP: Reg = Reg::SP;
pub(super) const ZR: Reg = Reg::ZR;

/// A logical immediate known to be one.
pub(super) fn bitmask(value: u64, width: Width) -> LogicalImm {
    LogicalImm::new(value, width).unwrap()
}

/// A register-offset address.
pub(super) fn index(base: Reg, index: Reg, extend: IndexExtend, scaled: bool) -> Address {
    Address::Indexed {
        base,
        index,
        extend,
        scaled,
    }
}

/// One instruction (or a few, separated by `;` in the text): how to emit
/// it, its bytes in hex as `llvm-mc` prints them, the assembly text.
pub(super) type Case = (fn(&mut Assembler), &'static str, &'static str);

/// The bytes as `llvm-mc` prints an encoding: hex, in memory order.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Emits each case alone and compares its bytes with the expected ones.
pub(super) fn check(cases: &[Case]) {
    let mut wrong = Vec::new();
    for (emit, expected, text) in cases {
        let mut a = Assembler::new();
        emit(&mut a);
        let got = a.finish().map(|code| hex(&code));
        if got.as_deref() != Some(*expected) {
            wrong.push(format!("{text}: got {got:?}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

const CASES: &[Case] = &[
    // ---- branches
    (
        |a| {
            let l = a.label();
            a.b(l);
            a.bind(l);
        },
        "01 00 00 14",
        "b #4",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.b(l);
        },
        "1f 20 03 d5 ff ff ff 17",
        "nop; b #-4",
    ),
    (
        |a| {
            let l = a.label();
            a.bl(l);
            a.nop();
            a.bind(l);
        },
        "02 00 00 94 1f 20 03 d5",
        "bl #8; nop",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.bl(l);
        },
        "00 00 00 94",
        "bl #0",
    ),
    (
        |a| {
            let l = a.label();
            a.b_cond(Cond::Eq, l);
            a.bind(l);
        },
        "20 00 00 54",
        "b.eq #4",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.b_cond(Cond::Le, l);
        },
        "1f 20 03 d5 ed ff ff 54",
        "nop; b.le #-4",
    ),
    (
        |a| {
            let l = a.label();
            a.b_cond(Cond::Hs, l);
            a.nop();
            a.bind(l);
        },
        "42 00 00 54 1f 20 03 d5",
        "b.hs #8; nop",
    ),
    (
        |a| {
            let l = a.label();
            a.cbz(W64, X0, l);
            a.bind(l);
        },
        "20 00 00 b4",
        "cbz x0, #4",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.cbnz(W32, X1, l);
        },
        "1f 20 03 d5 e1 ff ff 35",
        "nop; cbnz w1, #-4",
    ),
    (
        |a| {
            let l = a.label();
            a.cbz(W32, ZR, l);
            a.bind(l);
        },
        "3f 00 00 34",
        "cbz wzr, #4",
    ),
    (
        |a| {
            let l = a.label();
            a.tbz(X0, 0, l);
            a.bind(l);
        },
        "20 00 00 36",
        "tbz w0, #0, #4",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.tbnz(X1, 63, l);
        },
        "1f 20 03 d5 e1 ff ff b7",
        "nop; tbnz x1, #63, #-4",
    ),
    (
        |a| {
            let l = a.label();
            a.tbz(X2, 31, l);
            a.bind(l);
        },
        "22 00 f8 36",
        "tbz w2, #31, #4",
    ),
    (
        |a| {
            let l = a.label();
            a.tbnz(X3, 32, l);
            a.nop();
            a.bind(l);
        },
        "43 00 00 b7 1f 20 03 d5",
        "tbnz x3, #32, #8; nop",
    ),
    (|a| a.br(X16), "00 02 1f d6", "br x16"),
    (|a| a.blr(X8), "00 01 3f d6", "blr x8"),
    (|a| a.ret(), "c0 03 5f d6", "ret"),
    (|a| a.ret_to(X1), "20 00 5f d6", "ret x1"),
    (
        |a| {
            let l = a.label();
            a.adr(X0, l);
            a.nop();
            a.bind(l);
        },
        "40 00 00 10 1f 20 03 d5",
        "adr x0, #8; nop",
    ),
    (
        |a| {
            let l = a.label();
            a.bind(l);
            a.nop();
            a.adr(X1, l);
        },
        "1f 20 03 d5 e1 ff ff 10",
        "nop; adr x1, #-4",
    ),
    (|a| a.brk(0), "00 00 20 d4", "brk #0"),
    (|a| a.brk(0xffff), "e0 ff 3f d4", "brk #0xffff"),
    (|a| a.udf(0), "00 00 00 00", "udf #0"),
    (|a| a.udf(0xffff), "ff ff 00 00", "udf #65535"),
    (|a| a.nop(), "1f 20 03 d5", "nop"),
];

#[test]
fn branches_encode_as_llvm_does() {
    check(CASES);
}

/// `n` `nop`s.
fn nops(a: &mut Assembler, n: usize) {
    for _ in 0..n {
        a.nop();
    }
}

#[test]
fn branches_reach_their_labels_forward_and_backward() {
    let mut a = Assembler::new();
    let (top, out) = (a.label(), a.label());
    a.bind(top);
    a.b_cond(Cond::Ne, out); // imm19, +28
    a.cbz(W64, X0, top); // imm19, -4
    a.tbnz(X1, 2, out); // imm14, +20
    a.adr(X2, top); // adr, -12
    a.bl(top); // imm26, -16
    a.b(out); // imm26, +8
    a.nop();
    a.bind(out);
    a.ret();
    assert_eq!(a.bound(out), Some(28));
    assert_eq!(
        hex(&a.finish().unwrap()),
        "e1 00 00 54 e0 ff ff b4 a1 00 10 37 a2 ff ff 10 fc ff ff 97 02 00 00 14 1f 20 03 d5 c0 03 5f d6",
        "b.ne #28; cbz x0, #-4; tbnz w1, #2, #20; adr x2, #-12; bl #-16; b #8; nop; ret"
    );
}

#[test]
fn an_unbound_label_fails_the_code() {
    let mut a = Assembler::new();
    let nowhere = a.label();
    a.b(nowhere);
    assert_eq!(a.finish(), None);
    let mut a = Assembler::new();
    let (table, nowhere) = (a.label(), a.label());
    a.bind(table);
    a.table_entry(nowhere, table);
    assert_eq!(a.finish(), None);
}

/// The code of `branch` to a label `distance` instructions away (0: the
/// branch itself; negative: before it), or `None` if it cannot reach.
fn branch_over(branch: fn(&mut Assembler, Label), distance: isize) -> Option<Vec<u8>> {
    let mut a = Assembler::new();
    let target = a.label();
    if distance <= 0 {
        a.bind(target);
        nops(&mut a, distance.unsigned_abs());
        branch(&mut a, target);
    } else {
        branch(&mut a, target);
        nops(&mut a, distance as usize - 1);
        a.bind(target);
    }
    a.finish()
}

#[test]
fn branches_out_of_range_fail_the_code() {
    // tbz/tbnz: 14 bits of words, -32768 to +32764 bytes.
    let tbz: fn(&mut Assembler, Label) = |a, l| a.tbz(X0, 5, l);
    let last = |code: Vec<u8>, at: usize| hex(&code[at * 4..at * 4 + 4]);
    assert_eq!(
        branch_over(tbz, 8191).map(|c| last(c, 0)).as_deref(),
        Some("e0 ff 2b 36"),
        "tbz w0, #5, #32764"
    );
    assert_eq!(branch_over(tbz, 8192), None);
    assert_eq!(
        branch_over(tbz, -8192).map(|c| last(c, 8192)).as_deref(),
        Some("00 00 2c 36"),
        "tbz w0, #5, #-32768"
    );
    assert_eq!(branch_over(tbz, -8193), None);
    // b.cond, cbz, cbnz, ldr literal: 19 bits of words, ±1 MiB.
    let b_cond: fn(&mut Assembler, Label) = |a, l| a.b_cond(Cond::Eq, l);
    assert_eq!(
        branch_over(b_cond, (1 << 18) - 1)
            .map(|c| last(c, 0))
            .as_deref(),
        Some("e0 ff 7f 54"),
        "b.eq #1048572"
    );
    assert_eq!(branch_over(b_cond, 1 << 18), None);
    let cbnz: fn(&mut Assembler, Label) = |a, l| a.cbnz(W32, X3, l);
    assert_eq!(
        branch_over(cbnz, -(1 << 18))
            .map(|c| last(c, 1 << 18))
            .as_deref(),
        Some("03 00 80 35"),
        "cbnz w3, #-1048576"
    );
    assert_eq!(branch_over(cbnz, -(1 << 18) - 1), None);
    // adr: 21 bits of bytes, ±1 MiB.
    let adr: fn(&mut Assembler, Label) = |a, l| a.adr(X0, l);
    assert_eq!(
        branch_over(adr, (1 << 18) - 1)
            .map(|c| last(c, 0))
            .as_deref(),
        Some("e0 ff 7f 10"),
        "adr x0, #1048572"
    );
    assert_eq!(branch_over(adr, 1 << 18), None);
    assert!(branch_over(adr, -(1 << 18)).is_some());
    assert_eq!(branch_over(adr, -(1 << 18) - 1), None);
}

#[test]
fn table_entries_are_offsets_from_their_table() {
    // ret; adr x1, table; ldrsw x2, [x1, w0, uxtw #2]; add x1, x1, x2;
    // br x1; table: back - table, forward - table, table - table;
    // forward: nop; ret
    let mut a = Assembler::new();
    let (back, table, forward) = (a.label(), a.label(), a.label());
    a.bind(back);
    a.ret();
    a.adr(X1, table);
    let entry = index(X1, X0, IndexExtend::Uxtw, true);
    a.load(Load::Ldrsw, X2, entry);
    a.arith(Arith::Add, W64, X1, X1, X2);
    a.br(X1);
    a.bind(table);
    a.table_entry(back, table);
    a.table_entry(forward, table);
    a.table_entry(table, table);
    a.bind(forward);
    a.nop();
    a.ret();
    assert_eq!(
        hex(&a.finish().unwrap()),
        "c0 03 5f d6 81 00 00 10 22 58 a0 b8 21 00 02 8b 20 00 1f d6 \
         ec ff ff ff 0c 00 00 00 00 00 00 00 \
         1f 20 03 d5 c0 03 5f d6"
    );
}

#[test]
fn raw_words_are_little_endian() {
    let mut a = Assembler::new();
    a.word(0x1234_5678);
    assert_eq!(a.offset(), 4);
    assert_eq!(hex(&a.finish().unwrap()), "78 56 34 12");
}

#[test]
fn conditions_invert_in_pairs() {
    assert_eq!(Cond::Eq.invert(), Cond::Ne);
    assert_eq!(Cond::Ne.invert(), Cond::Eq);
    assert_eq!(Cond::Hs.invert(), Cond::Lo);
    assert_eq!(Cond::Mi.invert(), Cond::Pl);
    assert_eq!(Cond::Vs.invert(), Cond::Vc);
    assert_eq!(Cond::Hi.invert(), Cond::Ls);
    assert_eq!(Cond::Ge.invert(), Cond::Lt);
    assert_eq!(Cond::Le.invert(), Cond::Gt);
}

#[test]
#[should_panic(expected = "no inverse")]
fn always_has_no_inverse() {
    let _ = Cond::Al.invert();
}

#[test]
fn offsets_choose_their_form() {
    use super::OffsetForm as Form;
    use super::OffsetForm::{Scaled, Unscaled};
    assert_eq!(Form::of(0, 8), Some(Scaled));
    assert_eq!(Form::of(32760, 8), Some(Scaled));
    assert_eq!(Form::of(32768, 8), None);
    assert_eq!(Form::of(4095, 1), Some(Scaled));
    assert_eq!(Form::of(4096, 1), None);
    assert_eq!(Form::of(65520, 16), Some(Scaled));
    assert_eq!(Form::of(-8, 8), Some(Unscaled));
    assert_eq!(Form::of(-256, 4), Some(Unscaled));
    assert_eq!(Form::of(-257, 4), None);
    assert_eq!(Form::of(255, 8), Some(Unscaled));
    assert_eq!(Form::of(257, 8), None);
    assert_eq!(Address::offset(SP, 16, 8), Some(Address::Scaled(SP, 16)));
    assert_eq!(Address::offset(X1, -3, 4), Some(Address::Unscaled(X1, -3)));
    assert_eq!(Address::offset(X1, 1 << 20, 4), None);
    assert!(PairAddress::fits(-512, 8) && PairAddress::fits(504, 8));
    assert!(!PairAddress::fits(512, 8) && !PairAddress::fits(-520, 8));
    assert!(!PairAddress::fits(4, 8) && PairAddress::fits(-1024, 16));
}

#[test]
fn register_31_is_sp_or_zr_by_name() {
    assert_eq!(SP.num(), 31);
    assert_eq!(ZR.num(), 31);
    assert_ne!(SP, ZR);
    assert_eq!(Reg::x(30), LR);
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "sp where this operand means zr")]
fn sp_is_refused_where_31_means_zr() {
    Assembler::new().logic(Logic::Orr, W64, X0, SP, X1);
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "zr where this operand means sp")]
fn zr_is_refused_where_31_means_sp() {
    Assembler::new().load(Load::LdrX, X0, Address::Scaled(ZR, 0));
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "logical immediate of another width")]
fn a_logical_immediate_keeps_its_width() {
    Assembler::new().logic_imm(Logic::And, W64, X0, X1, bitmask(0xff, W32));
}
