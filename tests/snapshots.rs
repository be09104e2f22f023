//! The user-facing output of the shipped examples, pinned. After a deliberate change
//! (a rule, a template, a wording), review the new output with `cargo insta review`.
//! The rule-set digest changes with every rule edit, so it is replaced by a placeholder.

mod common;

use common::acquis;

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
    let run = acquis(&[
        "check",
        "seeds/assessments/xa-2025.yaml",
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
    let run = acquis(&[
        "check",
        "seeds/assessments/xb-2025.yaml",
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
    let run = acquis(&[
        "check",
        "seeds/assessments/xc-2025.yaml",
        "--fail-on",
        "never",
    ]);
    insta::assert_snapshot!("xc-2025.txt", stable(&run.stdout));
}

#[test]
fn markdown_matrix_of_all_examples() {
    let run = acquis(&[
        "matrix",
        "seeds/assessments/dk-2025-illustrative.yaml",
        "seeds/assessments/xa-2025.yaml",
        "seeds/assessments/xb-2025.yaml",
        "seeds/assessments/xc-2025.yaml",
        "--as-of",
        "2025-06-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("matrix.md", stable(&run.stdout));
}
