//! `wisp run`: instantiate a module with WASI and any `--link`ed modules,
//! then call `_start` (a WASI program), the function named by `--invoke`, or
//! the invocations read by `--batch`; or print a function's IR with
//! `--dump-ir`.

use crate::args::{EngineKind, RunArgs};
use crate::fail::Failure;
use crate::host::{self, HostState};
use crate::invoke_args::{Arg, ArgsError, format_val, parse_args};
use crate::limits::{self, Watchdog};
use crate::load::load;
use crate::output::{emit, note};
use std::path::Path;
use wisp::{Error, ExternType, FuncType, Linker, Module, Store, TrapCode, Val, ValType};

/// Runs `wisp run`.
pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let file = args.file.as_path();
    if args.engine == EngineKind::Jit
        && !cfg!(all(
            feature = "jit",
            any(target_arch = "x86_64", target_arch = "aarch64")
        ))
    {
        return Err(Failure::error(
            "--engine jit: the JIT is not available in this build",
        ));
    }
    if args.batch && args.invoke.is_some() {
        return Err(Failure::error("--batch and --invoke cannot be combined"));
    }
    if let (None, false, Some(first)) = (&args.invoke, args.double_dash, args.args.first()) {
        if first.starts_with('-') {
            return Err(Failure::error(format_args!(
                "unknown option `{first}` (try `wisp help run`; put `--` before arguments for the program)"
            )));
        }
    }
    let bytes = crate::load::read(file)?;
    #[cfg(feature = "component")]
    if wisp::component::is_component(&bytes) {
        return crate::component_run::run(args, file, &bytes);
    }
    let engine = limits::engine(args);
    let module = crate::load::load_bytes_for_run(&engine, file, &bytes, args)?;

    if let Some(func) = &args.dump_ir {
        let ir = module.dump_ir(func).ok_or_else(|| {
            Failure::in_file(
                file,
                format_args!("no defined function `{func}` (--dump-ir)"),
            )
        })?;
        emit(&ir);
        return Ok(());
    }

    if let Some(func) = &args.dump_jit {
        return dump_jit(&module, file, func);
    }

    // Check the export and parse its arguments before running any guest code.
    let invoke = match &args.invoke {
        Some(name) => Some((
            name.as_str(),
            invoke_params(&module, file, name, &args.args)?,
        )),
        None => None,
    };
    if args.wasi_threads && !args.links.is_empty() {
        return Err(Failure::error(
            "--wasi-threads cannot be combined with --link (a linked instance belongs to the main thread's store)",
        ));
    }
    if invoke.is_none() && !args.batch && !args.args.is_empty() && !has_start(&module) {
        return Err(Failure::in_file(
            file,
            format_args!(
                "unexpected argument `{}`: the module has no `_start` to pass it to (arguments are for a WASI program, or for --invoke)",
                args.args[0]
            ),
        ));
    }

    let mut argv = vec![file.display().to_string()];
    if invoke.is_none() {
        argv.extend(args.args.iter().cloned());
    }
    #[allow(clippy::let_unit_value)] // `()` when WASI is not built in
    let ctx = host::build(args, argv, !args.batch)?;
    let mut store = Store::new(&engine, ctx);
    limits::apply(args, &mut store)?;
    let mut linker = Linker::<HostState>::new(&engine);
    host::define(&mut linker)?;

    let _watchdog = Watchdog::start(file, args.timeout, &store);
    for spec in &args.links {
        link(&engine, &mut linker, &mut store, spec, args)?;
    }
    host::define_shared_memories(&mut linker, &engine, &module)?;
    #[cfg(feature = "wasi")]
    if args.wasi_threads {
        let settings = limits::settings(args);
        let finish = crate::wasi_threads::define(&mut linker, file.into(), &module, settings)?;
        finish(&linker);
    }
    let instance = linker
        .instantiate(&mut store, &module)
        .map_err(|e| runtime_failure(file, None, e, args))?;

    if args.batch {
        return crate::batch::run(&mut store, instance, file, args);
    }
    match invoke {
        Some((name, params)) => {
            let func = instance.get_func(&store, name).ok_or_else(|| {
                Failure::in_file(file, format_args!("no exported function `{name}`"))
            })?;
            let results = call(&mut store, func, &params)
                .map_err(|e| runtime_failure(file, Some(name), e, args))?;
            let text: String = results
                .iter()
                .map(|v| format_val(v, &store) + "\n")
                .collect();
            if !text.is_empty() {
                emit(&text);
            }
        }
        None => {
            if let Some(start) = instance.get_func(&store, "_start") {
                if !start.ty(&store).params().is_empty() {
                    return Err(Failure::in_file(file, "`_start` must take no parameters"));
                }
                call(&mut store, start, &[])
                    .map_err(|e| runtime_failure(file, Some("_start"), e, args))?;
            } else {
                note(&nothing_called(file, &module));
            }
        }
    }
    Ok(())
}

/// The note printed when the module has no `_start` and no `--invoke` was
/// given: the run succeeds (exit 0, as wasmtime's), but says that nothing
/// was called and what could be.
fn nothing_called(file: &Path, module: &Module) -> String {
    let funcs: Vec<&str> = module
        .exports()
        .filter(|e| matches!(e.ty(), ExternType::Func(_)))
        .map(|e| e.name())
        .collect();
    let what = if funcs.is_empty() {
        "it exports no functions".to_string()
    } else {
        const SHOWN: usize = 8;
        let mut names = funcs[..funcs.len().min(SHOWN)].join(", ");
        if funcs.len() > SHOWN {
            names += &format!(" and {} more", funcs.len() - SHOWN);
        }
        format!("call an export with --invoke NAME: {names}")
    };
    format!(
        "note: {}: no `_start` export, so nothing was called ({what})",
        file.display()
    )
}

/// Whether the module exports a `_start` function.
fn has_start(module: &Module) -> bool {
    module
        .exports()
        .any(|e| e.name() == "_start" && matches!(e.ty(), ExternType::Func(_)))
}

/// `--link NAME=FILE`: instantiates FILE (with WASI and the modules linked
/// before it) and defines its exports under NAME.
fn link(
    engine: &wisp::Engine,
    linker: &mut Linker<HostState>,
    store: &mut Store<HostState>,
    spec: &str,
    args: &RunArgs,
) -> Result<(), Failure> {
    let (name, path) = spec
        .split_once('=')
        .filter(|(n, p)| !n.is_empty() && !p.is_empty())
        .ok_or_else(|| Failure::error(format_args!("--link {spec}: expected NAME=FILE")))?;
    let path = Path::new(path);
    let (module, _) = load(engine, path)?;
    let instance = linker
        .instantiate(&mut *store, &module)
        .map_err(|e| runtime_failure(path, None, e, args))?;
    linker
        .instance(&*store, name, instance)
        .map_err(|e| Failure::in_file(path, format_args!("--link {name}: {e}")))?;
    Ok(())
}

/// Calls `func` with `params` (made into values in `store`) and returns
/// its results.
pub fn call(
    store: &mut Store<HostState>,
    func: wisp::Func,
    params: &[Arg],
) -> Result<Vec<Val>, Error> {
    let params: Vec<Val> = params.iter().map(|a| a.into_val(store)).collect();
    let ty = func.ty(&*store);
    let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
    func.call(store, &params, &mut results)?;
    Ok(results)
}

/// The signature of export `name`, and `args` parsed by it.
pub fn invoke_params(
    module: &Module,
    file: &Path,
    name: &str,
    args: &[String],
) -> Result<Vec<Arg>, Failure> {
    let export = module
        .exports()
        .find(|e| e.name() == name)
        .ok_or_else(|| Failure::in_file(file, format_args!("no exported function `{name}`")))?;
    let ty: FuncType = match export.ty() {
        ExternType::Func(ty) => ty.clone(),
        other => {
            return Err(Failure::in_file(
                file,
                format_args!("export `{name}` is not a function but {other}"),
            ));
        }
    };
    parse_params(&ty, file, name, args)
}

/// `args` parsed by the parameter types of `ty` (a `v128` argument may be
/// several words: a shape and its lanes).
pub fn parse_params(
    ty: &FuncType,
    file: &Path,
    name: &str,
    args: &[String],
) -> Result<Vec<Arg>, Failure> {
    let params = ty.params();
    parse_args(params, args).map_err(|e| match e {
        ArgsError::Count { got } => {
            let types: Vec<String> = params.iter().map(ToString::to_string).collect();
            let hint = if params.contains(&ValType::V128) {
                " (a v128 is a shape and its lanes, as `i32x4 1 2 3 4`, or one 128-bit integer)"
            } else {
                ""
            };
            Failure::in_file(
                file,
                format_args!(
                    "`{name}` takes {} argument{} ({}), got {got}{hint}",
                    params.len(),
                    if params.len() == 1 { "" } else { "s" },
                    if types.is_empty() {
                        "none".into()
                    } else {
                        types.join(" ")
                    },
                ),
            )
        }
        ArgsError::Arg { index, message } => Failure::in_file(
            file,
            format_args!("`{name}` argument {}: {message}", index + 1),
        ),
    })
}

/// The failure for an error while instantiating or calling: a trap prints
/// its backtrace; a guest's exit request exits with its status.
pub fn runtime_failure(file: &Path, func: Option<&str>, e: Error, args: &RunArgs) -> Failure {
    if let Some(trap) = e.as_trap() {
        if let Some(status) = trap.exit_status() {
            return Failure::exit(status);
        }
        let hint = match trap.code() {
            TrapCode::Interrupted => args
                .timeout
                .map(|ms| format!(" (--timeout {ms} ms expired)"))
                .unwrap_or_default(),
            TrapCode::OutOfFuel => limits::fuel(args)
                .map(|f| format!(" (fuel limit {f})"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return Failure::in_file(file, format_args!("{e}{hint}")).with_backtrace(trap);
    }
    match func {
        Some(name) => Failure::in_file(file, format_args!("`{name}`: {e}")),
        None => Failure::in_file(file, &e),
    }
}

/// `--dump-jit FUNC`: the function's machine code.
#[cfg(all(feature = "jit", any(target_arch = "x86_64", target_arch = "aarch64")))]
fn dump_jit(module: &Module, file: &Path, func: &str) -> Result<(), Failure> {
    let code = module.dump_jit(func).ok_or_else(|| {
        Failure::in_file(
            file,
            format_args!("no defined function `{func}` (--dump-jit)"),
        )
    })?;
    emit(&code);
    Ok(())
}

/// `--dump-jit` in a build without the JIT.
#[cfg(not(all(feature = "jit", any(target_arch = "x86_64", target_arch = "aarch64"))))]
fn dump_jit(_: &Module, _: &Path, _: &str) -> Result<(), Failure> {
    Err(Failure::error(
        "--dump-jit: the JIT is not available in this build",
    ))
}
