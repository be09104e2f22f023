//! Answers written back as self-assessment YAML, in the syntax `questionnaire` reads:
//! `import` writes a workbook's answers this way and `init --from` last period's.

use std::fmt::Write as _;

use crate::model::{Answer, AnswerValue};

/// A string as a YAML double-quoted scalar: JSON's escaping is valid YAML, and quoting every
/// text keeps `yes`, `1.0` or `: ` in an answer from being read as something else.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// An answer's value as YAML; `null` when unanswered.
pub fn value(value: Option<&AnswerValue>) -> String {
    match value {
        None => "null".into(),
        Some(AnswerValue::Bool(b)) => b.to_string(),
        Some(AnswerValue::Int(i)) => i.to_string(),
        Some(AnswerValue::Text(s)) => quoted(s),
        Some(AnswerValue::Set(items)) => format!("[{}]", items.join(", ")),
    }
}

/// One answer under its key at `indent`: the short form, or the long form when it has
/// evidence or a link.
pub fn write_answer(out: &mut String, indent: &str, key: &str, answer: &Answer) {
    let v = value(answer.value.as_ref());
    if answer.evidence.is_none() && answer.url.is_none() {
        let _ = writeln!(out, "{indent}{key}: {v}");
        return;
    }
    let _ = writeln!(out, "{indent}{key}:\n{indent}  value: {v}");
    if let Some(e) = &answer.evidence {
        let _ = writeln!(out, "{indent}  evidence: {}", quoted(e));
    }
    if let Some(u) = &answer.url {
        let _ = writeln!(out, "{indent}  url: {}", quoted(u));
    }
}
