//! Evaluator outputs: CSV, Markdown escaping, templates, matrix, diff, waivers.

mod common;

use common::{acquis, write};

const HEAD: &str = "acquis: assessment/1\nperiod: \"2025\"\nanswers:\n  ecris:\n";

fn file(
    dir: &std::path::Path,
    name: &str,
    jurisdiction: &str,
    period: &str,
    ecris: &str,
) -> String {
    let text = format!(
        "{}jurisdiction: {jurisdiction}\n",
        HEAD.replace("\"2025\"", &format!("\"{period}\""))
    )
    .replace("answers:\n  ecris:\n", "")
        + "answers:\n  ecris:\n"
        + ecris;
    write(dir, name, &text)
}

#[test]
fn csv_has_one_row_per_assessment_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(
        dir.path(),
        "a.yaml",
        "XA",
        "2025",
        "    entitled_professional: true\n    entitled_voluntary:\n      value: false\n      evidence: \"Act 1, s. 2, employees only\"\n",
    );
    let b = file(
        dir.path(),
        "b.yaml",
        "DK",
        "2025",
        "    vetting_duty: [employer_requests_record]\n",
    );
    let run = acquis(&["check", &a, &b, "--format", "csv", "--fail-on", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "jurisdiction",
            "period",
            "rule",
            "title",
            "instrument",
            "force",
            "area",
            "severity",
            "status",
            "raw_status",
            "missing",
            "evidence",
            "sources",
            "recommendation",
            "grade"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let rules = acquis(&["rules", "list"]).stdout.lines().count() - 2;
    assert_eq!(rows.len(), 2 * rules);
    let row = rows
        .iter()
        .find(|r| &r[1] == "XA" && &r[3] == "dir-2011-93.art10.records-for-recruitment")
        .unwrap();
    assert_eq!(&row[9], "partial");
    assert_eq!(&row[6], "binding");
    assert_eq!(
        &row[12], "ecris.entitled_voluntary: Act 1, s. 2, employees only",
        "evidence with a comma survives"
    );
    assert!(row[13].contains("directive-2011-93 Art. 10(2)"));
    let dk = rows
        .iter()
        .find(|r| &r[1] == "DK" && &r[3] == "dir-2011-93.art10.records-for-recruitment")
        .unwrap();
    assert_eq!(&dk[9], "not_applicable");
}

#[test]
fn markdown_escapes_what_coordinators_write() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(
        dir.path(),
        "a.yaml",
        "XA",
        "2025",
        "    entitled_professional:\n      value: false\n      evidence: \"**bold** | pipe [link](http://x) <script>\"\n    entitled_voluntary: false\n",
    );
    let run = acquis(&["check", &a, "--format", "md", "--fail-on", "never"]);
    assert!(
        run.stdout
            .contains("\\*\\*bold\\*\\* \\| pipe \\[link\\](http://x) \\<script\\>"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("<script>"));
}

#[test]
fn a_template_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(
        dir.path(),
        "a.yaml",
        "XA",
        "2025",
        "    entitled_professional: true\n    entitled_voluntary: true\n",
    );
    let template = write(
        dir.path(),
        "mine.md.j2",
        "{{ r.jurisdiction }} {{ r.period }}: {{ r.overall.score }}, {{ r.sections[0].rules | length }} gaps\n",
    );
    let run = acquis(&[
        "check",
        &a,
        "--format",
        "md",
        "--template",
        &template,
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout, "XA 2025: 100% (provisional), 0 gaps\n",
        "2 answers"
    );
    let broken = write(dir.path(), "broken.md.j2", "{% for x in %}\n");
    let run = acquis(&["check", &a, "--format", "md", "--template", &broken]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("does not parse"), "{}", run.stderr);
}

#[test]
fn html_is_one_document_per_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", "XA", "2025", "");
    let b = file(dir.path(), "b.yaml", "XB", "2025", "");
    let run = acquis(&["check", &a, &b, "--format", "html"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("acquis matrix"), "{}", run.stderr);
}

#[test]
fn matrix_orders_columns_alphabetically_unless_asked_to_rank() {
    let root = env!("CARGO_MANIFEST_DIR");
    let files: Vec<String> = ["xc-2025.yaml", "xb-2025.yaml", "xa-2025.yaml"]
        .iter()
        .map(|f| format!("{root}/seeds/assessments/{f}"))
        .collect();
    let mut args = vec!["matrix", "--format", "csv"];
    args.extend(files.iter().map(String::as_str));
    let run = acquis(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let header = run.stdout.lines().next().unwrap().to_owned();
    assert_eq!(header, "rule,title,instrument,area,XA 2025,XB 2025,XC 2025");
    args.extend(["--sort", "score"]);
    let ranked = acquis(&args);
    assert_eq!(
        ranked.stdout.lines().next().unwrap(),
        "rule,title,instrument,area,XB 2025,XA 2025,XC 2025",
        "strong, typical, weak"
    );
    let md = acquis(&["matrix", &files[0], &files[1]]);
    assert!(md.stdout.contains("## Scores by area"), "{}", md.stdout);
    assert!(
        md.stdout
            .contains("| Criminal record checks for work with children (ECRIS) |"),
        "{}",
        md.stdout
    );
}

#[test]
fn diff_shows_closed_and_new_gaps_and_newly_answered_questions() {
    let dir = tempfile::tempdir().unwrap();
    let old = file(
        dir.path(),
        "old.yaml",
        "XA",
        "2024",
        "    entitled_professional: false\n    entitled_voluntary: false\n    vetting_duty: [employer_requests_record]\n    vetting_roles: [staff, volunteers]\n    vetting_legal_form: legislation\n",
    );
    let new = file(
        dir.path(),
        "new.yaml",
        "XA",
        "2025",
        "    entitled_professional: true\n    entitled_voluntary: true\n    vetting_duty: []\n    vetting_roles: [staff, volunteers]\n    vetting_legal_form: legislation\n    request_channel: ecris\n",
    );
    let json = acquis(&["diff", &old, &new, "--format", "json"]).json();
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["rule"]
                    .as_str()
                    .unwrap_or(c["question"].as_str().unwrap_or(""))
                    .to_owned()
            })
            .collect()
    };
    assert!(
        ids("closed_gaps").contains(&"dir-2011-93.art10.records-for-recruitment".to_owned()),
        "{json}"
    );
    assert!(
        ids("new_gaps").contains(&"cc-2019.para16.comprehensive-vetting".to_owned()),
        "{json}"
    );
    assert_eq!(
        json["newly_answered"][0]["question"],
        "ecris.request_channel"
    );
    assert_eq!(json["changed_answers"].as_array().unwrap().len(), 3);
    assert_eq!(json["old_period"], "2024");
    let text = acquis(&["diff", &old, &new]);
    assert!(text.stdout.contains("Gaps closed (1)"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("gap → met  dir-2011-93.art10.records-for-recruitment"),
        "{}",
        text.stdout
    );
    let md = acquis(&["diff", &old, &new, "--format", "md"]);
    assert!(
        md.stdout
            .starts_with("# XA Example Republic: changes from 2024 to 2025"),
        "{}",
        md.stdout
    );
    let other = file(dir.path(), "other.yaml", "XB", "2025", "");
    let mixed = acquis(&["diff", &old, &other]);
    assert_eq!(mixed.code, 2);
    assert!(
        mixed.stderr.contains("two periods of one jurisdiction"),
        "{}",
        mixed.stderr
    );
}

#[test]
fn a_waiver_without_reason_or_approver_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", "XA", "2025", "");
    let waivers = write(
        dir.path(),
        "w.yaml",
        "- { rule: cc-2019.para16.comprehensive-vetting, jurisdiction: XA, until: 2030-01-01 }\n",
    );
    let run = acquis(&["check", &a, "--waivers", &waivers]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "{waivers}:1:3: error: a waiver is missing the required field `reason`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("missing the required field `approved_by`"),
        "{}",
        run.stderr
    );
}

fn example(name: &str) -> String {
    format!("{}/seeds/assessments/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_headline_is_the_score_on_binding_law_with_the_other_forces_beside_it() {
    let xa = example("xa-2025.yaml");
    let json = acquis(&["check", &xa, "--format", "json", "--fail-on", "never"]).json();
    let pct = |x: &serde_json::Value| format!("{:.0}%", x.as_f64().unwrap() * 100.0);
    let binding = pct(&json["summary"]["by_force"]["binding"]["score"]);
    let overall = pct(&json["summary"]["score"]);
    assert_ne!(binding, overall, "the example tells the two apart");
    let md = acquis(&["check", &xa, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(
        md.contains(&format!("Score on binding law **{binding}**")),
        "{md}"
    );
    assert!(md.contains("political commitments "), "{md}");
    assert!(md.contains("Scores are given per legal force"), "{md}");
    let text = acquis(&["check", &xa, "--fail-on", "never"]).stdout;
    assert!(
        text.contains(&format!("score on binding law {binding} ")),
        "{text}"
    );
    assert!(!text.contains(&format!("score {overall}")), "{text}");
    let html = acquis(&["check", &xa, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains(&format!("Score on binding law <strong>{binding}</strong>")),
        "{html}"
    );
    assert!(!md.contains("provisional"), "XA is 94% complete");
}

#[test]
fn a_score_on_few_answers_is_provisional_never_bare() {
    let dir = tempfile::tempdir().unwrap();
    // Two answers: the one rule they decide is met, so the score is 100% on almost nothing.
    let a = file(
        dir.path(),
        "a.yaml",
        "XA",
        "2025",
        "    entitled_professional: true\n    entitled_voluntary: true\n",
    );
    let json = acquis(&["check", &a, "--format", "json", "--fail-on", "never"]).json();
    let binding = &json["summary"]["by_force"]["binding"];
    assert!(binding["completeness"].as_f64().unwrap() < 0.6, "{binding}");
    assert_eq!(binding["score"], 1.0);
    let md = acquis(&["check", &a, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(
        md.contains("Score on binding law **100% (provisional)**"),
        "{md}"
    );
    assert!(md.contains("> **⚠ Provisional: only "), "{md}");
    let text = acquis(&["check", &a, "--fail-on", "never"]).stdout;
    assert!(
        text.contains("score on binding law 100% (provisional)"),
        "{text}"
    );
    assert!(text.contains("Provisional: only"), "{text}");
    let html = acquis(&["check", &a, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains("<strong>100% (provisional)</strong>"),
        "{html}"
    );
    assert!(
        !html.contains("<strong>100%</strong>"),
        "never a bare score"
    );
}

#[test]
fn a_source_that_does_not_bind_the_jurisdiction_is_marked_in_every_format() {
    let dk = example("dk-2025-illustrative.yaml");
    let rule = "cc-2019.para16.comprehensive-vetting";
    let json = acquis(&["check", &dk, "--format", "json", "--fail-on", "never"]).json();
    assert_eq!(common::result(&json, rule)["status"], "gap", "{json}");
    let md = acquis(&["check", &dk, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(
        md.contains("| Transposition of Directive 2011/93/EU | – Not applicable | n/a | n/a |"),
        "an area no rule applies to is not applicable, not undecided: {md}"
    );
    assert!(
        md.contains("Directive 2011/93/EU, Art. 10(2) (does not bind DK)"),
        "{md}"
    );
    let html = acquis(&["check", &dk, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains("EU, Art. 10(2) <span class=\"not-binding\">(does not bind DK)</span>"),
        "{html}"
    );
    let text = acquis(&["check", &dk, "--fail-on", "never"]).stdout;
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Directive 2011/93/EU, Art. 10(2) (does not bind DK)"),
        "{text}"
    );
    let csv = acquis(&["check", &dk, "--format", "csv", "--fail-on", "never"]).stdout;
    assert!(
        csv.lines()
            .any(|l| l.contains(rule)
                && l.contains("directive-2011-93 Art. 10(2) (does not bind DK)")),
        "{csv}"
    );
    let explain = acquis(&["explain", rule, &dk]).stdout;
    assert!(
        explain.contains("Directive 2011/93/EU, Art. 10(2) (does not bind DK)"),
        "{explain}"
    );
    // The instruments that do bind DK are cited as they are.
    assert!(
        md.contains("Council conclusions 12326/19, para 16: "),
        "{md}"
    );
    // A jurisdiction the Directive binds sees no such note.
    let xa = acquis(&[
        "check",
        &example("xa-2025.yaml"),
        "--format",
        "md",
        "--fail-on",
        "never",
    ]);
    assert!(!xa.stdout.contains("does not bind"), "{}", xa.stdout);
}

#[test]
fn page_one_is_the_verdict_and_the_file_details_come_last() {
    let xa = example("xa-2025.yaml");
    let md = acquis(&["check", &xa, "--format", "md", "--fail-on", "never"]).stdout;
    let at = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in {md}"))
    };
    assert!(at("## Summary") < at("## ✗ Gaps"));
    // The verdict counts what the results JSON counts for binding law.
    let json = acquis(&["check", &xa, "--format", "json", "--fail-on", "never"]).json();
    let binding = &json["summary"]["by_force"]["binding"];
    let n = |k: &str| binding[k].as_u64().unwrap();
    let high = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "gap" && r["force"] == "binding" && r["severity"] == "high")
        .count();
    let verdict = format!(
        "Of the {} binding obligations decided for Example Republic, {} are met, {} partly met and {} not met ({high} of them of high severity).",
        n("met") + n("partial") + n("gap"),
        n("met"),
        n("partial"),
        n("gap")
    );
    assert!(md.contains(&format!("**{verdict}**")), "{verdict}\n{md}");
    // The most urgent items: binding gaps of high severity, in the rule set's citation order.
    let urgent = &md[at("### Most urgent")..at("| Area | Status |")];
    let expected: Vec<&str> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "gap" && r["force"] == "binding" && r["severity"] == "high")
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(expected.len(), 9);
    let listed: Vec<&str> = urgent
        .lines()
        .filter_map(|l| l.split_once(". ").map(|(_, t)| t))
        // Each item carries its recommendation number first: "R3 · title".
        .map(|t| t.split_once(" · ").map_or(t, |(_, t)| t))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(listed.len(), expected.len(), "{urgent}");
    for (line, title) in listed.iter().zip(&expected) {
        assert!(line.starts_with(title), "{line} / {title}");
    }
    assert!(
        urgent.contains("(Directive 2011/93/EU, Art. 3(3))"),
        "each item cites its article: {urgent}"
    );
    // A traffic light per area, with a symbol and a word, not colour alone.
    assert!(
        md.contains(
            "| Transposition of Directive 2011/93/EU | ● On track | 100% | 100% | 1 · 0 · 0 · 0 |"
        ),
        "{md}"
    );
    assert!(md.contains("| ▲ Action needed |"), "{md}");
    assert!(md.contains("| ◆ Attention |"), "{md}");
    // The digest and the file details are at the end, after every section.
    assert!(at("## About this report") > at("## ✓ Met"));
    assert!(at("sha256:") > at("## About this report"));
    // Empty sections are left out.
    for empty in ["! Errors", "⊘ Waived", "– Not applicable"] {
        assert!(
            !md.contains(&format!("## {empty}")),
            "{empty} is empty for XA"
        );
    }
    let undecided = json["summary"]["unanswered"].as_u64().unwrap()
        + json["summary"]["error"].as_u64().unwrap();
    assert!(undecided > 1);
    assert!(
        md.contains(&format!("**draft: {undecided} rules still undecided**")),
        "{md}"
    );
    let html = acquis(&["check", &xa, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains("@top-left { content: \"Example Republic (XA) · 2025 · gap report, draft · fictional example\"; }"),
        "running header: {html}"
    );
    assert!(html.contains("counter(page) \" of \" counter(pages)"));
    let text = acquis(&["check", &xa, "--fail-on", "never"]).stdout;
    // The terminal text is wrapped: compare it as one line.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&verdict), "{text}");
}

#[test]
fn a_complete_assessment_is_final_and_an_area_without_decisions_is_not_decided() {
    // The frozen set's XB answers every question of that set; the shipped XB need not
    // answer a question added after it was written (#16).
    let set = "tests/fixtures/snapshot-set";
    let rules = format!("{set}/rules");
    let xb = format!("{set}/assessments/xb-2025.yaml");
    let md = acquis(&[
        "check",
        "--rules",
        &rules,
        &xb,
        "--format",
        "md",
        "--fail-on",
        "never",
    ])
    .stdout;
    assert!(
        md.contains("**final: every applicable rule decided**"),
        "{md}"
    );
    let dir = tempfile::tempdir().unwrap();
    let a = file(
        dir.path(),
        "a.yaml",
        "XA",
        "2025",
        "    entitled_professional: true\n    entitled_voluntary: true\n",
    );
    let md = acquis(&["check", &a, "--format", "md", "--fail-on", "never"]).stdout;
    assert!(md.contains("| ○ Not decided | n/a |"), "{md}");
    assert!(!md.contains("### Most urgent"), "no urgent gap: {md}");
}

#[test]
fn each_gap_says_which_answer_caused_it_and_why_in_words() {
    let xa = example("xa-2025.yaml");
    let md = acquis(&["check", &xa, "--format", "md", "--fail-on", "never"]).stdout;
    let entry = md
        .split("\n### ")
        .find(|e| e.contains("`dir-2011-93.art3-5-iii.coercion`"))
        .unwrap();
    assert!(
        entry.contains(
            "**Why.** maximum term for coercion above age of consent: 3 years; at least 5 years required."
        ),
        "{entry}"
    );
    // The answer that caused the partial is ✗, the one that meets its requirement ✓.
    assert!(entry.contains("| ✗ 3 |"), "{entry}");
    assert!(entry.contains("| ✓ 12 |"), "{entry}");
    // Met rules carry no marks and no Why.
    let met = &md[md.find("## ✓ Met").unwrap()..];
    assert!(!met.contains("**Why.**"));
    let html = acquis(&["check", &xa, "--format", "html", "--fail-on", "never"]).stdout;
    assert!(
        html.contains("<span class=\"mark\" aria-hidden=\"true\">✗</span><span class=\"sr\">(does not meet the requirement)</span> 3"),
        "{html}"
    );
    let explain = acquis(&["explain", "dir-2011-93.art3-5-iii.coercion", &xa]).stdout;
    assert!(
        explain.contains("✗ maximum term for coercion above age of consent: 3 years; at least 5 years required — 2.10"),
        "{explain}"
    );
    assert!(
        explain.contains("✓ maximum term for coercion below age of consent: 12 years (at least 10 years required)"),
        "{explain}"
    );
    assert!(!explain.contains("is false"), "{explain}");
}

#[test]
fn why_follows_negation() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  governance:\n    directive_infringement_open: true\n",
    );
    // `!a.governance.directive_infringement_open`: "yes" fails because "no" is required.
    let explain = acquis(&[
        "explain",
        "eu-strategy-2020.s1.directive-implementation-complete",
        &a,
    ]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    assert!(
        explain
            .stdout
            .contains("✗ directive infringement open: yes; no required"),
        "{}",
        explain.stdout
    );
}

#[test]
fn findings_are_numbered_in_citation_order_and_graded_by_force_and_severity() {
    let xa = example("xa-2025.yaml");
    let json = acquis(&["check", &xa, "--format", "json", "--fail-on", "never"]).json();
    let results = json["results"].as_array().unwrap();
    let mut n = 0;
    let mut grades = std::collections::BTreeSet::new();
    for r in results {
        let finding = r["status"] == "gap" || r["status"] == "partial";
        if !finding {
            assert!(
                r.get("recommendation").is_none() && r.get("grade").is_none(),
                "{r}"
            );
            continue;
        }
        n += 1;
        assert_eq!(r["recommendation"], format!("R{n}"), "{r}");
        let expected = match (
            r["force"].as_str().unwrap(),
            r["severity"].as_str().unwrap(),
        ) {
            ("binding", "high") => "urges",
            ("binding", _) => "requests",
            ("commitment", _) => "invites",
            _ => "encourages",
        };
        assert_eq!(r["grade"], expected, "{r}");
        grades.insert(expected);
    }
    assert_eq!(n, 40);
    assert_eq!(grades.len(), 4, "XA has every grade: {grades:?}");
    let md = acquis(&["check", &xa, "--format", "md", "--fail-on", "never"]).stdout;
    let list =
        &md[md.find("## Recommendations (40)").unwrap()..md.find("## About this report").unwrap()];
    assert!(
        list.contains("| R3 | Example Republic is urged to make causing a child below the age of sexual consent to witness sexual abuse, for sexual purposes, even without having to participate, a criminal offence with a maximum penalty of at least 2 years of imprisonment. | Directive 2011/93/EU, Art. 3(3) | |"),
        "{list}"
    );
    assert_eq!(list.matches("\n| R").count(), 40, "{list}");
    assert!(list.contains(" is requested to "), "{list}");
    assert!(list.contains(" is invited to "), "{list}");
    assert!(list.contains(" is encouraged to "), "{list}");
    assert!(
        md.contains("### R3 · ✗ Gap: Making a child witness sexual abuse"),
        "each finding carries its number"
    );
    assert!(
        md.contains("**Recommendation R3.** Example Republic is urged to make"),
        "{md}"
    );
    let csv = acquis(&["check", &xa, "--format", "csv", "--fail-on", "never"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[3] == "dir-2011-93.art3-3.witness-sexual-abuse")
        .unwrap();
    assert_eq!((&row[14], &row[15]), ("R3", "urges"));
    let text = acquis(&["check", &xa, "--fail-on", "never"]).stdout;
    assert!(
        text.contains(
            "  ✗ R3 urges · high severity · binding law\n    Making a child witness sexual abuse"
        ) && text.contains("    rule dir-2011-93.art3-3.witness-sexual-abuse\n"),
        "{text}"
    );
}
