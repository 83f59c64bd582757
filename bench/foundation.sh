#!/usr/bin/env bash
# Measures, on this machine, the wall time of
#   1. a cold install: a fresh clone with empty npm and Yarn caches and no
#      project-local Node, through scripts/env.sh and `yarn install --immutable`;
#   2. the full test run: scripts/test.sh in that clone.
# Repeats RUNS times (default 3) and prints each run and the medians.
# Usage: bench/foundation.sh [RUNS]
set -euo pipefail
runs="${1:-3}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/cloudops-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

install_times=()
test_times=()
for i in $(seq 1 "$runs"); do
  clone="$work/clone-$i"
  git clone -q "$repo" "$clone"
  export npm_config_cache="$work/npm-cache-$i"
  export YARN_CACHE_FOLDER="$work/yarn-cache-$i"
  export YARN_ENABLE_GLOBAL_CACHE=false
  start=$(date +%s%N)
  (cd "$clone" && source scripts/env.sh && yarn install --immutable >"$work/install-$i.log" 2>&1)
  install_times+=("$(( ($(date +%s%N) - start) / 1000000000 ))")
  start=$(date +%s%N)
  (cd "$clone" && CI=true bash scripts/test.sh >"$work/test-$i.log" 2>&1) || {
    echo "run $i: tests failed, see the log below" >&2
    tail -40 "$work/test-$i.log" >&2
    exit 1
  }
  test_times+=("$(( ($(date +%s%N) - start) / 1000000000 ))")
  printf 'run %d: cold install %d s, full test run %d s (%s)\n' "$i" \
    "${install_times[-1]}" "${test_times[-1]}" "$(tail -1 "$work/test-$i.log")"
  rm -rf "$clone" "$work/npm-cache-$i" "$work/yarn-cache-$i"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'median of %d: cold install %s s, full test run %s s\n' "$runs" \
  "$(median "${install_times[@]}")" "$(median "${test_times[@]}")"
