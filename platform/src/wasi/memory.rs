//! Access to the guest's linear memory with bounds checks: every pointer a
//! guest passes is checked, and a bad one is [`Errno::Fault`], never a panic.

use super::errno::{Errno, WasiResult};
use alloc::vec::Vec;

/// A guest's linear memory during one WASI call.
pub struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    /// Wraps the bytes of a linear memory.
    pub fn new(bytes: &'a mut [u8]) -> Self {
        Self { bytes }
    }

    /// The range `ptr .. ptr + len`, checked.
    fn range(&self, ptr: u32, len: u32) -> WasiResult<core::ops::Range<usize>> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::Fault)?;
        if end > self.bytes.len() {
            return Err(Errno::Fault);
        }
        Ok(start..end)
    }

    /// `len` bytes at `ptr`.
    pub fn slice(&self, ptr: u32, len: u32) -> WasiResult<&[u8]> {
        let r = self.range(ptr, len)?;
        Ok(&self.bytes[r])
    }

    /// `len` bytes at `ptr`, mutably.
    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> WasiResult<&mut [u8]> {
        let r = self.range(ptr, len)?;
        Ok(&mut self.bytes[r])
    }

    /// A UTF-8 string of `len` bytes at `ptr` (`Ilseq` if it is not UTF-8).
    pub fn str(&self, ptr: u32, len: u32) -> WasiResult<&str> {
        core::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Errno::Ilseq)
    }

    /// Copies `data` to `ptr`.
    pub fn write_bytes(&mut self, ptr: u32, data: &[u8]) -> WasiResult {
        let len = u32::try_from(data.len()).map_err(|_| Errno::Fault)?;
        self.slice_mut(ptr, len)?.copy_from_slice(data);
        Ok(())
    }

    /// Reads `N` bytes at `ptr`.
    fn read_array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.slice(ptr, N as u32)?);
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
        let table = self.slice(ptr, bytes)?;
        let mut out = Vec::with_capacity(count as usize);
        for entry in table.chunks_exact(8) {
            let buf = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            let len = u32::from_le_bytes([entry[4], entry[5], entry[6], entry[7]]);
            self.range(buf, len)?;
            out.push((buf, len));
        }
        Ok(out)
    }

    /// The bytes of a list of `iovec`s, concatenated.
    pub fn gather(&self, iovs: &[(u32, u32)]) -> WasiResult<Vec<u8>> {
        let total: usize = iovs.iter().map(|&(_, l)| l as usize).sum();
        let mut out = Vec::with_capacity(total);
        for &(buf, len) in iovs {
            out.extend_from_slice(self.slice(buf, len)?);
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
        assert_eq!(m.slice(u32::MAX, u32::MAX).err(), Some(Errno::Fault));
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
        assert_eq!(m.str(0, 2), Ok("ok"));
        assert_eq!(m.str(0, 3), Err(Errno::Ilseq));
    }
}
