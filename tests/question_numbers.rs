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
