//! The mistakes a coordinator makes typing a self-assessment by hand, each explained in
//! plain words at its line and column, in English and in French, with the parser's own
//! words kept after it. A new parser that words an error otherwise fails here, instead of
//! leaving the coordinator with "mapping values are not allowed in this context".

mod common;

use common::acquis;

const HEAD: &str = "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n  ecris:\n";

/// (file name, what follows the header, line:col, English message, French message)
const MISTAKES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "deeper.yaml",
        "    periodic_rechecks: true\n      request_channel: online\n",
        "7:22",
        "a `:` where YAML does not expect one",
        "un `:` là où YAML n'en attend pas",
    ),
    (
        "plain-colon.yaml",
        "    request_channel: see: Article 10\n",
        "6:25",
        "a value holds `: ` without quotes",
        "une valeur contient `: ` sans guillemets",
    ),
    (
        "dedent.yaml",
        "    periodic_rechecks: true\n   request_channel: online\n",
        "7:4",
        "this line is not lined up with the entries above it",
        "cette ligne n'est pas alignée sur les entrées au-dessus d'elle",
    ),
    (
        "tab.yaml",
        "\tperiodic_rechecks: true\n",
        "6:2",
        "a tab character where YAML needs spaces",
        "une tabulation là où YAML demande des espaces",
    ),
    (
        "quote.yaml",
        "    request_channel: \"online\n    periodic_rechecks: true\n",
        "6:22",
        "a quotation mark opened here is never closed",
        "un guillemet ouvert ici n'est jamais fermé",
    ),
    (
        "apostrophe.yaml",
        "    request_channel: 'the registry's portal'\n",
        "6:36",
        "text goes on after the closing `'`",
        "du texte suit le `'` fermant",
    ),
    (
        "bracket.yaml",
        "    periodic_rechecks: { value: true\n",
        "6:24",
        "a bracket or brace opened here is never closed",
        "un crochet ou une accolade ouverts ici ne sont jamais fermés",
    ),
    (
        "list.yaml",
        "    - periodic_rechecks\n    request_channel: online\n",
        "7:5",
        "does not start with `- `",
        "ne commence pas par `- `",
    ),
    (
        "at.yaml",
        "    request_channel: @portal\n",
        "6:22",
        "a value starts with a character YAML reserves",
        "une valeur commence par un caractère que YAML réserve",
    ),
    (
        "backslash.yaml",
        "    request_channel: \"C:\\portal\"\n",
        "6:22",
        "a `\\` in a text in double quotes starts a sequence YAML does not know",
        "un `\\` dans un texte entre guillemets doubles ouvre une séquence que YAML ne connaît pas",
    ),
];

fn stderr_of(dir: &std::path::Path, name: &str, body: &str, lang: &str) -> (String, String) {
    let path = dir.join(name);
    std::fs::write(&path, format!("{HEAD}{body}")).unwrap();
    let file = path.display().to_string();
    let run = acquis(&["check", &file, "--lang", lang]);
    assert_eq!(run.code, 2, "{name} ({lang}): {}", run.stderr);
    // French puts a no-break space before `:`; the expectations are typed with a space.
    (file, run.stderr.replace('\u{a0}', " "))
}

#[test]
fn each_typing_mistake_is_explained_where_it_is_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body, at, english, french) in MISTAKES {
        let (file, en) = stderr_of(dir.path(), name, body, "en");
        let location = format!("{file}:{at}");
        assert!(en.contains(&location), "{name}: {location} in\n{en}");
        assert!(en.contains(english), "{name}: `{english}` in\n{en}");
        assert!(
            en.contains("(the YAML parser says: "),
            "{name}: the parser's words are kept:\n{en}"
        );
        assert!(en.contains("= help: "), "{name}: {en}");
        let (_, fr) = stderr_of(dir.path(), name, body, "fr");
        assert!(fr.contains(&location), "{name}: {location} in\n{fr}");
        assert!(fr.contains(french), "{name}: `{french}` in\n{fr}");
        assert!(fr.contains("(l'analyseur YAML indique : "), "{name}: {fr}");
        assert!(
            !fr.contains("= help: ") && fr.contains("= aide : "),
            "{name}: the help is French too:\n{fr}"
        );
    }
}

/// Whatever the parser says, the message and its help are in the run's language: a mistake
/// no rule above recognises still reads "le fichier n'est pas du YAML valide à cet endroit".
#[test]
fn an_unrecognised_syntax_error_is_still_in_the_runs_language() {
    let dir = tempfile::tempdir().unwrap();
    let (file, fr) = stderr_of(dir.path(), "directive.yaml", "%YAML 1.2\n", "fr");
    assert!(fr.contains(&format!("{file}:")), "{fr}");
    assert!(fr.contains("erreur : "), "{fr}");
    assert!(!fr.contains("= help: "), "{fr}");
}

/// A file saved in another encoding than UTF-8 is the commonest mistake before any YAML:
/// said where the first wrong byte is, in the run's language.
#[test]
fn a_file_not_in_utf8_is_explained_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(
        &path,
        b"acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nprepared_by: caf\xe9\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let run = acquis(&["check", &file, "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let fr = run.stderr.replace('\u{a0}', " ");
    assert!(
        fr.contains(&format!(
            "{file}:4:17: erreur : le fichier n'est pas un texte UTF-8 valide"
        )),
        "{fr}"
    );
    assert!(
        fr.contains("= aide : enregistrez le fichier en UTF-8"),
        "{fr}"
    );
}
