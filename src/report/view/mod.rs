//! What a gap report shows, computed once in Rust and handed to the templates,
//! so the templates only lay it out. Every string here is plain text: the HTML
//! template auto-escapes it, the Markdown template passes it through `md`.

use std::collections::BTreeMap;

use serde::Serialize;

mod rule;
mod verdict;

use rule::answer_place;
pub use rule::{
    AnswerView, Recommendation, RuleView, WaiverView, check_leaves, recommendation_text, rule_view,
};
pub use verdict::{AreaLight, LIGHTS_RULE, UrgentItem, Verdict, citation, verdict};

use crate::check::{Results, RuleResult, Tally};
use crate::i18n::{self, n_};
use crate::lang::Lang;
use crate::model::{Assessment, Force, Jurisdiction, Status};
use crate::ruleset::RuleSet;

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
        Status::Met => (n_("Met"), "✓"),
        Status::Partial => (n_("Partly met"), "◐"),
        Status::Gap => (n_("Gap"), "✗"),
        Status::Unanswered => (n_("Unanswered"), "?"),
        Status::NotApplicable => (n_("Not applicable"), "–"),
        Status::Waived => (n_("Waived"), "⊘"),
        Status::Error => (n_("Error"), "!"),
    }
}

/// [`status_label`] in `lang`.
pub fn status_label_in(status: Status, lang: Lang) -> (&'static str, &'static str) {
    let (word, icon) = status_label(status);
    (i18n::lookup(lang, word).unwrap_or(word), icon)
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
    percent_in(x, Lang::En)
}

/// A share as a whole percentage in `lang` ("80%", « 80 % »), or "n/a".
pub fn percent_in(x: Option<f64>, lang: Lang) -> String {
    x.map_or_else(
        || i18n::t(lang, "n/a").to_owned(),
        |v| lang.percent(v * 100.0),
    )
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
    /// The question's number ("7.3"), as the workbook and `validate` show it.
    pub number: String,
    /// The question, with the one it follows for a follow-up question.
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
    /// The language of the report (`<html lang>`).
    pub lang: Lang,
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
    lang: Lang,
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
            number: super::completeness::number(set, q),
            text: set
                .questionnaire
                .questions
                .get(q)
                .map(|x| super::completeness::in_context(set, x, false))
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
        lang,
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
