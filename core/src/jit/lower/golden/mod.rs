//! What the golden disassembly tests of every architecture's lowering
//! share (`x64/lower/golden_tests.rs`, `aarch64/lower/golden_tests.rs`):
//! a function translated and lowered, the code of chosen IR instructions
//! or of what follows the body, and the check of that code byte for byte
//! against expected instructions, each written as its bytes in hex beside
//! `llvm-mc`'s disassembly of them.
//!
//! Every check prints the pieces it checks (`golden <code|data> <name>:
//! <hex>`, shown with `--nocapture`), whether or not they match: each
//! architecture's `golden.sh` turns those lines into expectation lines.
//!
//! The functions are translated with an explicit configuration (the JIT
//! strategy, no fuel, interruption or epoch checks), and each architecture
//! lowers them with fixed features ([`Target::lower`]), so neither the
//! defaults nor the machine running the tests change the code. The IR
//! opcodes a test picks are part of what it pins: a test whose opcode no
//! longer appears fails with the function's IR. The functions themselves,
//! the same for every architecture, are [`functions`].

extern crate std;

pub(crate) mod functions;

use super::{LoweredFunc, Member, Traps, Unit};
use crate::ir::{CompiledFunc, Op, dump_function};
use crate::{Config, Engine, Module, Strategy};
use alloc::{format, string::String, vec::Vec};
use core::fmt::Write;
use core::marker::PhantomData;

/// An architecture's lowering as its golden tests see it.
pub(crate) trait Target {
    /// The script that prints a test's expectations as the lowering
    /// produces them today (named in a failure's report).
    const SCRIPT: &'static str;
    /// How many bytes of unexpected code a line of a failure's report
    /// shows.
    const BYTES_PER_LINE: usize;

    /// Lowers `func` with fixed processor features, trapping as `traps`
    /// says, or names the first opcode the lowering does not cover.
    fn lower(func: &CompiledFunc, traps: Traps<'_>, unit: Unit<'_>) -> Result<LoweredFunc, Op>;
}

/// Traps by signals, memory 0 guarded (no bounds checks).
pub(crate) const SIGNALS_GUARDED: Traps<'static> = Traps {
    signals: true,
    guarded: &[true],
    shared: &[],
};

/// Traps by signals, no memory guarded.
pub(crate) const SIGNALS: Traps<'static> = Traps {
    signals: true,
    guarded: &[],
    shared: &[],
};

/// An expected instruction: its bytes in hex, and `llvm-mc`'s disassembly
/// of them.
pub(crate) type Line = (&'static str, &'static str);

/// A function translated and lowered for `T`'s golden tests.
pub(crate) struct Golden<T> {
    /// The function's IR.
    pub func: CompiledFunc,
    /// Its machine code.
    pub lowered: LoweredFunc,
    /// Whose lowering it is.
    target: PhantomData<T>,
}

impl<T: Target> Golden<T> {
    /// Translates the function exported as `f` from the module `text` and
    /// lowers it, with explicit checks for every trap.
    pub(crate) fn new(text: &str) -> Self {
        Self::with_traps(text, Traps::default())
    }

    /// As [`Golden::new`], trapping as `traps` says.
    pub(crate) fn with_traps(text: &str, traps: Traps<'_>) -> Self {
        let mut config = Config::new();
        config
            .strategy(Strategy::Jit)
            .consume_fuel(false)
            .interruptible(false)
            .epoch_interruption(false)
            .wasm_simd(cfg!(feature = "simd"));
        let engine = Engine::new(&config);
        let module = Module::new(&engine, wat::parse_str(text).unwrap()).unwrap();
        let index = module.find_func_index("f").expect("an export `f`");
        let def = module.info.defined_func(index).expect("`f` is defined");
        let func = module.info.code[def].clone();
        // Every function of the module is compiled with it, as a module
        // compiled whole would be (the tests' functions all compile).
        let members: Vec<_> = (module.info.code.values().enumerate())
            .map(|(place, f)| {
                Some(Member {
                    place: place as u32,
                    frame_size: f.frame_size,
                })
            })
            .collect();
        let unit = Unit {
            imported_funcs: module.info.num_imported_funcs,
            members: &members,
        };
        let lowered = match T::lower(&func, traps, unit) {
            Ok(lowered) => lowered,
            Err(op) => panic!("`{}` is not lowered\n{}", op.name(), dump_function(&func)),
        };
        Golden {
            func,
            lowered,
            target: PhantomData,
        }
    }

    /// The pc of the first instruction with opcode `op` at or after `from`.
    pub(crate) fn pc(&self, op: Op, from: usize) -> usize {
        let code = self.func.code();
        let mut pc = 0;
        while pc < code.len() {
            if pc >= from && code[pc].op == op {
                return pc;
            }
            pc += 1 + code[pc].data_words();
        }
        panic!(
            "no `{}` at or after pc {from} in\n{}",
            op.name(),
            dump_function(&self.func)
        )
    }

    /// Where the code of the instruction at `pc` starts.
    pub(crate) fn start(&self, pc: usize) -> usize {
        self.lowered.pc_offsets[pc] as usize
    }

    /// Where the code of the instruction at `pc` ends: where the next
    /// instruction's starts, or the end of the body.
    pub(crate) fn end(&self, pc: usize) -> usize {
        let next = pc + 1 + self.func.code()[pc].data_words();
        self.lowered.pc_offsets[next..]
            .iter()
            .find(|&&o| o != u32::MAX)
            .map_or(self.lowered.body_end as usize, |&o| o as usize)
    }

    /// The code of the instructions from the first `first` through the
    /// first `last` at or after it.
    pub(crate) fn span(&self, first: Op, last: Op) -> &[u8] {
        let from = self.pc(first, 0);
        let to = self.pc(last, from);
        &self.lowered.code[self.start(from)..self.end(to)]
    }

    /// The offset of the code's one trap site, checked to be the only one
    /// and to land on a stub after the body.
    pub(crate) fn single_site(&self) -> u32 {
        let sites = &self.lowered.trap_sites;
        assert_eq!(sites.len(), 1, "one trap site");
        assert!(sites[0].1 >= self.lowered.body_end, "its stub");
        sites[0].0
    }

    /// The code after the body: the trap stubs, the call thunk if any, the
    /// exit sequence and the resume stub.
    pub(crate) fn out_of_line(&self) -> &[u8] {
        &self.lowered.code[self.lowered.body_end as usize..]
    }

    /// Checks the code of the first `br_table`, the dispatch against
    /// `dispatch` and the jump table after it against `table` (pieces
    /// `name` and `name/table`), then that the code each entry reaches
    /// (a 32-bit offset from the table) is its target's.
    pub(crate) fn check_jump_table(&self, name: &str, dispatch: &[Line], table: &[Line]) {
        let pc = self.pc(Op::BrTable, 0);
        let whole = self.span(Op::BrTable, Op::BrTable);
        let entries = self.func.code()[pc].bc() as usize + 1;
        let (dispatch_code, table_code) = whole.split_at(whole.len() - 4 * entries);
        let table_name = format!("{name}/table");
        self.check(&[
            code(name, dispatch_code, dispatch),
            data(&table_name, table_code, table),
        ]);
        let table_at = self.start(pc) + dispatch_code.len();
        for (k, entry) in table_code.chunks(4).enumerate() {
            let offset = i32::from_le_bytes(entry.try_into().unwrap());
            let target = pc as i64 + self.func.code()[pc + 1 + k].bc() as i32 as i64;
            assert_eq!(
                table_at as i64 + offset as i64,
                self.start(target as usize) as i64,
                "entry {k} reaches pc {target}"
            );
        }
    }

    /// Checks each of `pieces` byte for byte against its expectation;
    /// fails with the expected and the actual listing of each that differs
    /// and the function's IR. Prints every piece first, for `golden.sh`
    /// (shown with `--nocapture`).
    pub(crate) fn check(&self, pieces: &[Piece<'_>]) {
        for p in pieces {
            let kind = if p.data { "data" } else { "code" };
            std::println!("golden {kind} {}: {}", p.name, hex(p.actual));
        }
        let mut report = String::new();
        for p in pieces {
            let want: Vec<u8> = p.expected.iter().flat_map(|l| bytes(l.0)).collect();
            if p.actual != want.as_slice() {
                report += &mismatch(p, T::BYTES_PER_LINE);
            }
        }
        if !report.is_empty() {
            let test = pieces[0].name.split('/').next().unwrap_or_default();
            panic!(
                "{report}IR of the function:\n{}\nafter an intended change, refresh the \
                 expectations with {} {test}",
                dump_function(&self.func),
                T::SCRIPT,
            );
        }
    }
}

/// A piece of machine code a test pins.
pub(crate) struct Piece<'a> {
    /// The test's name, then `/` and the piece's if it has several.
    name: &'a str,
    /// The bytes the lowering produced.
    actual: &'a [u8],
    /// The bytes expected, as instructions.
    expected: &'a [Line],
    /// Whether the bytes are data among the code (a jump table), which
    /// `golden.sh` prints as 32-bit words rather than disassembles.
    data: bool,
}

/// A piece of code: `actual`, which `name` expects to be `expected`.
pub(crate) fn code<'a>(name: &'a str, actual: &'a [u8], expected: &'a [Line]) -> Piece<'a> {
    Piece {
        name,
        actual,
        expected,
        data: false,
    }
}

/// [`code`] for data among the code.
fn data<'a>(name: &'a str, actual: &'a [u8], expected: &'a [Line]) -> Piece<'a> {
    Piece {
        data: true,
        ..code(name, actual, expected)
    }
}

/// The report of a piece that differs from its expectation: the expected
/// listing, then the actual one (the expected instructions while the
/// bytes match them, then the rest in hex, `per_line` bytes a line).
fn mismatch(p: &Piece<'_>, per_line: usize) -> String {
    let mut report = format!(
        "`{}`: the lowering's code is not the expected one\nexpected:\n",
        p.name
    );
    for &(code, text) in p.expected {
        let _ = writeln!(report, "    {code:<32} {text}");
    }
    report += "actual (as the expected instructions while the bytes match, then in hex):\n";
    let mut at = 0;
    for &(code, text) in p.expected {
        let b = bytes(code);
        if !p.actual[at..].starts_with(&b) {
            break;
        }
        let _ = writeln!(report, "    {code:<32} {text}");
        at += b.len();
    }
    for chunk in p.actual[at..].chunks(per_line) {
        let _ = writeln!(report, "    {:<32} ?", hex(chunk));
    }
    report
}

/// `bytes` in hex, space-separated.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (k, b) in bytes.iter().enumerate() {
        let _ = write!(out, "{}{b:02x}", if k == 0 { "" } else { " " });
    }
    out
}

/// The bytes written in `hex`, space-separated.
fn bytes(hex: &str) -> Vec<u8> {
    hex.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).expect("a hex byte"))
        .collect()
}
