//! Random inputs never panic the loader or the engine: random text as YAML, random
//! answer maps against the real questionnaire (then evaluated), random rule files.

use std::borrow::Cow;
use std::sync::OnceLock;

use acquis::load::{FileSet, InputFile};
use acquis::ruleset::{self, RuleSet};
use acquis::{check, questionnaire};
use proptest::prelude::*;

fn shipped() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
            .expect("shipped rules load")
    })
}

/// Text made of the characters YAML gives meaning to, and a few others.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(":".to_owned()),
            Just(": ".to_owned()),
            Just("- ".to_owned()),
            Just("\n".to_owned()),
            Just("  ".to_owned()),
            Just("\t".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just(",".to_owned()),
            Just("&a ".to_owned()),
            Just("*a".to_owned()),
            Just("!!str ".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("#".to_owned()),
            Just("|".to_owned()),
            Just(">".to_owned()),
            Just("---".to_owned()),
            Just("acquis: assessment/1\n".to_owned()),
            Just("jurisdiction: XA\n".to_owned()),
            Just("answers:\n".to_owned()),
            Just("ecris".to_owned()),
            Just("periodic_rechecks".to_owned()),
            Just("null".to_owned()),
            Just("true".to_owned()),
            "[a-z_]{1,8}",
            "-?[0-9]{1,25}",
            "\\PC{0,4}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

/// A YAML value of any shape, as text.
fn any_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        "[a-z_]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        Just("1e400".to_owned()),
        Just(".nan".to_owned()),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| format!("[{}]", v.join(", "))),
            (inner.clone(), "[a-z]{0,10}")
                .prop_map(|(v, e)| format!("{{ value: {v}, evidence: \"{e}\" }}")),
            (inner, "[a-z_]{1,6}").prop_map(|(v, k)| format!("{{ {k}: {v} }}")),
        ]
    })
}

/// An answers map over the real questionnaire (with some unknown names), as YAML text.
fn answers() -> impl Strategy<Value = String> {
    let set = shipped();
    let ids: Vec<String> = set.questionnaire.questions.keys().cloned().collect();
    let allowed: Vec<String> = set
        .questionnaire
        .questions
        .values()
        .flat_map(|q| match &q.kind {
            acquis::model::QuestionType::Enum { values }
            | acquis::model::QuestionType::Set { values } => values.clone(),
            _ => Vec::new(),
        })
        .collect();
    let value = prop_oneof![
        3 => any_value(),
        1 => proptest::sample::select(allowed.clone()),
        1 => proptest::collection::vec(proptest::sample::select(allowed), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
    ];
    let entry = prop_oneof![
        4 => proptest::sample::select(ids).prop_map(|id| {
            let (s, q) = id.split_once('.').unwrap();
            (s.to_owned(), q.to_owned())
        }),
        1 => ("[a-z]{1,6}", "[a-z_]{1,8}"),
    ];
    proptest::collection::vec((entry, value), 0..40).prop_map(|entries| {
        let mut sections: std::collections::BTreeMap<String, Vec<(String, String)>> =
            Default::default();
        for ((s, q), v) in entries {
            let list = sections.entry(s).or_default();
            if !list.iter().any(|(k, _)| *k == q) {
                list.push((q, v));
            }
        }
        let mut text =
            String::from("acquis: assessment/1\njurisdiction: XA\nperiod: \"2025\"\nanswers:\n");
        for (s, qs) in sections {
            text.push_str(&format!("  {s}:\n"));
            for (q, v) in qs {
                text.push_str(&format!("    {q}: {v}\n"));
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics_the_assessment_reader(text in yamlish()) {
        let set = shipped();
        let _ = questionnaire::read_assessment("random.yaml", text.as_bytes(), &set.questionnaire, &set.jurisdictions);
    }

    #[test]
    fn random_bytes_never_panic_the_assessment_reader(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let set = shipped();
        let _ = questionnaire::read_assessment("random.yaml", &bytes, &set.questionnaire, &set.jurisdictions);
    }

    #[test]
    fn random_answers_are_read_and_evaluated_without_panic(text in answers()) {
        let set = shipped();
        if let Ok(assessment) = questionnaire::read_assessment("random.yaml", text.as_bytes(), &set.questionnaire, &set.jurisdictions) {
            let results = check::evaluate(set, &assessment);
            prop_assert_eq!(results.results.len(), set.rules.len());
            // The answers are found once by slot, for evaluating and for writing: the same
            // as looking each one up by id.
            let layout = &set.layout;
            prop_assert_eq!(layout.answers_of_values(&results.values), layout.answers(&assessment));
            for (slot, info) in layout.slots.iter().enumerate() {
                prop_assert_eq!(results.values[slot], assessment.value(&info.id), "{}", info.id);
            }
            // Valid answers never make a shipped rule fail.
            prop_assert!(results.results.iter().all(|r| r.status != acquis::model::Status::Error), "{:?}", results.results.iter().find(|r| r.status == acquis::model::Status::Error));
        }
    }

    #[test]
    fn random_rule_files_never_panic_the_loader(condition in yamlish(), body in yamlish()) {
        let questions = FileSet::builtin("rules").files.into_iter().filter(|f| f.rel.starts_with("questions/"));
        let rule = format!(
            "id: cc-2019.para16.random\ntitle: T\ninstrument: cc-2019\narea: ecris\nseverity: low\nobligation: O.\nsources: [{{ doc: cc-2019, ref: para 16 }}]\nremedy: R.\ncheck: {}\n{}",
            condition.replace('\n', " "),
            body
        );
        let mut files: Vec<InputFile> = questions.collect();
        files.push(InputFile { name: "cc-2019/random.yaml".into(), rel: "cc-2019/random.yaml".into(), bytes: Cow::Owned(rule.into_bytes()) });
        let _ = ruleset::load(&FileSet { files }, &FileSet::builtin("seeds"));
    }
}

/// The shipped example assessments, which answer most questions validly: their answers
/// found by slot are the ones found by id, for evaluating and for writing.
#[test]
fn answers_found_by_slot_are_the_answers_found_by_id() {
    let set = shipped();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/assessments");
    let mut answered = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let assessment =
            questionnaire::read_assessment(&name, &bytes, &set.questionnaire, &set.jurisdictions)
                .unwrap_or_else(|d| panic!("{name}: {d:?}"));
        let results = check::evaluate(set, &assessment);
        let layout = &set.layout;
        assert_eq!(
            layout.answers_of_values(&results.values),
            layout.answers(&assessment),
            "{name}"
        );
        for (slot, info) in layout.slots.iter().enumerate() {
            assert_eq!(
                results.values[slot],
                assessment.value(&info.id),
                "{name}: {}",
                info.id
            );
            answered += usize::from(results.values[slot].is_some());
        }
    }
    assert!(answered > 300, "the examples answer {answered} questions");
}
