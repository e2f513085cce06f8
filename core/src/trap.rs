//! Traps: the ways a WebAssembly computation stops abnormally.

use alloc::{string::String, vec::Vec};
use core::fmt;

/// Why execution trapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrapCode {
    /// `unreachable` was executed.
    Unreachable,
    /// A memory access fell outside the linear memory.
    MemoryOutOfBounds,
    /// A table access fell outside the table.
    TableOutOfBounds,
    /// `call_indirect` with an index outside the table.
    UndefinedElement,
    /// `call_indirect` found a null entry.
    IndirectCallToNull,
    /// `call_indirect` found a function of the wrong type.
    BadSignature,
    /// Integer division or remainder by zero.
    IntegerDivisionByZero,
    /// Signed division overflow (`INT_MIN / -1`).
    IntegerOverflow,
    /// A float-to-integer truncation of NaN or of a value out of range.
    BadConversionToInteger,
    /// Call depth or value stack exhausted.
    StackOverflow,
    /// A null reference was dereferenced.
    NullReference,
    /// The fuel given to the store ran out.
    OutOfFuel,
    /// Execution was interrupted from outside (a timeout).
    Interrupted,
    /// A host function failed; the message says why.
    HostError,
    /// The guest asked to exit with a status (WASI `proc_exit`).
    Exit(i32),
}

impl TrapCode {
    /// The message the WebAssembly specification's test suite expects.
    pub fn message(&self) -> &'static str {
        match self {
            TrapCode::Unreachable => "unreachable",
            TrapCode::MemoryOutOfBounds => "out of bounds memory access",
            TrapCode::TableOutOfBounds => "out of bounds table access",
            TrapCode::UndefinedElement => "undefined element",
            TrapCode::IndirectCallToNull => "uninitialized element",
            TrapCode::BadSignature => "indirect call type mismatch",
            TrapCode::IntegerDivisionByZero => "integer divide by zero",
            TrapCode::IntegerOverflow => "integer overflow",
            TrapCode::BadConversionToInteger => "invalid conversion to integer",
            TrapCode::StackOverflow => "call stack exhausted",
            TrapCode::NullReference => "null reference",
            TrapCode::OutOfFuel => "all fuel consumed",
            TrapCode::Interrupted => "interrupted",
            TrapCode::HostError => "host error",
            TrapCode::Exit(_) => "exit",
        }
    }
}

impl fmt::Display for TrapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrapCode::Exit(code) => write!(f, "exit with status {code}"),
            other => f.write_str(other.message()),
        }
    }
}

/// One frame of the Wasm call stack at the moment of a trap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameInfo {
    /// The module's name (from its name section), if any.
    pub module: Option<String>,
    /// The function's index in its module.
    pub func_index: u32,
    /// The function's name (name section or export), if any.
    pub func_name: Option<String>,
}

impl fmt::Display for FrameInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = &self.module {
            write!(f, "{m}!")?;
        }
        match &self.func_name {
            Some(name) => write!(f, "{name}"),
            None => write!(f, "func[{}]", self.func_index),
        }
    }
}

/// A trap: its code, an optional message (for host errors), and the Wasm
/// call stack, innermost frame first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trap {
    code: TrapCode,
    message: Option<String>,
    backtrace: Vec<FrameInfo>,
}

impl Trap {
    /// A trap with the given code and no backtrace yet.
    pub fn new(code: TrapCode) -> Self {
        Self {
            code,
            message: None,
            backtrace: Vec::new(),
        }
    }

    /// A host error with a message, for host functions to return.
    pub fn host(message: impl Into<String>) -> Self {
        Self {
            code: TrapCode::HostError,
            message: Some(message.into()),
            backtrace: Vec::new(),
        }
    }

    /// A request to exit the program with `status` (WASI `proc_exit`).
    pub fn exit(status: i32) -> Self {
        Self::new(TrapCode::Exit(status))
    }

    /// The trap code.
    pub fn code(&self) -> TrapCode {
        self.code
    }

    /// The exit status, if this trap is a request to exit.
    pub fn exit_status(&self) -> Option<i32> {
        if let TrapCode::Exit(s) = self.code {
            Some(s)
        } else {
            None
        }
    }

    /// The Wasm call stack at the trap, innermost frame first.
    pub fn backtrace(&self) -> &[FrameInfo] {
        &self.backtrace
    }

    pub(crate) fn with_backtrace(mut self, backtrace: Vec<FrameInfo>) -> Self {
        if self.backtrace.is_empty() {
            self.backtrace = backtrace;
        }
        self
    }
}

impl From<TrapCode> for Trap {
    fn from(code: TrapCode) -> Self {
        Self::new(code)
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => f.write_str(m)?,
            None => fmt::Display::fmt(&self.code, f)?,
        }
        if let Some(top) = self.backtrace.first() {
            write!(f, " in {top}")?;
        }
        Ok(())
    }
}

impl core::error::Error for Trap {}
