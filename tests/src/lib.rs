//! Whole-engine tests for wisp: the runner of the WebAssembly specification's
//! `.wast` scripts.
//!
//! [`run_script`] reads one script and runs every command of it against a
//! fresh [`wisp::Store`], counting each assertion as passed or failed in a
//! [`ScriptReport`]. The `spec` integration test runs the whole suite under
//! `../shared/testsuite` (or `$WISP_TESTSUITE`) with it, and the `wisp wast`
//! command of the CLI runs the scripts it is given.
//!
//! Counting rules: every `assert_*` command is one pass or one failure; a
//! module, `register` or bare action that succeeds is not counted, one that
//! fails is one failure. A script that does not parse is one failure, and so
//! is a panic of the engine (the runner catches it and goes on with the next
//! command).
#![deny(missing_docs)]

mod features;
mod legacy_syntax;
mod report;
mod script;
mod spectest;
mod values;

pub use features::features_for;
pub use report::{ScriptReport, folder_table};

use std::path::Path;

/// Reads the `.wast` script at `path` and runs it. Never panics: a file that
/// cannot be read is reported as one failure.
pub fn run_script(path: &Path) -> ScriptReport {
    match std::fs::read_to_string(path) {
        Ok(text) => run_script_text(path, &text),
        Err(e) => {
            let mut report = ScriptReport::new(path);
            report.fail(format!(
                "{}:0:0: cannot read the script: {e}",
                path.display()
            ));
            report
        }
    }
}

/// Runs the script `text`, whose file is `path` (used for the feature set,
/// see [`features_for`], and in failure messages). Never panics: a panic of
/// the engine is caught and counted as a failure of the command that caused
/// it. The folded form of the legacy exception instructions, which the
/// text parser lacks, is unfolded first.
pub fn run_script_text(path: &Path, text: &str) -> ScriptReport {
    script::run(path, &legacy_syntax::unfold_legacy_try(text))
}
