#!/usr/bin/env bash
# Adds the worked example of docs/adding-a-rule.md (its question and its rule, taken from
# the document's YAML blocks) to a copy of the committed checkout, then runs the rule
# checks and the whole test suite there. It shows that adding a rule touches only its own
# files: `git status` lists the question file and the new rule, and no snapshot changes
# (insta fails on any difference; INSTA_UPDATE=no so none is written).
#
#   scripts/try-worked-example.sh [TARGET_DIR_TO_COPY]
#
# A target directory to copy (e.g. your CARGO_TARGET_DIR) spares building the dependencies.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/acquis"
git -C "$here" archive HEAD | tar -x -C "$work/acquis"
[ -d "$here/../shared" ] && ln -s "$here/../shared" "$work/shared"
if [ $# -gt 0 ]; then
  echo "== copying $1 (build cache)"
  # A cache only: a file that changes while it is copied is rebuilt, not needed.
  cp -a "$1" "$work/target" 2>/dev/null || echo "(some files changed while copied; cargo rebuilds them)"
fi
export CARGO_TARGET_DIR="$work/target" INSTA_UPDATE=no CI=true
cd "$work/acquis"
git init -q && git add -A && git -c user.name=x -c user.email=x@x commit -qm base

python3 - <<'PY'
import re
doc = open("docs/adding-a-rule.md").read()
worked = doc.split("## Worked example", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```yaml\n(.*?)```", worked, re.S)
assert len(blocks) == 2, f"expected the question and the rule, found {len(blocks)} blocks"
question, rule = blocks
with open("rules/questions/icse.yaml", "a") as f:
    f.write(question)
with open("rules/cc-2019/para17-europol-vidtf.yaml", "w") as f:
    f.write(rule)
PY

echo "== files the worked example changed"
git status --short
echo "== acquis rules lint / rules test"
cargo run -q -- rules lint || echo "rules lint: exit $?"
(cargo run -q -- rules test || echo "rules test: exit $?") | tail -1
echo "== cargo test (whole suite)"
set +e
# tests/worked_example.rs adds the example to a copy of rules/ itself: here it is there already.
cargo test --no-fail-fast -- --skip the_guides_worked_example_is_a_clean_rule >"$work/test.log" 2>&1
status=$?
set -e
grep -E '^test result|FAILED|panicked|snapshot assertion' "$work/test.log" | grep -v 'test result: ok' || true
echo "cargo test: $(grep -c '^test result: ok' "$work/test.log") test binaries passed, exit code $status"
echo "== files changed after the tests (snapshots would show here)"
git status --short
exit "$status"
