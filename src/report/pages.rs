//! Pages about one rule or one file: `rules show`, `explain`, and completeness after `validate`.

use std::fmt::Write as _;

use crate::check::RuleResult;
use crate::engine::CompiledRule;
use crate::model::{Assessment, Jurisdiction, Status};
use crate::ruleset::RuleSet;

use super::view;

/// `acquis rules show`: the whole rule as a maintainer reads it.
pub fn rule_page(compiled: &CompiledRule, set: &RuleSet) -> String {
    let rule = &compiled.rule;
    let mut out = String::new();
    let instrument = set.instrument(&rule.instrument);
    let _ = writeln!(out, "{}\n{}\n", rule.id, rule.title);
    let _ = writeln!(
        out,
        "instrument: {} — {} ({})",
        rule.instrument,
        instrument.map_or("", |i| i.title.as_str()),
        instrument.map_or("", |i| i.force.as_str())
    );
    let _ = writeln!(
        out,
        "area: {} · severity: {} · file: {}",
        rule.area,
        rule.severity.as_str(),
        rule.file
    );
    let _ = writeln!(out, "\nObligation\n  {}", rule.obligation);
    write_sources_and_condition(&mut out, compiled, set, None);
    let _ = writeln!(out, "\nQuestions it reads");
    for id in &compiled.reads {
        if let Some(q) = set.questionnaire.questions.get(id) {
            let _ = writeln!(out, "  - {id} ({}): {}", q.kind.expectation(), q.text);
        }
    }
    let _ = writeln!(out, "\nRemedy\n  {}", rule.remedy);
    let _ = writeln!(out, "\nExamples");
    for e in &rule.examples {
        let answers: Vec<String> = e
            .answers
            .iter()
            .map(|(q, a)| match &a.value {
                Some(v) => format!("{q} = {}", serde_json::to_string(v).unwrap_or_default()),
                None => format!("{q} = (unanswered)"),
            })
            .collect();
        let place = e
            .jurisdiction
            .as_deref()
            .map(|j| format!(" [{j}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  - {} → {}{place}: {}",
            e.name,
            e.expect,
            answers.join(", ")
        );
    }
    out
}

/// `acquis explain`: one rule, the answers it read, and why it got its status.
pub fn explanation(
    compiled: &CompiledRule,
    result: &RuleResult,
    assessment: &Assessment,
    set: &RuleSet,
) -> String {
    let rule = &compiled.rule;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", rule.id, rule.title);
    let _ = writeln!(
        out,
        "status for {} ({}): {}{}\n",
        assessment.jurisdiction,
        assessment.period,
        result.status,
        result
            .raw_status
            .map(|s| format!(" (was {s})"))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "Obligation\n  {}", rule.obligation);
    write_sources_and_condition(
        &mut out,
        compiled,
        set,
        set.jurisdiction(&assessment.jurisdiction),
    );
    let _ = writeln!(out, "\nAnswers it read ({})", assessment.file);
    let describe = |q: &str| -> String {
        match assessment.answers.get(q) {
            Some(a) => match &a.value {
                Some(v) => format!(
                    "{} ({})",
                    serde_json::to_string(v).unwrap_or_default(),
                    a.location()
                ),
                None => format!("empty ({})", a.location()),
            },
            None => "not in the file".to_owned(),
        }
    };
    let number = |q: &str| {
        set.questionnaire
            .number(q)
            .map_or_else(|| q.to_owned(), |n| n.to_string())
    };
    for q in &compiled.reads {
        let _ = writeln!(out, "  {} {q} = {}", number(q), describe(q));
        if let Some(question) = set.questionnaire.questions.get(q) {
            let _ = writeln!(
                out,
                "      {}",
                super::completeness::numbered_after(
                    set,
                    question,
                    set.questionnaire
                        .follows(q)
                        .is_some_and(|p| compiled.reads.contains(&p.id))
                )
                .split_once(' ')
                .map_or("", |(_, text)| text)
            );
        }
        if let Some(e) = assessment
            .answers
            .get(q)
            .and_then(|a| a.evidence.as_deref())
        {
            let _ = writeln!(out, "      evidence: {e}");
        }
        if let Some(u) = assessment.answers.get(q).and_then(|a| a.url.as_deref()) {
            let _ = writeln!(out, "      url: {u}");
        }
    }
    // Each comparison of the check in words, marked ✓ where the answer is what it needs and
    // ✗ where it is not (#18), instead of "`check` is false".
    let leaves_text = |condition: &crate::condition::Condition| -> String {
        let Some(jurisdiction) = set.jurisdiction(&assessment.jurisdiction) else {
            return String::new();
        };
        let answers = set.layout.answers(assessment);
        let cx = crate::condition::eval::Context {
            answers: &answers,
            layout: &set.layout,
            jurisdiction,
        };
        let mut text = String::new();
        for leaf in crate::condition::why::leaves(condition, &cx) {
            let mark = match leaf.bearing {
                crate::condition::why::Bearing::For => "✓",
                crate::condition::why::Bearing::Against => "✗",
                crate::condition::why::Bearing::Neutral => "·",
            };
            let numbers: Vec<String> = leaf.questions.iter().map(|q| number(q)).collect();
            let _ = write!(
                text,
                "\n    {mark} {} — {}",
                leaf.words.replace('`', ""),
                numbers.join(", ")
            );
        }
        text
    };
    let why = match result.status {
        Status::Met => format!(
            "met: every requirement of the check holds for these answers:{}",
            leaves_text(&compiled.check)
        ),
        Status::Partial => format!(
            "partly met: the answers marked ✗ fail the check:{}\n  but the condition for partly met holds:{}",
            leaves_text(&compiled.check),
            compiled
                .partial_when
                .as_ref()
                .map(&leaves_text)
                .unwrap_or_default()
        ),
        Status::Gap => {
            let partial = compiled
                .partial_when
                .as_ref()
                .map(|p| {
                    format!(
                        "\n  nor does the condition for partly met hold:{}",
                        leaves_text(p)
                    )
                })
                .unwrap_or_default();
            format!(
                "gap: the answers marked ✗ fail the check:{}{partial}",
                leaves_text(&compiled.check)
            )
        }
        Status::Unanswered => {
            let parts: Vec<String> = result
                .missing
                .iter()
                .map(|q| match assessment.answers.get(q) {
                    Some(a) => format!("{} ({q}, {}) is empty", number(q), a.location()),
                    None => format!("{} ({q}) is not in the file", number(q)),
                })
                .collect();
            format!(
                "unanswered: {}, and the other answers do not decide the rule.",
                parts.join(" and ")
            )
        }
        Status::NotApplicable => format!(
            "not applicable: {}.",
            result.message.as_deref().unwrap_or("")
        ),
        Status::Error => format!(
            "error: the rule failed to evaluate: {}.",
            result.message.as_deref().unwrap_or("")
        ),
        Status::Waived => "waived.".to_owned(),
    };
    let _ = writeln!(out, "\nWhy\n  {why}");
    if matches!(result.status, Status::Gap | Status::Partial) {
        let _ = writeln!(out, "\nRemedy\n  {}", rule.remedy);
    }
    out
}

/// The legal basis and the conditions of a rule, as `rules show` and `explain` print them.
fn write_sources_and_condition(
    out: &mut String,
    compiled: &CompiledRule,
    set: &RuleSet,
    jurisdiction: Option<&Jurisdiction>,
) {
    let _ = writeln!(out, "\nSources");
    for s in &compiled.rule.sources {
        let name = set
            .instrument(&s.doc)
            .map_or(s.doc.as_str(), |i| i.short.as_str());
        let note = view::source_note(set, jurisdiction, &s.doc)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let _ = writeln!(out, "  - {name}, {}{note}", s.reference);
        if let Some(q) = &s.quote {
            let _ = writeln!(out, "    \u{201c}{q}\u{201d}");
        }
    }
    let _ = writeln!(out, "\nCondition");
    if let Some(c) = &compiled.applies_when {
        let _ = writeln!(out, "  applies when: {}", c.text.source.trim());
    }
    let _ = writeln!(out, "  check:        {}", compiled.check.text.source.trim());
    if let Some(c) = &compiled.partial_when {
        let _ = writeln!(out, "  partial when: {}", c.text.source.trim());
    }
}
