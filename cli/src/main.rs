//! The `wisp` command-line WebAssembly runtime: parses the command line,
//! dispatches to one command, and turns its outcome into an exit status.
#![deny(unsafe_code)]

mod args;
mod batch;
mod fail;
mod host;
mod info;
mod inspect;
mod invoke_args;
mod json;
mod limits;
mod load;
mod output;
mod run;
mod validate;
#[cfg(feature = "wasi")]
mod wasi_setup;
mod wast;

use args::{Cli, Command};
use clap::Parser;
use fail::{EXIT_ERROR, Failure};
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv = args::with_default_command(std::env::args_os().collect());
    let double_dash = argv.iter().any(|a| a == "--");
    let mut cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => return exit(usage_error(e)),
    };
    if let Command::Run(r) = &mut cli.command {
        r.double_dash = double_dash;
    }
    let outcome = match &cli.command {
        Command::Run(run_args) => run::run(run_args),
        Command::Validate { file } => validate::validate(file),
        Command::Inspect { json, file } => inspect::inspect(file, *json),
        Command::Wast { files } => wast::wast(files),
        Command::Features { json } => {
            info::features(*json);
            Ok(())
        }
        Command::Version => {
            info::version();
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            exit(failure.code)
        }
    }
}

/// Exit status `code`; statuses outside 0..=255 (a guest's `proc_exit`) are
/// passed to the OS as they are.
fn exit(code: i32) -> ExitCode {
    match u8::try_from(code) {
        Ok(c) => ExitCode::from(c),
        Err(_) => std::process::exit(code),
    }
}

/// Help and version requests print and succeed; anything else clap rejects
/// is a one-line usage error with exit status 1.
fn usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            EXIT_ERROR
        }
        _ => {
            // clap's message is its first paragraph (some continue on
            // indented lines, like the list of missing arguments).
            let text = e.render().to_string();
            let paragraph: Vec<&str> = text
                .lines()
                .map(str::trim)
                .skip_while(|l| l.is_empty())
                .take_while(|l| !l.is_empty())
                .collect();
            let joined = paragraph.join(" ");
            let message = joined.strip_prefix("error: ").unwrap_or(&joined);
            let message = if message.is_empty() {
                "invalid arguments"
            } else {
                message
            };
            Failure::error(format_args!("{message} (try `wisp help`)")).report();
            EXIT_ERROR
        }
    }
}
