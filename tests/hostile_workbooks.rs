//! Hostile and careless workbooks (#14, #19): each ends in a clean refusal naming the part or
//! `sheet!cell` (exit 2), or in the right answers, within bounded memory; never a panic or
//! an abort, never an answer dropped unseen.

mod common;
mod workbook_support;

use std::path::{Path, PathBuf};

use common::{Run, acquis, check_json};
use workbook_support::{append_rows, fill, rewrite, set_cells};

/// A blank workbook for XA, period 2025.
fn blank(dir: &Path) -> PathBuf {
    let book = dir.join("xa.xlsx");
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
    book
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// Runs the binary with its address space capped at about 1 GB, as `ulimit -v` does.
fn acquis_capped(args: &[&str]) -> Run {
    let binary = assert_cmd::cargo::cargo_bin("acquis");
    let mut script = String::from("ulimit -v 1000000; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(binary)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        // A signal (an abort when memory runs out) has no exit code.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_cell_at_the_far_corner_of_the_sheet_costs_no_memory() {
    for corner in ["XFD1048576", "XFD2000"] {
        let dir = tempfile::tempdir().unwrap();
        let book = blank(dir.path());
        let row = &corner[3..];
        append_rows(
            &book,
            "Criminal record checks (ECRIS)",
            &format!("<row r=\"{row}\"><c r=\"{corner}\"><v>1</v></c></row>"),
        );
        let run = acquis_capped(&["validate", &path(&book)]);
        // Outside the columns read (A–E), the cell is ignored: the workbook validates.
        assert_eq!(run.code, 0, "{corner}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn shared_strings_inflating_past_the_cap_are_refused_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    // 40,000 distinct-looking texts of 1,000 characters: 40 MB inflated, little compressed.
    let mut sst = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    let filler = "a".repeat(1_000);
    for _ in 0..40_000 {
        sst.push_str("<si><t>");
        sst.push_str(&filler);
        sst.push_str("</t></si>");
    }
    sst.push_str("</sst>");
    rewrite(
        &book,
        |_, _| {},
        &[("xl/sharedStrings.xml", sst.into_bytes())],
    );
    for command in ["validate", "check", "import"] {
        let run = acquis_capped(&[command, &path(&book)]);
        assert_eq!(run.code, 2, "{command}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("xl/sharedStrings.xml") && run.stderr.contains("more than 32 MiB"),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(!dir.path().join("xa.yaml").exists(), "import wrote nothing");
}

#[test]
fn values_below_the_row_limit_are_refused_with_the_cell_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    append_rows(
        &book,
        "Criminal record checks (ECRIS)",
        "<row r=\"10001\"><c r=\"A10001\" t=\"inlineStr\"><is><t>ecris.extra</t></is></c><c r=\"C10001\" t=\"inlineStr\"><is><t>yes</t></is></c></row>",
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("'Criminal record checks (ECRIS)'!A10001")
            && run.stderr.contains("below row 10000"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_cell_is_named_and_its_sheet_is_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    fill(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.periodic_rechecks",
            'C',
            "yes",
        )],
    );
    set_cells(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.entitled_professional",
            'C',
            " t=\"n\"><v>abc</v></c>".to_owned(),
        )],
    );
    for command in ["validate", "check"] {
        let run = acquis(&[command, &path(&book)]);
        assert_eq!(run.code, 2, "{command}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("'Criminal record checks (ECRIS)'!C3: the number cell holds `abc`"),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_cell_longer_than_a_spreadsheet_allows_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    // Written as many small pieces (entities), which must not cost more than one long text.
    let text = "a&amp;".repeat(20_000);
    set_cells(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.entitled_professional",
            'D',
            format!(" t=\"inlineStr\"><is><t>{text}</t></is></c>"),
        )],
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "'Criminal record checks (ECRIS)'!D3: the cell holds more than 32767 characters"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cell_repeated_past_what_a_sheet_can_hold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    // 10,000 rows × 5 columns is the most a sheet can hold in the columns read.
    append_rows(
        &book,
        "Criminal record checks (ECRIS)",
        &format!(
            "<row r=\"9000\">{}</row>",
            "<c r=\"C9000\"><v>1</v></c>".repeat(60_000)
        ),
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("'Criminal record checks (ECRIS)'!C9000: the sheet has more cells than its rows and columns can hold"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_cell_reference_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    let part = workbook_support::sheet_part(
        &std::fs::read(&book).unwrap(),
        "Criminal record checks (ECRIS)",
    );
    rewrite(
        &book,
        |name, content| {
            if name == part {
                let text = String::from_utf8(std::mem::take(content)).unwrap();
                *content = text.replacen("<c r=\"C3\"", "<c r=\"3C\"", 1).into_bytes();
            }
        },
        &[],
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("'Criminal record checks (ECRIS)'!C3: `3C` is not a cell reference"),
        "{}",
        run.stderr
    );
}

#[test]
fn answers_of_another_questionnaire_version_are_refused_by_check_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
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
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.voluntary_entitlement",
            'C',
            "no",
        )],
    );
    for command in ["validate", "check"] {
        let run = acquis(&[command, &path(&book)]);
        assert_eq!(run.code, 2, "{command}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("'Criminal record checks (ECRIS)'!A4 (`ecris.voluntary_entitlement`")
                && run.stderr.contains("acquis import"),
            "{command}: {}",
            run.stderr
        );
    }
    // import carries over what still matches, and says what it left.
    let run = acquis(&["import", &path(&book)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("'Criminal record checks (ECRIS)'!A4"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_formula_without_a_computed_value_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    set_cells(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.entitled_professional",
            'C',
            " t=\"str\"><f>IF(1=1,\"yes\",\"no\")</f></c>".to_owned(),
        )],
    );
    for command in ["validate", "check", "import"] {
        let run = acquis(&[command, &path(&book)]);
        assert_eq!(run.code, 2, "{command}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(
                "'Criminal record checks (ECRIS)'!C3: the cell has a formula but no computed value"
            ),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_set_with_blank_lines_is_unanswered_not_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    // Two of the four risks answered, two left blank.
    fill(
        &book,
        &[
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
        ],
    );
    let json = check_json(&[&path(&book)]);
    let rule = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "global-alliance-2012.target4.awareness-of-online-risks")
        .expect("the rule applies to XA");
    assert_eq!(rule["status"], "unanswered", "{rule}");
    let import = acquis(&["import", &path(&book)]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import
            .stdout
            .contains("left unanswered, some of its lines are blank: prevention.awareness_topics"),
        "{}",
        import.stdout
    );
    // Every line answered: the set is the lines answered yes.
    fill(
        &book,
        &[
            (
                "Prevention programmes",
                "prevention.awareness_topics=online_grooming",
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
    let run = acquis(&[
        "check",
        &path(&book),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let json = run.json();
    let rule = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "global-alliance-2012.target4.awareness-of-online-risks")
        .unwrap();
    assert_eq!(rule["status"], "gap", "{rule}");
}

#[test]
fn workbook_errors_name_the_cell_in_check_validate_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    // '3 typed with an apostrophe is text; YAML refuses "3" for a number question too.
    set_cells(
        &book,
        &[(
            "Victim identification",
            "icse.certified_users",
            'C',
            " t=\"inlineStr\"><is><t>3</t></is></c>".to_owned(),
        )],
    );
    let file = path(&book);
    for args in [
        vec!["check", file.as_str()],
        vec!["validate", file.as_str()],
        vec![
            "explain",
            "dir-2011-93.art10.records-for-recruitment",
            file.as_str(),
        ],
    ] {
        let run = acquis(&args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(
                "'Victim identification'!C3: `icse.certified_users` expects a whole number"
            ) && run.stderr.contains("stored as text"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains(".yaml:"), "{args:?}: {}", run.stderr);
    }
    // A decimal in a whole-number cell is refused, not read as the text "2.5".
    fill(
        &book,
        &[("Victim identification", "icse.certified_users", 'C', "2.5")],
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("'Victim identification'!C3")
            && run.stderr.contains("without decimals"),
        "{}",
        run.stderr
    );
    fill(
        &book,
        &[("Victim identification", "icse.certified_users", 'C', "3")],
    );
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn init_from_last_period_writes_the_new_period_on_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let last = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let book = dir.path().join("xa-2026.xlsx");
    let run = acquis(&[
        "init",
        "--from",
        &last,
        "--period",
        "2026",
        "--format",
        "xlsx",
        "-o",
        &path(&book),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = dir.path().join("xa-2026.yaml");
    let run = acquis(&["import", &path(&book), "-o", &path(&yaml)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.contains("period: \"2026\""), "{text}");
}

#[test]
fn an_opendocument_spreadsheet_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let ods = dir.path().join("xa.ods");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    out.start_file("mimetype", options).unwrap();
    std::io::Write::write_all(&mut out, b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    out.start_file("content.xml", options).unwrap();
    std::io::Write::write_all(&mut out, b"<office:document-content/>").unwrap();
    std::fs::write(&ods, out.finish().unwrap().into_inner()).unwrap();
    let run = acquis(&["validate", &path(&ods)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("OpenDocument") && run.stderr.contains(".xlsx"),
        "{}",
        run.stderr
    );
}

#[test]
fn answers_read_from_a_workbook_are_shown_at_their_cell_not_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    fill(
        &book,
        &[(
            "Criminal record checks (ECRIS)",
            "ecris.entitled_professional",
            'C',
            "yes",
        )],
    );
    let run = acquis(&[
        "explain",
        "dir-2011-93.art10.records-for-recruitment",
        &path(&book),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("ecris.entitled_professional = true ('Criminal record checks (ECRIS)'!C3)")
            && run.stdout.contains(
                "7.3 (ecris.entitled_voluntary, 'Criminal record checks (ECRIS)'!C4) is empty"
            ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("line"), "{}", run.stdout);
}

#[test]
fn reports_show_a_workbook_answer_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    let run = acquis(&[
        "check",
        &path(&book),
        "--format",
        "md",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every question is in the workbook: none is "not in the file".
    assert!(!run.stdout.contains("not in the file"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "(`ecris.disqualification_possible`) | 'Criminal record checks (ECRIS)'!C2 |"
        ),
        "{}",
        run.stdout
    );
}

mod random_workbooks {
    //! Random bytes and randomly damaged workbooks through the reader: never a panic, and
    //! whatever reads is checked like any assessment. (The cargo-fuzz target `xlsx` does
    //! the same for longer: scripts/fuzz.sh.)
    use std::io::{Cursor, Read, Write};
    use std::sync::OnceLock;

    use acquis::load::FileSet;
    use acquis::ruleset::{self, RuleSet};
    use acquis::{check, questionnaire, workbook};
    use proptest::prelude::*;

    fn set() -> &'static RuleSet {
        static SET: OnceLock<RuleSet> = OnceLock::new();
        SET.get_or_init(|| {
            ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap()
        })
    }

    /// The parts of an answered XA workbook, inflated.
    fn parts() -> &'static Vec<(String, Vec<u8>)> {
        static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
        PARTS.get_or_init(|| {
            let set = set();
            let file = format!(
                "{}/seeds/assessments/xa-2025.yaml",
                env!("CARGO_MANIFEST_DIR")
            );
            let answered = questionnaire::read_assessment(
                &file,
                &std::fs::read(&file).unwrap(),
                &set.questionnaire,
                &set.jurisdictions,
            )
            .unwrap();
            let bytes = workbook::export(
                set,
                set.jurisdiction("XA").unwrap(),
                "2025",
                Some(&answered),
                acquis::lang::Lang::En,
            )
            .unwrap();
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            (0..archive.len())
                .map(|i| {
                    let mut entry = archive.by_index(i).unwrap();
                    let mut content = Vec::new();
                    entry.read_to_end(&mut content).unwrap();
                    (entry.name().unwrap().to_string(), content)
                })
                .collect()
        })
    }

    fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(content).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn read(bytes: &[u8]) {
        let set = set();
        if let Ok(a) = workbook::read_assessment("random.xlsx", bytes, set) {
            assert_eq!(check::evaluate(set, &a).results.len(), set.rules.len());
        }
    }

    proptest! {
        // 64 cases on every run; PROPTEST_CASES=N for a longer search.
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
            ..ProptestConfig::default()
        })]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            read(&bytes);
        }

        #[test]
        fn damaged_parts_never_panic(
            edits in proptest::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..64,
                 proptest::collection::vec(any::<u8>(), 0..16)),
                1..8,
            )
        ) {
            let mut parts = parts().clone();
            for (part, at, cut, insert) in edits {
                let count = parts.len();
                let content = &mut parts[part.index(count)].1;
                let start = at.index(content.len() + 1);
                let end = (start + cut).min(content.len());
                content.splice(start..end, insert);
            }
            read(&zipped(&parts));
        }
    }
}

#[test]
fn a_cover_period_gets_the_same_checks_as_a_yaml_period() {
    let dir = tempfile::tempdir().unwrap();
    let book = blank(dir.path());
    let mut replaced = 0;
    rewrite(
        &book,
        |name, bytes| {
            let text = String::from_utf8(bytes.clone()).unwrap();
            if name.starts_with("xl/") && text.contains(">2025</t>") {
                replaced += text.matches(">2025</t>").count();
                *bytes = text
                    .replace(">2025</t>", ">2025/../../outside</t>")
                    .into_bytes();
            }
        },
        &[],
    );
    assert_eq!(replaced, 1, "the period is written once, on the Cover");
    let run = acquis(&["validate", &path(&book)]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("Cover!B4: `period` contains `/`"),
        "{}",
        run.stderr
    );
}
