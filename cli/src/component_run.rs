//! `wisp run` of a component: instantiated with WASI 0.2 from the same
//! flags as a module's WASI preview 1, then its `wasi:cli/run` export is
//! called.

use crate::args::RunArgs;
use crate::fail::Failure;
use crate::limits::{self, Watchdog};
use crate::load::load_failure;
use crate::output::emit;
use crate::run::runtime_failure;
use std::path::Path;
use wisp::component::{Component, Instance, Linker, Val, wave};
use wisp::{LoadError, Store};

/// The host state of a component's store: a module's (its WASI context,
/// so the core's generic code is the modules' path's, not instantiated a
/// second time).
type Host = crate::host::HostState;

/// The export a command component runs.
const RUN: &str = "wasi:cli/run@0.2.0#run";

/// `--invoke 'name(args)'`: calls the export with arguments in WAVE and
/// prints its result in WAVE.
fn invoke(
    store: &mut Store<Host>,
    instance: &Instance,
    file: &Path,
    call: &str,
    args: &RunArgs,
) -> Result<(), Failure> {
    let types = |name: &str| {
        Some(
            instance
                .get_func(name)?
                .ty()?
                .param_types()
                .cloned()
                .collect(),
        )
    };
    let (name, params) = wave::parse_call(call, types)
        .map_err(|e| Failure::in_file(file, format_args!("--invoke {call}: {e}")))?;
    let func = instance
        .get_func(&name)
        .ok_or_else(|| Failure::in_file(file, format_args!("no exported function `{name}`")))?;
    let count = func.ty().map_or(0, |t| t.result_types().len());
    let mut results = vec![Val::Bool(false); count];
    func.call(&mut *store, &params, &mut results)
        .map_err(|e| runtime_failure(file, Some(&name), e, args))?;
    // As wasmtime: each result on a line, `()` for none.
    let text: String = match results.as_slice() {
        [] => "()\n".into(),
        many => many.iter().map(|v| wave::to_string(v) + "\n").collect(),
    };
    emit(&text);
    Ok(())
}

/// The host state from the flags (a WASI flag without WASI built in is
/// an error, as for modules).
fn host(args: &RunArgs, argv: Vec<String>) -> Result<Host, Failure> {
    crate::host::build(args, argv, true)
}

/// Refuses the flags that have no meaning for a component.
fn check_flags(args: &RunArgs) -> Result<(), Failure> {
    let refused = [
        (args.batch, "--batch"),
        (!args.links.is_empty(), "--link"),
        (args.wasi_threads, "--wasi-threads"),
        (args.dump_ir.is_some(), "--dump-ir"),
        (args.dump_jit.is_some(), "--dump-jit"),
        #[cfg(feature = "compile")]
        (args.allow_precompiled, "--allow-precompiled"),
    ];
    if let (Some(call), Some(extra)) = (&args.invoke, args.args.first()) {
        return Err(Failure::error(format_args!(
            "unexpected argument `{extra}`: a component's --invoke is one call in WAVE, as `--invoke '{call}(1, \"a\")'`"
        )));
    }
    match refused.iter().find(|(on, _)| *on) {
        Some((_, flag)) => Err(Failure::error(format_args!(
            "{flag} is not supported for components"
        ))),
        None => Ok(()),
    }
}

/// Runs the component in `bytes`, read from `file`.
pub fn run(args: &RunArgs, file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    check_flags(args)?;
    let engine = limits::engine(args);
    let component =
        Component::new(&engine, bytes).map_err(|e| load_failure(file, LoadError::Module(e)))?;
    let mut argv = vec![file.display().to_string()];
    argv.extend(args.args.iter().cloned());
    let mut store = Store::new(&engine, host(args, argv)?);
    limits::apply(args, &mut store)?;
    #[cfg_attr(not(feature = "wasi"), allow(unused_mut))]
    let mut linker = Linker::<Host>::new(&engine);
    #[cfg(feature = "wasi")]
    wisp_platform::wasi::p2::add_to_linker_shared(&mut linker, |ctx| ctx)
        .map_err(|e| Failure::error(format_args!("cannot define WASI 0.2: {e}")))?;
    let _watchdog = Watchdog::start(file, args.timeout, &store);
    let instance = linker
        .instantiate(&mut store, &component)
        .map_err(|e| runtime_failure(file, None, e, args))?;
    if let Some(call) = &args.invoke {
        return invoke(&mut store, &instance, file, call, args);
    }
    let run = instance.get_func(RUN).ok_or_else(|| {
        Failure::in_file(
            file,
            "the component exports no `wasi:cli/run` (call an export with --invoke)",
        )
    })?;
    let mut result = [Val::Bool(false)];
    run.call(&mut store, &[], &mut result)
        .map_err(|e| runtime_failure(file, Some("wasi:cli/run"), e, args))?;
    match result[0] {
        Val::Result(Ok(_)) => Ok(()),
        _ => Err(Failure::exit(1)),
    }
}
