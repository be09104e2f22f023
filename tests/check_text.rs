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
    // Counted from the results, so that adding a rule changes no test of the wording.
    let rules = json["results"].as_array().unwrap().len();
    assert!(
        run.stderr.contains(&format!(
            "wrote {out} (HTML gap report: 1 assessment, {rules} rule results: {gaps} gaps, "
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

fn check_text(file: &str, columns: Option<&str>) -> String {
    let mut cmd = assert_cmd::Command::cargo_bin("acquis").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("COLUMNS");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.args(["check", file]).output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_terminal_summary_speaks_to_an_official() {
    let text = check_text(XA, None);
    // Instruments by name, the references of one instrument together.
    assert!(
        text.contains("Directive 2011/36/EU, Art. 14(1), Art. 14(2); Council"),
        "{text}"
    );
    assert!(!text.contains("directive-2011-36 Art."), "no slugs: {text}");
    assert!(!text.contains('`'), "no Markdown backticks: {text}");
    assert!(!text.contains("--format json"), "{text}");
    // Each gap shows the answer that failed it, with the question's number and line.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("✗ trafficking guardian: no; yes required (4.19, line "),
        "{text}"
    );
    // Unanswered and partly met have a symbol each; the question to answer is numbered.
    assert!(text.contains("\n? Unanswered ("), "{text}");
    assert!(text.contains("\n◐ Partly met ("), "{text}");
    assert!(
        flat.contains(
            "answer 2.6 And when the child is over the age of sexual consent? (follows 2.5:"
        ),
        "{text}"
    );
    // Off a terminal, 80 columns.
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

#[test]
fn the_summary_wraps_to_columns_and_counts_in_the_right_number() {
    let text = check_text(XA, Some("60"));
    for line in text.lines() {
        // A word longer than the line (a rule id, a link) is kept whole on its own line.
        let one_word = !line.trim().contains(' ');
        assert!(line.chars().count() <= 60 || one_word, "COLUMNS=60: {line}");
    }
    assert!(
        text.lines().any(|l| l.chars().count() > 50),
        "uses the width"
    );
    let dk = check_text(DK, Some("200"));
    assert!(dk.contains(" · 1 gap, "), "{dk}");
    for wrong in ["1 gaps", "1 rules", "1 answers", "1 questions"] {
        assert!(!dk.contains(&format!(" {wrong}")), "{wrong}: {dk}");
        assert!(!text.contains(&format!(" {wrong}")), "{wrong}: {text}");
    }
    assert!(!dk.contains("len()"), "a set's count reads in words: {dk}");
}

/// "1 gaps", "1 assessments": counts take the right number in every format.
#[test]
fn one_is_singular_in_the_matrix_history_and_gap_reports() {
    let one = |args: &[&str]| {
        let run = acquis(args);
        assert!(run.code <= 1, "{}", run.stderr);
        run.stdout
    };
    let matrix = one(&["matrix", DK, "--format", "html"]);
    assert!(matrix.contains("<h1>1 assessment compared:"), "{matrix}");
    let history = format!(
        "{}/tests/fixtures/history/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = one(&["history", &history]);
    assert!(text.contains(": 1 monitoring period, 2025"), "{text}");
    let html = one(&["history", &history, "--format", "html"]);
    assert!(html.contains(": 1 period, 2025"), "{html}");
    for out in [&matrix, &text, &html] {
        for wrong in [
            "1 gaps",
            "1 rules",
            "1 assessments",
            "1 periods",
            "1 monitoring periods",
        ] {
            assert!(
                !out.contains(&format!(">{wrong}")) && !out.contains(&format!(" {wrong}")),
                "{wrong}"
            );
        }
    }
}
