//! Evaluates every rule of a rule set against one assessment and gathers the
//! results, with the score and completeness of SPEC "Evaluation semantics" 6.
//! The [`Results`] type is the "Results JSON" of SPEC, serialised as is.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::load::RuleSet;
use crate::model::{AnswerValue, Assessment, Force, Jurisdiction, Severity, Status};
use crate::waivers::Waiver;

pub const RESULTS_VERSION: &str = "results/1";

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub acquis: &'static str,
    pub file: String,
    pub jurisdiction: String,
    pub period: String,
    pub prepared_by: Option<String>,
    pub date: Option<String>,
    pub ruleset: RulesetInfo,
    pub summary: Summary,
    pub results: Vec<RuleResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RulesetInfo {
    pub rules: usize,
    pub digest: String,
}

/// Counts per status, score and completeness. `score` and `completeness` are
/// `null` when nothing counts towards them (no scored rule, no question asked).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub met: usize,
    pub partial: usize,
    pub gap: usize,
    pub unanswered: usize,
    pub not_applicable: usize,
    pub waived: usize,
    pub error: usize,
    pub score: Option<f64>,
    pub completeness: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub overall: Tally,
    /// The same figures for each area (`ecris`, `prevention`, …).
    pub by_area: BTreeMap<String, Tally>,
    /// The same figures for each instrument force (`binding`, `commitment`, `policy`).
    pub by_force: BTreeMap<String, Tally>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    pub rule: String,
    pub title: String,
    pub status: Status,
    /// The status before a waiver turned it into `waived`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_status: Option<Status>,
    pub severity: Severity,
    pub instrument: String,
    pub force: Force,
    pub area: String,
    /// Unanswered questions the status depends on.
    pub missing: Vec<String>,
    /// The answers the rule read, by question id.
    pub inputs: BTreeMap<String, serde_json::Value>,
    pub message: Option<String>,
    /// The waiver that turned a gap or partial into `waived`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
}

impl Results {
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

/// Evaluates every rule for one assessment. The jurisdiction must be one of the set's.
pub fn evaluate(set: &RuleSet, assessment: &Assessment) -> Results {
    let jurisdiction = set
        .jurisdiction(&assessment.jurisdiction)
        .cloned()
        .unwrap_or_else(|| Jurisdiction {
            code: assessment.jurisdiction.clone(),
            name: assessment.jurisdiction.clone(),
            memberships: Vec::new(),
            instruments: Vec::new(),
            notes: Vec::new(),
            fictional: false,
        });
    evaluate_for(set, assessment, &jurisdiction)
}

/// Evaluates every rule for one assessment as if made by `jurisdiction`.
pub fn evaluate_for(
    set: &RuleSet,
    assessment: &Assessment,
    jurisdiction: &Jurisdiction,
) -> Results {
    let answers = set.layout.answers(assessment);
    let results: Vec<RuleResult> = set
        .rules
        .iter()
        .map(|compiled| {
            let rule = &compiled.rule;
            let instrument = set.instrument(&rule.instrument);
            let title = instrument.map_or(rule.instrument.as_str(), |i| i.title.as_str());
            let outcome = compiled.evaluate(jurisdiction, &answers, &set.layout, title);
            let inputs = compiled
                .reads
                .iter()
                .filter_map(|q| assessment.value(q).map(|v| (q.clone(), json_value(v))))
                .collect();
            RuleResult {
                rule: rule.id.clone(),
                title: rule.title.clone(),
                status: outcome.status,
                raw_status: None,
                severity: rule.severity,
                instrument: rule.instrument.clone(),
                force: instrument.map_or(Force::Policy, |i| i.force),
                area: rule.area.clone(),
                missing: outcome.missing,
                inputs,
                message: outcome.message,
                waiver: None,
            }
        })
        .collect();
    let summary = summarise(set, &results);
    Results {
        acquis: RESULTS_VERSION,
        file: assessment.file.clone(),
        jurisdiction: assessment.jurisdiction.clone(),
        period: assessment.period.clone(),
        prepared_by: assessment.prepared_by.clone(),
        date: assessment.date.clone(),
        ruleset: RulesetInfo {
            rules: set.rules.len(),
            digest: set.digest.clone(),
        },
        summary,
        results,
    }
}

fn json_value(value: &AnswerValue) -> serde_json::Value {
    match value {
        AnswerValue::Bool(b) => (*b).into(),
        AnswerValue::Int(i) => (*i).into(),
        AnswerValue::Text(s) => s.clone().into(),
        AnswerValue::Set(items) => items.clone().into(),
    }
}

/// Recomputes the summary after statuses changed (waivers).
pub fn resummarise(set: &RuleSet, results: &mut Results) {
    results.summary = summarise(set, &results.results);
}

/// A tally being accumulated: counts, weights and the questions the group's rules ask.
#[derive(Default)]
struct Accumulator<'r> {
    tally: Tally,
    earned: f64,
    possible: f64,
    asked: HashSet<&'r str>,
}

impl<'r> Accumulator<'r> {
    fn add(&mut self, r: &RuleResult, reads: &'r [String]) {
        let t = &mut self.tally;
        let weight = r.severity.weight();
        match r.status {
            Status::Met => {
                t.met += 1;
                self.earned += weight;
                self.possible += weight;
            }
            Status::Partial => {
                t.partial += 1;
                self.earned += weight * 0.5;
                self.possible += weight;
            }
            Status::Gap => {
                t.gap += 1;
                self.possible += weight;
            }
            Status::Unanswered => t.unanswered += 1,
            Status::NotApplicable => t.not_applicable += 1,
            Status::Waived => t.waived += 1,
            Status::Error => t.error += 1,
        }
        if r.status != Status::NotApplicable {
            self.asked.extend(reads.iter().map(String::as_str));
        }
    }

    fn finish(self, answered: &HashSet<&str>) -> Tally {
        let mut t = self.tally;
        t.score = (self.possible > 0.0).then(|| round(self.earned / self.possible));
        let done = self.asked.iter().filter(|q| answered.contains(*q)).count();
        t.completeness =
            (!self.asked.is_empty()).then(|| round(done as f64 / self.asked.len() as f64));
        t
    }
}

/// Overall, per-area and per-force figures, in one pass over the results.
fn summarise(set: &RuleSet, results: &[RuleResult]) -> Summary {
    // Every answered question a rule reads is among some result's inputs.
    let answered: HashSet<&str> = results
        .iter()
        .flat_map(|r| r.inputs.keys().map(String::as_str))
        .collect();
    let mut overall = Accumulator::default();
    let mut by_area: BTreeMap<&str, Accumulator> = BTreeMap::new();
    let mut by_force: BTreeMap<Force, Accumulator> = BTreeMap::new();
    for r in results {
        let reads = set.rule(&r.rule).map_or(&[][..], |c| c.reads.as_slice());
        overall.add(r, reads);
        by_area.entry(r.area.as_str()).or_default().add(r, reads);
        by_force.entry(r.force).or_default().add(r, reads);
    }
    Summary {
        overall: overall.finish(&answered),
        by_area: by_area
            .into_iter()
            .map(|(a, acc)| (a.to_owned(), acc.finish(&answered)))
            .collect(),
        by_force: by_force
            .into_iter()
            .map(|(f, acc)| (f.as_str().to_owned(), acc.finish(&answered)))
            .collect(),
    }
}

/// Four decimals: enough for a percentage with two, stable across platforms.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
