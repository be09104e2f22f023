//! SPEC "Evaluation semantics" through the command line, over the fixture rule set
//! `tests/fixtures/logic`: every status, three-valued logic, errors as results.

mod common;

use common::{acquis, assessment, fixture, statuses, write};

/// Checks one assessment of the fixture questionnaire; returns (exit code, rule → status, JSON).
fn check(
    jurisdiction: &str,
    answers: &str,
) -> (
    i32,
    std::collections::BTreeMap<String, String>,
    serde_json::Value,
) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.yaml", &assessment(jurisdiction, answers));
    let rules = fixture("logic");
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &rules,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let json = run.json();
    (run.code, statuses(&json), json)
}

fn status_of(answers: &str, rule: &str) -> String {
    check("XA", answers).1[rule].clone()
}

#[test]
fn or_is_decided_by_one_true_operand_whatever_the_order() {
    for rule in ["fx.or", "fx.or-reversed"] {
        assert_eq!(
            status_of("x: true", rule),
            "met",
            "{rule} with x true, y missing"
        );
        assert_eq!(
            status_of("y: true", rule),
            "met",
            "{rule} with y true, x missing"
        );
        assert_eq!(
            status_of("x: false", rule),
            "unanswered",
            "{rule} with x false, y missing"
        );
        assert_eq!(
            status_of("x: false\ny: false", rule),
            "gap",
            "{rule} both false"
        );
    }
}

#[test]
fn and_is_decided_by_one_false_operand_whatever_the_order() {
    for rule in ["fx.and", "fx.and-reversed"] {
        assert_eq!(
            status_of("x: false", rule),
            "gap",
            "{rule} with x false, y missing"
        );
        assert_eq!(
            status_of("y: false", rule),
            "gap",
            "{rule} with y false, x missing"
        );
        assert_eq!(
            status_of("x: true", rule),
            "unanswered",
            "{rule} with x true, y missing"
        );
        assert_eq!(
            status_of("x: true\ny: true", rule),
            "met",
            "{rule} both true"
        );
    }
}

#[test]
fn negation_is_three_valued() {
    assert_eq!(status_of("x: false", "fx.not"), "met");
    assert_eq!(status_of("x: true", "fx.not"), "unanswered");
    assert_eq!(status_of("y: true", "fx.not"), "met");
    assert_eq!(status_of("x: true\ny: false", "fx.not"), "gap");
}

#[test]
fn a_missing_enum_answer_is_unanswered_not_a_gap() {
    let (_, statuses, json) = check("XA", "x: true");
    assert_eq!(statuses["fx.level"], "unanswered");
    let level = common::result(&json, "fx.level");
    assert_eq!(level["missing"], serde_json::json!(["s.level"]));
    assert_eq!(status_of("level: full", "fx.level"), "met");
    assert_eq!(status_of("level: partial", "fx.level"), "partial");
    assert_eq!(status_of("level: none", "fx.level"), "gap");
}

#[test]
fn an_explicit_null_is_unanswered() {
    assert_eq!(status_of("n: null", "fx.count"), "unanswered");
    assert_eq!(status_of("n:", "fx.count"), "unanswered");
    assert_eq!(status_of("n: 3", "fx.count"), "met");
    assert_eq!(status_of("n: 2", "fx.count"), "gap");
}

#[test]
fn an_empty_set_is_an_answer() {
    assert_eq!(status_of("tags: []", "fx.tags"), "gap");
    assert_eq!(status_of("tags: [b, a]", "fx.tags"), "met");
    assert_eq!(status_of("x: true", "fx.tags"), "unanswered");
}

#[test]
fn applies_when_false_is_not_applicable() {
    assert_eq!(status_of("x: false", "fx.applies"), "not_applicable");
    assert_eq!(status_of("x: true\ny: true", "fx.applies"), "met");
    assert_eq!(status_of("x: true", "fx.applies"), "unanswered");
    assert_eq!(status_of("y: true", "fx.applies"), "unanswered");
}

#[test]
fn denmark_gets_not_applicable_for_directive_rules() {
    let (_, dk, json) = check("DK", "x: true\ny: true");
    assert_eq!(dk["fx.directive"], "not_applicable");
    let message = common::result(&json, "fx.directive")["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("DK"), "{message}");
    assert_eq!(dk["fx.or"], "met", "other instruments still apply to DK");
    let (_, ie, _) = check("IE", "x: true\ny: true");
    assert_eq!(ie["fx.directive"], "met", "Ireland opted in");
}

#[test]
fn a_rule_failing_at_run_time_is_an_error_and_the_others_are_evaluated() {
    let (code, statuses, json) = check("XA", "x: true\ny: true\nn: 5");
    assert_eq!(code, 3, "exit code 3 when a rule errors");
    assert_eq!(statuses["fx.divide"], "error");
    assert_eq!(statuses["fx.overflow"], "error");
    assert_eq!(statuses["fx.or"], "met");
    assert_eq!(statuses["fx.count"], "met");
    let message = |id: &str| {
        common::result(&json, id)["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(
        message("fx.divide").contains("division by zero (rule file line 8, column"),
        "{}",
        message("fx.divide")
    );
    assert!(
        message("fx.overflow").contains("overflow (rule file line 8, column"),
        "{}",
        message("fx.overflow")
    );
    assert_eq!(json["summary"]["error"], 2);
}

#[test]
fn every_status_is_reached() {
    let dir = tempfile::tempdir().unwrap();
    // DK: the Directive rule is not applicable.
    let file = write(
        dir.path(),
        "a.yaml",
        &assessment("DK", "x: true\ny: false\nlevel: partial\nn: 5"),
    );
    let waivers = write(
        dir.path(),
        "waivers.yaml",
        "- { rule: fx.and, jurisdiction: DK, reason: Law in preparation, approved_by: Evaluation lead, until: 2030-12-31 }\n",
    );
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "--waivers",
        &waivers,
        "--as-of",
        "2026-01-01",
    ]);
    let json = run.json();
    let s = statuses(&json);
    let seen: std::collections::BTreeSet<&str> = s.values().map(String::as_str).collect();
    for status in [
        "met",
        "partial",
        "gap",
        "unanswered",
        "not_applicable",
        "waived",
        "error",
    ] {
        assert!(seen.contains(status), "no rule reached {status}: {s:?}");
    }
    let and = common::result(&json, "fx.and");
    assert_eq!(and["status"], "waived");
    assert_eq!(and["raw_status"], "gap");
    assert_eq!(run.code, 3);
}

#[test]
fn an_expired_waiver_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.yaml", &assessment("XA", "x: true\ny: false"));
    let waivers = write(
        dir.path(),
        "waivers.yaml",
        "- { rule: fx.and, jurisdiction: XA, reason: Law in preparation, approved_by: Evaluation lead, until: 2025-12-31 }\n",
    );
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "--waivers",
        &waivers,
        "--as-of",
        "2026-01-01",
    ]);
    assert_eq!(statuses(&run.json())["fx.and"], "gap");
    assert!(
        run.stderr.contains("expired on 2025-12-31"),
        "{}",
        run.stderr
    );
    let valid = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "--waivers",
        &waivers,
        "--as-of",
        "2025-12-31",
    ]);
    assert_eq!(
        statuses(&valid.json())["fx.and"],
        "waived",
        "valid through `until` inclusive"
    );
}

#[test]
fn the_long_answer_form_equals_the_short_form() {
    let (_, short, short_json) = check("XA", "x: true\nlevel: partial\nn: 4\ntags: [a]");
    let (_, long, long_json) = check(
        "XA",
        "x:\n  value: true\n  evidence: Act 1, s. 2\nlevel:\n  value: partial\n  url: https://example.org\nn: { value: 4, evidence: Statistics }\ntags:\n  value: [a]",
    );
    assert_eq!(short, long);
    assert_eq!(short_json["summary"], long_json["summary"]);
    let inputs = |j: &serde_json::Value| {
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["inputs"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(inputs(&short_json), inputs(&long_json));
}

#[test]
fn results_json_has_the_spec_shape() {
    let (_, _, json) = check("XA", "x: true\ny: true");
    assert_eq!(json["acquis"], "results/1");
    assert_eq!(json["jurisdiction"], "XA");
    assert_eq!(json["period"], "2025");
    assert_eq!(json["ruleset"]["rules"], 12);
    assert!(
        json["ruleset"]["digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    for key in [
        "met",
        "partial",
        "gap",
        "unanswered",
        "not_applicable",
        "waived",
        "error",
        "score",
        "completeness",
    ] {
        assert!(json["summary"].get(key).is_some(), "summary.{key} missing");
    }
    let first = &json["results"][0];
    for key in [
        "rule",
        "status",
        "severity",
        "instrument",
        "area",
        "missing",
        "inputs",
        "message",
    ] {
        assert!(first.get(key).is_some(), "results[].{key} missing");
    }
}

#[test]
fn score_and_completeness_follow_the_weights() {
    // fx.level is high (3) and partial; fx.count is medium (2) and met; fx.tags low (1) and gap.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "a.yaml",
        &assessment("XA", "level: partial\nn: 5\ntags: []"),
    );
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let json = run.json();
    let levels = &json["summary"]["by_area"]["levels"];
    assert_eq!(
        levels["score"],
        serde_json::json!(0.5833),
        "(3*0.5 + 2*1 + 1*0) / 6"
    );
    assert_eq!(levels["completeness"], serde_json::json!(1.0));
    let logic = &json["summary"]["by_area"]["logic"];
    assert_eq!(
        logic["completeness"],
        serde_json::json!(0.0),
        "x and y are unanswered"
    );
    assert_eq!(
        logic["score"],
        serde_json::Value::Null,
        "no rule of the area was decided"
    );
}

#[test]
fn several_files_give_an_array_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(dir.path(), "one.yaml", &assessment("XA", "x: true"));
    let two = write(dir.path(), "two.yaml", &assessment("DK", "x: false"));
    let run = acquis(&[
        "check",
        &one,
        &two,
        "--rules",
        &fixture("logic"),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let json = run.json();
    let items = json.as_array().expect("an array for several files");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["jurisdiction"], "XA");
    assert_eq!(items[1]["jurisdiction"], "DK");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let rules = tempfile::tempdir().unwrap();
    // A rule set without the broken rules, so exit 3 does not mask the threshold.
    let logic = std::path::Path::new(&fixture("logic")).to_path_buf();
    for entry in ["questions/s.yaml", "fx/or.yaml", "fx/level.yaml"] {
        let text = std::fs::read_to_string(logic.join(entry)).unwrap();
        write(rules.path(), entry, &text);
    }
    let rules = rules.path().display().to_string();
    let file = write(
        dir.path(),
        "a.yaml",
        &assessment("XA", "x: true\nlevel: partial"),
    );
    let code =
        |fail_on: &str| acquis(&["check", &file, "--rules", &rules, "--fail-on", fail_on]).code;
    assert_eq!(code("gap"), 0, "partial does not reach gap");
    assert_eq!(code("partial"), 1);
    assert_eq!(code("unanswered"), 1);
    assert_eq!(code("never"), 0);
    let gap = write(
        dir.path(),
        "b.yaml",
        &assessment("XA", "x: false\ny: false\nlevel: full"),
    );
    assert_eq!(
        acquis(&["check", &gap, "--rules", &rules]).code,
        1,
        "default --fail-on gap"
    );
}

#[test]
fn another_seeds_folder_replaces_the_built_in_catalogue() {
    let seeds = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let catalogue = std::fs::read_to_string(format!("{root}/seeds/sources.yaml")).unwrap();
    write(seeds.path(), "sources.yaml", &catalogue);
    for entry in std::fs::read_dir(format!("{root}/seeds/sources"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        write(
            seeds.path(),
            &format!("sources/{name}"),
            &std::fs::read_to_string(entry.path()).unwrap(),
        );
    }
    // A jurisdictions file where XQ exists and is bound by the Directive.
    write(
        seeds.path(),
        "jurisdictions.yaml",
        "- { code: XQ, name: Test Land, fictional: true, memberships: [eu], instruments: [directive-2011-93, cc-2019] }\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.yaml", &assessment("XQ", "x: true"));
    let seeds_dir = seeds.path().display().to_string();
    let run = acquis(&[
        "check",
        &file,
        "--rules",
        &fixture("logic"),
        "--seeds",
        &seeds_dir,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let s = statuses(&run.json());
    assert_eq!(s["fx.directive"], "met");
    assert_eq!(
        s["fx.level"], "not_applicable",
        "eu-strategy-2020 does not address XQ here"
    );
    let builtin = acquis(&["check", &file, "--rules", &fixture("logic")]);
    assert_eq!(builtin.code, 2, "XQ is unknown to the built-in seeds");
    assert!(
        builtin.stderr.contains("unknown jurisdiction `XQ`"),
        "{}",
        builtin.stderr
    );
}
