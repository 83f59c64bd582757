#!/usr/bin/env bash
# Alertmanager webhook benchmark: the real backend (packages/backend, SQLite)
# with the Prometheus module's receiver, fed Alertmanager notifications as
# fast as it answers, against the same alerts pushed as signals to
# POST /api/cloudops/signals: what the receiver (credential check, version 4
# parsing, unpacking, health record) costs over the plain ingestion path.
#
#   bench/prometheus/run.sh [RUNS] [SECONDS] [CONCURRENCY] [ALERTS_PER_DELIVERY]
#
# Prints each run's JSON line (bench/prometheus/webhook-load.mjs) and a
# summary with the medians and the ratio of the webhook's rate to /signals'.
set -euo pipefail
runs="${1:-3}"
seconds="${2:-20}"
concurrency="${3:-8}"
alerts="${4:-20}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"
results="$(mktemp -d /tmp/cloudops-webhook.XXXXXX)"
trap 'stop_bench_backend; rm -rf "$results"' EXIT
webhook_token="webhook-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

start_bench_backend sqlite 7108 0 "cloudops:
  rules:
    files: [../../examples/rules/kubernetes.yaml]
    watch: false
  prometheus:
    webhook:
      receivers:
        - name: cloudops
          cluster: prod
          auth: { bearerToken: $webhook_token }"

load() {
  node bench/prometheus/webhook-load.mjs --url "$BENCH_URL" --seconds "$seconds" \
    --concurrency "$concurrency" --alerts "$alerts" "$@"
}
field() {
  node -e "require('fs').readFileSync(0, 'utf8').trim().split('\n').forEach(l => console.log(JSON.parse(l)['$1']))"
}

load --via webhook --token "$webhook_token" --seconds 5 >/dev/null # warm-up
for _ in $(seq 1 "$runs"); do
  load --via webhook --token "$webhook_token" | tee -a "$results/webhook.jsonl"
  load --via signals --token "$BENCH_TOKEN" | tee -a "$results/signals.jsonl"
done

webhook=$(field rate <"$results/webhook.jsonl" | median)
signals=$(field rate <"$results/signals.jsonl" | median)
node -e "console.log(JSON.stringify({
  runs: $runs, seconds: $seconds, concurrency: $concurrency, alertsPerDelivery: $alerts,
  webhookRate: $webhook, signalsRate: $signals, ratio: Math.round($webhook / $signals * 100) / 100,
  webhookP99Ms: $(field p99Ms <"$results/webhook.jsonl" | median),
  signalsP99Ms: $(field p99Ms <"$results/signals.jsonl" | median),
  errors: $(cat "$results"/*.jsonl | field errors | awk '{s += $1} END {print s}'),
}))"
