//! What `acquis validate` says after a clean file: how much of it is answered, the unanswered
//! questions that decide the most rules (each by number, a follow-up question with the one it
//! follows), when a question that decides nothing yet would, and which answers are not read
//! because their question does not apply to the jurisdiction.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::wrap::wrap;
use crate::check::Results;
use crate::i18n::{count, t, tf};
use crate::lang::Lang;
use crate::model::{Assessment, Jurisdiction, Localised, Question};
use crate::ruleset::RuleSet;

/// How many unanswered questions are listed; the rest are counted.
const LISTED: usize = 10;

/// The completeness of a valid file, wrapped to `width` columns, in `lang`.
pub fn completeness(
    assessment: &Assessment,
    results: &Results,
    set: &RuleSet,
    width: usize,
    lang: Lang,
) -> String {
    let mut out = String::new();
    // Prose in `lang`, set as the language sets it, wrapped with a hanging indent.
    let wrap =
        |text: &str, first: &str, rest: &str| wrap(&lang.typography(text), width, first, rest);
    let _ = writeln!(
        out,
        "{}",
        lang.typography(&tf(lang, "{file}: valid", &[("file", &assessment.file)]))
    );
    let Some(jurisdiction) = set.jurisdiction(&assessment.jurisdiction) else {
        return out;
    };
    let asked = set.questions_for(jurisdiction);
    let answered = asked
        .iter()
        .filter(|q| assessment.value(q).is_some())
        .count();
    let share = if asked.is_empty() {
        100.0
    } else {
        answered as f64 * 100.0 / asked.len() as f64
    };
    let share = lang.percent(share);
    out.push_str(&wrap(
        &tf(
            lang,
            "{answered} of {questions} that apply to {code} are answered ({share})",
            &[
                ("answered", &answered.to_string()),
                (
                    "questions",
                    &count(lang, asked.len(), "question", "questions"),
                ),
                ("code", &jurisdiction.code),
                ("share", &share),
            ],
        ),
        "  ",
        "    ",
    ));
    let mut deciding: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &results.results {
        for q in &r.missing {
            *deciding.entry(q).or_default() += 1;
        }
    }
    let mut unanswered: Vec<(&str, usize)> = asked
        .iter()
        .filter(|q| assessment.value(q).is_none())
        .map(|q| (*q, deciding.get(q).copied().unwrap_or(0)))
        .collect();
    // Most rules decided first; ties in questionnaire order.
    unanswered.sort_by_key(|q| std::cmp::Reverse(q.1));
    if !unanswered.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.typography(t(
                lang,
                "unanswered, the questions that decide the most rules first:"
            ))
        );
        for (id, n) in unanswered.iter().take(LISTED) {
            let Some(q) = set.questionnaire.questions.get(*id) else {
                continue;
            };
            out.push_str(&wrap(
                &numbered_after_in(set, q, false, lang),
                "    ",
                "        ",
            ));
            let place = assessment
                .answers
                .get(*id)
                .map(|a| format!(" ({})", a.location_in(lang)))
                .unwrap_or_default();
            let effect = if *n > 0 {
                tf(
                    lang,
                    "decides {rules}",
                    &[("rules", &count(lang, *n, "rule", "rules"))],
                )
            } else {
                not_needed_yet(id, assessment, set, jurisdiction, lang)
            };
            out.push_str(&wrap(
                &format!("{id}{place}: {effect}"),
                "        ",
                "          ",
            ));
        }
        if unanswered.len() > LISTED {
            let _ = writeln!(
                out,
                "    {}",
                tf(
                    lang,
                    "… and {n} more",
                    &[("n", &(unanswered.len() - LISTED).to_string())]
                )
            );
        }
    }
    for line in not_read(assessment, set, jurisdiction, lang) {
        out.push_str(&wrap(&line, "  ", "    "));
    }
    out
}

/// A rule file's text for a reader of `lang`, English shown for want of a translation
/// marked ` [en]`.
pub fn marked(text: Localised<'_>, lang: Lang) -> String {
    if text.is_fallback(lang) {
        format!("{} [{}]", text.text, text.lang.code())
    } else {
        lang.typography(text.text).into_owned()
    }
}

/// "2.9 And when …? (follows 2.8: What is …?)": the number, and for a follow-up question
/// the question it follows, without which it does not make sense.
pub fn numbered(set: &RuleSet, q: &Question) -> String {
    numbered_after(set, q, false)
}

/// [`numbered`], with only the number of the question followed when it is `listed` just
/// before ("2.14 And when …? (follows 2.13)").
pub fn numbered_after(set: &RuleSet, q: &Question, listed: bool) -> String {
    numbered_after_in(set, q, listed, Lang::En)
}

/// [`numbered_after`] in `lang`.
pub fn numbered_after_in(set: &RuleSet, q: &Question, listed: bool, lang: Lang) -> String {
    format!(
        "{} {}",
        number(set, &q.id),
        in_context_in(set, q, listed, lang)
    )
}

/// A question's number ("7.3"), or its id for a question the questionnaire does not have.
pub fn number(set: &RuleSet, id: &str) -> String {
    set.questionnaire
        .number(id)
        .map_or_else(|| id.to_owned(), |n| n.to_string())
}

/// A question's text, with the question it follows for a follow-up: in full, or by number
/// when it is `listed` just before.
pub fn in_context(set: &RuleSet, q: &Question, listed: bool) -> String {
    in_context_in(set, q, listed, Lang::En)
}

/// [`in_context`] in `lang`, English texts shown for want of a translation marked.
pub fn in_context_in(set: &RuleSet, q: &Question, listed: bool, lang: Lang) -> String {
    let text = marked(q.text_in(lang), lang);
    let text = match set.questionnaire.follows(&q.id) {
        Some(parent) if listed => tf(
            lang,
            "{question} (follows {number})",
            &[("question", &text), ("number", &number(set, &parent.id))],
        ),
        Some(parent) => tf(
            lang,
            "{question} (follows {number}: {parent})",
            &[
                ("question", &text),
                ("number", &number(set, &parent.id)),
                ("parent", &marked(parent.text_in(lang), lang)),
            ],
        ),
        None => text,
    };
    lang.typography(&text).into_owned()
}

/// For an unanswered question no rule waits for: which answers make it unnecessary now,
/// and so when it would become relevant.
fn not_needed_yet(
    question: &str,
    assessment: &Assessment,
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    lang: Lang,
) -> String {
    let deciders: BTreeSet<String> = set
        .rules
        .iter()
        .filter(|r| jurisdiction.is_addressed_by(&r.rule.instrument))
        .filter(|r| r.reads.iter().any(|q| q == question))
        .flat_map(|r| r.reads.iter())
        .filter(|q| *q != question && assessment.value(q).is_some())
        .filter_map(|q| set.questionnaire.number(q).map(|n| (n, q)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(n, q)| format!("{n} ({q})"))
        .collect();
    if deciders.is_empty() {
        return t(lang, "decides no rule with the answers given so far").to_owned();
    }
    let list: Vec<String> = deciders.into_iter().collect();
    tf(
        lang,
        "not needed with the answers given so far; it decides a rule if the answer to {questions} changes",
        &[("questions", &list.join(t(lang, " or ")))],
    )
}

/// Answers given to questions this jurisdiction is not asked, grouped by why: the
/// instruments that ask them do not bind it, or no rule reads them.
fn not_read(
    assessment: &Assessment,
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
    lang: Lang,
) -> Vec<String> {
    let asked: BTreeSet<&str> = set.questions_for(jurisdiction).into_iter().collect();
    let mut groups: BTreeMap<Vec<String>, Vec<crate::model::QuestionNumber>> = BTreeMap::new();
    for (id, answer) in &assessment.answers {
        if answer.value.is_none() || asked.contains(id.as_str()) {
            continue;
        }
        let instruments: Vec<String> = set
            .rules
            .iter()
            .filter(|r| r.reads.contains(id))
            .map(|r| {
                set.instrument(&r.rule.instrument).map_or_else(
                    || r.rule.instrument.clone(),
                    |i| i.short_in(lang).text.to_owned(),
                )
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if let Some(n) = set.questionnaire.number(id) {
            groups.entry(instruments).or_default().push(n);
        }
    }
    groups
        .into_iter()
        .map(|(instruments, mut numbers)| {
            numbers.sort();
            let list: Vec<String> = numbers.iter().map(ToString::to_string).collect();
            let one = numbers.len() == 1;
            let why = match (instruments.is_empty(), one) {
                (true, true) => t(lang, "no rule reads its question (is asked for information only)").to_owned(),
                (true, false) => t(lang, "no rule reads their questions (are asked for information only)").to_owned(),
                (false, one) => {
                    let args = [
                        ("instruments", instruments.join(t(lang, " and "))),
                        ("code", jurisdiction.code.clone()),
                    ];
                    let args: Vec<(&str, &str)> =
                        args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    match (one, instruments.len() == 1) {
                        (true, true) => tf(lang, "its question is asked only for {instruments}, which does not bind {code}", &args),
                        (true, false) => tf(lang, "its question is asked only for {instruments}, which do not bind {code}", &args),
                        (false, true) => tf(lang, "their questions are asked only for {instruments}, which does not bind {code}", &args),
                        (false, false) => tf(lang, "their questions are asked only for {instruments}, which do not bind {code}", &args),
                    }
                }
            };
            let args = [
                ("n", numbers.len().to_string()),
                ("why", why),
                ("numbers", list.join(", ")),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if lang.is_plural(numbers.len()) {
                tf(lang, "{n} answers are not read because {why}: {numbers}", &args)
            } else {
                tf(lang, "{n} answer is not read because {why}: {numbers}", &args)
            }
        })
        .collect()
}
