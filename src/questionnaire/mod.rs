//! The questionnaire (`rules/questions/*.yaml`) and the checking of answers
//! against it: self-assessment files and the answers of rule examples.
//!
//! Invariant: an [`Assessment`] that leaves this module has only answers to
//! declared questions, each of the question's type and within its allowed values.

use crate::diagnostic::Pos;
use crate::model::{Question, QuestionType, Questionnaire, Section, SourceRef};
use crate::yaml::{Node, Reader, Value};

mod answers;
mod assessment;
mod translations;

pub use answers::{Refusal, Scalar, check_scalar, read_answers, the_question};
pub use assessment::{
    HeaderProblem, ParsedAssessment, check_header_field, parse_assessment, read_assessment,
    read_parsed,
};
pub use translations::read_translations;

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
        &["section", "title", "order", "questions", "translations"],
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
        translations: read_translations(r, root, &[("title", true)]),
        pos: root.get("title").map_or(root.pos, |n| n.pos),
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
                "id",
                "type",
                "text",
                "help",
                "values",
                "min",
                "max",
                "sources",
                "translations",
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
        let translations = read_translations(r, item, &[("text", true), ("help", help.is_some())]);
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
                translations,
                pos: id_pos,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_lowercase_words() {
        assert!(is_identifier("covers_volunteers2"));
        assert!(!is_identifier("Covers"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier("a-b"));
    }
}
