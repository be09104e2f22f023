#!/usr/bin/env bash
# Reproduces the figures of docs/performance.md on this machine.
#
#   scripts/bench.sh            # cargo bench, then whole-command timings and peak memory
#
# cargo bench measures the library in-process (benches/pipeline.rs, divan). The command-level
# part times the release binary the way users run it and reads its peak resident memory with
# GNU time, over 1,000 and 10,000 synthetic assessments (examples/synth.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bins --examples
echo "== cargo bench --bench pipeline"
cargo bench --quiet --bench pipeline
bin=target/release/acquis
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
target/release/examples/synth 10000 "$data" 1 >/dev/null
mapfile -t all < <(find "$data" -name '*.yaml' | sort)
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" >/dev/null 2>"$data/time" || true
  tail -1 "$data/time"
}
echo "== whole commands (release build)"
measure "start + load + list (no rules)" "$bin" rules list --area none
measure "rules test (all examples)" "$bin" rules test
for n in 1000 10000; do
  files=("${all[@]:0:$n}")
  measure "check --format json, $n files, all cores" "$bin" check --format json --fail-on never "${files[@]}"
  RAYON_NUM_THREADS=1 measure "check --format json, $n files, one thread" "$bin" check --format json --fail-on never "${files[@]}"
done
