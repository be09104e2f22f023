//! The shipped rule set and example assessment, through the built-in copy.

mod common;

use common::{acquis, acquis_in, statuses, write};

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
    assert_eq!(
        run.code, 1,
        "the fictional example has a gap: {}",
        run.stderr
    );
    let s = statuses(&run.json());
    assert_eq!(s["dir-2011-93.art5-6.production"], "gap");
    assert_eq!(s["dir-2011-93.art10.records-for-recruitment"], "partial");
    assert_eq!(s["cc-2019.para16.comprehensive-vetting"], "unanswered");
    assert_eq!(s["dir-2011-93.art22.programmes-for-people-at-risk"], "met");
    let text = acquis_in(elsewhere.path(), &["check", &example]);
    assert!(text.stdout.contains("Gaps (1)"), "{}", text.stdout);
    assert!(
        text.stdout.contains("dir-2011-93.art5-6.production"),
        "{}",
        text.stdout
    );
    assert!(
        !text.stdout.contains('\u{1b}'),
        "no colour codes when not on a terminal"
    );
}

#[test]
fn denmark_gets_not_applicable_for_every_directive_rule() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "dk.yaml",
        "acquis: assessment/1\njurisdiction: DK\nperiod: \"2025\"\nanswers:\n  ecris:\n    entitled_professional: false\n    entitled_voluntary: false\n  offences:\n    possession_max_years: 0\n",
    );
    let run = acquis(&["check", &file, "--format", "json", "--fail-on", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let mut directive_rules = 0;
    for r in json["results"].as_array().unwrap() {
        if r["instrument"] == "directive-2011-93" {
            directive_rules += 1;
            assert_eq!(r["status"], "not_applicable", "{}", r["rule"]);
        } else {
            assert_ne!(r["status"], "not_applicable", "{} applies to DK", r["rule"]);
        }
    }
    assert!(directive_rules >= 5);
}
