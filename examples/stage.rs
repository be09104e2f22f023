//! Runs one stage of the pipeline N times, for instruction counts under callgrind:
//!     valgrind --tool=callgrind target/release/examples/stage STAGE N
//! STAGE: floor (serde-saphyr into a plain value), events (the parser's events alone),
//! tree / tree-events / tree-serde (the positioned tree: as `check` reads it, line by line;
//! from the parser's events; through serde), parse (+ validation),
//! pipeline (+ evaluation and JSON), load (the fixed cost, subtracted).
use acquis::load::FileSet;
use acquis::ruleset;
use acquis::{check, questionnaire, report, synth};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map(String::as_str).unwrap_or("pipeline");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).expect("loads");
    let text = synth::assessment(&set, "SI", 42);
    let mut total = 0usize;
    for _ in 0..n {
        total += match stage {
            "floor" => serde_saphyr::from_str::<serde_json::Value>(&text)
                .map(|v| v.as_object().map_or(0, |o| o.len()))
                .unwrap_or(0),
            "parse" => questionnaire::read_assessment(
                "s.yaml",
                text.as_bytes(),
                &set.questionnaire,
                &set.jurisdictions,
            )
            .map(|a| a.answers.len())
            .unwrap_or(0),
            "events" => granit_parser::Parser::new_from_str(&text).count(),
            "tree" => acquis::yaml::parse_str("s.yaml", &text)
                .map(|n| n.len)
                .unwrap_or(0),
            "tree-events" => acquis::yaml::events::parse(&text).map_or(0, |n| n.len),
            "tree-serde" => acquis::yaml::parse_str_with_serde("s.yaml", &text)
                .map(|n| n.len)
                .unwrap_or(0),
            "load" => 0,
            _ => {
                let a = questionnaire::read_assessment(
                    "s.yaml",
                    text.as_bytes(),
                    &set.questionnaire,
                    &set.jurisdictions,
                )
                .expect("valid");
                let r = check::evaluate(&set, &a);
                report::json(std::slice::from_ref(&r), false).len()
            }
        };
    }
    println!("{stage} x{n}: {total}");
}
