//! Evaluates every peers rule on every peers assessment N times, answers converted
//! beforehand, for exact instruction counts of evaluation alone:
//!     ACQUIS_PEERS_EXPORT=/tmp/perf-peers-export-<hash> \
//!     valgrind --tool=callgrind target/release/examples/peers_eval 10
//! (the load is a fixed cost: subtract the run with N = 0).
#[path = "../benches/peers_export.rs"]
mod peers_export;

use acquis::check;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let (set, assessments) = peers_export::load().expect("set ACQUIS_PEERS_EXPORT");
    let prepared: Vec<_> = assessments
        .iter()
        .map(|a| {
            let j = set.jurisdiction(&a.jurisdiction).expect("known");
            (
                j,
                check::addressed_instruments(&set, j),
                set.layout.answers(a),
            )
        })
        .collect();
    let mut by_status = [0usize; 8];
    for _ in 0..n {
        for (j, addressed, answers) in &prepared {
            for rule in &set.rules {
                let status = check::evaluate_with(&set, rule, j, addressed, answers)
                    .1
                    .status;
                by_status[status as usize] += 1;
            }
        }
    }
    println!(
        "{} rule evaluations; by status: {by_status:?}",
        n * set.rules.len() * prepared.len()
    );
}
