//! The JSON Schemas, checked by a real third-party validator (check-jsonschema,
//! from PyPI). `.ci/run` installs it and runs the tests that need it with
//! `--include-ignored`; plain `cargo test` leaves them out, and run without the
//! validator they fail.

mod common;

use std::process::Command;

use common::{acquis, write};

/// The validator's command; fails (never skips) when it is not installed.
fn validator() -> &'static str {
    let found = Command::new("check-jsonschema")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "check-jsonschema is not installed: `pip install check-jsonschema` (.ci/run does)"
    );
    "check-jsonschema"
}

fn schema_file(dir: &std::path::Path, kind: &str) -> String {
    let path = dir.join(format!("{kind}.schema.json"));
    let run = acquis(&["schema", kind, "-o", &path.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    path.display().to_string()
}

fn validate(tool: &str, schema: &str, files: &[String]) -> (bool, String) {
    let out = Command::new(tool)
        .arg("--schemafile")
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn shipped(folder: &str) -> Vec<String> {
    let mut files: Vec<String> =
        std::fs::read_dir(format!("{}/{folder}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .flatten()
            .map(|e| e.path().display().to_string())
            .filter(|p| p.ends_with(".yaml"))
            .collect();
    files.sort();
    files
}

#[test]
fn the_assessment_schema_describes_every_question() {
    let json = acquis(&["schema", "assessment"]).json();
    assert_eq!(
        json["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let vol = &json["$defs"]["answers"]["properties"]["ecris"]["properties"]["vetting_roles"];
    assert!(
        vol["description"]
            .as_str()
            .unwrap()
            .starts_with("Whom does that requirement to check cover?")
    );
    let channel = &json["$defs"]["answers"]["properties"]["ecris"]["properties"]["request_channel"]
        ["anyOf"][0];
    assert_eq!(
        channel["enum"],
        serde_json::json!(["ecris", "bilateral", "none"])
    );
}

#[test]
#[ignore = "needs check-jsonschema (installed by .ci/run)"]
fn shipped_assessments_pass_and_mistakes_fail_a_third_party_validator() {
    let tool = validator();
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_file(dir.path(), "assessment");
    let (ok, out) = validate(tool, &schema, &shipped("seeds/assessments"));
    assert!(ok, "{out}");

    let good = std::fs::read_to_string(format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let misspelled = write(
        dir.path(),
        "misspelled.yaml",
        &good.replace("    entitled_voluntary:", "    entitled_volunteer:"),
    );
    let (ok, out) = validate(tool, &schema, &[misspelled]);
    assert!(!ok, "a misspelled question id must fail:\n{out}");
    assert!(out.contains("entitled_volunteer"), "{out}");

    let bad_enum = write(
        dir.path(),
        "bad-enum.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    request_channel: ecriss\n",
    );
    let (ok, out) = validate(tool, &schema, &[bad_enum]);
    assert!(!ok, "a value outside the enum must fail:\n{out}");
}

#[test]
#[ignore = "needs check-jsonschema (installed by .ci/run)"]
fn shipped_rules_pass_the_rule_schema() {
    let tool = validator();
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_file(dir.path(), "rule");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(format!("{}/rules", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() && path.file_name().unwrap() != "questions" {
            files.extend(shipped(&format!(
                "rules/{}",
                path.file_name().unwrap().to_string_lossy()
            )));
        }
    }
    assert!(files.len() >= 90);
    let (ok, out) = validate(tool, &schema, &files);
    assert!(ok, "{out}");
    let bad = write(
        dir.path(),
        "bad.yaml",
        "id: x\ntitle: T\ninstrument: cc-2019\narea: a\nsevrity: high\nseverity: urgent\n",
    );
    let (ok, out) = validate(tool, &schema, &[bad]);
    assert!(!ok, "{out}");
}
