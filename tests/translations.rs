//! French (#20): rule, question and seed files carry `translations:`; the loader refuses a
//! translation into an unknown language or of a field the record does not have, at its line;
//! `rules lint` names every missing translation.

mod common;

use std::path::{Path, PathBuf};

use common::{acquis, copy_dir};

/// A copy of the shipped rules and seeds in a temporary folder, with `edit` applied to the
/// rule file `art9-a`.
fn shipped_copy(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = dir.path().join("rules");
    copy_dir(&root.join("rules"), &rules);
    let file = rules.join("directive-2011-93/art9-a-vulnerable-child.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(&text)).unwrap();
    (dir, rules)
}

/// Puts `block` (a `translations:` block) just before the rule's `verified:` record, replacing
/// any translations it has, and returns the text with the block's first line number.
fn with_translations(text: &str, block: &str) -> (String, usize) {
    let start = text
        .find("\ntranslations:\n")
        .or_else(|| text.find("\nverified:\n"))
        .unwrap()
        + 1;
    let end = start + text[start..].find("\nverified:\n").map_or(0, |e| e + 1);
    let line = text[..start].lines().count() + 1;
    (format!("{}{block}{}", &text[..start], &text[end..]), line)
}

fn lint(rules: &Path) -> common::Run {
    acquis(&["rules", "lint", "--rules", &rules.display().to_string()])
}

#[test]
fn a_translation_into_an_unknown_language_is_refused_at_its_key() {
    let block = "translations:\n  de:\n    title: \"Erschwerender Umstand\"\n";
    let line = std::cell::Cell::new(0);
    let (_dir, rules) = shipped_copy(|t| {
        let (text, l) = with_translations(t, block);
        line.set(l);
        text
    });
    let run = lint(&rules);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "art9-a-vulnerable-child.yaml:{}:3: error: unknown language `de` in `translations`",
            line.get() + 1
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("acquis translates into fr"),
        "{}",
        run.stderr
    );
}

#[test]
fn english_in_translations_and_an_unknown_field_are_refused() {
    let block = "translations:\n  en:\n    title: \"x\"\n  fr:\n    titre: \"Circonstance\"\n";
    let line = std::cell::Cell::new(0);
    let (_dir, rules) = shipped_copy(|t| {
        let (text, l) = with_translations(t, block);
        line.set(l);
        text
    });
    let run = lint(&rules);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let l = line.get();
    assert!(
        run.stderr.contains(&format!(
            ":{}:3: error: `translations` cannot hold English",
            l + 1
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            ":{}:5: error: unknown field `titre` in the `fr` translation",
            l + 4
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translated_help_needs_an_english_help() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = dir.path().join("rules");
    copy_dir(&root.join("rules"), &rules);
    let file = rules.join("questions/transposition.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // A question of its own, with a French help and no English one.
    let extra = "  - id: extra_question\n    type: text\n    text: \"Anything else?\"\n    translations:\n      fr:\n        text: \"Autre chose ?\"\n        help: \"Aide\"\n";
    let line = text.lines().count() + 7;
    std::fs::write(
        &file,
        format!("{}{extra}", text.trim_end_matches('\n').to_owned() + "\n"),
    )
    .unwrap();
    let run = lint(&rules);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "transposition.yaml:{line}:15: error: `help` is translated but the record has no English `help`"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn lint_names_each_missing_translation_at_its_record() {
    // The rule loses its French: lint warns at the rule's id, naming the fields to add.
    let (_dir, rules) = shipped_copy(|t| with_translations(t, "").0);
    let run = lint(&rules);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "art9-a-vulnerable-child.yaml:1:5: warning: rule `dir-2011-93.art9-a.vulnerable-child` has no French translation of `title`, `obligation` and `remedy`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("add `translations: { fr: { title: …, obligation: …, remedy: … } }`"),
        "{}",
        run.stderr
    );
}
