//! `acquis init`: a blank self-assessment for one jurisdiction, with every
//! question that applies to it as an empty entry, explained in comments.

use std::fmt::Write as _;

use crate::assessment_yaml;
use crate::model::{Assessment, Jurisdiction};
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

/// Last period's self-assessment, carried into the next one by `init --from`.
pub struct Previous<'a> {
    pub assessment: &'a Assessment,
    /// Today's date (`YYYY-MM-DD`), the new file's `date`.
    pub today: &'a str,
}

/// The text of a self-assessment for `jurisdiction` and `period`: blank, or with the answers
/// and evidence of `previous` (rolled forward to `period`) and a header saying what to review.
pub fn assessment_text(
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    period: &str,
    schema_path: &str,
    previous: Option<&Previous>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# yaml-language-server: $schema={schema_path}");
    let asked = set.questions_for(jurisdiction);
    // The questions of this file: those asked, and any question last period answered
    // although it does not apply (its answer is kept, marked as not read).
    let kept =
        |q: &str| asked.contains(&q) || previous.is_some_and(|p| p.assessment.value(q).is_some());
    let unanswered_before = previous.map_or(0, |p| {
        asked
            .iter()
            .filter(|q| p.assessment.value(q).is_none())
            .count()
    });
    match previous {
        None => {
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
            ] {
                let _ = writeln!(out, "# {line}");
            }
        }
        Some(p) => {
            let last = p.assessment;
            comment_lines(
                &mut out,
                "",
                &format!(
                    "Self-assessment of {} ({}) for {period}, carried forward by `acquis init` from {} (period {}).",
                    jurisdiction.name, jurisdiction.code, last.file, last.period
                ),
            );
            comment_lines(
                &mut out,
                "",
                &format!(
                    "TO REVIEW: every answer, evidence and link below is the one given for {}. Check each against the law and practice of {period}: change the answer where something changed (a new law, an amendment, a new practice), and update its evidence and link. Check `prepared_by` and `date` too.",
                    last.period
                ),
            );
            if unanswered_before > 0 {
                comment_lines(
                    &mut out,
                    "",
                    &format!(
                        "{unanswered_before} {} not answered for {} and {} still `null` (each is marked \"Not answered for {}\").",
                        crate::plural::noun(unanswered_before, "question was", "questions were"),
                        last.period,
                        if unanswered_before == 1 { "is" } else { "are" },
                        last.period
                    ),
                );
            }
            let _ = writeln!(
                out,
                "# `acquis diff {} FILE` then lists what changed between the two periods.",
                last.file
            );
        }
    }
    let _ = writeln!(
        out,
        "# Then run `acquis validate FILE` until it reports no errors, and `acquis check FILE`."
    );
    let _ = writeln!(out, "acquis: {ASSESSMENT_VERSION}");
    let _ = writeln!(out, "jurisdiction: {}", jurisdiction.code);
    let _ = writeln!(out, "period: {}", assessment_yaml::quoted(period));
    match previous {
        None => {
            let _ = writeln!(
                out,
                "prepared_by: null   # the ministry or body that prepared the answers"
            );
            let _ = writeln!(out, "date: null          # YYYY-MM-DD");
        }
        Some(p) => {
            let prepared_by = p
                .assessment
                .prepared_by
                .as_deref()
                .map_or_else(|| "null".to_owned(), assessment_yaml::quoted);
            let _ = writeln!(
                out,
                "prepared_by: {prepared_by}   # the ministry or body that prepared the answers"
            );
            let _ = writeln!(
                out,
                "date: {}   # YYYY-MM-DD: the day this file was started; change it when the answers are confirmed",
                p.today
            );
            if p.assessment.illustrative {
                // Invented answers stay marked as invented in every period.
                let _ = writeln!(out, "illustrative: true");
            }
        }
    }
    let _ = writeln!(out, "answers:");
    for section in &set.questionnaire.sections {
        let questions: Vec<&str> = section
            .questions
            .iter()
            .map(String::as_str)
            .filter(|q| kept(q))
            .collect();
        if questions.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n  # ── {} ──", section.title);
        let _ = writeln!(out, "  {}:", section.name);
        for id in questions {
            let q = &set.questionnaire.questions[id];
            out.push('\n');
            let number = set
                .questionnaire
                .number(id)
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            comment_lines(&mut out, "    ", &format!("{number}{}", q.text));
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
            let answer = previous.and_then(|p| p.assessment.answers.get(id));
            if let Some(p) = previous {
                if !asked.contains(&id) {
                    comment_lines(
                        &mut out,
                        "    ",
                        &format!(
                            "Not asked of {}: no rule that applies to it reads this question. The answer given for {} is kept, and not read.",
                            jurisdiction.code, p.assessment.period
                        ),
                    );
                } else if answer.is_none_or(|a| a.value.is_none()) {
                    comment_lines(
                        &mut out,
                        "    ",
                        &format!("Not answered for {}.", p.assessment.period),
                    );
                }
            }
            match answer {
                Some(a) => assessment_yaml::write_answer(&mut out, "    ", &q.key, a),
                None => {
                    let _ = writeln!(out, "    {}: null", q.key);
                }
            }
        }
    }
    out
}
