//! Golden encodings: each instruction method against the bytes an
//! independent assembler (LLVM's `llvm-mc`, Intel syntax, shown beside each
//! case) produces for the same instruction; and labels.

use super::insn::Width::{W32, W64};
use super::reg::Gpr::*;
use super::{Alu, Assembler, Cond, Mem, Shift, Sse, Xmm};
use crate::jit::code_buffer::Assemble;
use alloc::{format, string::String, vec::Vec};

/// One instruction: how to emit it, its bytes in hex, the assembly text.
type Case = (fn(&mut Assembler), &'static str, &'static str);

const CASES: &[Case] = &[
    (|a| a.mov_rr(W64, Rax, Rbx), "48 89 d8", "mov rax, rbx"),
    (|a| a.mov_rr(W32, R9, Rsp), "41 89 e1", "mov r9d, esp"),
    (|a| a.mov_rr(W64, R15, R12), "4d 89 e7", "mov r15, r12"),
    (
        |a| a.mov_ri(W32, Rcx, -1),
        "b9 ff ff ff ff",
        "mov ecx, 0xffffffff",
    ),
    (|a| a.mov_ri(W64, R8, 7), "41 b8 07 00 00 00", "mov r8d, 7"),
    (
        |a| a.mov_ri(W64, Rdx, -2),
        "48 c7 c2 fe ff ff ff",
        "mov rdx, -2",
    ),
    (
        |a| a.mov_ri(W64, R11, 0x1234_5678_9abc),
        "49 bb bc 9a 78 56 34 12 00 00",
        "movabs r11, 0x123456789abc",
    ),
    (
        |a| a.load(W64, Rax, Mem::base(Rdi, 8)),
        "48 8b 47 08",
        "mov rax, qword ptr [rdi + 8]",
    ),
    (
        |a| a.load(W32, R10, Mem::base(Rsp, 0)),
        "44 8b 14 24",
        "mov r10d, dword ptr [rsp]",
    ),
    (
        |a| a.load(W64, Rcx, Mem::base(R12, 0x1000)),
        "49 8b 8c 24 00 10 00 00",
        "mov rcx, qword ptr [r12 + 0x1000]",
    ),
    (
        |a| a.load(W64, Rdx, Mem::base(Rbp, 0)),
        "48 8b 55 00",
        "mov rdx, qword ptr [rbp]",
    ),
    (
        |a| a.load(W64, Rdx, Mem::base(R13, -8)),
        "49 8b 55 f8",
        "mov rdx, qword ptr [r13 - 8]",
    ),
    (
        |a| a.load(W32, Rax, Mem::indexed(R14, Rsi, 0)),
        "41 8b 04 36",
        "mov eax, dword ptr [r14 + rsi]",
    ),
    (
        |a| a.load(W64, Rbx, Mem::indexed(Rbp, R9, 16)),
        "4a 8b 5c 0d 10",
        "mov rbx, qword ptr [rbp + r9 + 16]",
    ),
    (
        |a| {
            a.load(
                W32,
                Rax,
                Mem {
                    base: Rbx,
                    index: Some((Rcx, 3)),
                    disp: 0,
                },
            )
        },
        "8b 04 cb",
        "mov eax, dword ptr [rbx + 8*rcx]",
    ),
    (
        |a| a.store(W64, Mem::base(R15, 24), R8),
        "4d 89 47 18",
        "mov qword ptr [r15 + 24], r8",
    ),
    (
        |a| a.store8(Mem::base(Rax, 0), Rsi),
        "40 88 30",
        "mov byte ptr [rax], sil",
    ),
    (
        |a| a.store8(Mem::base(Rax, 1), Rcx),
        "88 48 01",
        "mov byte ptr [rax + 1], cl",
    ),
    (
        |a| a.store16(Mem::base(R9, 2), Rdx),
        "66 41 89 51 02",
        "mov word ptr [r9 + 2], dx",
    ),
    (
        |a| a.store_imm(W64, Mem::base(Rdi, 0), -1),
        "48 c7 07 ff ff ff ff",
        "mov qword ptr [rdi], -1",
    ),
    (
        |a| a.load_extend(W32, Rax, Mem::base(Rsi, 0), 8, false),
        "0f b6 06",
        "movzx eax, byte ptr [rsi]",
    ),
    (
        |a| a.load_extend(W64, Rax, Mem::base(Rsi, 0), 16, true),
        "48 0f bf 06",
        "movsx rax, word ptr [rsi]",
    ),
    (
        |a| a.load_extend(W64, R8, Mem::base(Rsi, 4), 32, true),
        "4c 63 46 04",
        "movsxd r8, dword ptr [rsi + 4]",
    ),
    (|a| a.movzx_r8(Rax, Rdi), "40 0f b6 c7", "movzx eax, dil"),
    (
        |a| a.sign_extend(W64, Rax, Rcx, 32),
        "48 63 c1",
        "movsxd rax, ecx",
    ),
    (
        |a| a.sign_extend(W32, Rax, Rsi, 8),
        "40 0f be c6",
        "movsx eax, sil",
    ),
    (
        |a| a.sign_extend(W64, R9, R10, 16),
        "4d 0f bf ca",
        "movsx r9, r10w",
    ),
    (
        |a| a.lea(Rax, Mem::indexed(Rdi, Rsi, -4)),
        "48 8d 44 37 fc",
        "lea rax, [rdi + rsi - 4]",
    ),
    (
        |a| a.cmov(Cond::L, W32, Rax, R11),
        "41 0f 4c c3",
        "cmovl eax, r11d",
    ),
    (|a| a.setcc(Cond::E, Rax), "0f 94 c0", "sete al"),
    (|a| a.setcc(Cond::A, Rsi), "40 0f 97 c6", "seta sil"),
    (|a| a.setcc(Cond::Np, R10), "41 0f 9b c2", "setnp r10b"),
    (
        |a| a.alu_rr(Alu::Add, W32, Rax, Rbx),
        "01 d8",
        "add eax, ebx",
    ),
    (
        |a| a.alu_rr(Alu::Sub, W64, R8, Rsp),
        "49 29 e0",
        "sub r8, rsp",
    ),
    (
        |a| a.alu_rr(Alu::Cmp, W64, Rdi, R15),
        "4c 39 ff",
        "cmp rdi, r15",
    ),
    (
        |a| a.alu_rr(Alu::Xor, W32, R12, R12),
        "45 31 e4",
        "xor r12d, r12d",
    ),
    (
        |a| a.alu_ri(Alu::And, W32, Rcx, 0x7f),
        "83 e1 7f",
        "and ecx, 0x7f",
    ),
    (
        |a| a.alu_ri(Alu::Or, W64, R9, 0x1000),
        "49 81 c9 00 10 00 00",
        "or r9, 0x1000",
    ),
    (
        |a| a.alu_ri(Alu::Cmp, W32, Rax, -128),
        "83 f8 80",
        "cmp eax, -128",
    ),
    (
        |a| a.alu_rm(Alu::Add, W64, Rax, Mem::base(Rbx, 8)),
        "48 03 43 08",
        "add rax, qword ptr [rbx + 8]",
    ),
    (|a| a.test_rr(W32, Rax, Rax), "85 c0", "test eax, eax"),
    (|a| a.imul_rr(W64, Rax, R9), "49 0f af c1", "imul rax, r9"),
    (
        |a| a.imul_rri(W32, Rcx, Rdx, 10),
        "6b ca 0a",
        "imul ecx, edx, 10",
    ),
    (
        |a| a.imul_rri(W64, R8, R8, 1000),
        "4d 69 c0 e8 03 00 00",
        "imul r8, r8, 1000",
    ),
    (|a| a.sign_extend_rax(W32), "99", "cdq"),
    (|a| a.sign_extend_rax(W64), "48 99", "cqo"),
    (|a| a.div(W32, false, Rcx), "f7 f1", "div ecx"),
    (|a| a.div(W64, true, R11), "49 f7 fb", "idiv r11"),
    (|a| a.mul_wide(false, Rcx), "48 f7 e1", "mul rcx"),
    (
        |a| {
            let l = a.label();
            a.lea_label(R9, l);
            a.bind(l);
        },
        "4c 8d 0d 00 00 00 00",
        "lea r9, [rip + 0]",
    ),
    (
        |a| {
            let l = a.label();
            a.call_label(l);
            a.bind(l);
        },
        "e8 00 00 00 00",
        "call 0 (the next instruction)",
    ),
    (|a| a.mul_wide(true, R9), "49 f7 e9", "imul r9"),
    (|a| a.neg(W64, Rdx), "48 f7 da", "neg rdx"),
    (|a| a.not(W32, R14), "41 f7 d6", "not r14d"),
    (|a| a.shift_cl(Shift::Shl, W32, Rax), "d3 e0", "shl eax, cl"),
    (
        |a| a.shift_cl(Shift::Sar, W64, R9),
        "49 d3 f9",
        "sar r9, cl",
    ),
    (
        |a| a.shift_ri(Shift::Shr, W64, Rdx, 3),
        "48 c1 ea 03",
        "shr rdx, 3",
    ),
    (
        |a| a.shift_ri(Shift::Rol, W32, Rsi, 7),
        "c1 c6 07",
        "rol esi, 7",
    ),
    (
        |a| a.shift_ri(Shift::Ror, W64, R8, 63),
        "49 c1 c8 3f",
        "ror r8, 63",
    ),
    (|a| a.lzcnt(W32, Rax, Rcx), "f3 0f bd c1", "lzcnt eax, ecx"),
    (|a| a.tzcnt(W64, R8, R9), "f3 4d 0f bc c1", "tzcnt r8, r9"),
    (
        |a| a.popcnt(W64, Rax, R15),
        "f3 49 0f b8 c7",
        "popcnt rax, r15",
    ),
    (|a| a.call_r(R11), "41 ff d3", "call r11"),
    (
        |a| a.call_m(Mem::base(Rdi, 0x40)),
        "ff 57 40",
        "call qword ptr [rdi + 0x40]",
    ),
    (|a| a.jmp_r(Rax), "ff e0", "jmp rax"),
    (|a| a.ret(), "c3", "ret"),
    (|a| a.push(Rbp), "55", "push rbp"),
    (|a| a.push(R12), "41 54", "push r12"),
    (|a| a.pop(R15), "41 5f", "pop r15"),
    (
        |a| a.push_m(Mem::base(R15, 280)),
        "41 ff b7 18 01 00 00",
        "push qword ptr [r15 + 280]",
    ),
    (
        |a| a.pop_m(Mem::base(R15, 280)),
        "41 8f 87 18 01 00 00",
        "pop qword ptr [r15 + 280]",
    ),
    (
        |a| a.jmp_m(Mem::base(Rcx, 8)),
        "ff 61 08",
        "jmp qword ptr [rcx + 8]",
    ),
    (|a| a.push_imm(7), "6a 07", "push 7"),
    (|a| a.push_imm(4660), "68 34 12 00 00", "push 4660"),
    (|a| a.ud2(), "0f 0b", "ud2"),
    (
        |a| a.sse(Sse::Add, true, Xmm(0), Xmm(1)),
        "f2 0f 58 c1",
        "addsd xmm0, xmm1",
    ),
    (
        |a| a.sse(Sse::Mul, false, Xmm(9), Xmm(2)),
        "f3 44 0f 59 ca",
        "mulss xmm9, xmm2",
    ),
    (
        |a| a.sse(Sse::Sqrt, true, Xmm(3), Xmm(15)),
        "f2 41 0f 51 df",
        "sqrtsd xmm3, xmm15",
    ),
    (
        |a| a.sse(Sse::Max, false, Xmm(4), Xmm(5)),
        "f3 0f 5f e5",
        "maxss xmm4, xmm5",
    ),
    (
        |a| a.load_float(true, Xmm(0), Mem::base(Rsi, 16)),
        "f2 0f 10 46 10",
        "movsd xmm0, qword ptr [rsi + 16]",
    ),
    (
        |a| a.store_float(false, Mem::base(R13, 0), Xmm(8)),
        "f3 45 0f 11 45 00",
        "movss dword ptr [r13], xmm8",
    ),
    (
        |a| a.mov_xx(Xmm(1), Xmm(12)),
        "41 0f 28 cc",
        "movaps xmm1, xmm12",
    ),
    (
        |a| a.mov_xr(W64, Xmm(2), Rax),
        "66 48 0f 6e d0",
        "movq xmm2, rax",
    ),
    (
        |a| a.mov_xr(W32, Xmm(10), R9),
        "66 45 0f 6e d1",
        "movd xmm10, r9d",
    ),
    (
        |a| a.mov_rx(W64, Rcx, Xmm(3)),
        "66 48 0f 7e d9",
        "movq rcx, xmm3",
    ),
    (
        |a| a.ucomis(true, Xmm(0), Xmm(1)),
        "66 0f 2e c1",
        "ucomisd xmm0, xmm1",
    ),
    (
        |a| a.ucomis(false, Xmm(11), Xmm(2)),
        "44 0f 2e da",
        "ucomiss xmm11, xmm2",
    ),
    (
        |a| a.sse_bitwise(0x57, true, Xmm(0), Xmm(1)),
        "66 0f 57 c1",
        "xorpd xmm0, xmm1",
    ),
    (
        |a| a.sse_bitwise(0x54, false, Xmm(2), Xmm(3)),
        "0f 54 d3",
        "andps xmm2, xmm3",
    ),
    (
        |a| a.int_to_float(true, W64, Xmm(0), Rax),
        "f2 48 0f 2a c0",
        "cvtsi2sd xmm0, rax",
    ),
    (
        |a| a.int_to_float(false, W32, Xmm(1), R8),
        "f3 41 0f 2a c8",
        "cvtsi2ss xmm1, r8d",
    ),
    (
        |a| a.float_to_int(true, W32, Rax, Xmm(0)),
        "f2 0f 2c c0",
        "cvttsd2si eax, xmm0",
    ),
    (
        |a| a.float_to_int(false, W64, R10, Xmm(9)),
        "f3 4d 0f 2c d1",
        "cvttss2si r10, xmm9",
    ),
    (
        |a| a.float_convert(true, Xmm(0), Xmm(1)),
        "f3 0f 5a c1",
        "cvtss2sd xmm0, xmm1",
    ),
    (
        |a| a.float_convert(false, Xmm(2), Xmm(3)),
        "f2 0f 5a d3",
        "cvtsd2ss xmm2, xmm3",
    ),
    (
        |a| a.round(true, Xmm(0), Xmm(1), 9),
        "66 0f 3a 0b c1 09",
        "roundsd xmm0, xmm1, 9",
    ),
    (
        |a| a.round(false, Xmm(8), Xmm(8), 11),
        "66 45 0f 3a 0a c0 0b",
        "roundss xmm8, xmm8, 11",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_instruction_encodes_as_llvm_does() {
    let mut wrong = Vec::new();
    for (emit, expected, text) in CASES {
        let mut a = Assembler::new();
        emit(&mut a);
        let got = hex(&a.finish().expect("no labels"));
        if got != *expected {
            wrong.push(format!("{text}: got {got}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn jumps_reach_their_labels_forward_and_backward() {
    let mut a = Assembler::new();
    let top = a.label();
    let out = a.label();
    a.bind(top);
    a.alu_ri(Alu::Sub, W32, Rcx, 1); // 83 e9 01
    a.jcc(Cond::E, out); // 0f 84 rel32: to the end
    a.jmp(top); // e9 rel32: back to 0
    a.bind(out);
    a.ret();
    let code = a.finish().unwrap();
    assert_eq!(
        hex(&code),
        "83 e9 01 0f 84 05 00 00 00 e9 f2 ff ff ff c3",
        "sub ecx, 1; je out; jmp top; out: ret"
    );
    let mut unbound = Assembler::new();
    let nowhere = unbound.label();
    unbound.jmp(nowhere);
    assert_eq!(unbound.finish(), None);
}

#[test]
fn conditions_invert_in_pairs() {
    assert_eq!(Cond::E.invert(), Cond::Ne);
    assert_eq!(Cond::Ne.invert(), Cond::E);
    assert_eq!(Cond::L.invert(), Cond::Ge);
    assert_eq!(Cond::A.invert(), Cond::Be);
    assert_eq!(Cond::P.invert(), Cond::Np);
}

#[test]
fn table_entries_are_offsets_from_their_table() {
    let mut a = Assembler::new();
    let (table, first, second) = (a.label(), a.label(), a.label());
    a.bind(first);
    a.ret(); // c3 at 0
    a.bind(table); // at 1
    a.table_entry(first, table); // -1
    a.table_entry(second, table); // +8
    a.bind(second); // at 9
    a.ret();
    assert_eq!(hex(&a.finish().unwrap()), "c3 ff ff ff ff 08 00 00 00 c3");
}
