//! `args_get`, `args_sizes_get`, `environ_get`, `environ_sizes_get`.

use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::{Errno, WasiResult};
use crate::wasi::memory::GuestMemory;
use alloc::string::String;

/// Writes the count and total NUL-terminated size of `list`.
fn sizes(mem: &mut GuestMemory<'_>, list: &[String], count_ptr: u32, size_ptr: u32) -> WasiResult {
    let size: usize = list.iter().map(|s| s.len() + 1).sum();
    let size = u32::try_from(size).map_err(|_| Errno::Overflow)?;
    mem.write_u32(count_ptr, list.len() as u32)?;
    mem.write_u32(size_ptr, size)
}

/// Writes the pointers to, and the NUL-terminated bytes of, `list`.
fn strings(mem: &mut GuestMemory<'_>, list: &[String], ptrs: u32, buf: u32) -> WasiResult {
    let mut at = buf;
    for (i, s) in list.iter().enumerate() {
        mem.write_u32(ptrs.wrapping_add(4 * i as u32), at)?;
        mem.write_bytes(at, s.as_bytes())?;
        at = at.checked_add(s.len() as u32).ok_or(Errno::Fault)?;
        mem.write_u8(at, 0)?;
        at = at.checked_add(1).ok_or(Errno::Fault)?;
    }
    Ok(())
}

/// `args_sizes_get(argc, argv_buf_size)`.
pub fn args_sizes_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    argc: u32,
    size: u32,
) -> WasiResult {
    sizes(mem, &ctx.args, argc, size)
}

/// `args_get(argv, argv_buf)`.
pub fn args_get(ctx: &mut WasiCtx, mem: &mut GuestMemory<'_>, argv: u32, buf: u32) -> WasiResult {
    strings(mem, &ctx.args, argv, buf)
}

/// `environ_sizes_get(count, buf_size)`. The environment holds exactly the
/// variables the embedder set, so this never fails with `NotCapable`:
/// wasi-libc aborts a program whose environment cannot be read.
pub fn environ_sizes_get(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    count: u32,
    size: u32,
) -> WasiResult {
    sizes(mem, &ctx.env, count, size)
}

/// `environ_get(environ, environ_buf)`.
pub fn environ_get(ctx: &mut WasiCtx, mem: &mut GuestMemory<'_>, env: u32, buf: u32) -> WasiResult {
    strings(mem, &ctx.env, env, buf)
}
