//! `wisp run --dump-jit`: a function's machine code, each IR instruction
//! followed by the bytes compiled for it.

use super::lower::{LoweredFunc, Traps};
use super::native;
use crate::ir::{CompiledFunc, Op, dump_instr};
use alloc::string::String;
use core::fmt::Write;

/// Prints the machine code of `func` as lowered (`lowered`, with `traps`):
/// the frame setup, then each IR instruction with its bytes (hex), then the
/// out-of-line code (trap stubs, calls, the exit sequence); or why the
/// function stays interpreted. With signals, instructions that trap by
/// faulting are marked.
pub(crate) fn dump(
    func: &CompiledFunc,
    lowered: Result<LoweredFunc, Op>,
    traps: Traps<'_>,
) -> String {
    let mut out = String::new();
    let lowered = match lowered {
        Ok(l) => l,
        Err(op) => {
            let _ = writeln!(
                out,
                "; interpreted: the JIT does not compile `{}` yet",
                op.name()
            );
            return out;
        }
    };
    let _ = writeln!(out, "; {}, {} bytes", native::NAME, lowered.code.len());
    if traps.signals {
        let _ = write!(out, "; trap sites (faulting instruction -> stub):");
        for (fault, stub) in &lowered.trap_sites {
            let _ = write!(out, " {fault:#x}->{stub:#x}");
        }
        out.push('\n');
    }
    let code = func.code();
    // Instruction pcs in order, with where their code starts.
    let starts: alloc::vec::Vec<(usize, usize)> = lowered
        .pc_offsets
        .iter()
        .enumerate()
        .filter(|&(_, &o)| o != u32::MAX)
        .map(|(pc, &o)| (pc, o as usize))
        .collect();
    let first = starts.first().map_or(lowered.code.len(), |s| s.1);
    hex_line(&mut out, "; frame setup", &lowered.code[..first]);
    for (k, &(pc, start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lowered.body_end as usize, |s| s.1);
        hex_line(&mut out, &dump_instr(code, pc), &lowered.code[start..end]);
    }
    hex_line(
        &mut out,
        "; out of line",
        &lowered.code[lowered.body_end as usize..],
    );
    out
}

/// `label` then `bytes` in hex, 16 to a line.
fn hex_line(out: &mut String, label: &str, bytes: &[u8]) {
    let _ = writeln!(out, "{label}");
    for chunk in bytes.chunks(16) {
        out.push_str("        ");
        for b in chunk {
            let _ = write!(out, " {b:02x}");
        }
        out.push('\n');
    }
}
