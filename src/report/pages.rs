//! Pages about one rule or one file: `rules show`, `explain`, and completeness after `validate`.

use std::fmt::Write as _;

use crate::check::RuleResult;
use crate::engine::CompiledRule;
use crate::i18n::{t, tf};
use crate::lang::Lang;
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
    write_sources_and_condition(&mut out, compiled, set, None, Lang::En);
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

/// `acquis explain`: one rule, the answers it read, and why it got its status, in `lang`.
/// The comparisons of the check are shown in English (they come from the condition) and
/// the conditions as written.
pub fn explanation(
    compiled: &CompiledRule,
    result: &RuleResult,
    assessment: &Assessment,
    set: &RuleSet,
    lang: Lang,
) -> String {
    use super::completeness::marked;
    let rule = &compiled.rule;
    let mut out = String::new();
    // English keeps the status codes it has always shown; other languages their words.
    let status = |s: Status| match lang {
        Lang::En => s.to_string(),
        _ => view::status_label_in(s, lang).0.to_owned(),
    };
    let _ = writeln!(out, "{} — {}", rule.id, marked(rule.title_in(lang), lang));
    let was = result
        .raw_status
        .map(|s| tf(lang, " (was {status})", &[("status", &status(s))]))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}\n",
        lang.typography(&tf(
            lang,
            "status for {code} ({period}): {status}{was}",
            &[
                ("code", &assessment.jurisdiction),
                ("period", &assessment.period),
                ("status", &status(result.status)),
                ("was", &was),
            ],
        ))
    );
    let _ = writeln!(
        out,
        "{}\n  {}",
        t(lang, "Obligation"),
        marked(rule.obligation_in(lang), lang)
    );
    write_sources_and_condition(
        &mut out,
        compiled,
        set,
        set.jurisdiction(&assessment.jurisdiction),
        lang,
    );
    let _ = writeln!(
        out,
        "\n{}",
        tf(
            lang,
            "Answers it read ({file})",
            &[("file", &assessment.file)]
        )
    );
    let describe = |q: &str| -> String {
        match assessment.answers.get(q) {
            Some(a) => match &a.value {
                Some(v) => format!(
                    "{} ({})",
                    serde_json::to_string(v).unwrap_or_default(),
                    a.location_in(lang)
                ),
                None => tf(lang, "empty ({place})", &[("place", &a.location_in(lang))]),
            },
            None => t(lang, "not in the file").to_owned(),
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
                super::completeness::numbered_after_in(
                    set,
                    question,
                    set.questionnaire
                        .follows(q)
                        .is_some_and(|p| compiled.reads.contains(&p.id)),
                    lang
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
            let _ = writeln!(
                out,
                "      {}",
                lang.typography(&tf(lang, "evidence: {evidence}", &[("evidence", e)]))
            );
        }
        if let Some(u) = assessment.answers.get(q).and_then(|a| a.url.as_deref()) {
            let _ = writeln!(
                out,
                "      {}",
                lang.typography(&tf(lang, "url: {url}", &[("url", u)]))
            );
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
    // The prose is set as `lang` sets it before the comparisons (English, as written) join it.
    let prose = |text: &str| lang.typography(text).into_owned();
    let why = match result.status {
        Status::Met => format!(
            "{}{}",
            prose(t(
                lang,
                "met: every requirement of the check holds for these answers:"
            )),
            leaves_text(&compiled.check)
        ),
        Status::Partial => format!(
            "{}{}\n  {}{}",
            prose(t(lang, "partly met: the answers marked ✗ fail the check:")),
            leaves_text(&compiled.check),
            prose(t(lang, "but the condition for partly met holds:")),
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
                        "\n  {}{}",
                        prose(t(lang, "nor does the condition for partly met hold:")),
                        leaves_text(p)
                    )
                })
                .unwrap_or_default();
            format!(
                "{}{}{partial}",
                prose(t(lang, "gap: the answers marked ✗ fail the check:")),
                leaves_text(&compiled.check)
            )
        }
        Status::Unanswered => {
            let parts: Vec<String> = result
                .missing
                .iter()
                .map(|q| match assessment.answers.get(*q) {
                    Some(a) => tf(
                        lang,
                        "{number} ({id}, {place}) is empty",
                        &[
                            ("number", &number(q)),
                            ("id", q),
                            ("place", &a.location_in(lang)),
                        ],
                    ),
                    None => tf(
                        lang,
                        "{number} ({id}) is not in the file",
                        &[("number", &number(q)), ("id", q)],
                    ),
                })
                .collect();
            lang.typography(&tf(
                lang,
                "unanswered: {questions}, and the other answers do not decide the rule.",
                &[("questions", &parts.join(t(lang, " and ")))],
            ))
            .into_owned()
        }
        Status::NotApplicable => tf(
            lang,
            "not applicable: {reason}.",
            &[("reason", result.message.as_deref().unwrap_or(""))],
        ),
        Status::Error => tf(
            lang,
            "error: the rule failed to evaluate: {reason}.",
            &[("reason", result.message.as_deref().unwrap_or(""))],
        ),
        Status::Waived => t(lang, "waived.").to_owned(),
    };
    let _ = writeln!(out, "\n{}\n  {why}", t(lang, "Why"));
    if matches!(result.status, Status::Gap | Status::Partial) {
        let _ = writeln!(
            out,
            "\n{}\n  {}",
            t(lang, "Remedy"),
            marked(rule.remedy_in(lang), lang)
        );
    }
    out
}

/// The legal basis and the conditions of a rule, as `rules show` and `explain` print them.
fn write_sources_and_condition(
    out: &mut String,
    compiled: &CompiledRule,
    set: &RuleSet,
    jurisdiction: Option<&Jurisdiction>,
    lang: Lang,
) {
    let _ = writeln!(out, "\n{}", t(lang, "Sources"));
    for s in &compiled.rule.sources {
        let name = set
            .instrument(&s.doc)
            .map_or(s.doc.as_str(), |i| i.short_in(lang).text);
        let note = view::source_note(set, jurisdiction, &s.doc)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let _ = writeln!(out, "  - {name}, {}{note}", s.reference);
        if let Some(q) = &s.quote {
            let _ = writeln!(out, "    \u{201c}{q}\u{201d}");
        }
    }
    // The conditions are code, shown as written; their labels are aligned in every language.
    let labels = [
        t(lang, "applies when:"),
        t(lang, "check:"),
        t(lang, "partial when:"),
    ]
    .map(|l| lang.typography(l).into_owned());
    let wide = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let line = |out: &mut String, label: &str, source: &str| {
        let pad = wide - label.chars().count();
        let _ = writeln!(out, "  {label}{:pad$} {}", "", source.trim());
    };
    let _ = writeln!(out, "\n{}", t(lang, "Condition"));
    if let Some(c) = &compiled.applies_when {
        line(out, &labels[0], &c.text.source);
    }
    line(out, &labels[1], &compiled.check.text.source);
    if let Some(c) = &compiled.partial_when {
        line(out, &labels[2], &c.text.source);
    }
}
