#!/usr/bin/env bash
# Does ingestion slow down as the signals table grows? Runs RUNS back-to-back
# "max" runs of bench/ingest/load.mjs against one backend (real
# packages/backend, fresh database, the Kubernetes rules) and prints, per run,
# the rate and the CPU time per signal of the backend and (on PostgreSQL) of
# the database server, which the other engineers' load on the machine does
# not inflate the way it does the rate.
#
#   bench/ingest/growth.sh [sqlite|postgres] [RUNS] [SECONDS]
set -euo pipefail
db="${1:-postgres}"
runs="${2:-5}"
seconds="${3:-20}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"
trap stop_bench_backend EXIT

# CPU seconds used so far by the backend's process group.
backend_cpu() {
  ps -o pid= -g "$BENCH_BACKEND_PID" | while read -r pid; do
    cat "/proc/$pid/stat" 2>/dev/null || true
  done | awk '{ s += $14 + $15 } END { print s / 100 }'
}
# CPU seconds used so far by PostgreSQL: its live processes plus those that ended.
postgres_cpu() {
  [[ "$db" == postgres ]] || { echo 0; return; }
  local postmaster
  postmaster="$(head -1 "$CLOUDOPS_PG_DATA/db/postmaster.pid")"
  {
    awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
    ps -o pid= --ppid "$postmaster" | while read -r pid; do
      awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
    done
  } | awk '{ s += $1 } END { print s / 100 }'
}

echo "[bench] backend on $db" >&2
start_bench_backend "$db" 7109 54333 "cloudops:
  rules:
    files: [../../examples/rules/kubernetes.yaml]
    watch: false"
load() {
  node bench/ingest/load.mjs --target cloudops --url "$BENCH_URL" --token "$BENCH_TOKEN" \
    --concurrency 8 --batch 100 "$@"
}
signals() { node -e "console.log(JSON.parse(process.argv[1]).signals)" "$1"; }
stored="$(signals "$(load --seconds 5)")" # warm-up
for run in $(seq 1 "$runs"); do
  backend0="$(backend_cpu)"
  postgres0="$(postgres_cpu)"
  line="$(load --seconds "$seconds")"
  backend1="$(backend_cpu)"
  postgres1="$(postgres_cpu)"
  node -e "
    const r = JSON.parse(process.argv[1]);
    const stored = $stored + r.signals;
    console.log(JSON.stringify({
      db: '$db', run: $run, signalsSentSoFar: stored, rate: r.rate,
      backendUsPerSignal: Math.round(($backend1 - $backend0) / r.signals * 1e6),
      postgresUsPerSignal: '$db' === 'postgres' ? Math.round(($postgres1 - $postgres0) / r.signals * 1e6) : null,
      loadAverage: Number(require('os').loadavg()[0].toFixed(1)),
    }));" "$line"
  stored=$((stored + $(signals "$line")))
done
