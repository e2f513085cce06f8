//! `wisp features`: every proposal with its default state, as text and JSON.

use std::process::Command;

fn wisp(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_wisp"))
        .args(args)
        .output()
        .expect("run wisp");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn text_lists_every_proposal_enabled() {
    let out = wisp(&["features"]);
    let lines: Vec<&str> = out.lines().collect();
    // Enabled proposals are bare lines, as before.
    for on in [
        "mutable-global",
        "multi-value",
        "bulk-memory",
        "reference-types",
        "tail-call",
        "simd",
        "relaxed-simd",
        "function-references",
        "gc",
        "exceptions",
        "legacy-exceptions",
        "multi-memory",
        "memory64",
        "wide-arithmetic",
        "custom-page-sizes",
        "extended-const",
    ] {
        assert!(lines.contains(&on), "{on} not on:\n{out}");
    }
    // Every proposal wisp knows is on: no `disabled:` section.
    assert!(lines.contains(&"threads"), "threads not on:\n{out}");
    assert!(!lines.contains(&"disabled:"), "{out}");
    assert_eq!(
        lines.iter().filter(|l| l.trim() == "bulk-memory").count(),
        1
    );
}

#[test]
fn json_maps_every_proposal_to_its_state() {
    let out = wisp(&["features", "--json"]);
    let out = out.trim_end();
    assert!(out.starts_with(r#"{"features":["#), "{out}");
    assert!(out.ends_with("}}"), "{out}");
    let features = &out[out.find('[').unwrap()..out.find(']').unwrap()];
    assert!(features.contains(r#""bulk-memory""#), "{out}");
    assert!(features.contains(r#""simd""#), "{out}");
    assert!(features.contains(r#""gc""#), "{out}");
    assert!(features.contains(r#""threads""#), "{out}");
    for (name, on) in [
        ("bulk-memory", true),
        ("multi-value", true),
        ("reference-types", true),
        ("tail-call", true),
        ("function-references", true),
        ("gc", true),
        ("threads", true),
        ("simd", true),
        ("relaxed-simd", true),
        ("memory64", true),
        ("extended-const", true),
        ("wide-arithmetic", true),
        ("multi-memory", true),
        ("custom-page-sizes", true),
        ("exceptions", true),
        ("legacy-exceptions", true),
    ] {
        assert!(out.contains(&format!(r#""{name}":{on}"#)), "{name}: {out}");
    }
}
