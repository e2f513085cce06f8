//! `wasi:random`: `random`, `insecure` and `insecure-seed`, all from the
//! host's CSPRNG behind the `RANDOM` capability (as preview 1's
//! `random_get`).

use super::vals::{bytes, denied, u64_arg};
use super::{Access, HostFn, interface};
use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::funcs::random::fill;
use wisp_component::{Linker, Val};
use wisp_core::{Error, Trap};

/// The most bytes one call returns.
const MAX_BYTES: u64 = 1 << 20;

/// `len` random bytes, if the context may draw them.
fn draw(ctx: &WasiCtx, len: usize) -> Result<alloc::vec::Vec<u8>, Trap> {
    if !ctx.capabilities().contains(Capabilities::RANDOM) {
        return Err(denied("drawing random bytes"));
    }
    let mut buf = alloc::vec![0u8; len];
    fill(&mut buf).map_err(|e| Trap::host(alloc::format!("WASI: random bytes: {e}")))?;
    Ok(buf)
}

fn random_bytes(ctx: &mut WasiCtx, params: &[Val]) -> Result<Option<Val>, Trap> {
    let len = u64_arg(params, 0)?;
    if len > MAX_BYTES {
        return Err(Trap::host(alloc::format!(
            "WASI: asked for {len} random bytes, at most {MAX_BYTES} at once"
        )));
    }
    Ok(Some(bytes(&draw(ctx, len as usize)?)))
}

/// A random `u64`.
fn random_u64(ctx: &WasiCtx) -> Result<u64, Trap> {
    let b = draw(ctx, 8)?;
    Ok(u64::from_le_bytes([
        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
    ]))
}

fn get_u64(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    Ok(Some(Val::U64(random_u64(ctx)?)))
}

fn insecure_seed(ctx: &mut WasiCtx, _: &[Val]) -> Result<Option<Val>, Trap> {
    let pair = alloc::vec![Val::U64(random_u64(ctx)?), Val::U64(random_u64(ctx)?)];
    Ok(Some(Val::Tuple(pair)))
}

/// Registers the `wasi:random` interfaces.
pub(super) fn add<T: 'static>(linker: &mut Linker<T>, get: Access<T>) -> Result<(), Error> {
    interface(linker, get, "wasi:random/random")?.funcs(&[
        ("get-random-bytes", random_bytes as HostFn),
        ("get-random-u64", get_u64),
    ])?;
    interface(linker, get, "wasi:random/insecure")?.funcs(&[
        ("get-insecure-random-bytes", random_bytes as HostFn),
        ("get-insecure-random-u64", get_u64),
    ])?;
    interface(linker, get, "wasi:random/insecure-seed")?.func("insecure-seed", insecure_seed)
}
