#!/usr/bin/env bash
# The savings accuracy check, RUNS times (default 3): a synthetic fleet of
# 2,150 resources with known ground truth through the real detection
# functions and the engine's pipeline (SQLite in memory); each run's report,
# then the medians of its JSON line (precision and recall per kind, seconds).
#
#   bench/savings/run.sh [RUNS] [SEED]
#
# The accuracy is the same every run (the fleet is seeded); the seconds vary
# with the machine.
set -euo pipefail
runs="${1:-3}"
seed="${2:-42}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT"

lines="$(mktemp)"
run="$(mktemp)"
trap 'rm -f "$lines" "$run"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "== run $i of $runs" >&2
  yarn cloudops bench savings --json --seed "$seed" >"$run"
  cat "$run" >&2
  tail -n 1 "$run" >>"$lines"
done
node bench/lib/medians.mjs <"$lines"
