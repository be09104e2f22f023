//! One rule's result as a report shows it: its sources, the answers it read, why it failed
//! and the recommendation it gives.

use serde::Serialize;

use crate::check::RuleResult;
use crate::model::{Answer, AnswerValue, Assessment, Status};
use crate::ruleset::RuleSet;

use super::{SourceView, citation, source_note, status_label};

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// "✓" when the answer is what the rule's check needs, "✗" when it caused the gap or
    /// partial; none when the rule is neither or the answer does not decide it.
    pub mark: Option<&'static str>,
    /// The mark in words, for screen readers and the Markdown report.
    pub mark_label: Option<&'static str>,
    pub question: String,
    /// The question's number ("7.3"), as the workbook and `validate` show it.
    pub number: String,
    /// The question, with the one it follows for a follow-up question.
    pub text: String,
    pub value: String,
    pub evidence: Option<String>,
    pub url: Option<String>,
    /// The answer's line, or its cell (`ecris!C3`) in a workbook.
    pub line: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaiverView {
    pub reason: String,
    pub approved_by: String,
    pub until: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub icon: &'static str,
    pub raw_status: Option<&'static str>,
    pub severity: &'static str,
    pub force: &'static str,
    pub instrument: String,
    /// The rule's own article, e.g. "Directive 2011/93/EU, Art. 3(3)".
    pub citation: String,
    pub area: String,
    pub obligation: String,
    pub sources: Vec<SourceView>,
    /// The answers the rule read, present or not.
    pub answers: Vec<AnswerView>,
    pub missing: Vec<String>,
    /// For a gap or partial: each answer that fails the check, in words.
    pub why: Vec<String>,
    /// "R3" for a gap or partial (see [`crate::check::Grade`]).
    pub recommendation: Option<String>,
    pub grade: Option<&'static str>,
    /// The remedy worded by grade: "Example Republic is urged to make …".
    pub recommendation_text: Option<String>,
    pub remedy: String,
    pub message: Option<String>,
    pub waiver: Option<WaiverView>,
}

/// A remedy as a graded recommendation: "Example Republic is urged to make …". Remedies
/// are imperatives ("Make …"); the first letter is lowered unless the word is an acronym.
pub fn recommendation_text(name: &str, grade: crate::check::Grade, remedy: &str) -> String {
    let mut chars = remedy.trim().chars();
    let remedy = match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => remedy.trim().to_owned(),
    };
    format!("{name} is {} to {remedy}", grade.participle())
}

/// One line of the closing list a ministry answers point by point.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub number: String,
    pub grade: &'static str,
    pub text: String,
    pub id: String,
    pub title: String,
    pub citation: String,
    pub status_label: &'static str,
}

/// The leaves of a rule's check for one assessment (see [`crate::condition::why`]).
pub fn check_leaves(
    compiled: &crate::engine::CompiledRule,
    assessment: &Assessment,
    set: &RuleSet,
) -> Vec<crate::condition::why::Leaf> {
    let Some(jurisdiction) = set.jurisdiction(&assessment.jurisdiction) else {
        return Vec::new();
    };
    let answers = set.layout.answers(assessment);
    let cx = crate::condition::eval::Context {
        answers: &answers,
        layout: &set.layout,
        jurisdiction,
    };
    crate::condition::why::leaves(&compiled.check, &cx)
}

/// Whether a result is a gap or partial (waived or not), which the answers explain.
fn failed(result: &RuleResult) -> bool {
    matches!(
        result.raw_status.unwrap_or(result.status),
        Status::Gap | Status::Partial
    )
}

fn display_value(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Bool(true) => "yes".into(),
        AnswerValue::Bool(false) => "no".into(),
        AnswerValue::Int(i) => i.to_string(),
        AnswerValue::Text(s) => s.replace('_', " "),
        AnswerValue::Set(items) if items.is_empty() => "none".into(),
        AnswerValue::Set(items) => items
            .iter()
            .map(|i| i.replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn rule_view(result: &RuleResult, assessment: &Assessment, set: &RuleSet) -> RuleView {
    let compiled = set.rule(&result.rule);
    let jurisdiction = set.jurisdiction(&assessment.jurisdiction);
    let (label, icon) = status_label(result.status);
    let sources = compiled
        .map(|c| {
            c.rule
                .sources
                .iter()
                .map(|s| SourceView {
                    name: set
                        .instrument(&s.doc)
                        .map_or_else(|| s.doc.clone(), |i| i.short.clone()),
                    reference: s.reference.clone(),
                    quote: s.quote.clone(),
                    note: source_note(set, jurisdiction, &s.doc),
                })
                .collect()
        })
        .unwrap_or_default();
    use crate::condition::why::Bearing;
    let leaves = match compiled {
        Some(c) if failed(result) => check_leaves(c, assessment, set),
        _ => Vec::new(),
    };
    let why = leaves
        .iter()
        .filter(|l| l.bearing == Bearing::Against)
        .map(|l| l.words.clone())
        .collect();
    let answers = compiled
        .map(|c| {
            c.reads
                .iter()
                .map(|q| {
                    let answer = assessment.answers.get(q);
                    let on_q = || leaves.iter().filter(|l| l.questions.contains(q));
                    let (mark, mark_label) = if on_q().any(|l| l.bearing == Bearing::Against) {
                        (Some("✗"), Some("does not meet the requirement"))
                    } else if on_q().any(|l| l.bearing == Bearing::For) {
                        (Some("✓"), Some("meets the requirement"))
                    } else {
                        (None, None)
                    };
                    AnswerView {
                        mark,
                        mark_label,
                        question: q.clone(),
                        number: crate::report::completeness::number(set, q),
                        text: set
                            .questionnaire
                            .questions
                            .get(q)
                            .map(|x| {
                                let parent_listed = set
                                    .questionnaire
                                    .follows(q)
                                    .is_some_and(|p| c.reads.contains(&p.id));
                                crate::report::completeness::in_context(set, x, parent_listed)
                            })
                            .unwrap_or_default(),
                        value: answer
                            .and_then(|a| a.value.as_ref())
                            .map_or_else(|| "not answered".to_owned(), display_value),
                        evidence: answer.and_then(|a| a.evidence.clone()),
                        url: answer.and_then(|a| a.url.clone()),
                        line: answer.map(answer_place),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    RuleView {
        id: result.rule.to_string(),
        title: result.title.to_string(),
        status: result.status.as_str(),
        status_label: label,
        icon,
        raw_status: result.raw_status.map(Status::as_str),
        severity: result.severity.as_str(),
        force: result.force.as_str(),
        instrument: set
            .instrument(&result.instrument)
            .map_or_else(|| result.instrument.to_string(), |i| i.short.clone()),
        citation: citation(set, &result.rule),
        area: result.area.to_string(),
        obligation: compiled
            .map(|c| c.rule.obligation.clone())
            .unwrap_or_default(),
        sources,
        answers,
        missing: result.missing.clone(),
        why,
        recommendation: result.recommendation.clone(),
        grade: result.grade.map(crate::check::Grade::as_str),
        recommendation_text: result.grade.zip(compiled).map(|(g, c)| {
            recommendation_text(
                &jurisdiction.map_or_else(|| result.rule.to_string(), |j| j.name.clone()),
                g,
                &c.rule.remedy,
            )
        }),
        remedy: compiled.map(|c| c.rule.remedy.clone()).unwrap_or_default(),
        message: result.message.clone(),
        waiver: result.waiver.as_ref().map(|w| WaiverView {
            reason: w.reason.clone(),
            approved_by: w.approved_by.clone(),
            until: w.until.clone(),
        }),
    }
}

/// Where an answer is, for the reports' "Line" column.
pub(super) fn answer_place(answer: &Answer) -> String {
    answer
        .cell
        .clone()
        .unwrap_or_else(|| answer.pos.line.to_string())
}
