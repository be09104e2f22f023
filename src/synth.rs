//! Synthetic self-assessments for benchmarks and load tests: every question of the
//! questionnaire answered with a valid random value, about one in ten left empty, with
//! evidence text of a realistic length. Deterministic for a given seed.

use std::fmt::Write as _;

use crate::model::QuestionType;
use crate::ruleset::RuleSet;

/// SplitMix64: small, fast and good enough to vary test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const ACTS: [&str; 8] = [
    "Criminal Code",
    "Code of Criminal Procedure",
    "Criminal Records Act",
    "Child Protection Act",
    "Victims of Crime Act",
    "Police Act",
    "Electronic Communications Act",
    "Education Act",
];

const NOTES: [&str; 6] = [
    "in force since 2016",
    "as amended in 2021; applied in practice according to the annual monitoring report",
    "covers employees and volunteers alike",
    "implementing regulation adopted by the Ministry of Justice",
    "confirmed by the Supreme Court in its 2022 judgment",
    "a draft amendment is before Parliament",
];

fn evidence(rng: &mut Rng) -> String {
    format!(
        "{}, s. {}({}); {} (synthetic).",
        ACTS[rng.below(ACTS.len() as u64) as usize],
        rng.below(300) + 1,
        rng.below(6) + 1,
        NOTES[rng.below(NOTES.len() as u64) as usize]
    )
}

/// One synthetic self-assessment for `jurisdiction`, as YAML text.
pub fn assessment(set: &RuleSet, jurisdiction: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(
        out,
        "# Synthetic self-assessment (seed {seed}): random answers for benchmarks; describes no real country."
    );
    let _ = writeln!(
        out,
        "acquis: assessment/1\njurisdiction: {jurisdiction}\nperiod: \"{}\"",
        2015 + seed % 12
    );
    let _ = writeln!(
        out,
        "prepared_by: Synthetic data generator\ndate: 2025-03-14\nanswers:"
    );
    for section in &set.questionnaire.sections {
        let _ = writeln!(out, "  {}:", section.name);
        for id in &section.questions {
            let q = &set.questionnaire.questions[id];
            if rng.chance(10) {
                let _ = writeln!(out, "    {}: null", q.key);
                continue;
            }
            let value = match &q.kind {
                QuestionType::Bool => (if rng.chance(70) { "true" } else { "false" }).to_owned(),
                QuestionType::Int { min, max } => {
                    let lo = min.unwrap_or(0);
                    let hi = max.unwrap_or(lo + 20).min(lo + 20);
                    (lo + rng.below((hi - lo + 1) as u64) as i64).to_string()
                }
                QuestionType::Enum { values } => {
                    values[rng.below(values.len() as u64) as usize].clone()
                }
                QuestionType::Set { values } => {
                    let chosen: Vec<&str> = values
                        .iter()
                        .filter(|_| rng.chance(60))
                        .map(String::as_str)
                        .collect();
                    format!("[{}]", chosen.join(", "))
                }
                QuestionType::Date => format!(
                    "20{:02}-{:02}-{:02}",
                    10 + rng.below(15),
                    1 + rng.below(12),
                    1 + rng.below(28)
                ),
                QuestionType::Text => format!("\"{}\"", evidence(&mut rng)),
            };
            if rng.chance(80) {
                let _ = writeln!(
                    out,
                    "    {}:\n      value: {value}\n      evidence: \"{}\"",
                    q.key,
                    evidence(&mut rng)
                );
            } else {
                let _ = writeln!(out, "    {}: {value}", q.key);
            }
        }
    }
    out
}

/// The codes synthetic assessments cycle through: every jurisdiction of the set.
pub fn jurisdictions(set: &RuleSet) -> Vec<String> {
    set.jurisdictions.iter().map(|j| j.code.clone()).collect()
}
