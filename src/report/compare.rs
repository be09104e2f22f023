//! Comparing assessments: the rules × jurisdictions matrix (`acquis matrix`)
//! and the change between two periods of one jurisdiction (`acquis diff`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::view::{percent, status_label};
use crate::check::Results;
use crate::load::RuleSet;
use crate::model::{AnswerValue, Assessment, Status};

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
    super::csv::write_safe(&mut writer, &header);
    for g in &m.groups {
        for row in &g.rows {
            let mut record = vec![
                row.rule.clone(),
                row.title.clone(),
                g.instrument.clone(),
                g.area.clone(),
            ];
            record.extend(row.cells.iter().map(|c| c.status.to_owned()));
            super::csv::write_safe(&mut writer, &record);
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8")
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub rule: String,
    pub title: String,
    pub force: &'static str,
    pub severity: &'static str,
    pub old: &'static str,
    pub new: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerChange {
    pub question: String,
    pub text: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// New minus old, in percentage points.
    pub points: Option<f64>,
}

impl Delta {
    fn of(old: Option<f64>, new: Option<f64>) -> Delta {
        Delta {
            old,
            new,
            points: old.zip(new).map(|(o, n)| ((n - o) * 1000.0).round() / 10.0),
        }
    }

    fn describe(&self) -> String {
        let points = self.points.map_or_else(String::new, |p| {
            format!(" ({}{p:.1} points)", if p > 0.0 { "+" } else { "" })
        });
        format!("{} → {}{points}", percent(self.old), percent(self.new))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub acquis: &'static str,
    pub jurisdiction: String,
    pub old_period: String,
    pub new_period: String,
    pub old_file: String,
    pub new_file: String,
    pub score: Delta,
    pub completeness: Delta,
    pub closed_gaps: Vec<Change>,
    pub new_gaps: Vec<Change>,
    pub other_changes: Vec<Change>,
    pub newly_answered: Vec<AnswerChange>,
    pub changed_answers: Vec<AnswerChange>,
    pub no_longer_answered: Vec<AnswerChange>,
}

fn shown(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Bool(b) => b.to_string(),
        AnswerValue::Int(i) => i.to_string(),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Set(items) => format!("[{}]", items.join(", ")),
    }
}

pub fn diff(old: (&Results, &Assessment), new: (&Results, &Assessment), set: &RuleSet) -> Diff {
    let before: BTreeMap<&str, Status> = old
        .0
        .results
        .iter()
        .map(|r| (r.rule.as_str(), r.status))
        .collect();
    let (mut closed_gaps, mut new_gaps, mut other_changes) = (Vec::new(), Vec::new(), Vec::new());
    for r in &new.0.results {
        let was = before
            .get(r.rule.as_str())
            .copied()
            .unwrap_or(Status::NotApplicable);
        if was == r.status {
            continue;
        }
        let change = Change {
            rule: r.rule.clone(),
            title: r.title.clone(),
            force: r.force.as_str(),
            severity: r.severity.as_str(),
            old: was.as_str(),
            new: r.status.as_str(),
        };
        if was == Status::Gap {
            closed_gaps.push(change);
        } else if r.status == Status::Gap {
            new_gaps.push(change);
        } else {
            other_changes.push(change);
        }
    }
    let (mut newly_answered, mut changed_answers, mut no_longer_answered) =
        (Vec::new(), Vec::new(), Vec::new());
    for (id, q) in &set.questionnaire.questions {
        let (a, b) = (old.1.value(id), new.1.value(id));
        let change = || AnswerChange {
            question: id.clone(),
            text: q.text.clone(),
            old: a.map(shown),
            new: b.map(shown),
        };
        match (a, b) {
            (None, Some(_)) => newly_answered.push(change()),
            (Some(_), None) => no_longer_answered.push(change()),
            (Some(x), Some(y)) if x != y => changed_answers.push(change()),
            _ => {}
        }
    }
    Diff {
        acquis: "diff/1",
        jurisdiction: new.0.jurisdiction.clone(),
        old_period: old.0.period.clone(),
        new_period: new.0.period.clone(),
        old_file: old.0.file.clone(),
        new_file: new.0.file.clone(),
        score: Delta::of(old.0.summary.overall.score, new.0.summary.overall.score),
        completeness: Delta::of(
            old.0.summary.overall.completeness,
            new.0.summary.overall.completeness,
        ),
        closed_gaps,
        new_gaps,
        other_changes,
        newly_answered,
        changed_answers,
        no_longer_answered,
    }
}

/// The diff for the terminal.
pub fn diff_text(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} → {}",
        d.jurisdiction, d.old_period, d.new_period
    );
    let _ = writeln!(out, "  score        {}", d.score.describe());
    let _ = writeln!(out, "  completeness {}", d.completeness.describe());
    let changes = |out: &mut String, heading: &str, list: &[Change]| {
        let _ = writeln!(out, "\n{heading} ({})", list.len());
        for c in list {
            let _ = writeln!(
                out,
                "  {} → {}  {} ({}, {})",
                c.old, c.new, c.rule, c.force, c.severity
            );
            let _ = writeln!(out, "      {}", c.title);
        }
    };
    changes(&mut out, "Gaps closed", &d.closed_gaps);
    changes(&mut out, "New gaps", &d.new_gaps);
    changes(&mut out, "Other changes of status", &d.other_changes);
    let answers = |out: &mut String, heading: &str, list: &[AnswerChange]| {
        let _ = writeln!(out, "\n{heading} ({})", list.len());
        for a in list {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                a.question,
                a.old.as_deref().unwrap_or("unanswered"),
                a.new.as_deref().unwrap_or("unanswered")
            );
        }
    };
    answers(&mut out, "Newly answered", &d.newly_answered);
    answers(&mut out, "Answers changed", &d.changed_answers);
    answers(&mut out, "No longer answered", &d.no_longer_answered);
    out
}
