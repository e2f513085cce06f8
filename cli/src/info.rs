//! `wisp version` and `wisp features`: facts about this build.

use crate::json;
use crate::output::emit;

/// Prints the name, version, target platform and available engines.
pub fn version() {
    emit(&format!(
        "wisp {}\ntarget: {}-{}\nengines: interp\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::ARCH,
        std::env::consts::OS
    ));
}

/// Every proposal wisp knows, by its kebab-case name, with whether the
/// default [`wisp::Config`] enables it.
pub fn proposals() -> Vec<(&'static str, bool)> {
    wisp::Config::default().enabled_proposals().collect()
}

/// The `wisp features` text: the enabled proposals one per line, then, after
/// a blank line and `disabled:`, the others indented by two spaces (so a line
/// that is exactly a proposal's name means it is on).
pub fn features_text() -> String {
    text_of(&proposals())
}

/// Proposals `(name, on)` as `features_text` prints them.
fn text_of(proposals: &[(&str, bool)]) -> String {
    let mut out = String::new();
    let (on, off): (Vec<_>, Vec<_>) = proposals.iter().partition(|&&(_, on)| on);
    for (name, _) in on {
        out.push_str(name);
        out.push('\n');
    }
    if !off.is_empty() {
        out.push_str("\ndisabled:\n");
        for (name, _) in off {
            out.push_str("  ");
            out.push_str(name);
            out.push('\n');
        }
    }
    out
}

pub fn features_json() -> String {
    let all = proposals();
    json::object([
        (
            "features",
            json::array(
                all.iter()
                    .filter(|&&(_, on)| on)
                    .map(|&(n, _)| json::string(n)),
            ),
        ),
        (
            "proposals",
            json::object(all.iter().map(|&(n, on)| (n, on.to_string()))),
        ),
    ])
}

/// Prints the proposals and whether each is enabled by default, as text or
/// JSON.
pub fn features(as_json: bool) {
    if as_json {
        emit(&features_json());
    } else {
        emit(&features_text());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_features_include_wasm2_proposals() {
        let names: Vec<&str> = super::proposals()
            .into_iter()
            .filter_map(|(name, on)| on.then_some(name))
            .collect();
        for f in [
            "multi-value",
            "bulk-memory",
            "reference-types",
            "sign-extension",
            "simd",
            "relaxed-simd",
            "gc",
            "threads",
        ] {
            assert!(names.contains(&f), "{f} missing from {names:?}");
        }
    }

    #[test]
    fn text_marks_disabled_proposals() {
        let text = super::text_of(&[("bulk-memory", true), ("threads", false)]);
        assert_eq!(text, "bulk-memory\n\ndisabled:\n  threads\n");
        let all_on = super::features_text();
        assert!(all_on.lines().any(|l| l == "threads"), "{all_on}");
        assert!(!all_on.contains("disabled:"), "{all_on}");
    }

    #[test]
    fn json_has_both_views() {
        let json = super::features_json();
        assert!(json.starts_with(r#"{"features":["#), "{json}");
        assert!(json.contains(r#""proposals":{"#), "{json}");
        assert!(json.contains(r#""threads":true"#), "{json}");
        assert!(json.contains(r#""gc":true"#), "{json}");
        assert!(json.contains(r#""simd":true"#), "{json}");
        assert!(json.contains(r#""bulk-memory":true"#), "{json}");
    }
}
