//! The host state of a run: the guest's WASI context when WASI is built in
//! (feature `wasi`), nothing otherwise.

use crate::args::RunArgs;
use crate::fail::Failure;
use wisp::Linker;

/// What the store carries for host functions: the WASI context, which
/// the stores of a `--wasi-threads` program's threads share.
#[cfg(feature = "wasi")]
pub type HostState = wisp_platform::wasi::SharedWasiCtx;
/// What the store carries for host functions.
#[cfg(not(feature = "wasi"))]
pub type HostState = ();

/// Builds the host state from the flags. `argv` is what a WASI program sees
/// (its name first); `stdin` is false in `--batch` mode.
#[cfg(feature = "wasi")]
pub fn build(args: &RunArgs, argv: Vec<String>, stdin: bool) -> Result<HostState, Failure> {
    let ctx = crate::wasi_setup::build(args, argv, stdin)?;
    Ok(wisp_platform::wasi::SharedWasiCtx::new(ctx))
}

/// Builds the host state from the flags; without WASI, a WASI flag is an
/// error rather than silently ignored.
#[cfg(not(feature = "wasi"))]
pub fn build(args: &RunArgs, _argv: Vec<String>, _stdin: bool) -> Result<HostState, Failure> {
    let wasi_flag = !args.dirs.is_empty()
        || !args.envs.is_empty()
        || args.inherit_env
        || args.allow_read
        || args.allow_write
        || args.allow_path
        || args.allow_clock
        || args.allow_random
        || args.allow_proc
        || args.allow_net
        || args.allow_all
        || args.wasi_threads;
    if wasi_flag {
        return Err(Failure::error(
            "WASI flags (--dir, --env, --inherit-env, --allow-*, --wasi-threads) need WASI, which is not built in",
        ));
    }
    Ok(())
}

/// Defines the host functions (WASI's, when built in) on `linker`.
pub fn define(linker: &mut Linker<HostState>) -> Result<(), Failure> {
    #[cfg(feature = "wasi")]
    wisp_platform::wasi::add_to_linker_shared(linker, |cx| cx)
        .map_err(|e| Failure::error(format_args!("cannot define WASI: {e}")))?;
    #[cfg(not(feature = "wasi"))]
    let _ = linker;
    Ok(())
}

/// Defines a shared memory for each shared memory the module imports and
/// nothing else defined (a `wasm32-wasip1-threads` program imports its
/// memory as `env::memory`), of the imported type.
pub fn define_shared_memories(
    linker: &mut Linker<HostState>,
    engine: &wisp::Engine,
    module: &wisp::Module,
) -> Result<(), Failure> {
    for import in module.imports() {
        let wisp::ExternType::Memory(ty) = import.ty() else {
            continue;
        };
        if !ty.shared || linker.contains(import.module(), import.name()) {
            continue;
        }
        let memory = wisp::SharedMemory::new(engine, *ty).map_err(|e| {
            Failure::error(format_args!(
                "cannot create the shared memory `{}::{}`: {e}",
                import.module(),
                import.name()
            ))
        })?;
        linker
            .define(import.module(), import.name(), memory)
            .map_err(|e| Failure::error(format_args!("{e}")))?;
    }
    Ok(())
}
