#!/usr/bin/env bash
# The CloudOps frontend in headless Chromium, on the production build of the
# app served by the real backend.
#
#   bench/frontend/run.sh [RUNS] [INCIDENTS] [NODES] [sqlite|postgres]
#
# BENCH_SKIP_BUILD=1 measures the app already built in packages/app/dist and
# skips the bundle comparison.
#
# 1. Builds packages/app twice, without and with the CloudOps plugin (the app
#    discovers plugins from its package.json), and prints what the plugin adds
#    to the app's JavaScript (bench/frontend/bundle.mjs).
# 2. Starts packages/backend on a fresh database (SQLite by default) serving that build,
#    with a synthetic estate of NODES components (default 500) in its catalog
#    (bench/frontend/estate.mjs), and raises INCIDENTS open incidents (default
#    10,000) through the API (bench/frontend/seed.mjs).
# 3. Prints the JSON line of bench/frontend/measure.mjs (medians over RUNS,
#    default 7): NOC dashboard first render, graph first render and frame
#    times while panning.
set -euo pipefail
runs="${1:-7}"
incidents="${2:-10000}"
nodes="${3:-500}"
db="${4:-sqlite}"

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
source "$CLOUDOPS_ROOT/bench/lib/backend.sh"
cd "$CLOUDOPS_ROOT"

app_json=packages/app/package.json
scratch="$(mktemp -d /tmp/cloudops-bench-frontend.XXXXXX)"
cleanup() {
  [[ -f "$scratch/package.json" ]] && cp "$scratch/package.json" "$app_json"
  stop_bench_backend
  rm -rf "$scratch"
}
trap cleanup EXIT

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
echo "[bench] building the app without the CloudOps plugin" >&2
cp "$app_json" "$scratch/package.json"
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete p.dependencies["@cloudops-ai/backstage-plugin-cloudops"];
  fs.writeFileSync(process.argv[1], JSON.stringify(p, null, 2) + "\n");
' "$app_json"
yarn workspace app build >"$scratch/build-without.log" 2>&1
mv packages/app/dist "$scratch/dist-without"
cp "$scratch/package.json" "$app_json"
echo "[bench] building the app with it" >&2
yarn workspace app build >"$scratch/build-with.log" 2>&1
echo "bundle $(node bench/frontend/bundle.mjs packages/app/dist "$scratch/dist-without")"
fi

node bench/frontend/estate.mjs "$scratch/estate.yaml" "$nodes"
port=7111
start_bench_backend "$db" "$port" 54349 "app:
  baseUrl: http://localhost:$port
catalog:
  locations:
    - type: file
      target: $scratch/estate.yaml
      rules:
        - allow: [Component, System, Group]
cloudops:
  catalog:
    changeCheckInterval: 5s"
node bench/frontend/seed.mjs --url "$BENCH_URL" --token "$BENCH_TOKEN" \
  --count "$incidents" --nodes "$nodes"
node bench/frontend/measure.mjs --url "$BENCH_URL" --runs "$runs"
