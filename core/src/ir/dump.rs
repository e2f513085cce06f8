//! Human-readable printing of a function's IR (`wisp run --dump-ir`).

use super::{CompiledFunc, Format, Instr, Op};
use alloc::string::String;
use core::fmt::Write;

/// The instruction at `pc` of `code` as [`dump_function`] prints it (without
/// the line break).
pub(crate) fn dump_instr(code: &[Instr], pc: usize) -> String {
    let mut out = String::new();
    let i = code[pc];
    let data = &code[pc + 1..(pc + 1 + i.data_words()).min(code.len())];
    // At least one space after the name, however long.
    let _ = write!(out, "{pc:5}: {:<17} ", i.op.name());
    let _ = write_operands(&mut out, pc, i, data);
    out
}

/// Prints `func` one instruction per line: word index, opcode, operands.
/// Slots print as `s3`, immediates as plain numbers, branch targets as
/// absolute word indices (`-> @12`).
pub fn dump_function(func: &CompiledFunc) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "; params {} locals {} consts {} results {} frame {} slots, {} words",
        func.num_params,
        func.num_locals,
        func.consts.len(),
        func.num_results,
        func.frame_size,
        func.code.len()
    );
    let first_const = func.num_params as usize + func.num_locals as usize;
    for (k, c) in func.consts.iter().enumerate() {
        let _ = writeln!(out, "; s{} = {c:#x}", first_const + k);
    }
    let code = func.code();
    let mut pc = 0;
    while pc < code.len() {
        out.push_str(&dump_instr(code, pc));
        out.push('\n');
        pc += 1 + code[pc].data_words();
    }
    for (k, r) in func.handlers.iter().enumerate() {
        let _ = write!(out, "; handler {k}: @{}..@{}", r.start, r.end);
        if r.outer != super::NO_HANDLER {
            let _ = write!(out, ", then handler {}", r.outer);
        }
        let clauses = func
            .catches
            .get(r.first_catch as usize..(r.first_catch + r.num_catches) as usize)
            .unwrap_or(&[]);
        for c in clauses {
            match c.tag {
                super::ANY_TAG => out.push_str("; catch_all"),
                tag => {
                    let _ = write!(out, "; catch tag {tag} payload @s{}", c.payload_at);
                }
            }
            if let Some(slot) = c.exnref_at {
                let _ = write!(out, " exnref s{slot}");
            }
            let _ = write!(out, " -> @{}", c.target);
        }
        out.push('\n');
    }
    out
}

fn target(pc: usize, off: i32) -> i64 {
    pc as i64 + off as i64
}

fn write_operands(out: &mut String, pc: usize, i: Instr, data: &[Instr]) -> core::fmt::Result {
    let d = |k: usize| {
        data.get(k)
            .copied()
            .unwrap_or(Instr::new(Op::Data, 0, 0, 0))
    };
    match i.op.format() {
        Format::Data | Format::None => Ok(()),
        Format::Un => write!(out, "s{} = s{}", i.a, i.b),
        Format::Bin => write!(out, "s{} = s{}, s{}", i.a, i.b, i.c),
        Format::BinImm => write!(out, "s{} = s{}, {}", i.a, i.b, i.c_i16()),
        Format::Const32 => write!(out, "s{} = {:#x}", i.a, i.bc()),
        Format::Const64 => {
            let v = i.bc() as u64 | (d(0).bc() as u64) << 32;
            write!(out, "s{} = {v:#x}", i.a)
        }
        Format::Br => write!(out, "-> @{}", target(pc, i.bc() as i32)),
        Format::BrIf => write!(out, "s{} -> @{}", i.a, target(pc, i.bc() as i32)),
        Format::BrCmp => write!(
            out,
            "s{}, s{} -> @{}",
            i.a,
            i.b,
            target(pc, i.c_i16() as i32)
        ),
        Format::BrCmpImm => {
            write!(
                out,
                "s{}, {} -> @{}",
                i.a,
                i.b_i16(),
                target(pc, i.c_i16() as i32)
            )
        }
        Format::BrTable => {
            write!(out, "s{} [", i.a)?;
            for (k, w) in data.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write!(out, "@{}", target(pc, w.bc() as i32))?;
            }
            out.push(']');
            Ok(())
        }
        Format::Slot => write!(out, "s{}", i.a),
        Format::Span => write!(out, "s{}..+{}", i.a, i.b),
        Format::Call => write!(out, "func {} frame @s{}", i.bc(), i.a),
        Format::CallIndirect => write!(
            out,
            "table {} [s{}] type {} frame @s{}",
            i.c,
            i.b,
            d(0).bc(),
            i.a
        ),
        Format::CallRef => write!(out, "[s{}] frame @s{}", i.b, i.a),
        Format::Throw => write!(out, "tag {} payload @s{}", i.bc(), i.a),
        Format::Select => write!(out, "s{} = s{} ? s{} : s{}", i.a, i.b, d(0).a, d(0).b),
        Format::SlotIndex => write!(out, "s{}, {}", i.a, i.bc()),
        Format::PageCount => write!(out, "s{} (pages of 2^{})", i.a, i.c),
        Format::WideSlotIndex => write!(out, "s{}:s{}, {}", i.a, i.a + 1, i.bc()),
        Format::Index => write!(out, "{}", i.bc()),
        Format::Load => write!(out, "s{} = [s{} + {}]", i.a, i.b, i.c),
        Format::Store => write!(out, "[s{} + {}] = s{}", i.a, i.c, i.b),
        Format::AddrOffset => write!(
            out,
            "s{} = s{} + {}",
            i.a,
            i.b,
            d(0).bc() as u64 | (d(0).a as u64) << 32
        ),
        Format::Three => write!(out, "s{}, s{}, s{}", i.a, i.b, i.c),
        Format::ThreeData => {
            write!(
                out,
                "s{}, s{}, s{} ({}, {})",
                i.a,
                i.b,
                i.c,
                d(0).a,
                d(0).bc()
            )
        }
        Format::TableOp => write!(out, "s{}, s{} table {}", i.a, i.b, i.c),
        Format::Atomic => write!(
            out,
            "s{} = [s{} + {}] memory {}: s{}, s{}",
            i.a,
            i.b,
            i.c,
            d(0).c,
            d(0).a,
            d(0).b
        ),
        Format::Gc => write!(
            out,
            "s{}, s{}, s{} ({}, {})",
            i.a,
            i.b,
            i.c,
            d(0).bc(),
            d(1).bc()
        ),
        Format::V128Un | Format::V128Splat | Format::V128Test => {
            write!(out, "{} = {}", slot(i.op, 'a', i.a), slot(i.op, 'b', i.b))
        }
        Format::V128Bin | Format::V128Shift => write!(
            out,
            "{} = {}, {}",
            pair(i.a),
            pair(i.b),
            slot(i.op, 'c', i.c)
        ),
        Format::V128Ternary => write!(
            out,
            "{} = {}, {}, {}",
            pair(i.a),
            pair(i.b),
            pair(i.c),
            pair(d(0).a)
        ),
        Format::V128Extract => write!(out, "s{} = {}[{}]", i.a, pair(i.b), i.c),
        Format::V128Replace => write!(
            out,
            "{} = {} with [{}] = s{}",
            pair(i.a),
            pair(i.b),
            i.c,
            d(0).a
        ),
        Format::V128Load => write!(out, "{} = [s{} + {}]", pair(i.a), i.b, i.c),
        Format::V128Store => write!(out, "[s{} + {}] = {}", i.a, i.c, pair(i.b)),
        Format::V128LoadLane => write!(
            out,
            "{} = {} with [{}] = [s{} + {}]",
            pair(i.a),
            pair(d(0).a),
            d(0).b,
            i.b,
            i.c
        ),
        Format::V128StoreLane => {
            write!(out, "[s{} + {}] = {}[{}]", i.a, i.c, pair(i.b), d(0).b)
        }
    }
}

/// A pair of slots holding a `v128`, named by its low slot: `s4:s5`.
fn pair(low: u16) -> alloc::string::String {
    alloc::format!("s{}:s{}", low, low as u32 + 1)
}

/// Field `field` of an instruction of `op` as a slot: a pair if the field
/// is wide.
fn slot(op: Op, field: char, value: u16) -> alloc::string::String {
    let fields = op.format().slot_fields();
    let wide = match field {
        'a' => fields.wide_a,
        'b' => fields.wide_b,
        _ => fields.wide_c,
    };
    if wide {
        pair(value)
    } else {
        alloc::format!("s{value}")
    }
}
