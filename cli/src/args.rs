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
                  126 file not found or unreadable, n when a WASI program exits with n.",
    arg_required_else_help = true,
    disable_version_flag = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
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
    /// List the WebAssembly proposals: those enabled by default, then the
    /// disabled ones.
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
    /// Give the guest host directory HOST, seen as GUEST (default: HOST as
    /// written). Repeatable.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    pub dirs: Vec<String>,
    /// Set an environment variable for the guest. Repeatable. The guest's
    /// environment is exactly these variables unless --inherit-env.
    #[arg(long = "env", value_name = "K=V")]
    pub envs: Vec<String>,
    /// Give the guest the host's whole environment as well (--env settings
    /// win over it). Not implied by --allow-all.
    #[arg(long)]
    pub inherit_env: bool,
    /// Allow reading files and directories under --dir.
    #[arg(long)]
    pub allow_read: bool,
    /// Allow creating and writing files under --dir.
    #[arg(long)]
    pub allow_write: bool,
    /// Allow changing the directory tree under --dir (mkdir, rmdir, unlink,
    /// rename, links).
    #[arg(long)]
    pub allow_path: bool,
    /// Allow reading clocks and sleeping.
    #[arg(long)]
    pub allow_clock: bool,
    /// Allow random numbers.
    #[arg(long)]
    pub allow_random: bool,
    /// Allow raising signals (proc_raise).
    #[arg(long)]
    pub allow_proc: bool,
    /// Allow everything (all the --allow-* flags).
    #[arg(long)]
    pub allow_all: bool,
    /// Deny every capability, and limit fuel to 1e9 and memory to 256 MiB
    /// unless --fuel / --max-memory say otherwise; --allow-* flags re-grant.
    #[arg(long)]
    pub sandbox: bool,
    /// Stop with a trap after about N units of fuel (instructions).
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,
    /// Limit the guest's linear memory to BYTES in total (suffixes K, M, G,
    /// Ki, Mi, Gi accepted).
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_memory: Option<u64>,
    /// Stop the guest with a trap after MS milliseconds of wall-clock time.
    #[arg(long, value_name = "MS")]
    pub timeout: Option<u64>,
    /// Instantiate FILE first and make its exports importable as module
    /// NAME. Repeatable; linked in order.
    #[arg(long = "link", value_name = "NAME=FILE")]
    pub links: Vec<String>,
    /// Read invocations `NAME ARGS...` from stdin, one per line, and print
    /// each one's results on a line.
    #[arg(long)]
    pub batch: bool,
    /// A `.wasm` or `.wat` file.
    pub file: PathBuf,
    /// Arguments: for --invoke, parsed by the function's signature
    /// (negative numbers, `-inf` and the like need no `--`); otherwise the
    /// WASI program's arguments (after its name). An argument starting
    /// with `-` right after FILE needs `--` before it.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
    /// Whether the command line contained `--` (set by `main`, not clap).
    #[arg(skip)]
    pub double_dash: bool,
}

/// Parses a byte count with an optional binary or decimal suffix.
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .unwrap_or(t.len());
    let (digits, suffix) = t.split_at(split);
    let n: u64 = digits
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a byte count"))?;
    let mult: u64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "ki" | "kib" => 1 << 10,
        "mi" | "mib" => 1 << 20,
        "gi" | "gib" => 1 << 30,
        _ => return Err(format!("`{text}`: unknown unit `{suffix}`")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("`{text}` is too large"))
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
    fn wasi_flags_parse() {
        let r = run_args(&[
            "wisp",
            "--dir",
            "/tmp::/data",
            "--env",
            "A=1",
            "--sandbox",
            "--allow-read",
            "--fuel",
            "5",
            "--max-memory",
            "64Ki",
            "--timeout",
            "100",
            "--link",
            "m=x.wat",
            "p.wasm",
            "--",
            "-x",
            "y",
        ]);
        assert_eq!(r.dirs, ["/tmp::/data"]);
        assert_eq!(r.envs, ["A=1"]);
        assert!(r.sandbox && r.allow_read && !r.allow_write);
        assert_eq!(
            (r.fuel, r.max_memory, r.timeout),
            (Some(5), Some(65536), Some(100))
        );
        assert_eq!(r.links, ["m=x.wat"]);
        assert_eq!(r.args, ["-x", "y"]);
        let r = run_args(&["wisp", "p.wasm", "a", "--dir", "b"]);
        assert_eq!(r.args, ["a", "--dir", "b"]);
        assert!(r.dirs.is_empty());
    }

    #[test]
    fn byte_counts() {
        assert_eq!(parse_bytes("256MiB"), Ok(256 << 20));
        assert_eq!(parse_bytes("1_000"), Ok(1000));
        assert_eq!(parse_bytes("2k"), Ok(2000));
        assert!(parse_bytes("lots").is_err());
        assert!(parse_bytes("1x").is_err());
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
