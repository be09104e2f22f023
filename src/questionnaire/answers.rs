//! Answers checked against the questionnaire: each value of the question's type and within
//! its allowed values, from YAML (assessments, rule examples) or a workbook cell.

use std::collections::BTreeMap;

use crate::dates::is_iso_date;
use crate::diagnostic::{Pos, shorten};
use crate::i18n::{n_, suggestion_in, suggestion_words, tf, tw};
use crate::lang::Words;
use crate::limits;
use crate::model::{Answer, AnswerValue, Question, QuestionType, Questionnaire};
use crate::yaml::{Node, Reader, Value};

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
            r.error_in(
                section_key.pos,
                tw(
                    "unknown section `{section}`",
                    &[("section", &section_key.name)],
                ),
                Some(suggestion_words(
                    &section_key.name,
                    section_names(),
                    n_("the sections"),
                )),
            );
            continue;
        };
        if section_node.is_null() {
            continue;
        }
        let what = || tw("section `{section}`", &[("section", &section.name)]);
        let Some(entries) = r.map(section_node, &what) else {
            continue;
        };
        for (key, value) in entries {
            // Joined by hand: `format!` cost as much as parsing the line (callgrind, 2026-12-03).
            let mut id = String::with_capacity(section.name.len() + 1 + key.name.len());
            id.push_str(&section.name);
            id.push('.');
            id.push_str(&key.name);
            let Some(question) = questionnaire.questions.get(&id) else {
                let keys = || {
                    section
                        .questions
                        .iter()
                        .map(|q| &q[section.name.len() + 1..])
                };
                let elsewhere = questionnaire.questions.values().find(|q| q.key == key.name);
                r.error_in(
                    key.pos,
                    tw(
                        "unknown question `{question}` in section `{section}`",
                        &[("question", &key.name), ("section", &section.name)],
                    ),
                    Some(Words::new(|lang| match elsewhere {
                        Some(q) => tf(
                            lang,
                            "`{question}` is a question of section `{section}`; move it there",
                            &[("question", &q.key), ("section", &q.section)],
                        ),
                        None => suggestion_in(
                            lang,
                            &key.name,
                            keys(),
                            n_("the questions of this section"),
                        ),
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
                &|| tw("the answer to `{question}`", &[("question", &question.id)]),
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
        let most = limits::MAX_TEXT_CHARS.to_string();
        r.error_in(
            node.pos,
            tw(
                "`{field}` is longer than {most} characters",
                &[("field", name), ("most", &most)],
            ),
            Some(tw(
                "summarise it and give the full document as a `url`",
                &[],
            )),
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

/// Why a value was refused, in every language. `wrong_kind` is set when the value is of the
/// wrong kind for the question (text for a number…): each reader then adds its own hint on
/// how to write it.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub message: Words,
    pub help: Option<Words>,
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
    let wrong_kind = |help: Option<Words>| Refusal {
        message: expects_not(q, &shown()),
        help,
        wrong_kind: true,
    };
    match (&q.kind, value) {
        (QuestionType::Bool, Scalar::Bool(b)) => Ok(AnswerValue::Bool(b)),
        (QuestionType::Int { min, max }, Scalar::Int(i)) => {
            if min.is_some_and(|lo| i < lo) || max.is_some_and(|hi| i > hi) {
                let value = i.to_string();
                return Err(Refusal {
                    message: tw(
                        "`{question}` is {value}, outside the allowed range",
                        &[("question", &q.id), ("value", &value)],
                    ),
                    help: Some(expects(q)),
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
                    message: tw(
                        "`{value}` is not an allowed answer to `{question}`",
                        &[("value", &shorten(s)), ("question", &q.id)],
                    ),
                    help: Some(suggestion_words(
                        s,
                        values.iter().map(String::as_str),
                        n_("allowed values"),
                    )),
                    wrong_kind: false,
                })
            }
        }
        (QuestionType::Date, Scalar::Str(s)) => {
            if is_iso_date(s) {
                Ok(AnswerValue::Text(s.to_owned()))
            } else {
                Err(wrong_kind(Some(tw(
                    "write the date as YYYY-MM-DD, e.g. 2024-06-30",
                    &[],
                ))))
            }
        }
        (QuestionType::Text, Scalar::Str(s)) => {
            if s.chars().count() > limits::MAX_TEXT_CHARS {
                let most = limits::MAX_TEXT_CHARS.to_string();
                return Err(Refusal {
                    message: tw(
                        "the answer to `{question}` is longer than {most} characters",
                        &[("question", &q.id), ("most", &most)],
                    ),
                    help: Some(tw(
                        "summarise it and give the full document as a `url` in the long form",
                        &[],
                    )),
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
            message: expects_not(q, &describe(node, r.text)),
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
        .unwrap_or_else(|| the_question(q));
    r.error_in(node.pos, refusal.message, Some(help));
    None
}

/// "`q` expects `true` or `false`, not `maybe`", in every language.
fn expects_not(q: &Question, shown: &str) -> Words {
    Words::new(|lang| {
        tf(
            lang,
            "`{question}` expects {expected}, not {found}",
            &[
                ("question", &q.id),
                ("expected", &q.kind.expectation_in(lang)),
                ("found", shown),
            ],
        )
    })
}

/// "`q` expects a whole number from 0 to 10", in every language.
pub(crate) fn expects(q: &Question) -> Words {
    Words::new(|lang| {
        tf(
            lang,
            "`{question}` expects {expected}",
            &[
                ("question", &q.id),
                ("expected", &q.kind.expectation_in(lang)),
            ],
        )
    })
}

/// "the question: …", in the question's own words in each language.
pub fn the_question(q: &Question) -> Words {
    Words::new(|lang| {
        tf(
            lang,
            "the question: {text}",
            &[("text", q.text_in(lang).text)],
        )
    })
}

/// How to write a value of the right kind in YAML, where the value read suggests a slip.
fn yaml_hint(node: &Node, text: &str, q: &Question) -> Option<Words> {
    match (&q.kind, &node.value) {
        (QuestionType::Bool, Value::Str(s)) => match s.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" | "oui" | "ja" | "si" | "sí" => {
                Some(tw("write `true` for yes", &[]))
            }
            "no" | "n" | "off" | "non" | "nein" => Some(tw("write `false` for no", &[])),
            _ => None,
        },
        (QuestionType::Int { .. }, Value::Number(_)) => {
            let raw = raw_text(node, text);
            let digits = raw.trim_start_matches(['-', '+']);
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '_') {
                let most = i64::MAX.to_string();
                Some(tw(
                    "{value} is too large: whole numbers go up to {most}",
                    &[("value", raw), ("most", &most)],
                ))
            } else {
                Some(tw("write a whole number without a decimal point", &[]))
            }
        }
        (QuestionType::Set { .. }, Value::Str(_)) => Some(tw(
            "write a list in brackets, e.g. `[first, second]`, even for one value",
            &[],
        )),
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
        let most = limits::MAX_SET_ITEMS.to_string();
        r.error_in(
            node.pos,
            tw(
                "`{question}` lists more than {most} values",
                &[("question", &q.id), ("most", &most)],
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
                    r.error_in(
                        item.pos,
                        tw(
                            "`{value}` is listed twice in `{question}`",
                            &[("value", &shorten(s)), ("question", &q.id)],
                        ),
                        None,
                    );
                    ok = false;
                } else {
                    chosen.push(s.clone());
                }
            }
            Value::Str(s) => {
                r.error_in(
                    item.pos,
                    tw(
                        "`{value}` is not an allowed value of `{question}`",
                        &[("value", &shorten(s)), ("question", &q.id)],
                    ),
                    Some(suggestion_words(
                        s,
                        values.iter().map(String::as_str),
                        n_("allowed values"),
                    )),
                );
                ok = false;
            }
            _ => {
                let found = describe(item, r.text);
                r.error_in(
                    item.pos,
                    tw(
                        "the values of `{question}` must be words, not {found}",
                        &[("question", &q.id), ("found", &found)],
                    ),
                    Some(Words::new(|lang| {
                        tf(
                            lang,
                            "allowed values: {values}",
                            &[("values", &q.kind.expectation_in(lang))],
                        )
                    })),
                );
                ok = false;
            }
        }
    }
    ok.then_some(AnswerValue::Set(chosen))
}

/// The value as the coordinator wrote it, for messages: the words for a list or a mapping
/// are English, the one place a translated message shows English (`found`).
pub(super) fn describe(node: &Node, text: &str) -> String {
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
