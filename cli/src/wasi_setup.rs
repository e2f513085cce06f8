//! The guest's WASI context from the command line: arguments, `--env`
//! (and `--inherit-env`), `--dir`, and the capability flags.

use crate::args::RunArgs;
use crate::fail::Failure;
use wisp_platform::wasi::{Capabilities, Stdio, WasiCtx, WasiCtxBuilder};

/// The capabilities the flags grant: the CLI default (or nothing with
/// `--sandbox`) plus every `--allow-*`.
pub fn capabilities(args: &RunArgs) -> Capabilities {
    let mut caps = if args.sandbox {
        Capabilities::SANDBOX
    } else {
        Capabilities::CLI_DEFAULT
    };
    for (on, cap) in [
        (args.allow_read, Capabilities::READ),
        (args.allow_write, Capabilities::WRITE),
        (args.allow_path, Capabilities::PATH),
        (args.allow_clock, Capabilities::CLOCK),
        (args.allow_random, Capabilities::RANDOM),
        (args.allow_proc, Capabilities::PROC),
        (args.allow_net, Capabilities::NET),
        (args.allow_all, Capabilities::ALL),
    ] {
        if on {
            caps |= cap;
        }
    }
    caps
}

/// Splits `HOST[::GUEST]`; the guest name defaults to the host path as
/// written.
pub fn split_dir(spec: &str) -> (&str, &str) {
    match spec.split_once("::") {
        Some((host, guest)) => (host, guest),
        None => (spec, spec),
    }
}

/// Builds the context. `argv` is what the program sees (its name first);
/// `stdin` is false in `--batch` mode, where stdin carries the invocations.
pub fn build(args: &RunArgs, argv: Vec<String>, stdin: bool) -> Result<WasiCtx, Failure> {
    let caps = capabilities(args);
    let mut b = WasiCtxBuilder::new();
    b.args(argv).capabilities(caps).inherit_stdio();
    if !stdin {
        b.stdin(Stdio::Null);
    }
    if args.inherit_env {
        b.inherit_env();
    }
    for spec in &args.envs {
        let (k, v) = spec
            .split_once('=')
            .ok_or_else(|| Failure::error(format_args!("--env {spec}: expected KEY=VALUE")))?;
        if k.is_empty() {
            return Err(Failure::error(format_args!(
                "--env {spec}: empty variable name"
            )));
        }
        b.env(k, v);
    }
    for spec in &args.dirs {
        let (host, guest) = split_dir(spec);
        if host.is_empty() || guest.is_empty() {
            return Err(Failure::error(format_args!(
                "--dir {spec}: expected HOST[::GUEST]"
            )));
        }
        b.preopened_dir(host, guest).map_err(|e| {
            let cause = std::io::Error::from_raw_os_error(host_errno(host));
            Failure::error(format_args!(
                "--dir {host}: cannot open directory: {cause} ({})",
                e.name()
            ))
        })?;
    }
    Ok(b.build())
}

/// The host's error for opening `path` as a directory (for the message).
fn host_errno(path: &str) -> i32 {
    match std::fs::read_dir(path) {
        Ok(_) => 0,
        Err(e) => e.raw_os_error().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_specs() {
        assert_eq!(split_dir("/tmp"), ("/tmp", "/tmp"));
        assert_eq!(split_dir("/tmp::/data"), ("/tmp", "/data"));
        assert_eq!(split_dir(".::."), (".", "."));
    }
}
