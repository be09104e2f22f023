//! What a gap report shows, computed once in Rust and handed to the templates,
//! so the templates only lay it out. Every string here is plain text: the HTML
//! template auto-escapes it, the Markdown template passes it through `md`.

use std::collections::BTreeMap;

use serde::Serialize;

mod gap;
mod rule;
mod verdict;

pub use gap::{CountView, GapReport, QuestionToAnswer, SectionView, gap_report};
pub use rule::{
    AnswerView, Recommendation, RuleView, WaiverView, check_leaves, recommendation_text,
    recommendation_text_in, rule_view,
};
pub use verdict::{AreaLight, UrgentItem, Verdict, citation_in, lights_rule, verdict};

use crate::check::Tally;
use crate::i18n::{self, n_};
use crate::lang::Lang;
use crate::model::Localised;
use crate::model::{Force, Jurisdiction, Question, Status};
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
    score_text_in(t, Lang::En)
}

/// [`score_text`] in `lang`: « 80 % (provisoire) ».
pub fn score_text_in(t: &Tally, lang: Lang) -> String {
    let score = percent_in(t.score, lang);
    if is_provisional(t) {
        i18n::tf(lang, "{score} (provisional)", &[("score", &score)])
    } else {
        score
    }
}

/// How reports name a legal force.
pub fn force_label(force: Force) -> &'static str {
    force_label_in(force, Lang::En)
}

/// [`force_label`] in `lang`.
pub fn force_label_in(force: Force, lang: Lang) -> &'static str {
    match force {
        Force::Binding => i18n::t(lang, "Binding law"),
        Force::Commitment => i18n::t(lang, "Political commitments"),
        Force::Policy => i18n::t(lang, "Policy"),
    }
}

/// A severity in words: the code in English (as reports always showed it), the word in
/// another language.
pub fn severity_in(severity: crate::model::Severity, lang: Lang) -> &'static str {
    match severity {
        crate::model::Severity::High => i18n::t(lang, "high"),
        crate::model::Severity::Medium => i18n::t(lang, "medium"),
        crate::model::Severity::Low => i18n::t(lang, "low"),
    }
}

/// Why the headline is the score on binding law (SPEC, evaluation semantics 6).
pub fn per_force_sentence(lang: Lang) -> &'static str {
    i18n::t(
        lang,
        "Scores are given per legal force and never added together: the headline is the score on binding law; political commitments and policy are shown beside it.",
    )
}

/// ":" after a word as `lang` sets it (French: « mot : », with a no-break space), for
/// punctuation written between two texts rather than inside a translated one.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

/// ";" after a word as `lang` sets it, like [`colon`].
pub fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ";",
        Lang::Fr => "\u{a0};",
    }
}

/// Where an answer is in its file, as the reports say it: "line 12" or a workbook cell.
pub fn answer_location(answer: &crate::model::Answer, lang: Lang) -> String {
    match &answer.cell {
        Some(cell) => cell.clone(),
        None => i18n::tf(lang, "line {n}", &[("n", &answer.pos.line.to_string())]),
    }
}

/// A recommendation's grade in words: the code in English ("urges"), the verb in another
/// language (« prie instamment »).
pub fn grade_in(grade: crate::check::Grade, lang: Lang) -> &'static str {
    use crate::check::Grade;
    match (lang, grade) {
        (Lang::En, g) => g.as_str(),
        (_, Grade::Urges) => i18n::t(lang, "urges"),
        (_, Grade::Requests) => i18n::t(lang, "requests"),
        (_, Grade::Invites) => i18n::t(lang, "invites"),
        (_, Grade::Encourages) => i18n::t(lang, "encourages"),
    }
}

/// A text from a rule, question or seed file as a reader of `lang` gets it: English shown
/// for a missing translation is marked " [en]", so nobody takes it for the translation.
pub fn marked(text: Localised<'_>, lang: Lang) -> String {
    if text.is_fallback(lang) {
        format!("{} [en]", text.text)
    } else {
        text.text.to_owned()
    }
}

/// A question's text in `lang`, with the question it follows for a follow-up: in full, or
/// by number when it is `listed` just before (as `completeness::in_context` in English).
pub fn question_in_context(set: &RuleSet, q: &Question, listed: bool, lang: Lang) -> String {
    let text = marked(q.text_in(lang), lang);
    let number = |id: &str| super::completeness::number(set, id);
    match set.questionnaire.follows(&q.id) {
        Some(parent) if listed => i18n::tf(
            lang,
            "{text} (follows {number})",
            &[("text", &text), ("number", &number(&parent.id))],
        ),
        Some(parent) => i18n::tf(
            lang,
            "{text} (follows {number}: {parent})",
            &[
                ("text", &text),
                ("number", &number(&parent.id)),
                ("parent", &marked(parent.text_in(lang), lang)),
            ],
        ),
        None => text,
    }
}

/// The note on a source whose instrument does not bind or address the jurisdiction (#15):
/// a gap on another rule must not present it as the jurisdiction's legal obligation.
pub fn source_note(
    set: &RuleSet,
    jurisdiction: Option<&Jurisdiction>,
    doc: &str,
) -> Option<String> {
    source_note_in(set, jurisdiction, doc, Lang::En)
}

/// [`source_note`] in `lang`: « ne lie pas DK ».
pub fn source_note_in(
    set: &RuleSet,
    jurisdiction: Option<&Jurisdiction>,
    doc: &str,
    lang: Lang,
) -> Option<String> {
    let j = jurisdiction?;
    let instrument = set.instrument(doc)?;
    if j.is_addressed_by(doc) {
        return None;
    }
    let code = [("code", j.code.as_str())];
    Some(match instrument.force {
        Force::Binding => i18n::tf(lang, "does not bind {code}", &code),
        Force::Commitment | Force::Policy => i18n::tf(lang, "does not address {code}", &code),
    })
}

/// An instrument's short name in `lang` (its id when the rule set does not know it).
pub fn instrument_name(set: &RuleSet, doc: &str, lang: Lang) -> String {
    set.instrument(doc)
        .map_or_else(|| doc.to_owned(), |i| marked(i.short_in(lang), lang))
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
        TallyView::of_in(t, Lang::En)
    }

    pub fn of_in(t: &Tally, lang: Lang) -> TallyView {
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
                    label: status_label_in(*status, lang).0,
                    count: *n,
                    x,
                    width,
                };
                x += width;
                seg
            })
            .collect();
        TallyView {
            score: score_text_in(t, lang),
            provisional: is_provisional(t),
            completeness: percent_in(t.completeness, lang),
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
    pub fn of(by_force: &BTreeMap<String, Tally>, lang: Lang) -> Headline {
        let binding = by_force.get(Force::Binding.as_str());
        let warning = match binding {
            Some(t) if is_provisional(t) => Some(i18n::tf(
                lang,
                "Provisional: only {share} of the questions the binding rules read are answered; the score can still change a lot.",
                &[("share", &percent_in(t.completeness, lang))],
            )),
            Some(t) if t.score.is_some() => None,
            _ => Some(
                i18n::t(
                    lang,
                    "No binding obligation is decided yet, so there is no score on binding law.",
                )
                .to_owned(),
            ),
        };
        Headline {
            label: force_label_in(Force::Binding, lang),
            score: binding.map_or_else(|| percent_in(None, lang), |t| score_text_in(t, lang)),
            completeness: percent_in(binding.and_then(|t| t.completeness), lang),
            provisional: binding.is_some_and(is_provisional),
            sentence: per_force_sentence(lang),
            warning,
            beside: [Force::Commitment, Force::Policy]
                .iter()
                .filter_map(|f| {
                    by_force.get(f.as_str()).map(|t| GroupView {
                        name: f.as_str().to_owned(),
                        label: force_label_in(*f, lang).to_owned(),
                        tally: TallyView::of_in(t, lang),
                    })
                })
                .collect(),
        }
    }
}

/// Areas in questionnaire order (an area named after a section comes where the section does).
pub fn areas_in_order(
    set: &RuleSet,
    by_area: &BTreeMap<String, Tally>,
    lang: Lang,
) -> Vec<GroupView> {
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
            label: area_label_in(set, name, lang),
            tally: TallyView::of_in(t, lang),
        })
        .collect();
    areas.sort_by_key(|g| (position(&g.name), g.name.clone()));
    areas
}

/// The label of an area: the title of the questionnaire section of the same name.
pub fn area_label(set: &RuleSet, area: &str) -> String {
    area_label_in(set, area, Lang::En)
}

/// [`area_label`] in `lang`: the section's title in `lang`.
pub fn area_label_in(set: &RuleSet, area: &str, lang: Lang) -> String {
    set.questionnaire
        .section(area)
        .map_or_else(|| area.to_owned(), |s| marked(s.title_in(lang), lang))
}
