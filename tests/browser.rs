//! The HTML reports in a real browser: Debian's chromium, driven by playwright-core
//! (tests/browser/check.mjs), with axe-core for accessibility. `.ci/run` installs
//! chromium and the npm packages and runs these tests with `--include-ignored`; plain
//! `cargo test` leaves them out, and run without their tools they fail.

mod common;

use std::path::Path;
use std::process::Command;

use common::{acquis, write};

/// Fails (never skips) when the browser or the npm packages are missing.
fn require_browser() {
    let tools =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/playwright-core");
    assert!(
        tools.exists(),
        "tests/browser/node_modules is missing: run `npm ci --prefix tests/browser` (.ci/run does)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: install Debian's chromium (.ci/run does)"
    );
}

fn open(html: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(html)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_clean(seen: &serde_json::Value) {
    assert_eq!(
        seen["consoleErrors"],
        serde_json::json!([]),
        "console errors"
    );
    assert_eq!(
        seen["externalRequests"],
        serde_json::json!([]),
        "the report is self-contained"
    );
    let serious: Vec<&serde_json::Value> = seen["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(serious.is_empty(), "axe-core: {serious:?}");
    assert!(seen["pdfBytes"].as_u64().unwrap() > 10_000, "prints to A4");
}

#[test]
#[ignore = "needs chromium and tests/browser/node_modules (installed by .ci/run)"]
fn the_gap_report_shows_every_section_in_a_browser() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    // Waive the first gap, with a reason that holds markup, to see both the section and the escaping.
    let json = acquis(&["check", &example, "--format", "json", "--fail-on", "never"]).json();
    let gap = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "gap")
        .unwrap()["rule"]
        .clone();
    let waivers = write(
        dir.path(),
        "waivers.yaml",
        &format!(
            "- {{ rule: {}, jurisdiction: XA, reason: \"Amendment <b>before</b> Parliament\", approved_by: Evaluation lead, until: 2030-12-31 }}\n",
            gap.as_str().unwrap()
        ),
    );
    let html = dir.path().join("xa.html");
    let run = acquis(&[
        "check",
        &example,
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
        "--waivers",
        &waivers,
        "--as-of",
        "2026-01-01",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("Amendment &lt;b&gt;before&lt;&#x2f;b&gt; Parliament"),
        "assessment text is escaped"
    );
    let seen = open(&html);
    let headings: Vec<&str> = seen["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let expected = [
        "Summary",
        "Gaps",
        "Partly met",
        "Unanswered",
        "Waived (1)",
        "Errors",
        "Met",
        "Not applicable",
    ];
    let mut last = 0;
    for name in expected {
        let at = headings
            .iter()
            .position(|h| h.contains(name))
            .unwrap_or_else(|| panic!("no {name} in {headings:?}"));
        assert!(at >= last, "{name} out of order in {headings:?}");
        last = at;
    }
    assert_clean(&seen);
    assert!(dir.path().join("xa.html.png").exists(), "screenshot taken");
}

#[test]
#[ignore = "needs chromium and tests/browser/node_modules (installed by .ci/run)"]
fn the_matrix_opens_cleanly_in_a_browser() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let html = dir.path().join("matrix.html");
    let run = acquis(&[
        "matrix",
        &format!("{root}/seeds/assessments/xa-2025.yaml"),
        &format!("{root}/seeds/assessments/xb-2025.yaml"),
        &format!("{root}/seeds/assessments/dk-2025-illustrative.yaml"),
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    let headings = seen["headings"].to_string();
    assert!(
        headings.contains("Scores by area") && headings.contains("Status of each rule"),
        "{headings}"
    );
    assert_clean(&seen);
}
