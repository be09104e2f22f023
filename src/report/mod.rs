//! Results rendered for people and programs: the terminal summary and JSON.
//! Rendering never evaluates anything; it reads [`Results`].

pub mod completeness;
pub mod csv;
pub mod diff;
pub mod history;
pub mod matrix;
pub mod period;
pub mod render;
mod results_json;
pub mod view;
mod wrap;

use std::fmt::Write as _;

use crate::check::{Results, RuleResult, Tally};
use crate::coverage::TextCoverage;
use crate::engine::CompiledRule;
use crate::load::RuleSet;
use crate::model::{Assessment, Force, Jurisdiction, Severity, Status};

/// SPEC "Results JSON": one object, or an array in input order for several files.
/// Compact unless `pretty`: machines read it, and indenting made the file 12 times
/// the size of the assessments it came from (#17).
pub fn json(results: &[Results], pretty: bool) -> String {
    let mut out = if pretty {
        match results {
            [one] => serde_json::to_string_pretty(one),
            many => serde_json::to_string_pretty(many),
        }
        .expect("results serialise to JSON")
    } else {
        let mut out = String::new();
        results_json::write_all(&mut out, results);
        out
    };
    out.push('\n');
    out
}

/// The compact results JSON as serde_json writes it from the derived `Serialize`: the
/// oracle the hand-written writer is tested against (#17).
pub fn json_by_serde(results: &[Results]) -> String {
    let mut out = match results {
        [one] => serde_json::to_string(one),
        many => serde_json::to_string(many),
    }
    .expect("results serialise to JSON");
    out.push('\n');
    out
}

/// Terminal styling; colour is only ever an extra cue beside the status word.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    fn paint(self, status: Status, text: &str) -> String {
        if !self.colour {
            return text.to_owned();
        }
        let code = match status {
            Status::Gap | Status::Error => "31",
            Status::Partial | Status::Unanswered => "33",
            Status::Met => "32",
            Status::Waived | Status::NotApplicable => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    fn bold(self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// The styles [`Style`] writes; the only escape sequences [`terminal_safe`] lets through.
const STYLES: [&str; 6] = [
    "\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m",
];

/// Text as it may reach a terminal: every control character except line feed and tab is
/// shown as a visible symbol (ESC as `␛`, BEL as `␇`, C1 controls as `<U+009B>`), so a
/// period, key, name or evidence cannot retitle the window, write the clipboard or clear
/// the screen. Only the colour and bold codes of [`Style`] pass as they are.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && let Some(style) = STYLES.iter().find(|s| rest.starts_with(**s))
        {
            out.push_str(style);
            rest = &rest[style.len()..];
            continue;
        }
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('?')),
            '\x7f' => out.push('\u{2421}'),
            c => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

fn counts_line(t: &Tally) -> String {
    format!(
        "gap {} · partial {} · unanswered {} · error {} · waived {} · met {} · not applicable {}",
        t.gap, t.partial, t.unanswered, t.error, t.waived, t.met, t.not_applicable
    )
}

/// A readable summary of one assessment's results for the terminal.
pub fn text(results: &Results, set: &RuleSet, style: Style) -> String {
    let mut out = String::new();
    let name = set
        .jurisdiction(&results.jurisdiction)
        .map(|j| {
            if j.fictional {
                format!("{} (fictional)", j.name)
            } else if results.illustrative {
                format!("{} (illustrative answers, not its law or practice)", j.name)
            } else {
                j.name.clone()
            }
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} {name} — period {}",
            results.jurisdiction, results.period
        ))
    );
    let digest_short: String = results.ruleset.digest.chars().take(19).collect();
    let _ = writeln!(
        out,
        "{} · {} rules · rule set {digest_short}…",
        results.file, results.ruleset.rules
    );
    let overall = &results.summary.overall;
    let plain_name = set
        .jurisdiction(&results.jurisdiction)
        .map_or_else(|| results.jurisdiction.clone(), |j| j.name.clone());
    let areas = view::areas_in_order(set, &results.summary.by_area);
    let verdict = view::verdict(results, set, &plain_name, &areas);
    let _ = writeln!(out, "\n  {}", style.bold(&verdict.sentence));
    let _ = writeln!(out, "  {}", counts_line(overall));
    // The headline is the score on binding law; the other forces are beside it (#15).
    let headline = view::Headline::of(&results.summary.by_force);
    let _ = writeln!(
        out,
        "  score on binding law {} · completeness {}",
        headline.score, headline.completeness
    );
    if let Some(warning) = &headline.warning {
        let _ = writeln!(out, "  {}", style.paint(Status::Partial, warning));
    }
    for force in [Force::Binding, Force::Commitment, Force::Policy] {
        let Some(t) = results.summary.by_force.get(force.as_str()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    {:<10} score {:>4} · completeness {:>4} · {} gap, {} partial",
            force.as_str(),
            view::score_text(t),
            percent(t.completeness),
            t.gap,
            t.partial
        );
    }
    let _ = writeln!(out, "  {}", view::PER_FORCE_SENTENCE);

    let section = |out: &mut String,
                   status: Status,
                   heading: &str,
                   detail: &dyn Fn(&RuleResult) -> Vec<String>| {
        let mut items: Vec<&RuleResult> = results
            .results
            .iter()
            .filter(|r| r.status == status)
            .collect();
        if items.is_empty() {
            return;
        }
        // Stable: within a force and severity, rules keep the rule set's citation order.
        items.sort_by_key(|r| (r.force, r.severity));
        let _ = writeln!(
            out,
            "\n{}",
            style.paint(status, &style.bold(&format!("{heading} ({})", items.len())))
        );
        for r in items {
            let marker = style.paint(status, status.as_str());
            let number = r
                .recommendation
                .as_ref()
                .zip(r.grade)
                .map(|(n, g)| format!(" · {n} {}", g.as_str()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {marker} [{}] {} ({}){number}",
                severity_word(r.severity),
                r.rule,
                r.force.as_str()
            );
            let _ = writeln!(out, "      {}", r.title);
            for line in detail(r) {
                let _ = writeln!(out, "      {line}");
            }
        }
    };
    let jurisdiction = set.jurisdiction(&results.jurisdiction);
    let sources = |r: &RuleResult| -> Vec<String> {
        set.rule(&r.rule)
            .map(|c| {
                let refs: Vec<String> = c
                    .rule
                    .sources
                    .iter()
                    .map(|s| match view::source_note(set, jurisdiction, &s.doc) {
                        Some(note) => format!("{s} ({note})"),
                        None => s.to_string(),
                    })
                    .collect();
                vec![format!("source: {}", refs.join("; "))]
            })
            .unwrap_or_default()
    };
    section(&mut out, Status::Gap, "Gaps", &sources);
    section(&mut out, Status::Partial, "Partly met", &sources);
    section(&mut out, Status::Unanswered, "Unanswered", &|r| {
        vec![format!(
            "answer: {}",
            r.missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )]
    });
    section(&mut out, Status::Waived, "Waived", &|r| {
        r.waiver
            .as_ref()
            .map(|w| {
                vec![
                    format!(
                        "was {}; waived until {} by {}",
                        r.raw_status.map_or("", Status::as_str),
                        w.until,
                        w.approved_by
                    ),
                    format!("reason: {}", w.reason),
                ]
            })
            .unwrap_or_default()
    });
    section(
        &mut out,
        Status::Error,
        "Rules that failed to evaluate",
        &|r| vec![r.message.clone().unwrap_or_default()],
    );
    let met = results.count(Status::Met);
    let na = results.count(Status::NotApplicable);
    if met + na > 0 {
        let _ = writeln!(
            out,
            "\n{} rules met, {} not applicable (`--format json` lists them all)",
            met, na
        );
    }
    out
}

fn severity_word(s: Severity) -> &'static str {
    s.as_str()
}

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

/// `acquis rules coverage` for the terminal.
pub fn coverage_text(texts: &[TextCoverage]) -> String {
    let mut out = String::new();
    for t in texts {
        let _ = writeln!(
            out,
            "{} — {}\n  {} of {} parts that ask something of states are cited ({:.1}%); {} marked as asking nothing",
            t.doc,
            t.title,
            t.cited,
            t.countable,
            t.percent,
            t.units.len() - t.countable
        );
        let width = t
            .units
            .iter()
            .map(|u| u.label.chars().count())
            .max()
            .unwrap_or(0);
        for u in &t.units {
            let what = match (&u.no_obligation, u.cited_by.is_empty()) {
                (Some(reason), true) => format!("no obligation: {reason}"),
                (_, true) => "NOT CITED".to_owned(),
                (_, false) => u.cited_by.join(", "),
            };
            let _ = writeln!(out, "  {:<width$}  {what}", u.label);
        }
        let uncited: Vec<&str> = t.uncited().map(|u| u.label.as_str()).collect();
        if !uncited.is_empty() {
            let _ = writeln!(out, "  uncited: {}", uncited.join(", "));
        }
        out.push('\n');
    }
    out
}

/// `acquis rules coverage --format md`.
pub fn coverage_markdown(texts: &[TextCoverage]) -> String {
    let mut out = String::from("# Coverage of the source texts\n\n");
    for t in texts {
        let _ = writeln!(out, "## {} ({})\n", t.title, t.doc);
        let _ = writeln!(
            out,
            "{} of {} parts that ask something of states are cited ({:.1}%).\n",
            t.cited, t.countable, t.percent
        );
        let _ = writeln!(out, "| part | rules | note |\n|---|---|---|");
        for u in &t.units {
            let note = u.no_obligation.as_deref().map_or(
                if u.cited_by.is_empty() {
                    "**not cited**"
                } else {
                    ""
                }
                .to_owned(),
                |r| format!("no obligation: {}", md_cell(r)),
            );
            let rules: Vec<String> = u.cited_by.iter().map(|r| format!("`{r}`")).collect();
            let _ = writeln!(out, "| {} | {} | {} |", u.label, rules.join(", "), note);
        }
        out.push('\n');
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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
    for q in &compiled.reads {
        let _ = writeln!(out, "  {q} = {}", describe(q));
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
            let _ = write!(
                text,
                "\n    {mark} {} — `{}`",
                leaf.words,
                leaf.questions.join(", ")
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
                    Some(a) => format!("`{q}` ({}) is empty", a.location()),
                    None => format!("`{q}` is not in the file"),
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

#[cfg(test)]
mod terminal_tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_run() {
        assert_eq!(terminal_safe("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            terminal_safe("\x1b]0;owned\x07 \x1b[2J \u{9b}31m \x7f \r"),
            "\u{241b}]0;owned\u{2407} \u{241b}[2J <U+009B>31m \u{2421} \u{240d}"
        );
        let styled = Style { colour: true }.paint(Status::Gap, "gap");
        assert_eq!(terminal_safe(&styled), styled);
    }
}
