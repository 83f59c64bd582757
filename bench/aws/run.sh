#!/usr/bin/env bash
# AWS scan benchmark: the CloudWatch metrics source of the AWS module reads
# 200 accounts × 1,000 metrics (10 EC2 metrics of 100 catalog instances per
# account, from 10 rules) against the AWS fake in its own process with 100 ms
# of latency per call, first with no faults and then with 30% of all calls
# throttled.
#
#   bench/aws/run.sh [RUNS] [ACCOUNTS] [METRICS] [CONCURRENCY]
#
# Prints each run's JSON line (bench/aws/scan.ts) and, per variant, the
# medians: wall time, API calls, GetMetricData calls per account-region-period
# against ⌈metrics/500⌉, peak memory and the CloudWatch cost per scan.
set -euo pipefail
runs="${1:-3}"
accounts="${2:-200}"
metrics="${3:-1000}"
concurrency="${4:-16}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$CLOUDOPS_ROOT"
results="$(mktemp -d /tmp/cloudops-aws-bench.XXXXXX)"
trap 'rm -rf "$results"' EXIT

for throttle in 0 0.3; do
  for run in $(seq 1 "$runs"); do
    echo "[bench] throttle $throttle, run $run of $runs" >&2
    node --require @backstage/cli-node/config/nodeTransform.cjs bench/aws/scan.ts \
      --accounts "$accounts" --metrics "$metrics" --latency-ms 100 \
      --throttle "$throttle" --concurrency "$concurrency" --seed "$run" |
      tee -a "$results/$throttle.jsonl"
  done
done

node - "$results" <<'JS'
const fs = require('fs');
const dir = process.argv[2];
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
for (const throttle of ['0', '0.3']) {
  const rows = fs.readFileSync(`${dir}/${throttle}.jsonl`, 'utf8').trim().split('\n').map(l => JSON.parse(l));
  const m = key => median(rows.map(r => r[key]));
  const perCall = [...new Set(rows.flatMap(r => r.getMetricDataPerAccountRegionPeriod))];
  console.log(JSON.stringify({
    summary: `throttle ${throttle}`,
    runs: rows.length,
    medianWallSeconds: m('wallSeconds'),
    medianApiCalls: m('apiCalls'),
    medianThrottledCalls: m('throttledCalls'),
    getMetricDataPerAccountRegionPeriod: perCall,
    expected: rows[0].expectedPerAccountRegionPeriod,
    medianPeakRssMiB: m('peakRssMiB'),
    medianPeakHeapMiB: m('peakHeapMiB'),
    costPerScanUsd: m('costPerScanUsd'),
    everyMetricRead: rows.every(r => r.accountsIncomplete === 0 && r.failures.length === 0 && r.datapoints === r.accounts * r.metricsPerAccount * 3),
  }));
}
JS
