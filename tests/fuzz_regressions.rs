//! Replays every input kept in tests/fuzz-regressions/ through the code the fuzz
//! targets exercise: none may panic.

use std::borrow::Cow;

use acquis::load::{FileSet, InputFile};
use acquis::ruleset;
use acquis::{check, maintain, questionnaire, workbook};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!(
        "{}/tests/fuzz-regressions/{target}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "{dir} holds at least its seed inputs");
    found
}

#[test]
fn assessment_regressions_do_not_panic() {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    for (name, bytes) in inputs("assessment") {
        if let Ok(a) =
            questionnaire::read_assessment(&name, &bytes, &set.questionnaire, &set.jurisdictions)
        {
            assert_eq!(
                check::evaluate(&set, &a).results.len(),
                set.rules.len(),
                "{name}"
            );
        }
    }
}

#[test]
fn rule_regressions_do_not_panic() {
    for (name, bytes) in inputs("rule") {
        let mut files: Vec<InputFile> = FileSet::builtin("rules")
            .files
            .into_iter()
            .filter(|f| f.rel.starts_with("questions/"))
            .collect();
        files.push(InputFile {
            name: name.clone(),
            rel: "cc-2019/fuzz.yaml".into(),
            bytes: Cow::Owned(bytes),
        });
        if let Ok(set) = ruleset::load(&FileSet { files }, &FileSet::builtin("seeds")) {
            let _ = maintain::test_examples(&set);
            let _ = maintain::lint(&set);
        }
    }
}

#[test]
fn xlsx_regressions_do_not_panic() {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    for (name, bytes) in inputs("xlsx") {
        if let Ok(a) = workbook::read_assessment(&name, &bytes, &set) {
            assert_eq!(
                check::evaluate(&set, &a).results.len(),
                set.rules.len(),
                "{name}"
            );
        }
    }
}
