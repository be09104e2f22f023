//! The user-facing output formats, pinned on the small frozen rule set of
//! tests/fixtures/snapshot-set (see its README), so that adding or editing a shipped rule
//! changes none of them. After a deliberate change (a template, a wording), review the
//! new output with `cargo insta review`. The digest is replaced by a placeholder.

mod common;

use common::acquis;

const SET: &str = "tests/fixtures/snapshot-set";

/// `acquis` with the snapshot rule set instead of the built-in rules (the seeds are the
/// built-in ones: adding a rule does not touch them).
fn acquis_on_fixture(args: &[&str]) -> common::Run {
    let rules = format!("{SET}/rules");
    // The command first: `--rules` is an option of each command.
    let mut all = vec![args[0], "--rules", &rules];
    all.extend_from_slice(&args[1..]);
    acquis(&all)
}

fn stable(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        out.push_str(&rest[..at]);
        out.push_str("sha256:<digest>");
        rest = rest[at + 7..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[test]
fn markdown_gap_report_of_the_typical_example() {
    let run = acquis_on_fixture(&[
        "check",
        "tests/fixtures/snapshot-set/assessments/xa-2025.yaml",
        "--format",
        "md",
        "--as-of",
        "2025-06-01",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("xa-2025.md", stable(&run.stdout));
}

#[test]
fn json_results_of_the_strong_example() {
    let run = acquis_on_fixture(&[
        "check",
        "tests/fixtures/snapshot-set/assessments/xb-2025.yaml",
        "--format",
        "json",
        "--pretty",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("xb-2025.json", stable(&run.stdout));
}

#[test]
fn text_summary_of_the_weak_example() {
    let run = acquis_on_fixture(&[
        "check",
        "tests/fixtures/snapshot-set/assessments/xc-2025.yaml",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("xc-2025.txt", stable(&run.stdout));
}

#[test]
fn markdown_matrix_of_all_examples() {
    let run = acquis_on_fixture(&[
        "matrix",
        "tests/fixtures/snapshot-set/assessments/dk-2025-illustrative.yaml",
        "tests/fixtures/snapshot-set/assessments/xa-2025.yaml",
        "tests/fixtures/snapshot-set/assessments/xb-2025.yaml",
        "tests/fixtures/snapshot-set/assessments/xc-2025.yaml",
        "--as-of",
        "2025-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("matrix.md", stable(&run.stdout));
}
