//! One small builder for running the `acquis` binary in tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

pub fn acquis(args: &[&str]) -> Run {
    acquis_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn acquis_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("acquis")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The results JSON of `acquis check ARGS --format json --fail-on never`, which must succeed.
pub fn check_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--fail-on", "never"]);
    let run = acquis(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path: PathBuf = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A self-assessment of the fixture questionnaire (section `s`).
pub fn assessment(jurisdiction: &str, answers: &str) -> String {
    let body: String = answers.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "acquis: assessment/1\njurisdiction: {jurisdiction}\nperiod: \"2025\"\nanswers:\n  s:\n{body}"
    )
}

/// Status of each rule, by id, from one results object.
pub fn statuses(results: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    results["results"]
        .as_array()
        .expect("results array")
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The result of one rule, by id, from one results object.
pub fn result<'j>(results: &'j serde_json::Value, rule: &str) -> &'j serde_json::Value {
    results["results"]
        .as_array()
        .expect("results array")
        .iter()
        .find(|r| r["rule"] == rule)
        .unwrap_or_else(|| panic!("no result for {rule}"))
}
pub mod oracle;

/// Copies the folder `from` (e.g. the shipped `rules/`) to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}
