#!/usr/bin/env bash
# The demo fleet benchmark, RUNS times (default 3): every chaos scenario
# played on a fresh backend (SQLite in memory, the example catalog, rules and
# runbooks, simulated time 60 times faster, shards read every second), as the
# per-scenario tests play them. Per run: detection latency (fault start →
# incident open, simulated seconds; and wall seconds) and RCA correctness
# (the top cause is the injected service); then the medians over the runs.
#
#   bench/demo/run.sh [RUNS]
set -euo pipefail
runs="${1:-3}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT/plugins/cloudops-backend-module-demo"

lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "== run $i of $runs" >&2
  CI=true CLOUDOPS_DEMO_BENCH_OUT="$lines" yarn backstage-cli package test \
    --testMatch '**/src/bench/scenarios.bench.ts' --testPathIgnorePatterns '/node_modules/' >&2
  tail -n 1 "$lines" >&2
done
node "$CLOUDOPS_ROOT/bench/lib/medians.mjs" <"$lines"
