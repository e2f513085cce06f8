//! The IR verifier: checks what the interpreter (and compiled code) take on
//! trust from the translator. Every slot an instruction names lies inside
//! the frame, every branch lands on an instruction (never on a data word or
//! outside the code), data words are where their instruction says, the code
//! does not fall off its end, and the side tables point at instructions of
//! the right kind. Run over every function translated in debug builds and
//! with the `verify-ir` feature (the spec suite's runs).

use super::{CompiledFunc, Format, Instr, Op};
use alloc::{format, string::String, vec, vec::Vec};

/// Checks `func`; the first problem found, with its pc, is the error.
pub fn verify(func: &CompiledFunc) -> Result<(), String> {
    let code = func.code();
    let frame = func.frame_size as usize;
    let fixed = func.num_params as usize + func.num_locals as usize + func.consts.len();
    if fixed > frame || (func.num_results as usize) > frame.max(1) {
        return Err(format!(
            "frame of {frame} slots holds {fixed} params, locals and constants and {} results",
            func.num_results
        ));
    }
    // Pass 1: instruction starts, slot bounds.
    let mut starts = vec![false; code.len()];
    let mut pc = 0;
    while pc < code.len() {
        let i = code[pc];
        if i.op == Op::Data {
            return Err(format!("@{pc}: data word where an instruction should be"));
        }
        starts[pc] = true;
        let words = 1 + data_words(i);
        if pc + words > code.len() {
            return Err(format!("@{pc}: {} runs past the end", i.op.name()));
        }
        for d in &code[pc + 1..pc + words] {
            if d.op != Op::Data {
                return Err(format!("@{pc}: {} lacks its data words", i.op.name()));
            }
        }
        check_slots(pc, i, code.get(pc + 1), frame)?;
        pc += words;
    }
    // Pass 2: branch targets, and no falling off the end.
    let mut last = None;
    let mut pc = 0;
    while pc < code.len() {
        let i = code[pc];
        for target in targets(pc, i, &code[pc + 1..]) {
            let ok = usize::try_from(target).is_ok_and(|t| t < code.len() && starts[t]);
            if !ok {
                return Err(format!("@{pc}: {} branches to @{target}", i.op.name()));
            }
        }
        last = Some(i.op);
        pc += 1 + data_words(i);
    }
    if let Some(op) = last.filter(|op| !ends_flow(*op)) {
        return Err(format!(
            "the code ends with {}, which falls through",
            op.name()
        ));
    }
    // Side tables.
    let mut previous = None;
    for site in func.trap_sites.iter() {
        let pc = site.pc as usize;
        if previous.is_some_and(|p| p >= site.pc) {
            return Err(format!("trap sites out of order at @{pc}"));
        }
        previous = Some(site.pc);
        if !starts.get(pc).copied().unwrap_or(false) || !code[pc].op.may_trap() {
            return Err(format!(
                "trap site @{pc} is not an instruction that can trap"
            ));
        }
    }
    let recorded = func.trap_sites.len();
    let needed = (0..code.len())
        .filter(|&pc| starts[pc] && code[pc].op.may_trap())
        .count();
    if recorded != needed {
        return Err(format!(
            "{needed} instructions can trap, {recorded} trap sites recorded"
        ));
    }
    for &header in func.loop_headers.iter() {
        if !starts.get(header as usize).copied().unwrap_or(false) {
            return Err(format!("loop header @{header} is not an instruction"));
        }
    }
    Ok(())
}

/// Data words after `i` (a `br_table` counts its targets).
fn data_words(i: Instr) -> usize {
    match i.op.format() {
        Format::BrTable => i.bc() as usize + 1,
        format => format.data_words(),
    }
}

/// Whether control never continues after `op` to the next instruction.
fn ends_flow(op: Op) -> bool {
    matches!(
        op,
        Op::Br | Op::BrTable | Op::Return0 | Op::Return1 | Op::ReturnSpan | Op::Unreachable
    )
}

/// Checks the slot fields of `i` (at `pc`) against a frame of `frame` slots.
fn check_slots(pc: usize, i: Instr, data: Option<&Instr>, frame: usize) -> Result<(), String> {
    let format = i.op.format();
    let fields = format.slot_fields();
    let bad = |what: &str, slot: usize| {
        Err(format!(
            "@{pc}: {} {what} s{slot} outside the frame of {frame} slots",
            i.op.name()
        ))
    };
    let a_limit = match format {
        // The callee's frame starts at `a`, at most at the caller's end.
        Format::Call | Format::CallIndirect => frame + 1,
        Format::Span => frame + 1 - (i.b as usize).min(frame + 1),
        _ => frame,
    };
    if fields.a && i.a as usize >= a_limit {
        return bad("names", i.a as usize);
    }
    for (is_slot, slot) in [(fields.b, i.b), (fields.c, i.c)] {
        if is_slot && slot as usize >= frame {
            return bad("reads", slot as usize);
        }
    }
    if let Some(d) = data {
        for (is_slot, slot) in [(fields.data_a, d.a), (fields.data_b, d.b)] {
            if is_slot && slot as usize >= frame {
                return bad("reads", slot as usize);
            }
        }
    }
    Ok(())
}

/// The absolute targets `i` (at `pc`, followed by `data`) may branch to.
fn targets(pc: usize, i: Instr, data: &[Instr]) -> Vec<i64> {
    let at = |offset: i64| pc as i64 + offset;
    match i.op.format() {
        Format::Br | Format::BrIf => vec![at(i.bc() as i32 as i64)],
        Format::BrCmp | Format::BrCmpImm => vec![at(i.c_i16() as i64)],
        Format::BrTable => data[..data_words(i)]
            .iter()
            .map(|d| at(d.bc() as i32 as i64))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TrapSite;

    fn func(code: &[Instr], frame: u16) -> CompiledFunc {
        CompiledFunc {
            num_params: 1,
            num_locals: 0,
            num_results: 1,
            frame_size: frame,
            consts: Default::default(),
            code: code.into(),
            trap_sites: Default::default(),
            loop_headers: Default::default(),
        }
    }

    #[test]
    fn accepts_good_code_and_rejects_each_kind_of_damage() {
        let ret = Instr::new(Op::Return1, 0, 0, 0);
        let ok = func(&[Instr::new(Op::I32Add, 1, 0, 0), ret], 2);
        assert_eq!(verify(&ok), Ok(()));
        let slot = func(&[Instr::new(Op::I32Add, 2, 0, 0), ret], 2);
        assert!(verify(&slot).unwrap_err().contains("outside the frame"));
        let branch = func(&[Instr::with_u32(Op::Br, 0, 5), ret], 2);
        assert!(verify(&branch).unwrap_err().contains("branches to @5"));
        let into_data = func(
            &[
                Instr::with_u32(Op::Br, 0, 2),
                Instr::with_u32(Op::Const64, 0, 1),
                Instr::new(Op::Data, 0, 0, 0),
                ret,
            ],
            2,
        );
        assert!(verify(&into_data).unwrap_err().contains("branches to @2"));
        let falls = func(&[Instr::new(Op::I32Add, 1, 0, 0)], 2);
        assert!(verify(&falls).unwrap_err().contains("falls through"));
        let mut site = func(&[Instr::new(Op::I32DivS, 1, 0, 0), ret], 2);
        assert!(
            verify(&site)
                .unwrap_err()
                .contains("1 instructions can trap")
        );
        site.trap_sites = [TrapSite {
            pc: 0,
            wasm_offset: 9,
        }]
        .into();
        assert_eq!(verify(&site), Ok(()));
    }
}
