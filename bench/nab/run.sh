#!/usr/bin/env bash
# The anomaly detector on the whole Numenta Anomaly Benchmark, RUNS times
# (default 3): each run's full report, then the medians of its JSON line
# (the three normalised scores, wall seconds, points).
#
#   bench/nab/run.sh [RUNS] [NAB_DIR]
#
# NAB_DIR defaults to <repo>/../shared/datasets/nab. The scores are the same
# every run (the detector is deterministic); the seconds vary with the machine.
set -euo pipefail
runs="${1:-3}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT"
data=(); [[ -n "${2:-}" ]] && data=(--data "$2")

lines="$(mktemp)"
run="$(mktemp)"
trap 'rm -f "$lines" "$run"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "== run $i of $runs" >&2
  yarn cloudops bench nab --json "${data[@]}" >"$run"
  cat "$run" >&2
  tail -n 1 "$run" >>"$lines"
done
node bench/lib/medians.mjs <"$lines"
