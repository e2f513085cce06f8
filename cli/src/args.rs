//! The command line: what each subcommand takes, and the parser that turns
//! `argv` into a [`Cli`]. Every option of `wisp run` is one row of
//! [`RUN_OPTIONS`], which both the parser and the help text
//! (`usage.rs`) read.

use std::ffi::OsString;
use std::path::PathBuf;

/// The parsed `wisp` command line.
#[derive(Debug)]
pub struct Cli {
    /// What to do.
    pub command: Command,
}

/// The subcommands.
#[derive(Debug)]
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
    /// Translate a module once and write it as a precompiled artifact.
    #[cfg(feature = "compile")]
    Compile {
        /// A `.wasm` or `.wat` file.
        file: PathBuf,
        /// Where the artifact goes (`FILE` with the extension `.cwisp` by
        /// default).
        output: PathBuf,
    },
    /// List a module's imports, exports and counts.
    Inspect {
        /// Print a JSON object instead of text.
        json: bool,
        /// A `.wasm` or `.wat` file.
        file: PathBuf,
    },
    /// Run WebAssembly spec test scripts (`.wast`).
    Wast {
        /// One or more `.wast` files.
        files: Vec<PathBuf>,
    },
    /// List the WebAssembly proposals.
    Features {
        /// Print a JSON object instead of one name per line.
        json: bool,
    },
    /// Print the version and target platform.
    Version,
}

/// Arguments of `wisp run` (each option is described in [`RUN_OPTIONS`]).
#[derive(Debug, Default)]
pub struct RunArgs {
    /// `--invoke NAME`.
    pub invoke: Option<String>,
    /// `--dump-ir FUNC`.
    pub dump_ir: Option<String>,
    /// `--dump-jit FUNC`.
    pub dump_jit: Option<String>,
    /// `--engine`.
    pub engine: EngineKind,
    /// `--dir HOST[::GUEST]`, in order.
    pub dirs: Vec<String>,
    /// `--env K=V`, in order.
    pub envs: Vec<String>,
    /// `--inherit-env`.
    pub inherit_env: bool,
    /// `--allow-read`.
    pub allow_read: bool,
    /// `--allow-write`.
    pub allow_write: bool,
    /// `--allow-path`.
    pub allow_path: bool,
    /// `--allow-clock`.
    pub allow_clock: bool,
    /// `--allow-random`.
    pub allow_random: bool,
    /// `--allow-proc`.
    pub allow_proc: bool,
    /// `--allow-net`.
    pub allow_net: bool,
    /// `--allow-all`.
    pub allow_all: bool,
    /// `--sandbox`.
    pub sandbox: bool,
    /// `--fuel N`.
    pub fuel: Option<u64>,
    /// `--max-memory BYTES`.
    pub max_memory: Option<u64>,
    /// `--max-gc-heap BYTES`.
    pub max_gc_heap: Option<u64>,
    /// `--timeout MS`.
    pub timeout: Option<u64>,
    /// `--link NAME=FILE`, in order.
    pub links: Vec<String>,
    /// `--batch`.
    pub batch: bool,
    /// `--wasi-threads` (or `-S threads`).
    pub wasi_threads: bool,
    /// `--allow-precompiled`.
    #[cfg(feature = "compile")]
    pub allow_precompiled: bool,
    /// The module file.
    pub file: PathBuf,
    /// For --invoke, the function's arguments; otherwise the WASI
    /// program's arguments (after its name).
    pub args: Vec<String>,
    /// Whether the command line contained `--`.
    pub double_dash: bool,
}

/// The execution tier chosen with `--engine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    /// The interpreter only.
    Interp,
    /// Compile every function to native code.
    Jit,
    /// Interpret, compiling functions as they get hot (where the build
    /// has the JIT).
    #[default]
    Auto,
}

/// What an option does with the command line.
#[derive(Clone, Copy)]
pub enum Action {
    /// A flag: sets a field.
    Flag(fn(&mut RunArgs)),
    /// Takes one value, named in the help (`NAME`); stores it or says why
    /// it is not a valid value.
    Value(&'static str, fn(&mut RunArgs, &str) -> Result<(), String>),
}

/// One option of `wisp run`.
pub struct RunOption {
    /// The long name, without `--`.
    pub name: &'static str,
    /// What it does with the command line.
    pub action: Action,
    /// May it be given more than once?
    pub repeatable: bool,
    /// Its help line.
    pub help: &'static str,
}

/// Parses a number for the option being set.
fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|e: std::num::ParseIntError| e.to_string())
}

/// Every option of `wisp run`, in help order.
pub const RUN_OPTIONS: &[RunOption] = &[
    RunOption {
        name: "invoke",
        action: Action::Value("NAME", |r, v| {
            r.invoke = Some(v.into());
            Ok(())
        }),
        repeatable: false,
        help: "Call the exported function NAME with ARGS and print its results",
    },
    RunOption {
        name: "dump-ir",
        action: Action::Value("FUNC", |r, v| {
            r.dump_ir = Some(v.into());
            Ok(())
        }),
        repeatable: false,
        help: "Print the register IR of function FUNC (export name, name-section name or index) and exit",
    },
    RunOption {
        name: "dump-jit",
        action: Action::Value("FUNC", |r, v| {
            r.dump_jit = Some(v.into());
            Ok(())
        }),
        repeatable: false,
        help: "Print the machine code (x86_64 or aarch64) the JIT compiles function FUNC to (each IR instruction with its bytes) and exit",
    },
    RunOption {
        name: "engine",
        action: Action::Value("ENGINE", |r, v| {
            r.engine = match v {
                "interp" => EngineKind::Interp,
                "jit" => EngineKind::Jit,
                "auto" => EngineKind::Auto,
                _ => return Err("possible values: interp, jit, auto".into()),
            };
            Ok(())
        }),
        repeatable: false,
        help: "Execution tier: interp, jit or auto [default: auto]",
    },
    RunOption {
        name: "dir",
        action: Action::Value("HOST[::GUEST]", |r, v| {
            r.dirs.push(v.into());
            Ok(())
        }),
        repeatable: true,
        help: "Give the guest host directory HOST, seen as GUEST (default: HOST as written). Repeatable",
    },
    RunOption {
        name: "env",
        action: Action::Value("K=V", |r, v| {
            r.envs.push(v.into());
            Ok(())
        }),
        repeatable: true,
        help: "Set an environment variable for the guest. Repeatable. The guest's environment is exactly these variables unless --inherit-env",
    },
    RunOption {
        name: "inherit-env",
        action: Action::Flag(|r| r.inherit_env = true),
        repeatable: false,
        help: "Give the guest the host's whole environment as well (--env settings win over it). Not implied by --allow-all",
    },
    RunOption {
        name: "allow-read",
        action: Action::Flag(|r| r.allow_read = true),
        repeatable: false,
        help: "Allow reading files and directories under --dir",
    },
    RunOption {
        name: "allow-write",
        action: Action::Flag(|r| r.allow_write = true),
        repeatable: false,
        help: "Allow creating and writing files under --dir",
    },
    RunOption {
        name: "allow-path",
        action: Action::Flag(|r| r.allow_path = true),
        repeatable: false,
        help: "Allow changing the directory tree under --dir (mkdir, rmdir, unlink, rename, links)",
    },
    RunOption {
        name: "allow-clock",
        action: Action::Flag(|r| r.allow_clock = true),
        repeatable: false,
        help: "Allow reading clocks and sleeping",
    },
    RunOption {
        name: "allow-random",
        action: Action::Flag(|r| r.allow_random = true),
        repeatable: false,
        help: "Allow random numbers",
    },
    RunOption {
        name: "allow-proc",
        action: Action::Flag(|r| r.allow_proc = true),
        repeatable: false,
        help: "Allow raising signals (proc_raise)",
    },
    RunOption {
        name: "allow-net",
        action: Action::Flag(|r| r.allow_net = true),
        repeatable: false,
        help: "Allow network sockets (a component's wasi:sockets: TCP, UDP, address lookup); not granted by default",
    },
    RunOption {
        name: "allow-all",
        action: Action::Flag(|r| r.allow_all = true),
        repeatable: false,
        help: "Allow everything (all the --allow-* flags)",
    },
    RunOption {
        name: "wasi-threads",
        action: Action::Flag(|r| r.wasi_threads = true),
        repeatable: false,
        help: "Let the program start threads (wasi-threads' `thread-spawn`; also `-S threads`): each runs a new instance sharing the program's memory and WASI context",
    },
    RunOption {
        name: "sandbox",
        action: Action::Flag(|r| r.sandbox = true),
        repeatable: false,
        help: "Deny every capability, and limit fuel to 1e9 and memory to 256 MiB unless --fuel / --max-memory say otherwise; --allow-* flags re-grant",
    },
    RunOption {
        name: "fuel",
        action: Action::Value("N", |r, v| {
            r.fuel = Some(number(v)?);
            Ok(())
        }),
        repeatable: false,
        help: "Stop with a trap after about N units of fuel (instructions)",
    },
    RunOption {
        name: "max-memory",
        action: Action::Value("BYTES", |r, v| {
            r.max_memory = Some(parse_bytes(v)?);
            Ok(())
        }),
        repeatable: false,
        help: "Limit the guest's linear memory to BYTES in total (suffixes K, M, G, Ki, Mi, Gi accepted)",
    },
    RunOption {
        name: "max-gc-heap",
        action: Action::Value("BYTES", |r, v| {
            r.max_gc_heap = Some(parse_bytes(v)?);
            Ok(())
        }),
        repeatable: false,
        help: "Limit the GC heap (structs and arrays) to BYTES (default 512 MiB; at most 4 GiB)",
    },
    RunOption {
        name: "timeout",
        action: Action::Value("MS", |r, v| {
            r.timeout = Some(number(v)?);
            Ok(())
        }),
        repeatable: false,
        help: "Stop the guest with a trap after MS milliseconds of wall-clock time",
    },
    RunOption {
        name: "link",
        action: Action::Value("NAME=FILE", |r, v| {
            r.links.push(v.into());
            Ok(())
        }),
        repeatable: true,
        help: "Instantiate FILE first and make its exports importable as module NAME. Repeatable; linked in order",
    },
    RunOption {
        name: "batch",
        action: Action::Flag(|r| r.batch = true),
        repeatable: false,
        help: "Read invocations `NAME ARGS...` from stdin, one per line, and print each one's results on a line",
    },
    #[cfg(feature = "compile")]
    RunOption {
        name: "allow-precompiled",
        action: Action::Flag(|r| r.allow_precompiled = true),
        repeatable: false,
        help: "Run FILE when it is a precompiled module from `wisp compile` (load only artifacts you made or trust: their checks catch accidents, not forgeries)",
    },
];

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

/// One subcommand: what it is called, what it takes, and its help.
pub struct CommandSpec {
    /// Its name on the command line.
    pub name: &'static str,
    /// One sentence for the help.
    pub summary: &'static str,
    /// Positional arguments: usage form and help line.
    pub arguments: &'static [(&'static str, &'static str)],
    /// The help line of its `--json` flag, if it has one.
    pub json: Option<&'static str>,
    /// The help line of its `-o, --output <FILE>` option, if it has one.
    pub output: Option<&'static str>,
    /// How many files it takes, at least and at most (`run` parses its own
    /// arguments).
    pub files: (usize, usize),
}

const FILE: (&str, &str) = ("<FILE>", "A `.wasm` or `.wat` file");

/// Every subcommand but `help`, in help order.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "run",
        summary: "Run a module: its start function, then `_start` if exported, or the export given by --invoke with ARGS",
        arguments: &[
            FILE,
            (
                "[ARGS]...",
                "Arguments: for --invoke, parsed by the function's signature (negative numbers, `-inf` and the like need no `--`); otherwise the WASI program's arguments (after its name). An argument starting with `-` right after FILE needs `--` before it",
            ),
        ],
        json: None,
        output: None,
        files: (1, 1),
    },
    CommandSpec {
        name: "validate",
        summary: "Check that a module is well-formed and valid",
        arguments: &[FILE],
        json: None,
        output: None,
        files: (1, 1),
    },
    #[cfg(feature = "compile")]
    CommandSpec {
        name: "compile",
        summary: "Translate a module once and write it as a precompiled artifact, for `wisp run --allow-precompiled` to start without decoding, validating and translating it (the same wisp version and default run settings only: no --fuel, no --timeout)",
        arguments: &[FILE],
        json: None,
        output: Some("Where to write the artifact [default: FILE with the extension .cwisp]"),
        files: (1, 1),
    },
    CommandSpec {
        name: "inspect",
        summary: "List a module's imports, exports and counts",
        arguments: &[FILE],
        json: Some("Print a JSON object instead of text"),
        output: None,
        files: (1, 1),
    },
    CommandSpec {
        name: "wast",
        summary: "Run WebAssembly spec test scripts (`.wast`)",
        arguments: &[("<FILES>...", "One or more `.wast` files")],
        json: None,
        output: None,
        files: (1, usize::MAX),
    },
    CommandSpec {
        name: "features",
        summary: "List the WebAssembly proposals: those enabled by default, then the disabled ones",
        arguments: &[],
        json: Some("Print a JSON object instead of one name per line"),
        output: None,
        files: (0, 0),
    },
    CommandSpec {
        name: "version",
        summary: "Print the version and target platform",
        arguments: &[],
        json: None,
        output: None,
        files: (0, 0),
    },
];

/// Why the command line did not yield a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// Help was asked for: print this and succeed.
    Help(String),
    /// The version was asked for: print this and succeed.
    Version(String),
    /// No command was given: print this help and fail.
    Missing(String),
    /// A usage error, in one line.
    Error(String),
}

/// Top-level words that are not subcommands of [`COMMANDS`].
const TOP_LEVEL: &[&str] = &["help", "-h", "--help", "-V", "--version"];

/// Inserts `run` after the program name when the first argument is not a
/// subcommand or top-level flag, so `wisp FILE` means `wisp run FILE`.
pub fn with_default_command(mut argv: Vec<OsString>) -> Vec<OsString> {
    let needs_run = match argv.get(1) {
        None => false,
        Some(first) => {
            let known = |name: &str| first.as_os_str() == name;
            !COMMANDS.iter().any(|c| known(c.name)) && !TOP_LEVEL.iter().any(|t| known(t))
        }
    };
    if needs_run {
        argv.insert(1, OsString::from("run"));
    }
    argv
}

/// True for an argument written like an option (`-x`, `--x`, `--`); a lone
/// `-` is a file name.
fn looks_like_option(arg: &OsString) -> bool {
    arg.to_str().is_some_and(|a| a.starts_with('-') && a != "-")
}

fn utf8(arg: OsString) -> Result<String, Stop> {
    arg.into_string().map_err(|a| {
        Stop::Error(format!(
            "argument `{}` is not valid UTF-8",
            a.to_string_lossy()
        ))
    })
}

/// True for a guest argument that merely looks like an option: a negative
/// number, `-inf` or `-nan` (with or without a payload).
fn is_negative_value(arg: &str) -> bool {
    let rest = &arg[1..];
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || rest.starts_with("inf")
        || rest.starts_with("nan")
}

/// Parses the whole command line (`argv[0]` is the program name).
pub fn parse(argv: Vec<OsString>) -> Result<Cli, Stop> {
    use crate::usage;
    let mut rest = argv.into_iter().skip(1);
    let Some(first) = rest.next() else {
        return Err(Stop::Missing(usage::main_help()));
    };
    let rest: Vec<OsString> = rest.collect();
    let command = match utf8(first)?.as_str() {
        "-h" | "--help" => return Err(Stop::Help(usage::main_help())),
        "-V" | "--version" => return Err(Stop::Version(usage::version_line())),
        "help" => {
            let topic = rest.into_iter().next().map(utf8).transpose()?;
            return Err(match topic.as_deref() {
                None => Stop::Help(usage::main_help()),
                Some(name) => match usage::command_help(name) {
                    Some(text) => Stop::Help(text),
                    None => Stop::Error(format!("unrecognized subcommand '{name}'")),
                },
            });
        }
        "run" => Command::Run(parse_run(rest)?),
        name => match COMMANDS.iter().find(|c| c.name == name) {
            Some(spec) => parse_simple(spec, rest)?,
            None => return Err(Stop::Error(format!("unrecognized subcommand '{name}'"))),
        },
    };
    Ok(Cli { command })
}

/// Parses the subcommands other than `run`: `--json` where they take it,
/// and their files.
// Only `compile` takes an output, and only with its feature.
#[cfg_attr(not(feature = "compile"), allow(unused_assignments, unused_variables))]
fn parse_simple(spec: &CommandSpec, rest: Vec<OsString>) -> Result<Command, Stop> {
    let name = spec.name;
    let (least, most) = spec.files;
    let mut json = false;
    let mut output: Option<PathBuf> = None;
    let mut files = Vec::new();
    let mut options_done = false;
    let mut rest = rest.into_iter();
    while let Some(arg) = rest.next() {
        if options_done || !looks_like_option(&arg) {
            files.push(PathBuf::from(arg));
            continue;
        }
        let text = utf8(arg)?;
        match text.as_str() {
            "--" => options_done = true,
            "-h" | "--help" => {
                return Err(Stop::Help(
                    crate::usage::command_help(name).unwrap_or_default(),
                ));
            }
            "--json" if spec.json.is_some() => json = true,
            "-o" | "--output" if spec.output.is_some() => {
                let Some(value) = rest.next() else {
                    return Err(Stop::Error(format!(
                        "a value is required for '{text} <FILE>' but none was supplied"
                    )));
                };
                output = Some(PathBuf::from(value));
            }
            other => match other.strip_prefix("--output=") {
                Some(value) if spec.output.is_some() => output = Some(PathBuf::from(value)),
                _ => return Err(Stop::Error(format!("unexpected argument '{other}' found"))),
            },
        }
    }
    if files.len() < least {
        let what = if most > 1 {
            "one or more FILEs"
        } else {
            "a FILE"
        };
        return Err(Stop::Error(format!("`wisp {name}` needs {what}")));
    }
    if files.len() > most {
        let extra = files[most].display().to_string();
        return Err(Stop::Error(format!("unexpected argument '{extra}' found")));
    }
    Ok(match name {
        "validate" => Command::Validate {
            file: files.remove(0),
        },
        #[cfg(feature = "compile")]
        "compile" => {
            let file = files.remove(0);
            let output = output.unwrap_or_else(|| file.with_extension("cwisp"));
            Command::Compile { file, output }
        }
        "inspect" => Command::Inspect {
            json,
            file: files.remove(0),
        },
        "wast" => Command::Wast { files },
        "features" => Command::Features { json },
        "version" => Command::Version,
        other => return Err(Stop::Error(format!("unrecognized subcommand '{other}'"))),
    })
}

/// A positional argument of `wisp run`: the first is FILE, the rest ARGS.
fn positional(
    file: &mut Option<PathBuf>,
    args: &mut Vec<String>,
    arg: OsString,
) -> Result<(), Stop> {
    match file {
        None => *file = Some(PathBuf::from(arg)),
        Some(_) => args.push(utf8(arg)?),
    }
    Ok(())
}

/// Parses `wisp run`'s arguments. Options come before FILE or between FILE
/// and the first ARG; from the first ARG on, everything is an ARG. After
/// FILE, a negative number (or `-inf`, `-nan`) starts the ARGS; any other
/// unknown `-` argument is an error, and `--` makes all that follows ARGS.
fn parse_run(rest: Vec<OsString>) -> Result<RunArgs, Stop> {
    let mut run = RunArgs::default();
    let mut file: Option<PathBuf> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    let mut rest = rest.into_iter();
    while let Some(arg) = rest.next() {
        if file.is_some() && !run.args.is_empty() {
            run.args.push(utf8(arg)?);
            continue;
        }
        if !looks_like_option(&arg) {
            positional(&mut file, &mut run.args, arg)?;
            continue;
        }
        let text = utf8(arg)?;
        if text == "--" {
            run.double_dash = true;
            for arg in rest.by_ref() {
                positional(&mut file, &mut run.args, arg)?;
            }
            break;
        }
        if text == "-h" || text == "--help" {
            return Err(Stop::Help(
                crate::usage::command_help("run").unwrap_or_default(),
            ));
        }
        // wasmtime's spelling of `--wasi-threads`.
        if let Some(inline) = text.strip_prefix("-S") {
            let value = match inline {
                "" => rest.next().map(utf8).transpose()?.unwrap_or_default(),
                v => v.to_string(),
            };
            if !matches!(
                value.as_str(),
                "threads" | "threads=y" | "threads=yes" | "threads=true"
            ) {
                return Err(Stop::Error(format!(
                    "-S {value}: the only WASI option is `threads` (--wasi-threads)"
                )));
            }
            run.wasi_threads = true;
            continue;
        }
        let (name, inline) = match text.strip_prefix("--") {
            Some(long) => match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (long, None),
            },
            None => ("", None),
        };
        let Some(option) = RUN_OPTIONS
            .iter()
            .find(|o| !name.is_empty() && o.name == name)
        else {
            if file.is_some() && is_negative_value(&text) {
                run.args.push(text);
                continue;
            }
            return Err(Stop::Error(format!(
                "unexpected argument '{text}' found (guest arguments that start with `-` go after `--`)"
            )));
        };
        if !option.repeatable && seen.contains(&option.name) {
            return Err(Stop::Error(format!(
                "the argument '--{}' cannot be used multiple times",
                option.name
            )));
        }
        seen.push(option.name);
        match option.action {
            Action::Flag(set) => {
                if inline.is_some() {
                    return Err(Stop::Error(format!("--{} takes no value", option.name)));
                }
                set(&mut run);
            }
            Action::Value(value_name, set) => {
                let value = match inline {
                    Some(value) => value,
                    None => match rest.next() {
                        Some(value) => utf8(value)?,
                        None => {
                            return Err(Stop::Error(format!(
                                "a value is required for '--{} <{value_name}>' but none was supplied",
                                option.name
                            )));
                        }
                    },
                };
                set(&mut run, &value).map_err(|why| {
                    Stop::Error(format!(
                        "invalid value '{value}' for '--{} <{value_name}>': {why}",
                        option.name
                    ))
                })?;
            }
        }
    }
    run.file = file.ok_or_else(|| Stop::Error("`wisp run` needs a FILE".into()))?;
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, Stop> {
        let argv = args.iter().map(OsString::from).collect();
        super::parse(with_default_command(argv))
    }

    fn error(args: &[&str]) -> String {
        match parse(args) {
            Err(Stop::Error(message)) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
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
    fn option_table_is_consistent() {
        for (i, option) in RUN_OPTIONS.iter().enumerate() {
            assert!(
                !option.help.is_empty() && !option.help.ends_with('.'),
                "{}",
                option.name
            );
            assert!(
                RUN_OPTIONS[i + 1..].iter().all(|o| o.name != option.name),
                "--{} twice",
                option.name
            );
        }
    }

    #[test]
    fn usage_errors_name_the_argument() {
        assert!(error(&["wisp", "f", "--bogus"]).contains("'--bogus'"));
        assert!(error(&["wisp", "--bogus", "f"]).contains("'--bogus'"));
        assert!(error(&["wisp", "f", "-x"]).contains("after `--`"));
        assert!(error(&["wisp", "--fuel", "1", "--fuel", "2", "f"]).contains("multiple times"));
        assert!(error(&["wisp", "f", "--fuel"]).contains("a value is required for '--fuel <N>'"));
        assert!(
            error(&["wisp", "f", "--fuel", "x"]).contains("invalid value 'x' for '--fuel <N>'")
        );
        assert!(error(&["wisp", "f", "--batch=1"]).contains("takes no value"));
        assert!(error(&["wisp", "run"]).contains("needs a FILE"));
        assert!(error(&["wisp", "inspect"]).contains("FILE"));
        assert!(error(&["wisp", "validate", "a", "b"]).contains("'b'"));
        assert!(error(&["wisp", "features", "--bogus"]).contains("'--bogus'"));
    }

    #[test]
    fn help_and_version_stop_parsing() {
        let help = |args: &[&str]| match parse(args) {
            Err(Stop::Help(text)) => text,
            other => panic!("expected help, got {other:?}"),
        };
        assert!(help(&["wisp", "--help"]).contains("Commands:"));
        assert!(help(&["wisp", "help"]).contains("validate"));
        assert!(help(&["wisp", "help", "run"]).contains("--max-memory <BYTES>"));
        assert!(help(&["wisp", "run", "-h"]).contains("--invoke <NAME>"));
        assert!(help(&["wisp", "f.wasm", "--help"]).contains("Usage: wisp run"));
        assert!(help(&["wisp", "inspect", "--help"]).contains("--json"));
        assert!(matches!(parse(&["wisp", "-V"]), Err(Stop::Version(v)) if v.starts_with("wisp ")));
        assert!(matches!(parse(&["wisp"]), Err(Stop::Missing(_))));
        assert!(matches!(
            parse(&["wisp", "help", "nope"]),
            Err(Stop::Error(_))
        ));
    }

    #[test]
    fn values_inline_and_after_double_dash() {
        let r = run_args(&["wisp", "--fuel=7", "--env=A=1", "f", "--invoke=g", "-1.5"]);
        assert_eq!(
            (r.fuel, r.envs.as_slice()),
            (Some(7), ["A=1".to_string()].as_slice())
        );
        assert_eq!(
            (r.invoke.as_deref(), r.args.as_slice()),
            (Some("g"), ["-1.5".to_string()].as_slice())
        );
        let r = run_args(&["wisp", "run", "--", "-weird.wasm", "-x"]);
        assert_eq!(r.file, PathBuf::from("-weird.wasm"));
        assert_eq!(r.args, ["-x"]);
        assert!(r.double_dash);
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
