//! Access to the guest's linear memory with bounds checks: every pointer a
//! guest passes is checked, and a bad one is [`Errno::Fault`], never a panic.
//!
//! Bytes are copied in and out, never lent as slices: a shared memory's
//! bytes may change under a host call (other threads run meanwhile), so no
//! Rust reference to them may exist, and an unshared memory is handled
//! the same way.

#![allow(unsafe_code)]

use super::errno::{Errno, WasiResult};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ptr;

/// A guest's linear memory during one WASI call.
pub struct GuestMemory<'a> {
    /// The first byte.
    base: *mut u8,
    /// The length in bytes.
    len: usize,
    /// The memory, borrowed for the call.
    _memory: PhantomData<&'a [UnsafeCell<u8>]>,
}

impl<'a> GuestMemory<'a> {
    /// Wraps the bytes of a linear memory.
    pub fn new(bytes: &'a mut [u8]) -> Self {
        Self {
            base: bytes.as_mut_ptr(),
            len: bytes.len(),
            _memory: PhantomData,
        }
    }

    /// Wraps the bytes of a shared linear memory
    /// ([`SharedMemory::data`](wisp_core::SharedMemory::data)).
    pub fn shared(cells: &'a [UnsafeCell<u8>]) -> Self {
        Self {
            base: UnsafeCell::raw_get(cells.as_ptr()),
            len: cells.len(),
            _memory: PhantomData,
        }
    }

    /// The offset of `ptr .. ptr + len`, checked.
    fn range(&self, ptr: u32, len: usize) -> WasiResult<usize> {
        let start = ptr as usize;
        let end = start.checked_add(len).ok_or(Errno::Fault)?;
        if end > self.len {
            return Err(Errno::Fault);
        }
        Ok(start)
    }

    /// Copies the bytes at `ptr` into `out`.
    pub fn read_into(&self, ptr: u32, out: &mut [u8]) -> WasiResult {
        let at = self.range(ptr, out.len())?;
        // SAFETY: `range` checked `at + out.len() <= len`; the memory is
        // borrowed for `'a` and only reached through `base`, so `out`
        // (the host's own buffer) cannot overlap it.
        unsafe { ptr::copy_nonoverlapping(self.base.add(at), out.as_mut_ptr(), out.len()) };
        Ok(())
    }

    /// A copy of the `len` bytes at `ptr`.
    pub fn read(&self, ptr: u32, len: u32) -> WasiResult<Vec<u8>> {
        self.range(ptr, len as usize)?;
        let mut out = vec![0; len as usize];
        self.read_into(ptr, &mut out)?;
        Ok(out)
    }

    /// A UTF-8 string of `len` bytes at `ptr` (`Ilseq` if it is not UTF-8).
    pub fn string(&self, ptr: u32, len: u32) -> WasiResult<String> {
        String::from_utf8(self.read(ptr, len)?).map_err(|_| Errno::Ilseq)
    }

    /// Copies `data` to `ptr`.
    pub fn write_bytes(&mut self, ptr: u32, data: &[u8]) -> WasiResult {
        let at = self.range(ptr, data.len())?;
        // SAFETY: as in `read_into`, for the destination.
        unsafe { ptr::copy_nonoverlapping(data.as_ptr(), self.base.add(at), data.len()) };
        Ok(())
    }

    /// Fills the `len` bytes at `ptr` by `fill` (which is given a buffer of
    /// the host's and returns how many bytes it wrote), then copies them
    /// in; returns that count.
    pub fn fill_with(
        &mut self,
        ptr: u32,
        len: u32,
        fill: impl FnOnce(&mut [u8]) -> WasiResult<usize>,
    ) -> WasiResult<usize> {
        self.range(ptr, len as usize)?;
        let mut buf = vec![0; len as usize];
        let n = fill(&mut buf)?.min(buf.len());
        self.write_bytes(ptr, &buf[..n])?;
        Ok(n)
    }

    /// Reads `N` bytes at `ptr`.
    fn read_array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let mut out = [0u8; N];
        self.read_into(ptr, &mut out)?;
        Ok(out)
    }

    /// A little-endian `u8` at `ptr`.
    pub fn read_u8(&self, ptr: u32) -> WasiResult<u8> {
        Ok(self.read_array::<1>(ptr)?[0])
    }

    /// A little-endian `u16` at `ptr`.
    pub fn read_u16(&self, ptr: u32) -> WasiResult<u16> {
        self.read_array(ptr).map(u16::from_le_bytes)
    }

    /// A little-endian `u32` at `ptr`.
    pub fn read_u32(&self, ptr: u32) -> WasiResult<u32> {
        self.read_array(ptr).map(u32::from_le_bytes)
    }

    /// A little-endian `u64` at `ptr`.
    pub fn read_u64(&self, ptr: u32) -> WasiResult<u64> {
        self.read_array(ptr).map(u64::from_le_bytes)
    }

    /// Stores a `u8` at `ptr`.
    pub fn write_u8(&mut self, ptr: u32, v: u8) -> WasiResult {
        self.write_bytes(ptr, &[v])
    }

    /// Stores a little-endian `u16` at `ptr`.
    pub fn write_u16(&mut self, ptr: u32, v: u16) -> WasiResult {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    /// Stores a little-endian `u32` at `ptr`.
    pub fn write_u32(&mut self, ptr: u32, v: u32) -> WasiResult {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    /// Stores a little-endian `u64` at `ptr`.
    pub fn write_u64(&mut self, ptr: u32, v: u64) -> WasiResult {
        self.write_bytes(ptr, &v.to_le_bytes())
    }

    /// Reads an array of `count` `iovec`s (`{ buf: u32, len: u32 }`) at
    /// `ptr` and checks that every buffer lies inside the memory.
    pub fn iovecs(&self, ptr: u32, count: u32) -> WasiResult<Vec<(u32, u32)>> {
        let bytes = count
            .checked_mul(super::types::size::IOVEC)
            .ok_or(Errno::Fault)?;
        let table = self.read(ptr, bytes)?;
        let mut out = Vec::with_capacity(count as usize);
        for entry in table.chunks_exact(8) {
            let buf = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            let len = u32::from_le_bytes([entry[4], entry[5], entry[6], entry[7]]);
            self.range(buf, len as usize)?;
            out.push((buf, len));
        }
        Ok(out)
    }

    /// The bytes of a list of `iovec`s, concatenated.
    pub fn gather(&self, iovs: &[(u32, u32)]) -> WasiResult<Vec<u8>> {
        let total: usize = iovs.iter().map(|&(_, l)| l as usize).sum();
        let mut out = Vec::with_capacity(total);
        for &(buf, len) in iovs {
            let start = out.len();
            out.resize(start + len as usize, 0);
            self.read_into(buf, &mut out[start..])?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_is_fault() {
        let mut bytes = [0u8; 16];
        let mut m = GuestMemory::new(&mut bytes);
        assert_eq!(m.read_u32(12), Ok(0));
        assert_eq!(m.read_u32(13), Err(Errno::Fault));
        assert_eq!(m.read_u64(u32::MAX), Err(Errno::Fault));
        assert_eq!(m.write_u16(15, 1), Err(Errno::Fault));
        assert_eq!(m.read(u32::MAX, u32::MAX).err(), Some(Errno::Fault));
        m.write_u32(0, 8).unwrap();
        m.write_u32(4, 9).unwrap();
        assert_eq!(m.iovecs(0, 1).err(), Some(Errno::Fault));
        m.write_u32(4, 4).unwrap();
        assert_eq!(m.iovecs(0, 1).unwrap(), [(8, 4)]);
        assert_eq!(m.iovecs(0, u32::MAX).err(), Some(Errno::Fault));
    }

    #[test]
    fn strings_must_be_utf8() {
        let mut bytes = *b"ok\xff";
        let m = GuestMemory::new(&mut bytes);
        assert_eq!(m.string(0, 2).as_deref(), Ok("ok"));
        assert_eq!(m.string(0, 3), Err(Errno::Ilseq));
    }
}
