//! The verdict on one assessment: the rules' results with the waivers in force applied,
//! then numbered and summarised once ([`check::conclude`]). Waivers are read by
//! `waivers`; this is where they change a status.

use crate::check::{self, Results, RuleResult};
use crate::load::RuleSet;
use crate::model::{Assessment, Status, Waiver};

/// Evaluates one assessment and applies the waivers in force (see `waivers::in_force`).
pub fn decide(set: &RuleSet, assessment: &Assessment, in_force: &[Waiver]) -> Results {
    let mut results = check::rule_results_of(set, assessment);
    apply(in_force, &assessment.jurisdiction, &mut results);
    check::conclude(set, assessment, results)
}

/// Gap and partial become waived for the waivers of `jurisdiction`, keeping the raw status
/// and the waiver (SPEC, evaluation semantics 5); every other status stands.
fn apply(in_force: &[Waiver], jurisdiction: &str, results: &mut [RuleResult]) {
    for w in in_force.iter().filter(|w| w.jurisdiction == jurisdiction) {
        for result in results.iter_mut().filter(|r| *r.rule == *w.rule) {
            if matches!(result.status, Status::Gap | Status::Partial) {
                result.raw_status = Some(result.status);
                result.status = Status::Waived;
                result.waiver = Some(w.clone());
            }
        }
    }
}
