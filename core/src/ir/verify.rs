//! The IR verifier: checks what the interpreter (and compiled code) take on
//! trust from the translator. Every slot an instruction names lies inside
//! the frame, every branch lands on an instruction (never on a data word or
//! outside the code), data words are where their instruction says, the code
//! does not fall off its end, and the side tables point at instructions of
//! the right kind. Run over every function translated in debug builds and
//! with the `verify-ir` feature (the spec suite's runs).

use super::{CompiledFunc, Format, Instr, Op, SlotType};
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
        let words = 1 + i.data_words();
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
        pc += 1 + i.data_words();
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
    check_handlers(func, &starts)?;
    check_types(func, &starts)
}

/// Checks the exception handler table: ranges inside the code, each
/// going on to an earlier-opened range (one that encloses it, or the one a
/// `delegate` names), clauses that exist, land on instructions and write
/// inside the frame.
fn check_handlers(func: &CompiledFunc, starts: &[bool]) -> Result<(), String> {
    let frame = func.frame_size as usize;
    let len = func.code.len() as u32;
    for (k, r) in func.handlers.iter().enumerate() {
        if r.start > r.end || r.end > len {
            return Err(format!(
                "handler {k}: range @{}..@{} outside the code",
                r.start, r.end
            ));
        }
        if r.outer != super::NO_HANDLER && r.outer as usize >= k {
            return Err(format!("handler {k}: goes on to handler {}", r.outer));
        }
        let clauses = (r.first_catch as usize)
            .checked_add(r.num_catches as usize)
            .and_then(|end| func.catches.get(r.first_catch as usize..end))
            .ok_or_else(|| format!("handler {k}: catch clauses out of range"))?;
        for c in clauses {
            if !starts.get(c.target as usize).copied().unwrap_or(false) {
                return Err(format!("handler {k}: catch lands on @{}", c.target));
            }
            let exnref_ok = c.exnref_at.is_none_or(|s| (s as usize) < frame);
            if c.payload_at as usize > frame || !exnref_ok {
                return Err(format!("handler {k}: catch writes outside the frame"));
            }
        }
    }
    Ok(())
}

/// Checks the slot-type side tables: a type for every parameter and local
/// slot, `v128` halves in pairs, and one stack map per call covering exactly
/// the temporaries below the callee's frame, and one per allocation (a GC
/// point) covering temporaries inside the frame.
fn check_types(func: &CompiledFunc, starts: &[bool]) -> Result<(), String> {
    let code = func.code();
    let locals = func.num_params as usize + func.num_locals as usize;
    if func.slot_types.len() != locals {
        return Err(format!(
            "{} slot types for {locals} parameter and local slots",
            func.slot_types.len()
        ));
    }
    let all_some = func.slot_types.iter().map(|&t| Some(t)).collect::<Vec<_>>();
    check_pairs(&all_some).map_err(|k| format!("local slot {k}: unpaired v128 half"))?;
    let calls = (0..code.len())
        .filter(|&pc| starts[pc] && (code[pc].op.is_call() || code[pc].op.allocates()))
        .count();
    if calls != func.stack_maps.len() {
        return Err(format!(
            "{calls} calls and allocations, {} stack maps",
            func.stack_maps.len()
        ));
    }
    let first_temp = locals + func.consts.len();
    let mut previous = None;
    for map in func.stack_maps.iter() {
        let pc = map.pc as usize;
        if previous.is_some_and(|p| p >= map.pc) {
            return Err(format!("stack maps out of order at @{pc}"));
        }
        previous = Some(map.pc);
        let i = code.get(pc).filter(|_| starts[pc]);
        let Some(i) = i.filter(|i| i.op.is_call() || i.op.allocates()) else {
            return Err(format!("stack map @{pc} is not at a call or an allocation"));
        };
        if i.op.allocates() {
            if first_temp + map.len as usize > func.frame_size as usize {
                return Err(format!(
                    "@{pc}: stack map covers temporaries outside the frame"
                ));
            }
        } else if i.a as usize != first_temp + map.len as usize {
            return Err(format!(
                "@{pc}: stack map covers {} temporaries, the callee frame starts at s{}",
                map.len, i.a
            ));
        }
        let entries = func
            .stack_map(map.pc)
            .ok_or_else(|| format!("@{pc}: stack map entries out of range"))?;
        check_pairs(entries).map_err(|k| format!("@{pc}: temporary {k}: unpaired v128 half"))?;
    }
    Ok(())
}

/// Checks that a `v128` half that is known is next to its other half (or to
/// a slot whose type is not known); the first bad index is the error.
fn check_pairs(types: &[Option<SlotType>]) -> Result<(), usize> {
    for (k, ty) in types.iter().enumerate() {
        let partner_ok = match ty {
            Some(SlotType::V128Low) => {
                matches!(types.get(k + 1), Some(Some(SlotType::V128High) | None))
            }
            Some(SlotType::V128High) => matches!(
                k.checked_sub(1).map(|p| types[p]),
                Some(Some(SlotType::V128Low) | None)
            ),
            _ => true,
        };
        if !partner_ok {
            return Err(k);
        }
    }
    Ok(())
}

/// Whether control never continues after `op` to the next instruction.
fn ends_flow(op: Op) -> bool {
    matches!(
        op,
        Op::Br
            | Op::BrTable
            | Op::Return0
            | Op::Return1
            | Op::ReturnSpan
            | Op::Unreachable
            | Op::Throw
            | Op::ThrowRef
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
    // A pair's low slot must leave room for its high half.
    let limit = |wide: bool| if wide { frame.saturating_sub(1) } else { frame };
    let a_limit = match format {
        // The callee's frame starts at `a`, at most at the caller's end.
        Format::Call | Format::CallIndirect | Format::CallRef | Format::Throw => frame + 1,
        Format::Span => frame + 1 - (i.b as usize).min(frame + 1),
        _ => limit(fields.wide_a),
    };
    if fields.a && i.a as usize >= a_limit {
        return bad("names", i.a as usize);
    }
    for (is_slot, wide, slot) in [
        (fields.b, fields.wide_b, i.b),
        (fields.c, fields.wide_c, i.c),
    ] {
        if is_slot && slot as usize >= limit(wide) {
            return bad("reads", slot as usize);
        }
    }
    if let Some(d) = data {
        let data_fields = [
            (fields.data_a, fields.wide_data_a, d.a),
            (fields.data_b, false, d.b),
        ];
        for (is_slot, wide, slot) in data_fields {
            if is_slot && slot as usize >= limit(wide) {
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
        Format::BrTable => data[..i.data_words()]
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
            slot_types: [SlotType::I32].into(),
            stack_maps: Default::default(),
            stack_types: Default::default(),
            handlers: Default::default(),
            catches: Default::default(),
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
        let mut half = func(&[ret], 2);
        half.slot_types = [SlotType::V128Low].into();
        assert!(verify(&half).unwrap_err().contains("unpaired v128 half"));
        let unmapped = func(&[Instr::with_u32(Op::Call, 1, 0), ret], 2);
        let mut unmapped = CompiledFunc {
            trap_sites: [TrapSite {
                pc: 0,
                wasm_offset: 3,
            }]
            .into(),
            ..unmapped
        };
        assert!(
            verify(&unmapped)
                .unwrap_err()
                .contains("1 calls and allocations, 0 stack maps")
        );
        unmapped.stack_maps = [crate::ir::StackMap {
            pc: 0,
            start: 0,
            len: 1,
        }]
        .into();
        assert!(
            verify(&unmapped)
                .unwrap_err()
                .contains("callee frame starts at s1")
        );
    }
}
