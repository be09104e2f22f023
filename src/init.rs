//! `acquis init`: a blank self-assessment for one jurisdiction, with every
//! question that applies to it as an empty entry, explained in comments.

use std::fmt::Write as _;

use crate::model::Jurisdiction;
use crate::questionnaire::ASSESSMENT_VERSION;
use crate::ruleset::RuleSet;

/// The file name `init` gives the schema it writes next to the assessment.
pub const SCHEMA_FILE: &str = "acquis-assessment.schema.json";

fn comment_lines(out: &mut String, indent: &str, text: &str) {
    // Wrapped at about 96 columns so the file reads well in any editor.
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 2 + line.len() + 1 + word.len() > 96 {
            let _ = writeln!(out, "{indent}# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// The text of a blank self-assessment for `jurisdiction` and `period`.
pub fn blank_assessment(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    schema_path: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# yaml-language-server: $schema={schema_path}");
    let _ = writeln!(
        out,
        "# Self-assessment of {} ({}) for {period}, written by `acquis init`.",
        jurisdiction.name, jurisdiction.code
    );
    for line in [
        "Replace each `null` with the answer. Leave `null` where the answer is not known yet:",
        "an unanswered question is never counted as a gap, it is reported as unanswered.",
        "To give the evidence for an answer, use the long form:",
        "  periodic_rechecks:",
        "    value: false",
        "    evidence: Criminal Records Act, s. 12 requires a check at recruitment only",
        "    url: https://example.org/act",
        "Then run `acquis validate FILE` until it reports no errors, and `acquis check FILE`.",
    ] {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "acquis: {ASSESSMENT_VERSION}");
    let _ = writeln!(out, "jurisdiction: {}", jurisdiction.code);
    let _ = writeln!(out, "period: \"{}\"", period.replace('"', ""));
    let _ = writeln!(
        out,
        "prepared_by: null   # the ministry or body that prepared the answers"
    );
    let _ = writeln!(out, "date: null          # YYYY-MM-DD");
    let _ = writeln!(out, "answers:");
    let asked = set.questions_for(jurisdiction);
    for section in &set.questionnaire.sections {
        let questions: Vec<&str> = section
            .questions
            .iter()
            .map(String::as_str)
            .filter(|q| asked.contains(q))
            .collect();
        if questions.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n  # ── {} ──", section.title);
        let _ = writeln!(out, "  {}:", section.name);
        for id in questions {
            let q = &set.questionnaire.questions[id];
            out.push('\n');
            comment_lines(&mut out, "    ", &q.text);
            if let Some(help) = &q.help {
                comment_lines(&mut out, "    ", help);
            }
            comment_lines(
                &mut out,
                "    ",
                &format!("Answer: {}.", q.kind.expectation()),
            );
            if !q.sources.is_empty() {
                comment_lines(
                    &mut out,
                    "    ",
                    &format!(
                        "Legal basis: {}.",
                        crate::workbook::write::legal_basis(set, q)
                    ),
                );
            }
            let _ = writeln!(out, "    {}: null", q.key);
        }
    }
    out
}
