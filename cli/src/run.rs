//! `wisp run`: instantiate a module, then call `_start` or the function named
//! by `--invoke`; or print a function's IR with `--dump-ir`.

use crate::args::{EngineKind, RunArgs};
use crate::fail::Failure;
use crate::invoke_args::{format_val, parse_val};
use crate::load::load;
use crate::output::emit;
use std::path::Path;
use wisp::{Engine, Error, ExternType, FuncType, Linker, Module, Store, Val};

/// Runs `wisp run`.
pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let file = args.file.as_path();
    if args.engine == EngineKind::Jit {
        return Err(Failure::error(
            "--engine jit: the JIT is not available in this build",
        ));
    }
    if let (None, Some(first)) = (&args.invoke, args.args.first()) {
        return Err(Failure::error(if first.starts_with('-') {
            format!("unknown option `{first}` (try `wisp help run`)")
        } else {
            format!(
                "unexpected argument `{first}`: arguments are for --invoke (WASI programs are not supported yet)"
            )
        }));
    }
    // `interp` and `auto` both mean the interpreter until a JIT exists.
    let engine = Engine::default();
    let (module, _) = load(&engine, file)?;

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

    // Check the export and parse its arguments before running any guest code.
    let invoke = match &args.invoke {
        Some(name) => Some((
            name.as_str(),
            invoke_params(&module, file, name, &args.args)?,
        )),
        None => None,
    };

    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine)
        .instantiate(&mut store, &module)
        .map_err(|e| runtime_failure(file, None, e))?;

    match invoke {
        Some((name, params)) => {
            let func = instance.get_func(&store, name).ok_or_else(|| {
                Failure::in_file(file, format_args!("no exported function `{name}`"))
            })?;
            let results = call(&mut store, func, &params)
                .map_err(|e| runtime_failure(file, Some(name), e))?;
            let text: String = results.iter().map(|v| format_val(v) + "\n").collect();
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
                    .map_err(|e| runtime_failure(file, Some("_start"), e))?;
            }
        }
    }
    Ok(())
}

/// Calls `func` and returns its results.
fn call(store: &mut Store<()>, func: wisp::Func, params: &[Val]) -> Result<Vec<Val>, Error> {
    let ty = func.ty(&*store);
    let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
    func.call(store, params, &mut results)?;
    Ok(results)
}

/// The signature of export `name`, and `args` parsed by it.
fn invoke_params(
    module: &Module,
    file: &Path,
    name: &str,
    args: &[String],
) -> Result<Vec<Val>, Failure> {
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
    let params = ty.params();
    if params.len() != args.len() {
        let types: Vec<String> = params.iter().map(ToString::to_string).collect();
        return Err(Failure::in_file(
            file,
            format_args!(
                "`{name}` takes {} argument{} ({}), got {}",
                params.len(),
                if params.len() == 1 { "" } else { "s" },
                if types.is_empty() {
                    "none".into()
                } else {
                    types.join(" ")
                },
                args.len()
            ),
        ));
    }
    params
        .iter()
        .zip(args)
        .enumerate()
        .map(|(i, (ty, text))| {
            parse_val(*ty, text).map_err(|e| {
                Failure::in_file(file, format_args!("`{name}` argument {}: {e}", i + 1))
            })
        })
        .collect()
}

/// The failure for an error while instantiating or calling: a trap prints
/// its backtrace; a guest's exit request exits with its status.
fn runtime_failure(file: &Path, func: Option<&str>, e: Error) -> Failure {
    if let Some(trap) = e.as_trap() {
        if let Some(status) = trap.exit_status() {
            return Failure::exit(status);
        }
        let mut f = Failure::in_file(file, &e);
        f.detail = trap
            .backtrace()
            .iter()
            .map(|frame| match frame.func_name {
                Some(_) => format!("  at {frame} (func[{}])", frame.func_index),
                None => format!("  at {frame}"),
            })
            .collect();
        return f;
    }
    match func {
        Some(name) => Failure::in_file(file, format_args!("`{name}`: {e}")),
        None => Failure::in_file(file, &e),
    }
}
