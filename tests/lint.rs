//! `acquis rules lint` over `tests/fixtures/lint`, a rule set that loads but has
//! one planted defect per rule file. Each defect must be reported at its place.

mod common;

use common::{acquis, fixture};

fn lint_output() -> (i32, String) {
    lint_output_of("lint")
}

fn lint_output_of(fixture_name: &str) -> (i32, String) {
    let run = acquis(&["rules", "lint", "--rules", &fixture(fixture_name)]);
    (run.code, run.stderr)
}

fn reported(location: &str, message: &str) {
    reported_in("lint", location, message);
}

/// Conditions that compare a question with a literal it cannot have do not load at all
/// (`tests/fixtures/lint-refused`); lint reports them with the rest.
fn reported_in(fixture_name: &str, location: &str, message: &str) {
    let (code, err) = lint_output_of(fixture_name);
    assert_eq!(code, 2, "lint exits 2 on errors:\n{err}");
    let needle = format!("{}/{location}: {message}", fixture(fixture_name));
    assert!(err.contains(&needle), "missing `{needle}` in:\n{err}");
}

#[test]
fn an_id_outside_the_convention() {
    reported(
        "cc-2019/bad-id.yaml:1:5",
        "error: rule id `cc-2019.bad` should have three parts",
    );
}

#[test]
fn an_enum_compared_with_a_value_it_does_not_allow() {
    reported_in(
        "lint-refused",
        "cc-2019/enum-literal.yaml:9:21",
        "error: \"ful\" is not one of the values of `a.s.level`",
    );
    let (_, err) = lint_output_of("lint-refused");
    assert!(err.contains("did you mean `full`?"), "{err}");
}

#[test]
fn a_question_compared_with_a_literal_of_the_wrong_type() {
    reported_in(
        "lint-refused",
        "cc-2019/wrong-type.yaml:9:17",
        "error: `a.s.n` is compared with the text \"3\", but it is an int question",
    );
}

#[test]
fn a_set_searched_for_a_value_it_does_not_allow() {
    reported_in(
        "lint-refused",
        "cc-2019/set-literal.yaml:9:30",
        "error: \"d\" is not one of the values of `a.s.tags`",
    );
}

#[test]
fn a_quote_that_is_not_in_the_source_text() {
    reported(
        "cc-2019/bad-quote.yaml:9:5",
        "error: the quote does not occur in the text of `cc-2019`",
    );
}

#[test]
fn a_quote_from_an_instrument_without_a_text() {
    reported(
        "cc-2019/directive-quote.yaml:9:5",
        "error: `directive-2011-93` has no source text in seeds/sources/",
    );
}

#[test]
fn a_rule_without_an_example_for_each_status_it_can_produce() {
    reported(
        "cc-2019/missing-examples.yaml:1:5",
        "error: rule `cc-2019.para16.missing-examples` has no example for gap, partial, not_applicable",
    );
}

#[test]
fn a_reference_to_a_paragraph_that_does_not_exist() {
    reported(
        "cc-2019/dangling-reference.yaml:8:11",
        "error: `cc-2019` has no part `para 99`",
    );
}

#[test]
fn a_rule_in_another_instruments_folder() {
    reported(
        "eu-strategy-2020/wrong-folder.yaml",
        "error: a rule of `cc-2019` lives in folder `eu-strategy-2020`",
    );
}

#[test]
fn a_question_no_rule_reads_is_a_warning() {
    reported(
        "questions/s.yaml",
        "warning: no rule reads question `s.unused`",
    );
}

#[test]
fn a_clean_rule_is_not_reported() {
    let (_, err) = lint_output();
    assert!(!err.contains("clean.yaml"), "{err}");
    assert_eq!(err.matches(": error: ").count(), 6, "{err}");
    let (_, refused) = lint_output_of("lint-refused");
    assert_eq!(refused.matches(": error: ").count(), 3, "{refused}");
}
