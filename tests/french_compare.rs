//! The evaluators' comparisons in French (#20): `matrix`, `diff` and `history` with
//! `--lang fr` write French words, numbers and dates in every format for people, mark English
//! shown for want of a translation, and leave the JSON (data for programs) as it is.

mod common;

use common::{acquis, fixture};

const NBSP: char = '\u{a0}';

fn round(year: &str) -> String {
    fixture(&format!("history/xa-{year}.yaml"))
}

fn shipped(name: &str) -> String {
    format!("{}/seeds/assessments/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn ok(args: &[&str]) -> String {
    let run = acquis(args);
    assert_eq!(run.code, 0, "acquis {args:?}\n{}", run.stderr);
    run.stdout
}

/// The English fixed words of the comparisons: none may be left in a French document.
const ENGLISH: &[&str] = &[
    "Scores by area",
    "Status of each rule",
    "Legend:",
    "Date of this report",
    "All rules",
    "Gaps closed",
    "New gaps",
    "Other changes of status",
    "Newly answered",
    "Answers changed",
    "Evidence changed",
    "Trend per area",
    "Gaps opened and closed",
    "Only a gap that became",
    "Jurisdictions are listed",
    "Instruments in order of force",
    "Written by acquis",
    "Files:",
    "Fictional jurisdiction",
    "fictional jurisdiction",
    "describes no real country",
    "Illustrative answers",
    "invented answers",
    "unanswered",
    "improved",
    "unchanged",
    "last round",
    "Partly met",
    "Not applicable",
    "(binding",
    "(policy",
    "Rule |",
    ">Rule<",
    "Severity",
    "monitoring period",
];

fn assert_no_english(what: &str, text: &str) {
    for english in ENGLISH {
        assert!(
            !text.contains(english),
            "{what} in French still says {english:?}:\n{text}"
        );
    }
    // English writes "+2.5 points": a digit and a plain space before "point".
    let chars: Vec<char> = text.chars().collect();
    assert!(
        !chars
            .windows(7)
            .any(|w| w[0].is_ascii_digit() && w[1..].iter().collect::<String>() == " point"),
        "{what} has points written the English way:\n{text}"
    );
}

/// The text a reader sees in an HTML document's body: no tags, attributes or style, the
/// few entities the templates write turned back into characters.
fn visible(html: &str) -> String {
    let body = &html[html.find("<body>").expect("a body")..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// French sets a no-break space before a colon: a plain space before one is a mistake
/// (a URL's `://` has none).
fn assert_french_colons(what: &str, text: &str) {
    for (i, line) in text.lines().enumerate() {
        assert!(
            !line.contains(" :") && !line.contains(" ;"),
            "{what} line {}: a plain space before a colon or semicolon:\n{line}",
            i + 1
        );
    }
}

#[test]
fn the_matrix_in_french_in_every_format() {
    let files = [
        shipped("xa-2025.yaml"),
        shipped("xb-2025.yaml"),
        shipped("dk-2025-illustrative.yaml"),
    ];
    let args = |format: &'static str| -> Vec<&str> {
        let mut a = vec!["matrix", "--lang", "fr", "--as-of", "2026-03-01"];
        a.extend(files.iter().map(String::as_str));
        a.extend(["--format", format]);
        a
    };
    let html = ok(&args("html"));
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    for french in [
        "<title>Comparaison de 3 auto-évaluations</title>",
        "3 auto-évaluations comparées",
        "Scores par domaine",
        "Statut de chaque règle",
        "Juridictions et fichiers",
        "Date du présent rapport\u{a0}: 1er mars 2026",
        "Légende\u{a0}:",
        "Toutes les règles",
        "Partiellement respectée",
        "Juridictions fictives",
        "République d'Exemple",
        "(droit contraignant, ",
        "fictive",
        "illustratif",
        "90–100\u{a0}%",
        "\"page \" counter(page) \" sur \" counter(pages)",
        "Les juridictions sont présentées dans l'ordre alphabétique",
    ] {
        assert!(
            html.contains(french) || visible(&html).contains(french),
            "no {french:?} in:\n{html}"
        );
    }
    // Every percentage is French: a number, a no-break space, %.
    assert!(html.contains(&format!("{NBSP}%")), "{html}");
    let body = visible(&html);
    assert!(
        !body
            .chars()
            .zip(body.chars().skip(1))
            .any(|(a, b)| a.is_ascii_digit() && b == '%'),
        "a percentage without its no-break space"
    );
    // The shipped rule set is complete in French: nothing is shown in English.
    assert!(!html.contains("lang=\"en\""), "{html}");
    assert_no_english("the HTML matrix", &body);
    assert_french_colons("the HTML matrix", &body);

    let md = ok(&args("md"));
    assert!(md.starts_with("# Règles × juridictions\n"), "{md}");
    assert!(
        md.contains("Date du présent rapport\u{a0}: 1er mars 2026"),
        "{md}"
    );
    assert!(md.contains("(droit contraignant)"), "{md}");
    assert!(md.contains("XA\\* (fictive) 2025"), "{md}");
    assert!(!md.contains(" [en]"), "{md}");
    assert_no_english("the Markdown matrix", &md);
    assert_french_colons("the Markdown matrix", &md);

    let csv = ok(&args("csv"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("règle;intitulé;instrument;domaine;DK 2025;XA 2025;XB 2025")
    );
    assert!(csv.contains(";Lacune"), "{csv}");
    assert!(!csv.contains(";gap"), "{csv}");
    // English keeps its codes.
    let english = acquis(&["matrix", &files[0], "--format", "csv"]).stdout;
    assert!(
        english.starts_with("rule,title,instrument,area,XA 2025\n"),
        "{english}"
    );
}

#[test]
fn the_diff_in_french_in_every_format() {
    let (old, new) = (round("2024"), round("2025"));
    let text = ok(&["diff", "--lang", "fr", &old, &new]);
    assert!(
        text.starts_with("XA République d'Exemple (fictive)\u{a0}: 2024 → 2025\n"),
        "{text}"
    );
    for french in [
        "\n  score           ",
        "\n  taux de réponse ",
        "Lacunes comblées (2)\n  lacune → partiellement respectée  dir-2011-93.art10.records-for-recruitment (droit contraignant, gravité élevée)",
        "Lacunes désormais sans réponse, non comblées (1)",
        "Nouvelles réponses (1)\n  icse.regional_victim_identification\u{a0}: sans réponse → false",
        "justificatif\u{a0}: National Police",
    ] {
        assert!(text.contains(french), "no {french:?} in:\n{text}");
    }
    assert_no_english("the diff", &text);
    // Points as French writes them: decimal comma, no-break space, singular under two.
    let points = text.lines().nth(1).unwrap();
    assert!(
        points.contains(&format!("{NBSP}point)")) || points.contains(&format!("{NBSP}points)")),
        "{points}"
    );
    assert!(!points.contains('.'), "{points}");

    let md = ok(&["diff", "--lang", "fr", &old, &new, "--format", "md"]);
    for french in [
        "# XA République d'Exemple\u{a0}: évolution de 2024 à 2025",
        "*Juridiction fictive\u{a0}: un exemple inventé",
        "| Score | 72\u{a0}% |",
        "## Lacunes comblées (2)",
        "| Règle | Avant | Après | Force juridique | Gravité |",
        "| droit contraignant | élevée |",
        "## Autres changements de statut (0)\n\nAucune.",
        "<br>justificatif\u{a0}: ",
    ] {
        assert!(md.contains(french), "no {french:?} in:\n{md}");
    }
    assert_no_english("the Markdown diff", &md);
    assert_french_colons("the Markdown diff", &md);

    let html = ok(&["diff", "--lang", "fr", &old, &new, "--format", "html"]);
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(
        html.contains("<h2 id=\"closed\">Lacunes comblées (2)</h2>"),
        "{html}"
    );
    assert!(!html.contains("lang=\"en\""), "{html}");
    assert_no_english("the HTML diff", &visible(&html));
    assert_french_colons("the HTML diff", &visible(&html));
}

#[test]
fn the_history_in_french_in_every_format() {
    let files = [round("2025"), round("2023"), round("2024")];
    let args = |format: &'static str| -> Vec<&str> {
        let mut a = vec!["history", "--lang", "fr"];
        a.extend(files.iter().map(String::as_str));
        a.extend(["--format", format]);
        a
    };
    let text = ok(&args("text"));
    assert!(
        text.starts_with("XA République d'Exemple (fictive\u{a0}: ne décrit aucun pays réel)\u{a0}: 3 périodes de suivi, 2023 → 2024 → 2025\n"),
        "{text}"
    );
    for french in [
        "Score par domaine (taux de réponse entre parenthèses\u{a0}; † provisoire\u{a0}: moins de 60\u{a0}% de réponses)",
        "  Toutes les règles ",
        "↑ en amélioration (+",
        "\u{a0}; dernier cycle ",
        "  nouvelles lacunes (2)\n    sans réponse → lacune  cc-2019.para22.icse-participation",
        "Règles dont le statut a changé (5 sur ",
        "  dir-2011-93.art10.records-for-recruitment  lacune → lacune → partiellement respectée",
    ] {
        assert!(text.contains(french), "no {french:?} in:\n{text}");
    }
    assert_no_english("the history", &text);

    let md = ok(&args("md"));
    for french in [
        "\u{a0}: historique du suivi, 2023 → 2024 → 2025",
        "## Tendance par domaine",
        "| Domaine | 2023 | 2024 | 2025 | Tendance |",
        "- Lacunes comblées (0)\u{a0}: aucune",
        "**modifiée\u{a0}:** ",
        "Fichiers\u{a0}: `",
    ] {
        assert!(md.contains(french), "no {french:?} in:\n{md}");
    }
    assert_no_english("the Markdown history", &md);
    assert_french_colons("the Markdown history", &md);

    let html = ok(&args("html"));
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("<strong>Modifiée\u{a0}:</strong>"), "{html}");
    assert!(
        html.contains("— nouvelles lacunes\u{a0}: 2\u{a0}; lacunes comblées\u{a0}: 0</h3>"),
        "{html}"
    );
    assert_no_english("the HTML history", &visible(&html));
    assert_french_colons("the HTML history", &visible(&html));
}

#[test]
fn the_json_of_diff_and_history_is_the_same_in_every_language() {
    let (old, new) = (round("2024"), round("2025"));
    for args in [
        vec!["diff", &old, &new, "--format", "json"],
        vec!["history", &old, &new, "--format", "json"],
    ] {
        let english = ok(&args);
        let mut french_args = args.clone();
        french_args.splice(1..1, ["--lang", "fr"]);
        assert_eq!(ok(&french_args), english, "{args:?}");
        assert!(
            english.contains("\"old_label\": \"Gap\"") || english.contains("\"label\": \"Gap\"")
        );
    }
}

/// The snapshot rule set has no French: every rule title, question and area label is
/// English shown in its place, and marked so.
#[test]
fn english_shown_for_a_missing_translation_is_marked() {
    let set = ["--rules", "tests/fixtures/snapshot-set/rules"];
    let old = "tests/fixtures/snapshot-set/history/xa-2024.yaml";
    let new = "tests/fixtures/snapshot-set/history/xa-2025.yaml";
    let md = ok(&[
        &["diff"],
        &set[..],
        &["--lang", "fr", old, new, "--format", "md"],
    ]
    .concat());
    assert!(
        md.contains("| Employers are entitled to request criminal record information when recruiting for work with children [en] (`dir-2011-93.art10.records-for-recruitment`) |"),
        "{md}"
    );
    let html = ok(&[
        &["diff"],
        &set[..],
        &["--lang", "fr", old, new, "--format", "html"],
    ]
    .concat());
    assert!(
        html.contains("<th scope=\"row\"><span lang=\"en\">Employers are entitled to request criminal record information when recruiting for work with children</span> <code>"),
        "{html}"
    );
    let matrix = ok(&[
        &["matrix"],
        &set[..],
        &["--lang", "fr", new, "--format", "html"],
    ]
    .concat());
    assert!(
        matrix.contains("<th scope=\"row\"><span lang=\"en\">Criminal record checks for work with children (ECRIS)</span></th>"),
        "{matrix}"
    );
    // The English document marks nothing.
    let english = ok(&[&["diff"], &set[..], &[old, new, "--format", "md"]].concat());
    assert!(!english.contains("[en]"), "{english}");
}

/// A French diff and history on the frozen rule set of tests/fixtures/snapshot-set (which
/// has no French of its own: its rule titles and areas show the English, marked [en]);
/// review changes with `cargo insta review`.
#[test]
fn french_diff_and_history_of_the_fictional_rounds() {
    let set = ["--rules", "tests/fixtures/snapshot-set/rules"];
    let files = [
        "tests/fixtures/snapshot-set/history/xa-2025.yaml",
        "tests/fixtures/snapshot-set/history/xa-2023.yaml",
        "tests/fixtures/snapshot-set/history/xa-2024.yaml",
    ];
    let run = |args: &[&str]| ok(&[&args[..1], &set[..], &["--lang", "fr"], &args[1..]].concat());
    insta::assert_snapshot!(
        "diff-xa-2024-2025.fr.md",
        run(&["diff", files[2], files[0], "--format", "md"])
    );
    insta::assert_snapshot!(
        "history-xa.fr.txt",
        run(&["history", files[0], files[1], files[2]])
    );
}
