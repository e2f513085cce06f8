//! How a command fails: an exit code, a one-line message, and optional
//! detail lines (a trap's backtrace) printed after it.

use std::fmt::Display;
use std::path::Path;

/// Exit status for a trap, a runtime, link or usage error.
pub const EXIT_ERROR: i32 = 1;
/// Exit status for a malformed or invalid module.
pub const EXIT_INVALID: i32 = 2;
/// Exit status for a file that cannot be found or read.
pub const EXIT_NO_FILE: i32 = 126;

/// A failed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The process exit status.
    pub code: i32,
    /// The message, printed after `error: ` on one line; empty for a silent
    /// exit (a guest's `proc_exit`).
    pub message: String,
    /// Lines printed after the message (a trap's backtrace).
    pub detail: Vec<String>,
}

impl Failure {
    /// A failure with exit status `code`.
    pub fn new(code: i32, message: impl Display) -> Self {
        Self {
            code,
            message: one_line(&message.to_string()),
            detail: Vec::new(),
        }
    }

    /// A usage, runtime or link error (exit status 1).
    pub fn error(message: impl Display) -> Self {
        Self::new(EXIT_ERROR, message)
    }

    /// A usage, runtime or link error about `file`.
    pub fn in_file(file: &Path, message: impl Display) -> Self {
        Self::error(format_args!("{}: {message}", file.display()))
    }

    /// A silent exit with `code` (the guest asked for it).
    pub fn exit(code: i32) -> Self {
        Self {
            code,
            message: String::new(),
            detail: Vec::new(),
        }
    }

    /// The failure with `trap`'s backtrace as its detail lines.
    pub fn with_backtrace(mut self, trap: &wisp::Trap) -> Self {
        self.detail = trap
            .display_backtrace()
            .to_string()
            .lines()
            .map(str::to_string)
            .collect();
        self
    }

    /// Prints the failure to stderr.
    pub fn report(&self) {
        use std::io::Write;
        if self.message.is_empty() {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: {}", self.message);
        for line in &self.detail {
            let _ = writeln!(err, "{line}");
        }
    }
}

/// Folds a possibly multi-line message into one line: the first non-empty
/// line, plus a `file:line:col` location if a later line gives one (the shape
/// of WAT parse errors).
pub fn one_line(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("").to_string();
    let location = lines.find_map(|l| l.strip_prefix("--> "));
    match location {
        Some(loc) => {
            // `<anon>:3:7` or `path:3:7`: keep `line:col`.
            let mut parts = loc.rsplitn(3, ':');
            match (parts.next(), parts.next()) {
                (Some(col), Some(line)) => format!("{first} (at line {line}, column {col})"),
                _ => format!("{first} (at {loc})"),
            }
        }
        None => first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wat_error_becomes_one_line() {
        let msg = "expected `(`\n     --> <anon>:3:7\n      |\n    3 | foo\n      |       ^";
        assert_eq!(one_line(msg), "expected `(` (at line 3, column 7)");
    }

    #[test]
    fn plain_message_kept() {
        assert_eq!(one_line("link error: x"), "link error: x");
        assert_eq!(one_line(""), "");
    }
}
