//! The questionnaire (`rules/questions/*.yaml`) and the checking of answers
//! against it: self-assessment files and the answers of rule examples.
//!
//! Invariant: an [`Assessment`] that leaves this module has only answers to
//! declared questions, each of the question's type and within its allowed values.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Pos, shorten, suggestion};
use crate::limits;
use crate::model::{
    Answer, AnswerValue, Assessment, Jurisdiction, Question, QuestionType, Questionnaire, Section,
    SourceRef,
};
use crate::yaml::{self, Node, Reader, Value};

/// The schema version this build reads (`acquis: assessment/1`).
pub const ASSESSMENT_VERSION: &str = "assessment/1";

/// Section and question names: lowercase letters, digits and `_`, starting with a letter.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Reads `sources:` lists (`- { doc: ID, ref: "Art. 10(2)", quote: "…" }`).
pub(crate) fn read_source_refs(r: &mut Reader, record: &Node) -> Vec<(SourceRef, Pos)> {
    let Some(list) = record.get("sources") else {
        return Vec::new();
    };
    let Some(items) = r.seq(list, "`sources`") else {
        return Vec::new();
    };
    let mut refs = Vec::new();
    for item in items {
        if !r.fields(item, "a source", &["doc", "ref", "quote"], &["doc", "ref"]) {
            continue;
        }
        let doc = r.text(item, "doc");
        let reference = r.text(item, "ref");
        let quote = r.opt_text(item, "quote");
        if let (Some(doc), Some(reference)) = (doc, reference) {
            refs.push((
                SourceRef {
                    doc,
                    reference,
                    quote,
                    pos: item.pos,
                },
                item.pos,
            ));
        }
    }
    refs
}

/// One questionnaire section file.
pub(crate) fn read_section(
    r: &mut Reader,
    root: &Node,
    questionnaire: &mut Questionnaire,
    source_refs: &mut Vec<(SourceRef, Pos)>,
) {
    if !r.fields(
        root,
        "a questionnaire section",
        &["section", "title", "order", "questions"],
        &["section", "title", "questions"],
    ) {
        return;
    }
    let name = r.text(root, "section");
    let title = r.text(root, "title").unwrap_or_default();
    let Some(name) = name else { return };
    let name_pos = root.get("section").map_or(root.pos, |n| n.pos);
    if !is_identifier(&name) {
        r.error(
            name_pos,
            format!("section name `{name}` must be lowercase letters, digits and `_`"),
            None,
        );
    }
    if questionnaire.section(&name).is_some() {
        r.error(
            name_pos,
            format!("section `{name}` is defined twice"),
            Some("each section has one file in `rules/questions/`".into()),
        );
        return;
    }
    let order = match root.get("order") {
        None => i64::MAX,
        Some(Node {
            value: Value::Int(i),
            ..
        }) => *i,
        Some(n) => {
            r.error(
                n.pos,
                "`order` must be a whole number (sections are listed by it)",
                None,
            );
            i64::MAX
        }
    };
    let mut section = Section {
        name: name.clone(),
        title,
        order,
        file: r.file.clone(),
        questions: Vec::new(),
    };
    let Some(list) = root.get("questions") else {
        return;
    };
    let Some(items) = r.seq(list, "`questions`") else {
        return;
    };
    for item in items {
        if !r.fields(
            item,
            "a question",
            &[
                "id", "type", "text", "help", "values", "min", "max", "sources",
            ],
            &["id", "type", "text"],
        ) {
            continue;
        }
        let Some(key) = r.text(item, "id") else {
            continue;
        };
        let id_pos = item.get("id").map_or(item.pos, |n| n.pos);
        if !is_identifier(&key) {
            r.error(
                id_pos,
                format!("question id `{key}` must be lowercase letters, digits and `_`"),
                None,
            );
            continue;
        }
        let full_id = format!("{name}.{key}");
        if questionnaire.questions.contains_key(&full_id) || section.questions.contains(&full_id) {
            r.error(
                id_pos,
                format!("question `{full_id}` is defined twice"),
                None,
            );
            continue;
        }
        let text = r.text(item, "text").unwrap_or_default();
        let help = r.opt_text(item, "help");
        let Some(kind) = read_question_type(r, item) else {
            continue;
        };
        let sources = read_source_refs(r, item);
        source_refs.extend(sources.iter().cloned());
        section.questions.push(full_id.clone());
        questionnaire.questions.insert(
            full_id.clone(),
            Question {
                id: full_id,
                section: name.clone(),
                key,
                kind,
                text,
                help,
                sources: sources.into_iter().map(|(s, _)| s).collect(),
            },
        );
    }
    questionnaire.sections.push(section);
}

fn read_question_type(r: &mut Reader, item: &Node) -> Option<QuestionType> {
    const TYPES: [(&str, u8); 6] = [
        ("bool", 0),
        ("enum", 1),
        ("set", 2),
        ("int", 3),
        ("date", 4),
        ("text", 5),
    ];
    let tag = r.choice(item, "type", &TYPES)?;
    let values = item.get("values");
    let wants_values = tag == 1 || tag == 2;
    if !wants_values && let Some(v) = values {
        r.error(
            v.pos,
            "`values` is only for `enum` and `set` questions",
            None,
        );
    }
    if tag != 3 {
        for bound in ["min", "max"] {
            if let Some(n) = item.get(bound) {
                r.error(
                    n.pos,
                    format!("`{bound}` is only for `int` questions"),
                    None,
                );
            }
        }
    }
    match tag {
        0 => Some(QuestionType::Bool),
        1 | 2 => {
            let Some(node) = values else {
                r.error(
                    item.pos,
                    "an `enum` or `set` question needs `values`",
                    Some("add `values: [first, second]`".into()),
                );
                return None;
            };
            let list = r.text_list(item, "values");
            if list.is_empty() {
                r.error(node.pos, "`values` must list at least one value", None);
                return None;
            }
            let mut values: Vec<String> = Vec::new();
            for (v, pos) in list {
                if !is_identifier(&v) {
                    r.error(
                        pos,
                        format!("value `{v}` must be lowercase letters, digits and `_`"),
                        None,
                    );
                } else if values.contains(&v) {
                    r.error(pos, format!("value `{v}` is listed twice"), None);
                } else {
                    values.push(v);
                }
            }
            Some(if tag == 1 {
                QuestionType::Enum { values }
            } else {
                QuestionType::Set { values }
            })
        }
        3 => {
            let mut bound = |name: &str| match item.get(name) {
                None => None,
                Some(Node {
                    value: Value::Int(i),
                    ..
                }) => Some(*i),
                Some(n) => {
                    r.error(n.pos, format!("`{name}` must be a whole number"), None);
                    None
                }
            };
            let (min, max) = (bound("min"), bound("max"));
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                r.error(
                    item.pos,
                    format!("`min` ({lo}) is larger than `max` ({hi})"),
                    None,
                );
            }
            Some(QuestionType::Int { min, max })
        }
        4 => Some(QuestionType::Date),
        _ => Some(QuestionType::Text),
    }
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.chars().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Reads an `answers:` mapping (section → question → value or long form),
/// reporting every answer that does not fit the questionnaire.
pub fn read_answers(
    r: &mut Reader,
    node: &Node,
    questionnaire: &Questionnaire,
) -> BTreeMap<String, Answer> {
    let mut answers = BTreeMap::new();
    if node.is_null() {
        return answers;
    }
    let Some(sections) = r.map(node, "`answers`") else {
        return answers;
    };
    let section_names = || questionnaire.sections.iter().map(|s| s.name.as_str());
    for (section_key, section_node) in sections {
        let Some(section) = questionnaire.section(&section_key.name) else {
            r.error(
                section_key.pos,
                format!("unknown section `{}`", section_key.name),
                Some(suggestion(
                    &section_key.name,
                    section_names(),
                    "the sections",
                )),
            );
            continue;
        };
        if section_node.is_null() {
            continue;
        }
        let Some(entries) = r.map(section_node, &format!("section `{}`", section.name)) else {
            continue;
        };
        for (key, value) in entries {
            let id = format!("{}.{}", section.name, key.name);
            let Some(question) = questionnaire.questions.get(&id) else {
                let keys = || {
                    section
                        .questions
                        .iter()
                        .map(|q| &q[section.name.len() + 1..])
                };
                let elsewhere = questionnaire
                    .questions
                    .values()
                    .find(|q| q.key == key.name)
                    .map(|q| {
                        format!(
                            "`{}` is a question of section `{}`; move it there",
                            q.key, q.section
                        )
                    });
                r.error(
                    key.pos,
                    format!(
                        "unknown question `{}` in section `{}`",
                        key.name, section.name
                    ),
                    Some(elsewhere.unwrap_or_else(|| {
                        suggestion(&key.name, keys(), "the questions of this section")
                    })),
                );
                continue;
            };
            if let Some(answer) = read_answer(r, key.pos, value, question) {
                answers.insert(id, answer);
            }
        }
    }
    answers
}

fn read_answer(r: &mut Reader, key_pos: Pos, node: &Node, question: &Question) -> Option<Answer> {
    let (value_node, evidence, url) = match &node.value {
        Value::Map(_) => {
            if !r.fields(
                node,
                &format!("the answer to `{}`", question.id),
                &["value", "evidence", "url"],
                &[],
            ) {
                return None;
            }
            let evidence = long_text(r, node, "evidence");
            let url = long_text(r, node, "url");
            (node.get("value"), evidence, url)
        }
        _ => (Some(node), None, None),
    };
    let pos = match value_node {
        Some(v) if !v.is_null() => v.pos,
        _ => key_pos,
    };
    let value = match value_node {
        None => None,
        Some(v) if v.is_null() => None,
        Some(v) => Some(typed_value(r, v, question)?),
    };
    Some(Answer {
        value,
        evidence,
        url,
        pos,
        cell: None,
    })
}

fn long_text(r: &mut Reader, record: &Node, name: &str) -> Option<String> {
    let node = record.get(name)?;
    if node.is_null() {
        return None;
    }
    let text = r.text_value(node, name)?;
    if text.chars().count() > limits::MAX_TEXT_CHARS {
        r.error(
            node.pos,
            format!(
                "`{name}` is longer than {} characters",
                limits::MAX_TEXT_CHARS
            ),
            Some("summarise it and give the full document as a `url`".into()),
        );
        return None;
    }
    Some(text)
}

/// One answer value as read, before it is checked against its question. The YAML reader and
/// the workbook reader both reduce what they read to this and call [`check_scalar`], so a
/// value is accepted or refused the same way whichever way it came.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    Bool(bool),
    Int(i64),
    /// A number that is not a whole number within i64.
    Number,
    Str(&'a str),
}

/// Why a value was refused. `wrong_kind` is set when the value is of the wrong kind for the
/// question (text for a number…): each reader then adds its own hint on how to write it.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub message: String,
    pub help: Option<String>,
    pub wrong_kind: bool,
}

/// Checks one value against its question: its kind, range, allowed values, date and length.
/// `shown` gives the value as the coordinator wrote it, for the message; it is called only
/// when the value is refused (describing every accepted value was 4% of `check`).
pub fn check_scalar(
    q: &Question,
    value: Scalar<'_>,
    shown: impl Fn() -> String,
) -> Result<AnswerValue, Refusal> {
    let wrong_kind = |help: Option<String>| Refusal {
        message: format!(
            "`{}` expects {}, not {}",
            q.id,
            q.kind.expectation(),
            shown()
        ),
        help,
        wrong_kind: true,
    };
    match (&q.kind, value) {
        (QuestionType::Bool, Scalar::Bool(b)) => Ok(AnswerValue::Bool(b)),
        (QuestionType::Int { min, max }, Scalar::Int(i)) => {
            if min.is_some_and(|lo| i < lo) || max.is_some_and(|hi| i > hi) {
                return Err(Refusal {
                    message: format!("`{}` is {i}, outside the allowed range", q.id),
                    help: Some(format!("`{}` expects {}", q.id, q.kind.expectation())),
                    wrong_kind: false,
                });
            }
            Ok(AnswerValue::Int(i))
        }
        (QuestionType::Enum { values }, Scalar::Str(s)) => {
            if values.iter().any(|v| v == s) {
                Ok(AnswerValue::Text(s.to_owned()))
            } else {
                Err(Refusal {
                    message: format!("`{}` is not an allowed answer to `{}`", shorten(s), q.id),
                    help: Some(suggestion(
                        s,
                        values.iter().map(String::as_str),
                        "allowed values",
                    )),
                    wrong_kind: false,
                })
            }
        }
        (QuestionType::Date, Scalar::Str(s)) => {
            if is_iso_date(s) {
                Ok(AnswerValue::Text(s.to_owned()))
            } else {
                Err(wrong_kind(Some(
                    "write the date as YYYY-MM-DD, e.g. 2024-06-30".into(),
                )))
            }
        }
        (QuestionType::Text, Scalar::Str(s)) => {
            if s.chars().count() > limits::MAX_TEXT_CHARS {
                return Err(Refusal {
                    message: format!(
                        "the answer to `{}` is longer than {} characters",
                        q.id,
                        limits::MAX_TEXT_CHARS
                    ),
                    help: Some(
                        "summarise it and give the full document as a `url` in the long form"
                            .into(),
                    ),
                    wrong_kind: false,
                });
            }
            Ok(AnswerValue::Text(s.to_owned()))
        }
        (QuestionType::Text, Scalar::Int(i)) => Ok(AnswerValue::Text(i.to_string())),
        _ => Err(wrong_kind(None)),
    }
}

fn typed_value(r: &mut Reader, node: &Node, q: &Question) -> Option<AnswerValue> {
    let scalar = match &node.value {
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Int(i) => Some(Scalar::Int(*i)),
        Value::Number(_) => Some(Scalar::Number),
        Value::Str(s) => Some(Scalar::Str(s)),
        _ => None,
    };
    if let (QuestionType::Set { values }, Value::Seq(items)) = (&q.kind, &node.value) {
        return set_value(r, node, items, values, q);
    }
    let refusal = match scalar {
        Some(value) => match check_scalar(q, value, || describe(node, r.text)) {
            Ok(v) => return Some(v),
            Err(refusal) => refusal,
        },
        None => Refusal {
            message: format!(
                "`{}` expects {}, not {}",
                q.id,
                q.kind.expectation(),
                describe(node, r.text)
            ),
            help: None,
            wrong_kind: true,
        },
    };
    let help = refusal
        .help
        .or_else(|| {
            refusal
                .wrong_kind
                .then(|| yaml_hint(node, r.text, q))
                .flatten()
        })
        .or_else(|| Some(format!("the question: {}", q.text)));
    r.error(node.pos, refusal.message, help);
    None
}

/// How to write a value of the right kind in YAML, where the value read suggests a slip.
fn yaml_hint(node: &Node, text: &str, q: &Question) -> Option<String> {
    match (&q.kind, &node.value) {
        (QuestionType::Bool, Value::Str(s)) => match s.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" | "oui" | "ja" | "si" | "sí" => {
                Some("write `true` for yes".to_owned())
            }
            "no" | "n" | "off" | "non" | "nein" => Some("write `false` for no".to_owned()),
            _ => None,
        },
        (QuestionType::Int { .. }, Value::Number(_)) => {
            let raw = raw_text(node, text);
            let digits = raw.trim_start_matches(['-', '+']);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
                Some(format!(
                    "{raw} is too large: whole numbers go up to {}",
                    i64::MAX
                ))
            } else {
                Some("write a whole number without a decimal point".to_owned())
            }
        }
        (QuestionType::Set { .. }, Value::Str(_)) => {
            Some("write a list in brackets, e.g. `[first, second]`, even for one value".into())
        }
        _ => None,
    }
}

fn set_value(
    r: &mut Reader,
    node: &Node,
    items: &[Node],
    values: &[String],
    q: &Question,
) -> Option<AnswerValue> {
    if items.len() > limits::MAX_SET_ITEMS {
        r.error(
            node.pos,
            format!(
                "`{}` lists more than {} values",
                q.id,
                limits::MAX_SET_ITEMS
            ),
            None,
        );
        return None;
    }
    let mut chosen: Vec<String> = Vec::new();
    let mut ok = true;
    for item in items {
        match &item.value {
            Value::Str(s) if values.contains(s) => {
                if chosen.contains(s) {
                    r.error(
                        item.pos,
                        format!("`{}` is listed twice in `{}`", shorten(s), q.id),
                        None,
                    );
                    ok = false;
                } else {
                    chosen.push(s.clone());
                }
            }
            Value::Str(s) => {
                r.error(
                    item.pos,
                    format!("`{}` is not an allowed value of `{}`", shorten(s), q.id),
                    Some(suggestion(
                        s,
                        values.iter().map(String::as_str),
                        "allowed values",
                    )),
                );
                ok = false;
            }
            _ => {
                r.error(
                    item.pos,
                    format!(
                        "the values of `{}` must be words, not {}",
                        q.id,
                        describe(item, r.text)
                    ),
                    Some(format!("allowed values: {}", q.kind.expectation())),
                );
                ok = false;
            }
        }
    }
    ok.then_some(AnswerValue::Set(chosen))
}

/// The value as the coordinator wrote it, for messages.
fn describe(node: &Node, text: &str) -> String {
    match &node.value {
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        _ => {
            let raw: String = raw_text(node, text).chars().take(60).collect();
            format!("`{raw}`")
        }
    }
}

fn raw_text<'t>(node: &Node, text: &'t str) -> &'t str {
    text.get(node.offset..node.offset + node.len)
        .unwrap_or("")
        .trim()
}

/// Why a header field's value is refused, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderProblem {
    pub message: String,
    pub help: String,
}

/// Checks a header field (`period`, `prepared_by`, …) wherever it comes from (a file, a
/// workbook cell, `init --period`): one line of at most [`limits::MAX_HEADER_CHARS`]
/// characters with no control characters, and for `period`, which becomes part of file
/// names (`xa-2025.xlsx`), no path separators.
pub fn check_header_field(name: &str, value: &str) -> Result<(), HeaderProblem> {
    let chars = value.chars().count();
    if chars > limits::MAX_HEADER_CHARS {
        return Err(HeaderProblem {
            message: format!("`{name}` is {chars} characters long"),
            help: format!(
                "a header field is one line of at most {} characters",
                limits::MAX_HEADER_CHARS
            ),
        });
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(HeaderProblem {
            message: format!(
                "`{name}` contains the control character U+{:04X}",
                u32::from(c)
            ),
            help: "a header field is one line of printable text".into(),
        });
    }
    if name == "period"
        && let Some(c) = value.chars().find(|c| matches!(c, '/' | '\\'))
    {
        return Err(HeaderProblem {
            message: format!("`period` contains `{c}`"),
            help: "the period becomes part of file names; write it without `/` or `\\` (for example `2025` or `2024-2025`)".into(),
        });
    }
    Ok(())
}

/// Reads and checks one self-assessment file.
pub fn read_assessment(
    file: &str,
    bytes: &[u8],
    questionnaire: &Questionnaire,
    jurisdictions: &[Jurisdiction],
) -> Result<Assessment, Vec<Diagnostic>> {
    let (text, root) = yaml::parse_bytes(file, bytes).map_err(|d| vec![d])?;
    let mut r = Reader::new(file, &text);
    if root.is_null() {
        r.error(
            Pos::FILE,
            "the file is empty",
            Some("a self-assessment starts with `acquis: assessment/1`; `acquis init --jurisdiction CODE` writes a blank one".into()),
        );
        return Err(r.diagnostics);
    }
    if !r.fields(
        &root,
        "a self-assessment",
        &[
            "acquis",
            "jurisdiction",
            "period",
            "prepared_by",
            "date",
            "answers",
        ],
        &["acquis", "jurisdiction", "period", "answers"],
    ) {
        return Err(r.diagnostics);
    }
    if let Some(version) = root.get("acquis") {
        match version.as_str() {
            Some(ASSESSMENT_VERSION) => {}
            other => r.error(
                version.pos,
                format!(
                    "unsupported file version `{}`",
                    other.map_or_else(|| describe(version, &text), str::to_owned)
                ),
                Some(format!(
                    "this version of acquis reads `acquis: {ASSESSMENT_VERSION}`"
                )),
            ),
        }
    }
    let mut jurisdiction = r.text(&root, "jurisdiction").unwrap_or_default();
    // `si` means SI: codes are read in any case and kept as the catalogue writes them.
    if let Some(j) = jurisdictions
        .iter()
        .find(|j| j.code.eq_ignore_ascii_case(&jurisdiction))
    {
        jurisdiction.clone_from(&j.code);
    }
    if !jurisdiction.is_empty() && !jurisdictions.iter().any(|j| j.code == jurisdiction) {
        let pos = root.get("jurisdiction").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("unknown jurisdiction `{}`", shorten(&jurisdiction)),
            Some(suggestion(
                &jurisdiction,
                jurisdictions.iter().map(|j| j.code.as_str()),
                "jurisdiction codes (ISO 3166, `EL` for Greece)",
            )),
        );
    }
    let period = r.text(&root, "period").unwrap_or_default();
    let prepared_by = r.opt_text(&root, "prepared_by");
    let date = r.opt_text(&root, "date");
    for (name, value) in [
        ("jurisdiction", Some(&jurisdiction)),
        ("period", Some(&period)),
        ("prepared_by", prepared_by.as_ref()),
        ("date", date.as_ref()),
    ] {
        if let Some(value) = value
            && let Err(problem) = check_header_field(name, value)
        {
            let pos = root.get(name).map_or(root.pos, |n| n.pos);
            r.error(pos, problem.message, Some(problem.help));
        }
    }
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        let pos = root.get("date").map_or(root.pos, |n| n.pos);
        r.error(
            pos,
            format!("`{}` is not a date", shorten(d)),
            Some("write the date as YYYY-MM-DD".into()),
        );
    }
    let answers = match root.get("answers") {
        Some(node) => read_answers(&mut r, node, questionnaire),
        None => BTreeMap::new(),
    };
    let assessment = Assessment {
        file: file.to_owned(),
        jurisdiction,
        period,
        prepared_by,
        date,
        answers,
    };
    r.into_result(assessment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("24-01-01"));
        assert!(!is_iso_date("2024-1-011"));
    }

    #[test]
    fn identifiers_are_lowercase_words() {
        assert!(is_identifier("covers_volunteers2"));
        assert!(!is_identifier("Covers"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier("a-b"));
    }
}
