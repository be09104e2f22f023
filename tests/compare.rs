//! The evaluators' comparisons: `diff` between two periods, `history` over monitoring
//! rounds, and the `matrix` of jurisdictions. The three XA periods under
//! tests/fixtures/history are fictional.

mod common;

use common::{acquis, fixture, write};

fn round(year: &str) -> String {
    fixture(&format!("history/xa-{year}.yaml"))
}

/// `value` → `with` in a copy of the 2025 fixture, saved as `name` in `dir`.
fn edited(dir: &std::path::Path, name: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(round("2025")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    write(dir, name, &text)
}

#[test]
fn diff_warns_when_old_is_newer_or_the_same_period() {
    let forward = acquis(&["diff", &round("2024"), &round("2025")]);
    assert_eq!(forward.code, 0, "{}", forward.stderr);
    assert!(!forward.stderr.contains("warning"), "{}", forward.stderr);
    let backward = acquis(&["diff", &round("2025"), &round("2024")]);
    assert_eq!(backward.code, 0, "{}", backward.stderr);
    assert!(
        backward
            .stderr
            .contains("warning: OLD is for 2025, which is after NEW (2024)"),
        "{}",
        backward.stderr
    );
    let same = acquis(&["diff", &round("2025"), &round("2025")]);
    assert!(
        same.stderr
            .contains("warning: both files are for the period 2025"),
        "{}",
        same.stderr
    );
}

#[test]
fn only_gap_to_met_or_partial_is_a_closed_gap() {
    // 2024 → 2025: two gaps became partly met, one gap became unanswered.
    let json = acquis(&["diff", &round("2024"), &round("2025"), "--format", "json"]).json();
    let rules = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} in {json}"))
            .iter()
            .map(|c| format!("{} {}→{}", c["rule"].as_str().unwrap(), c["old"], c["new"]))
            .collect()
    };
    assert_eq!(
        rules("closed_gaps"),
        [
            "dir-2011-93.art10.records-for-recruitment \"gap\"→\"partial\"",
            "eu-strategy-2020.s4.ec3-and-europol-intelligence \"gap\"→\"partial\""
        ]
    );
    assert_eq!(
        rules("gaps_now_unanswered"),
        ["cc-2019.para22.icse-participation \"gap\"→\"unanswered\""]
    );
    assert_eq!(
        rules("new_gaps"),
        ["eu-strategy-2020.s4.regional-victim-identification \"unanswered\"→\"gap\""]
    );
    let text = acquis(&["diff", &round("2024"), &round("2025")]).stdout;
    let closed = text.split("Gaps closed (2)").nth(1).unwrap();
    let closed = closed.split("\n\n").next().unwrap();
    assert!(
        !closed.contains("icse-participation"),
        "gap → unanswered is not closed:\n{text}"
    );
    assert!(
        text.contains("Gaps now unanswered, not closed (1)\n  gap → unanswered  cc-2019.para22.icse-participation"),
        "{text}"
    );
}

#[test]
fn gap_to_not_applicable_is_its_own_group_and_empty_groups_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    // Without a victim identification team the regional-capacity rule no longer applies:
    // its gap is gone, but nothing was remedied.
    let later = edited(
        dir.path(),
        "xa-2026.yaml",
        &[
            ("period: \"2025\"", "period: \"2026\""),
            (
                "    victim_identification_team:\n      value: true",
                "    victim_identification_team:\n      value: false",
            ),
        ],
    );
    let json = acquis(&["diff", &round("2025"), &later, "--format", "json"]).json();
    let rules = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        rules("gaps_now_not_applicable"),
        ["eu-strategy-2020.s4.regional-victim-identification"]
    );
    assert!(
        !rules("closed_gaps")
            .contains(&"eu-strategy-2020.s4.regional-victim-identification".to_owned()),
        "{json}"
    );
    let md = acquis(&["diff", &round("2025"), &later, "--format", "md"]).stdout;
    assert!(md.contains("## Gaps no longer applicable (1)"), "{md}");
    assert!(md.contains("## Gaps closed (0)"), "{md}");
    assert!(
        !md.contains("## Gaps now waived"),
        "empty extra groups are left out:\n{md}"
    );
}

#[test]
fn diff_shows_evidence_changes_even_when_the_answer_is_the_same() {
    let json = acquis(&["diff", &round("2024"), &round("2025"), "--format", "json"]).json();
    let evidence = json["changed_evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 1, "{json}");
    assert_eq!(evidence[0]["question"], "icse.certified_users");
    assert_eq!(
        evidence[0]["old_evidence"],
        "National Police, Child Exploitation Unit, 2022: 1 (fictional)."
    );
    assert_eq!(
        evidence[0]["new_evidence"],
        "National Police, Child Exploitation Unit, 2023: 1 (fictional)."
    );
    let text = acquis(&["diff", &round("2024"), &round("2025")]).stdout;
    assert!(
        text.contains("Evidence changed (same answer) (1)\n  icse.certified_users: 1 → 1\n      evidence: National Police, Child Exploitation Unit, 2022: 1 (fictional). → National Police, Child Exploitation Unit, 2023: 1 (fictional)."),
        "{text}"
    );
    let changed = &json["changed_answers"].as_array().unwrap()[0];
    assert_eq!(
        changed["old_evidence"],
        "No provision yet; a bill is before Parliament (fictional)."
    );
}

/// The rounding itself (a tiny negative difference) is tested in `report::diff`; here, that
/// no format prints a signed zero when nothing changed.
#[test]
fn diff_never_prints_minus_zero() {
    for format in ["text", "md", "html"] {
        let run = acquis(&["diff", &round("2025"), &round("2025"), "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains("0.0 points"),
            "{format}:\n{}",
            run.stdout
        );
        assert!(!run.stdout.contains("-0.0"), "{format}:\n{}", run.stdout);
        assert!(!run.stdout.contains("+0.0"), "{format}:\n{}", run.stdout);
    }
}

#[test]
fn diff_writes_html() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diff.html");
    let run = acquis(&[
        "diff",
        &round("2024"),
        &round("2025"),
        "--format",
        "html",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(
        html.contains("<h2 id=\"closed\">Gaps closed (2)</h2>"),
        "{html}"
    );
    assert!(
        html.contains("Gaps now unanswered, not closed (1)"),
        "{html}"
    );
    assert!(html.contains("Fictional jurisdiction."), "{html}");
    assert!(
        html.contains("Evidence: National Police, Child Exploitation Unit, 2022: 1 (fictional)."),
        "{html}"
    );
}

#[test]
fn history_orders_periods_whatever_the_order_of_the_files() {
    let given = [round("2025"), round("2023"), round("2024")];
    let json = acquis(&[
        "history", &given[0], &given[1], &given[2], "--format", "json",
    ])
    .json();
    let periods: Vec<&str> = json["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2023", "2024", "2025"]);
    let rule = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "cc-2019.para22.icse-participation")
        .unwrap();
    let statuses: Vec<&str> = rule["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["unanswered", "gap", "unanswered"]);
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(
        (rounds[0]["from"].as_str(), rounds[0]["to"].as_str()),
        (Some("2023"), Some("2024"))
    );
    let ids = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&rounds[0]["new_gaps"]),
        [
            "cc-2019.para22.icse-participation",
            "eu-strategy-2020.s4.ec3-and-europol-intelligence"
        ]
    );
    assert_eq!(ids(&rounds[0]["closed_gaps"]), Vec::<String>::new());
    assert_eq!(
        ids(&rounds[0]["gaps_not_closed"]),
        ["eu-strategy-2020.s4.regional-victim-identification"]
    );
    assert_eq!(
        ids(&rounds[1]["closed_gaps"]),
        [
            "dir-2011-93.art10.records-for-recruitment",
            "eu-strategy-2020.s4.ec3-and-europol-intelligence"
        ]
    );
    let ecris = json["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "ecris")
        .unwrap();
    assert_eq!(ecris["trend"]["word"], "improved");
    assert_eq!(ecris["points"].as_array().unwrap().len(), 3);
    // The same history whatever the order of the files.
    let again = acquis(&[
        "history", &given[1], &given[2], &given[0], "--format", "json",
    ])
    .json();
    assert_eq!(json, again);
}

#[test]
fn history_in_every_format() {
    let files = [round("2024"), round("2023"), round("2025")];
    let text = acquis(&["history", &files[0], &files[1], &files[2]]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout
            .starts_with("XA Example Republic (fictional: describes no real country): 3 monitoring periods, 2023 → 2024 → 2025"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("↑ improved (+7.8 points; last round +6.5 points)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("2024 → 2025\n  new gaps (1)\n    unanswered → gap  eu-strategy-2020.s4.regional-victim-identification\n  gaps closed (2)\n    gap → partial  dir-2011-93.art10.records-for-recruitment\n    gap → partial  eu-strategy-2020.s4.ec3-and-europol-intelligence"),
        "{}",
        text.stdout
    );
    let md = acquis(&["history", &files[0], &files[1], &files[2], "--format", "md"]);
    assert!(
        md.stdout.contains("| Area | 2023 | 2024 | 2025 | Trend |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("### 2023 → 2024"), "{}", md.stdout);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("history.html");
    let html = acquis(&[
        "history",
        &files[0],
        &files[1],
        &files[2],
        "--format",
        "html",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(
        page.contains(
            "<th scope=\"col\">2023</th><th scope=\"col\">2024</th><th scope=\"col\">2025</th>"
        ),
        "{page}"
    );
    assert!(page.contains("Fictional jurisdiction."), "{page}");
}

#[test]
fn history_refuses_mixed_jurisdictions_naming_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let xb = edited(
        dir.path(),
        "xb.yaml",
        &[("jurisdiction: XA", "jurisdiction: XB")],
    );
    let run = acquis(&["history", &round("2023"), &xb]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("about 2 jurisdictions"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("xa-2023.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("XB: `"), "{}", run.stderr);
    assert!(run.stderr.contains("xb.yaml"), "{}", run.stderr);
}

#[test]
fn history_refuses_two_files_for_one_period() {
    let dir = tempfile::tempdir().unwrap();
    let copy = edited(dir.path(), "copy.yaml", &[]);
    let run = acquis(&["history", &round("2025"), &copy]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("are both for the period 2025"),
        "{}",
        run.stderr
    );
}

#[test]
fn history_never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = edited(dir.path(), "a.yaml", &[]);
    let before = std::fs::read_to_string(&a).unwrap();
    let run = acquis(&["history", &round("2024"), &a, "-o", &a]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), before);
}

fn shipped(name: &str) -> String {
    format!("{}/seeds/assessments/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn matrix_says_in_what_order_its_columns_are() {
    let files = [shipped("xc-2025.yaml"), shipped("xb-2025.yaml")];
    for format in ["md", "html"] {
        let alphabetical = acquis(&["matrix", &files[0], &files[1], "--format", format]);
        assert_eq!(alphabetical.code, 0, "{}", alphabetical.stderr);
        assert!(
            alphabetical.stdout.contains(
                "listed in alphabetical order of their code; the comparison does not rank countries"
            ),
            "{}",
            alphabetical.stdout
        );
        let ranked = acquis(&[
            "matrix", &files[0], &files[1], "--format", format, "--sort", "score",
        ]);
        assert!(
            !ranked.stdout.contains("alphabetical") && !ranked.stdout.contains("does not rank"),
            "{format}: --sort score is not alphabetical:\n{}",
            ranked.stdout
        );
        assert!(
            ranked
                .stdout
                .contains("ordered by overall score, highest first"),
            "{}",
            ranked.stdout
        );
    }
}

#[test]
fn a_fictional_jurisdiction_is_marked_in_its_column_header_and_on_every_page() {
    let files = [
        shipped("dk-2025-illustrative.yaml"),
        shipped("xa-2025.yaml"),
    ];
    let html = acquis(&["matrix", &files[0], &files[1], "--format", "html"]).stdout;
    // The printed page's margin box, so every page carries it.
    assert!(
        html.contains("@page { @top-left { content: \"Includes fictional jurisdictions (XA): invented examples that describe no real country · Illustrative, invented answers for DK\""),
        "{html}"
    );
    assert!(
        html.contains(">XA*<span class=\"fict\">fictional</span></th>"),
        "{html}"
    );
    assert!(
        !html.contains(">DK*"),
        "a real jurisdiction is not marked fictional"
    );
    let md = acquis(&["matrix", &files[0], &files[1]]).stdout;
    assert!(md.contains("| XA\\* (fictional) 2025 |"), "{md}");
    let real_only = acquis(&["matrix", &files[0], "--format", "html"]).stdout;
    // DK's example is real-country but illustrative: its own notice, not the fictional one.
    assert!(
        !real_only.contains("fictional jurisdictions"),
        "{real_only}"
    );
    assert!(
        real_only
            .contains("@page { @top-left { content: \"Illustrative, invented answers for DK\""),
        "{real_only}"
    );
}

#[test]
fn matrix_lists_binding_instruments_first_then_commitments_then_policy() {
    let csv = acquis(&["matrix", &shipped("xa-2025.yaml"), "--format", "csv"]).stdout;
    let md = acquis(&["matrix", &shipped("xa-2025.yaml")]).stdout;
    let forces: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("### "))
        .map(|l| {
            l.rsplit_once('(')
                .and_then(|(_, f)| f.strip_suffix(')'))
                .unwrap_or(l)
        })
        .collect();
    let mut sorted = forces.clone();
    sorted.sort_by_key(|f| {
        ["binding", "commitment", "policy"]
            .iter()
            .position(|x| x == f)
    });
    assert_eq!(forces, sorted, "{md}");
    assert_eq!(forces.first(), Some(&"binding"));
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    let mut unique = headings.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        headings.len(),
        "one table per instrument: {headings:?}"
    );
    assert_eq!(forces.last(), Some(&"policy"));
    // Articles as numbers: Art. 3 before Art. 14, in the CSV too.
    let rows: Vec<&str> = csv.lines().map(|l| l.split(',').next().unwrap()).collect();
    let at = |id: &str| rows.iter().position(|r| *r == id).unwrap();
    assert!(
        at("dir-2011-93.art3-2.witness-sexual-activities")
            < at("dir-2011-93.art14.non-prosecution-of-child-victims")
    );
}

/// The Markdown of `diff` and `history`, pinned; review changes with `cargo insta review`.
#[test]
fn markdown_diff_and_history_of_the_fictional_rounds() {
    let files = [
        "tests/fixtures/history/xa-2025.yaml",
        "tests/fixtures/history/xa-2023.yaml",
        "tests/fixtures/history/xa-2024.yaml",
    ];
    let diff = acquis(&["diff", files[2], files[0], "--format", "md"]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    insta::assert_snapshot!("diff-xa-2024-2025.md", diff.stdout);
    let history = acquis(&["history", files[0], files[1], files[2], "--format", "md"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    insta::assert_snapshot!("history-xa.md", history.stdout);
    let text = acquis(&["history", files[0], files[1], files[2]]);
    insta::assert_snapshot!("history-xa.txt", text.stdout);
}

#[test]
fn matrix_columns_name_their_period_when_periods_differ() {
    let one = acquis(&[
        "matrix",
        &shipped("xa-2025.yaml"),
        &shipped("xb-2025.yaml"),
        "--format",
        "html",
    ])
    .stdout;
    assert!(!one.contains("<span class=\"fict\">2025</span>"), "{one}");
    let two = acquis(&["matrix", &round("2023"), &round("2025"), "--format", "html"]).stdout;
    assert!(
        two.contains(
            ">XA*<span class=\"fict\">fictional</span><span class=\"fict\">2023</span></th>"
        ),
        "{two}"
    );
    assert!(
        two.contains("<span class=\"fict\">2025</span></th>"),
        "{two}"
    );
}
