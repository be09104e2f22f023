//! What a national coordinator reads, in French (#20 item 4): `init` (the YAML file's
//! comments, the workbook, the XLSForm), `validate`, `explain` and `import` with `--lang fr`.
//! The file formats stay the same in every language (keys, values, codes, column A ids), and a
//! French workbook reads back like an English one.

mod common;
mod workbook_support;

use std::path::Path;
use std::process::Command;

use acquis::workbook::xlsx::{CellValue, Workbook};
use common::{acquis, statuses};
use workbook_support::fill;

const SEED: &str = "seeds/assessments/xa-2025.yaml";

fn seed() -> String {
    format!("{}/{SEED}", env!("CARGO_MANIFEST_DIR"))
}

fn init(dir: &Path, name: &str, args: &[&str]) -> String {
    let path = dir.join(name).display().to_string();
    let mut all = vec!["init", "-o", &path];
    all.extend_from_slice(args);
    let run = acquis(&all);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    path
}

/// The lines of a YAML file that are not comments, comments cut off: what the file says.
fn data_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.split("   #").next().unwrap().trim_end().to_owned())
        .collect()
}

/// English texts of acquis that must not be left in a French document.
fn assert_no_english(text: &str, english: &[&str]) {
    for e in english {
        assert!(!text.contains(e), "`{e}` is left in English:\n{text}");
    }
}

#[test]
fn init_writes_french_comments_and_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let common = ["--jurisdiction", "XA", "--period", "2025"];
    let en = init(dir.path(), "en.yaml", &common);
    let mut fr_args = common.to_vec();
    fr_args.extend(["--lang", "fr"]);
    let fr = init(dir.path(), "fr.yaml", &fr_args);
    let en = std::fs::read_to_string(en).unwrap();
    let fr = std::fs::read_to_string(&fr).unwrap();
    assert_eq!(data_lines(&en), data_lines(&fr), "only the comments differ");
    for french in [
        "# Auto-évaluation de ",
        "Remplacez chaque `null` par la réponse.",
        "# Réponse\u{a0}: `true` ou `false`.",
        "# Base juridique\u{a0}: Directive 2011/93/UE, Art. 27.",
        "# ── Transposition de la directive 2011/93/UE ──",
        "le ministère ou l'organisme qui a préparé les réponses",
    ] {
        assert!(fr.contains(french), "`{french}` is not in:\n{fr}");
    }
    assert_no_english(
        &fr,
        &[
            "Self-assessment",
            "Replace each",
            "# Answer:",
            "Legal basis:",
            "the ministry or body",
            "Transposition of Directive",
        ],
    );
    // The French file is a valid self-assessment, as the English one is.
    let run = acquis(&[
        "validate",
        &dir.path().join("fr.yaml").display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn init_from_last_period_says_what_to_review_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let path = init(
        dir.path(),
        "xa-2026.yaml",
        &["--from", &seed(), "--period", "2026", "--lang", "fr"],
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("pour la période 2026, reprise par"), "{text}");
    assert!(text.contains("À REVOIR\u{a0}: chaque réponse"), "{text}");
    assert_no_english(&text, &["TO REVIEW", "carried forward", "Not answered for"]);
}

#[test]
fn validate_says_how_complete_the_file_is_in_french() {
    let run = acquis(&["validate", SEED, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert!(out.contains(&format!("{SEED}\u{a0}: valide")), "{out}");
    assert!(out.contains("réponse donnée à "), "{out}");
    assert!(out.contains("applicables à XA ("), "{out}");
    // « 94 % »: the percent sign after a no-break space.
    assert!(out.contains("\u{a0}%)"), "{out}");
    assert_no_english(
        out,
        &[
            ": valid\n",
            "are answered",
            "decides",
            "not needed",
            "more\n",
        ],
    );
    // The English output says the same in English.
    let english = acquis(&["validate", SEED]);
    assert!(english.stdout.contains(": valid\n"), "{}", english.stdout);
    assert!(
        english.stdout.contains("are answered"),
        "{}",
        english.stdout
    );
}

#[test]
fn validate_lists_unanswered_questions_and_answers_not_read_in_french() {
    // DK's illustrative file answers Directive questions, which do not bind Denmark.
    let dk = "seeds/assessments/dk-2025-illustrative.yaml";
    let run = acquis(&["validate", dk, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("ne sont pas lues, car") || out.contains("n'est pas lue, car"),
        "{out}"
    );
    assert!(out.contains("qui ne lie"), "{out}");
    assert_no_english(
        out,
        &[
            "not read because",
            "which does not bind",
            "which do not bind",
        ],
    );
    // A blank file lists its unanswered questions, by number, in French.
    let dir = tempfile::tempdir().unwrap();
    let blank = init(
        dir.path(),
        "blank.yaml",
        &["--jurisdiction", "XA", "--period", "2025"],
    );
    let run = acquis(&["validate", &blank, "--lang", "fr"]);
    let out = &run.stdout;
    assert!(
        out.contains(
            "sans réponse, en premier les questions qui décident le plus de règles\u{a0}:"
        ),
        "{out}"
    );
    assert!(out.contains("décide 7 règles"), "{out}");
    assert!(out.contains("(ligne "), "{out}");
    assert!(out.contains("… et "), "{out}");
    assert_no_english(out, &["unanswered, the questions", "(line ", "… and "]);
}

#[test]
fn validate_sums_up_errors_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(
        dir.path(),
        "bad.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    entitled_voluntary: maybe\n",
    );
    let run = acquis(&["validate", &bad, "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("1 erreur et 0 avertissement dans 1 fichier"),
        "{}",
        run.stderr
    );
    let english = acquis(&["validate", &bad]);
    assert!(
        english.stderr.contains("1 error and 0 warnings in 1 file"),
        "{}",
        english.stderr
    );
}

#[test]
fn explain_gives_the_why_in_french() {
    let results = acquis(&["check", SEED, "--format", "json"]).json();
    let statuses = statuses(&results);
    let gap = statuses
        .iter()
        .find(|(_, s)| *s == "gap")
        .map(|(r, _)| r.clone())
        .expect("the example has a gap");
    let run = acquis(&["explain", &gap, SEED, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = &run.stdout;
    for french in [
        "statut pour XA (2025)\u{a0}: Lacune",
        "\nObligation\n",
        "\nSources\n",
        "\nCondition\n",
        "  vérification\u{a0}:",
        "\nRéponses lues (",
        "\nPourquoi\n  lacune\u{a0}: les réponses marquées ✗",
        "\nMesure corrective\n",
    ] {
        assert!(out.contains(french), "`{french}` is not in:\n{out}");
    }
    // The French question texts are set as French is: a no-break space before « ? ».
    assert!(out.contains("\u{a0}?\n"), "{out}");
    assert!(!out.contains(" ?\n"), "{out}");
    assert_no_english(
        out,
        &[
            "status for",
            "\nWhy\n",
            "\nRemedy\n",
            "Answers it read",
            "gap: the answers",
        ],
    );
}

/// The names of a workbook's sheets.
fn sheet_names(path: &str) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    Workbook::open("book.xlsx", &bytes)
        .unwrap()
        .sheet_names()
        .map(str::to_owned)
        .collect()
}

/// The text cells of the first columns of a sheet, in reading order.
fn texts(path: &str, sheet: &str, last_col: u16) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut book = Workbook::open("book.xlsx", &bytes).unwrap();
    book.read_sheet(sheet, last_col)
        .unwrap()
        .cells
        .into_iter()
        .filter_map(|c| match c.value {
            CellValue::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn the_french_workbook_reads_in_french_and_imports_to_the_same_statuses() {
    let dir = tempfile::tempdir().unwrap();
    let book = init(
        dir.path(),
        "xa.xlsx",
        &["--from", &seed(), "--format", "xlsx", "--lang", "fr"],
    );
    let names = sheet_names(&book);
    assert_eq!(names[0], "Page de garde", "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.contains("ECRIS") && n != "Criminal record checks (ECRIS)"),
        "the sections' sheets are named in French: {names:?}"
    );
    let cover = texts(&book, "Page de garde", 1);
    for french in [
        "Juridiction",
        "Période",
        "Établi par",
        "Comment remplir ce classeur",
    ] {
        assert!(cover.iter().any(|t| t == french), "`{french}` in {cover:?}");
    }
    let ecris = names.iter().find(|n| n.contains("ECRIS")).unwrap();
    let sheet = texts(&book, ecris, 6);
    for french in [
        "Question",
        "Réponse",
        "Base juridique",
        "oui",
        "non",
        "oui ou non",
    ] {
        assert!(sheet.iter().any(|t| t == french), "`{french}` in {sheet:?}");
    }
    assert!(
        !sheet.iter().any(|t| t == "yes" || t == "Legal basis"),
        "{sheet:?}"
    );

    // Imported back (yes/no in French), it checks to the statuses of the file it came from.
    let back = dir.path().join("back.yaml").display().to_string();
    let run = acquis(&["import", &book, "-o", &back, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(" écrit"), "{}", run.stdout);
    let original = statuses(&acquis(&["check", SEED, "--format", "json"]).json());
    let imported = statuses(&acquis(&["check", &back, "--format", "json"]).json());
    assert_eq!(original, imported);
}

#[test]
fn a_french_workbook_filled_in_reads_oui_non_and_yes_no() {
    let dir = tempfile::tempdir().unwrap();
    let book = init(
        dir.path(),
        "xa.xlsx",
        &[
            "--jurisdiction",
            "XA",
            "--period",
            "2025",
            "--format",
            "xlsx",
            "--lang",
            "fr",
        ],
    );
    let ecris = sheet_names(&book)
        .into_iter()
        .find(|n| n.contains("ECRIS"))
        .unwrap();
    fill(
        Path::new(&book),
        &[
            (&ecris, "ecris.entitled_professional", 'C', "Oui"),
            (&ecris, "ecris.entitled_voluntary", 'C', "non"),
            (&ecris, "ecris.periodic_rechecks", 'C', "yes"),
        ],
    );
    let back = dir.path().join("back.yaml").display().to_string();
    let run = acquis(&["import", &book, "-o", &back]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let yaml = std::fs::read_to_string(&back).unwrap();
    for answer in [
        "entitled_professional: true",
        "entitled_voluntary: false",
        "periodic_rechecks: true",
    ] {
        assert!(yaml.contains(answer), "`{answer}` in {yaml}");
    }
    // A word that is neither language's yes or no is refused at its cell.
    fill(
        Path::new(&book),
        &[(&ecris, "ecris.entitled_voluntary", 'C', "peut-être")],
    );
    let run = acquis(&["import", &book, "-o", &back, "--force", "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("rien n'a été écrit\u{a0}: 1 erreur"),
        "{}",
        run.stderr
    );
    // What is wrong and how to fix it, in French too, at its cell.
    assert!(
        run.stderr
            .contains("!C4\u{a0}: «\u{a0}peut-être\u{a0}» n'est ni oui ni non"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "= aide\u{a0}: choisissez oui ou non dans la liste, ou laissez la cellule vide"
        ),
        "{}",
        run.stderr
    );
    let english = acquis(&["import", &book, "-o", &back, "--force"]);
    assert!(
        english
            .stderr
            .contains("!C4: \"peut-être\" is not one of yes, no"),
        "{}",
        english.stderr
    );
}

#[test]
fn the_xlsform_carries_english_and_french_and_lang_picks_the_default() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, default) in [("en", "English (en)"), ("fr", "French (fr)")] {
        let form = init(
            dir.path(),
            &format!("{lang}.xlsform.xlsx"),
            &[
                "--jurisdiction",
                "XA",
                "--period",
                "2025",
                "--format",
                "xlsform",
                "--lang",
                lang,
            ],
        );
        let survey = texts(&form, "survey", 20);
        for header in [
            "label::English (en)",
            "label::French (fr)",
            "hint::English (en)",
            "hint::French (fr)",
            "constraint_message::English (en)",
            "constraint_message::French (fr)",
        ] {
            assert!(survey.iter().any(|t| t == header), "{lang}: no {header}");
        }
        assert!(
            survey
                .iter()
                .any(|t| t.starts_with("Lien vers ce justificatif")),
            "{lang}: French labels"
        );
        assert!(
            survey
                .iter()
                .any(|t| t.starts_with("Link to that evidence")),
            "{lang}: English labels"
        );
        let choices = texts(&form, "choices", 3);
        for label in ["Oui", "Non", "Yes", "No", "label::French (fr)"] {
            assert!(choices.iter().any(|t| t == label), "{lang}: choice {label}");
        }
        let settings = texts(&form, "settings", 3);
        assert!(
            settings.iter().any(|t| t == default),
            "{lang}: {settings:?}"
        );
    }
}

#[test]
#[ignore = "needs pyxform (PyPI: xls2xform)"]
fn pyxform_converts_the_french_form_with_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let form = init(
        dir.path(),
        "fr.xlsform.xlsx",
        &[
            "--jurisdiction",
            "SI",
            "--period",
            "2025",
            "--format",
            "xlsform",
            "--lang",
            "fr",
        ],
    );
    let out = Command::new("xls2xform")
        .arg("--json")
        .arg(&form)
        .arg(dir.path().join("form.xml"))
        .output()
        .expect("xls2xform is not installed: `pip install pyxform` (.ci/run does)");
    let answer = if out.stdout.trim_ascii().is_empty() {
        &out.stderr
    } else {
        &out.stdout
    };
    let verdict: serde_json::Value = serde_json::from_slice(answer).unwrap_or_else(|e| {
        panic!(
            "xls2xform did not answer in JSON ({e}): {}",
            String::from_utf8_lossy(answer)
        )
    });
    assert_eq!(verdict["code"], 100, "{verdict}");
    assert_eq!(verdict["warnings"], serde_json::json!([]), "{verdict}");
    let xml = std::fs::read_to_string(dir.path().join("form.xml")).unwrap();
    assert!(
        xml.contains("<translation lang=\"French (fr)\" default=\"true()\">")
            || xml.contains("<translation default=\"true()\" lang=\"French (fr)\">"),
        "French is the default"
    );
    assert!(
        xml.contains("<translation lang=\"English (en)\">"),
        "English is there too"
    );
    assert!(
        xml.contains("Lien vers ce justificatif"),
        "French labels in the XForm"
    );
}

#[test]
#[ignore = "needs LibreOffice's soffice (installed by .ci/run)"]
fn a_french_workbook_saved_by_libreoffice_imports_to_the_same_statuses() {
    assert!(
        Command::new("soffice").arg("--version").output().is_ok(),
        "LibreOffice (soffice) is not installed: install libreoffice-calc-nogui (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let book = init(
        dir.path(),
        "xa.xlsx",
        &["--from", &seed(), "--format", "xlsx", "--lang", "fr"],
    );
    let saved = dir.path().join("saved");
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&saved)
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resaved = saved.join("xa.xlsx").display().to_string();
    assert_eq!(sheet_names(&resaved)[0], "Page de garde");
    let back = dir.path().join("back.yaml").display().to_string();
    let run = acquis(&["import", &resaved, "-o", &back, "--lang", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let original = statuses(&acquis(&["check", SEED, "--format", "json"]).json());
    let imported = statuses(&acquis(&["check", &back, "--format", "json"]).json());
    assert_eq!(original, imported);
}

const SET: &str = "tests/fixtures/snapshot-set";

#[test]
fn validate_and_explain_in_french_on_the_snapshot_set() {
    let rules = format!("{SET}/rules");
    let file = format!("{SET}/assessments/xc-2025.yaml");
    let validate = acquis(&["validate", "--rules", &rules, &file, "--lang", "fr"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    let results = acquis(&["check", "--rules", &rules, &file, "--format", "json"]).json();
    let gap = statuses(&results)
        .into_iter()
        .find(|(_, s)| s == "gap")
        .map(|(r, _)| r)
        .expect("xc has a gap");
    let explain = acquis(&["explain", "--rules", &rules, &gap, &file, "--lang", "fr"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    insta::assert_snapshot!(
        "xc-2025.fr.txt",
        format!(
            "$ acquis validate --lang fr\n{}\n$ acquis explain {gap} --lang fr\n{}",
            validate.stdout, explain.stdout
        )
    );
}

/// What a coordinator reads about a wrong self-assessment is French with `--lang fr`: the
/// message, the help, the suggestion and the question's own words; ids, values and codes stay
/// as written. English is unchanged without `--lang`, and machine outputs keep English.
#[test]
fn validate_says_what_is_wrong_and_how_to_fix_it_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(
        dir.path(),
        "bad.yaml",
        "acquis: assessment/1\njurisdiction: XQ\nperiod: \"2024/2025\"\ndate: 2025-13-45\nanswers:\n  ecriss:\n    x: 1\n  ecris:\n    entitled_profesional: true\n    entitled_voluntary: oui\n    vetting_duty: [foo]\n",
    );
    let run = acquis(&["validate", &bad, "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let err = &run.stderr;
    for french in [
        ":2:15: erreur\u{a0}: juridiction inconnue\u{a0}: `XQ`",
        "= aide\u{a0}: codes de juridiction (ISO 3166, `EL` pour la Grèce)\u{a0}: `AT`",
        ":3:9: erreur\u{a0}: `period` contient `/`",
        "écrivez-la sans `/` ni `\\`",
        ":4:7: erreur\u{a0}: `2025-13-45` n'est pas une date",
        "écrivez la date sous la forme AAAA-MM-JJ",
        ":6:3: erreur\u{a0}: section inconnue\u{a0}: `ecriss`",
        "= aide\u{a0}: vouliez-vous dire `ecris`\u{a0}?",
        "question inconnue dans la section `ecris`\u{a0}: `entitled_profesional`",
        "vouliez-vous dire `entitled_professional`\u{a0}?",
        "`ecris.entitled_voluntary` attend `true` ou `false`, et non `oui`",
        "= aide\u{a0}: écrivez `true` pour oui",
        "`foo` n'est pas une valeur autorisée de `ecris.vetting_duty`",
        "valeurs autorisées\u{a0}: `employer_requests_record`",
    ] {
        assert!(err.contains(french), "no {french:?} in\n{err}");
    }
    assert_no_english(
        err,
        &[
            "unknown",
            "did you mean",
            "expects",
            "is not",
            "write ",
            "allowed values",
        ],
    );
    // The question's own words, in French, where there is no better hint.
    let wrong = common::write(
        dir.path(),
        "wrong.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n    entitled_voluntary: maybe\n",
    );
    let run = acquis(&["validate", &wrong, "--lang", "fr"]);
    assert!(
        run.stderr
            .contains("= aide\u{a0}: la question\u{a0}: Lors du recrutement"),
        "{}",
        run.stderr
    );
    let english = acquis(&["validate", &bad]);
    for words in [
        "error: unknown jurisdiction `XQ`",
        "help: did you mean `ecris`?",
        "`ecris.entitled_voluntary` expects `true` or `false`, not `oui`",
        "help: write `true` for yes",
    ] {
        assert!(
            english.stderr.contains(words),
            "no {words:?} in\n{}",
            english.stderr
        );
    }
}
