//! The gap report as a whole: its sections by status, the questions to answer, the
//! recommendations and the facts of the assessment, in the report's language.

use std::collections::BTreeMap;

use serde::Serialize;

use super::rule::{answer_place, recommendation_text_in};
use super::{
    GroupView, Headline, Recommendation, RuleView, TallyView, Verdict, areas_in_order, citation_in,
    force_label_in, marked, question_in_context, rule_view, status_label_in, verdict,
};
use crate::check::{Results, RuleResult};
use crate::i18n::{self, InContext, n_, p_};
use crate::lang::Lang;
use crate::model::{Assessment, Force, Status};
use crate::ruleset::RuleSet;

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
    /// The dates as the report prints them: ISO in English, written out in French
    /// (« 2 décembre 2026 »).
    pub assessment_date_text: Option<String>,
    pub report_date_text: String,
    /// The warning on invented answers for a real jurisdiction, with its name.
    pub illustrative_note: String,
    /// "12 rules", « 12 règles ».
    pub rules_text: String,
    /// ":" and ";" as the language sets them after a word (French: a no-break space
    /// before), for the punctuation the templates write themselves.
    pub colon: &'static str,
    pub semicolon: &'static str,
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

pub fn gap_report(
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
    report_date: &str,
    lang: Lang,
) -> GapReport {
    let jurisdiction = set.jurisdiction(&results.assessment.jurisdiction);
    // Headings name the rules under them, so they are plural where the status word is not
    // (« Respectées », the status « Respectée »): translated in the context "heading".
    const SECTIONS: [(Status, InContext, &str); 7] = [
        (
            Status::Gap,
            p_("heading", "Gaps"),
            n_("Obligations not met, binding ones first, then by severity."),
        ),
        (
            Status::Partial,
            p_("heading", "Partly met"),
            n_("Obligations met in part."),
        ),
        (
            Status::Unanswered,
            p_("heading", "Unanswered"),
            n_("Rules that cannot be decided until the questions below are answered."),
        ),
        (
            Status::Waived,
            p_("heading", "Waived"),
            n_("Gaps and partial results an evaluator has accepted for a time, with the reason."),
        ),
        (
            Status::Error,
            p_("heading", "Errors"),
            n_("Rules that failed to evaluate; report them to the maintainers of the rule set."),
        ),
        (Status::Met, p_("heading", "Met"), n_("Obligations met.")),
        (
            Status::NotApplicable,
            p_("heading", "Not applicable"),
            n_("Rules that do not apply to this jurisdiction, with the reason."),
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
            rules.sort_by_key(|r| (r.force(), r.severity()));
            SectionView {
                status: status.as_str(),
                heading: heading.in_lang(lang),
                icon: status_label_in(*status, lang).1,
                intro: i18n::lookup(lang, intro).unwrap_or(intro),
                rules: rules
                    .into_iter()
                    .map(|r| rule_view(r, assessment, set, lang))
                    .collect(),
            }
        })
        .collect();
    let mut blocking: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &results.results {
        for q in &r.missing {
            blocking.entry(*q).or_default().push(r.id().to_owned());
        }
    }
    let mut questions_to_answer: Vec<QuestionToAnswer> = blocking
        .into_iter()
        .map(|(q, rules)| QuestionToAnswer {
            id: q.to_owned(),
            number: crate::report::completeness::number(set, q),
            text: set
                .questionnaire
                .questions
                .get(q)
                .map(|x| question_in_context(set, x, false, lang))
                .unwrap_or_default(),
            line: assessment.answers.get(q).map(answer_place),
            rules,
        })
        .collect();
    questions_to_answer.sort_by(|a, b| b.rules.len().cmp(&a.rules.len()).then(a.id.cmp(&b.id)));
    let summary = &results.summary;
    let jurisdiction_name = jurisdiction.map_or_else(
        || results.assessment.jurisdiction.clone(),
        |j| marked(j.name_in(lang), lang),
    );
    let areas = areas_in_order(set, &summary.by_area, lang);
    // English reports have always printed ISO dates; other languages write them out.
    let date = |iso: &str| match lang {
        Lang::En => iso.to_owned(),
        _ => lang.long_date(iso),
    };
    GapReport {
        verdict: verdict(results, set, &jurisdiction_name, &areas, lang),
        assessment_date_text: results.assessment.date.as_deref().map(date),
        report_date_text: date(report_date),
        illustrative_note: i18n::tf(
            lang,
            "The answers are invented to show the format; they do not describe the law or practice of {name} and must not be cited as such.",
            &[("name", &jurisdiction_name)],
        ),
        rules_text: i18n::count(lang, results.ruleset.rules, "rule", "rules"),
        colon: super::colon(lang),
        semicolon: super::semicolon(lang),
        jurisdiction: results.assessment.jurisdiction.clone(),
        jurisdiction_name: jurisdiction_name.clone(),
        fictional: jurisdiction.is_some_and(|j| j.fictional),
        illustrative: results.assessment.illustrative,
        period: results.assessment.period.clone(),
        prepared_by: results.assessment.prepared_by.clone(),
        assessment_date: results.assessment.date.clone(),
        report_date: report_date.to_owned(),
        lang,
        file: results.assessment.file.clone(),
        digest: results.ruleset.digest.to_owned(),
        rules: results.ruleset.rules,
        headline: Headline::of(&summary.by_force, lang),
        overall: TallyView::of_in(&summary.overall, lang),
        counts: Status::ALL
            .iter()
            .map(|s| CountView {
                status: s.as_str(),
                label: status_label_in(*s, lang).0,
                icon: status_label_in(*s, lang).1,
                count: results.count(*s),
            })
            .collect(),
        areas,
        forces: [Force::Binding, Force::Commitment, Force::Policy]
            .iter()
            .filter_map(|f| {
                summary.by_force.get(f.as_str()).map(|t| GroupView {
                    name: f.as_str().to_owned(),
                    label: force_label_in(*f, lang).to_owned(),
                    tally: TallyView::of_in(t, lang),
                })
            })
            .collect(),
        recommendations: results
            .results
            .iter()
            .filter_map(|r| {
                let (number, grade) = (r.recommendation.clone()?, r.grade?);
                let rule = &r.rule.rule;
                Some(Recommendation {
                    number,
                    grade: grade.as_str(),
                    text: recommendation_text_in(
                        &jurisdiction_name,
                        grade,
                        rule.remedy_in(lang),
                        lang,
                    ),
                    id: rule.id.clone(),
                    title: marked(rule.title_in(lang), lang),
                    citation: citation_in(set, rule, lang),
                    status_label: status_label_in(r.status, lang).0,
                })
            })
            .collect(),
        sections,
        questions_to_answer,
    }
}
