//! The command line, as clap definitions, and the rule that makes `run` the
//! default subcommand.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// The `wisp` command line.
#[derive(Debug, Parser)]
#[command(
    name = "wisp",
    version,
    about = "A small, fast WebAssembly runtime.",
    after_help = "`run` is the default command: `wisp FILE ...` is `wisp run FILE ...`.\n\
                  Exit codes: 0 ok, 1 trap or runtime/link/usage error, 2 invalid module, \
                  126 file not found or unreadable.",
    arg_required_else_help = true,
    disable_version_flag = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a module: its start function, then `_start` if exported, or the
    /// export given by --invoke with ARGS.
    Run(RunArgs),
    /// Check that a module is well-formed and valid.
    Validate {
        /// A `.wasm` or `.wat` file.
        file: PathBuf,
    },
    /// List a module's imports, exports and counts.
    Inspect {
        /// Print a JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// A `.wasm` or `.wat` file.
        file: PathBuf,
    },
    /// Run WebAssembly spec test scripts (`.wast`).
    Wast {
        /// One or more `.wast` files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the WebAssembly proposals enabled by default.
    Features {
        /// Print a JSON object instead of one name per line.
        #[arg(long)]
        json: bool,
    },
    /// Print the version and target platform.
    Version,
}

/// Arguments of `wisp run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Call the exported function NAME with ARGS and print its results.
    #[arg(long, value_name = "NAME")]
    pub invoke: Option<String>,
    /// Print the register IR of function FUNC (export name, name-section
    /// name or index) and exit.
    #[arg(long, value_name = "FUNC")]
    pub dump_ir: Option<String>,
    /// Execution tier.
    #[arg(long, value_enum, default_value_t = EngineKind::Auto)]
    pub engine: EngineKind,
    /// A `.wasm` or `.wat` file.
    pub file: PathBuf,
    /// Arguments for --invoke, parsed by the function's signature
    /// (negative numbers, `-inf` and the like need no `--`).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

/// The execution tier chosen with `--engine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineKind {
    /// The interpreter only.
    Interp,
    /// Compile every function to native code.
    Jit,
    /// Interpret, compiling hot functions (the interpreter in this build).
    Auto,
}

/// Names that select a subcommand or a top-level flag; anything else as the
/// first argument means `run`.
const KNOWN: &[&str] = &[
    "run",
    "validate",
    "inspect",
    "wast",
    "features",
    "version",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

/// Inserts `run` after the program name when the first argument is not a
/// subcommand or top-level flag, so `wisp FILE` means `wisp run FILE`.
pub fn with_default_command(mut argv: Vec<OsString>) -> Vec<OsString> {
    let needs_run = match argv.get(1) {
        None => false,
        Some(first) => !KNOWN.iter().any(|k| first.as_os_str() == *k),
    };
    if needs_run {
        argv.insert(1, OsString::from("run"));
    }
    argv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let argv = args.iter().map(OsString::from).collect();
        Cli::try_parse_from(with_default_command(argv))
    }

    fn run_args(args: &[&str]) -> RunArgs {
        match parse(args) {
            Ok(Cli {
                command: Command::Run(r),
            }) => r,
            other => panic!("expected run, got {other:?}"),
        }
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn run_is_the_default_command() {
        let r = run_args(&["wisp", "f.wasm"]);
        assert_eq!(r.file, PathBuf::from("f.wasm"));
        assert!(r.invoke.is_none());
    }

    #[test]
    fn invoke_after_file_with_negative_args() {
        let r = run_args(&[
            "wisp", "f.wat", "--invoke", "sub", "-5", "-inf", "-0", "--x",
        ]);
        assert_eq!(r.invoke.as_deref(), Some("sub"));
        assert_eq!(r.args, ["-5", "-inf", "-0", "--x"]);
    }

    #[test]
    fn invoke_before_file_and_double_dash() {
        let r = run_args(&["wisp", "run", "--invoke", "f", "m.wasm", "--", "-nan"]);
        assert_eq!(r.invoke.as_deref(), Some("f"));
        assert_eq!(r.file, PathBuf::from("m.wasm"));
        assert_eq!(r.args, ["-nan"]);
    }

    #[test]
    fn engine_values() {
        assert_eq!(
            run_args(&["wisp", "--engine", "jit", "f"]).engine,
            EngineKind::Jit
        );
        assert_eq!(run_args(&["wisp", "f"]).engine, EngineKind::Auto);
        assert!(parse(&["wisp", "f", "--engine", "fast"]).is_err());
    }

    #[test]
    fn subcommands_parse() {
        assert!(matches!(
            parse(&["wisp", "validate", "x"]),
            Ok(Cli {
                command: Command::Validate { .. }
            })
        ));
        assert!(matches!(
            parse(&["wisp", "inspect", "--json", "x"]),
            Ok(Cli {
                command: Command::Inspect { json: true, .. }
            })
        ));
        assert!(matches!(
            parse(&["wisp", "version"]),
            Ok(Cli {
                command: Command::Version
            })
        ));
        assert!(matches!(
            parse(&["wisp", "features"]),
            Ok(Cli {
                command: Command::Features { json: false }
            })
        ));
        assert!(parse(&["wisp", "wast"]).is_err());
    }
}
