//! Messages read by officials and maintainers (#19): the right suggestion, no library
//! jargon, no "0 rules" for a typo.

mod common;

use common::{acquis, write};

#[test]
fn a_filter_that_names_no_instrument_or_area_is_an_error_with_a_suggestion() {
    let run = acquis(&["rules", "list", "--instrument", "nope"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("there is no instrument `nope`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`lanzarote`"), "{}", run.stderr);
    let run = acquis(&["rules", "list", "--instrument", "Lanzarote"]);
    assert!(
        run.stderr.contains("did you mean `lanzarote`?"),
        "{}",
        run.stderr
    );
    let run = acquis(&["rules", "list", "--area", "ecriss"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `ecris`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_id_cut_short_suggests_the_ids_it_begins() {
    let run = acquis(&[
        "explain",
        "dir-2011-93.art10",
        "seeds/assessments/xa-2025.yaml",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("dir-2011-93.art10-1.disqualification"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("grooming"), "{}", run.stderr);
    let run = acquis(&["explain", "zzz", "seeds/assessments/xa-2025.yaml"]);
    assert!(run.stderr.contains("rule ids include `"), "{}", run.stderr);
    assert!(!run.stderr.contains("include include"), "{}", run.stderr);
}

#[test]
fn a_duplicate_key_names_the_key_without_the_parsers_advice() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "dup.yaml",
        "acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nperiod: \"2026\"\nanswers: {}\n",
    );
    let run = acquis(&["validate", &f]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(":4:1: error: `period` appears twice in the same mapping"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("DuplicateKeyPolicy"), "{}", run.stderr);
}

#[test]
fn help_names_no_document_outside_the_repository() {
    let run = acquis(&["check", "--help"]);
    assert!(!run.stdout.contains("SPEC"), "{}", run.stdout);
    let run = acquis(&["explain", "--help"]);
    assert!(run.stdout.contains("The rule's id"), "{}", run.stdout);
}

#[test]
fn the_output_files_extension_names_the_format_unless_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let xa = "seeds/assessments/xa-2025.yaml";
    for (name, starts) in [
        ("r.html", "<!doctype html>"),
        ("r.md", "# Gap report"),
        ("r.json", "{\"acquis\":\"results/1\""),
        ("r.csv", "\u{feff}file,jurisdiction"),
        ("r.txt", "XA "),
    ] {
        let path = dir.path().join(name).display().to_string();
        let run = acquis(&["check", xa, "-o", &path, "--fail-on", "never"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(starts), "{name}: {}", &written[..80]);
    }
    // An explicit --format wins over the extension.
    let path = dir.path().join("x.html").display().to_string();
    let run = acquis(&[
        "check",
        xa,
        "-o",
        &path,
        "--format",
        "md",
        "--fail-on",
        "never",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Gap report")
    );
}

#[test]
fn a_template_with_a_format_that_uses_none_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md.j2", "{{ r.jurisdiction }}\n");
    for format in ["text", "csv", "json"] {
        let run = acquis(&[
            "check",
            "seeds/assessments/xa-2025.yaml",
            "--format",
            format,
            "--template",
            &template,
        ]);
        assert_eq!(run.code, 2, "{format}: {}", run.stdout);
        assert!(
            run.stderr.contains("--template shapes md and html reports"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
}
