//! The synthetic assessments used by the benchmark are valid, varied and deterministic.

use acquis::load::FileSet;
use acquis::ruleset;
use acquis::{check, questionnaire, synth};

#[test]
fn synthetic_assessments_validate_and_vary() {
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).unwrap();
    let mut unanswered = 0;
    let mut answered = 0;
    let mut statuses = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let text = synth::assessment(&set, "XA", seed);
        let a = questionnaire::read_assessment(
            "synthetic.yaml",
            text.as_bytes(),
            &set.questionnaire,
            &set.jurisdictions,
        )
        .unwrap_or_else(|d| panic!("seed {seed}: {}", d[0]));
        unanswered += a.answers.values().filter(|x| x.value.is_none()).count();
        answered += a.answers.values().filter(|x| x.value.is_some()).count();
        for r in check::evaluate(&set, &a).results {
            statuses.insert(r.status);
        }
    }
    let share = unanswered as f64 / (answered + unanswered) as f64;
    assert!(
        (0.05..0.15).contains(&share),
        "about 10% unanswered: {share}"
    );
    assert!(statuses.len() >= 4, "{statuses:?}");
    assert_eq!(
        synth::assessment(&set, "XA", 7),
        synth::assessment(&set, "XA", 7),
        "deterministic"
    );
}
