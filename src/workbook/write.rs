//! The questionnaire written as a workbook (`acquis init --format xlsx`), optionally with
//! the answers of an existing self-assessment. The layout is described in the module above.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::words::{self, labels, value_label};
use super::{COL_ANSWER, COL_EVIDENCE, COL_ID, COL_QUESTION, COL_URL, COVER, NO, YES, truncate};
use crate::model::{AnswerValue, Assessment, Jurisdiction, Question, QuestionType};
use crate::questionnaire::ASSESSMENT_VERSION;
use crate::ruleset::RuleSet;

const COL_ALLOWED: u16 = 5;
const COL_BASIS: u16 = 6;
/// Where a section sheet's "answered" counter is, in its header row.
const COL_COUNT: u16 = 7;
/// The Cover's row with the counter over all sheets.
const COVER_COUNT_ROW: u32 = 6;
/// Column widths (in characters) of a section sheet, columns A to G.
const COLUMN_WIDTHS: [f64; 7] = [24.0, 60.0, 18.0, 45.0, 28.0, 28.0, 32.0];
/// Width of the Cover's column B, which holds the instructions.
const COVER_TEXT_WIDTH: f64 = 70.0;

fn xlsx(e: XlsxError) -> String {
    format!("cannot build the workbook: {e}")
}

/// The texts a question serves, as a coordinator reads them: `Directive 2011/93/EU, Art. 10(1);
/// …` (also the `init` comments).
pub fn legal_basis(set: &RuleSet, q: &Question) -> String {
    q.sources
        .iter()
        .map(|s| {
            let name = set
                .instrument(&s.doc)
                .map_or(s.doc.as_str(), |i| i.short.as_str());
            format!("{name}, {}", s.reference)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

struct Formats {
    header: Format,
    locked: Format,
    value: Format,
    open: Format,
    date: Format,
    item: Format,
    title: Format,
}

fn formats() -> Formats {
    let base = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    Formats {
        header: base
            .clone()
            .set_bold()
            .set_background_color("D9D9D9")
            .set_border(FormatBorder::Thin),
        locked: base.clone(),
        value: base
            .clone()
            .set_unlocked()
            .set_background_color("FFF9E5")
            .set_border(FormatBorder::Thin),
        open: base
            .clone()
            .set_unlocked()
            .set_background_color("FFFFFF")
            .set_border(FormatBorder::Thin),
        date: base
            .clone()
            .set_unlocked()
            .set_num_format("yyyy-mm-dd")
            .set_background_color("FFF9E5")
            .set_border(FormatBorder::Thin),
        item: base.clone().set_italic(),
        title: Format::new().set_bold().set_font_size(14),
    }
}

fn prepare_sheet(sheet: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    let headers = [
        "id",
        "Question",
        "Answer",
        "Evidence (law, report, decision)",
        "Link (URL)",
        "Allowed answers",
        "Legal basis",
    ];
    for (col, title) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &f.header)?;
    }
    for (col, width) in COLUMN_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_column_hidden(COL_ID)?;
    sheet.set_freeze_panes(1, COL_ANSWER)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.protect_with_options(&resizable());
    Ok(())
}

/// About how many lines `text` takes wrapped at words in a column `width` characters wide.
/// Rows are given this height because spreadsheet programs keep a stored row height when
/// printing and opening (LibreOffice prints rows without one at one line, their wrapped text
/// overlapping); it errs on the tall side, and rows can be resized (see [`resizable`]).
fn wrapped_lines(text: &str, width: f64) -> usize {
    // A column's width counts digits; prose with capitals and wide letters fits fewer.
    let per_line = ((width * 0.85).floor() as usize).max(1);
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1;
            let mut used = 0;
            for word in paragraph.split_whitespace() {
                let len = word.chars().count();
                if used > 0 && used + 1 + len > per_line {
                    lines += 1;
                    used = 0;
                }
                used += if used > 0 { 1 + len } else { len };
                lines += used.saturating_sub(1) / per_line;
                used = if used > per_line {
                    used % per_line
                } else {
                    used
                };
            }
            lines
        })
        .sum()
}

/// The height in points of a row whose tallest cell takes `lines` lines.
fn row_height(lines: usize) -> f64 {
    15.0 * lines as f64 + 3.0
}

/// Sheet protection that keeps the cells locked but lets rows and columns be resized: a
/// long citation or evidence may need a taller row or a wider column than estimated.
fn resizable() -> ProtectionOptions {
    ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    }
}

/// What may be entered in the answer cell, in the workbook's own terms.
fn allowed(kind: &QuestionType) -> String {
    match kind {
        QuestionType::Bool => "yes or no".to_owned(),
        QuestionType::Set { .. } => "yes or no on each line below".to_owned(),
        QuestionType::Date => "a date (YYYY-MM-DD)".to_owned(),
        QuestionType::Enum { values } => format!("one of: {}", labels(values)),
        other => other.expectation().replace('`', ""),
    }
}

fn message(q: &Question) -> String {
    truncate(&format!("{} Answer: {}.", q.text, allowed(&q.kind)), 255)
}

fn validation(q: &Question, number: &str) -> Result<Option<DataValidation>, XlsxError> {
    let v = match &q.kind {
        QuestionType::Bool => DataValidation::new().allow_list_strings(&[YES, NO])?,
        QuestionType::Enum { values } => {
            let shown: Vec<String> = values.iter().map(|v| value_label(v)).collect();
            DataValidation::new().allow_list_strings(&shown)?
        }
        QuestionType::Int { min, max } => {
            let clamp = |x: i64| x.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
            DataValidation::new().allow_whole_number(DataValidationRule::Between(
                clamp(min.unwrap_or(i64::from(i32::MIN))),
                clamp(max.unwrap_or(i64::from(i32::MAX))),
            ))
        }
        QuestionType::Date => DataValidation::new().allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1900, 1, 1)?,
            ExcelDateTime::from_ymd(2200, 12, 31)?,
        )),
        QuestionType::Set { .. } | QuestionType::Text => return Ok(None),
    };
    Ok(Some(
        v.set_input_title(truncate(&format!("Question {number}"), 32))?
            .set_input_message(message(q))?
            .set_error_title("Not an allowed answer")?
            .set_error_message(truncate(
                &format!("Question {number} expects {}.", allowed(&q.kind)),
                255,
            ))?,
    ))
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    q: &Question,
    value: Option<&AnswerValue>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match (value, &q.kind) {
        (None, QuestionType::Date) => sheet.write_blank(row, COL_ANSWER, &f.date).map(|_| ()),
        (None, _) => sheet.write_blank(row, COL_ANSWER, &f.value).map(|_| ()),
        (Some(AnswerValue::Bool(b)), _) => sheet
            .write_string_with_format(row, COL_ANSWER, if *b { YES } else { NO }, &f.value)
            .map(|_| ()),
        (Some(AnswerValue::Int(i)), _) => sheet
            .write_with_format(row, COL_ANSWER, *i as f64, &f.value)
            .map(|_| ()),
        (Some(AnswerValue::Text(s)), QuestionType::Date) => {
            let parts: Vec<u16> = s.split('-').filter_map(|p| p.parse().ok()).collect();
            match ExcelDateTime::from_ymd(parts[0], parts[1] as u8, parts[2] as u8) {
                Ok(d) => sheet
                    .write_date_with_format(row, COL_ANSWER, &d, &f.date)
                    .map(|_| ()),
                Err(_) => sheet
                    .write_string_with_format(row, COL_ANSWER, s, &f.value)
                    .map(|_| ()),
            }
        }
        (Some(AnswerValue::Text(s)), QuestionType::Enum { .. }) => sheet
            .write_string_with_format(row, COL_ANSWER, value_label(s), &f.value)
            .map(|_| ()),
        (Some(AnswerValue::Text(s)), _) => sheet
            .write_string_with_format(row, COL_ANSWER, s, &f.value)
            .map(|_| ()),
        (Some(AnswerValue::Set(_)), _) => Ok(()),
    }
}

/// A workbook for `jurisdiction`: its applicable questions, with the answers of `existing` if given.
pub fn export(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    existing: Option<&Assessment>,
) -> Result<Vec<u8>, String> {
    let f = formats();
    let mut book = Workbook::new();
    let asked = set.questions_for(jurisdiction);
    {
        let cover = book.add_worksheet().set_name(COVER).map_err(xlsx)?;
        cover.set_column_width(0, 22.0).map_err(xlsx)?;
        cover.set_column_width(1, COVER_TEXT_WIDTH).map_err(xlsx)?;
        cover
            .write_string_with_format(
                0,
                0,
                format!(
                    "Self-assessment: {} ({})",
                    jurisdiction.name, jurisdiction.code
                ),
                &f.title,
            )
            .map_err(xlsx)?;
        let rows: [(&str, String, &Format); 4] = [
            ("Jurisdiction", jurisdiction.code.clone(), &f.locked),
            // The period asked for: `init --from LAST --period P` starts period P.
            ("Period", period.to_owned(), &f.open),
            (
                "Prepared by",
                existing
                    .and_then(|a| a.prepared_by.clone())
                    .unwrap_or_default(),
                &f.open,
            ),
            (
                "Date (YYYY-MM-DD)",
                // The date of a past period's answers is not the date of the new ones.
                existing
                    .filter(|a| a.period == period)
                    .and_then(|a| a.date.clone())
                    .unwrap_or_default(),
                &f.open,
            ),
        ];
        for (i, (label, value, format)) in rows.iter().enumerate() {
            let row = 2 + i as u32;
            cover
                .write_string_with_format(row, 0, *label, &f.header)
                .map_err(xlsx)?;
            cover
                .write_string_with_format(row, 1, value, format)
                .map_err(xlsx)?;
        }
        let instructions = [
            "How to fill in this workbook",
            "Each sheet is one part of the questionnaire. Answer in the yellow column C; give the evidence (the law, report or decision the answer rests on) in column D and a link in column E.",
            "Yes/no questions and questions with listed answers have a drop-down list. For questions with several possible answers, answer yes or no on each line below the question.",
            "If the law or practice meets a requirement only partly, answer no and explain in the evidence column (D) what is in place and what is missing.",
            "Leave a cell empty when the answer is not known yet: an unanswered question is never counted as a gap, it is reported as unanswered.",
            "\"Answered\" above, and at the top right of each sheet, counts the answer cells filled so far.",
            "When you have finished, save the workbook and send it back to the person who sent it to you.",
        ];
        for (i, line) in instructions.iter().enumerate() {
            let format = if i == 0 { &f.header } else { &f.locked };
            cover
                .write_string_with_format(8 + i as u32, 0, "", format)
                .map_err(xlsx)?;
            cover
                .write_string_with_format(8 + i as u32, 1, *line, format)
                .map_err(xlsx)?;
            cover
                .set_row_height(
                    8 + i as u32,
                    row_height(wrapped_lines(line, COVER_TEXT_WIDTH)),
                )
                .map_err(xlsx)?;
        }
        cover
            .write_string(20, 0, format!("acquis workbook for {ASSESSMENT_VERSION}"))
            .map_err(xlsx)?;
        cover.set_row_hidden(20).map_err(xlsx)?;
        // The title's row is as tall as its larger font; the other rows fit their text.
        cover.set_row_height(0, 21.0).map_err(xlsx)?;
        // Printed on one page width, title and instructions together.
        cover.set_paper_size(9); // A4
        cover.set_print_fit_to_pages(1, 0);
        cover
            .set_print_area(0, 0, 8 + instructions.len() as u32 - 1, 1)
            .map_err(xlsx)?;
        cover.protect_with_options(&resizable());
    }
    let sheet_names = words::section_sheets(&set.questionnaire);
    let mut counts: Vec<(String, AnswerCount)> = Vec::new();
    for (section, (_, sheet_name)) in set.questionnaire.sections.iter().zip(&sheet_names) {
        let questions = set.questionnaire.asked_in(section, &asked);
        if questions.is_empty() {
            continue;
        }
        let sheet = book.add_worksheet().set_name(sheet_name).map_err(xlsx)?;
        prepare_sheet(sheet, &f).map_err(xlsx)?;
        let mut row = 1u32;
        let mut count = AnswerCount::default();
        for q in questions {
            let number = set
                .questionnaire
                .number(&q.id)
                .map_or_else(|| q.id.clone(), |n| n.to_string());
            // The number people cite the question by, in the column they read (#19).
            let text = format!("{number}  {}", q.text);
            let answer = existing.and_then(|a| a.answers.get(&q.id));
            let value = answer.and_then(|a| a.value.as_ref());
            sheet
                .write_string_with_format(row, COL_ID, &q.id, &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_QUESTION, &text, &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_ALLOWED, allowed(&q.kind), &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_BASIS, legal_basis(set, q), &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(
                    row,
                    COL_EVIDENCE,
                    answer.and_then(|a| a.evidence.clone()).unwrap_or_default(),
                    &f.open,
                )
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(
                    row,
                    COL_URL,
                    answer.and_then(|a| a.url.clone()).unwrap_or_default(),
                    &f.open,
                )
                .map_err(xlsx)?;
            let lines = [
                (text.as_str(), COLUMN_WIDTHS[usize::from(COL_QUESTION)]),
                (
                    answer.and_then(|a| a.evidence.as_deref()).unwrap_or(""),
                    COLUMN_WIDTHS[usize::from(COL_EVIDENCE)],
                ),
                (&legal_basis(set, q), COLUMN_WIDTHS[usize::from(COL_BASIS)]),
                (&allowed(&q.kind), COLUMN_WIDTHS[usize::from(COL_ALLOWED)]),
            ]
            .iter()
            .map(|(text, width)| wrapped_lines(text, *width))
            .max()
            .unwrap_or(1);
            sheet.set_row_height(row, row_height(lines)).map_err(xlsx)?;
            if let QuestionType::Set { values } = &q.kind {
                sheet
                    .write_string_with_format(row, COL_ANSWER, "answer each line below", &f.locked)
                    .map_err(xlsx)?;
                count.headings += 1;
                let chosen = match value {
                    Some(AnswerValue::Set(items)) => Some(items),
                    _ => None,
                };
                for v in values {
                    row += 1;
                    count.cells += 1;
                    count.filled += usize::from(chosen.is_some());
                    sheet
                        .write_string_with_format(row, COL_ID, format!("{}={v}", q.id), &f.locked)
                        .map_err(xlsx)?;
                    sheet
                        .write_string_with_format(
                            row,
                            COL_QUESTION,
                            format!("      • {}", value_label(v)),
                            &f.item,
                        )
                        .map_err(xlsx)?;
                    match chosen {
                        Some(items) => sheet
                            .write_string_with_format(
                                row,
                                COL_ANSWER,
                                if items.contains(v) { YES } else { NO },
                                &f.value,
                            )
                            .map_err(xlsx)?,
                        None => sheet.write_blank(row, COL_ANSWER, &f.value).map_err(xlsx)?,
                    };
                    let item_validation = DataValidation::new()
                        .allow_list_strings(&[YES, NO])
                        .and_then(|v| {
                            v.set_input_title(truncate(&format!("Question {number}"), 32))
                        })
                        .and_then(|d| {
                            d.set_input_message(truncate(
                                &format!("{} — {}: yes or no.", q.text, value_label(v)),
                                255,
                            ))
                        })
                        .map_err(xlsx)?;
                    sheet
                        .add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &item_validation)
                        .map_err(xlsx)?;
                }
            } else {
                count.cells += 1;
                count.filled += usize::from(value.is_some());
                write_value(sheet, row, q, value, &f).map_err(xlsx)?;
                if let Some(v) = validation(q, &number).map_err(xlsx)? {
                    sheet
                        .add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &v)
                        .map_err(xlsx)?;
                }
            }
            row += 1;
        }
        count.last_row = row - 1;
        sheet.set_column_width(COL_COUNT, 34.0).map_err(xlsx)?;
        sheet
            .write_formula_with_format(0, COL_COUNT, count.formula(None), &f.header)
            .map_err(xlsx)?;
        counts.push((sheet_name.clone(), count));
    }
    let (cells, filled) = counts
        .iter()
        .fold((0, 0), |(c, f), (_, n)| (c + n.cells, f + n.filled));
    let terms: Vec<String> = counts
        .iter()
        .map(|(name, n)| n.answered_expression(Some(name)))
        .collect();
    let total = if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join("+")
    };
    let cover = book.worksheet_from_name(COVER).map_err(xlsx)?;
    cover
        .write_string_with_format(COVER_COUNT_ROW, 0, "Answered", &f.header)
        .map_err(xlsx)?;
    cover
        .write_formula_with_format(
            COVER_COUNT_ROW,
            1,
            Formula::new(format!("=({total})&\" of {cells} answer cells filled\""))
                .set_result(format!("{filled} of {cells} answer cells filled")),
            &f.locked,
        )
        .map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}

/// The answer cells of one section sheet, for its "answered" counter.
#[derive(Default)]
struct AnswerCount {
    /// Answer cells to fill: one per question, one per line of a set question.
    cells: usize,
    /// Of them, those filled when the workbook is written.
    filled: usize,
    /// Set questions' own rows, whose answer cell holds "answer each line below".
    headings: usize,
    /// The sheet's last row (0-based).
    last_row: u32,
}

impl AnswerCount {
    /// How many answer cells are filled, as a formula expression: the non-empty cells of
    /// column C below the header, less the set questions' own rows.
    fn answered_expression(&self, sheet: Option<&str>) -> String {
        let prefix = sheet
            .map(|s| format!("{}!", super::sheet_ref(s)))
            .unwrap_or_default();
        format!(
            "(COUNTA({prefix}C2:C{})-{})",
            self.last_row + 1,
            self.headings
        )
    }

    /// The sheet's counter, "Answered: 3 of 12", computed by the spreadsheet program.
    fn formula(&self, sheet: Option<&str>) -> Formula {
        Formula::new(format!(
            "=\"Answered: \"&{}&\" of {}\"",
            self.answered_expression(sheet),
            self.cells
        ))
        .set_result(format!("Answered: {} of {}", self.filled, self.cells))
    }
}
