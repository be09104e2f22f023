//! Where the time goes: `cargo bench --bench pipeline`.
//!
//! Per assessment: parse + validate, conversion for the engine, evaluation of every shipped
//! rule, rendering to JSON and HTML, and the whole pipeline; the floors they are compared with
//! (parsing the same text with the YAML library alone, a few rules as native Rust closures);
//! process start + loading the rule set; batches of 1,000 and 10,000 assessments on one thread
//! and on all cores. Before the timings, the peak heap of a streamed batch of 1,000 and of
//! 10,000 is printed: it must not grow with the batch. See docs/performance.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "../tests/common/oracle.rs"]
mod oracle;
#[path = "peers_export.rs"]
mod peers_export;

use acquis::check;
use acquis::condition::ir::Answers;
use acquis::load::FileSet;
use acquis::model::{AnswerValue, Assessment};
use acquis::questionnaire;
use acquis::report;
use acquis::ruleset::{self, RuleSet};
use acquis::synth;
use rayon::prelude::*;

/// Counts live heap bytes and their peak, to show that a batch streams.
struct Peak;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Peak = Peak;

static SET: LazyLock<RuleSet> = LazyLock::new(|| {
    ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
        .expect("shipped rules load")
});

/// 100 synthetic assessments (all valid, ~10% unanswered), cycling through the jurisdictions.
static TEXTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let codes = synth::jurisdictions(&SET);
    (0..100)
        .map(|i| synth::assessment(&SET, &codes[i % codes.len()], i as u64))
        .collect()
});

/// One typical assessment (a Member State bound by every instrument).
static TEXT: LazyLock<String> = LazyLock::new(|| synth::assessment(&SET, "SI", 42));

static ASSESSMENT: LazyLock<Assessment> = LazyLock::new(|| read(&TEXT));

fn read(text: &str) -> Assessment {
    questionnaire::read_assessment(
        "bench.yaml",
        text.as_bytes(),
        &SET.questionnaire,
        &SET.jurisdictions,
    )
    .expect("valid")
}

/// What `acquis check --format json` does for one file, minus the file system.
fn pipeline(text: &str) -> usize {
    let assessment = read(text);
    let results = check::evaluate(&SET, &assessment);
    report::json(std::slice::from_ref(&results), false).len()
}

fn main() {
    LazyLock::force(&SET);
    LazyLock::force(&TEXTS);
    for n in [1_000usize, 10_000] {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let mut written = 0usize;
        for i in 0..n {
            written += pipeline(&TEXTS[i % TEXTS.len()]);
        }
        let peak = PEAK.load(Ordering::Relaxed) - base;
        println!(
            "streamed batch of {n:>6}: peak heap above baseline {:>7.1} KiB, {:.1} MB of JSON written",
            peak as f64 / 1024.0,
            written as f64 / 1e6
        );
    }
    divan::main();
}

#[divan::bench]
fn process_start_and_load_rule_set(bencher: divan::Bencher) {
    let exe = env!("CARGO_BIN_EXE_acquis");
    bencher.bench(|| {
        // The smallest area (ICSE, 9 lines): an area with no rule is refused since #19.
        let out = std::process::Command::new(exe)
            .args(["rules", "list", "--area", "icse"])
            .output()
            .expect("acquis runs");
        assert!(out.status.success());
    });
}

#[divan::bench]
fn load_and_compile_rule_set() -> RuleSet {
    ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds")).expect("loads")
}

#[divan::bench]
fn rules_test_all_examples() -> usize {
    acquis::maintain::test_examples(&SET).passed
}

#[divan::bench]
fn floor_yaml_parse_only() -> serde_json::Value {
    serde_saphyr::from_str::<serde_json::Value>(divan::black_box(&TEXT)).expect("parses")
}

#[divan::bench]
fn parse_and_validate() -> Assessment {
    read(divan::black_box(&TEXT))
}

#[divan::bench]
fn convert_for_engine() -> Answers {
    SET.layout.answers(divan::black_box(&ASSESSMENT))
}

#[divan::bench]
fn evaluate_every_rule(bencher: divan::Bencher) {
    let j = SET.jurisdiction("SI").expect("SI");
    let answers = SET.layout.answers(&ASSESSMENT);
    bencher
        .counter(divan::counter::ItemsCount::new(SET.rules.len()))
        .bench_local(|| {
            SET.rules
                .iter()
                .map(|r| r.evaluate(j, &answers, &SET.layout, "").status as usize)
                .sum::<usize>()
        });
}

/// Every rule of an assessment that leaves a tenth of its questions unanswered: the
/// rules left open by Kleene logic are decided by splitting cases.
#[divan::bench]
fn evaluate_every_rule_partial_answers(bencher: divan::Bencher) {
    let j = SET.jurisdiction("SI").expect("SI");
    let mut partial = ASSESSMENT.clone();
    let ids: Vec<String> = partial.answers.keys().cloned().collect();
    for id in ids.iter().step_by(10) {
        partial.answers.remove(id);
    }
    let answers = SET.layout.answers(&partial);
    bencher
        .counter(divan::counter::ItemsCount::new(SET.rules.len()))
        .bench_local(|| {
            SET.rules
                .iter()
                .map(|r| r.evaluate(j, &answers, &SET.layout, "").status as usize)
                .sum::<usize>()
        });
}

const FIVE: [&str; 5] = [
    "dir-2011-93.art10.records-for-recruitment",
    "dir-2011-93.art3-5-i.abuse-of-trust",
    "dir-2011-93.art19-1.assistance-throughout-proceedings",
    "cc-2019.para16.comprehensive-vetting",
    "eu-strategy-2020.s4.specialised-units",
];

#[divan::bench]
fn evaluate_five_rules(bencher: divan::Bencher) {
    let j = SET.jurisdiction("SI").expect("SI");
    let answers = SET.layout.answers(&ASSESSMENT);
    let rules: Vec<_> = FIVE.iter().map(|id| SET.rule(id).expect("rule")).collect();
    bencher
        .counter(divan::counter::ItemsCount::new(5usize))
        .bench_local(|| {
            rules
                .iter()
                .map(|r| r.evaluate(j, &answers, &SET.layout, "").status as usize)
                .sum::<usize>()
        });
}

/// The checks of the same five rules run by Rhai's own evaluator (the test oracle), as
/// acquis ran them before it had its own: what the engine is compared with.
#[divan::bench]
fn evaluate_five_checks_in_rhai(bencher: divan::Bencher) {
    let j = SET.jurisdiction("SI").expect("SI");
    let oracle = oracle::Oracle::new();
    let asts: Vec<_> = FIVE
        .iter()
        .map(|id| oracle.compile(&SET.rule(id).expect("rule").check.text.source))
        .collect();
    let answers: std::collections::BTreeMap<String, AnswerValue> = ASSESSMENT
        .answers
        .iter()
        .filter_map(|(id, a)| Some((id.clone(), a.value.clone()?)))
        .collect();
    let answers = &answers;
    bencher
        .counter(divan::counter::ItemsCount::new(5usize))
        .bench_local(|| {
            asts.iter()
                .filter(|ast| oracle.truth_of(ast, answers, &SET.questionnaire, j) == Ok(true))
                .count()
        });
}

/// The same five rules written by hand over the same answers: the floor for evaluation.
#[divan::bench]
fn floor_five_rules_as_native_closures(bencher: divan::Bencher) {
    fn boolean(a: &Assessment, q: &str) -> Option<bool> {
        match a.value(q)? {
            AnswerValue::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn int(a: &Assessment, q: &str) -> Option<i64> {
        match a.value(q)? {
            AnswerValue::Int(i) => Some(*i),
            _ => None,
        }
    }
    fn has(a: &Assessment, q: &str, v: &str) -> Option<bool> {
        match a.value(q)? {
            AnswerValue::Set(items) => Some(items.iter().any(|i| i == v)),
            _ => None,
        }
    }
    type Rule = fn(&Assessment) -> Option<bool>;
    let rules: [Rule; 5] = [
        |a| {
            Some(
                boolean(a, "ecris.entitled_professional")?
                    && boolean(a, "ecris.entitled_voluntary")?,
            )
        },
        |a| {
            Some(
                int(a, "offences.trust_below_aoc_max_years")? >= 8
                    && int(a, "offences.trust_above_aoc_max_years")? >= 3,
            )
        },
        |a| {
            let q = "victims.assistance_stages";
            Some(
                has(a, q, "before_proceedings")?
                    && has(a, q, "during_proceedings")?
                    && has(a, q, "after_proceedings")?,
            )
        },
        |a| {
            let duty = match a.value("ecris.vetting_duty")? {
                AnswerValue::Set(s) => !s.is_empty(),
                _ => false,
            };
            let form = match a.value("ecris.vetting_legal_form")? {
                AnswerValue::Text(t) => t != "guidance_only",
                _ => false,
            };
            let q = "ecris.vetting_roles";
            Some(duty && has(a, q, "staff")? && has(a, q, "volunteers")? && form)
        },
        |a| {
            let unit = match a.value("investigation.specialised_unit")? {
                AnswerValue::Text(t) => t == "national",
                _ => false,
            };
            Some(unit && boolean(a, "investigation.unit_adequately_staffed")?)
        },
    ];
    bencher
        .counter(divan::counter::ItemsCount::new(5usize))
        .bench_local(|| {
            rules
                .iter()
                .map(|r| r(divan::black_box(&ASSESSMENT)) == Some(true))
                .filter(|b| *b)
                .count()
        });
}

#[divan::bench]
fn render_json(bencher: divan::Bencher) {
    let results = check::evaluate(&SET, &ASSESSMENT);
    bencher.bench_local(|| report::json(std::slice::from_ref(&results), false).len());
}

#[divan::bench]
fn render_html(bencher: divan::Bencher) {
    let results = check::evaluate(&SET, &ASSESSMENT);
    bencher.bench_local(|| {
        let view = report::view::gap_report(
            &results,
            &ASSESSMENT,
            &SET,
            "2025-06-01",
            acquis::lang::Lang::En,
        );
        report::render::render("gap-report.html.j2", None, &view, acquis::lang::Lang::En)
            .expect("renders")
            .len()
    });
}

#[divan::bench]
fn whole_pipeline_parse_validate_evaluate_json() -> usize {
    pipeline(divan::black_box(&TEXT))
}

#[divan::bench(args = [1_000, 10_000], sample_count = 3, sample_size = 1)]
fn batch_one_thread(n: usize) -> usize {
    (0..n).map(|i| pipeline(&TEXTS[i % TEXTS.len()])).sum()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 3, sample_size = 1)]
fn batch_all_cores(n: usize) -> usize {
    (0..n)
        .into_par_iter()
        .map(|i| pipeline(&TEXTS[i % TEXTS.len()]))
        .sum()
}

/// The peers benchmark's rules and assessments, when `ACQUIS_PEERS_EXPORT` names their
/// export (see `peers_export.rs`).
static PEERS: LazyLock<Option<(RuleSet, Vec<Assessment>)>> = LazyLock::new(peers_export::load);

/// Evaluation alone, every peers rule on every peers assessment (answers converted
/// beforehand); the counter is rule evaluations, so divan prints the time per rule.
#[divan::bench]
fn evaluate_peers_rules(bencher: divan::Bencher) {
    let Some((set, assessments)) = PEERS.as_ref() else {
        eprintln!("evaluate_peers_rules: set ACQUIS_PEERS_EXPORT to the peers export folder");
        return;
    };
    // As `check` does: the answers converted and the instruments' addressing settled once
    // per assessment.
    let prepared: Vec<_> = assessments
        .iter()
        .map(|a| {
            let j = set.jurisdiction(&a.jurisdiction).expect("known");
            (
                j,
                check::addressed_instruments(set, j),
                set.layout.answers(a),
            )
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(
            set.rules.len() * prepared.len(),
        ))
        .bench_local(|| {
            prepared
                .iter()
                .flat_map(|(j, addressed, answers)| {
                    set.rules.iter().map(|r| {
                        check::evaluate_with(set, r, j, addressed, answers).1.status as usize
                    })
                })
                .sum::<usize>()
        });
}
