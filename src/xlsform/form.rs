//! Writing the XLSForm: sheets `survey`, `choices` and `settings` (rust_xlsxwriter).

use std::collections::BTreeMap;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::{EVIDENCE, FALSE, NONE, TRUE, URL};
use crate::model::{Jurisdiction, Question, QuestionType};
use crate::ruleset::RuleSet;

/// The language of the labels. Columns are named `label::English (en)` so that a French
/// column (`label::French (fr)`) can be added beside it without renaming anything.
const LANGUAGE: &str = "English (en)";

const SURVEY_COLUMNS: [&str; 8] = [
    "type",
    "name",
    "label",
    "hint",
    "constraint",
    "constraint_message",
    "relevant",
    "calculation",
];

/// One row of the survey sheet, by column.
#[derive(Default)]
struct SurveyRow {
    kind: String,
    name: String,
    label: String,
    hint: String,
    constraint: String,
    constraint_message: String,
    relevant: String,
    calculation: String,
}

impl SurveyRow {
    fn cells(&self) -> [&str; 8] {
        [
            &self.kind,
            &self.name,
            &self.label,
            &self.hint,
            &self.constraint,
            &self.constraint_message,
            &self.relevant,
            &self.calculation,
        ]
    }
}

fn xlsx(e: XlsxError) -> String {
    format!("cannot build the XLSForm: {e}")
}

/// The column header: a translatable column carries its language.
fn header(column: &str) -> String {
    match column {
        "label" | "hint" | "constraint_message" => format!("{column}::{LANGUAGE}"),
        other => other.to_owned(),
    }
}

/// An XPath string literal of `text` (a code or period: no quote of the other kind inside).
fn xpath_string(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{}\"", text.replace('"', ""))
    } else {
        format!("'{text}'")
    }
}

/// The bool question each question is a follow-up of: `q` is asked only after `p` is
/// answered yes when every rule that reads `q` applies only when `p` is true
/// (`applies_when: a.<p>`), so hiding `q` otherwise loses no answer a rule could use.
pub(super) fn follow_ups(set: &RuleSet, asked: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for &q in asked {
        let mut readers = set
            .rules
            .iter()
            .filter(|r| r.reads.iter().any(|read| read == q))
            .peekable();
        if readers.peek().is_none() {
            continue;
        }
        let mut guard: Option<&str> = None;
        let mut all_guarded = true;
        for r in readers {
            let p = r
                .rule
                .applies_when
                .as_ref()
                .and_then(|c| c.source.trim().strip_prefix("a."))
                .filter(|p| {
                    set.questionnaire
                        .questions
                        .get(*p)
                        .is_some_and(|pq| matches!(pq.kind, QuestionType::Bool))
                });
            match (p, guard) {
                (Some(p), None) if p != q => guard = Some(p),
                (Some(p), Some(g)) if p == g => {}
                _ => {
                    all_guarded = false;
                    break;
                }
            }
        }
        if let (true, Some(p)) = (all_guarded, guard)
            && asked.contains(&p)
        {
            out.insert(q.to_owned(), p.to_owned());
        }
    }
    out
}

/// The XLSForm of the questions `jurisdiction` is asked, for `period`, as xlsx bytes.
pub fn export(set: &RuleSet, jurisdiction: &Jurisdiction, period: &str) -> Result<Vec<u8>, String> {
    let asked = set.questions_for(jurisdiction);
    let follow = follow_ups(set, &asked);
    let mut survey: Vec<SurveyRow> = vec![
        SurveyRow {
            kind: "calculate".into(),
            name: "jurisdiction".into(),
            calculation: xpath_string(&jurisdiction.code),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "calculate".into(),
            name: "period".into(),
            calculation: xpath_string(period),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "note".into(),
            name: "intro".into(),
            label: format!(
                "Self-assessment of {} ({}) for {period}. Leave a question unanswered when the answer is not known yet: an unanswered question is never counted as a gap.",
                jurisdiction.name, jurisdiction.code
            ),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "text".into(),
            name: "prepared_by".into(),
            label: "Prepared by (the ministry or body that prepared the answers)".into(),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "date".into(),
            name: "date".into(),
            label: "Date of the answers".into(),
            ..SurveyRow::default()
        },
    ];
    // (list name, choice name)
    let mut choices: Vec<(String, String)> = vec![
        ("yes_no".into(), TRUE.into()),
        ("yes_no".into(), FALSE.into()),
    ];
    for section in &set.questionnaire.sections {
        let questions = set.questionnaire.asked_in(section, &asked);
        if questions.is_empty() {
            continue;
        }
        if super::HEADER_FIELDS.contains(&section.name.as_str()) {
            return Err(format!(
                "the section `{}` has the name of a header field of the form; rename the section",
                section.name
            ));
        }
        survey.push(SurveyRow {
            kind: "begin_group".into(),
            name: section.name.clone(),
            label: section.title.clone(),
            ..SurveyRow::default()
        });
        for q in questions {
            let list = q.id.replace('.', "_");
            let mut row = SurveyRow {
                name: q.key.clone(),
                label: q.text.clone(),
                hint: hint(set, q),
                ..SurveyRow::default()
            };
            row.kind = match &q.kind {
                QuestionType::Bool => "select_one yes_no".into(),
                QuestionType::Enum { values } => {
                    choices.extend(values.iter().map(|v| (list.clone(), v.clone())));
                    format!("select_one {list}")
                }
                QuestionType::Set { values } => {
                    if values.iter().any(|v| v == NONE) {
                        return Err(format!(
                            "`{}` has an answer named `{NONE}`, the form's own \"none of these\"; rename it",
                            q.id
                        ));
                    }
                    choices.extend(values.iter().map(|v| (list.clone(), v.clone())));
                    choices.push((list.clone(), NONE.to_owned()));
                    row.constraint =
                        format!("not(selected(., '{NONE}') and count-selected(.) > 1)");
                    row.constraint_message =
                        "\"None of these\" cannot be chosen together with an answer.".into();
                    format!("select_multiple {list}")
                }
                QuestionType::Int { min, max } => {
                    let bounds: Vec<String> = [
                        min.map(|m| format!(". >= {m}")),
                        max.map(|m| format!(". <= {m}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    if !bounds.is_empty() {
                        row.constraint = bounds.join(" and ");
                        row.constraint_message =
                            format!("Give {}.", q.kind.expectation().replace('`', ""));
                    }
                    "integer".into()
                }
                QuestionType::Date => "date".into(),
                QuestionType::Text => "text".into(),
            };
            if let Some(p) = follow.get(&q.id) {
                let key = &p[p.find('.').map_or(0, |i| i + 1)..];
                row.relevant = format!("${{{key}}} = '{TRUE}'");
            }
            let relevant = row.relevant.clone();
            survey.push(row);
            survey.push(SurveyRow {
                kind: "text".into(),
                name: format!("{}{EVIDENCE}", q.key),
                label: "Evidence for the answer above: the law, report or decision it rests on".into(),
                hint: "If the law or practice meets the requirement only partly, say what is in place and what is missing.".into(),
                relevant: relevant.clone(),
                ..SurveyRow::default()
            });
            survey.push(SurveyRow {
                kind: "text".into(),
                name: format!("{}{URL}", q.key),
                label: "Link to that evidence (optional)".into(),
                relevant,
                ..SurveyRow::default()
            });
        }
        survey.push(SurveyRow {
            kind: "end_group".into(),
            name: section.name.clone(),
            ..SurveyRow::default()
        });
    }
    check_unique_names(&survey)?;

    let mut book = Workbook::new();
    write_sheet(
        book.add_worksheet().set_name("survey").map_err(xlsx)?,
        &SURVEY_COLUMNS.map(header),
        survey.iter().map(|r| r.cells().map(str::to_owned).to_vec()),
    )?;
    write_sheet(
        book.add_worksheet().set_name("choices").map_err(xlsx)?,
        &["list_name".to_owned(), "name".to_owned(), header("label")],
        choices.iter().map(|(list, name)| {
            let label = match (list.as_str(), name.as_str()) {
                ("yes_no", TRUE) => "Yes".to_owned(),
                ("yes_no", FALSE) => "No".to_owned(),
                (_, NONE) => "None of these".to_owned(),
                _ => name.clone(),
            };
            vec![list.clone(), name.clone(), label]
        }),
    )?;
    let form_id: String = format!("acquis_{}_{period}", jurisdiction.code.to_lowercase())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    write_sheet(
        book.add_worksheet().set_name("settings").map_err(xlsx)?,
        &[
            "form_title".to_owned(),
            "form_id".to_owned(),
            "version".to_owned(),
            "default_language".to_owned(),
        ],
        std::iter::once(vec![
            format!(
                "Self-assessment: {} ({}), {period}",
                jurisdiction.name, jurisdiction.code
            ),
            form_id,
            // The rule set's digest: a submission from another questionnaire is recognisable.
            set.digest
                .trim_start_matches("sha256:")
                .chars()
                .take(12)
                .collect(),
            LANGUAGE.to_owned(),
        ]),
    )?;
    book.save_to_buffer().map_err(xlsx)
}

fn hint(set: &RuleSet, q: &Question) -> String {
    let basis = crate::workbook::write::legal_basis(set, q);
    let allowed = match &q.kind {
        QuestionType::Set { .. } => {
            "Choose every answer that applies, or \"None of these\".".to_owned()
        }
        _ => String::new(),
    };
    [
        q.help.clone().unwrap_or_default(),
        allowed,
        if basis.is_empty() {
            String::new()
        } else {
            format!("Legal basis: {basis}.")
        },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// XLSForm references answers by name (`${name}`) across the whole form, so a name used
/// twice would make a submission ambiguous: refuse rather than write such a form.
fn check_unique_names(survey: &[SurveyRow]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for row in survey {
        if row.kind == "end_group" {
            continue;
        }
        if !seen.insert(row.name.as_str()) {
            return Err(format!(
                "two fields of the form would be named `{}`; give the questions different keys",
                row.name
            ));
        }
    }
    Ok(())
}

fn write_sheet(
    sheet: &mut Worksheet,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), String> {
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, h).map_err(xlsx)?;
    }
    for (i, row) in rows.enumerate() {
        for (col, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(i as u32 + 1, col as u16, cell)
                    .map_err(xlsx)?;
            }
        }
    }
    Ok(())
}
