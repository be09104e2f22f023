//! The results JSON is for machines: compact unless a person asks for indentation (#17).

mod common;

use common::acquis;

const XB: &str = "seeds/assessments/xb-2025.yaml";

#[test]
fn json_to_a_pipe_is_compact_and_pretty_indents_the_same_document() {
    let compact = acquis(&["check", XB, "--format", "json", "--fail-on", "never"]);
    assert_eq!(compact.code, 0, "{}", compact.stderr);
    // One document on one line: the only newline is the final one.
    assert_eq!(compact.stdout.trim_end().lines().count(), 1, "not compact");
    let pretty = acquis(&[
        "check",
        XB,
        "--format",
        "json",
        "--pretty",
        "--fail-on",
        "never",
    ]);
    assert_eq!(pretty.code, 0, "{}", pretty.stderr);
    assert!(
        pretty.stdout.lines().count() > 100,
        "--pretty did not indent"
    );
    assert!(pretty.stdout.contains("\n  \""), "--pretty did not indent");
    let a: serde_json::Value = serde_json::from_str(&compact.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_str(&pretty.stdout).unwrap();
    assert_eq!(a, b, "indentation changed the content");
}

#[test]
fn pretty_with_another_format_is_refused() {
    let run = acquis(&["check", XB, "--format", "text", "--pretty"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--pretty"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// The hand-written compact writer gives the bytes serde_json gives from the same
/// results (#17): the shipped assessments, synthetic ones, several at once, and results
/// edited to carry everything optional and every string that needs escaping.
#[test]
fn compact_json_is_byte_for_byte_what_serde_writes() {
    use acquis::load::FileSet;
    use acquis::model::{AnswerValue, Status};
    use acquis::ruleset;
    use acquis::{check, questionnaire, report, synth, waivers};

    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    let read = |name: &str, bytes: &[u8]| {
        questionnaire::read_assessment(name, bytes, &set.questionnaire, &set.jurisdictions)
            .unwrap_or_else(|d| panic!("{name}: {}", d[0]))
    };
    let mut assessments = Vec::new();
    for entry in std::fs::read_dir("seeds/assessments").unwrap() {
        let path = entry.unwrap().path();
        assessments.push(read(
            &path.display().to_string(),
            &std::fs::read(&path).unwrap(),
        ));
    }
    for seed in 0..20 {
        let text = synth::assessment(&set, "XA", seed);
        assessments.push(read("synthetic.yaml", text.as_bytes()));
    }
    assert!(assessments.len() > 20);

    // One assessment with odd strings in its file name, preparer and answers, and its results with waivers and every optional field filled.
    let tricky = "quote \" back\\slash tab\t nl\n ctl\u{1} del\u{7f} ü 𝄞 \u{2028}";
    let mut odd_assessment = assessments[0].clone();
    odd_assessment.file = format!("dir/{tricky}.yaml");
    odd_assessment.prepared_by = Some(tricky.to_string());
    odd_assessment.date = None;
    // A quarter of the answers: the rest still decide some rules as gaps, to be waived.
    for (i, answer) in odd_assessment.answers.values_mut().enumerate() {
        answer.value = match i % 12 {
            0 => Some(AnswerValue::Text(tricky.to_string())),
            3 => Some(AnswerValue::Set(vec![tricky.to_string(), String::new()])),
            6 => Some(AnswerValue::Int(-(i as i64))),
            _ => answer.value.take(),
        };
    }
    let waivers: Vec<waivers::Waiver> = set
        .rules
        .iter()
        .map(|c| waivers::Waiver {
            rule: c.rule.id.clone(),
            jurisdiction: odd_assessment.jurisdiction.clone(),
            reason: tricky.to_string(),
            approved_by: "Ministry \"X\"".to_string(),
            until: "2030-01-01".to_string(),
            file: String::new(),
            pos: Default::default(),
        })
        .collect();

    let mut all: Vec<check::Results> = assessments
        .iter()
        .map(|a| check::evaluate(&set, a))
        .collect();
    let mut odd = check::evaluate(&set, &odd_assessment);
    assert!(
        odd.results.iter().any(|r| r.inputs().next().is_some()),
        "no rule read an answer"
    );
    let mut waived = 0;
    for (r, w) in odd.results.iter_mut().zip(&waivers) {
        r.message = Some(format!("{tricky} {}", r.id()));
        r.missing.push(tricky);
        if matches!(r.status, Status::Gap | Status::Partial) && waived < 3 {
            waived += 1;
            r.raw_status = Some(r.status);
            r.status = Status::Waived;
            r.waiver = Some(w);
        }
    }
    assert!(waived > 0, "no gap to waive in the odd assessment");
    odd.summary.overall.score = Some(0.1 + 0.2);
    odd.summary.overall.completeness = None;
    all.push(odd);

    // The rules' fixed parts written once per rule set (`check` over many files) give the
    // same bytes; fragments of another copy of the set are not taken for these rules.
    let fragments = report::results_json::Fragments::new(&set);
    let mut other_set =
        ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    for rule in &mut other_set.rules {
        rule.rule.title = "another rule set's title".into();
    }
    let foreign = report::results_json::Fragments::new(&other_set);
    for r in &all {
        let one = std::slice::from_ref(r);
        let serde = report::json_by_serde(one);
        assert_eq!(report::json(one, false), serde, "{}", r.assessment.file);
        assert_eq!(
            report::json_with(one, false, Some(&fragments)),
            serde,
            "{}",
            r.assessment.file
        );
        assert_eq!(report::json_with(one, false, Some(&foreign)), serde);
    }
    assert_eq!(
        report::json_with(&all, false, Some(&fragments)),
        report::json_by_serde(&all)
    );
    assert_eq!(report::json(&all, false), report::json_by_serde(&all));
    assert_eq!(report::json(&[], false), report::json_by_serde(&[]));
}
