//! The rules × jurisdictions matrix (`acquis matrix`): comparing jurisdictions.
//!
//! Built for 27 and more columns: first a heat-map of areas × jurisdictions (score and
//! completeness as a band symbol and numbers), then one compact table per instrument
//! (short rule label with its article, one status symbol per jurisdiction), binding
//! instruments first, then commitments, then policy (the rule set's order). Columns are
//! split into pages of at most [`MAX_COLUMNS_PER_PAGE`] so that each printed page keeps
//! the rule column and every jurisdiction stays legible.

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{area_label, percent, status_label};
use crate::check::{Results, Tally};
use crate::model::{Rule, Status};
use crate::ruleset::RuleSet;

/// How many jurisdiction columns fit one A4 landscape page beside the rule column.
pub const MAX_COLUMNS_PER_PAGE: usize = 14;

/// Below this share of questions answered, a score is shown as provisional.
pub const PROVISIONAL_BELOW: f64 = 0.6;

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub jurisdiction: String,
    pub name: String,
    pub period: String,
    pub file: String,
    pub fictional: bool,
    /// The answers are invented examples for a real jurisdiction's code.
    pub illustrative: bool,
    pub score: String,
    pub completeness: String,
}

/// One status as the comparisons show it: its word and its symbol (never colour alone).
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub status: &'static str,
    pub label: &'static str,
    pub icon: &'static str,
}

impl Cell {
    pub fn of(status: Status) -> Cell {
        let (label, icon) = status_label(status);
        Cell {
            status: status.as_str(),
            label,
            icon,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub rule: String,
    pub title: String,
    /// The rule's citation in its instrument, short: `Art. 10(2)`, `para 16`.
    pub article: String,
    /// A few words from the rule id: `Records for recruitment`.
    pub label: String,
    pub area: String,
    pub cells: Vec<Cell>,
}

/// The rules of one instrument.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub instrument: String,
    pub force: &'static str,
    pub rows: Vec<Row>,
}

/// A score shown in the heat-map: a band (shade, pattern and symbol) and the numbers.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell {
    pub score: String,
    pub completeness: String,
    /// `b0` (under 25%) … `b4` (90% or more), `bn` without a score.
    pub band: &'static str,
    pub symbol: &'static str,
    /// A bar as high as the share answered: `▁` (under 25%) … `█` (90% or more).
    pub completeness_symbol: &'static str,
    /// Fewer than 60% of the questions answered: the score may still move a lot.
    pub provisional: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaScores {
    pub area: String,
    pub label: String,
    pub cells: Vec<ScoreCell>,
}

/// A slice of the columns printed together: `start..end` indexes `columns` and every `cells`.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnPage {
    pub start: usize,
    pub end: usize,
    /// `AT–HR (1–14 of 27)`; empty when everything fits one page.
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub band: &'static str,
    pub symbol: &'static str,
    /// The completeness bar of the same range.
    pub bar: &'static str,
    pub range: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub report_date: String,
    pub digest: String,
    /// `alphabetical` or `score`.
    pub sort: &'static str,
    /// One sentence saying in what order the columns are.
    pub order_note: String,
    /// The codes of fictional jurisdictions among the columns.
    pub fictional: Vec<String>,
    /// The codes of columns whose answers are illustrative (invented for a real code).
    pub illustrative: Vec<String>,
    pub columns: Vec<Column>,
    /// The columns are not all of one period, so each header names its period too.
    pub mixed_periods: bool,
    pub column_pages: Vec<ColumnPage>,
    pub overall: Vec<ScoreCell>,
    pub area_scores: Vec<AreaScores>,
    pub groups: Vec<Group>,
    pub legend: Vec<Cell>,
    pub bands: Vec<Band>,
    pub provisional_below: String,
}

/// Floor, band class, score symbol, completeness bar, range in words.
const BANDS: [(f64, &str, &str, &str, &str); 5] = [
    (0.9, "b4", "●", "█", "90–100%"),
    (0.75, "b3", "◕", "▆", "75–89%"),
    (0.5, "b2", "◑", "▄", "50–74%"),
    (0.25, "b1", "◔", "▂", "25–49%"),
    (0.0, "b0", "○", "▁", "0–24%"),
];

/// The band of a share as printed (rounded to whole percent), so "90%" is never below 90.
fn band_of(share: f64) -> &'static (f64, &'static str, &'static str, &'static str, &'static str) {
    let shown = (share * 100.0).round() / 100.0;
    BANDS
        .iter()
        .find(|(floor, ..)| shown >= *floor)
        .unwrap_or(&BANDS[BANDS.len() - 1])
}

fn score_cell(t: Option<&Tally>) -> ScoreCell {
    let (score, completeness) = (t.and_then(|t| t.score), t.and_then(|t| t.completeness));
    let (band, symbol) = score.map_or(("bn", "–"), |s| {
        let (_, band, symbol, ..) = band_of(s);
        (*band, *symbol)
    });
    ScoreCell {
        score: percent(score),
        completeness: percent(completeness),
        band,
        symbol,
        completeness_symbol: completeness.map_or("–", |c| band_of(c).3),
        provisional: score.is_some() && completeness.is_some_and(|c| c < PROVISIONAL_BELOW),
    }
}

/// Pages of at most [`MAX_COLUMNS_PER_PAGE`] columns, as even as possible (27 → 14 + 13).
pub fn column_pages(columns: &[Column]) -> Vec<ColumnPage> {
    let n = columns.len();
    if n == 0 {
        return Vec::new();
    }
    let pages = n.div_ceil(MAX_COLUMNS_PER_PAGE);
    let per_page = n.div_ceil(pages);
    (0..n)
        .step_by(per_page)
        .map(|start| {
            let end = (start + per_page).min(n);
            ColumnPage {
                start,
                end,
                label: if pages == 1 {
                    String::new()
                } else {
                    format!(
                        "{}–{} ({}–{} of {n})",
                        columns[start].jurisdiction,
                        columns[end - 1].jurisdiction,
                        start + 1,
                        end
                    )
                },
            }
        })
        .collect()
}

/// `Art. 10(2)` from the rule's first source in its own instrument; the text before a comma
/// of a longer reference (`Agenda, 16 May, …` → `Agenda`).
fn article(rule: &Rule) -> String {
    let source = rule
        .sources
        .iter()
        .find(|s| s.doc == rule.instrument)
        .or(rule.sources.first());
    source.map_or_else(String::new, |s| {
        s.reference
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    })
}

/// `records-for-recruitment` → `Records for recruitment`.
fn short_label(rule_id: &str) -> String {
    let slug = rule_id
        .rsplit('.')
        .next()
        .unwrap_or(rule_id)
        .replace('-', " ");
    let mut chars = slug.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Column order: alphabetical by jurisdiction then period, unless ranking by score is asked for.
pub fn matrix(all: &[Results], set: &RuleSet, report_date: &str, by_score: bool) -> Matrix {
    let mut order: Vec<usize> = (0..all.len()).collect();
    if by_score {
        order.sort_by(|&a, &b| {
            let score = |i: usize| all[i].summary.overall.score.unwrap_or(-1.0);
            score(b).total_cmp(&score(a))
        });
    } else {
        order.sort_by(|&a, &b| {
            all[a]
                .jurisdiction
                .cmp(&all[b].jurisdiction)
                .then_with(|| super::period::compare(&all[a].period, &all[b].period))
                .then(a.cmp(&b))
        });
    }
    let columns: Vec<Column> = order
        .iter()
        .map(|&i| {
            let r = &all[i];
            let j = set.jurisdiction(&r.jurisdiction);
            Column {
                jurisdiction: r.jurisdiction.clone(),
                name: j.map_or_else(|| r.jurisdiction.clone(), |j| j.name.clone()),
                period: r.period.clone(),
                file: r.file.clone(),
                fictional: j.is_some_and(|j| j.fictional),
                illustrative: r.illustrative,
                score: percent(r.summary.overall.score),
                completeness: percent(r.summary.overall.completeness),
            }
        })
        .collect();
    let status_of: Vec<BTreeMap<&str, Status>> = order
        .iter()
        .map(|&i| {
            all[i]
                .results
                .iter()
                .map(|r| (&*r.rule, r.status))
                .collect()
        })
        .collect();
    // The rule set's order (binding instruments first, then articles as numbers), one
    // group per run of rules of one instrument.
    let mut groups: Vec<Group> = Vec::new();
    for rule in set.rules.iter().map(|c| &c.rule) {
        let row = Row {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            article: article(rule),
            label: short_label(&rule.id),
            area: area_label(set, &rule.area),
            cells: status_of
                .iter()
                .map(|m| {
                    let status = m
                        .get(rule.id.as_str())
                        .copied()
                        .unwrap_or(Status::NotApplicable);
                    Cell::of(status)
                })
                .collect(),
        };
        let instrument = set.instrument(&rule.instrument);
        let name = instrument.map_or_else(|| rule.instrument.clone(), |i| i.short.clone());
        match groups.last_mut() {
            Some(g) if g.instrument == name => g.rows.push(row),
            _ => groups.push(Group {
                instrument: name,
                force: instrument.map_or("", |i| i.force.as_str()),
                rows: vec![row],
            }),
        }
    }
    let section_pos = |area: &str| {
        set.questionnaire
            .sections
            .iter()
            .position(|s| s.name == area)
            .unwrap_or(usize::MAX)
    };
    let mut areas: Vec<&String> = all.iter().flat_map(|r| r.summary.by_area.keys()).collect();
    areas.sort_by_key(|a| (section_pos(a), (*a).clone()));
    areas.dedup();
    let area_scores = areas
        .into_iter()
        .map(|area| AreaScores {
            area: area.clone(),
            label: area_label(set, area),
            cells: order
                .iter()
                .map(|&i| score_cell(all[i].summary.by_area.get(area)))
                .collect(),
        })
        .collect();
    let mut fictional: Vec<String> = columns
        .iter()
        .filter(|c| c.fictional)
        .map(|c| c.jurisdiction.clone())
        .collect();
    fictional.sort();
    fictional.dedup();
    let mut illustrative: Vec<String> = columns
        .iter()
        .filter(|c| c.illustrative)
        .map(|c| c.jurisdiction.clone())
        .collect();
    illustrative.sort();
    illustrative.dedup();
    let order_note = if by_score {
        "Jurisdictions are ordered by overall score, highest first, as asked with --sort score; \
         a score leaves unanswered rules out, so read it with its completeness."
            .to_owned()
    } else {
        "Jurisdictions are listed in alphabetical order of their code; the comparison does not \
         rank countries."
            .to_owned()
    };
    Matrix {
        report_date: report_date.to_owned(),
        digest: all
            .first()
            .map(|r| r.ruleset.digest.clone())
            .unwrap_or_default(),
        sort: if by_score { "score" } else { "alphabetical" },
        order_note,
        fictional,
        illustrative,
        column_pages: column_pages(&columns),
        mixed_periods: columns.windows(2).any(|w| w[0].period != w[1].period),
        overall: order
            .iter()
            .map(|&i| score_cell(Some(&all[i].summary.overall)))
            .collect(),
        columns,
        groups,
        area_scores,
        legend: Status::ALL.iter().map(|s| Cell::of(*s)).collect(),
        bands: BANDS
            .iter()
            .map(|(_, band, symbol, bar, range)| Band {
                band,
                symbol,
                bar,
                range,
            })
            .collect(),
        provisional_below: format!("{:.0}%", PROVISIONAL_BELOW * 100.0),
    }
}

/// The matrix as CSV: one row per rule, one status column per assessment.
pub fn matrix_csv(m: &Matrix) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "rule".to_owned(),
        "title".to_owned(),
        "instrument".to_owned(),
        "area".to_owned(),
    ];
    header.extend(
        m.columns
            .iter()
            .map(|c| format!("{} {}", c.jurisdiction, c.period)),
    );
    super::csv::write_safe(&mut writer, &header);
    for g in &m.groups {
        for row in &g.rows {
            let mut record = vec![
                row.rule.clone(),
                row.title.clone(),
                g.instrument.clone(),
                row.area.clone(),
            ];
            record.extend(row.cells.iter().map(|c| c.status.to_owned()));
            super::csv::write_safe(&mut writer, &record);
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(n: usize) -> Vec<Column> {
        (0..n)
            .map(|i| Column {
                jurisdiction: format!("J{i:02}"),
                name: String::new(),
                period: "2025".into(),
                file: String::new(),
                fictional: false,
                illustrative: false,
                score: String::new(),
                completeness: String::new(),
            })
            .collect()
    }

    #[test]
    fn columns_are_split_into_even_pages_of_at_most_fourteen() {
        let sizes = |n: usize| -> Vec<usize> {
            column_pages(&columns(n))
                .iter()
                .map(|p| p.end - p.start)
                .collect()
        };
        assert_eq!(sizes(3), [3]);
        assert_eq!(sizes(14), [14]);
        assert_eq!(sizes(15), [8, 7]);
        assert_eq!(sizes(27), [14, 13]);
        assert_eq!(sizes(29), [10, 10, 9]);
        assert!(sizes(0).is_empty());
        assert_eq!(column_pages(&columns(27))[1].label, "J14–J26 (15–27 of 27)");
        assert_eq!(column_pages(&columns(3))[0].label, "");
    }

    #[test]
    fn a_band_follows_the_printed_percentage() {
        let tally = |score: f64, completeness: f64| Tally {
            score: Some(score),
            completeness: Some(completeness),
            ..Tally::default()
        };
        assert_eq!(score_cell(Some(&tally(0.899, 1.0))).band, "b4");
        assert_eq!(score_cell(Some(&tally(0.89, 1.0))).band, "b3");
        assert_eq!(score_cell(Some(&tally(0.1, 1.0))).band, "b0");
        assert_eq!(score_cell(None).band, "bn");
        assert!(score_cell(Some(&tally(0.8, 0.04))).provisional);
        assert_eq!(score_cell(Some(&tally(0.8, 0.04))).completeness_symbol, "▁");
        assert_eq!(score_cell(Some(&tally(0.8, 0.95))).completeness_symbol, "█");
        assert_eq!(score_cell(None).completeness_symbol, "–");
        assert!(!score_cell(Some(&tally(0.8, 0.6))).provisional);
    }

    #[test]
    fn a_rule_label_is_its_id_in_words() {
        assert_eq!(
            short_label("dir-2011-93.art10.records-for-recruitment"),
            "Records for recruitment"
        );
    }
}
