//! `check` over many files: they are evaluated in parallel and streamed to one report, which
//! must still be in input order, and must not exist at all when any file has an error.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::fixture;

/// More files than `check` evaluates ahead of the one it writes (64), several times over.
const FILES: usize = 300;

/// Writes `FILES` assessments whose periods number them, with answers that vary so that
/// some take longer than others; returns their paths in order.
fn assessments(dir: &Path) -> Vec<String> {
    (0..FILES)
        .map(|i| {
            let answers = match i % 3 {
                0 => "    x: true\n    y: false\n    level: full\n",
                1 => "    x: false\n",
                _ => "",
            };
            let text = format!(
                "acquis: assessment/1\njurisdiction: XA\nperiod: \"round {i:04}\"\nanswers:\n  s:\n{answers}"
            );
            let path = dir.join(format!("a{i:04}.yaml"));
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        })
        .collect()
}

/// Runs `check FILES -o out --format json` with four worker threads, so that results come
/// back out of order even on a small machine.
fn check(files: &[String], out: &Path) -> (i32, String) {
    let run = Command::cargo_bin("acquis")
        .unwrap()
        .env("RAYON_NUM_THREADS", "4")
        .args(["check", "--rules", &fixture("logic"), "--format", "json"])
        .args(["--fail-on", "never", "-o", &out.display().to_string()])
        .args(files)
        .output()
        .unwrap();
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_report_lists_the_files_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = assessments(dir.path());
    // Not the order of the names either: the order they were given in.
    files.reverse();
    files[..FILES / 2].sort();
    let out = dir.path().join("report.json");
    let (code, stderr) = check(&files, &out);
    // The fixture set has rules that fail to evaluate (exit 3); the report is complete.
    assert_eq!(code, 3, "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let periods: Vec<&str> = report
        .as_array()
        .expect("an array for several files")
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = files
        .iter()
        .map(|f| {
            let stem = Path::new(f).file_stem().unwrap().to_string_lossy();
            format!("round {}", &stem[1..])
        })
        .collect();
    assert_eq!(periods, expected);
    assert_eq!(
        names_in(dir.path()),
        vec!["report.json"],
        "no temporary file"
    );
}

#[test]
fn an_error_in_the_last_file_writes_nothing_and_keeps_the_old_report() {
    for broken in [FILES - 1, 0, FILES / 2] {
        let dir = tempfile::tempdir().unwrap();
        let files = assessments(dir.path());
        std::fs::write(
            &files[broken],
            "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  s:\n    x: maybe\n",
        )
        .unwrap();
        let out = dir.path().join("report.json");
        std::fs::write(&out, "the old report").unwrap();
        let (code, stderr) = check(&files, &out);
        assert_eq!(code, 2, "file {broken} is broken: {stderr}");
        assert!(
            stderr.contains(&format!("{}:6:8: error:", files[broken])),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the old report",
            "file {broken} is broken: the target is left as it was"
        );
        assert_eq!(
            names_in(dir.path()),
            vec!["report.json"],
            "file {broken} is broken: no temporary file left"
        );
    }
}

#[test]
fn every_unreadable_file_is_reported_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let files = assessments(dir.path());
    let broken = [3, 150, FILES - 1];
    for &i in &broken {
        std::fs::write(
            &files[i],
            "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  s:\n    x: maybe\n",
        )
        .unwrap();
    }
    let out = dir.path().join("report.json");
    let (code, stderr) = check(&files, &out);
    assert_eq!(code, 2, "{stderr}");
    let at: Vec<usize> = broken
        .iter()
        .map(|&i| {
            stderr
                .find(&format!("{}:6:8: error:", files[i]))
                .unwrap_or_else(|| panic!("file {i} is not reported: {stderr}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{stderr}");
    assert!(!out.exists());
}
