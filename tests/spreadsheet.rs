//! The spreadsheet path: a workbook written by `init --format xlsx`, filled in as a
//! coordinator would (cells written by a small helper that edits the workbook's XML),
//! imported back; the round trip of an answered assessment; cell-named errors; a
//! workbook of another questionnaire version; and LibreOffice reading what we write.

mod common;
mod workbook_support;

use std::path::Path;
use std::process::Command;

use common::{acquis, check_json};
use workbook_support::fill;

fn answers_of(yaml: &Path) -> serde_json::Value {
    let json = check_json(&[&yaml.display().to_string()]);
    let mut inputs = serde_json::Map::new();
    for r in json["results"].as_array().unwrap() {
        for (k, v) in r["inputs"].as_object().unwrap() {
            inputs.insert(k.clone(), v.clone());
        }
    }
    serde_json::Value::Object(inputs)
}

#[test]
fn a_blank_workbook_filled_in_imports_to_the_answers_meant() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    fill(
        &book,
        &[
            ("Cover", "Prepared by", 'B', "Ministry of Justice"),
            ("Cover", "Date (YYYY-MM-DD)", 'B', "2025-03-14"),
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_professional",
                'C',
                "yes",
            ),
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_voluntary",
                'C',
                "no",
            ),
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_voluntary",
                'D',
                "Criminal Records Act, s. 12",
            ),
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_voluntary",
                'E',
                "https://example.org/act",
            ),
            (
                "Investigation, reporting",
                "investigation.data_retention",
                'C',
                "without_safeguards",
            ),
            ("Victim identification", "icse.certified_users", 'C', "12"),
            (
                "Prevention programmes",
                "prevention.awareness_topics=online_grooming",
                'C',
                "yes",
            ),
            (
                "Prevention programmes",
                "prevention.awareness_topics=peer_abuse",
                'C',
                "yes",
            ),
            (
                "Prevention programmes",
                "prevention.awareness_topics=circle_of_trust",
                'C',
                "no",
            ),
            (
                "Prevention programmes",
                "prevention.awareness_topics=self_generated_images",
                'C',
                "no",
            ),
        ],
    );
    let yaml = dir.path().join("xa.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(
        text.contains("prepared_by: \"Ministry of Justice\"\ndate: 2025-03-14\n"),
        "{text}"
    );
    assert!(
        text.contains("    entitled_voluntary:\n      value: false\n      evidence: \"Criminal Records Act, s. 12\"\n      url: \"https://example.org/act\"\n"),
        "{text}"
    );
    assert_eq!(
        answers_of(&yaml),
        serde_json::json!({
            "ecris.entitled_professional": true,
            "ecris.entitled_voluntary": false,
            "investigation.data_retention": "without_safeguards",
            "icse.certified_users": 12,
            "prevention.awareness_topics": ["online_grooming", "peer_abuse"],
        })
    );
    // `check` reads the workbook directly, to the same results.
    let direct = acquis(&[
        "check",
        &book.display().to_string(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ])
    .json();
    let imported = acquis(&[
        "check",
        &yaml.display().to_string(),
        "--format",
        "json",
        "--fail-on",
        "never",
    ])
    .json();
    assert_eq!(direct["summary"], imported["summary"]);
}

#[test]
fn an_answered_assessment_survives_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let original = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--from",
        &original,
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = dir.path().join("back.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(answers_of(&yaml), answers_of(Path::new(&original)));
    let diff = acquis(&[
        "diff",
        &original,
        &yaml.display().to_string(),
        "--format",
        "json",
    ])
    .json();
    for key in [
        "closed_gaps",
        "new_gaps",
        "other_changes",
        "newly_answered",
        "changed_answers",
        "no_longer_answered",
    ] {
        assert_eq!(diff[key], serde_json::json!([]), "{key}");
    }
    // Evidence comes back too.
    let back = std::fs::read_to_string(&yaml).unwrap();
    assert!(back.contains("evidence: \"Criminal Records Act"), "{back}");
}

#[test]
fn wrong_cells_are_named_by_sheet_and_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    fill(
        &book,
        &[
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_professional",
                'C',
                "maybe",
            ),
            (
                "Investigation, reporting",
                "investigation.data_retention",
                'C',
                "with_safeguard",
            ),
            (
                "Victim identification",
                "icse.certified_users",
                'C',
                "999999",
            ),
            (
                "Prevention programmes",
                "prevention.awareness_topics=peer_abuse",
                'C',
                "often",
            ),
        ],
    );
    let yaml = dir.path().join("xa.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(!yaml.exists(), "nothing written");
    for message in [
        "'Criminal record checks (ECRIS)'!C3: \"maybe\" is not one of yes, no",
        "'Investigation, reporting'!C17: `with_safeguard` is not an allowed answer to `investigation.data_retention`",
        "did you mean `With safeguards`?",
        "'Victim identification'!C3: `icse.certified_users` is 999999, outside the allowed range",
        ": \"often\" is not one of yes, no",
    ] {
        assert!(
            run.stderr.contains(message),
            "missing {message:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("4 errors"),
        "all errors at once:\n{}",
        run.stderr
    );
}

#[test]
fn a_workbook_of_another_questionnaire_version_imports_what_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("old.xlsx");
    acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2024",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    // A question renamed since the workbook was written.
    fill(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.entitled_voluntary",
            'A',
            "ecris.voluntary_entitlement",
        )],
    );
    fill(
        &book,
        &[
            (
                "Criminal record checks (ECRIS)",
                "ecris.entitled_professional",
                'C',
                "yes",
            ),
            (
                "Criminal record checks (ECRIS)",
                "ecris.voluntary_entitlement",
                'C',
                "no",
            ),
        ],
    );
    let yaml = dir.path().join("old.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "not imported (the questionnaire has changed): 'Criminal record checks (ECRIS)'!A4 (`ecris.voluntary_entitlement`"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("    ecris.entitled_voluntary\n"),
        "{}",
        run.stdout
    );
    assert_eq!(answers_of(&yaml)["ecris.entitled_professional"], true);
}

#[test]
#[ignore = "needs LibreOffice's soffice (installed by .ci/run)"]
fn libreoffice_reads_the_workbook() {
    assert!(
        Command::new("soffice").arg("--version").output().is_ok(),
        "LibreOffice (soffice) is not installed: install libreoffice-calc-nogui (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let original = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let book = dir.path().join("xa.xlsx");
    acquis(&[
        "init",
        "--from",
        &original,
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cover = std::fs::read_to_string(dir.path().join("xa-Cover.csv")).unwrap();
    assert!(cover.contains("Jurisdiction,XA"), "{cover}");
    let ecris =
        std::fs::read_to_string(dir.path().join("xa-Criminal record checks (ECRIS).csv")).unwrap();
    assert!(
        ecris.contains(
            "ecris.entitled_professional,\"7.2  When recruiting for professional activities"
        ),
        "{ecris}"
    );
    assert!(
        ecris.contains(",yes,") || ecris.contains(",no,"),
        "answers are in the cells: {ecris}"
    );
}

/// The text of column `col` in the row of `id` on `sheet`.
fn cell_text(bytes: &[u8], sheet: &str, id: &str, col: u16) -> String {
    let row = workbook_support::row_of(bytes, sheet, id) - 1;
    let mut book = acquis::workbook::xlsx::Workbook::open("book.xlsx", bytes).unwrap();
    let cells = book.read_sheet(sheet, col).unwrap().cells;
    match cells.into_iter().find(|c| c.row == row && c.col == col) {
        Some(c) => match c.value {
            acquis::workbook::xlsx::CellValue::Text(t) => t,
            other => panic!("{other:?}"),
        },
        None => String::new(),
    }
}

#[test]
fn listed_answers_are_shown_in_words_and_read_back_as_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&book).unwrap();
    let sheet = "Investigation, reporting";
    let allowed = cell_text(&bytes, sheet, "investigation.specialised_unit", 5);
    assert_eq!(allowed, "one of: National, Regional only, None");
    // The drop-down offers the same words.
    let part = workbook_support::sheet_part(&bytes, sheet);
    let xml = workbook_support::part(&bytes, &part);
    assert!(
        xml.contains("\"National,Regional only,None\""),
        "the drop-down lists labels"
    );
    assert!(!xml.contains("regional_only"), "no id in the drop-down");
    fill(
        &book,
        &[
            (
                sheet,
                "investigation.specialised_unit",
                'C',
                "Regional only",
            ),
            (
                sheet,
                "investigation.data_retention",
                'C',
                "WITHOUT_SAFEGUARDS",
            ),
        ],
    );
    let yaml = dir.path().join("xa.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let answers = answers_of(&yaml);
    assert_eq!(answers["investigation.specialised_unit"], "regional_only");
    assert_eq!(
        answers["investigation.data_retention"],
        "without_safeguards"
    );
    // A word that is no label is refused, and the help lists the labels.
    fill(
        &book,
        &[(sheet, "investigation.specialised_unit", 'C', "Regional")],
    );
    let run = acquis(&["check", &book.display().to_string()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "did you mean `Regional only`? Choose one of National, Regional only, None from the list"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn sheets_are_named_after_their_section_and_old_sheet_names_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&book).unwrap();
    let names: Vec<String> = acquis::workbook::xlsx::Workbook::open("xa.xlsx", &bytes)
        .unwrap()
        .sheet_names()
        .map(str::to_owned)
        .collect();
    assert!(
        names.contains(&"Criminal record checks (ECRIS)".to_owned()),
        "{names:?}"
    );
    assert!(!names.contains(&"ecris".to_owned()), "{names:?}");
    for name in &names {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
    }
    // A workbook written before sheets had names, its sheet called by the section id.
    workbook_support::rewrite(
        &book,
        |name, content| {
            if name == "xl/workbook.xml" {
                let text = String::from_utf8(content.clone())
                    .unwrap()
                    .replace("name=\"Criminal record checks (ECRIS)\"", "name=\"ecris\"");
                *content = text.into_bytes();
            }
        },
        &[],
    );
    fill(
        &book,
        &[("ecris", "ecris.entitled_professional", 'C', "yes")],
    );
    let yaml = dir.path().join("xa.yaml");
    let run = acquis(&[
        "import",
        &book.display().to_string(),
        "-o",
        &yaml.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("not a section"), "{}", run.stdout);
    assert_eq!(answers_of(&yaml)["ecris.entitled_professional"], true);
}

#[test]
fn rows_and_columns_can_be_resized_on_the_protected_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&book).unwrap();
    for sheet in ["Cover", "Criminal record checks (ECRIS)"] {
        let xml = workbook_support::part(&bytes, &workbook_support::sheet_part(&bytes, sheet));
        let protection = xml
            .split("<sheetProtection")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .unwrap_or_else(|| panic!("{sheet} is not protected"));
        // In the file format, `formatRows="0"` means formatting rows is not protected.
        assert!(
            protection.contains("formatRows=\"0\"") && protection.contains("formatColumns=\"0\""),
            "{sheet}: {protection}"
        );
    }
    // The Cover prints on one page width.
    let workbook_xml = workbook_support::part(&bytes, "xl/workbook.xml");
    assert!(
        workbook_xml.contains("_xlnm.Print_Area\" localSheetId=\"0\""),
        "{workbook_xml}"
    );
    let cover = workbook_support::part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(cover.contains("fitToPage=\"1\""), "{cover}");
    // The instructions speak to someone without the command line.
    let texts = workbook_support::part(&bytes, "xl/sharedStrings.xml");
    assert!(
        texts.contains("send it back to the person who sent it to you"),
        "{texts}"
    );
    assert!(texts.contains("only partly, answer no and explain in the evidence column"));
    assert!(!texts.contains("acquis import"), "{texts}");
}

#[test]
#[ignore = "needs LibreOffice's soffice and pdftotext (installed by .ci/run)"]
fn the_printed_cover_keeps_its_title_and_instructions_whole() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&book)
        .output()
        .expect("LibreOffice (soffice) is not installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(dir.path().join("xa.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext is not installed");
    let first_page = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Overlapping rows interleave the words of two instructions; a split title loses its end.
    for whole in [
        "Self-assessment: Example Republic (XA)",
        "Leave a cell empty when the answer is not known yet: an unanswered question is never counted as a gap, it is reported as unanswered.",
        "Yes/no questions and questions with listed answers have a drop-down list.",
    ] {
        assert!(
            first_page.contains(whole),
            "missing {whole:?} in {first_page}"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice's soffice (installed by .ci/run)"]
fn the_answered_counters_are_computed_by_the_spreadsheet_program() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("xa.xlsx");
    let run = acquis(&[
        "init",
        "--jurisdiction",
        "XA",
        "--period",
        "2025",
        "--format",
        "xlsx",
        "-o",
        &book.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ecris = "Criminal record checks (ECRIS)";
    // Filled after writing, as a coordinator would: only recalculation can count these.
    fill(
        &book,
        &[
            (ecris, "ecris.entitled_professional", 'C', "yes"),
            (ecris, "ecris.entitled_voluntary", 'C', "no"),
        ],
    );
    // LibreOffice trusts the values a workbook stores unless told to recalculate on load;
    // in use it recalculates as each answer is typed. The fill above stored no new values.
    let profile = dir.path().join("lo-profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&book)
        .output()
        .expect("LibreOffice (soffice) is not installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cover = std::fs::read_to_string(dir.path().join("xa-Cover.csv")).unwrap();
    let total = cover
        .lines()
        .find_map(|l| l.strip_prefix("Answered,"))
        .unwrap_or_else(|| panic!("no counter on the Cover: {cover}"));
    assert!(total.starts_with("2 of "), "{total}");
    let sheet = std::fs::read_to_string(dir.path().join(format!("xa-{ecris}.csv"))).unwrap();
    let header = sheet.lines().next().unwrap();
    assert!(header.contains("Answered: 2 of "), "{header}");
}
