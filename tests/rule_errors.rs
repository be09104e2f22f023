//! Rule files that must not load: each refused with its file:line:col, before anything runs.

mod common;

use common::{acquis, fixture, write};

/// A copy of the fixture questionnaire plus one rule file with `body`; returns
/// (rule file path, stderr) of `acquis rules lint`, which must exit 2.
fn refused(body: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("logic"))).unwrap();
    write(dir.path(), "questions/s.yaml", &questions);
    let file = write(dir.path(), "fx/bad.yaml", body);
    let run = acquis(&[
        "rules",
        "lint",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(
        run.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    // Keep the folder alive until the command ran.
    drop(dir);
    (file, run.stderr)
}

fn rule(check_line: &str) -> String {
    format!(
        "id: fx.bad\ntitle: Bad\ninstrument: cc-2019\narea: logic\nseverity: low\nobligation: O.\nsources: [{{ doc: cc-2019, ref: para 16 }}]\nremedy: R.\n{check_line}\n"
    )
}

#[test]
fn statements_are_refused_with_their_position() {
    for (check, col) in [
        ("check: let x = true", 8),
        ("check: loop { }", 8),
        ("check: fn f() { true }", 8),
        ("check: import \"x\" as y", 8),
        ("check: eval(\"true\")", 8),
        ("check: while true { }", 8),
        ("check: \"|x| x\"", 9),
        ("check: \"fn f() { f() }\"", 9),
    ] {
        let (file, err) = refused(&rule(check));
        assert!(
            err.contains(&format!("{file}:9:{col}: error: `check` does not compile")),
            "{check}:\n{err}"
        );
    }
}

#[test]
fn too_deep_nesting_is_refused() {
    let deep = format!("check: {}a.s.x{}", "(".repeat(40), ")".repeat(40));
    let (file, err) = refused(&rule(&deep));
    assert!(err.contains(&format!("{file}:9:")), "{err}");
    assert!(err.contains("complexity"), "{err}");
}

#[test]
fn a_compile_error_inside_a_block_points_at_the_yaml_line() {
    let (file, err) = refused(&rule("check: |\n  a.s.x &&\n    a.s.y ==\n"));
    // The expression ends after `==`: Rhai reports it on its line 3, which is YAML line 12.
    assert!(err.contains(&format!("{file}:12:")), "{err}");
    let (file, err) = refused(&rule("check: \"a.s.x && &&\""));
    assert!(
        err.contains(&format!("{file}:9:18: error: `check` does not compile")),
        "{err}"
    );
}

#[test]
fn reading_an_undeclared_question_is_refused_with_a_suggestion() {
    let (file, err) = refused(&rule("check: a.s.x && a.s.levl == \"full\""));
    assert!(
        err.contains(&format!(
            "{file}:9:21: error: `a.s.levl` is not a declared question"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `level`?"), "{err}");
    let (file, err) = refused(&rule("check: a.ss.x"));
    assert!(
        err.contains(&format!(
            "{file}:9:10: error: `a.ss` is not a questionnaire section"
        )),
        "{err}"
    );
}

#[test]
fn reading_a_text_answer_is_refused() {
    let (_, err) = refused(&rule("check: a.s.note == \"yes\""));
    assert!(err.contains("text answers never decide a rule"), "{err}");
}

#[test]
fn folded_and_multiline_plain_conditions_are_refused() {
    let (file, err) = refused(&rule("check: >\n  a.s.x\n  && a.s.y\n"));
    assert!(
        err.contains(&format!(
            "{file}:9:1: error: `check` is a folded (`>`) block"
        )),
        "{err}"
    );
    let (file, err) = refused(&rule("check: a.s.x\n  && a.s.y\n"));
    assert!(
        err.contains(&format!("{file}:9:8: error: `check` spans several lines")),
        "{err}"
    );
}

#[test]
fn unknown_fields_wrong_values_and_missing_fields_are_reported_together() {
    let body = "id: fx.bad\ntitle: Bad\ninstrument: cc-2020\narea: logic\nsevrity: low\nseverity: urgent\nsources: [{ doc: cc-2019, ref: para 16 }]\ncheck: a.s.x\nremedy: R.\n";
    let (file, err) = refused(body);
    assert!(
        err.contains(&format!("{file}:3:13: error: unknown instrument `cc-2020`")),
        "{err}"
    );
    assert!(err.contains("did you mean `cc-2019`?"), "{err}");
    assert!(
        err.contains(&format!(
            "{file}:5:1: error: unknown field `sevrity` in a rule"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:6:11: error: `urgent` is not a valid `severity`"
        )),
        "{err}"
    );
    assert!(
        err.contains("missing the required field `obligation`"),
        "{err}"
    );
}

#[test]
fn duplicate_rule_ids_name_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("logic"))).unwrap();
    write(dir.path(), "questions/s.yaml", &questions);
    let first = write(dir.path(), "fx/a.yaml", &rule("check: a.s.x"));
    let second = write(dir.path(), "fx/b.yaml", &rule("check: a.s.y"));
    let run = acquis(&[
        "check",
        &first,
        "--rules",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "{second}:1:5: error: rule id `fx.bad` is also used by {first}"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn example_answers_that_do_not_fit_the_questionnaire_are_refused() {
    let body = format!(
        "{}examples:\n  - name: typo\n    answers: {{ s: {{ levl: full }} }}\n    expect: met\n  - name: bad value\n    answers: {{ s: {{ level: ful }} }}\n    expect: gap\n",
        rule("check: a.s.level == \"full\"")
    );
    let (file, err) = refused(&body);
    assert!(
        err.contains(&format!(
            "{file}:12:21: error: unknown question `levl` in section `s`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:15:28: error: `ful` is not an allowed answer to `s.level`"
        )),
        "{err}"
    );
}

#[test]
fn an_unknown_instrument_in_sources_is_refused() {
    let body = "id: fx.bad\ntitle: Bad\ninstrument: cc-2019\narea: logic\nseverity: low\nobligation: O.\nsources: [{ doc: cc-2091, ref: para 16 }]\nremedy: R.\ncheck: a.s.x\n";
    let (file, err) = refused(body);
    assert!(
        err.contains(&format!(
            "{file}:7:11: error: unknown instrument `cc-2091` in `sources`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `cc-2019`?"), "{err}");
}
