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
        "Met",
        "About this report",
    ];
    // Sections with no rule are left out (XA has no errors, every rule applies).
    assert!(
        !headings
            .iter()
            .any(|h| h.contains("Errors") || h.contains("Not applicable")),
        "{headings:?}"
    );
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

/// The text of a PDF, one string per page (pdftotext separates pages with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed with chromium");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // The text ends with a form feed: the last piece is not a page.
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

#[test]
#[ignore = "needs chromium, pdftotext and tests/browser/node_modules (installed by .ci/run)"]
fn the_xa_report_prints_on_at_most_20_pages_with_its_urgent_gaps_on_page_one() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = dir.path().join("xa.html");
    let run = acquis(&[
        "check",
        &example,
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    assert_clean(&seen);
    let pages = pdf_pages(&dir.path().join("xa.html.pdf"));
    let n = pages.len();
    assert!((2..=20).contains(&n), "XA prints on {n} A4 pages");
    // Every page has the running header and "Page i of N" (CSS @page margin boxes).
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Example Republic (XA) · 2025 · gap report, draft · fictional example"),
            "page {}: {page}",
            i + 1
        );
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }
    // Page 1 is the verdict: it names every binding gap of high severity.
    let json = acquis(&["check", &example, "--format", "json", "--fail-on", "never"]).json();
    let urgent: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "gap" && r["force"] == "binding" && r["severity"] == "high")
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert!(!urgent.is_empty());
    let first = &pages[0];
    assert!(first.contains("Most urgent"), "{first}");
    for title in urgent {
        assert!(first.contains(title), "page 1 lacks {title:?}: {first}");
    }
    assert!(!first.contains("sha256:"), "the digest is at the end");
}
