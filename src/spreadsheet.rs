//! The questionnaire as a workbook, and a filled workbook back as a self-assessment.
//!
//! Layout (one sheet per questionnaire section, plus `Cover`):
//! column A holds the question id (hidden; it is what import matches on), B the question,
//! C the answer, D the evidence, E a link, F the allowed answers, G the legal basis.
//! A set question is followed by one row per allowed value, answered yes or no.
//! Only the answer, evidence and link cells are unlocked; the sheets are protected.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use crate::diagnostic::{Diagnostic, Pos, suggestion};
use crate::load::RuleSet;
use crate::model::{AnswerValue, Assessment, Jurisdiction, Question, QuestionType};
use crate::questionnaire::{ASSESSMENT_VERSION, is_iso_date};

pub const COVER: &str = "Cover";
const COL_ID: u16 = 0;
const COL_QUESTION: u16 = 1;
const COL_ANSWER: u16 = 2;
const COL_EVIDENCE: u16 = 3;
const COL_URL: u16 = 4;
const COL_ALLOWED: u16 = 5;
const COL_BASIS: u16 = 6;
const YES: &str = "yes";
const NO: &str = "no";

fn column_letter(col: u16) -> char {
    (b'A' + col as u8) as char
}

/// `ecris!C12` for row and column (both 0-based).
pub fn cell_name(sheet: &str, row: u32, col: u16) -> String {
    format!("{sheet}!{}{}", column_letter(col), row + 1)
}

fn xlsx(e: XlsxError) -> String {
    format!("cannot build the workbook: {e}")
}

/// Days since 1899-12-30 (the spreadsheet epoch) to `YYYY-MM-DD`.
fn date_from_serial(serial: f64) -> String {
    crate::waivers::civil_date(serial.floor() as i64 - 25_569)
}

fn legal_basis(set: &RuleSet, q: &Question) -> String {
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

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
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
    for (col, width) in [
        (COL_ID, 24.0),
        (COL_QUESTION, 60.0),
        (COL_ANSWER, 18.0),
        (COL_EVIDENCE, 45.0),
        (COL_URL, 28.0),
        (COL_ALLOWED, 28.0),
        (COL_BASIS, 32.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_column_hidden(COL_ID)?;
    sheet.set_freeze_panes(1, COL_ANSWER)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.protect();
    Ok(())
}

/// About how many lines `text` takes in a column `width` characters wide.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.05).floor().max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// What may be entered in the answer cell, in the workbook's own terms.
fn allowed(kind: &QuestionType) -> String {
    match kind {
        QuestionType::Bool => "yes or no".to_owned(),
        QuestionType::Set { .. } => "yes or no on each line below".to_owned(),
        QuestionType::Date => "a date (YYYY-MM-DD)".to_owned(),
        other => other.expectation().replace('`', ""),
    }
}

fn message(q: &Question) -> String {
    truncate(&format!("{} Answer: {}.", q.text, allowed(&q.kind)), 255)
}

fn validation(q: &Question) -> Result<Option<DataValidation>, XlsxError> {
    let v = match &q.kind {
        QuestionType::Bool => DataValidation::new().allow_list_strings(&[YES, NO])?,
        QuestionType::Enum { values } => DataValidation::new().allow_list_strings(values)?,
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
        v.set_input_title(truncate(&q.id, 32))?
            .set_input_message(message(q))?
            .set_error_title("Not an allowed answer")?
            .set_error_message(truncate(
                &format!("{} expects {}.", q.id, allowed(&q.kind)),
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
        cover.set_column_width(1, 70.0).map_err(xlsx)?;
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
            (
                "Period",
                existing.map_or_else(|| period.to_owned(), |a| a.period.clone()),
                &f.open,
            ),
            (
                "Prepared by",
                existing
                    .and_then(|a| a.prepared_by.clone())
                    .unwrap_or_default(),
                &f.open,
            ),
            (
                "Date (YYYY-MM-DD)",
                existing.and_then(|a| a.date.clone()).unwrap_or_default(),
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
            "Leave a cell empty when the answer is not known yet: an unanswered question is never counted as a gap, it is reported as unanswered.",
            "Then turn the workbook into a self-assessment with `acquis import FILE.xlsx`, or check it directly with `acquis check FILE.xlsx`.",
        ];
        for (i, line) in instructions.iter().enumerate() {
            let format = if i == 0 { &f.header } else { &f.locked };
            cover
                .write_string_with_format(8 + i as u32, 0, "", format)
                .map_err(xlsx)?;
            cover
                .write_string_with_format(8 + i as u32, 1, *line, format)
                .map_err(xlsx)?;
        }
        cover
            .write_string(20, 0, format!("acquis workbook for {ASSESSMENT_VERSION}"))
            .map_err(xlsx)?;
        cover.set_row_hidden(20).map_err(xlsx)?;
        cover.protect();
    }
    for section in &set.questionnaire.sections {
        let questions: Vec<&Question> = section
            .questions
            .iter()
            .filter(|q| asked.contains(&q.as_str()))
            .map(|q| &set.questionnaire.questions[q])
            .collect();
        if questions.is_empty() {
            continue;
        }
        let sheet = book.add_worksheet().set_name(&section.name).map_err(xlsx)?;
        prepare_sheet(sheet, &f).map_err(xlsx)?;
        let mut row = 1u32;
        for q in questions {
            let answer = existing.and_then(|a| a.answers.get(&q.id));
            let value = answer.and_then(|a| a.value.as_ref());
            sheet
                .write_string_with_format(row, COL_ID, &q.id, &f.locked)
                .map_err(xlsx)?;
            sheet
                .write_string_with_format(row, COL_QUESTION, &q.text, &f.locked)
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
                (q.text.as_str(), 60.0),
                (
                    answer.and_then(|a| a.evidence.as_deref()).unwrap_or(""),
                    45.0,
                ),
                (&legal_basis(set, q), 32.0),
                (&allowed(&q.kind), 28.0),
            ]
            .iter()
            .map(|(text, width)| wrapped_lines(text, *width))
            .max()
            .unwrap_or(1);
            // Spreadsheet programs do not always grow rows for wrapped text when printing.
            sheet
                .set_row_height(row, 15.0 * lines as f64)
                .map_err(xlsx)?;
            if let QuestionType::Set { values } = &q.kind {
                sheet
                    .write_string_with_format(row, COL_ANSWER, "answer each line below", &f.locked)
                    .map_err(xlsx)?;
                let chosen = match value {
                    Some(AnswerValue::Set(items)) => Some(items),
                    _ => None,
                };
                for v in values {
                    row += 1;
                    sheet
                        .write_string_with_format(row, COL_ID, format!("{}={v}", q.id), &f.locked)
                        .map_err(xlsx)?;
                    sheet
                        .write_string_with_format(
                            row,
                            COL_QUESTION,
                            format!("      • {}", v.replace('_', " ")),
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
                        .and_then(|v| v.set_input_title(truncate(&q.id, 32)))
                        .and_then(|d| {
                            d.set_input_message(truncate(
                                &format!("{} — {v}: yes or no.", q.text),
                                255,
                            ))
                        })
                        .map_err(xlsx)?;
                    sheet
                        .add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &item_validation)
                        .map_err(xlsx)?;
                }
            } else {
                write_value(sheet, row, q, value, &f).map_err(xlsx)?;
                if let Some(v) = validation(q).map_err(xlsx)? {
                    sheet
                        .add_data_validation(row, COL_ANSWER, row, COL_ANSWER, &v)
                        .map_err(xlsx)?;
                }
            }
            row += 1;
        }
    }
    book.save_to_buffer().map_err(xlsx)
}

/// A workbook turned back into a self-assessment.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The self-assessment, as YAML text in the format of SPEC.
    pub yaml: String,
    /// Rows and sheets the questionnaire does not know (another version of it), not imported.
    pub skipped: Vec<String>,
    /// Questions of the questionnaire the workbook does not have.
    pub missing: Vec<String>,
}

/// An answer read from a row: the value as YAML text, the evidence and the link.
#[derive(Debug, Clone, Default)]
struct Row {
    value: Option<String>,
    evidence: Option<String>,
    url: Option<String>,
}

fn text_of(data: Option<&Data>) -> Option<String> {
    match data? {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(s.trim().to_owned()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{}", *x as i64)),
        Data::Float(x) => Some(x.to_string()),
        Data::Bool(b) => Some(if *b { YES } else { NO }.to_owned()),
        Data::DateTime(d) => Some(date_from_serial(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(format!("#{e:?}")),
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// Reads a filled workbook. Every problem of every cell is reported at once, each named by
/// sheet and cell (`ecris!C12`); nothing is produced when there is one.
pub fn import(name: &str, bytes: &[u8], set: &RuleSet) -> Result<Imported, Vec<Diagnostic>> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
            vec![
                Diagnostic::error(name, Pos::FILE, format!("cannot read the workbook: {e}"))
                    .with_help("save it as .xlsx (Excel 2007 or later) or .ods"),
            ]
        })?;
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut error = |cell: String, message: String, help: Option<String>| {
        errors.push(
            Diagnostic::error(name, Pos::FILE, format!("{cell}: {message}")).with_help_opt(help),
        );
    };
    let cover = book.worksheet_range(COVER).map_err(|_| {
        vec![
            Diagnostic::error(
                name,
                Pos::FILE,
                format!("the workbook has no `{COVER}` sheet"),
            )
            .with_help("start from a workbook written by `acquis init --format xlsx`"),
        ]
    })?;
    let cover_text = |row: u32| text_of(cover.get_value((row, 1)));
    let jurisdiction = cover_text(2).unwrap_or_default();
    if set.jurisdiction(&jurisdiction).is_none() {
        error(
            cell_name(COVER, 2, 1),
            format!("`{jurisdiction}` is not a known jurisdiction code"),
            Some(suggestion(
                &jurisdiction,
                set.jurisdictions.iter().map(|j| j.code.as_str()),
                "jurisdiction codes",
            )),
        );
    }
    let period = cover_text(3);
    if period.is_none() {
        error(
            cell_name(COVER, 3, 1),
            "the period is empty".into(),
            Some("write the period assessed, e.g. 2025".into()),
        );
    }
    let prepared_by = cover_text(4);
    let date = cover_text(5);
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        error(
            cell_name(COVER, 5, 1),
            format!("`{d}` is not a date"),
            Some("write the date as YYYY-MM-DD".into()),
        );
    }

    let mut skipped = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    // question id → (value text, evidence, url)
    let mut answers: BTreeMap<String, Row> = BTreeMap::new();
    // set question id → (value, yes/no) in row order
    let mut set_items: BTreeMap<String, Vec<(String, Option<bool>)>> = BTreeMap::new();
    for sheet_name in book.sheet_names() {
        if sheet_name == COVER {
            continue;
        }
        if set.questionnaire.section(&sheet_name).is_none() {
            skipped.push(format!(
                "sheet `{sheet_name}` (not a section of this questionnaire)"
            ));
            continue;
        }
        let Ok(range) = book.worksheet_range(&sheet_name) else {
            continue;
        };
        let (rows, _) = range.get_size();
        let first = range.start().map_or(0, |(r, _)| r);
        for row in first.max(1)..first + rows as u32 {
            let Some(id) = text_of(range.get_value((row, u32::from(COL_ID)))) else {
                continue;
            };
            let cell = |col: u16| text_of(range.get_value((row, u32::from(col))));
            let at = |col: u16| cell_name(&sheet_name, row, col);
            if let Some((qid, value)) = id.split_once('=') {
                let Some(q) = set.questionnaire.questions.get(qid) else {
                    skipped.push(format!("{} (`{id}`)", at(COL_ID)));
                    continue;
                };
                let QuestionType::Set { values } = &q.kind else {
                    continue;
                };
                if !values.iter().any(|v| v == value) {
                    skipped.push(format!(
                        "{} (`{id}`: no longer an allowed value)",
                        at(COL_ID)
                    ));
                    continue;
                }
                let answer = match cell(COL_ANSWER).map(|s| s.to_lowercase()) {
                    None => None,
                    Some(s) if s == YES || s == "true" => Some(true),
                    Some(s) if s == NO || s == "false" => Some(false),
                    Some(s) => {
                        error(
                            at(COL_ANSWER),
                            format!("\"{s}\" is not one of yes, no"),
                            None,
                        );
                        None
                    }
                };
                set_items
                    .entry(qid.to_owned())
                    .or_default()
                    .push((value.to_owned(), answer));
                continue;
            }
            let Some(q) = set.questionnaire.questions.get(&id) else {
                skipped.push(format!(
                    "{} (`{id}`: not a question of this questionnaire)",
                    at(COL_ID)
                ));
                continue;
            };
            seen.push(id.clone());
            let raw = cell(COL_ANSWER);
            let value = match (&q.kind, raw) {
                (_, None) => None,
                (QuestionType::Set { .. }, _) => None,
                (QuestionType::Bool, Some(s)) => match s.to_lowercase().as_str() {
                    "yes" | "true" => Some("true".to_owned()),
                    "no" | "false" => Some("false".to_owned()),
                    _ => {
                        error(
                            at(COL_ANSWER),
                            format!("\"{s}\" is not one of yes, no"),
                            None,
                        );
                        None
                    }
                },
                (QuestionType::Int { min, max }, Some(s)) => match s.parse::<i64>() {
                    Ok(i) if min.is_some_and(|lo| i < lo) || max.is_some_and(|hi| i > hi) => {
                        error(
                            at(COL_ANSWER),
                            format!("{i} is outside the allowed range"),
                            Some(format!(
                                "`{}` expects {}",
                                q.id,
                                q.kind.expectation().replace('`', "")
                            )),
                        );
                        None
                    }
                    Ok(i) => Some(i.to_string()),
                    Err(_) => {
                        error(
                            at(COL_ANSWER),
                            format!("\"{s}\" is not a whole number"),
                            None,
                        );
                        None
                    }
                },
                (QuestionType::Enum { values }, Some(s)) => {
                    if values.contains(&s) {
                        Some(s)
                    } else {
                        error(
                            at(COL_ANSWER),
                            format!("\"{s}\" is not one of {}", values.join(", ")),
                            crate::diagnostic::did_you_mean(&s, values.iter().map(String::as_str))
                                .map(|v| format!("did you mean `{v}`?")),
                        );
                        None
                    }
                }
                (QuestionType::Date, Some(s)) => {
                    if is_iso_date(&s) {
                        Some(s)
                    } else {
                        error(
                            at(COL_ANSWER),
                            format!("\"{s}\" is not a date"),
                            Some("enter a date (YYYY-MM-DD)".into()),
                        );
                        None
                    }
                }
                (QuestionType::Text, Some(s)) => Some(quoted(&s)),
            };
            answers.insert(
                id,
                Row {
                    value,
                    evidence: cell(COL_EVIDENCE),
                    url: cell(COL_URL),
                },
            );
        }
    }
    for (qid, items) in set_items {
        let entry = answers.entry(qid).or_default();
        if items.iter().all(|(_, a)| a.is_none()) {
            continue;
        }
        let chosen: Vec<&str> = items
            .iter()
            .filter(|(_, a)| *a == Some(true))
            .map(|(v, _)| v.as_str())
            .collect();
        entry.value = Some(format!("[{}]", chosen.join(", ")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let missing = set
        .jurisdiction(&jurisdiction)
        .map(|j| set.questions_for(j))
        .unwrap_or_default()
        .into_iter()
        .filter(|q| !seen.iter().any(|s| s == q))
        .map(str::to_owned)
        .collect();

    let mut yaml = format!(
        "# Imported from {name} by `acquis import`.\nacquis: {ASSESSMENT_VERSION}\njurisdiction: {jurisdiction}\nperiod: {}\n",
        quoted(period.as_deref().unwrap_or(""))
    );
    if let Some(p) = &prepared_by {
        yaml.push_str(&format!("prepared_by: {}\n", quoted(p)));
    }
    if let Some(d) = &date {
        yaml.push_str(&format!("date: {d}\n"));
    }
    yaml.push_str("answers:\n");
    for section in &set.questionnaire.sections {
        let entries: Vec<(&String, &Row)> = section
            .questions
            .iter()
            .filter_map(|q| answers.get_key_value(q))
            .collect();
        if entries.is_empty() {
            continue;
        }
        yaml.push_str(&format!("  {}:\n", section.name));
        for (
            id,
            Row {
                value,
                evidence,
                url,
            },
        ) in entries
        {
            let key = &id[section.name.len() + 1..];
            let value = value.as_deref().unwrap_or("null");
            if evidence.is_none() && url.is_none() {
                yaml.push_str(&format!("    {key}: {value}\n"));
            } else {
                yaml.push_str(&format!("    {key}:\n      value: {value}\n"));
                if let Some(e) = evidence {
                    yaml.push_str(&format!("      evidence: {}\n", quoted(e)));
                }
                if let Some(u) = url {
                    yaml.push_str(&format!("      url: {}\n", quoted(u)));
                }
            }
        }
    }
    Ok(Imported {
        yaml,
        skipped,
        missing,
    })
}

/// Whether a path names a workbook acquis reads.
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_lowercase().as_str(),
            "xlsx" | "xlsm" | "ods"
        )
    })
}
