//! What `acquis validate` says after a clean file: how much of it is answered, the unanswered
//! questions that decide the most rules (each by number, a follow-up question with the one it
//! follows), when a question that decides nothing yet would, and which answers are not read
//! because their question does not apply to the jurisdiction.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::wrap::wrap;
use crate::check::Results;
use crate::model::{Assessment, Jurisdiction, Question};
use crate::plural::count;
use crate::ruleset::RuleSet;

/// How many unanswered questions are listed; the rest are counted.
const LISTED: usize = 10;

/// The completeness of a valid file, wrapped to `width` columns.
pub fn completeness(
    assessment: &Assessment,
    results: &Results,
    set: &RuleSet,
    width: usize,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: valid", assessment.file);
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
    out.push_str(&wrap(
        &format!(
            "{answered} of {} that apply to {} are answered ({share:.0}%)",
            count(asked.len(), "question", "questions"),
            jurisdiction.code
        ),
        width,
        "  ",
        "    ",
    ));
    let mut deciding: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &results.results {
        for q in &r.missing {
            *deciding.entry(q.as_str()).or_default() += 1;
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
            "  unanswered, the questions that decide the most rules first:"
        );
        for (id, n) in unanswered.iter().take(LISTED) {
            let Some(q) = set.questionnaire.questions.get(*id) else {
                continue;
            };
            out.push_str(&wrap(&numbered(set, q), width, "    ", "        "));
            let place = assessment
                .answers
                .get(*id)
                .map(|a| format!(" ({})", a.location()))
                .unwrap_or_default();
            let effect = if *n > 0 {
                format!("decides {}", count(*n, "rule", "rules"))
            } else {
                not_needed_yet(id, assessment, set, jurisdiction)
            };
            out.push_str(&wrap(
                &format!("{id}{place}: {effect}"),
                width,
                "        ",
                "          ",
            ));
        }
        if unanswered.len() > LISTED {
            let _ = writeln!(out, "    … and {} more", unanswered.len() - LISTED);
        }
    }
    for line in not_read(assessment, set, jurisdiction) {
        out.push_str(&wrap(&line, width, "  ", "    "));
    }
    out
}

/// "2.9 And when …? (follows 2.8: What is …?)": the number, and for a follow-up question
/// the question it follows, without which it does not make sense.
pub fn numbered(set: &RuleSet, q: &Question) -> String {
    numbered_after(set, q, false)
}

/// [`numbered`], with only the number of the question followed when it is `listed` just
/// before ("2.14 And when …? (follows 2.13)").
pub fn numbered_after(set: &RuleSet, q: &Question, listed: bool) -> String {
    format!("{} {}", number(set, &q.id), in_context(set, q, listed))
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
    match set.questionnaire.follows(&q.id) {
        Some(parent) if listed => format!("{} (follows {})", q.text, number(set, &parent.id)),
        Some(parent) => format!(
            "{} (follows {}: {})",
            q.text,
            number(set, &parent.id),
            parent.text
        ),
        None => q.text.clone(),
    }
}

/// For an unanswered question no rule waits for: which answers make it unnecessary now,
/// and so when it would become relevant.
fn not_needed_yet(
    question: &str,
    assessment: &Assessment,
    set: &RuleSet,
    jurisdiction: &Jurisdiction,
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
        return "decides no rule with the answers given so far".to_owned();
    }
    let list: Vec<String> = deciders.into_iter().collect();
    format!(
        "not needed with the answers given so far; it decides a rule if the answer to {} changes",
        list.join(" or ")
    )
}

/// Answers given to questions this jurisdiction is not asked, grouped by why: the
/// instruments that ask them do not bind it, or no rule reads them.
fn not_read(assessment: &Assessment, set: &RuleSet, jurisdiction: &Jurisdiction) -> Vec<String> {
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
                set.instrument(&r.rule.instrument)
                    .map_or_else(|| r.rule.instrument.clone(), |i| i.short.clone())
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
            let (their, are) = if numbers.len() == 1 {
                ("its question", "is")
            } else {
                ("their questions", "are")
            };
            let why = if instruments.is_empty() {
                format!("no rule reads {their} ({are} asked for information only)")
            } else {
                format!(
                    "{their} {are} asked only for {}, which {} not bind {}",
                    instruments.join(" and "),
                    if instruments.len() == 1 { "does" } else { "do" },
                    jurisdiction.code
                )
            };
            format!(
                "{} not read because {why}: {}",
                count(numbers.len(), "answer is", "answers are"),
                list.join(", ")
            )
        })
        .collect()
}
