//! WebAssembly text where a module is expected: parsed with the `wat`
//! feature, a one-line error without it.

use crate::error::Error;
use alloc::borrow::Cow;

/// Whether `bytes` look like WebAssembly text rather than a (possibly
/// malformed) binary: UTF-8 whose first non-blank character opens an
/// S-expression or a comment. Anything else goes to the binary decoder, so a
/// damaged binary keeps its decoder error ("magic header not detected").
fn looks_like_text(bytes: &[u8]) -> bool {
    let Ok(text) = core::str::from_utf8(bytes) else {
        return false;
    };
    matches!(text.trim_start().as_bytes().first(), Some(b'(' | b';'))
}

/// The binary module `bytes` holds: binary input as it is, text parsed to
/// binary (the `wat` feature).
pub(crate) fn binary_of(bytes: &[u8]) -> Result<Cow<'_, [u8]>, Error> {
    if bytes.starts_with(b"\0asm") || !looks_like_text(bytes) {
        return Ok(Cow::Borrowed(bytes));
    }
    #[cfg(feature = "wat")]
    {
        wat::parse_bytes(bytes).map_err(|e| Error::text(alloc::string::ToString::to_string(&e)))
    }
    #[cfg(not(feature = "wat"))]
    {
        Err(Error::text(
            "this is WebAssembly text; wisp-core was built without its `wat` feature, so only binary modules load",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_told_from_binary() {
        assert!(looks_like_text(b"(module)"));
        assert!(looks_like_text(b"  \n;; a comment\n(module)"));
        assert!(!looks_like_text(b"\0asm\x01\0\0\0"));
        assert!(!looks_like_text(b"\0asn\x01\0\0\0"));
        assert!(!looks_like_text(b"module"));
        assert!(!looks_like_text(&[0xff, 0x28]));
    }

    #[test]
    fn binary_passes_through() {
        let wasm = b"\0asm\x01\0\0\0";
        assert!(matches!(binary_of(wasm), Ok(Cow::Borrowed(_))));
    }

    #[cfg(not(feature = "wat"))]
    #[test]
    fn text_without_the_feature_is_a_one_line_error() {
        let e = binary_of(b"(module)").unwrap_err();
        let message = alloc::string::ToString::to_string(&e);
        assert!(
            message.starts_with("invalid text: this is WebAssembly text"),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }

    #[cfg(feature = "wat")]
    #[test]
    fn text_with_the_feature_is_parsed() {
        let wasm = binary_of(b"(module (func (export \"f\")))").unwrap();
        assert!(wasm.starts_with(b"\0asm"));
        let e = binary_of(b"(module (func (export \"f\") (i32.bogus)))").unwrap_err();
        assert!(matches!(e.kind(), crate::ErrorKind::Text(_)), "{e}");
    }
}
