//! `rules lint --format sarif` and `validate --format sarif`: SARIF 2.1.0 logs, proved by
//! third-party tools from npm (`tests/sarif`, `npm ci --prefix tests/sarif`): the SARIF 2.1.0
//! JSON Schema shipped in `@microsoft/sarif-multitool-linux`, applied by check-jsonschema
//! (PyPI), and the multitool's own `validate` (its SARIF1xxx rules: indexes, URIs, regions).
//! `.ci/run` installs both; run without them, the ignored tests fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{acquis, fixture, write};

fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/node_modules/@microsoft")
}

/// The SARIF 2.1.0 schema as Microsoft ships it; fails (never skips) when it is not installed.
fn sarif_schema() -> PathBuf {
    let schema = package_dir().join("sarif-multitool-linux/sarif-2.1.0.json");
    assert!(
        schema.is_file(),
        "{} is missing: run `npm ci --prefix tests/sarif` (.ci/run does)",
        schema.display()
    );
    schema
}

/// The multitool's native binary; fails when it is not installed.
fn multitool() -> PathBuf {
    let tool = package_dir().join("sarif-multitool-linux/Sarif.Multitool");
    assert!(
        tool.is_file(),
        "{} is missing: run `npm ci --prefix tests/sarif` (.ci/run does)",
        tool.display()
    );
    tool
}

/// check-jsonschema's verdict on `file` against the SARIF schema, with its messages.
fn schema_verdict(file: &str) -> (bool, String) {
    let out = Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(sarif_schema())
        .arg(file)
        .output()
        .expect("check-jsonschema is not installed: `pip install check-jsonschema` (.ci/run does)");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The errors the multitool's `validate` finds in `file` (its warnings are advice, e.g. to give
/// a home page for the tool, and are left out): `ruleId: message arguments` each.
fn multitool_errors(dir: &Path, file: &str) -> Vec<String> {
    let report = dir.join("multitool-report.sarif");
    let out = Command::new(multitool())
        .arg("validate")
        .arg(file)
        .arg("-o")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        .output()
        .expect("the SARIF multitool runs");
    assert!(
        out.status.success(),
        "the multitool failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]["arguments"]))
        .collect()
}

/// The lint fixture's log: errors at file:line:col and whole-file warnings.
fn lint_log() -> String {
    let run = acquis(&[
        "rules",
        "lint",
        "--format",
        "sarif",
        "--rules",
        &fixture("lint"),
    ]);
    assert_eq!(run.code, 2, "the fixture has lint errors: {}", run.stderr);
    run.stdout
}

#[test]
fn lint_findings_carry_their_kind_file_line_and_column() {
    let log: serde_json::Value = serde_json::from_str(&lint_log()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    let quote = results
        .iter()
        .find(|r| r["ruleId"] == "quote-not-found")
        .expect("the fixture's bad quote is reported");
    assert_eq!(quote["level"], "error");
    let index = quote["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index], "quote-not-found");
    let location = &quote["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/cc-2019/bad-quote.yaml"),
        "{uri}"
    );
    assert!(location["region"]["startLine"].as_u64().unwrap() > 1);
    assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    for code in ["id-convention", "rule-folder", "example-coverage"] {
        assert!(rules.contains(&code), "{code} missing from {rules:?}");
    }
    // Every result's index points at the descriptor of its own id.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"].as_str().unwrap(), rules[i]);
    }
}

#[test]
fn validate_gives_the_wrong_answers_of_every_file_in_one_log() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    entitled_voluntery: true\n",
    );
    let good = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = acquis(&["validate", "--format", "sarif", &good, &bad]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let log = run.json();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0]["ruleId"], "assessment");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 6);
    assert_eq!(region["startColumn"], 5);
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("entitled_voluntary")
    );
    let clean = acquis(&["validate", "--format", "sarif", &good]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(clean.json()["runs"][0]["results"], serde_json::json!([]));
}

#[test]
#[ignore = "needs check-jsonschema (PyPI) and npm ci --prefix tests/sarif"]
fn the_sarif_schema_accepts_the_logs_and_rejects_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let lint = write(dir.path(), "lint.sarif", &lint_log());
    let shipped = acquis(&["rules", "lint", "--format", "sarif"]);
    let shipped = write(dir.path(), "shipped.sarif", &shipped.stdout);
    for file in [&lint, &shipped] {
        let (ok, messages) = schema_verdict(file);
        assert!(ok, "{file}: {messages}");
    }
    // The validator bites: a level SARIF does not have.
    let broken = std::fs::read_to_string(&lint)
        .unwrap()
        .replace("\"level\": \"error\"", "\"level\": \"fatal\"");
    let broken = write(dir.path(), "broken.sarif", &broken);
    let (ok, messages) = schema_verdict(&broken);
    assert!(!ok && messages.contains("fatal"), "{messages}");
}

#[test]
#[ignore = "needs npm ci --prefix tests/sarif (Microsoft's SARIF multitool)"]
fn the_sarif_multitool_finds_no_error_and_bites_on_a_bad_index() {
    let dir = tempfile::tempdir().unwrap();
    let lint = write(dir.path(), "lint.sarif", &lint_log());
    assert_eq!(multitool_errors(dir.path(), &lint), Vec::<String>::new());
    let mut log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&lint).unwrap()).unwrap();
    log["runs"][0]["results"][0]["ruleIndex"] = serde_json::json!(99);
    let broken = write(
        dir.path(),
        "broken.sarif",
        &serde_json::to_string_pretty(&log).unwrap(),
    );
    let errors = multitool_errors(dir.path(), &broken);
    assert!(
        errors.iter().any(|e| e.starts_with("\"SARIF1009\"")),
        "{errors:?}"
    );
}
