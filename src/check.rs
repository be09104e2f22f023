//! Evaluates every rule of a rule set against one assessment and gathers the
//! results, with the score and completeness of SPEC "Evaluation semantics" 6.
//! The [`Results`] type is the "Results JSON" of SPEC (written by `report`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::condition::{Answers, Slot};
use crate::engine::{CompiledRule, Outcome};
use crate::model::{
    AnswerValue, Assessment, Force, Instrument, Jurisdiction, Severity, Status, Waiver,
};
use crate::ruleset::RuleSet;

pub const RESULTS_VERSION: &str = "results/1";

/// The results of one assessment: borrowed from the rule set and the assessment they came
/// from, so that nothing is copied per result and reports find every text of a rule on its
/// result, never by looking the rule up again (#16, #17).
#[derive(Debug, Clone)]
pub struct Results<'a> {
    pub acquis: &'static str,
    /// The assessment evaluated: its file, jurisdiction, period, preparer, date, answers.
    pub assessment: &'a Assessment,
    pub ruleset: RulesetInfo<'a>,
    pub summary: Summary,
    pub results: Vec<RuleResult<'a>>,
    /// The assessment's answer to each question of the rule set, by slot (`None`:
    /// unanswered): where the results JSON finds the answers each rule read.
    pub values: Vec<Option<&'a AnswerValue>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RulesetInfo<'a> {
    pub rules: usize,
    pub digest: &'a str,
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

/// One rule's result for one assessment (a finding). It borrows its rule, the rule's
/// instrument and the assessment: the id, title, severity, force and area are the rule's
/// own, and the answers the rule read are taken from the assessment when written.
#[derive(Debug, Clone)]
pub struct RuleResult<'a> {
    pub rule: &'a CompiledRule,
    /// The rule's instrument, when the catalogue holds it.
    pub instrument: Option<&'a Instrument>,
    /// The assessment the rule was evaluated on.
    pub assessment: &'a Assessment,
    pub status: Status,
    /// The status before a waiver turned it into `waived`.
    pub raw_status: Option<Status>,
    /// Unanswered questions the status depends on (ids borrowed from the rule).
    pub missing: Vec<&'a str>,
    pub message: Option<String>,
    /// The waiver that turned a gap or partial into `waived`.
    pub waiver: Option<&'a Waiver>,
    /// The number of the recommendation a gap or partial gives ("R3"), in citation order.
    pub recommendation: Option<String>,
    /// How strongly that recommendation is worded, by force and severity.
    pub grade: Option<Grade>,
}

impl<'a> RuleResult<'a> {
    pub fn id(&self) -> &'a str {
        &self.rule.rule.id
    }

    pub fn title(&self) -> &'a str {
        &self.rule.rule.title
    }

    pub fn severity(&self) -> Severity {
        self.rule.rule.severity
    }

    /// The id of the rule's instrument.
    pub fn instrument_id(&self) -> &'a str {
        &self.rule.rule.instrument
    }

    /// The force of the rule's instrument; policy when the catalogue lacks it.
    pub fn force(&self) -> Force {
        self.instrument.map_or(Force::Policy, |i| i.force)
    }

    pub fn area(&self) -> &'a str {
        &self.rule.rule.area
    }

    /// The answers the rule read, by question id in the order of the ids (unanswered ones
    /// left out).
    pub fn inputs(&self) -> impl Iterator<Item = (&'a str, &'a AnswerValue)> + use<'a> {
        let (rule, assessment) = (self.rule, self.assessment);
        rule.reads_by_id.iter().filter_map(move |&i| {
            let question = rule.reads[i].as_str();
            assessment.value(question).map(|v| (question, v))
        })
    }
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
            // Built by hand: `format!` here was a tenth of concluding (callgrind).
            let mut label = String::with_capacity(4);
            label.push('R');
            label.push_str(itoa::Buffer::new().format(n));
            r.recommendation = Some(label);
            r.grade = Some(Grade::of(r.force(), r.severity()));
        } else {
            r.recommendation = None;
            r.grade = None;
        }
    }
}

impl Results<'_> {
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }
}

/// Evaluates every rule for one assessment. The jurisdiction must be one of the set's.
pub fn evaluate<'a>(set: &'a RuleSet, assessment: &'a Assessment) -> Results<'a> {
    conclude(set, assessment, rule_results_of(set, assessment))
}

/// The rules' results for one assessment before waivers, numbering and summary, with the
/// assessment's answer values by slot, which [`conclude`] keeps for the results JSON (found
/// once per assessment, for evaluating and for writing).
pub struct Evaluated<'a> {
    pub results: Vec<RuleResult<'a>>,
    pub values: Vec<Option<&'a AnswerValue>>,
}

/// Every rule's status for one assessment by its own jurisdiction (see [`rule_results`]).
pub fn rule_results_of<'a>(set: &'a RuleSet, assessment: &'a Assessment) -> Evaluated<'a> {
    match set.jurisdiction(&assessment.jurisdiction) {
        Some(jurisdiction) => rule_results(set, assessment, jurisdiction),
        None => rule_results(
            set,
            assessment,
            &Jurisdiction::unlisted(&assessment.jurisdiction),
        ),
    }
}

/// Evaluates every rule for one assessment as if made by `jurisdiction`.
pub fn evaluate_for<'a>(
    set: &'a RuleSet,
    assessment: &'a Assessment,
    jurisdiction: &Jurisdiction,
) -> Results<'a> {
    conclude(set, assessment, rule_results(set, assessment, jurisdiction))
}

/// Every rule's status for one assessment, in the rule set's order, before waivers,
/// numbering and summary (see [`conclude`]).
pub fn rule_results<'a>(
    set: &'a RuleSet,
    assessment: &'a Assessment,
    jurisdiction: &Jurisdiction,
) -> Evaluated<'a> {
    let values = set.layout.answer_values(assessment);
    let answers = set.layout.answers_of_values(&values);
    let addressed = addressed_instruments(set, jurisdiction);
    let results = set
        .rules
        .iter()
        .map(|rule| {
            let (instrument, outcome) =
                evaluate_with(set, rule, jurisdiction, &addressed, &answers);
            RuleResult {
                rule,
                instrument,
                assessment,
                status: outcome.status,
                raw_status: None,
                missing: outcome.missing,
                message: outcome.message,
                waiver: None,
                recommendation: None,
                grade: None,
            }
        })
        .collect();
    Evaluated { results, values }
}

/// One rule's status for answers laid out by the set, with the rule's instrument: the one
/// evaluation path of `check` and of `rules test`'s examples.
pub fn evaluate_rule<'a, 'r>(
    set: &'a RuleSet,
    rule: &'r CompiledRule,
    jurisdiction: &Jurisdiction,
    answers: &Answers,
) -> (Option<&'a Instrument>, Outcome<'r>) {
    evaluate_with(
        set,
        rule,
        jurisdiction,
        &addressed_instruments(set, jurisdiction),
        answers,
    )
}

/// Whether each instrument of the set (by position) binds or addresses `jurisdiction`:
/// settled once per assessment, not once per rule.
pub fn addressed_instruments(set: &RuleSet, jurisdiction: &Jurisdiction) -> Vec<bool> {
    set.instruments
        .iter()
        .map(|i| jurisdiction.is_addressed_by(&i.id))
        .collect()
}

/// [`evaluate_rule`] with the instruments' addressing settled ([`addressed_instruments`]).
pub fn evaluate_with<'a, 'r>(
    set: &'a RuleSet,
    rule: &'r CompiledRule,
    jurisdiction: &Jurisdiction,
    addressed: &[bool],
    answers: &Answers,
) -> (Option<&'a Instrument>, Outcome<'r>) {
    // Every `RuleSet` comes from `ruleset::compile`, which settles the index against this
    // very list; no index means the catalogue lacks the instrument.
    let index = rule.instrument_index;
    let instrument = index.and_then(|i| set.instruments.get(i));
    let title = instrument.map_or(rule.rule.instrument.as_str(), |i| i.title.as_str());
    let is_addressed = match index.and_then(|i| addressed.get(i)) {
        Some(&known) => known,
        None => jurisdiction.is_addressed_by(&rule.rule.instrument),
    };
    let outcome = rule.evaluate_addressed(is_addressed, jurisdiction, answers, &set.layout, title);
    (instrument, outcome)
}

/// The results of one assessment from its rules' results: gaps and partials numbered as
/// recommendations and the summary computed, once, after any waivers were applied.
pub fn conclude<'a>(
    set: &'a RuleSet,
    assessment: &'a Assessment,
    evaluated: Evaluated<'a>,
) -> Results<'a> {
    let Evaluated {
        mut results,
        values,
    } = evaluated;
    number_findings(&mut results);
    let summary = summarise(&values, &results);
    Results {
        acquis: RESULTS_VERSION,
        assessment,
        ruleset: RulesetInfo {
            rules: set.rules.len(),
            digest: &set.digest,
        },
        summary,
        results,
        values,
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
        let weight = r.severity().weight();
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
fn summarise(values: &[Option<&AnswerValue>], results: &[RuleResult]) -> Summary {
    // Every answered question of the assessment: completeness counts those a rule asked.
    let mut answered = Questions::default();
    for (slot, value) in values.iter().enumerate() {
        if value.is_some() {
            answered.insert(slot as Slot);
        }
    }
    let mut overall = Accumulator::default();
    let mut by_area: BTreeMap<&str, Accumulator> = BTreeMap::new();
    let mut by_force: BTreeMap<Force, Accumulator> = BTreeMap::new();
    for r in results {
        let reads = r.rule.read_slots.as_slice();
        overall.add(r, reads);
        by_area.entry(r.area()).or_default().add(r, reads);
        by_force.entry(r.force()).or_default().add(r, reads);
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
