//! The terminal summary of one assessment's results (`check` without `--format`).

use std::fmt::Write as _;

use crate::check::{Results, RuleResult, Tally};
use crate::load::RuleSet;
use crate::model::{Force, Severity, Status};

use super::view;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{STYLES, terminal_safe};

    #[test]
    fn styles_pass_through_terminal_safe() {
        for style in STYLES {
            assert_eq!(terminal_safe(style), style);
        }
        let styled = Style { colour: true }.paint(Status::Gap, "gap");
        assert_eq!(terminal_safe(&styled), styled);
    }
}
