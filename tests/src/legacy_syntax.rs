//! The folded form of the legacy exception instructions, which the `wast`
//! crate does not parse: `(try $l? bt (do instr*) (catch $t instr*)*
//! (catch_all instr*)?)` and `(try $l? bt (do instr*) (delegate $l))`.
//! The `legacy/exceptions` scripts use it; [`unfold_legacy_try`] rewrites
//! it into the flat form (`try $l? bt instr* catch $t instr* … end`, or
//! `… delegate $l`), which `wast` parses, keeping every line where it was
//! (so failure messages point at the script's own lines).

/// What an open parenthesis started, as far as the rewrite cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    /// A folded legacy `try`; `delegated` once its `(delegate …)` was seen.
    Try { delegated: bool },
    /// A `(do …)`, `(catch …)` or `(catch_all …)` of a folded `try`.
    Clause,
    /// The `(delegate $l)` of a folded `try`.
    Delegate,
    /// Anything else.
    Other,
}

/// `text` with every folded legacy `try` unfolded (unchanged if it has none).
pub(crate) fn unfold_legacy_try(text: &str) -> String {
    if !text.contains("(do") {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let mut stack: Vec<List> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with(";;") {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            out.push_str(&text[i..end]);
            i = end;
        } else if rest.starts_with("(;") {
            let end = block_comment_end(text, i);
            out.push_str(&text[i..end]);
            i = end;
        } else if bytes[i] == b'"' {
            let end = string_end(bytes, i);
            out.push_str(&text[i..end]);
            i = end;
        } else if bytes[i] == b'(' {
            let head = head_atom(&text[i + 1..]);
            let parent = stack.last().copied();
            let list = match (head, parent) {
                ("try", _) => List::Try { delegated: false },
                ("do" | "catch" | "catch_all", Some(List::Try { .. })) => List::Clause,
                ("delegate", Some(List::Try { .. })) => {
                    if let Some(List::Try { delegated }) = stack.last_mut() {
                        *delegated = true;
                    }
                    List::Delegate
                }
                _ => List::Other,
            };
            match (list, head) {
                (List::Other, _) => out.push('('),
                // `(do` disappears entirely; the others keep their keyword.
                (List::Clause, "do") => {
                    out.push_str("   ");
                    i += 2;
                }
                _ => out.push(' '),
            }
            stack.push(list);
            i += 1;
        } else if bytes[i] == b')' {
            match stack.pop() {
                Some(List::Try { delegated: false }) => out.push_str(" end"),
                Some(List::Try { delegated: true } | List::Clause | List::Delegate) => {
                    out.push(' ')
                }
                _ => out.push(')'),
            }
            i += 1;
        } else {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

/// The first atom of a list whose text (after its parenthesis) is `rest`.
fn head_atom(rest: &str) -> &str {
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// One past the `;)` closing the (nesting) block comment at `start`.
fn block_comment_end(text: &str, start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i < text.len() {
        if text[i..].starts_with("(;") {
            depth += 1;
            i += 2;
        } else if text[i..].starts_with(";)") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    text.len()
}

/// One past the quote closing the string literal at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_catch_and_delegate_forms_and_leaves_the_rest() {
        let text = "(func (try $t (result i32) (do (i32.const 1)) (catch $e (i32.const 2)) (catch_all (i32.const 3))))";
        let flat = unfold_legacy_try(text);
        assert_eq!(
            flat.split_whitespace().collect::<Vec<_>>(),
            [
                "(func",
                "try",
                "$t",
                "(result",
                "i32)",
                "(i32.const",
                "1)",
                "catch",
                "$e",
                "(i32.const",
                "2)",
                "catch_all",
                "(i32.const",
                "3)",
                "end)"
            ]
        );
        let delegate = unfold_legacy_try("(try (do (nop)) (delegate 0))");
        assert_eq!(
            delegate.split_whitespace().collect::<Vec<_>>(),
            ["try", "(nop)", "delegate", "0"]
        );
        let other = "(try_table (catch $e 0)) ;; (do (try\n\"(do\"";
        assert_eq!(unfold_legacy_try(other), other);
    }
}
