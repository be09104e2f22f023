//! The gap report in French (`check --lang fr`, #20): every format for people (text,
//! Markdown, HTML, CSV) says its fixed words in French, with French numbers, dates,
//! plurals and typography, and marks English shown where a rule set has no French.
//! English output is pinned by tests/snapshots.rs and tests/check_text.rs.

mod common;

use common::acquis;

const XA: &str = "seeds/assessments/xa-2025.yaml";
const DK: &str = "seeds/assessments/dk-2025-illustrative.yaml";

fn check(file: &str, lang: &str, format: &str) -> String {
    let run = acquis(&[
        "check",
        file,
        "--lang",
        lang,
        "--format",
        format,
        "--as-of",
        "2026-12-02",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// Fails naming every text of `unwanted` found in `text`.
fn assert_none_of(text: &str, unwanted: &[&str]) {
    let found: Vec<&&str> = unwanted.iter().filter(|u| text.contains(**u)).collect();
    assert!(
        found.is_empty(),
        "English left in a French report: {found:?}"
    );
}

/// How many rules the shipped set has, from the results: pinning the number would make
/// adding a rule touch this test (#16).
fn rules_in_the_shipped_set() -> u64 {
    let json = acquis(&["check", XA, "--format", "json", "--fail-on", "never"]).json();
    json["ruleset"]["rules"].as_u64().unwrap()
}

fn assert_all_of(text: &str, wanted: &[&str]) {
    let missing: Vec<&&str> = wanted.iter().filter(|w| !text.contains(**w)).collect();
    assert!(missing.is_empty(), "missing {missing:?} in:\n{text}");
}

#[test]
fn the_markdown_report_speaks_french_throughout() {
    let md = check(XA, "fr", "md");
    let rule_set = format!(
        "| Jeu de règles | {} règles, `sha256:",
        rules_in_the_shipped_set()
    );
    assert_all_of(
        &md,
        &[
            &rule_set,
            "# Rapport d'écart\u{a0}: République d'Exemple (XA), 2025",
            "## Synthèse",
            "Score sur le droit contraignant **",
            "## ✗ Lacunes (",
            "**Base juridique.**",
            "**Pourquoi.** question ",
            "exigé\u{a0}: au moins 2 ans",
            "**Recommandation R",
            "Les autorités nationales sont instamment priées d",
            "## Recommandations (",
            "## À propos de ce rapport",
            "| Date du présent rapport | 2 décembre 2026 |",
            "gravité élevée",
            "(droit contraignant)",
            "\u{a0}%",
        ],
    );
    assert_none_of(
        &md,
        &[
            "## Summary",
            "Gap report",
            "About this report",
            "Prepared by",
            "Legal basis",
            "**Why.**",
            " is urged to ",
            " is requested to ",
            "Score on binding law",
            "severity high",
            "binding obligations",
            "not stated",
            "Written by acquis",
            // The shipped rule set is complete in French: nothing falls back to English.
            "\\[en\\]",
        ],
    );
    // A French verdict names the figures without agreeing a verb with them.
    assert!(
        md.contains("République d'Exemple\u{a0}: ")
            && md.contains("ayant fait l'objet d'une décision"),
        "{md}"
    );
}

#[test]
fn a_source_that_does_not_bind_the_jurisdiction_says_so_in_french() {
    let md = check(DK, "fr", "md");
    assert!(md.contains("(ne lie pas DK)"), "{md}");
    assert!(!md.contains("does not bind"), "{md}");
    // Why a rule of an instrument that does not bind DK does not apply, in French.
    assert!(
        md.contains("Instrument qui ne lie pas DK et ne s'adresse pas à lui\u{a0}: "),
        "{md}"
    );
    // The illustrative warning, with the assessment's date written out.
    assert_all_of(
        &md,
        &[
            "**Réponses illustratives.**",
            "l'État concerné (Danemark)",
            "auto-évaluation du 14 mars 2025",
        ],
    );
    // The English report of the same file keeps its codes and ISO dates.
    let english = check(DK, "en", "md");
    assert!(english.contains("(does not bind DK)"), "{english}");
    assert!(english.contains("assessment of 2025-03-14"), "{english}");
}

#[test]
fn the_html_report_is_french_and_says_so() {
    let html = check(XA, "fr", "html");
    assert_all_of(
        &html,
        &[
            "<html lang=\"fr\">",
            "<title>Rapport d&#x27;écart — République d&#x27;Exemple (XA), 2025</title>",
            "<h2 id=\"summary\">Synthèse</h2>",
            "<caption>Les domaines en un coup d&#x27;œil</caption>",
            "Action requise",
            "<h2 id=\"about\">À propos de ce rapport</h2>",
            "\"Page \" counter(page) \" sur \" counter(pages)",
            "<dt>Date du présent rapport</dt><dd>2 décembre 2026</dd>",
            "rapport d\\27 écart, projet",
        ],
    );
    assert_none_of(
        &html,
        &[
            "<html lang=\"en\">",
            ">Summary<",
            "Areas at a glance",
            "About this report",
            "Legal basis.",
            "\" of \" counter(pages)",
            "gap report, draft",
        ],
    );
}

#[test]
fn the_terminal_summary_is_french_with_french_plurals_and_spaces() {
    let text = check(XA, "fr", "text");
    let rule_set = format!(
        "{} règles · jeu de règles sha256:",
        rules_in_the_shipped_set()
    );
    assert_all_of(
        &text,
        &[
            "XA République d'Exemple (fictive) — période 2025",
            &rule_set,
            "lacunes\u{a0}: ",
            "score sur le droit contraignant ",
            "✗ Lacunes (",
            "prie instamment · gravité élevée · droit contraignant",
            ", ligne ",
        ],
    );
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        words.join(" ").contains("--lang fr -o rapport.html"),
        "{text}"
    );
    assert_none_of(
        &text,
        &[
            "score on binding law",
            "completeness",
            " severity",
            "rule set",
            "Not listed here",
            ", line ",
            " [en]",
        ],
    );
    // No line starts with the colon or semicolon of the line before: the space before
    // them does not break.
    assert!(
        text.lines()
            .all(|l| !l.trim_start().starts_with([':', ';'])),
        "{text}"
    );
}

#[test]
fn the_csv_header_is_french_in_the_same_column_order() {
    let english = check(XA, "en", "csv");
    let french = check(XA, "fr", "csv");
    let header = |csv: &str, separator: char| -> Vec<String> {
        csv.lines()
            .next()
            .unwrap()
            .split(separator)
            .map(str::to_owned)
            .collect()
    };
    let (en, fr) = (header(&english, ','), header(&french, ';'));
    assert_eq!(en.len(), fr.len());
    assert_eq!(en[3], "rule");
    assert_eq!(fr[3], "règle");
    assert_eq!(en[9], "status");
    assert_eq!(fr[9], "statut");
    assert_eq!(english.lines().count(), french.lines().count());
    // The ids stay codes; the words for people are French.
    let row = |csv: &str, rule: &str| -> String {
        csv.lines()
            .find(|l| l.contains(rule))
            .unwrap_or_else(|| panic!("no row for {rule}"))
            .to_owned()
    };
    let rule = "dir-2011-93.art3-3.witness-sexual-abuse";
    assert!(
        row(&english, rule).contains(",gap,"),
        "{}",
        row(&english, rule)
    );
    let fr_row = row(&french, rule);
    assert!(
        fr_row.contains(";Lacune;") && fr_row.contains(";Droit contraignant;"),
        "{fr_row}"
    );
    assert!(fr_row.contains(";élevée;"), "{fr_row}");
}

#[test]
fn english_shown_for_a_missing_translation_is_marked() {
    // The snapshot rule set has French for one rule only: the others' titles are English,
    // marked as such, in a French report.
    let run = acquis(&[
        "check",
        "--rules",
        "tests/fixtures/snapshot-set/rules",
        "tests/fixtures/snapshot-set/assessments/xa-2025.yaml",
        "--lang",
        "fr",
        "--format",
        "md",
        "--as-of",
        "2025-06-01",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(" \\[en\\]"), "{}", run.stdout);
    insta::assert_snapshot!("xa-2025.fr.md", stable(&run.stdout));
    // In HTML, the English is marked as English for screen readers and hyphenation.
    let html = acquis(&[
        "check",
        "--rules",
        "tests/fixtures/snapshot-set/rules",
        "tests/fixtures/snapshot-set/assessments/xa-2025.yaml",
        "--lang",
        "fr",
        "--format",
        "html",
        "--fail-on",
        "never",
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(
        html.stdout
            .contains("<p><strong>Obligation.</strong> <span lang=\"en\">"),
        "{}",
        html.stdout
    );
}

/// The rule set's digest replaced by a placeholder, as tests/snapshots.rs does.
fn stable(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        out.push_str(&rest[..at]);
        out.push_str("sha256:<digest>");
        rest = rest[at + 7..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// A CSV file opens as a table in the spreadsheet of its language: cells separated by `;` in
/// French (Excel there splits on `;`, the comma being its decimal mark) and `,` in English,
/// and the UTF-8 byte-order mark first, without which Excel shows `é` as `Ã©`. Standard
/// output gets the same table without the mark, for the programs that read it.
#[test]
fn a_csv_file_opens_as_a_table_in_its_languages_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, separator) in [("en", b','), ("fr", b';')] {
        for command in ["check", "matrix"] {
            let path = dir.path().join(format!("{command}-{lang}.csv"));
            let path = path.display().to_string();
            let mut args = vec![command, XA, DK, "--lang", lang, "--format", "csv"];
            if command == "check" {
                args.extend(["--fail-on", "never"]);
            }
            let printed = acquis(&args);
            assert_eq!(printed.code, 0, "{}", printed.stderr);
            args.extend(["-o", &path]);
            let run = acquis(&args);
            assert_eq!(run.code, 0, "{}", run.stderr);
            let written = std::fs::read_to_string(&path).unwrap();
            let table = written
                .strip_prefix('\u{feff}')
                .unwrap_or_else(|| panic!("{command} --lang {lang}: no byte-order mark"));
            assert_eq!(table, printed.stdout, "{command} --lang {lang}");
            assert!(!printed.stdout.starts_with('\u{feff}'));
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(separator)
                .flexible(false)
                .from_reader(table.as_bytes());
            let columns = reader.headers().unwrap().len();
            assert_eq!(
                columns,
                if command == "check" { 16 } else { 6 },
                "{command} --lang {lang}: {:?}",
                reader.headers()
            );
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert!(
                rows.len() > 100,
                "{command} --lang {lang}: {} rows",
                rows.len()
            );
            // A title with commas (and, in French, an apostrophe) is one cell.
            let budapest = rows
                .iter()
                .find(|r| {
                    r.iter()
                        .any(|c| c == "budapest.art9.computer-related-offences")
                })
                .unwrap();
            let title = if command == "check" {
                &budapest[4]
            } else {
                &budapest[1]
            };
            assert!(title.contains(", "), "{command} --lang {lang}: {title}");
        }
    }
}

/// A heading over several rules is plural where a rule's status is singular: the section
/// « Partiellement respectées (13) » lists rules each « Partiellement respectée ». In every
/// format for people: text, Markdown, and the HTML table of counts.
#[test]
fn headings_over_several_rules_are_plural_and_a_rules_status_singular() {
    let md = check(XA, "fr", "md");
    for heading in [
        "## ✗ Lacunes (",
        "## ◐ Partiellement respectées (",
        "## ✓ Respectées (",
    ] {
        assert!(
            md.contains(heading),
            "no {heading:?} in the Markdown report"
        );
    }
    assert!(md.contains("· ◐ Partiellement respectée\u{a0}: "), "{md}");
    assert!(!md.contains("## ◐ Partiellement respectée ("), "{md}");
    assert!(
        md.contains(
            "| Respectées | Partiellement respectées | Lacunes | Sans réponse | Sans objet |"
        ),
        "{md}"
    );
    let html = check(XA, "fr", "html");
    assert!(html.contains(">Respectées</th>"), "{html}");
    assert!(html.contains(">Partiellement respectées</th>"), "{html}");
    let text = check(XA, "fr", "text");
    assert!(text.contains("◐ Partiellement respectées ("), "{text}");
    // English keeps its words.
    let english = check(XA, "en", "md");
    assert!(english.contains("## ◐ Partly met ("), "{english}");
}

/// Written to a file, the report is announced in the run's language, with why the exit code
/// is not 0; in English the words are as they were.
#[test]
fn what_was_written_and_the_exit_code_are_said_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.html").display().to_string();
    let run = acquis(&["check", XA, "--lang", "fr", "-o", &path]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{path} écrit (rapport d'écart HTML\u{a0}: 1 auto-évaluation, 134 résultats de règles\u{a0}; lacunes 27, partiellement respectées 13, sans réponse 10, respectées 84)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "code de sortie 1\u{a0}: règles ayant atteint --fail-on gap (la valeur par défaut)\u{a0}: 27."
        ),
        "{}",
        run.stderr
    );
    let english = acquis(&["check", XA, "-o", &path]);
    assert!(
        english.stderr.contains(&format!(
            "wrote {path} (HTML gap report: 1 assessment, 134 rule results: 27 gaps"
        )),
        "{}",
        english.stderr
    );
}

/// A command asked for what it cannot do says so, and what to do instead, in the run's
/// language.
#[test]
fn a_command_that_cannot_do_what_is_asked_says_why_in_french() {
    let run = acquis(&["check", XA, DK, "--format", "html", "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("un rapport HTML est un document par auto-évaluation")
            && run
                .stderr
                .contains("utilisez `acquis matrix` pour en comparer plusieurs"),
        "{}",
        run.stderr
    );
    let run = acquis(&["diff", XA, DK, "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("`{XA}` porte sur XA et `{DK}` sur DK")),
        "{}",
        run.stderr
    );
    let english = acquis(&["check", XA, DK, "--format", "html"]);
    assert!(
        english
            .stderr
            .contains("an HTML report is one document per assessment"),
        "{}",
        english.stderr
    );
}

/// The command line parser's own errors (a mistyped command or option, a wrong value, a
/// missing file) are said in French when `--lang fr` is on the command line, with what the
/// parser found; in English they stay clap's, and exit 2 either way.
#[test]
fn a_mistyped_command_line_is_explained_in_french() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["chek", "x.yaml", "--lang", "fr"],
            "erreur : commande inconnue : `chek`",
            "= aide : vouliez-vous dire l'un de ceux-ci : `schema`, `check` ?",
        ),
        (
            &["check", "x.yaml", "--lang=fr", "--format", "pdf"],
            "erreur : `pdf` n'est pas une valeur de `--format <FORMAT>`",
            "= aide : les valeurs possibles : text, json, md, html, csv, oscal",
        ),
        (
            &["validate", "--lang", "fr", "--bogus", "x.yaml"],
            "erreur : argument inattendu : `--bogus`",
            "= aide : `acquis validate --help` indique ce qu'elle accepte",
        ),
        (
            &["check", "--lang", "fr"],
            "erreur : `acquis check` a besoin de <FILE>...",
            "`acquis check --help`",
        ),
        (
            &[
                "init",
                "--lang",
                "fr",
                "--jurisdiction",
                "XA",
                "--jurisdiction",
                "XB",
            ],
            "erreur : `--jurisdiction <CODE>` est donné deux fois",
            "`acquis init --help`",
        ),
    ];
    for (args, message, help) in cases {
        let run = acquis(args);
        let err = run.stderr.replace('\u{a0}', " ");
        assert_eq!(run.code, 2, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: `{message}` in\n{err}");
        assert!(err.contains(help), "{args:?}: `{help}` in\n{err}");
        assert!(!err.contains("error:"), "{args:?}: no English left:\n{err}");
    }
    let english = acquis(&["chek", "x.yaml"]);
    assert_eq!(english.code, 2);
    assert!(
        english
            .stderr
            .contains("error: unrecognized subcommand 'chek'"),
        "{}",
        english.stderr
    );
}

/// `init`, the first command a coordinator runs, says in French what it cannot do: a file
/// already there, an unknown jurisdiction, a period that cannot name a file, a `--from`
/// without a new period; the English stays as it was.
#[test]
fn init_says_what_it_cannot_do_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let run = common::acquis_in(dir.path(), args);
        (run.code, run.stderr.replace('\u{a0}', " "))
    };
    let (code, err) = run(&["init", "--jurisdiction", "XA", "--period", "2025"]);
    assert_eq!(code, 0, "{err}");
    for (args, words) in [
        (
            &[
                "init",
                "--jurisdiction",
                "XA",
                "--period",
                "2025",
                "--lang",
                "fr",
            ][..],
            &[
                "erreur : `xa-2025.yaml` existe déjà",
                "= aide : choisissez un autre chemin avec -o, ou ajoutez --force pour le remplacer",
            ][..],
        ),
        (
            &["init", "--jurisdiction", "XQ", "--lang", "fr"],
            &[
                "erreur : juridiction inconnue : `XQ`",
                "codes de juridiction",
            ],
        ),
        (
            &[
                "init",
                "--jurisdiction",
                "XA",
                "--period",
                "20/25",
                "--lang",
                "fr",
            ],
            &["erreur : `--period` contient `/`", "= aide : la période"],
        ),
        (
            &["init", "--from", "xa-2025.yaml", "--lang", "fr"],
            &[
                "erreur : --from sans --period écrirait une copie de `xa-2025.yaml` pour la même période (2025)",
                "par exemple --period 2026",
            ],
        ),
        (
            &["init", "--jurisdiction", "XA", "--period", "2025"],
            &[
                "error: `xa-2025.yaml` already exists",
                "= help: choose another path with -o, or add --force to replace it",
            ],
        ),
    ] {
        let (code, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        for w in words {
            assert!(err.contains(w), "{args:?}: `{w}` in\n{err}");
        }
    }
}

/// A report template that does not parse is said in French too; minijinja's own detail
/// (with its line) follows as it wrote it.
#[test]
fn a_broken_template_is_said_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("bad.md.j2");
    std::fs::write(&template, "{% if %}\n").unwrap();
    let example = format!(
        "{}/seeds/assessments/xa-2025.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let template = template.display().to_string();
    let args = ["check", &example, "--format", "md", "--template", &template];
    let fr = acquis(&[&args[..], &["--lang", "fr"]].concat());
    let err = fr.stderr.replace('\u{a0}', " ");
    assert_eq!(fr.code, 2, "{err}");
    assert!(
        err.contains("erreur : le modèle `")
            && err.contains("` ne peut pas être analysé : syntax error"),
        "{err}"
    );
    let en = acquis(&args);
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert!(
        en.stderr.contains("` does not parse: syntax error"),
        "{}",
        en.stderr
    );
}
