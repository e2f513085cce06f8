//! Traps: the ways a WebAssembly computation stops abnormally.

use alloc::{string::String, sync::Arc, vec::Vec};
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
    /// A null reference was dereferenced (`ref.as_non_null`).
    NullReference,
    /// A null function reference was called (`call_ref`, `return_call_ref`).
    NullFunctionReference,
    /// The fuel given to the store ran out.
    OutOfFuel,
    /// Execution was interrupted from outside (a timeout).
    Interrupted,
    /// A host function failed; the message says why.
    HostError,
    /// The guest asked to exit with a status (WASI `proc_exit`).
    Exit(i32),
    /// An exception left Wasm without being caught; the trap's source is
    /// the [`Exception`](crate::Exception) ([`Trap::exception`]).
    UncaughtException,
    /// A struct operation on a null reference.
    NullStructReference,
    /// An array operation on a null reference.
    NullArrayReference,
    /// `i31.get_s` or `i31.get_u` of a null reference.
    NullI31Reference,
    /// An array access outside the array.
    ArrayOutOfBounds,
    /// `ref.cast` of a reference that is not of the target type.
    CastFailure,
    /// An allocation the store's GC heap limit has no room for, even after
    /// a collection.
    GcHeapExhausted,
    /// An atomic access at an address that is not a multiple of its size.
    UnalignedAtomic,
    /// `memory.atomic.wait` on a memory that is not shared.
    ExpectedSharedMemory,
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
            TrapCode::NullFunctionReference => "null function reference",
            TrapCode::UncaughtException => "uncaught exception",
            TrapCode::OutOfFuel => "all fuel consumed",
            TrapCode::Interrupted => "interrupted",
            TrapCode::HostError => "host error",
            TrapCode::Exit(_) => "exit",
            TrapCode::NullStructReference => "null structure reference",
            TrapCode::NullArrayReference => "null array reference",
            TrapCode::NullI31Reference => "null i31 reference",
            TrapCode::ArrayOutOfBounds => "out of bounds array access",
            TrapCode::CastFailure => "cast failure",
            TrapCode::GcHeapExhausted => "out of GC heap memory (the store's GC heap limit)",
            TrapCode::UnalignedAtomic => "unaligned atomic",
            TrapCode::ExpectedSharedMemory => "expected shared memory",
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
    /// Byte offset, in the module, of the operator the frame was executing:
    /// the one that trapped in the innermost frame, the call in the others.
    pub wasm_offset: Option<u32>,
}

/// Writes a name from a module's name section with each control character
/// (C0, DEL, C1) replaced by U+FFFD, so an error stays one line and free of
/// terminal escapes whatever the module calls its functions.
fn write_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    let bytes = name.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let len = match bytes[i] {
            b if b < 0x20 || b == 0x7f => 1,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
            _ => {
                i += 1;
                continue;
            }
        };
        // `start` and `i` are at character boundaries: after a control
        // character, and at one.
        f.write_str(name.get(start..i).unwrap_or(""))?;
        f.write_str("\u{fffd}")?;
        i += len;
        start = i;
    }
    f.write_str(name.get(start..).unwrap_or(""))
}

impl fmt::Display for FrameInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = &self.module {
            write_name(f, m)?;
            f.write_str("!")?;
        }
        match &self.func_name {
            Some(name) => write_name(f, name),
            None => write!(f, "func[{}]", self.func_index),
        }
    }
}

/// A host function's own error, kept as the [`Trap`]'s source.
pub type BoxError = alloc::boxed::Box<dyn core::error::Error + Send + Sync + 'static>;

/// A trap: its code, an optional message (for host errors), the Wasm call
/// stack, innermost frame first, and for a host function's error the error
/// itself ([`core::error::Error::source`]).
///
/// `Debug` prints the `Display` form with the backtrace (`{:#}`).
#[derive(Clone)]
pub struct Trap {
    code: TrapCode,
    message: Option<String>,
    backtrace: Vec<FrameInfo>,
    source: Option<Arc<dyn core::error::Error + Send + Sync + 'static>>,
}

/// Two traps are equal when code, message and backtrace are; a host error's
/// source is not compared (errors in general are not comparable).
impl PartialEq for Trap {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.message == other.message
            && self.backtrace == other.backtrace
    }
}

impl Eq for Trap {}

impl Trap {
    /// A trap with the given code and no backtrace yet.
    pub fn new(code: TrapCode) -> Self {
        Self {
            code,
            message: None,
            backtrace: Vec::new(),
            source: None,
        }
    }

    /// A host error with a message, for host functions to return.
    pub fn host(message: impl Into<String>) -> Self {
        Self {
            code: TrapCode::HostError,
            message: Some(message.into()),
            backtrace: Vec::new(),
            source: None,
        }
    }

    /// The trap for a host function's error: any `std::error::Error + Send
    /// + Sync`, an `anyhow::Error`, a `String` or `&str`. A [`Trap`] comes
    /// back as itself and a [`crate::Error`] that holds a trap as that trap
    /// (a trap from a nested call keeps its backtrace); anything else
    /// becomes a [`TrapCode::HostError`] with the error's message, and the
    /// error stays reachable as the trap's [`source`](core::error::Error::source).
    pub fn host_error(error: impl Into<BoxError>) -> Self {
        let error: BoxError = error.into();
        let error = match error.downcast::<Trap>() {
            Ok(trap) => return *trap,
            Err(other) => other,
        };
        let error = match error.downcast::<crate::Error>() {
            Ok(e) => match (*e).into_trap() {
                Ok(trap) => return trap,
                Err(e) => match e.kind() {
                    crate::ErrorKind::Exception(exception) => {
                        return Self::thrown(exception.clone());
                    }
                    _ => alloc::boxed::Box::new(e),
                },
            },
            Err(other) => other,
        };
        let error = match error.downcast::<crate::Exception>() {
            Ok(exception) => return Self::thrown(*exception),
            Err(other) => other,
        };
        Self {
            code: TrapCode::HostError,
            message: Some(alloc::string::ToString::to_string(&error)),
            backtrace: Vec::new(),
            source: Some(Arc::from(error)),
        }
    }

    /// The trap for an exception leaving Wasm, or thrown by a host function.
    fn thrown(exception: crate::Exception) -> Self {
        Self {
            code: TrapCode::UncaughtException,
            message: None,
            backtrace: Vec::new(),
            source: Some(Arc::new(exception)),
        }
    }

    /// The exception, if this is one leaving Wasm uncaught (or thrown by
    /// a host function).
    pub fn exception(&self) -> Option<&crate::Exception> {
        if self.code != TrapCode::UncaughtException {
            return None;
        }
        let source: &(dyn core::error::Error + 'static) = self.source.as_deref()?;
        source.downcast_ref()
    }

    /// What happened, in words: the host's message for a host error, the
    /// code's message otherwise (without the backtrace, which `Display`
    /// adds).
    pub fn message(&self) -> &str {
        match &self.message {
            Some(m) => m,
            None => self.code.message(),
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

    /// The trap with `outer`, the frames of the Wasm code below it, added
    /// after those it has: a trap that came back through a host function
    /// from a nested call keeps the nested call's frames on top.
    pub(crate) fn with_backtrace(mut self, outer: Vec<FrameInfo>) -> Self {
        self.backtrace.extend(outer);
        self
    }
}

/// A host function throws `exception` into Wasm by returning it.
impl From<crate::Exception> for Trap {
    fn from(exception: crate::Exception) -> Self {
        Self::thrown(exception)
    }
}

impl From<TrapCode> for Trap {
    fn from(code: TrapCode) -> Self {
        Self::new(code)
    }
}

impl fmt::Debug for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Trap(\"{self:#}\")")
    }
}

impl fmt::Display for Trap {
    /// One line: the message and the innermost frame (`call stack exhausted
    /// in func[0]`). The alternate form (`{:#}`) adds the backtrace below
    /// it, one frame per line, with a long one collapsed as
    /// [`Trap::display_backtrace`] does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => f.write_str(m)?,
            None => fmt::Display::fmt(&self.code, f)?,
        }
        if let Some(top) = self.backtrace.first() {
            write!(f, " in {top}")?;
        }
        if f.alternate() && !self.backtrace.is_empty() {
            write!(f, "\n{}", self.display_backtrace())?;
        }
        Ok(())
    }
}

impl Trap {
    /// The backtrace for people: one `  at` line per frame, innermost first;
    /// a backtrace longer than `2 × BacktraceDisplay::ENDS` frames (deep
    /// recursion) keeps the innermost and outermost `ENDS` frames and says
    /// how many it left out between them, and of which functions. The full
    /// list stays available from [`Trap::backtrace`].
    pub fn display_backtrace(&self) -> BacktraceDisplay<'_> {
        BacktraceDisplay(&self.backtrace)
    }
}

/// A backtrace formatted for people, from [`Trap::display_backtrace`].
pub struct BacktraceDisplay<'a>(&'a [FrameInfo]);

impl BacktraceDisplay<'_> {
    /// How many frames are shown at each end of a collapsed backtrace.
    pub const ENDS: usize = 10;
    /// How many distinct functions the collapsed line names at most.
    const NAMED: usize = 3;
}

impl fmt::Display for BacktraceDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let frames = self.0;
        let ends = Self::ENDS;
        let line = |f: &mut fmt::Formatter<'_>, frame: &FrameInfo, first: bool| {
            if !first {
                f.write_str("\n")?;
            }
            write!(f, "  at ")?;
            if let Some(offset) = frame.wasm_offset {
                write!(f, "{offset:#x}: ")?;
            }
            write!(f, "{frame}")?;
            if frame.func_name.is_some() {
                write!(f, " (func[{}])", frame.func_index)?;
            }
            Ok(())
        };
        if frames.len() <= 2 * ends {
            for (i, frame) in frames.iter().enumerate() {
                line(f, frame, i == 0)?;
            }
            return Ok(());
        }
        let (inner, rest) = frames.split_at(ends);
        let (hidden, outer) = rest.split_at(rest.len() - ends);
        for (i, frame) in inner.iter().enumerate() {
            line(f, frame, i == 0)?;
        }
        write!(f, "\n  ... {} more frames", Thousands(hidden.len()))?;
        let mut distinct: Vec<&FrameInfo> = Vec::new();
        for frame in hidden {
            let seen = distinct
                .iter()
                .any(|d| d.func_index == frame.func_index && d.module == frame.module);
            if !seen {
                distinct.push(frame);
                if distinct.len() > Self::NAMED {
                    break;
                }
            }
        }
        if distinct.len() <= Self::NAMED {
            f.write_str(" of ")?;
            for (i, frame) in distinct.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{frame}")?;
            }
        }
        for frame in outer {
            line(f, frame, false)?;
        }
        Ok(())
    }
}

/// A count with thousands separators (`9,990`).
struct Thousands(usize);

impl fmt::Display for Thousands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = [0u8; 20];
        let (mut n, mut len) = (self.0, 0);
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for i in (0..len).rev() {
            write!(f, "{}", digits[i] as char)?;
            if i > 0 && i % 3 == 0 {
                f.write_str(",")?;
            }
        }
        Ok(())
    }
}

impl core::error::Error for Trap {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        let source = self.source.as_deref()?;
        Some(source)
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn frame_names_print_on_one_line() {
        let frame = FrameInfo {
            module: Some("m\nx".into()),
            func_index: 3,
            func_name: Some("f\u{1b}[31m\r\u{9b}é\u{7f}".into()),
            wasm_offset: None,
        };
        assert_eq!(
            alloc::format!("{frame}"),
            "m\u{fffd}x!f\u{fffd}[31m\u{fffd}\u{fffd}é\u{fffd}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::{format, string::ToString, vec};

    fn frame(index: u32) -> FrameInfo {
        FrameInfo {
            module: None,
            func_index: index,
            func_name: None,
            wasm_offset: None,
        }
    }

    #[test]
    fn thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (9990, "9,990"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(Thousands(n).to_string(), text);
        }
    }

    #[test]
    fn short_backtraces_show_every_frame() {
        let mut named = frame(2);
        named.func_name = Some("main".into());
        named.wasm_offset = Some(0x1a2b);
        let trap = Trap::new(TrapCode::Unreachable).with_backtrace(vec![frame(1), named]);
        assert_eq!(trap.to_string(), "unreachable in func[1]");
        assert_eq!(
            format!("{trap:#}"),
            "unreachable in func[1]\n  at func[1]\n  at 0x1a2b: main (func[2])"
        );
    }

    #[test]
    fn deep_recursion_collapses_to_both_ends() {
        let mut frames = vec![frame(0); 10_000];
        frames.push(frame(7));
        let trap = Trap::new(TrapCode::StackOverflow).with_backtrace(frames);
        let text = format!("{trap:#}");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 10 + 1 + 10, "{text}");
        assert_eq!(lines[0], "call stack exhausted in func[0]");
        assert_eq!(lines[11], "  ... 9,981 more frames of func[0]");
        assert_eq!(lines[21], "  at func[7]");
        // The API keeps every frame.
        assert_eq!(trap.backtrace().len(), 10_001);
    }

    #[test]
    fn collapsed_line_names_a_few_functions_or_none() {
        let frames: Vec<FrameInfo> = (0..100).map(|i| frame(i % 2)).collect();
        let text = Trap::new(TrapCode::StackOverflow)
            .with_backtrace(frames)
            .display_backtrace()
            .to_string();
        assert!(
            text.contains("\n  ... 80 more frames of func[0], func[1]\n"),
            "{text}"
        );
        let frames: Vec<FrameInfo> = (0..100).map(frame).collect();
        let text = Trap::new(TrapCode::StackOverflow)
            .with_backtrace(frames)
            .display_backtrace()
            .to_string();
        assert!(text.contains("\n  ... 80 more frames\n"), "{text}");
    }
}
