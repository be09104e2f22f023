//! The shipped rule set and example assessment, through the built-in copy.

mod common;

use common::{acquis, acquis_in, check_json, write};

#[test]
fn shipped_rule_examples_all_pass() {
    let run = acquis(&["rules", "test"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap_or_default().to_owned();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 20, "{last}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
}

#[test]
fn shipped_rules_lint_clean() {
    let run = acquis(&["rules", "lint"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
}

#[test]
fn the_example_assessment_checks_from_any_folder() {
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let run = acquis_in(elsewhere.path(), &["check", &example, "--format", "json"]);
    assert_eq!(run.code, 1, "the typical example has gaps: {}", run.stderr);
    let json = run.json();
    for status in ["met", "partial", "gap", "unanswered"] {
        assert!(
            json["summary"][status].as_u64().unwrap() > 0,
            "no {status} in the typical example"
        );
    }
    let text = acquis_in(elsewhere.path(), &["check", &example]);
    assert!(text.stdout.contains("Gaps ("), "{}", text.stdout);
    assert!(text.stdout.contains("Unanswered ("), "{}", text.stdout);
    assert!(
        !text.stdout.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
}

#[test]
fn every_shipped_example_assessment_validates() {
    let dir = format!("{}/seeds/assessments", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let run = acquis(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.contains("FICTIONAL") || text.contains("ILLUSTRATIVE, NOT REAL"),
            "{file} must say its answers are invented"
        );
    }
}

#[test]
fn the_strong_example_gives_met_partial_and_gap() {
    let example = format!(
        "{}/seeds/assessments/xb-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = acquis(&["check", &example, "--format", "json", "--fail-on", "never"]);
    let json = run.json();
    for status in ["met", "partial", "gap"] {
        assert!(json["summary"][status].as_u64().unwrap() > 0, "no {status}");
    }
}

/// A fully answered assessment leaves nothing unanswered and is complete. Pinned on the
/// frozen rule set of tests/fixtures/snapshot-set, so that a new question in `rules/` (the
/// worked example of docs/adding-a-rule.md) does not have to be answered in the shipped
/// examples for the suite to pass (#16: adding a rule changes only its own files).
#[test]
fn a_fully_answered_example_is_complete() {
    let set = "tests/fixtures/snapshot-set";
    let json = check_json(&[
        "--rules",
        &format!("{set}/rules"),
        &format!("{set}/assessments/xb-2025.yaml"),
    ]);
    assert_eq!(
        json["summary"]["unanswered"], 0,
        "XB answers every question"
    );
    assert_eq!(json["summary"]["completeness"], serde_json::json!(1.0));
}

#[test]
fn the_shipped_rule_set_covers_the_directive_and_the_seed_texts() {
    let example = format!(
        "{}/seeds/assessments/xb-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = acquis(&["check", &example, "--format", "json", "--fail-on", "never"]).json();
    let results = json["results"].as_array().unwrap();
    let of = |instrument: &str| {
        results
            .iter()
            .filter(|r| r["instrument"] == instrument)
            .count()
    };
    assert!(results.len() >= 90, "{} rules", results.len());
    assert!(
        of("directive-2011-93") >= 45,
        "{} Directive rules",
        of("directive-2011-93")
    );
    for seed in [
        "cc-2019",
        "eu-strategy-2020",
        "brdo-2021",
        "global-alliance-2012",
        "endocsea-2019",
    ] {
        assert!(of(seed) >= 3, "{seed}: {} rules", of(seed));
    }
}

#[test]
fn minimum_met_but_good_practice_missing_is_a_commitment_gap_not_a_binding_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    entitled_professional: true\n    entitled_voluntary: true\n    vetting_duty: []\n",
    );
    let json = acquis(&["check", &file, "--format", "json", "--fail-on", "never"]).json();
    let result = |id: &str| common::result(&json, id).clone();
    let minimum = result("dir-2011-93.art10.records-for-recruitment");
    assert_eq!(minimum["status"], "met");
    assert_eq!(minimum["force"], "binding");
    let good_practice = result("cc-2019.para16.comprehensive-vetting");
    assert_eq!(good_practice["status"], "gap");
    assert_eq!(good_practice["force"], "commitment");
    assert_eq!(json["summary"]["by_force"]["binding"]["gap"], 0);
    assert_eq!(json["summary"]["by_force"]["commitment"]["gap"], 1);
}

#[test]
fn denmark_gets_not_applicable_for_every_directive_rule() {
    let file = format!(
        "{}/seeds/assessments/dk-2025-illustrative.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = acquis(&["check", &file, "--format", "json", "--fail-on", "never"]);
    let json = run.json();
    let mut directive_rules = 0;
    for r in json["results"].as_array().unwrap() {
        if r["instrument"] == "directive-2011-93" {
            directive_rules += 1;
            assert_eq!(r["status"], "not_applicable", "{}", r["rule"]);
        } else if r["instrument"] == "cc-2019" {
            assert_ne!(r["status"], "not_applicable", "{} applies to DK", r["rule"]);
        }
    }
    assert!(directive_rules >= 45, "{directive_rules}");
}
