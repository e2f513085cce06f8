//! The outcome of running scripts: per script, and summed per folder.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The outcome of running one `.wast` script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptReport {
    /// The script's path, as given to the runner.
    pub path: PathBuf,
    /// Assertions that held.
    pub passed: usize,
    /// Assertions that did not hold, plus modules, registrations and actions
    /// that failed, unsupported commands, a script that did not parse, and
    /// engine panics.
    pub failed: usize,
    /// One line per failure: `path:line:col: what went wrong`.
    pub failures: Vec<String>,
}

impl ScriptReport {
    /// An empty report for the script at `path`.
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            ..Self::default()
        }
    }

    /// Counts one passed assertion.
    pub fn pass(&mut self) {
        self.passed += 1;
    }

    /// Counts one failure, described by `line` (`path:line:col: message`).
    pub fn fail(&mut self, line: String) {
        self.failed += 1;
        self.failures.push(line);
    }

    /// Whether nothing failed.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

/// Formats a Markdown table with one row per folder (the directory of each
/// script, relative to `root` when under it) and a total row: folder, files,
/// files passed, assertions passed, assertions failed.
pub fn folder_table(root: &Path, reports: &[ScriptReport]) -> String {
    #[derive(Default)]
    struct Row {
        files: usize,
        files_passed: usize,
        passed: usize,
        failed: usize,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut total = Row::default();
    for r in reports {
        let rel = r.path.strip_prefix(root).unwrap_or(&r.path);
        let folder = rel
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".into());
        for row in [rows.entry(folder).or_default(), &mut total] {
            row.files += 1;
            row.files_passed += usize::from(r.ok());
            row.passed += r.passed;
            row.failed += r.failed;
        }
    }
    let mut out = String::new();
    out.push_str("| folder | files | files passed | assertions passed | assertions failed |\n");
    out.push_str("|---|--:|--:|--:|--:|\n");
    let mut line = |name: &str, row: &Row| {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} |",
            row.files, row.files_passed, row.passed, row.failed
        );
    };
    for (folder, row) in &rows {
        line(folder, row);
    }
    line("**total**", &total);
    out
}
