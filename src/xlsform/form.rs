//! Writing the XLSForm: sheets `survey`, `choices` and `settings` (rust_xlsxwriter).

use std::collections::BTreeMap;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::{EVIDENCE, FALSE, NONE, TRUE, URL};
use crate::i18n::{t, tf};
use crate::lang::Lang;
use crate::model::{Jurisdiction, Localised, Question, QuestionType};
use crate::ruleset::RuleSet;

/// A language as XLSForm names it in column headers and `default_language`: its name
/// in English and its code (`French (fr)`), which ODK and Kobo read as the language.
fn language(lang: Lang) -> String {
    format!("{} ({})", lang.english_name(), lang.code())
}

/// The columns of the survey sheet; the translatable ones (`label`, `hint`,
/// `constraint_message`) once per language.
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

/// A text of the form in every language, in the order of [`Lang::ALL`]: every form
/// carries all of them, and the phone or browser shows the one its user chooses.
#[derive(Default, Clone)]
struct Texts(Vec<String>);

impl Texts {
    fn new(text: impl Fn(Lang) -> String) -> Texts {
        Texts(
            Lang::ALL
                .iter()
                .map(|&each_lang| each_lang.typography(&text(each_lang)).into_owned())
                .collect(),
        )
    }
}

/// One row of the survey sheet, by column.
#[derive(Default)]
struct SurveyRow {
    kind: String,
    name: String,
    label: Texts,
    hint: Texts,
    constraint: String,
    constraint_message: Texts,
    relevant: String,
    calculation: String,
}

impl SurveyRow {
    fn cells(&self) -> Vec<String> {
        let texts = |t: &Texts| -> Vec<String> {
            (0..Lang::ALL.len())
                .map(|i| t.0.get(i).cloned().unwrap_or_default())
                .collect()
        };
        let mut cells = vec![self.kind.clone(), self.name.clone()];
        cells.extend(texts(&self.label));
        cells.extend(texts(&self.hint));
        cells.push(self.constraint.clone());
        cells.extend(texts(&self.constraint_message));
        cells.push(self.relevant.clone());
        cells.push(self.calculation.clone());
        cells
    }
}

/// Why a form could not be written for this questionnaire; `Display` says what to rename.
#[derive(Debug)]
pub enum FormError {
    /// A section has the name of one of the form's own header fields.
    SectionNamedLikeHeader { section: String },
    /// A set question has an answer with the name of the form's "none of these".
    AnswerNamedNone { question: String },
    /// Two fields would have one name, so a submission would be ambiguous.
    DuplicateName { name: String },
    /// rust_xlsxwriter refused a cell or a sheet.
    Xlsx(XlsxError),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::SectionNamedLikeHeader { section } => write!(
                f,
                "the section `{section}` has the name of a header field of the form; rename the section"
            ),
            FormError::AnswerNamedNone { question } => write!(
                f,
                "`{question}` has an answer named `{NONE}`, the form's own \"none of these\"; rename it"
            ),
            FormError::DuplicateName { name } => write!(
                f,
                "two fields of the form would be named `{name}`; give the questions different keys"
            ),
            FormError::Xlsx(e) => write!(f, "cannot build the XLSForm: {e}"),
        }
    }
}

impl std::error::Error for FormError {}

fn xlsx(e: XlsxError) -> FormError {
    FormError::Xlsx(e)
}

/// The column headers of `column`: one per language for a translatable column.
fn headers(column: &str) -> Vec<String> {
    match column {
        "label" | "hint" | "constraint_message" => Lang::ALL
            .iter()
            .map(|&each_lang| format!("{column}::{}", language(each_lang)))
            .collect(),
        other => vec![other.to_owned()],
    }
}

/// A rule file's text in a form's language: English shown for want of a translation
/// marked ` [en]`.
fn marked(text: Localised<'_>, lang: Lang) -> String {
    if text.is_fallback(lang) {
        format!("{} [{}]", text.text, text.lang.code())
    } else {
        text.text.to_owned()
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

/// The XLSForm of the questions `jurisdiction` is asked, for `period`, as xlsx bytes: its
/// texts in every language, `lang` the one shown first (`default_language`).
pub fn export(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    lang: Lang,
) -> Result<Vec<u8>, FormError> {
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
            label: Texts::new(|each_lang| {
                tf(
                    each_lang,
                    "Self-assessment of {name} ({code}) for {period}. Leave a question unanswered when the answer is not known yet: an unanswered question is never counted as a gap.",
                    &[
                        ("name", jurisdiction.name_in(each_lang).text),
                        ("code", &jurisdiction.code),
                        ("period", period),
                    ],
                )
            }),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "text".into(),
            name: "prepared_by".into(),
            label: Texts::new(|each_lang| {
                t(
                    each_lang,
                    "Prepared by (the ministry or body that prepared the answers)",
                )
                .into()
            }),
            ..SurveyRow::default()
        },
        SurveyRow {
            kind: "date".into(),
            name: "date".into(),
            label: Texts::new(|each_lang| t(each_lang, "Date of the answers").into()),
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
            return Err(FormError::SectionNamedLikeHeader {
                section: section.name.clone(),
            });
        }
        survey.push(SurveyRow {
            kind: "begin_group".into(),
            name: section.name.clone(),
            label: Texts::new(|each_lang| marked(section.title_in(each_lang), each_lang)),
            ..SurveyRow::default()
        });
        for q in questions {
            let list = q.id.replace('.', "_");
            let mut row = SurveyRow {
                name: q.key.clone(),
                label: Texts::new(|each_lang| marked(q.text_in(each_lang), each_lang)),
                hint: Texts::new(|each_lang| hint(set, q, each_lang)),
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
                        return Err(FormError::AnswerNamedNone {
                            question: q.id.clone(),
                        });
                    }
                    choices.extend(values.iter().map(|v| (list.clone(), v.clone())));
                    choices.push((list.clone(), NONE.to_owned()));
                    row.constraint =
                        format!("not(selected(., '{NONE}') and count-selected(.) > 1)");
                    row.constraint_message = Texts::new(|each_lang| {
                        t(
                            each_lang,
                            "\"None of these\" cannot be chosen together with an answer.",
                        )
                        .into()
                    });
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
                        row.constraint_message = Texts::new(|each_lang| {
                            tf(
                                each_lang,
                                "Give {expected}.",
                                &[(
                                    "expected",
                                    &q.kind.expectation_in(each_lang).replace('`', ""),
                                )],
                            )
                        });
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
                label: Texts::new(|each_lang| {
                    t(
                        each_lang,
                        "Evidence for the answer above: the law, report or decision it rests on",
                    )
                    .into()
                }),
                hint: Texts::new(|each_lang| {
                    t(
                        each_lang,
                        "If the law or practice meets the requirement only partly, say what is in place and what is missing.",
                    )
                    .into()
                }),
                relevant: relevant.clone(),
                ..SurveyRow::default()
            });
            survey.push(SurveyRow {
                kind: "text".into(),
                name: format!("{}{URL}", q.key),
                label: Texts::new(|each_lang| {
                    t(each_lang, "Link to that evidence (optional)").into()
                }),
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
        &SURVEY_COLUMNS
            .iter()
            .flat_map(|c| headers(c))
            .collect::<Vec<_>>(),
        survey.iter().map(SurveyRow::cells),
    )?;
    let mut choice_headers = vec!["list_name".to_owned(), "name".to_owned()];
    choice_headers.extend(headers("label"));
    write_sheet(
        book.add_worksheet().set_name("choices").map_err(xlsx)?,
        &choice_headers,
        choices.iter().map(|(list, name)| {
            // A listed answer's label is its value, as the help texts name it, in every language.
            let label = |each_lang: Lang| match (list.as_str(), name.as_str()) {
                ("yes_no", TRUE) => t(each_lang, "Yes").to_owned(),
                ("yes_no", FALSE) => t(each_lang, "No").to_owned(),
                (_, NONE) => t(each_lang, "None of these").to_owned(),
                _ => name.clone(),
            };
            let mut row = vec![list.clone(), name.clone()];
            row.extend(Lang::ALL.map(label));
            row
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
            lang.typography(&tf(
                lang,
                "Self-assessment: {name} ({code}), {period}",
                &[
                    ("name", jurisdiction.name_in(lang).text),
                    ("code", &jurisdiction.code),
                    ("period", period),
                ],
            ))
            .into_owned(),
            form_id,
            // The rule set's digest: a submission from another questionnaire is recognisable.
            set.digest
                .trim_start_matches("sha256:")
                .chars()
                .take(12)
                .collect(),
            language(lang),
        ]),
    )?;
    book.save_to_buffer().map_err(xlsx)
}

fn hint(set: &RuleSet, q: &Question, lang: Lang) -> String {
    let basis = crate::workbook::write::legal_basis(set, q, lang);
    let allowed = match &q.kind {
        QuestionType::Set { .. } => t(
            lang,
            "Choose every answer that applies, or \"None of these\".",
        )
        .to_owned(),
        _ => String::new(),
    };
    [
        q.help_in(lang).map(|h| marked(h, lang)).unwrap_or_default(),
        allowed,
        if basis.is_empty() {
            String::new()
        } else {
            tf(lang, "Legal basis: {basis}.", &[("basis", &basis)])
        },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// XLSForm references answers by name (`${name}`) across the whole form, so a name used
/// twice would make a submission ambiguous: refuse rather than write such a form.
fn check_unique_names(survey: &[SurveyRow]) -> Result<(), FormError> {
    let mut seen = std::collections::BTreeSet::new();
    for row in survey {
        if row.kind == "end_group" {
            continue;
        }
        if !seen.insert(row.name.as_str()) {
            return Err(FormError::DuplicateName {
                name: row.name.clone(),
            });
        }
    }
    Ok(())
}

fn write_sheet(
    sheet: &mut Worksheet,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), FormError> {
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
