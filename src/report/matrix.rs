//! The rules × jurisdictions matrix (`acquis matrix`): comparing jurisdictions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{percent, status_label};
use crate::check::Results;
use crate::load::RuleSet;
use crate::model::Status;

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub jurisdiction: String,
    pub name: String,
    pub period: String,
    pub file: String,
    pub fictional: bool,
    pub score: String,
    pub completeness: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub status: &'static str,
    pub label: &'static str,
    pub icon: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub rule: String,
    pub title: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub instrument: String,
    pub force: &'static str,
    pub area: String,
    pub area_label: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell {
    pub score: String,
    pub completeness: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaScores {
    pub area: String,
    pub label: String,
    pub cells: Vec<ScoreCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub report_date: String,
    pub digest: String,
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    pub area_scores: Vec<AreaScores>,
    pub legend: Vec<Cell>,
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
        order.sort_by_key(|&i| (all[i].jurisdiction.clone(), all[i].period.clone(), i));
    }
    let columns = order
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
                .map(|r| (r.rule.as_str(), r.status))
                .collect()
        })
        .collect();
    // Rules grouped by instrument (in catalogue order), then area (in questionnaire order).
    let section_pos = |area: &str| {
        set.questionnaire
            .sections
            .iter()
            .position(|s| s.name == area)
            .unwrap_or(usize::MAX)
    };
    let instrument_pos = |id: &str| {
        set.instruments
            .iter()
            .position(|i| i.id == id)
            .unwrap_or(usize::MAX)
    };
    // Stable: within an instrument and area, rules keep the rule set's citation order.
    let mut rules: Vec<_> = set.rules.iter().map(|c| &c.rule).collect();
    rules.sort_by_key(|r| (instrument_pos(&r.instrument), section_pos(&r.area)));
    let mut groups: Vec<Group> = Vec::new();
    for rule in rules {
        let row = Row {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            cells: status_of
                .iter()
                .map(|m| {
                    let status = m
                        .get(rule.id.as_str())
                        .copied()
                        .unwrap_or(Status::NotApplicable);
                    let (label, icon) = status_label(status);
                    Cell {
                        status: status.as_str(),
                        label,
                        icon,
                    }
                })
                .collect(),
        };
        let instrument = set.instrument(&rule.instrument);
        match groups.last_mut() {
            Some(g)
                if g.area == rule.area && instrument.is_some_and(|i| i.short == g.instrument) =>
            {
                g.rows.push(row)
            }
            _ => groups.push(Group {
                instrument: instrument.map_or_else(|| rule.instrument.clone(), |i| i.short.clone()),
                force: instrument.map_or("", |i| i.force.as_str()),
                area: rule.area.clone(),
                area_label: super::view::area_label(set, &rule.area),
                rows: vec![row],
            }),
        }
    }
    let mut areas: Vec<&String> = all.iter().flat_map(|r| r.summary.by_area.keys()).collect();
    areas.sort_by_key(|a| (section_pos(a), (*a).clone()));
    areas.dedup();
    let area_scores = areas
        .into_iter()
        .map(|area| AreaScores {
            area: area.clone(),
            label: super::view::area_label(set, area),
            cells: order
                .iter()
                .map(|&i| {
                    let t = all[i].summary.by_area.get(area);
                    ScoreCell {
                        score: percent(t.and_then(|t| t.score)),
                        completeness: percent(t.and_then(|t| t.completeness)),
                    }
                })
                .collect(),
        })
        .collect();
    Matrix {
        report_date: report_date.to_owned(),
        digest: all
            .first()
            .map(|r| r.ruleset.digest.clone())
            .unwrap_or_default(),
        columns,
        groups,
        area_scores,
        legend: Status::ALL
            .iter()
            .map(|s| {
                let (label, icon) = status_label(*s);
                Cell {
                    status: s.as_str(),
                    label,
                    icon,
                }
            })
            .collect(),
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
    writer.write_record(&header).expect("writing to memory");
    for g in &m.groups {
        for row in &g.rows {
            let mut record = vec![
                row.rule.clone(),
                row.title.clone(),
                g.instrument.clone(),
                g.area.clone(),
            ];
            record.extend(row.cells.iter().map(|c| c.status.to_owned()));
            writer.write_record(&record).expect("writing to memory");
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}
