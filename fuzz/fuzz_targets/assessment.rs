//! Load + validate + evaluate one self-assessment against the shipped rule set.
#![no_main]

use std::sync::OnceLock;

use acquis::load::FileSet;
use acquis::ruleset::{self, RuleSet};
use acquis::{check, questionnaire};
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).expect("shipped rules load"))
}

fuzz_target!(|data: &[u8]| {
    let set = shipped();
    if let Ok(assessment) = questionnaire::read_assessment("fuzz.yaml", data, &set.questionnaire, &set.jurisdictions) {
        let results = check::evaluate(set, &assessment);
        assert_eq!(results.results.len(), set.rules.len());
    }
});
