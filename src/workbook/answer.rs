//! A cell read as an answer: the text it shows, its value checked against the question as
//! the YAML reader checks a value (`questionnaire::check_scalar`), and, where it is refused,
//! what to type instead, in every language (a coordinator reads it in the workbook's).

use super::words;
use super::xlsx::CellValue;
use super::{NO, YES, truncate};
use crate::dates::is_iso_date;
use crate::i18n::{n_, suggestion_in, tf, tw};
use crate::lang::Words;
use crate::model::{AnswerValue, Question, QuestionType};
use crate::questionnaire::{Scalar, check_scalar};

/// The text a cell shows, trimmed; `None` when blank.
pub(super) fn text_of(value: Option<&CellValue>) -> Option<String> {
    let text = match value? {
        CellValue::Text(s) => s.trim().to_owned(),
        CellValue::Number { value, raw } => number_text(*value, raw),
        CellValue::Bool(b) => if *b { YES } else { NO }.to_owned(),
        CellValue::IsoDate(s) => iso_day(s).unwrap_or_else(|| s.trim().to_owned()),
        CellValue::Error(e) => e.trim().to_owned(),
    };
    (!text.is_empty()).then_some(text)
}

fn number_text(value: f64, raw: &str) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        raw.to_owned()
    }
}

/// `2024-06-30` from `2024-06-30` or `2024-06-30T00:00:00`.
fn iso_day(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    is_iso_date(day).then(|| day.to_owned())
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD`; `None` outside
/// 1900-01-01..=9999-12-31.
pub(super) fn date_from_serial(serial: f64) -> Option<String> {
    (1.0..2_958_466.0)
        .contains(&serial)
        .then(|| crate::dates::date_text(serial.floor() as i64 - 25_569))
}

/// The answer in a cell, checked against its question. `Err` carries the message and help.
pub(super) fn answer_value(
    q: &Question,
    cell: &CellValue,
) -> Result<AnswerValue, (Words, Option<Words>)> {
    let text = text_of(Some(cell)).unwrap_or_default();
    let shown = format!("`{}`", clip(&text));
    let scalar = match (&q.kind, cell) {
        (_, CellValue::Error(e)) => {
            let error = clip(e);
            return Err((
                tw("the cell shows the error {error}", &[("error", &error)]),
                Some(tw(
                    "type the answer instead of a formula, or leave the cell empty",
                    &[],
                )),
            ));
        }
        (QuestionType::Bool, CellValue::Bool(b)) => Scalar::Bool(*b),
        // Yes or no in the language of any workbook acquis writes.
        (QuestionType::Bool, _) => match words::bool_of(&text) {
            Some(b) => Scalar::Bool(b),
            None => return Err(not_yes_or_no(&text)),
        },
        (QuestionType::Int { .. }, CellValue::Number { value, .. }) => {
            if value.fract() == 0.0 && value.abs() < 9.2e18 {
                Scalar::Int(*value as i64)
            } else {
                Scalar::Number
            }
        }
        (QuestionType::Date, CellValue::Number { value, .. }) => {
            return match date_from_serial(*value) {
                Some(day) => check_scalar(q, Scalar::Str(&day), || shown.clone())
                    .map_err(|r| (r.message, r.help)),
                None => Err((
                    tw("{value} is not a date", &[("value", &shown)]),
                    Some(tw("type the date as YYYY-MM-DD, e.g. 2024-06-30", &[])),
                )),
            };
        }
        (QuestionType::Date, CellValue::IsoDate(_)) | (QuestionType::Text, _) => Scalar::Str(&text),
        // A listed answer is written as its label; the label or the id is read, in any case.
        (QuestionType::Enum { values }, CellValue::Text(s)) => {
            Scalar::Str(words::value_for(values, s).unwrap_or(s.trim()))
        }
        (QuestionType::Date, CellValue::Text(s)) => Scalar::Str(s.trim()),
        (QuestionType::Int { .. }, CellValue::Text(s)) => Scalar::Str(s.trim()),
        _ => Scalar::Str(&text),
    };
    check_scalar(q, scalar, || shown.clone()).map_err(|refusal| {
        // The YAML reader suggests ids; the workbook shows labels, so its hint lists those.
        let help = match &q.kind {
            QuestionType::Enum { .. } => workbook_hint(q, cell),
            _ => refusal
                .help
                .or_else(|| refusal.wrong_kind.then(|| workbook_hint(q, cell)).flatten()),
        };
        (
            refusal.message,
            Some(help.unwrap_or_else(|| crate::questionnaire::the_question(q))),
        )
    })
}

/// A yes-or-no cell that says neither.
pub(super) fn not_yes_or_no(text: &str) -> (Words, Option<Words>) {
    let value = clip(&text.to_lowercase());
    (
        tw("\"{value}\" is not one of yes, no", &[("value", &value)]),
        Some(tw(
            "choose yes or no from the list, or leave the cell empty if the answer is not known",
            &[],
        )),
    )
}

/// What to type instead, where the cell suggests the slip.
fn workbook_hint(q: &Question, cell: &CellValue) -> Option<Words> {
    match (&q.kind, cell) {
        (QuestionType::Int { .. }, CellValue::Text(s)) if s.trim().parse::<f64>().is_ok() => {
            Some(tw(
                "the number is stored as text (typed with an apostrophe, or in a cell formatted as Text): type it again as a number",
                &[],
            ))
        }
        (QuestionType::Int { .. }, CellValue::Number { .. }) => {
            Some(tw("type a whole number, without decimals", &[]))
        }
        (QuestionType::Int { .. }, _) => Some(tw("type a whole number", &[])),
        (QuestionType::Enum { values }, _) => {
            let shown: Vec<String> = values.iter().map(|v| words::value_label(v)).collect();
            let typed = text_of(Some(cell)).unwrap_or_default();
            let labels = words::labels(values);
            Some(Words::new(|lang| {
                tf(
                    lang,
                    "{suggestion} Choose one of {labels} from the list",
                    &[
                        (
                            "suggestion",
                            &suggestion_in(
                                lang,
                                &typed,
                                shown.iter().map(String::as_str),
                                n_("allowed answers"),
                            ),
                        ),
                        ("labels", &labels),
                    ],
                )
            }))
        }
        _ => None,
    }
}

/// A cell's text as quoted in a message.
pub(super) fn clip(text: &str) -> String {
    truncate(text, 60)
}
