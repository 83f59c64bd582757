#!/usr/bin/env bash
# Dispatch latency benchmark: incident opened → first notification handed to
# Slack (p99 target ≤ 1 s), with the real backend (packages/backend) and its
# Slack module posting to a local fake of the Slack Web API.
#
#   bench/dispatch/run.sh [sqlite|postgres] [RUNS] [INCIDENTS] [RATE]
#
# Prints each run's JSON line (bench/dispatch/latency.mjs) and a summary with
# the medians over the runs and the ratio of the median p99 to the 1 s target.
set -euo pipefail
db="${1:-sqlite}"
runs="${2:-3}"
incidents="${3:-300}"
rate="${4:-20}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"
results="$(mktemp -d /tmp/cloudops-dispatch.XXXXXX)"
trap 'stop_bench_backend; rm -rf "$results"' EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
slack_port="$(free_port)"
backend_port="$(free_port)"

echo "[bench] backend on $db, fake Slack on 127.0.0.1:$slack_port" >&2
start_bench_backend "$db" "$backend_port" 54332 "cloudops:
  rules:
    watch: false
    inline:
      - id: bench-dispatch
        match: { kind: alert, name: BenchDispatch }
        condition: { type: firing }
        severity: critical
        title: 'bench-{{labels.n}}'
        dedupKey: 'bench:{{labels.n}}'
        actions:
          - { type: notify, channel: slack, target: '#bench' }
  slack:
    botToken: xoxb-bench
    apiUrl: http://127.0.0.1:$slack_port/api/"

latency() {
  node bench/dispatch/latency.mjs --url "$BENCH_URL" --token "$BENCH_TOKEN" --slack-port "$slack_port" "$@"
}
latency --incidents 200 --rate "$rate" >/dev/null # warm-up (JIT, first catalog reads)
for _ in $(seq 1 "$runs"); do
  latency --incidents "$incidents" --rate "$rate" | tee -a "$results/runs.jsonl"
done

field() {
  node -e "require('fs').readFileSync(0, 'utf8').trim().split('\n').forEach(l => console.log(JSON.parse(l)['$1']))"
}
p99=$(field p99Ms <"$results/runs.jsonl" | median)
node -e "console.log(JSON.stringify({
  db: '$db', runs: $runs, incidents: $incidents, ratePerSecond: $rate,
  p50Ms: $(field p50Ms <"$results/runs.jsonl" | median),
  p90Ms: $(field p90Ms <"$results/runs.jsonl" | median),
  p99Ms: $p99,
  maxMs: $(field maxMs <"$results/runs.jsonl" | median),
  p99OverTarget: Math.round($p99 / 1000 * 100) / 100,
}))"
