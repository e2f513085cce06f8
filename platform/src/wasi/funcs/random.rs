//! `random_get`.

use crate::wasi::caps::Capabilities;
use crate::wasi::ctx::WasiCtx;
use crate::wasi::errno::WasiResult;
use crate::wasi::memory::GuestMemory;

/// `random_get(buf, len)`: bytes from the host's CSPRNG. Needs `RANDOM`.
pub fn random_get(ctx: &mut WasiCtx, mem: &mut GuestMemory<'_>, buf: u32, len: u32) -> WasiResult {
    ctx.require(Capabilities::RANDOM)?;
    mem.fill_with(buf, len, |dst| fill(dst).map(|()| dst.len()))?;
    Ok(())
}

/// Fills `buf` from `getrandom(2)`.
#[cfg(target_os = "linux")]
pub(crate) fn fill(mut buf: &mut [u8]) -> WasiResult {
    while !buf.is_empty() {
        let n = super::retry(|| {
            rustix::rand::getrandom(&mut *buf, rustix::rand::GetRandomFlags::empty())
        })?;
        buf = &mut buf[n..];
    }
    Ok(())
}

/// Fills `buf` from `getentropy(2)`, 256 bytes at a time (its limit).
#[cfg(not(target_os = "linux"))]
#[allow(unsafe_code)]
pub(crate) fn fill(buf: &mut [u8]) -> WasiResult {
    for chunk in buf.chunks_mut(256) {
        // SAFETY: `chunk` is a valid, writable buffer of `chunk.len()` ≤ 256
        // bytes, the most `getentropy` accepts.
        let r = unsafe { libc::getentropy(chunk.as_mut_ptr().cast(), chunk.len()) };
        if r != 0 {
            return Err(crate::wasi::errno::Errno::Io);
        }
    }
    Ok(())
}
