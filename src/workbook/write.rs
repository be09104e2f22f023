//! The questionnaire written as a workbook (`acquis init --format xlsx`), optionally with
//! the answers of an existing self-assessment. The layout is described in the module above.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Formula, Workbook, Worksheet, XlsxError,
};

use super::style::{Formats, resizable, row_height, wrapped_lines};
use super::words::{self, labels, value_label, yes_no};
use super::{COL_ANSWER, COL_EVIDENCE, COL_ID, COL_QUESTION, COL_URL, truncate};
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::model::{AnswerValue, Assessment, Jurisdiction, Question, QuestionType};
use crate::ruleset::RuleSet;

const COL_ALLOWED: u16 = 5;
const COL_BASIS: u16 = 6;
/// Where a section sheet's "answered" counter is, in its header row.
const COL_COUNT: u16 = 7;
/// Column widths (in characters) of a section sheet, columns A to G.
const COLUMN_WIDTHS: [f64; 7] = [24.0, 60.0, 18.0, 45.0, 28.0, 28.0, 32.0];

/// rust_xlsxwriter refused a cell or a sheet of the workbook being written.
#[derive(Debug)]
pub struct ExportError(pub XlsxError);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the workbook: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

fn xlsx(e: XlsxError) -> ExportError {
    ExportError(e)
}

/// The texts a question serves, as a coordinator reads them: `Directive 2011/93/EU, Art. 10(1);
/// …` (also the `init` comments), the texts' short names in `lang`.
pub fn legal_basis(set: &RuleSet, q: &Question, lang: Lang) -> String {
    q.sources
        .iter()
        .map(|s| {
            let name = set
                .instrument(&s.doc)
                .map_or(s.doc.as_str(), |i| i.short_in(lang).text);
            format!("{name}, {}", s.reference)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn prepare_sheet(sheet: &mut Worksheet, f: &Formats, lang: Lang) -> Result<(), XlsxError> {
    // Column A holds the ids import matches on: its heading is the same in every language.
    let headers = [
        "id",
        t(lang, "Question"),
        t(lang, "Answer"),
        t(lang, "Evidence (law, report, decision)"),
        t(lang, "Link (URL)"),
        t(lang, "Allowed answers"),
        t(lang, "Legal basis"),
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

/// What may be entered in the answer cell, in the workbook's own terms.
fn allowed(kind: &QuestionType, lang: Lang) -> String {
    let text = match kind {
        QuestionType::Bool => t(lang, "yes or no").to_owned(),
        QuestionType::Set { .. } => t(lang, "yes or no on each line below").to_owned(),
        QuestionType::Date => t(lang, "a date (YYYY-MM-DD)").to_owned(),
        QuestionType::Enum { values } => {
            tf(lang, "one of: {values}", &[("values", &labels(values))])
        }
        other => other.expectation_in(lang).replace('`', ""),
    };
    lang.typography(&text).into_owned()
}

fn message(q: &Question, lang: Lang) -> String {
    truncate(
        &lang.typography(&tf(
            lang,
            "{question} Answer: {allowed}.",
            &[
                ("question", q.text_in(lang).text),
                ("allowed", &allowed(&q.kind, lang)),
            ],
        )),
        255,
    )
}

fn validation(q: &Question, number: &str, lang: Lang) -> Result<Option<DataValidation>, XlsxError> {
    let v = match &q.kind {
        QuestionType::Bool => DataValidation::new().allow_list_strings(&yes_no(lang))?,
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
        v.set_input_title(truncate(
            &tf(lang, "Question {number}", &[("number", number)]),
            32,
        ))?
        .set_input_message(message(q, lang))?
        .set_error_title(t(lang, "Not an allowed answer"))?
        .set_error_message(truncate(
            &tf(
                lang,
                "Question {number} expects {allowed}.",
                &[("number", number), ("allowed", &allowed(&q.kind, lang))],
            ),
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
    lang: Lang,
) -> Result<(), XlsxError> {
    let [yes, no] = yes_no(lang);
    match (value, &q.kind) {
        (None, QuestionType::Date) => sheet.write_blank(row, COL_ANSWER, &f.date).map(|_| ()),
        (None, _) => sheet.write_blank(row, COL_ANSWER, &f.value).map(|_| ()),
        (Some(AnswerValue::Bool(b)), _) => sheet
            .write_string_with_format(row, COL_ANSWER, if *b { yes } else { no }, &f.value)
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

/// A workbook for `jurisdiction`: its applicable questions, with the answers of `existing` if
/// given, its words in `lang` (the ids in column A and the listed answers' values are the
/// same in every language; import reads a workbook of any language).
pub fn export(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    existing: Option<&Assessment>,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let [yes, no] = yes_no(lang);
    let f = Formats::new();
    let mut book = Workbook::new();
    let asked = set.questions_for(jurisdiction);
    super::cover::write(&mut book, &f, jurisdiction, period, existing, lang).map_err(xlsx)?;
    let sheet_names = words::section_sheets(&set.questionnaire, lang);
    let mut counts: Vec<(String, AnswerCount)> = Vec::new();
    for (section, (_, sheet_name)) in set.questionnaire.sections.iter().zip(&sheet_names) {
        let questions = set.questionnaire.asked_in(section, &asked);
        if questions.is_empty() {
            continue;
        }
        let sheet = book.add_worksheet().set_name(sheet_name).map_err(xlsx)?;
        prepare_sheet(sheet, &f, lang).map_err(xlsx)?;
        let mut row = 1u32;
        let mut count = AnswerCount::default();
        for q in questions {
            let number = set
                .questionnaire
                .number(&q.id)
                .map_or_else(|| q.id.clone(), |n| n.to_string());
            // The number people cite the question by, in the column they read (#19).
            let question = lang.typography(q.text_in(lang).text).into_owned();
            let text = format!("{number}  {question}");
            let answer = existing.and_then(|a| a.answers.get(&q.id));
            let value = answer.and_then(|a| a.value.as_ref());
            sheet
                .write_string_with_format(row, COL_ID, &q.id, &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_QUESTION, &text, &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_ALLOWED, allowed(&q.kind, lang), &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_BASIS, legal_basis(set, q, lang), &f.locked)
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
                (
                    &legal_basis(set, q, lang),
                    COLUMN_WIDTHS[usize::from(COL_BASIS)],
                ),
                (
                    &allowed(&q.kind, lang),
                    COLUMN_WIDTHS[usize::from(COL_ALLOWED)],
                ),
            ]
            .iter()
            .map(|(text, width)| wrapped_lines(text, *width))
            .max()
            .unwrap_or(1);
            sheet.set_row_height(row, row_height(lines)).map_err(xlsx)?;
            if let QuestionType::Set { values } = &q.kind {
                sheet
                    .write_string_with_format(
                        row,
                        COL_ANSWER,
                        t(lang, "answer each line below"),
                        &f.locked,
                    )
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
                                if items.contains(v) { yes } else { no },
                                &f.value,
                            )
                            .map_err(xlsx)?,
                        None => sheet.write_blank(row, COL_ANSWER, &f.value).map_err(xlsx)?,
                    };
                    let item_validation = DataValidation::new()
                        .allow_list_strings(&[yes, no])
                        .and_then(|v| {
                            v.set_input_title(truncate(
                                &tf(lang, "Question {number}", &[("number", &number)]),
                                32,
                            ))
                        })
                        .and_then(|d| {
                            d.set_input_message(truncate(
                                &lang.typography(&tf(
                                    lang,
                                    "{question} — {item}: yes or no.",
                                    &[("question", question.as_str()), ("item", &value_label(v))],
                                )),
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
                write_value(sheet, row, q, value, &f, lang).map_err(xlsx)?;
                if let Some(v) = validation(q, &number, lang).map_err(xlsx)? {
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
            .write_formula_with_format(0, COL_COUNT, count.formula(None, lang), &f.header)
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
    super::cover::write_count(&mut book, &f, &total, cells, filled, lang).map_err(xlsx)?;
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
    fn formula(&self, sheet: Option<&str>, lang: Lang) -> Formula {
        let label = lang.typography(t(lang, "Answered: "));
        let of = tf(lang, " of {cells}", &[("cells", &self.cells.to_string())]);
        Formula::new(format!(
            "=\"{label}\"&{}&\"{of}\"",
            self.answered_expression(sheet),
        ))
        .set_result(format!("{label}{}{of}", self.filled))
    }
}
