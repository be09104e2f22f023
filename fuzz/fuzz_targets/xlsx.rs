//! Read one workbook (any bytes: a zip archive or not) against the shipped questionnaire,
//! and check what it reads, as `check` does with an .xlsx file.
#![no_main]

use std::sync::OnceLock;

use acquis::check;
use acquis::load::FileSet;
use acquis::ruleset::{self, RuleSet};
use libfuzzer_sys::fuzz_target;

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).expect("shipped rules load"))
}

fuzz_target!(|data: &[u8]| {
    let set = shipped();
    if let Ok(assessment) = acquis::workbook::read_assessment("fuzz.xlsx", data, set) {
        let results = check::evaluate(set, &assessment);
        assert_eq!(results.results.len(), set.rules.len());
    }
});
