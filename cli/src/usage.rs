//! The help text: `wisp --help`, `wisp help COMMAND` and `wisp COMMAND
//! --help`, rendered from the tables of subcommands and of `run`'s options
//! in `args.rs`.

use crate::args::{Action, COMMANDS, RUN_OPTIONS};
use std::fmt::Write;

/// `wisp VERSION`, for `--version`.
pub fn version_line() -> String {
    format!("wisp {}\n", env!("CARGO_PKG_VERSION"))
}

/// Help lines are wrapped to this many columns.
const COLUMNS: usize = 100;

/// Writes `rows` as an indented two-column list, the help column wrapped
/// at word boundaries to [`COLUMNS`].
fn rows(out: &mut String, heading: &str, rows: &[(String, &str)]) {
    if rows.is_empty() {
        return;
    }
    let width = rows.iter().map(|(left, _)| left.len()).max().unwrap_or(0);
    let indent = 2 + width + 2;
    let room = COLUMNS.saturating_sub(indent).max(30);
    let _ = writeln!(out, "\n{heading}:");
    for (left, help) in rows {
        let _ = write!(out, "  {left:width$}  ");
        wrap(out, help, indent, room);
    }
}

/// Appends `text` and a newline, breaking lines at spaces before `room`
/// columns and indenting continuation lines by `indent`.
fn wrap(out: &mut String, text: &str, indent: usize, room: usize) {
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > room {
            let _ = write!(out, "\n{:indent$}", "");
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out.push('\n');
}

/// The top-level help.
pub fn main_help() -> String {
    let mut out = String::from("A small, fast WebAssembly runtime.\n\nUsage: wisp <COMMAND>\n");
    let mut commands: Vec<(String, &str)> = COMMANDS
        .iter()
        .map(|c| (c.name.to_string(), c.summary))
        .collect();
    commands.push((
        "help".into(),
        "Print this message or the help of the given subcommand",
    ));
    rows(&mut out, "Commands", &commands);
    rows(
        &mut out,
        "Options",
        &[
            ("-h, --help".into(), "Print help"),
            ("-V, --version".into(), "Print version"),
        ],
    );
    out.push_str(
        "\n`run` is the default command: `wisp FILE ...` is `wisp run FILE ...`.\n\
         Exit codes: 0 ok, 1 trap or runtime/link/usage error, 2 invalid module,\n\
         126 file not found or unreadable, n when a WASI program exits with n.\n",
    );
    out
}

/// The help of subcommand `name`, if there is one.
pub fn command_help(name: &str) -> Option<String> {
    let command = COMMANDS.iter().find(|c| c.name == name)?;
    let mut out = String::new();
    wrap(&mut out, command.summary, 0, COLUMNS);
    let _ = write!(out, "\nUsage: wisp {name}");
    let mut options: Vec<(String, &str)> = command
        .json
        .iter()
        .map(|help| ("    --json".to_string(), *help))
        .collect();
    if let Some(help) = command.output {
        options.push(("-o, --output <FILE>".to_string(), help));
    }
    if name == "run" {
        options.extend(RUN_OPTIONS.iter().map(|o| {
            let form = match o.action {
                Action::Flag(_) => format!("    --{}", o.name),
                Action::Value(value, _) => format!("    --{} <{value}>", o.name),
            };
            (form, o.help)
        }));
    }
    options.push(("-h, --help".into(), "Print help"));
    if options.len() > 1 {
        out.push_str(" [OPTIONS]");
    }
    for (form, _) in command.arguments {
        let _ = write!(out, " {form}");
    }
    out.push('\n');
    let arguments: Vec<(String, &str)> = command
        .arguments
        .iter()
        .map(|(form, help)| (form.to_string(), *help))
        .collect();
    rows(&mut out, "Arguments", &arguments);
    rows(&mut out, "Options", &options);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_help_and_run_lists_every_option() {
        for command in COMMANDS {
            let text = command_help(command.name).unwrap();
            assert!(
                text.contains(&format!("Usage: wisp {}", command.name)),
                "{text}"
            );
            assert!(main_help().contains(&format!("\n  {} ", command.name)));
        }
        let run = command_help("run").unwrap();
        for option in RUN_OPTIONS {
            assert!(
                run.contains(&format!("--{}", option.name)),
                "--{} missing",
                option.name
            );
        }
        assert!(
            run.contains("Usage: wisp run [OPTIONS] <FILE> [ARGS]..."),
            "{run}"
        );
        assert_eq!(command_help("nope"), None);
        for line in run.lines().chain(main_help().lines()) {
            assert!(line.len() <= COLUMNS, "too long: {line}");
        }
    }
}
