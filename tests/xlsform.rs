//! `init --format xlsform` and `import FILE.csv`. The form is proved by pyxform's
//! `xls2xform --json` (PyPI; `.ci/run` installs it): it must convert with no warnings, and
//! refuse a form with a broken choice list. A synthetic submission in the Kobo and ODK Central
//! CSV styles must import and check to the same statuses as the YAML it was made from.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use acquis::load::FileSet;
use acquis::model::{AnswerValue, Assessment};
use acquis::ruleset::{self, RuleSet};
use common::{acquis, statuses};

fn rule_set() -> RuleSet {
    ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
        .expect("shipped rules load")
}

fn seed(name: &str) -> String {
    format!("{}/seeds/assessments/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// How an export tool names and separates columns.
#[derive(Clone, Copy)]
enum Style {
    /// KoboToolbox: `group/name`, `;` between fields, per-choice 0/1 columns of sets.
    Kobo,
    /// ODK Central: `group-name`, `,` between fields.
    Odk,
}

fn cell(value: Option<&AnswerValue>) -> String {
    match value {
        None => String::new(),
        Some(AnswerValue::Bool(b)) => b.to_string(),
        Some(AnswerValue::Int(i)) => i.to_string(),
        Some(AnswerValue::Text(t)) => t.clone(),
        Some(AnswerValue::Set(items)) if items.is_empty() => "none_of_these".into(),
        Some(AnswerValue::Set(items)) => items.join(" "),
    }
}

/// The CSV a tool would export for one submission of the form holding `a`'s answers.
fn submission(a: &Assessment, set: &RuleSet, style: Style) -> String {
    let j = set.jurisdiction(&a.jurisdiction).unwrap();
    let sep = match style {
        Style::Kobo => "/",
        Style::Odk => "-",
    };
    let mut columns: Vec<(String, String)> = match style {
        Style::Kobo => vec![
            ("start".into(), "2025-03-01T10:00:00.000+01:00".into()),
            ("end".into(), "2025-03-01T11:00:00.000+01:00".into()),
        ],
        Style::Odk => vec![("SubmissionDate".into(), "2025-03-01T10:00:00.000Z".into())],
    };
    columns.push(("jurisdiction".into(), a.jurisdiction.clone()));
    columns.push(("period".into(), a.period.clone()));
    columns.push((
        "prepared_by".into(),
        a.prepared_by.clone().unwrap_or_default(),
    ));
    columns.push(("date".into(), a.date.clone().unwrap_or_default()));
    for id in set.questions_for(j) {
        let q = &set.questionnaire.questions[id];
        let answer = a.answers.get(id);
        let head = format!("{}{sep}{}", q.section, q.key);
        let value = answer.and_then(|x| x.value.as_ref());
        columns.push((head.clone(), cell(value)));
        if let (Style::Kobo, acquis::model::QuestionType::Set { values }) = (style, &q.kind) {
            for v in values
                .iter()
                .chain(std::iter::once(&"none_of_these".to_owned()))
            {
                let chosen = matches!(value, Some(AnswerValue::Set(items)) if items.contains(v))
                    || (v == "none_of_these"
                        && matches!(value, Some(AnswerValue::Set(items)) if items.is_empty()));
                let shown = if value.is_none() {
                    ""
                } else if chosen {
                    "1"
                } else {
                    "0"
                };
                columns.push((format!("{head}/{v}"), shown.into()));
            }
        }
        columns.push((
            format!("{head}__evidence"),
            answer.and_then(|x| x.evidence.clone()).unwrap_or_default(),
        ));
        columns.push((
            format!("{head}__url"),
            answer.and_then(|x| x.url.clone()).unwrap_or_default(),
        ));
    }
    match style {
        Style::Kobo => {
            columns.push(("_id".into(), "4711".into()));
            columns.push(("_uuid".into(), "8f1c-…".into()));
            columns.push(("_submission_time".into(), "2025-03-01T10:00:00".into()));
            columns.push(("__version__".into(), "vxyz".into()));
        }
        Style::Odk => {
            columns.push(("meta-instanceID".into(), "uuid:1234".into()));
            columns.push(("KEY".into(), "uuid:1234".into()));
        }
    }
    let delimiter = match style {
        Style::Kobo => b';',
        Style::Odk => b',',
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    out.write_record(columns.iter().map(|(h, _)| h)).unwrap();
    out.write_record(columns.iter().map(|(_, v)| v)).unwrap();
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

fn read_yaml(set: &RuleSet, path: &str) -> Assessment {
    let bytes = std::fs::read(path).unwrap();
    acquis::questionnaire::read_assessment(path, &bytes, &set.questionnaire, &set.jurisdictions)
        .unwrap()
}

#[test]
fn a_submission_imports_and_checks_to_the_statuses_of_its_source() {
    let set = rule_set();
    let dir = tempfile::tempdir().unwrap();
    for name in ["xa-2025.yaml", "xb-2025.yaml"] {
        let source = seed(name);
        let a = read_yaml(&set, &source);
        let expected = statuses(&acquis(&["check", "--format", "json", &source]).json());
        for (style, tag) in [(Style::Kobo, "kobo"), (Style::Odk, "odk")] {
            let csv_path = dir.path().join(format!("{tag}-{name}.csv"));
            std::fs::write(&csv_path, submission(&a, &set, style)).unwrap();
            let out = dir.path().join(format!("{tag}-{name}"));
            let run = acquis(&[
                "import",
                &csv_path.display().to_string(),
                "-o",
                &out.display().to_string(),
            ]);
            assert_eq!(run.code, 0, "{tag} {name}: {}", run.stderr);
            let imported = out.display().to_string();
            let got = statuses(&acquis(&["check", "--format", "json", &imported]).json());
            assert_eq!(got, expected, "{tag} {name}");
            // The evidence comes along with the answers.
            let back = read_yaml(&set, &imported);
            for (id, answer) in &a.answers {
                if answer.value.is_some() {
                    let b = &back.answers[id];
                    assert_eq!(b.value, answer.value, "{tag} {name} {id}");
                    assert_eq!(b.evidence, answer.evidence, "{tag} {name} {id}");
                    assert_eq!(b.url, answer.url, "{tag} {name} {id}");
                }
            }
            assert_eq!(
                (back.prepared_by, back.date),
                (a.prepared_by.clone(), a.date.clone())
            );
        }
    }
}

#[test]
fn a_wrong_cell_is_named_by_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "jurisdiction,period,ecris-entitled_voluntary,ecris-request_channel,surprise\nXA,2025,Yes,carrier_pigeon,1\n";
    let path = common::write(dir.path(), "sub.csv", csv);
    let out = dir.path().join("sub.yaml");
    let run = acquis(&["import", &path, "-o", &out.display().to_string()]);
    assert_eq!(run.code, 2);
    for expected in [
        "row 2, column 3 (`ecris-entitled_voluntary`)",
        "XML values",
        "carrier_pigeon",
        "surprise",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    assert!(!out.exists());
    let two = common::write(
        dir.path(),
        "two.csv",
        "jurisdiction,period\nXA,2025\nXA,2024\n",
    );
    let run = acquis(&["import", &two, "-o", &out.display().to_string()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("more than one submission"),
        "{}",
        run.stderr
    );
    // In French: where, what is wrong and how to fix it.
    let run = acquis(&[
        "import",
        &path,
        "-o",
        &out.display().to_string(),
        "--lang",
        "fr",
    ]);
    assert_eq!(run.code, 2);
    for expected in [
        "ligne 2, colonne 3 (`ecris-entitled_voluntary`)\u{a0}: `ecris.entitled_voluntary` attend `true` ou `false`, et non `Yes`",
        "exportez avec les valeurs XML (les noms des choix), et non les libellés",
        "`carrier_pigeon` n'est pas une réponse autorisée à `ecris.request_channel`",
        "colonne absente de ce questionnaire\u{a0}: surprise",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    let run = acquis(&[
        "import",
        &two,
        "-o",
        &out.display().to_string(),
        "--lang",
        "fr",
    ]);
    assert!(
        run.stderr
            .contains("l'export contient plus d'une soumission"),
        "{}",
        run.stderr
    );
}

/// The form's sheets, as pyxform reads them, through the xlsx bytes (tested below too).
fn form(dir: &Path, code: &str) -> String {
    let path = dir.join(format!("{code}.xlsform.xlsx"));
    let run = acquis(&[
        "init",
        "--jurisdiction",
        code,
        "--period",
        "2025",
        "--format",
        "xlsform",
        "-o",
        &path.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    path.display().to_string()
}

/// pyxform's verdict: (code, message, warnings) of `xls2xform --json`; fails (never skips)
/// when pyxform is not installed.
fn xls2xform(form: &str, dir: &Path) -> serde_json::Value {
    let out = Command::new("xls2xform")
        .arg("--json")
        .arg(form)
        .arg(dir.join("form.xml"))
        .output()
        .expect("xls2xform is not installed: `pip install pyxform` (.ci/run does)");
    // pyxform answers on stderr (its logging), some versions on stdout.
    let answer = if out.stdout.trim_ascii().is_empty() {
        &out.stderr
    } else {
        &out.stdout
    };
    serde_json::from_slice(answer).unwrap_or_else(|e| {
        panic!(
            "xls2xform did not answer in JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The same xlsx with one shared string replaced, to break the form on purpose.
fn replace_string(path: &str, from: &str, to: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut replaced = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name.ends_with("sharedStrings.xml") {
            let text = String::from_utf8(content).unwrap();
            replaced = text.contains(from);
            content = text.replacen(from, to, 1).into_bytes();
        }
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, stored).unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(replaced, "`{from}` is in the form");
    let broken = format!("{path}.broken.xlsx");
    std::fs::write(&broken, out.finish().unwrap().into_inner()).unwrap();
    broken
}

#[test]
#[ignore = "needs pyxform (PyPI: xls2xform)"]
fn pyxform_converts_the_form_with_no_warning_and_refuses_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["XA", "DK", "SI"] {
        let verdict = xls2xform(&form(dir.path(), code), dir.path());
        assert_eq!(verdict["code"], 100, "{code}: {verdict}");
        assert_eq!(
            verdict["warnings"],
            serde_json::json!([]),
            "{code}: {verdict}"
        );
    }
    let xml = std::fs::read_to_string(dir.path().join("form.xml")).unwrap();
    for expected in [
        "select1",
        "<select ",
        "relevant=",
        "constraint=",
        "jr:constraintMsg",
    ] {
        assert!(xml.contains(expected), "the XForm has {expected}");
    }
    // The validator bites: a select from a list the choices sheet does not have.
    let broken = replace_string(
        &dir.path().join("XA.xlsform.xlsx").display().to_string(),
        "select_one yes_no",
        "select_one no_such_list",
    );
    let verdict = xls2xform(&broken, dir.path());
    assert_ne!(verdict["code"], 100, "{verdict}");
    assert!(
        verdict["message"]
            .as_str()
            .unwrap()
            .contains("no_such_list"),
        "{verdict}"
    );
}
