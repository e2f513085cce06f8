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

/// The proposals enabled by default, as kebab-case names
/// (`MULTI_VALUE` becomes `multi-value`).
pub fn feature_names() -> Vec<String> {
    wisp::Config::default()
        .features()
        .iter_names()
        .map(|(name, _)| name.to_ascii_lowercase().replace('_', "-"))
        .collect()
}

/// Prints the enabled proposals, one per line or as JSON.
pub fn features(as_json: bool) {
    let names = feature_names();
    if as_json {
        emit(&json::object([(
            "features",
            json::array(names.iter().map(|n| json::string(n))),
        )]));
    } else {
        emit(&names.iter().map(|n| format!("{n}\n")).collect::<String>());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_features_include_wasm2_proposals() {
        let names = super::feature_names();
        for f in [
            "multi-value",
            "bulk-memory",
            "reference-types",
            "sign-extension",
        ] {
            assert!(names.iter().any(|n| n == f), "{f} missing from {names:?}");
        }
    }
}
