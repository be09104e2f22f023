//! The first page of a gap report: one sentence, what to act on first, a light per area.

use serde::Serialize;

use crate::check::{Results, RuleResult, Tally};
use crate::i18n;
use crate::lang::Lang;
use crate::model::{Force, Rule, Status};
use crate::ruleset::RuleSet;

use super::{GroupView, instrument_name, marked};

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
pub fn lights_rule(lang: Lang) -> &'static str {
    i18n::t(
        lang,
        "▲ Action needed: a binding gap of high severity, or a score under 50%. ◆ Attention: some gaps or partly met obligations. ● On track: every decided obligation met. ○ Not decided: no obligation of the area decided yet. – Not applicable: no rule of the area applies.",
    )
}

/// The first page of a gap report: the verdict and what to act on first (#18).
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// One sentence.
    pub sentence: String,
    pub urgent: Vec<UrgentItem>,
    /// Urgent items beyond those listed on the first page.
    pub urgent_more: usize,
    /// "… and 3 more under Gaps.", empty when there are none.
    pub urgent_more_text: String,
    pub lights: Vec<AreaLight>,
    pub lights_rule: &'static str,
    /// `draft` while some rule is undecided (unanswered or failed), else `final`.
    pub state: &'static str,
    /// `state` in words ("draft", « projet »).
    pub state_word: &'static str,
    pub state_note: String,
}

/// The most urgent items a first page lists; the rest are in the Gaps section.
const URGENT_SHOWN: usize = 10;

fn is_urgent(r: &RuleResult) -> bool {
    r.status == Status::Gap
        && r.force() == Force::Binding
        && r.severity() == crate::model::Severity::High
}

/// The rule's own article (its first source in its own instrument), for short lists, with
/// the instrument's name in `lang`; the reference as the rule cites it.
pub fn citation_in(set: &RuleSet, rule: &Rule, lang: Lang) -> String {
    let source = rule
        .sources
        .iter()
        .find(|s| s.doc == rule.instrument)
        .or_else(|| rule.sources.first());
    source.map_or_else(String::new, |s| {
        format!("{}, {}", instrument_name(set, &s.doc, lang), s.reference)
    })
}

fn area_light(
    r: &[&RuleResult],
    t: &Tally,
    lang: Lang,
) -> (&'static str, &'static str, &'static str) {
    if r.iter().any(|r| is_urgent(r)) || t.score.is_some_and(|s| s < 0.5) {
        ("red", "▲", i18n::t(lang, "Action needed"))
    } else if t.gap + t.partial > 0 {
        ("amber", "◆", i18n::t(lang, "Attention"))
    } else if t.score.is_some() {
        ("green", "●", i18n::t(lang, "On track"))
    } else if !r.is_empty() && r.iter().all(|r| r.status == Status::NotApplicable) {
        ("na", "–", i18n::t(lang, "Not applicable"))
    } else {
        ("none", "○", i18n::t(lang, "Not decided"))
    }
}

pub fn verdict(
    results: &Results,
    set: &RuleSet,
    name: &str,
    areas: &[GroupView],
    lang: Lang,
) -> Verdict {
    let binding: Vec<&RuleResult> = results
        .results
        .iter()
        .filter(|r| r.force() == Force::Binding)
        .collect();
    let count = |s: Status| binding.iter().filter(|r| r.status == s).count();
    let (met, partial, gap) = (
        count(Status::Met),
        count(Status::Partial),
        count(Status::Gap),
    );
    let high = binding.iter().filter(|r| is_urgent(r)).count();
    let decided = met + partial + gap;
    let obligations = i18n::count(lang, decided, "binding obligation", "binding obligations");
    let numbers = |n: usize| n.to_string();
    let sentence = if decided == 0 {
        i18n::tf(
            lang,
            "No binding obligation can be decided for {name} yet: the questions under Unanswered decide them.",
            &[("name", name)],
        )
    } else if gap + partial == 0 {
        i18n::tf(
            lang,
            "{name} meets all {obligations} decided.",
            &[("name", name), ("obligations", &obligations)],
        )
    } else {
        let args = [
            ("obligations", obligations.as_str()),
            ("name", name),
            ("met", &numbers(met)),
            ("partial", &numbers(partial)),
            ("gap", &numbers(gap)),
            ("high", &numbers(high)),
        ];
        // The verb agrees with `met` in English; the French lists the figures and needs none.
        if met == 1 {
            i18n::tf(
                lang,
                "Of the {obligations} decided for {name}, {met} is met, {partial} partly met and {gap} not met ({high} of them of high severity).",
                &args,
            )
        } else {
            i18n::tf(
                lang,
                "Of the {obligations} decided for {name}, {met} are met, {partial} partly met and {gap} not met ({high} of them of high severity).",
                &args,
            )
        }
    };
    let sentence = lang.typography(&sentence).into_owned();
    let urgent_all: Vec<&RuleResult> = results.results.iter().filter(|r| is_urgent(r)).collect();
    let urgent = urgent_all
        .iter()
        .take(URGENT_SHOWN)
        .map(|r| UrgentItem {
            number: r.recommendation.clone(),
            id: r.id().to_owned(),
            title: marked(r.rule.rule.title_in(lang), lang),
            citation: citation_in(set, &r.rule.rule, lang),
        })
        .collect();
    let lights = areas
        .iter()
        .map(|g| {
            let rules: Vec<&RuleResult> = results
                .results
                .iter()
                .filter(|r| r.area() == g.name)
                .collect();
            let t = results
                .summary
                .by_area
                .get(&g.name)
                .cloned()
                .unwrap_or_default();
            let (light, symbol, word) = area_light(&rules, &t, lang);
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
    let urgent_more = urgent_all.len().saturating_sub(URGENT_SHOWN);
    Verdict {
        sentence,
        urgent,
        urgent_more,
        urgent_more_text: if urgent_more > 0 {
            i18n::tf(
                lang,
                "… and {n} more under Gaps.",
                &[("n", &urgent_more.to_string())],
            )
        } else {
            String::new()
        },
        lights,
        lights_rule: lights_rule(lang),
        state: if open > 0 { "draft" } else { "final" },
        state_word: if open > 0 {
            i18n::t(lang, "draft")
        } else {
            i18n::t(lang, "final")
        },
        state_note: if open > 0 {
            let rules = i18n::count(lang, open, "rule", "rules");
            lang.typography(&i18n::tf(
                lang,
                "draft: {rules} still undecided",
                &[("rules", &rules)],
            ))
            .into_owned()
        } else {
            lang.typography(i18n::t(lang, "final: every applicable rule decided"))
                .into_owned()
        },
    }
}
