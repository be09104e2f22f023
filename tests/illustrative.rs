//! An assessment with invented answers under a real jurisdiction's code says so in every
//! report (#18): `illustrative: true` in its header.

mod common;

use common::{acquis, write};

const DK: &str = "seeds/assessments/dk-2025-illustrative.yaml";
const NOT_ITS_LAW: &str = "do not describe the law or practice of Denmark";

#[test]
fn every_report_of_an_illustrative_assessment_says_its_answers_are_invented() {
    let text = acquis(&["check", DK, "--fail-on", "never"]).stdout;
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("illustrative answers, not its law or practice"),
        "{text}"
    );
    let md = acquis(&["check", DK, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(md.contains(NOT_ITS_LAW), "{md}");
    let html = acquis(&["check", DK, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(html.contains(NOT_ITS_LAW), "notice on page 1");
    assert!(
        html.contains("illustrative answers, not real"),
        "running header on every printed page"
    );
    let matrix = acquis(&["matrix", DK, "seeds/assessments/xa-2025.yaml"]).stdout;
    assert!(matrix.contains("DK (illustrative)"), "{matrix}");
    assert!(matrix.contains("hold invented answers"), "{matrix}");
    let html = acquis(&[
        "matrix",
        DK,
        "seeds/assessments/xa-2025.yaml",
        "--format",
        "html",
    ])
    .stdout;
    assert!(
        html.contains("Illustrative, invented answers for DK"),
        "page header"
    );
}

#[test]
fn a_real_jurisdictions_ordinary_assessment_carries_no_notice_and_the_flag_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read_to_string(DK)
        .unwrap()
        .replace("illustrative: true\n", "");
    let f = write(dir.path(), "dk.yaml", &plain);
    let md = acquis(&["check", &f, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(!md.contains("Illustrative answers"), "{md}");
    let wrong = plain.replace(
        "date: 2025-03-14\n",
        "date: 2025-03-14\nillustrative: maybe\n",
    );
    let f = write(dir.path(), "wrong.yaml", &wrong);
    let run = acquis(&["validate", &f]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(":9:15: error: `illustrative` is `true` or `false`"),
        "{}",
        run.stderr
    );
}
