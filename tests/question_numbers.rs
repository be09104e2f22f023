//! Questions are cited by number (7.3: the seventh section of the questionnaire, its third
//! question) wherever a coordinator reads them: the workbook, `init`'s comments, `validate`,
//! `explain` and the reports. The number comes from the whole questionnaire, so it is the same
//! for every jurisdiction.

mod common;
mod workbook_support;

use common::acquis;

const ECRIS: &str = "Criminal record checks (ECRIS)";

fn question_cell(bytes: &[u8], sheet: &str, id: &str) -> String {
    let row = workbook_support::row_of(bytes, sheet, id) - 1;
    let mut book = acquis::workbook::xlsx::Workbook::open("book.xlsx", bytes).unwrap();
    let cells = book.read_sheet(sheet, 1).unwrap().cells;
    match cells.into_iter().find(|c| c.row == row && c.col == 1) {
        Some(c) => match c.value {
            acquis::workbook::xlsx::CellValue::Text(t) => t,
            other => panic!("{other:?}"),
        },
        None => String::new(),
    }
}

#[test]
fn the_workbook_numbers_each_question_the_same_for_every_jurisdiction() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["XA", "DK"] {
        let book = dir.path().join(format!("{code}.xlsx"));
        let run = acquis(&[
            "init",
            "--jurisdiction",
            code,
            "--period",
            "2025",
            "--format",
            "xlsx",
            "-o",
            &book.display().to_string(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let bytes = std::fs::read(&book).unwrap();
        // DK is not asked the Directive's 7.1-7.5: its first ECRIS question is still 7.6.
        let (id, number) = if code == "XA" {
            ("ecris.entitled_voluntary", "7.3")
        } else {
            ("ecris.replies_within_deadlines", "7.6")
        };
        let text = question_cell(&bytes, ECRIS, id);
        assert!(text.starts_with(&format!("{number}  ")), "{code}: {text}");
        let xml = workbook_support::part(&bytes, &workbook_support::sheet_part(&bytes, ECRIS));
        assert!(
            xml.contains(&format!("\"Question {number}\"")),
            "{code}: the answer cell's prompt names the question by number"
        );
    }
}

#[test]
fn validate_numbers_questions_shows_follow_ups_with_their_question_and_says_what_is_not_read() {
    let xa = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/assessments/xa-2025.yaml"
    );
    let run = acquis(&["validate", xa]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    // offences.trust_above_aoc_max_years asks "And when the child is over the age of sexual
    // consent?": meaningless without 2.5, which it follows.
    assert!(
        flat.contains(
            "2.6 And when the child is over the age of sexual consent? (follows 2.5: What is the maximum term of imprisonment, in whole years, for engaging in sexual activities with a child by abusing a recognised position of trust"
        ),
        "{}",
        run.stdout
    );
    assert!(
        flat.contains("offences.trust_above_aoc_max_years (line "),
        "the key to find it in the file: {}",
        run.stdout
    );
    assert!(!flat.contains("decides 0 rules"), "{}", run.stdout);

    let dk = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/assessments/dk-2025-illustrative.yaml"
    );
    let run = acquis(&["validate", dk]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "answers are not read because their questions are asked only for Directive 2011/93/EU, which does not bind DK: 1.1, 2.1,"
        ),
        "{}",
        run.stdout
    );
    // A question no rule waits for says which answer would make it count.
    assert!(
        flat.contains(
            "ecris.vetting_roles: not needed with the answers given so far; it decides a rule if the answer to 7.9 (ecris.vetting_duty) changes"
        ),
        "{}",
        run.stdout
    );
    assert!(!flat.contains("decides 0 rules"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= 80,
            "wrapped at 80 off a terminal: {line}"
        );
    }
}

#[test]
fn the_gap_reports_name_questions_by_number() {
    let xa = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/assessments/xa-2025.yaml"
    );
    let md = acquis(&["check", xa, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(
        md.contains("| 4.19 Is a guardian or representative appointed"),
        "answers read, by number: {md}"
    );
    assert!(
        md.contains("| 2.22 And when the child is over the age of sexual consent? (follows 2.21: What is the maximum term"),
        "questions to answer, a follow-up with its question: {md}"
    );
    let html = acquis(&["check", xa, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains("<th scope=\"row\">4.19 Is a guardian or representative appointed"),
        "{html}"
    );
}
