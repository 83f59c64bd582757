#!/usr/bin/env bash
# Ingestion benchmark: the real backend (packages/backend) on SQLite or
# PostgreSQL against Debian's Alertmanager, same stream, same concurrency, in
# one run.
#
#   bench/ingest/run.sh [sqlite|postgres] [RUNS] [SECONDS] [CONCURRENCY] [SUSTAINED_RATE]
#
# Each run measures, for us and for Alertmanager, the most it takes (every
# sender sends again as soon as it is answered), and for us also the
# signal → incident-visible latency under a sustained offered load
# (default 5,000 signals/s). Prints each run's JSON line (bench/ingest/load.mjs)
# and a summary line with the medians and the ratio of our rate to
# Alertmanager's.
set -euo pipefail
db="${1:-sqlite}"
runs="${2:-3}"
seconds="${3:-20}"
concurrency="${4:-8}"
sustained="${5:-5000}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"
results="$(mktemp -d /tmp/cloudops-ingest.XXXXXX)"
am_pid=""
cleanup() {
  [[ -n "$am_pid" ]] && kill "$am_pid" 2>/dev/null
  stop_bench_backend
  rm -rf "$results"
}
trap cleanup EXIT

load() {
  node bench/ingest/load.mjs --seconds "$seconds" --concurrency "$concurrency" --batch 100 "$@"
}
field() {
  node -e "require('fs').readFileSync(0, 'utf8').trim().split('\n').forEach(l => console.log(JSON.parse(l)['$1']))"
}

echo "[bench] backend on $db" >&2
start_bench_backend "$db" 7107 54331 "cloudops:
  rules:
    files: [../../examples/rules/kubernetes.yaml]
    watch: false"
load --target cloudops --url "$BENCH_URL" --token "$BENCH_TOKEN" --seconds 5 >/dev/null # warm-up
for _ in $(seq 1 "$runs"); do
  load --target cloudops --url "$BENCH_URL" --token "$BENCH_TOKEN" | tee -a "$results/cloudops.jsonl"
  load --target cloudops --url "$BENCH_URL" --token "$BENCH_TOKEN" --rate "$sustained" |
    tee -a "$results/sustained.jsonl"
done
stop_bench_backend

if ! command -v prometheus-alertmanager >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-alertmanager >/dev/null
fi
cat >"$results/alertmanager.yml" <<YAML
route: { receiver: blackhole, group_wait: 1h, group_interval: 1h, repeat_interval: 24h }
receivers: [{ name: blackhole }]
YAML
echo "[bench] alertmanager $(prometheus-alertmanager --version 2>&1 | awk 'NR==1 {print $3}')" >&2
prometheus-alertmanager --config.file="$results/alertmanager.yml" --storage.path="$results/am" \
  --web.listen-address=127.0.0.1:9193 --cluster.listen-address= >"$results/am.log" 2>&1 &
am_pid=$!
wait_for_url http://127.0.0.1:9193/-/ready
load --target alertmanager --url http://127.0.0.1:9193 --seconds 5 >/dev/null # warm-up
for _ in $(seq 1 "$runs"); do
  load --target alertmanager --url http://127.0.0.1:9193 | tee -a "$results/am.jsonl"
done

ours=$(field rate <"$results/cloudops.jsonl" | median)
theirs=$(field rate <"$results/am.jsonl" | median)
node -e "console.log(JSON.stringify({
  db: '$db', runs: $runs, seconds: $seconds, concurrency: $concurrency,
  cloudopsMaxRate: $ours, alertmanagerMaxRate: $theirs, ratio: Math.round($ours / $theirs * 100) / 100,
  sustained: {
    offeredRate: $sustained,
    rate: $(field rate <"$results/sustained.jsonl" | median),
    probeP50Ms: $(field probeP50Ms <"$results/sustained.jsonl" | median),
    probeP99Ms: $(field probeP99Ms <"$results/sustained.jsonl" | median),
    batchP99Ms: $(field batchP99Ms <"$results/sustained.jsonl" | median),
  },
  atMaxRate: {
    probeP99Ms: $(field probeP99Ms <"$results/cloudops.jsonl" | median),
    batchP99Ms: $(field batchP99Ms <"$results/cloudops.jsonl" | median),
  },
}))"
