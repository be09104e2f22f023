//! One rule's result as a report shows it: its sources, the answers it read, why it failed
//! and the recommendation it gives.

use serde::Serialize;

use crate::check::{Grade, RuleResult};
use crate::i18n;
use crate::lang::Lang;
use crate::model::Localised;
use crate::model::{Answer, AnswerValue, Assessment, Status};
use crate::ruleset::RuleSet;

use super::{
    SourceView, citation_in, instrument_name, marked, question_in_context, severity_in,
    source_note_in, status_label_in,
};

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
    /// `until` as the report prints it (written out in French).
    pub until_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub icon: &'static str,
    pub raw_status: Option<&'static str>,
    /// The status before a waiver, in words.
    pub raw_status_label: Option<&'static str>,
    pub severity: &'static str,
    /// The severity in the report's language (the code in English).
    pub severity_label: &'static str,
    /// The legal force in the report's language ("binding" in English, as before).
    pub force_label: &'static str,
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
/// A remedy that leads with a phrase ("Following the conference: prepare …") keeps the
/// phrase in front: "Following the conference, Example Republic is encouraged to prepare …".
pub fn recommendation_text(name: &str, grade: Grade, remedy: &str) -> String {
    let remedy = remedy.trim();
    match remedy.split_once(": ") {
        Some((lead, rest)) if opens_with_a_phrase(lead) => {
            format!(
                "{lead}, {name} is {} to {}",
                grade.participle(),
                lowered(rest)
            )
        }
        _ => format!("{name} is {} to {}", grade.participle(), lowered(remedy)),
    }
}

/// Whether an English remedy's text before its colon is a phrase that sets the scene
/// rather than an imperative ("Give courts both options: …" is an imperative). The words
/// such a phrase opens with; an imperative never does.
fn opens_with_a_phrase(lead: &str) -> bool {
    const OPENERS: [&str; 12] = [
        "Following",
        "After",
        "Before",
        "Within",
        "By",
        "Under",
        "In",
        "As",
        "When",
        "Where",
        "Until",
        "Once",
    ];
    lead.split_whitespace()
        .next()
        .is_some_and(|word| OPENERS.contains(&word))
}

/// The first letter lowered, unless the first word is an acronym ("EU", "ECRIS").
fn lowered(text: &str) -> String {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.trim().to_owned(),
    }
}

/// [`recommendation_text`] in `lang`. Other languages say it of "the national authorities"
/// rather than of the State by name, so nothing has to agree with the name's gender or
/// number: « Les autorités nationales sont instamment priées d'ériger … » (remedies are
/// infinitives there; `de` elides before a vowel or a mute h). English keeps the name.
pub fn recommendation_text_in(
    name: &str,
    grade: Grade,
    remedy: Localised<'_>,
    lang: Lang,
) -> String {
    if lang == Lang::En {
        return recommendation_text(name, grade, remedy.text);
    }
    let pattern = match grade {
        Grade::Urges => i18n::t(lang, "The national authorities are urged to {remedy}"),
        Grade::Requests => i18n::t(lang, "The national authorities are requested to {remedy}"),
        Grade::Invites => i18n::t(lang, "The national authorities are invited to {remedy}"),
        Grade::Encourages => i18n::t(lang, "The national authorities are encouraged to {remedy}"),
    };
    // « Dans le prolongement de la conférence : préparer … » leads with a phrase, not a
    // verb: the phrase goes first, then the sentence with the verb.
    let (lead, rest) = match remedy.text.trim().split_once(" : ") {
        Some((lead, rest)) if !remedy.is_fallback(lang) && !is_infinitive(lead) => {
            (Some(lead), rest)
        }
        _ => (None, remedy.text),
    };
    let text = lowered(rest);
    let pattern = if lang == Lang::Fr && elides(&text) {
        pattern.replace(" de {remedy}", " d'{remedy}")
    } else {
        pattern.to_owned()
    };
    let text = if remedy.is_fallback(lang) {
        format!("{text} [en]")
    } else {
        text
    };
    let sentence = pattern.replace("{remedy}", &text);
    let sentence = match lead {
        Some(lead) => format!("{lead}, {}", lowered(&sentence)),
        None => sentence,
    };
    lang.typography(&sentence).into_owned()
}

/// Whether a French text starts with an infinitive (« Porter », « S'engager », « Mettre »).
fn is_infinitive(text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or_default();
    let word = word
        .strip_prefix("S'")
        .or_else(|| word.strip_prefix("s'"))
        .unwrap_or(word);
    ["er", "ir", "re", "oir"]
        .iter()
        .any(|end| word.ends_with(end))
}

/// Whether French `de` becomes `d'` before `word`: a vowel or a mute h. The few verbs a
/// remedy could start with whose h is aspirated keep `de`.
fn elides(word: &str) -> bool {
    const ASPIRATED: [&str; 6] = ["hâte", "hausse", "hiérarchis", "harcel", "heurt", "hisse"];
    let Some(first) = word.chars().next() else {
        return false;
    };
    match first {
        'h' => !ASPIRATED.iter().any(|a| word.starts_with(a)),
        _ => "aeiouyàâäéèêëîïôöûüœæ".contains(first),
    }
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
    lang: Lang,
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
    crate::condition::why::leaves_in(&compiled.check, &cx, lang, &set.questionnaire)
}

/// Whether a result is a gap or partial (waived or not), which the answers explain.
fn failed(result: &RuleResult) -> bool {
    matches!(
        result.raw_status.unwrap_or(result.status),
        Status::Gap | Status::Partial
    )
}

fn display_value(value: &AnswerValue, lang: Lang) -> String {
    match value {
        AnswerValue::Bool(true) => i18n::t(lang, "yes").into(),
        AnswerValue::Bool(false) => i18n::t(lang, "no").into(),
        AnswerValue::Int(i) => i.to_string(),
        AnswerValue::Text(s) => s.replace('_', " "),
        AnswerValue::Set(items) if items.is_empty() => i18n::t(lang, "none").into(),
        AnswerValue::Set(items) => items
            .iter()
            .map(|i| i.replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn rule_view(
    result: &RuleResult,
    assessment: &Assessment,
    set: &RuleSet,
    lang: Lang,
) -> RuleView {
    let compiled = result.rule;
    let rule = &compiled.rule;
    let jurisdiction = set.jurisdiction(&assessment.jurisdiction);
    let (label, icon) = status_label_in(result.status, lang);
    let sources = rule
        .sources
        .iter()
        .map(|s| SourceView {
            name: instrument_name(set, &s.doc, lang),
            reference: s.reference.clone(),
            quote: s.quote.clone(),
            note: source_note_in(set, jurisdiction, &s.doc, lang),
        })
        .collect();
    use crate::condition::why::Bearing;
    let leaves = if failed(result) {
        check_leaves(compiled, assessment, set, lang)
    } else {
        Vec::new()
    };
    let why = leaves
        .iter()
        .filter(|l| l.bearing == Bearing::Against)
        .map(|l| l.words.clone())
        .collect();
    let answers = compiled
        .reads
        .iter()
        .map(|q| {
            let answer = assessment.answers.get(q);
            let on_q = || leaves.iter().filter(|l| l.questions.contains(q));
            let (mark, mark_label) = if on_q().any(|l| l.bearing == Bearing::Against) {
                (
                    Some("✗"),
                    Some(i18n::t(lang, "does not meet the requirement")),
                )
            } else if on_q().any(|l| l.bearing == Bearing::For) {
                (Some("✓"), Some(i18n::t(lang, "meets the requirement")))
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
                            .is_some_and(|p| compiled.reads.contains(&p.id));
                        question_in_context(set, x, parent_listed, lang)
                    })
                    .unwrap_or_default(),
                value: answer.and_then(|a| a.value.as_ref()).map_or_else(
                    || i18n::t(lang, "not answered").to_owned(),
                    |v| display_value(v, lang),
                ),
                evidence: answer.and_then(|a| a.evidence.clone()),
                url: answer.and_then(|a| a.url.clone()),
                line: answer.map(answer_place),
            }
        })
        .collect();
    RuleView {
        id: rule.id.clone(),
        title: marked(rule.title_in(lang), lang),
        status: result.status.as_str(),
        status_label: label,
        icon,
        raw_status: result.raw_status.map(Status::as_str),
        raw_status_label: result.raw_status.map(|s| status_label_in(s, lang).0),
        severity: rule.severity.as_str(),
        severity_label: severity_in(rule.severity, lang),
        force_label: match (lang, result.force()) {
            (Lang::En, force) => force.as_str(),
            (_, crate::model::Force::Binding) => i18n::t(lang, "binding law"),
            (_, crate::model::Force::Commitment) => i18n::t(lang, "political commitment"),
            (_, crate::model::Force::Policy) => i18n::t(lang, "policy"),
        },
        force: result.force().as_str(),
        instrument: instrument_name(set, &rule.instrument, lang),
        citation: citation_in(set, rule, lang),
        area: rule.area.clone(),
        obligation: marked(rule.obligation_in(lang), lang),
        sources,
        answers,
        missing: result.missing.iter().map(|q| (*q).to_owned()).collect(),
        why,
        recommendation: result.recommendation.clone(),
        grade: result.grade.map(crate::check::Grade::as_str),
        recommendation_text: result.grade.map(|g| {
            recommendation_text_in(
                &jurisdiction.map_or_else(|| rule.id.clone(), |j| marked(j.name_in(lang), lang)),
                g,
                rule.remedy_in(lang),
                lang,
            )
        }),
        remedy: marked(rule.remedy_in(lang), lang),
        message: message_in(result, jurisdiction, lang),
        waiver: result.waiver.map(|w| WaiverView {
            reason: w.reason.clone(),
            approved_by: w.approved_by.clone(),
            until: w.until.clone(),
            until_text: match lang {
                Lang::En => w.until.clone(),
                _ => lang.long_date(&w.until),
            },
        }),
    }
}

/// The result's message (why a rule does not apply, or failed) in `lang`. The engine
/// writes it in English; the reasons a report can word again are worded in `lang`, and any
/// other (an evaluation error's own words) is shown in English, marked.
fn message_in(
    result: &RuleResult,
    jurisdiction: Option<&crate::model::Jurisdiction>,
    lang: Lang,
) -> Option<String> {
    let message = result.message.as_deref()?;
    if lang == Lang::En {
        return Some(message.to_owned());
    }
    let not_addressed = result.status == Status::NotApplicable
        && jurisdiction.is_some_and(|j| !j.is_addressed_by(result.instrument_id()));
    let text = match (not_addressed, jurisdiction) {
        (true, Some(j)) => i18n::tf(
            lang,
            "{instrument} does not bind or address {code}",
            &[
                (
                    "instrument",
                    &result.instrument.map_or_else(
                        || result.instrument_id().to_owned(),
                        |i| marked(i.title_in(lang), lang),
                    ),
                ),
                ("code", &j.code),
            ],
        ),
        _ if message == "the rule's `applies_when` condition is false for these answers" => {
            i18n::t(
                lang,
                "the rule's `applies_when` condition is false for these answers",
            )
            .to_owned()
        }
        _ => format!("{message} [en]"),
    };
    Some(lang.typography(&text).into_owned())
}

/// Where an answer is, for the reports' "Line" column.
pub(super) fn answer_place(answer: &Answer) -> String {
    answer
        .cell
        .clone()
        .unwrap_or_else(|| answer.pos.line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french(grade: Grade, remedy: &str) -> String {
        let remedy = Localised {
            text: remedy,
            lang: Lang::Fr,
        };
        recommendation_text_in("France", grade, remedy, Lang::Fr)
    }

    #[test]
    fn french_recommendations_elide_de_and_lower_the_infinitive() {
        assert_eq!(
            french(Grade::Urges, "Ériger en infraction …"),
            "Les autorités nationales sont instamment priées d'ériger en infraction …"
        );
        assert_eq!(
            french(Grade::Requests, "Habiliter les autorités …"),
            "Les autorités nationales sont priées d'habiliter les autorités …"
        );
        assert_eq!(
            french(Grade::Requests, "Porter la peine …"),
            "Les autorités nationales sont priées de porter la peine …"
        );
        assert_eq!(
            french(
                Grade::Encourages,
                "Dans le prolongement de la conférence : préparer des informations"
            ),
            "Dans le prolongement de la conférence, les autorités nationales sont encouragées à préparer des informations"
        );
        assert_eq!(
            french(Grade::Invites, "Adopter un plan"),
            "Les autorités nationales sont invitées à adopter un plan"
        );
    }

    #[test]
    fn an_english_remedy_leading_with_a_phrase_keeps_the_phrase_in_front() {
        assert_eq!(
            recommendation_text(
                "Example Republic",
                Grade::Encourages,
                "Following the conference: prepare child-friendly information."
            ),
            "Following the conference, Example Republic is encouraged to prepare child-friendly information."
        );
        // An imperative before the colon is the sentence's own verb.
        assert_eq!(
            recommendation_text(
                "Example Republic",
                Grade::Requests,
                "Give courts both options: closing the hearing and a video link."
            ),
            "Example Republic is requested to give courts both options: closing the hearing and a video link."
        );
    }

    #[test]
    fn an_english_remedy_in_a_french_report_is_marked() {
        let remedy = Localised {
            text: "Make it possible …",
            lang: Lang::En,
        };
        assert_eq!(
            recommendation_text_in("France", Grade::Requests, remedy, Lang::Fr),
            "Les autorités nationales sont priées de make it possible … [en]"
        );
        assert_eq!(
            recommendation_text_in("France", Grade::Requests, remedy, Lang::En),
            "France is requested to make it possible …"
        );
    }
}
