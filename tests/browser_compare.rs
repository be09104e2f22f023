//! The evaluators' comparisons in a real browser: Debian's chromium through playwright-core
//! (tests/browser/compare.mjs), axe-core for accessibility, and pdftotext for what the
//! printed A4 pages really hold. `.ci/run` installs chromium, poppler-utils and the npm
//! packages (`npm ci --prefix tests/browser`); run these with `cargo test --test
//! browser_compare -- --ignored`.

mod common;

use std::path::Path;
use std::process::Command;

use acquis::load::FileSet;
use acquis::ruleset;
use acquis::synth;
use common::{acquis, fixture, write};

fn open(html: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/compare.mjs");
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

/// The text of each printed page.
fn pdf_pages(html: &Path) -> Vec<String> {
    let pdf = format!("{}.pdf", html.display());
    let out = Command::new("pdftotext")
        .args(["-layout", &pdf, "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
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
}

/// The 27 member states with generated answers, and the shipped fictional XA: their codes
/// and the files.
fn member_states(dir: &Path) -> (Vec<String>, Vec<String>) {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    let members: Vec<String> = set
        .jurisdictions
        .iter()
        .filter(|j| !j.fictional && j.memberships.iter().any(|m| m == "eu"))
        .map(|j| j.code.clone())
        .collect();
    assert_eq!(members.len(), 27, "{members:?}");
    // Generated answers under real codes, in a temporary folder only: test data, never a
    // statement about a country. The shipped fictional XA example makes a 28th column.
    let mut files: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(seed, code)| {
            write(
                dir,
                &format!("{code}.yaml"),
                &synth::assessment(&set, code, seed as u64),
            )
        })
        .collect();
    files.push(format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    ));
    (members, files)
}

#[test]
#[ignore = "needs chromium, pdftotext and tests/browser/node_modules (installed by .ci/run)"]
fn a_matrix_of_the_27_member_states_prints_every_one_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let (members, files) = member_states(dir.path());
    let html = dir.path().join("matrix.html");
    let mut args = vec!["matrix", "--format", "html", "-o"];
    let out = html.display().to_string();
    args.push(&out);
    args.extend(files.iter().map(String::as_str));
    let run = acquis(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    assert_clean(&seen);
    assert!(
        seen["scrollWidth"].as_u64().unwrap() <= 1366,
        "no horizontal scrolling at 1366 px: {}",
        seen["scrollWidth"]
    );
    let pages = pdf_pages(&html);
    let all: Vec<&str> = pages.iter().flat_map(|p| p.split_whitespace()).collect();
    for code in &members {
        assert!(
            all.contains(&code.as_str()),
            "{code} is missing from the printed matrix"
        );
    }
    // Every printed page says that the matrix holds a fictional jurisdiction, and which
    // page of how many it is (CSS margin boxes: this is what chromium really prints).
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Includes fictional jurisdictions (XA)"),
            "page {} has no notice:\n{page}",
            n + 1
        );
        let number = format!("page {} of {}", n + 1, pages.len());
        assert!(page.contains(&number), "no “{number}”:\n{page}");
    }
    // The heat-map comes first, and its columns are split over two pages of 14.
    let first = &pages[0];
    assert!(first.contains("Scores by area"), "{first}");
    let heat: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("Score and completeness by area"))
        .collect();
    let mut codes: Vec<&str> = members.iter().map(String::as_str).collect();
    codes.push("XA");
    codes.sort_unstable();
    let halves = [
        format!("{}–{} (1–14 of 28)", codes[0], codes[13]),
        format!("{}–{} (15–28 of 28)", codes[14], codes[27]),
    ];
    for half in &halves {
        assert!(
            heat.iter().any(|p| p.contains(half.as_str())),
            "{half}: {heat:?}"
        );
    }
    let headings = seen["headings"].to_string();
    let binding = headings.find("(binding").unwrap();
    let commitment = headings.find("(commitment").unwrap();
    let policy = headings.find("(policy").unwrap();
    assert!(binding < commitment && commitment < policy, "{headings}");
}

/// The same matrix in French: French long rule titles label the rows, and it still fits the
/// screen and the A4 pages, which say their notice and number in French.
#[test]
#[ignore = "needs chromium, pdftotext and tests/browser/node_modules (installed by .ci/run)"]
fn the_french_matrix_of_the_27_member_states_prints_in_french_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let (members, files) = member_states(dir.path());
    let html = dir.path().join("matrice.html");
    let out = html.display().to_string();
    let mut args = vec!["matrix", "--lang", "fr", "--format", "html", "-o", &out];
    args.extend(files.iter().map(String::as_str));
    let run = acquis(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    assert_clean(&seen);
    assert!(
        seen["scrollWidth"].as_u64().unwrap() <= 1366,
        "no horizontal scrolling at 1366 px: {}",
        seen["scrollWidth"]
    );
    let pages = pdf_pages(&html);
    let all: Vec<&str> = pages.iter().flat_map(|p| p.split_whitespace()).collect();
    for code in &members {
        assert!(all.contains(&code.as_str()), "{code} is not printed");
    }
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Comprend des juridictions fictives (XA)"),
            "page {} has no notice:\n{page}",
            n + 1
        );
        let number = format!("page {} sur {}", n + 1, pages.len());
        assert!(page.contains(&number), "no “{number}”:\n{page}");
        assert!(!page.contains(" of "), "English on page {}:\n{page}", n + 1);
    }
    assert!(pages[0].contains("Scores par domaine"), "{}", pages[0]);
    let headings = seen["headings"].to_string();
    let binding = headings.find("(droit contraignant").unwrap();
    let commitment = headings.find("(engagement politique").unwrap();
    let policy = headings.find("(orientations").unwrap();
    assert!(binding < commitment && commitment < policy, "{headings}");
}

#[test]
#[ignore = "needs chromium, pdftotext and tests/browser/node_modules (installed by .ci/run)"]
fn the_history_report_renders_three_periods() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("history.html");
    let run = acquis(&[
        "history",
        &fixture("history/xa-2025.yaml"),
        &fixture("history/xa-2023.yaml"),
        &fixture("history/xa-2024.yaml"),
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    assert_clean(&seen);
    let headings = seen["headings"].to_string();
    for heading in [
        "H1:XA Example Republic: 3 periods, 2023 → 2024 → 2025",
        "H2:Trend per area",
        "H3:2023 → 2024: 2 new, 0 closed",
        "H3:2024 → 2025: 1 new, 2 closed",
        "H2:Status of each rule per period",
    ] {
        assert!(headings.contains(heading), "{heading} in {headings}");
    }
    let pages = pdf_pages(&html);
    let text = pages.join("\n");
    assert!(text.contains("2023") && text.contains("2024") && text.contains("2025"));
    assert!(
        pages
            .iter()
            .all(|p| p.contains("XA is a fictional jurisdiction")),
        "the notice is on every page"
    );
}

#[test]
#[ignore = "needs chromium, pdftotext and tests/browser/node_modules (installed by .ci/run)"]
fn the_diff_report_opens_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("diff.html");
    let run = acquis(&[
        "diff",
        &fixture("history/xa-2024.yaml"),
        &fixture("history/xa-2025.yaml"),
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = open(&html);
    assert_clean(&seen);
    assert!(
        seen["headings"].to_string().contains("H2:Gaps closed (2)"),
        "{}",
        seen["headings"]
    );
}
