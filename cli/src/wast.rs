//! `wisp wast`: runs spec test scripts through the `wisp-tests` harness.

use crate::fail::Failure;
use std::path::PathBuf;

/// Runs each script, printing its failures and a `path: N passed, M failed`
/// line; fails (exit status 1) if any assertion failed.
#[cfg(feature = "wast")]
pub fn wast(files: &[PathBuf]) -> Result<(), Failure> {
    use crate::fail::EXIT_NO_FILE;
    use crate::output::emit;

    for path in files {
        if let Err(e) = std::fs::File::open(path) {
            return Err(Failure::new(
                EXIT_NO_FILE,
                format_args!("{}: cannot read: {e}", path.display()),
            ));
        }
    }
    let (mut failed_scripts, mut failed_total) = (0usize, 0usize);
    for path in files {
        let report = wisp_tests::run_script(path);
        let mut text = String::new();
        for failure in &report.failures {
            text += failure;
            text += "\n";
        }
        text += &format!(
            "{}: {} passed, {} failed\n",
            path.display(),
            report.passed,
            report.failed
        );
        emit(&text);
        if report.failed > 0 || !report.failures.is_empty() {
            failed_scripts += 1;
            failed_total += report.failed;
        }
    }
    if failed_scripts > 0 {
        return Err(Failure::error(format_args!(
            "{failed_total} assertion{} failed in {failed_scripts} of {} script{}",
            if failed_total == 1 { "" } else { "s" },
            files.len(),
            if files.len() == 1 { "" } else { "s" },
        )));
    }
    Ok(())
}

/// Without the `wast` feature the command exists only to say so.
#[cfg(not(feature = "wast"))]
pub fn wast(_files: &[PathBuf]) -> Result<(), Failure> {
    Err(Failure::error(
        "`wisp wast` is not available in this build (built without the `wast` feature)",
    ))
}
