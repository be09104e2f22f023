//! The results JSON is for machines: compact unless a person asks for indentation (#17).

mod common;

use common::acquis;

const XB: &str = "seeds/assessments/xb-2025.yaml";

#[test]
fn json_to_a_pipe_is_compact_and_pretty_indents_the_same_document() {
    let compact = acquis(&["check", XB, "--format", "json", "--fail-on", "never"]);
    assert_eq!(compact.code, 0, "{}", compact.stderr);
    // One document on one line: the only newline is the final one.
    assert_eq!(compact.stdout.trim_end().lines().count(), 1, "not compact");
    let pretty = acquis(&[
        "check",
        XB,
        "--format",
        "json",
        "--pretty",
        "--fail-on",
        "never",
    ]);
    assert_eq!(pretty.code, 0, "{}", pretty.stderr);
    assert!(
        pretty.stdout.lines().count() > 100,
        "--pretty did not indent"
    );
    assert!(pretty.stdout.contains("\n  \""), "--pretty did not indent");
    let a: serde_json::Value = serde_json::from_str(&compact.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_str(&pretty.stdout).unwrap();
    assert_eq!(a, b, "indentation changed the content");
}

#[test]
fn pretty_with_another_format_is_refused() {
    let run = acquis(&["check", XB, "--format", "text", "--pretty"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--pretty"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
