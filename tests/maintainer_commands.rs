//! `acquis rules list | show | coverage | test` as a maintainer uses them.

mod common;

use common::{acquis, fixture, write};

#[test]
fn list_shows_a_table_and_filters() {
    let run = acquis(&[
        "rules",
        "list",
        "--instrument",
        "cc-2019",
        "--severity",
        "high",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("id") && lines[0].contains("instrument") && lines[0].contains("force"),
        "{}",
        lines[0]
    );
    let rows = &lines[1..lines.len() - 1];
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.starts_with("cc-2019."), "{row}");
        assert!(
            row.contains(" high ") && row.ends_with("commitment"),
            "{row}"
        );
    }
    let count = if rows.len() == 1 {
        "1 rule".to_owned()
    } else {
        format!("{} rules", rows.len())
    };
    assert_eq!(lines.last().unwrap(), &count);
    let area = acquis(&["rules", "list", "--area", "ecris"]);
    assert!(
        area.stdout
            .contains("dir-2011-93.art10.records-for-recruitment")
    );
    assert!(
        !area.stdout.contains("dir-2011-93.art22."),
        "{}",
        area.stdout
    );
}

#[test]
fn show_prints_the_whole_rule() {
    let run = acquis(&["rules", "show", "cc-2019.para16.comprehensive-vetting"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "Everyone working with children, volunteers included, is vetted before recruitment",
        "Obligation",
        "Council conclusions 12326/19, para 16",
        "\u{201c}the comprehensive vetting of all professionals and volunteers",
        "a.ecris.vetting_roles.contains_all([\"staff\", \"volunteers\"])",
        "ecris.vetting_roles",
        "Whom does that requirement to check cover?",
        "required for staff only → partial",
    ] {
        assert!(
            run.stdout.contains(part),
            "missing {part:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn show_an_unknown_rule_suggests_the_closest() {
    let run = acquis(&["rules", "show", "cc-2019.para16.comprehensive-veting"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("did you mean `cc-2019.para16.comprehensive-vetting`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn coverage_lists_every_numbered_paragraph_and_who_cites_it() {
    let run = acquis(&["rules", "coverage"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("cc-2019 — "), "{}", run.stdout);
    assert!(run.stdout.contains("para 22"), "{}", run.stdout);
    assert!(
        run.stdout.contains("cc-2019.para22.icse-participation"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("no obligation: Describes the harm"),
        "{}",
        run.stdout
    );
    let json = run_json(&["rules", "coverage", "--format", "json"]);
    let texts = json.as_array().unwrap();
    let docs: Vec<&str> = texts.iter().map(|t| t["doc"].as_str().unwrap()).collect();
    assert_eq!(
        docs,
        [
            "cc-2019",
            "eu-strategy-2020",
            "brdo-2021",
            "global-alliance-2012",
            "endocsea-2019"
        ]
    );
    let cc = &texts[0];
    assert_eq!(
        cc["units"].as_array().unwrap().len(),
        25,
        "cc-2019 has 25 paragraphs"
    );
    for t in texts {
        assert_eq!(
            t["percent"],
            serde_json::json!(100.0),
            "{} leaves a paragraph uncited",
            t["doc"]
        );
    }
    let md = acquis(&["rules", "coverage", "--format", "md"]);
    assert!(
        md.stdout.contains("| part | rules | note |"),
        "{}",
        md.stdout
    );
}

#[test]
fn coverage_reports_uncited_paragraphs() {
    // The lint fixture covers cc-2019 with a handful of rules citing para 16 only.
    let run = acquis(&[
        "rules",
        "coverage",
        "--rules",
        &fixture("lint"),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let cc = &json[0];
    assert_eq!(cc["cited"], 1);
    assert_eq!(cc["countable"], 25);
    assert_eq!(cc["percent"], serde_json::json!(4.0));
    let text = acquis(&["rules", "coverage", "--rules", &fixture("lint")]);
    assert!(
        text.stdout.contains("uncited: para 1, para 2"),
        "{}",
        text.stdout
    );
}

fn run_json(args: &[&str]) -> serde_json::Value {
    acquis(args).json()
}

#[test]
fn rules_test_reports_a_failing_example_with_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("logic"))).unwrap();
    write(dir.path(), "questions/s.yaml", &questions);
    let file = write(
        dir.path(),
        "cc-2019/x.yaml",
        "id: cc-2019.para16.x\ntitle: X\ninstrument: cc-2019\narea: logic\nseverity: low\nobligation: O.\nsources: [{ doc: cc-2019, ref: para 16 }]\nremedy: R.\ncheck: a.s.x\nexamples:\n  - name: right\n    answers: { s: { x: true } }\n    expect: met\n  - name: wrong on purpose\n    answers: { s: { x: false, n: 2 } }\n    expect: met\n",
    );
    let run = acquis(&[
        "rules",
        "test",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(&format!(
            "FAIL cc-2019.para16.x — example \"wrong on purpose\" ({file}:14:5)"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("expected: met\n  actual:   gap"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("input: s.x = false"), "{}", run.stdout);
    assert!(run.stdout.contains("input: s.n = 2"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("1 passed, 1 failed\n"),
        "{}",
        run.stdout
    );
}
