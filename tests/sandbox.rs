//! Misbehaving rule conditions: each ends as `error` for that rule, in bounded time and
//! memory, while the other rules are evaluated. What a condition cannot do at all
//! (loops, functions, closures, eval, import) is refused when the rules load; see
//! tests/rule_errors.rs. The limits are in src/limits.rs, the same for every command.

mod common;

use std::time::Duration;

use common::fixture;

#[test]
fn runaway_conditions_end_as_errors_and_the_others_are_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(
        dir.path(),
        "a.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  s:\n    x: true\n    n: 3\n",
    );
    let out = assert_cmd::Command::cargo_bin("acquis")
        .unwrap()
        .args([
            "check",
            &file,
            "--rules",
            &fixture("sandbox"),
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        // Bounded time: a condition that ran away would be killed here and fail the test.
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "exit 3 when a rule errors");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = |id: &str| common::result(&json, id).clone();
    for (rule, message) in [
        ("fx.string-growth", "Length of string too large"),
        ("fx.array-growth", "Size of array/BLOB too large"),
        ("fx.undefined-function", "Function not found: frobnicate"),
        (
            "fx.non-bool",
            "the condition gave a number instead of true or false",
        ),
    ] {
        let r = result(rule);
        assert_eq!(r["status"], "error", "{rule}");
        assert!(
            r["message"].as_str().unwrap().contains(message),
            "{rule}: {}",
            r["message"]
        );
        assert!(
            r["message"].as_str().unwrap().contains("rule file line 9"),
            "{rule}: located in the rule file"
        );
    }
    assert_eq!(
        result("fx.ok")["status"],
        "met",
        "the other rules are evaluated"
    );
}

#[test]
fn rules_test_and_explain_use_the_same_limits() {
    // The example of a runaway rule fails in `rules test` as it does in `check`.
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("sandbox"))).unwrap();
    common::write(dir.path(), "questions/s.yaml", &questions);
    common::write(
        dir.path(),
        "cc-2019/growth.yaml",
        "id: cc-2019.para16.growth\ntitle: T\ninstrument: cc-2019\narea: s\nseverity: low\nobligation: O.\nsources: [{ doc: cc-2019, ref: para 16 }]\nremedy: R.\ncheck: '\"x\".pad(200000000, \"y\") == \"\"'\nexamples:\n  - { name: runs away, answers: {}, expect: met }\n",
    );
    let rules = dir.path().display().to_string();
    let test = common::acquis(&["rules", "test", "--rules", &rules]);
    assert!(test.stdout.contains("actual:   error"), "{}", test.stdout);
    assert!(
        test.stdout.contains("Length of string too large"),
        "{}",
        test.stdout
    );
    let file = common::write(
        dir.path(),
        "a.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers: {}\n",
    );
    let explain = common::acquis(&["explain", "cc-2019.para16.growth", &file, "--rules", &rules]);
    assert_eq!(explain.code, 3);
    assert!(
        explain
            .stdout
            .contains("error: the rule failed to evaluate: check: Length of string too large"),
        "{}",
        explain.stdout
    );
}
