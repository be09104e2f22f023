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
    use acquis::ruleset;
    use acquis::{check, questionnaire, report, synth, waivers};

    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    let read = |name: &str, bytes: &[u8]| {
        questionnaire::read_assessment(name, bytes, &set.questionnaire, &set.jurisdictions)
            .unwrap_or_else(|d| panic!("{name}: {}", d[0]))
    };
    let mut all = Vec::new();
    for entry in std::fs::read_dir("seeds/assessments").unwrap() {
        let path = entry.unwrap().path();
        let a = read(&path.display().to_string(), &std::fs::read(&path).unwrap());
        all.push(check::evaluate(&set, &a));
    }
    for seed in 0..20 {
        let text = synth::assessment(&set, "XA", seed);
        all.push(check::evaluate(
            &set,
            &read("synthetic.yaml", text.as_bytes()),
        ));
    }
    assert!(all.len() > 20);

    // One result set with waivers, odd strings and every optional field filled.
    let mut odd = all[0].clone();
    let tricky = "quote \" back\\slash tab\t nl\n ctl\u{1} del\u{7f} ü 𝄞 \u{2028}";
    odd.file = format!("dir/{tricky}.yaml");
    odd.prepared_by = Some(tricky.to_string());
    odd.date = None;
    let mut waived = 0;
    for r in odd.results.iter_mut() {
        r.message = Some(format!("{tricky} {}", r.rule));
        r.missing.push(tricky.to_string());
        r.inputs
            .insert(tricky.into(), serde_json::json!([tricky, 2.5]));
        if matches!(r.status, acquis::model::Status::Gap) && waived < 3 {
            waived += 1;
            r.raw_status = Some(r.status);
            r.status = acquis::model::Status::Waived;
            r.waiver = Some(waivers::Waiver {
                rule: r.rule.to_string(),
                jurisdiction: odd.jurisdiction.clone(),
                reason: tricky.to_string(),
                approved_by: "Ministry \"X\"".to_string(),
                until: "2030-01-01".to_string(),
                file: String::new(),
                pos: Default::default(),
            });
        }
    }
    assert!(waived > 0, "no gap to waive in the first assessment");
    odd.summary.overall.score = Some(0.1 + 0.2);
    odd.summary.overall.completeness = None;
    all.push(odd);

    for r in &all {
        let one = std::slice::from_ref(r);
        assert_eq!(
            report::json(one, false),
            report::json_by_serde(one),
            "{}",
            r.file
        );
    }
    assert_eq!(report::json(&all, false), report::json_by_serde(&all));
    assert_eq!(report::json(&[], false), report::json_by_serde(&[]));
}
