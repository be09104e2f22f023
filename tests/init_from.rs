//! `acquis init --from LAST.yaml --period P`: next period's self-assessment starts from last
//! period's answers and evidence, says what to review, and never touches LAST.

mod common;

use common::{acquis, acquis_in};

const XA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/assessments/xa-2025.yaml"
);
const DK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/assessments/dk-2025-illustrative.yaml"
);

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[test]
fn a_yaml_assessment_rolls_forward_with_its_answers_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("xa-2025.yaml");
    std::fs::copy(XA, &last).unwrap();
    let before = std::fs::read(&last).unwrap();

    let run = acquis_in(
        dir.path(),
        &["init", "--from", "xa-2025.yaml", "--period", "2026"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("review each for 2026"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read(&last).unwrap(),
        before,
        "the input is untouched"
    );

    let next = dir.path().join("xa-2026.yaml");
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(text.contains("\nperiod: \"2026\"\n"), "{text}");
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap();
    assert!(is_iso_date(date) && date != "2025-03-14", "date: {date}");
    assert!(
        text.contains(
            "# TO REVIEW: every answer, evidence and link below is the one given for 2025."
        )
    );
    // The header counts the questions marked below (a count taken from the file, so that a
    // question added to the questionnaire changes no test).
    let unanswered = text.matches("# Not answered for 2025.").count();
    assert!(unanswered > 1, "{text}");
    assert!(
        text.contains(&format!(
            "# {unanswered} questions were not answered for 2025 and are still `null`"
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "    # Not answered for 2025.\n    trust_above_aoc_max_years:\n      value: null\n      evidence: \"Awaiting information from the National Police (fictional).\"\n"
        ),
        "an unanswered question keeps its note and is marked"
    );
    assert!(
        text.contains(
            "    measures_notified:\n      value: true\n      evidence: \"Ministry of Justice, transposition report, s. 118 in force since 2016 (fictional).\"\n"
        ),
        "answer and evidence kept"
    );

    let validate = acquis(&["validate", &next.display().to_string()]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    // Every answer, evidence and link is the same as last period's: diff finds nothing.
    let diff = acquis(&[
        "diff",
        &last.display().to_string(),
        &next.display().to_string(),
        "--format",
        "json",
    ])
    .json();
    assert_eq!(diff["new_period"], "2026");
    for key in [
        "newly_answered",
        "changed_answers",
        "no_longer_answered",
        "changed_evidence",
    ] {
        assert_eq!(
            diff[key].as_array().unwrap().len(),
            0,
            "{key}: {}",
            diff[key]
        );
    }
}

#[test]
fn answers_to_questions_that_do_not_apply_are_kept_and_marked_and_illustrative_stays() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dk.yaml").display().to_string();
    let run = acquis(&["init", "--from", DK, "--period", "2026", "-o", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("\nillustrative: true\n"),
        "invented answers stay marked"
    );
    assert!(
        text.contains("# Not asked of DK: no rule that applies to it reads this question."),
        "{text}"
    );
    let check = acquis(&["check", &out, "--format", "json", "--fail-on", "never"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn the_input_is_never_the_output_and_the_period_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("xa-2025.yaml");
    std::fs::copy(XA, &last).unwrap();
    let before = std::fs::read(&last).unwrap();

    let same_period = acquis_in(dir.path(), &["init", "--from", "xa-2025.yaml"]);
    assert_eq!(same_period.code, 2);
    assert!(
        same_period.stderr.contains("add --period") && same_period.stderr.contains("--period 2026"),
        "{}",
        same_period.stderr
    );
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![
            "init",
            "--from",
            "xa-2025.yaml",
            "--period",
            "2026",
            "-o",
            "xa-2025.yaml",
        ];
        args.extend_from_slice(extra);
        let over = acquis_in(dir.path(), &args);
        assert_eq!(over.code, 2, "{args:?}");
        assert!(
            over.stderr.contains("is one of the input files"),
            "{}",
            over.stderr
        );
    }
    assert_eq!(std::fs::read(&last).unwrap(), before);
}
