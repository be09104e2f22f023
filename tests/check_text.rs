//! What `acquis check` tells an official: the terminal summary, and what `-o FILE` wrote and
//! why the exit code is 1.

mod common;

use common::acquis;

const XA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/assessments/xa-2025.yaml"
);
const DK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/assessments/dk-2025-illustrative.yaml"
);

#[test]
fn writing_to_a_file_says_what_was_written_and_why_the_exit_code_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("xa.html").display().to_string();
    let run = acquis(&["check", XA, "-o", &out]);
    assert_eq!(run.code, 1);
    let json = acquis(&["check", XA, "--format", "json"]).json();
    let gaps = common::statuses(&json)
        .values()
        .filter(|s| *s == "gap")
        .count();
    assert!(gaps > 1);
    assert!(
        run.stderr.contains(&format!(
            "wrote {out} (HTML gap report: 1 assessment, 134 rule results: {gaps} gaps, "
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "exit code 1: {gaps} rules reached --fail-on gap (the default)."
        )) && run.stderr.contains("add --fail-on never to exit 0"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "the report went to the file");

    // Exit 0: the note of what was written, and nothing about the exit code.
    let out = dir.path().join("dk.csv").display().to_string();
    let run = acquis(&["check", DK, "-o", &out, "--fail-on", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("(CSV table: 1 assessment, "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not applicable"), "{}", run.stderr);
    assert!(!run.stderr.contains("exit code"), "{}", run.stderr);
}
