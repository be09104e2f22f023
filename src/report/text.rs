//! The terminal summary of one assessment's results (`check` without `--format`), written for
//! the official who filled the assessment in: instruments by name, questions by number, the
//! answer that failed each gap, lines wrapped to the terminal, and each status with its own
//! symbol (and colour, on a terminal that wants it).

use std::fmt::Write as _;

use crate::check::{Results, RuleResult, Tally};
use crate::condition::why::Bearing;
use crate::lang::Lang;
use crate::model::{Assessment, Force, Status};
use crate::plural::count;
use crate::ruleset::RuleSet;

use super::completeness::numbered_after;
use super::view;
use super::wrap::wrap;

/// How the summary is laid out: colour (only on a terminal, never with `NO_COLOR`) and the
/// width lines are wrapped to. Colour is only ever an extra cue beside a symbol and a word.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    pub width: usize,
}

impl Style {
    fn paint(self, status: Status, text: &str) -> String {
        if !self.colour {
            return text.to_owned();
        }
        // Unanswered is not partly met: each has its own colour as well as its own symbol.
        let code = match status {
            Status::Gap | Status::Error => "31",
            Status::Partial => "33",
            Status::Unanswered => "36",
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

    /// The status's symbol, painted.
    fn symbol(self, status: Status) -> String {
        self.paint(status, view::status_label(status).1)
    }

    fn lines(self, text: &str, first: &str, rest: &str) -> String {
        wrap(text, self.width, first, rest)
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

/// "✗ 29 gaps · ◐ 12 partly met · ? 10 unanswered · …", each count with its status's symbol.
fn counts_line(t: &Tally, style: Style) -> String {
    [
        (Status::Gap, count(t.gap, "gap", "gaps")),
        (Status::Partial, format!("{} partly met", t.partial)),
        (Status::Unanswered, format!("{} unanswered", t.unanswered)),
        (Status::Met, format!("{} met", t.met)),
        (Status::Waived, format!("{} waived", t.waived)),
        (
            Status::NotApplicable,
            format!("{} not applicable", t.not_applicable),
        ),
        (Status::Error, format!("{} failed to evaluate", t.error)),
    ]
    .into_iter()
    .filter(|(s, _)| *s != Status::Error || t.error > 0)
    .map(|(s, words)| format!("{} {words}", style.symbol(s)))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A readable summary of one assessment's results for the terminal.
pub fn text(
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
    style: Style,
    _lang: Lang,
) -> String {
    let mut out = String::new();
    let jurisdiction = set.jurisdiction(&results.jurisdiction);
    let name = jurisdiction
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
    out.push_str(&style.lines(
        &style.bold(&format!(
            "{} {name} — period {}",
            results.jurisdiction, results.period
        )),
        "",
        "  ",
    ));
    let digest_short: String = results.ruleset.digest.chars().take(19).collect();
    out.push_str(&style.lines(
        &format!(
            "{} · {} rules · rule set {digest_short}…",
            results.file, results.ruleset.rules
        ),
        "",
        "  ",
    ));
    let plain_name = jurisdiction.map_or_else(|| results.jurisdiction.clone(), |j| j.name.clone());
    let areas = view::areas_in_order(set, &results.summary.by_area);
    let verdict = view::verdict(results, set, &plain_name, &areas);
    out.push('\n');
    out.push_str(&style.lines(&style.bold(&verdict.sentence), "  ", "  "));
    out.push_str(&style.lines(&counts_line(&results.summary.overall, style), "  ", "  "));
    // The headline is the score on binding law; the other forces are beside it (#15).
    let headline = view::Headline::of(&results.summary.by_force);
    let _ = writeln!(
        out,
        "  score on binding law {} · completeness {}",
        headline.score, headline.completeness
    );
    if let Some(warning) = &headline.warning {
        out.push_str(&style.lines(&style.paint(Status::Partial, warning), "  ", "  "));
    }
    for force in [Force::Binding, Force::Commitment, Force::Policy] {
        let Some(t) = results.summary.by_force.get(force.as_str()) else {
            continue;
        };
        let line = format!(
            "    {:<10} score {:>4} · completeness {:>4} · {}, {} partly met",
            force.as_str(),
            view::score_text(t),
            percent(t.completeness),
            count(t.gap, "gap", "gaps"),
            t.partial
        );
        // Aligned in columns where the line fits; wrapping would lose the alignment.
        if line.chars().count() <= style.width {
            let _ = writeln!(out, "{line}");
        } else {
            out.push_str(&style.lines(&line, "    ", "      "));
        }
    }
    out.push_str(&style.lines(view::PER_FORCE_SENTENCE, "  ", "  "));

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
            style.paint(
                status,
                &style.bold(&format!(
                    "{} {heading} ({})",
                    view::status_label(status).1,
                    items.len()
                ))
            )
        );
        for r in items {
            let number = r
                .recommendation
                .as_ref()
                .zip(r.grade)
                .map(|(n, g)| format!("{n} {} · ", g.as_str()))
                .unwrap_or_default();
            let force = match r.force {
                Force::Binding => "binding law",
                Force::Commitment => "political commitment",
                Force::Policy => "policy",
            };
            out.push_str(&style.lines(
                &format!(
                    "{} {number}{} severity · {force}",
                    style.symbol(status),
                    r.severity.as_str()
                ),
                "  ",
                "    ",
            ));
            out.push_str(&style.lines(&r.title, "    ", "    "));
            for line in detail(r) {
                out.push_str(&style.lines(&line, "    ", "      "));
            }
            out.push_str(&style.lines(&format!("rule {}", r.rule), "    ", "    "));
        }
    };
    // "Directive 2011/36/EU, Art. 14(1), Art. 14(2); Council conclusions 12326/19, para 7(c)":
    // instruments by name, the references of one instrument together.
    let sources = |r: &RuleResult| -> String {
        let Some(c) = set.rule(&r.rule) else {
            return String::new();
        };
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for s in &c.rule.sources {
            match groups.iter_mut().find(|(doc, _)| *doc == s.doc) {
                Some((_, refs)) => refs.push(&s.reference),
                None => groups.push((&s.doc, vec![&s.reference])),
            }
        }
        groups
            .into_iter()
            .map(|(doc, refs)| {
                let name = set.instrument(doc).map_or(doc, |i| i.short.as_str());
                let note = view::source_note(set, jurisdiction, doc)
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                format!("{name}, {}{note}", refs.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    // The answers that made the rule fail, each with its question's number and its line.
    let failing = |r: &RuleResult| -> Vec<String> {
        let Some(compiled) = set.rule(&r.rule) else {
            return Vec::new();
        };
        view::check_leaves(compiled, assessment, set)
            .into_iter()
            .filter(|l| l.bearing == Bearing::Against)
            .map(|l| {
                let at = l
                    .questions
                    .iter()
                    .map(|q| {
                        let number = set
                            .questionnaire
                            .number(q)
                            .map_or_else(|| q.clone(), |n| n.to_string());
                        match assessment.answers.get(q) {
                            Some(a) => format!("{number}, {}", a.location()),
                            None => number,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                // The words name answers, never code: a fallback expression loses its quotes.
                format!("✗ {} ({at})", l.words.replace('`', ""))
            })
            .collect()
    };
    let failed = |r: &RuleResult| -> Vec<String> {
        let mut lines = vec![sources(r)];
        lines.extend(failing(r));
        lines
    };
    section(&mut out, Status::Gap, "Gaps", &failed);
    section(&mut out, Status::Partial, "Partly met", &failed);
    section(&mut out, Status::Unanswered, "Unanswered", &|r| {
        r.missing
            .iter()
            .filter_map(|m| set.questionnaire.questions.get(m))
            .map(|q| {
                let place = assessment
                    .answers
                    .get(&q.id)
                    .map(|a| format!(" ({})", a.location()))
                    .unwrap_or_default();
                let parent_listed = set
                    .questionnaire
                    .follows(&q.id)
                    .is_some_and(|p| r.missing.contains(&p.id));
                format!("answer {}{place}", numbered_after(set, q, parent_listed))
            })
            .collect()
    });
    section(&mut out, Status::Waived, "Waived", &|r| {
        r.waiver
            .as_ref()
            .map(|w| {
                vec![
                    format!(
                        "was {}; waived until {} by {}",
                        r.raw_status.map_or("", |s| view::status_label(s).0),
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
        "Rules that failed to evaluate (a fault of the rule set: report it to its maintainers)",
        &|r| vec![r.message.clone().unwrap_or_default()],
    );
    let met = results.count(Status::Met);
    let na = results.count(Status::NotApplicable);
    if met + na > 0 {
        out.push('\n');
        out.push_str(&style.lines(
            &format!(
                "Not listed here: {} {met} met, {} {na} not applicable. The printable report lists every rule: acquis check {} -o report.html",
                style.symbol(Status::Met),
                style.symbol(Status::NotApplicable),
                results.file
            ),
            "",
            "  ",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{STYLES, terminal_safe};

    #[test]
    fn styles_pass_through_terminal_safe() {
        for style in STYLES {
            assert_eq!(terminal_safe(style), style);
        }
        let style = Style {
            colour: true,
            width: 80,
        };
        for status in [
            Status::Gap,
            Status::Partial,
            Status::Unanswered,
            Status::Met,
        ] {
            let styled = style.paint(status, "x");
            assert_eq!(terminal_safe(&styled), styled);
        }
    }

    #[test]
    fn unanswered_and_partly_met_differ_in_colour_and_symbol() {
        let style = Style {
            colour: true,
            width: 80,
        };
        assert_ne!(
            style.paint(Status::Unanswered, "x"),
            style.paint(Status::Partial, "x")
        );
        assert_ne!(
            style.symbol(Status::Unanswered),
            style.symbol(Status::Partial)
        );
    }
}
