#!/usr/bin/env bash
# The predictive check: the forecaster on synthetic series (daily season,
# noise; half ramp up to a threshold, half stationary), RUNS times (default 3)
# with different seeds, then the medians.
#
#   bench/predictive/run.sh [RUNS] [SERIES]
#
# SERIES trending and as many stationary series per run (default 300).
set -euo pipefail
runs="${1:-3}"
series="${2:-300}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT"

lines="$(mktemp)"
run="$(mktemp)"
trap 'rm -f "$lines" "$run"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "== run $i of $runs (seed $i)" >&2
  yarn cloudops bench predictive --series "$series" --seed "$i" --json >"$run"
  cat "$run" >&2
  tail -n 1 "$run" >>"$lines"
done
node bench/lib/medians.mjs <"$lines"
