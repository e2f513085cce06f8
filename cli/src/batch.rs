//! `wisp run --batch`: invocations read from stdin, one per line
//! (`NAME ARGS...`), each answered with one line of results on stdout.

use crate::args::RunArgs;
use crate::fail::Failure;
use crate::host::HostState;
use crate::invoke_args::format_val;
use crate::output::emit;
use crate::run::{call, parse_params, runtime_failure};
use std::io::BufRead;
use std::path::Path;
use wisp::Store;

/// Runs every invocation on stdin against `instance`. Blank lines and lines
/// starting with `#` are skipped. Each call prints its results separated by
/// spaces on one line (an empty line when there are none). A failed call
/// prints its error on stderr and the run goes on; the exit status is then
/// 1. A guest's `proc_exit` ends the run with its status.
pub fn run(
    store: &mut Store<HostState>,
    instance: wisp::Instance,
    file: &Path,
    args: &RunArgs,
) -> Result<(), Failure> {
    let mut failed = false;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| Failure::error(format_args!("--batch: reading stdin: {e}")))?;
        let words: Vec<String> = line.split_whitespace().map(String::from).collect();
        let Some((name, rest)) = words.split_first() else {
            continue;
        };
        if name.starts_with('#') {
            continue;
        }
        let outcome = (|| {
            let func = instance.get_func(&*store, name).ok_or_else(|| {
                Failure::in_file(file, format_args!("no exported function `{name}`"))
            })?;
            let params = parse_params(&func.ty(&*store), file, name, rest)?;
            call(store, func, &params).map_err(|e| runtime_failure(file, Some(name), e, args))
        })();
        match outcome {
            Ok(results) => {
                let text: Vec<String> = results.iter().map(|v| format_val(v, store)).collect();
                emit(&text.join(" "));
            }
            Err(f) if f.message.is_empty() => return Err(f),
            Err(f) => {
                f.report();
                failed = true;
            }
        }
    }
    if failed {
        return Err(Failure::exit(crate::fail::EXIT_ERROR));
    }
    Ok(())
}
