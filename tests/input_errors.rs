//! Bad self-assessments: exit 2, every problem named at file:line:col, nothing written.

mod common;

use common::{acquis, fixture, write};

/// Runs `check -o OUT` on a file with `text`; asserts exit 2 and no output; returns stderr.
fn rejected(text: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.yaml", text);
    let out = dir.path().join("report.json");
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    assert!(
        !out.exists(),
        "an output file was written despite bad input"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only the input remains: {leftovers:?}");
    (file, run.stderr)
}

const HEAD: &str = "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  s:\n";

#[test]
fn malformed_yaml_names_line_and_column() {
    let (file, err) = rejected(&format!("{HEAD}    x: [true\n    y: false\n"));
    assert!(
        err.contains(&format!(
            "{file}:7:6: error: a `:` where YAML does not expect one"
        )),
        "{err}"
    );
}

#[test]
fn an_unknown_question_is_named_with_a_suggestion() {
    let (file, err) = rejected(&format!("{HEAD}    levl: full\n"));
    assert!(
        err.contains(&format!(
            "{file}:6:5: error: unknown question `levl` in section `s`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `level`?"), "{err}");
}

#[test]
fn an_unknown_section_is_named_with_a_suggestion() {
    let (file, err) = rejected(
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ss:\n    x: true\n",
    );
    assert!(
        err.contains(&format!("{file}:5:3: error: unknown section `ss`")),
        "{err}"
    );
    assert!(err.contains("did you mean `s`?"), "{err}");
}

#[test]
fn wrong_types_are_errors_for_each_question_type() {
    let (file, err) = rejected(&format!(
        "{HEAD}    x: yes\n    level: 3\n    n: many\n    tags: a\n    since: 14/03/2025\n"
    ));
    for (line, col, what) in [
        (6, 8, "`s.x` expects `true` or `false`, not `yes`"),
        (
            7,
            12,
            "`s.level` expects one of `full`, `partial`, `none`, not `3`",
        ),
        (
            8,
            8,
            "`s.n` expects a whole number from 0 to 10, not `many`",
        ),
        (9, 11, "`s.tags` expects a list of any of"),
        (10, 12, "`s.since` expects a date written YYYY-MM-DD"),
    ] {
        assert!(
            err.contains(&format!("{file}:{line}:{col}: error: {what}")),
            "missing {what}:\n{err}"
        );
    }
    assert!(err.contains("write `true` for yes"), "{err}");
}

#[test]
fn values_out_of_range_or_not_allowed_are_errors() {
    let (file, err) = rejected(&format!(
        "{HEAD}    n: 11\n    level: ful\n    tags: [a, d]\n"
    ));
    assert!(
        err.contains(&format!(
            "{file}:6:8: error: `s.n` is 11, outside the allowed range"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:7:12: error: `ful` is not an allowed answer to `s.level`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `full`?"), "{err}");
    assert!(
        err.contains(&format!(
            "{file}:8:15: error: `d` is not an allowed value of `s.tags`"
        )),
        "{err}"
    );
}

#[test]
fn all_errors_of_a_file_are_reported_together() {
    let (_, err) = rejected(&format!("{HEAD}    levl: full\n    x: 1\n    n: -1\n"));
    assert_eq!(err.matches(": error: ").count(), 3, "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn header_problems_are_reported() {
    let (file, err) = rejected(
        "acquis: assessment/99\njurisdiction: XQ\nperiod: \"2025\"\nanswers: {}\nextra: 1\n",
    );
    assert!(
        err.contains(&format!(
            "{file}:1:9: error: unsupported file version `assessment/99`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{file}:2:15: error: unknown jurisdiction `XQ`")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:5:1: error: unknown field `extra` in a self-assessment"
        )),
        "{err}"
    );
    let (_, err) = rejected("acquis: assessment/1\nperiod: \"2025\"\nanswers: {}\n");
    assert!(
        err.contains("missing the required field `jurisdiction`"),
        "{err}"
    );
}

#[test]
fn long_form_with_unknown_keys_is_an_error() {
    let (file, err) = rejected(&format!(
        "{HEAD}    x:\n      value: true\n      evidnce: Act 1\n"
    ));
    assert!(
        err.contains(&format!("{file}:8:7: error: unknown field `evidnce`")),
        "{err}"
    );
    assert!(err.contains("did you mean `evidence`?"), "{err}");
}

#[test]
fn an_output_path_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEAD}    x: true\n");
    let file = write(dir.path(), "a.yaml", &text);
    let run = acquis(&["check", &file, "--rules", &fixture("logic"), "-o", &file]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is one of the input files"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "the input is unchanged"
    );
}

#[test]
fn a_report_is_written_to_the_output_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.yaml",
        &format!("{HEAD}    x: true\n    y: true\n"),
    );
    let out = dir.path().join("out.json");
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "-o",
        &out.display().to_string(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(
        run.code, 3,
        "the fixture set has failing rules: {}",
        run.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["jurisdiction"], "XA");
    assert!(run.stdout.is_empty());
}

#[test]
fn validate_reports_errors_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.yaml", &format!("{HEAD}    x: maybe\n"));
    let run = acquis(&["validate", &bad, "--rules", &fixture("logic")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!("{bad}:6:8: error:")),
        "{}",
        run.stderr
    );
    let good = write(dir.path(), "good.yaml", &format!("{HEAD}    x: true\n"));
    let run = acquis(&["validate", &good, "--rules", &fixture("logic")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
}
