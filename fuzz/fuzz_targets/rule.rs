//! Load one rule file (beside the shipped questionnaire) and, if it loads, run its examples.
#![no_main]

use std::borrow::Cow;

use acquis::load::{FileSet, InputFile};
use acquis::ruleset;
use acquis::maintain;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files: Vec<InputFile> = FileSet::builtin("rules")
        .files
        .into_iter()
        .filter(|f| f.rel.starts_with("questions/"))
        .collect();
    files.push(InputFile {
        name: "cc-2019/fuzz.yaml".into(),
        rel: "cc-2019/fuzz.yaml".into(),
        bytes: Cow::Owned(data.to_vec()),
    });
    if let Ok(set) = ruleset::load(&FileSet { files }, &FileSet::builtin("seeds")) {
        let _ = maintain::test_examples(&set);
        let _ = maintain::lint(&set);
    }
});
