//! The error type of every fallible wisp operation.

use crate::trap::Trap;
use alloc::{boxed::Box, string::String};
use core::fmt;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The bytes are not a well-formed module, or the module does not
    /// validate; `offset` is the byte offset of the problem.
    Compile {
        /// What is wrong.
        message: String,
        /// Where in the module's bytes.
        offset: usize,
    },
    /// An import could not be satisfied (missing, or of the wrong type).
    Link(String),
    /// Execution trapped.
    Trap(Trap),
    /// Wasm threw an exception that no handler caught: its tag and payload.
    Exception(crate::Exception),
    /// A value of the wrong type or count was passed to or from Wasm.
    Type(String),
    /// A resource limit was hit (a table or memory too large to create).
    Limit(String),
    /// WebAssembly text did not parse (the `wat` feature), or text was
    /// given where only binary is accepted.
    Text(String),
    /// A module file could not be read; the message names the path.
    Io(String),
    /// Bytes given to [`Module::deserialize`](crate::Module::deserialize)
    /// are not an intact artifact of this wisp and engine configuration.
    Artifact(String),
}

/// An error from compiling, linking, instantiating or running WebAssembly.
/// `Debug` prints what `Display` does (as anyhow's errors do), so
/// `unwrap()` and `main` returning `Result` show the message.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: Box<ErrorKind>,
}

impl Error {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Self {
            kind: Box::new(kind),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The trap, if execution trapped.
    pub fn as_trap(&self) -> Option<&Trap> {
        match &*self.kind {
            ErrorKind::Trap(t) => Some(t),
            _ => None,
        }
    }

    /// The exception, if Wasm threw one that no handler caught.
    pub fn as_exception(&self) -> Option<&crate::Exception> {
        match &*self.kind {
            ErrorKind::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// The trap, if execution trapped; the error itself otherwise.
    pub fn into_trap(self) -> Result<Trap, Self> {
        match *self.kind {
            ErrorKind::Trap(t) => Ok(t),
            kind => Err(Self::new(kind)),
        }
    }

    /// Whether the module was malformed or invalid.
    pub fn is_compile(&self) -> bool {
        matches!(*self.kind, ErrorKind::Compile { .. })
    }

    pub(crate) fn compile(message: impl Into<String>, offset: usize) -> Self {
        Self::new(ErrorKind::Compile {
            message: message.into(),
            offset,
        })
    }

    pub(crate) fn link(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Link(message.into()))
    }

    pub(crate) fn ty(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type(message.into()))
    }

    pub(crate) fn limit(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Limit(message.into()))
    }

    pub(crate) fn text(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Text(message.into()))
    }

    #[cfg(feature = "std")]
    pub(crate) fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io(message.into()))
    }

    /// The same error with `what` (the value it is about) in front of its
    /// message.
    pub(crate) fn context(mut self, what: &str) -> Self {
        match &mut *self.kind {
            ErrorKind::Type(m) | ErrorKind::Link(m) | ErrorKind::Limit(m) => {
                *m = alloc::format!("{what}: {m}");
            }
            ErrorKind::Compile { .. }
            | ErrorKind::Trap(_)
            | ErrorKind::Exception(_)
            | ErrorKind::Text(_)
            | ErrorKind::Io(_)
            | ErrorKind::Artifact(_) => {}
        }
        self
    }
}

impl From<wasmparser::BinaryReaderError> for Error {
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        Self::compile(e.message(), e.offset() as usize)
    }
}

/// A trap carrying an uncaught exception becomes
/// [`ErrorKind::Exception`]; any other, [`ErrorKind::Trap`].
impl From<Trap> for Error {
    fn from(t: Trap) -> Self {
        match t.exception() {
            Some(e) => Self::new(ErrorKind::Exception(e.clone())),
            None => Self::new(ErrorKind::Trap(t)),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error(\"{self}\")")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.kind {
            ErrorKind::Compile { message, offset } => {
                write!(f, "invalid module: {message} (at offset {offset:#x})")
            }
            ErrorKind::Link(m) => write!(f, "link error: {m}"),
            ErrorKind::Trap(t) => write!(f, "trap: {t}"),
            ErrorKind::Exception(e) => write!(f, "{e}"),
            ErrorKind::Type(m) => write!(f, "type error: {m}"),
            ErrorKind::Limit(m) => write!(f, "limit exceeded: {m}"),
            ErrorKind::Text(m) => write!(f, "invalid text: {m}"),
            ErrorKind::Io(m) => f.write_str(m),
            ErrorKind::Artifact(m) => write!(f, "invalid precompiled module: {m}"),
        }
    }
}

/// The source of a trap error is the [`Trap`], so error-chain walkers
/// (`anyhow`'s `downcast_ref`, `chain`) reach it and, through it, a host
/// function's own error.
impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Trap(t) => Some(t),
            ErrorKind::Exception(e) => Some(e),
            _ => None,
        }
    }
}

/// `?` on a [`wisp::Error`](Error) in a host function returning
/// `Result<_, Trap>`: a trap stays itself, any other error becomes a host
/// error with it as the source.
impl From<Error> for Trap {
    fn from(e: Error) -> Self {
        Trap::host_error(e)
    }
}
