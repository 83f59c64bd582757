#!/usr/bin/env bash
# Incident queries over a large store, through the real backend's HTTP API.
#
#   bench/query/run.sh [sqlite|postgres] [COUNT]
#
# BENCH_PORT and BENCH_PG_PORT override the backend's and PostgreSQL's ports
# (7108, 54332).
#
# Starts packages/backend on a fresh database, seeds COUNT incidents
# (default 1,000,000) with bench/query/seed.mjs, and prints the JSON line of
# bench/query/measure.mjs.
set -euo pipefail
db="${1:-sqlite}"
count="${2:-1000000}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"
trap stop_bench_backend EXIT

start_bench_backend "$db" "${BENCH_PORT:-7108}" "${BENCH_PG_PORT:-54332}"
if [[ "$db" == postgres ]]; then
  node bench/query/seed.mjs --client pg --connection "$BENCH_PG/backstage_plugin_cloudops" --count "$count"
else
  node bench/query/seed.mjs --client better-sqlite3 --connection "$BENCH_WORK/sqlite/cloudops.sqlite" --count "$count"
fi
node bench/query/measure.mjs --url "$BENCH_URL" --token "$BENCH_TOKEN"
