//! Reading one submission of the XLSForm, exported as CSV by KoboToolbox (`group/name`
//! headers, `;` or `,` between fields) or ODK Central (`group-name` headers), back into an
//! [`Assessment`] with the YAML reader's value checks.

use std::collections::BTreeMap;

use super::{EVIDENCE, FALSE, NONE, TRUE, URL};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{tf, tw};
use crate::lang::Words;
use crate::model::{Answer, AnswerValue, Assessment, Question, QuestionType};
use crate::questionnaire::{Scalar, check_header_field, check_scalar};
use crate::ruleset::RuleSet;

/// What a column of the export holds.
enum Column<'q> {
    Header(&'static str),
    Value(&'q Question),
    Evidence(&'q Question),
    Url(&'q Question),
    /// The export's own columns (submission time, ids, per-choice 0/1 columns): not answers.
    Ignored,
}

/// The column named `header`, in Kobo (`ecris/entitled_voluntary`) or ODK Central
/// (`ecris-entitled_voluntary`) style, with or without the group.
fn column<'q>(header: &str, set: &'q RuleSet) -> Option<Column<'q>> {
    let header = header.trim();
    if let Some(field) = super::HEADER_FIELDS.iter().find(|f| **f == header) {
        return Some(Column::Header(field));
    }
    let parts: Vec<&str> = header.split(['/', '-']).collect();
    let (last, group) = match parts.as_slice() {
        [.., group, last] => (*last, Some(*group)),
        [last] => (*last, None),
        [] => return None,
    };
    let (key, kind) = if let Some(k) = last.strip_suffix(EVIDENCE) {
        (k, 1)
    } else if let Some(k) = last.strip_suffix(URL) {
        (k, 2)
    } else {
        (last, 0)
    };
    let question = match group {
        Some(g) => set.questionnaire.questions.get(&format!("{g}.{key}")),
        // A Kobo export without group names: the key alone, when one question has it.
        None => {
            let mut found = set
                .questionnaire
                .questions
                .values()
                .filter(|q| q.key == key);
            match (found.next(), found.next()) {
                (Some(q), None) => Some(q),
                _ => None,
            }
        }
    };
    if let Some(q) = question {
        return Some(match kind {
            1 => Column::Evidence(q),
            2 => Column::Url(q),
            _ => Column::Value(q),
        });
    }
    // Kobo's per-choice columns of a select_multiple: `group/question/choice`.
    if let [.., section, key, choice] = parts.as_slice()
        && let Some(q) = set.questionnaire.questions.get(&format!("{section}.{key}"))
        && matches!(&q.kind, QuestionType::Set { values } if *choice == NONE || values.iter().any(|v| v == choice))
    {
        return Some(Column::Ignored);
    }
    None
}

/// Whether an unknown column is one the export tools add by themselves.
fn is_export_metadata(header: &str) -> bool {
    let h = header.trim();
    h.starts_with('_')
        || h.starts_with("meta")
        || matches!(
            h,
            "start"
                | "end"
                | "today"
                | "deviceid"
                | "intro"
                | "SubmissionDate"
                | "KEY"
                | "instanceID"
                | "SubmitterID"
                | "SubmitterName"
                | "AttachmentsPresent"
                | "AttachmentsExpected"
                | "Status"
                | "ReviewState"
                | "DeviceID"
                | "Edits"
                | "FormVersion"
                | "__version__"
        )
}

/// Kobo's legacy CSV export separates fields with `;`: the header line tells which.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// The assessment in a submission export holding exactly one submission.
pub fn read_submission(
    name: &str,
    bytes: &[u8],
    set: &RuleSet,
) -> Result<Assessment, Vec<Diagnostic>> {
    // What is wrong and how to fix it, in every language (read in the run's).
    let problem =
        |message: Words, help: Words| Diagnostic::error_in(name, Pos::FILE, message, Some(help));
    let unreadable = |error: &csv::Error| {
        problem(
            tw(
                "the CSV cannot be read: {error}",
                &[("error", &error.to_string())],
            ),
            tw("export it again as CSV", &[]),
        )
    };
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| {
            vec![problem(
                tw("the file is not UTF-8 text", &[]),
                tw(
                    "export the submissions as CSV (UTF-8) from KoboToolbox or ODK Central",
                    &[],
                ),
            )]
        },
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| vec![unreadable(&e)])?.clone();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| vec![unreadable(&e)])?;
        records.push(record);
        if records.len() > 1 {
            break;
        }
    }
    let record = match records.as_slice() {
        [one] => one,
        [] => {
            return Err(vec![problem(
                tw("the export holds no submission", &[]),
                tw(
                    "export the form's submissions after the coordinator has sent the form",
                    &[],
                ),
            )]);
        }
        _ => {
            return Err(vec![problem(
                tw("the export holds more than one submission", &[]),
                tw(
                    "filter the export to the one submission to import (one jurisdiction and period)",
                    &[],
                ),
            )]);
        }
    };
    let mut problems = Vec::new();
    let mut header: BTreeMap<&str, String> = BTreeMap::new();
    let mut answers: BTreeMap<String, Answer> = BTreeMap::new();
    let mut unknown = Vec::new();
    for (i, (head, cell)) in headers.iter().zip(record.iter()).enumerate() {
        let cell = cell.trim();
        let number = (i + 1).to_string();
        let at = || {
            tw(
                "row 2, column {number} (`{head}`)",
                &[("number", &number), ("head", head)],
            )
        };
        match column(head, set) {
            None if is_export_metadata(head) => {}
            None => unknown.push(head.to_owned()),
            Some(Column::Ignored) => {}
            Some(Column::Header(field)) => {
                if !cell.is_empty() {
                    header.insert(field, cell.to_owned());
                }
            }
            Some(Column::Value(q)) => {
                let answer = slot(&mut answers, q);
                answer.cell = Some(at().english().to_owned());
                if cell.is_empty() {
                    continue;
                }
                match value(q, cell) {
                    Ok(v) => answer.value = Some(v),
                    Err((message, help)) => {
                        let at = at();
                        let message = Words::new(|lang| {
                            format!(
                                "{}{}: {}",
                                at.get(lang),
                                lang.before_colon(),
                                message.get(lang)
                            )
                        });
                        problems.push(Diagnostic::error_in(name, Pos::FILE, message, help));
                    }
                }
            }
            Some(Column::Evidence(_) | Column::Url(_)) if cell.is_empty() => {}
            Some(Column::Evidence(q)) => slot(&mut answers, q).evidence = Some(cell.to_owned()),
            Some(Column::Url(q)) => slot(&mut answers, q).url = Some(cell.to_owned()),
        }
    }
    if !unknown.is_empty() {
        let columns = unknown.join(", ");
        let message = if unknown.len() == 1 {
            tw(
                "column not in this questionnaire: {columns}",
                &[("columns", &columns)],
            )
        } else {
            tw(
                "columns not in this questionnaire: {columns}",
                &[("columns", &columns)],
            )
        };
        problems.push(problem(
            message,
            tw(
                "import with the rule set the form was made from (`acquis init --format xlsform`), and export with XML values and headers, not labels",
                &[],
            ),
        ));
    }
    for field in ["jurisdiction", "period"] {
        if !header.contains_key(field) {
            problems.push(problem(
                tw("the export has no `{field}`", &[("field", field)]),
                tw(
                    "export the submission with every column of the form (including the calculated ones)",
                    &[],
                ),
            ));
        }
    }
    for (field, value) in &header {
        if *field == "date" && !crate::dates::is_iso_date(value) {
            problems.push(problem(
                tw("the date `{value}` is not a date", &[("value", value)]),
                tw("the form's date is YYYY-MM-DD", &[]),
            ));
        } else if let Err(refusal) = check_header_field(field, value) {
            problems.push(problem(refusal.message, refusal.help));
        }
    }
    let code = header.get("jurisdiction").cloned().unwrap_or_default();
    if !code.is_empty() && !set.jurisdictions.iter().any(|j| j.code == code) {
        problems.push(problem(
            tw("unknown jurisdiction `{code}`", &[("code", &code)]),
            tw(
                "the form names the jurisdiction it was made for; import with the same seeds",
                &[],
            ),
        ));
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    // An evidence without an answer and an answer without evidence are both kept; an entry
    // with nothing at all is left out, as an unanswered question.
    answers.retain(|_, a| a.value.is_some() || a.evidence.is_some() || a.url.is_some());
    Ok(Assessment {
        file: name.to_owned(),
        jurisdiction: code,
        period: header.get("period").cloned().unwrap_or_default(),
        prepared_by: header.get("prepared_by").cloned(),
        date: header.get("date").cloned(),
        illustrative: false,
        answers,
    })
}

/// The answer to `q`, empty until a column fills it.
fn slot<'a>(answers: &'a mut BTreeMap<String, Answer>, q: &Question) -> &'a mut Answer {
    answers.entry(q.id.clone()).or_insert_with(|| Answer {
        value: None,
        evidence: None,
        url: None,
        pos: Pos::FILE,
        cell: None,
    })
}

/// A cell's answer to `q`, checked as the YAML reader checks a value.
fn value(q: &Question, cell: &str) -> Result<AnswerValue, (Words, Option<Words>)> {
    let shown = || format!("`{cell}`");
    let refused = |r: crate::questionnaire::Refusal| (r.message, r.help);
    match &q.kind {
        QuestionType::Bool => match cell {
            TRUE => Ok(AnswerValue::Bool(true)),
            FALSE => Ok(AnswerValue::Bool(false)),
            _ => Err((
                tw(
                    "`{question}` expects `{yes}` or `{no}`, not {found}",
                    &[
                        ("question", &q.id),
                        ("yes", TRUE),
                        ("no", FALSE),
                        ("found", &shown()),
                    ],
                ),
                Some(tw(
                    "export with XML values (the choice names), not labels",
                    &[],
                )),
            )),
        },
        QuestionType::Set { values } => {
            let items: Vec<String> = cell.split_whitespace().map(str::to_owned).collect();
            if items.iter().any(|i| i == NONE) {
                return if items.len() == 1 {
                    Ok(AnswerValue::Set(Vec::new()))
                } else {
                    Err((
                        tw(
                            "`{question}` has \"{none}\" and answers together",
                            &[("question", &q.id), ("none", NONE)],
                        ),
                        Some(tw(
                            "choose either none of these or the answers that apply",
                            &[],
                        )),
                    ))
                };
            }
            if let Some(bad) = items.iter().find(|i| !values.contains(i)) {
                return Err((
                    tw(
                        "`{value}` is not one of the answers to `{question}`",
                        &[("value", bad), ("question", &q.id)],
                    ),
                    Some(Words::new(|lang| {
                        tf(
                            lang,
                            "`{question}` expects {expected}; export with XML values, not labels",
                            &[
                                ("question", &q.id),
                                ("expected", &q.kind.expectation_in(lang)),
                            ],
                        )
                    })),
                ));
            }
            Ok(AnswerValue::Set(items))
        }
        QuestionType::Int { .. } => match cell.parse::<i64>() {
            Ok(i) => check_scalar(q, Scalar::Int(i), shown).map_err(refused),
            Err(_) => check_scalar(q, Scalar::Number, shown).map_err(refused),
        },
        _ => check_scalar(q, Scalar::Str(cell), shown).map_err(refused),
    }
}
