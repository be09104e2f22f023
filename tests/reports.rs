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
            "sources"
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
        "    entitled_professional:\n      value: false\n      evidence: \"**bold** | pipe [link](http://x) <script>\"\n",
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
    assert_eq!(run.stdout, "XA 2025: 100%, 0 gaps\n");
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
        md.stdout.starts_with("# XA: changes from 2024 to 2025"),
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
