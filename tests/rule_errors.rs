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

/// What a condition may not do, refused at its file:line:col with the reason (SPEC 4): the
/// rows of the engine issue, the old sandbox's runaway cases, and what would turn an
/// unanswered question into a value.
#[test]
fn what_a_condition_cannot_use_is_refused_where_it_is_written() {
    for (check, col, message) in [
        (
            "check: a.s.n >= j.threshold",
            19,
            "`j.threshold` does not exist",
        ),
        (
            "check: sleep(9223372036854775807) == ()",
            8,
            "`sleep` is not a function conditions may call",
        ),
        (
            "check: 'print(\"LEAK\") == ()'",
            9,
            "`print` is not a function conditions may call",
        ),
        (
            "check: '\"x\".pad(200000000, \"y\") == \"\"'",
            13,
            "`pad` is not a function conditions may call",
        ),
        (
            "check: frobnicate(a.s.x)",
            8,
            "`frobnicate` is not a function conditions may call",
        ),
        (
            "check: a.s.n * 2",
            14,
            "`check` gives a number instead of true or false",
        ),
        (
            "check: a.s.x ?? true",
            14,
            "`??` is not available in conditions",
        ),
        ("check: a.s?.x", 11, "`?.` is not available in conditions"),
        (
            "check: type_of(a.s.x) == \"bool\"",
            8,
            "`type_of` is not available in conditions",
        ),
        (
            "check: 'switch a.s.n { 1 => true, _ => false }'",
            9,
            "`switch` is not available in conditions",
        ),
        (
            "check: a.s.tags[0] == \"a\"",
            16,
            "indexing with `[…]` is not available",
        ),
        (
            "check: a.s.n > 2.5",
            16,
            "conditions use whole numbers only",
        ),
        (
            "check: a.s.level == \"ful\"",
            21,
            "\"ful\" is not one of the values of `a.s.level`",
        ),
        ("check: a.s.level > \"full\"", 18, "words have no order"),
        (
            "check: '\"d\" in a.s.tags'",
            9,
            "\"d\" is not one of the values of `a.s.tags`",
        ),
        (
            "check: a.s.tags == [\"a\"]",
            17,
            "is a set (a list of chosen values) and cannot be compared",
        ),
        (
            "check: a.s.n == \"3\"",
            17,
            "`a.s.n` is compared with the text \"3\", but it is an int question",
        ),
        (
            "check: a.s.x == 1",
            17,
            "`a.s.x` is compared with the number 1, but it is a bool question",
        ),
        (
            "check: a.s.since > \"2020-13-01\"",
            20,
            "\"2020-13-01\" is not a date",
        ),
        (
            "check: '\"ul\" in a.s.level'",
            21,
            "is one chosen word; `in` and `contains` would look for a part of it",
        ),
        ("check: a.s.tags.len > 0", 17, "has no property `len`"),
        (
            "check: a.s.n & 1 == 1",
            14,
            "`&` in a condition joins true/false values",
        ),
        (
            "check: if a.s.x { true }",
            8,
            "an `if` in a condition needs an `else`",
        ),
        (
            "check: a.s.x && a.s.n",
            21,
            "each side of `&&` must be true or false",
        ),
        ("check: a", 8, "`a` cannot be used whole"),
        (
            "check: a.s.tags.contains_all(\"a\")",
            30,
            "`contains_all` needs a list of quoted words",
        ),
    ] {
        let (file, err) = refused(&rule(check));
        let needle = format!("{file}:9:{col}: error: ");
        let at = err
            .find(&needle)
            .unwrap_or_else(|| panic!("{check}: no error at 9:{col}:\n{err}"));
        assert!(
            err[at..].contains(message),
            "{check}: expected `{message}` in:\n{err}"
        );
    }
}

#[test]
fn lint_reports_every_problem_of_every_file_in_one_pass() {
    // Two rule files fail to load and a third loads with a lint problem: all three reported.
    let dir = tempfile::tempdir().unwrap();
    let questions =
        std::fs::read_to_string(format!("{}/questions/s.yaml", fixture("logic"))).unwrap();
    write(dir.path(), "questions/s.yaml", &questions);
    write(
        dir.path(),
        "cc-2019/one.yaml",
        &rule("check: a.s.levl == \"full\"").replace("fx.bad", "cc-2019.para16.one"),
    );
    write(
        dir.path(),
        "cc-2019/two.yaml",
        &rule("check: a.s.n > 1 && j.threshold > 1").replace("fx.bad", "cc-2019.para16.two"),
    );
    write(
        dir.path(),
        "cc-2019/three.yaml",
        &rule("check: a.s.x").replace("fx.bad", "cc-2019.three"),
    );
    let run = acquis(&[
        "rules",
        "lint",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    for needle in [
        "one.yaml:9:12: error: `a.s.levl` is not a declared question",
        "two.yaml:9:23: error: `j.threshold` does not exist",
        "three.yaml:1:5: error: rule id `cc-2019.three` should have three parts",
        "three.yaml:1:5: error: rule `cc-2019.three` has no example for met, gap",
    ] {
        assert!(
            run.stderr.contains(needle),
            "missing `{needle}` in:\n{}",
            run.stderr
        );
    }
    // `s.n` is named in a file that did not load: not reported as unread.
    assert!(
        run.stderr.contains("no rule reads question `s.level`"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("no rule reads question `s.n`"),
        "{}",
        run.stderr
    );
}
