//! `wasi:cli`: the environment, arguments, exit, the standard streams and
//! the terminal interfaces (the streams are descriptors 0–2 of the
//! context's table, as for preview 1; none of them is reported as a
//! terminal).

use super::io::{InputStream, OutputStream, WriteAt, drop_input, drop_output};
use super::vals::{own, strings, table_trap};
use super::{Access, HostFn, interface};
use crate::wasi::ctx::WasiCtx;
use alloc::vec::Vec;
use wisp_component::{Linker, Val};
use wisp_core::{Error, Trap};

/// A `terminal-input` (never handed out: no stream is a terminal).
pub(crate) struct TerminalInput;
/// A `terminal-output` (never handed out).
pub(crate) struct TerminalOutput;

fn get_environment(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    let pairs: Vec<Val> = ctx
        .env()
        .iter()
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            Val::Tuple(alloc::vec![Val::String(k.into()), Val::String(v.into())])
        })
        .collect();
    Ok(Some(Val::List(pairs)))
}

fn get_arguments(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(strings(ctx.args().iter().map(|s| s.as_str()))))
}

fn initial_cwd(_: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(Val::Option(None)))
}

/// `exit(status: result)`: ends the program with 0 or 1.
fn exit(_: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let status = match params.first() {
        Some(Val::Result(Ok(_))) => 0,
        _ => 1,
    };
    Err(Trap::exit(status))
}

/// `exit-with-code(status-code: u8)`.
fn exit_with_code(_: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let code = match params.first() {
        Some(Val::U8(c)) => *c as i32,
        _ => 1,
    };
    Err(Trap::exit(code))
}

fn get_stdin(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    let stream = ctx.resources.push(InputStream {
        fd: 0,
        offset: None,
        owned: false,
    });
    Ok(Some(own(stream.map_err(table_trap)?)))
}

/// An output stream of standard descriptor `fd`.
fn output(ctx: &mut WasiCtx, fd: u32) -> Result<Option<Val>, Trap> {
    let stream = ctx.resources.push(OutputStream {
        fd,
        at: WriteAt::Stream,
        owned: false,
    });
    Ok(Some(own(stream.map_err(table_trap)?)))
}

fn get_stdout(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    output(ctx, 1)
}

fn get_stderr(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    output(ctx, 2)
}

/// `get-terminal-*`: `none`, no stream is a terminal.
fn no_terminal(_: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(Val::Option(None)))
}

/// Registers the `wasi:cli` interfaces.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    interface(linker, get, "wasi:cli/environment")?.funcs(&[
        ("get-environment", get_environment as HostFn),
        ("get-arguments", get_arguments),
        ("initial-cwd", initial_cwd),
    ])?;
    interface(linker, get, "wasi:cli/exit")?
        .funcs(&[("exit", exit as HostFn), ("exit-with-code", exit_with_code)])?;
    let mut stdin = interface(linker, get, "wasi:cli/stdin")?;
    stdin.resource_with::<InputStream>("input-stream", drop_input)?;
    stdin.func("get-stdin", get_stdin)?;
    let mut stdout = interface(linker, get, "wasi:cli/stdout")?;
    stdout.resource_with::<OutputStream>("output-stream", drop_output)?;
    stdout.func("get-stdout", get_stdout)?;
    let mut stderr = interface(linker, get, "wasi:cli/stderr")?;
    stderr.resource_with::<OutputStream>("output-stream", drop_output)?;
    stderr.func("get-stderr", get_stderr)?;
    interface(linker, get, "wasi:cli/terminal-input")?
        .resource::<TerminalInput>("terminal-input")?;
    interface(linker, get, "wasi:cli/terminal-output")?
        .resource::<TerminalOutput>("terminal-output")?;
    for (name, func, resource) in [
        (
            "wasi:cli/terminal-stdin",
            "get-terminal-stdin",
            "terminal-input",
        ),
        (
            "wasi:cli/terminal-stdout",
            "get-terminal-stdout",
            "terminal-output",
        ),
        (
            "wasi:cli/terminal-stderr",
            "get-terminal-stderr",
            "terminal-output",
        ),
    ] {
        let mut terminal = interface(linker, get, name)?;
        if resource == "terminal-input" {
            terminal.resource::<TerminalInput>(resource)?;
        } else {
            terminal.resource::<TerminalOutput>(resource)?;
        }
        terminal.func(func, no_terminal)?;
    }
    Ok(())
}
