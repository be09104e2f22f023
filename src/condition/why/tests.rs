//! The words of `why` for conditions over the built-in questionnaire.

use super::*;
use crate::condition::{Answers, Compiler, Layout};
use crate::load::{self, FileSet};
use crate::model::{AnswerValue, ConditionText};

/// The leaves of `source` (a condition over the built-in questionnaire) for `answers`.
fn explain(source: &str, answers: &[(&str, AnswerValue)]) -> Vec<Leaf> {
    explain_in(source, answers, Lang::En)
}

/// [`explain`] with the leaves in `lang`.
fn explain_in(source: &str, answers: &[(&str, AnswerValue)], lang: Lang) -> Vec<Leaf> {
    let set = load::read(&FileSet::builtin("rules"), &FileSet::builtin("seeds"));
    let layout = Layout::new(&set.questionnaire);
    let text = ConditionText {
        source: source.to_owned(),
        origin: Default::default(),
        block: false,
    };
    let condition = Compiler::new(&set.questionnaire, &layout)
        .compile(&text, "check", "test.yaml", source)
        .expect("compiles");
    let mut cells = Answers::empty(&layout);
    for (id, value) in answers {
        let slot = layout.slot(id).expect("a question");
        cells.set(slot, layout.cell(slot, value));
    }
    let cx = Context {
        answers: &cells,
        layout: &layout,
        jurisdiction: set
            .jurisdictions
            .iter()
            .find(|j| j.code == "XA")
            .expect("XA"),
    };
    match lang {
        Lang::En => leaves(&condition, &cx),
        _ => leaves_in(&condition, &cx, lang, &set.questionnaire),
    }
}

#[test]
fn a_failed_minimum_says_the_answer_and_what_is_required() {
    let leaves = explain(
        "a.offences.offering_max_years >= 2 && a.offences.possession_max_years >= 1",
        &[
            ("offences.offering_max_years", AnswerValue::Int(1)),
            ("offences.possession_max_years", AnswerValue::Int(3)),
        ],
    );
    assert_eq!(leaves.len(), 2);
    assert_eq!(leaves[0].bearing, Bearing::Against);
    assert_eq!(
        leaves[0].words,
        "maximum term for offering: 1 year; at least 2 years required"
    );
    assert_eq!(leaves[0].questions, ["offences.offering_max_years"]);
    assert_eq!(leaves[1].bearing, Bearing::For);
    assert_eq!(
        leaves[1].words,
        "maximum term for possession: 3 years (at least 1 year required)"
    );
}

#[test]
fn how_many_values_of_a_set_are_chosen_reads_as_words() {
    let leaves = explain(
        "!(a.ecris.vetting_duty.len() == 0)",
        &[("ecris.vetting_duty", AnswerValue::Set(Vec::new()))],
    );
    assert_eq!(leaves.len(), 1, "{leaves:?}");
    assert_eq!(leaves[0].bearing, Bearing::Against);
    assert_eq!(
        leaves[0].words,
        "vetting duty: none; at least one chosen required"
    );
}

#[test]
fn negation_turns_the_requirement_round() {
    let leaves = explain(
        "!a.governance.directive_infringement_open",
        &[(
            "governance.directive_infringement_open",
            AnswerValue::Bool(true),
        )],
    );
    assert_eq!(leaves[0].bearing, Bearing::Against);
    assert_eq!(
        leaves[0].words,
        "directive infringement open: yes; no required"
    );
    let leaves = explain(
        "!(a.offences.offering_max_years < 2)",
        &[("offences.offering_max_years", AnswerValue::Int(1))],
    );
    assert_eq!(
        leaves[0].words,
        "maximum term for offering: 1 year; at least 2 years required"
    );
}

#[test]
fn alternatives_on_one_answer_read_as_one_requirement() {
    let leaves = explain(
        r#"a.governance.legislation_assessed == "within_5_years" || a.governance.legislation_assessed == "longer_ago""#,
        &[(
            "governance.legislation_assessed",
            AnswerValue::Text("never".into()),
        )],
    );
    assert_eq!(leaves.len(), 1, "{leaves:?}");
    assert_eq!(
        leaves[0].words,
        "legislation assessed: never; one of within 5 years, longer ago required"
    );
}

#[test]
fn unanswered_and_if_conditions_bear_neither_way() {
    let leaves = explain(
        r#""realistic_images" in a.offences.material_definition"#,
        &[],
    );
    assert_eq!(leaves[0].bearing, Bearing::Neutral);
    assert_eq!(
        leaves[0].words,
        "material definition: not answered; including realistic images required"
    );
    let leaves = explain(
        "if a.governance.directive_infringement_open { false } else { true }",
        &[(
            "governance.directive_infringement_open",
            AnswerValue::Bool(true),
        )],
    );
    assert_eq!(leaves.len(), 1, "constants are not leaves: {leaves:?}");
    assert_eq!(leaves[0].bearing, Bearing::Neutral);
}

#[test]
fn french_leaves_name_the_question_by_number_and_agree_in_number() {
    let source = "a.offences.offering_max_years >= 2 && a.governance.directive_infringement_open";
    let answers = [
        ("offences.offering_max_years", AnswerValue::Int(1)),
        (
            "governance.directive_infringement_open",
            AnswerValue::Bool(false),
        ),
    ];
    let set = load::read(&FileSet::builtin("rules"), &FileSet::builtin("seeds"));
    let number = |id: &str| set.questionnaire.number(id).unwrap().to_string();
    let leaves = explain_in(source, &answers, Lang::Fr);
    assert_eq!(
        leaves[0].words,
        format!(
            "question {}\u{a0}: 1 an\u{a0}; exigé\u{a0}: au moins 2 ans",
            number("offences.offering_max_years")
        )
    );
    assert_eq!(
        leaves[1].words,
        format!(
            "question {}\u{a0}: non\u{a0}; exigé\u{a0}: oui",
            number("governance.directive_infringement_open")
        )
    );
    // The same leaves in English are unchanged by the French.
    assert_eq!(
        explain(source, &answers)[0].words,
        "maximum term for offering: 1 year; at least 2 years required"
    );
}
