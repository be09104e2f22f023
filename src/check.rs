//! Evaluates every rule of a rule set against one assessment and gathers the
//! results, with the score and completeness of SPEC "Evaluation semantics" 6.
//! The [`Results`] type is the "Results JSON" of SPEC, serialised as is.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::condition::Slot;
use crate::model::{AnswerValue, Assessment, Force, Jurisdiction, Severity, Status, Waiver};
use crate::ruleset::RuleSet;

pub const RESULTS_VERSION: &str = "results/1";

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub acquis: &'static str,
    pub file: String,
    pub jurisdiction: String,
    pub period: String,
    pub prepared_by: Option<String>,
    pub date: Option<String>,
    /// The assessment's `illustrative` flag, for the reports' notice.
    #[serde(skip)]
    pub illustrative: bool,
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
    // Shared with the compiled rule: cloning them per result was 3% of `check` (#17).
    pub rule: Arc<str>,
    pub title: Arc<str>,
    pub status: Status,
    /// The status before a waiver turned it into `waived`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_status: Option<Status>,
    pub severity: Severity,
    pub instrument: Arc<str>,
    pub force: Force,
    pub area: Arc<str>,
    /// Unanswered questions the status depends on.
    pub missing: Vec<String>,
    /// The answers the rule read, by question id.
    pub inputs: BTreeMap<Arc<str>, serde_json::Value>,
    pub message: Option<String>,
    /// The waiver that turned a gap or partial into `waived`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
    /// The number of the recommendation a gap or partial gives ("R3"), in citation order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<String>,
    /// How strongly that recommendation is worded, by force and severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
}

/// How strongly a recommendation is worded, as monitoring bodies grade theirs (documented
/// in reports/README.md): binding law of high severity is urged, other binding law is
/// requested, political commitments are invited, policy is encouraged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Urges,
    Requests,
    Invites,
    Encourages,
}

impl Grade {
    pub fn of(force: Force, severity: Severity) -> Grade {
        match (force, severity) {
            (Force::Binding, Severity::High) => Grade::Urges,
            (Force::Binding, _) => Grade::Requests,
            (Force::Commitment, _) => Grade::Invites,
            (Force::Policy, _) => Grade::Encourages,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Urges => "urges",
            Grade::Requests => "requests",
            Grade::Invites => "invites",
            Grade::Encourages => "encourages",
        }
    }

    /// The passive participle a recommendation starts with: "is urged to".
    pub fn participle(self) -> &'static str {
        match self {
            Grade::Urges => "urged",
            Grade::Requests => "requested",
            Grade::Invites => "invited",
            Grade::Encourages => "encouraged",
        }
    }
}

/// Numbers the gaps and partials R1, R2, … in the order of the results (the rule set's
/// citation order) and grades them; everything else has neither. Run after waivers.
fn number_findings(results: &mut [RuleResult]) {
    let mut n = 0;
    for r in results {
        if matches!(r.status, Status::Gap | Status::Partial) {
            n += 1;
            r.recommendation = Some(format!("R{n}"));
            r.grade = Some(Grade::of(r.force, r.severity));
        } else {
            r.recommendation = None;
            r.grade = None;
        }
    }
}

impl Results {
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

/// Evaluates every rule for one assessment. The jurisdiction must be one of the set's.
pub fn evaluate(set: &RuleSet, assessment: &Assessment) -> Results {
    conclude(set, assessment, rule_results_of(set, assessment))
}

/// Every rule's status for one assessment by its own jurisdiction (see [`rule_results`]).
pub fn rule_results_of(set: &RuleSet, assessment: &Assessment) -> Vec<RuleResult> {
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
            translations: Default::default(),
            pos: Default::default(),
        });
    rule_results(set, assessment, &jurisdiction)
}

/// Evaluates every rule for one assessment as if made by `jurisdiction`.
pub fn evaluate_for(
    set: &RuleSet,
    assessment: &Assessment,
    jurisdiction: &Jurisdiction,
) -> Results {
    conclude(set, assessment, rule_results(set, assessment, jurisdiction))
}

/// Every rule's status for one assessment, in the rule set's order, before waivers,
/// numbering and summary (see [`conclude`]).
pub fn rule_results(
    set: &RuleSet,
    assessment: &Assessment,
    jurisdiction: &Jurisdiction,
) -> Vec<RuleResult> {
    let answers = set.layout.answers(assessment);
    set.rules
        .iter()
        .map(|compiled| {
            let rule = &compiled.rule;
            let instrument = set.instrument(&rule.instrument);
            let title = instrument.map_or(rule.instrument.as_str(), |i| i.title.as_str());
            let outcome = compiled.evaluate(jurisdiction, &answers, &set.layout, title);
            let inputs = compiled
                .reads
                .iter()
                .zip(&compiled.read_keys)
                .filter_map(|(q, key)| assessment.value(q).map(|v| (key.clone(), json_value(v))))
                .collect();
            RuleResult {
                rule: compiled.texts.id.clone(),
                title: compiled.texts.title.clone(),
                status: outcome.status,
                raw_status: None,
                severity: rule.severity,
                instrument: compiled.texts.instrument.clone(),
                force: instrument.map_or(Force::Policy, |i| i.force),
                area: compiled.texts.area.clone(),
                missing: outcome.missing,
                inputs,
                message: outcome.message,
                waiver: None,
                recommendation: None,
                grade: None,
            }
        })
        .collect()
}

/// The results of one assessment from its rules' results: gaps and partials numbered as
/// recommendations and the summary computed, once, after any waivers were applied.
pub fn conclude(set: &RuleSet, assessment: &Assessment, mut results: Vec<RuleResult>) -> Results {
    number_findings(&mut results);
    let summary = summarise(set, &results);
    Results {
        acquis: RESULTS_VERSION,
        file: assessment.file.clone(),
        jurisdiction: assessment.jurisdiction.clone(),
        period: assessment.period.clone(),
        prepared_by: assessment.prepared_by.clone(),
        illustrative: assessment.illustrative,
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

/// A set of questions, one bit per slot of the rule set's layout: the summary counts
/// questions asked and answered for every area without hashing their ids.
#[derive(Default, Clone)]
struct Questions(Vec<u64>);

impl Questions {
    fn insert(&mut self, slot: Slot) {
        let (word, bit) = (slot as usize / 64, slot % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn common(&self, other: &Questions) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }
}

#[derive(Default)]
struct Accumulator {
    tally: Tally,
    earned: f64,
    possible: f64,
    asked: Questions,
}

impl Accumulator {
    fn add(&mut self, r: &RuleResult, reads: &[Slot]) {
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
            for &slot in reads {
                self.asked.insert(slot);
            }
        }
    }

    fn finish(self, answered: &Questions) -> Tally {
        let mut t = self.tally;
        t.score = (self.possible > 0.0).then(|| round(self.earned / self.possible));
        let asked = self.asked.len();
        t.completeness =
            (asked > 0).then(|| round(self.asked.common(answered) as f64 / asked as f64));
        t
    }
}

/// Overall, per-area and per-force figures, in one pass over the results.
fn summarise(set: &RuleSet, results: &[RuleResult]) -> Summary {
    // Results come in the rule set's order; by id only when they do not (after a filter).
    let in_order = results.len() == set.rules.len();
    let compiled = |i: usize, r: &RuleResult| match set.rules.get(i) {
        Some(c) if in_order && *c.rule.id == *r.rule => Some(c),
        _ => set.rule(&r.rule),
    };
    // Every answered question a rule reads is among that rule's inputs.
    let mut answered = Questions::default();
    let mut overall = Accumulator::default();
    let mut by_area: BTreeMap<&str, Accumulator> = BTreeMap::new();
    let mut by_force: BTreeMap<Force, Accumulator> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        let Some(c) = compiled(i, r) else { continue };
        for (id, &slot) in c.reads.iter().zip(&c.read_slots) {
            if r.inputs.contains_key(id.as_str()) {
                answered.insert(slot);
            }
        }
        let reads = c.read_slots.as_slice();
        overall.add(r, reads);
        by_area.entry(&*r.area).or_default().add(r, reads);
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
