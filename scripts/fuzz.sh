#!/usr/bin/env bash
# Runs the cargo-fuzz targets (assessment, rule, xlsx) for a fixed time each and keeps what they find.
#
#   scripts/fuzz.sh [SECONDS]      (default 600 per target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz uses nightly flags; on the stable
# toolchain RUSTC_BOOTSTRAP=1 lets it through. Crashes found are copied to
# tests/fuzz-regressions/<target>/, where tests/fuzz_regressions.rs replays them on every
# `cargo test`, so a crash fixed once stays fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
export RUSTC_BOOTSTRAP=1
for target in assessment rule xlsx; do
  mkdir -p "fuzz/corpus/$target" "tests/fuzz-regressions/$target"
  case "$target" in
    assessment) cp -n seeds/assessments/*.yaml "fuzz/corpus/$target/" ;;
    rule) cp -n rules/cc-2019/*.yaml "fuzz/corpus/$target/" ;;
    xlsx) cp -n tests/fuzz-regressions/xlsx/seed-* "fuzz/corpus/$target/" ;;
  esac
  # A workbook with its parts stored (not deflated) lets mutations reach the XML.
  max_len=65536
  [ "$target" = xlsx ] && max_len=262144
  echo "== fuzzing $target for ${seconds}s"
  (cd fuzz && cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048) \
    2>&1 | tee "fuzz/$target.log" | grep -E "^#[0-9]+ *(DONE|pulse)|Done [0-9]+ runs|ERROR|SUMMARY" || true
  for crash in fuzz/artifacts/"$target"/crash-* fuzz/artifacts/"$target"/oom-* fuzz/artifacts/"$target"/timeout-*; do
    [ -e "$crash" ] && cp "$crash" "tests/fuzz-regressions/$target/"
  done
  grep -E "Done [0-9]+ runs" "fuzz/$target.log" || true
done
