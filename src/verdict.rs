//! The verdict on one assessment: the rules' results with the waivers in force applied,
//! then numbered and summarised once ([`check::conclude`]). Waivers are read by
//! `waivers`; this is where they change a status.

use crate::check::{self, Results, RuleResult};
use crate::model::{Assessment, Status, Waiver};
use crate::ruleset::RuleSet;

/// Evaluates one assessment and applies the waivers in force (see `waivers::in_force`).
pub fn decide<'a>(
    set: &'a RuleSet,
    assessment: &'a Assessment,
    in_force: &'a [Waiver],
) -> Results<'a> {
    let mut evaluated = check::rule_results_of(set, assessment);
    apply(in_force, &assessment.jurisdiction, &mut evaluated.results);
    check::conclude(set, assessment, evaluated)
}

/// Gap and partial become waived for the waivers of `jurisdiction`, keeping the raw status
/// and the waiver (SPEC, evaluation semantics 5); every other status stands.
fn apply<'a>(in_force: &'a [Waiver], jurisdiction: &str, results: &mut [RuleResult<'a>]) {
    for w in in_force.iter().filter(|w| w.jurisdiction == jurisdiction) {
        for result in results.iter_mut().filter(|r| r.id() == w.rule) {
            if matches!(result.status, Status::Gap | Status::Partial) {
                result.raw_status = Some(result.status);
                result.status = Status::Waived;
                result.waiver = Some(w);
            }
        }
    }
}
