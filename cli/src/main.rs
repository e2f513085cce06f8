//! The `wisp` command-line WebAssembly runtime: parses the command line,
//! dispatches to one command, and turns its outcome into an exit status.
#![deny(unsafe_code)]

mod args;
mod batch;
#[cfg(feature = "compile")]
mod compile;
#[cfg(feature = "component")]
mod component_run;
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
mod usage;
mod validate;
#[cfg(feature = "wasi")]
mod wasi_setup;
#[cfg(feature = "wasi")]
mod wasi_threads;
mod wast;

use args::{Command, Stop};
use fail::{EXIT_ERROR, Failure};
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv = args::with_default_command(std::env::args_os().collect());
    let cli = match args::parse(argv) {
        Ok(cli) => cli,
        Err(stop) => return exit(usage(stop)),
    };
    let outcome = match &cli.command {
        Command::Run(run_args) => run::run(run_args),
        Command::Validate { file } => validate::validate(file),
        #[cfg(feature = "compile")]
        Command::Compile { file, output } => compile::compile(file, output),
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

/// Help and version requests print and succeed; a missing command prints
/// the help and fails; a usage error is one line with exit status 1.
fn usage(stop: Stop) -> i32 {
    match stop {
        Stop::Help(text) | Stop::Version(text) => {
            print!("{text}");
            0
        }
        Stop::Missing(text) => {
            eprint!("{text}");
            EXIT_ERROR
        }
        Stop::Error(message) => {
            Failure::error(format_args!("{message} (try `wisp help`)")).report();
            EXIT_ERROR
        }
    }
}
