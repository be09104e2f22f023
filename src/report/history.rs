//! One jurisdiction over several monitoring rounds (`acquis history`): each rule's status
//! per period, the trend of each area's score, and per round the gaps that opened and closed.
//!
//! The files may be given in any order; the periods are put in order here
//! ([`super::period::compare`]). A round is two consecutive periods, and its changes follow
//! the same rule as `diff`: only gap → met or partial closes a gap.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::diff::{Change, ChangeKind, points, status_change};
use super::view::percent_in;
use super::words::{area_label_in, fill, from_file, mark, signed_points_in, status_code_word};
use crate::check::{Results, Tally};
use crate::i18n;
use crate::lang::Lang;
use crate::model::Status;
use crate::ruleset::RuleSet;

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub period: String,
    pub file: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub score: Option<f64>,
    pub completeness: Option<f64>,
    pub score_text: String,
    pub completeness_text: String,
    /// Fewer than 60% of the questions answered: the score may still move a lot.
    pub provisional: bool,
}

/// How a score moved from the first period that has one to the last.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// `improved`, `worse`, `unchanged`, or `not enough data` (in the report's language).
    pub word: &'static str,
    pub arrow: &'static str,
    /// Last minus first, in percentage points.
    pub points: Option<f64>,
    pub points_text: String,
    /// The last round alone (last period minus the one before), when there are more than two
    /// periods: a dip and a recovery would otherwise read as "unchanged".
    pub last_round: Option<f64>,
    pub last_round_text: String,
}

impl Trend {
    fn of(points_in_order: &[Point], lang: Lang) -> Trend {
        let scores: Vec<f64> = points_in_order.iter().filter_map(|p| p.score).collect();
        let change = match scores.as_slice() {
            [first, .., last] => Some(points(last - first)),
            _ => None,
        };
        let (word, arrow) = match change {
            None => (i18n::t(lang, "not enough data"), "·"),
            Some(p) if p > 0.0 => (i18n::t(lang, "improved"), "↑"),
            Some(p) if p < 0.0 => (i18n::t(lang, "worse"), "↓"),
            Some(_) => (i18n::t(lang, "unchanged"), "→"),
        };
        let last_round = match points_in_order {
            [_, .., before, last] => before.score.zip(last.score).map(|(b, l)| points(l - b)),
            _ => None,
        };
        Trend {
            word,
            arrow,
            points: change,
            points_text: change.map_or_else(String::new, |p| signed_points_in(p, lang)),
            last_round,
            last_round_text: last_round.map_or_else(String::new, |p| signed_points_in(p, lang)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaTrend {
    pub area: String,
    pub label: String,
    /// `en` when the label is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_lang: Option<&'static str>,
    /// One per period, in period order.
    pub points: Vec<Point>,
    pub trend: Trend,
}

/// A status with its word and symbol, as in the matrix.
pub use super::matrix::Cell as StatusCell;

#[derive(Debug, Clone, Serialize)]
pub struct RuleHistory {
    pub rule: String,
    pub title: String,
    /// `en` when the title is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<&'static str>,
    pub instrument: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument_lang: Option<&'static str>,
    pub force: &'static str,
    pub severity: &'static str,
    /// One per period, in period order.
    pub statuses: Vec<StatusCell>,
    pub changed: bool,
}

/// What changed from one period to the next.
#[derive(Debug, Clone, Serialize)]
pub struct Round {
    pub from: String,
    pub to: String,
    pub new_gaps: Vec<Change>,
    /// gap → met or partial.
    pub closed_gaps: Vec<Change>,
    /// gap → unanswered, error, waived or not applicable: no longer a gap, but not closed.
    pub gaps_not_closed: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub acquis: &'static str,
    pub jurisdiction: String,
    pub name: String,
    /// `en` when the name is English shown for want of a translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_lang: Option<&'static str>,
    pub fictional: bool,
    /// The answers are invented examples for a real jurisdiction's code.
    pub illustrative: bool,
    pub periods: Vec<Period>,
    pub overall: AreaTrend,
    pub areas: Vec<AreaTrend>,
    pub rules: Vec<RuleHistory>,
    pub rounds: Vec<Round>,
    pub legend: Vec<StatusCell>,
    pub provisional_below: String,
}

fn point(t: Option<&Tally>, lang: Lang) -> Point {
    let (score, completeness) = (t.and_then(|t| t.score), t.and_then(|t| t.completeness));
    Point {
        score,
        completeness,
        score_text: percent_in(score, lang),
        completeness_text: percent_in(completeness, lang),
        provisional: score.is_some()
            && completeness.is_some_and(|c| c < super::matrix::PROVISIONAL_BELOW),
    }
}

/// The history of one jurisdiction. `all` holds one result per period, all for the same
/// jurisdiction and no period twice (the caller checks both); any order. Its words are in
/// `lang` (the JSON is built in English).
pub fn history(all: &[Results], set: &RuleSet, lang: Lang) -> History {
    let mut ordered: Vec<&Results> = all.iter().collect();
    ordered.sort_by(|a, b| super::period::compare(&a.assessment.period, &b.assessment.period));
    let code = ordered
        .first()
        .map_or("", |r| r.assessment.jurisdiction.as_str());
    let jurisdiction = set.jurisdiction(code);
    let status_in: Vec<BTreeMap<&str, Status>> = ordered
        .iter()
        .map(|r| r.results.iter().map(|x| (x.id(), x.status)).collect())
        .collect();
    let status_of = |period: usize, rule: &str| {
        status_in[period]
            .get(rule)
            .copied()
            .unwrap_or(Status::NotApplicable)
    };
    // The rule set's order: binding instruments first, then articles as numbers.
    let rules = set
        .rules
        .iter()
        .map(|c| &c.rule)
        .map(|rule| {
            let statuses: Vec<Status> =
                (0..ordered.len()).map(|p| status_of(p, &rule.id)).collect();
            let instrument = set.instrument(&rule.instrument);
            let (title, title_lang) = from_file(rule.title_in(lang), lang);
            let (instrument_name, instrument_lang) = instrument.map_or_else(
                || (rule.instrument.clone(), None),
                |i| from_file(i.short_in(lang), lang),
            );
            RuleHistory {
                rule: rule.id.clone(),
                title,
                title_lang,
                instrument: instrument_name,
                instrument_lang,
                force: instrument.map_or("", |i| i.force.as_str()),
                severity: rule.severity.as_str(),
                changed: statuses.windows(2).any(|w| w[0] != w[1]),
                statuses: statuses
                    .into_iter()
                    .map(|s| StatusCell::of(s, lang))
                    .collect(),
            }
        })
        .collect();
    let rounds = ordered
        .windows(2)
        .map(|pair| {
            let before: BTreeMap<&str, Status> =
                pair[0].results.iter().map(|x| (x.id(), x.status)).collect();
            let mut round = Round {
                from: pair[0].assessment.period.clone(),
                to: pair[1].assessment.period.clone(),
                new_gaps: Vec::new(),
                closed_gaps: Vec::new(),
                gaps_not_closed: Vec::new(),
            };
            for r in &pair[1].results {
                let was = before.get(r.id()).copied().unwrap_or(Status::NotApplicable);
                let change = || status_change(r, was, lang);
                match ChangeKind::of(was, r.status) {
                    ChangeKind::GapClosed => round.closed_gaps.push(change()),
                    ChangeKind::NewGap => round.new_gaps.push(change()),
                    ChangeKind::GapNowUnanswered
                    | ChangeKind::GapNowError
                    | ChangeKind::GapNowWaived
                    | ChangeKind::GapNowNotApplicable => round.gaps_not_closed.push(change()),
                    ChangeKind::Other | ChangeKind::Unchanged => {}
                }
            }
            round
        })
        .collect();
    let section_pos = |area: &str| {
        set.questionnaire
            .sections
            .iter()
            .position(|s| s.name == area)
            .unwrap_or(usize::MAX)
    };
    let mut area_names: Vec<&String> = ordered
        .iter()
        .flat_map(|r| r.summary.by_area.keys())
        .collect();
    area_names.sort_by_key(|a| (section_pos(a), (*a).clone()));
    area_names.dedup();
    let trend_of =
        |area: String, (label, label_lang): (String, Option<&'static str>), points: Vec<Point>| {
            AreaTrend {
                area,
                label,
                label_lang,
                trend: Trend::of(&points, lang),
                points,
            }
        };
    let (name, name_lang) = jurisdiction.map_or_else(
        || (code.to_owned(), None),
        |j| from_file(j.name_in(lang), lang),
    );
    History {
        acquis: "history/1",
        jurisdiction: code.to_owned(),
        name,
        name_lang,
        fictional: jurisdiction.is_some_and(|j| j.fictional),
        illustrative: ordered.iter().any(|r| r.assessment.illustrative),
        periods: ordered
            .iter()
            .map(|r| Period {
                period: r.assessment.period.clone(),
                file: r.assessment.file.clone(),
                date: r.assessment.date.clone(),
            })
            .collect(),
        overall: trend_of(
            String::new(),
            (i18n::t(lang, "All rules").to_owned(), None),
            ordered
                .iter()
                .map(|r| point(Some(&r.summary.overall), lang))
                .collect(),
        ),
        areas: area_names
            .into_iter()
            .map(|area| {
                trend_of(
                    area.clone(),
                    area_label_in(set, area, lang),
                    ordered
                        .iter()
                        .map(|r| point(r.summary.by_area.get(area), lang))
                        .collect(),
                )
            })
            .collect(),
        rules,
        rounds,
        legend: Status::ALL
            .iter()
            .map(|s| StatusCell::of(*s, lang))
            .collect(),
        provisional_below: lang.percent(super::matrix::PROVISIONAL_BELOW * 100.0),
    }
}

/// The history for the terminal, in `lang`.
pub fn history_text(h: &History, lang: Lang) -> String {
    let mut out = String::new();
    let fictional = if h.fictional {
        i18n::t(lang, " (fictional: describes no real country)")
    } else if h.illustrative {
        i18n::t(lang, " (illustrative answers, not its law or practice)")
    } else {
        ""
    };
    // A value of `fill` is not typeset, so the translated note is set here.
    let fictional = lang.typography(fictional);
    let periods: Vec<&str> = h.periods.iter().map(|p| p.period.as_str()).collect();
    let name = format!("{}{}", h.name, mark(h.name_lang));
    let count = i18n::count(
        lang,
        periods.len(),
        "monitoring period",
        "monitoring periods",
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            i18n::t(lang, "{code} {name}{fictional}: {count}, {periods}"),
            &[
                ("code", h.jurisdiction.as_str()),
                ("name", &name),
                ("fictional", &fictional),
                ("count", &count),
                ("periods", &periods.join(" → ")),
            ]
        )
    );
    let labels: Vec<String> = std::iter::once(&h.overall)
        .chain(&h.areas)
        .map(|a| format!("{}{}", a.label, mark(a.label_lang)))
        .collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let number_width = std::iter::once(&h.overall)
        .chain(&h.areas)
        .flat_map(|a| &a.points)
        .flat_map(|p| [&p.score_text, &p.completeness_text])
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        out,
        "\n{}",
        fill(
            lang,
            i18n::t(
                lang,
                "Score per area (completeness in brackets; † provisional: under {share} answered)"
            ),
            &[("share", &h.provisional_below)]
        )
    );
    for (a, label) in std::iter::once(&h.overall).chain(&h.areas).zip(&labels) {
        let scores: Vec<String> = a
            .points
            .iter()
            .map(|p| {
                let mark = if p.provisional { "†" } else { " " };
                format!(
                    "{:>number_width$}{mark}({:>number_width$})",
                    p.score_text, p.completeness_text
                )
            })
            .collect();
        let change = match (
            a.trend.points_text.as_str(),
            a.trend.last_round_text.as_str(),
        ) {
            ("", _) => String::new(),
            (all, "") => format!(" ({all})"),
            (all, last) => format!(
                " ({all}{})",
                fill(
                    lang,
                    i18n::t(lang, "; last round {points}"),
                    &[("points", last)]
                )
            ),
        };
        let _ = writeln!(
            out,
            "  {label:<width$}  {}  {} {}{change}",
            scores.join(" → "),
            a.trend.arrow,
            a.trend.word,
        );
    }
    let status = |code: &str| status_code_word(code, lang);
    for round in &h.rounds {
        let _ = writeln!(out, "\n{} → {}", round.from, round.to);
        for (heading, list, always) in [
            (i18n::t(lang, "new gaps"), &round.new_gaps, true),
            (i18n::t(lang, "gaps closed"), &round.closed_gaps, true),
            (
                i18n::t(lang, "gaps not closed but no longer gaps"),
                &round.gaps_not_closed,
                false,
            ),
        ] {
            if list.is_empty() && !always {
                continue;
            }
            let _ = writeln!(out, "  {heading} ({})", list.len());
            for c in list {
                let _ = writeln!(out, "    {} → {}  {}", status(c.old), status(c.new), c.rule);
            }
        }
    }
    let changed: Vec<&RuleHistory> = h.rules.iter().filter(|r| r.changed).collect();
    let _ = writeln!(
        out,
        "\n{}",
        fill(
            lang,
            i18n::t(
                lang,
                "Rules whose status changed ({changed} of {all}; `--format md` or `html` lists every rule)"
            ),
            &[
                ("changed", &changed.len().to_string()),
                ("all", &h.rules.len().to_string())
            ]
        )
    );
    for r in changed {
        let statuses: Vec<String> = r.statuses.iter().map(|s| status(s.status)).collect();
        let _ = writeln!(out, "  {}  {}", r.rule, statuses.join(" → "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(score: Option<f64>, completeness: f64) -> Point {
        point(
            Some(&Tally {
                score,
                completeness: Some(completeness),
                ..Tally::default()
            }),
            Lang::En,
        )
    }

    #[test]
    fn a_trend_compares_the_first_and_last_periods_with_a_score() {
        let trend = Trend::of(
            &[
                at(None, 0.0),
                at(Some(0.5), 1.0),
                at(Some(0.4), 1.0),
                at(Some(0.6), 1.0),
            ],
            Lang::En,
        );
        assert_eq!((trend.word, trend.arrow), ("improved", "↑"));
        assert_eq!(trend.points_text, "+10.0 points");
        let worse = Trend::of(&[at(Some(0.6), 1.0), at(Some(0.5), 1.0)], Lang::En);
        assert_eq!((worse.word, worse.arrow), ("worse", "↓"));
        let flat = Trend::of(&[at(Some(0.5), 1.0), at(Some(0.5), 1.0)], Lang::En);
        assert_eq!(
            (flat.word, flat.points_text.as_str()),
            ("unchanged", "0.0 points")
        );
        assert_eq!(
            trend.last_round_text, "+20.0 points",
            "a dip shows in the last round"
        );
        assert_eq!(worse.last_round, None, "two periods are one round");
        let dip = Trend::of(
            &[at(Some(0.5), 1.0), at(Some(0.42), 1.0), at(Some(0.5), 1.0)],
            Lang::En,
        );
        assert_eq!(
            (dip.word, dip.last_round_text.as_str()),
            ("unchanged", "+8.0 points")
        );
        let alone = Trend::of(&[at(Some(0.5), 1.0), at(None, 0.0)], Lang::En);
        assert_eq!(alone.word, "not enough data");
    }

    #[test]
    fn a_score_on_few_answers_is_provisional() {
        assert!(at(Some(0.8), 0.04).provisional);
        assert!(!at(Some(0.8), 0.6).provisional);
        assert!(!at(None, 0.0).provisional);
    }
}
