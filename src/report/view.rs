//! What a gap report shows, computed once in Rust and handed to the templates,
//! so the templates only lay it out. Every string here is plain text: the HTML
//! template auto-escapes it, the Markdown template passes it through `md`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{Results, RuleResult, Tally};
use crate::load::RuleSet;
use crate::model::{Answer, AnswerValue, Assessment, Force, Jurisdiction, Status};

/// Below this completeness a score is provisional (#15, #18): with too few answers it says
/// little, so it is never shown bare.
pub const PROVISIONAL_BELOW: f64 = 0.6;

/// Whether a score rests on too few answers to be shown without a warning.
pub fn is_provisional(t: &Tally) -> bool {
    t.score.is_some() && t.completeness.is_some_and(|c| c < PROVISIONAL_BELOW)
}

/// A score as reports show it: "80%", or "80% (provisional)" when completeness is low.
pub fn score_text(t: &Tally) -> String {
    if is_provisional(t) {
        format!("{} (provisional)", percent(t.score))
    } else {
        percent(t.score)
    }
}

/// How reports name a legal force.
pub fn force_label(force: Force) -> &'static str {
    match force {
        Force::Binding => "Binding law",
        Force::Commitment => "Political commitments",
        Force::Policy => "Policy",
    }
}

/// Why the headline is the score on binding law (SPEC, evaluation semantics 6).
pub const PER_FORCE_SENTENCE: &str = "Scores are given per legal force and never added together: the headline is the score on binding law; political commitments and policy are shown beside it.";

/// The note on a source whose instrument does not bind or address the jurisdiction (#15):
/// a gap on another rule must not present it as the jurisdiction's legal obligation.
pub fn source_note(
    set: &RuleSet,
    jurisdiction: Option<&Jurisdiction>,
    doc: &str,
) -> Option<String> {
    let j = jurisdiction?;
    let instrument = set.instrument(doc)?;
    if j.is_addressed_by(doc) {
        return None;
    }
    Some(match instrument.force {
        Force::Binding => format!("does not bind {}", j.code),
        Force::Commitment | Force::Policy => format!("does not address {}", j.code),
    })
}

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
    /// The score, marked "(provisional)" when completeness is under [`PROVISIONAL_BELOW`].
    pub score: String,
    pub provisional: bool,
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
            score: score_text(t),
            provisional: is_provisional(t),
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
    /// "does not bind DK" when the source's instrument does not bind the jurisdiction.
    pub note: Option<String>,
}

/// The headline figure of a gap report: the score on binding law, the other forces beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub label: &'static str,
    pub score: String,
    pub completeness: String,
    pub provisional: bool,
    /// Says that scores are per force and which one the headline is.
    pub sentence: &'static str,
    /// Shown when the headline score is provisional, or when there is none.
    pub warning: Option<String>,
    pub beside: Vec<GroupView>,
}

impl Headline {
    pub fn of(by_force: &BTreeMap<String, Tally>) -> Headline {
        let binding = by_force.get(Force::Binding.as_str());
        let warning = match binding {
            Some(t) if is_provisional(t) => Some(format!(
                "Provisional: only {} of the questions the binding rules read are answered; the score can still change a lot.",
                percent(t.completeness)
            )),
            Some(t) if t.score.is_some() => None,
            _ => Some(
                "No binding obligation is decided yet, so there is no score on binding law."
                    .to_owned(),
            ),
        };
        Headline {
            label: force_label(Force::Binding),
            score: binding.map_or_else(|| percent(None), score_text),
            completeness: percent(binding.and_then(|t| t.completeness)),
            provisional: binding.is_some_and(is_provisional),
            sentence: PER_FORCE_SENTENCE,
            warning,
            beside: [Force::Commitment, Force::Policy]
                .iter()
                .filter_map(|f| {
                    by_force.get(f.as_str()).map(|t| GroupView {
                        name: f.as_str().to_owned(),
                        label: force_label(*f).to_owned(),
                        tally: TallyView::of(t),
                    })
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    /// "✓" when the answer is what the rule's check needs, "✗" when it caused the gap or
    /// partial; none when the rule is neither or the answer does not decide it.
    pub mark: Option<&'static str>,
    /// The mark in words, for screen readers and the Markdown report.
    pub mark_label: Option<&'static str>,
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

/// A gap that needs action first: binding law, high severity.
#[derive(Debug, Clone, Serialize)]
pub struct UrgentItem {
    /// Its recommendation number ("R3").
    pub number: Option<String>,
    pub id: String,
    pub title: String,
    /// The rule's own article, e.g. "Directive 2011/93/EU, Art. 3(3)".
    pub citation: String,
}

/// An area's traffic light: a symbol and a word as well as a colour, so it reads in greyscale.
#[derive(Debug, Clone, Serialize)]
pub struct AreaLight {
    pub name: String,
    pub label: String,
    /// `red`, `amber`, `green`, `none` (nothing decided) or `na` (no rule applies).
    pub light: &'static str,
    pub symbol: &'static str,
    pub word: &'static str,
    pub score: String,
    pub completeness: String,
    pub met: usize,
    pub gap: usize,
    pub partial: usize,
    pub unanswered: usize,
}

/// How a light is chosen, as the report states it.
pub const LIGHTS_RULE: &str = "▲ Action needed: a binding gap of high severity, or a score under 50%. ◆ Attention: some gaps or partly met obligations. ● On track: every decided obligation met. ○ Not decided: no obligation of the area decided yet. – Not applicable: no rule of the area applies.";

/// The first page of a gap report: the verdict and what to act on first (#18).
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// One sentence.
    pub sentence: String,
    pub urgent: Vec<UrgentItem>,
    /// Urgent items beyond those listed on the first page.
    pub urgent_more: usize,
    pub lights: Vec<AreaLight>,
    pub lights_rule: &'static str,
    /// `draft` while some rule is undecided (unanswered or failed), else `final`.
    pub state: &'static str,
    pub state_note: String,
}

/// The most urgent items a first page lists; the rest are in the Gaps section.
const URGENT_SHOWN: usize = 10;

fn is_urgent(r: &RuleResult) -> bool {
    r.status == Status::Gap
        && r.force == Force::Binding
        && r.severity == crate::model::Severity::High
}

/// The rule's own article (its first source in its own instrument), for short lists.
pub fn citation(set: &RuleSet, rule: &str) -> String {
    let Some(c) = set.rule(rule) else {
        return String::new();
    };
    let source = c
        .rule
        .sources
        .iter()
        .find(|s| s.doc == c.rule.instrument)
        .or_else(|| c.rule.sources.first());
    source.map_or_else(String::new, |s| {
        let name = set
            .instrument(&s.doc)
            .map_or_else(|| s.doc.clone(), |i| i.short.clone());
        format!("{name}, {}", s.reference)
    })
}

fn area_light(r: &[&RuleResult], t: &Tally) -> (&'static str, &'static str, &'static str) {
    if r.iter().any(|r| is_urgent(r)) || t.score.is_some_and(|s| s < 0.5) {
        ("red", "▲", "Action needed")
    } else if t.gap + t.partial > 0 {
        ("amber", "◆", "Attention")
    } else if t.score.is_some() {
        ("green", "●", "On track")
    } else if !r.is_empty() && r.iter().all(|r| r.status == Status::NotApplicable) {
        ("na", "–", "Not applicable")
    } else {
        ("none", "○", "Not decided")
    }
}

pub fn verdict(results: &Results, set: &RuleSet, name: &str, areas: &[GroupView]) -> Verdict {
    let binding: Vec<&RuleResult> = results
        .results
        .iter()
        .filter(|r| r.force == Force::Binding)
        .collect();
    let count = |s: Status| binding.iter().filter(|r| r.status == s).count();
    let (met, partial, gap) = (
        count(Status::Met),
        count(Status::Partial),
        count(Status::Gap),
    );
    let high = binding.iter().filter(|r| is_urgent(r)).count();
    let decided = met + partial + gap;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let sentence = if decided == 0 {
        format!(
            "No binding obligation can be decided for {name} yet: the questions under Unanswered decide them."
        )
    } else if gap + partial == 0 {
        format!(
            "{name} meets all {} decided.",
            plural(decided, "binding obligation", "binding obligations")
        )
    } else {
        format!(
            "Of the {} decided for {name}, {met} {} met, {partial} partly met and {gap} not met ({high} of them of high severity).",
            plural(decided, "binding obligation", "binding obligations"),
            if met == 1 { "is" } else { "are" },
        )
    };
    let urgent_all: Vec<&RuleResult> = results.results.iter().filter(|r| is_urgent(r)).collect();
    let urgent = urgent_all
        .iter()
        .take(URGENT_SHOWN)
        .map(|r| UrgentItem {
            number: r.recommendation.clone(),
            id: r.rule.to_string(),
            title: r.title.to_string(),
            citation: citation(set, &r.rule),
        })
        .collect();
    let lights = areas
        .iter()
        .map(|g| {
            let rules: Vec<&RuleResult> = results
                .results
                .iter()
                .filter(|r| *r.area == *g.name)
                .collect();
            let t = results
                .summary
                .by_area
                .get(&g.name)
                .cloned()
                .unwrap_or_default();
            let (light, symbol, word) = area_light(&rules, &t);
            AreaLight {
                name: g.name.clone(),
                label: g.label.clone(),
                light,
                symbol,
                word,
                score: g.tally.score.clone(),
                completeness: g.tally.completeness.clone(),
                met: t.met,
                gap: t.gap,
                partial: t.partial,
                unanswered: t.unanswered,
            }
        })
        .collect();
    let open = results.count(Status::Unanswered) + results.count(Status::Error);
    Verdict {
        sentence,
        urgent,
        urgent_more: urgent_all.len().saturating_sub(URGENT_SHOWN),
        lights,
        lights_rule: LIGHTS_RULE,
        state: if open > 0 { "draft" } else { "final" },
        state_note: if open > 0 {
            format!("draft: {} still undecided", plural(open, "rule", "rules"))
        } else {
            "final: every applicable rule decided".to_owned()
        },
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    pub jurisdiction: String,
    pub jurisdiction_name: String,
    pub fictional: bool,
    /// The answers are invented examples for a real jurisdiction's code.
    pub illustrative: bool,
    pub period: String,
    pub prepared_by: Option<String>,
    pub assessment_date: Option<String>,
    pub report_date: String,
    pub file: String,
    pub digest: String,
    pub rules: usize,
    pub verdict: Verdict,
    pub headline: Headline,
    pub overall: TallyView,
    pub counts: Vec<CountView>,
    pub areas: Vec<GroupView>,
    pub forces: Vec<GroupView>,
    pub sections: Vec<SectionView>,
    /// Every gap and partial as a numbered recommendation, in citation order.
    pub recommendations: Vec<Recommendation>,
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
            "Rules that cannot be decided until the questions below are answered.",
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
            blocking
                .entry(q.as_str())
                .or_default()
                .push(r.rule.to_string());
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
    let jurisdiction_name =
        jurisdiction.map_or_else(|| results.jurisdiction.clone(), |j| j.name.clone());
    let areas = areas_in_order(set, &summary.by_area);
    GapReport {
        verdict: verdict(results, set, &jurisdiction_name, &areas),
        jurisdiction: results.jurisdiction.clone(),
        jurisdiction_name: jurisdiction_name.clone(),
        fictional: jurisdiction.is_some_and(|j| j.fictional),
        illustrative: results.illustrative,
        period: results.period.clone(),
        prepared_by: results.prepared_by.clone(),
        assessment_date: results.date.clone(),
        report_date: report_date.to_owned(),
        file: results.file.clone(),
        digest: results.ruleset.digest.clone(),
        rules: results.ruleset.rules,
        headline: Headline::of(&summary.by_force),
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
        areas,
        forces: [Force::Binding, Force::Commitment, Force::Policy]
            .iter()
            .filter_map(|f| {
                summary.by_force.get(f.as_str()).map(|t| GroupView {
                    name: f.as_str().to_owned(),
                    label: force_label(*f).to_owned(),
                    tally: TallyView::of(t),
                })
            })
            .collect(),
        recommendations: results
            .results
            .iter()
            .filter_map(|r| {
                let (number, grade) = (r.recommendation.clone()?, r.grade?);
                let remedy = set.rule(&r.rule).map_or("", |c| c.rule.remedy.as_str());
                Some(Recommendation {
                    number,
                    grade: grade.as_str(),
                    text: recommendation_text(&jurisdiction_name, grade, remedy),
                    id: r.rule.to_string(),
                    title: r.title.to_string(),
                    citation: citation(set, &r.rule),
                    status_label: status_label(r.status).0,
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
