//! An imported assessment written as YAML in the format of SPEC (`acquis import`).

use std::fmt::Write as _;

use crate::assessment_yaml::{quoted, write_answer};
use crate::load::RuleSet;
use crate::model::{Answer, Assessment};
use crate::questionnaire::ASSESSMENT_VERSION;

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
            write_answer(&mut yaml, "    ", key, answer);
        }
    }
    yaml
}
