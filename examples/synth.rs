//! Writes synthetic self-assessments for benchmarks and load tests.
//!
//!     cargo run --release --example synth -- COUNT OUT_DIR [SEED]
//!
//! Every question answered with a valid random value, about 10% left empty, evidence text of a
//! realistic length; deterministic for a given seed. The files cycle through the jurisdictions.

use acquis::load::FileSet;
use acquis::ruleset;
use acquis::synth;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|c| c.parse::<u64>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: synth COUNT OUT_DIR [SEED]");
        std::process::exit(2);
    };
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let set = ruleset::load(&FileSet::builtin("rules"), &FileSet::builtin("seeds"))
        .expect("built-in rules load");
    let codes = synth::jurisdictions(&set);
    std::fs::create_dir_all(dir).expect("output folder");
    for i in 0..count {
        let code = &codes[(i % codes.len() as u64) as usize];
        let path = format!("{dir}/synthetic-{i:05}-{}.yaml", code.to_lowercase());
        std::fs::write(
            &path,
            synth::assessment(&set, code, seed.wrapping_mul(1_000_003) + i),
        )
        .expect("write");
    }
    println!("wrote {count} synthetic assessments to {dir}");
}
