//! In-memory standard streams: bytes a guest reads as its stdin, and a
//! buffer that collects what it writes to stdout or stderr, for embedders
//! that capture a guest's output (tests, services) without host pipes.

use alloc::{sync::Arc, vec::Vec};
use spin::Mutex;

/// Bytes the guest reads from a standard stream, then end of file.
#[derive(Debug, Clone, Default)]
pub struct MemoryInputPipe {
    /// The bytes and how many the guest has read.
    state: Arc<Mutex<(Vec<u8>, usize)>>,
}

impl MemoryInputPipe {
    /// A stream that yields `bytes`, then end of file.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            state: Arc::new(Mutex::new((bytes.into(), 0))),
        }
    }

    /// Copies the next bytes into `buf`; 0 at end of file.
    pub(crate) fn read(&self, buf: &mut [u8]) -> usize {
        let mut state = self.state.lock();
        let (bytes, at) = &mut *state;
        let n = buf.len().min(bytes.len() - *at);
        buf[..n].copy_from_slice(&bytes[*at..*at + n]);
        *at += n;
        n
    }
}

/// A buffer that collects what the guest writes to a standard stream, up
/// to a capacity. Clones share the buffer: keep one, hand the other to
/// [`WasiCtxBuilder::stdout`](super::WasiCtxBuilder::stdout), read it with
/// [`contents`](Self::contents) after the run.
#[derive(Debug, Clone)]
pub struct MemoryOutputPipe {
    bytes: Arc<Mutex<Vec<u8>>>,
    capacity: usize,
}

impl MemoryOutputPipe {
    /// An empty buffer that takes at most `capacity` bytes; a write beyond
    /// it fails with `NOSPC` (after taking what fits).
    pub fn new(capacity: usize) -> Self {
        Self {
            bytes: Arc::new(Mutex::new(Vec::new())),
            capacity,
        }
    }

    /// A copy of what has been written so far.
    pub fn contents(&self) -> Vec<u8> {
        self.bytes.lock().clone()
    }

    /// Appends as much of `data` as fits; how many bytes that was, or `None`
    /// when the buffer was full already.
    pub(crate) fn write(&self, data: &[u8]) -> Option<usize> {
        let mut bytes = self.bytes.lock();
        let room = self.capacity - bytes.len();
        if room == 0 && !data.is_empty() {
            return None;
        }
        let n = data.len().min(room);
        bytes.extend_from_slice(&data[..n]);
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_read_once_then_end_of_file() {
        let pipe = MemoryInputPipe::new(&b"abc"[..]);
        let mut buf = [0u8; 2];
        assert_eq!(pipe.read(&mut buf), 2);
        assert_eq!(&buf, b"ab");
        assert_eq!(pipe.clone().read(&mut buf), 1);
        assert_eq!(pipe.read(&mut buf), 0);
    }

    #[test]
    fn output_keeps_to_its_capacity() {
        let pipe = MemoryOutputPipe::new(5);
        let reader = pipe.clone();
        assert_eq!(pipe.write(b"hel"), Some(3));
        assert_eq!(pipe.write(b"lo world"), Some(2));
        assert_eq!(pipe.write(b"!"), None);
        assert_eq!(pipe.write(b""), Some(0));
        assert_eq!(reader.contents(), b"hello");
    }
}
