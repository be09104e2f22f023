//! What a gap report shows, computed once in Rust and handed to the templates,
//! so the templates only lay it out. Every string here is plain text: the HTML
//! template auto-escapes it, the Markdown template passes it through `md`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{Results, RuleResult, Tally};
use crate::load::RuleSet;
use crate::model::{Answer, AnswerValue, Assessment, Force, Status};

/// How a status is shown: a word and an icon, so colour is never the only cue.
pub fn status_label(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Met => ("Met", "✓"),
        Status::Partial => ("Partly met", "◐"),
        Status::Gap => ("Gap", "✗"),
        Status::Unanswered => ("Unanswered", "?"),
        Status::NotApplicable => ("Not applicable", "–"),
        Status::Waived => ("Waived", "⊘"),
        Status::Error => ("Error", "!"),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TallyView {
    pub score: String,
    pub completeness: String,
    pub met: usize,
    pub partial: usize,
    pub gap: usize,
    pub unanswered: usize,
    pub not_applicable: usize,
    pub waived: usize,
    pub error: usize,
    /// Segments of a bar of the decided and open rules (met, partial, gap, unanswered), in percent.
    pub bar: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub status: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub x: f64,
    pub width: f64,
}

pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

impl TallyView {
    pub fn of(t: &Tally) -> TallyView {
        let parts = [
            (Status::Met, t.met),
            (Status::Partial, t.partial),
            (Status::Gap, t.gap),
            (Status::Unanswered, t.unanswered),
        ];
        let total: usize = parts.iter().map(|(_, n)| n).sum();
        let mut x = 0.0;
        let bar = parts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(status, n)| {
                let width = *n as f64 * 100.0 / total as f64;
                let seg = Segment {
                    status: status.as_str(),
                    label: status_label(*status).0,
                    count: *n,
                    x,
                    width,
                };
                x += width;
                seg
            })
            .collect();
        TallyView {
            score: percent(t.score),
            completeness: percent(t.completeness),
            met: t.met,
            partial: t.partial,
            gap: t.gap,
            unanswered: t.unanswered,
            not_applicable: t.not_applicable,
            waived: t.waived,
            error: t.error,
            bar,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub name: String,
    pub label: String,
    pub tally: TallyView,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub name: String,
    pub reference: String,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub question: String,
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
    pub area: String,
    pub obligation: String,
    pub sources: Vec<SourceView>,
    /// The answers the rule read, present or not.
    pub answers: Vec<AnswerView>,
    pub missing: Vec<String>,
    pub remedy: String,
    pub message: Option<String>,
    pub waiver: Option<WaiverView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub status: &'static str,
    pub heading: &'static str,
    pub icon: &'static str,
    pub intro: &'static str,
    pub rules: Vec<RuleView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionToAnswer {
    pub id: String,
    pub text: String,
    /// The answer's line, or its cell (`ecris!C3`) in a workbook; `None`: not in the file.
    pub line: Option<String>,
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    pub status: &'static str,
    pub label: &'static str,
    pub icon: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    pub jurisdiction: String,
    pub jurisdiction_name: String,
    pub fictional: bool,
    pub period: String,
    pub prepared_by: Option<String>,
    pub assessment_date: Option<String>,
    pub report_date: String,
    pub file: String,
    pub digest: String,
    pub rules: usize,
    pub overall: TallyView,
    pub counts: Vec<CountView>,
    pub areas: Vec<GroupView>,
    pub forces: Vec<GroupView>,
    pub sections: Vec<SectionView>,
    pub questions_to_answer: Vec<QuestionToAnswer>,
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
                })
                .collect()
        })
        .unwrap_or_default();
    let answers = compiled
        .map(|c| {
            c.reads
                .iter()
                .map(|q| {
                    let answer = assessment.answers.get(q);
                    AnswerView {
                        question: q.clone(),
                        text: set
                            .questionnaire
                            .questions
                            .get(q)
                            .map(|x| x.text.clone())
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
        id: result.rule.clone(),
        title: result.title.clone(),
        status: result.status.as_str(),
        status_label: label,
        icon,
        raw_status: result.raw_status.map(Status::as_str),
        severity: result.severity.as_str(),
        force: result.force.as_str(),
        instrument: set
            .instrument(&result.instrument)
            .map_or_else(|| result.instrument.clone(), |i| i.short.clone()),
        area: result.area.clone(),
        obligation: compiled
            .map(|c| c.rule.obligation.clone())
            .unwrap_or_default(),
        sources,
        answers,
        missing: result.missing.clone(),
        remedy: compiled.map(|c| c.rule.remedy.clone()).unwrap_or_default(),
        message: result.message.clone(),
        waiver: result.waiver.as_ref().map(|w| WaiverView {
            reason: w.reason.clone(),
            approved_by: w.approved_by.clone(),
            until: w.until.clone(),
        }),
    }
}

/// Areas in questionnaire order (an area named after a section comes where the section does).
pub fn areas_in_order(set: &RuleSet, by_area: &BTreeMap<String, Tally>) -> Vec<GroupView> {
    let position = |area: &str| {
        set.questionnaire
            .sections
            .iter()
            .position(|s| s.name == area)
            .unwrap_or(usize::MAX)
    };
    let mut areas: Vec<GroupView> = by_area
        .iter()
        .map(|(name, t)| GroupView {
            name: name.clone(),
            label: area_label(set, name),
            tally: TallyView::of(t),
        })
        .collect();
    areas.sort_by_key(|g| (position(&g.name), g.name.clone()));
    areas
}

/// The label of an area: the title of the questionnaire section of the same name.
pub fn area_label(set: &RuleSet, area: &str) -> String {
    set.questionnaire
        .section(area)
        .map_or_else(|| area.to_owned(), |s| s.title.clone())
}

pub fn gap_report(
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
    report_date: &str,
) -> GapReport {
    let jurisdiction = set.jurisdiction(&results.jurisdiction);
    const SECTIONS: [(Status, &str, &str); 7] = [
        (
            Status::Gap,
            "Gaps",
            "Obligations not met, binding ones first, then by severity.",
        ),
        (Status::Partial, "Partly met", "Obligations met in part."),
        (
            Status::Unanswered,
            "Unanswered",
            "Rules that cannot be decided until the questions above are answered.",
        ),
        (
            Status::Waived,
            "Waived",
            "Gaps and partial results an evaluator has accepted for a time, with the reason.",
        ),
        (
            Status::Error,
            "Errors",
            "Rules that failed to evaluate; report them to the maintainers of the rule set.",
        ),
        (Status::Met, "Met", "Obligations met."),
        (
            Status::NotApplicable,
            "Not applicable",
            "Rules that do not apply to this jurisdiction, with the reason.",
        ),
    ];
    let sections = SECTIONS
        .iter()
        .map(|(status, heading, intro)| {
            let mut rules: Vec<&RuleResult> = results
                .results
                .iter()
                .filter(|r| r.status == *status)
                .collect();
            // Stable: within a force and severity, rules keep the rule set's citation order.
            rules.sort_by_key(|r| (r.force, r.severity));
            SectionView {
                status: status.as_str(),
                heading,
                icon: status_label(*status).1,
                intro,
                rules: rules
                    .into_iter()
                    .map(|r| rule_view(r, assessment, set))
                    .collect(),
            }
        })
        .collect();
    let mut blocking: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &results.results {
        for q in &r.missing {
            blocking.entry(q.as_str()).or_default().push(r.rule.clone());
        }
    }
    let mut questions_to_answer: Vec<QuestionToAnswer> = blocking
        .into_iter()
        .map(|(q, rules)| QuestionToAnswer {
            id: q.to_owned(),
            text: set
                .questionnaire
                .questions
                .get(q)
                .map(|x| x.text.clone())
                .unwrap_or_default(),
            line: assessment.answers.get(q).map(answer_place),
            rules,
        })
        .collect();
    questions_to_answer.sort_by(|a, b| b.rules.len().cmp(&a.rules.len()).then(a.id.cmp(&b.id)));
    let summary = &results.summary;
    GapReport {
        jurisdiction: results.jurisdiction.clone(),
        jurisdiction_name: jurisdiction
            .map_or_else(|| results.jurisdiction.clone(), |j| j.name.clone()),
        fictional: jurisdiction.is_some_and(|j| j.fictional),
        period: results.period.clone(),
        prepared_by: results.prepared_by.clone(),
        assessment_date: results.date.clone(),
        report_date: report_date.to_owned(),
        file: results.file.clone(),
        digest: results.ruleset.digest.clone(),
        rules: results.ruleset.rules,
        overall: TallyView::of(&summary.overall),
        counts: Status::ALL
            .iter()
            .map(|s| CountView {
                status: s.as_str(),
                label: status_label(*s).0,
                icon: status_label(*s).1,
                count: results.count(*s),
            })
            .collect(),
        areas: areas_in_order(set, &summary.by_area),
        forces: [Force::Binding, Force::Commitment, Force::Policy]
            .iter()
            .filter_map(|f| {
                summary.by_force.get(f.as_str()).map(|t| GroupView {
                    name: f.as_str().to_owned(),
                    label: match f {
                        Force::Binding => "Binding law",
                        Force::Commitment => "Political commitments",
                        Force::Policy => "Policy",
                    }
                    .to_owned(),
                    tally: TallyView::of(t),
                })
            })
            .collect(),
        sections,
        questions_to_answer,
    }
}

/// Where an answer is, for the reports' "Line" column.
fn answer_place(answer: &Answer) -> String {
    answer
        .cell
        .clone()
        .unwrap_or_else(|| answer.pos.line.to_string())
}
