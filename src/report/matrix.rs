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

use super::view::{percent_in, status_label_in};
use super::words::{area_label_in, from_file, percent_range};
use crate::check::{Results, Tally};
use crate::i18n::{self, n_};
use crate::lang::Lang;
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
    /// `en` when the name is English shown for want of a translation.
    pub name_lang: Option<&'static str>,
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
    pub fn of(status: Status, lang: Lang) -> Cell {
        let (label, icon) = status_label_in(status, lang);
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
    /// `en` when the title (and so a translated label) is English shown for want of a
    /// translation.
    pub title_lang: Option<&'static str>,
    /// The rule's citation in its instrument, short: `Art. 10(2)`, `para 16`.
    pub article: String,
    /// A few words from the rule id in English (`Records for recruitment`); the title in
    /// other languages, the id's words being English.
    pub label: String,
    pub area: String,
    pub area_lang: Option<&'static str>,
    pub cells: Vec<Cell>,
}

/// The rules of one instrument.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub instrument: String,
    pub instrument_lang: Option<&'static str>,
    /// The instrument's force code (`binding`); templates show `t(g.force)`.
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
    pub label_lang: Option<&'static str>,
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
    pub range: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The language of the words (`lang` in the templates is its code too).
    pub lang: Lang,
    pub report_date: String,
    /// The report date as the language writes it: `2026-12-02` in English (as it always
    /// was), « 2 décembre 2026 » in French.
    pub report_date_text: String,
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

/// Floor, band class, score symbol, completeness bar, range in percent.
type BandSpec = (f64, &'static str, &'static str, &'static str, (u32, u32));
const BANDS: [BandSpec; 5] = [
    (0.9, "b4", "●", "█", (90, 100)),
    (0.75, "b3", "◕", "▆", (75, 89)),
    (0.5, "b2", "◑", "▄", (50, 74)),
    (0.25, "b1", "◔", "▂", (25, 49)),
    (0.0, "b0", "○", "▁", (0, 24)),
];

/// The band of a share as printed (rounded to whole percent), so "90%" is never below 90.
fn band_of(share: f64) -> &'static BandSpec {
    let shown = (share * 100.0).round() / 100.0;
    BANDS
        .iter()
        .find(|(floor, ..)| shown >= *floor)
        .unwrap_or(&BANDS[BANDS.len() - 1])
}

fn score_cell(t: Option<&Tally>, lang: Lang) -> ScoreCell {
    let (score, completeness) = (t.and_then(|t| t.score), t.and_then(|t| t.completeness));
    let (band, symbol) = score.map_or(("bn", "–"), |s| {
        let (_, band, symbol, ..) = band_of(s);
        (*band, *symbol)
    });
    ScoreCell {
        score: percent_in(score, lang),
        completeness: percent_in(completeness, lang),
        band,
        symbol,
        completeness_symbol: completeness.map_or("–", |c| band_of(c).3),
        provisional: score.is_some() && completeness.is_some_and(|c| c < PROVISIONAL_BELOW),
    }
}

/// Pages of at most [`MAX_COLUMNS_PER_PAGE`] columns, as even as possible (27 → 14 + 13).
pub fn column_pages(columns: &[Column], lang: Lang) -> Vec<ColumnPage> {
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
                    i18n::tf(
                        lang,
                        "{first}–{last} ({from}–{to} of {n})",
                        &[
                            ("first", &columns[start].jurisdiction),
                            ("last", &columns[end - 1].jurisdiction),
                            ("from", &(start + 1).to_string()),
                            ("to", &end.to_string()),
                            ("n", &n.to_string()),
                        ],
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

/// Column order: alphabetical by jurisdiction then period, unless ranking by score is asked
/// for. The words are in `lang`.
pub fn matrix(
    all: &[Results],
    set: &RuleSet,
    report_date: &str,
    by_score: bool,
    lang: Lang,
) -> Matrix {
    let mut order: Vec<usize> = (0..all.len()).collect();
    if by_score {
        order.sort_by(|&a, &b| {
            let score = |i: usize| all[i].summary.overall.score.unwrap_or(-1.0);
            score(b).total_cmp(&score(a))
        });
    } else {
        order.sort_by(|&a, &b| {
            all[a]
                .assessment
                .jurisdiction
                .cmp(&all[b].assessment.jurisdiction)
                .then_with(|| {
                    super::period::compare(&all[a].assessment.period, &all[b].assessment.period)
                })
                .then(a.cmp(&b))
        });
    }
    let columns: Vec<Column> = order
        .iter()
        .map(|&i| {
            let r = &all[i];
            let j = set.jurisdiction(&r.assessment.jurisdiction);
            let (name, name_lang) = j.map_or_else(
                || (r.assessment.jurisdiction.clone(), None),
                |j| from_file(j.name_in(lang), lang),
            );
            Column {
                jurisdiction: r.assessment.jurisdiction.clone(),
                name,
                name_lang,
                period: r.assessment.period.clone(),
                file: r.assessment.file.clone(),
                fictional: j.is_some_and(|j| j.fictional),
                illustrative: r.assessment.illustrative,
                score: percent_in(r.summary.overall.score, lang),
                completeness: percent_in(r.summary.overall.completeness, lang),
            }
        })
        .collect();
    let status_of: Vec<BTreeMap<&str, Status>> = order
        .iter()
        .map(|&i| all[i].results.iter().map(|r| (r.id(), r.status)).collect())
        .collect();
    // The rule set's order (binding instruments first, then articles as numbers), one
    // group per run of rules of one instrument.
    let mut groups: Vec<Group> = Vec::new();
    for rule in set.rules.iter().map(|c| &c.rule) {
        let (title, title_lang) = from_file(rule.title_in(lang), lang);
        let (area, area_lang) = area_label_in(set, &rule.area, lang);
        let row = Row {
            rule: rule.id.clone(),
            label: match (lang, title_lang) {
                (Lang::En, _) | (_, Some(_)) => short_label(&rule.id),
                _ => title.clone(),
            },
            title,
            title_lang,
            article: article(rule),
            area,
            area_lang,
            cells: status_of
                .iter()
                .map(|m| {
                    let status = m
                        .get(rule.id.as_str())
                        .copied()
                        .unwrap_or(Status::NotApplicable);
                    Cell::of(status, lang)
                })
                .collect(),
        };
        let instrument = set.instrument(&rule.instrument);
        let (name, instrument_lang) = instrument.map_or_else(
            || (rule.instrument.clone(), None),
            |i| from_file(i.short_in(lang), lang),
        );
        match groups.last_mut() {
            Some(g) if g.instrument == name => g.rows.push(row),
            _ => groups.push(Group {
                instrument: name,
                instrument_lang,
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
        .map(|area| {
            let (label, label_lang) = area_label_in(set, area, lang);
            AreaScores {
                area: area.clone(),
                label,
                label_lang,
                cells: order
                    .iter()
                    .map(|&i| score_cell(all[i].summary.by_area.get(area), lang))
                    .collect(),
            }
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
        i18n::t(
            lang,
            "Jurisdictions are ordered by overall score, highest first, as asked with --sort score; \
             a score leaves unanswered rules out, so read it with its completeness.",
        )
    } else {
        i18n::t(
            lang,
            "Jurisdictions are listed in alphabetical order of their code; the comparison does not \
             rank countries.",
        )
    };
    Matrix {
        lang,
        report_date: report_date.to_owned(),
        report_date_text: match lang {
            Lang::En => report_date.to_owned(),
            _ => lang.long_date(report_date),
        },
        digest: all
            .first()
            .map(|r| r.ruleset.digest.to_owned())
            .unwrap_or_default(),
        sort: if by_score { "score" } else { "alphabetical" },
        order_note: lang.typography(order_note).into_owned(),
        fictional,
        illustrative,
        column_pages: column_pages(&columns, lang),
        mixed_periods: columns.windows(2).any(|w| w[0].period != w[1].period),
        overall: order
            .iter()
            .map(|&i| score_cell(Some(&all[i].summary.overall), lang))
            .collect(),
        columns,
        groups,
        area_scores,
        legend: Status::ALL.iter().map(|s| Cell::of(*s, lang)).collect(),
        bands: BANDS
            .iter()
            .map(|(_, band, symbol, bar, (low, high))| Band {
                band,
                symbol,
                bar,
                range: percent_range(*low, *high, lang),
            })
            .collect(),
        provisional_below: lang.percent(PROVISIONAL_BELOW * 100.0),
    }
}

/// The matrix as CSV: one row per rule, one status column per assessment. In English the
/// cells hold status codes (`gap`), as they always have; in another language the header
/// and the cells are its words, separated as its spreadsheets expect.
pub fn matrix_csv(m: &Matrix) -> String {
    let lang = m.lang;
    let mut writer = super::csv::writer(lang);
    let mut header: Vec<String> = CSV_HEADER
        .iter()
        .map(|h| i18n::lookup(lang, h).unwrap_or(h).to_owned())
        .collect();
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
            record.extend(row.cells.iter().map(|c| match lang {
                Lang::En => c.status.to_owned(),
                _ => c.label.to_owned(),
            }));
            super::csv::write_safe(&mut writer, &record);
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

/// The first columns of the matrix CSV.
const CSV_HEADER: [&str; 4] = [n_("rule"), n_("title"), n_("instrument"), n_("area")];

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(n: usize) -> Vec<Column> {
        (0..n)
            .map(|i| Column {
                jurisdiction: format!("J{i:02}"),
                name: String::new(),
                name_lang: None,
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
            column_pages(&columns(n), Lang::En)
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
        assert_eq!(
            column_pages(&columns(27), Lang::En)[1].label,
            "J14–J26 (15–27 of 27)"
        );
        assert_eq!(column_pages(&columns(3), Lang::En)[0].label, "");
    }

    #[test]
    fn a_band_follows_the_printed_percentage() {
        let tally = |score: f64, completeness: f64| Tally {
            score: Some(score),
            completeness: Some(completeness),
            ..Tally::default()
        };
        assert_eq!(score_cell(Some(&tally(0.899, 1.0)), Lang::En).band, "b4");
        assert_eq!(score_cell(Some(&tally(0.89, 1.0)), Lang::En).band, "b3");
        assert_eq!(score_cell(Some(&tally(0.1, 1.0)), Lang::En).band, "b0");
        assert_eq!(score_cell(None, Lang::En).band, "bn");
        assert!(score_cell(Some(&tally(0.8, 0.04)), Lang::En).provisional);
        assert_eq!(
            score_cell(Some(&tally(0.8, 0.04)), Lang::En).completeness_symbol,
            "▁"
        );
        assert_eq!(
            score_cell(Some(&tally(0.8, 0.95)), Lang::En).completeness_symbol,
            "█"
        );
        assert_eq!(score_cell(None, Lang::En).completeness_symbol, "–");
        assert!(!score_cell(Some(&tally(0.8, 0.6)), Lang::En).provisional);
    }

    #[test]
    fn a_rule_label_is_its_id_in_words() {
        assert_eq!(
            short_label("dir-2011-93.art10.records-for-recruitment"),
            "Records for recruitment"
        );
    }
}
