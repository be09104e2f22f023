//! An imported assessment written as YAML in the format of SPEC (`acquis import`).

use std::fmt::Write as _;

use crate::model::{Answer, AnswerValue, Assessment};
use crate::questionnaire::ASSESSMENT_VERSION;
use crate::ruleset::RuleSet;

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

fn yaml_value(value: Option<&AnswerValue>) -> String {
    match value {
        None => "null".into(),
        Some(AnswerValue::Bool(b)) => b.to_string(),
        Some(AnswerValue::Int(i)) => i.to_string(),
        Some(AnswerValue::Text(s)) => quoted(s),
        Some(AnswerValue::Set(items)) => format!("[{}]", items.join(", ")),
    }
}

/// The self-assessment as YAML in the format of SPEC, sections in questionnaire order.
pub fn to_yaml(assessment: &Assessment, set: &RuleSet, source: &str) -> String {
    let mut yaml = String::new();
    let _ = writeln!(yaml, "# Imported from {source} by `acquis import`.");
    let _ = writeln!(yaml, "acquis: {ASSESSMENT_VERSION}");
    let _ = writeln!(yaml, "jurisdiction: {}", assessment.jurisdiction);
    let _ = writeln!(yaml, "period: {}", quoted(&assessment.period));
    if let Some(p) = &assessment.prepared_by {
        let _ = writeln!(yaml, "prepared_by: {}", quoted(p));
    }
    if let Some(d) = &assessment.date {
        let _ = writeln!(yaml, "date: {d}");
    }
    if assessment.illustrative {
        yaml.push_str("illustrative: true\n");
    }
    yaml.push_str("answers:\n");
    for section in &set.questionnaire.sections {
        let entries: Vec<(&String, &Answer)> = section
            .questions
            .iter()
            .filter_map(|q| assessment.answers.get_key_value(q))
            .collect();
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(yaml, "  {}:", section.name);
        for (id, answer) in entries {
            let key = &id[section.name.len() + 1..];
            let value = yaml_value(answer.value.as_ref());
            if answer.evidence.is_none() && answer.url.is_none() {
                let _ = writeln!(yaml, "    {key}: {value}");
            } else {
                let _ = writeln!(yaml, "    {key}:\n      value: {value}");
                if let Some(e) = &answer.evidence {
                    let _ = writeln!(yaml, "      evidence: {}", quoted(e));
                }
                if let Some(u) = &answer.url {
                    let _ = writeln!(yaml, "      url: {}", quoted(u));
                }
            }
        }
    }
    yaml
}
