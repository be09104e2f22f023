//! The terminal summary of one assessment's results (`check` without `--format`), written for
//! the official who filled the assessment in: instruments by name, questions by number, the
//! answer that failed each gap, lines wrapped to the terminal, and each status with its own
//! symbol (and colour, on a terminal that wants it).

use std::fmt::Write as _;

use crate::check::{Results, RuleResult, Tally};
use crate::condition::why::Bearing;
use crate::i18n::{self, count};
use crate::lang::Lang;
use crate::model::{Assessment, Force, Status};
use crate::ruleset::RuleSet;

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

/// "✗ 29 gaps · ◐ 12 partly met · ? 10 unanswered · …", each count with its status's symbol.
/// French writes « lacunes : 29 », so that no word has to agree with the number.
fn counts_line(t: &Tally, style: Style, lang: Lang) -> String {
    let n = |n: usize| n.to_string();
    [
        (
            Status::Gap,
            if t.gap == 1 {
                i18n::tf(lang, "{n} gap", &[("n", &n(t.gap))])
            } else {
                i18n::tf(lang, "{n} gaps", &[("n", &n(t.gap))])
            },
        ),
        (
            Status::Partial,
            i18n::tf(lang, "{n} partly met", &[("n", &n(t.partial))]),
        ),
        (
            Status::Unanswered,
            i18n::tf(lang, "{n} unanswered", &[("n", &n(t.unanswered))]),
        ),
        (Status::Met, i18n::tf(lang, "{n} met", &[("n", &n(t.met))])),
        (
            Status::Waived,
            i18n::tf(lang, "{n} waived", &[("n", &n(t.waived))]),
        ),
        (
            Status::NotApplicable,
            i18n::tf(lang, "{n} not applicable", &[("n", &n(t.not_applicable))]),
        ),
        (
            Status::Error,
            i18n::tf(lang, "{n} failed to evaluate", &[("n", &n(t.error))]),
        ),
    ]
    .into_iter()
    .filter(|(s, _)| *s != Status::Error || t.error > 0)
    .map(|(s, words)| format!("{} {}", style.symbol(s), lang.typography(&words)))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A readable summary of one assessment's results for the terminal.
pub fn text(
    results: &Results,
    assessment: &Assessment,
    set: &RuleSet,
    style: Style,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let jurisdiction = set.jurisdiction(&results.assessment.jurisdiction);
    let plain_name = jurisdiction.map_or_else(
        || results.assessment.jurisdiction.clone(),
        |j| view::marked(j.name_in(lang), lang),
    );
    let name = jurisdiction
        .map(|j| {
            let name = [("name", plain_name.as_str())];
            if j.fictional {
                i18n::tf(lang, "{name} (fictional)", &name)
            } else if results.assessment.illustrative {
                i18n::tf(
                    lang,
                    "{name} (illustrative answers, not its law or practice)",
                    &name,
                )
            } else {
                plain_name.clone()
            }
        })
        .unwrap_or_default();
    out.push_str(&style.lines(
        &style.bold(&i18n::tf(
            lang,
            "{code} {name} — period {period}",
            &[
                ("code", &results.assessment.jurisdiction),
                ("name", &name),
                ("period", &results.assessment.period),
            ],
        )),
        "",
        "  ",
    ));
    let digest_short: String = results.ruleset.digest.chars().take(19).collect();
    out.push_str(&style.lines(
        &i18n::tf(
            lang,
            "{file} · {rules} · rule set {digest}…",
            &[
                ("file", &results.assessment.file),
                (
                    "rules",
                    &count(lang, results.ruleset.rules, "rule", "rules"),
                ),
                ("digest", &digest_short),
            ],
        ),
        "",
        "  ",
    ));
    let areas = view::areas_in_order(set, &results.summary.by_area, lang);
    let verdict = view::verdict(results, set, &plain_name, &areas, lang);
    out.push('\n');
    out.push_str(&style.lines(&style.bold(&verdict.sentence), "  ", "  "));
    out.push_str(&style.lines(
        &counts_line(&results.summary.overall, style, lang),
        "  ",
        "  ",
    ));
    // The headline is the score on binding law; the other forces are beside it (#15).
    let headline = view::Headline::of(&results.summary.by_force, lang);
    let _ = writeln!(
        out,
        "  {}",
        lang.typography(&i18n::tf(
            lang,
            "score on binding law {score} · completeness {completeness}",
            &[
                ("score", &headline.score),
                ("completeness", &headline.completeness),
            ],
        ))
    );
    if let Some(warning) = &headline.warning {
        out.push_str(&style.lines(&style.paint(Status::Partial, warning), "  ", "  "));
    }
    for force in [Force::Binding, Force::Commitment, Force::Policy] {
        let Some(t) = results.summary.by_force.get(force.as_str()) else {
            continue;
        };
        let line = match lang {
            Lang::En => format!(
                "    {:<10} score {:>4} · completeness {:>4} · {}, {} partly met",
                force.as_str(),
                view::score_text(t),
                view::percent(t.completeness),
                count(lang, t.gap, "gap", "gaps"),
                t.partial
            ),
            // No columns: the French words of the forces differ too much in length.
            _ => format!(
                "    {} · {}",
                view::force_label_in(force, lang),
                lang.typography(&i18n::tf(
                    lang,
                    "score {score} · completeness {completeness} · {gaps}, {partial} partly met",
                    &[
                        ("score", &view::score_text_in(t, lang)),
                        ("completeness", &view::percent_in(t.completeness, lang)),
                        ("gaps", &count(lang, t.gap, "gap", "gaps")),
                        ("partial", &t.partial.to_string()),
                    ],
                ))
            ),
        };
        // Aligned in columns where the line fits; wrapping would lose the alignment.
        if line.chars().count() <= style.width {
            let _ = writeln!(out, "{line}");
        } else {
            out.push_str(&style.lines(&line, "    ", "      "));
        }
    }
    out.push_str(&style.lines(&lang.typography(view::per_force_sentence(lang)), "  ", "  "));

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
        items.sort_by_key(|r| (r.force(), r.severity()));
        let _ = writeln!(
            out,
            "\n{}",
            style.paint(
                status,
                &style.bold(&format!(
                    "{} {} ({})",
                    view::status_label(status).1,
                    lang.typography(heading),
                    items.len()
                ))
            )
        );
        for r in items {
            let number = r
                .recommendation
                .as_ref()
                .zip(r.grade)
                .map(|(n, g)| format!("{n} {} · ", view::grade_in(g, lang)))
                .unwrap_or_default();
            let force = match r.force() {
                Force::Binding => i18n::t(lang, "binding law"),
                Force::Commitment => i18n::t(lang, "political commitment"),
                Force::Policy => i18n::t(lang, "policy"),
            };
            let severity = i18n::tf(
                lang,
                "{severity} severity",
                &[("severity", view::severity_in(r.severity(), lang))],
            );
            out.push_str(&style.lines(
                &format!("{} {number}{severity} · {force}", style.symbol(status)),
                "  ",
                "    ",
            ));
            let title = view::marked(r.rule.rule.title_in(lang), lang);
            out.push_str(&style.lines(&lang.typography(&title), "    ", "    "));
            for line in detail(r) {
                out.push_str(&style.lines(&lang.typography(&line), "    ", "      "));
            }
            out.push_str(&style.lines(
                &i18n::tf(lang, "rule {id}", &[("id", r.id())]),
                "    ",
                "    ",
            ));
        }
    };
    // "Directive 2011/36/EU, Art. 14(1), Art. 14(2); Council conclusions 12326/19, para 7(c)":
    // instruments by name, the references of one instrument together.
    let sources = |r: &RuleResult| -> String {
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for s in &r.rule.rule.sources {
            match groups.iter_mut().find(|(doc, _)| *doc == s.doc) {
                Some((_, refs)) => refs.push(&s.reference),
                None => groups.push((&s.doc, vec![&s.reference])),
            }
        }
        groups
            .into_iter()
            .map(|(doc, refs)| {
                let name = view::instrument_name(set, doc, lang);
                let note = view::source_note_in(set, jurisdiction, doc, lang)
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                format!("{name}, {}{note}", refs.join(", "))
            })
            .collect::<Vec<_>>()
            .join(&format!("{} ", view::semicolon(lang)))
    };
    // The answers that made the rule fail, each with its question's number and its line.
    let failing = |r: &RuleResult| -> Vec<String> {
        view::check_leaves(r.rule, assessment, set, lang)
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
                            Some(a) => format!("{number}, {}", view::answer_location(a, lang)),
                            None => number,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(&format!("{} ", view::semicolon(lang)));
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
    section(
        &mut out,
        Status::Gap,
        i18n::tp(lang, "heading", "Gaps"),
        &failed,
    );
    section(
        &mut out,
        Status::Partial,
        i18n::tp(lang, "heading", "Partly met"),
        &failed,
    );
    section(
        &mut out,
        Status::Unanswered,
        i18n::tp(lang, "heading", "Unanswered"),
        &|r| {
            r.missing
                .iter()
                .filter_map(|m| set.questionnaire.questions.get(*m))
                .map(|q| {
                    let place = assessment
                        .answers
                        .get(&q.id)
                        .map(|a| format!(" ({})", view::answer_location(a, lang)))
                        .unwrap_or_default();
                    let parent_listed = set
                        .questionnaire
                        .follows(&q.id)
                        .is_some_and(|p| r.missing.contains(&p.id.as_str()));
                    let question = format!(
                        "{} {}",
                        super::completeness::number(set, &q.id),
                        view::question_in_context(set, q, parent_listed, lang)
                    );
                    i18n::tf(
                        lang,
                        "answer {question}{place}",
                        &[("question", &question), ("place", &place)],
                    )
                })
                .collect()
        },
    );
    section(
        &mut out,
        Status::Waived,
        i18n::tp(lang, "heading", "Waived"),
        &|r| {
            r.waiver
                .as_ref()
                .map(|w| {
                    let until = match lang {
                        Lang::En => w.until.clone(),
                        _ => lang.long_date(&w.until),
                    };
                    vec![
                        i18n::tf(
                            lang,
                            "was {status}; waived until {until} by {by}",
                            &[
                                (
                                    "status",
                                    r.raw_status
                                        .map_or("", |s| view::status_label_in(s, lang).0),
                                ),
                                ("until", &until),
                                ("by", &w.approved_by),
                            ],
                        ),
                        i18n::tf(lang, "reason: {reason}", &[("reason", &w.reason)]),
                    ]
                })
                .unwrap_or_default()
        },
    );
    section(
        &mut out,
        Status::Error,
        i18n::t(
            lang,
            "Rules that failed to evaluate (a fault of the rule set: report it to its maintainers)",
        ),
        &|r| vec![r.message.clone().unwrap_or_default()],
    );
    let met = results.count(Status::Met);
    let na = results.count(Status::NotApplicable);
    if met + na > 0 {
        out.push('\n');
        out.push_str(&style.lines(
            &lang.typography(&i18n::tf(
                lang,
                "Not listed here: {met_symbol} {met} met, {na_symbol} {na} not applicable. The printable report lists every rule: acquis check {file} -o report.html",
                &[
                    ("met_symbol", &style.symbol(Status::Met)),
                    ("met", &met.to_string()),
                    ("na_symbol", &style.symbol(Status::NotApplicable)),
                    ("na", &na.to_string()),
                    ("file", &results.assessment.file),
                ],
            )),
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
